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
use std::time::SystemTime;

use jiff::civil::Date;
use uuid::Uuid;

use crate::action::Action;
use crate::context::Context;
use crate::edit::{self, SetRequest};
use crate::folded::{self, FoldedSnapshot};
use crate::i18n::{self, Lang};
use crate::journal::{self, Event, Events, JournalError, ReadBack, Store};
use crate::plan::{Level, LoadedPlan};
use crate::progress::{self, Digest, Progress};
use crate::report::meeting::MeetingReport;
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

type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// What a read on a thread of its own calls when it is done.
struct Notify(Box<dyn FnOnce() + Send>);

impl std::fmt::Debug for Notify {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Notify")
    }
}

/// Everything the dashboard shows and remembers.
#[derive(Debug)]
pub struct App {
    pub plan: LoadedPlan,
    pub lang: Lang,
    pub today: Date,
    /// Set when looking back at a past day: events after it are left out, and nothing can be
    /// changed.
    pub until: Option<jiff::Timestamp>,
    pub store: Store,
    /// Changes that could not be written yet: shown as unsaved, retried on every tick.
    pub pending: Vec<Event>,
    pub progress: Progress,
    /// Lines of the journal that were skipped on reading, in words.
    read_warnings: Vec<String>,
    /// Everything worth a warning: skipped lines, orphaned events, reused ids.
    pub warnings: Vec<String>,
    /// Why the journal cannot be written right now.
    pub save_error: Option<String>,
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
    fingerprint: Fingerprint,
    /// How far the last clean read went in each file: a colleague's change is then read alone.
    marks: Option<journal::Marks>,
    /// The state shown is the folded snapshot's: the events, and with them every history, are
    /// read after the first frame and taken in when they are there.
    pub loading: bool,
    /// The read of the events after the first frame, and what it calls when it is done.
    reading: Option<std::thread::JoinHandle<Result<ReadBack, JournalError>>>,
    on_read: Option<Notify>,
    /// No folded snapshot could be used at the start: one is kept after the first frame.
    keep_digest: bool,
    /// What the read at the start left to keep for the next one, kept after the first frame.
    later: Option<journal::Later>,
    /// How many times the folder was read whole since the start (tests).
    #[cfg(test)]
    pub(crate) whole_reads: usize,
}

impl App {
    /// Reads the journal and builds the initial state.
    pub fn new(ctx: Context) -> Self {
        let mut app = Self::unread(ctx);
        app.reload();
        app
    }

    /// The dashboard as it opens: from the folded snapshot, when there is one it can trust,
    /// else as [`App::new`]. From the snapshot, the events are read after the first frame on a
    /// thread of their own (see [`App::after_first_frame`]), which calls `read` when they are
    /// there to take in ([`App::take_loaded`]).
    pub fn start(ctx: Context, read: impl FnOnce() + Send + 'static) -> Self {
        let mut app = Self::unread(ctx);
        let (snapshot, kept) = folded::open(&app.store, &app.plan, app.until, app.today);
        match kept {
            Some(folded) => {
                app.progress = folded.into_progress();
                app.loading = true;
                app.on_read = Some(Notify(Box::new(read)));
                app.refresh();
            }
            None => {
                // The plan first: what this read keeps for the next start waits for the frame.
                app.fingerprint = journal::fingerprint(app.store.folder());
                let read = app.store.read_keeping_later();
                app.take_read(read);
                app.keep_digest = snapshot.is_some();
            }
        }
        app
    }

    /// What waits for the first frame: reading the events when the state shown is the folded
    /// snapshot's (on a thread of their own, so that keys that move through the plan are
    /// answered meanwhile), or keeping a folded snapshot for the next start when there was
    /// none to use. Whether the state changed (the events were read here, when no thread could be had).
    pub fn after_first_frame(&mut self) -> bool {
        if self.loading {
            self.fingerprint = journal::fingerprint(self.store.folder());
            let store = self.store.clone();
            let read = self.on_read.take();
            self.reading = std::thread::Builder::new()
                .name("read".into())
                .spawn(move || {
                    let back = store.read();
                    if let Some(Notify(read)) = read {
                        read();
                    }
                    back
                })
                .ok();
            return self.reading.is_none() && self.take_loaded();
        }
        let mut changed = false;
        if let Some(later) = self.later.take().filter(|_| self.pending.is_empty())
            && let Some(trouble) = later.keep(&self.progress.events)
        {
            self.read_warnings
                .push(i18n::journal_warning(self.lang, &trouble));
            self.refresh();
            changed = true;
        }
        if std::mem::take(&mut self.keep_digest)
            && self.pending.is_empty()
            && self.progress.events.len() >= folded::KEEP_AFTER
            && let (Some(marks), Some(snapshot)) = (&self.marks, FoldedSnapshot::of(&self.store))
        {
            // Not kept is only slower next time.
            let _ = snapshot.save(&self.plan, marks, &Digest::of(&self.plan, &self.progress));
        }
        changed
    }

