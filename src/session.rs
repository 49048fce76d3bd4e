//! One plan's record as it is worked on: the plan, the journal's store, the folded state and the
//! changes not written yet. The dashboard holds one, its reads done by the loader thread; every
//! command reads through the same sequence ([`Reading::load`]) in line.

mod load;
mod loader;

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use crate::context::Context;
use crate::edit;
use crate::folded;
use crate::i18n::{self, Lang};
use crate::journal::{self, Event, Events, Marks, ReadBack, Store};
use crate::plan::LoadedPlan;
use crate::progress::{self, Progress};

pub use load::{Keep, Loaded, Reading};
pub use loader::Notify;
use loader::{Answer, Fingerprint, Job, Loader, Source};

/// The record of one plan, as shown.
#[derive(Debug)]
pub struct Session {
    pub plan: Arc<LoadedPlan>,
    pub store: Store,
    pub lang: Lang,
    pub today: Date,
    /// Set when looking back at a past day: events after it are left out, and nothing can be
    /// changed.
    pub until: Option<Timestamp>,
    pub progress: Progress,
    /// Changes that could not be written yet: shown as unsaved, retried on every tick.
    pub pending: Vec<Event>,
    /// Why the journal cannot be written right now.
    pub save_error: Option<String>,
    /// What the last read of the folder had to tell, in words.
    pub read_warnings: Vec<String>,
    /// The state shown is the folded snapshot's: the events, and with them every history, are
    /// still being read.
    pub loading: bool,
    /// How far the last clean read went in each file: a colleague's change is then read alone.
    marks: Option<Marks>,
    /// How the folder looked at the last read.
    fingerprint: Fingerprint,
    /// The thread that reads; `None`: reads are done in line (commands, tests).
    loader: Option<Loader>,
    /// Changes made since the loader was asked to read: its answer may not hold them yet.
    since: Vec<Event>,
    /// How many times the folder was read whole (tests).
    #[cfg(test)]
    pub(crate) whole_reads: usize,
}

impl Session {
    /// The session of `ctx`, read and folded before it returns.
    pub fn open(ctx: Context) -> Self {
        let mut session = Self::unread(ctx);
        session.ask(Job::Whole {
            pending: Vec::new(),
            keep_folded: true,
        });
        session
    }

    /// The session of `ctx` for the dashboard: its reads are done on a loader thread, which
    /// calls `notify` when an answer is there to [`Session::poll`]. It starts from the folded
    /// snapshot when there is one it can trust, the events still being read; else it waits for
    /// the first read, as there is nothing true to show before it.
    pub fn start(ctx: Context, notify: Notify) -> Self {
        let mut session = Self::unread(ctx);
        session.loader = Loader::spawn(session.source(), notify);
        let (_, kept) = folded::open(&session.store, &session.plan, session.until, session.today);
        if let Some(folded) = kept {
            session.progress = folded.into_progress();
            session.loading = true;
        }
        let keep_folded = !session.loading;
        session.ask(Job::Whole {
            pending: Vec::new(),
            keep_folded,
        });
        if !session.loading && session.loader.is_some() {
            match session.loader.as_mut().and_then(Loader::take) {
                Some(answer) => {
                    session.take(answer);
                }
                // The thread ended without an answer: the first read is done here, as there is
                // nothing to show without it.
                None => {
                    session.loader = None;
                    session.ask(Job::Whole {
                        pending: Vec::new(),
                        keep_folded: true,
                    });
                }
            }
        }
        session
    }

    /// The session before its journal is read: every task as the plan has it.
    fn unread(ctx: Context) -> Self {
        let Context {
            lang,
            plan,
            store,
            today,
            until,
            ..
        } = ctx;
        let progress = Progress::unfolded(&plan, today);
        Self {
            plan: Arc::new(plan),
            store,
            lang,
            today,
            until,
            progress,
            pending: Vec::new(),
            save_error: None,
            read_warnings: Vec::new(),
            loading: false,
            marks: None,
            fingerprint: Vec::new(),
            loader: None,
            since: Vec::new(),
            #[cfg(test)]
            whole_reads: 0,
        }
    }

    /// What a read needs, for the loader or a read in line.
    fn source(&self) -> Source {
        Source {
            plan: Arc::clone(&self.plan),
            store: self.store.clone(),
            lang: self.lang,
            today: self.today,
            until: self.until,
        }
    }

    /// Whether an event is still waiting to be written.
    pub fn is_pending(&self, event: &Event) -> bool {
        self.pending.iter().any(|p| p.id == event.id)
    }

