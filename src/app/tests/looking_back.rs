//! Looking back: a past day with its later events left out and nothing changeable, and each
//! earlier meeting replayed as it was held.

use super::*;
use crate::journal::Body;

#[test]
fn a_past_day_leaves_later_events_out_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut now = app_in(dir.path(), "tester");
    go(&mut now, "1.1.1");
    now.update(Action::CycleStatus);
    assert_eq!(state(&now, "1.1.1").status, Status::InProgress);

    // The same folder as of a day before that change.
    let plan = LoadedPlan::embedded().unwrap();
    let store = Store::new(dir.path(), &plan.plan.id, "tester");
    let day = date(2023, 9, 1);
    let until = crate::context::end_of_past_day_at(day, date(2099, 1, 1));
    let until = until.map(|t| {
        t.min(now.session.progress.events.event(0).at - jiff::SignedDuration::from_secs(1))
    });
    let mut back = App::new(Context {
        lang: Lang::Zh,
        plan,
        store,
        today: day,
        until,
        ambiguous_wide: false,
    });
    back.update(Action::Resize(100, 30));
    assert_eq!(back.session.progress.hidden, 1);
    assert_eq!(state(&back, "1.1.1").status, Status::NotStarted);
    go(&mut back, "1.1.1");
    back.update(Action::CycleStatus);
    assert_eq!(state(&back, "1.1.1").status, Status::NotStarted);
    assert!(back.session.pending.is_empty());
    let Some(Notice::Info(words)) = &back.notice else {
        panic!("no notice: {:?}", back.notice);
    };
    assert!(words.contains("正在回看"), "{words}");
    let lines = std::fs::read_to_string(back.session.store.own_file()).unwrap();
    assert_eq!(lines.lines().count(), 1, "nothing more was written");
}

#[test]
fn the_meeting_view_replays_each_earlier_meeting_as_it_was_held() {
    use crate::journal::{Change, Event, Meeting};
    let dir = tempfile::tempdir().unwrap();
    let event = |n: u128, at: &str, body: Body| Event {
        id: uuid::Uuid::from_u128(n),
        at: at.parse().unwrap(),
        user: "tester".into(),
        body,
    };
    let set = |node: &str, percent: u8| {
        Body::Change(Change {
            node: node.into(),
            percent: Some(percent),
            ..Change::default()
        })
    };
    let meeting = |title: &str| {
        Body::Meeting(Meeting {
            title: Some(title.into()),
        })
    };
    let history = [
        event(1, "2023-05-10T02:00:00Z", set("1.1.1", 20)),
        event(2, "2023-05-31T02:00:00Z", meeting("五月例会")),
        event(3, "2023-06-10T02:00:00Z", set("1.1.2", 40)),
        event(4, "2023-06-30T02:00:00Z", meeting("六月例会")),
        event(5, "2023-07-10T02:00:00Z", set("1.1.3", 60)),
    ];
    Store::new(dir.path(), "xjw-2023", "tester")
        .append(&history)
        .unwrap();
    let mut app = app_in(dir.path(), "tester");
    app.update(Action::OpenMeeting);
    let changed = |app: &App| -> Vec<String> {
        let report = app.meeting.as_ref().unwrap();
        report.changes.iter().map(|c| c.node.clone()).collect()
    };
    assert_eq!(changed(&app), ["1.1.3"]);
    // The June meeting as it was held: what it reviewed since May, nothing of July.
    app.update(Action::EarlierCheckpoint);
    assert_eq!(changed(&app), ["1.1.2"]);
    let report = app.meeting.as_ref().unwrap();
    assert!(report.replaying.as_deref().unwrap().contains("六月例会"));
    assert_eq!(
        app.shown_progress().hidden,
        1,
        "the July change; the checkpoint itself is not left out"
    );
    assert_eq!(state_in(app.shown_progress(), &app, "1.1.3").percent, 0.0);
    // The May meeting: everything before it.
    app.update(Action::EarlierCheckpoint);
    assert_eq!(changed(&app), ["1.1.1"]);
    app.update(Action::EarlierCheckpoint);
    assert_eq!(changed(&app), ["1.1.1"], "no meeting before the first");
    // Forward again to today.
    app.update(Action::LaterCheckpoint);
    app.update(Action::LaterCheckpoint);
    assert_eq!(changed(&app), ["1.1.3"]);
    assert!(app.meeting.as_ref().unwrap().replaying.is_none());
    assert!(matches!(app.mode, Mode::Meeting { page: 0 }));
}

fn state_in<'a>(
    p: &'a crate::progress::Progress,
    app: &App,
    id: &str,
) -> &'a crate::progress::NodeState {
    &p.nodes[app.session.plan.index_of(id).unwrap()]
}

#[test]
fn a_past_day_refuses_every_changing_key_before_anything_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = LoadedPlan::embedded().unwrap();
    let store = Store::new(dir.path(), &plan.plan.id, "tester");
    let day = date(2023, 8, 1);
    let mut back = App::new(Context {
        lang: Lang::Zh,
        plan,
        store,
        today: day,
        until: crate::context::end_of_past_day_at(day, date(2023, 9, 1)),
        ambiguous_wide: false,
    });
    back.update(Action::Resize(100, 30));
    go(&mut back, "1.1.1");
    for key in [
        Action::AddNote,
        Action::EditOwner,
        Action::EditDue,
        Action::OpenPercent,
        Action::OpenStatusPicker,
        Action::CycleStatus,
        Action::PercentUp,
        Action::Checkpoint,
        Action::Undo,
    ] {
        back.update(key.clone());
        assert!(
            matches!(back.mode, Mode::Normal),
            "{key:?} opened {:?}",
            back.mode
        );
        let Some(Notice::Info(words)) = &back.notice else {
            panic!("{key:?} said nothing");
        };
        assert!(words.contains("正在回看"), "{key:?}: {words}");
    }
    // In the meeting view too: M records nothing and asks for no name.
    back.update(Action::OpenMeeting);
    back.update(Action::Checkpoint);
    assert!(matches!(back.mode, Mode::Meeting { .. }), "{:?}", back.mode);
    assert!(
        !back.session.store.own_file().exists(),
        "nothing was written"
    );
}

#[test]
fn replaying_a_meeting_records_no_checkpoint() {
    let (_d, mut app) = app();
    go(&mut app, "1.1.1");
    app.update(Action::PercentUp);
    app.update(Action::OpenMeeting);
    app.update(Action::Checkpoint);
    app.update(Action::Submit);
    assert_eq!(app.session.progress.meetings.len(), 1);
    app.update(Action::EarlierCheckpoint);
    assert!(app.replay.is_some());
    app.update(Action::Checkpoint);
    assert!(matches!(app.mode, Mode::Meeting { .. }), "{:?}", app.mode);
    let Some(Notice::Info(words)) = &app.notice else {
        panic!("nothing said: {:?}", app.notice);
    };
    assert!(words.contains("正在回看以前的会议"), "{words}");
    assert_eq!(app.session.progress.meetings.len(), 1);
}
