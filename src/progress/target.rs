//! Which task of the plan in use each recorded change belongs to. A change follows its task's
//! stable key; a change written before keys existed follows its id, unless the task under that
//! id now has another text (the plan was renumbered or rewritten under it): such a change is
//! kept out of the state and listed, until `workplan plan migrate` records where it belongs.

use foldhash::HashMap;

use crate::journal::{Body, Change, Event, Moved};
use crate::plan::LoadedPlan;

/// Where a change lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The task with this index.
    Task(usize),
    /// The plan has no such task (dropped from the plan, or never in it).
    Gone,
    /// The id is in the plan, but for a different task than the change was written for.
    Elsewhere,
}

/// The task each event of a journal lands on, if any: four bytes an event, where a city's
/// journal holds a million.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets(Vec<u32>);

/// No task.
const NO_TASK: u32 = u32::MAX;

impl Targets {
    /// Room for `n` events.
    pub fn with_capacity(n: usize) -> Self {
        Self(Vec::with_capacity(n))
    }

    /// The task of the next event.
    pub fn push(&mut self, task: Option<usize>) {
        self.0.push(Self::pack(task));
    }

    /// Sets the task of event `i`.
    pub fn set(&mut self, i: usize, task: Option<usize>) {
        if let Some(t) = self.0.get_mut(i) {
            *t = Self::pack(task);
        }
    }

    fn pack(task: Option<usize>) -> u32 {
        // A plan of four billion nodes cannot be loaded: every index fits.
        task.and_then(|t| u32::try_from(t).ok()).unwrap_or(NO_TASK)
    }

    /// The task of event `i`; `None` when it lands on none, or there is no event `i`.
    pub fn get(&self, i: usize) -> Option<usize> {
        self.0
            .get(i)
            .filter(|&&t| t != NO_TASK)
            .map(|&t| t as usize)
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The task of every event, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl FromIterator<Option<usize>> for Targets {
    fn from_iter<T: IntoIterator<Item = Option<usize>>>(iter: T) -> Self {
        Self(iter.into_iter().map(Self::pack).collect())
    }
}

/// The moves recorded by `workplan plan migrate`, from every event of the journal.
#[derive(Debug, Clone, Default)]
pub struct Moves {
    by_key: HashMap<String, String>,
    by_id: HashMap<String, String>,
}

impl Moves {
    /// Collects the moves recorded in `events`; a later move of the same task wins.
    pub fn of(events: &[Event]) -> Self {
        let mut moves = Self::default();
        for e in events {
            if let Body::Moved(m) = &e.body {
                moves.record(m);
            }
        }
        moves
    }

    /// Whether no move is recorded.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty() && self.by_id.is_empty()
    }

    /// Adds the moves of one event, over any earlier move of the same task.
    pub fn record(&mut self, moved: &Moved) {
        for t in &moved.tasks {
            self.by_key.insert(t.from.clone(), t.to.clone());
            self.by_id.insert(t.id.clone(), t.to.clone());
        }
    }
}

impl Target {
    /// The task, if the change lands on one.
    pub fn task(self) -> Option<usize> {
        match self {
            Target::Task(n) => Some(n),
            Target::Gone | Target::Elsewhere => None,
        }
    }
}

/// The task a change just made against `plan` is for: by its key, else by its id.
pub fn current(plan: &LoadedPlan, change: &Change) -> Option<usize> {
    change
        .key
        .as_deref()
        .and_then(|k| plan.index_of_key(k))
        .or_else(|| plan.index_of(&change.node))
}

/// Where `change` lands in `plan`, given the recorded `moves`.
pub fn target(plan: &LoadedPlan, moves: &Moves, change: &Change) -> Target {
    match &change.key {
        Some(key) => {
            let key = moves
                .by_key
                .get(key.as_str())
                .map_or(key.as_str(), String::as_str);
            match plan.index_of_key(key) {
                Some(n) => Target::Task(n),
                None if plan.task_index_of(&change.node).is_some() => Target::Elsewhere,
                None => Target::Gone,
            }
        }
        None => {
            if let Some(to) = moves.by_id.get(change.node.as_str()) {
                return plan.index_of_key(to).map_or(Target::Gone, Target::Task);
            }
            match plan.task_index_of(&change.node) {
                Some(n)
                    if change
                        .about
                        .as_deref()
                        .is_some_and(|a| !crate::journal::same_task(a, &plan.nodes()[n].text)) =>
                {
                    Target::Elsewhere
                }
                Some(n) => Target::Task(n),
                None => Target::Gone,
            }
        }
    }
}

/// The target of every event (`None` for what is not a change to a task in the plan).
pub fn targets(plan: &LoadedPlan, events: &[Event]) -> Vec<Target> {
    targets_with(plan, &Moves::of(events), events)
}

/// [`targets`] with the journal's moves already collected.
pub fn targets_with(plan: &LoadedPlan, moves: &Moves, events: &[Event]) -> Vec<Target> {
    let mut out = Vec::with_capacity(events.len());
    out.extend(events.iter().map(|e| match e.change() {
        Some(c) => target(plan, moves, c),
        None => Target::Gone,
    }));
    out
}

/// The task of every event, `None` for an event that lands on none.
pub fn task_targets(plan: &LoadedPlan, events: &[Event]) -> Targets {
    targets(plan, events)
        .into_iter()
        .map(Target::task)
        .collect()
}
