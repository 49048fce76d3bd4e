#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::Snapshot;
use crate::folded::FoldedSnapshot;
use crate::i18n::Lang;
use crate::journal::read::{gather, listing, resume};
use crate::journal::{Body, Change, Event, Events, Store, chain};
use crate::plan::{LoadedPlan, Plan};
use crate::progress::Folded;
use crate::report::StatusReport;

const WRITERS: [&str; 3] = ["wang", "li", "zhao"];
const NODES: [&str; 4] = ["1.1.1", "1.1.2", "2.1.1", "9.9.9"];

fn change(user: &str, node: &str, percent: u8, at: Timestamp) -> Event {
    let mut e = Event::new(
        user,
        Body::Change(Change {
            node: node.into(),
            percent: Some(percent),
            note: percent.is_multiple_of(3).then(|| format!("进展{percent}")),
            ..Change::default()
        }),
    );
    e.at = at;
    e
}

/// One step of the life of a folder and its snapshot.
#[derive(Debug, Clone)]
enum Op {
    /// A writer appends `n` events, stamped `back` hours ago (later than all else at 0).
    Append { w: usize, n: usize, back: u8 },
    /// A writer undoes the `k`th event appended so far (counted round).
    Undo { w: usize, k: usize },
    /// A start: the read with the snapshot must equal the whole read.
    Start,
    /// A file is cut to this share of its length (possibly inside a line).
    Truncate { w: usize, share: u8 },
    /// One line of a file is replaced by another valid line: the chain breaks after it.
    Rewrite { w: usize, line: usize },
    /// A sync tool leaves a conflicted copy of a file: every id in it stands twice.
    Copy { w: usize },
    /// A line in one writer's file claims to be another's.
    Forge { w: usize },
    /// A file is removed.
    Remove { w: usize },
    /// Another plan is in use.
    Replan,
    /// A byte of the snapshot (of events, or `folded`) is changed, or it is cut short.
    Damage { at: usize, cut: bool, folded: bool },
    /// From now on (or no longer) the reads with the snapshot count as beginning seconds after
    /// every write, as a start does long after the last: files are stamped, and a file whose
    /// stamp is as it was is taken as read. Every write then comes a clock step later than the
    /// read before it, as it does in life.
    Settle(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 1..4usize, prop_oneof![3 => Just(0u8), 1 => 1..48u8])
            .prop_map(|(w, n, back)| Op::Append { w, n, back }),
        4 => Just(Op::Start),
        1 => (0..3usize, 0..64usize).prop_map(|(w, k)| Op::Undo { w, k }),
        1 => (0..3usize, 0..100u8).prop_map(|(w, share)| Op::Truncate { w, share }),
        1 => (0..3usize, 0..8usize).prop_map(|(w, line)| Op::Rewrite { w, line }),
        1 => (0..3usize).prop_map(|w| Op::Copy { w }),
        1 => (0..3usize).prop_map(|w| Op::Forge { w }),
        1 => (0..3usize).prop_map(|w| Op::Remove { w }),
        1 => Just(Op::Replan),
        1 => (0..4096usize, any::<bool>(), any::<bool>())
            .prop_map(|(at, cut, folded)| Op::Damage { at, cut, folded }),
        1 => any::<bool>().prop_map(Op::Settle),
    ]
}

struct World {
    _dir: tempfile::TempDir,
    data: PathBuf,
    folder: PathBuf,
    snapshot: Snapshot,
    snap_path: PathBuf,
    /// Where the store's local copy, and its folded snapshot, are kept.
    copies: PathBuf,
    plans: [LoadedPlan; 2],
    plan: usize,
    clock: Timestamp,
    /// The ids of the events appended, in order.
    appended: Vec<uuid::Uuid>,
    /// Whether reads count as beginning long after the writes (see [`Op::Settle`]).
    settled: bool,
}

