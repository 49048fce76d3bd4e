//! Conflicts: two officers changed the same field of one task, neither having seen the other's
//! change. The later change (in merge order) wins as usual; both are marked so a meeting can
//! settle them.
//!
//! Each change records `after`, the last event on its task that its writer had seen. The events
//! on that task between `after` and the change are the ones its writer had not seen.

use uuid::Uuid;

use crate::journal::{Change, Events};

/// How far back one change is compared: sync delays are hours, not hundreds of changes.
const LOOK_BACK: usize = 64;

/// Whether two changes set one field group to different values: status and percent (they
/// move together), owner, or due date. Notes are a log, not a value: two notes never clash.
fn clash(a: &Change, b: &Change) -> bool {
    fn differ<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
        matches!((a, b), (Some(x), Some(y)) if x != y)
    }
    let progress =
        |c: &Change| (c.status.is_some() || c.percent.is_some()).then_some((c.status, c.percent));
    fn owner(c: &Change) -> Option<&str> {
        c.owner.as_deref().map(str::trim)
    }
    differ(progress(a), progress(b)) || differ(owner(a), owner(b)) || differ(a.due, b.due)
}

/// Whether `change` surely conflicts with nothing, knowing only the id of the latest earlier
/// change on its task (`latest`): there is none, the change records nothing it saw (written
/// before conflicts were recorded), or what it saw is that latest change. Then
/// [`unseen_rivals`] finds nothing, without looking at any earlier event: a large journal's
/// fold asks this of nearly every change.
pub fn saw_the_latest(change: &Change, latest: Option<Uuid>) -> bool {
    match (change.after, latest) {
        (Some(after), Some(latest)) => after == latest,
        _ => true,
    }
}

/// Indices (into `events`) of the earlier changes on the same task that `change` conflicts
/// with. `history` holds the task's earlier changes, oldest first.
pub fn unseen_rivals(events: &Events, history: &[usize], change: &Change) -> Vec<usize> {
    let Some(after) = change.after else {
        return Vec::new(); // written before conflicts were recorded
    };
    // Stop at the change its writer saw, or once older than that change: ids are v7 and carry
    // the time they were made, on one clock with each other (an event's `at` may have been
    // moved later, to follow what its writer had seen).
    let made = |id: uuid::Uuid| id.get_timestamp().map(|t| t.to_unix());
    let seen_at = made(after);
    let mut rivals = Vec::new();
    for &j in history.iter().rev().take(LOOK_BACK) {
        let other = events.event(j);
        let older = matches!((made(other.id), seen_at), (Some(o), Some(s)) if o < s);
        if other.id == after || older {
            break;
        }
        let Some(o) = other.change() else { continue };
        if o.batch.is_some() && o.batch == change.batch {
            continue;
        }
        if clash(o, change) {
            rivals.push(j);
        }
    }
    rivals
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::journal::{Body, Event};

    /// An event by `user` stamped `at` seconds (its id made at that time too), setting 1.1.1.
    fn event(user: &str, at: i64, percent: u8, after: Option<Uuid>) -> Event {
        let secs = u64::try_from(1_690_000_000 + at).unwrap();
        let ts = uuid::Timestamp::from_unix(uuid::NoContext, secs, 0);
        Event {
            id: Uuid::new_v7(ts),
            at: jiff::Timestamp::from_second(1_690_000_000 + at).unwrap(),
            user: user.into(),
            body: Body::Change(Change {
                node: "1.1.1".into(),
                percent: Some(percent),
                after,
                ..Change::default()
            }),
        }
    }

    /// Conflicts of each event, walking the events as the fold does.
    fn rivals(events: &[Event]) -> Vec<Vec<usize>> {
        let packed = Events::from(events);
        (0..events.len())
            .map(|i| {
                unseen_rivals(
                    &packed,
                    &(0..i).collect::<Vec<_>>(),
                    events[i].change().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn unseen_changes_of_the_same_field_conflict_seen_ones_do_not() {
        let a = event("王敏", 0, 30, None);
        let b = event("李强", 60, 40, Some(a.id)); // saw a
        let c = event("王敏", 120, 50, Some(a.id)); // did not see b
        let d = event("李强", 180, 50, Some(b.id)); // did not see c, but agrees with it
        let e = event("张华", 240, 70, Some(d.id)); // saw everything
        assert_eq!(
            rivals(&[a, b, c, d, e]),
            [vec![], vec![], vec![1], vec![], vec![]]
        );
    }

    #[test]
    fn a_fast_clock_does_not_hide_a_conflict() {
        // 李强's clock is an hour fast: his change, made having seen a, sorts after 王敏's later
        // one, which had not seen it. The two still conflict, found from what each had seen.
        let a = event("王敏", 0, 30, None);
        let late = event("王敏", 600, 50, Some(a.id));
        let fast = event("李强", 3600, 60, Some(a.id));
        assert_eq!(rivals(&[a, late, fast]), [vec![], vec![], vec![1]]);
    }

    #[test]
    fn a_change_that_saw_the_latest_one_has_no_rivals_to_look_for() {
        // Every journal of six changes on one task, each change having seen any earlier one, or
        // none: whenever the shortcut says there is nothing to look for, the full look finds
        // nothing.
        let mut journals = vec![Vec::new()];
        for k in 0..6 {
            let mut longer = Vec::new();
            for j in &journals {
                for seen in 0..=k {
                    let mut next: Vec<Event> = Clone::clone(j);
                    let after = (seen < k).then(|| next[seen].id);
                    next.push(event(
                        ["王敏", "李强"][k % 2],
                        60 * k as i64,
                        10 * k as u8,
                        after,
                    ));
                    longer.push(next);
                }
            }
            journals = longer;
        }
        let mut shortcuts = 0;
        for events in &journals {
            let packed = Events::from(&events[..]);
            for i in 0..events.len() {
                let latest = i.checked_sub(1).map(|j| events[j].id);
                let change = events[i].change().unwrap();
                let history: Vec<usize> = (0..i).collect();
                let rivals = unseen_rivals(&packed, &history, change);
                if saw_the_latest(change, latest) {
                    shortcuts += 1;
                    assert!(rivals.is_empty(), "{i} in {events:?}");
                } else {
                    assert!(change.after.is_some() && latest != change.after);
                }
            }
        }
        assert!(shortcuts > 0 && shortcuts < journals.len() * 6);
    }

    #[test]
    fn changes_written_before_conflicts_were_recorded_never_conflict() {
        let a = event("王敏", 0, 30, None);
        let b = event("李强", 60, 40, None);
        assert_eq!(rivals(&[a, b]), [Vec::<usize>::new(), vec![]]);
    }
}
