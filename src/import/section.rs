//! Finding the section of the report that holds the work plan: a heading such as
//! `2023年主要工作安排`, `二、2024年工作安排` or `工作打算`, or the one `--section` names.

use super::lines::{Paragraph, is_heading_like};
use super::marks::{self, Style};

/// Words of a heading over next year's plan.
const PLAN_WORDS: [&str; 9] = [
    "工作安排",
    "工作打算",
    "工作计划",
    "工作思路",
    "主要任务",
    "工作要点",
    "工作设想",
    "目标任务",
    "重点任务",
];

/// Words of a heading over the years past.
const REVIEW_WORDS: [&str; 3] = ["总结", "回顾", "主要成绩"];

/// Words that open the closing address after the last area.
pub const CLOSING: [&str; 3] = ["各位代表", "同志们", "各位委员"];

/// What a heading is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Review,
    Other,
}

/// A heading found in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index of its paragraph.
    pub index: usize,
    /// 1-based line in the report.
    pub line: usize,
    /// As written, numbering and all.
    pub text: String,
    /// Without its numbering (`二、`).
    pub title: String,
    pub kind: Kind,
    /// Numbered `一、`: the section then also ends at the next heading numbered so.
    pub listed: bool,
}

/// The section chosen: its heading and the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    /// Indices of its paragraphs, after the heading.
    pub body: std::ops::Range<usize>,
    /// Whether a closing address ended it (left out of the plan).
    pub closing_left_out: Option<usize>,
}

/// Why no section could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionError {
    /// No heading over a plan; the headings that were found.
    NoPlan(Vec<String>),
    /// Several headings over a plan: `--section` must choose.
    Several(Vec<String>),
    /// No heading holds the `--section` text; the headings that were found.
    NotFound(String, Vec<String>),
}

/// The heading a paragraph is, if it is one.
fn heading(index: usize, p: &Paragraph) -> Option<Heading> {
    if !is_heading_like(&p.text) {
        return None;
    }
    let (title, listed) = match marks::chinese_mark(&p.text) {
        Some((Style::Listed, _, rest)) => (rest, true),
        Some(_) => return None,
        None => (p.text.as_str(), false),
    };
    let title = title.trim();
    // Under sections numbered 一、 the areas are numbered （一）; where areas are numbered 一、,
    // one of them called `三、抓好重点任务` is an area, not a section: a numbered heading is
    // a section only when it names a year.
    let kind = if listed && year_of(title).is_none() {
        Kind::Other
    } else if PLAN_WORDS.iter().any(|w| title.contains(w)) {
        Kind::Plan
    } else if REVIEW_WORDS.iter().any(|w| title.contains(w)) {
        Kind::Review
    } else {
        Kind::Other
    };
    Some(Heading {
        index,
        line: p.line,
        text: p.text.clone(),
        title: title.to_string(),
        kind,
        listed,
    })
}

/// Every heading-like paragraph.
pub fn headings(paragraphs: &[Paragraph]) -> Vec<Heading> {
    paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| heading(i, p))
        .collect()
}

/// Chooses the section: the one heading over a plan, or the heading holding `wanted`.
pub fn choose(paragraphs: &[Paragraph], wanted: Option<&str>) -> Result<Section, SectionError> {
    let all = headings(paragraphs);
    let named = |hs: &[&Heading]| hs.iter().map(|h| h.text.clone()).collect::<Vec<_>>();
    let keyword: Vec<&Heading> = all.iter().filter(|h| h.kind != Kind::Other).collect();
    let chosen = match wanted.map(str::trim).filter(|w| !w.is_empty()) {
        Some(w) => {
            let hits: Vec<&Heading> = all.iter().filter(|h| h.text.contains(w)).collect();
            let strong: Vec<&Heading> = hits
                .iter()
                .copied()
                .filter(|h| h.kind != Kind::Other)
                .collect();
            match (hits.as_slice(), strong.as_slice()) {
                (_, [one]) | ([one], _) => (*one).clone(),
                ([], _) => return Err(SectionError::NotFound(w.to_string(), named(&keyword))),
                _ => {
                    let several = if strong.is_empty() { &hits } else { &strong };
                    return Err(SectionError::Several(named(several)));
                }
            }
        }
        None => {
            let plans: Vec<&Heading> = keyword
                .iter()
                .copied()
                .filter(|h| h.kind == Kind::Plan)
                .collect();
            match plans.as_slice() {
                [one] => (*one).clone(),
                [] => return Err(SectionError::NoPlan(named(&keyword))),
                _ => return Err(SectionError::Several(named(&plans))),
            }
        }
    };
    let after = chosen.index + 1;
    let next_heading = all
        .iter()
        .filter(|h| h.index > chosen.index)
        .find(|h| h.kind != Kind::Other || chosen.listed && h.listed)
        .map_or(paragraphs.len(), |h| h.index);
    let closing = paragraphs[after..next_heading]
        .iter()
        .position(|p| CLOSING.iter().any(|w| p.text.starts_with(w)))
        .map(|i| after + i);
    let end = closing.unwrap_or(next_heading);
    Ok(Section {
        heading: chosen,
        body: after..end,
        closing_left_out: closing.map(|i| paragraphs[i].line),
    })
}

/// The year a heading names (`2024年工作安排` → 2024).
pub fn year_of(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).enumerate().find_map(|(i, w)| {
        let all_digits = w.iter().all(char::is_ascii_digit);
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after_ok = chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if !(all_digits && before_ok && after_ok) {
            return None;
        }
        let y: i32 = w.iter().collect::<String>().parse().ok()?;
        (1990..=2100).contains(&y).then_some(y)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::lines::paras;

    #[test]
    fn the_plan_heading_is_found_and_ends_at_the_next_one() {
        let p = paras(&[
            "某街道报告",
            "一、2023年工作回顾",
            "（一）甲。",
            "二、2024年工作安排",
            "（一）乙。",
            "各位代表，让我们携手。",
        ]);
        let s = choose(&p, None).expect("a section");
        assert_eq!(s.heading.title, "2024年工作安排");
        assert_eq!(s.body, 4..5);
        assert_eq!(s.closing_left_out, Some(6));
        let s = choose(&p, Some("回顾")).expect("a section");
        assert_eq!(s.body, 2..3);
    }

    #[test]
    fn missing_or_ambiguous_sections_are_named() {
        let p = paras(&["甲。", "乙。"]);
        assert_eq!(choose(&p, None), Err(SectionError::NoPlan(vec![])));
        let p = paras(&["2023年工作安排", "甲。", "2024年工作打算", "乙。"]);
        assert!(matches!(choose(&p, None), Err(SectionError::Several(v)) if v.len() == 2));
        assert_eq!(choose(&p, Some("2024")).map(|s| s.body), Ok(3..4));
        assert!(matches!(
            choose(&p, Some("2030")),
            Err(SectionError::NotFound(w, _)) if w == "2030"
        ));
    }

    #[test]
    fn a_numbered_area_named_like_a_section_stays_an_area() {
        let p = paras(&[
            "2024年工作安排",
            "一、抓好重点任务",
            "甲。",
            "二、优化服务",
            "乙。",
        ]);
        let s = choose(&p, None).expect("a section");
        assert_eq!(s.body, 1..5);
    }

    #[test]
    fn years() {
        assert_eq!(year_of("二、2024年工作安排"), Some(2024));
        assert_eq!(year_of("2020-2022年工作总结"), Some(2020));
        assert_eq!(year_of("工作打算"), None);
        assert_eq!(year_of("12345"), None);
    }
}
