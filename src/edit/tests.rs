#![allow(clippy::unwrap_used)]

use jiff::civil::date;

use super::*;
use crate::progress::{self, NodeState};

/// The embedded plan and the events written so far, replayed like the command line does.
struct World {
    plan: LoadedPlan,
    events: Vec<Event>,
}

impl World {
    fn new() -> Self {
        Self {
            plan: LoadedPlan::embedded().unwrap(),
            events: Vec::new(),
        }
    }

    fn progress(&self) -> Progress {
        progress::fold(&self.plan, self.events.clone(), date(2023, 4, 2))
    }

    fn set(&mut self, user: &str, id: &str, req: SetRequest) -> Vec<Event> {
        let events = set(&self.plan, id, &req, user).unwrap();
        self.events.extend(events.clone());
        events
    }

    fn undo(&mut self, user: &str) -> Result<Vec<Event>, EditError> {
        let events = undo(&self.plan, &self.progress(), user)?;
        self.events.extend(events.clone());
        Ok(events)
    }

    fn redo(&mut self, user: &str) -> Result<Vec<Event>, EditError> {
        let events = redo(&self.progress(), user)?;
        self.events.extend(events.clone());
        Ok(events)
    }

    fn state(&self, id: &str) -> NodeState {
        self.progress().nodes[self.plan.index_of(id).unwrap()].clone()
    }

    /// The notes of a task that are still shown, oldest first.
    fn notes(&self, id: &str) -> Vec<String> {
        let p = self.progress();
        p.nodes[self.plan.index_of(id).unwrap()]
            .notes
            .iter()
            .map(|&i| p.events.event(i).change().unwrap().note.clone().unwrap())
            .collect()
    }
}

fn percent(p: u8, note: &str) -> SetRequest {
    SetRequest {
        percent: Some(p),
        note: Some(note.to_string()),
        ..SetRequest::default()
    }
}

fn status(s: Status) -> SetRequest {
    SetRequest {
        status: Some(s),
        ..SetRequest::default()
    }
}

#[test]
fn set_on_a_task_is_one_event() {
    let w = World::new();
    let events = set(&w.plan, "2.1.1", &percent(50, "完成首轮对接"), "alice").unwrap();
    assert_eq!(events.len(), 1);
    let c = events[0].change().unwrap();
    assert_eq!(c.node, "2.1.1");
    assert_eq!(c.percent, Some(50));
    assert_eq!(c.note.as_deref(), Some("完成首轮对接"));
    assert_eq!(c.status, None);
    assert_eq!(c.batch, None);
    assert_eq!(events[0].user, "alice");
}

#[test]
fn set_on_an_area_is_one_batch_for_every_task_under_it() {
    let w = World::new();
    let events = set(&w.plan, "1", &status(Status::Done), "alice").unwrap();
    let nodes: Vec<&str> = events
        .iter()
        .map(|e| e.change().unwrap().node.as_str())
        .collect();
    assert_eq!(
        nodes,
        [
            "1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.3.1", "1.3.2",
            "1.3.3", "1.3.4", "1.3.5"
        ]
    );
    let batch = events[0].change().unwrap().batch;
    assert!(batch.is_some());
    assert!(events.iter().all(|e| e.change().unwrap().batch == batch));
    assert!(events.iter().all(|e| e.group() == batch.unwrap()));
    assert!(
        events
            .iter()
            .all(|e| e.change().unwrap().status == Some(Status::Done))
    );

    let item = set(&w.plan, "2.4", &status(Status::Blocked), "alice").unwrap();
    assert_eq!(item.len(), 2);
    assert_ne!(item[0].change().unwrap().batch, batch);
}

#[test]
fn refused_requests() {
    let w = World::new();
    assert_eq!(
        set(&w.plan, "9.9", &status(Status::Done), "alice"),
        Err(EditError::UnknownId("9.9".into()))
    );
    assert_eq!(
        set(&w.plan, "1.1.1", &SetRequest::default(), "alice"),
        Err(EditError::NothingToChange)
    );
    assert_eq!(
        set(&w.plan, "1.1.1", &percent(140, "x"), "alice"),
        Err(EditError::PercentOutOfRange(140))
    );
    let p = w.progress();
    assert_eq!(undo(&w.plan, &p, "alice"), Err(EditError::NothingToUndo));
    assert_eq!(redo(&p, "alice"), Err(EditError::NothingToRedo));
}

