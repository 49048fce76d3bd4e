//! The tree pane: one row per visible area, item or task; only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::labels::{light_label, mark};
use super::theme::THEME;
use crate::app::App;
use crate::i18n;
use crate::plan::Level;
use crate::status::Status;
use crate::text;

/// Draws the tree pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(THEME.focus_border)
        .title(Line::styled(i18n::tree_title(app.lang), THEME.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let t = &app.tree;
    if t.visible.is_empty() {
        let empty = i18n::nothing_matches_filter(app.lang);
        Line::styled(empty, THEME.dim).render(inner, buf);
        return;
    }
    let rows = t
        .visible
        .iter()
        .skip(t.offset)
        .take(usize::from(inner.height));
    for (r, &node) in rows.enumerate() {
        let y = inner.y + r as u16;
        let selected = t.offset + r == t.cursor;
        let line = row(app, node, inner.width);
        let line = if selected {
            line.patch_style(THEME.selected)
        } else {
            line
        };
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

/// Columns of the owner (责任部门) and the due date, when the tree is wide enough for them.
const OWNER: usize = 10;
const DUE: usize = 10;

/// One row: fold mark, id, title cut to fit, (owner, due,) status, percent bar, percent, light.
fn row(app: &App, n: usize, width: u16) -> Line<'static> {
    let width = usize::from(width);
    let node = &app.session.plan.nodes()[n];
    let s = &app.session.progress.nodes[n];
    let lang = app.lang;
    let (indent, fold) = match node.level {
        Level::Area => ("", if app.tree.expanded[n] { "- " } else { "+ " }),
        Level::Item => ("  ", if app.tree.expanded[n] { "- " } else { "+ " }),
        Level::Task => ("    ", "  "),
    };
    let wide = width >= 90;
    let bar_cells = if width >= 70 { 10 } else { 5 };
    let status = if wide {
        // As wide as the widest status word of the language: "in progress" is never cut.
        let room = Status::ALL
            .iter()
            .map(|&s| text::width(i18n::status(lang, s)))
            .max()
            .unwrap_or(8);
        text::fit(i18n::status(lang, s.status), room, false)
    } else {
        mark(s.status).to_string()
    };
    let (bar_full, empty) = super::bar::blocks(s.percent, bar_cells);
    let bar_empty = "░".repeat(empty);
    // Halves round up, as an officer rounds (2.5% is 3%, not 2%).
    let pct = format!("{:>4}", format!("{}%", s.percent.round()));
    // From 140 terminal columns the tree has room for each task's owner and due date.
    let columns = width >= 84;
    let (owner, due) = match (columns, node.level) {
        (true, Level::Task) => (
            text::fit(s.owner.as_deref().unwrap_or("—"), OWNER, false),
            s.due.to_string(),
        ),
        (true, _) => (" ".repeat(OWNER), " ".repeat(DUE)),
        (false, _) => (String::new(), String::new()),
    };
    let extra = if columns { OWNER + DUE + 2 } else { 0 };
    let right = text::width(&status) + 1 + bar_cells + 1 + 4 + 1 + 2 + extra;
    let unsaved = s
        .history
        .iter()
        .any(|&e| app.is_pending(&app.session.progress.events.event(e)));
    let prefix = format!("{indent}{fold}{} ", node.id);
    let title_room = width.saturating_sub(text::width(&prefix) + right + 1 + usize::from(unsaved));
    let title = text::fit(&display_text(app, n), title_room, false);
    let row_style = match node.level {
        Level::Area => THEME.area_row,
        Level::Item => THEME.item_row,
        Level::Task => Style::new(),
    };
    let title_style = if app.search.is_some() && app.matches.contains(&n) {
        row_style.patch(THEME.matched)
    } else {
        row_style
    };
    // An area's id is bold like its row; faint as well would be both at once.
    let prefix_style = match node.level {
        Level::Area => row_style,
        _ => row_style.patch(THEME.dim),
    };
    let mut spans = vec![Span::styled(prefix, prefix_style)];
    if unsaved {
        spans.push(Span::styled("*", THEME.unsaved));
    }
    spans.push(Span::styled(title, title_style));
    if columns {
        spans.extend([
            Span::raw(" "),
            Span::styled(owner, THEME.dim),
            Span::raw(" "),
            Span::raw(due),
        ]);
    }
    spans.extend([
        Span::raw(" "),
        Span::styled(status, THEME.status(s.status)),
        Span::raw(" "),
        Span::styled(bar_full, THEME.gauge),
        Span::styled(bar_empty, THEME.bar_empty),
        Span::raw(" "),
        Span::raw(pct),
        Span::raw(" "),
        Span::styled(light_label(lang, s.light), THEME.light(s.light)),
    ]);
    Line::from(spans)
}

/// The node's text in the interface language, falling back to the plan's Chinese.
pub fn display_text(app: &App, n: usize) -> String {
    let node = &app.session.plan.nodes()[n];
    match app.lang {
        i18n::Lang::En => node.text_en.clone().unwrap_or_else(|| node.text.clone()),
        i18n::Lang::Zh => node.text.clone(),
    }
}
