//! A start from the folded snapshot: the plan's state on screen at once, the events read after
//! the first frame, and then the same dashboard as a start that read them first.

use super::*;
use crate::journal::Change;

/// A dashboard over `dir` with this computer's copy in `copy`, opened as the program opens it.
fn started(dir: &Path, copy: &Path) -> App {
    let mut app = App::start(
        context(|id| Store::new(dir, id, "tester").with_local_copy(copy)),
        || {},
    );
    app.update(Action::Resize(100, 30));
    app
}

/// A colleague's `n` changes over every task of the plan, a minute apart.
fn colleague_changes(app: &App, n: usize) {
    let tasks: Vec<&str> = app
        .plan
        .nodes()
        .iter()
        .filter(|t| t.level == Level::Task)
        .map(|t| t.id.as_str())
        .collect();
    let start = jiff::Timestamp::from_second(1_680_307_200).unwrap();
    let events: Vec<Event> = (0..n)
        .map(|i| {
            let mut e = Event::new(
                "李强",
                crate::journal::Body::Change(Change {
                    node: tasks[i % tasks.len()].into(),
                    percent: Some((i * 7 % 101) as u8),
                    note: (i % 5 == 0).then(|| format!("第{i}次")),
                    ..Change::default()
                }),
            );
            e.at = start + jiff::SignedDuration::from_mins(i as i64);
            e
        })
        .collect();
    Store::new(app.store.data_dir(), "xjw-2023", "李强")
        .append(&events)
        .unwrap();
}

/// A folder where a colleague made enough changes for the snapshots to be kept, and where
/// this computer keeps its copy (nothing kept yet).
fn folder_of_a_colleague() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let first = started(dir.path(), &copy);
    colleague_changes(&first, crate::folded::KEEP_AFTER + 10);
    (dir, copy)
}

#[test]
fn a_start_from_the_folded_snapshot_shows_what_reading_the_events_shows() {
    let (dir, copy) = folder_of_a_colleague();

    // The first start reads the events before its first frame, and keeps a folded snapshot
    // after it.
    let mut first = started(dir.path(), &copy);
    assert!(!first.loading);
    first.after_first_frame();
    assert!(!first.take_loaded());
    let whole = (first.progress.nodes.clone(), first.progress.overall.clone());

    // The next shows the plan's state before any event is read, with no history yet.
    let mut next = started(dir.path(), &copy);
    assert!(next.loading);
    assert!(next.progress.events.is_empty());
    assert_eq!(
        (next.progress.nodes.len(), &next.progress.overall),
        (whole.0.len(), &whole.1)
    );
    for (shown, read) in next.progress.nodes.iter().zip(&whole.0) {
        assert_eq!(
            (
                shown.status,
                shown.percent,
                shown.light,
                &shown.owner,
                shown.due
            ),
            (read.status, read.percent, read.light, &read.owner, read.due)
        );
    }
    // Keys that only look are answered meanwhile.
    next.after_first_frame();
    go(&mut next, "6.1.1");
    assert!(next.loading);
    // Then it takes the events in, and is the first dashboard.
    assert!(next.take_loaded());
    assert!(!next.loading);
    assert_eq!(next.progress.events, first.progress.events);
    assert_eq!(
        (next.progress.nodes.clone(), next.progress.overall.clone()),
        whole
    );
    assert_eq!(next.warnings, first.warnings);
}

#[test]
fn a_change_while_the_events_are_read_waits_for_them() {
    let (dir, copy) = folder_of_a_colleague();
    started(dir.path(), &copy).after_first_frame();
    let mut app = started(dir.path(), &copy);
    assert!(app.loading);
    go(&mut app, "1.1.1");
    app.update(Action::PercentUp);
    assert!(!app.loading, "the events were taken in first");
    assert_eq!(app.progress.events.len(), crate::folded::KEEP_AFTER + 11);
    // As a dashboard that read the folder whole sees it.
    let whole = app_in(dir.path(), "tester");
    assert_eq!(app.progress.nodes, whole.progress.nodes);
    assert_eq!(app.progress.events, whole.progress.events);
}

