//! The dashboard's state and its one `update`: no terminal here, only what the officer asked for.

mod desk;
mod export;
mod fields;
mod find;
pub mod input;
mod meeting;
mod nav;
pub mod tree;

use std::path::PathBuf;

use crate::action::Action;
use crate::context::Context;
use crate::edit::{self, SetRequest};
use crate::i18n::{self, Lang};
use crate::journal::Event;
use crate::plan::Level;
use crate::progress::Progress;
use crate::report::meeting::MeetingReport;
use crate::session::Session;
use crate::status::Status;

pub use input::{Confirm, Field, FieldKind, Mode};
pub use meeting::{MeetingList, MeetingScroll};
pub use tree::{Filter, TreeState};

/// A message for the footer, good news or bad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// Everything the dashboard shows and remembers.
#[derive(Debug)]
pub struct App {
    /// The record shown: plan, journal, state and unsaved changes.
    pub session: Session,
    pub lang: Lang,
    /// Everything worth a warning: skipped lines, orphaned events, reused ids.
    pub warnings: Vec<String>,
    pub tree: TreeState,
    pub mode: Mode,
    /// The field whose text is being saved: if the save is refused, the field opens again with
    /// the text and the reason, so that nothing typed is thrown away.
    draft: Option<Box<Field>>,
    pub filter: Option<Filter>,
    /// The active search and the plan nodes that match it.
    pub search: Option<String>,
    pub matches: Vec<usize>,
    pub notice: Option<Notice>,
    /// What the meeting view shows; built when it opens and after every change while open.
    pub meeting: Option<MeetingReport>,
    /// Replaying a meeting: the checkpoint (an index into `progress.meetings`) and the plan as
    /// it stood then, which the meeting view shows instead of today's.
    pub replay: Option<(usize, Progress)>,
    /// The meeting view lists the red and yellow tasks per 责任部门.
    pub by_owner: bool,
    /// Which list of the meeting view the keys scroll, and how far each is scrolled.
    pub meeting_scroll: MeetingScroll,
    /// The keys move through the detail pane rather than the tree.
    pub detail_focus: bool,
    /// How many lines of the detail pane are scrolled away (the drawing keeps it in range).
    pub detail_scroll: usize,
    /// Where exports from the dashboard go: the last folder used, else where it was started.
    pub export_dir: PathBuf,
    /// The settings file, where the export folder is remembered (none: not remembered).
    pub settings: Option<PathBuf>,
    /// Draw for a terminal that shows ambiguous-width characters two columns wide.
    pub ambiguous_wide: bool,
    /// The first change saved is to say that it stays on this computer (no data folder chosen).
    tell_unshared: bool,
    pub quit: bool,
}

impl App {
    /// Reads the journal and builds the initial state, every read done in line (tests).
    pub fn new(ctx: Context) -> Self {
        let wide = ctx.ambiguous_wide;
        Self::with(Session::open(ctx), wide)
    }

    /// The dashboard as it opens: its reads done on the loader thread, which calls `notify`
    /// when an answer is there to take in ([`App::poll`]). From the folded snapshot, the
    /// first frame shows the state while the events are still read.
    pub fn start(ctx: Context, notify: impl Fn() + Send + 'static) -> Self {
        let wide = ctx.ambiguous_wide;
        Self::with(Session::start(ctx, Box::new(notify)), wide)
    }

    /// The dashboard over `session`.
    fn with(session: Session, ambiguous_wide: bool) -> Self {
        let tree = TreeState::new(&session.plan);
        let tell_unshared = crate::folder::first_unshared_save(&session.store);
        let lang = session.lang;
        let mut app = Self {
            session,
            lang,
            warnings: Vec::new(),
            tree,
            mode: Mode::Normal,
            draft: None,
            filter: None,
            search: None,
            matches: Vec::new(),
            notice: None,
            meeting: None,
            replay: None,
            by_owner: false,
            meeting_scroll: MeetingScroll::default(),
            detail_focus: false,
            detail_scroll: 0,
            export_dir: crate::config::load(lang)
                .ok()
                .and_then(|c| c.export_dir)
                .unwrap_or_else(|| crate::export::default_folder().path),
            settings: crate::config::path(),
            ambiguous_wide,
            tell_unshared,
            quit: false,
        };
        app.refresh();
        app
    }

