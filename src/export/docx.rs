//! Word: the 督办通报 as a .docx file on A4, Chinese text in 宋体, its sections in the handout's
//! order (see [`super::handout`]) as tables, lights as words in shaded cells, and a new page per
//! department when grouped by owner, each under the title and the as-of line.
//!
//! The lists are portrait; the 台账 is a landscape section of its own, its status, percent,
//! light and date columns as wide as their widest word so that none breaks, its notes cut to
//! their first paragraph (or 200 characters) with "…" — the whole text stays in the xlsx,
//! Markdown and HTML exports. Every table's header row repeats on each page the table runs onto.
//! The document's properties give its title, the officer who made it and when.
//!
//! Text stays exact except for the C0 control characters that XML 1.0 cannot hold (and the
//! non-characters U+FFFE, U+FFFF): they are left out, so that no note can make the file invalid.
//! A note's line breaks stay line breaks.
//!
//! This module lays the handout out; [`xml`] writes `word/document.xml` row by row straight
//! into its deflated entry of the package ([`package`]), so a 台账 of 100,000 tasks costs no
//! more memory than one of 62 beyond the handout's own data.

mod package;
mod xml;

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::handout::{Part, fill};
use super::{ExportError, Input};
use crate::i18n::{self, Term};
use crate::progress::Light;
use crate::report::meeting::Flagged;
use xml::{Body, Look, Page};

/// A4 in twentieths of a point, portrait.
const A4: (u32, u32) = (11_906, 16_838);
/// Page margins: 2 cm.
const MARGIN: u32 = 1_134;
/// The lists' pages.
const PORTRAIT: Page = Page {
    width: A4.0,
    height: A4.1,
    landscape: false,
    margin: MARGIN,
};
/// The 台账's pages.
const LANDSCAPE: Page = Page {
    width: A4.1,
    height: A4.0,
    landscape: true,
    margin: MARGIN,
};
/// The width between the margins of a portrait page, shared out among each table's columns.
const PORTRAIT_WIDTH: usize = (A4.0 - 2 * MARGIN) as usize;
/// The same on a landscape page, the 台账's.
const LANDSCAPE_WIDTH: usize = (A4.1 - 2 * MARGIN) as usize;
/// Half-points: 10.5 pt (五号), 16 pt for the title, 13 pt and 11.5 pt for headings.
const BODY: usize = 21;
const TITLE: usize = 32;
const HEADING: usize = 26;
const SUBHEADING: usize = 23;
/// Twips per column of text at 10.5 pt: a Chinese character (two columns) is one em, 210
/// twips; a digit is half of one.
const TWIPS_PER_COLUMN: usize = 105;
/// What a cell adds to its text's width: its margins (0.19 cm each side in LibreOffice, a
/// little less in Word) and room for a bold or wider glyph.
const CELL_PADDING: usize = 260;
/// Fill of a table's header row.
const HEADER_FILL: &str = "DDE5F0";
/// The most characters of a note the 台账 prints.
const NOTE_CHARS: usize = 200;

/// A heading of `size` half-points, kept with what follows it.
fn heading(size: usize) -> Look {
    Look {
        size: Some(size),
        bold: true,
        keep_next: true,
        ..Look::PLAIN
    }
}

/// `note` as the 台账 prints it: its first paragraph (its first line that is not blank), at most
/// [`NOTE_CHARS`] characters, ending in "…" when anything was left out.
pub(crate) fn excerpt(note: &str) -> String {
    let text = note.trim();
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let first = first.unwrap_or_default();
    let kept: String = first.chars().take(NOTE_CHARS).collect();
    if kept.len() == text.len() {
        kept
    } else {
        format!("{}…", kept.trim_end())
    }
}

/// "(none)" under a heading.
fn none<W: Write>(doc: &mut Body<W>, input: &Input) {
    doc.paragraph(i18n::term(input.lang, Term::None), Look::PLAIN);
}

/// The title and the as-of line, the title starting a new page when `new_page`.
fn title<W: Write>(doc: &mut Body<W>, input: &Input, new_page: bool) {
    let look = Look {
        size: Some(TITLE),
        bold: true,
        centered: true,
        keep_next: true,
        page_break_before: new_page,
    };
    doc.paragraph(&input.title(), look);
    let look = Look {
        keep_next: true,
        ..Look::PLAIN
    };
    doc.paragraph(&input.as_of_line(), look);
}

/// A row of plain cells, one per text, with the widths `widths`.
fn row<W: Write>(doc: &mut Body<W>, texts: &[&str], widths: &[usize]) {
    doc.open_row(false);
    for (t, &w) in texts.iter().zip(widths) {
        doc.cell(t, w, None, false);
    }
    doc.close_row();
}

