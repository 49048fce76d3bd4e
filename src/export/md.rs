//! Markdown: minutes-ready, in the handout's order (see [`super::handout`]): summary, per-area
//! table, red list, changes since the last checkpoint, folded yellow list, and the 台账 with
//! the latest note of every task.

use std::fmt::Write;

use super::Input;
use super::handout::Part;
use crate::i18n::{self, Term};
use crate::report::meeting::Flagged;

/// Text made safe for a Markdown table cell or paragraph: pipes, backslashes and the characters
/// that start HTML, links or code are backslash-escaped (CommonMark shows them literally), and
/// line breaks become `<br>`, so no note can break a table or inject markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '<' | '>' | '[' | ']' | '`' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// One table: header, alignment row (`right[i]` right-aligns column i) and escaped rows.
fn table(out: &mut String, headers: &[&str], right: &[bool], rows: &[Vec<String>]) {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(headers.iter().map(|h| escape(h)).collect()));
    out.push_str(&line(
        (0..headers.len())
            .map(|i| {
                if right.get(i).copied().unwrap_or(false) {
                    "---:".to_string()
                } else {
                    "---".to_string()
                }
            })
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| escape(c)).collect()));
    }
}

fn flagged(out: &mut String, input: &Input, level: &str, heading: Term, list: &[Flagged]) {
    let lang = input.lang;
    let _ = writeln!(out, "\n{level} {}\n", i18n::term(lang, heading));
    if list.is_empty() {
        let _ = writeln!(out, "{}", i18n::term(lang, Term::None));
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|f| {
            vec![
                f.id.clone(),
                f.text.clone(),
                f.reason.clone(),
                f.owner.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(out, &i18n::flagged_headers(lang), &[], &rows);
}

fn pct(p: f64) -> String {
    format!("{}%", i18n::format_percent(p))
}

/// The whole Markdown document, its sections in the handout's order.
pub fn render(input: &Input) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&input.title()));
    let _ = writeln!(out, "{}", escape(&input.as_of_line()));
    // Inside a department's page the lists are one level down.
    let mut level = "##";
    for part in &input.parts {
        match part {
            Part::Summary => {
                let _ = writeln!(out, "\n{}", escape(&input.meeting.summary));
            }
            Part::Areas => areas(&mut out, input),
            Part::Flagged(heading, list) => flagged(&mut out, input, level, *heading, list),
            Part::Changes => changes(&mut out, input),
            Part::Department(heading) => {
                level = "###";
                let _ = writeln!(out, "\n## {}", escape(heading));
            }
            Part::Ledger => ledger(&mut out, input),
        }
    }
    out
}

fn areas(out: &mut String, input: &Input) {
    let lang = input.lang;
    let _ = writeln!(out, "\n## {}\n", i18n::term(lang, Term::Areas));
    let rows: Vec<Vec<String>> = input
        .area_lines()
        .iter()
        .map(|a| {
            let mut row = vec![a.name(), pct(a.percent)];
            row.extend(a.by_status().map(|n| n.to_string()));
            row.push(i18n::light(lang, a.light).to_string());
            row
        })
        .collect();
    table(
        out,
        &i18n::area_headers(lang),
        &[false, true, true, true, true, true, false],
        &rows,
    );
}

fn changes(out: &mut String, input: &Input) {
    let m = &input.meeting;
    let _ = writeln!(out, "\n## {}\n", escape(&input.changes_heading()));
    if m.changes.is_empty() {
        let _ = writeln!(out, "{}", i18n::term(input.lang, Term::None));
        return;
    }
    let rows: Vec<Vec<String>> = m
        .changes
        .iter()
        .map(|c| vec![c.node.clone(), c.what.clone(), c.user.clone(), c.at.clone()])
        .collect();
    table(out, &i18n::change_headers(input.lang), &[], &rows);
}

/// The 台账: one table per area; the area column is its heading.
fn ledger(out: &mut String, input: &Input) {
    let _ = writeln!(out, "\n## {}", i18n::term(input.lang, Term::LedgerTable));
    let headers = input.ledger_headers_by_area();
    let mut right = vec![false; headers.len()];
    right[4] = true;
    for (area, rows) in input.ledger_areas() {
        let _ = writeln!(out, "\n### {} {}\n", area.id, escape(area.title));
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = input.ledger_cells(row).to_vec();
                cells.remove(1);
                cells
            })
            .collect();
        table(out, &headers, &right, &rows);
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn cells_cannot_break_a_table_or_inject_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("一\r\n二\n三"), "一<br>二<br>三");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("《新江湾城街道<居民公约>》"),
            "《新江湾城街道\\<居民公约\\>》"
        );
        assert_eq!(escape("a\\|"), "a\\\\\\|");
    }
}
