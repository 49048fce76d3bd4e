//! The command line end to end: the real binary on a temporary data folder.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use crate::common;

/// A temporary data folder and the commands that run against it.
struct Setup {
    dir: TempDir,
}

impl Setup {
    fn new() -> Self {
        let s = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir(s.data()).unwrap();
        s
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The folder of the 2023 plan's journals.
    fn journal(&self) -> PathBuf {
        self.data().join("xjw-2023")
    }

    /// `workplan` on the data folder, as alice unless `--user` says otherwise.
    fn bare(&self) -> Command {
        let mut c = bare();
        c.env("WORKPLAN_DATA_DIR", self.data())
            .env("WORKPLAN_USER", "alice");
        c
    }

    /// [`Self::bare`] in Chinese, as of 2023-09-01.
    fn cmd(&self) -> Command {
        let mut c = self.bare();
        c.args(["--today", "2023-09-01", "--lang", "zh"]);
        c
    }

    /// [`Self::bare`] in English, as of 2023-09-01.
    fn cmd_en(&self) -> Command {
        let mut c = self.bare();
        c.args(["--today", "2023-09-01", "--lang", "en"]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn status_json(&self) -> Value {
        serde_json::from_str(&self.run(&["status", "--format", "json"])).unwrap()
    }

    /// Every byte of every journal file, to prove that nothing was written.
    fn journal_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let Ok(entries) = fs::read_dir(self.journal()) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .map(|p| {
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    }
}

/// The binary with no setting leaking in from the environment.
fn bare() -> Command {
    common::isolated()
}

/// The task, item or area with this id in `status --format json`.
fn node<'a>(status: &'a Value, id: &str) -> &'a Value {
    for area in status["areas"].as_array().unwrap() {
        if area["id"] == id {
            return area;
        }
        for item in area["items"].as_array().unwrap() {
            if item["id"] == id {
                return item;
            }
            for task in item["tasks"].as_array().unwrap() {
                if task["id"] == id {
                    return task;
                }
            }
        }
    }
    panic!("no node {id}")
}

#[test]
fn set_status_undo_and_log() {
    let s = Setup::new();
    let out = s.run(&["set", "1.1.1", "--status", "done"]);
    assert_eq!(out, "已保存: 1.1.1 状态 已完成\n");
    assert!(s.journal().join("alice.jsonl").is_file());

    let st = s.status_json();
    assert_eq!(st["plan"]["id"], "xjw-2023");
    assert_eq!(st["as_of"], "2023-09-01");
    let task = node(&st, "1.1.1");
    assert_eq!(task["status"], "done");
    assert_eq!(task["percent"], 100.0);
    assert_eq!(task["light"], "green");
    assert_eq!(task["updated_by"], "alice");
    assert_eq!(node(&st, "1.1")["percent"], 33.3);
    assert_eq!(node(&st, "1.1")["status"], "in_progress");
    assert_eq!(node(&st, "1")["percent"], 8.3);
    assert_eq!(st["counts"]["done"], 1);
    assert_eq!(st["counts"]["total"], 62);

    let out = s.run(&["undo"]);
    assert!(out.contains("1.1.1"), "{out}");
    let st = s.status_json();
    let task = node(&st, "1.1.1");
    assert_eq!(task["status"], "not_started");
    assert_eq!(task["percent"], 0.0);
    assert_eq!(node(&st, "1.1")["percent"], 0.0);
    assert_eq!(st["counts"]["done"], 0);
    // Nothing more to undo.
    let out = s.cmd().arg("undo").assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err, "错误: 没有可撤销的修改\n");

    // The log: who, when, what, oldest first, the undo included.
    let log = s.run(&["log"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines[0].starts_with("时间"), "{log}");
    for line in &lines[1..] {
        let (when, rest) = line.split_at(25);
        assert!(common::is_rfc3339_with_offset(when), "{line}");
        let rest: Vec<&str> = rest.split_whitespace().collect();
        assert_eq!(rest[..2], ["alice", "1.1.1"], "{line}");
    }
    assert!(lines[1].ends_with("状态 已完成"), "{log}");
    assert!(lines[2].contains("撤销"), "{log}");
    assert!(lines[2].ends_with("状态 未启动，完成率 0%"), "{log}");

    let log: Value = serde_json::from_str(&s.run(&["log", "--format", "json"])).unwrap();
    assert_eq!(log["schema"], 1);
    let log = log["events"].as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["user"], "alice");
    assert_eq!(log[0]["change"]["node"], "1.1.1");
    assert_eq!(log[0]["change"]["status"], "done");
    assert_eq!(log[1]["change"]["undoes"], log[0]["id"]);
    assert!(common::is_rfc3339_with_offset(
        log[0]["at"].as_str().unwrap()
    ));
}

#[test]
fn set_on_an_item_with_a_note_and_undo_it_whole() {
    let s = Setup::new();
    let out = s.run(&["set", "2.1", "--percent", "50", "--note", "完成首轮对接"]);
    assert_eq!(
        out,
        "已保存: 2.1.1 完成率 50%，进展：完成首轮对接\n已保存: 2.1.2 完成率 50%，进展：完成首轮对接\n"
    );
    let st = s.status_json();
    assert_eq!(node(&st, "2.1.1")["status"], "in_progress");
    assert_eq!(node(&st, "2.1.2")["note"], "完成首轮对接");
    assert_eq!(node(&st, "2.1")["percent"], 50.0);
    s.run(&["undo"]);
    let st = s.status_json();
    assert_eq!(node(&st, "2.1")["percent"], 0.0);
    assert_eq!(node(&st, "2.1.2")["note"], Value::Null);

    // Only what moves is written; the same again writes nothing and is no failure.
    s.run(&["set", "2.1.1", "--percent", "50"]);
    let out = s.run(&["set", "2.1", "--percent", "50"]);
    assert_eq!(out, "已保存: 2.1.2 完成率 50%\n");
    let out = s.run(&["set", "2.1", "--percent", "50"]);
    assert_eq!(out, "2.1: 已是这些值，未写入任何记录\n");
    let out = s.run(&["set", "2.1.1", "--percent", "50"]);
    assert_eq!(out, "2.1.1: 已是这些值，未写入任何记录\n");

    // An undo of a note says which note it took back.
    s.run(&["set", "2.1.1", "--note", "等待区里批复"]);
    let out = s.run(&["undo"]);
    assert_eq!(out, "已保存: 2.1.1 撤销：进展：等待区里批复\n");
}

#[test]
fn chinese_status_words_owner_and_due() {
    let s = Setup::new();
    s.run(&[
        "set",
        "3.1.1",
        "--status",
        "受阻",
        "--owner",
        "自治办",
        "--due",
        "2023-06-30",
    ]);
    let st = s.status_json();
    let t = node(&st, "3.1.1");
    assert_eq!(t["status"], "blocked");
    assert_eq!(t["light"], "red");
    assert_eq!(t["owner"], "自治办");
    assert_eq!(t["due"], "2023-06-30");
    assert_eq!(node(&st, "3")["status"], "blocked");
    // Only what changed is said, and recorded: the department was already 自治办, and the
    // task already blocked.
    let out = s.run(&[
        "set",
        "3.1.1",
        "--status",
        "受阻",
        "--owner",
        "自治办",
        "--due",
        "2023-07-31",
    ]);
    assert_eq!(out, "已保存: 3.1.1 完成时限 2023-07-31\n");
    let log = s.run(&["log", "--id", "3.1.1", "--format", "json"]);
    let log: Value = serde_json::from_str(&log).unwrap();
    let last = log["events"].as_array().unwrap().last().unwrap()["change"].clone();
    assert_eq!(last["owner"], Value::Null, "{last}");
    assert_eq!(last["status"], Value::Null, "{last}");
    assert_eq!(last["due"], "2023-07-31", "{last}");
    // Numbers and dates as officers type them.
    s.run(&[
        "set",
        "3.1.2",
        "--percent",
        "５０％",
        "--due",
        "2023年10月31日",
    ]);
    s.run(&["set", "3.1.3", "--due", "9月30日"]);
    let st = s.status_json();
    assert_eq!(node(&st, "3.1.2")["percent"], 50.0);
    assert_eq!(node(&st, "3.1.2")["due"], "2023-10-31");
    assert_eq!(node(&st, "3.1.3")["due"], "2023-09-30");
    // A due date far from the plan's year is kept, with a note.
    let out = s
        .cmd()
        .args(["set", "3.1.3", "--due", "2032-09-30"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("注意：完成时限 2032-09-30 不在计划年度 2023 前后一年内"),
        "{err}"
    );
}

/// Runs a command that must be refused: exit code 1, one line on stderr, nothing on stdout.
fn refused(s: &Setup, args: &[&str]) -> String {
    refused_by(s.cmd(), args)
}

/// [`refused`] with a command of one's own.
fn refused_by(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd.args(args).assert().code(1);
    let out = out.get_output();
    assert!(out.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.ends_with('\n'));
    err
}

#[test]
fn bad_input_is_refused_with_what_is_accepted_and_nothing_is_written() {
    let s = Setup::new();
    // On a fresh folder nothing is created.
    let e = refused(&s, &["set", "9.9", "--status", "done"]);
    assert_eq!(
        e,
        "错误: 没有编号为 \"9.9\" 的任务；编号形如 1、1.1、1.1.1（见 workplan status）\n"
    );
    assert!(!s.journal().exists());

    // With a journal in place, its bytes do not change.
    s.run(&["set", "1.1.1", "--percent", "10"]);
    let before = s.journal_bytes();
    assert_eq!(before.len(), 1);

    let e = refused(&s, &["set", "9.9.9", "--percent", "10"]);
    assert!(e.contains("1、1.1、1.1.1"), "{e}");
    let e = refused(&s, &["set", "1.1.1", "--percent", "140"]);
    assert_eq!(e, "错误: 完成率 140 超出范围；应为 0 到 100 的整数\n");
    // A negative percent is a value out of range like any other, not an unknown option.
    for minus in ["-5", "－５％"] {
        let e = refused(&s, &["set", "1.1.1", "--percent", minus]);
        assert_eq!(e, "错误: 完成率 -5 超出范围；应为 0 到 100 的整数\n");
    }
    let e = refused_by(s.cmd_en(), &["set", "1.1.1", "--percent", "-5"]);
    assert_eq!(
        e,
        "error: percent -5 is out of range; expected a whole number from 0 to 100\n"
    );
    let e = refused(&s, &["set", "1.1.1", "--percent", "abc"]);
    assert!(e.contains("0 到 100"), "{e}");
    let e = refused(&s, &["set", "1.1.1", "--due", "2023-13-01"]);
    assert!(
        e.starts_with("错误: --due \"2023-13-01\" 不是有效日期"),
        "{e}"
    );
    assert!(
        e.contains("可写 2023-09-30、2023/9/30、2023年9月30日"),
        "{e}"
    );
    for (st, p) in [
        ("done", "50"),
        ("not_started", "50"),
        ("blocked", "100"),
        ("推进中", "100"),
    ] {
        let e = refused(&s, &["set", "1.1.1", "--status", st, "--percent", p]);
        assert!(e.contains("矛盾") && e.contains("未保存"), "{st} {p}: {e}");
    }
    let e = refused(&s, &["set", "1.1.1", "--status", "finished"]);
    assert_eq!(
        e,
        "错误: 未知状态 \"finished\"；可用：not_started/未启动, in_progress/推进中, done/已完成, blocked/受阻\n"
    );
    let e = refused(&s, &["set", "1.1.1"]);
    assert!(e.contains("--status"), "{e}");
    // A bad field refuses the whole command, even next to a good one.
    refused(
        &s,
        &["set", "1.1.1", "--status", "done", "--due", "2023-13-01"],
    );
    let e = refused_by(s.bare(), &["--today", "2023-02-30", "status"]);
    assert!(e.contains("--today"), "{e}");

    assert_eq!(s.journal_bytes(), before);
}

#[test]
fn english_messages_with_lang_en() {
    let s = Setup::new();
    let out = s
        .cmd_en()
        .args(["set", "1.1.1", "--status", "done"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        "saved: 1.1.1 status done\n"
    );
    let e = refused_by(s.cmd_en(), &["set", "1.1.1", "--percent", "140"]);
    assert_eq!(
        e,
        "error: percent 140 is out of range; expected a whole number from 0 to 100\n"
    );
    let e = refused_by(s.cmd_en(), &["set", "1.1.1", "--status", "finished"]);
    assert!(
        e.starts_with("error: unknown status \"finished\"; accepted: not_started"),
        "{e}"
    );
    let e = refused_by(s.cmd_en(), &["set", "1.1.1", "--due", "2023-13-01"]);
    assert!(e.contains("write 2023-09-30, 2023/9/30"), "{e}");
    let e = refused_by(s.cmd_en(), &["set", "7", "--percent", "1"]);
    assert!(e.starts_with("error: no node with id \"7\""), "{e}");

    let en = |args: &[&str]| {
        let out = s.cmd_en().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let table = en(&["status"]);
    assert!(table.starts_with("新江湾城街道2023年主要工作安排  as of 2023-09-01  overall 1.6%\n"));
    assert!(table.contains("62 tasks: 1 done, 0 in progress, 0 blocked, 61 not started;"));
    let log = en(&["log"]);
    assert!(log.starts_with("time"), "{log}");
    assert!(log.contains("status done"), "{log}");
}

#[test]
fn language_follows_the_locale_when_not_given() {
    let s = Setup::new();
    let run = |lang: Option<&str>| {
        let mut c = s.bare();
        c.args(["set", "1.1.1", "--percent", "140"]);
        if let Some(l) = lang {
            c.env("LANG", l);
        }
        String::from_utf8(c.assert().code(1).get_output().stderr.clone()).unwrap()
    };
    assert!(run(None).starts_with("错误: "));
    assert!(run(Some("zh_CN.UTF-8")).starts_with("错误: "));
    assert!(run(Some("C.UTF-8")).starts_with("错误: "));
    assert!(run(Some("en_US.UTF-8")).starts_with("error: "));
}

#[test]
fn check_the_embedded_plan() {
    let out = bare().arg("check").assert().success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        "计划无误：6 个领域、19 个事项、62 项任务\n"
    );
}

const SMALL: &str = r#"{
  "id": "t-2024", "title": "测试计划", "year": 2024, "start": "2024-01-01", "due": "2024-12-31",
  "areas": [
    { "id": "1", "title": "第一", "items": [
      { "id": "1.1", "title": "事项", "tasks": [
        { "id": "1.1.1", "text": "任务一" },
        { "id": "1.1.2", "text": "任务二", "due": "2024-06-30" }
      ] }
    ] }
  ]
}
"#;

#[test]
fn check_a_bad_file_names_file_line_and_column() {
    let s = Setup::new();
    let bad = s.write(
        "bad.json",
        &SMALL.replace(
            r#"{ "id": "1.1.2", "text": "任务二""#,
            r#"{ "text": "任务二", "id": "1.1.1""#,
        ),
    );
    let out = bare()
        .arg("check")
        .arg(&bad)
        .args(["--lang", "en"])
        .assert()
        .code(1);
    let out = out.get_output();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(
        err,
        format!(
            "error: {}:7:32: areas[0].items[0].tasks[1].id: id \"1.1.1\" is used twice (first on line 6); expected a unique id\n",
            bad.display()
        )
    );

    let good = s.write("good.json", SMALL);
    let out = bare().arg("check").arg(&good).assert().success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        "计划无误：1 个领域、1 个事项、2 项任务\n"
    );
    // Without FILE, check looks at the plan in use.
    bare()
        .arg("check")
        .env("WORKPLAN_PLAN", &bad)
        .assert()
        .code(1);
    let e = bare()
        .args(["check", "--lang", "zh"])
        .arg(s.dir.path().join("missing.json"))
        .assert()
        .code(1);
    let e = String::from_utf8(e.get_output().stderr.clone()).unwrap();
    assert!(
        e.contains("missing.json: 文件不存在，请检查路径和文件名"),
        "{e}"
    );
}

#[test]
fn another_plan_by_option_or_environment() {
    let s = Setup::new();
    let plan = s.write("small.json", SMALL);
    let out = s
        .cmd()
        .arg("--plan")
        .arg(&plan)
        .args(["set", "1.1.2", "--percent", "40"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        "已保存: 1.1.2 完成率 40%\n"
    );
    // The journal of another plan lives in its own folder.
    assert!(s.data().join("t-2024").join("alice.jsonl").is_file());
    assert!(!s.journal().exists());

    let out = s
        .cmd()
        .env("WORKPLAN_PLAN", &plan)
        .args(["status", "--format", "json"])
        .assert()
        .success();
    let st: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(st["plan"]["id"], "t-2024");
    assert_eq!(st["plan"]["year"], 2024);
    assert_eq!(st["counts"]["total"], 2);
    assert_eq!(node(&st, "1.1")["percent"], 20.0);
    assert_eq!(node(&st, "1.1.2")["due"], "2024-06-30");
    assert_eq!(node(&st, "1.1.1")["due"], "2024-12-31");
    // The 2023 plan is unaffected.
    assert_eq!(s.status_json()["counts"]["in_progress"], 0);

    // A broken plan is refused before anything runs.
    let bad = s.write("bad.json", &SMALL.replace("2024-06-30", "2024-06-31"));
    let e = s
        .cmd()
        .arg("--plan")
        .arg(&bad)
        .args(["set", "1.1.1", "--percent", "1"])
        .assert()
        .code(1);
    let e = String::from_utf8(e.get_output().stderr.clone()).unwrap();
    assert!(e.starts_with(&format!("错误: {}:7:", bad.display())), "{e}");
}

/// The display column where the cell that starts with one of `words` begins, on each line.
fn columns_of(table: &str, words: &[&str]) -> Vec<usize> {
    table
        .lines()
        .map(|line| {
            let at = words
                .iter()
                .filter_map(|w| line.find(&format!("  {w}")))
                .min()
                .unwrap_or_else(|| panic!("no status in {line:?}"));
            line[..at + 2].width()
        })
        .collect()
}

#[test]
fn status_table_aligns_chinese_by_display_width() {
    let s = Setup::new();
    s.run(&["set", "1.1.1", "--status", "done"]);
    s.run(&["set", "1.2.2", "--percent", "35", "--owner", "自治办"]);
    s.run(&["set", "2.1", "--status", "blocked"]);
    let out = s.run(&["status"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "新江湾城街道2023年主要工作安排  截至 2023-09-01  总体 2.2%"
    );
    assert_eq!(
        lines.next().unwrap(),
        "共62项任务，已完成1项、推进中1项、受阻2项、未启动58项；滞后61项，滞后占比98.4%"
    );
    assert_eq!(lines.next().unwrap(), "");
    let table: String = lines.map(|l| format!("{l}\n")).collect();
    assert_eq!(table.lines().count(), 1 + 6 + 19 + 62);
    let status_cols = columns_of(&table, &["状态", "已完成", "推进中", "受阻", "未启动"]);
    assert!(status_cols.iter().all(|&c| c == status_cols[0]), "{table}");
    // The light column too: every row has one.
    let light_cols = columns_of(&table, &["灯", "绿", "黄", "红"]);
    assert!(light_cols.iter().all(|&c| c == light_cols[0]), "{table}");
    // Percents are right-aligned: they all end in the same column.
    let ends: Vec<usize> = table
        .lines()
        .skip(1)
        .map(|l| l[..l.find('%').unwrap() + 1].width())
        .collect();
    assert!(ends.iter().all(|&c| c == ends[0]), "{table}");
    let row = table.lines().find(|l| l.starts_with("1.2.2 ")).unwrap();
    assert!(row.contains("35%"), "{row}");
    assert!(row.contains("  自治办  "), "{row}");
    // The due dates of the tasks line up after the owner column, filled or not.
    let due_cols: Vec<usize> = table
        .lines()
        .filter_map(|l| l.find("2023-12-31").map(|at| l[..at].width()))
        .collect();
    assert_eq!(due_cols.len(), 62);
    assert!(due_cols.iter().all(|&c| c == due_cols[0]), "{table}");
}

#[test]
fn damaged_journal_lines_are_reported_and_skipped() {
    let s = Setup::new();
    s.run(&["set", "1.1.1", "--status", "done"]);
    let file = s.journal().join("alice.jsonl");
    let mut bytes = fs::read(&file).unwrap();
    bytes.extend_from_slice(br#"{"id":"01"#);
    fs::write(&file, &bytes).unwrap();
    let out = s
        .cmd()
        .args(["status", "--format", "json"])
        .assert()
        .success();
    let out = out.get_output();
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(
        err,
        format!(
            "{}:2: 最后一行不完整（写入时中断），已跳过，文件未改动\n",
            file.display()
        )
    );
    let st: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(node(&st, "1.1.1")["status"], "done");
    assert_eq!(fs::read(&file).unwrap(), bytes);
    // The next change still lands, on a line of its own.
    s.run(&["set", "1.1.2", "--percent", "20"]);
    let st = s.status_json();
    assert_eq!(node(&st, "1.1.2")["percent"], 20.0);
}

#[test]
fn changes_of_several_officers_merge() {
    let s = Setup::new();
    s.run(&["set", "1.1.1", "--status", "done"]);
    s.cmd()
        .args(["--user", "bob", "set", "1.1.2", "--status", "done"])
        .assert()
        .success();
    assert!(s.journal().join("bob.jsonl").is_file());
    let st = s.status_json();
    assert_eq!(node(&st, "1.1")["percent"], 66.7);
    assert_eq!(node(&st, "1.1.2")["updated_by"], "bob");
    // Alice's undo reverses her change only.
    s.run(&["undo"]);
    let st = s.status_json();
    assert_eq!(node(&st, "1.1.1")["status"], "not_started");
    assert_eq!(node(&st, "1.1.2")["status"], "done");
    // Without --user, the user comes from WORKPLAN_USER, else the OS account.
    s.bare()
        .env("WORKPLAN_USER", "carol")
        .args(["set", "1.1.3", "--percent", "5"])
        .assert()
        .success();
    assert!(s.journal().join("carol.jsonl").is_file());
    let account = whoami::username().unwrap();
    s.bare()
        .env_remove("WORKPLAN_USER")
        .env("USER", "dave")
        .args(["set", "1.1.3", "--percent", "6"])
        .assert()
        .success();
    assert!(s.journal().join(format!("{account}.jsonl")).is_file());
}

#[test]
fn log_since_meeting_counts_from_the_latest_checkpoint() {
    let s = Setup::new();
    let run = |args: &[&str]| s.run(args);
    run(&["set", "1.1.1", "--percent", "10"]);
    run(&["meeting", "--title", "五月例会"]);
    run(&["set", "1.1.2", "--percent", "20"]);
    run(&["meeting", "--title", "六月例会"]);
    run(&["set", "1.1.3", "--percent", "30"]);
    let since = run(&["log", "--since-meeting"]);
    assert!(since.contains("1.1.3"), "{since}");
    assert!(
        !since.contains("1.1.2") && !since.contains("1.1.1"),
        "{since}"
    );
    let all = run(&["log"]);
    assert!(
        all.contains("五月例会") && all.contains("六月例会"),
        "{all}"
    );
}

/// The column where each data row's status (未启动, 推进中 …) starts, measured as a terminal
/// drawing ambiguous-width characters (`“`, `…`) two columns wide would place it.
fn status_columns(table: &str) -> Vec<usize> {
    table
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|line| {
            let at = ["未启动", "推进中", "已完成", "受阻"]
                .iter()
                .filter_map(|w| line.find(w))
                .min()?;
            Some(line[..at].width_cjk())
        })
        .collect()
}

#[test]
fn status_lines_up_for_a_terminal_that_draws_ambiguous_characters_wide() {
    let s = Setup::new();
    let normal = s.run(&["status"]);
    let columns = status_columns(&normal);
    assert!(columns.len() > 80, "{normal}");
    assert!(
        columns.iter().any(|&c| c != columns[0]),
        "without the setting, titles with “ ” push the column out on such a terminal"
    );
    let out = s
        .cmd()
        .env("WORKPLAN_AMBIGUOUS_WIDE", "1")
        .arg("status")
        .assert()
        .success();
    let wide = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let columns = status_columns(&wide);
    assert!(columns.iter().all(|&c| c == columns[0]), "{wide}");
    assert!(wide.contains('“') && !wide.contains('\u{2007}'), "{wide}");
    // From the settings file too.
    let config = s.dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "ambiguous_wide = true\n").unwrap();
    let out = s
        .cmd()
        .env("WORKPLAN_CONFIG_DIR", &config)
        .arg("status")
        .assert()
        .success();
    let from_file = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(from_file, wide);
}

#[test]
fn log_tells_quick_percent_steps_as_one_row_and_keeps_every_event() {
    let s = Setup::new();
    for p in ["30", "40", "50", "60"] {
        s.run(&["set", "1.1.1", "--percent", p]);
    }
    s.run(&["set", "1.1.1", "--note", "已走访"]);
    let log = s.run(&["log"]);
    let rows: Vec<&str> = log.lines().filter(|l| l.contains("1.1.1")).collect();
    assert_eq!(rows.len(), 2, "{log}");
    assert!(rows[0].contains("完成率 0%→60%（4次调整）"), "{log}");
    assert!(rows[1].contains("进展：已走访"), "{log}");
    // The journal and the JSON history keep every step.
    let json: Value = serde_json::from_str(&s.run(&["log", "--format", "json"])).unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), 5);
}

