//! The meeting view: gauges per area, the 督办 sentence, red and yellow lists, changes since the
//! last checkpoint and the weekly trend; page 0 is the overview, page n is area n.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::bar::Bar;
use super::labels::light_label;
use super::scrolled::{self, Entry};
use super::theme::THEME;
use super::trend;
use super::wrap::wrap_line;
use crate::app::{App, MeetingList, MeetingScroll};
use crate::i18n::{self, Lang};
use crate::plan::Level;
use crate::progress::Light;
use crate::report::handout;
use crate::report::meeting::{ChangeRow, Flagged, MeetingReport};
use crate::text;

/// Draws the meeting view above the footer.
pub fn render(app: &App, page: usize, area: Rect, buf: &mut Buffer) {
    let Some(report) = &app.meeting else { return };
    let lang = app.lang;
    // Page n shows area n: its items as gauges, and only its tasks and changes.
    let focus = page.checked_sub(1).and_then(|a| report.areas.get(a));
    let prefix = focus.map(|a| format!("{}.", a.id));
    let in_focus = |id: &str| prefix.as_deref().is_none_or(|p| id.starts_with(p));
    let gauges = match focus {
        None => 1 + report.areas.len(),
        Some(a) => {
            1 + app
                .session
                .plan
                .index_of(&a.id)
                .map_or(0, |i| app.session.plan.nodes()[i].children.len())
        }
    };
    let [top, summary, gauge_area, bottom, _footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(gauges as u16),
        Constraint::Min(0),
        Constraint::Length(2),
    ]));
    let page_label = match focus {
        None => i18n::overview_page(lang).to_string(),
        Some(a) => format!("{} {}", i18n::level_name(lang, Level::Area), a.id),
    };
    let mut title = vec![
        Span::styled(i18n::meeting_view_tag(lang), THEME.key),
        Span::raw(format!(
            "[{page_label} {}/{}]  ",
            page + 1,
            app.meeting_pages()
        )),
    ];
    match &report.replaying {
        Some(words) => {
            // Cut where it does not fit, and said to be cut.
            let used: usize = title.iter().map(Span::width).sum();
            let room = usize::from(top.width).saturating_sub(used);
            title.push(Span::styled(
                crate::text::ellipsize(words, room),
                THEME.matched,
            ));
        }
        None => {
            title.push(Span::styled(report.title.clone(), THEME.title));
            title.push(Span::raw(format!(
                "  {} {}",
                i18n::as_of(lang),
                report.as_of
            )));
        }
    }
    super::shown(Line::from(title)).render(top, buf);
    let sentence = focus.map_or_else(
        || report.summary.clone(),
        |a| i18n::summary(lang, &a.counts),
    );
    Paragraph::new(wrap_line(Line::raw(sentence), usize::from(summary.width))).render(summary, buf);
    render_gauges(app, report, focus.map(|a| a.id.as_str()), gauge_area, buf);

    let [lists, right] = bottom.layout(&Layout::horizontal([Constraint::Percentage(50); 2]));
    let [changes, trend] = right.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(bottom.height / 2),
    ]));
    render_flags(app, report, &in_focus, lists, buf);
    let focus_id = focus.map(|a| a.id.as_str());
    render_changes(app, report, focus_id, &in_focus, changes, buf);
    let area_index = page.checked_sub(1).filter(|&a| a < report.areas.len());
    trend::render(app, report, area_index, trend, buf);
}

/// One gauge row: its light, its name, the bar with the percent beside it, the counts.
fn gauge_row(
    lang: Lang,
    label: &str,
    percent: f64,
    counts: &str,
    light: Light,
    row: Rect,
    buf: &mut Buffer,
) {
    let label_w = (row.width / 3).min(34);
    let counts_w = text::width(counts) as u16 + 1;
    let [b, l, g, c] = row.layout(&Layout::horizontal([
        Constraint::Length(3),
        Constraint::Length(label_w),
        Constraint::Min(10),
        Constraint::Length(counts_w),
    ]));
    Span::styled(light_label(lang, light), THEME.light(light)).render(b, buf);
    let name = text::fit(label, usize::from(l.width).saturating_sub(1), false);
    super::shown(Line::raw(name)).render(l, buf);
    Bar {
        percent,
        fill: THEME.bar(light),
    }
    .render(g, buf);
    Line::raw(format!(" {counts}")).render(c, buf);
}

