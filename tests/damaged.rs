//! Damaged journals: truncated at every byte of the last lines, bit flips, a zero-filled tail, an
//! empty file, invalid UTF-8, 50 MB lines. Read through the library and the binary: no panic,
//! every intact event kept, every damaged line reported with its file and line, and the damaged
//! file never rewritten: a later `workplan set` only adds bytes at its end.
//!
//! `WORKPLAN_DAMAGE_FLIPS` sets the number of bit flips (default 100; the nightly run 2000); `WORKPLAN_DAMAGE_CLI_EVERY`
//! how often a damaged file is also run through the binary (default: every 8th; 1 for all).
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use jiff::Timestamp;
use uuid::Uuid;
use workplan::journal::{
    Body, Change, Event, JournalWarning, MAX_LINE, Meeting, ReadBack, Store, WarningKind,
    file_stem_for,
};
use workplan::status::Status;

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_workplan");
const PLAN_ID: &str = "xjw-2023";

/// Events with fixed ids and times and the kind of text officers write.
fn events(rng: &mut fastrand::Rng, user: &str, n: usize) -> Vec<Event> {
    let notes = [
        "完成首轮对接，形成问题清单",
        "立法联系点完成迭代升级；已通过验收",
        "等待区里批复 \"补充材料\"\n第二行",
        "",
    ];
    let nodes = ["1.1.1", "1.2.3", "2.1.1", "3.1.2", "5.1.2", "6.3.2"];
    (0..n)
        .map(|i| {
            let id = Uuid::from_u64_pair(rng.u64(..), rng.u64(..));
            let at = Timestamp::from_second(1_685_000_000 + 3_600 * i as i64).unwrap();
            let body = if i % 7 == 6 {
                Body::Meeting(Meeting {
                    title: Some("八月例会".into()),
                })
            } else {
                let note = notes[rng.usize(..notes.len())];
                Body::Change(Change {
                    node: nodes[rng.usize(..nodes.len())].into(),
                    status: [None, Some(Status::InProgress), Some(Status::Blocked)][i % 3],
                    percent: Some((rng.usize(..101)) as u8),
                    note: (!note.is_empty()).then(|| note.into()),
                    owner: (i % 4 == 1).then(|| "经济发展办".into()),
                    due: (i % 5 == 2).then(|| jiff::civil::date(2023, 8, 31)),
                    ..Change::default()
                })
            };
            Event {
                id,
                at,
                user: user.into(),
                body,
            }
        })
        .collect()
}

fn to_lines(events: &[Event]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        serde_json::to_writer(&mut out, e).unwrap();
        out.push(b'\n');
    }
    out
}

/// What reading a damaged file must give, worked out line by line from the bytes alone.
struct Expected {
    /// Events on lines that are exactly as they were written: all of them must be kept.
    intact: Vec<Event>,
    /// Damaged lines that still parse as an event: kept as they are now.
    salvaged: usize,
    /// (line, is torn tail) of every damaged line that is not an event: each must be reported.
    reported: Vec<(usize, bool)>,
}

fn expect(original: &HashSet<&[u8]>, damaged: &[u8]) -> Expected {
    let mut out = Expected {
        intact: Vec::new(),
        salvaged: 0,
        reported: Vec::new(),
    };
    let complete = damaged.last().is_none_or(|&b| b == b'\n');
    let pieces: Vec<&[u8]> = damaged.split(|&b| b == b'\n').collect();
    let count = if complete {
        pieces.len() - 1
    } else {
        pieces.len()
    };
    for (i, piece) in pieces[..count].iter().enumerate() {
        let piece = piece.strip_suffix(b"\r").unwrap_or(piece);
        if piece.len() > MAX_LINE {
            out.reported.push((i + 1, !complete && i + 1 == count));
            continue;
        }
        if piece.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // A last line without its line break is never taken, whole event or not.
        if !complete && i + 1 == count {
            out.reported.push((i + 1, true));
            continue;
        }
        let parsed = serde_json::from_slice::<Event>(piece);
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
        match parsed {
            Ok(e) if original.contains(piece) => out.intact.push(e),
            // An event's writer is its file: a flip in the name makes a line someone else's.
            Ok(e) if file_stem_for(&e.user).to_lowercase() != "alice" => {
                out.reported.push((i + 1, false))
            }
            Ok(e) => {
                out.salvaged += 1;
                if e.at > soon {
                    out.reported.push((i + 1, false));
                }
            }
            Err(_) => out.reported.push((i + 1, !complete && i + 1 == count)),
        }
    }
    out
}

