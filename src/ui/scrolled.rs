//! A list of entries that scrolls by whole entries (a task on one or two lines is never cut in
//! half), in a bordered pane whose bottom border says which rows are shown of how many and
//! which key scrolls it.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::THEME;
use crate::i18n::{self, Lang};
use crate::text;

/// One entry of a list: its lines, and whether it is a row of the list (a task, a folded line,
/// a change) or a heading, which the count of rows leaves out.
pub struct Entry {
    pub lines: Vec<Line<'static>>,
    pub row: bool,
}

impl Entry {
    pub fn row(lines: Vec<Line<'static>>) -> Self {
        Self { lines, row: true }
    }

    pub fn heading(line: Line<'static>) -> Self {
        Self {
            lines: vec![line],
            row: false,
        }
    }
}

/// Which entries show in `height` lines from entry `first`, and how far the list can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first entry shown (`first`, brought back within the list).
    pub first: usize,
    /// The entry after the last one shown.
    pub end: usize,
    /// The most the list can be scrolled: from there, the rest fits.
    pub most: usize,
}

impl Window {
    pub fn of(entries: &[Entry], first: usize, height: usize) -> Self {
        let mut most = entries.len();
        let mut used = 0;
        while most > 0 && used + entries[most - 1].lines.len() <= height {
            used += entries[most - 1].lines.len();
            most -= 1;
        }
        // An entry taller than the pane still shows, cut.
        let most = most.min(entries.len().saturating_sub(1));
        let first = first.min(most);
        let mut end = first;
        let mut used = 0;
        while end < entries.len() && (end == first || used + entries[end].lines.len() <= height) {
            used += entries[end].lines.len();
            end += 1;
        }
        Self { first, end, most }
    }

    /// Whether every entry shows.
    pub fn whole(&self, len: usize) -> bool {
        self.first == 0 && self.end >= len
    }
}

/// What the app keeps of a list as drawn, so that its keys never scroll past the end.
pub struct Kept<'a> {
    pub most: &'a Cell<usize>,
    pub shown: &'a Cell<usize>,
}

/// Draws `block` over `area` and in it `head` (lines that do not scroll) then `entries` from
/// entry `first`; when they do not all fit, the bottom border says which rows show of how many
/// and the key that scrolls them (`focused`: PgUp/PgDn, else Tab first).
#[allow(clippy::too_many_arguments)]
pub fn render(
    lang: Lang,
    block: Block<'_>,
    head: Vec<Line<'static>>,
    entries: &[Entry],
    first: usize,
    focused: bool,
    kept: Kept<'_>,
    area: Rect,
    buf: &mut Buffer,
) {
    let inner = block.inner(area);
    let head_rows = head.len().min(usize::from(inner.height));
    let height = usize::from(inner.height) - head_rows;
    let window = Window::of(entries, first, height);
    kept.most.set(window.most);
    kept.shown.set(window.end - window.first);
    let block = if window.whole(entries.len()) {
        block
    } else {
        let before = entries[..window.first].iter().filter(|e| e.row).count();
        let to = before
            + entries[window.first..window.end]
                .iter()
                .filter(|e| e.row)
                .count();
        let total = entries.iter().filter(|e| e.row).count();
        let words = i18n::list_position(lang, before + 1, to, total, focused);
        let room = usize::from(area.width.saturating_sub(2));
        block.title_bottom(Line::styled(text::ellipsize(&words, room), THEME.title).right_aligned())
    };
    block.render(area, buf);
    let mut lines = head;
    lines.truncate(head_rows);
    lines.extend(
        entries[window.first..window.end]
            .iter()
            .flat_map(|e| e.lines.iter().cloned()),
    );
    Paragraph::new(super::all_shown(lines)).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(heights: &[usize]) -> Vec<Entry> {
        heights
            .iter()
            .map(|&h| Entry::row(vec![Line::raw("x"); h]))
            .collect()
    }

    #[test]
    fn a_window_holds_whole_entries_and_stops_where_the_rest_fits() {
        let list = entries(&[1, 2, 2, 1, 2]);
        assert_eq!(
            Window::of(&list, 0, 4),
            Window {
                first: 0,
                end: 2,
                most: 3
            }
        );
        assert_eq!(Window::of(&list, 2, 4).end, 4);
        // Past the end: back to where the rest fits.
        assert_eq!(Window::of(&list, 9, 4).first, 3);
        assert!(Window::of(&list, 0, 8).whole(list.len()));
        // A pane lower than an entry still shows it.
        assert_eq!(Window::of(&list, 1, 1).end, 2);
        assert_eq!(
            Window::of(&[], 0, 3),
            Window {
                first: 0,
                end: 0,
                most: 0
            }
        );
    }
}
