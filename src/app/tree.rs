//! Which rows of the plan tree are visible, which is selected, and where the view is scrolled.

use crate::plan::{Level, LoadedPlan};
use crate::progress::{Light, Progress};
use crate::status::Status;

/// Narrows the tree to tasks with a status, light or owner (and their parents); `All` asks for
/// several at once (红 and one department).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Status(Status),
    Light(Light),
    Owner(String),
    All(Vec<Filter>),
}

impl Filter {
    /// Whether task `i` passes.
    fn keeps(&self, progress: &Progress, i: usize) -> bool {
        let s = &progress.nodes[i];
        match self {
            Filter::Status(st) => s.status == *st,
            Filter::Light(l) => s.light == *l,
            Filter::Owner(o) => s.owner.as_deref().is_some_and(|x| x.contains(o.as_str())),
            Filter::All(all) => all.iter().all(|f| f.keeps(progress, i)),
        }
    }

    /// This filter narrowed further by `other`: a filter of another kind is added to it, one of
    /// the same kind (another light, another department) takes its place.
    pub fn and(self, other: Filter) -> Filter {
        let same = |a: &Filter| std::mem::discriminant(a) == std::mem::discriminant(&other);
        let mut all = match self {
            Filter::All(all) => all,
            one => vec![one],
        };
        all.retain(|f| !same(f));
        all.push(other);
        match all.len() {
            1 => all.remove(0),
            _ => Filter::All(all),
        }
    }
}

/// The tree pane's state: expansion, the visible rows, the cursor and the scroll offset.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    /// Per plan node: whether its children are shown.
    pub expanded: Vec<bool>,
    /// Plan node indices of the rows shown, top to bottom.
    pub visible: Vec<usize>,
    /// Index into `visible` of the selected row.
    pub cursor: usize,
    /// Index into `visible` of the first row on screen.
    pub offset: usize,
    /// Rows the pane can show.
    pub height: usize,
}

impl TreeState {
    /// Areas and items expanded, so every task is one step away.
    pub fn new(plan: &LoadedPlan) -> Self {
        let expanded = plan
            .nodes()
            .iter()
            .map(|n| n.level == Level::Area)
            .collect();
        Self {
            expanded,
            height: 1,
            ..Self::default()
        }
    }

    /// The selected plan node, if any row is visible.
    pub fn selected(&self) -> Option<usize> {
        self.visible.get(self.cursor).copied()
    }

    /// Opens every area and item that holds a task `filter` keeps, so that a new filter shows
    /// its matches.
    pub fn open_matches(&mut self, plan: &LoadedPlan, progress: &Progress, filter: &Filter) {
        let nodes = plan.nodes();
        for (i, n) in nodes.iter().enumerate() {
            if n.level == Level::Task && filter.keeps(progress, i) {
                let mut p = n.parent;
                while let Some(q) = p {
                    self.expanded[q] = true;
                    p = nodes[q].parent;
                }
            }
        }
    }

    /// Recomputes the visible rows, keeping `keep` selected when it is still shown.
    pub fn rebuild(
        &mut self,
        plan: &LoadedPlan,
        progress: &Progress,
        filter: Option<&Filter>,
        keep: Option<usize>,
    ) {
        let nodes = plan.nodes();
        self.visible.clear();
        match filter {
            None => {
                let mut i = 0;
                while i < nodes.len() {
                    self.visible.push(i);
                    if nodes[i].level != Level::Task && !self.expanded[i] {
                        i = skip_subtree(plan, i);
                    } else {
                        i += 1;
                    }
                }
            }
            Some(f) => {
                let mut shown = vec![false; nodes.len()];
                for (i, n) in nodes.iter().enumerate() {
                    if n.level == Level::Task && f.keeps(progress, i) {
                        shown[i] = true;
                        let mut p = n.parent;
                        while let Some(q) = p {
                            shown[q] = true;
                            p = nodes[q].parent;
                        }
                    }
                }
                // A collapsed area or item hides its matches too, so collapsing works as usual.
                let mut i = 0;
                while i < nodes.len() {
                    if !shown[i] {
                        i += 1;
                        continue;
                    }
                    self.visible.push(i);
                    if nodes[i].level != Level::Task && !self.expanded[i] {
                        i = skip_subtree(plan, i);
                    } else {
                        i += 1;
                    }
                }
            }
        }
        self.cursor = keep
            .and_then(|k| self.visible.iter().position(|&v| v == k))
            .or_else(|| {
                // The kept node is hidden: select its nearest shown ancestor, else stay in place.
                let mut p = keep.and_then(|k| nodes[k].parent);
                while let Some(q) = p {
                    if let Some(pos) = self.visible.iter().position(|&v| v == q) {
                        return Some(pos);
                    }
                    p = nodes[q].parent;
                }
                None
            })
            .unwrap_or(self.cursor)
            .min(self.visible.len().saturating_sub(1));
        self.scroll_to_cursor();
    }

    /// Moves the cursor by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.scroll_to_cursor();
    }

    /// Puts the cursor on row `pos`.
    pub fn move_to(&mut self, pos: usize) {
        self.cursor = pos.min(self.visible.len().saturating_sub(1));
        self.scroll_to_cursor();
    }

    /// Scrolls the view by `delta` rows without moving past the ends; keeps the cursor on screen.
    pub fn scroll_by(&mut self, delta: isize) {
        let max = self.visible.len().saturating_sub(self.height);
        self.offset = self.offset.saturating_add_signed(delta).min(max);
        if self.cursor < self.offset {
            self.cursor = self.offset;
        } else if self.cursor >= self.offset + self.height {
            self.cursor = self.offset + self.height.saturating_sub(1);
        }
    }

    /// Sets how many rows fit, and keeps the cursor in view.
    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.scroll_to_cursor();
    }

    fn scroll_to_cursor(&mut self) {
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + self.height {
            self.offset = self.cursor + 1 - self.height;
        }
        let max = self.visible.len().saturating_sub(self.height);
        self.offset = self.offset.min(max);
    }
}

/// The index just past the subtree rooted at `i` (tree order keeps subtrees contiguous).
fn skip_subtree(plan: &LoadedPlan, i: usize) -> usize {
    let nodes = plan.nodes();
    let mut last = i;
    while let Some(&c) = nodes[last].children.last() {
        last = c;
    }
    last + 1
}
