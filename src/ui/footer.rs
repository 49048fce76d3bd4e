//! The footer: a banner or notice line, then the keys that work right now.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::THEME;
use crate::app::{App, Notice};
use crate::keymap;
use crate::text::ambiguous::widen;

/// Draws the two footer rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let [status_row, keys_row] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
    // What does not fit ends in "…": a message cut short says so.
    let fit = |t: String| crate::text::ellipsize(&t, usize::from(status_row.width));
    let status = if let Some(e) = &app.session.save_error {
        // How many changes wait goes first: it is what a cut message must not lose.
        let n = app.session.pending.len();
        let waiting = crate::i18n::unsaved_waiting(lang, n);
        Line::styled(fit(format!(" [{waiting}] {e}")), THEME.banner)
    } else if let Some(n) = &app.notice {
        match n {
            Notice::Info(t) => Line::styled(fit(format!(" {t}")), THEME.info),
            Notice::Error(t) => Line::styled(fit(format!(" {t}")), THEME.error),
        }
    } else if let Some(w) = app.warnings.first() {
        // The count goes first: a long message is cut at the right edge.
        let count = app.warnings.len();
        let prefix = if count > 1 {
            crate::i18n::more_warnings(lang, count)
        } else {
            String::new()
        };
        Line::styled(fit(format!(" {prefix}{w}")), THEME.error)
    } else {
        Line::raw("")
    };
    let status = if app.session.save_error.is_some() {
        status.style(THEME.banner)
    } else {
        status
    };
    super::shown(status).render(status_row, buf);
    let mut hints = keymap::hints(&app.mode, lang);
    // Help, the meeting view and the way out first, so they survive the narrowest footer; the
    // rest in the key table's order, as many as fit.
    hints.sort_by_key(|(k, _)| match *k {
        "?" => 0,
        "m" | "q" | "Esc/m" => 1,
        _ => 2,
    });
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, what) in hints {
        // Widened where need be: "0…6" and "±10" drawn as themselves, never as stand-ins.
        let k = widen(&format!(" {k}")).into_owned();
        let what = widen(&format!(" {what} ")).into_owned();
        let w = crate::text::width(&k) + crate::text::width(&what);
        if used + w > usize::from(keys_row.width) {
            break; // whole hints only: never a word cut in half
        }
        used += w;
        spans.push(Span::styled(k, THEME.key));
        spans.push(Span::raw(what));
    }
    Line::from(spans).render(keys_row, buf);
}
