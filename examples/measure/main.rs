//! Whole-program figures measured from outside, as an officer sees them: the release binary
//! runs in a pseudo-terminal of 160x48 read by a terminal emulator, and each moment on screen is
//! the moment the bytes that completed it were read from the terminal (before the emulator,
//! which costs about 2 µs a byte, took them in).
//!
//! ```text
//! cargo build --release && cargo build --release --example measure
//! target/release/examples/measure [--plan FILE] [--data-dir DIR] [--runs 20] [--cold]
//!     [--changes 4] [--moves 4] [--idle SECONDS] [--skip-bare] [--skip-cli] [--skip-export]
//!     [--bin target/release/workplan] [--quiet-ms 150]
//! ```
//!
//! One run of the table, in each of `--runs` rounds (interleaved, so a busy moment of the
//! machine falls on all of them alike):
//!
//! - **start → first whole frame**: from spawning the program to reading the chunk that puts
//!   the footer (the last row written) on screen. The same for a bare ratatui program (this
//!   example started again as `measure --bare`: raw mode, alternate screen, one frame with a
//!   bordered block and a footer line, `q` quits), spawned just before, and the ratio of the
//!   two in each round.
//! - **start → events read (history shown)**: until the detail pane no longer says it is
//!   reading the history (polled every 5 ms): a start from the folded snapshot draws its
//!   first frame while it reads the events; keys that move through the plan are answered
//!   meanwhile, others once the events are in. Otherwise the same as the first frame.
//! - **a move / a change → screen**: on the dashboard, `G`, `→`, `↓` select the first task of
//!   the last item; then `k`/`j` move between the item and the task (`--moves` per round) and
//!   Space cycles the task's status (`--changes` per round; 4 is a whole cycle). Each is timed
//!   from the key to the read of the chunk from which on the screen stayed as it finally was
//!   (the screen is taken as final once nothing has arrived for `--quiet-ms`): everything the
//!   key made the program draw, whole — for Space that includes writing and syncing the event.
//! - **peak RSS**: `VmHWM` from /proc/PID/status of the dashboard, read just before quitting.
//! - **q → terminal given back / process gone**: from sending `q` to the read of the chunk that
//!   leaves the alternate screen, and until waitpid returns (the process is gone once all its
//!   threads have ended and the kernel has closed its files).
//! - **`status --format json`** (output to a file), **`export --format xlsx -o FILE`** and
//!   **`export --format docx -o FILE`** (the Word handout): run directly, no terminal, wall
//!   time until the process has exited.
//!
//! With `--idle SECONDS`, one more dashboard is left alone after its first frame (and after
//! reading its events, when it started from the folded snapshot), and what it
//! does is counted (Linux): wake-ups (voluntary and involuntary context switches of all its
//! threads), CPU time and bytes written per second, then system calls per second under
//! `strace -f -c` in a second window of the same length (when strace is installed).
//!
//! Every start gets `--user measure --lang zh --data-dir DIR [--plan FILE]`, an empty settings
//! folder (`WORKPLAN_CONFIG_DIR`; with `--data-dir` given, no first-start offer) and the
//! `WORKPLAN_*` variables that choose a plan, folder, name, language or day removed. A given
//! data folder is never written to: its files are hard-linked into a temporary folder, where the
//! Space presses go into the file of the user `measure`. Without `--data-dir` the journal starts
//! empty. This computer's copy of events (`WORKPLAN_CACHE_DIR`) is one folder for all starts,
//! filled by one unmeasured start first (warm, the default), or with `--cold` a new empty folder
//! for every start, the command-line runs included.
//!
//! `--skip-bare` leaves out the bare program, `--skip-cli` the command-line runs,
//! `--skip-export` the exports only. `--changes 0 --moves 0` leaves only start, memory and quit.
//! With `MEASURE_TRACE=1` in the environment, each timed key prints (to stderr) the chunks read
//! after it and the rows each one changed.
#![allow(clippy::unwrap_used)]

mod bare;
mod case;
mod idle;
mod report;
mod session;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use case::Case;
use report::{Figure, Unit};
use session::{Check, Session};

/// Words of the footer, which is written last: once they are on screen, the frame is whole.
const FOOTER: &str = "q 退出";
/// The status words of a task row.
const STATUSES: [&str; 4] = ["未启动", "推进中", "已完成", "受阻"];