#[test]
fn undo_restores_the_previous_values_and_hides_the_note() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "启动"));
    w.set(
        "alice",
        "1.1.1",
        SetRequest {
            status: Some(Status::Blocked),
            percent: Some(60),
            note: Some("等待批复".into()),
            owner: Some("自治办".into()),
            due: Some(date(2023, 6, 30)),
        },
    );
    let s = w.state("1.1.1");
    assert_eq!((s.status, s.percent), (Status::Blocked, 60.0));
    assert_eq!(w.notes("1.1.1"), ["启动", "等待批复"]);

    let undo = w.undo("alice").unwrap();
    assert_eq!(undo.len(), 1);
    let c = undo[0].change().unwrap();
    assert_eq!(c.undoes, Some(w.events[1].id));
    let s = w.state("1.1.1");
    assert_eq!((s.status, s.percent), (Status::InProgress, 30.0));
    assert_eq!(s.owner, None);
    assert_eq!(s.due, date(2023, 12, 31));
    assert_eq!(w.notes("1.1.1"), ["启动"]);
    // History is kept: the undone change and the undo are both in the journal.
    assert_eq!(w.events.len(), 3);
    assert_eq!(s.history.len(), 3);
}

#[test]
fn undo_of_a_note_takes_back_the_note_alone_and_says_so() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(20, "启动"));
    let note = SetRequest {
        note: Some("已召开座谈会".into()),
        ..SetRequest::default()
    };
    w.set("alice", "1.1.1", note);
    let undo = w.undo("alice").unwrap();
    let c = undo[0].change().unwrap();
    // Nothing but the note is set back: no status or percent the officer never changed.
    assert_eq!((c.status, c.percent, c.note.as_ref()), (None, None, None));
    let s = w.state("1.1.1");
    assert_eq!((s.status, s.percent), (Status::InProgress, 20.0));
    assert_eq!(w.notes("1.1.1"), ["启动"]);
    let p = w.progress();
    let last = p.events.len() - 1;
    let words = crate::i18n::describe_change_of(crate::i18n::Lang::Zh, &p, last, c);
    assert_eq!(words, "撤销：进展：已召开座谈会");
    // A redo gives the note back, and an undo of a percent still sets both back.
    w.redo("alice").unwrap();
    assert_eq!(w.notes("1.1.1"), ["启动", "已召开座谈会"]);
    w.set("alice", "1.1.1", percent(50, "过半"));
    let undo = w.undo("alice").unwrap();
    let c = undo[0].change().unwrap();
    assert_eq!((c.status, c.percent), (Some(Status::InProgress), Some(20)));
}

#[test]
fn a_change_to_an_item_leaves_out_the_tasks_it_would_not_change() {
    let mut w = World::new();
    w.set("alice", "1.1.1", status(Status::InProgress));
    let mut events = set(&w.plan, "1.1", &status(Status::InProgress), "alice").unwrap();
    assert_eq!(events.len(), 3);
    leave_out_unchanged(&w.plan, &w.progress(), &mut events).unwrap();
    let nodes: Vec<&str> = events
        .iter()
        .map(|e| e.change().unwrap().node.as_str())
        .collect();
    assert_eq!(nodes, ["1.1.2", "1.1.3"]);
    w.events.extend(events);
    let mut again = set(&w.plan, "1.1", &status(Status::InProgress), "alice").unwrap();
    let r = leave_out_unchanged(&w.plan, &w.progress(), &mut again);
    assert_eq!(r, Err(EditError::AlreadySo));
    // A note is news on every task; one task already so is not written either.
    let mut noted = set(&w.plan, "1.1", &percent(0, "启动"), "alice").unwrap();
    leave_out_unchanged(&w.plan, &w.progress(), &mut noted).unwrap();
    assert_eq!(noted.len(), 3);
    let mut one = set(&w.plan, "1.1.1", &status(Status::InProgress), "alice").unwrap();
    let r = leave_out_unchanged(&w.plan, &w.progress(), &mut one);
    assert_eq!(r, Err(EditError::AlreadySo));
}

