//! Everything an officer can ask the dashboard for.

use ratatui_textarea::Input;

use crate::status::Status;

/// One request to the dashboard, from a key, a mouse event, a paste or the clock.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Collapse,
    Expand,
    Toggle,
    /// Jump to area n (1-based).
    JumpArea(usize),
    /// Select the row at this index of the visible tree (a mouse click).
    ClickRow(usize),
    ScrollUp,
    ScrollDown,
    /// The mouse wheel over the detail pane.
    DetailScrollUp,
    DetailScrollDown,
    /// Move the keyboard's focus between the tree and the detail pane.
    ToggleFocus,
    CycleStatus,
    OpenStatusPicker,
    PercentUp,
    PercentDown,
    OpenPercent,
    AddNote,
    EditOwner,
    EditDue,
    Undo,
    Redo,
    OpenSearch,
    NextMatch,
    PrevMatch,
    OpenFilter,
    /// Esc in the dashboard: clear the search and the filter.
    ClearFilter,
    Help,
    /// List every warning about the journal folder.
    ShowWarnings,
    /// Open the meeting view.
    OpenMeeting,
    /// Meeting view: next or previous page (overview, then one page per area).
    NextPage,
    PrevPage,
    /// Record a meeting checkpoint (asks first).
    Checkpoint,
    /// Meeting view: show the plan as it stood at an earlier (or the next later) checkpoint.
    EarlierCheckpoint,
    LaterCheckpoint,
    /// Meeting view: list the red and yellow tasks per 责任部门 (for the 督办单), or not.
    GroupByOwner,
    /// Choose an export format and write the 台账 to the current folder.
    OpenExport,
    /// Leave a popup or field without acting.
    Cancel,
    /// Accept a popup, a picker choice or a single-line field.
    Submit,
    /// Move the cursor of a picker.
    PickerUp,
    PickerDown,
    /// Choose entry n of a picker directly.
    PickerChoose(usize),
    /// Set a status directly (from the picker).
    SetStatus(Status),
    /// A key typed into the open text field.
    Type(Input),
    /// Text pasted by the terminal: goes into the open field, never runs a command.
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed: reload the journal if another process wrote it, retry unsaved changes.
    Tick,
}

impl Action {
    /// Whether it needs the events, not only the state shown: a change (made against every
    /// task's latest change), the meeting view (the changes since the last meeting) and an
    /// export. Every other key is answered while the events are still being read; a search
    /// finds in the notes once they are in.
    pub fn needs_events(&self) -> bool {
        self.changes() || matches!(self, Action::OpenMeeting | Action::OpenExport)
    }

    /// Whether it would change the record (at once or through the editor or picker it opens):
    /// such keys are refused at the key while nothing can be changed, so that nothing is typed
    /// in vain.
    pub fn changes(&self) -> bool {
        matches!(
            self,
            Action::CycleStatus
                | Action::OpenStatusPicker
                | Action::SetStatus(_)
                | Action::PercentUp
                | Action::PercentDown
                | Action::OpenPercent
                | Action::AddNote
                | Action::EditOwner
                | Action::EditDue
                | Action::Undo
                | Action::Redo
                | Action::Checkpoint
        )
    }
}
