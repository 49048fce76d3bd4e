//! Popups over the dashboard: help, pickers, the apply-to-all question and text fields.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::clear::ClearWide;
use super::labels::{filter_label, light_label};
use super::theme::THEME;
use super::wrap::{wrap_line, wrap_lines};
use crate::app::input::filter_choices;
use crate::app::{App, Confirm, Field, FieldKind, Mode};
use crate::i18n::{self, Lang};
use crate::keymap::{self, Table};
use crate::progress::Light;
use crate::status::Status;
use crate::text;

/// A box of at most `w`x`h` centred in `area`, cleared, with a titled border; returns its inside.
fn boxed(area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let rect = area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    );
    ClearWide.render(rect, buf);
    let block = Block::bordered()
        .border_style(THEME.focus_border)
        .title(Line::styled(format!(" {title} "), THEME.title));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The keys of the open popup or field, from the key table: "y/Enter 确定 · n/Esc 取消".
fn key_hints(app: &App) -> String {
    let hints = keymap::hints(&app.mode, app.lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect::<Vec<_>>()
        .join(" · ");
    text::ambiguous::widen(&hints).into_owned()
}

/// Every key of the dashboard, in two columns.
pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    // Opened from the meeting view: its keys (paging, the lists' scrolling), not the desk's.
    let meeting = matches!(app.mode, Mode::Help { back: Some(_) });
    let bindings = keymap::bindings(if meeting {
        Table::Meeting
    } else {
        Table::Normal
    });
    // A key already named in an earlier "+/-" is not listed again.
    let shown = bindings.iter().enumerate().filter(|(i, b)| {
        !bindings[..*i]
            .iter()
            .any(|e| e.label != b.label && e.label.split('/').any(|k| k == b.label))
    });
    let key_row = |k: &str, what: &str| {
        Line::from(vec![
            Span::styled(text::fit(&text::ambiguous::widen(k), 8, false), THEME.key),
            Span::raw(text::ambiguous::widen(what).into_owned()),
        ])
    };
    let desk_only = if meeting { 0 } else { 5 };
    let rows: Vec<Line> = shown
        .map(|(_, b)| key_row(b.label, b.what(lang)))
        .chain(
            i18n::help_extra_keys(lang)
                .into_iter()
                .map(|(k, what)| key_row(k, what))
                .take(desk_only),
        )
        .collect();
    const WIDTH: u16 = 76;
    let width = usize::from(WIDTH.min(area.width).saturating_sub(2));
    // The legend, then who writes and where in full (the header shows both, shortened): on a
    // short screen the last line gives way first.
    let mut lines = wrap_lines(help_legend(lang), width);
    lines.extend(wrap_line(who_and_where(app), width));
    let half = rows.len().div_ceil(2);
    let inner = boxed(
        area,
        WIDTH,
        (half + lines.len()) as u16 + 2,
        i18n::help_title(lang),
        buf,
    );
    // On a short screen the keys stay whole and the end of the legend gives way.
    let [body, legend_area] = inner.layout(&Layout::vertical([
        Constraint::Length(half as u16),
        Constraint::Min(0),
    ]));
    // How to close it sits on the bottom border, leaving its row to the legend.
    let foot = Rect {
        x: inner.x + 1,
        y: inner.bottom(),
        width: inner.width.saturating_sub(2),
        height: 1,
    };
    let [left, right] = body.layout(&Layout::horizontal([Constraint::Ratio(1, 2); 2]));
    let mut rows = rows;
    let second = rows.split_off(half);
    Paragraph::new(rows).render(left, buf);
    Paragraph::new(second).render(right, buf);
    Paragraph::new(super::all_shown(lines)).render(legend_area, buf);
    let close = format!(" {} ", i18n::help_closes(lang));
    Line::styled(close, THEME.dim).render(foot, buf);
}

/// The user the dashboard writes as and the data folder it reads, in full.
fn who_and_where(app: &App) -> Line<'static> {
    let lang = app.lang;
    Line::from(vec![
        Span::styled(
            format!("{} ", i18n::place(lang, i18n::Place::User)),
            THEME.label,
        ),
        Span::raw(format!("{}  ", super::header::user(app))),
        Span::styled(
            format!("{} ", i18n::place(lang, i18n::Place::DataDir)),
            THEME.label,
        ),
        Span::raw(text::sanitize(&app.session.store.data_dir().display().to_string()).into_owned()),
    ])
}

