//! Reading a journal folder back: the writers' files parsed by a fixed pool of threads, refused
//! files, damaged and forged lines reported, never rewritten, and the union of the rest.

use std::fs;
use std::io::{self, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use jiff::Timestamp;
use uuid::Uuid;

use super::checked::Checked;
use super::error::{JournalError, err};
use super::leftover::{FileKind, classify};
use super::lines::Lines;
use super::marks::{Mark, Stamp, Verified};
use super::parse::{Parsed, Parser};
use super::seen::{Copying, Gathered, Seen};
use super::snapshot::{self, Snapshot, Summed};
use super::warning::{JournalWarning, REFUSED_LISTED, Refused, WarningKind, add};
use super::{Event, Events};
use crate::storage::open::{NotRegular, open_read};

/// Every event of the folder, merged, and what was skipped.
#[derive(Debug, Default, Clone)]
pub struct ReadBack {
    pub events: Events,
    pub warnings: Vec<JournalWarning>,
    /// How many journal files were read.
    pub files: usize,
    /// Events missing from the folder that were taken from this computer's copy.
    pub kept_locally: Vec<Event>,
    /// Of those, the reader's own events that were read from its own file before: its next
    /// write puts them back.
    pub own_missing: Vec<Event>,
    /// Ids kept out of the state because files disagree about them.
    pub contested: Vec<Uuid>,
    /// Events kept out of the state (forged or contested), for the history to show, marked.
    pub refused: Vec<Refused>,
    /// How far each file was read, when the read was clean (nothing to warn about, no event
    /// taken from the copy): what [`read_appended`] goes on from.
    pub marks: Option<Marks>,
    /// What this read left to keep for the next one, when asked to (see
    /// [`read_folder_keeping`]).
    pub later: Option<Later>,
}

/// How far each file of a folder was read, and where its parser stood there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Marks(pub(super) Vec<Mark>);

impl ReadBack {
    /// Brings this computer's copy up to date with this read (`lengths`: each file and the
    /// length of its complete lines) and takes in what it found: its warnings, and the events
    /// seen before that the folder no longer has. The copying left for later, with `defer`.
    fn reconcile(
        &mut self,
        seen: &Seen,
        folder: &Path,
        lengths: &[(PathBuf, u64)],
        own: Option<&Path>,
        defer: bool,
    ) -> Option<Copying> {
        let read = Gathered {
            lengths,
            events: &self.events,
            contested: &self.contested,
            may_hide: self.warnings.iter().any(|w| w.kind.may_hide_events()),
        };
        let found = seen.reconcile(folder, &read, own, defer);
        self.warnings.extend(found.warnings);
        self.own_missing.extend(found.own_missing);
        if !found.kept.is_empty() {
            let events = std::mem::take(&mut self.events);
            // None of them is among the events read: nothing stands twice.
            self.events = events.with_sorted(found.kept.clone());
            self.kept_locally = found.kept;
        }
        found.later
    }

    /// Whether nothing in this read is worth a warning or came from anywhere but the files.
    fn is_clean(&self) -> bool {
        self.warnings.is_empty()
            && self.refused.is_empty()
            && self.contested.is_empty()
            && self.kept_locally.is_empty()
            && self.own_missing.is_empty()
    }
}

/// One entry of the folder that is a journal or a leftover of one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Set when the name is a link, a folder or a special file: it is never opened.
    pub refused: Option<NotRegular>,
}

/// The entries of a folder that are journals or leftovers of journals, sorted by name. Links
/// are not followed: what a name is comes from the folder itself.
pub fn folder_files(folder: &Path) -> Result<Vec<Listed>, JournalError> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(err("list", folder)(e)),
    };
    let mut files: Vec<Listed> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let kind = classify(&path);
            if kind == FileKind::Other {
                return None;
            }
            let refused = match e.file_type() {
                Ok(t) if t.is_file() => None,
                Ok(t) if t.is_symlink() => Some(NotRegular::Link),
                Ok(t) if t.is_dir() => Some(NotRegular::Folder),
                _ => Some(NotRegular::Special),
            };
            Some(Listed {
                path,
                kind,
                refused,
            })
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The journal files of a folder (conflicted copies included), sorted by name.
pub fn journal_files(folder: &Path) -> Result<Vec<PathBuf>, JournalError> {
    Ok(folder_files(folder)?
        .into_iter()
        .filter(|l| l.refused.is_none())
        .filter(|l| matches!(l.kind, FileKind::Journal | FileKind::ConflictCopy))
        .map(|l| l.path)
        .collect())
}

