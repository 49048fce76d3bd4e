//! The state of every node: plan + merged events, folded and rolled up. Pure: no I/O.

mod apply;
pub mod conflict;
pub mod digest;
mod place;
pub mod target;
pub mod trend;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::journal::{Body, Change, Event, Events};
use crate::plan::{Level, LoadedPlan};
use crate::status::Status;

pub use digest::{Digest, Folded};

/// Traffic light of a node as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    /// Every light, best first.
    pub const ALL: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];
}

/// Why a task's light is not green.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Blocked,
    /// Past its due date by this many days.
    Overdue {
        days: i64,
    },
    /// This many percentage points below the straight line from start to due.
    Behind {
        points: u32,
    },
    /// Due within this many days.
    DueSoon {
        days: i64,
    },
}

/// Points below the schedule line that turn a task yellow.
pub const BEHIND_POINTS: f64 = 20.0;
/// Days before the due date that turn an unfinished task yellow.
pub const DUE_SOON_DAYS: i64 = 14;
/// The percent a task keeps when it leaves `done` without a new percent.
pub const REOPENED_PERCENT: u8 = 90;

/// The editable fields of one task after the journal has been replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskValues {
    pub status: Status,
    pub percent: u8,
    #[serde(with = "crate::storage::packed::text")]
    pub owner: Option<String>,
    #[serde(with = "crate::storage::packed::date")]
    pub due: Date,
}

impl TaskValues {
    /// Applies a change, keeping `done` ⇔ 100 and "started once percent is above 0".
    pub fn apply(&mut self, change: &Change) {
        if let Some(p) = change.percent {
            self.percent = p.min(100);
            if change.status.is_none() {
                self.status = match (self.status, self.percent) {
                    (_, 100) => Status::Done,
                    (Status::Done | Status::NotStarted, 0) => Status::NotStarted,
                    (Status::Done | Status::NotStarted, _) => Status::InProgress,
                    (s, _) => s,
                };
            }
        }
        if let Some(s) = change.status {
            self.status = s;
            match s {
                Status::Done => self.percent = 100,
                Status::NotStarted if change.percent.is_none() => self.percent = 0,
                Status::NotStarted if self.percent > 0 => self.status = Status::InProgress,
                _ if self.percent == 100 => self.percent = REOPENED_PERCENT,
                _ => {}
            }
        }
        if let Some(o) = &change.owner {
            self.owner = (!o.trim().is_empty()).then(|| o.trim().to_string());
        }
        if let Some(d) = change.due {
            self.due = d;
        }
    }
}

/// Counts of tasks by status and by light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub done: usize,
    pub blocked: usize,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// Overdue or behind schedule (滞后).
    pub lagging: usize,
}

impl Counts {
    fn add_task(&mut self, status: Status, light: Light, lagging: bool) {
        self.total += 1;
        match status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Blocked => self.blocked += 1,
        }
        match light {
            Light::Green => self.green += 1,
            Light::Yellow => self.yellow += 1,
            Light::Red => self.red += 1,
        }
        if lagging {
            self.lagging += 1;
        }
    }

    fn add(&mut self, o: &Counts) {
        self.total += o.total;
        self.not_started += o.not_started;
        self.in_progress += o.in_progress;
        self.done += o.done;
        self.blocked += o.blocked;
        self.green += o.green;
        self.yellow += o.yellow;
        self.red += o.red;
        self.lagging += o.lagging;
    }

    /// The count for one status.
    pub fn of_status(&self, s: Status) -> usize {
        match s {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::Done => self.done,
            Status::Blocked => self.blocked,
        }
    }

    /// The count for one light.
    pub fn of_light(&self, l: Light) -> usize {
        match l {
            Light::Green => self.green,
            Light::Yellow => self.yellow,
            Light::Red => self.red,
        }
    }

    /// Share of lagging tasks, in percent.
    pub fn lagging_percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.lagging as f64 * 100.0 / self.total as f64
        }
    }

    /// The rolled-up status of these tasks.
    fn status(&self) -> Status {
        if self.total > 0 && self.done == self.total {
            Status::Done
        } else if self.blocked > 0 {
            Status::Blocked
        } else if self.in_progress > 0 || self.done > 0 {
            Status::InProgress
        } else {
            Status::NotStarted
        }
    }
}

/// The state of one node (task, item, area or the whole plan).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeState {
    pub status: Status,
    /// Task: its percent; roll-up: the mean of its tasks' percents.
    pub percent: f64,
    pub light: Light,
    /// Why a task is not green (roll-ups have none: see their counts).
    pub reason: Option<Reason>,
    pub owner: Option<String>,
    pub due: Date,
    pub counts: Counts,
    /// Indices into [`Progress::events`] of the changes to this task, oldest first.
    pub history: Vec<usize>,
    /// Indices of the events that carry a visible note, oldest first.
    pub notes: Vec<usize>,
}

