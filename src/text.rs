//! Text as shown: one sanitiser for everything that reaches a terminal or a document, and
//! display-width helpers in which Chinese characters take two columns and are never cut in half.
//! The helpers measure and cut the sanitised text, as a single line, since that is what shows.

pub mod ambiguous;
mod sanitize;

pub use sanitize::{
    LINE_BREAK, REPLACED, disarm, is_clean, is_clean_char, sanitize, sanitize_lines,
};

use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// The number of terminal columns `s` takes once sanitised.
pub fn width(s: &str) -> usize {
    sanitize(s).width()
}

/// A path as words: bytes that are not UTF-8 (a name written in GBK) shown as `\xC4`, so that
/// two such names can be told apart.
pub fn path_shown(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// `s` sanitised and cut to at most `max` columns, ending in `…` when cut; never splits a
/// character, nor an ambiguous-width character from its placeholder.
pub fn ellipsize(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if s.width() <= max {
        return s.into_owned();
    }
    let mark = sanitize("…");
    let mark = if mark.width() <= max { mark } else { "".into() };
    let (mut head, _) = s.unicode_truncate(max - mark.width());
    if ambiguous::ends_unpadded(head) {
        let mut chars = head.chars();
        chars.next_back();
        head = chars.as_str();
    }
    format!("{head}{mark}")
}

/// `s` sanitised and cut to at most `max` columns from the start, beginning with `…` when cut,
/// so that its end shows (the last folders of a path); never splits a character.
pub fn ellipsize_start(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if s.width() <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let (tail, _) = s.unicode_truncate_start(max - 1);
    format!("…{tail}")
}

/// `s` sanitised and cut with [`ellipsize`], and padded with spaces to exactly `cols` columns.
pub fn fit(s: &str, cols: usize, right: bool) -> String {
    let cut = ellipsize(s, cols);
    let align = if right {
        Alignment::Right
    } else {
        Alignment::Left
    };
    cut.unicode_pad(cols, align, true).into_owned()
}

/// Rows of cells, each sanitised to one line, as aligned columns separated by two spaces;
/// `right[i]` right-aligns column i. In the ambiguous-wide mode the columns are measured as such
/// a terminal draws them. Each cell is measured once: a column is as wide as its widest cell, so
/// no cell is ever cut, only padded.
pub fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    // Each cell's width, measured once, row after row (a million rows of a long history keep
    // only these four bytes a cell).
    let measured: Vec<u32> = rows
        .iter()
        .flatten()
        .map(|s| u32::try_from(sanitize(s).width()).unwrap_or(u32::MAX))
        .collect();
    let mut widths: Vec<u32> = Vec::new();
    let mut at = 0;
    for row in rows {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (c, w) in measured[at..at + row.len()].iter().enumerate() {
            widths[c] = widths[c].max(*w);
        }
        at += row.len();
    }
    let mut out = String::with_capacity(rows.iter().flatten().map(|s| s.len() + 4).sum());
    let mut at = 0;
    for row in rows {
        let start = out.len();
        let cells = &measured[at..at + row.len()];
        at += row.len();
        for (c, (cell, w)) in row.iter().zip(cells).enumerate() {
            if c > 0 {
                out.push_str("  ");
            }
            let pad = (widths[c] - w) as usize;
            let cell = sanitize(cell);
            if right.get(c).copied().unwrap_or(false) {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&cell);
            } else {
                out.push_str(&cell);
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    }
    ambiguous::unpad(&out).into_owned()
}

/// Aligned columns written a row at a time, as [`table`] writes them, for a table too long to
/// hold whole (a history of a million rows): every row's cells but the last are measured in a
/// first pass, and each row is then made and written in a second. The last column is never
/// padded, so it need not be measured.
#[derive(Debug, Default)]
pub struct Columns {
    widths: Vec<usize>,
}

impl Columns {
    /// Takes a row's cells but the last into the columns' widths.
    pub fn measure<S: AsRef<str>>(&mut self, cells: &[S]) {
        let padded = &cells[..cells.len().saturating_sub(1)];
        if self.widths.len() < padded.len() {
            self.widths.resize(padded.len(), 0);
        }
        for (w, cell) in self.widths.iter_mut().zip(padded) {
            *w = (*w).max(sanitize(cell.as_ref()).width());
        }
    }

    /// One row as a line: each cell sanitised, all but the last padded to their column's
    /// width, two spaces between, nothing after the last.
    pub fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let mut out = String::new();
        for (c, cell) in cells.iter().enumerate() {
            if c > 0 {
                out.push_str("  ");
            }
            let cell = sanitize(cell.as_ref());
            out.push_str(&cell);
            if c + 1 < cells.len() {
                let pad = self
                    .widths
                    .get(c)
                    .map_or(0, |w| w.saturating_sub(cell.width()));
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let kept = out.trim_end().len();
        out.truncate(kept);
        out.push('\n');
        ambiguous::unpad(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_shown_byte_by_byte() {
        use std::os::unix::ffi::OsStrExt;
        let gbk = std::path::Path::new(std::ffi::OsStr::from_bytes(b"/d/\xC4\xE3\xBA\xC3.jsonl"));
        assert_eq!(path_shown(gbk), "/d/\\xC4\\xE3\\xBA\\xC3.jsonl");
        assert_eq!(
            path_shown(std::path::Path::new("/d/李强.jsonl")),
            "/d/李强.jsonl"
        );
    }

    #[test]
    fn never_cuts_a_wide_character() {
        assert_eq!(ellipsize("汇集民智", 8), "汇集民智");
        assert_eq!(ellipsize("汇集民智", 7), "汇集民…");
        assert_eq!(ellipsize("汇集民智", 6), "汇集…");
        assert_eq!(width(&fit("汇集民智", 6, false)), 6);
        assert_eq!(fit("汇集民智", 6, false), "汇集… ");
        assert_eq!(ellipsize_start("Z:\\工作台账", 12), "Z:\\工作台账");
        assert_eq!(ellipsize_start("Z:\\工作台账", 9), "…工作台账");
        assert_eq!(ellipsize_start("Z:\\工作台账", 8), "…作台账");
        assert_eq!(ellipsize_start("/srv/工作台账", 1), "…");
    }

    #[test]
    fn table_pads_each_cell_once_right_or_left_and_trims_line_ends() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![
            row(&["编号", "完成率", "名称"]),
            row(&["1.1.1", "100%", "推动\n立法"]),
            row(&["2", "5%"]),
        ];
        assert_eq!(
            table(&rows, &[false, true, false]),
            "编号   完成率  名称\n1.1.1    100%  推动⏎立法\n2          5%\n"
        );
    }

    #[test]
    fn table_aligns_by_display_width() {
        let rows = vec![
            vec!["编号".to_string(), "状态".to_string()],
            vec!["1.1.1".to_string(), "已完成".to_string()],
        ];
        let t = table(&rows, &[false, false]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "编号   状态");
        assert_eq!(lines[1], "1.1.1  已完成");
    }

    #[test]
    fn ambiguous_wide_columns_line_up_as_such_a_terminal_draws_them() {
        let rows = vec![
            vec!["“一”".to_string(), "x".to_string()],
            vec!["ab".to_string(), "y".to_string()],
        ];
        assert_eq!(table(&rows, &[false, false]), "“一”  x\nab    y\n");
        let _wide = ambiguous::scope(true);
        assert_eq!(table(&rows, &[false, false]), "“一”  x\nab      y\n");
        let cut = ellipsize("“一网通办”", 8);
        assert_eq!(ambiguous::unpad(&cut), "“一网…");
        assert_eq!(width(&cut), 8);
        let cut = ellipsize("a“一网通办”", 4);
        assert_eq!(
            ambiguous::unpad(&cut),
            "a…",
            "“ does not fit with its placeholder"
        );
    }

    #[test]
    fn cells_are_sanitised_and_measured_as_shown() {
        let rows = vec![
            vec!["a\x1b[2J\nb".to_string(), "x".to_string()],
            vec!["\u{202e}".to_string(), "y".to_string()],
        ];
        let t = table(&rows, &[false, false]);
        assert_eq!(t, "a␛[2J⏎b  x\n�        y\n");
        assert_eq!(ellipsize("\x07\x07\x07", 2), "␇…");
    }
}
