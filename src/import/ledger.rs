//! The 台账 as the exports write it (CSV, or the 台账 sheet of the workbook), or as an office
//! keeps it in Excel: columns 领域, 事项 and 任务, with 编号/序号, 责任部门 and 完成时限 when
//! present, in any order, under a header row among the first rows of a sheet.

use std::path::Path;

use calamine::{Data, Reader};
use jiff::ToSpan;
use jiff::civil::Date;

use super::decode;
use super::outline::{Note, Noted, Place};

/// How many rows at the top of a sheet are searched for the header.
const HEADER_ROWS: usize = 10;

/// Why a ledger could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// The workbook could not be opened or read: the reader's words.
    Workbook(String),
    /// The CSV could not be read: the reader's words.
    Csv(String),
    /// The CSV is neither UTF-8 nor GBK.
    Encoding,
    /// No sheet has a header row with 领域, 事项 and 任务.
    NoHeader,
    /// A header but no task under it.
    NoRows,
}

/// One task row as read, cells trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row in the sheet or file.
    pub row: usize,
    pub id: String,
    pub area: String,
    pub item: String,
    pub task: String,
    pub owner: String,
    pub due: String,
}

/// A task of the ledger, with its owner and due date if the ledger gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerTask {
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

/// An item of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerItem {
    pub title: String,
    pub tasks: Vec<LedgerTask>,
}

/// An area of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerArea {
    pub title: String,
    pub items: Vec<LedgerItem>,
}

#[derive(Clone, Copy)]
enum Column {
    Id,
    Area,
    Item,
    Task,
    Owner,
    Due,
}

const NAMES: [(Column, &[&str]); 6] = [
    (Column::Id, &["序号", "编号", "no.", "no", "id"]),
    (Column::Area, &["领域", "任务领域", "area"]),
    (Column::Item, &["事项", "工作事项", "item"]),
    (Column::Task, &["任务", "具体任务", "任务内容", "task"]),
    (
        Column::Owner,
        &["责任部门", "责任单位", "牵头部门", "owner"],
    ),
    (Column::Due, &["完成时限", "完成时间", "截止日期", "due"]),
];

/// Where each column is.
#[derive(Default)]
struct Layout {
    cols: [Option<usize>; 6],
}

impl Layout {
    fn of(header: &[String]) -> Option<Self> {
        let mut l = Layout::default();
        for (i, cell) in header.iter().enumerate() {
            let name: String = cell
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            for (k, (_, names)) in NAMES.iter().enumerate() {
                if names.contains(&name.as_str()) && l.cols[k].is_none() {
                    l.cols[k] = Some(i);
                }
            }
        }
        let needed = [Column::Area, Column::Item, Column::Task];
        needed
            .iter()
            .all(|&c| l.cols[c as usize].is_some())
            .then_some(l)
    }

    fn cell(&self, row: &[String], c: Column) -> String {
        let s = self.cols[c as usize]
            .and_then(|i| row.get(i))
            .map_or("", |s| s.trim());
        // The CSV export keeps text that looks like a formula inert with an apostrophe.
        match s.strip_prefix('\'') {
            Some(rest) if crate::export::looks_like_formula(rest) => rest.to_string(),
            _ => s.to_string(),
        }
    }
}

/// The task rows of a table (a sheet or a CSV file): `None` when it has no header row.
pub fn rows(table: &[Vec<String>]) -> Option<Vec<Row>> {
    let (at, layout) = table
        .iter()
        .take(HEADER_ROWS)
        .enumerate()
        .find_map(|(i, r)| Layout::of(r).map(|l| (i, l)))?;
    let mut out = Vec::new();
    let (mut area, mut item) = (String::new(), String::new());
    for (i, r) in table.iter().enumerate().skip(at + 1) {
        // Merged cells come back empty below their first row: they carry on.
        let a = layout.cell(r, Column::Area);
        if !a.is_empty() {
            if a != area {
                item.clear();
            }
            area = a;
        }
        let it = layout.cell(r, Column::Item);
        if !it.is_empty() {
            item = it;
        }
        let task = layout.cell(r, Column::Task);
        if task.is_empty() {
            continue;
        }
        out.push(Row {
            row: i + 1,
            id: layout.cell(r, Column::Id),
            area: area.clone(),
            item: item.clone(),
            task,
            owner: layout.cell(r, Column::Owner),
            due: layout.cell(r, Column::Due),
        });
    }
    Some(out)
}

/// The table of a CSV file (UTF-8 with or without a BOM, or GBK as Excel saves it in China).
pub fn csv_table(bytes: &[u8]) -> Result<Vec<Vec<String>>, LedgerError> {
    let (text, _) = decode::decode(bytes).ok_or(LedgerError::Encoding)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|e| LedgerError::Csv(e.to_string()))
        })
        .collect()
}

/// The first sheet of a workbook (.xlsx, .xls, .ods) that has the header row, as text.
pub fn workbook_rows(path: &Path) -> Result<Vec<Row>, LedgerError> {
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| LedgerError::Workbook(e.to_string()))?;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| LedgerError::Workbook(e.to_string()))?;
        let table: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        if let Some(rows) = rows(&table) {
            return Ok(rows);
        }
    }
    Err(LedgerError::NoHeader)
}