impl World {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let cache = dir.path().join("cache");
        fs::create_dir_all(&cache).unwrap();
        let folder = Store::new(&data, "p", "wang").folder().to_path_buf();
        let embedded = LoadedPlan::embedded().unwrap();
        // Another start, and a task due on another day: what the task shows as its due date
        // comes from the plan until a change sets one.
        let mut other = Plan::embedded().unwrap();
        other.start = other.start.yesterday().unwrap();
        other.areas[0].items[0].tasks[1].due = Some(other.start);
        let other = LoadedPlan::from_plan(other, "other");
        World {
            snapshot: Snapshot::new(&cache).eager(),
            snap_path: cache.join(super::NAME),
            copies: dir.path().join("copies"),
            _dir: dir,
            data,
            folder,
            plans: [embedded, other],
            plan: 0,
            clock: Timestamp::now() - SignedDuration::from_hours(24 * 30),
            appended: Vec::new(),
            settled: false,
        }
    }

    fn file(&self, w: usize) -> PathBuf {
        self.folder.join(format!("{}.jsonl", WRITERS[w]))
    }

    fn apply(&mut self, op: &Op) {
        let writes = !matches!(
            op,
            Op::Start | Op::Replan | Op::Settle(_) | Op::Damage { .. }
        );
        if self.settled && writes {
            // Past the file system clock's step: a write never shares a time with a stamp.
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        match *op {
            Op::Append { w, n, back } => {
                let events: Vec<Event> = (0..n)
                    .map(|i| {
                        self.clock += SignedDuration::from_secs(60);
                        let at = self.clock - SignedDuration::from_hours(i64::from(back));
                        change(WRITERS[w], NODES[(w + i) % 4], (i * 37 % 101) as u8, at)
                    })
                    .collect();
                self.appended.extend(events.iter().map(|e| e.id));
                Store::new(&self.data, "p", WRITERS[w])
                    .append(&events)
                    .unwrap();
            }
            Op::Start => self.check(),
            Op::Undo { w, k } => {
                if self.appended.is_empty() {
                    return;
                }
                self.clock += SignedDuration::from_secs(60);
                let mut e = change(WRITERS[w], NODES[k % 4], 0, self.clock);
                if let Body::Change(c) = &mut e.body {
                    c.undoes = Some(self.appended[k % self.appended.len()]);
                }
                Store::new(&self.data, "p", WRITERS[w])
                    .append(&[e])
                    .unwrap();
            }
            Op::Truncate { w, share } => {
                if let Ok(bytes) = fs::read(self.file(w)) {
                    let keep = bytes.len() * usize::from(share) / 100;
                    fs::write(self.file(w), &bytes[..keep]).unwrap();
                }
            }
            Op::Rewrite { w, line } => {
                let Ok(text) = fs::read_to_string(self.file(w)) else {
                    return;
                };
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let Some(target) = lines.get_mut(line) else {
                    return;
                };
                self.clock += SignedDuration::from_secs(60);
                let e = change(WRITERS[w], "1.1.1", 55, self.clock);
                let mut out = Vec::new();
                chain::encode(&e, None, &mut out).unwrap();
                *target = String::from_utf8(out).unwrap();
                fs::write(self.file(w), lines.join("\n") + "\n").unwrap();
            }
            Op::Copy { w } => {
                if let Ok(bytes) = fs::read(self.file(w)) {
                    let copy = format!("{} (conflicted copy).jsonl", WRITERS[w]);
                    fs::write(self.folder.join(copy), bytes).unwrap();
                }
            }
            Op::Forge { w } => {
                self.clock += SignedDuration::from_secs(60);
                let e = change(WRITERS[(w + 1) % 3], "1.1.1", 99, self.clock);
                let mut line = serde_json::to_vec(&e).unwrap();
                line.push(b'\n');
                fs::create_dir_all(&self.folder).unwrap();
                let mut f = fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(self.file(w))
                    .unwrap();
                f.write_all(&line).unwrap();
            }
            Op::Remove { w } => {
                let _ = fs::remove_file(self.file(w));
            }
            Op::Replan => self.plan = 1 - self.plan,
            Op::Settle(on) => {
                self.settled = on;
                let later = std::time::Duration::from_secs(if on { 10 } else { 0 });
                self.snapshot = self.snapshot.clone().reads_later(later);
            }
            Op::Damage { at, cut, folded } => {
                let path = if folded {
                    self.folded().0.path().to_path_buf()
                } else {
                    self.snap_path.clone()
                };
                let Ok(mut bytes) = fs::read(&path) else {
                    return;
                };
                if bytes.is_empty() {
                    return;
                }
                let at = at % bytes.len();
                if cut {
                    bytes.truncate(at);
                } else {
                    bytes[at] ^= 0x20;
                }
                fs::write(&path, bytes).unwrap();
            }
        }
    }

    /// A read with the snapshot gives what a whole read gives: events, warnings, refused and
    /// contested lines, lengths, and so the state of every task.
    fn check(&self) {
        let own = self.file(0);
        let (files, warnings) = listing(&self.folder).unwrap();
        let (with, with_len) = gather(&files, warnings.clone(), Some(&own), Some(&self.snapshot));
        let (whole, whole_len) = gather(&files, warnings, Some(&own), None);
        assert_eq!(with.events, whole.events);
        assert_eq!(with.warnings, whole.warnings);
        assert_eq!(with.refused, whole.refused);
        assert_eq!(with.contested, whole.contested);
        assert_eq!(with.files, whole.files);
        assert_eq!(with_len, whole_len);
        let plan = &self.plans[self.plan];
        let as_of = plan.plan.start;
        let a = crate::progress::fold(plan, with.events, as_of);
        let b = crate::progress::fold(plan, whole.events, as_of);
        assert_eq!(a.nodes, b.nodes);
        assert_eq!(a.orphans, b.orphans);
        self.check_folded();
    }

    /// The first reader's store, with its local copy, and its folded snapshot for the plan in
    /// use.
    fn folded(&self) -> (FoldedSnapshot, Store) {
        let store = Store::new(&self.data, "p", WRITERS[0]).with_local_copy(&self.copies);
        let snapshot = FoldedSnapshot::of(&store).unwrap();
        (snapshot, store)
    }

    /// `status` from the folded snapshot, where it is kept, is `status` from a whole fold. The
    /// snapshot is used as the command line uses it, but kept after every clean whole read,
    /// however small. Says whether the snapshot was used.
    fn check_folded(&self) -> bool {
        let (snapshot, store) = self.folded();
        let plan = &self.plans[self.plan];
        let as_of = plan.plan.start;
        let json =
            |f: &Folded| serde_json::to_string(&StatusReport::new(plan, f, Lang::Zh)).unwrap();
        let kept = snapshot
            .load(&store, plan)
            .map(|d| json(&d.settle(plan, as_of).unwrap()));
        let back = store.read().unwrap();
        let whole = crate::progress::fold(plan, back.events, as_of);
        let folded = Folded::of(plan, &whole);
        if let (None, Some(marks)) = (&kept, &back.marks) {
            snapshot.save(plan, marks, &folded.digest).unwrap();
        }
        let used = kept.is_some();
        if let Some(kept) = kept {
            assert_eq!(kept, json(&folded));
        }
        used
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever happens to the folder and the snapshot, reading with it is reading without it.
    #[test]
    fn the_snapshot_never_changes_a_result(ops in prop::collection::vec(op(), 1..24)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
            world.check();
        }
    }
}