impl NodeState {
    /// The event that last changed this task.
    pub fn last_change(&self) -> Option<usize> {
        self.history.last().copied()
    }
}

/// Plan and journal folded into the state of every node, as of a date.
#[derive(Debug, Clone)]
pub struct Progress {
    pub as_of: Date,
    /// The merged events, in replay order.
    pub events: Events,
    /// One state per plan node, parallel to [`LoadedPlan::nodes`].
    pub nodes: Vec<NodeState>,
    /// The whole plan.
    pub overall: NodeState,
    /// Events about ids the plan does not have: kept, shown, never dropped.
    pub orphans: Vec<usize>,
    /// Events written for a different task than the one their id now names (the plan was
    /// renumbered or rewritten under them): kept out of the state, listed, until `workplan plan
    /// migrate` records where they belong.
    pub reused: Vec<usize>,
    /// Which task each event belongs to (see [`target`]), parallel to `events`.
    pub targets: target::Targets,
    /// The moves recorded in `events`, which place every later change too.
    moves: target::Moves,
    /// Indices of meeting checkpoints, oldest first.
    pub meetings: Vec<usize>,
    /// Ids of events that a later undo reversed.
    pub undone: HashSet<Uuid>,
    /// Ids of undos that a later redo reversed.
    pub redone: HashSet<Uuid>,
    /// For each event in a conflict, the events it conflicts with (both ways round).
    pub conflicts: HashMap<usize, Vec<usize>>,
    /// How many events were left out for coming after the as-of moment (see [`fold_until`]).
    pub hidden: usize,
}

/// Hands the memory of a state let go back to the system (at a city's size tens of
/// megabytes), where the allocator keeps it otherwise.
pub fn trim_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only hands free memory back to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Folds the plan and the merged events, as they stood at the moment `until`, into the state of
/// every node as of `as_of`: events after `until` are left out (and counted), so a past day
/// or meeting is seen as it was.
pub fn fold_until(
    plan: &LoadedPlan,
    events: impl Into<Events>,
    as_of: Date,
    until: Option<jiff::Timestamp>,
) -> Progress {
    let mut events = events.into();
    let kept = until.map_or(events.len(), |t| events.count_until(t));
    let hidden = events.len() - kept;
    events.truncate(kept);
    let mut progress = fold(plan, events, as_of);
    progress.hidden = hidden;
    progress
}

/// Folds the plan and the merged events into the state of every node as of `as_of`.
pub fn fold(plan: &LoadedPlan, events: impl Into<Events>, as_of: Date) -> Progress {
    let nodes = plan.nodes();
    let values: Vec<TaskValues> = nodes
        .iter()
        .map(|n| TaskValues {
            status: Status::NotStarted,
            percent: 0,
            owner: n.owner.clone(),
            due: n.due,
        })
        .collect();
    let (placed, folding, events) = match events.into().into_unpacked() {
        // Events not packed yet (a whole read) are packed one by one as they are folded:
        // never packed all and then read back.
        Ok(list) => {
            let placed = place::Placed::of(plan, list.iter());
            let mut folding = Folding::new(values, &placed);
            let mut events = Events::with_capacity(list.len());
            for (i, (event, target)) in list.into_iter().zip(placed.targets.iter()).enumerate() {
                events.push(&event);
                folding.take(&events, &placed.undone, i, &event, target);
            }
            events.shrink_to_fit();
            (placed, folding, events)
        }
        Err(events) => {
            let placed = place::Placed::of(plan, events.iter_without_notes());
            let mut folding = Folding::new(values, &placed);
            for (i, (event, target)) in events.iter().zip(placed.targets.iter()).enumerate() {
                folding.take(&events, &placed.undone, i, &event, target);
            }
            (placed, folding, events)
        }
    };
    let place::Placed {
        moves,
        undone,
        redone,
        targets,
        orphans,
        reused,
        meetings,
        ..
    } = placed;
    let (mut states, overall) = settle(plan, folding.values, as_of);
    for ((state, history), notes) in states.iter_mut().zip(folding.history).zip(folding.notes) {
        state.history = history;
        state.notes = notes;
    }
    Progress {
        as_of,
        events,
        nodes: states,
        overall,
        orphans,
        reused,
        targets,
        moves,
        meetings,
        undone,
        redone,
        conflicts: folding.conflicts,
        hidden: 0,
    }
}

