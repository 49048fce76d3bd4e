//! The real binary in a pseudo-terminal: keys in, screen out, then the journal checked by the CLI.
#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::common;

use common::pty::Session;

const BIN: &str = env!("CARGO_BIN_EXE_workplan");

fn status_json(data: &Path) -> serde_json::Value {
    let out = std::process::Command::new(BIN)
        .envs(common::ISOLATED)
        .args([
            "--user",
            "测试员",
            "--today",
            "2023-09-01",
            "status",
            "--format",
            "json",
        ])
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn task<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    common::tasks(json).find(|t| t["id"] == id).unwrap()
}

#[test]
fn mark_a_task_done_with_a_chinese_note_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 80, 24);
    s.wait_for("汇集民智");
    s.go_to_task_1_1_1();
    s.send("s");
    s.wait_for("设置状态");
    s.send("3"); // 已完成
    s.wait_for("状态: 已完成");
    s.send("a");
    s.wait_for("写进展 1.1.1");
    s.send("召开座谈会，收集意见12条");
    s.send("\x13"); // Ctrl-S
    s.wait_for("收集意见12条");
    s.send("q");
    assert!(s.wait_exit());
    let tail = s.output_tail();
    assert!(
        tail.contains("\x1b[?1049l"),
        "left the alternate screen: {tail:?}"
    );

    let json = status_json(dir.path());
    let t = task(&json, "1.1.1");
    assert_eq!(t["status"], "done");
    assert_eq!(t["percent"], 100.0);
    assert_eq!(t["note"], "召开座谈会，收集意见12条");
    assert_eq!(t["updated_by"], "测试员");
}

#[test]
fn a_change_from_the_command_line_shows_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(dir.path(), 100, 30);
    s.wait_for("汇集民智");
    common::colleague_blocks_area_1(dir.path());
    let start = Instant::now();
    s.wait_for("受阻 12");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal_and_keeps_saved_changes() {
    a_signal_restores_the_terminal_and_keeps_saved_changes("TERM");
}

#[cfg(unix)]
#[test]
fn sigint_restores_the_terminal_and_keeps_saved_changes() {
    a_signal_restores_the_terminal_and_keeps_saved_changes("INT");
}

#[cfg(unix)]
#[test]
fn sigquit_restores_the_terminal_and_keeps_saved_changes() {
    a_signal_restores_the_terminal_and_keeps_saved_changes("QUIT");
}

/// Sends `signal` (as `kill -<signal>` does) to a dashboard with a saved change.
#[cfg(unix)]
fn a_signal_restores_the_terminal_and_keeps_saved_changes(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 80, 24);
    start_task_1_1_1(&mut s);
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_exit();
    let tail = s.output_tail();
    assert!(
        tail.contains("\x1b[?1049l"),
        "left the alternate screen: {tail:?}"
    );
    assert!(tail.contains("\x1b[?25h"), "cursor shown again: {tail:?}");
    assert_eq!(
        task(&status_json(dir.path()), "1.1.1")["status"],
        "in_progress"
    );
}

#[test]
fn a_change_reaches_the_local_copy_once_it_is_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = cache_dir.path().to_str().unwrap().to_string();
    let mut s = Session::start_with(dir.path(), 80, 24, &[("WORKPLAN_CACHE_DIR", &cache)]);
    start_task_1_1_1(&mut s);
    let journal = dir.path().join("xjw-2023").join("测试员.jsonl");
    let line = std::fs::read_to_string(journal).unwrap();
    let copied = || {
        std::fs::read_dir(cache_dir.path())
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("events.jsonl")).ok())
            .any(|text| text.contains(line.trim_end()))
    };
    // While the dashboard runs, with no other key pressed.
    let start = Instant::now();
    while !copied() {
        assert!(start.elapsed() < Duration::from_secs(5), "not copied");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_change_made_just_before_quitting_reaches_the_local_copy() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = cache_dir.path().to_str().unwrap().to_string();
    let mut s = Session::start_with(dir.path(), 80, 24, &[("WORKPLAN_CACHE_DIR", &cache)]);
    s.wait_for("汇集民智");
    s.send("j");
    s.send("l");
    s.send("j");
    // Space and q at once: the copy is kept on the way out.
    s.send_now(" q");
    assert!(s.wait_exit());
    let journal = dir.path().join("xjw-2023").join("测试员.jsonl");
    let line = std::fs::read_to_string(journal).unwrap();
    let copied = std::fs::read_dir(cache_dir.path())
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("events.jsonl")).ok())
        .any(|text| text.contains(line.trim_end()));
    assert!(copied, "the change is not in this computer's copy");
}

