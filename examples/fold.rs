//! How long the fold of a large journal takes, apart from reading it: the plan and the journal
//! are read once, then folded several times; the median and the range are printed.
//!
//! ```text
//! cargo run --release --example gen -- --tasks 100000 --events 1000000 --out /tmp/huge
//! cargo run --release --example fold -- --plan /tmp/huge/plan.json --data-dir /tmp/huge/data \
//!     [--runs 9] [--keyed]
//! ```
//!
//! `gen` writes changes as early versions did, by task id alone. With `--keyed`, each change is
//! given, before folding, what the program writes now: its task's key, and the change before it
//! on that task as the one its writer had seen.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::date;
use workplan::journal::{Body, Event, Store};
use workplan::plan::LoadedPlan;
use workplan::progress::fold;

fn main() {
    let mut plan = PathBuf::from("plan.json");
    let mut data = PathBuf::from("data");
    let mut runs = 9usize;
    let mut keyed = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--keyed" {
            keyed = true;
            continue;
        }
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--plan" => plan = value.into(),
            "--data-dir" => data = value.into(),
            "--runs" => runs = value.parse().unwrap(),
            other => {
                panic!("unknown option {other}; use --plan FILE --data-dir DIR --runs N --keyed")
            }
        }
    }
    let plan = LoadedPlan::from_path(&plan).unwrap();
    let mut events = Store::new(&data, &plan.plan.id, "").read().unwrap().events;
    if keyed {
        let mut list: Vec<Event> = events.iter().collect();
        as_written_now(&plan, &mut list);
        events = list.into();
    }
    let tasks = plan
        .nodes()
        .iter()
        .filter(|n| n.level == workplan::plan::Level::Task)
        .count();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let events = events.clone();
            let start = Instant::now();
            let progress = fold(&plan, events, date(2023, 9, 1));
            let took = start.elapsed();
            // Freeing the state, outside the time, is not part of the fold.
            drop(std::hint::black_box(progress));
            took
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "fold of {} {}events over {tasks} tasks: median {:.1} ms ({:.1}–{:.1}), {} runs",
        events.len(),
        if keyed { "keyed " } else { "" },
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// Gives each change its task's key and, as the change its writer had seen, the change before it
/// on the same task.
fn as_written_now(plan: &LoadedPlan, events: &mut [Event]) {
    let mut last: HashMap<String, uuid::Uuid> = HashMap::new();
    for e in events {
        let id = e.id;
        if let Body::Change(c) = &mut e.body
            && let Some(n) = plan.index_of(&c.node)
        {
            c.key = Some(plan.nodes()[n].key.as_str().into());
            c.after = last.insert(c.node.to_string(), id);
        }
    }
}
