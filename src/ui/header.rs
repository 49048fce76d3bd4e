//! The header: plan title, as-of date, user, overall gauge, counts by status and light.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::bar::Bar;
use super::labels::filter_label;
use super::theme::THEME;
use crate::app::App;
use crate::i18n::{self, Lang};
use crate::progress::Light;
use crate::status::Status;

/// Draws the three header rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let [top, gauge_row, counts_row] = area.layout(&Layout::vertical([Constraint::Length(1); 3]));
    let mut spans = vec![
        Span::styled(app.session.plan.plan.title.clone(), THEME.title),
        Span::raw(format!("  {} {}", i18n::as_of(lang), app.session.today)),
        Span::styled(
            i18n::hidden_later(lang, app.session.progress.hidden),
            THEME.matched,
        ),
        Span::styled(
            format!("  {} {}", i18n::place(lang, i18n::Place::User), user(app)),
            THEME.label,
        ),
    ];
    if let Some(f) = &app.filter {
        spans.push(Span::styled(
            format!("  [{}: {}]", i18n::filter_tag(lang), filter_label(lang, f)),
            THEME.matched,
        ));
    }
    if let Some(q) = &app.search {
        let pos = app
            .match_position()
            .map_or("-".to_string(), |p| p.to_string());
        spans.push(Span::styled(
            format!(
                "  [{}: {q} {pos}/{}]",
                i18n::search_tag(lang),
                app.matches.len()
            ),
            THEME.matched,
        ));
    }
    // What a filter or a search shows stays whole: the plan's title gives way first, with "…",
    // then who writes (help shows it, and the footer names it at every save).
    let width_of =
        |spans: &[Span]| -> usize { spans.iter().map(|s| crate::text::width(&s.content)).sum() };
    // Title, as of, hidden later, user: the user's place among the spans.
    const USER: usize = 3;
    // The fewest columns the title keeps.
    const TITLE: usize = 10;
    if width_of(&spans[1..]) + TITLE > usize::from(top.width) {
        spans.remove(USER);
    }
    let used = width_of(&spans[1..]);
    let title_room = usize::from(top.width).saturating_sub(used).max(TITLE);
    if crate::text::width(&spans[0].content) > title_room {
        spans[0].content = crate::text::ellipsize(&spans[0].content, title_room).into();
    }
    let used = width_of(&spans);
    spans.extend(folder_span(
        app,
        usize::from(top.width).saturating_sub(used),
    ));
    super::shown(Line::from(spans)).render(top, buf);

    let overall = &app.session.progress.overall;
    let label = i18n::overall_gauge(lang);
    let [l, g] = gauge_row.layout(&Layout::horizontal([
        Constraint::Length(crate::text::width(label) as u16),
        Constraint::Min(0),
    ]));
    Span::styled(label, THEME.title).render(l, buf);
    Bar {
        percent: overall.percent,
        fill: THEME.bar(overall.light),
    }
    .render(g, buf);

    let line = counts_line(lang, &overall.counts, false);
    let line = if line.width() > usize::from(counts_row.width) {
        counts_line(lang, &overall.counts, true)
    } else {
        line
    };
    line.render(counts_row, buf);
}

/// The counts by status and light and the lagging share; `narrow`: statuses by their tree
/// marks and single spaces, so that the lagging share still fits 80 columns in English.
fn counts_line(lang: Lang, c: &crate::progress::Counts, narrow: bool) -> Line<'static> {
    let gap = if narrow { " " } else { "  " };
    let mut spans = Vec::new();
    for s in Status::ALL {
        let name = if narrow {
            super::labels::mark(s).to_string()
        } else {
            i18n::status(lang, s).to_string()
        };
        spans.push(Span::styled(name, THEME.status(s)));
        spans.push(Span::raw(format!(" {}{gap}", c.of_status(s))));
    }
    spans.push(Span::styled("│ ", THEME.dim));
    for l in [Light::Red, Light::Yellow, Light::Green] {
        spans.push(Span::styled(i18n::light(lang, l), THEME.light(l)));
        spans.push(Span::raw(format!(" {}{gap}", c.of_light(l))));
    }
    spans.push(Span::styled("│ ", THEME.dim));
    spans.push(Span::styled(
        format!(
            "{} {} ({}%)",
            i18n::lagging_count(lang),
            c.lagging,
            i18n::format_percent(c.lagging_percent())
        ),
        THEME.label,
    ));
    Line::from(spans)
}

/// The user the dashboard writes as, or that there is none.
pub fn user(app: &App) -> &str {
    match app.session.store.user() {
        "" => i18n::user_unknown(app.lang),
        u => u,
    }
}

/// The data folder in the `room` left on the header's first line, its end kept when cut (the
/// folder's own name); nothing when too little room is left for it to say anything.
fn folder_span(app: &App, room: usize) -> Option<Span<'static>> {
    const LEAST: usize = 8;
    let label = format!("  {} ", i18n::folder_label(app.lang));
    let room = room.checked_sub(crate::text::width(&label))?;
    if room < LEAST {
        return None;
    }
    let dir = app.session.store.data_dir().display().to_string();
    let text = format!("{label}{}", crate::text::ellipsize_start(&dir, room));
    Some(Span::styled(text, THEME.label))
}
