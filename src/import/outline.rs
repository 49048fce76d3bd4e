//! Areas, items and tasks from the paragraphs of the plan's section.
//!
//! Areas are the paragraphs numbered `（一）`/`(一)` or `一、` (whichever comes first); items are
//! the paragraphs numbered at the next level (`1、`, `（1）`, or `（一）` under `一、` areas), else
//! the `一是…二是…` runs inside the area's paragraphs; tasks are the sentences of an item after
//! its title.

use super::lines::Paragraph;
use super::marks::{self, Style};
use super::sentences::{first_clause, sentences, without_end};

/// An item title longer than this is shown as one to check.
pub const LONG_TITLE: usize = 30;

/// An area as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub line: usize,
    pub title: String,
    pub items: Vec<Item>,
}

/// An item as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: usize,
    pub title: String,
    pub tasks: Vec<String>,
}

/// Where a note points: a node of the new plan or a line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Node(String),
    Line(usize),
}

/// Something the reader made a choice about, for the officer to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Paragraphs between the heading and the first area, left out (an introduction).
    Preamble(usize),
    /// Text of an area before its first item, left out.
    BeforeFirstItem(String),
    /// An area with no numbered items: each paragraph was taken as one item.
    NoItemMarks,
    /// An area with no text under its heading: its heading was taken as its one task.
    EmptyArea,
    /// Numbering out of sequence: the number expected and the one found.
    Numbering { expected: u32, found: u32 },
    /// A quote or bracket that never closes in the paragraph.
    Unmatched(String),
    /// An area or item with no title: the first words of its text were used.
    NoTitle,
    /// An item title longer than [`LONG_TITLE`] characters.
    LongTitle,
    /// A paragraph numbered at a deeper level, kept in the item above it as tasks.
    Deeper(String),
    /// The closing address after the last area, left out.
    Closing,
    /// Lines taken for page numbers and dropped.
    PageNumbers(usize),
    /// Lines taken for running headers or footers and dropped.
    Running(String),
    /// A 完成时限 that is not a date, left empty.
    BadDate(String),
    /// Ledger ids that differ from the rows' order: how many, the first as found and as now.
    Renumbered {
        rows: usize,
        found: String,
        now: String,
    },
}

/// A note and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noted {
    pub place: Place,
    pub note: Note,
}

/// The first few characters of a text, for the review.
pub fn first_words(s: &str) -> String {
    const N: usize = 16;
    if s.chars().count() > N {
        s.chars().take(N).chain(['…']).collect()
    } else {
        s.to_string()
    }
}

/// A sentence with the paragraph line it came from.
struct Sentence {
    line: usize,
    text: String,
}

struct Reader {
    notes: Vec<Noted>,
}

impl Reader {
    fn note(&mut self, place: Place, note: Note) {
        self.notes.push(Noted { place, note });
    }

    fn sentences(&mut self, line: usize, text: &str) -> Vec<Sentence> {
        let (list, unmatched) = sentences(text);
        if unmatched {
            self.note(Place::Line(line), Note::Unmatched(first_words(text)));
        }
        list.into_iter()
            .map(|text| Sentence { line, text })
            .collect()
    }

    fn sequence(&mut self, place: Place, expected: u32, found: u32) {
        if expected != found {
            self.note(place, Note::Numbering { expected, found });
        }
    }
}

/// Reads the areas of a section's paragraphs; `None` when no paragraph is numbered as an area.
pub fn read(paragraphs: &[Paragraph]) -> Option<(Vec<Area>, Vec<Noted>)> {
    let (first, area_style) = paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| marks::chinese_mark(&p.text).map(|(style, _, _)| (i, style)))?;
    let mut reader = Reader { notes: Vec::new() };
    if first > 0 {
        reader.note(Place::Line(paragraphs[0].line), Note::Preamble(first));
    }
    let mut areas = Vec::new();
    let mut start = first;
    while start < paragraphs.len() {
        let end = (start + 1..paragraphs.len())
            .find(|&i| is_area(&paragraphs[i], area_style))
            .unwrap_or(paragraphs.len());
        let id = (areas.len() + 1).to_string();
        let head = &paragraphs[start];
        let Some((_, n, rest)) = marks::chinese_mark(&head.text) else {
            break;
        };
        reader.sequence(Place::Line(head.line), areas.len() as u32 + 1, n);
        let mut heading = reader.sentences(head.line, rest);
        let title = if heading.is_empty() {
            String::new()
        } else {
            without_end(&heading.remove(0).text)
        };
        let body = &paragraphs[start + 1..end];
        let items = items(
            &mut reader,
            &id,
            area_style,
            heading,
            body,
            &title,
            head.line,
        );
        let title = if title.is_empty() {
            reader.note(Place::Node(id.clone()), Note::NoTitle);
            items.first().map(|i| i.title.clone()).unwrap_or_default()
        } else {
            title
        };
        areas.push(Area {
            line: head.line,
            title,
            items,
        });
        start = end;
    }
    Some((areas, reader.notes))
}

