//! A program in a pseudo-terminal, seen through a terminal emulator. One thread only reads the
//! terminal and stamps each chunk with the moment it was read; a second feeds the chunks to the
//! emulator (about 2 µs a byte) and checks the screen after each one. A moment on screen is the
//! read time of the chunk that made it so, never the later moment the emulator got there.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Rows and columns of the terminal.
pub const ROWS: u16 = 48;
pub const COLS: u16 = 160;

/// How long anything may take before the session is declared stuck.
const PATIENCE: Duration = Duration::from_secs(300);

/// A test of the screen, run after every chunk while it is armed.
pub type Check = Box<dyn Fn(&vt100::Screen) -> bool + Send>;

struct State {
    parser: vt100::Parser,
    /// Bytes the program wrote.
    bytes: u64,
    /// When the emulator last took a chunk in.
    last_fed: Instant,
    /// The test armed, and the read time of the chunk after which it first held.
    check: Option<Check>,
    hit: Option<Instant>,
    /// While recording: each chunk's read time and the screen's text after it.
    log: Option<Vec<(Instant, String)>>,
    /// The program closed the terminal (it ended).
    closed: bool,
}

/// A running program and what it has drawn.
pub struct Session {
    shared: Arc<(Mutex<State>, Condvar)>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `cmd` with `check` armed; returns the session and the moment just before the
    /// program was started.
    pub fn spawn(cmd: CommandBuilder, check: Check) -> (Session, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let shared = Arc::new((
            Mutex::new(State {
                parser: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
                bytes: 0,
                last_fed: Instant::now(),
                check: Some(check),
                hit: None,
                log: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let keys = pair.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
        let start = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            while let Ok(n) = reader.read(&mut buf) {
                let at = Instant::now();
                if n == 0 || tx.send((at, buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let s = Arc::clone(&shared);
        std::thread::spawn(move || {
            for (at, chunk) in rx {
                let (lock, changed) = &*s;
                let mut g = lock.lock().unwrap();
                g.parser.process(&chunk);
                g.bytes += chunk.len() as u64;
                g.last_fed = Instant::now();
                let held = g.check.as_ref().is_some_and(|c| c(g.parser.screen()));
                if held {
                    g.check = None;
                    g.hit = Some(at);
                }
                if g.log.is_some() {
                    let text = g.parser.screen().contents();
                    g.log.as_mut().unwrap().push((at, text));
                }
                changed.notify_all();
            }
            let (lock, changed) = &*s;
            lock.lock().unwrap().closed = true;
            changed.notify_all();
        });
        (
            Session {
                shared,
                keys,
                child,
                _master: pair.master,
            },
            start,
        )
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.0.lock().unwrap()
    }

    /// The read time of the chunk after which the armed check first held.
    pub fn hit(&self) -> Instant {
        let (lock, changed) = &*self.shared;
        let g = lock.lock().unwrap();
        let (g, _) = changed
            .wait_timeout_while(g, PATIENCE, |g| g.hit.is_none() && !g.closed)
            .unwrap();
        match g.hit {
            Some(at) => at,
            None => panic!(
                "the screen never showed what was expected; it shows:\n{}",
                g.parser.screen().contents()
            ),
        }
    }

    /// Sends `key`; returns the moment just before it was written.
    pub fn press(&mut self, key: &[u8]) -> Instant {
        let sent = Instant::now();
        self.keys.write_all(key).unwrap();
        self.keys.flush().unwrap();
        sent
    }

    /// Sends `key` and waits for `changed` to hold, without waiting for quiet before or
    /// after: from the key to the chunk that made it hold. For keys pressed while the program
    /// is busy with something else.
    pub fn answer(&mut self, key: &[u8], changed: Check) -> Duration {
        self.arm(changed);
        let sent = self.press(key);
        self.hit().duration_since(sent)
    }

    /// Arms `changed`: [`Session::hit`] then waits for the chunk after which it holds.
    pub fn arm(&self, changed: Check) {
        let mut g = self.state();
        g.check = Some(changed);
        g.hit = None;
    }

    /// Waits until nothing has arrived for `quiet`.
    pub fn settle(&self, quiet: Duration) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let since = self.state().last_fed.elapsed();
            if since >= quiet {
                return;
            }
            assert!(Instant::now() < deadline, "the program never fell quiet");
            std::thread::sleep(quiet - since);
        }
    }

    /// Sends `key`, waits for `changed` to hold and then for the program to fall quiet, and
    /// returns the time from the key to the read of the chunk from which on the screen stayed
    /// as it finally is: everything the key made the program draw, whole.
    pub fn change(&mut self, key: &[u8], changed: Check, quiet: Duration) -> Duration {
        self.settle(quiet);
        {
            let mut g = self.state();
            g.log = Some(Vec::new());
            g.check = Some(changed);
            g.hit = None;
        }
        let sent = self.press(key);
        self.hit();
        self.settle(quiet);
        let log = self.state().log.take().unwrap_or_default();
        let last = &log.last().unwrap().1;
        let from = log
            .iter()
            .rposition(|(_, s)| s != last)
            .map_or(0, |i| i + 1);
        if std::env::var_os("MEASURE_TRACE").is_some() {
            for (i, (at, s)) in log.iter().enumerate() {
                eprintln!("  chunk {i} at {:?}", at.duration_since(sent));
                if i > 0 && *s != log[i - 1].1 {
                    for (a, b) in log[i - 1].1.lines().zip(s.lines()) {
                        if a != b {
                            eprintln!("    - {a}\n    + {b}");
                        }
                    }
                }
            }
        }
        log[from].0.duration_since(sent)
    }

    /// The screen's text.
    pub fn contents(&self) -> String {
        self.state().parser.screen().contents()
    }

    /// Bytes the program wrote so far.
    pub fn bytes(&self) -> u64 {
        self.state().bytes
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Peak resident memory so far (`VmHWM` in /proc/PID/status), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    /// Sends `key`; returns the time until the terminal was given back (the chunk that leaves
    /// the alternate screen was read) and until the process had ended (waitpid returned).
    pub fn quit(mut self, key: &[u8]) -> (Duration, Duration) {
        {
            let mut g = self.state();
            g.check = Some(Box::new(|s: &vt100::Screen| !s.alternate_screen()));
            g.hit = None;
        }
        let sent = self.press(key);
        self.child.wait().unwrap();
        let gone = sent.elapsed();
        (self.hit().duration_since(sent), gone)
    }
}

/// The text of `row` of the screen.
pub fn row(screen: &vt100::Screen, row: u16) -> String {
    screen.contents_between(row, 0, row, COLS)
}
