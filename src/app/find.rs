//! Search and filter: which nodes match, and stepping through them.

use super::{App, Filter, Notice};

impl App {
    /// Narrows the tree by `filter`, on top of the filter already on (Esc clears them all);
    /// `None` clears.
    pub(super) fn set_filter(&mut self, filter: Option<Filter>) {
        let filter = match (self.filter.take(), filter) {
            (Some(on), Some(f)) => Some(on.and(f)),
            (_, f) => f,
        };
        if let Some(f) = &filter {
            self.tree
                .open_matches(&self.session.plan, &self.session.progress, f);
        }
        self.filter = filter;
        let keep = self.selected();
        self.tree.rebuild(
            &self.session.plan,
            &self.session.progress,
            self.filter.as_ref(),
            keep,
        );
    }

    pub(super) fn set_search(&mut self, query: &str) {
        if query.is_empty() {
            self.search = None;
            self.matches.clear();
            return;
        }
        self.search = Some(query.to_string());
        self.matches = self.find(query);
        if self.matches.is_empty() {
            self.notice = Some(Notice::Info(crate::i18n::no_match(self.lang).to_string()));
        } else {
            // A new search starts at the current row: it may already be a match.
            let here = self.selected().unwrap_or(0);
            let first = self.matches.iter().find(|&&m| m >= here);
            if let Some(&t) = first.or(self.matches.first()) {
                self.reveal(t);
            }
        }
    }

    /// Plan nodes whose title, text, owner or notes contain `query` (case-insensitive).
    pub(super) fn find(&self, query: &str) -> Vec<usize> {
        let q = query.to_lowercase();
        let has = |s: &str| s.to_lowercase().contains(&q);
        self.session
            .plan
            .nodes()
            .iter()
            .enumerate()
            .filter(|(i, node)| {
                let s = &self.session.progress.nodes[*i];
                has(&node.id)
                    || has(&node.text)
                    || node.text_en.as_deref().is_some_and(has)
                    || s.owner.as_deref().is_some_and(has)
                    || s.notes.iter().any(|&e| {
                        self.session
                            .progress
                            .events
                            .event(e)
                            .change()
                            .and_then(|c| c.note.as_deref())
                            .is_some_and(has)
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Selects the next (or previous) match after the selection, wrapping around.
    pub(super) fn next_match(&mut self, forward: bool) {
        if self.matches.is_empty() {
            return;
        }
        let here = self.selected().unwrap_or(0);
        let target = if forward {
            self.matches
                .iter()
                .find(|&&m| m > here)
                .or(self.matches.first())
        } else {
            self.matches
                .iter()
                .rev()
                .find(|&&m| m < here)
                .or(self.matches.last())
        };
        if let Some(&t) = target {
            self.reveal(t);
        }
    }

    /// Position of the selection among the matches, 1-based, for "2/5".
    pub fn match_position(&self) -> Option<usize> {
        let s = self.selected()?;
        self.matches.iter().position(|&m| m == s).map(|p| p + 1)
    }
}
