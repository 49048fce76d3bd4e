//! Quitting with a change still unsaved asks first; with everything saved it just quits.

use super::*;
use crate::keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An app whose journal cannot be written (a file stands where the plan's folder goes), with
/// one change on 1.3.1 shown but unsaved.
fn app_with_unsaved(dir: &Path) -> App {
    std::fs::write(dir.join("xjw-2023"), b"not a folder").unwrap();
    let mut app = app_in(dir, "tester");
    go(&mut app, "1.3.1");
    app.update(Action::CycleStatus);
    assert_eq!(app.session.pending.len(), 1);
    app
}

fn press(app: &mut App, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(action) = keymap::map_key(&app.mode, key) {
        app.update(action);
    }
}

#[test]
fn q_with_an_unsaved_change_asks_and_any_key_but_y_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_unsaved(dir.path());
    press(&mut app, 'q');
    assert!(!app.quit);
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Quit)));
    for stay in ['x', 'q', 'n'] {
        press(&mut app, stay);
        assert!(!app.quit, "{stay} must not quit");
        assert!(
            matches!(app.mode, Mode::Normal),
            "{stay} closes the question"
        );
        press(&mut app, 'q');
        assert!(matches!(app.mode, Mode::Confirm(Confirm::Quit)));
    }
    // Enter, which says yes elsewhere, stays too: only y drops a change.
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(keymap::map_key(&app.mode, enter), Some(Action::Cancel));
    press(&mut app, 'y');
    assert!(app.quit);
    assert_eq!(
        app.session.pending.len(),
        1,
        "quitting anyway is the officer's choice"
    );
}

#[test]
fn ctrl_c_asks_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_unsaved(dir.path());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = keymap::map_key(&app.mode, ctrl_c).unwrap();
    app.update(action);
    assert!(!app.quit);
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Quit)));
}

#[test]
fn once_the_change_is_saved_q_quits_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_unsaved(dir.path());
    std::fs::remove_file(dir.path().join("xjw-2023")).unwrap();
    app.update(Action::Tick);
    assert!(app.session.pending.is_empty());
    press(&mut app, 'q');
    assert!(app.quit);
}

#[test]
fn the_footer_and_the_popup_read_the_question_keys_from_the_key_table() {
    let hints = keymap::hints(&Mode::Confirm(Confirm::Quit), Lang::Zh);
    assert_eq!(hints[0], ("y", "仍然退出"));
    let hints = keymap::hints(&Mode::Confirm(Confirm::Quit), Lang::En);
    assert_eq!(hints[0], ("y", "quit anyway"));
}
