//! Text broken to a pane's width by display width, at the places UAX #14 allows (never before
//! `。`、`,`, never inside `83.3%`), so no line is ever wider than its pane and a double-width
//! character never lands on a border. A line that starts indented keeps its indent.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::{Options, WordSeparator, WordSplitter};

use crate::text;

/// The words UAX #14 finds, each broken after a `→`: a change "2023-12-31→2023-10-31" that does
/// not fit breaks at its arrow.
fn words_and_arrows(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let words = WordSeparator::UnicodeBreakProperties.find_words(line);
    // The words stand one after another in `line`, each followed by its spaces.
    let mut start = 0;
    Box::new(words.flat_map(move |word| {
        let end = (start + word.word.len() + word.whitespace.len()).min(line.len());
        let whole = line.get(start..end).unwrap_or(word.word);
        start = end;
        let mut pieces = Vec::new();
        let mut from = 0;
        for (i, c) in word.word.char_indices() {
            let after = i + c.len_utf8();
            if c == '→' && after < word.word.len() {
                pieces.push(textwrap::core::Word::from(&whole[from..after]));
                from = after;
            }
        }
        pieces.push(textwrap::core::Word::from(&whole[from..]));
        pieces
    }))
}

/// Where a long word may break after a hyphen, as textwrap's own splitter would, but never
/// between digits: a date or a number range stays whole ("2023-" / "12-31" is not a line end).
fn hyphens_outside_numbers(word: &str) -> Vec<usize> {
    let b = word.as_bytes();
    (1..b.len().saturating_sub(1))
        .filter(|&i| {
            b[i] == b'-' && b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_alphanumeric()
        })
        .filter(|&i| !(b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()))
        .map(|i| i + 1)
        .collect()
}

/// `lines` broken to at most `width` columns each.
pub fn wrap_lines(lines: Vec<Line<'_>>, width: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|line| wrap_line(line, width))
        .collect()
}

/// One line broken to at most `width` columns, each piece keeping the styles of its characters.
pub fn wrap_line(line: Line<'_>, width: usize) -> Vec<Line<'static>> {
    let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if width == 0 || text::width(&plain) <= width {
        let spans: Vec<Span<'static>> = line
            .spans
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style))
            .collect();
        return vec![Line::from(spans).style(line.style)];
    }
    let styled: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let indent: String = plain.chars().take_while(|c| *c == ' ').collect();
    let indent = if text::width(&indent) * 2 < width {
        indent
    } else {
        String::new()
    };
    let options = Options::new(width)
        .word_separator(WordSeparator::Custom(words_and_arrows))
        .word_splitter(WordSplitter::Custom(hyphens_outside_numbers))
        .subsequent_indent(&indent)
        .break_words(true);
    let mut at = 0;
    let mut out = Vec::new();
    for (k, piece) in textwrap::wrap(&plain, options).into_iter().enumerate() {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let body = match k {
            0 => piece.as_ref(),
            _ => {
                if !indent.is_empty() {
                    spans.push(Span::raw(indent.clone()));
                }
                piece.strip_prefix(indent.as_str()).unwrap_or(&piece)
            }
        };
        for c in body.chars() {
            // Spaces where the line was broken are dropped: step over them in the original.
            while styled.get(at).is_some_and(|&(o, _)| o != c) {
                at += 1;
            }
            let style = styled.get(at).map_or_else(Style::default, |&(_, s)| s);
            at += 1;
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push(c),
                _ => spans.push(Span::styled(c.to_string(), style)),
            }
        }
        out.push(Line::from(spans).style(line.style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(s: &str, width: usize) -> Vec<String> {
        wrap_line(Line::raw(s.to_string()), width)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn no_line_is_wider_than_its_pane() {
        let text = "推动基层立法“双联系点”迭代升级、丰富内涵、拓展功能、延伸触角,调动群众、企业参与立法的积极性。";
        for width in 5..40 {
            for line in wrapped(text, width) {
                assert!(text::width(&line) <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn punctuation_never_starts_a_line_and_numbers_keep_their_unit() {
        let text = "共62项任务，已完成1项、推进中4项；滞后58项，滞后占比93.5%";
        for width in 8..30 {
            let lines = wrapped(text, width);
            for line in &lines[1..] {
                assert!(
                    !line.starts_with(['，', '、', '；', '。', '%']),
                    "{width}: {lines:?}"
                );
            }
            assert!(
                lines.iter().any(|l| l.contains("93.5%")),
                "{width}: {lines:?}"
            );
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn a_change_that_does_not_fit_breaks_at_its_arrow_never_inside_a_date() {
        assert_eq!(
            wrapped("完成时限 2023-12-31→2023-10-31", 26),
            ["完成时限 2023-12-31→", "2023-10-31"]
        );
        assert_eq!(wrapped("完成率 30%→60%", 40), ["完成率 30%→60%"]);
    }

    #[test]
    fn styles_and_the_indent_are_kept() {
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled("完成率 30%", Style::new().bold()),
            Span::raw(" 进展：已完成第一阶段调研，正在起草方案"),
        ]);
        let lines = wrap_line(line, 16);
        assert!(lines.len() > 1);
        assert!(lines[1..].iter().all(|l| l.to_string().starts_with("  ")));
        assert_eq!(lines[0].spans[1].content, "完成率 30%");
        assert_eq!(lines[0].spans[1].style, Style::new().bold());
    }
}