/// A data folder with alice's damaged journal and bob's intact one.
struct Folder {
    _dir: tempfile::TempDir,
    data: PathBuf,
    alice: PathBuf,
    bob: Vec<Event>,
}

impl Folder {
    fn new(rng: &mut fastrand::Rng) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_path_buf();
        let folder = data.join(PLAN_ID);
        fs::create_dir_all(&folder).unwrap();
        let bob = events(rng, "bob", 3);
        fs::write(folder.join("bob.jsonl"), to_lines(&bob)).unwrap();
        Self {
            _dir: dir,
            alice: folder.join("alice.jsonl"),
            data,
            bob,
        }
    }

    fn read(&self) -> ReadBack {
        Store::new(&self.data, PLAN_ID, "alice").read().unwrap()
    }

    fn workplan(&self) -> Command {
        let mut c = Command::new(BIN);
        c.envs(common::ISOLATED);
        for var in ["WORKPLAN_PLAN", "WORKPLAN_DATA_DIR", "WORKPLAN_USER"] {
            c.env_remove(var);
        }
        c.args(["--lang", "en", "--user", "alice", "--today", "2023-09-01"])
            .arg("--data-dir")
            .arg(&self.data);
        c
    }
}

/// How many cases of each kind were tried, for the closing note.
#[derive(Default)]
struct Tally {
    library: usize,
    cli: usize,
    reported: usize,
    salvaged: usize,
}

impl Tally {
    fn print(&self, what: &str) {
        eprintln!(
            "{what}: {} damaged files read by the library, {} also by the binary (status, then \
             set); {} damaged lines reported, {} damaged lines still valid events",
            self.library, self.cli, self.reported, self.salvaged
        );
    }
}

fn contains(back: &ReadBack, e: &Event) -> bool {
    back.events.iter().any(|x| x == *e)
}

/// Reads `damaged` as alice's journal through the library, and, when `cli`, through the binary
/// followed by an append; checks everything the module promises.
fn check(
    f: &Folder,
    original: &HashSet<&[u8]>,
    damaged: &[u8],
    cli: bool,
    tally: &mut Tally,
    case: &str,
) {
    fs::write(&f.alice, damaged).unwrap();
    let want = expect(original, damaged);
    let back = f.read();
    tally.library += 1;
    tally.reported += want.reported.len();
    tally.salvaged += want.salvaged;
    assert_eq!(
        fs::read(&f.alice).unwrap(),
        damaged,
        "{case}: reading changed the file"
    );
    for e in want.intact.iter().chain(&f.bob) {
        assert!(contains(&back, e), "{case}: intact event lost: {e:?}");
    }
    assert_eq!(
        back.events.len(),
        want.intact.len() + want.salvaged + f.bob.len(),
        "{case}"
    );
    // Each damaged line is counted, folded per file into one warning of its sort that names
    // the first such line; a torn tail is told as one (or as a line too long to read).
    let counted: usize = back.warnings.iter().map(|w| w.count).sum();
    assert_eq!(counted, want.reported.len(), "{case}: {:?}", back.warnings);
    for w in &back.warnings {
        assert_eq!(w.file, f.alice, "{case}");
        assert!(
            want.reported.iter().any(|&(l, _)| l == w.line),
            "{case}: {w:?} names a line that is not damaged"
        );
    }
    assert_eq!(
        back.warnings.first().map(|w| w.line),
        want.reported.first().map(|r| r.0),
        "{case}: the first damaged line is named"
    );
    let torn =
        |w: &&JournalWarning| matches!(w.kind, WarningKind::TornTail | WarningKind::TooLong(_));
    if want.reported.last().is_some_and(|r| r.1) {
        assert!(back.warnings.iter().any(|w| torn(&w)), "{case}");
    }
    for w in &back.warnings {
        let words = workplan::i18n::journal_warning(workplan::i18n::Lang::En, w);
        assert!(
            words.len() < 1_000,
            "{case}: a warning of {} bytes",
            words.len()
        );
    }
    if cli {
        tally.cli += 1;
        check_cli(f, &want, damaged, case);
    }
}

