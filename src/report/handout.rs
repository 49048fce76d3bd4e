//! What a printed handout adds to the meeting report: the yellow tasks that have no progress
//! reported at all, folded into one line per item, so that the list the meeting acts on stays
//! short.

use std::collections::HashMap;

use super::meeting::Flagged;
use crate::i18n::{self, Lang};
use crate::plan::LoadedPlan;
use crate::progress::Progress;
use crate::status::Status;

/// The plan index of the item of task `id`, when the task has no progress reported at all:
/// not started, at 0 %, without a note.
fn unreported_item(plan: &LoadedPlan, progress: &Progress, id: &str) -> Option<usize> {
    let i = plan.index_of(id)?;
    let s = progress.nodes.get(i)?;
    let silent = s.status == Status::NotStarted && s.percent == 0.0 && s.notes.is_empty();
    if silent { plan.nodes()[i].parent } else { None }
}

/// `list` (tasks in plan order) with the tasks of one item that have no progress reported
/// folded into one line, where the first of them stood, when there are two or more of them.
/// The line's id is the item's; its text names the item, the count and the tasks' ids; its
/// reason and owner gather the tasks' distinct reasons and owners. Every other task keeps its
/// own row.
pub fn fold_unreported(
    plan: &LoadedPlan,
    progress: &Progress,
    lang: Lang,
    list: &[Flagged],
) -> Vec<Flagged> {
    let items: Vec<Option<usize>> = list
        .iter()
        .map(|f| unreported_item(plan, progress, &f.id))
        .collect();
    let mut groups: HashMap<usize, Vec<&Flagged>> = HashMap::new();
    for (f, item) in list.iter().zip(&items) {
        if let Some(item) = item {
            groups.entry(*item).or_default().push(f);
        }
    }
    let mut out = Vec::with_capacity(list.len());
    for (f, item) in list.iter().zip(&items) {
        match item.and_then(|i| groups.get(&i).map(|g| (i, g))) {
            Some((_, group)) if group.len() < 2 => out.push(f.clone()),
            Some((i, group)) => {
                if std::ptr::eq(group[0], f) {
                    out.push(folded(plan, lang, i, group));
                }
            }
            None => out.push(f.clone()),
        }
    }
    out
}

/// One line for the tasks of item `item` that have no progress reported.
fn folded(plan: &LoadedPlan, lang: Lang, item: usize, group: &[&Flagged]) -> Flagged {
    let node = &plan.nodes()[item];
    let sep = i18n::list_separator(lang);
    let ids: Vec<&str> = group.iter().map(|f| f.id.as_str()).collect();
    let reasons = distinct(group.iter().map(|f| f.reason.as_str()));
    let owners = distinct(group.iter().filter_map(|f| f.owner.as_deref()));
    Flagged {
        id: node.id.clone(),
        text: i18n::unreported_line(lang, &node.text, group.len(), &ids.join(sep)),
        owner: (!owners.is_empty()).then(|| owners.join(sep)),
        reason: reasons.join(sep),
        percent: 0.0,
    }
}

/// The distinct non-empty strings of `all`, in the order they first come.
fn distinct<'a>(all: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in all {
        if !s.is_empty() && !out.contains(&s) {
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
    use crate::report::meeting::MeetingReport;

    #[test]
    fn silent_tasks_of_an_item_become_one_line_and_the_others_keep_theirs() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![Event {
            id: uuid::Uuid::from_u128(1),
            at: "2023-05-01T04:00:00Z".parse().unwrap(),
            user: "王敏".into(),
            body: Body::Change(Change {
                node: "1.1.2".into(),
                percent: Some(10),
                ..Change::default()
            }),
        }];
        let progress = fold(&plan, events, date(2023, 9, 1));
        let r = MeetingReport::new(&plan, &progress, Lang::Zh);
        let folded = fold_unreported(&plan, &progress, Lang::Zh, &r.yellow);
        let ids: Vec<&str> = folded.iter().take(2).map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["1.1", "1.1.2"],
            "the item's line where its first task stood"
        );
        assert_eq!(
            folded[0].text,
            "践行全过程人民民主：2项未填报进展（1.1.1、1.1.3）"
        );
        assert!(folded.len() < r.yellow.len() / 2);
    }
}
