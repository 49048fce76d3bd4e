//! XLSX: a summary sheet first, with the handout's first part in its order (see
//! [`super::handout`]), then the 台账 sheet (bold frozen header, autofilter, widths that fit
//! Chinese, status cells filled by light, percent as a number).
//!
//! Formula safety: every text cell is written with `write_string`, which stores a string and can
//! never make a formula. Text that looks like one (`=`, `+`, `-`, `@`, tab, CR first) also gets
//! Excel's quote-prefix style, so the cell shows the text exactly, without an added apostrophe,
//! and stays text if someone edits it and presses Enter.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::handout::{Part, fill};
use super::{Input, looks_like_formula};
use crate::i18n::{self, Term};
use crate::progress::Light;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// The widest a column gets, in Excel's character units; longer text wraps.
const MAX_WIDTH: f64 = 60.0;
/// Paper size code of A4.
const A4: u8 = 9;

/// The 台账 columns whose text wraps (area, item, task, owner, note) and their widest.
const WRAPPED: [(usize, f64); 5] = [(1, 30.0), (2, 26.0), (3, MAX_WIDTH), (7, 16.0), (9, 40.0)];
/// Points per line of wrapped text (Excel's default row is 15 points).
const LINE_HEIGHT: f64 = 15.0;

/// The widest a wrapping column gets; `None` for columns that do not wrap.
fn wrap_cap(col: usize) -> Option<f64> {
    WRAPPED
        .iter()
        .find(|&&(c, _)| c == col)
        .map(|&(_, cap)| cap)
}

/// How many lines `s` takes in a wrapping column `col_width` units wide. Row heights are set
/// from this estimate because not every office suite fits them to wrapped text on opening.
fn wrapped_lines(s: &str, col_width: f64) -> usize {
    s.lines()
        .map(|l| lines_of(width(l), col_width))
        .sum::<usize>()
        .max(1)
}

/// How many lines one line of text `width` units wide takes in a column `col_width` wide.
fn lines_of(width: usize, col_width: f64) -> usize {
    let per_line = (col_width - 1.0).max(1.0);
    ((width as f64 / per_line).ceil() as usize).max(1)
}

fn cell_format() -> Format {
    Format::new()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF))
}

fn header_format() -> Format {
    cell_format()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDE5F0))
}

/// The fill of a status or light cell: Excel's own Bad / Neutral / Good colours.
fn light_format(l: Light) -> Format {
    let font = match l {
        Light::Red => 0x9C0006,
        Light::Yellow => 0x9C5700,
        Light::Green => 0x006100,
    };
    cell_format()
        .set_background_color(Color::RGB(fill(l)))
        .set_font_color(Color::RGB(font))
}

/// `s` within Excel's cell limit, its C1 controls, bidi controls and invisible characters
/// shown as `�` ([`text::disarm`]); C0 controls are kept, in Excel's own `_xHHHH_` form.
fn within_limit(s: impl Into<String> + AsRef<str>) -> String {
    let disarmed = match crate::text::disarm(s.as_ref()) {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(d) => Some(d),
    };
    let s: String = disarmed.unwrap_or_else(|| s.into());
    // A string of no more bytes than the limit has no more characters either.
    if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
        s.chars().take(MAX_CELL_CHARS - 1).chain(['…']).collect()
    } else {
        s
    }
}

/// Writes text as a string (never a formula), within Excel's cell limit.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: impl Into<String> + AsRef<str>,
    format: &Format,
) -> Result<(), XlsxError> {
    let s = within_limit(s);
    if looks_like_formula(&s) {
        sheet.write_string_with_format(row, col, s, &format.clone().set_quote_prefix())?;
    } else {
        sheet.write_string_with_format(row, col, s, format)?;
    }
    Ok(())
}

/// Writes text without a format (its column's is set after), within Excel's cell limit; text
/// that looks like a formula is put aside, to be written with a quote prefix.
fn unformatted(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: String,
    formula_like: &mut Vec<(u32, u16, String)>,
) -> Result<(), XlsxError> {
    let s = within_limit(s);
    if looks_like_formula(&s) {
        formula_like.push((row, col, s));
    } else {
        sheet.write_string(row, col, s)?;
    }
    Ok(())
}

