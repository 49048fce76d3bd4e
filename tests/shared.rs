//! Several officers on one shared or synced folder: conflicts, sync tools' leftovers, files that
//! shrink, and concurrent writers. The real binary on temporary folders.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use crate::common;

/// One computer: its copy of the journal folder (a synced folder or a git clone) and its own
/// local files.
struct Machine {
    dir: TempDir,
}

impl Machine {
    fn new() -> Self {
        let m = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir(m.data()).unwrap();
        m
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("shared")
    }

    /// The folder of the 2023 plan's journals.
    fn journal(&self) -> PathBuf {
        self.data().join("xjw-2023")
    }

    /// `workplan` as `user` on this machine, in Chinese, as of 2023-09-01.
    fn cmd(&self, user: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_workplan"));
        for var in ["WORKPLAN_PLAN", "LC_ALL", "LC_MESSAGES", "LANG"] {
            c.env_remove(var);
        }
        c.env("WORKPLAN_DATA_DIR", self.data())
            .env("WORKPLAN_USER", user)
            .env("WORKPLAN_CONFIG_DIR", self.dir.path().join("config"))
            .env("WORKPLAN_CACHE_DIR", self.dir.path().join("cache"))
            .env(common::NOW.0, common::NOW.1)
            .args(["--today", "2023-09-01", "--lang", "zh"]);
        c
    }

    /// Runs a command that must succeed; its standard output.
    fn run(&self, user: &str, args: &[&str]) -> String {
        let out = self.cmd(user).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a command that must succeed; its standard error.
    fn run_err(&self, user: &str, args: &[&str]) -> String {
        let out = self.cmd(user).args(args).assert().success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn status(&self, user: &str) -> Value {
        serde_json::from_str(&self.run(user, &["status", "--format", "json"])).unwrap()
    }

    /// What a sync tool does: this machine's copy of `name` becomes `from`'s.
    fn sync_from(&self, from: &Machine, name: &str) {
        fs::create_dir_all(self.journal()).unwrap();
        fs::copy(from.journal().join(name), self.journal().join(name)).unwrap();
    }
}

/// The task with this id in `status --format json`.
fn task<'a>(status: &'a Value, id: &str) -> &'a Value {
    common::tasks(status).find(|t| t["id"] == id).unwrap()
}

/// Lines of `log` that mention `id`.
fn log_lines(m: &Machine, id: &str) -> Vec<String> {
    m.run("alice", &["log", "--id", id])
        .lines()
        .filter(|l| l.contains(id))
        .map(str::to_string)
        .collect()
}

/// Two computers that both have alice's first change: 1.1.1 at 30%.
fn synced_pair() -> (Machine, Machine) {
    let (a, b) = (Machine::new(), Machine::new());
    a.run("alice", &["set", "1.1.1", "--percent", "30"]);
    b.sync_from(&a, "alice.jsonl");
    (a, b)
}

#[test]
fn a_change_made_without_seeing_anothers_is_a_conflict_shown_in_log() {
    let (a, b) = synced_pair();
    // Both start from 30%; then each sets a different percent before the next sync.
    a.run("alice", &["set", "1.1.1", "--percent", "50"]);
    b.run("bob", &["set", "1.1.1", "--percent", "60"]);
    a.sync_from(&b, "bob.jsonl");
    b.sync_from(&a, "alice.jsonl");

    // The same state on both machines: the later change wins.
    assert_eq!(a.status("alice"), b.status("bob"));
    assert_eq!(task(&a.status("alice"), "1.1.1")["percent"], 60.0);
    assert_eq!(task(&a.status("alice"), "1.1.1")["updated_by"], "bob");

    // Both changes are in the log, marked, each naming the other's author; the 30% that both
    // had seen is not.
    for m in [&a, &b] {
        let lines = log_lines(m, "1.1.1");
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(!lines[0].contains("冲突"), "{}", lines[0]);
        assert!(lines[1].contains("【冲突】与 bob"), "{}", lines[1]);
        assert!(lines[2].contains("【冲突】与 alice"), "{}", lines[2]);
    }
    let json: Value = serde_json::from_str(&a.run("alice", &["log", "--format", "json"])).unwrap();
    let entries = json["events"].as_array().unwrap();
    assert_eq!(entries[1]["conflicts_with"][0], entries[2]["id"]);
    assert_eq!(entries[2]["conflicts_with"][0], entries[1]["id"]);
    assert!(entries[0].get("conflicts_with").is_none());
    // The meeting's minutes list the task once, marked, with both officers, as one to settle.
    let minutes = a.run("alice", &["export", "--format", "md"]);
    assert_eq!(minutes.matches("【冲突】").count(), 1, "{minutes}");
    let row = minutes.lines().find(|l| l.contains("【冲突】")).unwrap();
    assert!(row.contains("alice、bob") && row.contains("1.1.1"), "{row}");

    // After the meeting settles it, a change made having seen both is no conflict.
    a.run("alice", &["set", "1.1.1", "--percent", "55"]);
    let lines = log_lines(&a, "1.1.1");
    assert!(!lines[3].contains("冲突"), "{}", lines[3]);
}