/// Reads every journal file of `folder` and merges their events. With `seen`, events this
/// computer read before and that are gone from the folder are kept, and the loss is reported;
/// and a snapshot of the last read spares parsing again what it holds.
/// `own` is the reader's own file: its copy of a contested event wins.
#[cfg(test)]
pub fn read_folder(
    folder: &Path,
    seen: Option<&Seen>,
    own: Option<&Path>,
) -> Result<ReadBack, JournalError> {
    read_folder_keeping(folder, seen, own, false)
}

/// As [`read_folder`]; with `defer`, what this read would keep for the next one (the snapshot
/// of its events, and the copy of its lines when the copy has nothing to tell this read) is
/// left in [`ReadBack::later`] for [`Later::keep`].
pub fn read_folder_keeping(
    folder: &Path,
    seen: Option<&Seen>,
    own: Option<&Path>,
    defer: bool,
) -> Result<ReadBack, JournalError> {
    let (files, warnings) = listing(folder)?;
    let snapshot = seen.map(|s| Snapshot::new(s.dir()));
    let (mut back, lengths, to_save) = gather_keeping(&files, warnings, own, snapshot.as_ref());
    let mut later = Later::default();
    if let (Some(snapshot), Some(marks)) = (snapshot, to_save) {
        if defer {
            later.snapshot = Some((snapshot, marks, back.events.len()));
        } else {
            let _ = snapshot.save(&marks, &back.events);
        }
    }
    if let Some(seen) = seen {
        later.copy = back
            .reconcile(seen, folder, &lengths, own, defer)
            .map(|c| (seen.clone(), c));
    }
    if !back.kept_locally.is_empty() {
        // The snapshot holds what the files hold, never what came from the copy.
        later.snapshot = None;
    }
    if !back.is_clean() {
        back.marks = None;
    }
    if later.snapshot.is_some() || later.copy.is_some() {
        back.later = Some(later);
    }
    Ok(back)
}

/// What a read left to keep for the next one: the snapshot of its events, and this
/// computer's copy of its lines.
#[derive(Debug, Clone, Default)]
pub struct Later {
    snapshot: Option<(Snapshot, Vec<Mark>, usize)>,
    copy: Option<(Seen, Copying)>,
}

impl Later {
    /// Keeps it, `events` being the events that read gave (a snapshot of anything else is not
    /// kept); trouble with the copy is a warning.
    pub fn keep(mut self, events: &Events) -> Option<JournalWarning> {
        self.keep_snapshot(events);
        self.keep_copy()
    }

    /// Keeps the snapshot of the events, `events` being the events that read gave; the copy
    /// is left for [`Later::keep_copy`], which needs no event and may wait until they are
    /// shown.
    pub fn keep_snapshot(&mut self, events: &Events) {
        if let Some((snapshot, marks, read)) = self.snapshot.take()
            && read == events.len()
        {
            // Not kept is only slower next time.
            let _ = snapshot.save(&marks, events);
        }
    }

    /// Brings this computer's copy up to date with the read (unless a file changed since);
    /// trouble with the copy is a warning.
    pub fn keep_copy(self) -> Option<JournalWarning> {
        self.copy.and_then(|(seen, c)| seen.copy_later(c))
    }
}

/// What was appended to the files of `folder` since the clean read that left `marks`: the new
/// events alone, in (time, id) order, and the marks after them. `None` when the folder does
/// not simply go on from that read (a file shrank, was rewritten or vanished; a line is worth
/// a warning; an id stands twice among the new lines; a line is still being written): only a
/// whole read can say what it holds then. With `seen`, this computer's copy takes the new lines
/// in, as after any read.
pub fn read_appended(
    folder: &Path,
    marks: &Marks,
    seen: Option<&Seen>,
    own: Option<&Path>,
) -> Result<Option<ReadBack>, JournalError> {
    let (files, warnings) = listing(folder)?;
    if !warnings.is_empty() {
        return Ok(None);
    }
    let began = SystemTime::now();
    let Some(parsed) = continued(&files, &marks.0, seen.map(Seen::dir), began) else {
        return Ok(None);
    };
    if parsed.iter().any(|p| p.mark.is_none()) || !unique_ids(&Events::new(), &parsed) {
        return Ok(None);
    }
    let (mut back, lengths, marks) = assemble(&files, warnings, parsed, Events::new());
    back.marks = marks.map(Marks);
    if let Some(seen) = seen {
        back.reconcile(seen, folder, &lengths, own, false);
    }
    Ok(back.is_clean().then_some(back))
}

