//! Whole-program figures measured from outside, in a pseudo-terminal, as an officer sees them:
//! spawn → first frame that shows the plan title; key press → the frame that shows its effect;
//! peak resident memory. Medians over several runs.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example measure -- [--runs 20] [--keys 200] [--data-dir DIR] [--plan FILE]
//!     [--idle SECONDS]
//! ```
//!
//! With `--idle`, one more dashboard is left alone after its first frame, and what it does in
//! that time is counted (Linux): wake-ups (context switches of all its threads), CPU time,
//! bytes written to the terminal, and, when strace is installed, system calls (in a second
//! window of the same length, since tracing itself wakes the program).
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Args {
    runs: usize,
    keys: usize,
    data_dir: Option<PathBuf>,
    plan: Option<PathBuf>,
    bin: PathBuf,
    idle: u64,
}

fn args() -> Args {
    let mut a = Args {
        runs: 20,
        keys: 200,
        data_dir: None,
        plan: None,
        bin: PathBuf::from("target/release/workplan"),
        idle: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--runs" => a.runs = value.parse().unwrap(),
            "--keys" => a.keys = value.parse().unwrap(),
            "--data-dir" => a.data_dir = Some(value.into()),
            "--plan" => a.plan = Some(value.into()),
            "--bin" => a.bin = value.into(),
            "--idle" => a.idle = value.parse().unwrap(),
            other => panic!("unknown option {other}"),
        }
    }
    a
}

struct Pty {
    screen: Arc<Mutex<(vt100::Parser, u64)>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn spawn(a: &Args, data: &std::path::Path) -> (Pty, Instant) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 48,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::path::absolute(&a.bin).unwrap());
    cmd.args(["--user", "measure", "--lang", "zh", "--data-dir"]);
    cmd.arg(data);
    if let Some(p) = &a.plan {
        cmd.arg("--plan");
        cmd.arg(p);
    }
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let screen = Arc::new(Mutex::new((
        vt100::Parser::new(48.try_into().unwrap(), 160.try_into().unwrap(), 0),
        0u64,
    )));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let s = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut g = s.lock().unwrap();
            g.0.process(&buf[..n]);
            g.1 += n as u64; // bytes written by the program
        }
    });
    let keys = pair.master.take_writer().unwrap();
    (
        Pty {
            screen,
            keys,
            child,
            _master: pair.master,
        },
        start,
    )
}

impl Pty {
    fn wait_until(&self, pred: impl Fn(&str) -> bool) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            {
                let g = self.screen.lock().unwrap();
                if pred(&g.0.screen().contents()) {
                    return Instant::now();
                }
            }
            assert!(
                Instant::now() < deadline,
                "timed out; screen:\n{}",
                self.screen.lock().unwrap().0.screen().contents()
            );
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    fn detail_title(&self) -> String {
        let g = self.screen.lock().unwrap();
        let contents = g.0.screen().contents();
        contents.lines().nth(3).unwrap_or_default().to_string()
    }

    fn peak_rss_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }
}