struct Args {
    runs: usize,
    changes: usize,
    moves: usize,
    data_dir: Option<PathBuf>,
    plan: Option<PathBuf>,
    bin: PathBuf,
    idle: u64,
    cold: bool,
    bare: bool,
    skip_bare: bool,
    skip_cli: bool,
    skip_export: bool,
    quiet: Duration,
}

fn args() -> Args {
    let mut a = Args {
        runs: 20,
        changes: 4,
        moves: 4,
        data_dir: None,
        plan: None,
        bin: PathBuf::from("target/release/workplan"),
        idle: 0,
        cold: false,
        bare: false,
        skip_bare: false,
        skip_cli: false,
        skip_export: false,
        quiet: Duration::from_millis(150),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--runs" => a.runs = value().parse().unwrap(),
            "--changes" => a.changes = value().parse().unwrap(),
            "--moves" => a.moves = value().parse().unwrap(),
            "--data-dir" => a.data_dir = Some(value().into()),
            "--plan" => a.plan = Some(value().into()),
            "--bin" => a.bin = value().into(),
            "--idle" => a.idle = value().parse().unwrap(),
            "--quiet-ms" => a.quiet = Duration::from_millis(value().parse().unwrap()),
            "--cold" => a.cold = true,
            "--bare" => a.bare = true,
            "--skip-bare" => a.skip_bare = true,
            "--skip-cli" => a.skip_cli = true,
            "--skip-export" => a.skip_export = true,
            other => panic!("unknown option {other}; see the top of examples/measure/main.rs"),
        }
    }
    a
}

/// Everything measured, one figure a row.
struct Figures {
    start: Figure,
    ready: Figure,
    bare: Figure,
    ratio: Figure,
    moves: Figure,
    changes: Figure,
    status: Figure,
    export: Figure,
    docx: Figure,
    rss: Figure,
    bare_rss: Figure,
    restored: Figure,
    quit: Figure,
    bare_quit: Figure,
    idle: Vec<Figure>,
    first_move: Figure,
    loading_move: Figure,
    colleague: Figure,
    set: Figure,
}

impl Figures {
    fn new() -> Figures {
        Figures {
            start: Figure::new("start → first whole frame", Unit::Ms),
            ready: Figure::new("start → events read (history shown)", Unit::Ms),
            bare: Figure::new("bare ratatui: start → first whole frame", Unit::Ms),
            ratio: Figure::new(
                "workplan ÷ bare ratatui, start, round by round",
                Unit::Ratio,
            ),
            moves: Figure::new("a move (k/j) → screen", Unit::Ms),
            first_move: Figure::new("first move (j) after the first frame → screen", Unit::Ms),
            loading_move: Figure::new(
                "slowest move (j/k) while the events are read → screen",
                Unit::Ms,
            ),
            colleague: Figure::new("a colleague's change written → screen", Unit::Ms),
            set: Figure::new("`set ID --percent N`", Unit::Ms),
            changes: Figure::new("a change (Space on a task) → screen", Unit::Ms),
            status: Figure::new("`status --format json` (to a file)", Unit::Ms),
            export: Figure::new("`export --format xlsx -o FILE`", Unit::Ms),
            docx: Figure::new("`export --format docx -o FILE`", Unit::Ms),
            rss: Figure::new("peak RSS (VmHWM before q)", Unit::Mib),
            bare_rss: Figure::new("bare ratatui: peak RSS (VmHWM before q)", Unit::Mib),
            restored: Figure::new("q → terminal given back (alternate screen left)", Unit::Ms),
            quit: Figure::new("q → process gone (waitpid)", Unit::Ms),
            bare_quit: Figure::new("bare ratatui: q → process gone (waitpid)", Unit::Ms),
            idle: Vec::new(),
        }
    }

    fn rows(&self) -> Vec<String> {
        [
            &self.start,
            &self.ready,
            &self.bare,
            &self.ratio,
            &self.first_move,
            &self.loading_move,
            &self.moves,
            &self.changes,
            &self.colleague,
            &self.status,
            &self.set,
            &self.export,
            &self.docx,
            &self.rss,
            &self.bare_rss,
            &self.restored,
            &self.quit,
            &self.bare_quit,
        ]
        .into_iter()
        .chain(&self.idle)
        .filter_map(Figure::row)
        .collect()
    }
}