#[test]
fn too_small_a_terminal_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 60, 20);
    s.wait_for("窗口太小");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn closing_the_terminal_ends_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    for (k, v) in common::ISOLATED {
        cmd.env(k, v);
    }
    cmd.arg("--data-dir");
    cmd.arg(dir.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the first frame is drawn, then let go of every handle on the terminal.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0);
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.process(&buf[..n]);
            if screen.screen().contents().contains("汇集民智") {
                break;
            }
        }
    });
    reading.join().unwrap();
    drop(pair.master); // the terminal window is closed
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the dashboard kept running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `workplan set` as `user` with the given arguments and more environment variables (they
/// win over the isolating ones); its output.
fn set_as_with(
    data: &Path,
    env: &[(&str, &str)],
    user: &str,
    args: &[String],
) -> std::process::Output {
    std::process::Command::new(BIN)
        .envs(common::ISOLATED)
        .envs(env.iter().copied())
        .args(["--user", user, "set"])
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap()
}

#[test]
fn two_writers_and_a_dashboard_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 120, 40);
    s.wait_for("汇集民智");
    let runs: usize = std::env::var("WORKPLAN_WRITER_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    // Two officers on the command line, on tasks of areas 2-3 and 4-6.
    let writers: Vec<_> = [
        ("甲", ["2.1.1", "2.4.2", "3.1.6", "3.3.3"]),
        ("乙", ["4.1.1", "5.2.3", "6.1.5", "6.3.3"]),
    ]
    .into_iter()
    .map(|(user, tasks)| {
        let data = dir.path().to_path_buf();
        std::thread::spawn(move || {
            // (runs that succeeded, changes written): a task set to the percent it already
            // has (0% at first) succeeds and writes nothing.
            (0..runs)
                .map(|i| {
                    let args = [
                        tasks[i % 4].to_string(),
                        "--percent".into(),
                        ((i % 10) * 10).to_string(),
                    ];
                    let out = set_as_with(&data, &[], user, &args);
                    let saved = String::from_utf8_lossy(&out.stdout).contains("已保存");
                    (usize::from(out.status.success()), usize::from(saved))
                })
                .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
        })
    })
    .collect();
    // Meanwhile the dashboard's officer raises 1.1.1 step by step.
    s.go_to_task_1_1_1();
    for _ in 0..10 {
        s.send("+");
    }
    let (succeeded, saved) = writers
        .into_iter()
        .map(|w| w.join().unwrap())
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    assert_eq!(succeeded, 2 * runs);
    assert_eq!(
        saved,
        2 * runs - 2,
        "each writer's first 0% changes nothing"
    );
    s.wait_for("状态: 已完成");

    let log = std::process::Command::new(BIN)
        .envs(common::ISOLATED)
        .args(["log", "--format", "json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let events: serde_json::Value = serde_json::from_slice(&log.stdout).unwrap();
    assert_eq!(
        events["events"].as_array().unwrap().len(),
        saved + 10,
        "every change is in the journal"
    );
    // The dashboard shows the same state as a fresh reader.
    let overall = status_json(dir.path())["percent"].as_f64().unwrap();
    let shown = format!("{}%", workplan::i18n::format_percent(overall));
    s.wait_for(&shown);
    eprintln!("two writers: {saved} changes + 10 from the dashboard, none lost; overall {shown}");
}

#[test]
fn resizing_through_every_size_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 80, 24);
    s.wait_for("汇集民智");
    s.send("?");
    for (cols, rows) in [
        (1, 1),
        (2, 1),
        (20, 5),
        (79, 23),
        (80, 24),
        (300, 100),
        (1, 100),
        (300, 1),
        (120, 35),
    ] {
        s.resize(cols, rows);
        std::thread::sleep(Duration::from_millis(80));
        assert!(
            s.child.try_wait().unwrap().is_none(),
            "still running at {cols}x{rows}"
        );
    }
    s.send("\x1b");
    s.wait_for("汇集民智");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn three_officers_on_one_folder_and_the_dashboard_agree() {
    let dir = tempfile::tempdir().unwrap();
    // All on one computer, as officers have it: one local copy of the events seen.
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = cache_dir.path().to_str().unwrap().to_string();
    let env = [("WORKPLAN_CACHE_DIR", cache.as_str())];
    let s = Session::start_with(dir.path(), 120, 40, &env);
    s.wait_for("汇集民智");
    // Three officers mark their departments' tasks done at the same time, and all three also
    // move one shared task.
    let officers = [
        ("张华", ["1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2"]),
        ("李强", ["2.1.1", "2.1.2", "2.2.1", "2.3.1", "2.4.1"]),
        ("王敏", ["4.1.1", "4.1.2", "4.2.1", "4.2.2", "4.3.1"]),
    ];
    let writers: Vec<_> = officers
        .into_iter()
        .map(|(user, tasks)| {
            let data = dir.path().to_path_buf();
            let cache = cache.clone();
            std::thread::spawn(move || {
                let env = [("WORKPLAN_CACHE_DIR", cache.as_str())];
                // Saved, and nothing to warn about.
                let set = |args: [String; 3]| {
                    let out = set_as_with(&data, &env, user, &args);
                    let err = String::from_utf8_lossy(&out.stderr).to_string();
                    assert!(
                        out.status.success() && err.is_empty(),
                        "{user} {args:?}: {err}"
                    );
                };
                for (i, t) in tasks.iter().enumerate() {
                    set([t.to_string(), "--status".into(), "done".into()]);
                    set(["6.1.1".into(), "--percent".into(), (i * 10).to_string()]);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    // Every change reaches the dashboard within two seconds.
    let start = Instant::now();
    s.wait_for("已完成 15");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    // Whoever asks, the state is the same, and it is what the dashboard shows.
    let as_user = |user: &str| {
        let out = std::process::Command::new(BIN)
            .envs(common::ISOLATED)
            .env("WORKPLAN_CACHE_DIR", &cache)
            .args(["--user", user, "--today", "2023-09-01"])
            .args(["status", "--format", "json", "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let views: Vec<_> = ["张华", "李强", "王敏"].map(as_user).into();
    assert_eq!(views[0], views[1]);
    assert_eq!(views[1], views[2]);
    let shown = format!(
        "{}%",
        workplan::i18n::format_percent(views[0]["percent"].as_f64().unwrap())
    );
    s.wait_for(&shown);
    assert_eq!(task(&views[0], "6.1.1")["percent"], 40.0);
    // And no false alarm about the folder in the dashboard's footer.
    let screen = s.contents();
    let footer = screen.lines().rev().nth(1).unwrap_or_default();
    assert!(footer.trim().is_empty(), "{footer}");
}

/// Waits for the dashboard, selects task 1.1.1 and starts it with Space.
fn start_task_1_1_1(s: &mut Session) {
    s.wait_for("汇集民智");
    s.send("j");
    s.send("l");
    s.send("j");
    s.send(" ");
    s.wait_for("状态: 推进中");
}

#[test]
fn a_start_from_the_folded_snapshot_shows_the_history_once_read_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = cache_dir.path().to_str().unwrap().to_string();
    // Enough of a colleague's changes to task 1.1.1 for a folded snapshot to be kept.
    let start = jiff::Timestamp::from_second(1_672_531_200).unwrap(); // 2023-01-01
    let events: Vec<workplan::journal::Event> = (0..4100u32)
        .map(|i| {
            let mut e = workplan::journal::Event::new(
                "李强",
                workplan::journal::Body::Change(workplan::journal::Change {
                    node: "1.1.1".into(),
                    percent: Some((i % 90) as u8),
                    ..Default::default()
                }),
            );
            e.at = start + jiff::SignedDuration::from_secs(i64::from(i));
            e
        })
        .collect();
    workplan::journal::Store::new(dir.path(), "xjw-2023", "李强")
        .append(&events)
        .unwrap();
    let env = [("WORKPLAN_CACHE_DIR", cache.as_str())];
    // The first start reads the events, and keeps a folded snapshot after its first frame.
    let mut first = Session::start_with(dir.path(), 80, 24, &env);
    let kept = || {
        std::fs::read_dir(cache_dir.path())
            .unwrap()
            .any(|d| d.unwrap().path().join("folded.bin").is_file())
    };
    let since = Instant::now();
    while !kept() {
        assert!(
            since.elapsed() < Duration::from_secs(10),
            "no folded snapshot"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    first.send("q");
    assert!(first.wait_exit());
    // The next draws its first frame from it, then shows the history with no key pressed.
    let mut next = Session::start_with(dir.path(), 80, 24, &env);
    next.wait_for("李强");
    // Written cell by cell, with cursor moves between wide characters.
    let written: String = next.output().chars().filter(|c| !c.is_ascii()).collect();
    assert!(
        written.contains("正在读取记录"),
        "drawn first from the snapshot"
    );
    assert!(!next.contents().contains("正在读取记录"));
    next.send("q");
    assert!(next.wait_exit());
}

#[test]
fn looking_back_a_changing_key_opens_no_editor() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let args = ["--user", "测试员", "--today", "2023-08-01", "--lang", "zh"];
    let mut s = Session::start_bare(&[&args[..], &["--data-dir", data]].concat(), &[], 80, 24);
    s.wait_for("汇集民智");
    s.go_to_task_1_1_1();
    for key in ["a", "o", "d", "%", "s", "M", " "] {
        s.send(key);
        s.wait_for("正在回看");
        let screen = s.contents();
        for editor in [
            "写进展 1.1.1",
            "责任部门 1.1.1",
            "完成时限 1.1.1",
            "完成率 1.1.1",
            "设置状态",
            "会议名称",
        ] {
            assert!(
                !screen.contains(editor),
                "{key:?} opened {editor}:\n{screen}"
            );
        }
        s.send("j");
        s.send("k");
    }
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn ctrl_s_that_cannot_save_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 80, 24);
    s.wait_for("汇集民智");
    s.go_to_task_1_1_1();
    s.send("a");
    s.wait_for("写进展 1.1.1");
    // A pasted text longer than a record can hold: the editor says so before the save.
    let chars = workplan::journal::NOTE_ROOM / 3 + 100;
    s.send(&format!("\x1b[200~{}\x1b[201~", "进".repeat(chars)));
    s.wait_for("超出上限约");
    s.send("\x13"); // Ctrl-S
    s.wait_for("文字太长");
    // Still in the editor, every character there: Esc asks before throwing them away.
    s.send("\x1b");
    s.wait_for(&format!("放弃已输入的{chars}个字"));
    s.send("n");
    s.wait_for("写进展 1.1.1");
    s.send("\x1b");
    s.send("y");
    s.send("q");
    assert!(s.wait_exit());
    let json = status_json(dir.path());
    assert_eq!(task(&json, "1.1.1")["note"], serde_json::Value::Null);
}

/// Since the July meeting: one task set 30%→60%→30% (no net change), a due date moved and a
/// percent set; before it, a task blocked and a note.
fn write_meeting_history(data: &Path) {
    use workplan::journal::{Change, Store};
    let set = |n, at, node: &str, percent| {
        let c = Change {
            node: node.into(),
            percent: Some(percent),
            ..Change::default()
        };
        common::change(n, at, "李强", c)
    };
    let due = Change {
        node: "1.3.2".into(),
        due: Some(jiff::civil::date(2023, 11, 30)),
        ..Change::default()
    };
    let blocked = Change {
        node: "2.1.1".into(),
        status: Some(workplan::status::Status::Blocked),
        note: Some("园区配套用地尚未移交".into()),
        ..Change::default()
    };
    let events = vec![
        common::change(1, "2023-07-03T06:00:00Z", "李强", blocked),
        set(2, "2023-07-20T06:00:00Z", "1.1.3", 30),
        common::meeting(3, "2023-07-31T06:00:00Z", "李强", "七月例会"),
        set(4, "2023-08-06T06:00:00Z", "1.1.3", 60),
        set(5, "2023-08-07T06:00:00Z", "1.1.3", 30),
        set(6, "2023-08-28T06:00:00Z", "2.4.1", 15),
        common::change(7, "2023-08-30T06:00:00Z", "李强", due),
    ];
    Store::new(data, "xjw-2023", "李强")
        .append(&events)
        .unwrap();
}

/// The counts of the changes since the July meeting, as the meeting and the handouts say them.
const COUNTS: &str = "2项有变化，1项改后复原，59项未动";

#[test]
fn a_task_set_back_as_it_was_is_not_counted_as_changed_in_the_view_nor_the_handout() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting_history(dir.path());
    let mut s = Session::start(dir.path(), 120, 35);
    s.wait_for("工作安排");
    s.send("m");
    s.wait_for("会议视图");
    s.wait_for(COUNTS);
    let screen = s.contents();
    assert!(!screen.contains("现已复原"), "{screen}");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit());
    let out = std::process::Command::new(BIN)
        .envs(common::ISOLATED)
        .args(["--user", "测试员", "--today", "2023-09-01", "--lang", "zh"])
        .args(["export", "--format", "md", "-o", "-", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains(COUNTS), "{md}");
    assert!(!md.contains("现已复原"), "{md}");
}

#[test]
fn the_changes_pane_keeps_its_counts_and_each_new_value_at_80x24_and_100x30() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting_history(dir.path());
    for (cols, rows) in [(80, 24), (100, 30)] {
        let mut s = Session::start(dir.path(), cols, rows);
        s.wait_for("工作安排");
        s.send("m");
        s.wait_for("会议视图");
        s.wait_for("每周进度");
        let screen = s.contents();
        assert!(screen.contains(COUNTS), "{cols}x{rows}:\n{screen}");
        assert!(
            screen.contains("完成时限 2023-12-31→2023-11-30"),
            "{cols}x{rows}:\n{screen}"
        );
        s.send("q");
        s.send("q");
        assert!(s.wait_exit());
    }
}

/// The last "第a-b条，共n条" on the screen (the red and yellow list's, on the bottom border):
/// which rows of the list show, of how many.
fn rows_shown(screen: &str) -> Option<(usize, usize, usize)> {
    let at = screen.rfind("条，共")?;
    let (_, range) = screen[..at].rsplit_once('第')?;
    let (total, _) = screen[at..].trim_start_matches("条，共").split_once('条')?;
    let (from, to) = range.split_once('-')?;
    Some((from.parse().ok()?, to.parse().ok()?, total.parse().ok()?))
}

#[test]
fn the_overview_red_and_yellow_list_scrolls_and_says_how_far_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting_history(dir.path());
    let mut s = Session::start(dir.path(), 100, 30);
    s.wait_for("工作安排");
    s.send("m");
    s.wait_for("会议视图");
    s.wait_for("每周进度");
    let screen = s.contents();
    let (from, to, total) = rows_shown(&screen).expect(&screen);
    assert_eq!(from, 1, "{screen}");
    assert!(to < total, "{screen}");
    assert!(
        screen.contains("红 1") && !screen.contains("6.2 "),
        "{screen}"
    );
    // PgDn: the next rows (or the last page whole), the heading gone.
    s.send("\x1b[6~");
    let screen = s.contents();
    let (next, _, _) = rows_shown(&screen).expect(&screen);
    assert!(next > 1 && next <= to + 1, "{screen}");
    assert!(!screen.contains("红 1"), "{screen}");
    // End: the last row shows; PgUp goes back; Home to the top.
    s.send("\x1b[F");
    let screen = s.contents();
    let (_, last, _) = rows_shown(&screen).expect(&screen);
    assert_eq!(last, total, "{screen}");
    assert!(screen.contains("6.2 "), "{screen}");
    s.send("\x1b[5~");
    assert!(rows_shown(&s.contents()).unwrap().1 < total);
    s.send("\x1b[H");
    assert_eq!(rows_shown(&s.contents()).map(|r| r.0), Some(1));
    assert!(s.contents().contains("红 1"));
    // Another page starts its list at the top again.
    s.send("\x1b[F");
    s.send("l");
    s.send("h");
    s.wait_for("总览 1/7");
    assert_eq!(rows_shown(&s.contents()).map(|r| r.0), Some(1));
    s.send("q");
    s.send("q");
    assert!(s.wait_exit());
}
