//! What a change is made against, from the folded snapshot's digest and from a fold of every
//! event, is the same: `set` leaves out and marks the same values either way, after any mix of
//! changes, notes, undos and changes made without seeing a colleague's (conflicts). And a digest
//! that folds appended events in is the digest of a whole fold, or refuses.
//!
//! `PROPTEST_CASES` sets the number of cases (default 256).

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use uuid::Uuid;
use workplan::edit::{self, SetRequest};
use workplan::journal::{Body, Change, Event, merge};
use workplan::plan::LoadedPlan;
use workplan::progress::{Digest, fold};
use workplan::status::Status;

/// Tasks of the embedded plan, and an item whose tasks a request reaches all at once.
const TASKS: [&str; 4] = ["1.1.1", "1.1.2", "1.1.3", "2.1.1"];
const ITEM: &str = "1.1";
const USERS: [&str; 3] = ["alice", "bob", "王敏"];

/// One change as drawn: on which task, by whom, what, and what its writer had seen.
#[derive(Debug, Clone)]
struct Drawn {
    task: usize,
    user: usize,
    status: Option<usize>,
    percent: Option<u8>,
    owner: Option<usize>,
    note: bool,
    /// 0: the latest change on the task; 1: one change earlier (a colleague's unseen); 2: none
    /// recorded (written before that was recorded).
    seen: u8,
    /// Undo the latest change on the task instead.
    undo: bool,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    (
        0..TASKS.len(),
        0..USERS.len(),
        proptest::option::of(0..4usize),
        proptest::option::of(prop_oneof![Just(0u8), Just(30), Just(50), Just(100)]),
        proptest::option::weighted(0.2, 0..3usize),
        prop::bool::weighted(0.2),
        prop_oneof![6 => Just(0u8), 3 => Just(1), 1 => Just(2)],
        prop::bool::weighted(0.1),
    )
        .prop_map(
            |(task, user, status, percent, owner, note, seen, undo)| Drawn {
                task,
                user,
                status,
                percent,
                owner,
                note,
                seen,
                undo,
            },
        )
}

/// The journal the draws make, a minute apart, in order.
fn events(drawn: &[Drawn]) -> Vec<Event> {
    let start = Timestamp::from_second(1_680_307_200).unwrap();
    let mut on_task: Vec<Vec<Uuid>> = vec![Vec::new(); TASKS.len()];
    let mut out = Vec::new();
    for (i, d) in drawn.iter().enumerate() {
        let history = &on_task[d.task];
        let after = match d.seen {
            0 => history.last().copied(),
            1 => history.iter().rev().nth(1).copied(),
            _ => None,
        };
        let mut change = Change {
            node: TASKS[d.task].into(),
            after,
            ..Change::default()
        };
        match (d.undo, history.last()) {
            (true, Some(&last)) => change.undoes = Some(last),
            _ => {
                change.status = d.status.map(|s| Status::ALL[s]);
                change.percent = d.percent;
                change.owner = d.owner.map(|o| ["自治办", "党建办", ""][o].into());
                change.note = d.note.then(|| format!("进展 {i}"));
            }
        }
        let mut e = Event::new(USERS[d.user], Body::Change(change));
        e.at = start + SignedDuration::from_mins(i as i64);
        // A v7 id made a millisecond after the one before.
        e.id = Uuid::from_u128(
            ((0x0187_0000_0000u128 + i as u128) << 80) | (0x7000u128 << 64) | (0x8000u128 << 48),
        );
        on_task[d.task].push(e.id);
        out.push(e);
    }
    out
}

/// The requests an officer may make of a task or the item.
fn requests() -> Vec<(&'static str, SetRequest)> {
    let mut out = Vec::new();
    for node in TASKS.iter().copied().chain([ITEM]) {
        for status in Status::ALL {
            out.push((
                node,
                SetRequest {
                    status: Some(status),
                    ..SetRequest::default()
                },
            ));
        }
        for percent in [0, 30, 100] {
            out.push((
                node,
                SetRequest {
                    percent: Some(percent),
                    ..SetRequest::default()
                },
            ));
        }
        out.push((
            node,
            SetRequest {
                owner: Some("自治办".into()),
                status: Some(Status::InProgress),
                ..SetRequest::default()
            },
        ));
        out.push((
            node,
            SetRequest {
                note: Some("座谈会".into()),
                percent: Some(30),
                ..SetRequest::default()
            },
        ));
    }
    out
}

proptest! {
    #[test]
    fn a_change_against_the_digest_is_the_change_against_the_fold(
        drawn in prop::collection::vec(drawn(), 0..40),
    ) {
        let plan = LoadedPlan::embedded().unwrap();
        let progress = fold(&plan, merge(events(&drawn)), date(2023, 9, 1));
        let digest = Digest::of(&plan, &progress);
        for (node, request) in requests() {
            let made = edit::set(&plan, node, &request, "tester").unwrap();
            let (mut by_fold, mut by_digest) = (made.clone(), made);
            let a = edit::leave_out_unchanged(&plan, &progress, &mut by_fold);
            let b = edit::leave_out_unchanged(&plan, &digest, &mut by_digest);
            prop_assert_eq!(&a, &b, "{} {:?}", node, request);
            edit::mark_seen(&plan, &progress, &mut by_fold);
            edit::mark_seen(&plan, &digest, &mut by_digest);
            prop_assert_eq!(by_fold, by_digest, "{} {:?}", node, request);
        }
    }

    #[test]
    fn a_digest_that_folds_appended_events_in_is_the_digest_of_a_whole_fold(
        drawn in prop::collection::vec(drawn(), 0..40),
        split in any::<prop::sample::Index>(),
    ) {
        let plan = LoadedPlan::embedded().unwrap();
        let all = events(&drawn);
        let k = if all.is_empty() { 0 } else { split.index(all.len() + 1) };
        let as_of = date(2023, 9, 1);
        let mut digest = Digest::of(&plan, &fold(&plan, merge(all[..k].to_vec()), as_of));
        let whole = Digest::of(&plan, &fold(&plan, merge(all.clone()), as_of));
        if digest.extend(&plan, &all[k..]) {
            prop_assert_eq!(digest, whole);
        }
    }
}