fn folder_with_events() -> World {
    let mut world = World::new();
    for w in 0..3 {
        world.apply(&Op::Append { w, n: 3, back: 0 });
    }
    world
}

fn resumes(world: &World) -> bool {
    let (files, warnings) = listing(&world.folder).unwrap();
    let Some((marks, events)) = world.snapshot.load() else {
        return false;
    };
    resume(&files, &warnings, marks, events, &world.snapshot).is_some()
}

#[test]
fn a_start_after_appends_parses_only_what_was_appended() {
    let mut world = folder_with_events();
    assert!(!resumes(&world), "no snapshot yet");
    world.check(); // the first read keeps one
    assert!(resumes(&world));
    world.apply(&Op::Append {
        w: 1,
        n: 2,
        back: 0,
    });
    world.apply(&Op::Append {
        w: 2,
        n: 1,
        back: 5,
    });
    // Resumed, the events the snapshot holds were not parsed again: their ids would stand
    // twice.
    assert!(resumes(&world));
    world.check();
}

#[test]
fn a_same_length_change_far_from_the_end_of_what_was_read_is_caught() {
    for grown in [false, true] {
        let mut world = folder_with_events();
        world.apply(&Op::Append {
            w: 0,
            n: 3,
            back: 0,
        });
        world.check();
        assert!(resumes(&world));
        // A digit of the first line, hundreds of bytes before the end.
        let path = world.file(0);
        let mut bytes = fs::read(&path).unwrap();
        let first_line = bytes.iter().position(|&b| b == b'\n').unwrap();
        assert!(bytes.len() - first_line > 512);
        let at = bytes[..first_line]
            .iter()
            .rposition(u8::is_ascii_digit)
            .unwrap();
        bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
        fs::write(&path, &bytes).unwrap();
        if grown {
            world.apply(&Op::Append {
                w: 0,
                n: 1,
                back: 0,
            });
        }
        assert!(!resumes(&world), "changed, grown: {grown}");
        world.check();
    }
}

