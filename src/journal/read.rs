//! Reading a journal folder back: the writers' files parsed by a fixed pool of threads, refused
//! files, damaged and forged lines reported, never rewritten, and the union of the rest.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::Timestamp;
use uuid::Uuid;

use super::leftover::{FileKind, classify};
use super::lines::Lines;
use super::parse::{Parsed, Parser};
use super::seen::Seen;
use super::store::{JournalError, err};
use super::warning::{JournalWarning, REFUSED_LISTED, Refused, WarningKind, add};
use super::{Event, merge_runs};
use crate::storage::open::{NotRegular, open_read};

/// Every event of the folder, merged, and what was skipped.
#[derive(Debug, Default, Clone)]
pub struct ReadBack {
    pub events: Vec<Event>,
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
/// computer read before and that are gone from the folder are kept, and the loss is reported.
/// `own` is the reader's own file: its copy of a contested event wins.
pub fn read_folder(
    folder: &Path,
    seen: Option<&Seen>,
    own: Option<&Path>,
) -> Result<ReadBack, JournalError> {
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
    let mut parsed = parse_all(&files);
    let contested = refuse_contested(&files, &mut parsed, own);
    let lengths: Vec<(PathBuf, u64)> = files
        .iter()
        .zip(&parsed)
        .map(|(p, r)| (p.clone(), r.complete))
        .collect();
    let mut runs = Vec::with_capacity(parsed.len());
    let mut refused = Vec::new();
    for r in parsed {
        runs.push(r.events);
        warnings.extend(r.warnings);
        refused.extend(r.refused);
    }
    let mut back = ReadBack {
        files: files.len(),
        events: merge_runs(runs),
        warnings,
        contested,
        refused,
        ..ReadBack::default()
    };
    if let Some(seen) = seen {
        seen.reconcile(folder, &lengths, own, &mut back);
    }
    Ok(back)
}

/// Parses `files` on a fixed pool of threads, whatever their number.
fn parse_all(files: &[PathBuf]) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .min(files.len());
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Parsed>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let parsed = read_file(path);
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
            slot.into_inner().ok().flatten().unwrap_or_else(|| Parsed {
                warnings: vec![JournalWarning::new(
                    path.clone(),
                    0,
                    WarningKind::Unreadable("parser failed".into()),
                )],
                ..Parsed::default()
            })
        })
        .collect()
}

/// Reads and parses one journal file, a buffer at a time, never through a link.
fn read_file(path: &Path) -> Parsed {
    let mut out = Parsed::default();
    let file = match open_read(path) {
        Ok(file) => file,
        Err(e) => {
            let kind = match NotRegular::from_error(&e) {
                Some(kind) => WarningKind::NotRegular(kind),
                None => WarningKind::Unreadable(e.to_string()),
            };
            out.warnings
                .push(JournalWarning::new(path.to_path_buf(), 0, kind));
            return out;
        }
    };
    let meta = file.metadata().ok();
    // Room for the events of what the file really holds (a sparse file claims far more), up to
    // a bound; more grows as read.
    let len = meta.as_ref().map_or(0, stored_len);
    out.events
        .reserve(usize::try_from(len / 160).unwrap_or(0).min(1 << 16));
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| Timestamp::try_from(t).ok())
        .unwrap_or_else(Timestamp::now);
    let mut lines = Lines::new(file, 0, u64::MAX);
    Parser::new(path.to_path_buf(), modified).read_all(&mut lines, &mut out);
    out
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

/// Keeps out of the state every event whose id stands in two files with different content,
/// except the copy in the reader's own file, and reports each copy kept out. Returns their ids.
fn refuse_contested(files: &[PathBuf], parsed: &mut [Parsed], own: Option<&Path>) -> Vec<Uuid> {
    let total = parsed.iter().map(|p| p.events.len()).sum();
    let mut first: foldhash::HashMap<Uuid, (usize, usize)> =
        foldhash::HashMap::with_capacity_and_hasher(total, Default::default());
    let mut contested: foldhash::HashMap<Uuid, Vec<(usize, usize)>> = Default::default();
    for (f, p) in parsed.iter().enumerate() {
        for (i, e) in p.events.iter().enumerate() {
            match first.get(&e.id) {
                None => {
                    first.insert(e.id, (f, i));
                }
                Some(&(f0, i0)) => {
                    let places = contested.entry(e.id).or_default();
                    if places.is_empty() {
                        places.push((f0, i0));
                    }
                    places.push((f, i));
                }
            }
        }
    }
    let mut refused: Vec<(usize, usize, usize)> = Vec::new(); // file, event, other file
    let mut ids = Vec::new();
    for (id, places) in &contested {
        let (f0, i0) = places[0];
        let event = &parsed[f0].events[i0];
        if places.iter().all(|&(f, i)| parsed[f].events[i] == *event) {
            continue; // copies of one event (a conflicted copy, a file copied in twice)
        }
        ids.push(*id);
        let mine = places
            .iter()
            .find(|&&(f, _)| own.is_some_and(|o| files[f] == o));
        for &(f, i) in places {
            if mine.is_some_and(|&(mf, mi)| (mf, mi) == (f, i)) {
                continue;
            }
            let other = places
                .iter()
                .map(|&(g, _)| g)
                .find(|&g| g != f)
                .unwrap_or(f);
            refused.push((f, i, other));
        }
    }
    refused.sort_unstable();
    for &(f, i, other) in refused.iter().rev() {
        let line = parsed[f].lines.get(i).map_or(0, |&l| l as usize);
        let why = WarningKind::Contested {
            other: files[other].clone(),
        };
        let p = &mut parsed[f];
        add(
            &mut p.warnings,
            JournalWarning::new(files[f].clone(), line, why.clone()),
        );
        let event = p.events.remove(i);
        p.lines.remove(i);
        if p.refused.len() < REFUSED_LISTED {
            p.refused.push(Refused {
                event,
                file: files[f].clone(),
                line,
                why,
            });
        }
    }
    ids
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
