//! Durable, locked appends to the writer's own file and tolerant read-back of the whole folder.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::error::{DATA_DIR_GONE, JournalError, err};
use super::lines::MAX_LINE;
use super::names::file_stem_for;
use super::read::{Marks, ReadBack, read_appended, read_folder_keeping};
use super::seen::Seen;
use super::{Event, chain};
use crate::storage::open::open_lock;
use crate::storage::{AppendFile, Disk, Storage};

/// The journal folder of one plan, and the file this writer appends to.
#[derive(Debug, Clone)]
pub struct Store {
    folder: PathBuf,
    user: String,
    storage: Arc<dyn Storage>,
    seen: Option<Seen>,
    /// The data folder is never made by a write: it is a shared folder that must be there.
    keep_data_dir: bool,
    /// This writer's own events that the last read found missing from its file: the next
    /// append writes them back first. Only a write ever writes to the shared folder.
    restore: Arc<Mutex<Vec<Event>>>,
    /// How long this writer's own file is after appends that the local copy has not taken in
    /// yet (0: none): [`Store::settle`] copies them, after the change is on screen.
    unsettled: Arc<AtomicU64>,
}

/// The last bytes of a journal of `len` bytes, enough to hold its last line whole where a
/// reader would keep it, and whether they are the whole file.
fn last_line_bytes(file: &mut dyn AppendFile, len: u64) -> io::Result<(Vec<u8>, bool)> {
    const SHORT: u64 = 1 << 16;
    let tail = file.tail(SHORT)?;
    if len <= SHORT || chain::last_sum(&tail, false).is_some() {
        return Ok((tail, len <= SHORT));
    }
    let long = MAX_LINE as u64 + 2;
    Ok((file.tail(long)?, len <= long))
}

impl Store {
    /// The store of plan `plan_id` under `data_dir`, writing as `user`.
    pub fn new(data_dir: &Path, plan_id: &str, user: &str) -> Self {
        Self {
            folder: data_dir.join(file_stem_for(plan_id)),
            user: user.to_string(),
            storage: Arc::new(Disk),
            seen: None,
            keep_data_dir: false,
            restore: Arc::default(),
            unsettled: Arc::default(),
        }
    }

    /// The same store, writing through `storage` (tests inject failures this way).
    pub fn with_storage(mut self, storage: Arc<dyn Storage>) -> Self {
        self.storage = storage;
        self
    }

    /// The same store, refusing to write when the data folder is gone (a network drive that
    /// went away) instead of making it anew where no colleague would read it.
    pub fn with_shared_data_dir(mut self) -> Self {
        self.keep_data_dir = true;
        self
    }

    /// The same store, keeping a copy of every event it reads under `cache_root`, so that events
    /// never vanish when a shared file is replaced by an older copy.
    pub fn with_local_copy(mut self, cache_root: &Path) -> Self {
        self.seen = Some(Seen::new(cache_root, &self.folder));
        self
    }

    /// The plan's journal folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The data folder that holds the plan's journal folder.
    pub fn data_dir(&self) -> &Path {
        self.folder.parent().unwrap_or(&self.folder)
    }

    /// The user this store writes as; empty when no user is known, and then nothing is written.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Where this computer keeps its copy of the events read, if it keeps one.
    pub fn local_copy(&self) -> Option<&Path> {
        self.seen.as_ref().map(Seen::dir)
    }

    /// The file this writer appends to.
    pub fn own_file(&self) -> PathBuf {
        self.folder
            .join(format!("{}.jsonl", file_stem_for(&self.user)))
    }

    fn lock_file(&self) -> PathBuf {
        self.folder
            .join(format!("{}.lock", file_stem_for(&self.user)))
    }

