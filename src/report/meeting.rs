//! What a meeting reviews: per-area progress, the red and yellow lists, the changes since the last
//! checkpoint and the weekly trend. Shared by the meeting view and the minutes-ready exports.

use jiff::tz::TimeZone;

use super::local_time;
use crate::i18n::{self, Lang};
use crate::journal::Body;
use crate::plan::{Level, LoadedPlan};
use crate::progress::trend::{self, Trend};
use crate::progress::{Counts, Light, Progress, Reason};
use crate::status::Status;

/// One area's line of the meeting table.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub id: String,
    pub title: String,
    pub percent: f64,
    pub counts: Counts,
}

/// A task on the red or yellow list, with why and who.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub id: String,
    pub text: String,
    pub owner: Option<String>,
    /// In words: "逾期12天", "受阻（自 2023-07-20 起）", "落后计划 25个百分点".
    pub reason: String,
    pub percent: f64,
    /// No progress was ever recorded for it: such tasks are told per item, not one by one.
    pub silent: bool,
}

/// One task's net change since the last checkpoint: where it stood then, where it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    /// Local time of its latest change, `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// Who changed it, in order of their first change, joined.
    pub user: String,
    pub node: String,
    /// In words: "完成率 30%→60%，责任部门 （无）→人大工委，进展：…（最新一条）".
    pub what: String,
}

/// Everything a meeting reviews, in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingReport {
    pub title: String,
    pub as_of: jiff::civil::Date,
    pub percent: f64,
    pub counts: Counts,
    /// The 督办 sentence.
    pub summary: String,
    pub areas: Vec<AreaRow>,
    pub red: Vec<Flagged>,
    pub yellow: Vec<Flagged>,
    /// The checkpoint the changes count from: its title (if any) and local time.
    pub last_meeting: Option<(Option<String>, String)>,
    /// One row per task changed since the checkpoint, in plan order; then changes to ids the
    /// plan does not have.
    pub changes: Vec<ChangeRow>,
    /// The tasks changed since the checkpoint and back as they were at it (30%→60%→30%, no
    /// note): no net change, so not among `changes`, but counted apart. In plan order.
    pub restored: Vec<String>,
    /// How many tasks were not changed since the checkpoint.
    pub untouched: usize,
    /// Set when the report shows an earlier meeting again: which, in words.
    pub replaying: Option<String>,
    pub trend: Trend,
}

impl MeetingReport {
    /// Builds the meeting's view of `progress`.
    pub fn new(plan: &LoadedPlan, progress: &Progress, lang: Lang) -> Self {
        let nodes = plan.nodes();
        let tz = crate::clock::zone();
        let areas = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.level == Level::Area)
            .map(|(i, n)| AreaRow {
                id: n.id.clone(),
                title: n.text.clone(),
                percent: progress.nodes[i].percent,
                counts: progress.nodes[i].counts,
            })
            .collect();
        let mut red = Vec::new();
        let mut yellow = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let s = &progress.nodes[i];
            if n.level != Level::Task || s.light == Light::Green {
                continue;
            }
            let reason = match s.reason {
                Some(Reason::Blocked) => blocked_since(progress, i, &tz).map_or_else(
                    || i18n::reason(lang, Reason::Blocked),
                    |d| {
                        lang.pick(&format!("受阻（自 {d} 起）"), &format!("blocked since {d}"))
                            .to_string()
                    },
                ),
                Some(r) => i18n::reason(lang, r),
                None => String::new(),
            };
            let row = Flagged {
                id: n.id.clone(),
                text: n.text.clone(),
                owner: s.owner.clone(),
                reason,
                percent: s.percent,
                silent: s.history.is_empty(),
            };
            if s.light == Light::Red {
                red.push(row);
            } else {
                yellow.push(row);
            }
        }
        let first = progress.meetings.last().map_or(0, |&m| m + 1);
        let (changes, restored) = net_changes(plan, progress, first, lang);
        let tasks = nodes.iter().filter(|n| n.level == Level::Task).count();
        let changed = changes
            .iter()
            .filter(|c| plan.index_of(&c.node).is_some())
            .count();
        let last_meeting = progress.last_meeting().map(|e| {
            let title = match &e.body {
                Body::Meeting(m) => m.title.clone(),
                Body::Change(_) | Body::Moved(_) => None,
            };
            (title, local_time(e.at))
        });
        let trend = trend::weekly(
            plan,
            &progress.events,
            &progress.targets,
            plan.plan.start,
            progress.as_of,
            &tz,
        );
        let o = &progress.overall;
        Self {
            title: plan.plan.title.clone(),
            as_of: progress.as_of,
            percent: o.percent,
            counts: o.counts,
            summary: i18n::summary(lang, &o.counts),
            areas,
            red,
            yellow,
            last_meeting,
            changes,
            untouched: tasks.saturating_sub(changed + restored.len()),
            restored,
            replaying: None,
            trend,
        }
    }
}

