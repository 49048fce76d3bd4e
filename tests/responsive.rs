//! The dashboard stays responsive while a large journal is read: the real binary in a
//! pseudo-terminal, keys pressed during the read, each answered on screen within 250 ms.
//! The journal's size comes from `WORKPLAN_LOAD_TASKS` and `WORKPLAN_LOAD_EVENTS` (defaults: a
//! size the debug build reads for about a second; the nightly command uses 100,000 and
//! 1,000,000).

use std::path::Path;
use std::time::{Duration, Instant};

use workplan::journal::{Event, Store};
use workplan::synth;

use crate::common;
use common::pty::Session;

/// The longest a key may wait for the screen.
const LONGEST: Duration = Duration::from_millis(250);

/// A plan of `tasks` tasks and a journal of `events` events by five officers, under `dir`;
/// returns the plan file.
fn large(dir: &Path, tasks: usize, events: usize) -> std::path::PathBuf {
    let plan = synth::plan(tasks);
    let file = dir.join("plan.json");
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    let all = synth::events(&synth::task_ids(&plan), events);
    for user in synth::USERS {
        let mine: Vec<Event> = all.iter().filter(|e| e.user == user).cloned().collect();
        Store::new(&dir.join("data"), &plan.id, user)
            .append(&mine)
            .unwrap();
    }
    file
}

/// The dashboard over the large journal, this computer's copy kept in `cache`.
fn start(dir: &Path, plan: &Path, cache: &Path) -> Session {
    let (plan, cache, data) = (
        plan.to_str().unwrap(),
        cache.to_str().unwrap(),
        dir.join("data"),
    );
    Session::start_bare(
        &[
            "--user",
            "测试员",
            "--lang",
            "zh",
            "--plan",
            plan,
            "--data-dir",
            data.to_str().unwrap(),
        ],
        // A day after the synthetic year: no event lies in the future, which a read would
        // warn about (and then keep nothing for the next start).
        &[
            ("WORKPLAN_CACHE_DIR", cache),
            ("WORKPLAN_NOW", "2024-06-01T02:00:00Z"),
        ],
        100,
        30,
    )
}

/// The title of the detail pane (the selected node), from the screen's fourth row.
fn detail_title(screen: &str) -> String {
    let row = screen.lines().nth(3).unwrap_or_default();
    let right = row.rsplit_once('┌').map_or("", |(_, r)| r);
    right
        .trim_matches(|c| c == '─' || c == '┐' || c == ' ')
        .to_string()
}

/// Presses `key` and waits for the selection to move; how long that took.
fn moved(s: &mut Session, key: &str) -> Duration {
    let before = detail_title(&s.contents());
    let sent = Instant::now();
    s.send_now(key);
    while detail_title(&s.contents()) == before {
        assert!(
            sent.elapsed() < Duration::from_secs(20),
            "{key:?} was never answered:\n{}",
            s.contents()
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    sent.elapsed()
}

fn reading(s: &Session) -> bool {
    s.contents().contains("正在读取记录")
}

/// Waits for the first whole frame (its footer), looking every millisecond.
fn first_frame(s: &Session) {
    let began = Instant::now();
    while !s.contents().contains("q 退出") {
        assert!(
            began.elapsed() < Duration::from_secs(60),
            "no frame:\n{}",
            s.contents()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn keys_are_answered_while_a_large_journal_is_read() {
    let tasks = common::env_number("WORKPLAN_LOAD_TASKS", 5_000);
    let events = common::env_number("WORKPLAN_LOAD_EVENTS", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let plan = large(dir.path(), tasks, events);
    let cache = dir.path().join("cache");

    // The first start reads before its first frame; the first key after it is answered at
    // once, as every key is.
    let mut s = start(dir.path(), &plan, &cache);
    first_frame(&s);
    let first = moved(&mut s, "j");
    assert!(first <= LONGEST, "the first key waited {first:?}");
    s.send("q");
    assert!(s.wait_exit());

    // The next starts from the folded snapshot and reads the events behind it: keys are
    // answered meanwhile.
    let mut s = start(dir.path(), &plan, &cache);
    let began = Instant::now();
    first_frame(&s);
    eprintln!("first frame {:?}", began.elapsed());
    let mut during = Vec::new();
    for i in 0.. {
        if !reading(&s) {
            break;
        }
        let took = moved(&mut s, if i % 2 == 0 { "j" } else { "k" });
        assert!(
            took <= LONGEST,
            "key {i} waited {took:?} while the events were read"
        );
        during.push(took);
    }
    eprintln!("read {:?}, {} keys during", began.elapsed(), during.len());
    assert!(
        !during.is_empty(),
        "the events were read before any key could be pressed: make the journal larger"
    );
    s.wait_for("q 退出");
    s.send("q");
    assert!(s.wait_exit());
}
