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

mod package;

use docx_rs::{
    AlignmentType, BreakType, Docx, HeightRule, PageMargin, PageOrientationType, PageSize,
    Paragraph, Run, RunFonts, Section, Shading, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};
use unicode_width::UnicodeWidthStr;

use super::handout::{Part, fill};
use super::{ExportError, Input};
use crate::i18n::{self, Term};
use crate::progress::Light;
use crate::report::meeting::Flagged;
use crate::text;

/// A4 in twentieths of a point, portrait.
const A4: (u32, u32) = (11_906, 16_838);
/// Page margins: 2 cm.
const MARGIN: i32 = 1_134;
/// The width between the margins of a portrait page, shared out among each table's columns.
const PORTRAIT_WIDTH: usize = A4.0 as usize - 2 * MARGIN as usize;
/// The same on a landscape page, the 台账's.
const LANDSCAPE_WIDTH: usize = A4.1 as usize - 2 * MARGIN as usize;
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
/// What marks a header row until the package is finished ([`package::HEADER_MARK`]): a row
/// height no other row has.
const HEADER_MARK_TWIPS: f32 = 1.0;

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

/// What the document is made of, in order: paragraphs and tables.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// The blocks of one section of the document.
#[derive(Default)]
struct Blocks(Vec<Block>);

impl Blocks {
    fn p(&mut self, p: Paragraph) {
        self.0.push(Block::Paragraph(Box::new(p)));
    }

    fn t(&mut self, t: Table) {
        self.0.push(Block::Table(Box::new(t)));
    }

    /// "(none)" under a heading.
    fn none(&mut self, input: &Input) {
        self.p(paragraph(i18n::term(input.lang, Term::None)));
    }