#[test]
fn changes_in_turn_and_different_fields_are_not_conflicts() {
    let (a, b) = synced_pair();
    b.run("bob", &["set", "1.1.1", "--percent", "40"]);
    a.sync_from(&b, "bob.jsonl");
    // Unseen by each other, but one sets the owner, the other adds a note: no clash.
    a.run("alice", &["set", "1.1.1", "--owner", "党建办"]);
    b.run("bob", &["set", "1.1.1", "--note", "已对接"]);
    a.sync_from(&b, "bob.jsonl");
    let out = a.run("alice", &["log"]);
    assert!(!out.contains("冲突"), "{out}");
}

#[test]
fn an_older_copy_a_conflicted_copy_and_half_written_files_lose_nothing() {
    let m = Machine::new();
    m.run("alice", &["set", "1.1.1", "--percent", "30"]);
    let older = fs::read(m.journal().join("alice.jsonl")).unwrap();
    m.run("alice", &["set", "1.1.2", "--percent", "40"]);
    m.run("alice", &["set", "1.1.3", "--status", "done"]);
    m.run("bob", &["set", "2.1.1", "--status", "blocked"]);
    let before = m.status("bob");
    let alice_file = m.journal().join("alice.jsonl");
    let newer = fs::read(&alice_file).unwrap();

    // A sync puts alice's older copy back: bob's computer keeps what it had seen, and says so.
    fs::write(&alice_file, &older).unwrap();
    let err = m.run_err("bob", &["status"]);
    assert!(err.contains("alice.jsonl: 文件比上次读取时短"), "{err}");
    assert!(err.contains("2 条记录"), "{err}");
    assert_eq!(m.status("bob"), before);
    // Still missing from the folder: still said, still kept.
    let err = m.run_err("bob", &["status"]);
    assert!(err.contains("2 条记录"), "{err}");
    assert_eq!(m.status("bob"), before);

    // A conflicted copy is merged (its duplicates change nothing); leftovers of a sync in
    // progress are skipped; a half-written line is skipped. Each is named.
    let copy = m
        .journal()
        .join("bob.sync-conflict-20231001-120000-ABCDEFG.jsonl");
    fs::copy(m.journal().join("bob.jsonl"), &copy).unwrap();
    let partial = m.journal().join(".syncthing.carol.jsonl.tmp");
    fs::write(&partial, &newer[..newer.len() / 2]).unwrap();
    let carol = m.journal().join("carol.jsonl");
    fs::write(&carol, &newer[..newer.len() - 10]).unwrap();
    let err = m.run_err("bob", &["status"]);
    for (file, says) in [
        (&copy, "冲突副本"),
        (&partial, "尚未同步完成"),
        (&carol, "最后一行不完整"),
    ] {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(says)),
            "{name}: {err}"
        );
    }
    assert_eq!(m.status("bob"), before);
    fs::remove_file(&carol).unwrap();

    // The newer copy comes back: nothing is missing any more, so nothing more is said of it.
    fs::write(&alice_file, &newer).unwrap();
    let err = m.run_err("bob", &["status"]);
    assert!(!err.contains("条记录"), "{err}");
    assert_eq!(m.status("bob"), before);
}

