//! A shared folder is hostile ground: what a colleague's file (or a sync tool, or an attacker)
//! puts in the journal folder can neither make workplan write elsewhere, hang, forge a change,
//! nor lose an acknowledged one. Each test builds its folder from scratch and runs the binary.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::desk::Desk;
#[cfg(unix)]
use super::desk::{mkfifo, symlink};
use crate::common;

/// What only these tests ask of a desk.
impl Desk {
    /// A file outside the shared folder that nothing may touch.
    #[cfg(unix)]
    fn decoy(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, content).unwrap();
        path
    }

    /// The state of one task as `status --format json` gives it to `user`.
    fn task(&self, user: &str, id: &str) -> Value {
        let (out, _) = self.ok(user, &["status", "--format", "json"]);
        let status: Value = serde_json::from_str(&out).unwrap();
        common::tasks(&status)
            .find(|t| t["id"] == id)
            .cloned()
            .unwrap()
    }

    /// Every file of the shared folder with its bytes: what a read-only command must leave.
    fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<_> = fs::read_dir(self.journal())
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = if p.is_file() && !p.is_symlink() {
                    fs::read(&p).unwrap()
                } else {
                    Vec::new()
                };
                (p, bytes)
            })
            .collect();
        all.sort();
        all
    }
}

/// A journal line as a colleague's program (or an attacker) would write it.
fn line(id: &str, at: &str, user: &str, change: &str) -> String {
    format!(r#"{{"id":"{id}","at":"{at}","user":"{user}","change":{change}}}"#) + "\n"
}

const ID1: &str = "01890a5d-ac96-774b-bcce-b302099a8057";
const ID2: &str = "01890a5d-ac96-774b-bcce-b302099a8058";

#[cfg(unix)]
#[test]
fn my_journal_as_a_link_is_never_written_through() {
    let d = Desk::new();
    let decoy = d.decoy("elsewhere.txt", "keep me\n");
    symlink(&decoy, &d.file("张华.jsonl"));
    let err = d.fails("张华", &["set", "1.1.1", "--percent", "30"]);
    assert_eq!(fs::read_to_string(&decoy).unwrap(), "keep me\n");
    assert!(
        err.contains("张华.jsonl") && err.contains("未保存"),
        "{err}"
    );
    assert!(err.contains("链接，不是普通文件，拒绝写入"), "{err}");
}

#[cfg(unix)]
#[test]
fn my_lock_file_as_a_link_creates_nothing_elsewhere() {
    let d = Desk::new();
    let target = d.dir.path().join("created-by-lock");
    symlink(&target, &d.file("张华.lock"));
    let err = d.fails("张华", &["set", "1.1.1", "--percent", "30"]);
    assert!(!target.exists(), "the link's target was created");
    assert!(err.contains("张华.lock"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_forged_line_and_a_linked_journal_cannot_plant_text_in_a_startup_file() {
    let d = Desk::new();
    let rc = d.decoy("bashrc", "# my shell start-up\n");
    // A colleague's file carries a line claiming to be mine...
    let forged = line(
        ID1,
        "2023-05-01T08:00:00Z",
        "张华",
        r#"{"node":"1.1.1","note":"$(touch /tmp/pwned)"}"#,
    );
    fs::write(d.file("李强.jsonl"), &forged).unwrap();
    let (_, err) = d.ok("张华", &["status"]);
    assert!(
        err.contains("李强.jsonl:1") && err.contains("张华"),
        "{err}"
    );
    assert!(
        d.task("张华", "1.1.1")["note"].is_null(),
        "a forged note counted"
    );
    // ...then removes it and puts a link to my start-up file in place of my journal.
    fs::write(d.file("李强.jsonl"), "").unwrap();
    symlink(&rc, &d.file("张华.jsonl"));
    let before = d.snapshot();
    for args in [
        &["status"][..],
        &["log"],
        &["export", "--format", "md", "-o", "-"],
    ] {
        d.ok("张华", args);
    }
    assert_eq!(fs::read_to_string(&rc).unwrap(), "# my shell start-up\n");
    assert_eq!(
        d.snapshot(),
        before,
        "a read-only command wrote to the folder"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_private_file_is_not_copied_and_the_copy_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let d = Desk::new();
    let secret = d.decoy("id_rsa", "PRIVATE KEY 0123456789\n");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o600)).unwrap();
    symlink(&secret, &d.file("王芳.jsonl"));
    d.ok("张华", &["set", "1.1.1", "--percent", "30"]);
    let (_, err) = d.ok("张华", &["status"]);
    assert!(err.contains("王芳.jsonl") && err.contains("链接"), "{err}");
    let mut seen = 0;
    for entry in walk(&d.cache()) {
        let bytes = fs::read(&entry).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains("PRIVATE KEY"));
        let mode = fs::metadata(&entry).unwrap().permissions().mode() & 0o777;
        let private = if entry.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode & !private, 0, "{} is {mode:o}", entry.display());
        seen += 1;
    }
    assert!(seen >= 3, "the local copy is there");
}

/// Every file and folder below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            all.extend(walk(&p));
        }
        all.push(p);
    }
    all
}