fn render_gauges(
    app: &App,
    report: &MeetingReport,
    focus: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    let lang = app.lang;
    let d = report.counts.total.to_string().len();
    let rows = area.layout_vec(&Layout::vertical(vec![
        Constraint::Length(1);
        usize::from(area.height)
    ]));
    let mut rows = rows.into_iter();
    let nodes = app.session.plan.nodes();
    match focus.and_then(|id| app.session.plan.index_of(id)) {
        None => {
            if let Some(r) = rows.next() {
                let o = &app.shown_progress().overall;
                let label = i18n::overall_row(lang);
                let counts = i18n::gauge_counts(lang, &report.counts, d);
                gauge_row(lang, label, report.percent, &counts, o.light, r, buf);
            }
            for (a, r) in report.areas.iter().zip(rows) {
                let light = app
                    .session
                    .plan
                    .index_of(&a.id)
                    .map_or(Light::Green, |i| app.shown_progress().nodes[i].light);
                let label = format!("{} {}", a.id, a.title);
                let counts = i18n::gauge_counts(lang, &a.counts, d);
                gauge_row(lang, &label, a.percent, &counts, light, r, buf);
            }
        }
        Some(i) => {
            let ids = std::iter::once(i).chain(nodes[i].children.iter().copied());
            for (n, r) in ids.zip(rows) {
                let s = &app.shown_progress().nodes[n];
                let label = format!("{} {}", nodes[n].id, nodes[n].text);
                let counts = i18n::gauge_counts(lang, &s.counts, d);
                gauge_row(lang, &label, s.percent, &counts, s.light, r, buf);
            }
        }
    }
}

fn render_flags(
    app: &App,
    report: &MeetingReport,
    in_focus: &dyn Fn(&str) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let lang = app.lang;
    let focused = app.meeting_scroll.focus == MeetingList::Flags;
    let block = Block::bordered()
        .border_style(border(focused))
        .title(Line::styled(
            i18n::flags_title(lang, app.by_owner),
            THEME.title,
        ));
    let width = usize::from(block.inner(area).width);
    let entries = if app.by_owner {
        by_owner(lang, report, in_focus, width)
    } else {
        flags(app, report, in_focus, width)
    };
    render_list(
        app,
        MeetingList::Flags,
        block,
        Vec::new(),
        &entries,
        area,
        buf,
    );
}

/// A pane's border: in the focus colour when its list is the one the keys scroll.
fn border(focused: bool) -> ratatui::style::Style {
    if focused {
        THEME.focus_border
    } else {
        THEME.border
    }
}

/// Draws one of the two lists at its scroll, keeping how far it can go for the keys.
fn render_list(
    app: &App,
    list: MeetingList,
    block: Block<'_>,
    head: Vec<Line<'static>>,
    entries: &[Entry],
    area: Rect,
    buf: &mut Buffer,
) {
    let scroll = &app.meeting_scroll;
    let k = MeetingScroll::slot(list);
    let kept = scrolled::Kept {
        most: &scroll.most[k],
        shown: &scroll.shown[k],
    };
    let focused = scroll.focus == list;
    scrolled::render(
        app.lang,
        block,
        head,
        entries,
        scroll.first[k],
        focused,
        kept,
        area,
        buf,
    );
}

/// The red list, then the yellow list, each under its light and count; yellow tasks that never
/// had progress recorded are told per item, in one line each.
fn flags(
    app: &App,
    report: &MeetingReport,
    in_focus: &dyn Fn(&str) -> bool,
    width: usize,
) -> Vec<Entry> {
    let lang = app.lang;
    let mut entries = Vec::new();
    for (light, list) in [(Light::Red, &report.red), (Light::Yellow, &report.yellow)] {
        let shown: Vec<&Flagged> = list.iter().filter(|f| in_focus(&f.id)).collect();
        entries.push(Entry::heading(Line::from(vec![
            Span::styled(light_label(lang, light), THEME.light(light)),
            Span::styled(format!(" {}", shown.len()), THEME.title),
        ])));
        let rows = match light {
            Light::Yellow => handout::fold_silent(&app.session.plan, lang, shown),
            _ => shown.into_iter().cloned().collect(),
        };
        let (folded, rows): (Vec<Flagged>, Vec<Flagged>) = rows.into_iter().partition(|f| f.silent);
        let rows: Vec<&Flagged> = rows.iter().collect();
        entries.extend(flag_rows(light, &rows, width));
        for f in folded {
            let line = format!("{} {}", f.id, f.text);
            entries.push(Entry::row(vec![Line::raw(text::ellipsize(&line, width))]));
        }
    }
    entries
}

