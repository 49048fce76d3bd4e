//! History as an officer reads it: a run of quick percent steps on one task (three presses of
//! `+`) is one line, "完成率 30%→60%", in the detail pane and in `log`. The journal keeps every
//! step; only the telling is folded.

use std::ops::Range;

use jiff::SignedDuration;

use crate::plan::LoadedPlan;
use crate::progress::Progress;

/// How far apart two steps may be and still be told as one.
const WITHIN: SignedDuration = SignedDuration::from_mins(10);

/// One line of history: a single event, or a run of percent steps told as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Event(usize),
    /// Percent steps on one task by one officer (indices into the events, oldest first), from
    /// the percent before the first to the last one's.
    Steps {
        first: usize,
        last: usize,
        count: usize,
        from: u8,
        to: u8,
    },
}

impl Entry {
    /// The event whose time and officer the line shows: the latest of a run.
    pub fn shown(&self) -> usize {
        match *self {
            Entry::Event(i) => i,
            Entry::Steps { last, .. } => last,
        }
    }
}

/// Whether event `i` is a plain percent step that may fold with its neighbours: nothing but a
/// percent, on a task, not undone, not in conflict, not an undo or redo itself.
fn is_step(progress: &Progress, i: usize) -> bool {
    let event = progress.events.event(i);
    let Some(c) = event.change() else {
        return false;
    };
    c.percent.is_some()
        && c.status.is_none()
        && c.note.is_none()
        && c.owner.is_none()
        && c.due.is_none()
        && c.undoes.is_none()
        && c.redoes.is_none()
        && c.batch.is_none()
        && progress.targets.get(i).is_some()
        && !progress.undone.contains(&event.id)
        && progress.conflicts_of(i).is_empty()
}

/// Whether step `b` continues the run that step `a` is in: the same officer on the same task,
/// within [`WITHIN`] of it.
fn continues(progress: &Progress, a: usize, b: usize) -> bool {
    let (ea, eb) = (progress.events.event(a), progress.events.event(b));
    ea.user == eb.user
        && progress.targets.get(a) == progress.targets.get(b)
        && (eb.at - ea.at).abs() <= WITHIN
}

/// `events` (indices, in the order shown, oldest or newest first) as the lines to tell: runs
/// of adjacent percent steps folded into one entry each.
pub fn entries(plan: &LoadedPlan, progress: &Progress, events: &[usize]) -> Vec<Entry> {
    let mut out = Vec::with_capacity(events.len());
    let mut k = 0;
    while k < events.len() {
        let run = run_at(progress, events, k);
        out.push(if run.len() > 1 {
            steps(plan, progress, &events[run.clone()])
        } else {
            Entry::Event(events[k])
        });
        k = run.end;
    }
    out
}

/// The run of steps that starts at `events[k]` (just that entry when it starts none).
fn run_at(progress: &Progress, events: &[usize], k: usize) -> Range<usize> {
    let mut end = k + 1;
    if is_step(progress, events[k]) {
        while end < events.len()
            && is_step(progress, events[end])
            && continues(progress, events[end - 1], events[end])
        {
            end += 1;
        }
    }
    k..end
}

/// A run of steps told as one.
fn steps(plan: &LoadedPlan, progress: &Progress, run: &[usize]) -> Entry {
    let first = run.iter().copied().min().unwrap_or_default();
    let last = run.iter().copied().max().unwrap_or_default();
    let from = progress
        .targets
        .get(first)
        .map_or(0, |t| progress.values_before(plan, t, first).percent);
    let to = progress
        .events
        .event(last)
        .change()
        .and_then(|c| c.percent)
        .unwrap_or(from);
    Entry::Steps {
        first,
        last,
        count: run.len(),
        from,
        to,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::journal::{Body, Change, Event};

    fn step(n: u128, at: &str, user: &str, node: &str, percent: u8) -> Event {
        Event {
            id: uuid::Uuid::from_u128(n),
            at: at.parse().unwrap(),
            user: user.into(),
            body: Body::Change(Change {
                node: node.into(),
                percent: Some(percent),
                ..Change::default()
            }),
        }
    }

    #[test]
    fn quick_steps_of_one_officer_on_one_task_are_one_line() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![
            step(1, "2023-09-01T02:00:00Z", "王敏", "1.1.1", 30),
            step(2, "2023-09-01T03:00:00Z", "王敏", "1.1.1", 40),
            step(3, "2023-09-01T03:01:00Z", "王敏", "1.1.1", 50),
            step(4, "2023-09-01T03:02:00Z", "王敏", "1.1.1", 60),
            // Another officer, then a step far later: each a line of its own.
            step(5, "2023-09-01T03:03:00Z", "李强", "1.1.1", 70),
            step(6, "2023-09-02T03:03:00Z", "李强", "1.1.1", 80),
        ];
        let progress = crate::progress::fold(&plan, events, date(2023, 9, 3));
        let all: Vec<usize> = (0..6).collect();
        let told = entries(&plan, &progress, &all);
        assert_eq!(
            told,
            [
                Entry::Event(0),
                Entry::Steps {
                    first: 1,
                    last: 3,
                    count: 3,
                    from: 30,
                    to: 60
                },
                Entry::Event(4),
                Entry::Event(5),
            ]
        );
        // Newest first, as the detail pane lists them: the same run.
        let newest: Vec<usize> = (0..6).rev().collect();
        let told = entries(&plan, &progress, &newest);
        assert_eq!(told.len(), 4);
        assert_eq!(told[2].shown(), 3);
    }
}
