//! The meeting view: gauges per area, the 督办 sentence, red and yellow lists, changes since the
//! last checkpoint and the weekly trend; page 0 is the overview, page n is area n.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, Gauge, GraphType, Paragraph, Widget, Wrap};

use super::header::light_label;
use super::theme::THEME;
use crate::app::App;
use crate::i18n::{self, Lang};
use crate::progress::{Counts, Light};
use crate::report::meeting::{Flagged, MeetingReport};
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
                .plan
                .index_of(&a.id)
                .map_or(0, |i| app.plan.nodes()[i].children.len())
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
        None => lang.pick("总览", "Overview").to_string(),
        Some(a) => format!("{} {}", lang.pick("领域", "Area"), a.id),
    };
    super::shown(Line::from(vec![
        Span::styled(lang.pick("会议视图 · ", "Meeting · "), THEME.key),
        Span::styled(report.title.clone(), THEME.title),
        Span::raw(format!(
            "  {} {}  [{page_label} {}/{}]",
            lang.pick("截至", "as of"),
            report.as_of,
            page + 1,
            app.meeting_pages()
        )),
    ]))
    .render(top, buf);
    let sentence = focus.map_or_else(
        || report.summary.clone(),
        |a| i18n::summary(lang, &a.counts),
    );
    Paragraph::new(sentence)
        .wrap(Wrap { trim: true })
        .render(summary, buf);
    render_gauges(app, report, focus.map(|a| a.id.as_str()), gauge_area, buf);

    let [lists, right] = bottom.layout(&Layout::horizontal([Constraint::Percentage(50); 2]));
    let [changes, trend] = right.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(bottom.height / 2),
    ]));
    render_flags(lang, report, &in_focus, lists, buf);
    render_changes(lang, report, &in_focus, changes, buf);
    let area_index = page.checked_sub(1).filter(|&a| a < report.areas.len());
    render_trend(lang, report, area_index, trend, buf);
}

fn counts_text(lang: Lang, c: &Counts) -> String {
    lang.pick(
        &format!(
            "完成{}/{} 推进{} 受阻{}",
            c.done, c.total, c.in_progress, c.blocked
        ),
        &format!(
            "done {}/{} wip {} blk {}",
            c.done, c.total, c.in_progress, c.blocked
        ),
    )
    .to_string()
}

/// One gauge row: label, bar with percent, counts.
fn gauge_row(label: &str, percent: f64, counts: String, light: Light, row: Rect, buf: &mut Buffer) {
    let label_w = (row.width / 3).min(34);
    let counts_w = text::width(&counts) as u16 + 1;
    let [l, g, c] = row.layout(&Layout::horizontal([
        Constraint::Length(label_w),
        Constraint::Min(8),
        Constraint::Length(counts_w),
    ]));
    Line::raw(text::fit(
        label,
        usize::from(l.width).saturating_sub(1),
        false,
    ))
    .render(l, buf);
    Gauge::default()
        .gauge_style(
            THEME
                .light(light)
                .patch(Style::new().bg(ratatui::style::Color::Reset)),
        )
        .ratio((percent / 100.0).clamp(0.0, 1.0))
        .label(format!("{}%", i18n::format_percent(percent)))
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
    let rows = area.layout_vec(&Layout::vertical(vec![
        Constraint::Length(1);
        usize::from(area.height)
    ]));
    let mut rows = rows.into_iter();
    let nodes = app.plan.nodes();
    match focus.and_then(|id| app.plan.index_of(id)) {
        None => {
            if let Some(r) = rows.next() {
                let o = &app.progress.overall;
                let label = lang.pick("总体", "Overall");
                gauge_row(
                    label,
                    report.percent,
                    counts_text(lang, &report.counts),
                    o.light,
                    r,
                    buf,
                );
            }
            for (a, r) in report.areas.iter().zip(rows) {
                let light = app
                    .plan
                    .index_of(&a.id)
                    .map_or(Light::Green, |i| app.progress.nodes[i].light);
                let label = format!("{} {}", a.id, a.title);
                gauge_row(
                    &label,
                    a.percent,
                    counts_text(lang, &a.counts),
                    light,
                    r,
                    buf,
                );
            }
        }
        Some(i) => {
            let ids = std::iter::once(i).chain(nodes[i].children.iter().copied());
            for (n, r) in ids.zip(rows) {
                let s = &app.progress.nodes[n];
                let label = format!("{} {}", nodes[n].id, nodes[n].text);
                gauge_row(
                    &label,
                    s.percent,
                    counts_text(lang, &s.counts),
                    s.light,
                    r,
                    buf,
                );
            }
        }
    }
}

