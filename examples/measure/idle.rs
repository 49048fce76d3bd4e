//! What a dashboard left alone does (Linux): wake-ups (context switches of all its threads),
//! CPU time and bytes written over a window, then system calls under `strace -f -c` in a second
//! window of the same length (tracing itself wakes a program, so the first window is untraced).

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::session::Session;

/// Per-second figures of one idle window.
pub struct Idle {
    pub wake_ups: f64,
    pub cpu_percent: f64,
    pub bytes: f64,
    /// `None` when strace could not be run.
    pub syscalls: Option<f64>,
}

/// Counts over `window` what the dashboard in `pty` does, after its first frame.
pub fn measure(pty: &Session, window: Duration) -> Idle {
    let pid = pty.pid();
    let secs = window.as_secs_f64();
    let (w0, c0, b0) = (wake_ups(pid), cpu_ticks(pid), pty.bytes());
    std::thread::sleep(window);
    let (w1, c1, b1) = (wake_ups(pid), cpu_ticks(pid), pty.bytes());
    Idle {
        wake_ups: (w1 - w0) as f64 / secs,
        // Clock ticks are 1/100 s on Linux: ticks per second are percent.
        cpu_percent: (c1 - c0) as f64 / secs,
        bytes: (b1 - b0) as f64 / secs,
        syscalls: syscalls(pid, window).map(|n| n / secs),
    }
}

/// System calls of `pid` and its threads over `window`, counted by strace.
fn syscalls(pid: u32, window: Duration) -> Option<f64> {
    let trace = std::env::temp_dir().join(format!("workplan-idle-{pid}.strace"));
    let mut strace = Command::new("strace")
        .args(["-f", "-c", "-o"])
        .arg(&trace)
        .args(["-p", &pid.to_string()])
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    std::thread::sleep(window);
    // strace writes its counts when interrupted.
    // SAFETY: a signal to our own child process.
    unsafe { libc::kill(strace.id() as libc::pid_t, libc::SIGINT) };
    let _ = strace.wait();
    let text = std::fs::read_to_string(&trace).ok()?;
    let _ = std::fs::remove_file(&trace);
    // The last line: "100.00  0.000000  0  CALLS  [ERRORS]  total"; no calls, no lines at all.
    Some(
        text.lines()
            .find(|l| l.trim_end().ends_with("total"))
            .and_then(|l| l.split_whitespace().nth(3)?.parse::<f64>().ok())
            .unwrap_or(0.0),
    )
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