/// Each of `files` parsed from where `marks` say it was read before (a file without a mark:
/// whole); `None` when a file read before is gone or does not go on from its mark. With the
/// local copy's folder `dir`, what is kept there of files checked before spares checking them
/// again, and what this read checks is kept. `began`: when the read began (see [`read_file`]).
fn continued(
    files: &[PathBuf],
    marks: &[Mark],
    dir: Option<&Path>,
    began: SystemTime,
) -> Option<Vec<Parsed>> {
    let checked = dir.map(Checked::load);
    let mut marks = marks.to_vec();
    if let Some(checked) = &checked {
        checked.stamp(&mut marks);
    }
    let mut by_name: foldhash::HashMap<&str, &Mark> =
        marks.iter().map(|m| (m.name.as_str(), m)).collect();
    let of_files: Vec<Option<&Mark>> = files
        .iter()
        .map(|p| by_name.remove(p.file_name()?.to_str()?))
        .collect();
    if !by_name.is_empty() {
        return None; // a file read before is gone, or is no longer a file
    }
    let mut parsed: Vec<Parsed> = parse_all(files, &of_files, began)
        .into_iter()
        .collect::<Option<_>>()?;
    if let Some(checked) = checked {
        let names: Vec<&str> = marks.iter().map(|m| m.name.as_str()).collect();
        let found = parsed
            .iter_mut()
            .filter_map(|p| p.verified.take())
            .collect();
        checked.keep(found, &names);
    }
    Some(parsed)
}

/// Whether no id stands twice among `earlier` (the events of a clean read, each id once) and
/// the events of `parsed`. The new ids are sorted and looked up, rather than every id hashed:
/// a set of a city's million ids would take more memory than the events themselves.
fn unique_ids(earlier: &Events, parsed: &[Parsed]) -> bool {
    let mut new: Vec<Uuid> = parsed
        .iter()
        .flat_map(|p| p.events.iter().map(|e| e.id))
        .collect();
    new.sort_unstable();
    if new.windows(2).any(|w| w[0] == w[1]) {
        return false;
    }
    new.is_empty() || earlier.ids().all(|id| new.binary_search(&id).is_err())
}

/// The journal files of `folder` to read, and what its listing has to tell.
pub(super) fn listing(folder: &Path) -> Result<(Vec<PathBuf>, Vec<JournalWarning>), JournalError> {
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    for listed in folder_files(folder)? {
        let note = |kind| JournalWarning::new(listed.path.clone(), 0, kind);
        if let Some(kind) = listed.refused {
            warnings.push(note(WarningKind::NotRegular(kind)));
            continue;
        }
        match listed.kind {
            FileKind::Journal => files.push(listed.path),
            FileKind::ConflictCopy => {
                warnings.push(note(WarningKind::ConflictCopy));
                files.push(listed.path);
            }
            FileKind::Partial => warnings.push(note(WarningKind::Partial)),
            FileKind::Other => {}
        }
    }
    Ok((files, warnings))
}

/// Each file's complete length, as read.
pub(super) type Lengths = Vec<(PathBuf, u64)>;

/// The merged events of `files` (after the listing's `warnings`), and how far each file was
/// read: from the snapshot and what was appended since where it allows, else from every file
/// whole. Either way the same.
#[cfg(test)]
pub(super) fn gather(
    files: &[PathBuf],
    warnings: Vec<JournalWarning>,
    own: Option<&Path>,
    snapshot: Option<&Snapshot>,
) -> (ReadBack, Lengths) {
    let (back, lengths, to_save) = gather_keeping(files, warnings, own, snapshot);
    if let (Some(snapshot), Some(marks)) = (snapshot, to_save) {
        let _ = snapshot.save(&marks, &back.events);
    }
    (back, lengths)
}