    /// Takes in what the loader has read, without waiting; whether the screen changed.
    pub fn poll(&mut self) -> bool {
        let changed = self.session.poll();
        if changed {
            self.refresh();
            // Once the events are in, the word to wait has done its work.
            let wait = Notice::Info(i18n::still_reading(self.lang).to_string());
            if !self.session.loading && self.notice.as_ref() == Some(&wait) {
                self.notice = None;
            }
        }
        changed
    }

    /// The selected plan node.
    pub fn selected(&self) -> Option<usize> {
        self.tree.selected()
    }

    /// Whether an event is still waiting to be written.
    pub fn is_pending(&self, event: &Event) -> bool {
        self.session.is_pending(event)
    }

    /// Handles one action. While the events are still being read, an action that needs them
    /// is answered with a word to wait: nothing waits for them.
    pub fn update(&mut self, action: Action) {
        if self.session.loading && action.needs_events() {
            self.notice = Some(Notice::Info(i18n::still_reading(self.lang).to_string()));
            return;
        }
        // A draft lives from its field's submit to the change's end (through one question).
        if !matches!(self.mode, Mode::Confirm(Confirm::ApplyToAll { .. })) {
            self.draft = None;
        }
        match action {
            Action::Tick => {
                self.tick();
                return;
            }
            Action::Resize(w, h) => return self.resize(w, h),
            Action::Quit => return self.request_quit(),
            _ => {}
        }
        if action.changes()
            && matches!(self.mode, Mode::Normal | Mode::Meeting { .. })
            && let Some(why) = self.why_unchangeable()
        {
            // Refused at the key: no editor opens whose text could not be saved.
            self.notice = Some(why);
            return;
        }
        match std::mem::take(&mut self.mode) {
            Mode::Normal => self.normal(action),
            Mode::Help { back } => {
                self.mode = match action {
                    Action::Cancel | Action::Help | Action::Submit => Mode::back_to(back),
                    _ => Mode::Help { back },
                }
            }
            Mode::Warnings { back } => {
                self.mode = match action {
                    Action::Cancel => Mode::back_to(back),
                    _ => Mode::Warnings { back },
                }
            }
            Mode::StatusPicker { cursor } => match pick(&action, cursor, Status::ALL.len()) {
                Pick::Stay(cursor) => self.mode = Mode::StatusPicker { cursor },
                Pick::Chosen(i) => self.request_set(SetRequest {
                    status: Some(Status::ALL[i]),
                    ..SetRequest::default()
                }),
                Pick::Closed => {}
            },
            Mode::FilterPicker { cursor } => {
                let choices = input::filter_choices();
                match pick(&action, cursor, choices.len()) {
                    Pick::Stay(cursor) => self.mode = Mode::FilterPicker { cursor },
                    Pick::Chosen(i) => match &choices[i] {
                        Some(f) => self.set_filter(Some(f.clone())),
                        None => self.open_field(FieldKind::FilterOwner, ""),
                    },
                    Pick::Closed => {}
                }
            }
            Mode::ExportPicker { cursor, back } => {
                let formats = crate::export::FORMATS;
                match pick(&action, cursor, formats.len()) {
                    Pick::Stay(cursor) => self.mode = Mode::ExportPicker { cursor, back },
                    Pick::Chosen(i) => self.ask_export_folder(formats[i], back),
                    Pick::Closed => self.mode = Mode::back_to(back),
                }
            }
            Mode::Confirm(c) => match (action, c) {
                (Action::Submit, Confirm::ApplyToAll { node, request, .. }) => {
                    self.apply(node, &request)
                }
                (Action::Submit, Confirm::Quit) => self.quit = true,
                (Action::Submit, Confirm::Discard(f)) => {
                    if let Some(page) = f.back {
                        self.mode = Mode::Meeting { page };
                    }
                }
                // Typed text is never lost silently: back to the field, text and all.
                (Action::Cancel, Confirm::Discard(f)) => self.mode = Mode::Field(f),
                (Action::Cancel, Confirm::ApplyToAll { .. }) => {
                    if let Some(field) = self.draft.take() {
                        self.mode = Mode::Field(field);
                    }
                }
                (Action::Cancel, _) => {}
                (_, c) => self.mode = Mode::Confirm(c),
            },
            Mode::Meeting { page } => self.meeting(action, page),
            Mode::Field(f) => self.field(action, f),
        }
    }

