//! Turning what an officer asks for (set, undo, redo, meeting) into journal events. Pure.

use jiff::civil::Date;
use uuid::Uuid;

use crate::journal::{self, Body, Change, Event, Meeting};
use crate::plan::LoadedPlan;
use crate::progress::Progress;
use crate::status::Status;

mod known;
pub use known::Known;

/// The fields an officer can set; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetRequest {
    pub status: Option<Status>,
    pub percent: Option<u8>,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

impl SetRequest {
    fn is_empty(&self) -> bool {
        *self == SetRequest::default()
    }
}

/// Why a request could not become events.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("unknown id {0}")]
    UnknownId(String),
    #[error("nothing to change")]
    NothingToChange,
    #[error("already so")]
    AlreadySo,
    #[error("percent {0} is out of range 0-100")]
    PercentOutOfRange(u32),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("status {0:?} contradicts percent {1}")]
    Contradiction(Status, u8),
    /// The text would make a line longer than readers keep, by this many bytes.
    #[error("text too long by {0} bytes")]
    TooLong(usize),
}

/// Whether a status and a percent given together agree: done is 100; not started is 0; a task
/// in progress or blocked is not yet at 100.
pub fn agree(status: Status, percent: u8) -> bool {
    match status {
        Status::Done => percent == 100,
        Status::NotStarted => percent == 0,
        Status::InProgress | Status::Blocked => percent < 100,
    }
}

/// Events that apply `req` to node `id`; on an item or area, to every task under it (one batch).
pub fn set(
    plan: &LoadedPlan,
    id: &str,
    req: &SetRequest,
    user: &str,
) -> Result<Vec<Event>, EditError> {
    let node = plan
        .index_of(id)
        .ok_or_else(|| EditError::UnknownId(id.to_string()))?;
    if req.is_empty() {
        return Err(EditError::NothingToChange);
    }
    if let Some(p) = req.percent.filter(|&p| p > 100) {
        return Err(EditError::PercentOutOfRange(u32::from(p)));
    }
    if let (Some(s), Some(p)) = (req.status, req.percent)
        && !agree(s, p)
    {
        return Err(EditError::Contradiction(s, p));
    }
    // The note's room is the one the editor shows; the whole line is checked below.
    if let Some(over) = req
        .note
        .as_deref()
        .map(journal::note_room)
        .filter(|&r| r < 0)
    {
        return Err(EditError::TooLong(over.unsigned_abs() as usize));
    }
    let tasks = plan.tasks_under(node);
    let batch = (tasks.len() > 1).then(Uuid::now_v7);
    let events: Vec<Event> = tasks
        .into_iter()
        .map(|t| {
            Event::new(
                user,
                Body::Change(Change {
                    node: plan.nodes()[t].id.as_str().into(),
                    key: Some(plan.nodes()[t].key.as_str().into()),
                    status: req.status,
                    percent: req.percent,
                    note: req.note.clone(),
                    owner: req.owner.as_deref().map(department),
                    due: req.due,
                    batch,
                    about: Some(journal::about(&plan.nodes()[t].text)),
                    ..Change::default()
                }),
            )
        })
        .collect();
    // Nothing is written that a reader would skip as too long to be an event.
    match events.iter().filter_map(Event::over_length).max() {
        Some(over) => Err(EditError::TooLong(over)),
        None => Ok(events),
    }
}

/// A department's name as written: one line, without control characters (a name picked from a
/// colleague's file that held an escape sequence is written without it).
fn department(name: &str) -> compact_str::CompactString {
    name.chars().filter(|c| !c.is_control()).collect()
}

/// Of a change, leaves out the tasks it would not change (no note, and their values already
/// what it sets), and of the others the values they already have, so that the history, the
/// meeting and what `set` says list only what moved; `AlreadySo` when none is left. A task in
/// conflict keeps its change whole: setting a value again settles it.
pub fn leave_out_unchanged(
    plan: &LoadedPlan,
    known: &impl Known,
    events: &mut Vec<Event>,
) -> Result<(), EditError> {
    events.retain_mut(|e| {
        let Body::Change(c) = &mut e.body else {
            return true;
        };
        let Some(n) = crate::progress::target::current(plan, c) else {
            return true;
        };
        if known.conflicted(n) {
            return true;
        }
        let before = known.values(plan, n);
        let applied = |c: &Change| {
            let mut v = before.clone();
            v.apply(c);
            v
        };
        let after = applied(c);
        // A value given that changes nothing is left out (status and percent bear on each
        // other: one is left out only when the task ends the same without it).
        let clears: [fn(&mut Change); 4] = [
            |c| c.owner = None,
            |c| c.due = None,
            |c| c.status = None,
            |c| c.percent = None,
        ];
        for clear in clears {
            let mut without = c.clone();
            clear(&mut without);
            if applied(&without) == after {
                *c = without;
            }
        }
        c.note.is_some() || after != before
    });
    if events.is_empty() {
        Err(EditError::AlreadySo)
    } else {
        Ok(())
    }
}

