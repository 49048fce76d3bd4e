//! Word: the 督办通报 as a .docx file, A4 portrait, Chinese text in 宋体, its sections in the
//! handout's order (see [`super::handout`]) as tables, lights as words in shaded cells, and a
//! new page per department when grouped by owner.
//!
//! Text stays exact except for the C0 control characters that XML 1.0 cannot hold (and the
//! non-characters U+FFFE, U+FFFF): they are left out, so that no note can make the file invalid.
//! A note's line breaks stay line breaks.

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, Shading, Table,
    TableCell, TableRow, WidthType,
};

use super::handout::{Part, fill};
use super::{ExportError, Input};
use crate::i18n::{self, Term};
use crate::progress::Light;
use crate::report::meeting::Flagged;
use crate::text;

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Page margins: 2 cm.
const MARGIN: i32 = 1_134;
/// The width between the margins, shared out among each table's columns.
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;
/// Half-points: 10.5 pt (五号), 16 pt for the title, 13 pt and 11.5 pt for headings.
const BODY: usize = 21;
const TITLE: usize = 32;
const HEADING: usize = 26;
const SUBHEADING: usize = 23;
/// Fill of a table's header row.
const HEADER_FILL: &str = "DDE5F0";

/// Text as XML can hold it: without C0 controls (tab and line feed kept) and non-characters;
/// C1 controls, bidi controls and invisible characters shown as `�` ([`text::disarm`]).
fn clean(s: &str) -> String {
    text::disarm(s)
        .chars()
        .filter(|&c| (c >= ' ' || c == '\t' || c == '\n') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect()
}

/// A run of text; its lines are kept as line breaks.
fn run(text: &str) -> Run {
    let cleaned = clean(text);
    let mut run = Run::new();
    for (i, line) in cleaned.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold().size(size))
        .keep_next(true)
}

/// One cell `width` twips wide, shaded with `shade` when given.
fn cell(text: &str, width: usize, shade: Option<&str>, bold: bool) -> TableCell {
    let r = if bold { run(text).bold() } else { run(text) };
    let c = TableCell::new()
        .add_paragraph(Paragraph::new().add_run(r))
        .width(width, WidthType::Dxa);
    match shade {
        Some(f) => c.shading(Shading::new().fill(f)),
        None => c,
    }
}

/// A row of plain cells, one per text, with the widths `widths`.
fn cells(texts: &[&str], widths: &[usize]) -> Vec<TableCell> {
    texts
        .iter()
        .zip(widths)
        .map(|(t, &w)| cell(t, w, None, false))
        .collect()
}

/// A light as its word in a cell shaded in its colour (readable in black and white too).
fn light_cell(input: &Input, l: Light, width: usize) -> TableCell {
    let f = format!("{:06X}", fill(l));
    cell(i18n::light(input.lang, l), width, Some(&f), false)
}

/// Column widths in twips from shares of the text width.
fn widths(shares: &[usize]) -> Vec<usize> {
    let total: usize = shares.iter().sum();
    shares
        .iter()
        .map(|s| TEXT_WIDTH * s / total.max(1))
        .collect()
}

/// A table with a shaded header row; rows are not split across pages.
fn table(headers: &[&str], widths: &[usize], rows: Vec<Vec<TableCell>>) -> Table {
    let head = headers
        .iter()
        .zip(widths)
        .map(|(h, &w)| cell(h, w, Some(HEADER_FILL), true))
        .collect();
    let rows = std::iter::once(head)
        .chain(rows)
        .map(|cells| TableRow::new(cells).cant_split())
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The handout as a .docx file in memory.
pub fn render(input: &Input) -> Result<Vec<u8>, ExportError> {
    let fonts = RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let margin = PageMargin::new()
        .top(MARGIN)
        .bottom(MARGIN)
        .left(MARGIN)
        .right(MARGIN);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margin)
        .default_fonts(fonts)
        .default_size(BODY)
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&input.title(Term::Notice)).bold().size(TITLE))
                .align(AlignmentType::Center),
        )
        .add_paragraph(paragraph(&input.as_of_line()));
    let mut first_department = true;
    for part in &input.parts {
        doc = match part {
            Part::Summary => {
                doc.add_paragraph(Paragraph::new().add_run(run(&input.meeting.summary).bold()))
            }
            Part::Areas => areas(doc, input),
            Part::Flagged(h, list) => {
                let size = if input.by_owner { SUBHEADING } else { HEADING };
                flagged(doc, input, heading(i18n::term(input.lang, *h), size), list)
            }
            Part::Changes => changes(doc, input),
            Part::Department(h) => {
                let p = heading(h, HEADING).page_break_before(!first_department);
                first_department = false;
                doc.add_paragraph(p)
            }
            Part::Ledger => ledger(doc, input),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    deflated(bytes.into_inner()).map_err(|e| ExportError::Docx(e.to_string()))
}

/// The package with every part deflated. docx-rs stores the parts uncompressed, which makes a
/// handout several times larger than it needs to be for sending by e-mail.
fn deflated(stored: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut part = from.by_index(i)?;
        // A Word package needs no entries for folders.
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        to.start_file(name, options)?;
        std::io::copy(&mut part, &mut to)?;
    }
    Ok(to.finish()?.into_inner())
}