/// What the tree's marks and the lights mean.
fn help_legend(lang: Lang) -> Vec<Line<'static>> {
    let marks = Status::ALL
        .iter()
        .flat_map(|&s| {
            [
                Span::styled(format!("{} ", super::labels::mark(s)), THEME.status(s)),
                Span::raw(format!("{}  ", i18n::status(lang, s))),
            ]
        })
        .collect::<Vec<_>>();
    let lights = [Light::Red, Light::Yellow, Light::Green]
        .map(|l| (l, i18n::light_meaning(lang, l)))
        .into_iter()
        .enumerate()
        .flat_map(|(i, (l, what))| {
            [
                Span::raw(if i == 0 { "" } else { "  " }),
                Span::styled(i18n::light(lang, l).to_string(), THEME.light(l)),
                Span::raw(format!(" {what}")),
            ]
        })
        .collect::<Vec<_>>();
    vec![
        Line::from(marks),
        Line::from(lights),
        Line::raw(i18n::lagging_meaning(lang)),
    ]
}

/// Every warning about the journal folder, most urgent first, each wrapped to the box.
pub fn render_warnings(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let title = i18n::warnings_title(lang, app.warnings.len());
    // Clear of the footer rows below, whose double-width text must not be cut by the border.
    let width = area.width.saturating_sub(4).min(120);
    let inner = boxed(area, width, area.height.saturating_sub(4), &title, buf);
    let [body, foot] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    let lines: Vec<Line> = app
        .warnings
        .iter()
        .flat_map(|w| [Line::styled(w.clone(), THEME.error), Line::raw("")])
        .collect();
    Paragraph::new(wrap_lines(super::all_shown(lines), usize::from(body.width))).render(body, buf);
    Line::styled(i18n::warnings_close(lang), THEME.dim).render(foot, buf);
}

