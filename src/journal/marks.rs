//! Where each journal file was read to: plain data that the reader, the snapshot and the
//! checked-files list all keep, apart from the code that makes it.

use std::fs::Metadata;
use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How long after a file's last write its times can tell a later write apart: longer than the
/// coarsest step of any file system's clock (FAT's two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// How far one file was read, and where its parser stood there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The file's name in the folder.
    pub name: String,
    /// The bytes read: up to and including the last line break.
    pub len: u64,
    /// A CRC-32 of those bytes: a file that still starts with them has only grown.
    pub sum: u32,
    /// What the system said of the file just after it was read, when its last write was old
    /// enough for a later one to change it: the same again means the file was not touched.
    pub stamp: Option<Stamp>,
    pub resume: Resume,
}

/// Where a file's parser stands after a complete line: enough to parse what is appended later
/// exactly as a read of the whole file would.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// How many lines were read.
    pub lines: usize,
    /// The checksum of the last line, as the next line should name it.
    pub prev: Option<u32>,
    /// The time of the last trusted event, in nanoseconds since 1970.
    pub last_trusted: Option<i128>,
}

/// What the system keeps of a file that every write to it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    /// The modification time, in nanoseconds since 1970.
    modified: i128,
    /// The status-change time, where the system keeps one (Unix): no program can set it.
    changed: Option<i128>,
}

impl Stamp {
    /// The stamp of a file as `meta` says.
    pub fn of(meta: &Metadata) -> Option<Self> {
        let modified = nanos(meta.modified().ok()?)?;
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            Some(i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let changed = None;
        Some(Self {
            len: meta.len(),
            modified,
            changed,
        })
    }

    /// The stamp of a file `len` bytes long as `meta` says, if it was last written at least
    /// [`SETTLED`] before `began`: a write after that moment changes a time the stamp holds.
    pub fn settled(meta: &Metadata, len: u64, began: SystemTime) -> Option<Self> {
        let stamp = Self::of(meta)?;
        let last = stamp.modified.max(stamp.changed.unwrap_or(i128::MIN));
        let settled = nanos(began.checked_sub(SETTLED)?)?;
        (stamp.len == len && last <= settled).then_some(stamp)
    }
}

/// `t` in nanoseconds since 1970.
fn nanos(t: SystemTime) -> Option<i128> {
    Some(Timestamp::try_from(t).ok()?.as_nanosecond())
}

/// A file found to start with a mark's bytes, and its stamp then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub name: String,
    /// The mark's length and checksum.
    pub len: u64,
    pub sum: u32,
    pub stamp: Stamp,
}
