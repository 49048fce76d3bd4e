//! Clearing the area under a popup. ratatui's `Clear` leaves a double-width character whose
//! right half the area covers: the terminal then draws it whole, over the popup's left border.
//! This clear blanks such a character too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::text;

/// Clears `area`, and a double-width character straddling its left edge.
pub struct ClearWide;

impl Widget for ClearWide {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        if area.x <= buf.area.x {
            return;
        }
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_character_across_the_left_edge_is_blanked() {
        let mut buf = Buffer::with_lines(["汉字汉字"]);
        ClearWide.render(Rect::new(3, 0, 4, 1), &mut buf);
        // 字 at columns 2–3 straddled the edge at 3: blanked, not left to cover the border.
        assert_eq!(buf, Buffer::with_lines(["汉      "]));
        // An edge between two characters leaves both whole.
        let mut buf = Buffer::with_lines(["汉字汉字"]);
        ClearWide.render(Rect::new(2, 0, 4, 1), &mut buf);
        assert_eq!(buf, Buffer::with_lines(["汉    字"]));
    }
}
