//! The meeting view: paging through the overview and the areas, and recording checkpoints.

use std::cell::Cell;

use super::{App, Field, FieldKind, Mode, Notice};
use crate::action::Action;
use crate::edit;
use crate::i18n;
use crate::journal::Body;
use crate::progress::{self, Progress};
use crate::report::meeting::MeetingReport;

/// The two lists of the meeting view that scroll: the red and yellow tasks, and the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MeetingList {
    #[default]
    Flags,
    Changes,
}

/// How far each list of the meeting view is scrolled, in entries (a task, a folded line, a
/// heading, a change), and which one the keys scroll. The drawing keeps how far each can go at
/// the size drawn, so that a key never scrolls past the end.
#[derive(Debug, Default)]
pub struct MeetingScroll {
    /// The list the keys scroll (Tab switches).
    pub focus: MeetingList,
    /// The first entry shown of the red and yellow list and of the changes.
    pub first: [usize; 2],
    /// The most each list can be scrolled, as last drawn.
    pub most: [Cell<usize>; 2],
    /// How many entries each list showed, as last drawn: a page.
    pub shown: [Cell<usize>; 2],
}

impl MeetingScroll {
    /// The index of a list in the arrays.
    pub fn slot(list: MeetingList) -> usize {
        match list {
            MeetingList::Flags => 0,
            MeetingList::Changes => 1,
        }
    }

    /// Both lists back at their start, the focus kept.
    fn reset(&mut self) {
        self.first = [0; 2];
    }

    /// Scrolls the list with the focus; whether the action was a scroll.
    fn scroll(&mut self, action: &Action) -> bool {
        let k = Self::slot(self.focus);
        let (first, most) = (self.first[k], self.most[k].get());
        let page = self.shown[k].get().max(1);
        self.first[k] = match action {
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    MeetingList::Flags => MeetingList::Changes,
                    MeetingList::Changes => MeetingList::Flags,
                };
                return true;
            }
            Action::Up => first.saturating_sub(1),
            Action::Down => first + 1,
            Action::PageUp => first.saturating_sub(page),
            Action::PageDown => first + page,
            Action::Home => 0,
            Action::End => most,
            _ => return false,
        }
        .min(most);
        true
    }
}

impl App {
    /// Opens the meeting view on its overview page.
    pub(super) fn open_meeting(&mut self) {
        self.replay = None;
        self.meeting = Some(MeetingReport::new(
            &self.session.plan,
            &self.session.progress,
            self.lang,
        ));
        self.meeting_scroll.reset();
        self.mode = Mode::Meeting { page: 0 };
    }

    /// The number of pages: the overview and one per area.
    pub fn meeting_pages(&self) -> usize {
        1 + self.meeting.as_ref().map_or(0, |m| m.areas.len())
    }

    pub(super) fn meeting(&mut self, action: super::Action, page: usize) {
        let pages = self.meeting_pages();
        if self.meeting_scroll.scroll(&action) {
            self.mode = Mode::Meeting { page };
            return;
        }
        // Whatever else changes what the lists hold starts them at the top again.
        if matches!(
            action,
            Action::NextPage
                | Action::PrevPage
                | Action::JumpArea(_)
                | Action::GroupByOwner
                | Action::EarlierCheckpoint
                | Action::LaterCheckpoint
                | Action::Cancel
                | Action::OpenMeeting
        ) {
            self.meeting_scroll.reset();
        }
        match action {
            Action::NextPage => {
                self.mode = Mode::Meeting {
                    page: (page + 1) % pages,
                }
            }
            Action::PrevPage => {
                self.mode = Mode::Meeting {
                    page: (page + pages - 1) % pages,
                }
            }
            Action::JumpArea(n) => {
                self.mode = Mode::Meeting {
                    page: n.min(pages - 1),
                }
            }
            Action::Checkpoint => self.ask_checkpoint(Some(page)),
            Action::GroupByOwner => {
                self.by_owner = !self.by_owner;
                self.mode = Mode::Meeting { page };
            }
            Action::EarlierCheckpoint => self.step_replay(page, -1),
            Action::LaterCheckpoint => self.step_replay(page, 1),
            Action::Cancel | Action::OpenMeeting => {
                self.meeting = None;
                self.replay = None;
            }
            Action::Help => self.mode = Mode::Help { back: Some(page) },
            Action::ShowWarnings => self.show_warnings(Some(page)),
            Action::OpenExport => {
                self.mode = Mode::ExportPicker {
                    cursor: 0,
                    back: Some(page),
                }
            }
            _ => self.mode = Mode::Meeting { page },
        }
    }

