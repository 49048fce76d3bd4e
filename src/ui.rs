//! Draws the dashboard from [`App`]: reads state, never changes it, never touches files.

mod bar;
mod clear;
mod detail;
mod footer;
mod header;
mod labels;
mod meeting;
mod popup;
mod scrolled;
mod settle;
pub mod theme;
mod tree;
mod trend;
mod wrap;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH, Regions};
use crate::text;

/// The most the detail pane can be scrolled at this size.
pub fn detail_max_scroll(app: &App, area: Rect) -> usize {
    detail::max_scroll(app, Regions::new(area).detail)
}

/// The meeting view page shown (behind a popup, when one is open over it).
fn meeting_page(mode: &Mode) -> Option<usize> {
    match mode {
        Mode::Meeting { page } => Some(*page),
        Mode::ExportPicker { back, .. } | Mode::Help { back } | Mode::Warnings { back } => *back,
        Mode::Field(f) => f.back,
        _ => None,
    }
}

/// Draws one frame, and puts the terminal cursor at the caret of an open text field; in the
/// ambiguous-wide mode, drawn for a terminal that shows ambiguous-width characters wide.
pub fn draw(frame: &mut Frame, app: &App) {
    let _wide = text::ambiguous::scope(app.ambiguous_wide);
    draw_all(frame, app);
    if app.ambiguous_wide {
        settle::settle(frame.buffer_mut());
    }
}

fn draw_all(frame: &mut Frame, app: &App) {
    let regions = Regions::new(frame.area());
    let buf = frame.buffer_mut();
    if regions.too_small {
        render_too_small(app, regions.area, buf);
        return;
    }
    // A popup opened from the meeting view keeps the meeting view behind it: the audience never
    // sees the desk suddenly.
    match meeting_page(&app.mode) {
        Some(page) => meeting::render(app, page, regions.area, buf),
        None => {
            header::render(app, regions.header, buf);
            tree::render(app, regions.tree, buf);
            detail::render(app, regions.detail, buf);
        }
    }
    footer::render(app, regions.footer, buf);
    let cursor = match &app.mode {
        Mode::Normal | Mode::Meeting { .. } => None,
        Mode::Help { .. } => {
            popup::render_help(app, regions.area, buf);
            None
        }
        Mode::Warnings { .. } => {
            popup::render_warnings(app, regions.area, buf);
            None
        }
        Mode::StatusPicker { cursor }
        | Mode::FilterPicker { cursor }
        | Mode::ExportPicker { cursor, .. } => {
            popup::render_picker(app, *cursor, regions.area, buf);
            None
        }
        Mode::Confirm(c) => {
            popup::render_confirm(app, c, regions.area, buf);
            None
        }
        Mode::Field(f) => popup::render_field(app, f, regions.area, buf),
    };
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// A line as it may be drawn: every span through the sanitiser, so that text from the journal
/// or the plan shows its control characters and bidi marks as visible marks instead of having
/// them dropped or obeyed. Every pane passes the lines it builds from such text through here.
pub(crate) fn shown(mut line: Line<'_>) -> Line<'_> {
    for span in &mut line.spans {
        if let Cow::Owned(shown) = text::sanitize(&span.content) {
            span.content = Cow::Owned(shown);
        }
    }
    line
}

/// [`shown`] for each of `lines`.
pub(crate) fn all_shown(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines.into_iter().map(shown).collect()
}

fn render_too_small(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let text = crate::i18n::too_small(app.lang, MIN_WIDTH, MIN_HEIGHT);
    let y = area.y + area.height / 2;
    let line_area = Rect::new(
        area.x,
        y.min(area.bottom().saturating_sub(1)),
        area.width,
        area.height - (y - area.y),
    );
    ratatui::widgets::Widget::render(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        line_area,
        buf,
    );
}
