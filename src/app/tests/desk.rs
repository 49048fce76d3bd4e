//! The desk view's everyday rules: searching, typed text kept, reopening, due dates far off,
//! filters, and departments spelt one way.

use super::*;

#[test]
fn a_search_starts_at_the_current_row() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::OpenSearch);
    type_text(&mut app, "推动");
    app.update(Action::Submit);
    assert_eq!(
        selected_id(&app),
        "1.1.1",
        "the current row matches: it stays"
    );
    app.update(Action::NextMatch);
    assert_ne!(selected_id(&app), "1.1.1");
}

#[test]
fn typed_text_is_never_lost_silently() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::AddNote);
    type_text(&mut app, "已走访三个居民区");
    // Esc asks; n goes back to the editor with the text.
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Discard(_))));
    app.update(Action::Cancel);
    let Mode::Field(f) = &app.mode else {
        panic!("not back in the editor: {:?}", app.mode);
    };
    assert_eq!(f.text(), "已走访三个居民区");
    // y throws it away: nothing written.
    app.update(Action::Cancel);
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.session.progress.events.is_empty());
    // An empty editor closes without asking.
    app.update(Action::AddNote);
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal));
    // A note for every task of an item: "no" to the question returns to the text.
    assert_eq!(
        declined(&mut app, Action::AddNote, "本月集中推进"),
        "本月集中推进"
    );
}

/// Types `text` into the field `open` opens on item 1.2, answers "no" to applying it to every
/// task, and gives the text of the field that is open then.
fn declined(app: &mut App, open: Action, text: &str) -> String {
    go(app, "1.2");
    app.update(open);
    type_text(app, text);
    app.update(Action::Submit);
    assert!(matches!(
        app.mode,
        Mode::Confirm(Confirm::ApplyToAll { .. })
    ));
    app.update(Action::Cancel);
    let Mode::Field(f) = &app.mode else {
        panic!("not back in the field: {:?}", app.mode);
    };
    f.text()
}

#[test]
fn leaving_done_goes_back_to_the_percent_before_it() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    for _ in 0..4 {
        app.update(Action::PercentUp);
    }
    assert_eq!(state(&app, "1.1.1").percent, 40.0);
    app.update(Action::OpenStatusPicker);
    app.update(Action::PickerChoose(2)); // done
    assert_eq!(
        (state(&app, "1.1.1").status, state(&app, "1.1.1").percent),
        (Status::Done, 100.0)
    );
    // Space from 已完成 to 受阻: the task is at 40% again, not a made-up 90%.
    app.update(Action::CycleStatus);
    assert_eq!(
        (state(&app, "1.1.1").status, state(&app, "1.1.1").percent),
        (Status::Blocked, 40.0)
    );
}

#[test]
fn a_due_date_far_from_the_plan_year_is_asked_about_once() {
    let (_d, mut app) = app();
    go(&mut app, "4.1.1");
    app.update(Action::EditDue);
    type_text(&mut app, "2032/9/30");
    app.update(Action::Submit);
    let Mode::Field(f) = &app.mode else {
        panic!("not asked: {:?}", app.mode);
    };
    assert!(
        f.error
            .as_deref()
            .is_some_and(|e| e.contains("不在计划年度 2023")),
        "{:?}",
        f.error
    );
    // Enter again keeps it.
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(state(&app, "4.1.1").due, date(2032, 9, 30));
    // A date in the plan's year is taken at once.
    app.update(Action::EditDue);
    type_text(&mut app, "9月30日");
    app.update(Action::Submit);
    assert_eq!(state(&app, "4.1.1").due, date(2023, 9, 30));
}

#[test]
fn collapsing_works_while_a_filter_is_on() {
    let (_d, mut app) = app();
    go(&mut app, "2.1.1");
    app.update(Action::SetStatus(Status::Blocked));
    // Collapse area 2 first: a new filter opens what holds its matches.
    go(&mut app, "2");
    app.update(Action::Collapse);
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(4)); // red
    let shown = |app: &App| -> Vec<String> {
        app.tree
            .visible
            .iter()
            .map(|&i| app.session.plan.nodes()[i].id.clone())
            .collect()
    };
    assert_eq!(shown(&app), ["2", "2.1", "2.1.1"]);
    go(&mut app, "2.1");
    app.update(Action::Collapse);
    assert_eq!(shown(&app), ["2", "2.1"]);
    assert!(!app.tree.expanded[app.session.plan.index_of("2.1").unwrap()]);
    app.update(Action::Expand);
    assert_eq!(shown(&app), ["2", "2.1", "2.1.1"]);
}

