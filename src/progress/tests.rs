#![allow(clippy::unwrap_used)]

use jiff::civil::date;

use super::*;
use crate::i18n::{Lang, summary};

fn plan() -> LoadedPlan {
    LoadedPlan::embedded().unwrap()
}

/// A change event on `node` by "alice", with the fields `f` sets.
fn ev(node: &str, f: impl FnOnce(&mut Change)) -> Event {
    let mut c = Change {
        node: node.into(),
        ..Change::default()
    };
    f(&mut c);
    Event::new("alice", Body::Change(c))
}

fn status(node: &str, s: Status) -> Event {
    ev(node, |c| c.status = Some(s))
}

fn percent(node: &str, p: u8) -> Event {
    ev(node, |c| c.percent = Some(p))
}

/// Early in the plan: nothing is behind or due soon yet.
const EARLY: jiff::civil::Date = date(2023, 4, 2);

fn fold_at(events: Vec<Event>, as_of: jiff::civil::Date) -> (LoadedPlan, Progress) {
    let plan = plan();
    let p = fold(&plan, events, as_of);
    (plan, p)
}

fn state<'a>(plan: &LoadedPlan, p: &'a Progress, id: &str) -> &'a NodeState {
    &p.nodes[plan.index_of(id).unwrap()]
}

#[test]
fn nothing_recorded_means_not_started_at_zero() {
    let (plan, p) = fold_at(Vec::new(), EARLY);
    assert!(p.nodes.iter().all(|s| s.status == Status::NotStarted));
    assert!(p.nodes.iter().all(|s| s.percent == 0.0));
    assert_eq!(p.overall.counts.total, 62);
    assert_eq!(p.overall.counts.not_started, 62);
    assert_eq!(state(&plan, &p, "1").counts.total, 12);
}

#[test]
fn rolled_up_percent_is_the_mean_of_the_tasks() {
    let (plan, p) = fold_at(vec![status("1.1.1", Status::Done)], EARLY);
    assert_eq!(state(&plan, &p, "1.1.1").percent, 100.0);
    let item = state(&plan, &p, "1.1").percent;
    assert!((item - 100.0 / 3.0).abs() < 1e-9, "{item}");
    assert_eq!(crate::i18n::format_percent(item), "33.3");
    // Area 1 has 12 tasks; the plan 62: a mean over tasks, not over children.
    let area = state(&plan, &p, "1").percent;
    assert!((area - 100.0 / 12.0).abs() < 1e-9, "{area}");
    assert!((p.overall.percent - 100.0 / 62.0).abs() < 1e-9);

    let (plan, p) = fold_at(
        vec![
            percent("2.1.1", 50),
            percent("2.1.2", 20),
            percent("2.2.1", 90),
        ],
        EARLY,
    );
    assert_eq!(state(&plan, &p, "2.1").percent, 35.0);
    assert_eq!(state(&plan, &p, "2.2").percent, 90.0);
    // Area 2: tasks 2.1.1, 2.1.2, 2.2.1, 2.3.1, 2.4.1, 2.4.2.
    assert!((state(&plan, &p, "2").percent - 160.0 / 6.0).abs() < 1e-9);
}

#[test]
fn rolled_up_status_precedence() {
    let all_done = ["1.1.1", "1.1.2", "1.1.3"].map(|t| status(t, Status::Done));
    let (plan, p) = fold_at(all_done.to_vec(), EARLY);
    assert_eq!(state(&plan, &p, "1.1").status, Status::Done);
    // Not every task of area 1 is done: it is under way, not done.
    assert_eq!(state(&plan, &p, "1").status, Status::InProgress);

    // Blocked beats in progress and done.
    let events = vec![
        status("1.1.1", Status::Done),
        percent("1.1.2", 40),
        status("1.1.3", Status::Blocked),
    ];
    let (plan, p) = fold_at(events, EARLY);
    assert_eq!(state(&plan, &p, "1.1").status, Status::Blocked);
    assert_eq!(state(&plan, &p, "1").status, Status::Blocked);
    assert_eq!(p.overall.status, Status::Blocked);

    // Any task started (or done) makes the roll-up in progress.
    let (plan, p) = fold_at(vec![percent("1.2.3", 10)], EARLY);
    assert_eq!(state(&plan, &p, "1.2").status, Status::InProgress);
    assert_eq!(state(&plan, &p, "1.1").status, Status::NotStarted);
    let (plan, p) = fold_at(vec![status("1.2.3", Status::Done)], EARLY);
    assert_eq!(state(&plan, &p, "1.2").status, Status::InProgress);
    assert_eq!(p.overall.status, Status::InProgress);
}

