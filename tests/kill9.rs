//! kill -9 mid-write: `workplan set` is killed at random moments; every change it acknowledged
//! ("已保存" on standard output, printed only after the journal is synced) is still there, and
//! the journal still loads.
//!
//! `WORKPLAN_KILL_RUNS` sets the number of runs (default 200, never fewer than 1);
//! `WORKPLAN_KILL_SEED` the seed of the delays.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use workplan::journal::{Store, WarningKind};

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_workplan");
const USER: &str = "killer";

/// The binary on `data`, with no setting leaking in from the environment.
fn workplan(data: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.envs(common::ISOLATED);
    for var in ["WORKPLAN_PLAN", "WORKPLAN_DATA_DIR", "WORKPLAN_USER"] {
        c.env_remove(var);
    }
    c.args(["--lang", "zh", "--user", USER, "--today", "2023-09-01"])
        .arg("--data-dir")
        .arg(data);
    c
}

/// What one run was asked to do and what it reported.
struct Run {
    /// How many events the command writes (one per task it changes).
    events: usize,
    acknowledged: bool,
    killed: bool,
}

#[test]
fn killed_writers_lose_no_acknowledged_change() {
    let runs = common::env_number::<u64>("WORKPLAN_KILL_RUNS", 200).max(1);
    let seed = common::env_number::<u64>("WORKPLAN_KILL_SEED", 0x5eed_2023);
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // An item with several tasks: one command, one batch of events in one write.
    let plan = workplan::plan::LoadedPlan::embedded().unwrap();
    let item_tasks = plan.tasks_under(plan.index_of("1.3").unwrap()).len();
    assert!(item_tasks > 1);

    let mut log: HashMap<String, Run> = HashMap::new();
    for i in 0..runs {
        let note = format!("kill-{i}");
        let (node, events) = if i % 5 == 4 {
            ("1.3", item_tasks)
        } else {
            (["1.1.1", "2.1.1", "3.1.2", "6.3.2"][(i % 4) as usize], 1)
        };
        let mut child = workplan(data)
            .args(["set", node, "--percent", &(i % 100).to_string()])
            .args(["--note", &note])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.u64(..15_000)));
        // SIGKILL; harmless when the command has already finished.
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let killed = out.status.signal() == Some(9);
        assert!(
            killed || out.status.success(),
            "run {i} failed on its own: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let acknowledged = stdout.contains("已保存");
        if acknowledged {
            assert!(stdout.contains(&note), "run {i}: {stdout}");
        }
        log.insert(
            note,
            Run {
                events,
                acknowledged,
                killed,
            },
        );
    }

    // The journal loads, through the library and through the binary.
    let back = Store::new(data, "xjw-2023", USER).read().unwrap();
    let status = workplan(data).arg("status").output().unwrap();
    assert!(status.status.success(), "{status:?}");
    let logged = workplan(data)
        .args(["log", "--format", "json"])
        .output()
        .unwrap();
    assert!(logged.status.success(), "{logged:?}");
    let logged: serde_json::Value = serde_json::from_slice(&logged.stdout).unwrap();
    let logged = logged["events"].as_array().unwrap();
    assert_eq!(logged.len(), back.events.len());

    let mut found: HashMap<String, usize> = HashMap::new();
    for e in &back.events {
        let note = e.change().unwrap().note.clone().unwrap();
        assert!(log.contains_key(&note), "an event nobody wrote: {note}");
        *found.entry(note).or_default() += 1;
    }
    let (mut acknowledged, mut killed, mut lost, mut unacknowledged_kept) = (0, 0, 0, 0);
    let mut unacknowledged_lost = 0;
    for (note, run) in &log {
        let n = found.get(note).copied().unwrap_or(0);
        // A batch is never written twice, and an acknowledged one is whole. One killed before
        // it was acknowledged may have landed in part: Linux ends a write cut by SIGKILL at a
        // page boundary, so the lines before it stand and the one across it is torn.
        assert!(n <= run.events, "{note}: {n} of {} events", run.events);
        assert!(
            n == 0 || n == run.events || (run.killed && !run.acknowledged),
            "{note}: {n} of {} events",
            run.events
        );
        killed += usize::from(run.killed);
        if run.acknowledged {
            acknowledged += 1;
            if n == 0 {
                lost += 1;
                eprintln!("LOST: {note} was acknowledged but is not in the journal");
            }
        } else if n > 0 {
            unacknowledged_kept += 1;
        } else {
            unacknowledged_lost += 1;
        }
    }
    // A kill can at most leave its own line torn: one warning per kill, no other damage.
    for w in &back.warnings {
        assert!(
            matches!(w.kind, WarningKind::TornTail | WarningKind::BadLine(_)),
            "{w:?}"
        );
    }
    assert!(back.warnings.len() <= killed, "{:?}", back.warnings);
    eprintln!(
        "kill -9: seed {seed:#x}, {runs} runs, {killed} killed mid-run, {} finished; \
         {acknowledged} acknowledged, {lost} acknowledged lost; \
         {unacknowledged_kept} unacknowledged but written, {unacknowledged_lost} unacknowledged \
         and not written; {} events in the journal, {} torn lines",
        runs as usize - killed,
        back.events.len(),
        back.warnings.len(),
    );
    assert_eq!(lost, 0, "acknowledged changes lost");
    assert!(unacknowledged_lost <= killed);
    assert!(
        acknowledged > 0,
        "no run finished: the delays are too short"
    );
}