fn median(v: &mut [f64]) -> (f64, f64, f64) {
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let a = args();
    let tmp = std::env::temp_dir().join(format!("workplan-measure-{}", std::process::id()));
    let data = a.data_dir.clone().unwrap_or(tmp);
    // A named data folder must be there: the dashboard refuses one that is not.
    std::fs::create_dir_all(&data).unwrap();
    let mut first = Vec::new();
    let mut keys = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..a.runs {
        let (mut pty, start) = spawn(&a, &data);
        let shown = pty.wait_until(|s| s.contains("工作安排") && s.contains("总体进度"));
        first.push(shown.duration_since(start).as_secs_f64() * 1000.0);
        // Key → frame: ↓ and ↑ move the selection between the first two rows, and the detail
        // pane's title alternates between theirs. Each title is read once its frame has surely
        // been drawn whole, so a frame still arriving is never taken for the next one.
        let settle = || std::thread::sleep(Duration::from_millis(50));
        settle();
        let mut titles = [pty.detail_title(), String::new()];
        for i in 0..a.keys / a.runs.max(1) {
            let (key, from, to): (&[u8], usize, usize) = if i % 2 == 0 {
                (b"j", 0, 1)
            } else {
                (b"k", 1, 0)
            };
            let sent = Instant::now();
            pty.keys.write_all(key).unwrap();
            pty.keys.flush().unwrap();
            let seen = if titles[to].is_empty() {
                let seen = pty.wait_until(|s| s.lines().nth(3).unwrap_or_default() != titles[from]);
                settle();
                titles[to] = pty.detail_title();
                seen
            } else {
                pty.wait_until(|s| s.lines().nth(3).unwrap_or_default() == titles[to])
            };
            keys.push(seen.duration_since(sent).as_secs_f64() * 1000.0);
        }
        if let Some(k) = pty.peak_rss_kib() {
            rss.push(k as f64 / 1024.0);
        }
        pty.keys.write_all(b"q").unwrap();
        pty.keys.flush().unwrap();
        let _ = pty.child.wait();
    }
    let (m, lo, hi) = median(&mut first);
    println!(
        "start → first frame: median {m:.1} ms (min {lo:.1}, max {hi:.1}, {} runs)",
        first.len()
    );
    let (m, lo, hi) = median(&mut keys);
    println!(
        "key → frame:         median {m:.2} ms (min {lo:.2}, max {hi:.2}, {} keys)",
        keys.len()
    );
    if !rss.is_empty() {
        let (m, lo, hi) = median(&mut rss);
        println!("peak RSS:            median {m:.1} MB (min {lo:.1}, max {hi:.1})");
    }
    if a.idle > 0 {
        idle(&a, &data);
    }
}

/// Counts what an idle dashboard does over `a.idle` seconds after its first frame.
fn idle(a: &Args, data: &std::path::Path) {
    let (mut pty, _) = spawn(a, data);
    pty.wait_until(|s| s.contains("工作安排") && s.contains("总体进度"));
    std::thread::sleep(Duration::from_secs(1));
    let pid = pty.child.process_id().unwrap();
    let window = Duration::from_secs(a.idle);
    let bytes = || pty.screen.lock().unwrap().1;
    let (w0, c0, b0) = (wake_ups(pid), cpu_ticks(pid), bytes());
    std::thread::sleep(window);
    let (w1, c1, b1) = (wake_ups(pid), cpu_ticks(pid), bytes());
    let secs = window.as_secs_f64();
    println!(
        "idle {secs:.0} s:           {:.1} wake-ups/s, CPU {:.2} %, {} bytes written",
        (w1 - w0) as f64 / secs,
        // Clock ticks are 1/100 s on Linux.
        (c1 - c0) as f64 / secs,
        b1 - b0
    );
    let trace = std::env::temp_dir().join(format!("workplan-idle-{pid}.strace"));
    let strace = std::process::Command::new("strace")
        .args(["-f", "-c", "-o"])
        .arg(&trace)
        .args(["-p", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Ok(mut strace) = strace {
        std::thread::sleep(window);
        // strace prints its counts when interrupted.
        // SAFETY: a signal to our own child process.
        unsafe { libc::kill(strace.id() as libc::pid_t, libc::SIGINT) };
        let _ = strace.wait();
        let text = std::fs::read_to_string(&trace).unwrap_or_default();
        let _ = std::fs::remove_file(&trace);
        let calls = text
            .lines()
            .find(|l| l.trim_end().ends_with("total"))
            .and_then(|l| l.split_whitespace().nth(3)?.parse::<f64>().ok())
            .unwrap_or(0.0);
        println!(
            "idle {secs:.0} s, strace:   {:.1} system calls/s",
            calls / secs
        );
    }
    pty.keys.write_all(b"q").unwrap();
    pty.keys.flush().unwrap();
    let _ = pty.child.wait();
}

/// Context switches of every thread of `pid`, summed.
fn wake_ups(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("status")).ok())
        .flat_map(|s| {
            s.lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// User and system CPU time of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    rest.split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum()
}
