//! The numbering marks of a report: `（一）`/`(一)` and `一、` for areas, `1、`/`1.`/`（1）` for
//! item paragraphs, and `一是`/`二是` for items inside a paragraph.

/// How areas (or items) are numbered with Chinese numerals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `（一）`, `(一)`: a numeral in brackets, full-width or ASCII.
    Bracketed,
    /// `一、`, `一．`: a numeral and a pause mark.
    Listed,
    /// `1、`, `1.`, `1．`: a figure and a pause mark.
    Figure,
    /// `（1）`, `(1)`: a figure in brackets.
    BracketedFigure,
}

/// The value of the Chinese numeral `一` … `九十九` at the start of `s`, and the rest.
pub fn chinese_numeral(s: &str) -> Option<(u32, &str)> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut chars = s.char_indices().peekable();
    let (_, first) = chars.next()?;
    let (value, consumed) = if first == '十' {
        match chars.peek().and_then(|&(_, c)| digit(c)) {
            Some(d) => (10 + d, 2),
            None => (10, 1),
        }
    } else {
        let d = digit(first)?;
        match chars.peek() {
            Some(&(_, '十')) => {
                chars.next();
                match chars.peek().and_then(|&(_, c)| digit(c)) {
                    Some(u) => (d * 10 + u, 3),
                    None => (d * 10, 2),
                }
            }
            _ => (d, 1),
        }
    };
    let end = s.char_indices().nth(consumed).map_or(s.len(), |(i, _)| i);
    Some((value, &s[end..]))
}

/// The value of the figures `1` … `999` at the start of `s`, and the rest.
fn figure(s: &str) -> Option<(u32, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    if end == 0 || end > 3 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

fn open_bracket(s: &str) -> Option<&str> {
    s.strip_prefix('（').or_else(|| s.strip_prefix('('))
}

fn close_bracket(s: &str) -> Option<&str> {
    s.strip_prefix('）').or_else(|| s.strip_prefix(')'))
}

/// After a figure, `.` is a mark only when no figure follows (`1.5万` is a number).
fn pause(s: &str, figure: bool) -> Option<&str> {
    let rest = s
        .strip_prefix('、')
        .or_else(|| s.strip_prefix('．'))
        .or_else(|| s.strip_prefix('.'))?;
    if figure && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(rest)
}

/// An area-like mark at the start of `s`: `（一）`, `(一)` or `一、`; its style, value and the
/// text after it.
pub fn chinese_mark(s: &str) -> Option<(Style, u32, &str)> {
    if let Some(inner) = open_bracket(s) {
        let (n, rest) = chinese_numeral(inner)?;
        return Some((Style::Bracketed, n, close_bracket(rest)?));
    }
    let (n, rest) = chinese_numeral(s)?;
    Some((Style::Listed, n, pause(rest, false)?))
}

/// An item paragraph's mark at the start of `s`: `1、`, `1.`, `（1）`; its style, value and the
/// text after it.
pub fn figure_mark(s: &str) -> Option<(Style, u32, &str)> {
    if let Some(inner) = open_bracket(s) {
        let (n, rest) = figure(inner)?;
        return Some((Style::BracketedFigure, n, close_bracket(rest)?));
    }
    let (n, rest) = figure(s)?;
    Some((Style::Figure, n, pause(rest, true)?))
}

/// Any of the marks above.
pub fn any_mark(s: &str) -> Option<(Style, u32, &str)> {
    chinese_mark(s).or_else(|| figure_mark(s))
}

/// `一是`, `二是` … at the start of `s`: the value and the text after it.
pub fn ordinal(s: &str) -> Option<(u32, &str)> {
    let (n, rest) = chinese_numeral(s)?;
    Some((n, rest.strip_prefix('是')?))
}

/// The Chinese numeral for `n` (1 … 99), as the review table shows it.
pub fn numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, units) = ((n / 10) as usize, (n % 10) as usize);
    match tens {
        0 => D[units].to_string(),
        1 => format!("十{}", D[units]),
        t if t < 10 => format!("{}十{}", D[t], D[units]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_up_to_ninety_nine() {
        assert_eq!(chinese_numeral("三是"), Some((3, "是")));
        assert_eq!(chinese_numeral("十是"), Some((10, "是")));
        assert_eq!(chinese_numeral("十二、"), Some((12, "、")));
        assert_eq!(chinese_numeral("二十一）"), Some((21, "）")));
        assert_eq!(chinese_numeral("是"), None);
        for n in 1..100 {
            assert_eq!(chinese_numeral(&numeral(n)), Some((n, "")), "{n}");
        }
    }

    #[test]
    fn marks_of_each_style() {
        assert_eq!(
            chinese_mark("（一）汇集"),
            Some((Style::Bracketed, 1, "汇集"))
        );
        assert_eq!(
            chinese_mark("(六)集聚"),
            Some((Style::Bracketed, 6, "集聚"))
        );
        assert_eq!(chinese_mark("二、加强"), Some((Style::Listed, 2, "加强")));
        assert_eq!(chinese_mark("一是加强"), None);
        assert_eq!(chinese_mark("统一、"), None);
        assert_eq!(figure_mark("1、加强"), Some((Style::Figure, 1, "加强")));
        assert_eq!(figure_mark("12.加强"), Some((Style::Figure, 12, "加强")));
        assert_eq!(figure_mark("1.5万人"), None);
        assert_eq!(
            figure_mark("（3）加强"),
            Some((Style::BracketedFigure, 3, "加强"))
        );
        assert_eq!(figure_mark("2023年"), None);
        assert_eq!(ordinal("二是提升"), Some((2, "提升")));
        assert_eq!(ordinal("二者"), None);
    }
}
