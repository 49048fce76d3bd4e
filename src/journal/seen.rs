//! This computer's copy of every journal line it has read from a folder, so that a shared file
//! replaced by an older copy (a late sync, a restored backup) never loses an event already seen.
//!
//! The copy lives outside the shared folder: an append-only `events.jsonl` of the lines read, and
//! `files.json`, the length of each journal file read so far with a checksum of its last bytes.
//! A file that has only grown is copied from where the last read stopped; a file that shrank,
//! changed or vanished is reported, and the events it lost are taken from the copy.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::leftover::{FileKind, classify};
use super::merge_runs;
use super::read::{JournalWarning, ReadBack, WarningKind, parse_lines};
use super::store::file_stem_for;
use crate::storage::{Disk, Storage};

/// How many bytes before the end of what was read are checked to tell a grown file from a
/// replaced one.
const TAIL: u64 = 256;

/// The index file's name in the copy's folder.
const INDEX: &str = "files.json";
/// The name of the copy of the lines read.
const EVENTS: &str = "events.jsonl";

/// The local copy of one journal folder's events.
#[derive(Debug, Clone)]
pub struct Seen {
    dir: PathBuf,
}

/// What was read of each file.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Index {
    files: BTreeMap<String, Mark>,
    /// Whether the copy holds events that the folder lacks.
    #[serde(default)]
    missing: bool,
}

/// How much of a file was read, and a checksum of its last bytes up to there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Mark {
    len: u64,
    tail: u32,
}

impl Mark {
    /// The mark of `path` read up to `len` bytes.
    fn at(path: &Path, len: u64) -> io::Result<Self> {
        Ok(Mark {
            len,
            tail: tail_sum(path, len)?,
        })
    }
}

impl Seen {
    /// The copy for `folder`, kept under `root` in a folder named after it.
    pub fn new(root: &Path, folder: &Path) -> Self {
        let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        let key = crc32fast::hash(absolute.to_string_lossy().as_bytes());
        let stem = folder
            .file_name()
            .map(|n| file_stem_for(&n.to_string_lossy()))
            .unwrap_or_default();
        Self {
            dir: root.join(format!("{stem}-{key:08x}")),
        }
    }

    /// Brings the copy up to date with what was just read (`lengths`: each file and the length
    /// of its complete lines) and puts back into `back` any event seen before that the folder no
    /// longer has. Trouble with the copy itself is a warning, never a failed read.
    pub fn reconcile(&self, folder: &Path, lengths: &[(PathBuf, u64)], back: &mut ReadBack) {
        if let Err(e) = self.try_reconcile(folder, lengths, back) {
            back.warnings.push(JournalWarning {
                file: self.dir.clone(),
                line: 0,
                kind: WarningKind::LocalCopy(e.to_string()),
            });
        }
    }