#[test]
fn an_untouched_file_stamped_at_its_read_is_taken_as_read_and_a_touched_one_is_checked() {
    let world = folder_with_events();
    world.check();
    let (files, warnings) = listing(&world.folder).unwrap();
    let (whole, _) = gather(&files, warnings.clone(), None, None);
    // As a read long after the files' last writes would have left them.
    let settled = |world: &World| {
        let (mut marks, events) = world.snapshot.load().unwrap();
        for m in &mut marks {
            let meta = fs::metadata(world.folder.join(&m.name)).unwrap();
            m.stamp = crate::journal::marks::Stamp::of(&meta);
            assert!(m.stamp.is_some());
        }
        (marks, events)
    };
    let (marks, events) = settled(&world);
    let (back, _) = resume(&files, &warnings, marks.clone(), events, &world.snapshot).unwrap();
    assert_eq!(back.events, whole.events);
    assert_eq!(back.marks.unwrap().0, marks, "the marks stand as they were");
    // One byte of a file changed, its length kept: its stamp differs, and the checksum tells.
    let (marks, events) = settled(&world);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let path = world.file(1);
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes.iter().position(u8::is_ascii_digit).unwrap();
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    fs::write(&path, &bytes).unwrap();
    assert!(resume(&files, &warnings, marks, events, &world.snapshot).is_none());
}

#[test]
fn a_file_last_written_seconds_before_the_read_is_stamped_and_an_untouched_one_matches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    fs::write(&path, b"0123456789\n").unwrap();
    let meta = fs::metadata(&path).unwrap();
    let now = std::time::SystemTime::now();
    assert_eq!(
        crate::journal::marks::Stamp::settled(&meta, 11, now),
        None,
        "just written"
    );
    let later = now + std::time::Duration::from_secs(5);
    let stamp = crate::journal::marks::Stamp::settled(&meta, 11, later).unwrap();
    assert_eq!(
        crate::journal::marks::Stamp::settled(&meta, 10, later),
        None,
        "another length"
    );
    assert_eq!(
        crate::journal::marks::Stamp::of(&fs::metadata(&path).unwrap()),
        Some(stamp)
    );
    // The same length, and the modification time set back to what it was.
    let modified = meta.modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, b"0123456780\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let touched = crate::journal::marks::Stamp::of(&fs::metadata(&path).unwrap());
    if cfg!(unix) {
        assert_ne!(touched, Some(stamp), "the status-change time tells");
    }
}

#[test]
fn what_the_snapshot_cannot_vouch_for_is_read_whole() {
    let mut world = folder_with_events();
    world.check();
    assert!(resumes(&world));
    world.apply(&Op::Truncate { w: 1, share: 50 });
    assert!(!resumes(&world), "a shorter file");

    let mut world = folder_with_events();
    world.check();
    world.apply(&Op::Remove { w: 2 });
    assert!(!resumes(&world), "a vanished file");

    let mut world = folder_with_events();
    world.check();
    world.apply(&Op::Copy { w: 0 });
    assert!(!resumes(&world), "ids standing twice");

    let mut world = folder_with_events();
    world.check();
    world.apply(&Op::Damage {
        at: 40,
        cut: false,
        folded: false,
    });
    assert!(world.snapshot.load().is_none(), "a damaged snapshot");
}

#[test]
fn a_read_with_warnings_is_not_kept() {
    let mut world = folder_with_events();
    world.apply(&Op::Forge { w: 0 });
    world.check();
    assert!(world.snapshot.load().is_none());
    assert!(!Path::new(&world.snap_path).exists());
}

#[test]
fn a_piece_that_does_not_hold_as_many_events_as_its_count_is_refused() {
    let events: Vec<Event> = (0..3)
        .map(|i| change("wang", "1.1.1", i, Timestamp::UNIX_EPOCH))
        .collect();
    let packed: Events = events.iter().collect();
    let records = packed.records(0, 3);
    let starts = super::events::starts_of(records, 3).unwrap();
    assert_eq!(
        Events::from_parts(records.to_vec(), vec![(0, starts)]),
        events
    );
    // A count one short leaves a record over, one more runs out of bytes, and a count of a
    // trillion makes no room for them.
    assert_eq!(super::events::starts_of(records, 2), None);
    assert_eq!(super::events::starts_of(records, 4), None);
    assert_eq!(super::events::starts_of(records, 1 << 40), None);
    // A record cut short is no record.
    assert_eq!(
        super::events::starts_of(&records[..records.len() - 1], 3),
        None
    );
}