/// Display width of the widest line: a Chinese character counts as two, as in Excel.
fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The summary sheet (first, what the meeting acts on) and the 台账 as an .xlsx file in memory.
pub fn render(input: &Input) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Excel's own level: a third faster to write than the default, the file a few percent
    // larger.
    book.set_zip_compression_level(3);
    book.set_properties(&properties(input));
    summary(book.add_worksheet(), input)?;
    ledger(book.add_worksheet(), input)?;
    let bytes = book.save_to_buffer();
    // A city's workbook holds a cell for each of a million values: freeing them is left to
    // another thread (or to the system, when the program ends first).
    let _ = std::thread::Builder::new().spawn(move || drop(book));
    bytes
}

/// The workbook's properties: its title, the officer who exported it and when, as in the Word
/// handout.
fn properties(input: &Input) -> DocProperties {
    let plain = |s: &str| -> String {
        crate::text::disarm(s)
            .chars()
            .filter(|c| !c.is_control())
            .collect()
    };
    let props = DocProperties::new()
        .set_title(plain(&input.title()))
        .set_author(plain(&input.author));
    let at = jiff::tz::TimeZone::UTC.to_datetime(input.at);
    let made = u16::try_from(at.year()).ok().and_then(|y| {
        ExcelDateTime::from_ymd(y, at.month().unsigned_abs(), at.day().unsigned_abs())
            .and_then(|d| {
                d.and_hms(
                    u16::from(at.hour().unsigned_abs()),
                    at.minute().unsigned_abs(),
                    at.second().unsigned_abs(),
                )
            })
            .ok()
    });
    match made {
        Some(at) => props.set_creation_datetime(&at),
        None => props,
    }
}

fn ledger(sheet: &mut Worksheet, input: &Input) -> Result<(), XlsxError> {
    let lang = input.lang;
    sheet.set_name(i18n::term(lang, Term::LedgerSheet))?;
    let header = header_format();
    let plain = cell_format();
    let wrap = cell_format().set_text_wrap();
    let percent = cell_format().set_num_format("0%");
    let date = cell_format()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);
    let lights = Light::ALL.map(light_format);
    let headers = i18n::ledger_headers(lang);
    // Each cell's text with its width, measured once.
    let rows: Vec<_> = input
        .ledger()
        .map(|row| {
            let cells = input.ledger_cells(&row).map(|s| {
                let w = width(&s);
                (s, w)
            });
            (row, cells)
        })
        .collect();
    let widths: Vec<f64> = (0..headers.len())
        .map(|c| {
            let widest = rows
                .iter()
                .map(|(_, cells)| cells[c].1)
                .fold(width(headers[c]), usize::max);
            (widest as f64 + 2.0).clamp(6.0, wrap_cap(c).unwrap_or(30.0))
        })
        .collect();
    for (c, (h, w)) in (0u16..).zip(headers.iter().zip(&widths)) {
        text(sheet, 0, c, *h, &header)?;
        sheet.set_column_width(c, *w)?;
    }
    // A column whose cells share one format gets it once, after its cells are written:
    // rust_xlsxwriter hashes the whole format for every cell written with one.
    let shared = |i: usize| match i {
        4 | 6 | 8 => None,
        5 => Some(&percent),
        _ if wrap_cap(i).is_some() => Some(&wrap),
        _ => Some(&plain),
    };
    // Text that Excel would take for a formula is written after that, with a quote prefix.
    let mut formula_like = Vec::new();
    let mut last = 0;
    for (r, (row, cells)) in (1u32..).zip(rows) {
        last = r;
        let fill = &lights[row.task.light as usize];
        let mut lines = 1;
        for (c, (s, w)) in (0u16..).zip(cells) {
            let i = usize::from(c);
            match i {
                4 | 6 => text(sheet, r, c, s, fill)?,
                5 => {
                    sheet.write_number(r, c, row.task.percent / 100.0)?;
                }
                8 => {
                    let d = row.task.due;
                    let excel = u16::try_from(d.year()).ok().and_then(|y| {
                        ExcelDateTime::from_ymd(y, d.month().unsigned_abs(), d.day().unsigned_abs())
                            .ok()
                    });
                    match excel {
                        Some(dt) => {
                            sheet.write_datetime_with_format(r, c, &dt, &date)?;
                        }
                        None => text(sheet, r, c, s, &plain)?,
                    }
                }
                _ if wrap_cap(i).is_some() => {
                    // One line's width is known already; only text of several lines is
                    // measured again.
                    let n = if s.contains('\n') {
                        wrapped_lines(&s, widths[i])
                    } else {
                        lines_of(w, widths[i])
                    };
                    lines = lines.max(n);
                    unformatted(sheet, r, c, s, &mut formula_like)?;
                }
                _ => unformatted(sheet, r, c, s, &mut formula_like)?,
            }
        }
        if lines > 1 {
            sheet.set_row_height(r, LINE_HEIGHT * lines as f64)?;
        }
    }
    if last > 0 {
        for c in 0..headers.len() {
            if let (Some(format), Ok(col)) = (shared(c), u16::try_from(c)) {
                sheet.set_range_format(1, col, last, col, format)?;
            }
        }
    }
    for (r, c, s) in formula_like {
        let format = shared(usize::from(c)).unwrap_or(&plain);
        sheet.write_string_with_format(r, c, s, &format.clone().set_quote_prefix())?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, 11)?;
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The summary sheet's columns: A the ids, B the names and texts, C and D reasons and owners,
/// or changes' users and times (or the percent and the first count), E to G the other counts,
/// H the light. Together they fit the width of an A4 page in landscape at full size (about
/// 980 of the 1,025 pixels between half-inch margins), so nothing is printed smaller.
const SUMMARY_WIDTHS: [f64; 8] = [8.0, 52.0, 20.0, 18.0, 9.0, 9.0, 9.0, 7.0];
/// The summary sheet's side margins, in inches.
const SUMMARY_MARGIN: f64 = 0.5;