fn main() {
    let a = args();
    if a.bare {
        bare::run();
        return;
    }
    let began = Instant::now();
    let load_before = report::load();
    let case = Case::new(&a.bin, a.plan.clone(), a.data_dir.as_deref(), a.cold);
    let mut f = Figures::new();
    if !a.cold {
        // The one unmeasured start that fills this computer's copy of events.
        let cache = case.cache();
        let (pty, _) = Session::spawn(case.dashboard(&cache), footer());
        pty.hit();
        pty.quit(b"q");
    }
    for _ in 0..a.runs {
        let bare = (!a.skip_bare).then(|| bare_round(&mut f));
        let start = dashboard_round(&a, &case, &mut f);
        if let Some(bare) = bare {
            f.ratio.samples.push(start / bare);
        }
        if !a.skip_cli {
            cli_round(&a, &case, &mut f);
        }
    }
    if a.idle > 0 {
        f.idle = idle_round(&case, Duration::from_secs(a.idle));
    }
    print(&a, &case, &f, &load_before, began.elapsed());
    case.clean();
}

/// A check that holds once the footer is on screen.
fn footer() -> Check {
    Box::new(|s| session::row(s, session::ROWS - 1).contains(FOOTER))
}

/// The bare ratatui program once; returns its start → first frame in ms.
fn bare_round(f: &mut Figures) -> f64 {
    let mut cmd = portable_pty::CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.arg("--bare");
    cmd.env("TERM", "xterm-256color");
    let (pty, start) = Session::spawn(cmd, footer());
    f.bare.time(pty.hit().duration_since(start));
    if let Some(k) = pty.peak_rss_kib() {
        f.bare_rss.samples.push(k as f64 / 1024.0);
    }
    f.bare_quit.time(pty.quit(b"q").1);
    *f.bare.samples.last().unwrap()
}

/// The dashboard once: start, moves, changes, memory, quit; returns start → first frame in ms.
fn dashboard_round(a: &Args, case: &Case, f: &mut Figures) -> f64 {
    let cache = case.cache();
    let (mut pty, start) = Session::spawn(case.dashboard(&cache), footer());
    f.start.time(pty.hit().duration_since(start));
    // Moves at once, and on while the events are still read: none may wait for them.
    let mut slowest: Option<Duration> = None;
    for i in 0.. {
        let reading = is_reading(&pty.contents());
        if i > 0 && !reading {
            break;
        }
        let key: &[u8] = if i % 2 == 0 { b"j" } else { b"k" };
        let before = detail_title(&pty.contents());
        let took = pty.answer(
            key,
            Box::new(move |s| detail_title(&s.contents()) != before),
        );
        if i == 0 {
            f.first_move.time(took);
        }
        if reading {
            slowest = Some(slowest.map_or(took, |s| s.max(took)));
        }
    }
    if let Some(slowest) = slowest {
        f.loading_move.time(slowest);
    }
    wait_for_events(&pty);
    f.ready.time(start.elapsed());
    if a.moves + a.changes > 0 {
        // The first task of the last item: to the bottom, open the item, one down.
        for key in [b"G", b"l", b"j"] {
            let before = pty.contents();
            pty.change(key, Box::new(move |s| s.contents() != before), a.quiet);
        }
        let screen = pty.contents();
        let id = selected_task(&screen)
            .unwrap_or_else(|| panic!("no task selected after G, →, ↓:\n{screen}"));
        // k to the item and j back to the task, as many times as asked, ending on the task.
        for i in 0..a.moves.next_multiple_of(2) {
            let key: &[u8] = if i % 2 == 0 { b"k" } else { b"j" };
            let before = detail_title(&pty.contents());
            let moved = move |s: &vt100::Screen| detail_title(&s.contents()) != before;
            let took = pty.change(key, Box::new(moved), a.quiet);
            if i < a.moves {
                f.moves.time(took);
            }
        }
        for _ in 0..a.changes {
            let before = task_status(&pty.contents(), &id);
            assert!(before.is_some(), "task {id} is not on screen");
            let shown = id.clone();
            let changed = move |s: &vt100::Screen| task_status(&s.contents(), &shown) != before;
            f.changes.time(pty.change(b" ", Box::new(changed), a.quiet));
        }
        if a.changes > 0 {
            f.colleague
                .time(colleague_change(&mut pty, case, &id, a.quiet));
        }
    }
    if let Some(k) = pty.peak_rss_kib() {
        f.rss.samples.push(k as f64 / 1024.0);
    }
    let (restored, gone) = pty.quit(b"q");
    f.restored.time(restored);
    f.quit.time(gone);
    *f.start.samples.last().unwrap()
}

