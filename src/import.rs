//! A plan from a report's text or from a 台账: `workplan plan import`.
//!
//! A report (UTF-8 or GBK text) is cut into paragraphs ([`lines`]), the work-plan section is
//! found ([`section`]) and read into areas → items → tasks ([`outline`]). A 台账 (.xlsx, .csv)
//! is read by its columns ([`ledger`]). Either way the plan is built, validated as any plan
//! file is, and comes back with the notes the review table shows ([`review`]).

pub mod decode;
pub mod ledger;
pub mod lines;
pub mod marks;
pub mod outline;
pub mod review;
pub mod section;
pub mod sentences;
pub mod words;

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::{Map, Value, json};

use crate::plan::{Plan, PlanError};
pub use decode::Encoding;
pub use ledger::LedgerError;
pub use outline::{Note, Noted, Place};
pub use section::SectionError;

/// What the officer sets; anything left `None` comes from the report or its defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub id: Option<String>,
    pub title: Option<String>,
    pub year: Option<i32>,
    /// Text of the heading of the section to read.
    pub section: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
}

/// A plan made by the import, and what the officer should check in it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<Noted>,
    /// The heading of the section read (reports only).
    pub heading: Option<String>,
}

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Neither UTF-8 nor GBK (or not text at all).
    Encoding,
    /// No section, several, or not the one named.
    Section(SectionError),
    /// A section without a single `（一）` or `一、` area; its heading.
    NoAreas(String),
    /// No year in the heading or the report's title, and no `--year`.
    NoYear,
    /// The ledger could not be read.
    Ledger(LedgerError),
    /// The plan made does not pass the plan checks.
    Invalid(Vec<PlanError>),
}

/// Whether a file is read as a 台账 (by its extension) rather than as a report's text.
pub fn is_ledger(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "csv")
}

/// Reads a report's text into a plan.
pub fn report(bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    let (text, _) = decode::decode(bytes).ok_or(ImportError::Encoding)?;
    let cleaned = lines::paragraphs(&text);
    let paragraphs = &cleaned.paragraphs;
    let chosen =
        section::choose(paragraphs, options.section.as_deref()).map_err(ImportError::Section)?;
    let heading = chosen.heading.clone();
    let body = &paragraphs[chosen.body.clone()];
    let (areas, mut notes) =
        outline::read(body).ok_or_else(|| ImportError::NoAreas(heading.text.clone()))?;
    if let Some(line) = chosen.closing_left_out {
        notes.push(Noted {
            place: Place::Line(line),
            note: Note::Closing,
        });
    }
    if cleaned.page_numbers > 0 {
        notes.push(Noted {
            place: Place::Line(0),
            note: Note::PageNumbers(cleaned.page_numbers),
        });
    }
    for r in &cleaned.running {
        notes.push(Noted {
            place: Place::Line(0),
            note: Note::Running(r.clone()),
        });
    }
    // The report's own title, above every heading, names the office and the day.
    let source = paragraphs
        .first()
        .filter(|p| p.line < heading.line && lines::is_heading_like(&p.text))
        .filter(|p| {
            section::headings(std::slice::from_ref(*p))
                .iter()
                .all(|h| h.kind == section::Kind::Other)
        })
        .map(|p| p.text.clone());
    let source_date = source.as_deref().and_then(date_in);
    let year = options
        .year
        .or_else(|| section::year_of(&heading.title))
        .or_else(|| source_date.map(|d| i32::from(d.year())))
        .ok_or(ImportError::NoYear)?;
    let office = source.as_deref().and_then(office_of);
    let title = options.title.clone().unwrap_or_else(|| {
        let with_year = if section::year_of(&heading.title).is_some() {
            heading.title.clone()
        } else {
            let bare = ["今后", "下一步", "明年", "新的一年", "新一年"]
                .iter()
                .find_map(|w| heading.title.strip_prefix(w))
                .unwrap_or(&heading.title);
            format!("{year}年{bare}")
        };
        match office {
            Some(o) if !with_year.starts_with(o) => format!("{o}{with_year}"),
            _ => with_year,
        }
    });
    let start = options.start.unwrap_or_else(|| {
        source_date
            .filter(|d| i32::from(d.year()) == year)
            .and_then(|d| d.checked_add(1.day()).ok())
            .filter(|d| i32::from(d.year()) == year)
            .unwrap_or_else(|| first_day(year))
    });
    let areas = numbered(
        areas
            .iter()
            .map(|area| {
                let items = area.items.iter().map(|item| {
                    let tasks = item
                        .tasks
                        .iter()
                        .map(|text| json!({"text": text}))
                        .collect();
                    (item.title.clone(), tasks)
                });
                (area.title.clone(), items.collect())
            })
            .collect(),
    );
    let head = Head {
        id: options.id.clone().unwrap_or_else(|| format!("plan-{year}")),
        title,
        year,
        source,
        start,
        due: options.due.unwrap_or_else(|| last_day(year)),
    };
    let plan = build(head, areas)?;
    Ok(Imported {
        plan,
        notes,
        heading: Some(heading.text),
    })
}

