//! Reading a journal folder back: every writer's file parsed on its own thread, damaged lines
//! and sync tools' leftovers reported, never rewritten.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::leftover::{FileKind, classify};
use super::seen::Seen;
use super::store::{JournalError, err};
use super::{Event, merge_runs};

/// Something about a journal file worth telling: a line skipped on reading, a leftover of a sync
/// tool, a file that lost events. The file itself is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalWarning {
    pub file: PathBuf,
    pub line: usize,
    pub kind: WarningKind,
}

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The last line is incomplete (a write was cut short); it is skipped, never rewritten.
    TornTail,
    /// A complete line that is not a valid event; the parser's words.
    BadLine(String),
    /// A line that is not UTF-8.
    NotUtf8,
    /// The file could not be read at all.
    Unreadable(String),
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
    /// This many events that this computer saw are missing from the folder; they are kept from
    /// its local copy.
    KeptLocally(usize),
    /// This many of the writer's own events, kept in this computer's copy, were written to its
    /// file again.
    Restored(usize),
    /// The local copy of seen events could not be kept; the reason.
    LocalCopy(String),
}

impl WarningKind {
    /// How urgent this is, most urgent first: events missing, then damaged lines, then notes.
    pub fn rank(&self) -> u8 {
        match self {
            WarningKind::KeptLocally(_) | WarningKind::Restored(_) => 0,
            WarningKind::Shrank { .. } | WarningKind::Replaced | WarningKind::Vanished => 1,
            WarningKind::LocalCopy(_) | WarningKind::Unreadable(_) => 2,
            WarningKind::TornTail | WarningKind::BadLine(_) | WarningKind::NotUtf8 => 3,
            WarningKind::Partial | WarningKind::ConflictCopy => 4,
        }
    }
}

/// Every event of the folder, merged, and what was skipped.
#[derive(Debug, Default, Clone)]
pub struct ReadBack {
    pub events: Vec<Event>,
    pub warnings: Vec<JournalWarning>,
    /// How many journal files were read.
    pub files: usize,
    /// Events missing from the folder that were taken from this computer's copy.
    pub kept_locally: Vec<Event>,
}

/// The files of a folder that are journals or leftovers of journals, sorted by name.
pub fn folder_files(folder: &Path) -> Result<Vec<(PathBuf, FileKind)>, JournalError> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(err("list", folder)(e)),
    };
    let mut files: Vec<(PathBuf, FileKind)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .map(|p| {
            let kind = classify(&p);
            (p, kind)
        })
        .filter(|(p, kind)| *kind != FileKind::Other && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The journal files of a folder (conflicted copies included), sorted by name.
pub fn journal_files(folder: &Path) -> Result<Vec<PathBuf>, JournalError> {
    Ok(folder_files(folder)?
        .into_iter()
        .filter(|(_, kind)| matches!(kind, FileKind::Journal | FileKind::ConflictCopy))
        .map(|(p, _)| p)
        .collect())
}

/// One file as read: its events, what was wrong, and the length of its complete lines.
#[derive(Debug, Default)]
pub struct FileRead {
    pub events: Vec<Event>,
    pub warnings: Vec<JournalWarning>,
    /// Bytes up to and including the last newline: what has been read for good.
    pub complete: u64,
}

/// Reads every journal file of `folder` and merges their events. With `seen`, events this
/// computer read before and that are gone from the folder are kept, and the loss is reported.
pub fn read_folder(folder: &Path, seen: Option<&Seen>) -> Result<ReadBack, JournalError> {
    let listed = folder_files(folder)?;
    let note = |path: &PathBuf, kind| JournalWarning {
        file: path.clone(),
        line: 0,
        kind,
    };
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    for (path, kind) in listed {
        match kind {
            FileKind::Journal => files.push(path),
            FileKind::ConflictCopy => {
                warnings.push(note(&path, WarningKind::ConflictCopy));
                files.push(path);
            }
            FileKind::Partial => warnings.push(note(&path, WarningKind::Partial)),
            FileKind::Other => {}
        }
    }
    // One thread per file: each writer's file parses on its own core.
    let parsed: Vec<FileRead> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .iter()
            .map(|path| scope.spawn(move || read_file(path)))
            .collect();
        workers
            .into_iter()
            .zip(&files)
            .map(|(w, path)| {
                w.join().unwrap_or_else(|_| FileRead {
                    warnings: vec![note(path, WarningKind::Unreadable("parser failed".into()))],
                    ..FileRead::default()
                })
            })
            .collect()
    });
    let lengths: Vec<(PathBuf, u64)> = files
        .iter()
        .zip(&parsed)
        .map(|(p, r)| (p.clone(), r.complete))
        .collect();
    let mut runs = Vec::with_capacity(parsed.len());
    for r in parsed {
        runs.push(r.events);
        warnings.extend(r.warnings);
    }
    let mut back = ReadBack {
        files: files.len(),
        events: merge_runs(runs),
        warnings,
        kept_locally: Vec::new(),
    };
    if let Some(seen) = seen {
        seen.reconcile(folder, &lengths, &mut back);
    }
    Ok(back)
}