#[test]
fn of_a_change_only_the_values_that_move_are_kept() {
    let mut w = World::new();
    let owned = SetRequest {
        owner: Some("自治办".into()),
        status: Some(Status::InProgress),
        percent: Some(30),
        ..SetRequest::default()
    };
    w.set("alice", "1.1.1", owned);
    let again = SetRequest {
        owner: Some(" 自治办 ".into()),
        status: Some(Status::InProgress),
        percent: Some(50),
        note: Some("过半".into()),
        ..SetRequest::default()
    };
    let mut events = set(&w.plan, "1.1.1", &again, "alice").unwrap();
    leave_out_unchanged(&w.plan, &w.progress(), &mut events).unwrap();
    let c = events[0].change().unwrap();
    assert_eq!(c.owner, None);
    assert_eq!(c.status, None);
    assert_eq!(c.percent, Some(50));
    assert_eq!(c.note.as_deref(), Some("过半"));
    // A status that the percent alone would not give is kept.
    let blocked = SetRequest {
        status: Some(Status::Blocked),
        percent: Some(30),
        ..SetRequest::default()
    };
    let mut events = set(&w.plan, "1.1.1", &blocked, "alice").unwrap();
    leave_out_unchanged(&w.plan, &w.progress(), &mut events).unwrap();
    let c = events[0].change().unwrap();
    assert_eq!((c.status, c.percent), (Some(Status::Blocked), None));
}

#[test]
fn a_task_in_conflict_keeps_a_change_that_sets_it_again() {
    let mut w = World::new();
    let first = w.set("alice", "1.1.2", status(Status::InProgress))[0].id;
    // Bob saw Alice's change but not Carol's: his and Carol's conflict.
    for (user, req) in [
        ("carol", percent(10, "启动")),
        ("bob", status(Status::Blocked)),
    ] {
        let mut events = set(&w.plan, "1.1.2", &req, user).unwrap();
        if let Body::Change(c) = &mut events[0].body {
            c.after = Some(first);
        }
        w.events.extend(events);
    }
    assert!(!w.progress().conflicts.is_empty());
    let mut events = set(&w.plan, "1.1", &status(Status::Blocked), "carol").unwrap();
    leave_out_unchanged(&w.plan, &w.progress(), &mut events).unwrap();
    let nodes: Vec<&str> = events
        .iter()
        .map(|e| e.change().unwrap().node.as_str())
        .collect();
    assert_eq!(nodes, ["1.1.1", "1.1.2", "1.1.3"]);
}

#[test]
fn undo_twice_walks_further_back() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "一"));
    w.set("alice", "1.1.2", percent(40, "二"));
    w.set("alice", "1.1.1", percent(80, "三"));
    w.undo("alice").unwrap();
    assert_eq!(w.state("1.1.1").percent, 30.0);
    assert_eq!(w.state("1.1.2").percent, 40.0);
    w.undo("alice").unwrap();
    assert_eq!(w.state("1.1.1").percent, 30.0);
    assert_eq!(w.state("1.1.2").percent, 0.0);
    assert_eq!(w.state("1.1.2").status, Status::NotStarted);
    w.undo("alice").unwrap();
    assert_eq!(w.state("1.1.1").percent, 0.0);
    assert!(w.notes("1.1.1").is_empty());
    assert_eq!(w.undo("alice"), Err(EditError::NothingToUndo));
}

#[test]
fn undo_of_an_area_reverses_the_whole_batch() {
    let mut w = World::new();
    w.set("alice", "1.2.2", percent(50, "半"));
    w.set("alice", "1", status(Status::Done));
    assert_eq!(w.state("1").status, Status::Done);
    let undo = w.undo("alice").unwrap();
    assert_eq!(undo.len(), 12);
    assert_eq!(w.state("1").status, Status::InProgress);
    assert_eq!(w.state("1.2.2").percent, 50.0);
    assert_eq!(w.state("1.1.1").status, Status::NotStarted);
}

#[test]
fn redo_after_undo() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "一"));
    w.set("alice", "1.1.1", percent(70, "二"));
    w.undo("alice").unwrap();
    assert_eq!(w.state("1.1.1").percent, 30.0);
    let redo = w.redo("alice").unwrap();
    assert_eq!(redo.len(), 1);
    assert_eq!(w.state("1.1.1").percent, 70.0);
    assert_eq!(w.notes("1.1.1"), ["一", "二"]);
    assert_eq!(w.redo("alice"), Err(EditError::NothingToRedo));
    // The redo is itself a change that can be undone.
    w.undo("alice").unwrap();
    assert_eq!(w.state("1.1.1").percent, 30.0);
}

