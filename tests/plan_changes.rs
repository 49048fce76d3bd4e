//! The plan changes under an existing journal: reworded, renumbered and moved tasks keep their
//! history (it follows each task's key), removed tasks keep their events as orphans (shown,
//! never dropped), changes whose id now names another task are kept out and listed, and
//! `plan migrate` records where they belong.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use jiff::civil::date;
use serde_json::Value;
use workplan::app::App;
use workplan::context::Context;
use workplan::i18n::Lang;
use workplan::journal::{Change, Store};
use workplan::plan::{EMBEDDED_PLAN, LoadedPlan};

use crate::common;

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

/// The 2023 plan changed by `edit` (on the list of item 1.1's tasks), written as `name`.
fn plan_with(dir: &Path, name: &str, edit: impl FnOnce(&mut Vec<Value>)) -> std::path::PathBuf {
    let mut plan: Value = serde_json::from_str(EMBEDDED_PLAN).unwrap();
    edit(
        plan["areas"][0]["items"][0]["tasks"]
            .as_array_mut()
            .unwrap(),
    );
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    path
}

/// Numbers item 1.1's tasks 1.1.1, 1.1.2 … in their order.
fn renumber(tasks: &mut [Value]) {
    for (i, t) in tasks.iter_mut().enumerate() {
        t["id"] = Value::String(format!("1.1.{}", i + 1));
    }
}

/// Takes the keys out of every task of the plan at `path`, as a plan written before keys.
fn without_keys(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("\"key\"")).collect();
    std::fs::write(path, kept.join("\n")).unwrap();
}

#[test]
fn an_id_given_to_a_different_task_does_not_take_the_old_tasks_history() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), None, &["set", "1.1.2", "--percent", "30"]);
    // 1.1.2 replaced by another task: a new text under a new key.
    let plan = plan_with(dir.path(), "plan-2.json", |tasks| {
        tasks[1] = serde_json::json!({"id": "1.1.2", "text": "开展垃圾分类宣传周活动。"});
    });
    let (out, err) = run(dir.path(), Some(&plan), &["status"]);
    assert!(err.contains("1.1.2") && err.contains("未计入"), "{err}");
    assert!(
        out.lines().nth(2).unwrap().contains("plan migrate"),
        "said on the status itself, before the table: {out}"
    );
    let (json, _) = run(dir.path(), Some(&plan), &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(task(&json, "1.1.2").unwrap()["percent"], 0.0);
    assert_eq!(json["misplaced"][0]["node"], "1.1.2");
    let (_, err) = run(dir.path(), None, &["status"]);
    assert!(err.is_empty(), "the original plan raises nothing: {err}");
}

#[test]
fn a_task_inserted_before_1_1_1_leaves_every_history_with_its_task() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        None,
        &[
            "set",
            "1.1.1",
            "--status",
            "done",
            "--note",
            "双联系点已升级",
        ],
    );
    run(dir.path(), None, &["set", "1.1.3", "--percent", "40"]);
    let plan = plan_with(dir.path(), "plan-2.json", |tasks| {
        tasks.insert(
            0,
            serde_json::json!({"id": "x", "text": "新增：开展立法意见征询。"}),
        );
        renumber(tasks);
    });
    let (out, err) = run(dir.path(), Some(&plan), &["status", "--format", "json"]);
    assert!(err.is_empty(), "nothing to warn about: {err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let new = task(&json, "1.1.1").unwrap();
    assert_eq!(
        (&new["status"], &new["percent"]),
        (&"not_started".into(), &0.0.into())
    );
    let moved = task(&json, "1.1.2").unwrap();
    assert!(moved["text"].as_str().unwrap().starts_with("推动基层立法"));
    assert_eq!(moved["status"], "done");
    assert_eq!(moved["note"], "双联系点已升级");
    assert_eq!(task(&json, "1.1.4").unwrap()["percent"], 40.0);
    // log names each change by the task's id now.
    let (log, _) = run(dir.path(), Some(&plan), &["log", "--id", "1.1.2"]);
    assert!(log.contains("双联系点已升级"), "{log}");
}

