//! What the status views need of a fold, without the events: each node's values as the journal
//! left them, when and by whom it last changed, its latest note, and the changes kept out of
//! the state. A hundred bytes or so a task: the folded snapshot keeps it, and `status` shows
//! it exactly as it shows a whole fold.

use std::borrow::Cow;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NodeState, Progress, TaskValues, settle};
use crate::plan::LoadedPlan;

/// A fold without its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// Every node's values after the journal, parallel to the plan's nodes (roll-ups keep only
    /// their owner and due date: the rest is rolled up anew).
    pub values: Vec<TaskValues>,
    /// Every node's latest change and note, parallel to the plan's nodes.
    pub latest: Vec<Latest>,
    /// Changes to ids the plan does not have.
    pub orphans: Vec<Aside>,
    /// Changes kept out of the state because their id now names another task.
    pub misplaced: Vec<Aside>,
}

/// When a node last changed, and its latest note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    /// When, and by whom.
    pub changed: Option<(Timestamp, CompactString)>,
    /// The latest progress note not undone.
    pub note: Option<String>,
}

/// A change kept out of the state, as it is listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aside {
    pub event: Uuid,
    pub node: CompactString,
    pub user: CompactString,
    pub at: Timestamp,
}

/// A fold as the status views see it: every node's state (borrowed from a whole fold, or
/// settled from a digest) and the digest.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    pub as_of: Date,
    pub nodes: Cow<'a, [NodeState]>,
    pub overall: Cow<'a, NodeState>,
    pub digest: Digest,
}

impl Digest {
    /// The digest of a whole fold.
    pub fn of(progress: &Progress) -> Self {
        let values = progress
            .nodes
            .iter()
            .map(|s| TaskValues {
                status: s.status,
                // A task's percent is whole; a roll-up's is rolled up anew.
                percent: s.percent.round().clamp(0.0, 100.0) as u8,
                owner: s.owner.clone(),
                due: s.due,
            })
            .collect();
        let latest = progress
            .nodes
            .iter()
            .map(|s| Latest {
                changed: s.last_change().map(|i| {
                    let e = &progress.events[i];
                    (e.at, e.user.clone())
                }),
                note: s
                    .notes
                    .last()
                    .and_then(|&i| progress.events[i].change())
                    .and_then(|c| c.note.clone()),
            })
            .collect();
        let aside = |list: &[usize]| -> Vec<Aside> {
            list.iter()
                .map(|&i| {
                    let e = &progress.events[i];
                    Aside {
                        event: e.id,
                        node: e.change().map(|c| c.node.clone()).unwrap_or_default(),
                        user: e.user.clone(),
                        at: e.at,
                    }
                })
                .collect()
        };
        Self {
            values,
            latest,
            orphans: aside(&progress.orphans),
            misplaced: aside(&progress.reused),
        }
    }

    /// Every node's state as of `as_of`; `None` when the digest is not of this plan's shape.
    /// The folded view keeps the digest without its values, which are its nodes' now.
    pub fn settle(mut self, plan: &LoadedPlan, as_of: Date) -> Option<Folded<'static>> {
        let n = plan.nodes().len();
        if self.values.len() != n || self.latest.len() != n {
            return None;
        }
        let (nodes, overall) = settle(plan, std::mem::take(&mut self.values), as_of);
        Some(Folded {
            as_of,
            nodes: Cow::Owned(nodes),
            overall: Cow::Owned(overall),
            digest: self,
        })
    }
}

impl<'a> Folded<'a> {
    /// A whole fold as the status views see it.
    pub fn of(progress: &'a Progress) -> Self {
        Self {
            as_of: progress.as_of,
            nodes: Cow::Borrowed(&progress.nodes),
            overall: Cow::Borrowed(&progress.overall),
            digest: Digest::of(progress),
        }
    }

    /// The ids that the changes to ids the plan does not have were written for, one per change.
    pub fn orphan_ids(&self) -> Vec<&str> {
        self.digest
            .orphans
            .iter()
            .map(|a| a.node.as_str())
            .collect()
    }

    /// The ids that the changes kept out of the state were written for, one per change.
    pub fn misplaced_ids(&self) -> Vec<&str> {
        self.digest
            .misplaced
            .iter()
            .map(|a| a.node.as_str())
            .collect()
    }
}