#[cfg(unix)]
#[test]
fn fifos_in_the_folder_never_hang_a_command() {
    let d = Desk::new();
    mkfifo(&d.file("张华.lock"));
    mkfifo(&d.file("李强.jsonl"));
    let err = d.fails("张华", &["set", "1.1.1", "--percent", "30"]);
    assert!(err.contains("张华.lock"), "{err}");
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(err.contains("李强.jsonl") && err.contains("管道"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_put_where_the_plan_was_is_refused_at_once() {
    let d = Desk::new();
    let plan = d.data().join("plan.json");
    mkfifo(&plan);
    let plan = plan.to_string_lossy().into_owned();
    let err = d.fails("张华", &["--plan", &plan, "status"]);
    assert!(err.contains("plan.json") && err.contains("管道"), "{err}");
    let err = d.fails("张华", &["plan", "import", &plan, "--output", "new.json"]);
    assert!(err.contains("plan.json") && err.contains("管道"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_sparse_12_gb_journal_costs_only_its_real_content() {
    let d = Desk::new();
    let f = fs::File::create(d.file("李强.jsonl")).unwrap();
    f.set_len(12 << 30).unwrap();
    drop(f);
    d.ok("张华", &["set", "1.1.1", "--percent", "30"]);
    let (_, err) = d.ok("张华", &["status"]);
    assert!(err.contains("李强.jsonl") && err.contains("过长"), "{err}");
    assert_eq!(d.task("张华", "1.1.1")["percent"], 30.0);
}

#[test]
fn forty_thousand_journal_files_are_read_by_a_few_threads() {
    let d = Desk::new();
    for i in 0..40_000 {
        fs::write(d.file(&format!("u{i}.jsonl")), "").unwrap();
    }
    fs::write(
        d.file("u7.jsonl"),
        line(
            ID1,
            "2023-05-01T08:00:00Z",
            "u7",
            r#"{"node":"1.1.1","percent":40}"#,
        ),
    )
    .unwrap();
    assert_eq!(d.task("张华", "1.1.1")["percent"], 40.0);
}

#[test]
fn a_million_garbage_lines_are_one_warning() {
    let d = Desk::new();
    fs::write(d.file("李强.jsonl"), "garbage\n".repeat(1_000_000)).unwrap();
    let (_, err) = d.ok("张华", &["status"]);
    let about: Vec<&str> = err.lines().filter(|l| l.contains("李强.jsonl")).collect();
    assert_eq!(about.len(), 1, "{err}");
    assert!(
        about[0].contains("李强.jsonl:1") && about[0].contains("1000000"),
        "{err}"
    );
}

#[test]
fn a_copy_of_my_event_id_elsewhere_cannot_replace_my_change() {
    let d = Desk::new();
    d.ok(
        "张华",
        &["set", "1.1.1", "--percent", "60", "--note", "真实进展"],
    );
    let mine = fs::read_to_string(d.file("张华.jsonl")).unwrap();
    let id = mine.split('"').nth(3).unwrap().to_string();
    fs::write(
        d.file("李强.jsonl"),
        line(
            &id,
            "2023-05-01T08:00:00Z",
            "李强",
            r#"{"node":"1.1.1","percent":0,"note":"伪造"}"#,
        ),
    )
    .unwrap();
    let task = d.task("张华", "1.1.1");
    assert_eq!(
        (task["percent"].as_f64(), task["note"].as_str()),
        (Some(60.0), Some("真实进展"))
    );
    let (log, err) = d.ok("张华", &["log"]);
    let (counted, marked) = log.split_once("以下记录来源可疑").unwrap();
    assert!(
        !counted.contains("伪造") && marked.contains("伪造"),
        "{log}"
    );
    assert!(
        err.contains("李强.jsonl:1") && err.contains("张华.jsonl"),
        "{err}"
    );
    // A third officer cannot tell which is true: neither counts, and both are named.
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(err.contains("李强.jsonl:1"), "{err}");
    assert!(d.task("王芳", "1.1.1")["note"] != "伪造");
}

#[test]
fn an_event_from_2099_does_not_pin_its_task() {
    let d = Desk::new();
    fs::write(
        d.file("李强.jsonl"),
        line(
            ID1,
            "2099-01-01T00:00:00Z",
            "李强",
            r#"{"node":"1.1.1","percent":90}"#,
        ),
    )
    .unwrap();
    let (_, err) = d.ok("张华", &["status"]);
    assert!(
        err.contains("李强.jsonl:1") && err.contains("2099"),
        "{err}"
    );
    // Both times as everywhere in the command line: RFC 3339 with offset.
    let stamped = err.split("记录时间 ").nth(1).unwrap_or_default();
    assert!(common::is_rfc3339_with_offset(&stamped[..25]), "{err}");
    let placed = err.split("按 ").nth(1).unwrap_or_default();
    assert!(common::is_rfc3339_with_offset(&placed[..25]), "{err}");
    d.ok("张华", &["set", "1.1.1", "--percent", "20"]);
    assert_eq!(d.task("张华", "1.1.1")["percent"], 20.0);
    // Gone from the folder, it is still only as recent as where it stood.
    fs::write(d.file("李强.jsonl"), "").unwrap();
    assert_eq!(d.task("张华", "1.1.1")["percent"], 20.0);
}

#[test]
fn a_clock_behind_a_colleague_still_changes_the_task() {
    let d = Desk::new();
    // A colleague whose clock runs an hour ahead of mine.
    let ahead = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1);
    fs::write(
        d.file("李强.jsonl"),
        line(
            ID1,
            &ahead.to_string(),
            "李强",
            r#"{"node":"1.1.1","percent":70}"#,
        ),
    )
    .unwrap();
    d.ok("张华", &["set", "1.1.1", "--percent", "40"]);
    assert_eq!(d.task("张华", "1.1.1")["percent"], 40.0);
    d.ok("张华", &["undo"]);
    assert_eq!(d.task("张华", "1.1.1")["percent"], 70.0);
}

#[test]
fn a_byte_order_mark_does_not_hide_the_first_event() {
    let d = Desk::new();
    let text = format!(
        "\u{feff}{}",
        line(
            ID1,
            "2023-05-01T08:00:00Z",
            "李强",
            r#"{"node":"1.1.1","percent":40}"#
        )
    );
    fs::write(d.file("李强.jsonl"), text).unwrap();
    let (_, err) = d.ok("张华", &["status"]);
    assert!(!err.contains("李强.jsonl"), "{err}");
    assert_eq!(d.task("张华", "1.1.1")["percent"], 40.0);
}

#[test]
fn my_lost_events_come_back_only_with_my_next_change() {
    let d = Desk::new();
    d.ok("张华", &["set", "1.1.1", "--percent", "30"]);
    d.ok("张华", &["set", "1.1.2", "--percent", "50"]);
    // A late sync puts back an older copy of my file.
    let mine = fs::read_to_string(d.file("张华.jsonl")).unwrap();
    let first = mine.lines().next().unwrap().to_string() + "\n";
    fs::write(d.file("张华.jsonl"), &first).unwrap();
    let before = d.snapshot();
    let (_, err) = d.ok("张华", &["status"]);
    assert!(err.contains("下次修改时一并重新写入"), "{err}");
    assert_eq!(
        d.task("张华", "1.1.2")["percent"],
        50.0,
        "shown from the copy"
    );
    assert_eq!(
        d.snapshot(),
        before,
        "a read-only command wrote to the folder"
    );
    d.ok("张华", &["set", "1.1.3", "--percent", "10"]);
    let now = fs::read_to_string(d.file("张华.jsonl")).unwrap();
    assert_eq!(now.lines().count(), 3, "{now}");
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(!err.contains("张华"), "{err}");
}

#[test]
fn writers_on_one_computer_with_a_damaged_line_raise_no_false_alarm() {
    let d = Desk::new();
    fs::write(d.file("王芳.jsonl"), "damaged line\n").unwrap();
    let users = ["张华", "李强", "赵敏"];
    let errs: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = users
            .iter()
            .map(|&user| {
                let d = &d;
                s.spawn(move || {
                    let mut errs = String::new();
                    for k in 0..12 {
                        let pct = format!("{}", k * 5);
                        // A note of its own: a percent the task already has writes nothing.
                        let note = format!("{user} {k}");
                        let args = ["set", "2.1.1", "--percent", &pct, "--note", &note];
                        let (_, e) = d.ok(user, &args);
                        errs.push_str(&e);
                    }
                    errs
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    for e in errs {
        for l in e.lines() {
            assert!(l.contains("王芳.jsonl:1"), "a false alarm: {l}");
        }
    }
    // The copy holds each line once.
    let copy = walk(&d.cache())
        .into_iter()
        .find(|p| p.ends_with("events.jsonl"))
        .unwrap();
    let text = fs::read_to_string(copy).unwrap();
    let mut ids: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"change\""))
        .map(|l| l.split('"').nth(3).unwrap())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((ids.len(), all), (36, 36), "lines copied twice");
}

#[test]
fn a_forged_line_in_my_name_is_refused_and_named() {
    let d = Desk::new();
    fs::write(
        d.file("李强.jsonl"),
        line(
            ID2,
            "2023-05-01T08:00:00Z",
            "张华",
            r#"{"node":"1.1.1","status":"blocked"}"#,
        ),
    )
    .unwrap();
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(
        err.contains("李强.jsonl:1") && err.contains("“张华”"),
        "{err}"
    );
    assert_eq!(d.task("王芳", "1.1.1")["status"], "not_started");
    // The history shows it, marked, apart from what counts.
    let (log, _) = d.ok("王芳", &["log"]);
    let (counted, marked) = log.split_once("以下记录来源可疑").unwrap();
    assert!(counted.contains("没有记录"), "{log}");
    assert!(
        marked.contains("✗") && marked.contains("张华  1.1.1 状态 受阻"),
        "{log}"
    );
    let (json, _) = d.ok("王芳", &["log", "--format", "json"]);
    let log: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(log["schema"], 1);
    let entries = log["events"].as_array().unwrap();
    assert!(
        entries[0]["refused"]
            .as_str()
            .unwrap()
            .contains("李强.jsonl:1")
    );
}

#[test]
fn events_only_in_the_local_copy_are_named_and_can_be_dropped() {
    let d = Desk::new();
    d.ok("李强", &["set", "1.1.1", "--percent", "30"]);
    d.ok("李强", &["set", "1.1.2", "--percent", "40"]);
    d.ok("王芳", &["status"]);
    // 李强's file goes back to an older copy: 王芳's computer still shows what it read.
    let full = fs::read_to_string(d.file("李强.jsonl")).unwrap();
    fs::write(
        d.file("李强.jsonl"),
        full.lines().next().unwrap().to_string() + "\n",
    )
    .unwrap();
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(
        err.contains("李强.jsonl: 本机曾从此文件读到的 1 条记录"),
        "{err}"
    );
    assert!(err.contains("workplan forget 李强.jsonl"), "{err}");
    assert_eq!(d.task("王芳", "1.1.2")["percent"], 40.0);
    // The officer decides it is gone for good.
    let (out, _) = d.ok("王芳", &["forget", "李强.jsonl"]);
    assert!(out.contains("已从本机副本删除 2 条"), "{out}");
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(!err.contains("本机副本"), "{err}");
    assert_eq!(d.task("王芳", "1.1.2")["percent"], 0.0);
    assert_eq!(
        d.task("王芳", "1.1.1")["percent"],
        30.0,
        "what the file holds stays"
    );
}

#[test]
fn a_line_changed_or_removed_in_the_middle_of_a_file_is_reported() {
    let d = Desk::new();
    for pct in ["10", "20", "30"] {
        d.ok("李强", &["set", "1.1.1", "--percent", pct]);
    }
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(err.is_empty(), "{err}");
    let text = fs::read_to_string(d.file("李强.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The middle line removed: the line after it no longer follows the one before.
    fs::write(
        d.file("李强.jsonl"),
        format!("{}\n{}\n", lines[0], lines[2]),
    )
    .unwrap();
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(
        err.contains("李强.jsonl:2: 此行之前的一行在写入后被修改或删除过"),
        "{err}"
    );
    // The middle line edited by hand (20% made 90%).
    let edited = lines[1].replace("\"percent\":20", "\"percent\":90");
    assert_ne!(edited, lines[1]);
    fs::write(
        d.file("李强.jsonl"),
        format!("{}\n{edited}\n{}\n", lines[0], lines[2]),
    )
    .unwrap();
    let (_, err) = d.ok("王芳", &["status"]);
    assert!(err.contains("李强.jsonl:3: 此行之前的一行"), "{err}");
}