/// As [`gather`], leaving the snapshot to save: the marks to save it under, when it is worth it.
fn gather_keeping(
    files: &[PathBuf],
    warnings: Vec<JournalWarning>,
    own: Option<&Path>,
    snapshot: Option<&Snapshot>,
) -> (ReadBack, Lengths, Option<Vec<Mark>>) {
    if let Some(snapshot) = snapshot
        && let Some((marks, events)) = snapshot.load()
        && let Some(resumed) = resume_keeping(files, &warnings, marks, events, snapshot)
    {
        return resumed;
    }
    let marks = vec![None; files.len()];
    let began = snapshot.map_or_else(SystemTime::now, Snapshot::now);
    let mut parsed: Vec<Parsed> = parse_all(files, &marks, began)
        .into_iter()
        .flatten()
        .collect();
    let contested = settle_duplicates(files, &mut parsed, own);
    let (mut back, lengths, marks) = assemble(files, warnings, parsed, Events::new());
    back.contested = contested;
    let to_save = marks.clone().filter(|_| {
        back.contested.is_empty() && snapshot.is_some_and(|s| s.worth_saving(back.events.len()))
    });
    back.marks = marks.map(Marks);
    (back, lengths, to_save)
}

/// The read of `files` that goes on from the snapshot's `marks` and merged `events`; `None`
/// when the folder does not continue what the snapshot read.
#[cfg(test)]
pub(super) fn resume(
    files: &[PathBuf],
    warnings: &[JournalWarning],
    marks: Vec<Mark>,
    events: Events,
    snapshot: &Snapshot,
) -> Option<(ReadBack, Lengths)> {
    let (back, lengths, to_save) = resume_keeping(files, warnings, marks, events, snapshot)?;
    if let Some(marks) = to_save {
        let _ = snapshot.save(&marks, &back.events);
    }
    Some((back, lengths))
}

/// As [`resume`], leaving the snapshot to save (see [`gather_keeping`]).
fn resume_keeping(
    files: &[PathBuf],
    warnings: &[JournalWarning],
    marks: Vec<Mark>,
    events: Events,
    snapshot: &Snapshot,
) -> Option<(ReadBack, Lengths, Option<Vec<Mark>>)> {
    let parsed = continued(files, &marks, snapshot.dir(), snapshot.now())?;
    let new: usize = parsed.iter().map(|p| p.events.len()).sum();
    // An id standing twice is settled by the whole read.
    if new > 0 && !unique_ids(&events, &parsed) {
        return None;
    }
    let (mut back, lengths, marks) = assemble(files, warnings.to_vec(), parsed, events);
    let to_save = marks.clone().filter(|_| snapshot.worth_saving(new));
    back.marks = marks.map(Marks);
    Some((back, lengths, to_save))
}

/// One read of the folder from the files' parsed (and settled) lines and `earlier`, the merged
/// events of a snapshot; with each file's mark when every file could be kept in a snapshot.
fn assemble(
    files: &[PathBuf],
    mut warnings: Vec<JournalWarning>,
    parsed: Vec<Parsed>,
    earlier: Events,
) -> (ReadBack, Lengths, Option<Vec<Mark>>) {
    let lengths = files
        .iter()
        .zip(&parsed)
        .map(|(p, r)| (p.clone(), r.complete))
        .collect();
    // The files' events in one list, grown in place from the first (fresh memory is costly
    // at a city's size).
    let total: usize = parsed.iter().map(|p| p.events.len()).sum();
    let mut new: Vec<Event> = Vec::new();
    let mut refused = Vec::new();
    let mut marks = Some(Vec::with_capacity(parsed.len()));
    for mut r in parsed {
        if new.is_empty() {
            new = std::mem::take(&mut r.events);
            new.reserve(total - new.len());
        } else {
            new.append(&mut r.events);
        }
        warnings.extend(r.warnings);
        refused.extend(r.refused);
        marks = marks.zip(r.mark).map(|(mut all, m)| {
            all.push(m);
            all
        });
    }
    let back = ReadBack {
        files: files.len(),
        events: earlier.with_sorted(new),
        warnings,
        refused,
        ..ReadBack::default()
    };
    (back, lengths, marks)
}

