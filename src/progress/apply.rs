//! A change costs the task it touches: new events that come after everything folded so far are
//! applied to their tasks, and only those tasks' item, area and the whole plan are rolled up
//! again. The result is the same as folding every event anew (a property test holds it to that).

use crate::journal::{Body, Event};
use crate::plan::LoadedPlan;

use super::target::{self, Moves, Target};
use super::{Counts, Progress, TaskValues, conflict, is_lagging, roll, set_rollup, task_light};

impl Progress {
    /// Folds `new` into this state, if it can be done without folding everything anew: each
    /// event comes after every event folded so far, and none records moved tasks. Otherwise
    /// gives `new` back, for a full fold.
    pub fn extend(&mut self, plan: &LoadedPlan, new: Vec<Event>) -> Result<(), Vec<Event>> {
        let mut last = (self.events.len().checked_sub(1)).map(|i| self.events.key(i));
        for e in &new {
            if matches!(e.body, Body::Moved(_)) || last.is_some_and(|l| l >= (e.at, e.id)) {
                return Err(new);
            }
            last = Some((e.at, e.id));
        }
        // Moves only come with a full fold, which collected them: none can arrive here.
        let moves = std::mem::take(&mut self.moves);
        for event in new {
            self.push(plan, &moves, event);
        }
        self.moves = moves;
        Ok(())
    }

    fn push(&mut self, plan: &LoadedPlan, moves: &Moves, event: Event) {
        let i = self.events.len();
        let landing = match event.change() {
            Some(c) => target::target(plan, moves, c),
            None => Target::Gone,
        };
        self.events.push(&event);
        self.targets.push(landing.task());
        let change = match event.body {
            Body::Meeting(_) => {
                self.meetings.push(i);
                return;
            }
            Body::Moved(_) => return,
            Body::Change(c) => c,
        };
        if let Some(redone) = change.redoes {
            self.redone.insert(redone);
        }
        if let Some(undone) = change.undoes {
            self.undone.insert(undone);
            self.drop_note_of(undone);
        }
        let n = match landing {
            Target::Task(n) => n,
            Target::Elsewhere => return self.reused.push(i),
            Target::Gone => return self.orphans.push(i),
        };
        let state = &self.nodes[n];
        let mut values = TaskValues {
            status: state.status,
            percent: state.percent as u8,
            owner: state.owner.clone(),
            due: state.due,
        };
        values.apply(&change);
        let rivals = conflict::unseen_rivals(&self.events, &self.nodes[n].history, &change);
        for j in rivals {
            self.conflicts.entry(i).or_default().push(j);
            self.conflicts.entry(j).or_default().push(i);
        }
        let noted = change.note.as_deref().is_some_and(|t| !t.trim().is_empty())
            && !self.undone.contains(&event.id);
        let start = plan.plan.start;
        let (light, reason) = task_light(&values, start, self.as_of);
        let mut counts = Counts::default();
        counts.add_task(values.status, light, is_lagging(&values, start, self.as_of));
        let state = &mut self.nodes[n];
        state.status = values.status;
        state.percent = f64::from(values.percent);
        state.light = light;
        state.reason = reason;
        state.owner = values.owner;
        state.due = values.due;
        state.counts = counts;
        state.history.push(i);
        if noted {
            state.notes.push(i);
        }
        self.roll_up_from(plan, n);
    }

    /// Takes the note of the event `id`, just undone, out of its task's notes.
    fn drop_note_of(&mut self, id: uuid::Uuid) {
        let Some(j) = (0..self.events.len()).rfind(|&j| self.events.id(j) == id) else {
            return;
        };
        if let Some(n) = self.targets.get(j) {
            self.nodes[n].notes.retain(|&k| k != j);
        }
    }

