//! The journal: events that record every change, and their merge.
//!
//! Each event is one JSON line. A writer appends only to its own file; readers merge every file of
//! the plan's folder: the union of events by id, replayed in (time, id) order.

mod chain;
mod checked;
mod error;
mod events;
mod leftover;
mod lines;
mod marks;
mod names;
mod parse;
mod read;
mod room;
mod seen;
mod snapshot;
mod stamp;
mod store;
mod warning;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::status::Status;

pub use error::{DATA_DIR_GONE, JournalError};
pub use events::{Events, Iter};
pub use leftover::{FileKind, classify, writer_of};
pub use lines::MAX_LINE;
pub use names::file_stem_for;
pub use read::{Later, Marks, ReadBack, fingerprint};
pub use room::{NOTE_ROOM, json_len, note_room};
pub use store::Store;
pub use warning::{JournalWarning, Refused, WarningKind};

/// One recorded event: who did what, when. On disk it is one JSON line such as
/// `{"id":…,"at":…,"user":…,"change":{…}}` (or `"meeting":{…}` instead of `"change"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Line", into = "Line")]
pub struct Event {
    /// A UUID v7: unique across writers and ordered by creation time.
    pub id: Uuid,
    /// When it happened (UTC).
    pub at: Timestamp,
    /// Who did it.
    pub user: CompactString,
    /// What happened.
    pub body: Body,
}

/// The shape of a journal line; plain fields parse several times faster than a flattened enum.
#[derive(Serialize, Deserialize)]
struct Line {
    id: Uuid,
    #[serde(deserialize_with = "stamp::deserialize")]
    at: Timestamp,
    user: CompactString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change: Option<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meeting: Option<Meeting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    moved: Option<Moved>,
}

impl TryFrom<Line> for Event {
    type Error = &'static str;

    fn try_from(l: Line) -> Result<Self, Self::Error> {
        let body = match (l.change, l.meeting, l.moved) {
            (Some(c), None, None) => Body::Change(c),
            (None, Some(m), None) => Body::Meeting(m),
            (None, None, Some(m)) => Body::Moved(m),
            _ => return Err("expected exactly one of `change`, `meeting` or `moved`"),
        };
        Ok(Event {
            id: l.id,
            at: l.at,
            user: l.user,
            body,
        })
    }
}

impl From<Event> for Line {
    fn from(e: Event) -> Self {
        let (change, meeting, moved) = match e.body {
            Body::Change(c) => (Some(c), None, None),
            Body::Meeting(m) => (None, Some(m), None),
            Body::Moved(m) => (None, None, Some(m)),
        };
        Line {
            id: e.id,
            at: e.at,
            user: e.user,
            change,
            meeting,
            moved,
        }
    }
}

/// What an event records.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A change to one task's fields.
    Change(Change),
    /// A meeting checkpoint.
    Meeting(Meeting),
    /// Tasks of an earlier plan confirmed to be tasks of the plan now in use
    /// (`workplan plan migrate`): their history follows.
    Moved(Moved),
}

/// A change to one task; absent fields are left as they were.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The id of the task in the plan.
    pub node: CompactString,
    /// The task's stable key (see [`crate::plan::keys`]): the history follows it when tasks are
    /// renumbered. Changes written before keys existed have none and follow the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
    /// A dated progress note (进展情况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The responsible department (责任部门); empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<CompactString>,
    /// The due date (完成时限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Events written together by one command share a batch id, so they are undone together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<Uuid>,
    /// Set on an undo: the event whose effect this one reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<Uuid>,
    /// Set on a redo: the undo event whose effect this one reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redoes: Option<Uuid>,
    /// The last event on this task that the writer had seen: changes since then by others
    /// were made without knowing of this one, and conflict with it if they set the same field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Uuid>,
    /// The first characters of the task's text when the change was made, so that an id later
    /// reused for a different task can be told apart from a reworded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<CompactString>,
}

/// Where tasks of an earlier plan are in the plan now in use: changes recorded with key `from`
/// (or, written before keys existed, with id `id` and no key) belong to the task keyed `to`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    pub tasks: Vec<Move>,
}

/// One task's move; see [`Moved`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The task's key in the earlier plan.
    pub from: String,
    /// The task's id in the earlier plan.
    pub id: String,
    /// The task's key in the plan now in use.
    pub to: String,
}

