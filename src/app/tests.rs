#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::civil::date;

use super::*;
use crate::journal::Store;
use crate::plan::LoadedPlan;
use crate::progress::Light;

fn app_in(dir: &Path, user: &str) -> App {
    let mut app = app_with(|id| Store::new(dir, id, user));
    app.update(Action::Resize(100, 30));
    app
}

/// The dashboard of the 2023 plan on 2023-09-01, over the store `store` makes for the plan id.
fn app_with(store: impl FnOnce(&str) -> Store) -> App {
    App::new(context(store))
}

/// The 2023 plan on 2023-09-01, in Chinese, over the store `store` makes for the plan id.
fn context(store: impl FnOnce(&str) -> Store) -> Context {
    let plan = LoadedPlan::embedded().unwrap();
    let store = store(&plan.plan.id);
    Context {
        lang: Lang::Zh,
        plan,
        store,
        today: date(2023, 9, 1),
        until: None,
        ambiguous_wide: false,
    }
}

/// The ids of the rows the tree shows, top to bottom.
fn visible_ids(app: &App) -> Vec<&str> {
    app.tree
        .visible
        .iter()
        .map(|&i| app.session.plan.nodes()[i].id.as_str())
        .collect()
}

fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), "tester");
    (dir, app)
}

fn selected_id(app: &App) -> String {
    app.session.plan.nodes()[app.selected().unwrap()].id.clone()
}

fn state<'a>(app: &'a App, id: &str) -> &'a crate::progress::NodeState {
    &app.session.progress.nodes[app.session.plan.index_of(id).unwrap()]
}

/// Selects a node by id through the same search an officer would type.
fn go(app: &mut App, id: &str) {
    let n = app.session.plan.index_of(id).unwrap();
    app.reveal(n);
    assert_eq!(selected_id(app), id);
}

fn type_text(app: &mut App, text: &str) {
    app.update(Action::Paste(text.to_string()));
}

#[test]
fn starts_on_the_first_area_with_items_visible() {
    let (_d, app) = app();
    assert_eq!(selected_id(&app), "1");
    // 6 areas expanded show their 19 items; tasks are folded.
    assert_eq!(app.tree.visible.len(), 6 + 19);
}

#[test]
fn moves_and_clamps_at_both_ends() {
    let (_d, mut app) = app();
    app.update(Action::Up);
    assert_eq!(selected_id(&app), "1");
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "1.1");
    app.update(Action::End);
    assert_eq!(selected_id(&app), "6.3");
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "6.3");
    app.update(Action::Home);
    assert_eq!(selected_id(&app), "1");
    app.update(Action::PageDown);
    assert_eq!(app.tree.cursor, app.tree.height);
    app.update(Action::PageUp);
    assert_eq!(app.tree.cursor, 0);
}

#[test]
fn expands_collapses_and_toggles() {
    let (_d, mut app) = app();
    app.update(Action::Down); // 1.1
    app.update(Action::Expand);
    assert_eq!(app.tree.visible.len(), 25 + 3);
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "1.1.1");
    app.update(Action::Collapse); // on a task: go to its parent
    assert_eq!(selected_id(&app), "1.1");
    app.update(Action::Collapse);
    assert_eq!(app.tree.visible.len(), 25);
    app.update(Action::Toggle);
    assert_eq!(app.tree.visible.len(), 28);
    app.update(Action::Home);
    app.update(Action::Toggle); // fold area 1 with everything in it
    assert_eq!(app.tree.visible.len(), 28 - 3 - 3);
}

#[test]
fn jumps_to_an_area_by_number() {
    let (_d, mut app) = app();
    app.update(Action::JumpArea(4));
    assert_eq!(selected_id(&app), "4");
    app.update(Action::JumpArea(9));
    assert_eq!(selected_id(&app), "4");
}

#[test]
fn click_selects_and_toggles_a_parent() {
    let (_d, mut app) = app();
    app.update(Action::ClickRow(1));
    assert_eq!(selected_id(&app), "1.1");
    assert!(app.tree.expanded[app.session.plan.index_of("1.1").unwrap()]);
    app.update(Action::ClickRow(500));
    assert_eq!(selected_id(&app), "1.1");
}