#[test]
fn done_if_and_only_if_100() {
    let (plan, p) = fold_at(vec![status("3.1.1", Status::Done)], EARLY);
    assert_eq!(state(&plan, &p, "3.1.1").percent, 100.0);

    let (plan, p) = fold_at(vec![percent("3.1.1", 100)], EARLY);
    assert_eq!(state(&plan, &p, "3.1.1").status, Status::Done);

    // A lower percent reopens a done task.
    let (plan, p) = fold_at(
        vec![status("3.1.1", Status::Done), percent("3.1.1", 70)],
        EARLY,
    );
    let s = state(&plan, &p, "3.1.1");
    assert_eq!((s.status, s.percent), (Status::InProgress, 70.0));

    // Leaving done without a percent keeps 90; not started without one goes back to 0.
    let (plan, p) = fold_at(
        vec![
            status("3.1.1", Status::Done),
            status("3.1.1", Status::Blocked),
        ],
        EARLY,
    );
    let s = state(&plan, &p, "3.1.1");
    assert_eq!((s.status, s.percent), (Status::Blocked, 90.0));
    let (plan, p) = fold_at(
        vec![
            status("3.1.1", Status::Done),
            status("3.1.1", Status::NotStarted),
        ],
        EARLY,
    );
    let s = state(&plan, &p, "3.1.1");
    assert_eq!((s.status, s.percent), (Status::NotStarted, 0.0));
}

#[test]
fn percent_above_zero_starts_a_task() {
    let (plan, p) = fold_at(vec![percent("5.1.1", 1)], EARLY);
    assert_eq!(state(&plan, &p, "5.1.1").status, Status::InProgress);
    // A blocked task stays blocked while its percent moves.
    let (plan, p) = fold_at(
        vec![status("5.1.1", Status::Blocked), percent("5.1.1", 30)],
        EARLY,
    );
    let s = state(&plan, &p, "5.1.1");
    assert_eq!((s.status, s.percent), (Status::Blocked, 30.0));
    // Not started with a percent above 0 is in progress.
    let (plan, p) = fold_at(
        vec![ev("5.1.1", |c| {
            c.status = Some(Status::NotStarted);
            c.percent = Some(20);
        })],
        EARLY,
    );
    assert_eq!(state(&plan, &p, "5.1.1").status, Status::InProgress);
}

#[test]
fn owner_and_due_follow_the_journal() {
    let (plan, p) = fold_at(
        vec![
            ev("6.1.1", |c| c.owner = Some(" 党建办 ".into())),
            ev("6.1.1", |c| c.due = Some(date(2023, 6, 30))),
        ],
        EARLY,
    );
    let s = state(&plan, &p, "6.1.1");
    assert_eq!(s.owner.as_deref(), Some("党建办"));
    assert_eq!(s.due, date(2023, 6, 30));
    let (plan, p) = fold_at(
        vec![
            ev("6.1.1", |c| c.owner = Some("党建办".into())),
            ev("6.1.1", |c| c.owner = Some("".into())),
        ],
        EARLY,
    );
    assert_eq!(state(&plan, &p, "6.1.1").owner, None);
}

// ---- lights ------------------------------------------------------------------------------------

fn values(status: Status, percent: u8, due: jiff::civil::Date) -> TaskValues {
    TaskValues {
        status,
        percent,
        owner: None,
        due,
    }
}