    fn normal(&mut self, action: Action) {
        self.notice = None;
        let shown = self.selected();
        if self.scroll_detail(&action) {
            return;
        }
        self.normal_action(action);
        if self.selected() != shown {
            self.detail_scroll = 0;
        }
    }

    fn normal_action(&mut self, action: Action) {
        let page = self.tree.height.max(1) as isize;
        match action {
            Action::Up => self.tree.move_by(-1),
            Action::Down => self.tree.move_by(1),
            Action::PageUp => self.tree.move_by(-page),
            Action::PageDown => self.tree.move_by(page),
            Action::Home => self.tree.move_to(0),
            Action::End => self.tree.move_to(usize::MAX),
            Action::ScrollUp => self.tree.scroll_by(-3),
            Action::ScrollDown => self.tree.scroll_by(3),
            Action::Collapse => self.collapse(),
            Action::Expand => self.set_expanded(true),
            Action::Toggle => self.toggle(),
            Action::JumpArea(n) => self.jump_area(n),
            Action::ClickRow(row) => self.click(row),
            Action::CycleStatus => {
                if let Some(n) = self.selected() {
                    if self.session.plan.nodes()[n].level != Level::Task {
                        // One key never changes a dozen tasks: that is `s`, which asks.
                        let tasks = self.session.plan.tasks_under(n).len();
                        self.notice =
                            Some(Notice::Info(i18n::space_on_tasks_only(self.lang, tasks)));
                        return;
                    }
                    let next = self.session.progress.nodes[n].status.next();
                    // Leaving 已完成 goes back to the percent the task had before it.
                    let percent = (self.session.progress.nodes[n].status == Status::Done)
                        .then(|| self.percent_before_done(n));
                    self.request_set(SetRequest {
                        status: Some(next),
                        percent,
                        ..SetRequest::default()
                    });
                }
            }
            Action::SetStatus(s) => self.request_set(SetRequest {
                status: Some(s),
                ..SetRequest::default()
            }),
            Action::OpenStatusPicker => {
                let current = self.selected().map_or(Status::NotStarted, |n| {
                    self.session.progress.nodes[n].status
                });
                let cursor = Status::ALL.iter().position(|&s| s == current).unwrap_or(0);
                self.mode = Mode::StatusPicker { cursor };
            }
            Action::PercentUp => self.step_percent(10),
            Action::PercentDown => self.step_percent(-10),
            Action::OpenPercent => {
                // On an item or area the box starts empty: its rolled-up percent is no task's.
                let p = self
                    .selected()
                    .filter(|&n| self.session.plan.nodes()[n].level == Level::Task)
                    .map(|n| format!("{}", self.session.progress.nodes[n].percent.round()));
                self.open_field(FieldKind::Percent, &p.unwrap_or_default());
            }
            Action::AddNote => self.open_field(FieldKind::Note, ""),
            Action::EditOwner => {
                let o = self
                    .selected()
                    .and_then(|n| self.session.progress.nodes[n].owner.clone());
                self.open_field(FieldKind::Owner, &o.unwrap_or_default());
            }
            Action::EditDue => {
                let d = self
                    .selected()
                    .map(|n| self.session.progress.nodes[n].due.to_string());
                self.open_field(FieldKind::Due, &d.unwrap_or_default());
            }
            Action::Undo => {
                let r = edit::undo(
                    &self.session.plan,
                    &self.session.progress,
                    self.session.store.user(),
                );
                self.commit_told(r, i18n::undone_words(self.lang));
            }
            Action::Redo => {
                let r = edit::redo(&self.session.progress, self.session.store.user());
                self.commit_told(r, i18n::redone_words(self.lang));
            }
            Action::OpenSearch => {
                let q = self.search.clone().unwrap_or_default();
                self.open_field(FieldKind::Search, &q);
            }
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::OpenFilter => self.mode = Mode::FilterPicker { cursor: 0 },
            Action::ClearFilter | Action::Cancel => {
                self.search = None;
                self.matches.clear();
                self.set_filter(None);
            }
            Action::Help => self.mode = Mode::Help { back: None },
            Action::ShowWarnings => self.show_warnings(None),
            Action::OpenMeeting => self.open_meeting(),
            Action::OpenExport => {
                self.mode = Mode::ExportPicker {
                    cursor: 0,
                    back: None,
                }
            }
            Action::Checkpoint => self.ask_checkpoint(None),
            _ => {}
        }
    }