    /// Appends events durably: locked against other processes, flushed to disk before returning.
    ///
    /// Either every line is written and synced, or an error is returned; a torn line left by an
    /// earlier crash is closed off with a newline, never glued to the new one. Returns the file's
    /// length just before this append, so a caller can tell whether someone else wrote since.
    /// This computer's copy takes the new lines in at the next [`Store::settle`].
    pub fn append(&self, events: &[Event]) -> Result<u64, JournalError> {
        if events.is_empty() {
            return Ok(0);
        }
        if self.user.trim().is_empty() {
            // Without a name the events would land in a file no one owns.
            let unknown = io::Error::new(io::ErrorKind::PermissionDenied, "no user name");
            return Err(err("write", &self.folder)(unknown));
        }
        let restore = self.restore.lock().map(|r| r.clone()).unwrap_or_default();
        let disk = &self.storage;
        if self.keep_data_dir && !self.data_dir().is_dir() {
            let gone = io::Error::from(io::ErrorKind::NotFound);
            return Err(err(DATA_DIR_GONE, self.data_dir())(gone));
        }
        disk.create_dir_all(&self.folder)
            .map_err(err("create folder", &self.folder))?;
        let lock_path = self.lock_file();
        let lock = open_lock(&lock_path, false).map_err(err("open lock", &lock_path))?;
        lock.lock().map_err(err("lock", &lock_path))?;
        let path = self.own_file();
        let existed = path.exists();
        let mut file = disk.open_append(&path).map_err(err("open", &path))?;
        let before = file.len().map_err(err("read", &path))?;
        let mut buf = Vec::new();
        // A torn line left by an earlier crash is closed off, never glued to the new one.
        let mut prev = match before {
            0 => None,
            _ => {
                let (tail, whole) =
                    last_line_bytes(&mut *file, before).map_err(err("read", &path))?;
                if tail.last().is_some_and(|&b| b != b'\n') {
                    buf.push(b'\n');
                }
                chain::last_sum(&tail, whole)
            }
        };
        for e in restore.iter().chain(events) {
            let start = buf.len();
            chain::encode(e, prev, &mut buf)
                .map_err(|e| err("encode", &self.folder)(io::Error::other(e)))?;
            prev = Some(chain::sum(&buf[start..]));
            buf.push(b'\n');
        }
        if let Err(e) = file
            .append(&buf)
            .map_err(err("write", &path))
            .and_then(|()| file.sync().map_err(err("sync", &path)))
        {
            // Take back whatever part of this append landed: the file is as it was.
            let _ = file.truncate(before);
            return Err(e);
        }
        if !existed {
            disk.sync_dir(&self.folder)
                .map_err(err("sync", &self.folder))?;
        }
        if self.seen.is_some() {
            // Synced: the copy may take these lines in, once the change is on screen.
            self.unsettled
                .fetch_max(before + buf.len() as u64, Ordering::AcqRel);
        }
        drop(lock);
        if !restore.is_empty()
            && let Ok(mut r) = self.restore.lock()
        {
            r.retain(|e| !restore.contains(e));
        }
        Ok(before)
    }

    /// Whether appends wait for [`Store::settle`] to reach this computer's copy.
    pub fn unsettled(&self) -> bool {
        self.unsettled.load(Ordering::Acquire) > 0
    }

    /// Brings this computer's copy up to date with every append since the last settle, in one
    /// write: called once the change is on screen, and before the program ends. Kept off the
    /// path from key to screen, as it is only a safety net: a copy left behind (the process
    /// killed first, the copy's disk failing) is caught up by the next read of the folder.
    pub fn settle(&self) {
        let len = self.unsettled.swap(0, Ordering::AcqRel);
        if let (Some(seen), true) = (&self.seen, len > 0) {
            let _ = seen.record_append(&self.own_file(), len);
        }
    }

    /// Drops from this computer's copy the events it took from the journal file `name` (those
    /// gone from the folder stop being shown); how many. `None` when there is no local copy.
    pub fn forget_local(&self, name: &str) -> Option<io::Result<usize>> {
        self.seen.as_ref().map(|seen| seen.forget(name))
    }

    /// Reads and merges every journal file of the folder. A missing folder is an empty journal.
    /// Reading never writes to the folder: this writer's own events that are missing from its
    /// file but kept in this computer's copy are written back by its next [`Store::append`].
    pub fn read(&self) -> Result<ReadBack, JournalError> {
        self.read_keeping(false)
    }

    /// As [`Store::read`], leaving in [`ReadBack::later`] what it would keep for the next
    /// read: for a start that shows the plan first.
    pub fn read_keeping_later(&self) -> Result<ReadBack, JournalError> {
        self.read_keeping(true)
    }

    fn read_keeping(&self, defer: bool) -> Result<ReadBack, JournalError> {
        let own = self.own_file();
        let mut back = read_folder_keeping(&self.folder, self.seen.as_ref(), Some(&own), defer)?;
        let user = file_stem_for(&self.user).to_lowercase();
        back.own_missing
            .retain(|e| file_stem_for(&e.user).to_lowercase() == user);
        if let Ok(mut r) = self.restore.lock() {
            r.clone_from(&back.own_missing);
        }
        back.warnings.sort_by_key(|w| w.kind.rank());
        Ok(back)
    }

    /// What was appended to the folder since the clean read that left `marks` (see
    /// [`read_appended`]); `None` when only a whole [`Store::read`] can say.
    pub fn read_appended(&self, marks: &Marks) -> Result<Option<ReadBack>, JournalError> {
        read_appended(
            &self.folder,
            marks,
            self.seen.as_ref(),
            Some(&self.own_file()),
        )
    }
}