const START: jiff::civil::Date = date(2023, 4, 1);
const DUE: jiff::civil::Date = date(2023, 12, 31);

#[test]
fn lights_as_of_a_date() {
    use Status::*;
    let sept = date(2023, 9, 1);
    // 153 of 274 days have passed: the schedule line stands at 55.8%.
    assert_eq!(
        task_light(&values(Blocked, 60, DUE), START, sept),
        (Light::Red, Some(Reason::Blocked))
    );
    assert_eq!(
        task_light(&values(InProgress, 50, DUE), START, date(2024, 1, 10)),
        (Light::Red, Some(Reason::Overdue { days: 10 }))
    );
    assert_eq!(
        task_light(&values(InProgress, 30, DUE), START, sept),
        (Light::Yellow, Some(Reason::Behind { points: 26 }))
    );
    // 15.8 points below the line is not yet behind.
    assert_eq!(
        task_light(&values(InProgress, 40, DUE), START, sept),
        (Light::Green, None)
    );
    assert_eq!(
        task_light(&values(InProgress, 90, DUE), START, date(2023, 12, 20)),
        (Light::Yellow, Some(Reason::DueSoon { days: 11 }))
    );
    assert_eq!(
        task_light(&values(InProgress, 90, DUE), START, date(2023, 12, 17)),
        (Light::Yellow, Some(Reason::DueSoon { days: 14 }))
    );
    assert_eq!(
        task_light(&values(InProgress, 90, DUE), START, date(2023, 12, 16)),
        (Light::Green, None)
    );
    // Done is green, even long past the due date.
    assert_eq!(
        task_light(&values(Done, 100, DUE), START, date(2024, 3, 1)),
        (Light::Green, None)
    );
    // Before the plan starts nothing is behind.
    assert_eq!(
        task_light(&values(NotStarted, 0, DUE), START, date(2023, 3, 1)),
        (Light::Green, None)
    );
    // The due date comes from the task: an earlier one makes it overdue sooner.
    assert_eq!(
        task_light(
            &values(InProgress, 80, date(2023, 6, 30)),
            START,
            date(2023, 7, 3)
        ),
        (Light::Red, Some(Reason::Overdue { days: 3 }))
    );
}

#[test]
fn rolled_up_light_is_the_worst_child() {
    let sept = date(2023, 9, 1);
    let on_track: Vec<Event> = ["1.1.1", "1.1.2", "1.1.3"].map(|t| percent(t, 60)).to_vec();
    let (plan, p) = fold_at(on_track.clone(), sept);
    assert_eq!(state(&plan, &p, "1.1").light, Light::Green);
    // Items 1.2 and 1.3 are behind: area 1 is yellow.
    assert_eq!(state(&plan, &p, "1").light, Light::Yellow);

    let mut one_blocked = on_track;
    one_blocked.push(status("1.1.2", Status::Blocked));
    let (plan, p) = fold_at(one_blocked, sept);
    assert_eq!(state(&plan, &p, "1.1.2").light, Light::Red);
    assert_eq!(state(&plan, &p, "1.1").light, Light::Red);
    assert_eq!(state(&plan, &p, "1").light, Light::Red);
    assert_eq!(p.overall.light, Light::Red);
    assert_eq!(state(&plan, &p, "2").light, Light::Yellow);
    assert_eq!(p.overall.counts.red, 1);
    assert_eq!(p.overall.counts.green, 2);
    assert_eq!(p.overall.counts.yellow, 59);
}