fn is_area(p: &Paragraph, style: Style) -> bool {
    marks::chinese_mark(&p.text).is_some_and(|(s, _, _)| s == style)
}

/// The items of one area: from numbered paragraphs, else from `一是` runs, else one per
/// paragraph.
fn items(
    reader: &mut Reader,
    area: &str,
    area_style: Style,
    heading_rest: Vec<Sentence>,
    body: &[Paragraph],
    area_title: &str,
    area_line: usize,
) -> Vec<Item> {
    let item_style = body.iter().find_map(|p| {
        marks::any_mark(&p.text)
            .map(|(s, _, _)| s)
            .filter(|&s| s != area_style)
    });
    if let Some(style) = item_style {
        return numbered_items(reader, area, style, heading_rest, body);
    }
    let mut all = Vec::new();
    for s in heading_rest {
        all.extend(after_colon(s));
    }
    for p in body {
        let list = reader.sentences(p.line, &p.text);
        all.extend(list.into_iter().flat_map(after_colon));
    }
    if all.iter().any(|s| marks::ordinal(&s.text).is_some()) {
        return ordinal_items(reader, area, all);
    }
    if all.is_empty() {
        reader.note(Place::Node(area.to_string()), Note::EmptyArea);
        return vec![Item {
            line: area_line,
            title: area_title.to_string(),
            tasks: vec![area_title.to_string()],
        }];
    }
    reader.note(Place::Node(area.to_string()), Note::NoItemMarks);
    let mut out = Vec::new();
    let mut line = None;
    for s in all {
        if line != Some(s.line) {
            line = Some(s.line);
            out.push((s.line, Vec::new()));
        }
        if let Some((_, list)) = out.last_mut() {
            list.push(s.text);
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (line, list))| item(reader, &format!("{area}.{}", i + 1), line, list))
        .collect()
}

/// `重点做好三方面：一是…；` is two sentences: the run of items starts after the colon.
fn after_colon(s: Sentence) -> Vec<Sentence> {
    let cut = s.text.char_indices().find_map(|(i, c)| {
        let rest = &s.text[i + c.len_utf8()..];
        (matches!(c, '：' | ':') && marks::ordinal(rest).is_some_and(|(n, _)| n == 1))
            .then_some(i + c.len_utf8())
    });
    match cut {
        Some(at) => {
            let (head, tail) = s.text.split_at(at);
            vec![
                Sentence {
                    line: s.line,
                    text: head.to_string(),
                },
                Sentence {
                    line: s.line,
                    text: tail.to_string(),
                },
            ]
        }
        None => vec![s],
    }
}

/// Items from paragraphs numbered `1、`, `（1）` or (under `一、` areas) `（一）`.
fn numbered_items(
    reader: &mut Reader,
    area: &str,
    style: Style,
    heading_rest: Vec<Sentence>,
    body: &[Paragraph],
) -> Vec<Item> {
    let mut before: Vec<String> = heading_rest.into_iter().map(|s| s.text).collect();
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for p in body {
        let mark = marks::any_mark(&p.text);
        match mark {
            Some((s, n, rest)) if s == style => {
                reader.sequence(Place::Line(p.line), out.len() as u32 + 1, n);
                let list = reader.sentences(p.line, rest);
                out.push((p.line, list.into_iter().map(|s| s.text).collect()));
            }
            _ => {
                // A deeper paragraph's sentences are tasks; its number goes.
                let text = match mark {
                    Some((_, _, rest)) => {
                        reader.note(Place::Line(p.line), Note::Deeper(first_words(&p.text)));
                        rest
                    }
                    None => p.text.as_str(),
                };
                let list = reader.sentences(p.line, text);
                let texts = list.into_iter().map(|s| s.text);
                match out.last_mut() {
                    Some((_, tasks)) => tasks.extend(texts),
                    None => before.extend(texts),
                }
            }
        }
    }
    left_out(reader, area, &before);
    out.into_iter()
        .enumerate()
        .map(|(i, (line, list))| item(reader, &format!("{area}.{}", i + 1), line, list))
        .collect()
}

/// Items from `一是…。二是…。` runs.
fn ordinal_items(reader: &mut Reader, area: &str, all: Vec<Sentence>) -> Vec<Item> {
    let mut before = Vec::new();
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for s in all {
        match marks::ordinal(&s.text) {
            Some((n, rest)) => {
                reader.sequence(Place::Line(s.line), out.len() as u32 + 1, n);
                out.push((s.line, vec![rest.to_string()]));
            }
            None => match out.last_mut() {
                Some((_, list)) => list.push(s.text),
                None => before.push(s.text),
            },
        }
    }
    left_out(reader, area, &before);
    out.into_iter()
        .enumerate()
        .map(|(i, (line, list))| item(reader, &format!("{area}.{}", i + 1), line, list))
        .collect()
}