#[test]
fn wheel_scrolls_the_view() {
    let (_d, mut app) = app();
    app.update(Action::Resize(80, 24));
    app.update(Action::ScrollDown);
    assert_eq!(app.tree.offset, 3);
    assert!(app.tree.cursor >= 3);
    app.update(Action::ScrollUp);
    assert_eq!(app.tree.offset, 0);
}

#[test]
fn cycles_the_status_of_a_task_and_saves_it() {
    let (dir, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::CycleStatus);
    assert_eq!(state(&app, "1.1.1").status, Status::InProgress);
    app.update(Action::CycleStatus);
    assert_eq!(state(&app, "1.1.1").status, Status::Done);
    assert_eq!(state(&app, "1.1.1").percent, 100.0);
    // Saved before shown: a fresh dashboard reads the same state.
    let again = app_in(dir.path(), "tester");
    assert_eq!(state(&again, "1.1.1").status, Status::Done);
}

#[test]
fn status_picker_sets_the_chosen_status() {
    let (_d, mut app) = app();
    go(&mut app, "2.2.1");
    app.update(Action::OpenStatusPicker);
    assert!(matches!(app.mode, Mode::StatusPicker { cursor: 0 }));
    app.update(Action::PickerDown);
    app.update(Action::PickerDown);
    app.update(Action::PickerDown);
    app.update(Action::Submit);
    assert_eq!(state(&app, "2.2.1").status, Status::Blocked);
    assert!(matches!(app.mode, Mode::Normal));
    app.update(Action::OpenStatusPicker);
    app.update(Action::PickerChoose(2));
    assert_eq!(state(&app, "2.2.1").status, Status::Done);
}

#[test]
fn a_change_to_an_item_asks_before_reaching_every_task() {
    let (_d, mut app) = app();
    go(&mut app, "1.2");
    app.update(Action::OpenStatusPicker);
    app.update(Action::PickerChoose(2));
    let Mode::Confirm(Confirm::ApplyToAll { tasks, .. }) = &app.mode else {
        panic!("expected a confirmation, got {:?}", app.mode)
    };
    assert_eq!(*tasks, 4);
    app.update(Action::Cancel);
    assert_eq!(state(&app, "1.2").status, Status::NotStarted);
    // Space on an item changes nothing and says how to change them all.
    app.update(Action::CycleStatus);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(
        matches!(&app.notice, Some(Notice::Info(t)) if t.contains("这4项任务") && t.contains("按 s"))
    );
    assert_eq!(state(&app, "1.2").counts.not_started, 4);
    app.update(Action::OpenStatusPicker);
    app.update(Action::PickerChoose(1));
    app.update(Action::Submit);
    for id in ["1.2.1", "1.2.2", "1.2.3", "1.2.4"] {
        assert_eq!(state(&app, id).status, Status::InProgress, "{id}");
    }
    // One undo reverses the whole batch, says so and shows the task.
    app.update(Action::Undo);
    assert_eq!(state(&app, "1.2").counts.not_started, 4);
    let Some(Notice::Info(told)) = &app.notice else {
        panic!("undo said nothing");
    };
    assert!(
        told.starts_with("已撤销：1.2.1 状态 推进中→未启动") && told.ends_with("（共4项任务）"),
        "{told}"
    );
    assert_eq!(selected_id(&app), "1.2.1");
}

#[test]
fn percent_steps_by_ten_within_bounds() {
    let (_d, mut app) = app();
    go(&mut app, "3.1.1");
    app.update(Action::PercentDown);
    assert_eq!(state(&app, "3.1.1").percent, 0.0);
    assert!(
        app.session.progress.events.is_empty(),
        "no change, no event"
    );
    app.update(Action::PercentUp);
    assert_eq!(state(&app, "3.1.1").percent, 10.0);
    assert_eq!(state(&app, "3.1.1").status, Status::InProgress);
    for _ in 0..12 {
        app.update(Action::PercentUp);
    }
    assert_eq!(state(&app, "3.1.1").percent, 100.0);
    assert_eq!(state(&app, "3.1.1").status, Status::Done);
    app.update(Action::PercentDown);
    assert_eq!(state(&app, "3.1.1").percent, 90.0);
    assert_eq!(state(&app, "3.1.1").status, Status::InProgress);
}

