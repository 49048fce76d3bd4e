//! Where each pane sits for a given terminal size; shared by drawing and mouse hit-testing.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal height the dashboard draws in.
pub const MIN_HEIGHT: u16 = 24;

/// The dashboard's panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub area: Rect,
    pub header: Rect,
    pub tree: Rect,
    pub detail: Rect,
    pub footer: Rect,
    /// Below 80x24 nothing but a message is drawn.
    pub too_small: bool,
}

impl Regions {
    /// Splits the terminal area into panes.
    pub fn new(area: Rect) -> Self {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let [header, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(0),
            Constraint::Length(2),
        ]));
        let tree_width = (u32::from(body.width) * 3 / 5) as u16;
        let [tree, detail] = body.layout(&Layout::horizontal([
            Constraint::Length(tree_width.max(48).min(body.width)),
            Constraint::Min(0),
        ]));
        Self {
            area,
            header,
            tree,
            detail,
            footer,
            too_small,
        }
    }

    /// How many tree rows fit inside the tree pane's border.
    pub fn tree_rows(&self) -> usize {
        usize::from(self.tree.height.saturating_sub(2)).max(1)
    }

    /// The tree row (counted from the top of the pane's inside) at a screen position.
    pub fn tree_row_at(&self, x: u16, y: u16) -> Option<usize> {
        let inner = self.tree.inner(ratatui::layout::Margin::new(1, 1));
        (!self.too_small && inner.contains(ratatui::layout::Position::new(x, y)))
            .then(|| usize::from(y - inner.y))
    }
}
