//! Markdown: minutes-ready. Summary, per-area table, red and yellow lists, changes since the last
//! checkpoint, and the 台账 with the latest note of every task.

use std::fmt::Write;

use super::Input;
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

fn flagged(out: &mut String, input: &Input, heading: Term, list: &[Flagged]) {
    let lang = input.lang;
    let _ = writeln!(out, "\n## {}\n", i18n::term(lang, heading));
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

/// The whole Markdown document.
pub fn render(input: &Input) -> String {
    let lang = input.lang;
    let m = &input.meeting;
    let pct = |p: f64| format!("{}%", i18n::format_percent(p));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} · {}\n",
        escape(&input.plan_title),
        i18n::term(lang, Term::Ledger)
    );
    let _ = writeln!(
        out,
        "{} {} · {} {}\n",
        i18n::term(lang, Term::AsOf),
        m.as_of,
        i18n::term(lang, Term::Overall),
        pct(m.percent)
    );
    let _ = writeln!(out, "{}", escape(&m.summary));

    let _ = writeln!(out, "\n## {}\n", i18n::term(lang, Term::Areas));
    let mut rows: Vec<Vec<String>> = m
        .areas
        .iter()
        .map(|a| {
            vec![
                format!("{} {}", a.id, a.title),
                pct(a.percent),
                a.counts.done.to_string(),
                a.counts.in_progress.to_string(),
                a.counts.blocked.to_string(),
                a.counts.not_started.to_string(),
            ]
        })
        .collect();
    let c = &m.counts;
    rows.push(vec![
        i18n::term(lang, Term::Total).to_string(),
        pct(m.percent),
        c.done.to_string(),
        c.in_progress.to_string(),
        c.blocked.to_string(),
        c.not_started.to_string(),
    ]);
    table(
        &mut out,
        &i18n::area_headers(lang),
        &[false, true, true, true, true, true],
        &rows,
    );

    flagged(&mut out, input, Term::Red, &m.red);
    flagged(&mut out, input, Term::Yellow, &m.yellow);

    let _ = writeln!(out, "\n## {}\n", escape(&input.changes_heading()));
    if m.changes.is_empty() {
        let _ = writeln!(out, "{}", i18n::term(lang, Term::None));
    } else {
        let rows: Vec<Vec<String>> = m
            .changes
            .iter()
            .map(|c| vec![c.at.clone(), c.user.clone(), c.node.clone(), c.what.clone()])
            .collect();
        table(&mut out, &i18n::change_headers(lang), &[], &rows);
    }

    let _ = writeln!(out, "\n## {}", i18n::term(lang, Term::LedgerTable));
    // One table per area; the area column is its heading.
    let headers: Vec<&str> = i18n::ledger_headers(lang)
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| i != 1)
        .map(|(_, h)| h)
        .collect();
    let mut right = vec![false; headers.len()];
    right[4] = true;
    let mut area = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for row in input.ledger() {
        if area != Some(&row.area.id) {
            if !rows.is_empty() {
                table(&mut out, &headers, &right, &rows);
                rows.clear();
            }
            area = Some(&row.area.id);
            let _ = writeln!(out, "\n### {} {}\n", row.area.id, escape(&row.area.title));
        }
        let mut cells = input.ledger_cells(&row).to_vec();
        cells.remove(1);
        rows.push(cells);
    }
    if !rows.is_empty() {
        table(&mut out, &headers, &right, &rows);
    }
    out
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
