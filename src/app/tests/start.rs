//! A start from the folded snapshot: the plan's state on screen at once, the events read by the
//! loader after the first frame, and then the same dashboard as a start that read them first.
//! Nothing the screen thread calls waits for the loader.

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
        .session
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
    Store::new(app.session.store.data_dir(), "xjw-2023", "李强")
        .append(&events)
        .unwrap();
}

/// Polls until the loader's answer changes the screen, for ten seconds at most.
fn answered(app: &mut App) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.poll() {
        assert!(
            std::time::Instant::now() < until,
            "the loader did not answer"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// A dashboard over `dir` whose loader waits after each answer until the test lets it go
/// through the sender returned (or ten seconds, so that a key that waits for the loader fails
/// the test rather than hanging it).
fn held(dir: &Path, copy: &Path) -> (App, std::sync::mpsc::Sender<()>) {
    let (release, held) = std::sync::mpsc::channel::<()>();
    let late = release.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(10));
        for _ in 0..3 {
            let _ = late.send(());
        }
    });
    let held = std::sync::Mutex::new(held);
    let mut app = App::start(
        context(|id| Store::new(dir, id, "tester").with_local_copy(copy)),
        move || {
            let _ = held.lock().map(|h| h.recv());
        },
    );
    app.update(Action::Resize(100, 30));
    (app, release)
}

/// A folder where a colleague made a few hundred changes, and where this computer keeps its
/// copy (nothing kept yet).
fn folder_of_a_colleague() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let first = App::new(context(|id| Store::new(dir.path(), id, "tester")));
    colleague_changes(&first, COLLEAGUE);
    (dir, copy)
}

/// How many changes the colleague made.
const COLLEAGUE: usize = 300;

#[test]
fn a_start_from_the_folded_snapshot_shows_what_reading_the_events_shows() {
    let (dir, copy) = folder_of_a_colleague();

    // The first start has nothing true to show before its read: it waits for it.
    let first = started(dir.path(), &copy);
    assert!(!first.session.loading);
    assert_eq!(first.session.progress.events.len(), COLLEAGUE);
    let whole = (
        first.session.progress.nodes.clone(),
        first.session.progress.overall.clone(),
    );
    let (events, warnings) = (
        first.session.progress.events.clone(),
        first.warnings.clone(),
    );
    // It keeps the folded state once it has shown the events; ending waits for that.
    drop(first);

    // The next shows the plan's state before any event is read, with no history yet.
    let mut next = started(dir.path(), &copy);
    assert!(next.session.loading);
    assert!(next.session.progress.events.is_empty());
    assert_eq!(
        (
            next.session.progress.nodes.len(),
            &next.session.progress.overall
        ),
        (whole.0.len(), &whole.1)
    );
    for (shown, read) in next.session.progress.nodes.iter().zip(&whole.0) {
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
    // Then it takes the events in, and is the first dashboard.
    answered(&mut next);
    assert!(!next.session.loading);
    assert_eq!(next.session.progress.events, events);
    assert_eq!(
        (
            next.session.progress.nodes.clone(),
            next.session.progress.overall.clone()
        ),
        whole
    );
    assert_eq!(next.warnings, warnings);
}

#[test]
fn a_change_while_the_events_are_read_is_asked_again_and_nothing_waits() {
    let (dir, copy) = folder_of_a_colleague();
    drop(started(dir.path(), &copy));
    let (mut app, release) = held(dir.path(), &copy);
    assert!(app.session.loading);
    // Keys that only look are answered meanwhile; a change is answered with a word to wait.
    let began = std::time::Instant::now();
    go(&mut app, "1.1.1");
    app.update(Action::PercentUp);
    assert!(began.elapsed() < std::time::Duration::from_secs(5));
    assert!(app.session.loading);
    assert_eq!(
        app.notice,
        Some(Notice::Info(i18n::still_reading(app.lang).to_string()))
    );
    assert!(app.session.pending.is_empty() && app.session.progress.events.is_empty());
    // The meeting view needs the changes since the last meeting: it waits too. Help opens and
    // closes with Enter as ever.
    app.notice = None;
    app.update(Action::OpenMeeting);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.notice.is_some());
    app.update(Action::Help);
    assert!(matches!(app.mode, Mode::Help { .. }));
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    app.update(Action::PercentUp);
    // Once read, the word to wait is gone, and the same key changes the task, as on a
    // dashboard that read the folder whole.
    release.send(()).unwrap();
    answered(&mut app);
    assert_eq!(app.notice, None);
    app.update(Action::PercentUp);
    assert_eq!(app.session.progress.events.len(), COLLEAGUE + 1);
    let whole = app_in(dir.path(), "tester");
    assert_eq!(app.session.progress.nodes, whole.session.progress.nodes);
    assert_eq!(app.session.progress.events, whole.session.progress.events);
}

