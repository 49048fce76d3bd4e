//! The meeting view's trend: the plan's straight line from start to due beside the actual
//! progress week by week, on a 0–100% scale with dated ticks and a legend naming each line with
//! its latest value, so "behind plan" can be seen at any size. Each line differs from the others
//! in colour and in glyph (dotted, heavy, thin), so that either alone tells them apart: on a
//! dark, a white or a Solarized screen, and on the legacy console's sixteen colours.

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
    let title = vec![Span::styled(i18n::trend_title(lang), THEME.title)];
    let (start, due) = (app.session.plan.plan.start, app.session.plan.plan.due);
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
    let [plan_name, overall_name] = i18n::trend_lines(lang);
    let mut legend = vec![
        (plan_name.to_string(), planned_now, Trace::Plan),
        (overall_name.to_string(), latest(&t.overall), Trace::Overall),
    ];
    let mut lines = vec![
        (Trace::Plan, &plan_line[..]),
        (Trace::Overall, &overall[..]),
    ];
    if let (Some((a, v)), Some(points)) = (focus, &focus_line) {
        legend.push((i18n::trend_area(lang, &a.id), latest(v), Trace::Area));
        lines.push((Trace::Area, &points[..]));
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
    // first, then the swatches shrink to one column, then the values to whole percents.
    let wide =
        |title: &[Span]| -> usize { title.iter().map(|s| crate::text::width(&s.content)).sum() };
    let title = (0..4)
        .map(|step| {
            let mut spans = if step == 0 { title.clone() } else { Vec::new() };
            for (name, value, trace) in &legend {
                let swatch = match step {
                    0 | 1 => trace.swatch(),
                    _ => trace.swatch_short(),
                };
                let value = match step {
                    3 => format!("{}", value.round()),
                    _ => i18n::format_percent(*value),
                };
                spans.push(Span::styled(swatch, trace.style()));
                spans.push(Span::raw(format!("{name} {value}% ")));
            }
            spans
        })
        .reduce(|fits, next| {
            if wide(&fits) + 2 > usize::from(area.width) {
                next
            } else {
                fits
            }
        })
        .unwrap_or_default();
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

/// The lines of the trend, each in its own colour and glyph: neither is faint, grey, blue or
/// dark magenta, which vanish on one screen or another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trace {
    /// The plan's line: dotted, bright magenta (magenta on white, violet on Solarized).
    Plan,
    /// The whole plan's progress: heavy (two dots thick), bold, the terminal's own colour.
    Overall,
    /// An area's progress, on its page: thin, bright red (orange on Solarized).
    Area,
}

impl Trace {
    fn style(self) -> Style {
        match self {
            Trace::Plan => Style::new().fg(Color::LightMagenta),
            Trace::Overall => Style::new().add_modifier(Modifier::BOLD),
            Trace::Area => Style::new().fg(Color::LightRed),
        }
    }

    /// The legend's sample of the line: dashed, heavy or thin, as the line is drawn.
    fn swatch(self) -> &'static str {
        match self {
            Trace::Plan => "┄┄",
            Trace::Overall => "━━",
            Trace::Area => "──",
        }
    }

    /// The swatch in one column, for a narrow legend.
    fn swatch_short(self) -> &'static str {
        match self {
            Trace::Plan => "┄",
            Trace::Overall => "━",
            Trace::Area => "─",
        }
    }

    /// Which line shows its colour in a cell that several share: the area's, then the whole
    /// plan's, then the plan's.
    fn rank(self) -> u8 {
        match self {
            Trace::Plan => 0,
            Trace::Overall => 1,
            Trace::Area => 2,
        }
    }
}

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

/// Draws every line on one braille grid, so that where two lines share a cell the dots of both
/// show (a chart draws each line over the last, cell by cell); such a cell takes the colour of
/// the line ranked first (see [`Trace::rank`]).
fn draw_lines(lines: &[(Trace, &[(f64, f64)])], x_bounds: [f64; 2], graph: Rect, buf: &mut Buffer) {
    let layers: Vec<(Trace, Buffer)> = lines
        .iter()
        .map(|&(trace, points)| {
            let mut layer = Buffer::empty(graph);
            paint(trace, points, x_bounds, graph, &mut layer);
            (trace, layer)
        })
        .collect();
    for y in graph.top()..graph.bottom() {
        for x in graph.left()..graph.right() {
            let mut dots = 0;
            let mut top: Option<Trace> = None;
            for (trace, layer) in &layers {
                let d = braille_dots(layer[(x, y)].symbol());
                if d != 0 {
                    dots |= d;
                    top = top.filter(|t| t.rank() > trace.rank()).or(Some(*trace));
                }
            }
            let (Some(top), Some(glyph)) = (top, char::from_u32(0x2800 + dots)) else {
                continue;
            };
            buf[(x, y)]
                .set_char(glyph)
                .set_style(Style::reset().patch(top.style()));
        }
    }
}

/// The dots of a braille cell, as the low byte of its code point (0: none, or no braille).
fn braille_dots(symbol: &str) -> u32 {
    symbol
        .chars()
        .next()
        .map(u32::from)
        .filter(|c| (0x2800..=0x28FF).contains(c))
        .map_or(0, |c| c - 0x2800)
}

/// Draws one line on a braille grid over `graph`: the plan's dotted (every third dot column),
/// the whole plan's two dots thick, an area's thin.
fn paint(trace: Trace, points: &[(f64, f64)], x_bounds: [f64; 2], graph: Rect, buf: &mut Buffer) {
    let color = Color::Reset;
    // One dot row, in percent.
    let dot = 100.0 / (f64::from(graph.height) * 4.0).max(1.0);
    let columns = usize::from(graph.width) * 2;
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(x_bounds)
        .y_bounds([0.0, 100.0])
        .paint(|ctx| match trace {
            Trace::Plan => {
                let (x0, x1) = (x_bounds[0], x_bounds[1]);
                let dotted: Vec<(f64, f64)> = points
                    .windows(2)
                    .flat_map(|w| {
                        let (a, b) = (w[0], w[1]);
                        let share = ((b.0 - a.0) / (x1 - x0).max(f64::EPSILON)).clamp(0.0, 1.0);
                        let n = ((columns as f64 * share) / 3.0).round().max(1.0) as usize;
                        (0..=n).map(move |k| {
                            let f = k as f64 / n as f64;
                            (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f)
                        })
                    })
                    .collect();
                ctx.draw(&Points::new(&dotted, color));
            }
            Trace::Overall | Trace::Area => {
                let rows: &[f64] = match trace {
                    Trace::Overall => &[0.0, dot],
                    _ => &[0.0],
                };
                for &lift in rows {
                    let lifted: Vec<(f64, f64)> = points
                        .iter()
                        .map(|&(x, y)| (x, (y + lift).min(100.0)))
                        .collect();
                    ctx.draw(&Points::new(&lifted, color));
                    for w in lifted.windows(2) {
                        ctx.draw(&CanvasLine::new(w[0].0, w[0].1, w[1].0, w[1].1, color));
                    }
                }
            }
        })
        .render(graph, buf);
}
