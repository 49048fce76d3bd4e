//! Correctness at a district's scale: 10,000 tasks and tens of thousands of events load, merge
//! and fold to consistent roll-ups. (Speed lives in `benches/`, not here.)
#![allow(clippy::unwrap_used)]

use jiff::civil::date;
use workplan::journal::{Event, Store};
use workplan::plan::{Level, LoadedPlan};
use workplan::progress::fold;
use workplan::status::Status;
use workplan::synth;

#[test]
fn ten_thousand_tasks_load_and_fold_consistently() {
    let plan = synth::plan(10_000);
    let text = serde_json::to_string(&plan).unwrap();
    let loaded = LoadedPlan::from_bytes(text.as_bytes(), "big.json").unwrap();
    assert_eq!(loaded.counts(), (50, 1250, 10_000));

    let ids = synth::task_ids(&plan);
    let events = synth::events(&ids, 30_000);
    let dir = tempfile::tempdir().unwrap();
    for user in synth::USERS {
        let mine: Vec<Event> = events.iter().filter(|e| e.user == user).cloned().collect();
        Store::new(dir.path(), &plan.id, user)
            .append(&mine)
            .unwrap();
    }
    let back = Store::new(dir.path(), &plan.id, "reader").read().unwrap();
    assert!(back.warnings.is_empty());
    assert_eq!(back.events.len(), 30_000);
    let progress = fold(&loaded, back.events, date(2023, 9, 1));

    // Every roll-up is the mean of its tasks and the sum of their counts.
    let nodes = loaded.nodes();
    let mut sum = 0.0;
    for (i, node) in nodes.iter().enumerate() {
        let s = &progress.nodes[i];
        if node.level == Level::Task {
            assert!(s.percent <= 100.0);
            assert_eq!(s.status == Status::Done, s.percent == 100.0, "{}", node.id);
            sum += s.percent;
            continue;
        }
        let tasks = loaded.tasks_under(i);
        let mean = tasks
            .iter()
            .map(|&t| progress.nodes[t].percent)
            .sum::<f64>()
            / tasks.len() as f64;
        assert!((s.percent - mean).abs() < 1e-9, "{}", node.id);
        assert_eq!(s.counts.total, tasks.len());
    }
    let o = &progress.overall;
    assert_eq!(o.counts.total, 10_000);
    assert_eq!(
        o.counts.done + o.counts.in_progress + o.counts.blocked + o.counts.not_started,
        10_000
    );
    assert!((o.percent - sum / 10_000.0).abs() < 1e-9);
    assert_eq!(progress.meetings.len(), 30_000 / 500);
    assert!(progress.orphans.is_empty());
}