#[test]
fn a_look_at_the_folder_while_the_events_are_read_does_not_wait_for_them() {
    let (dir, copy) = folder_of_a_colleague();
    started(dir.path(), &copy).after_first_frame();

    // The read's end is held until the test lets it go, or for ten seconds (so that a look
    // that waits fails this test rather than hanging it).
    let (release, held) = std::sync::mpsc::channel::<()>();
    let late = release.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(10));
        let _ = late.send(());
    });
    let (told, read_done) = std::sync::mpsc::channel::<()>();
    let mut app = App::start(
        context(|id| Store::new(dir.path(), id, "tester").with_local_copy(&copy)),
        move || {
            let _ = held.recv();
            let _ = told.send(());
        },
    );
    app.update(Action::Resize(100, 30));
    assert!(app.loading);
    app.after_first_frame();
    // A colleague writes meanwhile: the look at the folder answers at once, changing nothing.
    colleague_changes(&app, 1);
    assert!(!app.tick());
    assert!(app.loading);
    release.send(()).unwrap();
    read_done.recv().unwrap();
    // The read is done: the same look takes it in, and the colleague's latest line with it.
    while app.reading.as_ref().is_some_and(|r| !r.is_finished()) {
        std::thread::yield_now();
    }
    assert!(app.tick());
    assert!(!app.loading);
    let whole = app_in(dir.path(), "tester");
    assert_eq!(app.progress.events, whole.progress.events);
    assert_eq!(app.progress.nodes, whole.progress.nodes);
}

/// The files named `name` anywhere under `dir`, with their lengths.
fn kept_files(dir: &Path, name: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if entry.file_name() == name {
                found.push(entry.metadata().map_or(0, |m| m.len()));
            }
        }
    }
    found
}

#[test]
fn a_first_start_shows_the_plan_before_it_keeps_the_copy_and_the_snapshot() {
    let (dir, copy) = folder_of_a_colleague();

    // The first frame's state is there, and nothing is kept yet.
    let mut app = started(dir.path(), &copy);
    assert!(!app.loading);
    assert_eq!(app.progress.events.len(), crate::folded::KEEP_AFTER + 10);
    assert_eq!(kept_files(&copy, "events.jsonl").iter().sum::<u64>(), 0);
    assert!(kept_files(&copy, "snapshot.bin").is_empty());

    // After it: this computer's copy of every line, the snapshot of the events and the folded
    // state, with nothing to warn about.
    assert!(!app.after_first_frame());
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
    let folder_bytes: u64 = std::fs::read_dir(app.store.folder())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(kept_files(&copy, "events.jsonl")[0] >= folder_bytes);
    assert_eq!(kept_files(&copy, "snapshot.bin").len(), 1);
    assert_eq!(kept_files(&copy, "folded.bin").len(), 1);

    // The next start is the warm one, and shows the same.
    let mut next = started(dir.path(), &copy);
    assert!(next.loading);
    next.after_first_frame();
    assert!(next.take_loaded());
    assert_eq!(next.progress.events, app.progress.events);
    assert_eq!(next.progress.nodes, app.progress.nodes);
    assert!(next.warnings.is_empty(), "{:?}", next.warnings);
}

#[test]
fn a_file_rewritten_before_the_first_frame_is_not_copied_from_the_wrong_bytes() {
    let (dir, copy) = folder_of_a_colleague();
    let mut app = started(dir.path(), &copy);

    // Before the copy is made, the colleague's file is replaced by one of its first lines.
    let file = app.store.folder().join("李强.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().next().unwrap();
    let mut shorter = format!("{line}\n");
    while shorter.len() < text.len() {
        shorter.push_str(line);
        shorter.push('\n');
    }
    std::fs::write(&file, &shorter).unwrap();
    assert!(!app.after_first_frame());
    // Nothing was copied from bytes that are no longer what was read...
    assert_eq!(kept_files(&copy, "events.jsonl").iter().sum::<u64>(), 0);
    // ...and the next read copies what it finds, and reports the file as it is.
    let mut again = started(dir.path(), &copy);
    again.after_first_frame();
    assert!(kept_files(&copy, "events.jsonl")[0] > 0);
}
