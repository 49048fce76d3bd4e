//! Looking back at a past day: later events are left out and counted, and nothing can be
//! changed.

use super::*;

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
    let until =
        until.map(|t| t.min(now.progress.events[0].at - jiff::SignedDuration::from_secs(1)));
    let mut back = App::new(Context {
        lang: Lang::Zh,
        plan,
        store,
        today: day,
        until,
    });
    back.update(Action::Resize(100, 30));
    assert_eq!(back.progress.hidden, 1);
    assert_eq!(state(&back, "1.1.1").status, Status::NotStarted);
    go(&mut back, "1.1.1");
    back.update(Action::CycleStatus);
    assert_eq!(state(&back, "1.1.1").status, Status::NotStarted);
    assert!(back.pending.is_empty());
    let Some(Notice::Info(words)) = &back.notice else {
        panic!("no notice: {:?}", back.notice);
    };
    assert!(words.contains("正在回看"), "{words}");
    let lines = std::fs::read_to_string(back.store.own_file()).unwrap();
    assert_eq!(lines.lines().count(), 1, "nothing more was written");
}