#[test]
fn percent_on_an_item_is_refused_with_a_message() {
    let (_d, mut app) = app();
    go(&mut app, "3.1");
    app.update(Action::PercentUp);
    assert!(matches!(app.notice, Some(Notice::Error(_))));
    assert!(app.session.progress.events.is_empty());
}

#[test]
fn typed_percent_is_checked() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.2");
    app.update(Action::OpenPercent);
    app.update(Action::Cancel);
    app.update(Action::OpenPercent);
    // The field opens with the current value; replace it.
    let Mode::Field(f) = &mut app.mode else {
        panic!()
    };
    f.input = Field::new(FieldKind::Percent, "").input;
    type_text(&mut app, "140");
    app.update(Action::Submit);
    let Mode::Field(f) = &app.mode else {
        panic!("field should stay open")
    };
    assert!(f.error.as_deref().unwrap().contains("0 到 100"));
    let Mode::Field(f) = &mut app.mode else {
        panic!()
    };
    f.input = Field::new(FieldKind::Percent, "").input;
    type_text(&mut app, "35");
    app.update(Action::Submit);
    assert_eq!(state(&app, "1.1.2").percent, 35.0);
}

#[test]
fn due_date_is_checked_and_owner_is_set() {
    let (_d, mut app) = app();
    go(&mut app, "4.1.1");
    app.update(Action::EditDue);
    let Mode::Field(f) = &mut app.mode else {
        panic!()
    };
    f.input = Field::new(FieldKind::Due, "").input;
    type_text(&mut app, "2023-13-01");
    app.update(Action::Submit);
    assert!(matches!(&app.mode, Mode::Field(f) if f.error.is_some()));
    let Mode::Field(f) = &mut app.mode else {
        panic!()
    };
    f.input = Field::new(FieldKind::Due, "").input;
    type_text(&mut app, "2023-06-30");
    app.update(Action::Submit);
    assert_eq!(state(&app, "4.1.1").due, date(2023, 6, 30));
    assert_eq!(state(&app, "4.1.1").light, Light::Red);
    app.update(Action::EditOwner);
    type_text(&mut app, "城运中心");
    app.update(Action::Submit);
    assert_eq!(state(&app, "4.1.1").owner.as_deref(), Some("城运中心"));
}

#[test]
fn note_editor_takes_several_lines_and_paste_runs_no_command() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::AddNote);
    // "q" and "u" are commands outside the editor; here they are text.
    type_text(&mut app, "完成首轮对接 q u\n第二行");
    app.update(Action::Type(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char('!'),
        ..Default::default()
    }));
    assert!(!app.quit);
    app.update(Action::Submit);
    let s = state(&app, "1.1.1");
    let note = app
        .session
        .progress
        .events
        .event(s.notes[0])
        .change()
        .unwrap()
        .note
        .clone();
    assert_eq!(note.as_deref(), Some("完成首轮对接 q u\n第二行!"));
}

#[test]
fn undoing_a_note_says_which_note_and_redo_gives_it_back() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::AddNote);
    type_text(&mut app, "已召开座谈会");
    app.update(Action::Submit);
    let told = |app: &App| match &app.notice {
        Some(Notice::Info(t)) => t.clone(),
        other => panic!("{other:?}"),
    };
    app.update(Action::Undo);
    assert_eq!(told(&app), "已撤销：1.1.1 进展：已召开座谈会");
    assert!(state(&app, "1.1.1").notes.is_empty());
    app.update(Action::Redo);
    assert_eq!(told(&app), "已重做：1.1.1 进展：已召开座谈会");
    assert_eq!(state(&app, "1.1.1").notes.len(), 1);
}

#[test]
fn ctrl_u_clears_the_field_before_the_cursor_and_ctrl_z_undoes() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::OpenPercent);
    let ctrl = |c| {
        Action::Type(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ctrl: true,
            ..Default::default()
        })
    };
    type_text(&mut app, "200");
    app.update(ctrl('u'));
    type_text(&mut app, "50");
    let Mode::Field(f) = &app.mode else {
        panic!("no field")
    };
    assert_eq!(f.text(), "50");
    app.update(ctrl('z'));
    let Mode::Field(f) = &app.mode else {
        panic!("no field")
    };
    assert_ne!(f.text(), "50");
}

