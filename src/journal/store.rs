//! Durable, locked appends to the writer's own file and tolerant read-back of the whole folder.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Event, merge_runs};
use crate::storage::{Disk, Storage};

/// The journal folder of one plan, and the file this writer appends to.
#[derive(Debug, Clone)]
pub struct Store {
    folder: PathBuf,
    user: String,
    storage: Arc<dyn Storage>,
}

/// A failure to write or list the journal, with the path and the step that failed.
#[derive(Debug, thiserror::Error)]
#[error("{op} {path}: {source}")]
pub struct JournalError {
    pub op: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Something in a journal file that was skipped on reading; the file itself is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalWarning {
    pub file: PathBuf,
    pub line: usize,
    pub kind: WarningKind,
}

/// Why a line was skipped.
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
}

/// Every event of the folder, merged, and what was skipped.
#[derive(Debug, Default, Clone)]
pub struct ReadBack {
    pub events: Vec<Event>,
    pub warnings: Vec<JournalWarning>,
    /// How many journal files were read.
    pub files: usize,
}

/// A file name stem safe on every file system, from a user or plan id.
pub fn file_stem_for(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('.');
    if stem.is_empty() {
        "_".to_string()
    } else {
        stem.to_string()
    }
}

fn err<'a>(op: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> JournalError + 'a {
    move |source| JournalError {
        op,
        path: path.to_path_buf(),
        source,
    }
}

impl Store {
    /// The store of plan `plan_id` under `data_dir`, writing as `user`.
    pub fn new(data_dir: &Path, plan_id: &str, user: &str) -> Self {
        Self {
            folder: data_dir.join(file_stem_for(plan_id)),
            user: user.to_string(),
            storage: Arc::new(Disk),
        }
    }

    /// The same store, writing through `storage` (tests inject failures this way).
    pub fn with_storage(mut self, storage: Arc<dyn Storage>) -> Self {
        self.storage = storage;
        self
    }

    /// The plan's journal folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The user this store writes as.
    pub fn user(&self) -> &str {
        &self.user
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
    pub fn append(&self, events: &[Event]) -> Result<u64, JournalError> {
        if events.is_empty() {
            return Ok(0);
        }
        let mut buf = Vec::new();
        for e in events {
            serde_json::to_writer(&mut buf, e)
                .map_err(|e| err("encode", &self.folder)(io::Error::other(e)))?;
            buf.push(b'\n');
        }
        let disk = &self.storage;
        disk.create_dir_all(&self.folder)
            .map_err(err("create folder", &self.folder))?;
        let lock_path = self.lock_file();
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(err("open lock", &lock_path))?;
        lock.lock().map_err(err("lock", &lock_path))?;
        let path = self.own_file();
        let existed = path.exists();
        let mut file = disk.open_append(&path).map_err(err("open", &path))?;
        let before = file.len().map_err(err("read", &path))?;
        if file
            .last_byte()
            .map_err(err("read", &path))?
            .is_some_and(|b| b != b'\n')
        {
            buf.insert(0, b'\n');
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
        drop(lock);
        Ok(before)
    }

    /// Reads and merges every journal file of the folder. A missing folder is an empty journal.
    pub fn read(&self) -> Result<ReadBack, JournalError> {
        read_folder(&self.folder)
    }
}

/// The journal files of a folder, sorted by name.
pub fn journal_files(folder: &Path) -> Result<Vec<PathBuf>, JournalError> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(err("list", folder)(e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every journal file of `folder` and merges their events.
pub fn read_folder(folder: &Path) -> Result<ReadBack, JournalError> {
    let files = journal_files(folder)?;
    // One thread per file: each writer's file parses on its own core.
    let parsed: Vec<(Vec<Event>, Vec<JournalWarning>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .iter()
            .map(|path| scope.spawn(move || read_file(path)))
            .collect();
        workers
            .into_iter()
            .zip(&files)
            .map(|(w, path)| {
                w.join().unwrap_or_else(|_| {
                    let kind = WarningKind::Unreadable("parser failed".into());
                    let warning = JournalWarning {
                        file: path.clone(),
                        line: 0,
                        kind,
                    };
                    (Vec::new(), vec![warning])
                })
            })
            .collect()
    });
    let mut back = ReadBack {
        files: files.len(),
        ..ReadBack::default()
    };
    let mut runs = Vec::with_capacity(parsed.len());
    for (e, w) in parsed {
        runs.push(e);
        back.warnings.extend(w);
    }
    back.events = merge_runs(runs);
    Ok(back)
}

/// Reads and parses one journal file, a buffer at a time.
fn read_file(path: &Path) -> (Vec<Event>, Vec<JournalWarning>) {
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    match fs::File::open(path) {
        Ok(file) => {
            // Room for lines of 100 bytes or more: reserved, not touched, until used.
            let len = file.metadata().map_or(0, |m| m.len());
            events.reserve(usize::try_from(len / 100).unwrap_or(0));
            let reader = io::BufReader::with_capacity(1 << 16, file);
            parse_lines(path, reader, &mut events, &mut warnings);
        }
        Err(e) => warnings.push(JournalWarning {
            file: path.to_path_buf(),
            line: 0,
            kind: WarningKind::Unreadable(e.to_string()),
        }),
    }
    (events, warnings)
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
/// parse; a read error ends the file with a warning.
fn parse_lines(
    path: &Path,
    mut reader: impl io::BufRead,
    events: &mut Vec<Event>,
    warnings: &mut Vec<JournalWarning>,
) {
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
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // The parser checks UTF-8 inside strings itself; the whole line is checked only when
        // it fails, to say why.
        match serde_json::from_slice::<Event>(raw) {
            Ok(event) => events.push(event),
            Err(_) if is_last => warnings.push(warn(WarningKind::TornTail)),
            Err(_) if std::str::from_utf8(raw).is_err() => {
                warnings.push(warn(WarningKind::NotUtf8))
            }
            Err(e) => warnings.push(warn(WarningKind::BadLine(shorten(e.to_string())))),
        }
    }
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
