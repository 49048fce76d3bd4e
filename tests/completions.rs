//! `workplan completions SHELL` and the hidden `workplan manpage`: generated from the command
//! definitions, without touching any data folder.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use tempfile::TempDir;

use crate::common;

/// The binary, isolated, with a data folder that does not exist: completions must not need one.
fn run(dir: &TempDir, args: &[&str]) -> String {
    let missing = dir.path().join("不存在");
    let out = Command::new(env!("CARGO_BIN_EXE_workplan"))
        .envs(common::ISOLATED)
        .env("WORKPLAN_DATA_DIR", &missing)
        .env("WORKPLAN_USER", "alice")
        .args(args)
        .assert()
        .success();
    assert!(!missing.exists(), "{args:?} created the data folder");
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn completions_for_four_shells_name_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _workplan"),
        ("zsh", "#compdef workplan"),
        ("fish", "complete -c workplan"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run(&dir, &["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for command in ["status", "set", "export", "meeting", "undo"] {
            assert!(script.contains(command), "{shell}: no {command}");
        }
        assert!(script.contains("data-dir"), "{shell}: no data-dir option");
    }
}

#[test]
fn completions_refuse_an_unknown_shell() {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_workplan"))
        .envs(common::ISOLATED)
        .env("WORKPLAN_DATA_DIR", dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .failure();
}

#[test]
fn manpage_is_roff_naming_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let page = run(&dir, &["manpage"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH workplan"),
        "{page}"
    );
    assert!(page.contains(".TH workplan 1"));
    for command in ["status", "export", "completions"] {
        assert!(page.contains(command), "no {command}");
    }
    assert!(!page.contains("manpage"), "the hidden command is listed");
}