    fn try_reconcile(
        &self,
        folder: &Path,
        lengths: &[(PathBuf, u64)],
        back: &mut ReadBack,
    ) -> io::Result<()> {
        let (lock, old) = self.open()?;
        let mut new = Index::default();
        // A damaged line may hide an event that was read before; so may a file that shrank,
        // changed or vanished (below), or a loss found earlier.
        let mut check_copy = old.missing
            || back.warnings.iter().any(|w| {
                matches!(
                    w.kind,
                    WarningKind::BadLine(_) | WarningKind::NotUtf8 | WarningKind::Unreadable(_)
                )
            });
        let mut to_copy = Vec::new();
        let mut notes = Vec::new();
        let mut warn = |file: PathBuf, kind| {
            notes.push(JournalWarning {
                file,
                line: 0,
                kind,
            })
        };
        for (path, len) in lengths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            // Another process may have read (or written) further since this read began: the
            // file has shrunk only if it is shorter now than the copy says.
            let now = fs::metadata(path).map_or(0, |m| m.len());
            let known = match old.files.get(name) {
                None => None,
                Some(m) if now < m.len => {
                    warn(path.clone(), WarningKind::Shrank { was: m.len, now });
                    check_copy = true;
                    None
                }
                Some(m) if tail_sum(path, m.len)? != m.tail => {
                    warn(path.clone(), WarningKind::Replaced);
                    check_copy = true;
                    None
                }
                Some(m) => Some(*m),
            };
            let mark = match known {
                Some(m) if m.len >= *len => m,
                _ => {
                    to_copy.push((path.as_path(), known.map_or(0, |m| m.len), *len));
                    Mark::at(path, *len)?
                }
            };
            new.files.insert(name.to_string(), mark);
        }
        let unread: Vec<&String> = old
            .files
            .keys()
            .filter(|n| !new.files.contains_key(*n))
            .collect();
        for name in unread {
            // A file that appeared after this read listed the folder is not gone. A sync tool's
            // conflicted copy is deleted once read, as its note suggests: its events are
            // checked for, but its going is no news.
            let path = folder.join(name);
            if path.exists() {
                if let Some(m) = old.files.get(name) {
                    new.files.insert(name.clone(), *m);
                }
                continue;
            }
            if classify(&path) != FileKind::ConflictCopy {
                warn(path, WarningKind::Vanished);
            }
            check_copy = true;
        }
        let events_path = self.dir.join(EVENTS);
        if !to_copy.is_empty() {
            append_lines(&events_path, &to_copy)?;
        }
        if check_copy {
            let kept = self.missing_from(&events_path, back)?;
            if kept > 0 {
                warn(folder.to_path_buf(), WarningKind::KeptLocally(kept));
                new.missing = true;
            }
        }
        back.warnings.extend(notes);
        if new != old {
            self.save(&new)?;
        }
        drop(lock);
        Ok(())
    }

    /// Copies what this computer itself just appended to `path` (now `len` bytes long): its own
    /// changes count as seen. A file that does not continue what was read before is left for the
    /// next read to report.
    pub fn record_append(&self, path: &Path, len: u64) -> io::Result<()> {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return Ok(());
        };
        let (_lock, mut index) = self.open()?;
        let from = match index.files.get(name) {
            None => 0,
            Some(m) if m.len <= len && tail_sum(path, m.len)? == m.tail => m.len,
            Some(_) => return Ok(()),
        };
        append_lines(&self.dir.join(EVENTS), &[(path, from, len)])?;
        index.files.insert(name.to_string(), Mark::at(path, len)?);
        self.save(&index)
    }

    /// Replaces the index, whole or not at all.
    fn save(&self, index: &Index) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(index).map_err(io::Error::other)?;
        Disk.write_atomic(&self.dir.join(INDEX), &json)
    }

    /// Takes the copy's lock (held while the returned file lives) and reads its index. A
    /// damaged index only costs the check against the last read: the copy itself stays.
    fn open(&self) -> io::Result<(File, Index)> {
        fs::create_dir_all(&self.dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("lock"))?;
        lock.lock()?;
        let index = match fs::read(self.dir.join(INDEX)) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Index::default(),
            Err(e) => return Err(e),
        };
        Ok((lock, index))
    }

    /// Adds to `back` the events of the copy that it lacks; how many.
    fn missing_from(&self, events_path: &Path, back: &mut ReadBack) -> io::Result<usize> {
        let file = match File::open(events_path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut copy = Vec::new();
        let mut damaged = Vec::new();
        parse_lines(events_path, BufReader::new(file), &mut copy, &mut damaged);
        let present: foldhash::HashSet<uuid::Uuid> = back.events.iter().map(|e| e.id).collect();
        copy.retain(|e| !present.contains(&e.id));
        let kept = merge_runs(vec![copy]);
        let count = kept.len();
        if count > 0 {
            let events = std::mem::take(&mut back.events);
            back.events = merge_runs(vec![events, kept.clone()]);
            back.kept_locally = kept;
        }
        Ok(count)
    }
}

/// A checksum of the `TAIL` bytes before `len` in the file at `path`.
fn tail_sum(path: &Path, len: u64) -> io::Result<u32> {
    let start = len.saturating_sub(TAIL);
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    file.take(len - start).read_to_end(&mut buf)?;
    Ok(crc32fast::hash(&buf))
}

/// Appends the byte ranges `from..to` of each file (whole lines) to the copy, and syncs it.
fn append_lines(copy: &Path, ranges: &[(&Path, u64, u64)]) -> io::Result<()> {
    let mut out = Disk.open_append(copy)?;
    if out.last_byte()?.is_some_and(|b| b != b'\n') {
        out.append(b"\n")?;
    }
    for (path, from, to) in ranges {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(*from))?;
        let mut buf = Vec::new();
        file.take(to.saturating_sub(*from)).read_to_end(&mut buf)?;
        out.append(&buf)?;
    }
    out.sync()
}
