//! The real binary in a pseudo-terminal: keys in, the screen as a terminal emulator sees it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_workplan");

/// A running dashboard: its screen as a terminal emulator sees it, and its keyboard.
pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// The thread that reads the terminal: it ends once the program's last bytes are read.
    reader: Option<std::thread::JoinHandle<()>>,
    keys: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(data: &Path, cols: u16, rows: u16) -> Session {
        Self::start_with(data, cols, rows, &[])
    }

    /// [`Self::start`] with more environment variables (they win over the isolating ones).
    pub fn start_with(data: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(BIN);
        for (k, v) in super::ISOLATED.iter().chain(env) {
            cmd.env(k, v);
        }
        cmd.args(["--user", "测试员", "--today", "2023-09-01", "--lang", "zh"]);
        cmd.arg("--data-dir");
        cmd.arg(data);
        Self::spawn(cmd, cols, rows)
    }

    /// The binary with `args` and `env` (over the isolating ones), without the options
    /// [`Self::start`] adds.
    pub fn start_bare(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(BIN);
        for (k, v) in super::ISOLATED.iter().chain(env) {
            cmd.env(k, v);
        }
        cmd.args(args);
        Self::spawn(cmd, cols, rows)
    }

    /// `cmd` in a pseudo-terminal of `cols`x`rows`, as an xterm.
    pub fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let keys = pair.master.take_writer().unwrap();
        Session {
            screen,
            raw,
            reader: Some(reader),
            keys,
            child,
            _master: pair.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen when it does not in time.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.contents());
    }

    pub fn send(&mut self, bytes: &str) {
        self.keys.write_all(bytes.as_bytes()).unwrap();
        self.keys.flush().unwrap();
        // Give the dashboard a moment, as a person would between keys.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Sends `bytes` and returns at once (for keys that are timed).
    pub fn send_now(&mut self, bytes: &str) {
        self.keys.write_all(bytes.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    /// From the dashboard's first row down to task 1.1.1 (area 1, its first item opened), as an
    /// officer would; waits until the detail pane shows it.
    pub fn go_to_task_1_1_1(&mut self) {
        self.send("j");
        self.send("l");
        self.send("j");
        self.wait_for("任务 1.1.1");
    }

    /// The last bytes the program wrote: where it leaves the alternate screen on exit.
    pub fn output_tail(&self) -> String {
        let raw = self.raw.lock().unwrap();
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).to_string()
    }

    /// Everything the program has written to the terminal so far.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string()
    }

    /// How many bytes the program has written to the terminal so far.
    pub fn output_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    pub fn wait_exit(&mut self) -> bool {
        self.wait_code() == 0
    }

    /// Waits for the program to end; its exit code.
    pub fn wait_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.read_to_end(deadline);
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("dashboard did not exit; screen:\n{}", self.contents());
    }

    /// Once the program has ended, waits (until `deadline`) for the reading thread to take in
    /// what the terminal still holds of its output, so that its last bytes are there to check.
    fn read_to_end(&mut self, deadline: Instant) {
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        if self.reader.as_ref().is_some_and(|r| r.is_finished()) {
            let _ = self.reader.take().map(std::thread::JoinHandle::join);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave a dashboard behind.
        let _ = self.child.kill();
    }
}

impl Session {
    /// Resizes the terminal, as a person dragging its window would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = (rows.try_into().unwrap(), cols.try_into().unwrap());
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(size.0, size.1);
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// The screen as the terminal emulator holds it, cell by cell with colours.
    pub fn screen(&self) -> vt100::Screen {
        self.screen.lock().unwrap().screen().clone()
    }
}