#[test]
fn a_change_made_with_a_past_today_says_it_is_recorded_now() {
    let s = Setup::new();
    let past = s
        .bare()
        .args([
            "--lang",
            "zh",
            "--today",
            "2023-08-01",
            "set",
            "1.1.1",
            "--percent",
            "20",
        ])
        .assert()
        .success();
    let said = String::from_utf8(past.get_output().stdout.clone()).unwrap();
    assert!(said.contains("按现在的时间记录"), "{said}");
    let today = s.run(&["set", "1.1.2", "--percent", "20"]);
    assert!(!today.contains("按现在的时间记录"), "{today}");
}

/// `set` on a folder whose folded snapshot this computer keeps works from it (no event read
/// again) and writes what a fold of every event would: a value already so is left out, and a
/// colleague's change made meanwhile is the one it records as seen.
#[test]
fn set_from_the_folded_snapshot_writes_what_a_whole_fold_would() {
    let s = Setup::new();
    let cache = s.dir.path().join("cache");
    // Each officer's command on this computer, with its copy of events (and folded snapshot).
    let run = |user: &str, args: &[&str]| {
        let out = s
            .cmd()
            .env("WORKPLAN_CACHE_DIR", &cache)
            .env("WORKPLAN_USER", user)
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    // The first reads every event, and keeps the folded snapshot for the next.
    run("alice", &["set", "1.1.1", "--percent", "30"]);
    let folded = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path().join("folded.bin"))
        .find(|p| p.exists())
        .expect("a command that read every event keeps the folded snapshot");
    run("alice", &["status"]);
    let kept = std::fs::read(&folded).unwrap();
    // Already so: nothing written.
    let again = run("alice", &["set", "1.1.1", "--percent", "30"]);
    assert!(again.contains("1.1.1"), "{again}");
    assert!(!again.contains("已保存"), "{again}");
    // A colleague's change, then this officer's, made against it.
    run("bob", &["set", "1.1.1", "--status", "blocked"]);
    run(
        "alice",
        &["set", "1.1.1", "--percent", "50", "--owner", "自治办"],
    );
    assert_ne!(
        std::fs::read(&folded).unwrap(),
        kept,
        "the digest took the changes in"
    );
    let log: Value = serde_json::from_str(&run("alice", &["log", "--format", "json"])).unwrap();
    let events = log["events"].as_array().unwrap();
    assert_eq!(events.len(), 3, "{log}");
    assert_eq!(events[2]["change"]["after"], events[1]["id"]);
    assert_eq!(events[2]["change"]["percent"], 50);
    // The same state as a read of every event, without this computer's copy (the tests' own
    // setting).
    let with: Value = serde_json::from_str(&run("alice", &["status", "--format", "json"])).unwrap();
    let without = s.status_json();
    assert_eq!(with, without);
    assert_eq!(node(&with, "1.1.1")["percent"], 50.0);
}
