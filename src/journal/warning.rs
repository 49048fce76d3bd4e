//! What reading a journal folder has to tell: skipped lines, refused files, leftovers of sync
//! tools, lost events. The files themselves are left untouched.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::storage::open::NotRegular;

/// Something about a journal file worth telling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalWarning {
    pub file: PathBuf,
    /// The line it is about (the first of them when `count` > 1); 0 for the whole file.
    pub line: usize,
    pub kind: WarningKind,
    /// How many lines of the file this is true of: a file of a million bad lines is one
    /// warning, not a million.
    pub count: usize,
}

impl JournalWarning {
    /// A warning about one line (`line` > 0) or the whole file (`line` = 0).
    pub fn new(file: PathBuf, line: usize, kind: WarningKind) -> Self {
        Self {
            file,
            line,
            kind,
            count: 1,
        }
    }
}

/// An event kept out of the state (a forged or contested line), with where it stands and why,
/// so that it can still be shown, marked, in the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub event: super::Event,
    pub file: PathBuf,
    pub line: usize,
    pub why: WarningKind,
}

impl Refused {
    /// The warning that says where it stands and why it was kept out.
    pub fn warning(&self) -> JournalWarning {
        JournalWarning::new(self.file.clone(), self.line, self.why.clone())
    }
}

/// How many refused events of one file are kept for the history; the warning counts them all.
pub const REFUSED_LISTED: usize = 100;

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The last line is incomplete (a write was cut short); it is skipped, never rewritten.
    TornTail,
    /// A complete line that is not a valid event; the parser's words.
    BadLine(String),
    /// A line that is not UTF-8.
    NotUtf8,
    /// A line longer than any event (this many bytes): skipped without being read into memory.
    TooLong(u64),
    /// The file could not be read at all.
    Unreadable(String),
    /// A name that looks like a journal but is a link, a folder, a FIFO or a device: not opened.
    NotRegular(NotRegular),
    /// A line whose writer is not the file's: an event's writer is the file it is in, so it is
    /// kept out of the state. What the line claims.
    Forged { claims: String },
    /// An event whose id stands in another file with different content: every copy but the
    /// reader's own is kept out of the state. The other file.
    Contested { other: PathBuf },
    /// An event stamped more than a day after this computer's clock: ordered as if written
    /// just after the line before it in its file (`placed`).
    FromFuture {
        claimed: Timestamp,
        placed: Timestamp,
    },
    /// The line before this one is not the one it was written after: a line of the file was
    /// changed or removed since.
    ChainBroken,
    /// A sync tool's conflicted copy of a journal: merged (duplicates are harmless); it can be
    /// deleted once every writer has synced.
    ConflictCopy,
    /// A journal still being downloaded, or a lock file: skipped until the sync completes.
    Partial,
    /// The file is shorter than when this computer last read it (`was` → `now` bytes): a sync
    /// put an older copy in its place.
    Shrank { was: u64, now: u64 },
    /// The file's beginning is no longer what this computer read: it was replaced.
    Replaced,
    /// The file this computer read before is gone.
    Vanished,
    /// This many events read before from this file are missing from the folder; they are
    /// shown from this computer's copy.
    KeptLocally(usize),
    /// This many of the writer's own events are missing from its file; they are shown from
    /// this computer's copy and written back with the writer's next change.
    OwnMissing(usize),
    /// The local copy of seen events could not be kept; the reason.
    LocalCopy(String),
}

impl WarningKind {
    /// How urgent this is, most urgent first: events missing, then forgeries and damage, then
    /// notes.
    pub fn rank(&self) -> u8 {
        match self {
            WarningKind::KeptLocally(_) | WarningKind::OwnMissing(_) => 0,
            WarningKind::Forged { .. }
            | WarningKind::Contested { .. }
            | WarningKind::FromFuture { .. }
            | WarningKind::ChainBroken
            | WarningKind::NotRegular(_) => 1,
            WarningKind::Shrank { .. } | WarningKind::Replaced | WarningKind::Vanished => 2,
            WarningKind::LocalCopy(_) | WarningKind::Unreadable(_) => 3,
            WarningKind::TornTail
            | WarningKind::BadLine(_)
            | WarningKind::NotUtf8
            | WarningKind::TooLong(_) => 4,
            WarningKind::Partial | WarningKind::ConflictCopy => 5,
        }
    }

    /// Whether what it reports may have taken an event out of the folder's reading (a damaged,
    /// forged or unread line), so that the local copy is searched for it.
    pub fn may_hide_events(&self) -> bool {
        matches!(
            self,
            WarningKind::BadLine(_)
                | WarningKind::NotUtf8
                | WarningKind::TooLong(_)
                | WarningKind::Unreadable(_)
                | WarningKind::NotRegular(_)
                | WarningKind::Forged { .. }
                | WarningKind::ChainBroken
        )
    }

    /// Whether two warnings are of one sort, so that one file's many are told as one.
    fn same_sort(&self, other: &WarningKind) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Adds `w` to one file's `warnings`, folded: the first warning of each sort stays, counting
/// the rest, so a file of a million bad lines costs one warning.
pub fn add(warnings: &mut Vec<JournalWarning>, w: JournalWarning) {
    match warnings
        .iter_mut()
        .find(|f| f.file == w.file && f.kind.same_sort(&w.kind))
    {
        Some(first) => first.count += w.count,
        None => warnings.push(w),
    }
}