    /// Rolls up again the ancestors of node `n` and the whole plan.
    fn roll_up_from(&mut self, plan: &LoadedPlan, n: usize) {
        let nodes = plan.nodes();
        let mut up = nodes[n].parent;
        while let Some(p) = up {
            let (counts, sum, light) = roll(nodes[p].children.iter().map(|&c| &self.nodes[c]));
            set_rollup(&mut self.nodes[p], counts, sum, light);
            up = nodes[p].parent;
        }
        // The plan's top nodes, found once when it was loaded: not a walk over every node.
        let tops = plan.tops().iter().map(|&i| &self.nodes[i]);
        let (counts, sum, light) = roll(tops);
        set_rollup(&mut self.overall, counts, sum, light);
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;
    use uuid::Uuid;

    use super::*;
    use crate::journal::{Change, Events, Meeting};
    use crate::plan::Level;
    use crate::status::Status;

    /// One step of a random journal: which task (or an id the plan lacks), what it sets, and
    /// whether it undoes an earlier change, says it saw one, or is a meeting.
    #[derive(Debug, Clone)]
    struct Step {
        task: usize,
        status: Option<usize>,
        percent: Option<u8>,
        note: bool,
        owner: Option<usize>,
        undo: Option<usize>,
        after: Option<usize>,
        meeting: bool,
        keyless: bool,
    }

    fn step() -> impl Strategy<Value = Step> {
        (
            0..70usize,
            proptest::option::of(0..4usize),
            proptest::option::of(0..=100u8),
            any::<bool>(),
            proptest::option::of(0..3usize),
            proptest::option::weighted(0.15, 0..40usize),
            proptest::option::weighted(0.5, 0..40usize),
            proptest::bool::weighted(0.05),
            proptest::bool::weighted(0.1),
        )
            .prop_map(
                |(task, status, percent, note, owner, undo, after, meeting, keyless)| Step {
                    task,
                    status,
                    percent,
                    note,
                    owner,
                    undo,
                    after,
                    meeting,
                    keyless,
                },
            )
    }

    fn event(plan: &LoadedPlan, tasks: &[usize], made: &[Event], k: usize, s: &Step) -> Event {
        let at: jiff::Timestamp = "2023-05-01T00:00:00Z".parse().unwrap_or_default();
        let at = at + jiff::SignedDuration::from_mins(k as i64);
        let id = Uuid::from_u128(k as u128 + 1);
        let body = if s.meeting {
            Body::Meeting(Meeting::default())
        } else {
            // Beyond the plan's tasks: an id the plan does not have.
            let (node, key) = match tasks.get(s.task) {
                Some(&t) => (
                    plan.nodes()[t].id.as_str().into(),
                    plan.nodes()[t].key.as_str().into(),
                ),
                None => (
                    compact_str::format_compact!("9.9.{}", s.task),
                    compact_str::format_compact!("gone{}", s.task),
                ),
            };
            let statuses = [
                Status::NotStarted,
                Status::InProgress,
                Status::Done,
                Status::Blocked,
            ];
            let pick = |i: Option<usize>| i.and_then(|i| made.get(i % made.len().max(1)));
            Body::Change(Change {
                node,
                key: (!s.keyless).then_some(key),
                about: s.keyless.then(|| "别的任务".into()),
                status: s.status.map(|i| statuses[i]),
                percent: s.percent,
                note: s.note.then(|| format!("第{k}条")),
                owner: s.owner.map(|o| ["", "自治办", "管理办"][o].into()),
                undoes: pick(s.undo).map(|e| e.id),
                after: pick(s.after).map(|e| e.id),
                // A change that follows an undo sometimes redoes it.
                redoes: pick(s.after)
                    .filter(|e| {
                        e.change().is_some_and(|c| c.undoes.is_some()) && k.is_multiple_of(2)
                    })
                    .map(|e| e.id),
                ..Change::default()
            })
        };
        Event {
            id,
            at,
            user: "王敏".into(),
            body,
        }
    }

    fn same(a: &Progress, b: &Progress) -> Result<(), TestCaseError> {
        prop_assert_eq!(&a.events, &b.events);
        prop_assert_eq!(&a.nodes, &b.nodes);
        prop_assert_eq!(&a.overall, &b.overall);
        prop_assert_eq!(&a.orphans, &b.orphans);
        prop_assert_eq!(&a.reused, &b.reused);
        prop_assert_eq!(&a.targets, &b.targets);
        prop_assert_eq!(&a.meetings, &b.meetings);
        prop_assert_eq!(&a.undone, &b.undone);
        prop_assert_eq!(&a.redone, &b.redone);
        prop_assert_eq!(&a.conflicts, &b.conflicts);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

        /// After every change, the state built one change at a time is the state of a full fold.
        #[test]
        fn one_change_at_a_time_gives_the_full_fold(steps in proptest::collection::vec(step(), 1..60)) {
            let plan = LoadedPlan::embedded().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let tasks: Vec<usize> = (0..plan.nodes().len())
                .filter(|&n| plan.nodes()[n].level == Level::Task)
                .collect();
            let as_of = date(2023, 9, 1);
            let mut made: Vec<Event> = Vec::new();
            let mut step_by_step = super::super::fold(&plan, Vec::new(), as_of);
            for (k, s) in steps.iter().enumerate() {
                let e = event(&plan, &tasks, &made, k, s);
                made.push(e.clone());
                prop_assert!(step_by_step.extend(&plan, vec![e]).is_ok());
                let full = super::super::fold(&plan, made.clone(), as_of);
                same(&step_by_step, &full)?;
                // Events of a whole read, packed as they are folded, fold the same.
                let unpacked = Events::unpacked(made.clone());
                prop_assert!(!unpacked.is_packed());
                let as_read = super::super::fold(&plan, unpacked, as_of);
                prop_assert!(as_read.events.is_packed());
                same(&as_read, &full)?;
            }
        }
    }

    #[test]
    fn an_event_out_of_order_asks_for_a_full_fold() {
        let plan = LoadedPlan::embedded().unwrap_or_else(|_| unreachable!());
        let at: jiff::Timestamp = "2023-05-01T00:00:00Z".parse().unwrap_or_default();
        let e = |n: u128, at| Event {
            id: Uuid::from_u128(n),
            at,
            user: "王敏".into(),
            body: Body::Meeting(Meeting::default()),
        };
        let mut p = super::super::fold(&plan, vec![e(2, at)], date(2023, 9, 1));
        assert!(p.extend(&plan, vec![e(1, at)]).is_err());
        assert!(p.extend(&plan, vec![e(3, at)]).is_ok());
    }
}
