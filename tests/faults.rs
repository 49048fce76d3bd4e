//! I/O failure at every step of a journal append and an export write: the data already on disk
//! stays intact, the error reaches the user in words, and a retry succeeds.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use workplan::edit::{self, SetRequest};
use workplan::export::write_atomically;
use workplan::i18n::{self, Lang};
use workplan::journal::{Event, Store};
use workplan::plan::LoadedPlan;
use workplan::storage::{Faulty, Step};

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_workplan");

fn events(plan: &LoadedPlan, id: &str, percent: u8) -> Vec<Event> {
    let req = SetRequest {
        percent: Some(percent),
        note: Some("进展顺利".into()),
        ..SetRequest::default()
    };
    edit::set(plan, id, &req, "tester").unwrap()
}

#[test]
fn a_failed_journal_append_leaves_the_file_as_it_was_and_a_retry_succeeds() {
    let plan = LoadedPlan::embedded().unwrap();
    let mut tried = 0;
    for step in [Step::Create, Step::Write, Step::Sync] {
        let dir = tempfile::tempdir().unwrap();
        let faults = Faulty::default();
        let store =
            Store::new(dir.path(), "xjw-2023", "tester").with_storage(Arc::new(faults.clone()));
        store.append(&events(&plan, "1.1.1", 10)).unwrap();
        store.append(&events(&plan, "1.1.2", 20)).unwrap();
        let before = std::fs::read(store.own_file()).unwrap();

        faults.fail_next(step);
        let e = store.append(&events(&plan, "1.1.3", 30)).unwrap_err();
        tried += 1;
        let words = i18n::journal_error(Lang::Zh, &e);
        assert!(
            words.contains("无法写入") && words.contains("未保存"),
            "{words}"
        );
        assert!(
            words.contains(&dir.path().display().to_string()),
            "names the path: {words}"
        );
        assert_eq!(
            std::fs::read(store.own_file()).unwrap(),
            before,
            "{step:?}: file unchanged"
        );

        store.append(&events(&plan, "1.1.3", 30)).unwrap();
        let back = store.read().unwrap();
        assert!(back.warnings.is_empty(), "{step:?}: {:?}", back.warnings);
        assert_eq!(back.events.len(), 3, "{step:?}");
    }
    eprintln!("journal faults injected: {tried}, acknowledged events lost: 0");
}

#[test]
fn a_failed_export_keeps_the_old_file_whole_and_leaves_nothing_behind() {
    for step in [Step::Create, Step::Write, Step::Sync, Step::Rename] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.csv");
        std::fs::write(&path, "旧的台账").unwrap();
        let faults = Faulty::default();
        faults.fail_next(step);
        let e = write_atomically(&faults, &path, "新的台账".as_bytes()).unwrap_err();
        let words = i18n::export_error(Lang::Zh, &e);
        assert!(words.contains("台账.csv"), "{words}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "旧的台账",
            "{step:?}"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "{step:?}: no temporary file left: {names:?}"
        );
        write_atomically(&faults, &path, "新的台账".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新的台账");
    }
}

fn set(data: &Path, percent: &str) -> std::process::Output {
    Command::new(BIN)
        .envs(common::ISOLATED)
        .args([
            "--user",
            "tester",
            "--lang",
            "zh",
            "set",
            "2.1.1",
            "--percent",
            percent,
        ])
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(set(dir.path(), "10").status.success());
    let folder = dir.path().join("xjw-2023");
    let own = folder.join("tester.jsonl");
    let kept = std::fs::read(&own).unwrap();
    std::fs::rename(&own, folder.join("tester.jsonl.bak")).unwrap();
    std::os::unix::fs::symlink("/dev/full", &own).unwrap();
    let out = set(dir.path(), "20");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("无法写入") && err.contains("tester.jsonl"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("已保存"));
    assert_eq!(
        std::fs::read(folder.join("tester.jsonl.bak")).unwrap(),
        kept
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_data_folder_is_reported() {
    // /proc is read-only for everyone, root included.
    let out = set(Path::new("/proc/workplan-test"), "20");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/proc/workplan-test"), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}