fn check_cli(f: &Folder, want: &Expected, damaged: &[u8], case: &str) {
    let out = f.workplan().arg("status").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{case}: status failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    if let Some((line, _)) = want.reported.first() {
        let place = format!("{}:{line}: ", f.alice.display());
        assert!(stderr.contains(&place), "{case}: no {place} in {stderr}");
    }
    // At most one line per sort of damage, however many lines; a flipped id may add a note
    // about orphaned events.
    let journal = format!("{}:", f.alice.display());
    let told = stderr.lines().filter(|l| l.starts_with(&journal)).count();
    assert!(
        told <= want.reported.len() && told <= 5 && (told > 0) != want.reported.is_empty(),
        "{case}: {stderr}"
    );
    assert_eq!(
        fs::read(&f.alice).unwrap(),
        damaged,
        "{case}: status changed the file"
    );

    let note = format!("after {case}");
    let out = f
        .workplan()
        .args(["set", "4.1.1", "--percent", "30", "--note", &note])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{case}: set failed: {out:?}");
    assert!(stdout.contains("saved"), "{case}: {stdout}");
    let after = fs::read(&f.alice).unwrap();
    assert!(after.len() > damaged.len(), "{case}");
    assert!(
        after.starts_with(damaged),
        "{case}: the append changed existing bytes"
    );
    let back = f.read();
    for e in want.intact.iter().chain(&f.bob) {
        assert!(contains(&back, e), "{case}: intact event lost after set");
    }
    let added = back
        .events
        .iter()
        .filter(|e| e.change().is_some_and(|c| c.note.as_deref() == Some(&note)))
        .count();
    assert_eq!(added, 1, "{case}: the new event is not read back");
}

/// Alice's journal of `n` events, its bytes and the set of its lines.
fn alice(rng: &mut fastrand::Rng, n: usize) -> (Vec<Event>, Vec<u8>) {
    let events = events(rng, "alice", n);
    let bytes = to_lines(&events);
    (events, bytes)
}