/// A meeting checkpoint: "what changed since the last meeting" counts from here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Event {
    /// An event that holds nothing (and no memory of its own): a place to put a real one in.
    pub(crate) fn placeholder() -> Self {
        Self {
            id: Uuid::nil(),
            at: Timestamp::UNIX_EPOCH,
            user: CompactString::const_new(""),
            body: Body::Meeting(Meeting { title: None }),
        }
    }

    /// A new event stamped now with a fresh v7 id.
    pub fn new(user: &str, body: Body) -> Self {
        Self {
            id: Uuid::now_v7(),
            at: crate::clock::now(),
            user: user.into(),
            body,
        }
    }

    /// The change this event records, if it is one.
    pub fn change(&self) -> Option<&Change> {
        match &self.body {
            Body::Change(c) => Some(c),
            Body::Meeting(_) | Body::Moved(_) => None,
        }
    }

    /// The id of the group this event belongs to (its batch, else itself).
    pub fn group(&self) -> Uuid {
        self.change().and_then(|c| c.batch).unwrap_or(self.id)
    }
}

/// How many characters of a task's text a change records in `about`.
pub const ABOUT_CHARS: usize = 12;

/// The start of a task's text, as recorded with each change to it.
pub fn about(text: &str) -> CompactString {
    text.chars().take(ABOUT_CHARS).collect()
}

/// Whether `text` is plausibly the task a change recorded as `about`: unchanged or reworded
/// (at least half of the recorded characters still occur), rather than a different task.
pub fn same_task(about: &str, text: &str) -> bool {
    if text.starts_with(about) {
        return true;
    }
    let total = about.chars().count();
    let kept = about.chars().filter(|c| text.contains(*c)).count();
    kept * 2 >= total
}

/// Merges events from any number of files: union by id, ordered by (time, id).
///
/// The same events in any order, or the same file read twice, give the same result.
pub fn merge(events: impl IntoIterator<Item = Event>) -> Vec<Event> {
    merge_runs(vec![events.into_iter().collect()])
}

/// Merges the events of several files, one run per file: union by id, ordered by (time, id).
/// Of two events with one id, the earlier is kept (at the same time, the one in the earlier run).
pub fn merge_runs(runs: Vec<Vec<Event>>) -> Vec<Event> {
    let mut events = concat_sorted(runs);
    let mut seen = foldhash::HashSet::with_capacity_and_hasher(events.len(), Default::default());
    events.retain(|e| seen.insert(e.id));
    events
}

/// The events of several runs in one list ordered by (time, id), equal keys in run order;
/// duplicates are left as they are.
fn concat_sorted(runs: Vec<Vec<Event>>) -> Vec<Event> {
    let total: usize = runs.iter().map(Vec::len).sum();
    let mut runs = runs.into_iter();
    // Fresh memory is costly at this size: grow the first run in place and sort in place.
    let mut events = runs.next().unwrap_or_default();
    events.reserve(total - events.len());
    for mut run in runs {
        events.append(&mut run);
    }
    if !events.is_sorted_by_key(|e| (e.at, e.id)) {
        sort_in_place(&mut events);
    }
    events
}

/// Sorts events by (time, id), equal keys keeping their order. Events are large, so their small
/// integer keys are sorted (the stable sort merges the files' runs cheaply) and then each event
/// is swapped into place. A key is 32 bytes (seconds, nanoseconds, id, place): at a million
/// events they sit beside the events at the read's peak of memory.
fn sort_in_place(events: &mut [Event]) {
    if u32::try_from(events.len()).is_err() {
        events.sort_by_key(|e| (e.at, e.id));
        return;
    }
    let mut keys: Vec<(i64, i32, u128, u32)> = events
        .iter()
        .zip(0u32..)
        .map(|(e, i)| {
            (
                e.at.as_second(),
                e.at.subsec_nanosecond(),
                e.id.as_u128(),
                i,
            )
        })
        .collect();
    keys.sort();
    for i in 0..keys.len() {
        // Where the event for place `i` is now: earlier places' swaps may have moved it on.
        let mut from = keys[i].3 as usize;
        while from < i {
            from = keys[from].3 as usize;
        }
        keys[i].3 = from as u32;
        events.swap(i, from);
    }
}

#[cfg(test)]
mod tests;
