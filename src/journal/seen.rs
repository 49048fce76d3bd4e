//! This computer's copy of every journal line it has read from a folder, so that a shared file
//! replaced by an older copy (a late sync, a restored backup) never loses an event already seen.
//!
//! The copy lives outside the shared folder, private to this user: an append-only
//! `events.jsonl` of the lines read, each run of lines headed by the file it came from and how far
//! into that file it reaches, and `files.json`, the length of each journal file read so far with
//! a checksum of its last bytes. A file that has only grown is copied from where the last read
//! stopped; a file that shrank, changed or vanished is reported, and the events it lost are
//! taken from the copy.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::leftover::{FileKind, classify};
use super::lines::Lines;
use super::names::file_stem_for;
use super::parse::{Parsed, Parser};
use super::warning::{JournalWarning, WarningKind};
use super::{Event, Events, merge_runs};
use crate::storage::open::{create_private, create_private_dir, open_append, open_lock, open_read};
use crate::storage::{Disk, Storage};

/// How many bytes before the end of what was read are checked to tell a grown file from a
/// replaced one.
const TAIL: u64 = 256;

/// The index file's name in the copy's folder.
const INDEX: &str = "files.json";
/// The name the next index is written under before it replaces the index.
const INDEX_NEW: &str = "files.json.new";
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

/// What bringing the copy up to date found, for the read to take in.
#[derive(Debug, Default)]
pub struct Found {
    /// Trouble with the copy, files that shrank, changed or vanished, events kept from the copy.
    pub warnings: Vec<JournalWarning>,
    /// Events the folder lost that the copy has (none of them among the events read), in
    /// (time, id) order.
    pub kept: Vec<Event>,
    /// Of those, the reader's own, read from its own file before.
    pub own_missing: Vec<Event>,
    /// The copying left for later, when it was asked to wait.
    pub later: Option<Copying>,
}

/// What a read gave that the copy is checked against.
pub struct Gathered<'a> {
    /// Each file read and the length of its complete lines.
    pub lengths: &'a [(PathBuf, u64)],
    /// The events read, and the ids kept out of the state because files disagree on them.
    pub events: &'a Events,
    pub contested: &'a [Uuid],
    /// Whether a warning of the read may hide events that were read before.
    pub may_hide: bool,
}

/// The copying a read left for later: the lines to copy, the index before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copying {
    old: Index,
    new: Index,
    to_copy: Vec<(PathBuf, u64, u64, u32)>,
}

/// How much of a file was read, and a checksum of its last bytes up to there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Mark {
    len: u64,
    tail: u32,
    /// How many times the file was found replaced: offsets into an earlier one mean nothing.
    #[serde(default)]
    generation: u32,
}

/// The line that heads each run of lines in the copy: which file (and which generation of it)
/// they came from, and the offset in it where the run ends.
#[derive(Debug, Serialize, Deserialize)]
struct From {
    from: String,
    to: u64,
    #[serde(default)]
    generation: u32,
}

impl Mark {
    /// The mark of `path` read up to `len` bytes.
    fn at(path: &Path, len: u64, generation: u32) -> io::Result<Self> {
        Ok(Mark {
            len,
            tail: tail_sum(path, len)?,
            generation,
        })
    }
}

/// What this read found about one file the copy knew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Read again, this far, in this generation.
    Read(u64, u32),
    /// Shorter, replaced or gone: all it held before may be missing.
    Lost,
}

