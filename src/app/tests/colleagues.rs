//! A colleague's change in an open dashboard: read alone (only the bytes appended since the
//! last read), and always the same state as reading the folder whole.

use std::io::Write;

use super::*;

/// The change `req` to task `id` as `user` would write it, stamped `back` minutes before now.
fn change(app: &App, user: &str, id: &str, percent: u8, back: i64) -> Vec<Event> {
    let req = SetRequest {
        percent: Some(percent),
        ..SetRequest::default()
    };
    let mut events = edit::set(&app.session.plan, id, &req, user).unwrap();
    for e in &mut events {
        e.at -= jiff::SignedDuration::from_mins(back);
    }
    events
}

/// The events, each node's state and the warnings a new dashboard over the same folder has.
fn same_as_a_whole_read(app: &App, dir: &Path) {
    let fresh = app_in(dir, "tester");
    assert_eq!(app.session.progress.events, fresh.session.progress.events);
    assert_eq!(app.session.progress.nodes, fresh.session.progress.nodes);
    assert_eq!(app.session.progress.overall, fresh.session.progress.overall);
    assert_eq!(
        app.session.progress.conflicts,
        fresh.session.progress.conflicts
    );
    assert_eq!(app.warnings, fresh.warnings);
}

#[test]
fn a_colleagues_change_is_read_alone_and_gives_what_a_whole_read_gives() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    let li = Store::new(dir.path(), "xjw-2023", "李强");
    let zhao = Store::new(dir.path(), "xjw-2023", "赵磊");
    assert_eq!(app.session.whole_reads, 1);

    // In time order, from two colleagues, one of them new to the folder.
    li.append(&change(&app, "李强", "6.1.1", 40, 0)).unwrap();
    app.update(Action::Tick);
    assert_eq!(state(&app, "6.1.1").percent, 40.0);
    zhao.append(&change(&app, "赵磊", "1.1.1", 20, 0)).unwrap();
    app.update(Action::Tick);
    same_as_a_whole_read(&app, dir.path());

    // The officer's own change, then a colleague whose clock is behind: it lands before it.
    go(&mut app, "2.1.1");
    app.update(Action::PercentUp);
    li.append(&change(&app, "李强", "2.1.1", 70, 30)).unwrap();
    app.update(Action::Tick);
    same_as_a_whole_read(&app, dir.path());
    assert_eq!(
        state(&app, "2.1.1").percent,
        10.0,
        "the later change stands"
    );

    // Two colleagues at once, one of them on a task the officer just changed.
    li.append(&change(&app, "李强", "3.1.1", 30, 0)).unwrap();
    zhao.append(&change(&app, "赵磊", "2.1.1", 60, 0)).unwrap();
    app.update(Action::Tick);
    same_as_a_whole_read(&app, dir.path());
    assert_eq!(state(&app, "2.1.1").percent, 60.0);
    assert_eq!(app.session.whole_reads, 1, "every change was read alone");
}

#[test]
fn what_the_last_read_cannot_vouch_for_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    let li = Store::new(dir.path(), "xjw-2023", "李强");
    li.append(&change(&app, "李强", "6.1.1", 40, 0)).unwrap();
    li.append(&change(&app, "李强", "6.1.2", 50, 0)).unwrap();
    app.update(Action::Tick);
    assert_eq!(app.session.whole_reads, 1);

    // The file cut back to its first line: the second change is gone from the folder.
    let file = li.own_file();
    let text = std::fs::read_to_string(&file).unwrap();
    let first = text.find('\n').unwrap() + 1;
    std::fs::write(&file, &text[..first]).unwrap();
    app.update(Action::Tick);
    assert_eq!(app.session.whole_reads, 2);
    same_as_a_whole_read(&app, dir.path());

    // A damaged line: read whole, and its warning shows.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    f.write_all(b"{not json\n").unwrap();
    drop(f);
    app.update(Action::Tick);
    assert_eq!(app.session.whole_reads, 3);
    assert!(!app.warnings.is_empty());
    same_as_a_whole_read(&app, dir.path());
}

#[test]
fn a_line_that_reuses_an_id_read_before_is_settled_by_a_whole_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "tester");
    go(&mut app, "2.1.1");
    app.update(Action::PercentUp);
    let mine = app.session.progress.events.last().unwrap().clone();
    app.update(Action::Tick);
    let reads = app.session.whole_reads;

    // A colleague's line with the id of the officer's own change and other content.
    let li = Store::new(dir.path(), "xjw-2023", "李强");
    let mut forged = change(&app, "李强", "2.1.1", 90, 0);
    forged[0].id = mine.id;
    li.append(&forged).unwrap();
    app.update(Action::Tick);
    assert_eq!(app.session.whole_reads, reads + 1);
    same_as_a_whole_read(&app, dir.path());
    assert_eq!(
        state(&app, "2.1.1").percent,
        10.0,
        "the officer's own copy stands"
    );
}

/// One step of an open dashboard's life among colleagues.
#[derive(Debug, Clone)]
enum Step {
    /// A colleague saves a change to a task, stamped `back` minutes ago.
    Colleague {
        who: usize,
        task: usize,
        percent: u8,
        back: u8,
    },
    /// The officer raises a task's percentage in the dashboard.
    Own { task: usize },
    /// The dashboard looks at the folder.
    Tick,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (0..2usize, 0..5usize, 0..=10u8, 0..120u8).prop_map(|(who, task, p, back)| {
            Step::Colleague {
                who,
                task,
                percent: p * 10,
                back,
            }
        }),
        (0..5usize).prop_map(|task| Step::Own { task }),
        Just(Step::Tick),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever colleagues save, in or out of time order, between the officer's own changes:
    /// after every look at the folder the dashboard holds what a whole read gives, and it never
    /// had to read the folder whole to get there.
    #[test]
    fn reading_colleagues_alone_never_changes_a_result(
        steps in proptest::collection::vec(step(), 1..14)
    ) {
        const TASKS: [&str; 5] = ["1.1.1", "1.1.2", "2.1.1", "3.1.1", "6.1.1"];
        const WHO: [&str; 2] = ["李强", "赵磊"];
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(dir.path(), "tester");
        let stores = WHO.map(|w| Store::new(dir.path(), "xjw-2023", w));
        for step in steps.iter().chain([&Step::Tick]) {
            match *step {
                Step::Colleague { who, task, percent, back } => {
                    let events = change(&app, WHO[who], TASKS[task], percent, i64::from(back));
                    stores[who].append(&events).unwrap();
                }
                Step::Own { task } => {
                    go(&mut app, TASKS[task]);
                    app.update(Action::PercentUp);
                }
                Step::Tick => {
                    app.update(Action::Tick);
                    same_as_a_whole_read(&app, dir.path());
                }
            }
        }
        proptest::prop_assert_eq!(app.session.whole_reads, 1);
    }
}
