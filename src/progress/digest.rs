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

use super::conflict::saw_the_latest;
use super::target::{Moves, Target, target};
use super::{NodeState, Progress, TaskValues, settle};
use crate::journal::{Body, Event, Events};
use crate::plan::{Level, LoadedPlan};
use crate::status::Status;

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
    /// The time and id of the last event folded.
    pub last: Option<(Timestamp, Uuid)>,
    /// Whether the journal records moved tasks.
    pub moved: bool,
    /// The ids of the events an undo reversed, sorted.
    pub undone: Vec<Uuid>,
    /// A short hash of every event's id, sorted: an event appended with an id folded before
    /// (a copy, or a forgery) matches one, and is left to a whole fold.
    pub ids: Vec<u32>,
}

/// When a node last changed, and its latest note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    /// When, and by whom.
    #[serde(with = "crate::storage::packed::changed")]
    pub changed: Option<(Timestamp, CompactString)>,
    /// The latest progress note not undone.
    #[serde(with = "crate::storage::packed::text")]
    pub note: Option<String>,
    /// The id of the node's latest change: what a change made now records as seen.
    pub last: Option<Uuid>,
    /// Whether the node's history holds a change in conflict: a change made now keeps
    /// every value it sets, to settle it.
    pub conflicted: bool,
}

