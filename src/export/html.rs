//! HTML: one self-contained page (inline CSS, no scripts, nothing fetched), printable on A4, with
//! CSS progress bars and coloured lights; sections in the handout's order (see
//! [`super::handout`]), and one printed page per department when grouped by owner.

use std::fmt::Write;

use super::handout::Part;
use super::{Input, LedgerRow};
use crate::i18n::{self, Lang, Term};
use crate::progress::Light;
use crate::report::meeting::Flagged;

/// Text made safe anywhere in HTML, element content or quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
@page ledger { size: A4 landscape; }
* { box-sizing: border-box; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
  SimSun, sans-serif; font-size: 10.5pt; color: #222; margin: 0 auto; max-width: 1100px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { max-width: none; } section.ledger { break-before: page; } }
section.department ~ section.department { break-before: page; page-break-before: always; }
section.ledger { page: ledger; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 5pt; border-bottom: 1px solid #999; break-after: avoid;
  page-break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
.asof { color: #555; }
.page-title { display: none; }
@media print { .page-title { display: block; font-weight: bold; } }
.summary { font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 2pt 0 6pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th { background: #e8ecf4; word-break: keep-all; overflow-wrap: normal; }
table.ledger { table-layout: fixed; font-size: 9pt; }
td.num { text-align: right; white-space: nowrap; }
td.nowrap, td.reason { white-space: nowrap; }
td.owner { word-break: keep-all; }
td.note { white-space: pre-wrap; }
.bar { display: inline-block; width: 14mm; height: 7pt; border: 1px solid #888;
  background: #f2f2f2; vertical-align: middle; margin-right: 4pt; }
.bar > span { display: block; height: 100%; background: #4a7bd0; }
.bar.big { width: 60mm; height: 10pt; }
.light { display: inline-block; width: 8pt; height: 8pt; border-radius: 50%;
  vertical-align: middle; margin-right: 2pt; border: 1px solid #555; }
.light.red { background: #d9302c; }
.light.yellow { background: #f0b400; }
.light.green { background: #2e9e44; }
td.red { background: #ffc7ce; }
td.yellow { background: #ffeb9c; }
td.green { background: #c6efce; }
"#;

fn class(light: Light) -> &'static str {
    match light {
        Light::Red => "red",
        Light::Yellow => "yellow",
        Light::Green => "green",
    }
}

/// A percent as a CSS bar and a number.
fn bar(p: f64, big: bool) -> String {
    let w = p.clamp(0.0, 100.0);
    format!(
        r#"<span class="bar{}"><span style="width:{w:.1}%"></span></span>{}%"#,
        if big { " big" } else { "" },
        i18n::format_percent(p)
    )
}

/// A light as a coloured dot and its word (readable in black and white too).
fn light(lang: Lang, l: Light) -> String {
    format!(
        r#"<span class="light {}"></span>{}"#,
        class(l),
        i18n::light(lang, l)
    )
}

/// Opens a table with its header row; `widths` (percent per column) fixes the layout.
fn head(out: &mut String, class: &str, headers: &[&str], widths: &[u8]) {
    let _ = writeln!(out, "<table class=\"{class}\">");
    if !widths.is_empty() {
        out.push_str("<colgroup>");
        for w in widths {
            let _ = write!(out, "<col style=\"width:{w}%\">");
        }
        out.push_str("</colgroup>\n");
    }
    out.push_str("<thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn flagged(out: &mut String, lang: Lang, level: &str, heading: Term, list: &[Flagged]) {
    let _ = writeln!(out, "<{level}>{}</{level}>", i18n::term(lang, heading));
    if list.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", i18n::term(lang, Term::None));
        return;
    }
    head(out, "flagged", &i18n::flagged_headers(lang), &[]);
    for f in list {
        let owner = f.owner.as_deref().unwrap_or_default();
        row(
            out,
            &[
                ("nowrap", &f.id),
                ("", &f.text),
                ("reason", &f.reason),
                ("owner", owner),
            ],
        );
    }
    out.push_str("</tbody></table>\n");
}

/// One table row of text cells, each with its class.
fn row(out: &mut String, cells: &[(&str, &str)]) {
    out.push_str("<tr>");
    for (class, text) in cells {
        if class.is_empty() {
            let _ = write!(out, "<td>{}</td>", escape(text));
        } else {
            let _ = write!(out, r#"<td class="{class}">{}</td>"#, escape(text));
        }
    }
    out.push_str("</tr>\n");
}

/// The whole page, its sections in the handout's order.
pub fn render(input: &Input) -> String {
    let lang = input.lang;
    let m = &input.meeting;
    let title = input.title();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        escape(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        r#"<p class="asof">{} {} · {} {}</p>"#,
        i18n::term(lang, Term::AsOf),
        m.as_of,
        i18n::term(lang, Term::Overall),
        bar(m.percent, true)
    );
    // Inside a department's page the lists are one level down.
    let mut level = "h2";
    let mut in_department = false;
    for part in &input.parts {
        match part {
            Part::Summary => {
                let _ = writeln!(out, r#"<p class="summary">{}</p>"#, escape(&m.summary));
            }
            Part::Areas => areas(&mut out, input),
            Part::Flagged(heading, list) => flagged(&mut out, lang, level, *heading, list),
            Part::Changes => changes(&mut out, input),
            Part::Department(heading) => {
                out.push_str(if in_department { "</section>\n" } else { "" });
                out.push_str("<section class=\"department\">\n");
                // A printed department's page can be handed out alone: under the title.
                if in_department {
                    let _ = writeln!(
                        out,
                        r#"<p class="page-title">{}<br>{}</p>"#,
                        escape(&title),
                        escape(&input.as_of_line())
                    );
                }
                in_department = true;
                level = "h3";
                let _ = writeln!(out, "<h2>{}</h2>", escape(heading));
            }
            Part::Ledger => ledger(&mut out, input),
        }
    }
    if in_department {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn areas(out: &mut String, input: &Input) {
    let lang = input.lang;
    let _ = writeln!(out, "<h2>{}</h2>", i18n::term(lang, Term::Areas));
    head(out, "areas", &i18n::area_headers(lang), &[]);
    for a in input.area_lines() {
        let [done, in_progress, blocked, not_started] = a.by_status();
        let _ = writeln!(
            out,
            r#"<tr><td>{}</td><td class="nowrap">{}</td><td class="num">{done}</td><td class="num">{in_progress}</td><td class="num">{blocked}</td><td class="num">{not_started}</td><td class="nowrap {}">{}</td></tr>"#,
            escape(&a.name()),
            bar(a.percent, false),
            class(a.light),
            light(lang, a.light),
        );
    }
    out.push_str("</tbody></table>\n");
}

fn changes(out: &mut String, input: &Input) {
    let lang = input.lang;
    let m = &input.meeting;
    let _ = writeln!(out, "<h2>{}</h2>", escape(&input.changes_heading()));
    if m.changes.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", i18n::term(lang, Term::None));
        return;
    }
    head(out, "changes", &i18n::change_headers(lang), &[]);
    for ch in &m.changes {
        row(
            out,
            &[
                ("nowrap", &ch.node),
                ("note", &ch.what),
                // A name is never split ("王/敏"); several names break between names.
                ("owner", &ch.user),
                ("nowrap", &ch.at),
            ],
        );
    }
    out.push_str("</tbody></table>\n");
}

/// Column widths of the 台账 tables (percent): the task text gets the most room.
const LEDGER_WIDTHS: [u8; 11] = [5, 9, 25, 6, 9, 5, 7, 8, 12, 8, 6];

/// The 台账: one table per area, every task with its latest note.
fn ledger(out: &mut String, input: &Input) {
    let lang = input.lang;
    let _ = writeln!(
        out,
        "<section class=\"ledger\">\n<h2>{}</h2>",
        i18n::term(lang, Term::LedgerTable)
    );
    let headers = input.ledger_headers_by_area();
    for (area, rows) in input.ledger_areas() {
        let _ = writeln!(out, "<h3>{} {}</h3>", escape(area.id), escape(area.title));
        head(out, "ledger", &headers, &LEDGER_WIDTHS);
        for row in rows {
            task_row(out, lang, &row);
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

/// One task of the 台账 with its latest note.
fn task_row(out: &mut String, lang: Lang, row: &LedgerRow) {
    let t = row.task;
    let cell = |class: &str, text: &str| format!(r#"<td class="{class}">{}</td>"#, escape(text));
    let _ = writeln!(
        out,
        r#"<tr class="task" id="task-{}">{}{}{}<td class="nowrap {}">{}</td><td class="nowrap">{}</td><td class="nowrap">{}</td>{}{}{}{}{}</tr>"#,
        escape(t.id),
        cell("nowrap", t.id),
        cell("", row.item.title),
        cell("", t.text),
        class(t.light),
        escape(i18n::status(lang, t.status)),
        bar(t.percent, false),
        light(lang, t.light),
        cell("owner", t.owner.unwrap_or_default()),
        cell("nowrap", &t.due.to_string()),
        cell("note", t.note.unwrap_or_default()),
        cell("", &t.updated_at.map(|t| t.local()).unwrap_or_default()),
        cell("", t.updated_by.unwrap_or_default()),
    );
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_all_five() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("<居民公约>"), "&lt;居民公约&gt;");
    }
}
