//! Two processes of one user append to the same journal file at once: nothing is lost.
//!
//! The test re-runs its own binary twice; in the children, `writer` appends instead of returning.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use workplan::journal::{Body, Change, Event, Store};

const DIR: &str = "WORKPLAN_TEST_WRITER_DIR";
const NAME: &str = "WORKPLAN_TEST_WRITER_NAME";
const EACH: usize = 500;

fn store(dir: &Path) -> Store {
    Store::new(dir, "xjw-2023", "alice")
}

/// In a child process: wait for the start signal, then append `EACH` events one by one.
#[test]
fn writer() {
    let (Ok(dir), Ok(name)) = (std::env::var(DIR), std::env::var(NAME)) else {
        return; // run by the test harness itself: nothing to do
    };
    let dir = Path::new(&dir);
    let go = dir.join("go");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() {
        assert!(Instant::now() < deadline, "no start signal");
        std::thread::sleep(Duration::from_millis(1));
    }
    let store = store(dir);
    for i in 0..EACH {
        let event = Event::new(
            "alice",
            Body::Change(Change {
                node: "1.1.1".into(),
                percent: Some((i % 100) as u8),
                note: Some(format!("{name}-{i}")),
                ..Change::default()
            }),
        );
        store.append(&[event]).unwrap();
    }
}

#[test]
fn two_processes_appending_500_events_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "journal_concurrency::writer",
                    "--test-threads=1",
                    "--quiet",
                ])
                .env(DIR, dir.path())
                .env(NAME, name)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(dir.path().join("go"), b"").unwrap();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    let store = store(dir.path());
    let back = store.read().unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.files, 1);
    assert_eq!(back.events.len(), 2 * EACH);
    let notes: HashSet<String> = back
        .events
        .iter()
        .map(|e| e.change().unwrap().note.clone().unwrap())
        .collect();
    for name in ["a", "b"] {
        for i in 0..EACH {
            assert!(notes.contains(&format!("{name}-{i}")), "{name}-{i} lost");
        }
    }
    // One event per line, no line glued to another.
    let text = std::fs::read_to_string(store.own_file()).unwrap();
    assert_eq!(text.lines().count(), 2 * EACH);
    assert!(text.ends_with('\n'));
    // Each writer's events keep their order.
    for name in ["a", "b"] {
        let seq: Vec<usize> = back
            .events
            .iter()
            .filter_map(|e| {
                let note = e.change()?.note.as_deref()?;
                note.strip_prefix(&format!("{name}-"))?.parse().ok()
            })
            .collect();
        assert_eq!(seq, (0..EACH).collect::<Vec<_>>());
    }
}