#[test]
fn paste_in_the_dashboard_does_nothing() {
    let (_d, mut app) = app();
    app.update(Action::Paste("q".into()));
    assert!(!app.quit);
    assert!(app.session.progress.events.is_empty());
}

#[test]
fn undo_and_redo() {
    let (_d, mut app) = app();
    go(&mut app, "5.1.1");
    app.update(Action::PercentUp);
    let own = app.session.store.own_file();
    let file = own.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        app.notice,
        Some(Notice::Info(format!("已保存到 {file}"))),
        "says where the change went"
    );
    app.update(Action::PercentUp);
    app.update(Action::Undo);
    assert_eq!(state(&app, "5.1.1").percent, 10.0);
    app.update(Action::Undo);
    assert_eq!(state(&app, "5.1.1").percent, 0.0);
    app.update(Action::Undo);
    assert!(
        matches!(app.notice, Some(Notice::Info(_))),
        "nothing to undo"
    );
    app.update(Action::Redo);
    assert_eq!(state(&app, "5.1.1").percent, 10.0);
    app.update(Action::Redo);
    assert_eq!(state(&app, "5.1.1").percent, 20.0);
}

#[test]
fn search_finds_chinese_substrings_and_steps_through_matches() {
    let (_d, mut app) = app();
    app.update(Action::OpenSearch);
    type_text(&mut app, "居民");
    app.update(Action::Submit);
    assert!(app.matches.len() >= 3, "{:?}", app.matches);
    let first = selected_id(&app);
    app.update(Action::NextMatch);
    let second = selected_id(&app);
    assert_ne!(first, second);
    app.update(Action::PrevMatch);
    assert_eq!(selected_id(&app), first);
    app.update(Action::ClearFilter);
    assert!(app.search.is_none());
}

#[test]
fn search_looks_in_notes_and_owners() {
    let (_d, mut app) = app();
    go(&mut app, "6.2.3");
    app.update(Action::EditOwner);
    type_text(&mut app, "法治办");
    app.update(Action::Submit);
    go(&mut app, "2.4.2");
    app.update(Action::AddNote);
    type_text(&mut app, "代办帮办点已选址");
    app.update(Action::Submit);
    app.update(Action::Home);
    app.update(Action::OpenSearch);
    type_text(&mut app, "法治办");
    app.update(Action::Submit);
    assert_eq!(selected_id(&app), "6.2.3");
    app.update(Action::OpenSearch);
    let Mode::Field(f) = &mut app.mode else {
        panic!()
    };
    f.input = Field::new(FieldKind::Search, "").input;
    type_text(&mut app, "已选址");
    app.update(Action::Submit);
    assert_eq!(selected_id(&app), "2.4.2");
}

#[test]
fn filters_by_status_light_and_owner() {
    let (_d, mut app) = app();
    go(&mut app, "3.2.1");
    app.update(Action::OpenStatusPicker);
    app.update(Action::PickerChoose(3)); // blocked
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(3)); // filter: blocked
    assert_eq!(app.filter, Some(Filter::Status(Status::Blocked)));
    let ids = visible_ids(&app);
    assert_eq!(ids, ["3", "3.2", "3.2.1"]);
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(4)); // red lights
    assert_eq!(app.tree.visible.len(), 3);
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(7)); // by owner…
    type_text(&mut app, "没有这个部门");
    app.update(Action::Submit);
    assert!(app.tree.visible.is_empty());
    assert_eq!(app.selected(), None);
    app.update(Action::CycleStatus); // nothing selected: nothing happens
    app.update(Action::ClearFilter);
    assert_eq!(app.filter, None);
    assert_eq!(app.tree.visible.len(), 25 + 4);
}