/// A change kept out of the state, as it is listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aside {
    pub event: Uuid,
    pub node: CompactString,
    pub user: CompactString,
    #[serde(with = "jiff::fmt::serde::timestamp::nanosecond::required")]
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
    /// The digest of a whole fold of `plan`.
    pub fn of(plan: &LoadedPlan, progress: &Progress) -> Self {
        let values = progress
            .nodes
            .iter()
            .zip(plan.nodes())
            .map(|(s, node)| {
                // A roll-up keeps its owner and due date: the rest is rolled up anew.
                let task = node.level == Level::Task;
                TaskValues {
                    status: if task { s.status } else { Status::NotStarted },
                    percent: if task {
                        s.percent.round().clamp(0.0, 100.0) as u8
                    } else {
                        0
                    },
                    owner: s.owner.clone(),
                    due: s.due,
                }
            })
            .collect();
        let latest = progress
            .nodes
            .iter()
            .map(|s| Latest {
                last: s.last_change().map(|i| progress.events.event(i).id),
                conflicted: s.history.iter().any(|i| progress.conflicts.contains_key(i)),
                changed: s.last_change().map(|i| {
                    let e = progress.events.event(i);
                    (e.at, e.user.clone())
                }),
                note: s
                    .notes
                    .last()
                    .and_then(|&i| match progress.events.event(i).body {
                        Body::Change(c) => c.note,
                        Body::Meeting(_) | Body::Moved(_) => None,
                    }),
            })
            .collect();
        let aside = |list: &[usize]| -> Vec<Aside> {
            list.iter()
                .map(|&i| {
                    let e = progress.events.event(i);
                    Aside {
                        event: e.id,
                        node: e.change().map(|c| c.node.clone()).unwrap_or_default(),
                        user: e.user.clone(),
                        at: e.at,
                    }
                })
                .collect()
        };
        let mut undone: Vec<Uuid> = progress.undone.iter().copied().collect();
        undone.sort_unstable();
        let mut ids: Vec<u32> = progress.events.ids().map(short).collect();
        ids.sort_unstable();
        Self {
            values,
            latest,
            orphans: aside(&progress.orphans),
            misplaced: aside(&progress.reused),
            last: progress.events.last_key(),
            moved: !progress.moves.is_empty(),
            undone,
            ids,
        }
    }

    /// Folds `new` events, in (time, id) order, into the digest, as a whole fold of the events
    /// before and these would; `false` (the digest left as it was) when only a whole fold can
    /// say: an event that does not come after all folded ones, an undo (it may hide the
    /// latest note), a moved task, an event an earlier undo names, or an id that may have been
    /// folded before.
    pub fn extend(&mut self, plan: &LoadedPlan, new: &[Event]) -> bool {
        let in_order = new
            .iter()
            .map(|e| (e.at, e.id))
            .try_fold(self.last, |last, now| {
                (last < Some(now)).then_some(Some(now))
            })
            .is_some();
        let simple = new.iter().all(|e| match &e.body {
            Body::Change(c) => c.undoes.is_none() && self.undone.binary_search(&e.id).is_err(),
            Body::Meeting(_) => true,
            Body::Moved(_) => false,
        }) && new
            .iter()
            .all(|e| self.ids.binary_search(&short(e.id)).is_err());
        if self.moved || !in_order || !simple || self.values.len() != plan.nodes().len() {
            return false;
        }
        let moves = Moves::default();
        if !self.sees_the_latest(plan, &moves, new) {
            return false;
        }
        for e in new {
            let Body::Change(change) = &e.body else {
                continue;
            };
            let aside = || Aside {
                event: e.id,
                node: change.node.clone(),
                user: e.user.clone(),
                at: e.at,
            };
            match target(plan, &moves, change) {
                Target::Task(n) => {
                    self.values[n].apply(change);
                    let latest = &mut self.latest[n];
                    latest.changed = Some((e.at, e.user.clone()));
                    latest.last = Some(e.id);
                    if change.note.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                        latest.note.clone_from(&change.note);
                    }
                }
                Target::Elsewhere => self.misplaced.push(aside()),
                Target::Gone => self.orphans.push(aside()),
            }
        }
        if let Some(e) = new.last() {
            self.last = Some((e.at, e.id));
        }
        // Two sorted runs: a stable sort merges them in one pass.
        self.ids.extend(new.iter().map(|e| short(e.id)));
        self.ids.sort();
        true
    }

    /// Whether each of `new` saw the latest change on its task, the ones before it in `new`
    /// included: then none is in conflict, and folding them in needs no earlier event (see
    /// [`saw_the_latest`]).
    fn sees_the_latest(&self, plan: &LoadedPlan, moves: &Moves, new: &[Event]) -> bool {
        let mut seen: Vec<(usize, Uuid)> = Vec::new();
        new.iter().all(|e| {
            let Body::Change(change) = &e.body else {
                return true;
            };
            let Target::Task(n) = target(plan, moves, change) else {
                return true;
            };
            let latest = match seen.iter().rev().find(|(m, _)| *m == n) {
                Some(&(_, id)) => Some(id),
                None => self.latest.get(n).and_then(|l| l.last),
            };
            seen.push((n, e.id));
            saw_the_latest(change, latest)
        })
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
    /// A whole fold of `plan` as the status views see it.
    pub fn of(plan: &LoadedPlan, progress: &'a Progress) -> Self {
        Self {
            as_of: progress.as_of,
            nodes: Cow::Borrowed(&progress.nodes),
            overall: Cow::Borrowed(&progress.overall),
            digest: Digest::of(plan, progress),
        }
    }

    /// The state it shows, as a fold without events: every node as the fold left it, no
    /// history, nothing listed aside. What the dashboard draws until the events are read.
    pub fn into_progress(self) -> Progress {
        Progress {
            as_of: self.as_of,
            events: Events::new(),
            nodes: self.nodes.into_owned(),
            overall: self.overall.into_owned(),
            orphans: Vec::new(),
            reused: Vec::new(),
            targets: super::target::Targets::default(),
            moves: Moves::default(),
            meetings: Vec::new(),
            undone: foldhash::HashSet::default(),
            redone: foldhash::HashSet::default(),
            conflicts: foldhash::HashMap::default(),
            hidden: 0,
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

/// A short hash of an event id.
fn short(id: Uuid) -> u32 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(id) as u32
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use jiff::SignedDuration;

    use super::*;
    use crate::journal::Change;

    fn change(node: &str, percent: u8, at: Timestamp) -> Event {
        let mut e = Event::new(
            "王敏",
            Body::Change(Change {
                node: node.into(),
                percent: Some(percent),
                ..Change::default()
            }),
        );
        e.at = at;
        e
    }

    #[test]
    fn only_what_a_whole_fold_would_fold_the_same_is_folded_in() {
        let plan = LoadedPlan::embedded().unwrap();
        let t = Timestamp::from_second(1_690_000_000).unwrap();
        let first = change("1.1.1", 10, t);
        let digest = Digest::of(
            &plan,
            &super::super::fold(&plan, vec![first.clone()], plan.plan.start),
        );
        let hour = SignedDuration::from_hours(1);

        let mut copy = first.clone();
        copy.at = t + hour;
        let undo = {
            let mut e = change("1.1.1", 0, t + hour);
            if let Body::Change(c) = &mut e.body {
                c.undoes = Some(first.id);
            }
            e
        };
        let earlier = change("1.1.2", 30, t - hour);
        for refused in [copy, undo, earlier] {
            let mut d = digest.clone();
            assert!(!d.extend(&plan, &[refused]));
            assert_eq!(d, digest, "left as it was");
        }

        let next = change("1.1.1", 40, t + hour);
        let gone = change("9.9.9", 50, t + hour + hour);
        let mut d = digest.clone();
        assert!(d.extend(&plan, &[next.clone(), gone.clone()]));
        let whole = super::super::fold(&plan, vec![first, next, gone], plan.plan.start);
        assert_eq!(d, Digest::of(&plan, &whole));
    }
}
