//! Conflicts: two officers changed the same field of one task, neither having seen the other's
//! change. The later change (in merge order) wins as usual; both are marked so a meeting can
//! settle them.
//!
//! Each change records `after`, the last event on its task that its writer had seen. The events
//! on that task between `after` and the change are the ones its writer had not seen.

use crate::journal::{Change, Event};

/// How far back one change is compared: sync delays are hours, not hundreds of changes.
const LOOK_BACK: usize = 64;

/// The field groups that can conflict. Notes are a log, not a value: two notes never conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Status and percent move together.
    Progress,
    Owner,
    Due,
}

impl Field {
    /// The value `change` gives this field, if it sets it, as comparable text.
    fn value(self, c: &Change) -> Option<String> {
        match self {
            Field::Progress => (c.status.is_some() || c.percent.is_some())
                .then(|| format!("{:?}/{:?}", c.status, c.percent)),
            Field::Owner => c.owner.as_ref().map(|o| o.trim().to_string()),
            Field::Due => c.due.map(|d| d.to_string()),
        }
    }
}

/// Indices (into `events`) of the earlier changes on the same task that the change at `index`
/// conflicts with. `history` holds the task's earlier changes, oldest first.
pub fn unseen_rivals(events: &[Event], history: &[usize], index: usize) -> Vec<usize> {
    let event = &events[index];
    let Some(change) = event.change() else {
        return Vec::new();
    };
    let Some(after) = change.after else {
        return Vec::new(); // written before conflicts were recorded
    };
    // Stop at the change its writer saw, or once older than that change (ids are v7: they
    // carry their time).
    let seen_at = after.get_timestamp().map(|t| t.to_unix().0);
    let mut rivals = Vec::new();
    for &j in history.iter().rev().take(LOOK_BACK) {
        let other = &events[j];
        if other.id == after || seen_at.is_some_and(|s| other.at.as_second() < s as i64) {
            break;
        }
        let Some(o) = other.change() else { continue };
        if o.batch.is_some() && o.batch == change.batch {
            continue;
        }
        let clash = [Field::Progress, Field::Owner, Field::Due]
            .into_iter()
            .any(|f| match (f.value(o), f.value(change)) {
                (Some(a), Some(b)) => a != b,
                _ => false,
            });
        if clash {
            rivals.push(j);
        }
    }
    rivals
}