/// The cell formats of the summary sheet.
struct Styles {
    title: Format,
    plain: Format,
    heading: Format,
    header: Format,
    wrap: Format,
    number: Format,
    percent: Format,
}

/// The handout's first part, in its order, on the first sheet: the 督办 sentence, the per-area
/// table with lights, the red list, the net changes, the folded yellow list (or one block per
/// department, each starting a printed page under the title and the as-of line).
fn summary(sheet: &mut Worksheet, input: &Input) -> Result<(), XlsxError> {
    let lang = input.lang;
    sheet.set_name(i18n::term(lang, Term::SummarySheet))?;
    let st = Styles {
        title: Format::new().set_bold().set_font_size(14),
        plain: Format::new(),
        heading: Format::new().set_bold().set_font_size(12),
        header: header_format(),
        wrap: cell_format().set_text_wrap(),
        number: cell_format(),
        percent: cell_format().set_num_format("0.0%"),
    };
    let mut r = title_lines(sheet, input, &st, 0)?;
    let mut breaks = Vec::new();
    for part in &input.parts {
        match part {
            Part::Summary => {
                text(
                    sheet,
                    r,
                    0,
                    &input.meeting.summary,
                    &st.plain.clone().set_bold(),
                )?;
                r += 2;
            }
            Part::Areas => r = areas(sheet, input, &st, r)?,
            Part::Flagged(heading, list) => {
                let head = i18n::flagged_headers(lang).map(String::from);
                let rows = list.iter().map(|f| {
                    [
                        f.id.clone(),
                        f.text.clone(),
                        f.reason.clone(),
                        f.owner.clone().unwrap_or_default(),
                    ]
                });
                r = block(sheet, input, &st, r, i18n::term(lang, *heading), head, rows)?;
            }
            Part::Changes => {
                let head = i18n::change_headers(lang).map(String::from);
                let rows = input
                    .meeting
                    .changes
                    .iter()
                    .map(|c| [c.node.clone(), c.what.clone(), c.user.clone(), c.at.clone()]);
                r = block(sheet, input, &st, r, &input.changes_heading(), head, rows)?;
            }
            Part::Department(heading) => {
                // Every department's page but the first starts under the title again.
                if r > 4 {
                    breaks.push(r);
                    r = title_lines(sheet, input, &st, r)?;
                }
                text(sheet, r, 0, heading, &st.heading)?;
                r += 1;
            }
            // The 台账 is the second sheet.
            Part::Ledger => {}
        }
    }
    for (c, w) in (0u16..).zip(SUMMARY_WIDTHS) {
        sheet.set_column_width(c, w)?;
    }
    if !breaks.is_empty() {
        sheet.set_page_breaks(&breaks)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_margins(SUMMARY_MARGIN, SUMMARY_MARGIN, 0.6, 0.6, 0.3, 0.3);
    // At full size: fitted to the width only if it ever were wider, never to one page.
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The title and the as-of line from row `top`; returns the row after them.
fn title_lines(
    sheet: &mut Worksheet,
    input: &Input,
    st: &Styles,
    top: u32,
) -> Result<u32, XlsxError> {
    text(sheet, top, 0, input.title(), &st.title)?;
    text(sheet, top + 1, 0, input.as_of_line(), &st.plain)?;
    Ok(top + 2)
}

/// The per-area table from row `top`, the id apart from the name as in the other tables;
/// returns the row after it and a blank one.
fn areas(sheet: &mut Worksheet, input: &Input, st: &Styles, top: u32) -> Result<u32, XlsxError> {
    let lang = input.lang;
    text(sheet, top, 0, i18n::term(lang, Term::Areas), &st.heading)?;
    let mut r = top + 1;
    let id = i18n::flagged_headers(lang)[0];
    for (c, h) in (0u16..).zip(std::iter::once(id).chain(i18n::area_headers(lang))) {
        text(sheet, r, c, h, &st.header)?;
    }
    let lines = input.area_lines();
    let last = lines.len();
    for (i, a) in lines.iter().enumerate() {
        r += 1;
        let total = i + 1 == last;
        let bold = |f: &Format| {
            if total {
                f.clone().set_bold()
            } else {
                f.clone()
            }
        };
        text(sheet, r, 0, &a.id, &bold(&st.wrap))?;
        text(sheet, r, 1, &a.title, &bold(&st.wrap))?;
        let lines = wrapped_lines(&a.title, SUMMARY_WIDTHS[1]);
        if lines > 1 {
            sheet.set_row_height(r, LINE_HEIGHT * lines as f64)?;
        }
        sheet.write_number_with_format(r, 2, a.percent / 100.0, &bold(&st.percent))?;
        for (col, n) in (3u16..).zip(a.by_status()) {
            sheet.write_number_with_format(r, col, n as f64, &bold(&st.number))?;
        }
        text(
            sheet,
            r,
            7,
            i18n::light(lang, a.light),
            &light_format(a.light),
        )?;
    }
    Ok(r + 2)
}

/// A heading, a header row and rows of four text columns from row `top`, or "(none)";
/// returns the row after it and a blank one.
fn block(
    sheet: &mut Worksheet,
    input: &Input,
    st: &Styles,
    top: u32,
    heading: &str,
    head: [String; 4],
    rows: impl Iterator<Item = [String; 4]>,
) -> Result<u32, XlsxError> {
    text(sheet, top, 0, heading, &st.heading)?;
    let mut r = top + 1;
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        text(
            sheet,
            r,
            0,
            i18n::term(input.lang, Term::None),
            &Format::new(),
        )?;
        return Ok(r + 2);
    }
    for (c, h) in (0u16..).zip(&head) {
        text(sheet, r, c, h, &st.header)?;
    }
    let first = r + 1;
    // The cells get their one format as a range, as in the 台账.
    let mut formula_like = Vec::new();
    for cells in rows {
        r += 1;
        let mut lines = 1;
        for (c, s) in (0u16..).zip(cells) {
            lines = lines.max(wrapped_lines(&s, SUMMARY_WIDTHS[usize::from(c)]));
            unformatted(sheet, r, c, s, &mut formula_like)?;
        }
        if lines > 1 {
            sheet.set_row_height(r, LINE_HEIGHT * lines as f64)?;
        }
    }
    sheet.set_range_format(first, 0, r, 3, &st.wrap)?;
    let quoted = st.wrap.clone().set_quote_prefix();
    for (r, c, s) in formula_like {
        sheet.write_string_with_format(r, c, s, &quoted)?;
    }
    Ok(r + 2)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::wrapped_lines;
    use crate::i18n::Lang;
    use crate::journal::{Body, Change, Event};
    use crate::plan::LoadedPlan;

    /// One file of the workbook, as text.
    fn part(xlsx: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The cell format (its `<xf …>` with the number format's code put in) of cell `r` of
    /// the 台账.
    fn style_of(xlsx: &[u8], r: &str) -> String {
        let sheet = part(xlsx, "xl/worksheets/sheet2.xml");
        let styles = part(xlsx, "xl/styles.xml");
        let cell = &sheet[sheet.find(&format!("<c r=\"{r}\"")).unwrap()..];
        let cell = &cell[..cell.find('>').unwrap()];
        let s: usize = cell
            .split(" s=\"")
            .nth(1)
            .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.split("<xf ").nth(s + 1).unwrap();
        let xf = &xf[..xf.find("</xf>").or(xf.find("/>")).unwrap()];
        let id = xf.split("numFmtId=\"").nth(1).unwrap();
        let id = &id[..id.find('"').unwrap()];
        let code = styles
            .split(&format!("<numFmt numFmtId=\"{id}\" formatCode=\""))
            .nth(1)
            .map_or("", |c| &c[..c.find('"').unwrap()]);
        format!("{code} {}", xf.replace(&format!("numFmtId=\"{id}\""), ""))
    }

    #[test]
    fn ledger_cells_carry_their_column_format_and_formula_text_its_quote() {
        let plan = LoadedPlan::embedded().unwrap();
        let change = |node: &str, note: &str, owner: &str| {
            Event::new(
                "张华",
                Body::Change(Change {
                    node: node.into(),
                    percent: Some(30),
                    note: Some(note.into()),
                    owner: Some(owner.into()),
                    ..Change::default()
                }),
            )
        };
        let events = vec![
            change("1.1.1", "=HYPERLINK(\"x\")", "党政办"),
            change("1.1.2", "已完成", "-负责"),
        ];
        let progress = crate::progress::fold(&plan, events, jiff::civil::date(2023, 9, 1));
        let xlsx =
            super::super::render(super::super::Format::Xlsx, &plan, &progress, Lang::Zh).unwrap();
        // Row 2 is task 1.1.1, row 3 task 1.1.2; B the area, F the percent, H the owner, I
        // the due date, J the note.
        let border = "borderId=\"1\"";
        for cell in ["A2", "B2", "D2", "F2", "H2", "I2", "J2", "H3", "J3", "D63"] {
            assert!(style_of(&xlsx, cell).contains(border), "{cell}");
        }
        assert!(style_of(&xlsx, "F2").starts_with("0% "));
        assert!(style_of(&xlsx, "I2").starts_with("yyyy-mm-dd "));
        assert!(style_of(&xlsx, "D2").contains("wrapText=\"1\""));
        assert!(style_of(&xlsx, "J2").contains("quotePrefix=\"1\""));
        assert!(style_of(&xlsx, "J2").contains("wrapText=\"1\""));
        assert!(!style_of(&xlsx, "J3").contains("quotePrefix"));
        assert!(style_of(&xlsx, "H3").contains("quotePrefix=\"1\""));
        assert!(!style_of(&xlsx, "H2").contains("quotePrefix"));
    }

    #[test]
    fn a_note_cannot_reorder_or_hide_itself_in_the_workbook() {
        let plan = LoadedPlan::embedded().unwrap();
        let events = vec![Event::new(
            "张华",
            Body::Change(Change {
                node: "1.1.1".into(),
                note: Some("甲\u{202e}乙丙\u{200b}丁\u{9b}戊\x1b己".into()),
                ..Change::default()
            }),
        )];
        let progress = crate::progress::fold(&plan, events, jiff::civil::date(2023, 9, 1));
        let xlsx =
            super::super::render(super::super::Format::Xlsx, &plan, &progress, Lang::Zh).unwrap();
        let strings = part(&xlsx, "xl/sharedStrings.xml");
        assert!(strings.contains("甲�乙丙�丁�戊_x001B_己"), "{strings}");
    }

    #[test]
    fn the_summary_prints_at_full_size_on_landscape_a4() {
        let plan = LoadedPlan::embedded().unwrap();
        let progress = crate::progress::fold(&plan, Vec::new(), jiff::civil::date(2023, 9, 1));
        let xlsx =
            super::super::render(super::super::Format::Xlsx, &plan, &progress, Lang::Zh).unwrap();
        let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
        // Fitted to the width only, never to one page: no scaling unless it were wider.
        assert!(sheet.contains(r#"fitToHeight="0""#), "{sheet}");
        assert!(!sheet.contains("fitToWidth=\"0\""));
        assert!(sheet.contains(r#"orientation="landscape""#));
        // Its columns (Excel: 7 pixels a unit and 5 more each, at 96 per inch) fit between the
        // margins of landscape A4 (11.69 inches), so fitting scales nothing down.
        let pixels: f64 = super::SUMMARY_WIDTHS.iter().map(|w| w * 7.0 + 5.0).sum();
        let room = (11.69 - 2.0 * super::SUMMARY_MARGIN) * 96.0;
        assert!(pixels <= room, "{pixels} pixels on {room}");
    }

    #[test]
    fn wrapped_lines_count_chinese_as_two_units() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("汇集民智", 9.0), 1);
        assert_eq!(wrapped_lines("汇集民智", 8.0), 2);
        assert_eq!(wrapped_lines("第一行\n第二行", 60.0), 2);
    }
}
