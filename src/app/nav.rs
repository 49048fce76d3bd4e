//! Moving through the tree: folding, clicking, jumping to an area, revealing a node.

use super::App;
use crate::plan::Level;

impl App {
    pub(super) fn collapse(&mut self) {
        let Some(n) = self.selected() else { return };
        if self.session.plan.nodes()[n].level != Level::Task && self.tree.expanded[n] {
            self.set_expanded(false);
        } else if let Some(p) = self.session.plan.nodes()[n].parent
            && let Some(pos) = self.tree.visible.iter().position(|&v| v == p)
        {
            self.tree.move_to(pos);
        }
    }

    pub(super) fn set_expanded(&mut self, open: bool) {
        let Some(n) = self.selected() else { return };
        if self.session.plan.nodes()[n].level != Level::Task {
            self.tree.expanded[n] = open;
            self.tree.rebuild(
                &self.session.plan,
                &self.session.progress,
                self.filter.as_ref(),
                Some(n),
            );
        }
    }

    pub(super) fn toggle(&mut self) {
        if let Some(n) = self.selected() {
            self.set_expanded(!self.tree.expanded[n]);
        }
    }

    pub(super) fn click(&mut self, row: usize) {
        let pos = self.tree.offset + row;
        if pos >= self.tree.visible.len() {
            return;
        }
        self.tree.move_to(pos);
        self.toggle();
    }

    pub(super) fn jump_area(&mut self, n: usize) {
        let target = self
            .session
            .plan
            .nodes()
            .iter()
            .enumerate()
            .filter(|(_, node)| node.level == Level::Area)
            .nth(n.saturating_sub(1))
            .map(|(i, _)| i);
        if let Some(t) = target {
            self.reveal(t);
        }
    }

    /// Expands the ancestors of node `n` and selects it.
    pub(super) fn reveal(&mut self, n: usize) {
        let mut p = self.session.plan.nodes()[n].parent;
        while let Some(q) = p {
            self.tree.expanded[q] = true;
            p = self.session.plan.nodes()[q].parent;
        }
        self.tree.rebuild(
            &self.session.plan,
            &self.session.progress,
            self.filter.as_ref(),
            Some(n),
        );
        if self.selected() != Some(n) && self.filter.is_some() {
            // The filter hides it: drop the filter rather than fail to go there.
            self.filter = None;
            self.tree
                .rebuild(&self.session.plan, &self.session.progress, None, Some(n));
        }
    }
}