#[test]
fn a_change_under_a_filter_updates_the_rows_and_without_one_keeps_them() {
    let (_d, mut app) = app();
    go(&mut app, "3.2.1");
    let rows = app.tree.visible.clone();
    app.update(Action::CycleStatus);
    assert_eq!(app.tree.visible, rows, "no filter: the same rows");
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(1)); // filter: in progress
    assert!(app.tree.visible.len() > 1);
    // The task leaves the filter when its status moves on: its row goes.
    app.update(Action::CycleStatus);
    let ids = visible_ids(&app);
    assert!(!ids.contains(&"3.2.1"), "{ids:?}");
}

#[test]
fn help_opens_and_closes() {
    let (_d, mut app) = app();
    app.update(Action::Help);
    assert!(matches!(app.mode, Mode::Help { back: None }));
    app.update(Action::Down);
    assert!(matches!(app.mode, Mode::Help { back: None }));
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal));
    // From the meeting view, help and the warnings close back to the page they opened on.
    app.update(Action::OpenMeeting);
    app.update(Action::NextPage);
    app.update(Action::Help);
    assert!(matches!(app.mode, Mode::Help { back: Some(1) }));
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Meeting { page: 1 }));
    app.update(Action::ShowWarnings);
    assert!(matches!(app.mode, Mode::Meeting { page: 1 }));
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t == "没有提示"));
}

#[test]
fn an_unwritable_journal_keeps_the_change_pending_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the plan's folder should be: every write fails.
    let blocker = dir.path().join("xjw-2023");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let mut app = app_in(dir.path(), "tester");
    go(&mut app, "1.3.1");
    app.update(Action::CycleStatus);
    assert!(app.session.save_error.is_some());
    assert_eq!(app.session.pending.len(), 1);
    // Shown, marked unsaved.
    assert_eq!(state(&app, "1.3.1").status, Status::InProgress);
    app.update(Action::Tick);
    assert_eq!(app.session.pending.len(), 1, "still failing: still pending");
    std::fs::remove_file(&blocker).unwrap();
    app.update(Action::Tick);
    assert!(app.session.pending.is_empty());
    assert!(app.session.save_error.is_none());
    let again = app_in(dir.path(), "tester");
    assert_eq!(state(&again, "1.3.1").status, Status::InProgress);
}

#[test]
fn another_writer_shows_up_on_the_next_tick() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    go(&mut app, "2.1.1");
    let other = Store::new(dir.path(), "xjw-2023", "colleague");
    let events = edit::set(
        &app.session.plan,
        "6.1.1",
        &SetRequest {
            percent: Some(40),
            ..SetRequest::default()
        },
        "colleague",
    )
    .unwrap();
    other.append(&events).unwrap();
    app.update(Action::Tick);
    assert_eq!(state(&app, "6.1.1").percent, 40.0);
    assert_eq!(selected_id(&app), "2.1.1", "the reader keeps their place");
}

#[test]
fn another_officers_change_leaves_an_open_note_editor_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    go(&mut app, "1.1.2");
    app.update(Action::AddNote);
    type_text(&mut app, "写到一半");
    let other = Store::new(dir.path(), "xjw-2023", "colleague");
    let request = SetRequest {
        status: Some(crate::status::Status::Done),
        ..SetRequest::default()
    };
    other
        .append(&edit::set(&app.session.plan, "1.1.2", &request, "colleague").unwrap())
        .unwrap();
    app.update(Action::Tick);
    // The change shows, and the officer's half-written note is still open where it was.
    assert_eq!(state(&app, "1.1.2").percent, 100.0);
    assert!(matches!(app.mode, Mode::Field(_)), "{:?}", app.mode);
    type_text(&mut app, "，写完");
    app.update(Action::Submit);
    let s = state(&app, "1.1.2");
    let last = s.notes.last().map(|&i| {
        app.session
            .progress
            .events
            .event(i)
            .change()
            .unwrap()
            .clone()
    });
    assert_eq!(last.unwrap().note.as_deref(), Some("写到一半，写完"));
    assert_eq!(selected_id(&app), "1.1.2");
}

