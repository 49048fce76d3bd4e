//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;
use workplan::journal::{Body, Change, Event, Meeting};

pub mod pty;
pub mod screen;

/// A whole number from the environment variable `name`, else `default`: how big a sweep or a
/// randomised test is. CI runs the defaults; the nightly run (README, "Tests") the full sizes.
pub fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Every task of a `status --format json` object, in plan order.
pub fn tasks(status: &Value) -> impl Iterator<Item = &Value> {
    status["areas"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|a| a["items"].as_array().into_iter().flatten())
        .flat_map(|i| i["tasks"].as_array().into_iter().flatten())
}

/// Whether `s` is a moment as the command line writes it: RFC 3339 to the second with a
/// numeric offset, `2023-09-01T10:00:00+08:00`.
pub fn is_rfc3339_with_offset(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 25
        && b[10] == b'T'
        && matches!(b[19], b'+' | b'-')
        && b[22] == b':'
        && s.parse::<jiff::Timestamp>().is_ok()
}

/// The moment the tests' runs of the binary take as now: the morning of 2023-09-01 in Shanghai,
/// the as-of date they look at, so that what they write is not after it.
pub const NOW: (&str, &str) = ("WORKPLAN_NOW", "2023-09-01T02:00:00Z");

/// Settings that keep a test's run of the binary away from the machine's own settings file,
/// local copy of events, Documents folder and clock: no settings file, no local copy, exports
/// by default into a folder that is not there (so that an export a test did not place fails
/// instead of landing in the real Documents folder), [`NOW`].
pub const ISOLATED: [(&str, &str); 4] = [
    NOW,
    ("WORKPLAN_CACHE_DIR", ""),
    (
        "WORKPLAN_CONFIG_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
    ),
    (
        "WORKPLAN_EXPORT_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-exports"),
    ),
];

/// An event with a fixed id and time (`at` in RFC 3339), so that what tests write is the same
/// on every run.
pub fn event(n: u128, at: &str, user: &str, body: Body) -> Event {
    Event {
        id: uuid::Uuid::from_u128(n),
        at: at.parse().expect("a test's time"),
        user: user.into(),
        body,
    }
}

/// [`event`] recording a change.
pub fn change(n: u128, at: &str, user: &str, c: Change) -> Event {
    event(n, at, user, Body::Change(c))
}

/// [`event`] recording a named meeting checkpoint.
pub fn meeting(n: u128, at: &str, user: &str, title: &str) -> Event {
    let title = Some(title.to_string());
    event(n, at, user, Body::Meeting(Meeting { title }))
}

/// Another officer (同事), from the command line, marks every task of area 1 blocked in the
/// data folder `dir`: a change the dashboard under test did not make.
pub fn colleague_blocks_area_1(dir: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_workplan"))
        .envs(ISOLATED)
        .args(["--user", "同事", "set", "1", "--status", "blocked"])
        .arg("--data-dir")
        .arg(dir)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The binary, [`ISOLATED`], with no plan, data folder, user or language from this machine's
/// environment or locale.
pub fn isolated() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_workplan"));
    c.envs(ISOLATED);
    for var in [
        "WORKPLAN_PLAN",
        "WORKPLAN_DATA_DIR",
        "WORKPLAN_USER",
        "WORKPLAN_LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        c.env_remove(var);
    }
    c
}

/// The binary run in `dir` on the data folder `dir/data` (made here, as `workplan init` would:
/// a named folder that is not there is refused), exporting by default into `dir`, as user
/// alice, in `lang`, as of 2023-09-01, [`ISOLATED`] and without the machine's plan or locale.
pub fn workplan_in(dir: &std::path::Path, lang: &str) -> assert_cmd::Command {
    std::fs::create_dir_all(dir.join("data")).expect("the test's data folder");
    let mut c = isolated();
    c.current_dir(dir)
        .env("WORKPLAN_DATA_DIR", dir.join("data"))
        .env("WORKPLAN_EXPORT_DIR", dir)
        .env("WORKPLAN_USER", "alice")
        .args(["--today", "2023-09-01", "--lang", lang]);
    c
}
