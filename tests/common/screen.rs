//! What a terminal shows after a frame is drawn: the cells ratatui sends, each drawn as wide as
//! the terminal draws it (a CJK-ambiguous terminal draws `─`, `“`, `…` two columns wide). A wide
//! glyph covers the cell after it; a glyph drawn over half of a wide one erases the whole of it.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// The right half of a wide glyph.
const COVERED: &str = "\0";

/// The screen, row by row, after `buffer` is sent to a blank terminal, or what went past the
/// right edge.
pub fn screen(buffer: &Buffer, ambiguous_wide: bool) -> Result<Vec<Vec<String>>, String> {
    let area = buffer.area;
    let w = usize::from(area.width);
    let mut rows = vec![vec![" ".to_string(); w]; usize::from(area.height)];
    let blank = Buffer::empty(area);
    for (x, y, cell) in blank.diff(buffer) {
        let symbol = cell.symbol();
        let cols = if ambiguous_wide {
            symbol.width_cjk()
        } else {
            symbol.width()
        };
        let (x, row) = (usize::from(x), &mut rows[usize::from(y)]);
        if x + cols > w {
            return Err(format!("{symbol:?} at {x},{y} goes past column {w}"));
        }
        if row[x] == COVERED && x > 0 {
            row[x - 1] = " ".to_string();
        }
        if let Some(after) = row.get_mut(x + cols)
            && after == COVERED
        {
            *after = " ".to_string();
        }
        row[x] = symbol.to_string();
        for c in row.iter_mut().skip(x + 1).take(cols.saturating_sub(1)) {
            *c = COVERED.to_string();
        }
    }
    Ok(rows)
}

/// The first border cell of `buffer` that the terminal does not show as drawn, if any.
pub fn broken_border(buffer: &Buffer, ambiguous_wide: bool) -> Option<String> {
    let shown = match screen(buffer, ambiguous_wide) {
        Ok(s) => s,
        Err(e) => return Some(e),
    };
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let drawn = buffer[(x, y)].symbol();
            let border = "│─┌┐└┘|+-".contains(drawn) && drawn != " " && !drawn.is_empty();
            let seen = &shown[usize::from(y)][usize::from(x)];
            if border && seen != drawn {
                return Some(format!("border {drawn:?} at {x},{y} shows as {seen:?}"));
            }
        }
    }
    None
}