/// The status or filter picker.
pub fn render_picker(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let (title, entries): (&str, Vec<Line>) = match app.mode {
        Mode::StatusPicker { .. } => (
            i18n::status_picker_title(lang),
            Status::ALL
                .iter()
                .map(|&s| Line::styled(i18n::status(lang, s), THEME.status(s)))
                .collect(),
        ),
        Mode::ExportPicker { .. } => (
            i18n::export_picker_title(lang),
            crate::export::FORMATS
                .iter()
                .map(|f| {
                    let name = match f {
                        crate::export::Format::Xlsx => "Excel",
                        crate::export::Format::Csv => "CSV",
                        crate::export::Format::Md => "Markdown",
                        crate::export::Format::Html => "HTML",
                        crate::export::Format::Docx => "Word",
                        crate::export::Format::Json => "JSON",
                    };
                    Line::raw(format!("{name} (.{})", f.extension()))
                })
                .collect(),
        ),
        _ => (
            i18n::filter_picker_title(lang),
            filter_choices()
                .iter()
                .map(|f| match f {
                    // A badge in the light's colour, then its name: "红灯", "red light".
                    Some(crate::app::Filter::Light(l)) => Line::from(vec![
                        Span::styled(light_label(lang, *l), THEME.light(*l)),
                        Span::raw(i18n::light_filter(lang, *l)),
                    ]),
                    Some(f) => Line::raw(filter_label(lang, f)),
                    None => Line::raw(i18n::by_owner_choice(lang)),
                })
                .collect(),
        ),
    };
    let inner = boxed(area, 36, entries.len() as u16 + 2, title, buf);
    for (i, entry) in entries
        .into_iter()
        .enumerate()
        .take(usize::from(inner.height))
    {
        let mut spans = vec![Span::styled(format!("{} ", i + 1), THEME.key)];
        spans.extend(entry.spans);
        let line = Line::from(spans);
        let line = if i == cursor {
            line.patch_style(THEME.selected)
        } else {
            line
        };
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

/// "Apply to all N tasks?" or "Record a meeting checkpoint?"
pub fn render_confirm(app: &App, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let question = match c {
        Confirm::ApplyToAll {
            node,
            request,
            tasks,
        } => {
            let id = &app.session.plan.nodes()[*node].id;
            let change = crate::journal::Change {
                node: id.as_str().into(),
                status: request.status,
                percent: request.percent,
                note: request.note.clone(),
                owner: request.owner.as_deref().map(Into::into),
                due: request.due,
                ..Default::default()
            };
            let what = i18n::describe_change(lang, &change);
            // What will be overwritten: the tasks whose status or percent is not that now.
            let under = app.session.plan.tasks_under(*node);
            let now = |t: &usize| &app.session.progress.nodes[*t];
            let mut from: Vec<(Status, usize)> = Vec::new();
            if let Some(to) = request.status {
                for s in under.iter().map(|t| now(t).status).filter(|&s| s != to) {
                    match from.iter_mut().find(|(f, _)| *f == s) {
                        Some((_, n)) => *n += 1,
                        None => from.push((s, 1)),
                    }
                }
            }
            let rewritten = request.percent.map_or(0, |p| {
                under
                    .iter()
                    .filter(|t| now(t).percent != f64::from(p))
                    .count()
            });
            let question = i18n::apply_to_all(lang, &what, id, *tasks);
            format!(
                "{question}{}",
                i18n::overwrites(lang, &from, request.status, rewritten)
            )
        }
        Confirm::Discard(f) => i18n::discard_typed(lang, f.text().chars().count()),
        Confirm::Quit => i18n::quit_unsaved(lang, app.session.pending.len()),
    };
    let inner = boxed(area, 60, 7, i18n::confirm_title(lang), buf);
    let [body, foot] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    Paragraph::new(wrap_line(
        super::shown(Line::raw(question)),
        usize::from(body.width),
    ))
    .render(body, buf);
    Line::styled(key_hints(app), THEME.dim).render(foot, buf);
}

fn field_title(lang: Lang, kind: FieldKind, id: &str) -> String {
    match kind {
        FieldKind::Note => i18n::note_field_title(lang, id),
        FieldKind::Owner => i18n::owner_field_title(lang, id),
        FieldKind::Due => i18n::due_field_title(lang, id),
        FieldKind::Percent => i18n::percent_field_title(lang, id),
        FieldKind::Search => i18n::search_field_title(lang).to_string(),
        FieldKind::FilterOwner => i18n::owner_filter_field_title(lang).to_string(),
        FieldKind::ExportFolder(format) => {
            i18n::export_folder_field_title(lang, format.extension())
        }
        FieldKind::CheckpointTitle => i18n::checkpoint_field_title(lang).to_string(),
    }
}

/// How long a note is and how much more it can hold before its record would be too long for
/// readers to keep: "已写 616 字 · 还可写约 34 万字".
fn note_room(lang: Lang, text: &str) -> Line<'static> {
    let typed = text.chars().count();
    // A Chinese character takes three bytes in the line.
    let room = crate::journal::note_room(text);
    let left = room.unsigned_abs().div_ceil(3);
    let over = room < 0;
    let style = if over { THEME.error } else { THEME.dim };
    Line::styled(i18n::note_room(lang, typed, left, over), style)
}

/// How many departments a field offers at once.
const OFFERED: usize = 5;

/// A text field; returns where the terminal cursor goes (the caret, so an IME opens there).
pub fn render_field(app: &App, f: &Field, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let id = app
        .selected()
        .map(|n| app.session.plan.nodes()[n].id.clone())
        .unwrap_or_default();
    let all = if f.suggests_owners() {
        app.owner_suggestions(&f.owner_query())
    } else {
        Vec::new()
    };
    // At most five at once, scrolled to the one picked, and a count when there are more.
    let first = f.pick.map_or(0, |p| p.saturating_sub(OFFERED - 1));
    let mut suggestions: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(OFFERED)
        .map(|(i, o)| {
            let style = if f.pick == Some(i) {
                THEME.selected
            } else {
                THEME.dim
            };
            Line::styled(format!("  {o}"), style)
        })
        .collect();
    if all.len() > OFFERED {
        let last = first + suggestions.len();
        suggestions.push(Line::styled(
            i18n::departments_shown(lang, first + 1, last, all.len()),
            THEME.dim,
        ));
    }
    let width = 64.min(area.width);
    // A refusal is read whole: it wraps onto as many lines as it needs (three at most).
    let message = match &f.error {
        Some(e) => wrap_line(
            super::shown(Line::styled(e.clone(), THEME.error)),
            usize::from(width.saturating_sub(2)),
        ),
        None => vec![Line::styled(key_hints(app), THEME.dim)],
    };
    let message_rows = message.len().clamp(1, 3) as u16;
    let about = f.about.as_ref().map_or_else(Vec::new, |about| {
        wrap_line(
            super::shown(Line::raw(about.clone())),
            usize::from(width.saturating_sub(2)),
        )
    });
    let about_rows = about.len().min(4) as u16;
    let room = f.multiline().then(|| note_room(lang, &f.text()));
    let height = if f.multiline() { 10 } else { 4 }
        + suggestions.len() as u16
        + u16::from(room.is_some())
        + about_rows
        + message_rows
        - 1;
    let inner = boxed(area, width, height, &field_title(lang, f.kind, &id), buf);
    let [told, input, offered, counted, msg] = inner.layout(&Layout::vertical([
        Constraint::Length(about_rows),
        Constraint::Min(1),
        Constraint::Length(suggestions.len() as u16),
        Constraint::Length(u16::from(room.is_some())),
        Constraint::Length(message_rows),
    ]));
    Paragraph::new(about).render(told, buf);
    if let Some(room) = room {
        room.right_aligned().render(counted, buf);
    }
    (&f.input).render(input, buf);
    // The departments already used that match what is typed; ↓ picks one.
    Paragraph::new(super::all_shown(suggestions)).render(offered, buf);
    Paragraph::new(message).render(msg, buf);
    let caret = f.input.screen_cursor();
    let (top, left) = f.input.scroll_offset();
    let row = caret.row.checked_sub(usize::from(top))?;
    let col = caret.col.checked_sub(usize::from(left))?;
    let x = input.x.checked_add(u16::try_from(col).ok()?)?;
    let y = input.y.checked_add(u16::try_from(row).ok()?)?;
    (x < input.right() && y < input.bottom()).then_some(Position::new(x, y))
}