#[test]
fn a_keyless_plan_renumbered_under_its_journal_is_detected_and_migrate_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = plan_with(dir.path(), "old.json", |_| {});
    without_keys(&old);
    // Changes written before changes carried keys: by id, with the start of the task's text.
    let texts = LoadedPlan::from_path(&old).unwrap();
    let about = |id: &str| {
        let n = texts.index_of(id).unwrap();
        Some(workplan::journal::about(&texts.nodes()[n].text))
    };
    let legacy = [
        common::change(
            1,
            "2023-05-01T02:00:00Z",
            "王敏",
            Change {
                node: "1.1.1".into(),
                percent: Some(60),
                about: about("1.1.1"),
                ..Change::default()
            },
        ),
        common::change(
            2,
            "2023-05-02T02:00:00Z",
            "王敏",
            Change {
                node: "1.1.2".into(),
                note: Some("家站点平台已上线".into()),
                about: about("1.1.2"),
                ..Change::default()
            },
        ),
    ];
    Store::new(dir.path(), "xjw-2023", "王敏")
        .append(&legacy)
        .unwrap();
    let (out, _) = run(dir.path(), Some(&old), &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(task(&json, "1.1.1").unwrap()["percent"], 60.0, "as written");
    let new = plan_with(dir.path(), "new.json", |tasks| {
        tasks.insert(
            0,
            serde_json::json!({"id": "x", "text": "新增：开展立法意见征询。"}),
        );
        renumber(tasks);
    });
    without_keys(&new);
    let (out, err) = run(dir.path(), Some(&new), &["status", "--format", "json"]);
    assert!(
        err.contains("未计入") && err.contains("1.1.1"),
        "detected: {err}"
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        task(&json, "1.1.1").unwrap()["percent"],
        0.0,
        "not on the new task"
    );
    let (proposed, _) = run(
        dir.path(),
        Some(&new),
        &[
            "plan",
            "migrate",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(
        proposed.contains("1.1.1") && proposed.contains("1.1.2"),
        "{proposed}"
    );
    let (out, err) = run(dir.path(), Some(&new), &["status", "--format", "json"]);
    assert!(err.is_empty(), "moved: {err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(task(&json, "1.1.1").unwrap()["percent"], 0.0);
    assert_eq!(task(&json, "1.1.2").unwrap()["percent"], 60.0);
    assert_eq!(task(&json, "1.1.3").unwrap()["note"], "家站点平台已上线");
}

/// Any reordering of the 2023 plan's tasks, across items, with new tasks put in among them and
/// every id renumbered, leaves the folded state of every task as it was.
#[test]
fn no_reordering_or_insertion_moves_any_history() {
    use proptest::prelude::*;
    use workplan::journal::{Body, Event};
    use workplan::plan::{Plan, Task};
    use workplan::status::Status;

    let raw = Plan::embedded().unwrap();
    let plan = LoadedPlan::embedded().unwrap();
    let tasks: Vec<usize> = (0..plan.nodes().len())
        .filter(|&n| plan.nodes()[n].level == workplan::plan::Level::Task)
        .collect();
    let originals: Vec<Task> = raw
        .areas
        .iter()
        .flat_map(|a| &a.items)
        .flat_map(|i| i.tasks.clone())
        .collect();
    let statuses = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
    ];
    let events =
        proptest::collection::vec((0..tasks.len(), 0u8..=100, 0..4usize, any::<bool>()), 1..80);
    let order = Just((0..tasks.len()).collect::<Vec<_>>()).prop_shuffle();
    let inserted = proptest::collection::vec(0..tasks.len() + 1, 0..6);
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 64,
        failure_persistence: None,
        ..Default::default()
    });
    runner
        .run(&(events, order, inserted), |(changes, order, inserted)| {
            let events: Vec<Event> = changes
                .iter()
                .enumerate()
                .map(|(i, &(t, percent, s, note))| {
                    let node = &plan.nodes()[tasks[t]];
                    let status = statuses[s];
                    let percent = match status {
                        Status::Done => 100,
                        Status::NotStarted => 0,
                        _ => percent.min(99),
                    };
                    let at = format!("2023-05-01T{:02}:{:02}:00Z", i / 60, i % 60);
                    common::event(
                        i as u128 + 1,
                        &at,
                        "王敏",
                        Body::Change(Change {
                            node: node.id.as_str().into(),
                            key: Some(node.key.as_str().into()),
                            status: Some(status),
                            percent: Some(percent),
                            note: note.then(|| format!("第{i}条")),
                            ..Change::default()
                        }),
                    )
                })
                .collect();
            // The tasks in the new order, with new ones put in, dealt out to the items as many
            // as each had, the rest to the last; then numbered afresh.
            let mut all: Vec<Task> = order.iter().map(|&t| originals[t].clone()).collect();
            for (k, &at) in inserted.iter().enumerate() {
                let text = format!("新增任务{k}：开展专项走访。");
                let task = Task {
                    id: String::new(),
                    key: None,
                    text,
                    text_en: None,
                    owner: None,
                    due: None,
                };
                all.insert(at.min(all.len()), task);
            }
            let mut changed: Plan = raw.clone();
            let sizes: Vec<usize> = changed
                .areas
                .iter()
                .flat_map(|a| &a.items)
                .map(|i| i.tasks.len())
                .collect();
            let mut rest = all.into_iter();
            let items = changed.areas.iter_mut().flat_map(|a| {
                let area = a.id.clone();
                a.items.iter_mut().map(move |i| (area.clone(), i))
            });
            let count = sizes.len();
            for (k, (_, item)) in items.enumerate() {
                let take = if k + 1 == count { usize::MAX } else { sizes[k] };
                item.tasks = rest.by_ref().take(take).collect();
                for (j, t) in item.tasks.iter_mut().enumerate() {
                    t.id = format!("{}.{}", item.id, j + 1);
                }
            }
            changed
                .areas
                .iter_mut()
                .flat_map(|a| &mut a.items)
                .for_each(|i| {
                    if i.tasks.is_empty() {
                        i.tasks.push(Task {
                            id: format!("{}.1", i.id),
                            key: None,
                            text: format!("{}补充", i.title),
                            text_en: None,
                            owner: None,
                            due: None,
                        });
                    }
                });
            let changed =
                LoadedPlan::from_bytes(&serde_json::to_vec(&changed).unwrap(), "changed.json")
                    .unwrap();
            let day = date(2023, 9, 1);
            let before = workplan::progress::fold(&plan, events.clone(), day);
            let after = workplan::progress::fold(&changed, events, day);
            prop_assert!(after.reused.is_empty() && after.orphans.is_empty());
            for &t in &tasks {
                let key = &plan.nodes()[t].key;
                let m = changed.index_of_key(key).unwrap();
                let (a, b) = (&before.nodes[t], &after.nodes[m]);
                prop_assert_eq!(
                    (a.status, a.percent, &a.history, &a.notes),
                    (b.status, b.percent, &b.history, &b.notes),
                    "{}",
                    key
                );
            }
            Ok(())
        })
        .unwrap();
}
