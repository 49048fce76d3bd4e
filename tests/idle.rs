//! An idle dashboard is silent: after the first frame, with no key, resize or change in the
//! journal folder, it neither wakes up nor writes to the terminal. Counted from outside, in a
//! pseudo-terminal, over a few seconds: counts, not times.
#![allow(clippy::unwrap_used)]
#![cfg(target_os = "linux")]

use std::time::Duration;

use crate::common;

use common::pty::Session;

/// How long the dashboard is left alone.
const IDLE: Duration = Duration::from_secs(3);
/// Context switches allowed over [`IDLE`] for all the program's threads together: a timer of
/// 100 ms alone would make 30.
const MOST_WAKE_UPS: u64 = 3;

/// Context switches (voluntary and not) of every thread of `pid`, summed: each is a wake-up.
fn context_switches(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status = std::fs::read_to_string(task.unwrap().path().join("status"));
        // A thread may end between the listing and the read.
        let Ok(status) = status else { continue };
        for line in status.lines() {
            if let Some(n) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += n.trim().parse::<u64>().unwrap();
            }
        }
    }
    total
}

/// Starts the dashboard on the embedded plan and waits until its first frame has settled.
fn settled(dir: &std::path::Path) -> (Session, u32) {
    std::fs::create_dir_all(dir).unwrap();
    let s = Session::start(dir, 100, 30);
    s.wait_for("汇集民智");
    let pid = s.child.process_id().unwrap();
    // Let the start-up finish (the folder watch begins after the first frame).
    std::thread::sleep(Duration::from_millis(500));
    (s, pid)
}

#[test]
fn an_idle_dashboard_does_not_wake_up() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, pid) = settled(dir.path());
    let before = context_switches(pid);
    std::thread::sleep(IDLE);
    let after = context_switches(pid);
    assert!(
        after - before <= MOST_WAKE_UPS,
        "{} wake-ups in {IDLE:?} of idle",
        after - before
    );
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn an_idle_dashboard_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = settled(dir.path());
    let before = s.output_len();
    std::thread::sleep(IDLE);
    let written = s.output_len() - before;
    assert_eq!(written, 0, "{written} bytes written in {IDLE:?} of idle");
    s.send("q");
    assert!(s.wait_exit());
}

/// Silence is not deafness: with no timer left, another officer's change still wakes the
/// dashboard through the folder's file events, and shows at once.
#[test]
fn a_change_in_the_folder_still_shows_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = settled(dir.path());
    common::colleague_blocks_area_1(dir.path());
    let start = std::time::Instant::now();
    s.wait_for("受阻 12");
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );
    s.send("q");
    assert!(s.wait_exit());
}

/// A start reads the local time zone from the one file `/etc/localtime` links to, not by
/// listing the whole zoneinfo folder. Seen through strace, where it is installed.
#[test]
fn a_start_does_not_list_the_zoneinfo_folder() {
    let linked = std::fs::read_link("/etc/localtime")
        .is_ok_and(|t| t.to_string_lossy().contains("zoneinfo/"));
    let strace = std::process::Command::new("strace").arg("-V").output();
    if !linked || !strace.is_ok_and(|o| o.status.success()) {
        return; // nothing to see here
    }
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=openat,getdents64", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_workplan"))
        .envs(common::ISOLATED)
        .env_remove("WORKPLAN_NOW")
        .env_remove("TZ")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["status"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = std::fs::read_to_string(&trace).unwrap();
    let listed: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("zoneinfo") && l.contains("O_DIRECTORY"))
        .collect();
    assert!(listed.is_empty(), "{listed:#?}");
}
