//! The one sequence by which the record is read: read the folder, word what it had to tell,
//! fold it with the changes not written yet, and keep what spares the next read work. The
//! dashboard runs it on its loader thread; every command runs it in line.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::folded::FoldedSnapshot;
use crate::i18n::{self, Lang};
use crate::journal::{self, Event, Later, Marks, Refused, Store};
use crate::plan::LoadedPlan;
use crate::progress::{self, Digest, Progress};

/// What to read and fold, and as of when.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    pub plan: &'a LoadedPlan,
    pub store: &'a Store,
    pub lang: Lang,
    pub today: Date,
    /// Events after it are left out (a past day looked back at).
    pub until: Option<Timestamp>,
    /// Keep the folded snapshot of this fold (what `status` and the dashboard's first frame
    /// start from); a read whose start came from it, or a command that changes the record at
    /// once, has no use for it.
    pub keep_folded: bool,
}

/// One read and fold of the folder.
#[derive(Debug)]
pub struct Loaded {
    /// The state; `None` when the folder could not be read at all (the warning says why).
    pub progress: Option<Progress>,
    /// What the read had to tell, in words, most serious first.
    pub warnings: Vec<String>,
    /// The events kept out of the state, for the history to show.
    pub refused: Vec<Refused>,
    /// How far a clean read went in each file: what reading on from there starts at.
    pub marks: Option<Marks>,
    /// What is left to keep once the state is shown.
    pub after: Option<Keep>,
}

/// What a read leaves to keep once its state is shown, as it needs no event: this computer's
/// copy of the lines read, and the folded snapshot of the fold.
#[derive(Debug)]
pub struct Keep {
    lang: Lang,
    later: Option<Later>,
    folded: Option<(FoldedSnapshot, u64, Marks, Digest)>,
}

impl Keep {
    /// Keeps it; trouble with the copy, in words.
    pub fn run(self) -> Option<String> {
        if let Some((snapshot, plan, marks, digest)) = &self.folded {
            // Not kept is only slower next time.
            let _ = snapshot.write(*plan, marks, digest);
        }
        let trouble = self.later.and_then(Later::keep_copy)?;
        Some(i18n::journal_warning(self.lang, &trouble))
    }
}

impl Reading<'_> {
    /// Reads the whole folder and folds it with `pending` (changes shown but not written yet).
    /// What spares the next read work (this computer's copy of the lines, the snapshot of the
    /// events, the folded snapshot of the state) is kept when nothing unwritten is mixed in.
    /// What needs no event is left in [`Loaded::after`], for once the state is shown.
    pub fn load(&self, pending: &[Event]) -> Loaded {
        let lang = self.lang;
        let mut back = match self.store.read_keeping_later() {
            Ok(back) => back,
            Err(e) => {
                return Loaded {
                    progress: None,
                    warnings: vec![i18n::journal_error(lang, &e)],
                    refused: Vec::new(),
                    marks: None,
                    after: None,
                };
            }
        };
        let warnings: Vec<String> = back
            .warnings
            .iter()
            .map(|w| i18n::journal_warning(lang, w))
            .collect();
        let mut later = back.later.take();
        let events = if pending.is_empty() {
            back.events
        } else {
            journal::merge(back.events.iter().chain(pending.iter().cloned())).into()
        };
        // What the read held besides the events goes back before the fold takes its room.
        progress::trim_memory();
        let progress = progress::fold_until(self.plan, events, self.today, self.until);
        let mut after = None;
        if pending.is_empty() {
            if let Some(later) = &mut later {
                later.keep_snapshot(&progress.events);
            }
            let folded = match (
                self.keep_folded,
                self.until,
                &back.marks,
                FoldedSnapshot::of(self.store),
            ) {
                (true, None, Some(marks), Some(snapshot)) => Some((
                    snapshot,
                    self.plan.fingerprint(),
                    marks.clone(),
                    Digest::of(self.plan, &progress),
                )),
                _ => None,
            };
            after = Some(Keep {
                lang,
                later,
                folded,
            });
        }
        Loaded {
            progress: Some(progress),
            warnings,
            refused: back.refused,
            marks: back.marks,
            after,
        }
    }
}