#[test]
fn status_on_an_unchanged_folder_reads_no_event() {
    let mut world = folder_with_events();
    assert!(!world.check_folded(), "nothing kept yet");
    assert!(world.check_folded(), "kept, and the folder has not changed");
    world.apply(&Op::Append {
        w: 1,
        n: 2,
        back: 0,
    });
    assert!(
        world.check_folded(),
        "lines appended after all others are folded in"
    );
    world.apply(&Op::Append {
        w: 2,
        n: 1,
        back: 0,
    });
    assert!(world.check_folded(), "and again");
    world.apply(&Op::Append {
        w: 1,
        n: 1,
        back: 5,
    });
    assert!(!world.check_folded(), "a line that goes before others");
    assert!(world.check_folded());
    world.apply(&Op::Replan);
    assert!(!world.check_folded(), "another plan");
    assert!(world.check_folded());
    world.apply(&Op::Forge { w: 0 });
    assert!(!world.check_folded(), "a forged line");
    assert!(!world.check_folded(), "a read with a warning is not kept");
}

#[test]
fn a_changed_byte_that_still_decodes_is_caught_by_the_checksum_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = Snapshot::new(dir.path()).eager();
    let events: Vec<Event> = (0..7)
        .map(|i| change("wang", "1.1.1", i * 3, Timestamp::UNIX_EPOCH))
        .collect();
    snapshot.save(&[], &Events::from(events.clone())).unwrap();
    assert_eq!(snapshot.load().unwrap().1, events);
    // "进展9" becomes "进展8" in the fourth piece: every piece still decodes.
    let path = dir.path().join(super::NAME);
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes
        .windows("进展9".len())
        .position(|w| w == "进展9".as_bytes())
        .unwrap();
    bytes[at + "进展".len()] = b'8';
    fs::write(&path, &bytes).unwrap();
    assert!(snapshot.load().is_none());
    // Pieces of events go to a few threads and back in order.
    let many: Vec<Event> = (0..301)
        .map(|i| change("wang", "1.1.1", (i % 100) as u8, Timestamp::UNIX_EPOCH))
        .collect();
    snapshot.save(&[], &Events::from(many.clone())).unwrap();
    assert_eq!(snapshot.load().unwrap().1, many);
}

#[test]
fn a_damaged_head_is_refused_before_any_room_is_made_for_events() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = Snapshot::new(dir.path()).eager();
    let events: Vec<Event> = (0..9)
        .map(|i| change("wang", "1.1.1", i, Timestamp::UNIX_EPOCH))
        .collect();
    snapshot.save(&[], &Events::from(events.clone())).unwrap();
    let path = dir.path().join(super::NAME);
    let bytes = fs::read(&path).unwrap();
    let file = fs::File::open(&path).unwrap();
    let len = bytes.len() as u64;
    let ending = super::read_head(&file, len).unwrap();
    assert_eq!(ending.head.chunks.iter().map(|c| c.1).sum::<u64>(), 9);
    // Any byte of the head, its length or its checksum changed: the head is not read, so no
    // count in it sizes anything.
    let head_at = usize::try_from(ending.at).unwrap();
    for at in head_at..bytes.len() - 4 {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let file = fs::File::open(&path).unwrap();
        assert!(super::read_head(&file, len).is_none(), "byte {at}");
        assert!(snapshot.load().is_none());
    }
}

#[test]
fn a_file_found_to_start_with_what_was_read_is_not_read_from_its_start_again() {
    let mut world = folder_with_events();
    world.check();
    world.apply(&Op::Append {
        w: 0,
        n: 2,
        back: 0,
    });
    // Long enough after the last write for the files' times to tell a later one apart.
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let dir = world.snap_path.parent().unwrap();
    let (before, _) = world.snapshot.load().unwrap();
    let mut marks = before.clone();
    crate::journal::checked::Checked::load(dir).stamp(&mut marks);
    assert!(
        marks.iter().all(|m| m.stamp.is_none()),
        "nothing checked yet"
    );
    // Checked from their starts, once.
    assert!(resumes(&world));
    crate::journal::checked::Checked::load(dir).stamp(&mut marks);
    for (m, b) in marks.iter().zip(&before) {
        let meta = fs::metadata(world.folder.join(&m.name)).unwrap();
        assert_eq!(
            m.stamp,
            crate::journal::marks::Stamp::of(&meta),
            "{}",
            m.name
        );
        assert_eq!((m.len, m.sum), (b.len, b.sum));
    }
    // Taken as checked, the grown file is read on from its mark: the same result.
    assert!(resumes(&world));
    world.check();
}
