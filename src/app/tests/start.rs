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

#[test]
fn a_start_from_the_folded_snapshot_shows_what_reading_the_events_shows() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let first = started(dir.path(), &copy);
    colleague_changes(&first, crate::folded::KEEP_AFTER + 10);

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
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let first = started(dir.path(), &copy);
    colleague_changes(&first, crate::folded::KEEP_AFTER + 10);
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
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let first = started(dir.path(), &copy);
    colleague_changes(&first, crate::folded::KEEP_AFTER + 10);
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