/// The red and yellow tasks per 责任部门, the departments with most red first: one block per
/// department, as its 督办单 lists them.
fn by_owner(
    lang: Lang,
    report: &MeetingReport,
    in_focus: &dyn Fn(&str) -> bool,
    width: usize,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    for d in handout::by_owner(report) {
        let red: Vec<&Flagged> = d.red.into_iter().filter(|f| in_focus(&f.id)).collect();
        let yellow: Vec<&Flagged> = d.yellow.into_iter().filter(|f| in_focus(&f.id)).collect();
        if red.is_empty() && yellow.is_empty() {
            continue;
        }
        let owner = d.owner.unwrap_or(i18n::term(lang, i18n::Term::Unassigned));
        let mut head = vec![Span::styled(format!("{owner} "), THEME.title)];
        for (light, n) in [(Light::Red, red.len()), (Light::Yellow, yellow.len())] {
            if n > 0 {
                head.push(Span::styled(light_label(lang, light), THEME.light(light)));
                head.push(Span::raw(format!(" {n} ")));
            }
        }
        entries.push(Entry::heading(Line::from(head)));
        entries.extend(flag_rows(Light::Red, &red, width));
        entries.extend(flag_rows(Light::Yellow, &yellow, width));
    }
    entries
}

/// The rows of a red or yellow list in columns: id, reason (a badge), task text, owner; the
/// owner is cut first when the row is too narrow, then the text. Where the reasons would be cut
/// and the text squeezed (a narrow screen), each task takes two lines: id and reason whole, then
/// its text.
fn flag_rows(light: Light, rows: &[&Flagged], width: usize) -> Vec<Entry> {
    let widest = |f: &dyn Fn(&Flagged) -> usize| rows.iter().map(|r| f(r)).max().unwrap_or(0);
    let id_w = widest(&|f| text::width(&f.id));
    let reason_most = widest(&|f| text::width(&f.reason));
    let reason_w = reason_most.min(width * 2 / 5);
    if reason_w < reason_most && width < 60 {
        let indent = " ".repeat(id_w + 1);
        let room = width.saturating_sub(id_w + 1);
        return rows
            .iter()
            .map(|f| {
                Entry::row(vec![
                    Line::from(vec![
                        Span::styled(text::fit(&f.id, id_w, false), THEME.key),
                        Span::raw(" "),
                        Span::styled(text::ellipsize(&f.reason, room), THEME.light(light)),
                    ]),
                    Line::from(vec![
                        Span::raw(indent.clone()),
                        Span::raw(text::ellipsize(&f.text, room)),
                    ]),
                ])
            })
            .collect();
    }
    let owner_most = widest(&|f| f.owner.as_deref().map_or(0, text::width));
    let fixed = id_w + reason_w + 3;
    // The text keeps at least 12 columns (six characters) before the owner gets any, and an
    // owner squeezed below four columns is left out.
    let owner_w = owner_most.min(width.saturating_sub(fixed + 12));
    let owner_w = if owner_w < 4 { 0 } else { owner_w };
    let text_w = width.saturating_sub(fixed + owner_w);
    rows.iter()
        .map(|f| {
            let owner = f.owner.as_deref().unwrap_or("");
            Entry::row(vec![Line::from(vec![
                Span::styled(text::fit(&f.id, id_w, false), THEME.key),
                Span::raw(" "),
                Span::styled(text::fit(&f.reason, reason_w, false), THEME.light(light)),
                Span::raw(" "),
                Span::raw(text::fit(&f.text, text_w, false)),
                Span::raw(if owner_w > 0 { " " } else { "" }),
                Span::raw(text::fit(owner, owner_w, false)),
            ])])
        })
        .collect()
}

