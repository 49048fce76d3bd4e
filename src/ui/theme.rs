//! Every colour and text style of the dashboard, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::progress::Light;
use crate::status::Status;

/// The dashboard's styles.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub border: Style,
    pub focus_border: Style,
    pub selected: Style,
    pub area_row: Style,
    pub item_row: Style,
    pub key: Style,
    pub error: Style,
    pub banner: Style,
    pub info: Style,
    pub gauge: Style,
    pub bar_empty: Style,
    pub matched: Style,
    pub unsaved: Style,
    pub label: Style,
}

/// The theme used on screen.
pub const THEME: Theme = Theme {
    title: Style::new().add_modifier(Modifier::BOLD),
    // Secondary text (times, departments, folded lines, hints) in the terminal's own colour,
    // set apart by where it stands, never faint: faint text fades to nothing on Solarized Light
    // and on a washed-out projector, and the legacy Windows console has no faint at all. Nor
    // grey: the grey of the palette (8) is the very background of Solarized Dark.
    dim: Style::new(),
    border: Style::new(),
    focus_border: Style::new().fg(Color::Cyan),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    area_row: Style::new().add_modifier(Modifier::BOLD),
    item_row: Style::new(),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    banner: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    // A notice in the terminal's own colour, bold: the palette's green is 2.2:1 on a white
    // screen, too faint for a projector.
    info: Style::new().add_modifier(Modifier::BOLD),
    gauge: Style::new().fg(Color::Green),
    // The empty part of a bar is told by its glyph (░), not by fading it.
    bar_empty: Style::new(),
    matched: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::UNDERLINED),
    unsaved: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    // The terminal's own colour: light grey (7) all but vanishes on a white projector screen.
    label: Style::new(),
};

/// Colours are chosen to read on a dark and on a light terminal alike: text is either in the
/// terminal's own colour or a badge with its own background; black, grey and white are never a
/// bare foreground.
impl Theme {
    /// A light as a badge: its words on its colour.
    pub fn light(&self, l: Light) -> Style {
        match l {
            Light::Green => Style::new().fg(Color::Black).bg(Color::Green),
            Light::Yellow => Style::new().fg(Color::Black).bg(Color::Yellow),
            Light::Red => Style::new().fg(Color::White).bg(Color::Red),
        }
    }

    /// The filled part of a progress bar of a light: coloured blocks, no text on them.
    pub fn bar(&self, l: Light) -> Style {
        match l {
            Light::Green => Style::new().fg(Color::Green),
            Light::Yellow => Style::new().fg(Color::Yellow),
            Light::Red => Style::new().fg(Color::Red),
        }
    }

    /// The colour of a status word or mark.
    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::NotStarted => Style::new(),
            Status::InProgress => Style::new().fg(Color::Cyan),
            Status::Done => Style::new().fg(Color::Green),
            Status::Blocked => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_style_is_faint() {
        let t = THEME;
        let all = [
            t.title,
            t.dim,
            t.border,
            t.focus_border,
            t.selected,
            t.area_row,
            t.item_row,
            t.key,
            t.error,
            t.banner,
            t.info,
            t.gauge,
            t.bar_empty,
            t.matched,
            t.unsaved,
            t.label,
        ];
        let lights = [Light::Green, Light::Yellow, Light::Red];
        let statuses = [
            Status::NotStarted,
            Status::InProgress,
            Status::Done,
            Status::Blocked,
        ];
        let every = all
            .into_iter()
            .chain(lights.iter().flat_map(|&l| [t.light(l), t.bar(l)]))
            .chain(statuses.iter().map(|&s| t.status(s)));
        for style in every {
            assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
        }
    }

    #[test]
    fn a_notice_is_in_the_terminals_own_colour() {
        assert_eq!(THEME.info.fg, None);
        assert_eq!(THEME.info.bg, None);
    }
}
