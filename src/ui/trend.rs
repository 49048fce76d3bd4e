//! The meeting view's trend: the plan's straight line from start to due beside the actual
//! progress week by week, on a 0–100% scale with dated ticks and a legend naming each line with
//! its latest value, so "behind plan" can be seen at any size.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Widget};

use super::theme::THEME;
use crate::app::App;
use crate::i18n;
use crate::report::meeting::MeetingReport;

/// Draws the trend of the whole plan, and on an area's page that area's beside it.
pub fn render(
    app: &App,
    report: &MeetingReport,
    area_index: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let lang = app.lang;
    let t = &report.trend;
    let mut title = vec![Span::styled(
        lang.pick(" 每周进度 ", " Weekly progress "),
        THEME.title,
    )];
    let (start, due) = (app.plan.plan.start, app.plan.plan.due);
    let (Some(&last), false) = (t.weeks.last(), due <= start) else {
        Block::bordered()
            .border_style(THEME.border)
            .title(Line::from(title))
            .render(area, buf);
        return;
    };
    let day = |d: jiff::civil::Date| (d - start).get_days() as f64;
    let end = day(last).max(1.0);
    let points = |v: &[f64]| -> Vec<(f64, f64)> {
        t.weeks.iter().zip(v).map(|(&d, &p)| (day(d), p)).collect()
    };
    let planned_now = (100.0 * end / day(due)).clamp(0.0, 100.0);
    let plan_line = vec![(0.0, 0.0), (end, planned_now)];
    let overall = points(&t.overall);
    let focus = area_index.and_then(|a| Some((report.areas.get(a)?, t.areas.get(a)?)));
    let focus_line = focus.map(|(_, v)| points(v));
    let latest = |v: &[f64]| v.last().copied().unwrap_or(0.0);
    // The legend is in the title, each line's swatch and latest value: it never hides a line.
    let mut line = |name: String, value: f64, style: Style, data| {
        title.push(Span::styled("━━", style));
        title.push(Span::raw(format!(
            "{name} {}% ",
            i18n::format_percent(value)
        )));
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style)
            .data(data)
    };
    let plan_style = THEME.dim;
    let mut datasets = vec![
        line(
            lang.pick("计划", "plan").into(),
            planned_now,
            plan_style,
            &plan_line,
        ),
        line(
            lang.pick("总体", "overall").into(),
            latest(&t.overall),
            // The terminal's own colour: dark blue all but vanishes on a black screen.
            Style::new().add_modifier(Modifier::BOLD),
            &overall,
        ),
    ];
    if let (Some((a, v)), Some(points)) = (focus, &focus_line) {
        let name = format!("{} {}", lang.pick("领域", "area"), a.id);
        let style = Style::new().fg(Color::Magenta);
        datasets.push(line(name, latest(v), style, points));
    }
    // Dated ticks: as many as fit, at least the two ends.
    let ticks = (usize::from(area.width) / 12).clamp(2, 6);
    let x_labels: Vec<String> = (0..ticks)
        .map(|k| {
            let offset = (end * k as f64 / (ticks - 1) as f64).round() as i64;
            let d = start
                .checked_add(jiff::Span::new().days(offset))
                .unwrap_or(start);
            format!("{}/{}", d.month(), d.day())
        })
        .collect();
    let y_labels = ["0%", "25%", "50%", "75%", "100%"];
    let y_labels = if area.height >= 9 {
        &y_labels[..]
    } else {
        &["0%", "50%", "100%"][..]
    };
    let block = Block::bordered()
        .border_style(THEME.border)
        .title(Line::from(title));
    Chart::new(datasets)
        .block(block)
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)))
        .x_axis(Axis::default().bounds([0.0, end]).labels(x_labels))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(y_labels.to_vec()),
        )
        .render(area, buf);
}
