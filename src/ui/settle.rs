//! The last pass over a frame in the ambiguous-wide mode (see [`crate::text::ambiguous`]): an
//! ambiguous-width character followed by its placeholder is drawn over both columns; any other
//! (a border, a bar, a character whose placeholder was cut off) becomes a narrow stand-in, so
//! that no cell the terminal draws two columns wide pushes the rest of its row out of place.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};

use crate::text::ambiguous::{PAD, is_ambiguous};

/// Settles every row of `buf` for a terminal that draws ambiguous-width characters wide.
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    let pad = PAD.to_string();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol == pad {
                buf[(x, y)].set_symbol(" ");
            } else if is_ambiguous(symbol) {
                let padded = x + 1 < area.right() && buf[(x + 1, y)].symbol() == pad;
                if padded {
                    buf[(x, y)].set_diff_option(CellDiffOption::ForcedWidth(TWO));
                    buf[(x + 1, y)].set_symbol(" ");
                    x += 2;
                    continue;
                }
                let narrow = stand_in(symbol);
                buf[(x, y)].set_char(narrow);
            }
            x += 1;
        }
    }
}

const TWO: NonZeroU16 = NonZeroU16::MIN.saturating_add(1);

/// A one-column character in place of an ambiguous-width symbol with no room to be drawn wide.
fn stand_in(symbol: &str) -> char {
    let c = symbol.chars().next().unwrap_or(' ');
    match c {
        '━' | '═' | '▬' => '=',
        '─' | '╌' | '┄' | '┈' | '╴' | '╶' | '—' | '–' | '‐' | '―' => '-',
        '│' | '┃' | '║' | '╎' | '┆' | '┊' | '╵' | '╷' => '|',
        '\u{2500}'..='\u{257F}' => '+',
        '█' | '▉' | '▊' | '▋' | '▌' | '▓' | '■' | '▀' | '▄' => '#',
        '░' | '▒' | '▍' | '▎' | '▏' | '□' => '.',
        '“' | '”' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '…' | '·' | '•' | '‥' => '.',
        '×' => 'x',
        '÷' => '/',
        '°' | '○' | '◎' | '●' => 'o',
        '±' => '+',
        '→' => '>',
        '←' => '<',
        '↑' => '^',
        '↓' => 'v',
        '★' | '☆' | '※' => '*',
        '✓' | '√' => 'v',
        _ => '?',
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Widget};

    use super::*;
    use crate::text::ambiguous;

    #[test]
    fn borders_become_narrow_and_padded_characters_take_two_columns() {
        let _wide = ambiguous::scope(true);
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        Block::bordered().render(buf.area, &mut buf);
        buf.set_string(1, 1, ambiguous::widen("“甲”"), ratatui::style::Style::new());
        settle(&mut buf);
        let mut want = Buffer::with_lines(["+------+", "|“ 甲” |", "+------+"]);
        for x in [1, 5] {
            want[(x, 1)].set_diff_option(CellDiffOption::ForcedWidth(TWO));
        }
        assert_eq!(buf, want);
    }

    #[test]
    fn a_character_without_its_placeholder_gets_a_stand_in() {
        let mut buf = Buffer::with_lines(["“a…", "\u{2007}b "]);
        settle(&mut buf);
        assert_eq!(buf, Buffer::with_lines(["\"a.", " b "]));
    }
}
