//! The loader: one thread that does every read of the folder, every fold and every write of
//! this computer's copy and snapshots, so that the screen thread never waits for data. It
//! answers one job at a time, in the order asked, and calls `notify` after each answer.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::SystemTime;

use jiff::Timestamp;
use jiff::civil::Date;

use super::load::{Keep, Loaded, Reading};
use crate::i18n::Lang;
use crate::journal::{self, Event, Marks, ReadBack, Store};
use crate::plan::LoadedPlan;
use crate::progress::Progress;

/// Each journal file's name, length and modification time: when it changes, someone wrote.
pub type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// What the loader is asked to do.
#[derive(Debug)]
pub enum Job {
    /// Look at the folder; if it is not as `seen`, read what was appended since `marks` (or
    /// the whole folder, when that cannot be done), folding the whole with `pending`.
    Look {
        seen: Fingerprint,
        marks: Option<Marks>,
        pending: Vec<Event>,
    },
    /// Read and fold the whole folder with `pending`; with `keep_folded`, keep the folded
    /// snapshot of the fold (not when it was where the state shown came from).
    Whole {
        pending: Vec<Event>,
        keep_folded: bool,
    },
    /// Bring this computer's copy up to date with this officer's appends.
    Settle,
    /// Let go of a state no longer shown (at a city's size freeing it takes a while).
    Drop(Box<Progress>),
}

/// What a job gave.
#[derive(Debug)]
pub enum Answer {
    /// The folder is as it was seen.
    Same,
    /// The events appended since the marks, alone, and how the folder looked before reading.
    Appended {
        back: Box<ReadBack>,
        seen: Fingerprint,
    },
    /// Trouble keeping this computer's copy after a read, in words.
    Trouble(String),
    /// A whole read and fold, and how the folder looked before reading.
    Whole {
        loaded: Box<Loaded>,
        seen: Fingerprint,
    },
}

/// What the loader reads with: its own handles on the plan and the store.
#[derive(Debug, Clone)]
pub struct Source {
    pub plan: Arc<LoadedPlan>,
    pub store: Store,
    pub lang: Lang,
    pub today: Date,
    pub until: Option<Timestamp>,
}

impl Answer {
    /// What the answer leaves to keep once it is shown.
    pub fn take_after(&mut self) -> Option<Keep> {
        match self {
            Answer::Whole { loaded, .. } => loaded.after.take(),
            _ => None,
        }
    }
}

impl Source {
    fn reading(&self, keep_folded: bool) -> Reading<'_> {
        Reading {
            plan: &self.plan,
            store: &self.store,
            lang: self.lang,
            today: self.today,
            until: self.until,
            keep_folded,
        }
    }

    /// Does one job; `None` for those that answer nothing.
    pub fn run(&self, job: Job) -> Option<Answer> {
        match job {
            Job::Look {
                seen,
                marks,
                pending,
            } => {
                let fresh = journal::fingerprint(self.store.folder());
                if fresh == seen {
                    return Some(Answer::Same);
                }
                let appended = marks
                    .filter(|_| self.until.is_none())
                    .and_then(|m| self.store.read_appended(&m).ok().flatten());
                Some(match appended {
                    Some(back) => Answer::Appended {
                        back: Box::new(back),
                        seen: fresh,
                    },
                    None => Answer::Whole {
                        loaded: Box::new(self.reading(true).load(&pending)),
                        seen: fresh,
                    },
                })
            }
            Job::Whole {
                pending,
                keep_folded,
            } => {
                let seen = journal::fingerprint(self.store.folder());
                let loaded = Box::new(self.reading(keep_folded).load(&pending));
                Some(Answer::Whole { loaded, seen })
            }
            Job::Settle => {
                self.store.settle();
                None
            }
            Job::Drop(progress) => {
                drop(progress);
                crate::progress::trim_memory();
                None
            }
        }
    }
}