    /// Hands `job` to the loader, or does it now when there is none; whether the state changed
    /// (only a job done now can change it).
    fn ask(&mut self, job: Job) -> bool {
        if matches!(job, Job::Look { .. } | Job::Whole { .. }) {
            self.since.clear();
        }
        let job = match &mut self.loader {
            Some(loader) => match loader.ask(job) {
                Ok(()) => return false,
                // The thread is gone: this job and the ones after it are done in line.
                Err(job) => {
                    self.loader = None;
                    job
                }
            },
            None => job,
        };
        let Some(mut answer) = self.source().run(job) else {
            return false;
        };
        let after = answer.take_after();
        let changed = self.take(answer);
        if let Some(words) = after.and_then(load::Keep::run) {
            self.read_warnings.push(words);
        }
        changed
    }

    /// Takes in the loader's answers that are there, without waiting; whether the state
    /// changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Some(answer) = self.loader.as_mut().and_then(Loader::try_take) {
            changed |= self.take(answer);
        }
        if self.loader.as_ref().is_some_and(Loader::is_gone) {
            // Its answers will not come: read again in line.
            self.loader = None;
            changed |= self.ask(Job::Whole {
                pending: self.pending.clone(),
                keep_folded: true,
            });
        }
        changed
    }

    /// Whether a read asked for has not answered yet.
    pub fn reading(&self) -> bool {
        self.loader.as_ref().is_some_and(Loader::busy)
    }

    /// Retries the unsaved changes and asks for a look at the folder (unless one is under
    /// way); whether the state shown may have changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = self.poll();
        if !self.pending.is_empty() {
            changed = true;
            self.flush();
        }
        if !self.reading() {
            changed |= self.ask(Job::Look {
                seen: self.fingerprint.clone(),
                marks: self.marks.clone(),
                pending: self.pending.clone(),
            });
        }
        changed
    }

    /// Takes in one answer of the loader; whether the state changed.
    fn take(&mut self, answer: Answer) -> bool {
        match answer {
            Answer::Same => false,
            Answer::Trouble(words) => {
                self.read_warnings.push(words);
                true
            }
            Answer::Appended { back, seen } => {
                self.fingerprint = seen;
                self.take_appended(*back)
            }
            Answer::Whole { loaded, seen } => {
                let loaded = *loaded;
                #[cfg(test)]
                {
                    self.whole_reads += 1;
                }
                self.fingerprint = seen;
                self.marks = loaded.marks;
                self.read_warnings = loaded.warnings;
                self.loading = false;
                match loaded.progress {
                    Some(progress) => self.show(progress),
                    // Unreadable before anything was shown: the plan with the changes made
                    // here, rather than nothing (the warning says why).
                    None if self.progress.nodes.len() != self.plan.nodes().len() => {
                        let events = journal::merge(self.pending.iter().cloned());
                        let fold = progress::fold_until(&self.plan, events, self.today, self.until);
                        self.show(fold);
                    }
                    // Unreadable now: what was read before stays shown.
                    None => {}
                }
                true
            }
        }
    }

    /// Shows a new fold, with the changes made since it was asked for.
    fn show(&mut self, mut progress: Progress) {
        let since = std::mem::take(&mut self.since);
        let missing = missing_from(&progress.events, since);
        if !missing.is_empty() {
            match progress.extend(&self.plan, missing) {
                Ok(()) => {}
                Err(missing) => {
                    // The state shown has them: it stays until a read holds them too.
                    self.ask(Job::Whole {
                        pending: self.pending.clone(),
                        keep_folded: true,
                    });
                    if self.reading() {
                        self.since = missing;
                    }
                    return;
                }
            }
        }
        let old = std::mem::replace(&mut self.progress, progress);
        self.let_go(old);
    }

    /// Frees a state no longer shown off the screen thread when there is a loader.
    fn let_go(&mut self, old: Progress) {
        match &mut self.loader {
            // A thread gone gives the state back, and it is freed here.
            Some(loader) => drop(loader.ask(Job::Drop(Box::new(old)))),
            None => {
                drop(old);
                progress::trim_memory();
            }
        }
    }

    /// Takes in what was appended to the folder since the last clean read. The writer's own
    /// changes read back are there already; a new line that reuses the id of an event read
    /// before with other content is for a whole read to settle.
    fn take_appended(&mut self, back: ReadBack) -> bool {
        // One pass over the events held, comparing ids with the few new ones (no hashing).
        let appended: Vec<Event> = back.events.iter().collect();
        let mut new_ids: Vec<(Uuid, usize)> = appended
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        new_ids.sort_unstable();
        let mut known = vec![false; appended.len()];
        let held = &self.progress.events;
        let mut agree = true;
        for (j, id) in held.ids().enumerate().filter(|_| !new_ids.is_empty()) {
            if let Ok(k) = new_ids.binary_search_by_key(&id, |&(id, _)| id) {
                let i = new_ids[k].1;
                if appended[i] != held.event(j) {
                    agree = false;
                    break;
                }
                known[i] = true;
            }
        }
        if !agree {
            self.marks = None;
            return self.ask(Job::Whole {
                pending: self.pending.clone(),
                keep_folded: true,
            });
        }
        self.marks = back.marks;
        let new: Vec<Event> = appended
            .into_iter()
            .zip(known)
            .filter_map(|(e, known)| (!known).then_some(e))
            .collect();
        !new.is_empty() && self.take_in(new)
    }

    /// Applies new events to their tasks when they come after everything folded so far;
    /// otherwise folds everything anew. Whether the state changed.
    fn take_in(&mut self, events: Vec<Event>) -> bool {
        match self.progress.extend(&self.plan, events) {
            Ok(()) => true,
            Err(events) => {
                let all = std::mem::take(&mut self.progress.events);
                let events: Events = journal::merge(all.iter().chain(events)).into();
                // Rare (a colleague's clock ahead of this one's): folded here, as the change
                // must show at once.
                let old = std::mem::replace(
                    &mut self.progress,
                    Progress::unfolded(&self.plan, self.today),
                );
                self.let_go(old);
                self.progress = progress::fold_until(&self.plan, events, self.today, self.until);
                true
            }
        }
    }

    /// Records `events`: written durably before they show; when the disk refuses, kept as
    /// unsaved and retried. Whether they were written now.
    pub fn commit(&mut self, mut events: Vec<Event>) -> bool {
        edit::mark_seen(&self.plan, &self.progress, &mut events);
        self.pending.extend(events.iter().cloned());
        if self.reading() {
            self.since.extend(events.iter().cloned());
        }
        self.flush();
        // New events are stamped after all that was seen, so they almost always only need
        // applying to their tasks.
        self.take_in(events);
        self.save_error.is_none()
    }

    /// Tries to write the unsaved changes.
    pub fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        match self.store.append(&self.pending) {
            Ok(before) => {
                self.pending.clear(); // already shown: they are in `progress.events`
                self.save_error = None;
                self.note_own_write(before);
            }
            Err(e) => self.save_error = Some(i18n::journal_error(self.lang, &e)),
        }
    }

    /// Updates the fingerprint for this writer's own file only, so that the next look does not
    /// read our own change again, yet still notices what other writers appended meanwhile. When
    /// the file was not as last read (`before` differs: another process of the same officer
    /// wrote to it), the fingerprint is left stale so the next look reads it.
    fn note_own_write(&mut self, before: u64) {
        let own = self.store.own_file();
        let seen = self.fingerprint.iter_mut().find(|(p, _, _)| *p == own);
        let now = std::fs::symlink_metadata(&own).ok();
        match seen {
            Some((_, len, modified)) if *len == before => {
                *len = now.as_ref().map_or(0, std::fs::Metadata::len);
                *modified = now.and_then(|m| m.modified().ok());
            }
            Some(_) => {}
            None if before == 0 => {
                let len = now.as_ref().map_or(0, std::fs::Metadata::len);
                self.fingerprint
                    .push((own, len, now.and_then(|m| m.modified().ok())));
                self.fingerprint.sort_by(|a, b| a.0.cmp(&b.0));
            }
            None => {}
        }
    }

    /// Ends the loader: reads not begun are dropped, the job under way and the writes asked
    /// for (this computer's copy, the snapshots) are finished first. Reads after it are done in
    /// line.
    pub fn close(&mut self) {
        self.loader = None;
    }

    /// What waits until the frame showing a change is drawn: this computer's copy of the
    /// journal takes in the changes saved since (nothing is asked when there are none).
    pub fn after_frame(&mut self) {
        if self.store.unsettled() {
            self.ask(Job::Settle);
        }
    }
}

/// Those of `since` whose ids `events` does not hold, in (time, id) order.
fn missing_from(events: &Events, mut since: Vec<Event>) -> Vec<Event> {
    if since.is_empty() {
        return since;
    }
    since.sort_by_key(|e| (e.at, e.id));
    let mut ids: Vec<Uuid> = since.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    let mut found = vec![false; ids.len()];
    for id in events.ids() {
        if let Ok(i) = ids.binary_search(&id) {
            found[i] = true;
        }
    }
    since.retain(|e| ids.binary_search(&e.id).map_or(true, |i| !found[i]));
    since
}