    /// Lists every warning, over the meeting page `back` if it is open; says so when there is
    /// none.
    pub(super) fn show_warnings(&mut self, back: Option<usize>) {
        if self.warnings.is_empty() {
            let none = i18n::no_warnings(self.lang);
            self.notice = Some(Notice::Info(none.to_string()));
            self.mode = Mode::back_to(back);
        } else {
            self.mode = Mode::Warnings { back };
        }
    }

    /// Quits, asking first while a change is still unsaved: quitting would drop it.
    fn request_quit(&mut self) {
        if self.session.pending.is_empty() {
            self.quit = true;
        } else {
            self.mode = Mode::Confirm(Confirm::Quit);
        }
    }

    /// Applies a change to the selected node, asking first when it reaches several tasks.
    pub(super) fn request_set(&mut self, request: SetRequest) {
        let Some(node) = self.selected() else { return };
        let tasks = self.session.plan.tasks_under(node).len();
        if tasks > 1 {
            self.mode = Mode::Confirm(Confirm::ApplyToAll {
                node,
                request,
                tasks,
            });
        } else {
            self.apply(node, &request);
        }
    }

    fn apply(&mut self, node: usize, request: &SetRequest) {
        let id = self.session.plan.nodes()[node].id.clone();
        let r = edit::set(&self.session.plan, &id, request, self.session.store.user()).and_then(
            |mut events| {
                edit::leave_out_unchanged(&self.session.plan, &self.session.progress, &mut events)
                    .map(|()| events)
            },
        );
        self.commit_result(r);
    }

    fn step_percent(&mut self, delta: i32) {
        let Some(n) = self.selected() else { return };
        if self.session.plan.nodes()[n].level != Level::Task {
            self.notice = Some(Notice::Error(
                i18n::steps_one_task_only(self.lang).to_string(),
            ));
            return;
        }
        let now = self.session.progress.nodes[n].percent as i32;
        let next = ((now + delta).clamp(0, 100) / 10 * 10).clamp(0, 100);
        let next = if delta < 0 && now % 10 != 0 {
            now / 10 * 10
        } else {
            next
        };
        if next != now {
            self.apply(
                n,
                &SetRequest {
                    percent: u8::try_from(next).ok(),
                    ..SetRequest::default()
                },
            );
        }
    }

    fn commit_result(&mut self, r: Result<Vec<Event>, edit::EditError>) {
        match r {
            Ok(events) => self.commit(events),
            // Undo finds nothing of a writer without a name: say why.
            Err(_) if self.session.store.user().is_empty() => {
                self.refuse(Notice::Error(i18n::no_user(self.lang).to_string()));
            }
            // Nothing typed is lost when the values are already so: the field may close.
            Err(edit::EditError::AlreadySo) => {
                self.draft = None;
                let words = i18n::edit_error(self.lang, &edit::EditError::AlreadySo);
                self.notice = Some(Notice::Info(words));
            }
            Err(e) => self.refuse(Notice::Info(i18n::edit_error(self.lang, &e))),
        }
    }

    /// Why nothing can be changed now (looking back at a past day or an earlier meeting, or no
    /// name to write under).
    fn why_unchangeable(&self) -> Option<Notice> {
        if self.session.until.is_some() {
            Some(Notice::Info(i18n::looking_back(self.lang).to_string()))
        } else if self.replay.is_some() && matches!(self.mode, Mode::Meeting { .. }) {
            Some(Notice::Info(i18n::replaying_refuses(self.lang).to_string()))
        } else if self.session.store.user().is_empty() {
            Some(Notice::Error(i18n::no_user(self.lang).to_string()))
        } else {
            None
        }
    }