#[test]
fn lagging_counts_overdue_and_behind_but_not_due_soon() {
    // Early: nothing lags.
    let (_, p) = fold_at(Vec::new(), EARLY);
    assert_eq!(p.overall.counts.lagging, 0);
    // September with one task done: the other 61 are behind.
    let (_, p) = fold_at(vec![status("1.1.1", Status::Done)], date(2023, 9, 1));
    assert_eq!(p.overall.counts.lagging, 61);
    // Ten days before the end, tasks at 95% are due soon but not lagging.
    let all_95: Vec<Event> = plan()
        .nodes()
        .iter()
        .filter(|n| n.level == Level::Task)
        .map(|n| percent(&n.id, 95))
        .collect();
    let (_, p) = fold_at(all_95.clone(), date(2023, 12, 21));
    assert_eq!(p.overall.counts.yellow, 62);
    assert_eq!(p.overall.counts.lagging, 0);
    // After the due date, every unfinished task is overdue and lagging.
    let (_, p) = fold_at(all_95, date(2024, 1, 2));
    assert_eq!(p.overall.counts.red, 62);
    assert_eq!(p.overall.counts.lagging, 62);
}

#[test]
fn a_blocked_task_behind_schedule_still_lags() {
    let sept = date(2023, 9, 1);
    let (plan, p) = fold_at(vec![status("4.1.1", Status::Blocked)], sept);
    let s = state(&plan, &p, "4.1.1");
    assert_eq!((s.light, s.reason), (Light::Red, Some(Reason::Blocked)));
    // Blocking a lagging task does not take it off the lagging count.
    assert_eq!(p.overall.counts.lagging, 62);
    // A blocked task that is on schedule does not lag.
    let (_, p) = fold_at(
        vec![percent("4.1.1", 60), status("4.1.1", Status::Blocked)],
        sept,
    );
    assert_eq!(p.overall.counts.lagging, 61);
}

#[test]
fn summary_sentence_in_the_supervision_wording() {
    let events = vec![
        status("1.1.1", Status::Done),
        percent("1.1.2", 60),
        percent("1.1.3", 10),
        status("2.1.1", Status::Blocked),
    ];
    let (_, p) = fold_at(events, date(2023, 9, 1));
    let c = &p.overall.counts;
    assert_eq!(
        (c.done, c.in_progress, c.blocked, c.not_started),
        (1, 2, 1, 58)
    );
    // Everything but the done task and the one at 60% is behind.
    assert_eq!(c.lagging, 60);
    assert_eq!(
        summary(Lang::Zh, c),
        "共62项任务，已完成1项、推进中2项、受阻1项、未启动58项；滞后60项，滞后占比96.8%"
    );
    assert_eq!(
        summary(Lang::En, c),
        "62 tasks: 1 done, 2 in progress, 1 blocked, 58 not started; 60 lagging (96.8%)"
    );
}

#[test]
fn events_for_unknown_ids_are_kept_as_orphans() {
    let events = vec![
        status("1.1.1", Status::Done),
        status("9.9.9", Status::Done),
        percent("1.1", 50),
    ];
    let (plan, p) = fold_at(events, EARLY);
    assert_eq!(p.events.len(), 3);
    assert_eq!(p.orphans, vec![1, 2]);
    assert_eq!(p.events.event(1).change().unwrap().node, "9.9.9");
    // Orphans change nothing in the plan.
    assert_eq!(p.overall.counts.done, 1);
    assert_eq!(state(&plan, &p, "1.1").percent, 100.0 / 3.0);
}

#[test]
fn history_notes_and_meetings() {
    let events = vec![
        ev("1.1.1", |c| {
            c.percent = Some(10);
            c.note = Some("启动".into());
        }),
        Event::new("bob", Body::Meeting(crate::journal::Meeting::default())),
        percent("1.1.1", 20),
        ev("1.1.1", |c| c.note = Some("第二次".into())),
    ];
    let (plan, p) = fold_at(events, EARLY);
    let s = state(&plan, &p, "1.1.1");
    assert_eq!(s.history, vec![0, 2, 3]);
    assert_eq!(s.notes, vec![0, 3]);
    assert_eq!(s.last_change(), Some(3));
    assert_eq!(p.meetings, vec![1]);
    assert!(p.last_meeting().is_some());
    let before = p.values_before(&plan, plan.index_of("1.1.1").unwrap(), 2);
    assert_eq!((before.status, before.percent), (Status::InProgress, 10));
}