fn left_out(reader: &mut Reader, area: &str, before: &[String]) {
    if !before.is_empty() {
        let words = first_words(&before.concat());
        reader.note(Place::Node(area.to_string()), Note::BeforeFirstItem(words));
    }
}

/// One item from its sentences (its mark removed): the first sentence, or the clause before
/// its first comma, is the title; the sentences after it are the tasks.
fn item(reader: &mut Reader, id: &str, line: usize, mut list: Vec<String>) -> Item {
    let first = if list.is_empty() {
        String::new()
    } else {
        list.remove(0)
    };
    let (title, mut tasks) = match first_clause(&first) {
        None => (without_end(&first), Vec::new()),
        Some((clause, rest)) => (
            without_end(&clause),
            if rest.is_empty() { vec![] } else { vec![rest] },
        ),
    };
    tasks.extend(list);
    if tasks.is_empty() {
        tasks.push(first);
    }
    let title = if title.is_empty() {
        reader.note(Place::Node(id.to_string()), Note::NoTitle);
        tasks
            .first()
            .map(|t| without_end(&first_words(t)))
            .unwrap_or_default()
    } else {
        title
    };
    if title.chars().count() > LONG_TITLE {
        reader.note(Place::Node(id.to_string()), Note::LongTitle);
    }
    Item { line, title, tasks }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::lines::paras;

    #[test]
    fn ordinal_runs_make_items_and_sentences_tasks() {
        let p = paras(&[
            "重点做好以下工作:",
            "(一)汇集民智,打造新范例。一是践行民主。推动立法。建强平台。二是提升能效。",
        ]);
        let (areas, notes) = read(&p).expect("areas");
        assert_eq!(areas.len(), 1);
        assert_eq!(areas[0].title, "汇集民智,打造新范例");
        let items = &areas[0].items;
        assert_eq!(items[0].title, "践行民主");
        assert_eq!(items[0].tasks, ["推动立法。", "建强平台。"]);
        assert_eq!(items[1].title, "提升能效");
        assert_eq!(items[1].tasks, ["提升能效。"]);
        assert_eq!(
            notes,
            [Noted {
                place: Place::Line(1),
                note: Note::Preamble(1)
            }]
        );
    }

    #[test]
    fn a_run_of_items_may_start_after_a_colon() {
        let p = paras(&["（一）加强治理。重点做好两方面：一是完善机制；二是做强品牌。"]);
        let (areas, notes) = read(&p).expect("areas");
        let titles: Vec<&str> = areas[0].items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["完善机制", "做强品牌"]);
        assert_eq!(
            notes,
            [Noted {
                place: Place::Node("1".into()),
                note: Note::BeforeFirstItem("重点做好两方面：".into())
            }]
        );
    }

    #[test]
    fn numbered_paragraphs_make_items_and_a_comma_ends_a_long_title() {
        let p = paras(&[
            "一、加强治理",
            "1、完善体系，健全机制，推进落实。",
            "3、做强品牌。打造阵地。",
            "二、优化服务",
            "面对新形势。",
        ]);
        let (areas, notes) = read(&p).expect("areas");
        assert_eq!(areas[0].items[0].title, "完善体系");
        assert_eq!(areas[0].items[0].tasks, ["健全机制，推进落实。"]);
        assert_eq!(areas[0].items[1].title, "做强品牌");
        assert_eq!(areas[1].items[0].title, "面对新形势");
        assert!(notes.contains(&Noted {
            place: Place::Line(3),
            note: Note::Numbering {
                expected: 2,
                found: 3
            }
        }));
        assert!(notes.contains(&Noted {
            place: Place::Node("2".into()),
            note: Note::NoItemMarks
        }));
    }

    #[test]
    fn untitled_areas_and_items_borrow_their_first_words() {
        let p = paras(&["（一）", "一是。推进标准化建设工作。"]);
        let (areas, notes) = read(&p).expect("areas");
        assert_eq!(areas[0].items[0].title, "推进标准化建设工作");
        assert_eq!(areas[0].title, "推进标准化建设工作");
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn deeper_paragraphs_are_tasks_of_the_item_above() {
        let p = paras(&[
            "一、加强党建",
            "（一）夯实组织。",
            "1.推进标准化。建成示范点。",
            "2.加强教育。",
        ]);
        let (areas, notes) = read(&p).expect("areas");
        assert_eq!(areas[0].items.len(), 1);
        assert_eq!(areas[0].items[0].title, "夯实组织");
        assert_eq!(
            areas[0].items[0].tasks,
            ["推进标准化。", "建成示范点。", "加强教育。"]
        );
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].place, Place::Line(3));
    }
}