/// Reads a 台账 (.xlsx, .xls, .ods or .csv) into a plan; `bytes` are the file's.
pub fn ledger(path: &Path, bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        let table = ledger::csv_table(bytes).map_err(ImportError::Ledger)?;
        ledger::rows(&table).ok_or(ImportError::Ledger(LedgerError::NoHeader))?
    } else {
        ledger::workbook_rows(path).map_err(ImportError::Ledger)?
    };
    if rows.is_empty() {
        return Err(ImportError::Ledger(LedgerError::NoRows));
    }
    let year = options
        .year
        .or_else(|| ledger::usual_year(&rows))
        .ok_or(ImportError::NoYear)?;
    let due = options.due.unwrap_or_else(|| last_day(year));
    let (areas, notes) = ledger::build(&rows, year);
    let task = |task: &ledger::LedgerTask| {
        let mut v = Map::new();
        v.insert("text".into(), task.text.clone().into());
        if let Some(o) = &task.owner {
            v.insert("owner".into(), o.clone().into());
        }
        // A task due with the plan inherits the date rather than repeating it.
        if let Some(d) = task.due.filter(|&d| d != due) {
            v.insert("due".into(), d.to_string().into());
        }
        Value::Object(v)
    };
    let areas = numbered(
        areas
            .iter()
            .map(|area| {
                let items = area
                    .items
                    .iter()
                    .map(|item| (item.title.clone(), item.tasks.iter().map(task).collect()));
                (area.title.clone(), items.collect())
            })
            .collect(),
    );
    let head = Head {
        id: options.id.clone().unwrap_or_else(|| format!("plan-{year}")),
        title: options
            .title
            .clone()
            .unwrap_or_else(|| format!("{year}年工作安排")),
        year,
        source: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        start: options.start.unwrap_or_else(|| first_day(year)),
        due,
    };
    let plan = build(head, areas)?;
    Ok(Imported {
        plan,
        notes,
        heading: None,
    })
}

/// The plan's own fields.
struct Head {
    id: String,
    title: String,
    year: i32,
    source: Option<String>,
    start: Date,
    due: Date,
}

/// Areas → items → tasks (each task's fields, as JSON) numbered `1`, `1.1`, `1.1.1` … in order.
type Outline = Vec<(String, Vec<(String, Vec<Value>)>)>;

fn numbered(areas: Outline) -> Vec<Value> {
    areas
        .into_iter()
        .enumerate()
        .map(|(a, (title, items))| {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, (title, tasks))| {
                    let tasks = tasks
                        .into_iter()
                        .enumerate()
                        .map(|(t, mut task)| {
                            task["id"] = format!("{}.{}.{}", a + 1, i + 1, t + 1).into();
                            task
                        })
                        .collect();
                    node(format!("{}.{}", a + 1, i + 1), &title, "tasks", tasks)
                })
                .collect();
            node((a + 1).to_string(), &title, "items", items)
        })
        .collect()
}

fn node(id: String, title: &str, children: &str, list: Vec<Value>) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), id.into());
    v.insert("title".into(), title.into());
    v.insert(children.into(), Value::Array(list));
    Value::Object(v)
}

/// The plan as the plan file's own reader takes it, with every check a plan file gets.
fn build(head: Head, areas: Vec<Value>) -> Result<Plan, ImportError> {
    let mut v = Map::new();
    v.insert("id".into(), head.id.into());
    v.insert("title".into(), head.title.into());
    v.insert("year".into(), head.year.into());
    if let Some(s) = head.source {
        v.insert("source".into(), s.into());
    }
    v.insert("start".into(), head.start.to_string().into());
    v.insert("due".into(), head.due.to_string().into());
    v.insert("areas".into(), Value::Array(areas));
    let text = Value::Object(v).to_string();
    // Each task gets its key now, so its history follows it through later changes of the plan.
    Plan::from_bytes(text.as_bytes(), "plan")
        .map(|mut plan| {
            crate::plan::keys::add_keys(&mut plan);
            plan
        })
        .map_err(ImportError::Invalid)
}

/// The plan file's text: what `plan import` writes and `plan show` prints.
pub fn to_json(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).unwrap_or_default();
    s.push('\n');
    s
}

fn first_day(year: i32) -> Date {
    i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, 1, 1).ok())
        .unwrap_or_default()
}

fn last_day(year: i32) -> Date {
    i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, 12, 31).ok())
        .unwrap_or_default()
}

/// The first date written in full in a text (`2023-03-31`, `2023年3月31日`).
fn date_in(text: &str) -> Option<Date> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')'))
        .filter(|t| t.chars().filter(char::is_ascii_digit).count() >= 6)
        .find_map(|t| {
            let year = section::year_of(t)?;
            crate::typed::date(t, year)
        })
}

/// The office a report's title names: up to its 街道, 镇 or 乡.
fn office_of(title: &str) -> Option<&str> {
    ["街道", "镇", "乡"].iter().find_map(|w| {
        let at = title.find(w)?;
        (at > 0).then(|| &title[..at + w.len()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_and_date_from_the_report_title() {
        let t = "新江湾城街道社代会报告 2023-03-31";
        assert_eq!(office_of(t), Some("新江湾城街道"));
        assert_eq!(date_in(t), Date::new(2023, 3, 31).ok());
        assert_eq!(
            date_in("某镇报告（2024年1月5日）"),
            Date::new(2024, 1, 5).ok()
        );
        assert_eq!(office_of("工作报告"), None);
    }

    #[test]
    fn ledgers_are_known_by_their_extension() {
        assert!(is_ledger(Path::new("台账.XLSX")));
        assert!(is_ledger(Path::new("a.csv")));
        assert!(!is_ledger(Path::new("report.txt")));
    }
}