/// Reads and parses one journal file, a buffer at a time.
fn read_file(path: &Path) -> FileRead {
    let mut read = FileRead::default();
    match fs::File::open(path) {
        Ok(file) => {
            // Room for lines of 100 bytes or more: reserved, not touched, until used.
            let len = file.metadata().map_or(0, |m| m.len());
            read.events.reserve(usize::try_from(len / 100).unwrap_or(0));
            let reader = io::BufReader::with_capacity(1 << 16, file);
            read.complete = parse_lines(path, reader, &mut read.events, &mut read.warnings);
        }
        Err(e) => read.warnings.push(JournalWarning {
            file: path.to_path_buf(),
            line: 0,
            kind: WarningKind::Unreadable(e.to_string()),
        }),
    }
    read
}

/// Parses one file's bytes: every intact event is kept, every damaged line reported.
#[cfg(test)]
pub fn parse_file(
    path: &Path,
    bytes: &[u8],
    events: &mut Vec<Event>,
    warnings: &mut Vec<JournalWarning>,
) {
    parse_lines(path, bytes, events, warnings);
}

/// Parses lines from `reader`. A last line without its newline is a torn write if it does not
/// parse; a read error ends the file with a warning. Returns the length of the complete lines.
pub fn parse_lines(
    path: &Path,
    mut reader: impl io::BufRead,
    events: &mut Vec<Event>,
    warnings: &mut Vec<JournalWarning>,
) -> u64 {
    let mut complete = 0;
    let mut line = Vec::new();
    for number in 1.. {
        let warn = |kind| JournalWarning {
            file: path.to_path_buf(),
            line: number,
            kind,
        };
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                warnings.push(warn(WarningKind::Unreadable(e.to_string())));
                break;
            }
        }
        let (raw, is_last) = match line.strip_suffix(b"\n") {
            Some(raw) => (raw, false),
            None => (line.as_slice(), true),
        };
        if !is_last {
            complete += line.len() as u64;
        }
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // One vectorised UTF-8 check of the line spares the parser a check of every string.
        let Ok(text) = simdutf8::basic::from_utf8(raw) else {
            let kind = if is_last {
                WarningKind::TornTail
            } else {
                WarningKind::NotUtf8
            };
            warnings.push(warn(kind));
            continue;
        };
        match serde_json::from_str::<Event>(text) {
            Ok(event) => events.push(event),
            Err(_) if is_last => warnings.push(warn(WarningKind::TornTail)),
            Err(e) => warnings.push(warn(WarningKind::BadLine(shorten(e.to_string())))),
        }
    }
    complete
}

/// The parser's words about a bad line, cut to a readable length: they may quote the whole
/// line, and a damaged line can be megabytes long.
fn shorten(message: String) -> String {
    const HEAD: usize = 100;
    const TAIL: usize = 80;
    let chars = message.chars().count();
    if chars <= HEAD + TAIL {
        return message;
    }
    let head: String = message.chars().take(HEAD).collect();
    let tail: String = message.chars().skip(chars - TAIL).collect();
    format!("{head}…{tail}")
}

/// A cheap fingerprint of the folder's journal files (names, sizes, modification times):
/// when it changes, another writer has appended and the journal should be read again.
pub fn fingerprint(folder: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    journal_files(folder)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let meta = fs::metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect()
}
