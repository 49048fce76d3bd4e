//! The dashboard's modes: popups, pickers and text fields, and how a field's text is checked.

use jiff::civil::Date;
use ratatui_textarea::{TextArea, WrapMode};

use crate::edit::SetRequest;
use crate::i18n::{self, Lang};
use crate::progress::Light;
use crate::status::Status;

use super::tree::Filter;

/// What the dashboard is doing with the keyboard.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Every key; `back` is the meeting page to return to.
    Help { back: Option<usize> },
    /// Every warning about the journal folder, listed; `back` is the meeting page to return to.
    Warnings { back: Option<usize> },
    /// Picking a status for the selected node.
    StatusPicker { cursor: usize },
    /// Picking a filter.
    FilterPicker { cursor: usize },
    /// Picking an export format; `back` is the meeting page to return to.
    ExportPicker { cursor: usize, back: Option<usize> },
    /// Typing into a field.
    Field(Box<Field>),
    /// Asking before acting.
    Confirm(Confirm),
    /// The meeting view, on page 0 (overview) or page n (area n).
    Meeting { page: usize },
}

impl Mode {
    /// Where closing a popup leads: the meeting page it was opened from, else the desk.
    pub fn back_to(page: Option<usize>) -> Self {
        page.map_or(Mode::Normal, |page| Mode::Meeting { page })
    }
}

/// What waits for "yes".
#[derive(Debug, Clone)]
pub enum Confirm {
    /// A change that reaches several tasks.
    ApplyToAll {
        node: usize,
        request: SetRequest,
        tasks: usize,
    },
    /// Quitting while changes are still unsaved (they would be lost).
    Quit,
    /// Closing a text field that holds typed text (it would be lost).
    Discard(Box<Field>),
}

/// What a text field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Note,
    Owner,
    Due,
    Percent,
    Search,
    FilterOwner,
    /// The title of a meeting checkpoint.
    CheckpointTitle,
    /// The folder an export in this format goes to.
    ExportFolder(crate::export::Format),
}

/// An open text field and the message about its last rejected value.
#[derive(Debug, Clone)]
pub struct Field {
    pub kind: FieldKind,
    pub input: TextArea<'static>,
    pub error: Option<String>,
    /// The meeting view page it was opened from, to go back to (and keep showing behind it).
    pub back: Option<usize>,
    /// For an owner: the suggestion chosen with ↑/↓ (a department already used).
    pub pick: Option<usize>,
    /// What saving it will do, shown above the text when it is worth saying first.
    pub about: Option<String>,
}

impl Field {
    /// A field of `kind` holding `initial`.
    pub fn new(kind: FieldKind, initial: &str) -> Self {
        let lines = if initial.is_empty() {
            vec![String::new()]
        } else {
            initial.lines().map(str::to_string).collect()
        };
        let mut input = TextArea::new(lines);
        input.set_wrap_mode(WrapMode::Glyph);
        if kind == FieldKind::Note || initial.is_empty() {
            input.move_cursor(ratatui_textarea::CursorMove::Bottom);
            input.move_cursor(ratatui_textarea::CursorMove::End);
        } else {
            // The current value is selected: typing replaces it, arrows keep it.
            input.select_all();
        }
        Self {
            kind,
            input,
            error: None,
            back: None,
            pick: None,
            about: None,
        }
    }

    /// Whether the field names a department, and so offers the ones already used.
    pub fn suggests_owners(&self) -> bool {
        matches!(self.kind, FieldKind::Owner | FieldKind::FilterOwner)
    }

    /// Whether Enter inserts a new line (the note editor) rather than submitting.
    pub fn multiline(&self) -> bool {
        self.kind == FieldKind::Note
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// What the departments offered must contain: nothing while the current value is still
    /// selected whole (every department is offered), else the text typed.
    pub fn owner_query(&self) -> String {
        if self.input.selection_range().is_some() {
            String::new()
        } else {
            self.text()
        }
    }
}

/// The entries of the filter picker, in order.
pub fn filter_choices() -> Vec<Option<Filter>> {
    let mut v: Vec<Option<Filter>> = Status::ALL
        .iter()
        .map(|&s| Some(Filter::Status(s)))
        .collect();
    v.extend([Light::Red, Light::Yellow, Light::Green].map(|l| Some(Filter::Light(l))));
    v.push(None); // "by owner…": opens a field
    v
}

/// A field's text as a percent, or what is expected.
pub fn parse_percent(lang: Lang, text: &str) -> Result<u8, String> {
    crate::typed::percent(text)
        .and_then(|p| u8::try_from(p).ok())
        .filter(|&p| p <= 100)
        .ok_or_else(|| i18n::percent_expected(lang).to_string())
}

/// A field's text as a date (without a year, in `year`), or what is expected.
pub fn parse_due(lang: Lang, text: &str, year: i32) -> Result<Date, String> {
    crate::typed::date(text, year).ok_or_else(|| i18n::due_expected(lang).to_string())
}