/// Parses `files` on a small pool of threads, whatever their number, each from where its mark
/// says it was read before (`None`: whole). A file that does not continue its mark is `None`.
fn parse_all(files: &[PathBuf], marks: &[Option<&Mark>], began: SystemTime) -> Vec<Option<Parsed>> {
    let mark = |i: usize| marks.get(i).copied().flatten();
    if files.len() < 2 {
        // Not worth a thread, nor asking how many cores there are.
        return files
            .iter()
            .enumerate()
            .map(|(i, p)| read_file(p, mark(i), began))
            .collect();
    }
    // A few more threads than cores, so that a handful of files of equal size keep every core
    // busy to the end; never more than a fixed few, however many files.
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .saturating_mul(2)
        .clamp(4, 16)
        .min(files.len());
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Option<Parsed>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let parsed = read_file(path, mark(i), began);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(parsed);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(files)
        .map(|(slot, path)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Some(Parsed {
                    warnings: vec![JournalWarning::new(
                        path.clone(),
                        0,
                        WarningKind::Unreadable("parser failed".into()),
                    )],
                    ..Parsed::default()
                })
            })
        })
        .collect()
}

/// Reads and parses one journal file, a buffer at a time, never through a link: from where
/// `mark` says it was read before, or `None` when the file does not continue that. `began` is
/// when the read began: a file last written well before it is stamped (see [`Stamp::settled`]).
fn read_file(path: &Path, mark: Option<&Mark>, began: SystemTime) -> Option<Parsed> {
    let mut out = Parsed::default();
    let file = match open_read(path) {
        Ok(file) => file,
        Err(_) if mark.is_some() => return None,
        Err(e) => {
            let kind = match NotRegular::from_error(&e) {
                Some(kind) => WarningKind::NotRegular(kind),
                None => WarningKind::Unreadable(e.to_string()),
            };
            out.warnings
                .push(JournalWarning::new(path.to_path_buf(), 0, kind));
            return Some(out);
        }
    };
    let meta = file.metadata().ok();
    let mut checked = None;
    let (from, sum) = match mark {
        Some(m) if m.len > 0 => {
            out.complete = m.len;
            out.resume = m.resume.clone();
            let untouched = m.stamp.is_some() && meta.as_ref().and_then(Stamp::of) == m.stamp;
            if untouched {
                if meta.as_ref().is_some_and(|meta| meta.len() == m.len) {
                    // Not written since it was read: nothing to read.
                    out.mark = Some(m.clone());
                    return Some(out);
                }
                // Not written since it was found to start with what was read.
                (&file).seek(SeekFrom::Start(m.len)).ok()?;
            } else {
                // Read from its start: what was read must still be there, byte for byte.
                if snapshot::prefix_sum(&file, m.len).ok()? != Some(m.sum) {
                    return None;
                }
                checked = Some(m);
            }
            (m.len, m.sum)
        }
        _ => (0, 0),
    };
    // Room for the events of what the file really holds (a sparse file claims far more), up to
    // a bound; more grows as read.
    let len = meta.as_ref().map_or(0, stored_len).saturating_sub(from);
    out.events
        .reserve(usize::try_from(len / 160).unwrap_or(0).min(1 << 16));
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| Timestamp::try_from(t).ok())
        .unwrap_or_else(Timestamp::now);
    let source = Summed::after(file, sum, from);
    let mut lines = Lines::new(source, from, u64::MAX).after_lines(out.resume.lines);
    Parser::new(path.to_path_buf(), modified)
        .resumed(&out.resume)
        .read_all(&mut lines, &mut out);
    // Kept in a snapshot only when nothing was worth a warning, no bytes follow the last line
    // break and every byte up to it was summed.
    let ends = lines.offset();
    let (file, sum, summed) = lines.into_source().finish();
    let after = file.metadata().ok();
    if let (Some(m), Some(meta)) = (checked, &after) {
        out.verified = Stamp::settled(meta, meta.len(), began).map(|stamp| Verified {
            name: m.name.clone(),
            len: m.len,
            sum: m.sum,
            stamp,
        });
    }
    if out.warnings.is_empty()
        && out.refused.is_empty()
        && ends == out.complete
        && summed == out.complete
        && let Some(name) = path.file_name().and_then(|n| n.to_str())
    {
        let stamp = after
            .as_ref()
            .and_then(|m| Stamp::settled(m, out.complete, began));
        out.mark = Some(Mark {
            name: name.to_string(),
            len: out.complete,
            sum,
            stamp,
            resume: out.resume.clone(),
        });
    }
    Some(out)
}

