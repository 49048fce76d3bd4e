//! A progress bar with its percent beside it, never on it: `██████▍░░░░  76.7%`. The bar is in
//! the colour of its light (blocks only, no text on them), the percent in the terminal's own
//! colour, right-aligned so a column of them lines up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::THEME;
use crate::i18n;

/// Columns the percent takes, its leading space included: ` 100%`, `  76.7%`.
const PERCENT: usize = 7;

/// Eighths of a block, for the bar's last partly filled column.
const EIGHTHS: [&str; 8] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A progress bar of `percent` (0–100) drawn with `fill`.
pub struct Bar {
    pub percent: f64,
    pub fill: Style,
}

impl Bar {
    /// The bar as a line of `width` columns.
    pub fn line(&self, width: usize) -> Line<'static> {
        let (filled, rest) = blocks(self.percent, width.saturating_sub(PERCENT));
        let label = format!("{}%", i18n::format_percent(self.percent));
        Line::from(vec![
            Span::styled(filled, self.fill),
            Span::styled("░".repeat(rest), THEME.bar_empty),
            Span::raw(format!("{label:>PERCENT$}")),
        ])
    }
}

/// The filled part of a bar of `cols` columns at `percent`, to the eighth of a column, and how
/// many columns are left empty: every bar of the dashboard rounds alike (50% of five columns is
/// two and a half, not three).
pub fn blocks(percent: f64, cols: usize) -> (String, usize) {
    let eighths = ((percent / 100.0).clamp(0.0, 1.0) * (cols * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut filled = "█".repeat(full);
    if part > 0 {
        filled.push_str(EIGHTHS[part]);
    }
    (filled, cols.saturating_sub(full + usize::from(part > 0)))
}

impl Widget for Bar {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.line(usize::from(area.width)).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    #[test]
    fn the_percent_stands_beside_the_bar_right_aligned() {
        let line = |p: f64| {
            Bar {
                percent: p,
                fill: Style::new(),
            }
            .line(27)
            .to_string()
        };
        assert_eq!(line(0.0), format!("{}     0%", "░".repeat(20)));
        assert_eq!(line(100.0), format!("{}   100%", "█".repeat(20)));
        assert_eq!(
            line(50.0),
            format!("{}{}    50%", "█".repeat(10), "░".repeat(10))
        );
        assert_eq!(
            line(76.7),
            format!("{}▍{}  76.7%", "█".repeat(15), "░".repeat(4))
        );
        for p in [0.0, 3.3, 50.0, 76.7, 99.9, 100.0] {
            assert_eq!(text::width(&line(p)), 27, "{p}");
        }
    }

    #[test]
    fn a_short_bar_rounds_to_the_eighth_like_a_long_one() {
        assert_eq!(blocks(50.0, 5), ("██▌".to_string(), 2));
        assert_eq!(blocks(0.0, 5), (String::new(), 5));
        assert_eq!(blocks(100.0, 5), ("█████".to_string(), 0));
        assert_eq!(blocks(10.0, 5), ("▌".to_string(), 4));
    }
}
