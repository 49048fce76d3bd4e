//! What a change is made against: each task's values now, its latest change, whether its
//! history holds a conflict, and when the latest event of all was. A whole fold knows it, and
//! so does the folded snapshot's digest, from which `set` works without reading every event.

use jiff::Timestamp;
use uuid::Uuid;

use crate::plan::LoadedPlan;
use crate::progress::{Digest, Progress, TaskValues};

/// The state a change is made against.
pub trait Known {
    /// The values of task `task` after every change to it.
    fn values(&self, plan: &LoadedPlan, task: usize) -> TaskValues;
    /// Whether the history of `task` holds a change in conflict.
    fn conflicted(&self, task: usize) -> bool;
    /// The id of the latest change to `task`.
    fn last_change(&self, task: usize) -> Option<Uuid>;
    /// When the latest event of all happened.
    fn latest_at(&self) -> Option<Timestamp>;
}

impl Known for Progress {
    fn values(&self, plan: &LoadedPlan, task: usize) -> TaskValues {
        self.values_before(plan, task, usize::MAX)
    }

    fn conflicted(&self, task: usize) -> bool {
        self.nodes
            .get(task)
            .is_some_and(|s| s.history.iter().any(|i| self.conflicts.contains_key(i)))
    }

    fn last_change(&self, task: usize) -> Option<Uuid> {
        let i = self.nodes.get(task)?.last_change()?;
        Some(self.events.event(i).id)
    }

    fn latest_at(&self) -> Option<Timestamp> {
        self.events.last().map(|e| e.at)
    }
}

impl Known for Digest {
    fn values(&self, plan: &LoadedPlan, task: usize) -> TaskValues {
        match self.values.get(task) {
            Some(v) => v.clone(),
            None => Progress::values_of_plan(plan, task),
        }
    }

    fn conflicted(&self, task: usize) -> bool {
        self.latest.get(task).is_some_and(|l| l.conflicted)
    }

    fn last_change(&self, task: usize) -> Option<Uuid> {
        self.latest.get(task)?.last
    }

    fn latest_at(&self) -> Option<Timestamp> {
        self.last.map(|(at, _)| at)
    }
}
