//! One journal file's lines into events: every intact event of the file's writer kept, every
//! other line reported (folded per file), nothing rewritten.

#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};

use super::leftover::writer_of;
use super::lines::{Line, Lines, Source};
use super::marks::{Mark, Resume, Verified};
use super::names::file_stem_for;
use super::warning::{JournalWarning, REFUSED_LISTED, Refused, WarningKind, add};
use super::{Event, chain};

/// How far ahead of this computer's clock an event may be stamped before it is distrusted.
const AHEAD: SignedDuration = SignedDuration::from_hours(24);

/// What one file yielded.
#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    /// The line of each event, for warnings about it later.
    pub lines: Vec<u32>,
    pub warnings: Vec<JournalWarning>,
    /// Events kept out of the state, the first [`REFUSED_LISTED`] of them.
    pub refused: Vec<Refused>,
    /// Bytes up to and including the last line break: what has been read for good.
    pub complete: u64,
    /// Where the parser stood after the last complete line, to go on from there.
    pub resume: Resume,
    /// How far the file was read, when nothing in it was worth a warning: what a snapshot
    /// keeps of it.
    pub mark: Option<Mark>,
    /// That the file was found to start with the bytes of the mark it was read from, and its
    /// stamp then, when it was last written long enough before.
    pub verified: Option<Verified>,
}

/// Checks the lines of one file: whose they are, when they claim to be.
pub struct Parser {
    path: PathBuf,
    /// The writer the file belongs to, lower-cased; `None` accepts any (tests, legacy copies).
    writer: Option<String>,
    latest_allowed: Timestamp,
    /// The time of the last trusted event of the file, where a future one is placed.
    last_trusted: Option<Timestamp>,
    /// Where a future event is placed when no trusted one came before it.
    fallback: Timestamp,
    /// Whether lines are checked against the checksum each names of the line before it (not in
    /// the local copy, whose runs leave lines out).
    chained: bool,
    /// The checksum of the last line read, as the next line should name it.
    prev: Option<u32>,
    /// The last `user` found to be the writer's, so that most lines are checked by one compare.
    accepted: String,
}

impl Parser {
    /// A parser for the file at `path`, whose writer follows from its name.
    pub fn new(path: PathBuf, fallback: Timestamp) -> Self {
        let writer = writer_of(&path).map(|w| w.to_lowercase());
        Self::with_writer(path, writer, fallback)
    }

    /// A parser for lines that came from `path` but belong to `writer`.
    pub fn with_writer(path: PathBuf, writer: Option<String>, fallback: Timestamp) -> Self {
        let now = crate::clock::now();
        Self {
            path,
            writer,
            latest_allowed: now.checked_add(AHEAD).unwrap_or(now),
            last_trusted: None,
            fallback: fallback.min(now),
            chained: true,
            prev: None,
            accepted: String::new(),
        }
    }

    /// The same parser, going on where `resume` says an earlier one stopped.
    pub fn resumed(mut self, resume: &Resume) -> Self {
        self.prev = resume.prev;
        self.last_trusted = resume
            .last_trusted
            .and_then(|ns| Timestamp::from_nanosecond(ns).ok());
        self
    }

    /// The same parser, not checking the chain of lines: for lines gathered from many places.
    pub fn unchained(mut self) -> Self {
        self.chained = false;
        self
    }

    /// The time of the last trusted event read, else where a future one would be placed.
    pub fn last_trusted(&self) -> Timestamp {
        self.last_trusted.unwrap_or(self.fallback)
    }

    fn warn(&self, out: &mut Parsed, line: usize, kind: WarningKind) {
        add(
            &mut out.warnings,
            JournalWarning::new(self.path.clone(), line, kind),
        );
    }

    /// Reads every line of `lines` into `out`.
    pub fn read_all<R: Source>(&mut self, lines: &mut Lines<R>, out: &mut Parsed) {
        let mut buf = Vec::new();
        loop {
            match lines.next_into(&mut buf) {
                Ok(Some(line)) => self.line(&buf, line, out),
                Ok(None) => break,
                Err(e) => {
                    self.warn(out, 0, WarningKind::Unreadable(e.to_string()));
                    break;
                }
            }
        }
    }

    /// Checks one line; an intact event of this file's writer joins `out.events`.
    pub fn line(&mut self, raw: &[u8], line: Line, out: &mut Parsed) {
        self.check(raw, line, out);
        if line.complete {
            out.complete = line.end;
            out.resume = Resume {
                lines: line.number,
                prev: self.prev,
                last_trusted: self.last_trusted.map(Timestamp::as_nanosecond),
            };
        }
    }

    fn check(&mut self, raw: &[u8], line: Line, out: &mut Parsed) {
        if let Some(len) = line.too_long {
            self.prev = None;
            self.warn(out, line.number, WarningKind::TooLong(len));
            return;
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        if self.chained {
            if chain::claimed(raw).is_some_and(|c| self.prev != Some(c)) {
                self.warn(out, line.number, WarningKind::ChainBroken);
            }
            self.prev = Some(chain::sum(raw));
        }
        // One vectorised UTF-8 check of the line spares the parser a check of every string.
        let Ok(text) = simdutf8::basic::from_utf8(raw) else {
            let kind = if line.complete {
                WarningKind::NotUtf8
            } else {
                WarningKind::TornTail
            };
            self.warn(out, line.number, kind);
            return;
        };
        // A line not yet closed by its line break is a write still going on or cut short: even
        // when it parses, it is taken once it is whole, never before (it is not read for good,
        // and this computer's copy of events only holds what is).
        if !line.complete {
            return self.warn(out, line.number, WarningKind::TornTail);
        }
        let mut event = match serde_json::from_str::<Event>(text) {
            Ok(event) => event,
            Err(e) => {
                // Within one line serde's "line 1" only misleads: the column tells where.
                let full = e.to_string();
                let place = format!(" at line {} column {}", e.line(), e.column());
                let what = full.strip_suffix(&place).unwrap_or(&full);
                let reason = shorten(format!("column {}: {what}", e.column()));
                return self.warn(out, line.number, WarningKind::BadLine(reason));
            }
        };
        if let Some(writer) = &self.writer
            && event.user != self.accepted
            && file_stem_for(&event.user).to_lowercase() != *writer
        {
            let why = WarningKind::Forged {
                claims: shorten(event.user.to_string()),
            };
            if out.refused.len() < REFUSED_LISTED {
                out.refused.push(Refused {
                    event,
                    file: self.path.clone(),
                    line: line.number,
                    why: why.clone(),
                });
            }
            return self.warn(out, line.number, why);
        }
        if self.writer.is_some() && event.user != self.accepted {
            self.accepted = event.user.to_string();
        }
        if event.at > self.latest_allowed {
            let placed = self.last_trusted.unwrap_or(self.fallback);
            let claimed = event.at;
            self.warn(
                out,
                line.number,
                WarningKind::FromFuture { claimed, placed },
            );
            event.at = placed;
        } else {
            self.last_trusted = Some(event.at);
        }
        out.events.push(event);
        out.lines
            .push(u32::try_from(line.number).unwrap_or(u32::MAX));
    }
}

/// Reads and parses one file's bytes (tests).
#[cfg(test)]
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Parsed {
    let mut out = Parsed::default();
    let mut lines = Lines::new(bytes, 0, u64::MAX);
    Parser::with_writer(path.to_path_buf(), None, Timestamp::now()).read_all(&mut lines, &mut out);
    out
}

/// Words from a file or its parser, cut to a readable length: they may quote a whole line, and
/// a damaged line can be a megabyte long.
pub fn shorten(message: String) -> String {
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