/// A light as its word in a cell shaded in its colour (readable in black and white too).
fn light_cell<W: Write>(doc: &mut Body<W>, input: &Input, l: Light, width: usize) {
    let f = format!("{:06X}", fill(l));
    doc.cell(i18n::light(input.lang, l), width, Some(&f), false);
}

/// Column widths in twips from shares of a portrait page's text width.
fn widths(shares: &[usize]) -> Vec<usize> {
    shared_out(PORTRAIT_WIDTH, shares)
}

/// `total` twips shared out by `shares`.
fn shared_out(total: usize, shares: &[usize]) -> Vec<usize> {
    let sum: usize = shares.iter().sum();
    shares.iter().map(|s| total * s / sum.max(1)).collect()
}

/// The twips a cell needs to show `s` on one line, bold or not, up to an eighth of a landscape
/// page (an id or a word of a plan's own that long wraps rather than crowd out the text).
fn one_line(s: &str) -> usize {
    let columns = s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    // A tenth more for bold and for Latin letters wider than half an em.
    (columns.saturating_mul(TWIPS_PER_COLUMN) * 11 / 10 + CELL_PADDING).min(LANDSCAPE_WIDTH / 8)
}

/// A table's start with the columns `widths` that keep their widths whatever their text, and
/// its shaded header row, which repeats on every page the table runs onto. Rows are not split
/// across pages.
fn open_table<W: Write>(doc: &mut Body<W>, headers: &[&str], widths: &[usize]) {
    doc.open_table(widths);
    doc.open_row(true);
    for (h, &w) in headers.iter().zip(widths) {
        doc.cell(h, w, Some(HEADER_FILL), true);
    }
    doc.close_row();
}

/// The handout as a .docx file in memory.
pub fn render(input: &Input) -> Result<Vec<u8>, ExportError> {
    let core = package::core_properties(input);
    package::package(&core, BODY, |zip| write_document(input, zip))
        .map_err(|e| ExportError::Docx(e.to_string()))
}

/// The document into `out`: the lists in a portrait section, and when there is a 台账, the
/// 台账 in the landscape one that ends the document.
fn write_document<W: Write>(input: &Input, out: W) -> std::io::Result<()> {
    let mut doc = Body::new(out);
    title(&mut doc, input, false);
    let mut first_department = true;
    let mut has_ledger = false;
    for part in &input.parts {
        match part {
            Part::Summary => {
                let look = Look {
                    bold: true,
                    ..Look::PLAIN
                };
                doc.paragraph(&input.meeting.summary, look);
            }
            Part::Areas => areas(&mut doc, input),
            Part::Flagged(h, list) => {
                let size = if input.by_owner { SUBHEADING } else { HEADING };
                doc.paragraph(i18n::term(input.lang, *h), heading(size));
                flagged(&mut doc, input, list);
            }
            Part::Changes => changes(&mut doc, input),
            Part::Department(h) => {
                // Each department's page can be handed out alone: it starts under the title.
                if !first_department {
                    title(&mut doc, input, true);
                }
                first_department = false;
                doc.paragraph(h, heading(HEADING));
            }
            Part::Ledger => has_ledger = true,
        }
    }
    let last = if has_ledger {
        doc.end_section(PORTRAIT);
        ledger(&mut doc, input);
        LANDSCAPE
    } else {
        PORTRAIT
    };
    doc.finish(last).map(drop)
}

fn areas<W: Write>(doc: &mut Body<W>, input: &Input) {
    let w = widths(&[34, 10, 9, 9, 9, 9, 8]);
    doc.paragraph(i18n::term(input.lang, Term::Areas), heading(HEADING));
    open_table(doc, &i18n::area_headers(input.lang), &w);
    for a in input.area_lines() {
        doc.open_row(false);
        doc.cell(&a.name(), w[0], None, false);
        let percent = format!("{}%", i18n::format_percent(a.percent));
        doc.cell(&percent, w[1], None, false);
        for (i, n) in (2..).zip(a.by_status()) {
            doc.cell(&n.to_string(), w[i], None, false);
        }
        light_cell(doc, input, a.light, w[6]);
        doc.close_row();
    }
    doc.close_table();
}

fn flagged<W: Write>(doc: &mut Body<W>, input: &Input, list: &[Flagged]) {
    if list.is_empty() {
        return none(doc, input);
    }
    let w = widths(&[9, 51, 23, 17]);
    open_table(doc, &i18n::flagged_headers(input.lang), &w);
    for f in list {
        let owner = f.owner.as_deref().unwrap_or_default();
        row(doc, &[&f.id, &f.text, &f.reason, owner], &w);
    }
    doc.close_table();
}

