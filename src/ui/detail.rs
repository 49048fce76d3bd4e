//! The detail pane: the selected node in full, its fields, and its notes and history, newest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::THEME;
use super::tree::display_text;
use super::wrap::wrap_lines;
use crate::app::App;
use crate::i18n::{self, DetailField, Lang};
use crate::journal::Body;
use crate::plan::Level;
use crate::report::history::{self, Entry};
use crate::report::local_time;

/// The most the detail pane of `area` can be scrolled: its wrapped lines beyond its height.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let Some(n) = app.selected() else { return 0 };
    let inner = Block::bordered().inner(area);
    let lines = detail_lines(app, n, usize::from(inner.width));
    lines.len().saturating_sub(usize::from(inner.height))
}

/// Draws the detail pane of the selected node, scrolled as the officer scrolled it; its border
/// shows when it has the keyboard's focus.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let border = if app.detail_focus {
        THEME.focus_border
    } else {
        THEME.border
    };
    let Some(n) = app.selected() else {
        Block::bordered().border_style(border).render(area, buf);
        return;
    };
    let node = &app.session.plan.nodes()[n];
    let level = i18n::level_name(lang, node.level);
    let block = Block::bordered()
        .border_style(border)
        .title(Line::styled(format!(" {level} {} ", node.id), THEME.title));
    let inner = block.inner(area);
    let lines = detail_lines(app, n, usize::from(inner.width));
    let most = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = u16::try_from(app.detail_scroll.min(most)).unwrap_or(u16::MAX);
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// The detail pane's lines for node `n`, broken to `width`: its text, fields, and its notes and
/// history, newest first.
fn detail_lines(app: &App, n: usize, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let node = &app.session.plan.nodes()[n];
    let s = &app.session.progress.nodes[n];
    let label = |f| Span::styled(format!("{}: ", i18n::detail_label(lang, f)), THEME.label);
    let status = vec![
        label(DetailField::Status),
        Span::styled(i18n::status(lang, s.status), THEME.status(s.status)),
    ];
    let percent = vec![
        label(DetailField::Percent),
        Span::raw(format!("{}%", i18n::format_percent(s.percent))),
    ];
    let mut lines = vec![
        Line::styled(display_text(app, n), THEME.title),
        Line::raw(""),
    ];
    // Status and percent share a line where both fit; a label never ends a line without its value.
    let together: usize = status
        .iter()
        .chain(&percent)
        .map(Span::width)
        .sum::<usize>()
        + 3;
    if together <= width {
        lines.push(Line::from(
            [status, vec![Span::raw("   ")], percent].concat(),
        ));
    } else {
        lines.extend([Line::from(status), Line::from(percent)]);
    }
    lines.extend([
        Line::from(vec![
            label(DetailField::Light),
            Span::styled(i18n::light(lang, s.light), THEME.light(s.light)),
            Span::raw(match s.reason {
                Some(r) => format!(" {}", i18n::reason(lang, r)),
                // An item or area: why, from its tasks.
                None if node.level != Level::Task => {
                    let tasks = app.session.plan.tasks_under(n);
                    let why = i18n::reasons_of(
                        lang,
                        tasks
                            .iter()
                            .filter_map(|&t| app.session.progress.nodes[t].reason),
                    );
                    if why.is_empty() {
                        why
                    } else {
                        format!(" {why}")
                    }
                }
                None => String::new(),
            }),
        ]),
        Line::from(vec![
            label(DetailField::Owner),
            Span::raw(s.owner.clone().unwrap_or_else(|| "—".into())),
        ]),
        Line::from(vec![label(DetailField::Due), Span::raw(s.due.to_string())]),
    ]);
    if node.level != Level::Task {
        lines.push(Line::raw(i18n::summary(lang, &s.counts)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(i18n::history_heading(lang), THEME.title));
    let history = history_of(app, n, HISTORY);
    if app.session.loading {
        lines.push(Line::styled(i18n::reading_history(lang), THEME.dim));
    } else if history.is_empty() {
        lines.push(Line::styled(i18n::no_history(lang), THEME.dim));
    }
    for entry in history::entries(&app.session.plan, &app.session.progress, &history) {
        lines.extend(history_lines(
            app,
            lang,
            entry,
            node.level != Level::Task,
            width,
        ));
    }
    wrap_lines(super::all_shown(lines), width)
}

/// How many history entries the detail pane holds at most (the journal and `log` have all).
const HISTORY: usize = 500;

/// Up to `limit` event indices about node `n` (or the tasks under it), newest first.
fn history_of(app: &App, n: usize, limit: usize) -> Vec<usize> {
    let mut events: Vec<usize> = app
        .session
        .plan
        .tasks_under(n)
        .into_iter()
        .flat_map(|t| app.session.progress.nodes[t].history.iter().copied())
        .collect();
    events.sort_unstable_by(|a, b| b.cmp(a));
    events.truncate(limit);
    events
}

fn history_lines(
    app: &App,
    lang: Lang,
    entry: Entry,
    show_node: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let e = entry.shown();
    let event = app.session.progress.events.event(e);
    let Body::Change(c) = &event.body else {
        return Vec::new();
    };
    let mut head = vec![
        Span::styled(local_time(event.at), THEME.dim),
        Span::raw(" "),
        Span::styled(event.user.clone(), THEME.key),
    ];
    if show_node {
        head.push(Span::raw(format!(" {}", c.node)));
    }
    let mut marks = Vec::new();
    if app.session.progress.undone.contains(&event.id) {
        marks.push(Span::styled(i18n::undone_mark(lang), THEME.dim));
    }
    let conflict = i18n::conflict_mark(lang, &app.session.progress, e);
    if app.is_pending(&event) {
        marks.push(Span::styled(i18n::unsaved_mark(lang), THEME.unsaved));
    }
    // A mark that does not fit after who and when goes whole onto a line of its own, never
    // broken in the middle ("（已撤" / "销）").
    let mut heads = Vec::new();
    let mut line = head;
    for mark in marks {
        if line.iter().map(Span::width).sum::<usize>() + mark.width() > width {
            heads.push(std::mem::replace(&mut line, vec![Span::raw(" ")]));
        }
        line.push(mark);
    }
    heads.push(line);
    let mut body = c.clone();
    let note = body.note.take();
    let mut out: Vec<Line<'static>> = heads.into_iter().map(Line::from).collect();
    if let Some(mark) = conflict {
        out.push(Line::styled(format!("  {mark}"), THEME.unsaved));
    }
    let what = match entry {
        Entry::Steps {
            from, to, count, ..
        } => i18n::describe_steps(lang, from, to, count),
        Entry::Event(_) => i18n::describe_change_of(lang, &app.session.progress, e, &body),
    };
    if !what.is_empty() {
        out.push(Line::raw(format!("  {what}")));
    }
    if let Some(note) = note {
        for l in note.lines() {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    out
}