/// One row per task changed since event `first`: its values then and now, and its latest note;
/// and apart, the tasks changed and then set back as they were (no value differs, no note).
fn net_changes(
    plan: &LoadedPlan,
    progress: &Progress,
    first: usize,
    lang: Lang,
) -> (Vec<ChangeRow>, Vec<String>) {
    let mut by_task: std::collections::BTreeMap<(usize, String), Vec<usize>> = Default::default();
    for i in first..progress.events.len() {
        let e = progress.events.event(i);
        if let Body::Change(c) = &e.body {
            // Tasks in plan order; changes to no task of the plan after them, by id.
            let key = match progress.targets.get(i) {
                Some(n) => (n, plan.nodes()[n].id.clone()),
                None => (usize::MAX, c.node.to_string()),
            };
            by_task.entry(key).or_default().push(i);
        }
    }
    let mut restored = Vec::new();
    let changes = by_task
        .into_iter()
        .filter_map(|((place, node), group)| {
            let events: Vec<crate::journal::Event> =
                group.iter().map(|&i| progress.events.event(i)).collect();
            let mut users: Vec<&str> = Vec::new();
            for e in &events {
                if !users.contains(&e.user.as_str()) {
                    users.push(&e.user);
                }
            }
            let notes: Vec<&str> = events
                .iter()
                .filter(|e| !progress.undone.contains(&e.id))
                .filter_map(|e| e.change().and_then(|c| c.note.as_deref()))
                .filter(|n| !n.trim().is_empty())
                .collect();
            let conflict = group.iter().any(|i| !progress.conflicts_of(*i).is_empty());
            let what = if place == usize::MAX {
                let c = events.last().and_then(|e| e.change());
                c.map(|c| i18n::describe_change(lang, c))
                    .unwrap_or_default()
            } else {
                let before = progress.values_before(plan, place, group[0]);
                let after = progress.values_before(plan, place, usize::MAX);
                if before == after && notes.is_empty() {
                    restored.push(node);
                    return None;
                }
                i18n::describe_net(lang, &before, &after, &notes, conflict)
            };
            Some(ChangeRow {
                at: events.last().map(|e| local_time(e.at)).unwrap_or_default(),
                user: users.join(lang.pick("、", ", ")),
                node,
                what,
            })
        })
        .collect();
    (changes, restored)
}