impl Fate {
    /// Whether an event copied from a run of this file ending at `from.to` should be in what
    /// was read: if it is not, it was lost. A run beyond this read was written since.
    fn covers(fate: Option<&Fate>, from: &From) -> bool {
        match fate {
            Some(Fate::Read(len, generation)) => from.generation < *generation || *len >= from.to,
            Some(Fate::Lost) | None => true,
        }
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

    /// The folder that holds this copy.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Brings the copy up to date with what was just `read` and finds any event seen before
    /// that the folder no longer has. Trouble with the copy itself is a warning, never a failed
    /// read. With `defer`, when the read has nothing to learn from the copy (no file shrank,
    /// changed or vanished, nothing was missing), the copying is given back, to be done by
    /// [`Seen::copy_later`]: a first start shows the plan before it copies a city's journal.
    pub fn reconcile(
        &self,
        folder: &Path,
        read: &Gathered,
        own: Option<&Path>,
        defer: bool,
    ) -> Found {
        let mut found = Found::default();
        if let Err(e) = self.try_reconcile(folder, read, own, defer, &mut found) {
            found.warnings.push(self.trouble(&e));
        }
        found
    }

    /// Trouble with the copy itself, as a warning.
    fn trouble(&self, e: &io::Error) -> JournalWarning {
        JournalWarning::new(self.dir.clone(), 0, WarningKind::LocalCopy(e.to_string()))
    }

    /// Does the copying a read left for later, unless the copy or a file it copies from changed
    /// meanwhile (the next read then copies what it finds); trouble is a warning.
    pub fn copy_later(&self, later: Copying) -> Option<JournalWarning> {
        let copy = || {
            let (lock, index) = self.open()?;
            if index != later.old {
                return Ok(());
            }
            for (path, _, len, generation) in &later.to_copy {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if later.new.files.get(name) != Some(&Mark::at(path, *len, *generation)?) {
                    return Ok(());
                }
            }
            let ranges: Vec<(&Path, u64, u64, u32)> = later
                .to_copy
                .iter()
                .map(|(p, from, to, g)| (p.as_path(), *from, *to, *g))
                .collect();
            append_lines(&self.dir.join(EVENTS), &ranges)?;
            self.save(&later.new)?;
            drop(lock);
            Ok(())
        };
        copy().err().map(|e: io::Error| self.trouble(&e))
    }

    fn try_reconcile(
        &self,
        folder: &Path,
        read: &Gathered,
        own: Option<&Path>,
        defer: bool,
        found: &mut Found,
    ) -> io::Result<()> {
        let lengths = read.lengths;
        let (lock, old) = self.open()?;
        let mut new = Index::default();
        // A damaged line may hide an event that was read before; so may a file that shrank,
        // changed or vanished (below), or a loss found earlier.
        let mut check_copy = old.missing || read.may_hide;
        let mut fates: BTreeMap<String, Fate> = BTreeMap::new();
        let mut to_copy = Vec::new();
        let mut notes = Vec::new();
        let mut warn = |file: PathBuf, kind| notes.push(JournalWarning::new(file, 0, kind));
        for (path, len) in lengths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            // Another process may have read (or written) further since this read began: the
            // file has shrunk only if it is shorter now than the copy says.
            let now = std::fs::symlink_metadata(path).map_or(0, |m| m.len());
            let known = match old.files.get(name) {
                None => None,
                Some(m) if now < m.len => {
                    warn(path.clone(), WarningKind::Shrank { was: m.len, now });
                    None
                }
                Some(m) if tail_sum(path, m.len)? != m.tail => {
                    warn(path.clone(), WarningKind::Replaced);
                    None
                }
                Some(m) => Some(*m),
            };
            let lost = old.files.contains_key(name) && known.is_none();
            check_copy |= lost;
            let generation = old
                .files
                .get(name)
                .map_or(0, |m| m.generation + u32::from(lost));
            let fate = if lost {
                Fate::Lost
            } else {
                Fate::Read(*len, generation)
            };
            fates.insert(name.to_string(), fate);
            let mark = match known {
                Some(m) if m.len >= *len => m,
                _ => {
                    let from = known.map_or(0, |m| m.len);
                    to_copy.push((path.as_path(), from, *len, generation));
                    Mark::at(path, *len, generation)?
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
            // checked for, but its going is no news. A name that is now a link or a FIFO was
            // reported as such.
            let path = folder.join(name);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => {
                    if let Some(m) = old.files.get(name) {
                        new.files.insert(name.clone(), *m);
                        // None of it was read: what the copy has of it is not missing.
                        fates.insert(name.clone(), Fate::Read(0, m.generation));
                    }
                    continue;
                }
                Ok(_) => {}
                Err(_) if classify(&path) == FileKind::ConflictCopy => {}
                Err(_) => warn(path, WarningKind::Vanished),
            }
            fates.insert(name.clone(), Fate::Lost);
            check_copy = true;
        }
        if defer && !check_copy && new != old {
            let to_copy = to_copy
                .into_iter()
                .map(|(p, from, to, g)| (p.to_path_buf(), from, to, g))
                .collect();
            found.later = Some(Copying { old, new, to_copy });
            return Ok(());
        }
        let events_path = self.dir.join(EVENTS);
        if !to_copy.is_empty() {
            append_lines(&events_path, &to_copy)?;
        }
        if check_copy {
            let missing = self.missing_from(folder, &events_path, &fates, read, found)?;
            new.missing = !missing.is_empty();
            let own_name = own.and_then(|o| o.file_name()).map(|n| n.to_string_lossy());
            let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
            for (name, event) in missing {
                *per_file.entry(name.clone()).or_default() += 1;
                if own_name.as_deref() == Some(name.as_str()) {
                    found.own_missing.push(event);
                }
            }
            for (name, n) in per_file {
                let kind = if own_name.as_deref() == Some(name.as_str()) {
                    WarningKind::OwnMissing(n)
                } else {
                    WarningKind::KeptLocally(n)
                };
                warn(folder.join(name), kind);
            }
        }
        found.warnings.extend(notes);
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
        let (from, generation) = match index.files.get(name) {
            None => (0, 0),
            // A read since the append copied the lines already: nothing to write or sync.
            Some(m) if m.len >= len => return Ok(()),
            Some(m) if tail_sum(path, m.len)? == m.tail => (m.len, m.generation),
            Some(_) => return Ok(()),
        };
        append_lines(&self.dir.join(EVENTS), &[(path, from, len, generation)])?;
        index
            .files
            .insert(name.to_string(), Mark::at(path, len, generation)?);
        self.save(&index)
    }

    /// Drops from the copy every line it took from the file `name`, so that events gone from
    /// the folder stop being shown; the next read copies again what the file still holds.
    /// Returns how many event lines were dropped.
    pub fn forget(&self, name: &str) -> io::Result<usize> {
        let (_lock, mut index) = self.open()?;
        let path = self.dir.join(EVENTS);
        let file = match open_read(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut lines = Lines::new(file, 0, u64::MAX);
        let mut buf = Vec::new();
        let mut kept = Vec::new();
        let mut dropping = false;
        let mut dropped = foldhash::HashSet::default();
        while let Some(line) = lines.next_into(&mut buf)? {
            if !line.complete || line.too_long.is_some() {
                continue;
            }
            if let Ok(from) = serde_json::from_slice::<From>(&buf) {
                dropping = from.from == name;
            } else if dropping && !buf.is_empty() {
                dropped.insert(buf.clone()); // a run copied twice holds its lines twice
            }
            if !dropping {
                kept.extend_from_slice(&buf);
                kept.push(b'\n');
            }
        }
        Disk.write_atomic(&path, &kept)?;
        private(&path)?;
        index.files.remove(name);
        index.missing = true; // checked once more at the next read
        self.save(&index)?;
        Ok(dropped.len())
    }

    /// Replaces the index, whole or not at all. Called under the copy's lock, after the lines
    /// it counts are synced in `events.jsonl`: so an index on disk never claims lines the copy
    /// does not hold. The new index is synced before it takes the old one's name, so the name
    /// never leads to a half-written index; the folder itself is not synced: after a crash the
    /// rename may be undone, and the older index left counts fewer lines than the copy holds,
    /// which only makes the next read copy those again (runs copied twice are read once).
    fn save(&self, index: &Index) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(index).map_err(io::Error::other)?;
        let path = self.dir.join(INDEX);
        let new = self.dir.join(INDEX_NEW);
        let mut file = create_private(&new)?;
        file.write_all(&json)?;
        file.sync_data()?;
        drop(file);
        std::fs::rename(&new, &path)
    }

    /// Takes the copy's lock (held while the returned file lives) and reads its index. A
    /// damaged index only costs the check against the last read: the copy itself stays.
    fn open(&self) -> io::Result<(File, Index)> {
        create_private_dir(&self.dir)?;
        #[cfg(unix)]
        {
            // A copy made before it was kept private becomes private.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let lock = open_lock(&self.dir.join("lock"), true)?;
        lock.lock()?;
        let index = match open_read(&self.dir.join(INDEX)) {
            Ok(mut f) => {
                let mut bytes = Vec::new();
                f.read_to_end(&mut bytes)?;
                serde_json::from_slice(&bytes).unwrap_or_default()
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Index::default(),
            Err(e) => return Err(e),
        };
        Ok((lock, index))
    }

    /// Keeps in `found` the events of the copy that the folder has lost, and returns them with
    /// the name of the file each came from. An event the folder's file holds beyond what this
    /// read reached (another process wrote it since) is not lost.
    fn missing_from(
        &self,
        folder: &Path,
        events_path: &Path,
        fates: &BTreeMap<String, Fate>,
        read: &Gathered,
        found: &mut Found,
    ) -> io::Result<Vec<(String, crate::journal::Event)>> {
        let file = match open_read(events_path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let present: foldhash::HashSet<uuid::Uuid> = read
            .events
            .ids()
            .chain(read.contested.iter().copied())
            .collect();
        let mut lines = Lines::new(file, 0, u64::MAX);
        let mut buf = Vec::new();
        // Lines from before runs were headed come from no known file, and are anyone's. The
        // copy is in the order lines were first read: an event from the future is placed at
        // the last trusted time before it.
        let mut name = String::new();
        let mut lost = true;
        let mut parser =
            Parser::with_writer(events_path.to_path_buf(), None, Timestamp::UNIX_EPOCH);
        let mut parsed = Parsed::default();
        let mut missing = Vec::new();
        while let Some(line) = lines.next_into(&mut buf)? {
            if let Ok(from) = serde_json::from_slice::<From>(&buf) {
                lost = Fate::covers(fates.get(&from.from), &from);
                parser = Parser::new(folder.join(&from.from), parser.last_trusted()).unchained();
                name = from.from;
                continue;
            }
            parser.line(&buf, line, &mut parsed);
            for e in parsed.events.drain(..) {
                if lost && !present.contains(&e.id) {
                    missing.push((name.clone(), e));
                }
            }
        }
        // A run copied twice (two readers at once) holds its lines twice.
        missing.sort_by_key(|(_, e)| e.id);
        missing.dedup_by_key(|(_, e)| e.id);
        let kept = merge_runs(vec![missing.iter().map(|(_, e)| e.clone()).collect()]);
        found.kept = kept;
        Ok(missing)
    }
}

/// Makes a file of the copy readable by this user alone.
fn private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A checksum of the [`TAIL`] bytes before `len` in the file at `path`.
fn tail_sum(path: &Path, len: u64) -> io::Result<u32> {
    let mut file = open_read(path)?;
    let start = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    file.take(len - start).read_to_end(&mut buf)?;
    Ok(crc32fast::hash(&buf))
}

/// Appends the lines between offsets `from..to` of each file to the copy, each run headed by
/// where it came from, and syncs it. Lines too long to be events are left out.
fn append_lines(copy: &Path, ranges: &[(&Path, u64, u64, u32)]) -> io::Result<()> {
    let mut file = open_append(copy, true)?;
    let ends_open = file.seek(SeekFrom::End(0))? > 0 && {
        file.seek(SeekFrom::End(-1))?;
        let mut last = [0u8];
        file.read_exact(&mut last)?;
        last[0] != b'\n'
    };
    let mut out = BufWriter::with_capacity(1 << 16, &file);
    if ends_open {
        out.write_all(b"\n")?;
    }
    let mut buf = Vec::new();
    for (path, from, to, generation) in ranges {
        let Some(name) = path.file_name().filter(|_| from < to) else {
            continue;
        };
        let head = From {
            from: name.to_string_lossy().into_owned(),
            to: *to,
            generation: *generation,
        };
        serde_json::to_writer(&mut out, &head).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
        let mut source = open_read(path)?;
        source.seek(SeekFrom::Start(*from))?;
        let mut lines = Lines::new(source, *from, *to);
        while let Some(line) = lines.next_into(&mut buf)? {
            if line.too_long.is_none() && line.complete {
                out.write_all(&buf)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    drop(out);
    file.sync_data()
}
