//! From the decoded text to paragraphs: page numbers and running headers dropped, lines that a
//! page break or a hard wrap cut joined again, blank lines ignored.

use super::marks;
use foldhash::{HashMap, HashMapExt};

/// A paragraph and the line of the report it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based line in the report.
    pub line: usize,
    pub text: String,
}

/// Paragraphs of `texts`, one a line from line 1, as the tests write them.
#[cfg(test)]
pub fn paras(texts: &[&str]) -> Vec<Paragraph> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph {
            line: i + 1,
            text: (*t).to_string(),
        })
        .collect()
}

/// The paragraphs and what was dropped on the way.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub paragraphs: Vec<Paragraph>,
    /// Lines taken for page numbers (`— 3 —`, `第3页`).
    pub page_numbers: usize,
    /// Lines taken for running headers or footers (a short line repeated on many pages).
    pub running: Vec<String>,
}

/// A line longer than this is never a heading or a running header.
const SHORT: usize = 40;

/// How many times a short line must appear to be taken for a running header.
const RUNNING: usize = 3;

/// Whether a line is only a page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 10 页`,
/// `3/10`, `Page 3`.
pub fn is_page_number(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits == 0 || digits > 8 {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―' | '─' | '·');
    let core = s.trim_matches(dashes);
    if core.chars().all(|c| c.is_ascii_digit()) {
        return core.len() <= 4;
    }
    let rest: String = core
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '，' | ',' | '/' | '／'))
        .collect();
    matches!(
        rest.as_str(),
        "第页" | "第页共页" | "页" | "" | "Page" | "Pageof" | "page"
    )
}

/// Whether a line ends its paragraph by its last mark: `。`, `！`, `？`, `；`, `：`, also after a
/// closing quote or bracket.
fn closes(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '’', '）', ')', '」', '』', '"', '》']);
    trimmed.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '．', '.'])
}

/// Whether the line cannot be the end of anything: a comma or pause mark last.
fn open(line: &str) -> bool {
    line.ends_with(['，', ',', '、'])
}

/// A short line with no sentence or clause mark: a title or heading on its own.
pub fn is_heading_like(line: &str) -> bool {
    is_short(line) && !line.contains(['。', '，', ',', '；', ';', '：', ':', '！', '？', '!', '?'])
}

/// At most [`SHORT`] characters, found without counting a long paragraph through.
fn is_short(text: &str) -> bool {
    text.chars().nth(SHORT).is_none()
}

/// Whether a line starts a new paragraph whatever came before: a numbered heading or item, a
/// stand-alone heading, or the closing address (`各位代表`).
fn starts(line: &str) -> bool {
    marks::any_mark(line).is_some() || is_heading_like(line) || line.starts_with("各位代表")
}

/// Trims spaces of any width and stray byte-order marks.
fn tidy(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Cuts the text into paragraphs.
pub fn paragraphs(text: &str) -> Cleaned {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, tidy(l)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (_, l) in &lines {
        if is_heading_like(l) {
            *seen.entry(l).or_default() += 1;
        }
    }
    let mut out = Cleaned::default();
    let mut running: Vec<&str> = seen
        .into_iter()
        .filter(|&(_, n)| n >= RUNNING)
        .map(|(l, _)| l)
        .collect();
    running.sort_unstable();
    let mut last_closed = true;
    for (number, line) in lines {
        if is_page_number(line) {
            out.page_numbers += 1;
            continue;
        }
        if running.binary_search(&line).is_ok() {
            continue;
        }
        let join = match out.paragraphs.last() {
            None => false,
            Some(p) => open(&p.text) || !(last_closed || starts(line)),
        };
        match out.paragraphs.last_mut() {
            Some(p) if join => {
                let ascii_words = p.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_words {
                    p.text.push(' ');
                }
                p.text.push_str(line);
            }
            _ => out.paragraphs.push(Paragraph {
                line: number,
                text: line.to_string(),
            }),
        }
        let text = out.paragraphs.last().map_or("", |p| p.text.as_str());
        last_closed = closes(text) || is_heading_like(text) || numbered_heading(text);
    }
    out.running = running.into_iter().map(str::to_string).collect();
    out
}

/// A numbered line with no sentence end in it, such as `(一)坚持创新发展,主动作为`: a heading.
fn numbered_heading(text: &str) -> bool {
    marks::any_mark(text).is_some_and(|(_, _, rest)| {
        is_short(rest) && !rest.contains(['。', '！', '？', '；', '!', '?', ';'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn page_numbers_in_their_usual_shapes() {
        for s in [
            "3",
            "- 3 -",
            "— 3 —",
            "－3－",
            "第3页",
            "第 3 页 共 10 页",
            "3/10",
            "Page 3",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "2023年主要工作安排",
            "一、",
            "完成49项实事项目。",
            "20230331x",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn wrapped_lines_and_page_breaks_are_joined() {
        let text = "2024年工作安排\n\n（一）加强治理。一是推进\n\n— 3 —\n\n自治，完善机制。\n二是做强品牌。\n";
        let c = paragraphs(text);
        assert_eq!(
            texts(&c),
            [
                "2024年工作安排",
                "（一）加强治理。一是推进自治，完善机制。",
                "二是做强品牌。"
            ]
        );
        assert_eq!(c.page_numbers, 1);
        assert_eq!(c.paragraphs[1].line, 3);
    }

    #[test]
    fn headings_without_a_full_stop_end_their_paragraph() {
        let c = paragraphs(
            "(一)坚持创新发展,主动作为\n面对冲击,坚持稳中求进。\n1、加强学习，提高能力，推进落实，\n提升实效。",
        );
        assert_eq!(
            texts(&c),
            [
                "(一)坚持创新发展,主动作为",
                "面对冲击,坚持稳中求进。",
                "1、加强学习，提高能力，推进落实，提升实效。"
            ]
        );
    }

    #[test]
    fn running_headers_are_dropped() {
        let text = "某街道报告\n甲。\n某街道报告\n乙。\n某街道报告\n丙。";
        let c = paragraphs(text);
        assert_eq!(texts(&c), ["甲。", "乙。", "丙。"]);
        assert_eq!(c.running, ["某街道报告"]);
    }
}