/// The command-line runs once.
fn cli_round(a: &Args, case: &Case, f: &mut Figures) {
    let out = std::fs::File::create(case.work.join("status.json")).unwrap();
    let cache = case.cache();
    let mut status = case.command(&cache, &["status", "--format", "json"]);
    f.status.time(timed(status.stdout(out)));
    drop(cache);
    let cache = case.cache();
    let percent = (f.set.samples.len() % 2 * 10).to_string();
    let mut set = case.command(&cache, &["set", "1.1.1", "--percent", &percent]);
    f.set.time(timed(set.stdout(Stdio::null())));
    drop(cache);
    if !a.skip_export {
        let file = case.work.join("export.xlsx");
        let cache = case.cache();
        let mut export = case.command(&cache, &["export", "--format", "xlsx", "-o"]);
        export.arg(&file).stdout(Stdio::null());
        f.export.time(timed(&mut export));
        drop(cache);
        let file = case.work.join("export.docx");
        let cache = case.cache();
        let mut docx = case.command(&cache, &["export", "--format", "docx", "-o"]);
        docx.arg(&file).stdout(Stdio::null());
        f.docx.time(timed(&mut docx));
    }
}

/// A colleague's change to task `id`, appended to a file of their own in the data folder: from
/// the write to the chunk that shows it.
fn colleague_change(pty: &mut Session, case: &Case, id: &str, quiet: Duration) -> Duration {
    use workplan::journal::{Body, Change, Event};
    use workplan::status::Status;
    pty.settle(quiet);
    let before = task_status(&pty.contents(), id);
    let status = if before == Some("受阻") {
        Status::NotStarted
    } else {
        Status::Blocked
    };
    let folder = std::fs::read_dir(&case.data)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join(format!("{}.jsonl", case::USER)).exists())
        .expect("the plan's folder holds this user's file");
    let event = Event::new(
        "同事",
        Body::Change(Change {
            node: id.into(),
            status: Some(status),
            ..Change::default()
        }),
    );
    let line = format!("{}\n", serde_json::to_string(&event).unwrap());
    let shown = id.to_string();
    pty.arm(Box::new(move |s: &vt100::Screen| {
        task_status(&s.contents(), &shown) != before
    }));
    // As another process writes it: one append of one line, synced.
    let wrote = Instant::now();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(folder.join("同事.jsonl"))
        .unwrap();
    std::io::Write::write_all(&mut file, line.as_bytes()).unwrap();
    file.sync_all().unwrap();
    pty.hit().duration_since(wrote)
}

