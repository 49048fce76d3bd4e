//! A real as-of date: `--today D` shows the plan as it stood at the end of D. Events after D are
//! left out of the state, the lights, the trend and the changes, and the program says how many.
#![allow(clippy::unwrap_used)]

use std::fs;

use assert_cmd::Command;
use jiff::civil::{Date, date};
use serde_json::Value;
use workplan::journal::{Change, Event, Store};
use workplan::plan::LoadedPlan;
use workplan::progress::fold_until;
use workplan::report::meeting::MeetingReport;

use crate::common;

/// A change of `node`'s percent by 李强 at `when` (UTC).
fn change(n: u128, when: &str, node: &str, percent: u8) -> Event {
    let c = Change {
        node: node.into(),
        percent: Some(percent),
        ..Change::default()
    };
    common::change(n, when, "李强", c)
}

/// Four months of history: May and July changes, a June checkpoint, October changes.
fn history() -> Vec<Event> {
    vec![
        change(1, "2023-05-10T02:00:00Z", "1.1.1", 20),
        change(2, "2023-05-20T02:00:00Z", "2.1.1", 40),
        common::meeting(3, "2023-06-30T02:00:00Z", "李强", "六月例会"),
        change(4, "2023-07-15T02:00:00Z", "1.1.1", 60),
        change(5, "2023-10-05T02:00:00Z", "1.1.1", 100),
        change(6, "2023-10-06T02:00:00Z", "3.1.1", 50),
    ]
}

/// `workplan` on a folder holding [`history`], as of `day`.
fn workplan(dir: &std::path::Path, day: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_workplan"));
    c.envs(common::ISOLATED)
        .env("WORKPLAN_NOW", "2023-11-01T02:00:00Z")
        .env("WORKPLAN_DATA_DIR", dir)
        .env("WORKPLAN_USER", "王敏")
        .args(["--lang", "zh", "--today", day]);
    c
}

fn percent_of(status: &Value, id: &str) -> f64 {
    common::tasks(status).find(|t| t["id"] == id).unwrap()["percent"]
        .as_f64()
        .unwrap()
}

#[test]
fn each_as_of_date_shows_the_plan_as_it_stood_then() {
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path(), "xjw-2023", "李强")
        .append(&history())
        .unwrap();
    let cases: [(&str, [f64; 3], usize, &str); 3] = [
        ("2023-05-31", [20.0, 40.0, 0.0], 4, "全部变更"),
        ("2023-07-31", [60.0, 40.0, 0.0], 2, "六月例会"),
        ("2023-10-31", [100.0, 40.0, 50.0], 0, "六月例会"),
    ];
    for (day, [p111, p211, p311], hidden, since) in cases {
        let out = workplan(dir.path(), day)
            .args(["status", "--format", "json"])
            .assert()
            .success();
        let status: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(status["as_of"], day);
        let got = [
            percent_of(&status, "1.1.1"),
            percent_of(&status, "2.1.1"),
            percent_of(&status, "3.1.1"),
        ];
        assert_eq!(got, [p111, p211, p311], "as of {day}");
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        if hidden > 0 {
            assert!(
                err.contains(&format!("其后 {hidden} 条记录未计入")),
                "{day}: {err}"
            );
        } else {
            assert!(err.is_empty(), "{day}: {err}");
        }
        // The minutes of that day: the changes since the checkpoint known then, nothing later.
        let out = workplan(dir.path(), day)
            .args(["export", "--format", "md", "-o", "-"])
            .assert()
            .success();
        let md = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let heading = md
            .lines()
            .find(|l| l.contains("变化") || l.contains("变更"))
            .unwrap();
        assert!(heading.contains(since), "{day}: {heading}");
        assert_eq!(
            md.contains("3.1.1 | 完成率 0%→50%"),
            day == "2023-10-31",
            "{day}"
        );
    }
    // Looking back writes nothing; today's view sees all.
    assert_eq!(
        fs::read_dir(dir.path().join("xjw-2023")).unwrap().count(),
        2,
        "only 李强's journal and lock"
    );
}

#[test]
fn the_trend_and_the_changes_end_where_the_state_does() {
    let plan = LoadedPlan::embedded().unwrap();
    for (day, last_change) in [
        (date(2023, 5, 31), Some("2.1.1")),
        (date(2023, 7, 31), Some("1.1.1")),
        (date(2023, 10, 31), Some("3.1.1")),
    ] {
        let until = workplan::context::end_of_past_day_at(day, date(2023, 11, 1));
        let progress = fold_until(&plan, history(), day, until);
        let report = MeetingReport::new(&plan, &progress, workplan::i18n::Lang::Zh);
        let end: Date = *report.trend.weeks.last().unwrap();
        assert!(end <= day, "{day}: trend ends {end}");
        assert_eq!(
            report.trend.overall.last().copied().unwrap(),
            progress.overall.percent,
            "{day}: the trend's last point is the state"
        );
        assert_eq!(
            report.changes.last().map(|c| c.node.as_str()),
            last_change,
            "{day}"
        );
    }
}

/// The number in "其后 N 条记录未计入" on `text`, if it says so.
fn left_out(text: &str) -> Option<usize> {
    let (_, after) = text.split_once("其后 ")?;
    let (n, _) = after.split_once(" 条记录未计入")?;
    n.trim().parse().ok()
}

#[test]
fn replaying_a_meeting_leaves_out_what_as_of_its_day_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = history();
    // A checkpoint just made: nothing came after it.
    events.push(common::meeting(
        7,
        "2023-10-31T06:00:00Z",
        "李强",
        "十月例会",
    ));
    Store::new(dir.path(), "xjw-2023", "李强")
        .append(&events)
        .unwrap();
    let as_of = |day: &str| {
        let out = workplan(dir.path(), day)
            .args(["status"])
            .assert()
            .success();
        left_out(&String::from_utf8_lossy(&out.get_output().stderr))
    };
    let data = dir.path().to_str().unwrap();
    let mut s = common::pty::Session::start_bare(
        &["--user", "王敏", "--lang", "zh", "--data-dir", data],
        &[("WORKPLAN_NOW", "2023-11-01T02:00:00Z")],
        120,
        35,
    );
    s.wait_for("工作安排");
    s.send("m");
    s.wait_for("会议视图");
    s.send("[");
    s.wait_for("回看 十月例会");
    let screen = s.contents();
    assert_eq!(left_out(&screen), None, "nothing after it:\n{screen}");
    assert_eq!(as_of("2023-10-31"), None);
    s.send("[");
    s.wait_for("回看 六月例会");
    let screen = s.contents();
    // July, two in October and the October checkpoint; not the June checkpoint itself.
    assert_eq!(left_out(&screen), Some(4), "{screen}");
    assert_eq!(as_of("2023-06-30"), Some(4));
    s.send("q");
    s.send("q");
    assert!(s.wait_exit());
}