/// "(none)" under a heading, or the table.
fn none(doc: Docx, input: &Input) -> Docx {
    doc.add_paragraph(paragraph(i18n::term(input.lang, Term::None)))
}

fn areas(doc: Docx, input: &Input) -> Docx {
    let w = widths(&[34, 10, 9, 9, 9, 9, 8]);
    let rows = input
        .area_lines()
        .iter()
        .map(|a| {
            let mut cells = vec![
                cell(&a.name, w[0], None, false),
                cell(
                    &format!("{}%", i18n::format_percent(a.percent)),
                    w[1],
                    None,
                    false,
                ),
            ];
            cells.extend(
                (2..)
                    .zip(a.by_status())
                    .map(|(i, n)| cell(&n.to_string(), w[i], None, false)),
            );
            cells.push(light_cell(input, a.light, w[6]));
            cells
        })
        .collect();
    doc.add_paragraph(heading(i18n::term(input.lang, Term::Areas), HEADING))
        .add_table(table(&i18n::area_headers(input.lang), &w, rows))
}

fn flagged(doc: Docx, input: &Input, title: Paragraph, list: &[Flagged]) -> Docx {
    let doc = doc.add_paragraph(title);
    if list.is_empty() {
        return none(doc, input);
    }
    let w = widths(&[9, 51, 23, 17]);
    let rows = list
        .iter()
        .map(|f| {
            let owner = f.owner.as_deref().unwrap_or_default();
            cells(&[&f.id, &f.text, &f.reason, owner], &w)
        })
        .collect();
    doc.add_table(table(&i18n::flagged_headers(input.lang), &w, rows))
}

fn changes(doc: Docx, input: &Input) -> Docx {
    let doc = doc.add_paragraph(heading(&input.changes_heading(), HEADING));
    let m = &input.meeting;
    if m.changes.is_empty() {
        return none(doc, input);
    }
    let w = widths(&[16, 11, 9, 64]);
    let rows = m
        .changes
        .iter()
        .map(|c| cells(&[&c.at, &c.user, &c.node, &c.what], &w))
        .collect();
    doc.add_table(table(&i18n::change_headers(input.lang), &w, rows))
}

/// The columns of the 台账 that fit a portrait page, by their index in
/// [`i18n::ledger_headers`], with their shares of the width.
const LEDGER_COLUMNS: [(usize, usize); 8] = [
    (0, 7),
    (3, 31),
    (4, 8),
    (5, 8),
    (6, 6),
    (7, 12),
    (8, 11),
    (9, 17),
];

/// The 台账 on a new page: one table per area, every task with its latest note.
fn ledger(doc: Docx, input: &Input) -> Docx {
    let lang = input.lang;
    let all = i18n::ledger_headers(lang);
    let headers: Vec<&str> = LEDGER_COLUMNS.iter().map(|&(i, _)| all[i]).collect();
    let w = widths(&LEDGER_COLUMNS.map(|(_, s)| s));
    let mut doc = doc.add_paragraph(
        heading(i18n::term(lang, Term::LedgerTable), HEADING).page_break_before(true),
    );
    for (area, rows) in input.ledger_areas() {
        let title = format!("{} {}", area.id, area.title);
        let rows = rows
            .iter()
            .map(|row| {
                let cells = input.ledger_cells(row);
                LEDGER_COLUMNS
                    .iter()
                    .zip(&w)
                    .map(|(&(i, _), &width)| match i {
                        6 => light_cell(input, row.task.light, width),
                        _ => cell(&cells[i], width, None, false),
                    })
                    .collect()
            })
            .collect();
        doc = doc
            .add_paragraph(heading(&title, SUBHEADING))
            .add_table(table(&headers, &w, rows));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn controls_that_xml_cannot_hold_are_left_out() {
        assert_eq!(clean("a\u{0}b\u{1b}[31mc\u{7}"), "ab[31mc");
        assert_eq!(clean("第一行\n\t第二行\u{FFFF}"), "第一行\n\t第二行");
        assert_eq!(clean("《居民公约》<&>"), "《居民公约》<&>");
    }
}