#[test]
fn a_writer_whose_file_went_back_writes_its_own_events_again() {
    let m = Machine::new();
    m.run("alice", &["set", "1.1.1", "--percent", "30"]);
    let alice_file = m.journal().join("alice.jsonl");
    let older = fs::read(&alice_file).unwrap();
    m.run("alice", &["set", "1.1.2", "--percent", "40"]);
    let before = m.status("alice");
    fs::write(&alice_file, &older).unwrap();

    // Reading tells, and writes nothing to the shared folder.
    let err = m.run_err("alice", &["status"]);
    assert!(
        err.contains("alice.jsonl: 您自己的 1 条记录已不在此文件中"),
        "{err}"
    );
    assert_eq!(m.status("alice"), before);
    assert_eq!(fs::read(&alice_file).unwrap(), older);
    // The next change writes it back with itself.
    m.run("alice", &["set", "1.1.3", "--percent", "10"]);
    let after = m.status("alice");
    // Back in the shared file: another computer, which never saw it, sees it now.
    let other = Machine::new();
    other.sync_from(&m, "alice.jsonl");
    assert_eq!(other.status("bob"), after);
    let err = m.run_err("alice", &["status"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_change_from_the_command_line_is_in_the_local_copy_before_it_exits() {
    let m = Machine::new();
    m.run("alice", &["set", "1.1.1", "--percent", "30"]);
    let alice_file = m.journal().join("alice.jsonl");
    let older = fs::read(&alice_file).unwrap();
    m.run("alice", &["set", "1.1.2", "--percent", "40"]);
    // The older file is back before anything read the folder again.
    fs::write(&alice_file, &older).unwrap();
    let err = m.run_err("alice", &["status"]);
    assert!(
        err.contains("alice.jsonl: 您自己的 1 条记录已不在此文件中"),
        "{err}"
    );
    assert_eq!(task(&m.status("alice"), "1.1.2")["percent"], 40.0);
}

#[test]
fn a_conflicted_copy_deleted_after_it_was_merged_is_no_news() {
    let m = Machine::new();
    m.run("alice", &["set", "1.1.1", "--percent", "30"]);
    let copy = m.journal().join("alice (conflicted copy 2023-09-01).jsonl");
    fs::copy(m.journal().join("alice.jsonl"), &copy).unwrap();
    let err = m.run_err("bob", &["status"]);
    assert!(err.contains("冲突副本"), "{err}");
    fs::remove_file(&copy).unwrap();
    let err = m.run_err("bob", &["status"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_settings_file_names_the_shared_folder_and_the_officer() {
    let m = Machine::new();
    let config = m.dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    let shared = m.data();
    fs::write(
        config.join("config.toml"),
        format!("data_dir = '{}'\nuser = \"王敏\"\n", shared.display()),
    )
    .unwrap();
    let bare = || {
        let mut c = m.cmd("ignored");
        c.env_remove("WORKPLAN_DATA_DIR")
            .env_remove("WORKPLAN_USER");
        c
    };
    bare()
        .args(["set", "1.1.1", "--percent", "20"])
        .assert()
        .success();
    assert!(m.journal().join("王敏.jsonl").is_file());
    let status = bare()
        .args(["status", "--format", "json"])
        .assert()
        .success();
    let status: Value = serde_json::from_slice(&status.get_output().stdout).unwrap();
    assert_eq!(task(&status, "1.1.1")["updated_by"], "王敏");
    // An option still wins over the file.
    bare()
        .args(["--user", "李强", "set", "1.1.2", "--percent", "5"])
        .assert()
        .success();
    assert!(m.journal().join("李强.jsonl").is_file());

    // A mistake in the file: refused with its line and column, nothing written.
    fs::write(
        config.join("config.toml"),
        "user = \"王敏\"\ndata-dir = 'x'\n",
    )
    .unwrap();
    let out = bare()
        .args(["set", "1.1.3", "--percent", "5"])
        .assert()
        .failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml 第 2 行第 1 列有误"), "{err}");
    assert!(err.contains("data-dir"), "{err}");
}

#[test]
fn officers_writing_at_once_on_one_computer_raise_no_false_alarm() {
    // Reading while others append: what one process read is behind what another has copied,
    // which must not pass for a file that shrank.
    let m = std::sync::Arc::new(Machine::new());
    let writers: Vec<_> = ["甲", "乙", "丙"]
        .into_iter()
        .map(|user| {
            let m = std::sync::Arc::clone(&m);
            std::thread::spawn(move || {
                (0..15)
                    .map(|i| {
                        let percent = (i * 5).to_string();
                        let task = format!("1.1.{}", i % 3 + 1);
                        // A note of its own: a percent the task already has writes nothing.
                        let note = format!("{user} {i}");
                        let args = ["set", &task, "--percent", &percent, "--note", &note];
                        m.run_err(user, &args)
                    })
                    .collect::<String>()
            })
        })
        .collect();
    for w in writers {
        let err = w.join().unwrap();
        assert!(err.is_empty(), "{err}");
    }
    let log: Value = serde_json::from_str(&m.run("甲", &["log", "--format", "json"])).unwrap();
    assert_eq!(log["events"].as_array().unwrap().len(), 45);
}

/// Runs a command that must succeed; its standard output and standard error.
fn both(m: &Machine, user: &str, args: &[&str]) -> (String, String) {
    let out = m.cmd(user).args(args).assert().success();
    let out = out.get_output();
    (
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    )
}

#[test]
fn status_of_a_large_unchanged_folder_comes_from_the_folded_snapshot() {
    let m = Machine::new();
    let plan = workplan::plan::Plan::embedded().unwrap();
    let events = workplan::synth::events(&workplan::synth::task_ids(&plan), 5000);
    for user in workplan::synth::USERS {
        let mine: Vec<_> = events.iter().filter(|e| e.user == user).cloned().collect();
        workplan::journal::Store::new(&m.data(), "xjw-2023", user)
            .append(&mine)
            .unwrap();
    }
    let json = ["status", "--format", "json"];
    let (first, warned) = both(&m, "王敏", &json);
    assert_eq!(warned, "");
    let kept = fs::read_dir(m.dir.path().join("cache"))
        .unwrap()
        .map(|d| d.unwrap().path().join("folded.bin"))
        .find(|p| p.exists());
    assert!(kept.is_some(), "a large fold is kept");

    // The snapshot of events is removed: a read of the events would keep it again (there are
    // more than enough of them), so its absence after two runs shows that none was read.
    let events_kept = kept.unwrap().with_file_name("snapshot.bin");
    fs::remove_file(&events_kept).unwrap();
    assert_eq!(both(&m, "王敏", &json), (first.clone(), String::new()));
    assert_eq!(both(&m, "王敏", &["status"]).1, "");
    assert!(!events_kept.exists(), "no event was read");

    // A change appended by a colleague is read, and shown; a byte changed in place, far from
    // a file's end and keeping its length, is seen, as a whole read would see it.
    m.run("赵磊", &["set", "1.1.1", "--percent", "37"]);
    let (after, warned) = both(&m, "王敏", &json);
    assert_eq!(warned, "");
    let after: Value = serde_json::from_str(&after).unwrap();
    let task = common::tasks(&after).find(|t| t["id"] == "1.1.1").unwrap();
    assert_eq!(task["percent"], 37.0);
    assert_eq!(task["updated_by"], "赵磊");
    let file = m.journal().join("李强.jsonl");
    let mut bytes = fs::read(&file).unwrap();
    let id = br#""id":""#;
    let at = bytes.windows(id.len()).position(|w| w == id).unwrap();
    assert!(bytes.len() - at > 4096);
    bytes[at + id.len()] = b'x'; // no longer a uuid
    fs::write(&file, &bytes).unwrap();
    let (again, warned) = both(&m, "王敏", &json);
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), after);
    assert!(warned.contains("李强.jsonl"), "{warned}");
}