/// The local date of the change that last set task `n` to blocked.
fn blocked_since(progress: &Progress, n: usize, tz: &TimeZone) -> Option<jiff::civil::Date> {
    progress.nodes[n]
        .history
        .iter()
        .rev()
        .map(|&i| progress.events.event(i))
        .find(|e| {
            e.change()
                .is_some_and(|c| c.status == Some(Status::Blocked))
        })
        .map(|e| e.at.to_zoned_datetime(tz.clone()).date())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use jiff::civil::date;

    use super::*;
    use crate::journal::{Change, Event, Meeting};
    use crate::progress::fold;

    fn at(n: u128, when: &str, body: Body) -> Event {
        Event {
            id: uuid::Uuid::from_u128(n),
            at: when.parse().unwrap(),
            user: "王敏".into(),
            body,
        }
    }

    fn change(node: &str, status: Status) -> Body {
        Body::Change(Change {
            node: node.into(),
            status: Some(status),
            ..Change::default()
        })
    }

    fn meeting(title: &str) -> Body {
        Body::Meeting(Meeting {
            title: Some(title.into()),
        })
    }

    #[test]
    fn changes_count_from_the_latest_of_two_checkpoints() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![
            at(
                1,
                "2023-05-01T04:00:00Z",
                change("1.1.1", Status::InProgress),
            ),
            at(2, "2023-05-31T04:00:00Z", meeting("五月例会")),
            at(
                3,
                "2023-06-10T04:00:00Z",
                change("1.1.2", Status::InProgress),
            ),
            at(4, "2023-06-30T04:00:00Z", meeting("六月例会")),
            at(5, "2023-07-10T04:00:00Z", change("2.1.1", Status::Blocked)),
            at(6, "2023-07-11T04:00:00Z", change("3.1.1", Status::Done)),
        ];
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let nodes: Vec<&str> = r.changes.iter().map(|c| c.node.as_str()).collect();
        assert_eq!(nodes, ["2.1.1", "3.1.1"]);
        assert_eq!(r.untouched, 60);
        assert_eq!(
            r.last_meeting.as_ref().unwrap().0.as_deref(),
            Some("六月例会")
        );
        let blocked = r.red.iter().find(|f| f.id == "2.1.1").unwrap();
        // The date is local; 04:00 UTC is the same day from UTC-4 to UTC+14.
        assert_eq!(blocked.reason, "受阻（自 2023-07-10 起）");
        assert!(
            r.yellow.iter().all(|f| f.id != "3.1.1"),
            "done tasks are on no list"
        );
        assert_eq!(r.areas.len(), 6);
        assert_eq!(r.counts.done, 1);
    }

    fn values(node: &str, percent: Option<u8>, owner: Option<&str>, note: Option<&str>) -> Body {
        Body::Change(Change {
            node: node.into(),
            percent,
            owner: owner.map(Into::into),
            note: note.map(Into::into),
            ..Change::default()
        })
    }

    /// Task 1.1.3 at 30% in May, then the May meeting: what the tests of net changes start from.
    fn task_at_30_then_may_meeting() -> Vec<Event> {
        vec![
            at(
                1,
                "2023-05-01T04:00:00Z",
                values("1.1.3", Some(30), None, None),
            ),
            at(2, "2023-05-31T04:00:00Z", meeting("五月例会")),
        ]
    }

    #[test]
    fn each_task_changed_is_one_net_row_in_plan_order() {
        let plan = LoadedPlan::embedded().unwrap();
        let mut events = task_at_30_then_may_meeting();
        // Six steps on one task, an owner named, two notes; another task before it in the plan.
        for (k, p) in [40, 50, 60, 70, 80, 60].into_iter().enumerate() {
            let n = 10 + k as u128;
            events.push(at(
                n,
                "2023-06-01T04:00:00Z",
                values("1.1.3", Some(p), None, None),
            ));
        }
        events.push(at(
            20,
            "2023-06-02T04:00:00Z",
            values("1.1.3", None, Some("人大工委"), Some("第一条")),
        ));
        events.push(at(
            21,
            "2023-06-03T04:00:00Z",
            values("1.1.3", None, None, Some("最新一条")),
        ));
        events.push(at(
            22,
            "2023-06-04T04:00:00Z",
            values("1.1.1", Some(20), None, None),
        ));
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let rows: Vec<(&str, &str)> = r
            .changes
            .iter()
            .map(|c| (c.node.as_str(), c.what.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("1.1.1", "完成率 0%→20%"),
                (
                    "1.1.3",
                    "完成率 30%→60%，责任部门 （无）→人大工委，进展：最新一条（共2条）"
                ),
            ]
        );
        assert_eq!(r.untouched, 60);
    }

    #[test]
    fn a_task_changed_and_set_back_is_counted_apart_not_as_changed() {
        let plan = LoadedPlan::embedded().unwrap();
        let mut events = task_at_30_then_may_meeting();
        // 30→60→30 on one task; another set back with a note, which is news.
        for (n, p) in [(10, 60), (11, 30)] {
            events.push(at(
                n,
                "2023-06-01T04:00:00Z",
                values("1.1.3", Some(p), None, None),
            ));
        }
        for (n, p, note) in [(12, 20, None), (13, 0, Some("暂缓"))] {
            events.push(at(
                n,
                "2023-06-02T04:00:00Z",
                values("1.1.1", Some(p), None, note),
            ));
        }
        events.push(at(
            14,
            "2023-06-03T04:00:00Z",
            values("2.1.1", Some(40), None, None),
        ));
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let nodes: Vec<&str> = r.changes.iter().map(|c| c.node.as_str()).collect();
        assert_eq!(nodes, ["1.1.1", "2.1.1"]);
        assert_eq!(r.restored, ["1.1.3"]);
        assert_eq!(r.untouched, 59);
        assert_eq!(
            i18n::changed_count(Lang::Zh, r.changes.len(), r.restored.len(), r.untouched),
            "：2项有变化，1项改后复原，59项未动"
        );
    }

    #[test]
    fn without_a_checkpoint_every_change_counts() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![at(1, "2023-05-01T04:00:00Z", change("1.1.1", Status::Done))];
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::En);
        assert!(r.last_meeting.is_none());
        assert_eq!(r.changes.len(), 1);
        assert!(r.summary.starts_with("62 tasks: 1 done"));
    }
}