fn render_flags(
    lang: Lang,
    report: &MeetingReport,
    in_focus: &dyn Fn(&str) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = Block::bordered()
        .border_style(THEME.border)
        .title(Line::styled(
            lang.pick(" 红灯与黄灯 ", " Red and yellow "),
            THEME.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (light, list) in [(Light::Red, &report.red), (Light::Yellow, &report.yellow)] {
        let rows: Vec<&Flagged> = list.iter().filter(|f| in_focus(&f.id)).collect();
        lines.push(Line::from(vec![
            Span::styled(light_label(lang, light), THEME.light(light)),
            Span::styled(format!(" {}", rows.len()), THEME.title),
        ]));
        for f in rows {
            let owner = f.owner.clone().unwrap_or_default();
            let head = format!("{} {} {} ", f.id, f.reason, owner);
            let rest = width.saturating_sub(text::width(&head));
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", f.id), THEME.key),
                Span::styled(
                    format!("{} ", f.reason),
                    THEME
                        .light(light)
                        .patch(Style::new().bg(ratatui::style::Color::Reset)),
                ),
                Span::styled(format!("{owner} "), THEME.label),
                Span::raw(text::ellipsize(&f.text, rest)),
            ]));
        }
    }
    render_clipped(lang, lines, inner, buf);
}

fn render_changes(
    lang: Lang,
    report: &MeetingReport,
    in_focus: &dyn Fn(&str) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let counts = i18n::changed_count(lang, report.changes.len(), report.untouched);
    let since = match &report.last_meeting {
        Some((Some(t), at)) => lang
            .pick(
                &format!(" 自上次会议（{t}，{at}）以来{counts} "),
                &format!(" Since {t} ({at}){counts} "),
            )
            .to_string(),
        Some((None, at)) => lang
            .pick(
                &format!(" 自上次会议（{at}）以来{counts} "),
                &format!(" Since the meeting of {at}{counts} "),
            )
            .to_string(),
        None => lang
            .pick(
                &format!(" 全部变化（尚无会议检查点）{counts} "),
                &format!(" All changes (no checkpoint yet){counts} "),
            )
            .to_string(),
    };
    let block = Block::bordered()
        .border_style(THEME.border)
        .title(Line::styled(
            text::ellipsize(&since, usize::from(area.width.saturating_sub(2))),
            THEME.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = report
        .changes
        .iter()
        .filter(|c| in_focus(&c.node))
        .map(|c| {
            let head = format!("{} {} {} ", &c.at[5..], c.user, c.node);
            let rest = width.saturating_sub(text::width(&head));
            Line::from(vec![
                Span::styled(format!("{} ", &c.at[5..]), THEME.dim),
                Span::styled(format!("{} ", c.user), THEME.key),
                Span::raw(format!("{} ", c.node)),
                Span::raw(text::ellipsize(&c.what, rest)),
            ])
        })
        .collect();
    if lines.is_empty() {
        Line::styled(lang.pick("（没有变化）", "(no changes)"), THEME.dim).render(inner, buf);
        return;
    }
    render_clipped(lang, lines, inner, buf);
}

/// Renders lines; when they do not fit, the last row says how many more there are.
fn render_clipped(lang: Lang, mut lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.height);
    if lines.len() > room && room > 0 {
        let more = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(Line::styled(
            lang.pick(&format!("…另有 {more} 项"), &format!("… {more} more"))
                .to_string(),
            THEME.dim,
        ));
    }
    Paragraph::new(super::all_shown(lines)).render(area, buf);
}

fn render_trend(
    lang: Lang,
    report: &MeetingReport,
    area_index: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &report.trend;
    let block = Block::bordered()
        .border_style(THEME.border)
        .title(Line::styled(
            lang.pick(" 每周进度 ", " Weekly progress "),
            THEME.title,
        ));
    if t.weeks.is_empty() {
        block.render(area, buf);
        return;
    }
    let points = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter().enumerate().map(|(i, &p)| (i as f64, p)).collect()
    };
    let overall = points(&t.overall);
    let focus = area_index.and_then(|a| t.areas.get(a)).map(|v| points(v));
    let mut datasets = vec![
        Dataset::default()
            .name(lang.pick("总体", "overall"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(THEME.gauge)
            .data(&overall),
    ];
    if let Some(f) = &focus {
        datasets.push(
            Dataset::default()
                .name(lang.pick("本领域", "this area"))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(THEME.key)
                .data(f),
        );
    }
    let first = t.weeks.first().map(|d| d.to_string()).unwrap_or_default();
    let last = t.weeks.last().map(|d| d.to_string()).unwrap_or_default();
    // Scale to what has been reached, so early-year progress is not a flat line at the bottom.
    let highest = t
        .overall
        .iter()
        .chain(focus.iter().flatten().map(|(_, p)| p))
        .fold(0.0_f64, |m, &p| m.max(p));
    let top = ((highest * 1.25 / 10.0).ceil() * 10.0).clamp(20.0, 100.0);
    Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, (t.weeks.len().max(2) - 1) as f64])
                .labels([first, last]),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(["0%".to_string(), format!("{top:.0}%")]),
        )
        .render(area, buf);
}