    /// The plan the meeting view shows: as it stood at a replayed checkpoint, else today's.
    pub fn shown_progress(&self) -> &Progress {
        self.replay
            .as_ref()
            .map_or(&self.session.progress, |(_, p)| p)
    }

    /// Steps the meeting view to the checkpoint before (`-1`) or after (`1`) the one shown,
    /// showing the plan as it stood at that meeting; past the last one, today's plan again.
    fn step_replay(&mut self, page: usize, step: isize) {
        let meetings = &self.session.progress.meetings;
        let current = self.replay.as_ref().map_or(meetings.len(), |(k, _)| *k);
        let next = current
            .checked_add_signed(step)
            .filter(|&k| k <= meetings.len());
        self.mode = Mode::Meeting { page };
        let Some(next) = next else { return };
        if next == meetings.len() {
            self.replay = None;
            self.meeting = Some(MeetingReport::new(
                &self.session.plan,
                &self.session.progress,
                self.lang,
            ));
            return;
        }
        // The meeting as it was held: what came before it, and what it reviewed since the
        // meeting before.
        let index = meetings[next];
        let event = self.session.progress.events.event(index);
        let tz = crate::clock::zone();
        let day = event.at.to_zoned_datetime(tz).date();
        let title = match &event.body {
            Body::Meeting(m) => m.title.clone(),
            Body::Change(_) | Body::Moved(_) => None,
        };
        let at = crate::report::local_time(event.at);
        let mut then = progress::fold(
            &self.session.plan,
            self.session.progress.events.prefix(index),
            day,
        );
        // What came after the checkpoint is left out; the checkpoint itself is no record left
        // out, as `--today` of its day counts it among those kept.
        then.hidden = self.session.progress.events.len() - (index + 1);
        let mut report = MeetingReport::new(&self.session.plan, &then, self.lang);
        report.replaying = Some(i18n::replaying(
            self.lang,
            title.as_deref(),
            &at,
            then.hidden,
        ));
        self.meeting = Some(report);
        self.replay = Some((next, then));
    }

    /// Asks for the title of a checkpoint, offering this month's meeting ("9月例会"); `page` is
    /// the meeting view page to go back to.
    pub(super) fn ask_checkpoint(&mut self, page: Option<usize>) {
        let mut field = Field::new(
            FieldKind::CheckpointTitle,
            &i18n::monthly_meeting(self.lang, self.session.today.month()),
        );
        field.back = page;
        // Recording empties the list of changes since the last meeting: say so first.
        let changed = match &self.meeting {
            Some(report) if self.replay.is_none() => report.changes.len(),
            _ => MeetingReport::new(&self.session.plan, &self.session.progress, self.lang)
                .changes
                .len(),
        };
        field.about = Some(i18n::checkpoint_resets(self.lang, changed));
        self.mode = Mode::Field(Box::new(field));
    }

    /// Records a meeting checkpoint, then returns to the meeting view page it came from.
    pub(super) fn checkpoint(&mut self, page: Option<usize>, title: Option<String>) {
        let event = edit::meeting(self.session.store.user(), title);
        self.commit(vec![event]);
        if self.session.save_error.is_none() {
            self.notice = Some(Notice::Info(
                i18n::checkpoint_recorded(self.lang).to_string(),
            ));
        }
        if let Some(page) = page {
            self.mode = Mode::Meeting { page };
        }
    }
}
