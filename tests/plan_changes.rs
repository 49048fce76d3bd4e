//! The plan changes under an existing journal: reworded tasks keep their history, removed tasks
//! keep their events as orphans (shown, never dropped), and reused ids are flagged.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use jiff::civil::date;
use serde_json::Value;
use workplan::app::App;
use workplan::context::Context;
use workplan::i18n::Lang;
use workplan::journal::Store;
use workplan::plan::{EMBEDDED_PLAN, LoadedPlan};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_workplan");

fn run(data: &Path, plan: Option<&Path>, args: &[&str]) -> (String, String) {
    let mut cmd = Command::new(BIN);
    cmd.envs(common::ISOLATED);
    cmd.args([
        "--user",
        "王敏",
        "--lang",
        "zh",
        "--today",
        "2023-09-01",
        "--data-dir",
    ])
    .arg(data);
    if let Some(p) = plan {
        cmd.arg("--plan").arg(p);
    }
    let out = cmd.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The 2023 plan with task 1.1.x's text changed (`Some`) or the task removed (`None`).
fn edited_plan(dir: &Path, index: usize, text: Option<&str>) -> std::path::PathBuf {
    let mut plan: Value = serde_json::from_str(EMBEDDED_PLAN).unwrap();
    let tasks = plan["areas"][0]["items"][0]["tasks"]
        .as_array_mut()
        .unwrap();
    match text {
        Some(t) => tasks[index]["text"] = Value::String(t.into()),
        None => {
            tasks.remove(index);
        }
    }
    let path = dir.join("plan-2.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    path
}

fn task<'a>(json: &'a Value, id: &str) -> Option<&'a Value> {
    common::tasks(json).find(|t| t["id"] == id)
}

#[test]
fn a_reworded_task_keeps_its_history_unflagged() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        None,
        &["set", "1.1.1", "--percent", "60", "--note", "联系点已升级"],
    );
    let plan = edited_plan(
        dir.path(),
        0,
        Some("推动基层立法“双联系点”迭代升级，调动群众、企业参与立法的积极性。"),
    );
    let (out, err) = run(dir.path(), Some(&plan), &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let t = task(&json, "1.1.1").unwrap();
    assert_eq!(t["percent"], 60.0);
    assert_eq!(t["note"], "联系点已升级");
    assert!(err.is_empty(), "no warning for a reworded task: {err}");
}

#[test]
fn a_removed_task_keeps_its_events_as_orphans() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        None,
        &["set", "1.1.3", "--status", "done", "--note", "展示厅已建成"],
    );
    let plan = edited_plan(dir.path(), 2, None);
    let (out, err) = run(dir.path(), Some(&plan), &["status", "--format", "json"]);
    assert!(err.contains("1.1.3") && err.contains("已保留"), "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(task(&json, "1.1.3").is_none());
    assert_eq!(json["orphans"][0]["node"], "1.1.3");
    assert_eq!(json["counts"]["total"], 61);
    let (log, _) = run(dir.path(), Some(&plan), &["log"]);
    assert!(log.contains("展示厅已建成"), "history still shown: {log}");
    // The journal file itself is untouched, and the full plan sees the event again.
    let (out, _) = run(dir.path(), None, &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(task(&json, "1.1.3").unwrap()["status"], "done");

    // The dashboard shows the orphans too.
    let loaded = LoadedPlan::from_path(&plan).unwrap();
    let store = Store::new(dir.path(), &loaded.plan.id, "王敏");
    let app = App::new(Context {
        lang: Lang::Zh,
        plan: loaded,
        store,
        today: date(2023, 9, 1),
        until: None,
        ambiguous_wide: false,
    });
    assert!(
        app.warnings.iter().any(|w| w.contains("1.1.3")),
        "{:?}",
        app.warnings
    );
}

#[test]
fn an_id_reused_for_a_different_task_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), None, &["set", "1.1.2", "--percent", "30"]);
    let plan = edited_plan(dir.path(), 1, Some("开展垃圾分类宣传周活动。"));
    let (_, err) = run(dir.path(), Some(&plan), &["status"]);
    assert!(err.contains("1.1.2") && err.contains("重复使用"), "{err}");
    let (_, err) = run(dir.path(), None, &["status"]);
    assert!(err.is_empty(), "the original plan raises nothing: {err}");
}