    /// Says why a change was not made; the field it was typed in opens again with its text.
    fn refuse(&mut self, why: Notice) {
        match self.draft.take() {
            Some(mut field) => {
                let (Notice::Info(words) | Notice::Error(words)) = why;
                field.error = Some(words);
                self.mode = Mode::Field(field);
            }
            None => self.notice = Some(why),
        }
    }

    /// Writes events durably before they show; when the disk refuses, keeps them as unsaved.
    pub(super) fn commit(&mut self, events: Vec<Event>) {
        if let Some(why) = self.why_unchangeable() {
            return self.refuse(why);
        }
        self.draft = None;
        if self.session.commit(events) {
            self.notice = Some(Notice::Info(self.saved()));
        }
        self.refresh();
    }

    /// Refreshes what depends on the folded state: the tree, search matches, the meeting view
    /// and the warnings.
    fn refresh(&mut self) {
        let (plan, progress) = (&self.session.plan, &self.session.progress);
        // Without a filter the rows depend on the plan and what is expanded alone, not on the
        // state: a change need not walk a plan of 100,000 rows again.
        if self.filter.is_some() || self.tree.visible.is_empty() {
            let keep = self.selected();
            self.tree
                .rebuild(plan, progress, self.filter.as_ref(), keep);
        }
        if let Some(q) = self.search.clone() {
            self.matches = self.find(&q);
        }
        if self.meeting.is_some() {
            self.replay = None;
            self.meeting = Some(MeetingReport::new(plan, progress, self.lang));
        }
        self.warnings = i18n::misplaced_warning(self.lang, &progress.misplaced_ids())
            .into_iter()
            .chain(self.session.read_warnings.iter().cloned())
            .chain(i18n::progress_warnings(self.lang, &progress.orphan_ids()))
            .collect();
    }

    /// "已保存到 李强.jsonl": that the change is written, and where; the first, when no data
    /// folder was chosen, also that it stays on this computer.
    fn saved(&mut self) -> String {
        let own = self.session.store.own_file();
        let file = own
            .file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default();
        if std::mem::take(&mut self.tell_unshared) {
            return i18n::saved_unshared_notice(self.lang, &file);
        }
        i18n::saved_to(self.lang, &file)
    }

    /// What waits until the frame showing a change is drawn: this computer's copy of the
    /// journal takes in the changes saved since, on the loader thread.
    pub fn after_frame(&mut self) {
        self.session.after_frame();
    }

    /// Retries unsaved changes and asks for a look at the folder; whether the screen may have
    /// changed. Nothing here waits for a read: its answer comes to [`App::poll`].
    pub fn tick(&mut self) -> bool {
        let unsaved = !self.session.pending.is_empty();
        let changed = self.session.tick();
        if unsaved && self.session.pending.is_empty() {
            self.notice = Some(Notice::Info(self.saved()));
        }
        if changed {
            self.refresh();
        }
        changed
    }

    fn resize(&mut self, w: u16, h: u16) {
        let regions = crate::layout::Regions::new(ratatui::layout::Rect::new(0, 0, w, h));
        self.tree.set_height(regions.tree_rows());
    }
}

/// What a key does to a picker.
enum Pick {
    Stay(usize),
    Chosen(usize),
    Closed,
}

/// Moves a picker's cursor over `len` entries, or chooses, or closes it.
fn pick(action: &Action, cursor: usize, len: usize) -> Pick {
    match action {
        Action::PickerUp | Action::Up => Pick::Stay((cursor + len - 1) % len),
        Action::PickerDown | Action::Down => Pick::Stay((cursor + 1) % len),
        Action::PickerChoose(i) if *i < len => Pick::Chosen(*i),
        Action::Submit => Pick::Chosen(cursor),
        Action::Cancel => Pick::Closed,
        _ => Pick::Stay(cursor),
    }
}

#[cfg(test)]
mod tests;