/// The changes since the checkpoint: the checkpoint in the title, the counts on the pane's first
/// line (inside it, so that no size cuts them), then one entry per task changed.
fn render_changes(
    app: &App,
    report: &MeetingReport,
    focus: Option<&str>,
    in_focus: &dyn Fn(&str) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let lang = app.lang;
    let room = usize::from(area.width.saturating_sub(2));
    let focused = app.meeting_scroll.focus == MeetingList::Changes;
    let block = Block::bordered()
        .border_style(border(focused))
        .title(Line::styled(since_title(lang, report, room), THEME.title));
    let width = usize::from(block.inner(area).width);
    // On an area's page, the counts of its tasks; on the overview, the handouts' counts.
    let counts = match focus {
        None => i18n::changed_count(
            lang,
            report.changes.len(),
            report.restored.len(),
            report.untouched,
        ),
        Some(_) => {
            let tasks = app
                .session
                .plan
                .nodes()
                .iter()
                .filter(|n| n.level == Level::Task && in_focus(&n.id))
                .count();
            let changed = report
                .changes
                .iter()
                .filter(|c| in_focus(&c.node) && app.session.plan.index_of(&c.node).is_some())
                .count();
            let restored = report.restored.iter().filter(|id| in_focus(id)).count();
            let untouched = tasks.saturating_sub(changed + restored);
            i18n::changed_count(lang, changed, restored, untouched)
        }
    };
    let counts = counts.trim_start_matches(['：', ':', ' ']).to_string();
    let head = wrap_line(Line::styled(counts, THEME.title), width);
    let entries: Vec<Entry> = report
        .changes
        .iter()
        .filter(|c| in_focus(&c.node))
        .map(|c| change_entry(c, width))
        .collect();
    if entries.is_empty() {
        let mut head = head;
        head.push(Line::raw(i18n::no_changes(lang)));
        render_list(app, MeetingList::Changes, block, head, &[], area, buf);
        return;
    }
    render_list(app, MeetingList::Changes, block, head, &entries, area, buf);
}

/// The changes pane's title: the checkpoint the changes count from, as much of it as fits (its
/// time, then its date, go first).
fn since_title(lang: Lang, report: &MeetingReport, room: usize) -> String {
    let words = |title: Option<&str>, at: Option<&str>| i18n::changes_since_title(lang, title, at);
    let choices = match &report.last_meeting {
        Some((title, at)) => {
            let day = at.get(..10).unwrap_or(at);
            vec![
                words(title.as_deref(), Some(at)),
                words(title.as_deref(), Some(day)),
                words(title.as_deref(), None),
                words(None, None),
            ]
        }
        None => i18n::all_changes(lang).map(String::from).to_vec(),
    };
    let fits = choices.iter().find(|c| text::width(c) <= room);
    match fits {
        Some(c) => text::ellipsize(c, room),
        None => text::ellipsize(choices.last().map_or("", String::as_str), room),
    }
}

/// One change: time, user, task and what changed on one line where it fits; else the time, user
/// and task on the first line and what changed below, indented, on up to two lines.
fn change_entry(c: &ChangeRow, width: usize) -> Entry {
    // Measured and broken as shown: the journal's text through the sanitiser first.
    let (user, node, what) = (
        text::sanitize(&c.user),
        text::sanitize(&c.node),
        text::sanitize(&c.what),
    );
    let at = c.at.get(5..).unwrap_or(&c.at);
    let head = vec![
        Span::raw(format!("{at} ")),
        Span::styled(format!("{user} "), THEME.key),
        Span::raw(node.into_owned()),
    ];
    let head_w: usize = head.iter().map(Span::width).sum();
    if head_w + 1 + text::width(&what) <= width {
        let mut line = head;
        line.push(Span::raw(format!(" {what}")));
        return Entry::row(vec![Line::from(line)]);
    }
    let mut lines = vec![Line::from(head)];
    let indent = "  ";
    let mut below = wrap_line(Line::raw(format!("{indent}{what}")), width);
    if below.len() > 2 {
        let rest: String = below[1..]
            .iter()
            .map(|l| {
                let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                t.trim_start().to_string()
            })
            .collect();
        let room = width.saturating_sub(indent.len());
        below.truncate(1);
        below.push(Line::raw(format!(
            "{indent}{}",
            text::ellipsize(&rest, room)
        )));
    }
    lines.extend(below);
    Entry::row(lines)
}