    /// Takes in the events read since the first frame, waiting for them if need be (or reading
    /// them now, if no read was started); whether there were any to take in.
    pub fn take_loaded(&mut self) -> bool {
        if !std::mem::take(&mut self.loading) {
            return false;
        }
        self.on_read = None;
        match self.reading.take().and_then(|r| r.join().ok()) {
            Some(back) => self.take_read(back),
            None => self.reload(),
        }
        true
    }

    /// The dashboard before its journal is read.
    fn unread(ctx: Context) -> Self {
        let Context {
            lang,
            plan,
            store,
            today,
            until,
            ambiguous_wide,
        } = ctx;
        let tree = TreeState::new(&plan);
        let tell_unshared = crate::folder::first_unshared_save(&store);
        // Replaced by a fold or the folded snapshot before the first frame.
        let progress = progress::Progress::unfolded(&plan, today);
        Self {
            plan,
            lang,
            today,
            until,
            store,
            pending: Vec::new(),
            progress,
            read_warnings: Vec::new(),
            warnings: Vec::new(),
            save_error: None,
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
            fingerprint: Vec::new(),
            marks: None,
            loading: false,
            reading: None,
            on_read: None,
            keep_digest: false,
            later: None,
            #[cfg(test)]
            whole_reads: 0,
        }
    }

    /// The selected plan node.
    pub fn selected(&self) -> Option<usize> {
        self.tree.selected()
    }

    /// Whether an event is still waiting to be written.
    pub fn is_pending(&self, event: &Event) -> bool {
        self.pending.iter().any(|p| p.id == event.id)
    }

    /// Handles one action. While the events are still being read, an action that needs more
    /// than the state shown waits for them.
    pub fn update(&mut self, action: Action) {
        if self.loading && !action.only_looks() {
            self.take_loaded();
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
                    if self.plan.nodes()[n].level != Level::Task {
                        // One key never changes a dozen tasks: that is `s`, which asks.
                        let tasks = self.plan.tasks_under(n).len();
                        self.notice =
                            Some(Notice::Info(i18n::space_on_tasks_only(self.lang, tasks)));
                        return;
                    }
                    let next = self.progress.nodes[n].status.next();
                    // Leaving 已完成 goes back to the percent the task had before it.
                    let percent = (self.progress.nodes[n].status == Status::Done)
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
                let current = self
                    .selected()
                    .map_or(Status::NotStarted, |n| self.progress.nodes[n].status);
                let cursor = Status::ALL.iter().position(|&s| s == current).unwrap_or(0);
                self.mode = Mode::StatusPicker { cursor };
            }
            Action::PercentUp => self.step_percent(10),
            Action::PercentDown => self.step_percent(-10),
            Action::OpenPercent => {
                // On an item or area the box starts empty: its rolled-up percent is no task's.
                let p = self
                    .selected()
                    .filter(|&n| self.plan.nodes()[n].level == Level::Task)
                    .map(|n| format!("{}", self.progress.nodes[n].percent.round()));
                self.open_field(FieldKind::Percent, &p.unwrap_or_default());
            }
            Action::AddNote => self.open_field(FieldKind::Note, ""),
            Action::EditOwner => {
                let o = self
                    .selected()
                    .and_then(|n| self.progress.nodes[n].owner.clone());
                self.open_field(FieldKind::Owner, &o.unwrap_or_default());
            }
            Action::EditDue => {
                let d = self
                    .selected()
                    .map(|n| self.progress.nodes[n].due.to_string());
                self.open_field(FieldKind::Due, &d.unwrap_or_default());
            }
            Action::Undo => {
                let r = edit::undo(&self.plan, &self.progress, self.store.user());
                self.commit_told(r, i18n::undone_words(self.lang));
            }
            Action::Redo => {
                let r = edit::redo(&self.progress, self.store.user());
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
            let none = self.lang.pick("没有提示", "no warnings");
            self.notice = Some(Notice::Info(none.to_string()));
            self.mode = Mode::back_to(back);
        } else {
            self.mode = Mode::Warnings { back };
        }
    }

    /// Quits, asking first while a change is still unsaved: quitting would drop it.
    fn request_quit(&mut self) {
        if self.pending.is_empty() {
            self.quit = true;
        } else {
            self.mode = Mode::Confirm(Confirm::Quit);
        }
    }