/// Runs `cmd` to its end; returns the wall time.
fn timed(cmd: &mut std::process::Command) -> Duration {
    let start = Instant::now();
    let out = cmd.stderr(Stdio::piped()).output().unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Waits until the dashboard has read its events: a start from the folded snapshot shows
/// "reading the history" in its detail pane until then (polled every 5 ms).
fn wait_for_events(pty: &Session) {
    let give_up = std::time::Instant::now() + Duration::from_secs(60);
    while is_reading(&pty.contents()) && std::time::Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether the detail pane says the history is still being read.
fn is_reading(screen: &str) -> bool {
    screen.contains("正在读取记录") || screen.contains("reading the history")
}

/// A dashboard left alone for `window` after its first frame, once it has read its events (a
/// start from the folded snapshot reads them after the first frame), and one more second.
fn idle_round(case: &Case, window: Duration) -> Vec<Figure> {
    let cache = case.cache();
    let (pty, _) = Session::spawn(case.dashboard(&cache), footer());
    pty.hit();
    wait_for_events(&pty);
    std::thread::sleep(Duration::from_secs(1));
    let idle = idle::measure(&pty, window);
    pty.quit(b"q");
    let secs = window.as_secs();
    let one = |name: String, unit, x| {
        let mut fig = Figure::new(&name, unit);
        fig.samples.push(x);
        fig
    };
    let mut rows = vec![
        one(
            format!("idle {secs} s: wake-ups (context switches, all threads)"),
            Unit::PerSecond,
            idle.wake_ups,
        ),
        one(
            format!("idle {secs} s: CPU"),
            Unit::Percent,
            idle.cpu_percent,
        ),
        one(
            format!("idle {secs} s: bytes written to the terminal"),
            Unit::PerSecond,
            idle.bytes,
        ),
    ];
    if let Some(calls) = idle.syscalls {
        rows.push(one(
            format!("idle {secs} s more: system calls (strace -f -c)"),
            Unit::PerSecond,
            calls,
        ));
    }
    rows
}

/// The title of the detail pane (row 4, right of the tree), e.g. "任务 6.3.1".
fn detail_title(screen: &str) -> String {
    let row = screen.lines().nth(3).unwrap_or_default();
    let right = row.rsplit_once('┌').map_or("", |(_, r)| r);
    right
        .trim_matches(|c| c == '─' || c == '┐' || c == ' ')
        .to_string()
}

/// The id of the task the detail pane shows, if it shows one.
fn selected_task(screen: &str) -> Option<String> {
    let title = detail_title(screen);
    let id = title.strip_prefix("任务 ")?.split_whitespace().next()?;
    Some(id.to_string())
}

/// The status shown on the tree row of task `id`.
fn task_status(screen: &str, id: &str) -> Option<&'static str> {
    let needle = format!(" {id} ");
    let row = screen
        .lines()
        .skip(4)
        .map(|l| l.split_once("││").map_or(l, |(tree, _)| tree))
        .find(|tree| tree.contains(&needle))?;
    STATUSES
        .iter()
        .filter_map(|s| row.rfind(s).map(|at| (at, *s)))
        .max()
        .map(|(_, s)| s)
}

fn print(a: &Args, case: &Case, f: &Figures, load_before: &str, took: Duration) {
    let plan = case
        .plan
        .as_ref()
        .map_or("the embedded 2023 plan".to_string(), |p| {
            p.display().to_string()
        });
    let data = match &a.data_dir {
        Some(d) => {
            let (files, bytes) = case::size(d);
            format!(
                "{} ({files} files, {:.1} MB)",
                d.display(),
                bytes as f64 / 1e6
            )
        }
        None => "a new empty folder".to_string(),
    };
    let cache = if a.cold {
        "cold (a new empty folder for every start)"
    } else {
        "warm (one folder, filled by one unmeasured start first)"
    };
    println!("plan: {plan}; data: {data}; this computer's copy of events: {cache}");
    println!(
        "{} rounds{}, terminal {}x{}; per round {} moves, {} Space presses",
        a.runs,
        if a.skip_bare {
            ""
        } else {
            " (bare ratatui and workplan interleaved)"
        },
        session::COLS,
        session::ROWS,
        a.moves,
        a.changes
    );
    println!("machine: {}", report::machine());
    println!(
        "load average: {load_before} before, {} after; took {:.1} s",
        report::load(),
        took.as_secs_f64()
    );
    println!();
    println!("| figure | median (min–max) | n |");
    println!("|---|---|---|");
    for row in f.rows() {
        println!("{row}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows 4 to 7 of the dashboard as the emulator read them, the first task selected.
    const SCREEN: &str = "新江湾城街道2023年主要工作安排  截至 2026-11-29\n\
总体进度 ░░░░     0%\n\
未启动 61  推进中 1\n\
┌ 工作安排 ──────────┐┌ 任务 6.3.1 ──────┐\n\
│  - 6.3 高标准加强队伍建设        推进中   ░░   0% 红││状态: 未启动     │\n\
│      6.3.1 深入学习宣传贯彻（推进中）… —  2023-12-31 受阻   ░░   0% 红││已完成 6.3.1 │\n\
│      6.3.2 开展基层干部培训 —          2023-12-31 未启动   ░░   0% 红││              │\n";

    #[test]
    fn the_selected_task_and_its_status_are_read_from_the_tree() {
        assert_eq!(detail_title(SCREEN), "任务 6.3.1");
        assert_eq!(selected_task(SCREEN).as_deref(), Some("6.3.1"));
        // The status column, not a status word in the task's text or in the detail pane.
        assert_eq!(task_status(SCREEN, "6.3.1"), Some("受阻"));
        assert_eq!(task_status(SCREEN, "6.3.2"), Some("未启动"));
        assert_eq!(task_status(SCREEN, "6.3.9"), None);
    }

    #[test]
    fn an_item_is_no_task() {
        let item = SCREEN.replace("┌ 任务 6.3.1", "┌ 事项 6.3");
        assert_eq!(selected_task(&item), None);
    }

    #[test]
    fn figures_are_median_min_max_and_count() {
        let mut f = Figure::new("x", Unit::Ms);
        assert_eq!(f.row(), None);
        f.samples = vec![4.0, 1.0, 250.0, 2.0];
        assert_eq!(f.median(), Some(3.0));
        assert_eq!(f.row().unwrap(), "| x | 3.00 ms (1.00–250) | 4 |");
        f.samples = vec![0.0];
        assert_eq!(f.row().unwrap(), "| x | 0 ms | 1 |");
    }
}
