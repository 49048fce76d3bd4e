//! A change is written to the journal before it shows; this computer's copy of it waits until
//! the frame is drawn.

use super::*;

#[test]
fn the_local_copy_takes_a_change_in_after_the_frame() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let mut app = app_with(|id| Store::new(dir.path(), id, "tester").with_local_copy(&copy));
    go(&mut app, "1.1.1");
    app.update(Action::CycleStatus);
    let journal = std::fs::read_to_string(app.session.store.own_file()).unwrap();
    let line = journal.lines().last().unwrap().to_string();
    let copy = app.session.store.local_copy().unwrap().join("events.jsonl");
    let held = || {
        std::fs::read_to_string(&copy)
            .unwrap_or_default()
            .contains(&line)
    };
    assert!(!held());
    app.after_frame();
    assert!(held());
}