#[test]
fn a_new_change_after_undo_makes_redo_unavailable() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "一"));
    w.undo("alice").unwrap();
    w.set("alice", "1.1.2", percent(10, "新"));
    assert_eq!(w.redo("alice"), Err(EditError::NothingToRedo));
    assert_eq!(w.state("1.1.1").percent, 0.0);
}

#[test]
fn undo_by_one_user_leaves_another_users_change_alone() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "甲"));
    w.set("bob", "1.1.2", percent(50, "乙"));
    let undo = w.undo("alice").unwrap();
    assert_eq!(undo.len(), 1);
    assert_eq!(undo[0].change().unwrap().node, "1.1.1");
    assert_eq!(undo[0].user, "alice");
    assert_eq!(w.state("1.1.1").percent, 0.0);
    assert_eq!(w.state("1.1.2").percent, 50.0);
    assert_eq!(w.notes("1.1.2"), ["乙"]);
    // Alice has nothing more to undo; Bob still has his change.
    assert_eq!(w.undo("alice"), Err(EditError::NothingToUndo));
    assert_eq!(w.redo("bob"), Err(EditError::NothingToRedo));
    w.undo("bob").unwrap();
    assert_eq!(w.state("1.1.2").percent, 0.0);
}

#[test]
fn undo_passes_over_changes_to_ids_the_plan_no_longer_has() {
    let mut w = World::new();
    w.set("alice", "1.1.1", percent(30, "一"));
    // Written against an older plan that had a task 9.9.9.
    w.events.push(Event::new(
        "alice",
        Body::Change(Change {
            node: "9.9.9".into(),
            percent: Some(20),
            ..Change::default()
        }),
    ));
    let undo = w.undo("alice").unwrap();
    assert_eq!(undo.len(), 1);
    assert_eq!(undo[0].change().unwrap().node, "1.1.1");
    assert_eq!(w.state("1.1.1").percent, 0.0);
    assert_eq!(w.undo("alice"), Err(EditError::NothingToUndo));
    assert_eq!(w.progress().orphans.len(), 1);
}

#[test]
fn meeting_checkpoint_event() {
    let e = meeting("alice", Some("三季度推进会".into()));
    assert_eq!(e.change(), None);
    assert_eq!(
        e.body,
        Body::Meeting(Meeting {
            title: Some("三季度推进会".into())
        })
    );
}

#[test]
fn nothing_is_written_that_a_reader_would_skip_as_too_long() {
    let plan = LoadedPlan::embedded().unwrap();
    let note = |chars: usize| SetRequest {
        note: Some("进".repeat(chars)),
        ..SetRequest::default()
    };
    let most = crate::journal::NOTE_ROOM / 3;
    let events = set(&plan, "1.1", &note(most), "王敏").unwrap();
    for e in &events {
        let line = serde_json::to_vec(e).unwrap();
        assert!(line.len() < crate::journal::MAX_LINE, "{}", line.len());
    }
    assert_eq!(
        set(&plan, "1.1.1", &note(most + 1), "王敏"),
        Err(EditError::TooLong(3 - crate::journal::NOTE_ROOM % 3))
    );
    // A department name pasted in by mistake is caught by the line's own length.
    let owner = SetRequest {
        owner: Some("办".repeat(crate::journal::MAX_LINE / 3)),
        ..SetRequest::default()
    };
    assert!(matches!(
        set(&plan, "1.1.1", &owner, "王敏"),
        Err(EditError::TooLong(_))
    ));
}

#[test]
fn a_department_is_written_without_control_characters() {
    let plan = LoadedPlan::embedded().unwrap();
    let req = SetRequest {
        owner: Some("坏\u{1b}[31m部\u{7}门\n".into()),
        ..SetRequest::default()
    };
    let events = set(&plan, "1.1.1", &req, "王敏").unwrap();
    let owner = events[0].change().unwrap().owner.clone();
    assert_eq!(owner.as_deref(), Some("坏[31m部门"));
}
