//! One pass over a journal for what folding each event depends on: the task it lands on (see
//! [`super::target`]), and what later events decide about earlier ones (recorded moves, undos).
//! A journal is read through once, or twice when it records moved tasks (rare: a later move
//! places earlier changes too). At a district's scale, every pass over the events is a pass
//! over hundreds of megabytes.

use foldhash::HashSet;
use uuid::Uuid;

use super::target::{self, Moves, Target, Targets};
use std::borrow::Borrow;

use crate::journal::{Body, Change, Event};
use crate::plan::LoadedPlan;

/// Where every event of a journal lands.
#[derive(Debug, Default)]
pub struct Placed {
    /// The moves the journal records.
    pub moves: Moves,
    /// Ids of the events that a later undo reversed.
    pub undone: HashSet<Uuid>,
    /// Ids of the undos that a later redo reversed.
    pub redone: HashSet<Uuid>,
    /// Each event's task, parallel to the events.
    pub targets: Targets,
    /// How many changes land on each node of the plan.
    pub sizes: Vec<usize>,
    /// Changes for ids the plan does not have.
    pub orphans: Vec<usize>,
    /// Changes written for a different task than the one their id now names.
    pub reused: Vec<usize>,
    /// Meeting checkpoints.
    pub meetings: Vec<usize>,
}

impl Placed {
    /// Places each event of `events` in `plan`.
    pub fn of<E: Borrow<Event>>(
        plan: &LoadedPlan,
        events: impl ExactSizeIterator<Item = E> + Clone,
    ) -> Self {
        let mut placed = Self {
            targets: Targets::with_capacity(events.len()),
            sizes: vec![0; plan.nodes().len()],
            ..Self::default()
        };
        let mut moved = false;
        for (i, event) in events.clone().enumerate() {
            let task = match &event.borrow().body {
                Body::Meeting(_) => {
                    placed.meetings.push(i);
                    None
                }
                Body::Moved(m) => {
                    placed.moves.record(m);
                    moved = true;
                    None
                }
                Body::Change(change) => {
                    placed.undone.extend(change.undoes);
                    placed.redone.extend(change.redoes);
                    placed.land(plan, i, change)
                }
            };
            placed.targets.push(task);
        }
        if moved {
            // The changes before a move were placed without it: all are placed again.
            placed.sizes.fill(0);
            placed.orphans.clear();
            placed.reused.clear();
            for (i, event) in events.enumerate() {
                if let Body::Change(change) = &event.borrow().body {
                    let task = placed.land(plan, i, change);
                    placed.targets.set(i, task);
                }
            }
        }
        placed
    }

    /// Places the change at `i`, counts it, and returns its task.
    fn land(&mut self, plan: &LoadedPlan, i: usize, change: &Change) -> Option<usize> {
        match target::target(plan, &self.moves, change) {
            Target::Task(n) => {
                self.sizes[n] += 1;
                Some(n)
            }
            Target::Elsewhere => {
                self.reused.push(i);
                None
            }
            Target::Gone => {
                self.orphans.push(i);
                None
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::journal::Event;
    use crate::journal::{Meeting, Move, Moved};

    fn change(key: &str, node: &str, undoes: Option<Uuid>) -> Event {
        Event::new(
            "王敏",
            Body::Change(Change {
                node: node.into(),
                key: Some(key.into()),
                percent: Some(10),
                undoes,
                ..Change::default()
            }),
        )
    }

    #[test]
    fn a_move_recorded_after_changes_places_them_too() {
        let plan = LoadedPlan::embedded().unwrap();
        let to = plan.index_of("1.1.2").unwrap();
        let old = "key-of-a-task-in-an-earlier-plan";
        let first = change(old, "9.9.9", None);
        let events = vec![
            first.clone(),
            change("nowhere", "9.9.8", Some(first.id)),
            Event::new("王敏", Body::Meeting(Meeting::default())),
            Event::new(
                "王敏",
                Body::Moved(Moved {
                    tasks: vec![Move {
                        from: old.into(),
                        id: "9.9.9".into(),
                        to: plan.nodes()[to].key.clone(),
                    }],
                }),
            ),
            change(old, "9.9.9", None),
        ];
        let placed = Placed::of(&plan, events.iter());
        assert_eq!(
            placed.targets.iter().collect::<Vec<_>>(),
            [Some(to), None, None, None, Some(to)]
        );
        assert_eq!(placed.sizes[to], 2);
        assert_eq!(placed.sizes.iter().sum::<usize>(), 2);
        assert_eq!(placed.orphans, [1]);
        assert!(placed.reused.is_empty());
        assert_eq!(placed.meetings, [2]);
        assert_eq!(placed.undone, [first.id].into_iter().collect());
        // The same as each event placed with every move known.
        let moves = Moves::of(&events);
        for (e, t) in events.iter().zip(placed.targets.iter()) {
            let alone = e
                .change()
                .and_then(|c| target::target(&plan, &moves, c).task());
            assert_eq!(alone, t);
        }
    }
}
