//! Writes a large but valid case: a plan of N tasks (Chinese texts of realistic length, 6–50
//! areas) and a journal of M events from five officers, for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen -- --tasks 10000 --events 100000 --out /tmp/big
//! target/release/workplan --plan /tmp/big/plan.json --data-dir /tmp/big/data status
//! ```
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::PathBuf;

use workplan::journal::Store;
use workplan::synth;

fn main() {
    let mut tasks = 10_000usize;
    let mut events = 100_000usize;
    let mut out = PathBuf::from("big");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--tasks" => tasks = value.parse().unwrap(),
            "--events" => events = value.parse().unwrap(),
            "--out" => out = value.into(),
            other => panic!("unknown option {other}; use --tasks N --events M --out DIR"),
        }
    }
    let plan = synth::plan(tasks);
    let ids = synth::task_ids(&plan);
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("plan.json"),
        serde_json::to_string_pretty(&plan).unwrap(),
    )
    .unwrap();
    let data = out.join("data");
    let mut files: Vec<_> = synth::USERS
        .iter()
        .map(|u| {
            let store = Store::new(&data, &plan.id, u);
            std::fs::create_dir_all(store.folder()).unwrap();
            (
                u.to_string(),
                std::io::BufWriter::new(std::fs::File::create(store.own_file()).unwrap()),
            )
        })
        .collect();
    for event in synth::events(&ids, events) {
        let (_, file) = files.iter_mut().find(|(u, _)| *u == event.user).unwrap();
        serde_json::to_writer(&mut *file, &event).unwrap();
        file.write_all(b"\n").unwrap();
    }
    for (_, mut f) in files {
        f.flush().unwrap();
    }
    println!(
        "wrote {} ({} areas, {} tasks) and {events} events under {}",
        out.join("plan.json").display(),
        plan.areas.len(),
        ids.len(),
        data.display()
    );
}