#[test]
fn quit() {
    let (_d, mut app) = app();
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn typing_replaces_the_current_value_of_a_field() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.3");
    app.update(Action::OpenPercent);
    type_text(&mut app, "50");
    app.update(Action::Submit);
    app.update(Action::OpenPercent);
    for c in ['7', '0'] {
        app.update(Action::Type(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ..Default::default()
        }));
    }
    app.update(Action::Submit);
    assert_eq!(state(&app, "1.1.3").percent, 70.0);
}

#[test]
fn meeting_view_pages_through_areas_and_records_a_checkpoint() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::PercentUp);
    app.update(Action::OpenMeeting);
    assert!(matches!(app.mode, Mode::Meeting { page: 0 }));
    assert_eq!(app.meeting_pages(), 7);
    let report = app.meeting.as_ref().unwrap();
    assert_eq!(report.changes.len(), 1);
    app.update(Action::PrevPage);
    assert!(matches!(app.mode, Mode::Meeting { page: 6 }));
    app.update(Action::NextPage);
    app.update(Action::NextPage);
    assert!(matches!(app.mode, Mode::Meeting { page: 1 }));
    app.update(Action::JumpArea(4));
    assert!(matches!(app.mode, Mode::Meeting { page: 4 }));
    app.update(Action::Checkpoint);
    let Mode::Field(f) = &app.mode else {
        panic!("no title asked: {:?}", app.mode);
    };
    assert_eq!(
        (f.kind, f.back, f.text()),
        (FieldKind::CheckpointTitle, Some(4), "9月例会".to_string())
    );
    // It says first what recording does to the list of changes.
    let about = f.about.as_deref().unwrap_or("");
    assert!(about.contains("现列出的 1 项变化不再列出"), "{about}");
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Meeting { page: 4 }));
    assert_eq!(app.session.progress.meetings.len(), 1);
    let title = app
        .meeting
        .as_ref()
        .unwrap()
        .last_meeting
        .clone()
        .unwrap()
        .0;
    assert_eq!(title.as_deref(), Some("9月例会"));
    assert!(
        app.meeting.as_ref().unwrap().changes.is_empty(),
        "nothing since the checkpoint"
    );
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal));
    app.update(Action::PercentUp);
    app.update(Action::OpenMeeting);
    assert_eq!(app.meeting.as_ref().unwrap().changes.len(), 1);
}

#[test]
fn a_checkpoint_can_be_declined_or_named() {
    let (_d, mut app) = app();
    app.update(Action::Checkpoint);
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.session.progress.meetings.is_empty());
    // From the meeting view, declining goes back to its page.
    app.update(Action::OpenMeeting);
    app.update(Action::JumpArea(2));
    app.update(Action::Checkpoint);
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Meeting { page: 2 }));
    // A name typed over the offered one is the checkpoint's.
    app.update(Action::Checkpoint);
    type_text(&mut app, "第三季度推进会");
    app.update(Action::Submit);
    let report = app.meeting.as_ref().unwrap();
    assert_eq!(
        report.last_meeting.as_ref().unwrap().0.as_deref(),
        Some("第三季度推进会")
    );
}