#[test]
fn a_look_at_the_folder_while_the_loader_is_busy_does_not_wait_for_it() {
    let (dir, copy) = folder_of_a_colleague();
    drop(started(dir.path(), &copy));
    let (mut app, release) = held(dir.path(), &copy);
    answered(&mut app); // the events: the loader now waits in its call after them
    // A colleague writes; the look is asked and answers nothing yet, at once.
    colleague_changes(&app, 1);
    let began = std::time::Instant::now();
    assert!(!app.tick());
    assert!(!app.tick(), "no second look while the first is under way");
    assert!(began.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(app.session.progress.events.len(), COLLEAGUE);
    // Let go, the loader reads the colleague's line alone.
    release.send(()).unwrap();
    answered(&mut app);
    assert_eq!(app.session.whole_reads, 1);
    let whole = app_in(dir.path(), "tester");
    assert_eq!(app.session.progress.events, whole.session.progress.events);
    assert_eq!(app.session.progress.nodes, whole.session.progress.nodes);
    release.send(()).unwrap(); // the loader's call after this answer
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
fn every_read_keeps_the_copy_and_the_snapshots_however_small_the_journal() {
    let (dir, copy) = folder_of_a_colleague();
    let app = started(dir.path(), &copy);
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
    // The snapshot of the events is kept before the first frame; the copy of the lines and
    // the folded state after it, by the loader, which ends once they are kept.
    assert_eq!(kept_files(&copy, "snapshot.bin").len(), 1);
    let (events, nodes) = (
        app.session.progress.events.clone(),
        app.session.progress.nodes.clone(),
    );
    let folder_bytes: u64 = std::fs::read_dir(app.session.store.folder())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    drop(app);
    assert!(kept_files(&copy, "events.jsonl")[0] >= folder_bytes);
    assert_eq!(kept_files(&copy, "snapshot.bin").len(), 1);
    assert_eq!(kept_files(&copy, "folded.bin").len(), 1);

    // The next start is the warm one, and shows the same.
    let mut next = started(dir.path(), &copy);
    assert!(next.session.loading);
    answered(&mut next);
    assert_eq!(next.session.progress.events, events);
    assert_eq!(next.session.progress.nodes, nodes);
    assert!(next.warnings.is_empty(), "{:?}", next.warnings);
}

#[test]
fn a_file_rewritten_between_the_read_and_the_copy_is_not_copied_from_the_wrong_bytes() {
    let (dir, copy) = folder_of_a_colleague();
    let store = Store::new(dir.path(), "xjw-2023", "tester").with_local_copy(&copy);
    let mut back = store.read_keeping_later().unwrap();
    let later = back.later.take().unwrap();

    // Before the copy is made, the colleague's file is replaced by one of its first lines.
    let file = store.folder().join("李强.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().next().unwrap();
    let mut shorter = format!("{line}\n");
    while shorter.len() < text.len() {
        shorter.push_str(line);
        shorter.push('\n');
    }
    std::fs::write(&file, &shorter).unwrap();
    assert!(later.keep(&back.events).is_none());
    // Nothing was copied from bytes that are no longer what was read...
    assert_eq!(kept_files(&copy, "events.jsonl").iter().sum::<u64>(), 0);
    // ...and the next read copies what it finds.
    drop(started(dir.path(), &copy));
    assert!(kept_files(&copy, "events.jsonl")[0] > 0);
}

/// The path of the only file named `name` under `dir`.
fn kept_path(dir: &Path, name: &str) -> std::path::PathBuf {
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if entry.file_name() == name {
                return path;
            }
        }
    }
    panic!("no {name} under {}", dir.display());
}

#[test]
fn a_start_from_the_folded_snapshot_does_not_write_it_again() {
    let (dir, copy) = folder_of_a_colleague();
    drop(started(dir.path(), &copy));
    let folded = kept_path(&copy, "folded.bin");
    let (bytes, modified) = (
        std::fs::read(&folded).unwrap(),
        std::fs::metadata(&folded).unwrap().modified().unwrap(),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut next = started(dir.path(), &copy);
    assert!(next.session.loading);
    answered(&mut next);
    drop(next);
    assert_eq!(std::fs::read(&folded).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&folded).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn a_loader_that_fails_leaves_its_reads_to_the_dashboard_and_nothing_is_missed() {
    let (dir, copy) = folder_of_a_colleague();
    drop(started(dir.path(), &copy));
    // The loader's thread ends with its first answer's call.
    let mut app = App::start(
        context(|id| Store::new(dir.path(), id, "tester").with_local_copy(&copy)),
        || panic!("the loader fails (this test's own doing)"),
    );
    app.update(Action::Resize(100, 30));
    answered(&mut app);
    assert!(!app.session.loading);
    // A colleague's change is still seen, read in line from now on.
    colleague_changes(&app, 1);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.session.progress.events.len() < COLLEAGUE + 1 {
        assert!(
            std::time::Instant::now() < until,
            "the colleague's change was missed"
        );
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let whole = app_in(dir.path(), "tester");
    assert_eq!(app.session.progress.nodes, whole.session.progress.nodes);
}