/// What a fold builds as it goes through the events, once each event is placed.
struct Folding {
    values: Vec<TaskValues>,
    history: Vec<Vec<usize>>,
    notes: Vec<Vec<usize>>,
    /// The id of each task's latest change so far: most changes saw it, and then have no
    /// rivals to look for among earlier events (a look far back into a large journal is slow).
    latest: Vec<Option<Uuid>>,
    conflicts: HashMap<usize, Vec<usize>>,
}

impl Folding {
    fn new(values: Vec<TaskValues>, placed: &place::Placed) -> Self {
        let n = values.len();
        Self {
            values,
            // Each task's history allocated once, at its size.
            history: placed
                .sizes
                .iter()
                .map(|&k| Vec::with_capacity(k))
                .collect(),
            notes: vec![Vec::new(); n],
            latest: vec![None; n],
            conflicts: HashMap::new(),
        }
    }

    /// Folds `event`, the one at `i` of `events` (which hold it and every earlier one), landing
    /// on `target`; `undone` holds the ids of the changes an undo reverses.
    fn take(
        &mut self,
        events: &Events,
        undone: &HashSet<Uuid>,
        i: usize,
        event: &Event,
        target: Option<usize>,
    ) {
        let (Body::Change(change), Some(n)) = (&event.body, target) else {
            return;
        };
        self.values[n].apply(change);
        if !conflict::saw_the_latest(change, self.latest[n]) {
            for j in conflict::unseen_rivals(events, &self.history[n], change) {
                self.conflicts.entry(i).or_default().push(j);
                self.conflicts.entry(j).or_default().push(i);
            }
        }
        self.latest[n] = Some(event.id);
        self.history[n].push(i);
        if change.note.as_deref().is_some_and(|t| !t.trim().is_empty())
            && !undone.contains(&event.id)
        {
            self.notes[n].push(i);
        }
    }
}

/// Every node's state as of `as_of` from the values of every node (parallel to the plan's
/// nodes): each task's light, and the roll-ups of items, areas and the whole plan. The states
/// have no history: [`fold`] gives them theirs.
pub fn settle(
    plan: &LoadedPlan,
    values: Vec<TaskValues>,
    as_of: Date,
) -> (Vec<NodeState>, NodeState) {
    let nodes = plan.nodes();
    let start = plan.plan.start;
    let mut states: Vec<NodeState> = Vec::with_capacity(nodes.len());
    for v in values {
        let (light, reason) = task_light(&v, start, as_of);
        let mut counts = Counts::default();
        counts.add_task(v.status, light, is_lagging(&v, start, as_of));
        states.push(NodeState {
            status: v.status,
            percent: f64::from(v.percent),
            light,
            reason,
            owner: v.owner,
            due: v.due,
            counts,
            history: Vec::new(),
            notes: Vec::new(),
        });
    }
    // Roll up from the bottom: children always come after their parent in tree order.
    for n in (0..nodes.len()).rev() {
        if nodes[n].level != Level::Task {
            let (counts, sum, light) = roll(nodes[n].children.iter().map(|&c| &states[c]));
            set_rollup(&mut states[n], counts, sum, light);
        }
    }
    let (counts, sum, light) = roll(plan.tops().iter().map(|&i| &states[i]));
    let mut overall = NodeState::of_plan(plan);
    set_rollup(&mut overall, counts, sum, light);
    (states, overall)
}