/// Records on each change the last event on its task that the writer has seen (in `progress`),
/// so that changes made meanwhile by others can be told apart as conflicts; and stamps every
/// event after all it has seen (a hybrid logical clock), so that a clock running behind a
/// colleague's never orders a change before what its writer already saw.
pub fn mark_seen(plan: &LoadedPlan, known: &impl Known, events: &mut [Event]) {
    // Events are in time order: the last is the latest seen.
    let floor = known
        .latest_at()
        .and_then(|at| at.checked_add(jiff::SignedDuration::from_micros(1)).ok());
    for event in events {
        if let Some(floor) = floor {
            event.at = event.at.max(floor);
        }
        if let Body::Change(c) = &mut event.body {
            c.after = crate::progress::target::current(plan, c).and_then(|n| known.last_change(n));
        }
    }
}

/// A meeting checkpoint event.
pub fn meeting(user: &str, title: Option<String>) -> Event {
    Event::new(user, Body::Meeting(Meeting { title }))
}

/// The indices of the events of `user`'s groups, newest group first.
fn groups_of<'a>(progress: &'a Progress, user: &'a str) -> impl Iterator<Item = Vec<usize>> + 'a {
    let mut i = progress.events.len();
    std::iter::from_fn(move || {
        while i > 0 {
            i -= 1;
            let e = progress.events.event(i);
            if e.user != user || e.change().is_none() {
                continue;
            }
            let group = e.group();
            let mut members = vec![i];
            while i > 0 && progress.events.event(i - 1).group() == group {
                i -= 1;
                members.push(i);
            }
            members.reverse();
            return Some(members);
        }
        None
    })
}

/// Events that reverse `user`'s latest change that is not yet undone.
///
/// Changes to tasks the plan no longer has are passed over: they cannot be reversed, and they must
/// not stand in the way of older changes.
pub fn undo(plan: &LoadedPlan, progress: &Progress, user: &str) -> Result<Vec<Event>, EditError> {
    let target = groups_of(progress, user)
        .find(|g| {
            let e = progress.events.event(g[0]);
            let in_plan = |&i: &usize| progress.targets.get(i).is_some();
            e.change().is_some_and(|c| c.undoes.is_none())
                && !progress.undone.contains(&e.id)
                && g.iter().any(in_plan)
        })
        .ok_or(EditError::NothingToUndo)?;
    let batch = Uuid::now_v7();
    Ok(target
        .into_iter()
        .filter_map(|i| {
            let e = progress.events.event(i);
            let c = e.change()?;
            let node = progress.targets.get(i)?;
            let before = progress.values_before(plan, node, i);
            let task = &plan.nodes()[node];
            // Only what the change set is set back: a note alone leaves status and percent be.
            let progressed = c.status.is_some() || c.percent.is_some();
            Some(Event::new(
                user,
                Body::Change(Change {
                    node: task.id.as_str().into(),
                    key: Some(task.key.as_str().into()),
                    about: Some(journal::about(&task.text)),
                    status: progressed.then_some(before.status),
                    percent: progressed.then_some(before.percent),
                    owner: c
                        .owner
                        .as_ref()
                        .map(|_| before.owner.as_deref().unwrap_or_default().into()),
                    due: c.due.map(|_| before.due),
                    batch: Some(batch),
                    undoes: Some(e.id),
                    ..Change::default()
                }),
            ))
        })
        .collect())
}

/// Events that reverse `user`'s latest undo, if nothing else was done since.
pub fn redo(progress: &Progress, user: &str) -> Result<Vec<Event>, EditError> {
    let redone = &progress.redone;
    let mut target = None;
    for g in groups_of(progress, user) {
        let e = progress.events.event(g[0]);
        let Some(c) = e.change() else { continue };
        if c.redoes.is_some() || (c.undoes.is_some() && redone.contains(&e.id)) {
            continue;
        }
        if c.undoes.is_some() {
            target = Some(g);
        }
        break;
    }
    let target = target.ok_or(EditError::NothingToRedo)?;
    let batch = Uuid::now_v7();
    Ok(target
        .into_iter()
        .filter_map(|i| {
            let undo_event = progress.events.event(i);
            let original_id = undo_event.change()?.undoes?;
            let j = progress.events.ids().rposition(|id| id == original_id)?;
            let original = progress.events.event(j);
            let c = original.change()?;
            Some(Event::new(
                user,
                Body::Change(Change {
                    batch: Some(batch),
                    undoes: None,
                    redoes: Some(undo_event.id),
                    ..c.clone()
                }),
            ))
        })
        .collect())
}

#[cfg(test)]
mod tests;
