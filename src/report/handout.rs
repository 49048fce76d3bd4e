//! What a printed handout adds to the meeting report, grouped as the meeting view groups it: the
//! yellow tasks that never had progress recorded told in one line per item, and the red and
//! yellow tasks per 责任部门 for the 督办单.

use super::meeting::{Flagged, MeetingReport};
use crate::i18n::{self, Lang};
use crate::plan::LoadedPlan;

/// One 责任部门's red and yellow tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Department<'a> {
    /// `None` for the tasks without an owner (or with a blank one).
    pub owner: Option<&'a str>,
    pub red: Vec<&'a Flagged>,
    pub yellow: Vec<&'a Flagged>,
}

/// The red and yellow tasks per 责任部门: the departments with most red first, then most
/// yellow, then in the order they first come (the red list, then the yellow, each in plan
/// order); the tasks without an owner last.
pub fn by_owner(report: &MeetingReport) -> Vec<Department<'_>> {
    let mut out: Vec<Department> = Vec::new();
    for (red, list) in [(true, &report.red), (false, &report.yellow)] {
        for f in list {
            let owner = f.owner.as_deref().filter(|o| !o.trim().is_empty());
            let i = match out.iter().position(|d| d.owner == owner) {
                Some(i) => i,
                None => {
                    out.push(Department {
                        owner,
                        red: Vec::new(),
                        yellow: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            if red {
                out[i].red.push(f);
            } else {
                out[i].yellow.push(f);
            }
        }
    }
    out.sort_by_key(|d| {
        (
            d.owner.is_none(),
            std::cmp::Reverse(d.red.len()),
            std::cmp::Reverse(d.yellow.len()),
        )
    });
    out
}

/// `list` (tasks in plan order) as the meeting view shows it: the tasks with progress one row
/// each, then per item, in plan order, one line for its tasks that never had progress recorded
/// (`silent`). The line's id is the item's; its text names the item, the count and the tasks'
/// ids; its reason and owner gather the tasks' distinct reasons and owners.
pub fn fold_silent<'a>(
    plan: &LoadedPlan,
    lang: Lang,
    list: impl IntoIterator<Item = &'a Flagged>,
) -> Vec<Flagged> {
    let nodes = plan.nodes();
    let mut rows = Vec::new();
    let mut items: Vec<(usize, Vec<&Flagged>)> = Vec::new();
    for f in list {
        let item = plan.index_of(&f.id).and_then(|t| nodes[t].parent);
        match item {
            Some(item) if f.silent => match items.iter_mut().find(|(i, _)| *i == item) {
                Some((_, group)) => group.push(f),
                None => items.push((item, vec![f])),
            },
            _ => rows.push(f.clone()),
        }
    }
    rows.extend(items.into_iter().map(|(item, group)| {
        let node = &nodes[item];
        let sep = i18n::list_separator(lang);
        let ids: Vec<&str> = group.iter().map(|f| f.id.as_str()).collect();
        let owners = distinct(group.iter().filter_map(|f| f.owner.as_deref()));
        Flagged {
            id: node.id.clone(),
            text: i18n::unreported_line(lang, &node.text, group.len(), &ids.join(sep)),
            owner: (!owners.is_empty()).then(|| owners.join(sep)),
            reason: distinct(group.iter().map(|f| f.reason.as_str())).join(sep),
            percent: 0.0,
            silent: true,
        }
    }));
    rows
}

/// The distinct non-empty strings of `all`, in the order they first come.
fn distinct<'a>(all: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in all {
        if !s.trim().is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use jiff::civil::date;

    use super::*;
    use crate::journal::{Body, Change, Event};
    use crate::progress::fold;

    fn change(n: u128, node: &str, percent: Option<u8>, owner: Option<&str>) -> Event {
        Event {
            id: uuid::Uuid::from_u128(n),
            at: "2023-05-01T04:00:00Z".parse().unwrap(),
            user: "王敏".into(),
            body: Body::Change(Change {
                node: node.into(),
                percent,
                owner: owner.map(Into::into),
                ..Change::default()
            }),
        }
    }

    #[test]
    fn silent_tasks_of_an_item_become_one_line_after_the_others() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![change(1, "1.1.2", Some(10), None)];
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let folded = fold_silent(&plan, Lang::Zh, &r.yellow);
        assert_eq!(
            folded[0].id, "1.1.2",
            "the task with progress keeps its row"
        );
        assert_eq!(folded[1].id, "1.1");
        assert_eq!(
            folded[1].text,
            "践行全过程人民民主：2项未填报进展（1.1.1、1.1.3）"
        );
        assert!(folded.len() < r.yellow.len() / 2);
    }

    #[test]
    fn departments_with_most_red_come_first_and_the_unassigned_last() {
        let plan = LoadedPlan::embedded().unwrap();
        let mut events = vec![
            change(1, "1.1.1", None, Some("人大工委")),
            change(2, "2.1.1", None, Some("自治办")),
            change(3, "2.2.1", None, Some("自治办")),
        ];
        events.push(Event {
            body: Body::Change(Change {
                node: "2.1.1".into(),
                status: Some(crate::status::Status::Blocked),
                ..Change::default()
            }),
            ..change(4, "2.1.1", None, None)
        });
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let owners: Vec<Option<&str>> = by_owner(&r).iter().map(|d| d.owner).collect();
        assert_eq!(owners, [Some("自治办"), Some("人大工委"), None]);
    }
}
