//! The meeting view's trend: the plan's straight line from start to due beside the actual
//! progress week by week, on a 0–100% scale with dated ticks and a legend naming each line with
//! its latest value, so "behind plan" can be seen at any size.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};
use ratatui::widgets::{Axis, Block, Chart, Dataset, Widget};

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
    let plan_line = [(0.0, 0.0), (end, planned_now)];
    let overall = points(&t.overall);
    let focus = area_index.and_then(|a| Some((report.areas.get(a)?, t.areas.get(a)?)));
    let focus_line = focus.map(|(_, v)| points(v));
    let latest = |v: &[f64]| v.last().copied().unwrap_or(0.0);
    // The legend is in the title, each line's swatch and latest value: it never hides a line.
    let mut legend = |name: String, value: f64, style: Style| {
        title.push(Span::styled("━━", style));
        title.push(Span::raw(format!(
            "{name} {}% ",
            i18n::format_percent(value)
        )));
    };
    legend(lang.pick("计划", "plan").into(), planned_now, PLAN);
    legend(
        lang.pick("总体", "overall").into(),
        latest(&t.overall),
        OVERALL,
    );
    let mut lines = vec![(PLAN, &plan_line[..]), (OVERALL, &overall[..])];
    if let (Some((a, v)), Some(points)) = (focus, &focus_line) {
        legend(
            format!("{} {}", lang.pick("领域", "area"), a.id),
            latest(v),
            AREA,
        );
        lines.push((AREA, &points[..]));
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
    // One label a row at most: the bottom row is always 0%.
    let y_labels = match area.height {
        9.. => &y_labels[..],
        7..=8 => &["0%", "50%", "100%"][..],
        _ => &["0%", "100%"][..],
    };
    // A legend too wide for the box keeps the lines' names and values: the heading goes
    // first, then the swatches shrink to one column.
    let wide =
        |title: &[Span]| -> usize { title.iter().map(|s| crate::text::width(&s.content)).sum() };
    if wide(&title) + 2 > usize::from(area.width) {
        title.remove(0);
    }
    if wide(&title) + 2 > usize::from(area.width) {
        for span in title.iter_mut().filter(|s| s.content == "━━") {
            span.content = "━".into();
        }
    }
    let block = Block::bordered()
        .border_style(THEME.border)
        .title(Line::from(title));
    let inner = block.inner(area);
    let first_x = x_labels.first().map_or(0, |l| crate::text::width(l));
    // The axes and their labels; the lines are drawn after, on the graph's own area.
    Chart::new(Vec::<Dataset>::new())
        .block(block)
        .x_axis(Axis::default().bounds([0.0, end]).labels(x_labels))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(y_labels.to_vec()),
        )
        .render(area, buf);
    if let Some(graph) = graph_area(inner, y_labels, first_x) {
        draw_lines(&lines, [0.0, end], graph, buf);
    }
}

/// The plan's line: faint, the terminal's own colour.
const PLAN: Style = THEME.dim;
/// The whole plan's progress: bold, the terminal's own colour (dark blue all but vanishes on a
/// black screen).
const OVERALL: Style = Style::new().add_modifier(Modifier::BOLD);
/// An area's progress, on its page.
const AREA: Style = Style::new().fg(Color::Magenta);

/// Where [`Chart`] puts its graph inside `inner`: right of the y labels (or of the part of the
/// first x label left of the y axis, at most a third of the width) and the y axis, above the
/// x axis and its labels.
fn graph_area(inner: Rect, y_labels: &[&str], first_x: usize) -> Option<Rect> {
    let labels = y_labels.iter().map(|l| crate::text::width(l)).max()?;
    let left = labels
        .max(first_x.saturating_sub(1))
        .min(usize::from(inner.width / 3));
    let x = inner.x + u16::try_from(left).ok()? + 1;
    let graph = Rect {
        x,
        y: inner.y,
        width: inner.right().checked_sub(x)?,
        height: inner.height.checked_sub(2)?,
    };
    (!graph.is_empty()).then_some(graph)
}

/// Draws every line on one braille grid, so that where two lines share a cell both show (a
/// chart draws each line over the last, cell by cell). The plan's line comes first in `lines`:
/// a cell holding it alone is faint, any other takes the style of the last line in it.
fn draw_lines(lines: &[(Style, &[(f64, f64)])], x_bounds: [f64; 2], graph: Rect, buf: &mut Buffer) {
    // The lines but the plan's, alone: where they leave a cell empty, the plan is alone in it.
    let mut others = Buffer::empty(graph);
    paint(&lines[1..], x_bounds, graph, &mut others);
    paint(lines, x_bounds, graph, buf);
    for y in graph.top()..graph.bottom() {
        for x in graph.left()..graph.right() {
            let cell = &mut buf[(x, y)];
            if blank(cell.symbol()) {
                continue;
            }
            let style = match (blank(others[(x, y)].symbol()), cell.fg) {
                (true, _) => PLAN,
                (false, Color::Magenta) => AREA,
                (false, _) => OVERALL,
            };
            cell.set_style(style);
        }
    }
}

/// Whether a cell of a braille grid has no dot.
fn blank(symbol: &str) -> bool {
    matches!(symbol, " " | "\u{2800}")
}

/// Draws `lines` on one braille grid over `graph`.
fn paint(lines: &[(Style, &[(f64, f64)])], x_bounds: [f64; 2], graph: Rect, buf: &mut Buffer) {
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(x_bounds)
        .y_bounds([0.0, 100.0])
        .paint(|ctx| {
            for (style, points) in lines {
                let color = style.fg.unwrap_or(Color::Reset);
                ctx.draw(&Points::new(points, color));
                for w in points.windows(2) {
                    ctx.draw(&CanvasLine::new(w[0].0, w[0].1, w[1].0, w[1].1, color));
                }
            }
        })
        .render(graph, buf);
}