#[test]
fn filters_combine() {
    let (_d, mut app) = app();
    for (id, owner) in [("2.1.1", "自治办"), ("3.1.1", "服务办")] {
        go(&mut app, id);
        app.update(Action::SetStatus(Status::Blocked));
        app.update(Action::EditOwner);
        type_text(&mut app, owner);
        app.update(Action::Submit);
    }
    let tasks = |app: &App| -> Vec<String> {
        let nodes = app.session.plan.nodes();
        app.tree
            .visible
            .iter()
            .filter(|&&i| nodes[i].level == crate::plan::Level::Task)
            .map(|&i| nodes[i].id.clone())
            .collect()
    };
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(4)); // red
    assert_eq!(tasks(&app), ["2.1.1", "3.1.1"]);
    // Red, and of one department.
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(7)); // by owner…
    type_text(&mut app, "自治办");
    app.update(Action::Submit);
    assert_eq!(tasks(&app), ["2.1.1"]);
    // Another department takes the first one's place; Esc clears both.
    app.update(Action::OpenFilter);
    app.update(Action::PickerChoose(7));
    type_text(&mut app, "服务办");
    app.update(Action::Submit);
    assert_eq!(tasks(&app), ["3.1.1"]);
    app.update(Action::ClearFilter);
    assert!(app.filter.is_none());
}

#[test]
fn an_owner_is_picked_from_the_departments_already_used() {
    let (_d, mut app) = app();
    for (id, owner) in [
        ("1.1.1", "人大工委"),
        ("1.1.2", "人大工委"),
        ("3.1.1", "服务办"),
    ] {
        go(&mut app, id);
        app.update(Action::EditOwner);
        type_text(&mut app, owner);
        app.update(Action::Submit);
    }
    assert_eq!(app.owner_suggestions(""), ["人大工委", "服务办"]);
    go(&mut app, "1.1.3");
    app.update(Action::EditOwner);
    type_text(&mut app, "工委");
    app.update(Action::PickerDown);
    app.update(Action::Submit);
    assert_eq!(state(&app, "1.1.3").owner.as_deref(), Some("人大工委"));
    // Typing after a pick types: the text is what is kept.
    go(&mut app, "1.2.1");
    app.update(Action::EditOwner);
    app.update(Action::PickerDown);
    type_text(&mut app, "社区办");
    app.update(Action::Submit);
    assert_eq!(state(&app, "1.2.1").owner.as_deref(), Some("社区办"));
}

#[test]
fn a_note_too_long_to_save_stays_in_the_editor_with_the_reason() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::AddNote);
    let long = "进".repeat(crate::journal::NOTE_ROOM / 3 + 2_000);
    type_text(&mut app, &long);
    app.update(Action::Submit);
    let Mode::Field(f) = &app.mode else {
        panic!("the editor closed: {:?} {:?}", app.mode, app.notice);
    };
    assert_eq!(f.text(), long, "every character typed is still there");
    assert!(
        f.error.as_deref().unwrap_or("").contains("太长"),
        "{:?}",
        f.error
    );
    assert!(
        app.session.progress.events.is_empty(),
        "nothing was acknowledged"
    );
    // Shortened, it saves.
    app.update(Action::Type(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char('u'),
        ctrl: true,
        ..Default::default()
    }));
    type_text(&mut app, "走访完成");
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let s = state(&app, "1.1.1");
    let saved = app.session.progress.events.event(s.notes[0]);
    assert_eq!(saved.change().unwrap().note.as_deref(), Some("走访完成"));
}

#[test]
fn a_refused_value_reopens_its_field_with_what_was_typed() {
    let (_d, mut app) = app();
    // A percent for every task of an item, then the question answered no: the field is back.
    assert_eq!(declined(&mut app, Action::OpenPercent, "40"), "40");
    // A later refusal of something else opens no stale field.
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}