impl NodeState {
    /// The whole plan's state before anything is rolled up into it.
    fn of_plan(plan: &LoadedPlan) -> Self {
        NodeState {
            status: Status::NotStarted,
            percent: 0.0,
            light: Light::Green,
            reason: None,
            owner: plan.plan.owner.clone(),
            due: plan.plan.due,
            counts: Counts::default(),
            history: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Sums the children's counts and task percents, and takes their worst light.
fn roll<'a>(children: impl Iterator<Item = &'a NodeState>) -> (Counts, f64, Light) {
    let mut counts = Counts::default();
    let mut sum = 0.0;
    let mut light = Light::Green;
    for c in children {
        counts.add(&c.counts);
        sum += c.percent * c.counts.total as f64;
        light = light.max(c.light);
    }
    (counts, sum, light)
}

fn set_rollup(state: &mut NodeState, counts: Counts, sum: f64, light: Light) {
    state.counts = counts;
    state.percent = if counts.total == 0 {
        0.0
    } else {
        sum / counts.total as f64
    };
    state.status = counts.status();
    state.light = light;
    state.reason = None;
}

/// The light of one task as of a date, and why.
pub fn task_light(v: &TaskValues, start: Date, as_of: Date) -> (Light, Option<Reason>) {
    match v.status {
        Status::Done => (Light::Green, None),
        Status::Blocked => (Light::Red, Some(Reason::Blocked)),
        Status::NotStarted | Status::InProgress => match schedule(v, start, as_of) {
            Some(r @ Reason::Overdue { .. }) => (Light::Red, Some(r)),
            Some(r) => (Light::Yellow, Some(r)),
            None => (Light::Green, None),
        },
    }
}

/// Whether a task is lagging (滞后): not done, and overdue or behind schedule, blocked or not.
pub fn is_lagging(v: &TaskValues, start: Date, as_of: Date) -> bool {
    v.status != Status::Done
        && matches!(
            schedule(v, start, as_of),
            Some(Reason::Overdue { .. } | Reason::Behind { .. })
        )
}

/// Where a task stands against its dates, whatever its status: overdue, behind, due soon.
fn schedule(v: &TaskValues, start: Date, as_of: Date) -> Option<Reason> {
    let days_left = days_between(as_of, v.due);
    if days_left < 0 {
        return Some(Reason::Overdue { days: -days_left });
    }
    let span = days_between(start, v.due);
    let elapsed = days_between(start, as_of);
    let expected = if span <= 0 {
        100.0
    } else {
        (elapsed as f64 * 100.0 / span as f64).clamp(0.0, 100.0)
    };
    let behind = expected - f64::from(v.percent);
    if behind > BEHIND_POINTS {
        let points = behind.round() as u32;
        return Some(Reason::Behind { points });
    }
    (days_left <= DUE_SOON_DAYS).then_some(Reason::DueSoon { days: days_left })
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.duration_until(b).as_secs() / 86_400
}

impl Progress {
    /// No state yet: what a dashboard holds until its first fold, or the folded snapshot,
    /// replaces it (a fold of no events at a city's scale takes a tenth of a warm start).
    /// Nothing may be drawn from it.
    pub(crate) fn unfolded(plan: &LoadedPlan, as_of: Date) -> Self {
        Self {
            as_of,
            events: Events::new(),
            nodes: Vec::new(),
            overall: NodeState::of_plan(plan),
            orphans: Vec::new(),
            reused: Vec::new(),
            targets: target::Targets::default(),
            moves: target::Moves::default(),
            meetings: Vec::new(),
            undone: HashSet::default(),
            redone: HashSet::default(),
            conflicts: HashMap::default(),
            hidden: 0,
        }
    }

    /// The events that the event at `index` conflicts with, oldest first.
    pub fn conflicts_of(&self, index: usize) -> Vec<usize> {
        let mut with = self.conflicts.get(&index).cloned().unwrap_or_default();
        with.sort_unstable();
        with
    }

    /// The ids that the changes to ids the plan does not have were written for, one per change.
    pub fn orphan_ids(&self) -> Vec<CompactString> {
        self.ids_of(&self.orphans)
    }

    /// The ids that the changes kept out of the state were written for, one per change.
    pub fn misplaced_ids(&self) -> Vec<CompactString> {
        self.ids_of(&self.reused)
    }

    fn ids_of(&self, events: &[usize]) -> Vec<CompactString> {
        events
            .iter()
            .filter_map(|&i| match self.events.event(i).body {
                Body::Change(c) => Some(c.node),
                Body::Meeting(_) | Body::Moved(_) => None,
            })
            .collect()
    }

    /// The latest meeting checkpoint, if any.
    pub fn last_meeting(&self) -> Option<Event> {
        self.meetings.last().map(|&i| self.events.event(i))
    }

    /// The change that event `i` undoes, found in its task's history.
    pub fn undone_by(&self, i: usize) -> Option<Change> {
        let undoes = self.events.get(i)?.change()?.undoes?;
        self.change_of(self.targets.get(i)?, undoes)
    }

    /// Change `id` of task `node`, found in its history.
    pub fn change_of(&self, node: usize, id: Uuid) -> Option<Change> {
        let &j = self
            .nodes
            .get(node)?
            .history
            .iter()
            .find(|&&j| self.events.id(j) == id)?;
        match self.events.event(j).body {
            Body::Change(c) => Some(c),
            Body::Meeting(_) | Body::Moved(_) => None,
        }
    }

    /// The values the plan gives `node` before any change: not started, its owner and due
    /// date.
    pub fn values_of_plan(plan: &LoadedPlan, node: usize) -> TaskValues {
        let n = &plan.nodes()[node];
        TaskValues {
            status: Status::NotStarted,
            percent: 0,
            owner: n.owner.clone(),
            due: n.due,
        }
    }

    /// The values of one task just before event `before` (an index into `events`).
    pub fn values_before(&self, plan: &LoadedPlan, node: usize, before: usize) -> TaskValues {
        let mut v = Self::values_of_plan(plan, node);
        for &i in self.nodes[node].history.iter().take_while(|&&i| i < before) {
            if let Some(c) = self.events.event(i).change() {
                v.apply(c);
            }
        }
        v
    }
}

#[cfg(test)]
mod tests;