/// The bytes a file really takes on disk, where the system tells.
fn stored_len(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.len().min(meta.blocks().saturating_mul(512))
    }
    #[cfg(not(unix))]
    {
        meta.len()
    }
}

/// Settles the ids that stand more than once across the files, so that afterwards each stands
/// once: identical copies (a sync tool's conflicted copy, a file copied in twice) count once;
/// copies with different content count for no one but the reader, whose own file's copy wins,
/// and each copy kept out is reported. Returns the contested ids.
fn settle_duplicates(files: &[PathBuf], parsed: &mut [Parsed], own: Option<&Path>) -> Vec<Uuid> {
    let total = parsed.iter().map(|p| p.events.len()).sum();
    let mut first: foldhash::HashMap<Uuid, (usize, usize)> =
        foldhash::HashMap::with_capacity_and_hasher(total, Default::default());
    let mut repeated: foldhash::HashMap<Uuid, Vec<(usize, usize)>> = Default::default();
    for (f, p) in parsed.iter().enumerate() {
        for (i, e) in p.events.iter().enumerate() {
            if let Some(&place) = first.get(&e.id) {
                repeated
                    .entry(e.id)
                    .or_insert_with(|| vec![place])
                    .push((f, i));
            } else {
                first.insert(e.id, (f, i));
            }
        }
    }
    // Per file, the events to take out: (file, index, the other file when contested).
    let mut out: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let mut contested = Vec::new();
    for (id, places) in &repeated {
        let (f0, i0) = places[0];
        let event = &parsed[f0].events[i0];
        if places.iter().all(|&(f, i)| parsed[f].events[i] == *event) {
            out.extend(places[1..].iter().map(|&(f, i)| (f, i, None)));
            continue;
        }
        contested.push(*id);
        let mine = places
            .iter()
            .copied()
            .find(|&(f, _)| own.is_some_and(|o| files[f] == o));
        for &(f, i) in places {
            if mine != Some((f, i)) {
                let other = places.iter().map(|&(g, _)| g).find(|&g| g != f);
                out.push((f, i, Some(other.unwrap_or(f))));
            }
        }
    }
    out.sort_unstable();
    for (f, p) in parsed.iter_mut().enumerate() {
        let start = out.partition_point(|&(g, _, _)| g < f);
        let end = out.partition_point(|&(g, _, _)| g <= f);
        let mine = &out[start..end];
        if mine.is_empty() {
            continue;
        }
        let lines: Vec<usize> = mine.iter().map(|&(_, i, _)| p.lines[i] as usize).collect();
        let (mut k, mut idx) = (0, 0);
        let taken: Vec<Event> = p
            .events
            .extract_if(.., |_| {
                let hit = mine.get(k).is_some_and(|&(_, i, _)| i == idx);
                k += usize::from(hit);
                idx += 1;
                hit
            })
            .collect();
        let (mut k, mut idx) = (0, 0);
        p.lines.retain(|_| {
            let hit = mine.get(k).is_some_and(|&(_, i, _)| i == idx);
            k += usize::from(hit);
            idx += 1;
            !hit
        });
        for ((event, &(_, _, other)), line) in taken.into_iter().zip(mine).zip(lines) {
            let Some(other) = other else { continue };
            let why = WarningKind::Contested {
                other: files[other].clone(),
            };
            let warning = JournalWarning::new(files[f].clone(), line, why.clone());
            add(&mut p.warnings, warning);
            if p.refused.len() < REFUSED_LISTED {
                p.refused.push(Refused {
                    event,
                    file: files[f].clone(),
                    line,
                    why,
                });
            }
        }
    }
    contested
}

/// A cheap fingerprint of the folder's journal files (names, sizes, modification times):
/// when it changes, another writer has appended and the journal should be read again.
pub fn fingerprint(folder: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    journal_files(folder)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let meta = fs::symlink_metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect()
}