    /// The title and the as-of line, the title starting a new page when `new_page`.
    fn title(&mut self, input: &Input, new_page: bool) {
        self.p(Paragraph::new()
            .add_run(run(&input.title()).bold().size(TITLE))
            .align(AlignmentType::Center)
            .keep_next(true)
            .page_break_before(new_page));
        self.p(paragraph(&input.as_of_line()).keep_next(true));
    }
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

/// A table with a shaded header row that repeats on every page the table runs onto; rows are
/// not split across pages, and the columns keep their widths whatever their text.
fn table(headers: &[&str], widths: &[usize], rows: Vec<Vec<TableCell>>) -> Table {
    let head: Vec<TableCell> = headers
        .iter()
        .zip(widths)
        .map(|(h, &w)| cell(h, w, Some(HEADER_FILL), true))
        .collect();
    let head = TableRow::new(head)
        .cant_split()
        .row_height(HEADER_MARK_TWIPS)
        .height_rule(HeightRule::AtLeast);
    let rows = std::iter::once(head)
        .chain(
            rows.into_iter()
                .map(|cells| TableRow::new(cells).cant_split()),
        )
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The handout as a .docx file in memory.
pub fn render(input: &Input) -> Result<Vec<u8>, ExportError> {
    let fonts = RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let margin = || {
        PageMargin::new()
            .top(MARGIN)
            .bottom(MARGIN)
            .left(MARGIN)
            .right(MARGIN)
    };
    let mut lists = Blocks::default();
    let mut ledger_blocks = None;
    lists.title(input, false);
    let mut first_department = true;
    for part in &input.parts {
        match part {
            Part::Summary => {
                lists.p(Paragraph::new().add_run(run(&input.meeting.summary).bold()));
            }
            Part::Areas => areas(&mut lists, input),
            Part::Flagged(h, list) => {
                let size = if input.by_owner { SUBHEADING } else { HEADING };
                flagged(
                    &mut lists,
                    input,
                    heading(i18n::term(input.lang, *h), size),
                    list,
                );
            }
            Part::Changes => changes(&mut lists, input),
            Part::Department(h) => {
                // Each department's page can be handed out alone: it starts under the title.
                if !first_department {
                    lists.title(input, true);
                }
                first_department = false;
                lists.p(heading(h, HEADING));
            }
            Part::Ledger => ledger_blocks = Some(ledger(input)),
        }
    }
    let doc = Docx::new().default_fonts(fonts).default_size(BODY);
    let doc = match ledger_blocks {
        // The lists in a portrait section, the 台账 in the landscape one that ends the document.
        Some(ledger) => {
            let section = Section::new()
                .page_size(PageSize::new().size(A4.0, A4.1))
                .page_margin(margin());
            let section = lists.0.into_iter().fold(section, |s, b| match b {
                Block::Paragraph(p) => s.add_paragraph(*p),
                Block::Table(t) => s.add_table(*t),
            });
            pour(
                doc.add_section(section)
                    .page_size(A4.1, A4.0)
                    .page_orient(PageOrientationType::Landscape),
                ledger,
            )
        }
        None => pour(doc.page_size(A4.0, A4.1), lists),
    }
    .page_margin(margin());
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    package::finished(bytes.into_inner(), &package::core_properties(input))
        .map_err(|e| ExportError::Docx(e.to_string()))
}

/// `doc` with `blocks` added at its end.
fn pour(doc: Docx, blocks: Blocks) -> Docx {
    blocks.0.into_iter().fold(doc, |d, b| match b {
        Block::Paragraph(p) => d.add_paragraph(*p),
        Block::Table(t) => d.add_table(*t),
    })
}

fn areas(doc: &mut Blocks, input: &Input) {
    let w = widths(&[34, 10, 9, 9, 9, 9, 8]);
    let rows = input
        .area_lines()
        .iter()
        .map(|a| {
            let mut cells = vec![
                cell(&a.name(), w[0], None, false),
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
    doc.p(heading(i18n::term(input.lang, Term::Areas), HEADING));
    doc.t(table(&i18n::area_headers(input.lang), &w, rows));
}

fn flagged(doc: &mut Blocks, input: &Input, title: Paragraph, list: &[Flagged]) {
    doc.p(title);
    if list.is_empty() {
        return doc.none(input);
    }
    let w = widths(&[9, 51, 23, 17]);
    let rows = list
        .iter()
        .map(|f| {
            let owner = f.owner.as_deref().unwrap_or_default();
            cells(&[&f.id, &f.text, &f.reason, owner], &w)
        })
        .collect();
    doc.t(table(&i18n::flagged_headers(input.lang), &w, rows));
}

/// The net changes in plan order, as in every format: 编号 | 变更 | 用户 | 时间. A change that
/// carries a long note shows its first paragraph, as the 台账 does.
fn changes(doc: &mut Blocks, input: &Input) {
    doc.p(heading(&input.changes_heading(), HEADING));
    let m = &input.meeting;
    if m.changes.is_empty() {
        return doc.none(input);
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
    let rows = m
        .changes
        .iter()
        .map(|c| cells(&[&c.node, &excerpt(&c.what), &c.user, &c.at], &w))
        .collect();
    doc.t(table(&headers, &w, rows));
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

/// The 台账 on landscape pages: one table per area, every task with the first paragraph of its
/// latest note.
fn ledger(input: &Input) -> Blocks {
    let lang = input.lang;
    let all = i18n::ledger_headers(lang);
    let headers: Vec<&str> = LEDGER_COLUMNS.iter().map(|&(i, _)| all[i]).collect();
    let cells: Vec<[String; 12]> = input.ledger().map(|row| input.ledger_cells(&row)).collect();
    // The columns that must not wrap, as wide as their widest cell in any area, so that every
    // area's table has the same columns.
    let fixed: Vec<Option<usize>> = LEDGER_COLUMNS
        .iter()
        .map(|&(i, share)| {
            share.is_none().then(|| {
                cells
                    .iter()
                    .map(|c| one_line(&c[i]))
                    .fold(one_line(all[i]), usize::max)
            })
        })
        .collect();
    let left = LANDSCAPE_WIDTH.saturating_sub(fixed.iter().flatten().sum());
    let shares: Vec<usize> = LEDGER_COLUMNS.iter().filter_map(|&(_, s)| s).collect();
    let mut flexible = shared_out(left, &shares).into_iter();
    let w: Vec<usize> = fixed
        .iter()
        .map(|f| f.or_else(|| flexible.next()).unwrap_or_default())
        .collect();
    let mut doc = Blocks::default();
    doc.p(heading(i18n::term(lang, Term::LedgerTable), HEADING));
    let mut cells = cells.into_iter();
    for (area, rows) in input.ledger_areas() {
        let title = format!("{} {}", area.id, area.title);
        let rows = rows
            .iter()
            .zip(cells.by_ref())
            .map(|(row, texts)| {
                LEDGER_COLUMNS
                    .iter()
                    .zip(&w)
                    .map(|(&(i, _), &width)| match i {
                        6 => light_cell(input, row.task.light, width),
                        9 => cell(&excerpt(&texts[i]), width, None, false),
                        _ => cell(&texts[i], width, None, false),
                    })
                    .collect()
            })
            .collect();
        doc.p(heading(&title, SUBHEADING));
        doc.t(table(&headers, &w, rows));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::{LANDSCAPE_WIDTH, clean, excerpt, one_line};

    #[test]
    fn controls_that_xml_cannot_hold_are_left_out() {
        assert_eq!(clean("a\u{0}b\u{1b}[31mc\u{7}"), "ab[31mc");
        assert_eq!(clean("第一行\n\t第二行\u{FFFF}"), "第一行\n\t第二行");
        assert_eq!(clean("《居民公约》<&>"), "《居民公约》<&>");
    }

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