/// The loader thread, and the way to it and back.
#[derive(Debug)]
pub struct Loader {
    jobs: Option<Sender<Job>>,
    answers: Receiver<Answer>,
    /// Set when the session ends: reads still asked for are not begun.
    closing: Arc<AtomicBool>,
    /// Set while the thread reads: a read no one will see is not waited for at the end.
    reading: Arc<AtomicBool>,
    /// Closed when the thread ends.
    ended: Receiver<()>,
    /// Jobs asked that answer and have not yet been taken.
    waiting: usize,
    /// The thread ended before its answers were taken.
    gone: bool,
}

/// What the loader calls after each answer, to wake whoever waits for it.
pub type Notify = Box<dyn Fn() + Send>;

impl Loader {
    /// Starts the thread; `None` when no thread can be had (then jobs are done in line).
    pub fn spawn(source: Source, notify: Notify) -> Option<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, answers) = mpsc::channel();
        let closing = Arc::new(AtomicBool::new(false));
        let reading = Arc::new(AtomicBool::new(false));
        let (closed, busy) = (Arc::clone(&closing), Arc::clone(&reading));
        let (end, ended) = mpsc::channel::<()>();
        // The thread is not joined: its end is told by `ended`.
        std::thread::Builder::new()
            .name("loader".into())
            .spawn(move || {
                // Dropped when the thread ends, which tells whoever waits for it.
                let _end = end;
                for job in inbox {
                    let read = matches!(job, Job::Look { .. } | Job::Whole { .. });
                    if read && closed.load(Ordering::Acquire) {
                        continue;
                    }
                    busy.store(read, Ordering::Release);
                    let answer = source.run(job);
                    busy.store(false, Ordering::Release);
                    let Some(mut answer) = answer else {
                        continue;
                    };
                    // What needs no event is kept once the answer is on its way.
                    let after = answer.take_after();
                    if outbox.send(answer).is_err() {
                        break;
                    }
                    notify();
                    if let Some(words) = after.and_then(Keep::run) {
                        if outbox.send(Answer::Trouble(words)).is_err() {
                            break;
                        }
                        notify();
                    }
                }
            })
            .ok()?;
        Some(Self {
            jobs: Some(jobs),
            answers,
            closing,
            reading,
            ended,
            waiting: 0,
            gone: false,
        })
    }

    /// Asks for a job; the job back when the thread is gone (it ends only if it failed), to be
    /// done in line.
    pub fn ask(&mut self, job: Job) -> Result<(), Job> {
        let answers = !matches!(job, Job::Settle | Job::Drop(_));
        match &self.jobs {
            Some(jobs) => jobs.send(job).map_err(|e| e.0)?,
            None => return Err(job),
        }
        if answers {
            self.waiting += 1;
        }
        Ok(())
    }

    /// Whether the thread is gone (it failed): answers asked for will not come.
    pub fn is_gone(&self) -> bool {
        self.gone
    }

    /// Whether an answer is still to come.
    pub fn busy(&self) -> bool {
        self.waiting > 0
    }

    /// The next answer if it is there.
    pub fn try_take(&mut self) -> Option<Answer> {
        match self.answers.try_recv() {
            Ok(answer) => {
                // Trouble comes after the answer it follows, unasked.
                if !matches!(answer, Answer::Trouble(_)) {
                    self.waiting = self.waiting.saturating_sub(1);
                }
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.waiting = 0;
                self.gone = true;
                None
            }
        }
    }

    /// The next answer, waiting for it (the first frame of a start with nothing to show).
    pub fn take(&mut self) -> Option<Answer> {
        if self.waiting == 0 {
            return None;
        }
        let answer = self.answers.recv().ok();
        self.waiting = self.waiting.saturating_sub(1);
        answer
    }
}

impl Drop for Loader {
    /// Lets the writes under way or asked for finish (this computer's copy of an officer's
    /// change, a snapshot), never begins a read, and does not wait for a read under way, whose
    /// answer no one would see: quitting during a long read is not held up by it. What a read
    /// cut short would have kept, the next read keeps.
    fn drop(&mut self) {
        self.closing.store(true, Ordering::Release);
        self.jobs = None;
        loop {
            match self.ended.recv_timeout(std::time::Duration::from_millis(5)) {
                Err(RecvTimeoutError::Timeout) if !self.reading.load(Ordering::Acquire) => {}
                _ => break,
            }
        }
    }
}