fn line_set(bytes: &[u8]) -> HashSet<&[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn truncated_at_every_byte_of_the_last_three_lines() {
    let mut rng = fastrand::Rng::with_seed(1);
    let f = Folder::new(&mut rng);
    let (_, bytes) = alice(&mut rng, 12);
    let original = line_set(&bytes);
    let every = common::env_number::<usize>("WORKPLAN_DAMAGE_CLI_EVERY", 8).max(1);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let from = starts[starts.len() - 4];
    let mut tally = Tally::default();
    for cut in from..=bytes.len() {
        let damaged = &bytes[..cut];
        let case = format!("cut at {cut}");
        check(
            &f,
            &original,
            damaged,
            (cut - from).is_multiple_of(every),
            &mut tally,
            &case,
        );
    }
    tally.print(&format!(
        "truncation at every offset {from}..={} (last 3 lines)",
        bytes.len()
    ));
}

#[test]
fn random_bit_flips() {
    let flips = common::env_number::<usize>("WORKPLAN_DAMAGE_FLIPS", 100).max(1);
    let every = common::env_number::<usize>("WORKPLAN_DAMAGE_CLI_EVERY", 8).max(1);
    let mut rng = fastrand::Rng::with_seed(2);
    let f = Folder::new(&mut rng);
    let (_, bytes) = alice(&mut rng, 12);
    let original = line_set(&bytes);
    let mut tally = Tally::default();
    for i in 0..flips {
        let mut damaged = bytes.clone();
        let at = rng.usize(..damaged.len());
        let bit = rng.usize(..8);
        damaged[at] ^= 1 << bit;
        let case = format!("flip {i}: bit {bit} of byte {at}");
        check(
            &f,
            &original,
            &damaged,
            i.is_multiple_of(every),
            &mut tally,
            &case,
        );
    }
    tally.print(&format!("{flips} single bit flips"));
}

#[test]
fn zero_filled_tails() {
    let mut rng = fastrand::Rng::with_seed(3);
    let f = Folder::new(&mut rng);
    let (_, bytes) = alice(&mut rng, 40);
    let original = line_set(&bytes);
    let mut tally = Tally::default();
    // 4 KiB of NULs after the last line, as a file system may leave after a crash ...
    let mut appended = bytes.clone();
    appended.extend(std::iter::repeat_n(0u8, 4096));
    check(
        &f,
        &original,
        &appended,
        true,
        &mut tally,
        "4 KiB NULs after",
    );
    // ... the last 4 KiB zeroed in place ...
    let mut zeroed = bytes.clone();
    let n = zeroed.len();
    zeroed[n - 4096..].fill(0);
    check(
        &f,
        &original,
        &zeroed,
        true,
        &mut tally,
        "last 4 KiB zeroed",
    );
    // ... and a zeroed block that later appends closed off with a newline.
    let mut middle = bytes.clone();
    middle[1000..5096].fill(0);
    middle.insert(5096, b'\n');
    check(
        &f,
        &original,
        &middle,
        true,
        &mut tally,
        "zeroed block inside",
    );
    tally.print("zero-filled tails");
}

#[test]
fn empty_file_and_invalid_utf8() {
    let mut rng = fastrand::Rng::with_seed(4);
    let f = Folder::new(&mut rng);
    let (_, bytes) = alice(&mut rng, 8);
    let original = line_set(&bytes);
    let mut tally = Tally::default();
    check(&f, &original, b"", true, &mut tally, "empty file");
    check(
        &f,
        &original,
        b"\n\n  \r\n",
        true,
        &mut tally,
        "blank lines only",
    );

    // A GBK line inserted between two lines.
    let mid = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut gbk = bytes[..mid].to_vec();
    gbk.extend_from_slice(b"{\"note\":\"\xc4\xe3\xba\xc3\"}\n");
    gbk.extend_from_slice(&bytes[mid..]);
    check(
        &f,
        &original,
        &gbk,
        true,
        &mut tally,
        "GBK line in the middle",
    );

    // A byte inside a Chinese note of a middle line replaced by 0xFF.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let at = text.find('完').unwrap();
    let mut broken = bytes.clone();
    broken[at + 1] = 0xFF;
    check(
        &f,
        &original,
        &broken,
        true,
        &mut tally,
        "0xFF inside a note",
    );

    // Invalid UTF-8 in the torn last line, and a lone continuation byte.
    let mut tail = bytes.clone();
    tail.extend_from_slice(b"{\"id\":\"\xe5\xae");
    check(
        &f,
        &original,
        &tail,
        true,
        &mut tally,
        "torn in a character",
    );
    let mut lone = bytes.clone();
    lone.splice(mid..mid, *b"\x80\n");
    check(
        &f,
        &original,
        &lone,
        true,
        &mut tally,
        "lone continuation byte",
    );
    tally.print("empty and non-UTF-8 files");
}

const BIG: usize = 50 * 1024 * 1024;

#[test]
fn lines_of_50_mb() {
    let mut rng = fastrand::Rng::with_seed(5);
    let f = Folder::new(&mut rng);
    let (events, bytes) = alice(&mut rng, 6);
    let original = line_set(&bytes);
    let mut tally = Tally::default();
    let head = br#"{"id":"01890a5d-ac96-774b-bcce-b302099a8057","at":"2023-06-01T00:00:00Z","user":"alice","change":{"node":"1.1.1","#;

    // A torn 50 MB note with no newline: the tail of a write that never finished.
    let mut torn = bytes.clone();
    torn.extend_from_slice(head);
    torn.extend_from_slice(br#""note":""#);
    torn.resize(bytes.len() + BIG, b'x');
    check(&f, &original, &torn, true, &mut tally, "50 MB torn tail");

    // A 50 MB line that is not an event, closed by a newline, with intact lines after it; its
    // value is quoted by the parser's message, which must still be short.
    let mid = bytes.len() / 2;
    let mid = mid + bytes[mid..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut bad = bytes[..mid].to_vec();
    bad.extend_from_slice(head);
    bad.extend_from_slice(br#""status":""#);
    bad.resize(mid + BIG, b'y');
    bad.extend_from_slice(b"\"}}\n");
    bad.extend_from_slice(&bytes[mid..]);
    check(&f, &original, &bad, true, &mut tally, "50 MB bad line");

    // 50 MB without a single newline and not JSON at all.
    let junk = vec![b'z'; BIG];
    check(&f, &original, &junk, true, &mut tally, "50 MB of junk");

    // A valid event with a 50 MB note is longer than any line kept: skipped and reported, and
    // never held in memory.
    let mut huge = events[0].clone();
    huge.id = Uuid::from_u64_pair(rng.u64(..), rng.u64(..));
    if let Body::Change(c) = &mut huge.body {
        c.note = Some("长".repeat(BIG / 3));
    }
    let huge_line = to_lines(std::slice::from_ref(&huge));
    let mut valid = bytes.clone();
    valid.extend_from_slice(&huge_line);
    check(&f, &original, &valid, true, &mut tally, "50 MB valid event");
    assert!(!contains(&f.read(), &huge));
    tally.print("50 MB lines");
}

/// Guards the helpers above: an undamaged journal expects every event and no warning.
#[test]
fn an_undamaged_journal_reads_whole() {
    let mut rng = fastrand::Rng::with_seed(6);
    let f = Folder::new(&mut rng);
    let (events, bytes) = alice(&mut rng, 10);
    let want = expect(&line_set(&bytes), &bytes);
    assert_eq!(want.intact, events);
    assert!(want.reported.is_empty());
    let mut tally = Tally::default();
    check(&f, &line_set(&bytes), &bytes, true, &mut tally, "undamaged");
}
