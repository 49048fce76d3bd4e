//! What the desk view does beyond moving and editing: scrolling the detail pane, reopening a
//! task at its earlier percent, and saying what an undo or redo did.

use super::{App, Notice};
use crate::action::Action;
use crate::edit;
use crate::i18n;
use crate::journal::Event;
use crate::status::Status;

impl App {
    /// Scrolls the detail pane, when the action is for it (the wheel over it, or a move key while
    /// it has the focus); whether it was.
    pub(super) fn scroll_detail(&mut self, action: &Action) -> bool {
        let page = self.tree.height.max(1);
        let by = |s: usize, d: isize| s.saturating_add_signed(d);
        let s = self.detail_scroll;
        self.detail_scroll = match (action, self.detail_focus) {
            (Action::DetailScrollUp, _) => by(s, -3),
            (Action::DetailScrollDown, _) => by(s, 3),
            (Action::ToggleFocus, _) => {
                self.detail_focus = !self.detail_focus;
                s
            }
            (Action::Up, true) => by(s, -1),
            (Action::Down, true) => by(s, 1),
            (Action::PageUp, true) => s.saturating_sub(page),
            (Action::PageDown, true) => s + page,
            (Action::Home, true) => 0,
            (Action::End, true) => usize::MAX / 2,
            _ => return false,
        };
        true
    }

    /// The percent task `n` had before it was last marked done (below 100; when it had none,
    /// the percent a reopened task takes).
    pub(super) fn percent_before_done(&self, n: usize) -> u8 {
        let s = &self.session.progress.nodes[n];
        let done_at = s.history.iter().rev().copied().find(|&i| {
            self.session
                .progress
                .events
                .event(i)
                .change()
                .is_some_and(|c| c.status == Some(Status::Done) || c.percent == Some(100))
        });
        done_at
            .map(|i| {
                self.session
                    .progress
                    .values_before(&self.session.plan, n, i)
                    .percent
            })
            .filter(|&p| p < 100)
            .unwrap_or(crate::progress::REOPENED_PERCENT)
    }

    /// Commits an undo or a redo, says what it did ("已撤销：5.1.1 完成率 40%→30%") and shows
    /// the task it changed.
    pub(super) fn commit_told(&mut self, r: Result<Vec<Event>, edit::EditError>, done: &str) {
        let Ok(events) = r else {
            return self.commit_result(r);
        };
        let first = events.iter().find_map(|e| {
            let c = e.change()?;
            let n = crate::progress::target::current(&self.session.plan, c)?;
            Some((n, c.clone()))
        });
        let before = first.as_ref().map(|(n, _)| {
            self.session
                .progress
                .values_before(&self.session.plan, *n, usize::MAX)
        });
        let count = events.len();
        self.commit(events);
        if let (Some((n, c)), Some(before), None) = (first, before, &self.session.save_error) {
            let after = self
                .session
                .progress
                .values_before(&self.session.plan, n, usize::MAX);
            // Only a note taken back or given back leaves the values as they were: name it.
            let noted = match c.undoes {
                Some(id) => self.session.progress.change_of(n, id),
                None => Some(c.clone()),
            };
            let what = match &noted {
                Some(change) if before == after => i18n::describe_plain(self.lang, change),
                _ => i18n::describe_net(self.lang, &before, &after, &[], false),
            };
            let id = &c.node;
            self.notice = Some(Notice::Info(i18n::told(self.lang, done, id, &what, count)));
            self.reveal(n);
        }
    }
}