/// A cell as text: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            excel_date(dt.as_f64()).map_or_else(|| dt.to_string(), |d| d.to_string())
        }
    }
}

/// The day of an Excel serial date (1900 system, as Excel and WPS write by default).
fn excel_date(serial: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    Date::new(1899, 12, 30).ok()?.checked_add(days.days()).ok()
}

/// The areas, items and tasks of the rows, in their order; consecutive rows with the same
/// 领域 and 事项 share an item. Also what to check: dates that could not be read, and ids
/// that differ from the rows' order (the plan numbers its tasks by their order).
pub fn build(rows: &[Row], year: i32) -> (Vec<LedgerArea>, Vec<Noted>) {
    let mut areas: Vec<LedgerArea> = Vec::new();
    let mut notes = Vec::new();
    let mut renumbered: Option<(usize, String, String)> = None;
    let mut renumbered_rows = 0;
    for r in rows {
        let new_area = areas.last().is_none_or(|a| a.title != r.area);
        if new_area {
            areas.push(LedgerArea {
                title: r.area.clone(),
                items: Vec::new(),
            });
        }
        let Some(area) = areas.last_mut() else {
            continue;
        };
        if area.items.last().is_none_or(|i| i.title != r.item) {
            area.items.push(LedgerItem {
                title: r.item.clone(),
                tasks: Vec::new(),
            });
        }
        let a = areas.len();
        let Some(item) = areas.last_mut().and_then(|x| x.items.last_mut()) else {
            continue;
        };
        let due = if r.due.is_empty() {
            None
        } else {
            let d = crate::typed::date(&r.due, year);
            if d.is_none() {
                notes.push(Noted {
                    place: Place::Line(r.row),
                    note: Note::BadDate(r.due.clone()),
                });
            }
            d
        };
        item.tasks.push(LedgerTask {
            text: r.task.clone(),
            owner: Some(r.owner.clone()).filter(|o| !o.is_empty()),
            due,
        });
        let id = format!(
            "{a}.{}.{}",
            areas[a - 1].items.len(),
            areas[a - 1].items.last().map_or(0, |i| i.tasks.len())
        );
        if !r.id.is_empty() && r.id != id {
            renumbered_rows += 1;
            renumbered.get_or_insert((r.row, r.id.clone(), id));
        }
    }
    if let Some((row, found, now)) = renumbered {
        notes.push(Noted {
            place: Place::Line(row),
            note: Note::Renumbered {
                rows: renumbered_rows,
                found,
                now,
            },
        });
    }
    (areas, notes)
}

/// The year most of the due dates fall in.
pub fn usual_year(rows: &[Row]) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for r in rows {
        if let Some(y) = super::section::year_of(&r.due) {
            match counts.iter_mut().find(|(cy, _)| *cy == y) {
                Some((_, n)) => *n += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, -y))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_found_below_a_title_and_merged_cells_carry_on() {
        let t = table(&[
            &["2024年工作台账"],
            &["编号", "领域", "事项", "任务", "责任部门", "完成时限"],
            &[
                "1.1.1",
                "甲领域",
                "甲事项",
                "任务一。",
                "办公室",
                "2024-06-30",
            ],
            &["1.1.2", "", "", "任务二。", "", ""],
            &["1.2.1", "", "乙事项", "任务三。", "", "9月30日"],
            &["", "", "", "", "", ""],
            &["2.1.1", "乙领域", "丙事项", "'=任务四。", "", "不知道"],
        ]);
        let rows = rows(&t).expect("a header");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].area, "甲领域");
        assert_eq!(rows[2].item, "乙事项");
        assert_eq!(usual_year(&rows), Some(2024));
        let (areas, notes) = build(&rows, 2024);
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[0].items.len(), 2);
        assert_eq!(areas[0].items[0].tasks[0].owner.as_deref(), Some("办公室"));
        assert_eq!(areas[1].items[0].tasks[0].text, "=任务四。");
        assert_eq!(areas[0].items[1].tasks[0].due, Date::new(2024, 9, 30).ok());
        assert_eq!(
            notes,
            [Noted {
                place: Place::Line(7),
                note: Note::BadDate("不知道".into())
            }]
        );
    }

    #[test]
    fn ids_out_of_order_are_renumbered_and_named() {
        let t = table(&[
            &["No.", "Area", "Item", "Task"],
            &["1", "A", "a", "t1"],
            &["2", "A", "a", "t2"],
            &["1.2.1", "A", "b", "t3"],
        ]);
        let rows = rows(&t).expect("a header");
        let (areas, notes) = build(&rows, 2024);
        assert_eq!(areas[0].items.len(), 2);
        assert_eq!(
            notes,
            [Noted {
                place: Place::Line(2),
                note: Note::Renumbered {
                    rows: 2,
                    found: "1".into(),
                    now: "1.1.1".into()
                }
            }]
        );
    }

    #[test]
    fn no_header_no_rows() {
        assert_eq!(rows(&table(&[&["a", "b"], &["c", "d"]])), None);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_date(45291.0), Date::new(2023, 12, 31).ok());
        assert_eq!(excel_date(3.0), None);
    }
}
