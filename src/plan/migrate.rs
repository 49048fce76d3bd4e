//! Where each task of an earlier plan is in a changed one, for `workplan plan migrate`: by the
//! task's key, else by the same text, else by the most similar text (which the officer confirms).

use std::collections::HashMap;

use super::{Level, LoadedPlan};

/// How a task of the earlier plan was found in the new one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Found {
    /// The same key.
    Key,
    /// The same text.
    Text,
    /// The most similar text, with its similarity (0–1).
    Similar(f64),
    /// Not found: the task was dropped.
    Dropped,
}

/// One task of the earlier plan and where it is in the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The task's index in the earlier plan.
    pub old: usize,
    /// Its index in the new plan, unless dropped.
    pub new: Option<usize>,
    pub found: Found,
}

impl Proposal {
    /// Whether the history must be told where the task went: its id or its key changed.
    pub fn moves(&self, old: &LoadedPlan, new: &LoadedPlan) -> bool {
        self.new.is_some_and(|n| {
            let (a, b) = (&old.nodes()[self.old], &new.nodes()[n]);
            a.id != b.id || a.key != b.key
        })
    }
}

/// Texts at least this similar (Sørensen–Dice over character pairs) are proposed as one task.
pub const SIMILAR: f64 = 0.5;

/// Beyond this many pairs of unmatched tasks, similar texts are not looked for.
const MOST_PAIRS: usize = 4_000_000;

/// Where each task of `old` is in `new`, in the order of `old`.
pub fn propose(old: &LoadedPlan, new: &LoadedPlan) -> Vec<Proposal> {
    let tasks = |p: &LoadedPlan| -> Vec<usize> {
        p.nodes()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.level == Level::Task)
            .map(|(i, _)| i)
            .collect()
    };
    let (old_tasks, new_tasks) = (tasks(old), tasks(new));
    let mut taken = vec![false; new.nodes().len()];
    let mut found: HashMap<usize, (usize, Found)> = HashMap::new();
    for &o in &old_tasks {
        if let Some(n) = new.index_of_key(&old.nodes()[o].key)
            && !taken[n]
        {
            taken[n] = true;
            found.insert(o, (n, Found::Key));
        }
    }
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for &n in new_tasks.iter().rev().filter(|&&n| !taken[n]) {
        by_text
            .entry(new.nodes()[n].text.trim())
            .or_default()
            .push(n);
    }
    for &o in &old_tasks {
        if found.contains_key(&o) {
            continue;
        }
        if let Some(n) = by_text
            .get_mut(old.nodes()[o].text.trim())
            .and_then(Vec::pop)
        {
            taken[n] = true;
            found.insert(o, (n, Found::Text));
        }
    }
    let left_old: Vec<usize> = old_tasks
        .iter()
        .copied()
        .filter(|o| !found.contains_key(o))
        .collect();
    let left_new: Vec<usize> = new_tasks.iter().copied().filter(|&n| !taken[n]).collect();
    if left_old.len().saturating_mul(left_new.len()) <= MOST_PAIRS {
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for &o in &left_old {
            for &n in &left_new {
                let s = strsim::sorensen_dice(&old.nodes()[o].text, &new.nodes()[n].text);
                if s >= SIMILAR {
                    pairs.push((s, o, n));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (s, o, n) in pairs {
            if !taken[n] && !found.contains_key(&o) {
                taken[n] = true;
                found.insert(o, (n, Found::Similar(s)));
            }
        }
    }
    old_tasks
        .into_iter()
        .map(|o| match found.get(&o) {
            Some(&(n, how)) => Proposal {
                old: o,
                new: Some(n),
                found: how,
            },
            None => Proposal {
                old: o,
                new: None,
                found: Found::Dropped,
            },
        })
        .collect()
}