#[test]
fn exports_from_the_dashboard_and_the_meeting_view() {
    let (dir, mut app) = app();
    let out = tempfile::tempdir().unwrap();
    let settings = dir.path().join("config.toml");
    app.settings = Some(settings.clone());
    app.export_dir = out.path().to_path_buf();
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(0)); // xlsx
    // The folder is asked, the last one used offered.
    let Mode::Field(f) = &app.mode else {
        panic!("no folder asked: {:?}", app.mode);
    };
    assert_eq!(f.text(), out.path().to_string_lossy());
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    let xlsx = out
        .path()
        .join("新江湾城街道2023年主要工作安排-督办通报-2023-09-01.xlsx");
    assert!(xlsx.is_file(), "{:?}", app.notice);
    assert!(
        matches!(&app.notice, Some(Notice::Info(t)) if t.contains("新江湾城街道2023年主要工作安排-督办通报-2023-09-01.xlsx"))
    );
    // Remembered for the next time, in the settings file.
    let remembered = crate::config::load_from(&settings, Lang::Zh)
        .unwrap()
        .export_dir;
    assert_eq!(remembered.as_deref(), Some(out.path()));
    // The same export again the same day: a second file, the first untouched.
    let first = std::fs::read(&xlsx).unwrap();
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(0));
    app.update(Action::Submit);
    assert!(
        out.path()
            .join("新江湾城街道2023年主要工作安排-督办通报-2023-09-01-2.xlsx")
            .is_file()
    );
    assert_eq!(std::fs::read(&xlsx).unwrap(), first);
    // The Word 督办通报 too.
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(1));
    app.update(Action::Submit);
    assert!(
        out.path()
            .join("新江湾城街道2023年主要工作安排-督办通报-2023-09-01.docx")
            .is_file(),
        "{:?}",
        app.notice
    );
    // From the meeting view, back to its page; the view stays behind the question.
    app.update(Action::OpenMeeting);
    app.update(Action::NextPage);
    app.update(Action::OpenExport);
    app.update(Action::PickerDown);
    app.update(Action::PickerDown);
    app.update(Action::Submit); // csv
    assert!(matches!(&app.mode, Mode::Field(f) if f.back == Some(1)));
    app.update(Action::Submit);
    assert!(
        matches!(app.mode, Mode::Meeting { page: 1 }),
        "back to the meeting page"
    );
    assert!(
        out.path()
            .join("新江湾城街道2023年主要工作安排-工作台账-2023-09-01.csv")
            .is_file()
    );
    // Listing by department, the meeting view exports the 督办单; csv stays the 台账.
    app.update(Action::GroupByOwner);
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(0)); // xlsx
    app.update(Action::Submit);
    let sheet = "新江湾城街道2023年主要工作安排-督办单-2023-09-01.xlsx";
    assert!(out.path().join(sheet).is_file(), "{:?}", app.notice);
    app.update(Action::GroupByOwner);
    // A folder that is not there: said in the field, which stays open.
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(2));
    type_text(&mut app, "/no/such/folder");
    app.update(Action::Submit);
    let Mode::Field(f) = &app.mode else {
        panic!("the field closed: {:?}", app.mode);
    };
    assert!(
        f.error
            .as_deref()
            .is_some_and(|e| e.contains("没有这个文件夹")),
        "{:?}",
        f.error
    );
}

#[test]
fn export_offers_the_default_folder_when_the_last_one_is_gone() {
    let (_dir, mut app) = app();
    app.export_dir = std::path::PathBuf::from("/no/such/folder");
    app.update(Action::OpenExport);
    app.update(Action::PickerChoose(1)); // docx
    let Mode::Field(f) = &app.mode else {
        panic!("no folder asked: {:?}", app.mode);
    };
    // The Documents folder (or what stands for it), never `.` nor the folder that is gone.
    let offered = crate::export::default_folder().path;
    assert_eq!(f.text(), offered.to_string_lossy());
    assert_ne!(f.text(), ".");
    app.update(Action::Cancel);
}

#[test]
fn a_write_by_the_same_officer_elsewhere_is_not_hidden_by_our_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    // The command line, as the same officer, writes to the same file…
    let cli = Store::new(dir.path(), "xjw-2023", "tester");
    let req = SetRequest {
        percent: Some(40),
        ..SetRequest::default()
    };
    cli.append(&edit::set(&app.session.plan, "6.1.1", &req, "tester").unwrap())
        .unwrap();
    // …and before the next tick the dashboard saves a change of its own.
    go(&mut app, "2.1.1");
    app.update(Action::PercentUp);
    app.update(Action::Tick);
    assert_eq!(state(&app, "6.1.1").percent, 40.0);
    assert_eq!(state(&app, "2.1.1").percent, 10.0);
}

#[test]
fn another_officers_write_just_before_ours_is_not_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    let other = Store::new(dir.path(), "xjw-2023", "colleague");
    let req = SetRequest {
        percent: Some(30),
        ..SetRequest::default()
    };
    other
        .append(&edit::set(&app.session.plan, "5.1.1", &req, "colleague").unwrap())
        .unwrap();
    go(&mut app, "2.1.1");
    app.update(Action::PercentUp);
    app.update(Action::Tick);
    assert_eq!(state(&app, "5.1.1").percent, 30.0);
}

mod colleagues;
mod desk;
mod local_copy;
mod looking_back;
mod quitting;
mod start;