/// The net changes in plan order, as in every format: 编号 | 变更 | 用户 | 时间. A change that
/// carries a long note shows its first paragraph, as the 台账 does.
fn changes<W: Write>(doc: &mut Body<W>, input: &Input) {
    doc.paragraph(&input.changes_heading(), heading(HEADING));
    let m = &input.meeting;
    if m.changes.is_empty() {
        return none(doc, input);
    }
    let headers = i18n::change_headers(input.lang);
    let id = m
        .changes
        .iter()
        .map(|c| one_line(&c.node))
        .fold(one_line(headers[0]), usize::max);
    let at = m
        .changes
        .iter()
        .map(|c| one_line(&c.at))
        .fold(one_line(headers[3]), usize::max);
    let user = (PORTRAIT_WIDTH * 15 / 100).max(one_line(headers[2]));
    let what = PORTRAIT_WIDTH.saturating_sub(id + at + user);
    let w = [id, what, user, at];
    open_table(doc, &headers, &w);
    for c in &m.changes {
        row(doc, &[&c.node, &excerpt(&c.what), &c.user, &c.at], &w);
    }
    doc.close_table();
}

/// The columns of the 台账 in Word, by their index in [`i18n::ledger_headers`]: each with its
/// share of the width left by the columns that must not wrap (`None`), which are as wide as
/// their widest word.
const LEDGER_COLUMNS: [(usize, Option<usize>); 8] = [
    (0, None),
    (3, Some(42)),
    (4, None),
    (5, None),
    (6, None),
    (7, Some(14)),
    (8, None),
    (9, Some(44)),
];

/// The 台账's column widths: the columns that must not wrap as wide as their widest cell in any
/// area, so that every area's table has the same columns; the others share what is left.
fn ledger_widths(input: &Input) -> Vec<usize> {
    let all = i18n::ledger_headers(input.lang);
    let mut fixed: Vec<Option<usize>> = LEDGER_COLUMNS
        .iter()
        .map(|&(i, share)| share.is_none().then(|| one_line(all[i])))
        .collect();
    for row in input.ledger() {
        let texts = input.ledger_cells(&row);
        for (f, &(i, _)) in fixed.iter_mut().zip(&LEDGER_COLUMNS) {
            if let Some(w) = f {
                *w = (*w).max(one_line(&texts[i]));
            }
        }
    }
    let left = LANDSCAPE_WIDTH.saturating_sub(fixed.iter().flatten().sum());
    let shares: Vec<usize> = LEDGER_COLUMNS.iter().filter_map(|&(_, s)| s).collect();
    let mut flexible = shared_out(left, &shares).into_iter();
    fixed
        .iter()
        .map(|f| f.or_else(|| flexible.next()).unwrap_or_default())
        .collect()
}

/// The 台账 on landscape pages: one table per area, every task with the first paragraph of its
/// latest note. A row's texts are made, written and dropped one row at a time.
fn ledger<W: Write>(doc: &mut Body<W>, input: &Input) {
    let lang = input.lang;
    let all = i18n::ledger_headers(lang);
    let headers: Vec<&str> = LEDGER_COLUMNS.iter().map(|&(i, _)| all[i]).collect();
    let w = ledger_widths(input);
    doc.paragraph(i18n::term(lang, Term::LedgerTable), heading(HEADING));
    for (area, rows) in input.ledger_areas() {
        doc.paragraph(&format!("{} {}", area.id, area.title), heading(SUBHEADING));
        open_table(doc, &headers, &w);
        for row in &rows {
            let texts = input.ledger_cells(row);
            doc.open_row(false);
            for (&(i, _), &width) in LEDGER_COLUMNS.iter().zip(&w) {
                match i {
                    6 => light_cell(doc, input, row.task.light, width),
                    9 => doc.cell(&excerpt(&texts[i]), width, None, false),
                    _ => doc.cell(&texts[i], width, None, false),
                }
            }
            doc.close_row();
        }
        doc.close_table();
    }
}

#[cfg(test)]
mod tests {
    use super::{LANDSCAPE_WIDTH, excerpt, one_line};

    #[test]
    fn a_column_that_must_not_wrap_fits_its_word_but_leaves_room() {
        // 2023-12-31 at 10.5 pt: ten half-em digits and hyphens, 1,050 twips, and the margins.
        assert!(one_line("2023-12-31") >= 1_050 + 216);
        assert!(one_line("未启动") >= 3 * 210 + 216);
        assert_eq!(one_line(&"1.".repeat(500)), LANDSCAPE_WIDTH / 8);
    }

    #[test]
    fn a_note_is_cut_to_its_first_paragraph_or_200_characters() {
        assert_eq!(excerpt("已完成"), "已完成");
        assert_eq!(excerpt("\n 第一段 \n\n第二段"), "第一段…");
        let long = "居".repeat(616);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with("居…"));
        assert_eq!(excerpt(&"居".repeat(200)), "居".repeat(200));
        assert_eq!(excerpt(""), "");
    }
}
