//! This computer's copy of the writer's own changes: taken in after the change is shown, in one
//! batch, and caught up by the next read when the process dies first.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::{change, store};
use crate::journal::{Event, Store, WarningKind};
use crate::storage::{Faulty, Step};

/// A store writing as alice, with its local copy under `dir/copy`.
fn alice(dir: &Path) -> Store {
    store(dir, "alice").with_local_copy(&dir.join("copy"))
}

/// What the local copy holds of its events, as text (empty when it holds nothing yet).
fn copy_text(s: &Store) -> String {
    let dir = s.local_copy().unwrap();
    fs::read_to_string(dir.join("events.jsonl")).unwrap_or_default()
}

fn holds(s: &Store, e: &Event) -> bool {
    copy_text(s).contains(&e.id.to_string())
}

#[test]
fn own_changes_reach_the_local_copy_at_the_settle_in_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let s = alice(dir.path());
    let a = change("alice", "1.1.1", 10);
    let b = change("alice", "1.1.2", 20);
    s.append(std::slice::from_ref(&a)).unwrap();
    s.append(std::slice::from_ref(&b)).unwrap();
    // Durable in the journal, not yet in the copy.
    assert!(
        fs::read_to_string(s.own_file())
            .unwrap()
            .contains(&b.id.to_string())
    );
    assert!(s.unsettled());
    assert!(!holds(&s, &a) && !holds(&s, &b));
    s.settle();
    assert!(!s.unsettled());
    assert!(holds(&s, &a) && holds(&s, &b));
    // Both appends were taken in as one run of lines, headed once.
    assert_eq!(copy_text(&s).matches("\"from\"").count(), 1);
    // A second settle has nothing to do.
    let before = copy_text(&s);
    s.settle();
    assert_eq!(copy_text(&s), before);
}

#[test]
fn a_read_between_append_and_settle_leaves_the_settle_nothing_to_copy() {
    let dir = tempfile::tempdir().unwrap();
    let s = alice(dir.path());
    let a = change("alice", "1.1.1", 10);
    s.append(std::slice::from_ref(&a)).unwrap();
    s.read().unwrap();
    let read = copy_text(&s);
    assert_eq!(read.matches(&a.id.to_string()).count(), 1);
    // Not even the index is written again.
    let index = s.local_copy().unwrap().join("files.json");
    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000);
    let f = fs::File::options().write(true).open(&index).unwrap();
    f.set_modified(long_ago).unwrap();
    drop(f);
    s.settle();
    assert_eq!(copy_text(&s), read);
    assert_eq!(fs::metadata(&index).unwrap().modified().unwrap(), long_ago);
}

#[test]
fn a_process_killed_before_its_settle_loses_only_the_copys_update() {
    let dir = tempfile::tempdir().unwrap();
    let first = alice(dir.path());
    let a = change("alice", "1.1.1", 10);
    first.append(std::slice::from_ref(&a)).unwrap();
    first.settle();
    let older = fs::read(first.own_file()).unwrap();
    let b = change("alice", "1.1.2", 20);
    first.append(std::slice::from_ref(&b)).unwrap();
    // Killed (-9) here: no settle.
    drop(first);

    // The next start reads the change from the journal, and the copy catches up...
    let next = alice(dir.path());
    assert!(!holds(&next, &b));
    let back = next.read().unwrap();
    assert!(back.events.iter().any(|e| e.id == b.id));
    assert!(holds(&next, &b));
    // ...so it protects the change from then on, as if the settle had happened.
    fs::write(next.own_file(), &older).unwrap();
    let back = alice(dir.path()).read().unwrap();
    assert!(back.events.iter().any(|e| e.id == b.id));
    assert_eq!(back.own_missing, vec![b]);
}

#[test]
fn after_a_settle_the_copy_keeps_changes_an_older_copy_of_the_file_lost() {
    let dir = tempfile::tempdir().unwrap();
    let s = alice(dir.path());
    s.append(&[change("alice", "1.1.1", 10)]).unwrap();
    s.settle();
    let older = fs::read(s.own_file()).unwrap();
    let b = change("alice", "1.1.2", 20);
    s.append(std::slice::from_ref(&b)).unwrap();
    s.settle();
    // A sync tool puts the older file back before any read.
    fs::write(s.own_file(), &older).unwrap();
    let back = alice(dir.path()).read().unwrap();
    assert!(back.events.iter().any(|e| e.id == b.id));
    assert_eq!(back.own_missing, vec![b]);
    assert!(
        back.warnings
            .iter()
            .any(|w| w.kind == WarningKind::OwnMissing(1))
    );
}

#[test]
fn a_change_the_journal_did_not_sync_never_reaches_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let faults = Faulty::default();
    let s = alice(dir.path()).with_storage(Arc::new(faults.clone()));
    s.append(&[change("alice", "1.1.1", 10)]).unwrap();
    faults.fail_next(Step::Sync);
    let lost = change("alice", "1.1.2", 20);
    assert!(s.append(std::slice::from_ref(&lost)).is_err());
    s.settle();
    assert!(!holds(&s, &lost));
    assert!(
        !fs::read_to_string(s.own_file())
            .unwrap()
            .contains(&lost.id.to_string())
    );
}