    /// Applies a change to the selected node, asking first when it reaches several tasks.
    pub(super) fn request_set(&mut self, request: SetRequest) {
        let Some(node) = self.selected() else { return };
        let tasks = self.plan.tasks_under(node).len();
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
        let id = self.plan.nodes()[node].id.clone();
        let r = edit::set(&self.plan, &id, request, self.store.user()).and_then(|mut events| {
            edit::leave_out_unchanged(&self.plan, &self.progress, &mut events).map(|()| events)
        });
        self.commit_result(r);
    }

    fn step_percent(&mut self, delta: i32) {
        let Some(n) = self.selected() else { return };
        if self.plan.nodes()[n].level != Level::Task {
            self.notice = Some(Notice::Error(
                self.lang
                    .pick(
                        "+/- 只调整一项任务；给其下全部任务设完成率请按 %",
                        "+/- steps one task; press % to set the percent of every task under it",
                    )
                    .to_string(),
            ));
            return;
        }
        let now = self.progress.nodes[n].percent as i32;
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
            Err(_) if self.store.user().is_empty() => {
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
        if self.until.is_some() {
            Some(Notice::Info(i18n::looking_back(self.lang).to_string()))
        } else if self.replay.is_some() && matches!(self.mode, Mode::Meeting { .. }) {
            Some(Notice::Info(i18n::replaying_refuses(self.lang).to_string()))
        } else if self.store.user().is_empty() {
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
    pub(super) fn commit(&mut self, mut events: Vec<Event>) {
        if let Some(why) = self.why_unchangeable() {
            return self.refuse(why);
        }
        self.draft = None;
        edit::mark_seen(&self.plan, &self.progress, &mut events);
        self.pending.extend(events.iter().cloned());
        self.flush();
        if self.save_error.is_none() {
            self.notice = Some(Notice::Info(self.saved()));
        }
        // New events are stamped after all that was seen, so they almost always only need
        // applying to their tasks.
        self.take_in(events);
    }

    /// Applies new events to their tasks when they come after everything folded so far;
    /// otherwise folds everything anew.
    fn take_in(&mut self, events: Vec<Event>) {
        match self.progress.extend(&self.plan, events) {
            Ok(()) => self.refresh(),
            Err(events) => {
                let all = std::mem::take(&mut self.progress.events);
                self.refold(journal::merge(all.iter().chain(events)).into());
            }
        }
    }

    /// Tries to write the unsaved changes.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        match self.store.append(&self.pending) {
            Ok(before) => {
                self.pending.clear(); // already shown: they are in `progress.events`
                self.save_error = None;
                self.note_own_write(before);
            }
            Err(e) => self.save_error = Some(i18n::journal_error(self.lang, &e)),
        }
    }

    /// Folds `events` (the merged journal and unsaved changes) and refreshes what depends on it.
    fn refold(&mut self, events: Events) {
        // What was folded before is not needed for the fold anew: let it go first (at a
        // city's size it is tens of megabytes).
        self.progress = Progress::unfolded(&self.plan, self.today);
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: malloc_trim only hands free memory back to the system.
        unsafe {
            libc::malloc_trim(0);
        }
        self.progress = progress::fold_until(&self.plan, events, self.today, self.until);
        self.refresh();
    }

    /// Refreshes what depends on the folded state: the tree, search matches, the meeting view
    /// and the warnings.
    fn refresh(&mut self) {
        // Without a filter the rows depend on the plan and what is expanded alone, not on the
        // state: a change need not walk a plan of 100,000 rows again.
        if self.filter.is_some() || self.tree.visible.is_empty() {
            let keep = self.selected();
            self.tree
                .rebuild(&self.plan, &self.progress, self.filter.as_ref(), keep);
        }
        if let Some(q) = self.search.clone() {
            self.matches = self.find(&q);
        }
        if self.meeting.is_some() {
            self.replay = None;
            self.meeting = Some(MeetingReport::new(&self.plan, &self.progress, self.lang));
        }
        self.warnings = i18n::misplaced_warning(self.lang, &self.progress.misplaced_ids())
            .into_iter()
            .chain(self.read_warnings.iter().cloned())
            .chain(i18n::progress_warnings(
                self.lang,
                &self.progress.orphan_ids(),
            ))
            .collect();
    }

    /// Updates the fingerprint for this writer's own file only, so that the next tick does not
    /// re-read our own change, yet still notices what other writers appended meanwhile. When the
    /// file was not as last read (`before` differs: another process of the same officer wrote to
    /// it), the fingerprint is left stale so the next tick reads everything again.
    fn note_own_write(&mut self, before: u64) {
        let own = self.store.own_file();
        let seen = self
            .fingerprint
            .iter()
            .find(|(p, _, _)| *p == own)
            .map_or(0, |(_, len, _)| *len);
        if seen != before {
            return;
        }
        let fresh = journal::fingerprint(self.store.folder());
        let mine = fresh.into_iter().find(|(p, _, _)| *p == own);
        self.fingerprint.retain(|(p, _, _)| *p != own);
        self.fingerprint.extend(mine);
        self.fingerprint.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// Reads the journal from disk.
    fn reload(&mut self) {
        self.reload_seen(journal::fingerprint(self.store.folder()));
    }

    /// Reads the journal from disk, whose files were last seen as `fingerprint`.
    fn reload_seen(&mut self, fingerprint: Fingerprint) {
        self.fingerprint = fingerprint;
        if self.read_appended() {
            return;
        }
        self.marks = None;
        let read = self.store.read();
        self.take_read(read);
    }

    /// Shows what a whole read of the folder gave, with the changes not written yet.
    fn take_read(&mut self, read: Result<ReadBack, JournalError>) {
        #[cfg(test)]
        {
            self.whole_reads += 1;
        }
        let on_disk = match read {
            Ok(mut back) => {
                self.marks = back.marks.take();
                self.later = back.later.take();
                self.read_warnings = back
                    .warnings
                    .iter()
                    .map(|w| i18n::journal_warning(self.lang, w))
                    .collect();
                back.events
            }
            Err(e) => {
                // Keep showing what was read before rather than an empty plan.
                self.read_warnings = vec![i18n::journal_error(self.lang, &e)];
                std::mem::take(&mut self.progress.events)
            }
        };
        let all = if self.pending.is_empty() {
            on_disk
        } else {
            journal::merge(on_disk.iter().chain(self.pending.iter().cloned())).into()
        };
        self.refold(all);
    }

    /// Takes in what was appended to the folder since the last clean read, without reading it
    /// whole; whether that could be done. The writer's own changes read back are there
    /// already; a new line that reuses the id of an event read before with other content is
    /// for a whole read to settle, as is anything [`Store::read_appended`] cannot vouch for.
    fn read_appended(&mut self) -> bool {
        let Some(marks) = self.marks.as_ref().filter(|_| self.until.is_none()) else {
            return false;
        };
        let Ok(Some(back)) = self.store.read_appended(marks) else {
            return false;
        };
        // One pass over the events held, comparing ids with the few new ones (no hashing).
        let appended: Vec<Event> = back.events.iter().collect();
        let mut new_ids: Vec<(Uuid, usize)> = appended
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        new_ids.sort_unstable();
        let mut known = vec![false; appended.len()];
        if !new_ids.is_empty() {
            let held = &self.progress.events;
            for (j, id) in held.ids().enumerate() {
                if let Ok(k) = new_ids.binary_search_by_key(&id, |&(id, _)| id) {
                    let i = new_ids[k].1;
                    if appended[i] != held.event(j) {
                        return false;
                    }
                    known[i] = true;
                }
            }
        }
        self.marks = back.marks;
        let new: Vec<Event> = appended
            .into_iter()
            .zip(known)
            .filter_map(|(e, known)| (!known).then_some(e))
            .collect();
        if !new.is_empty() {
            self.take_in(new);
        }
        true
    }

    /// "已保存到 李强.jsonl": that the change is written, and where; the first, when no data
    /// folder was chosen, also that it stays on this computer.
    fn saved(&mut self) -> String {
        let own = self.store.own_file();
        let file = own
            .file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default();
        if std::mem::take(&mut self.tell_unshared) {
            return i18n::saved_unshared_notice(self.lang, &file);
        }
        match self.lang {
            Lang::Zh => format!("已保存到 {file}"),
            Lang::En => format!("saved to {file}"),
        }
    }

    /// What waits until the frame showing a change is drawn: this computer's copy of the
    /// journal takes in the changes saved since (no system call when there are none).
    pub fn after_frame(&mut self) {
        self.store.settle();
    }

    /// Retries unsaved changes and re-reads the journal when the folder changed; whether the
    /// screen may have changed. While the events are still being read after the first frame it
    /// does nothing and waits for nothing: the end of that read looks at the folder again.
    pub fn tick(&mut self) -> bool {
        if self.reading.as_ref().is_some_and(|r| !r.is_finished()) {
            return false;
        }
        let mut changed = self.loading && self.take_loaded();
        if !self.pending.is_empty() {
            changed = true;
            self.flush();
            if self.pending.is_empty() {
                self.notice = Some(Notice::Info(self.saved()));
            }
        }
        // One look at each file: the same look serves the comparison and the re-read.
        let fresh = journal::fingerprint(self.store.folder());
        if fresh != self.fingerprint {
            changed = true;
            self.reload_seen(fresh);
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
