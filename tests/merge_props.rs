//! Merge: any split of a set of events across 1–5 writer files, read in any order, with files
//! (and stale partial copies of them) copied in any number of times, gives the same events and
//! the same state of every node.
//!
//! `PROPTEST_CASES` sets the number of cases (default 256).
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use uuid::Uuid;
use workplan::journal::{Body, Change, Event, Meeting, Store, WarningKind, merge};
use workplan::plan::LoadedPlan;
use workplan::progress::{Progress, fold};
use workplan::status::Status;

/// Tasks of the embedded plan, an item, and an id the plan does not have (an orphan).
const NODES: [&str; 6] = ["1.1.1", "1.1.2", "2.1.1", "5.1.2", "1.1", "9.9.9"];
const USERS: [&str; 3] = ["alice", "bob", "王敏"];

/// One event as drawn: everything but the ids of events it undoes, which are picked afterwards.
#[derive(Debug, Clone)]
struct Drawn {
    id: u128,
    /// Seconds after the start: few values, so that many events share a time and their ids decide.
    at: i64,
    user: usize,
    node: usize,
    status: Option<usize>,
    percent: Option<u8>,
    note: bool,
    meeting: bool,
    /// Undo the event at this index (modulo the count), when set.
    undoes: Option<usize>,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    (
        any::<u128>(),
        0..6i64,
        0..USERS.len(),
        0..NODES.len(),
        proptest::option::of(0..4usize),
        proptest::option::of(0..=100u8),
        any::<bool>(),
        prop::bool::weighted(0.1),
        proptest::option::weighted(0.15, any::<usize>()),
    )
        .prop_map(
            |(id, at, user, node, status, percent, note, meeting, undoes)| Drawn {
                id,
                at,
                user,
                node,
                status,
                percent,
                note,
                meeting,
                undoes,
            },
        )
}

fn events(drawn: &[Drawn]) -> Vec<Event> {
    let mut seen = HashSet::new();
    let unique: Vec<&Drawn> = drawn.iter().filter(|d| seen.insert(d.id)).collect();
    let ids: Vec<Uuid> = unique.iter().map(|d| Uuid::from_u128(d.id)).collect();
    unique
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let body = if d.meeting {
                Body::Meeting(Meeting {
                    title: d.note.then(|| format!("会议 {i}")),
                })
            } else {
                let statuses = [
                    Status::NotStarted,
                    Status::InProgress,
                    Status::Done,
                    Status::Blocked,
                ];
                Body::Change(Change {
                    node: NODES[d.node].into(),
                    status: d.status.map(|s| statuses[s]),
                    percent: d.percent,
                    note: d.note.then(|| format!("进展 {i}")),
                    owner: (i % 3 == 0).then(|| USERS[d.user].into()),
                    undoes: d.undoes.map(|u| ids[u % ids.len()]),
                    ..Change::default()
                })
            };
            Event {
                id: ids[i],
                at: Timestamp::from_second(1_690_000_000 + d.at).unwrap(),
                user: USERS[d.user].into(),
                body,
            }
        })
        .collect()
}

/// How the events are spread over files and read back.
#[derive(Debug, Clone)]
struct Spread {
    files: usize,
    /// The file each event goes to (modulo `files`).
    owner: Vec<usize>,
    /// Extra whole copies of each file.
    copies: Vec<usize>,
    /// A stale copy of the first lines of a file: (file, how many lines), when set.
    stale: Option<(usize, usize)>,
    /// A key per file copy that orders the reading.
    order: Vec<u32>,
}

fn spread() -> impl Strategy<Value = Spread> {
    (
        1..=5usize,
        prop::collection::vec(any::<usize>(), 64),
        prop::collection::vec(0..3usize, 5),
        proptest::option::of((any::<usize>(), any::<usize>())),
        prop::collection::vec(any::<u32>(), 32),
    )
        .prop_map(|(files, owner, copies, stale, order)| Spread {
            files,
            owner,
            copies,
            stale,
            order,
        })
}

/// The files as they would lie in a folder: each writer's events, whole copies, a stale copy.
fn split(events: &[Event], s: &Spread) -> Vec<Vec<Event>> {
    let mut files = vec![Vec::new(); s.files];
    for (i, e) in events.iter().enumerate() {
        files[s.owner[i % s.owner.len()] % s.files].push(e.clone());
    }
    let mut out = Vec::new();
    for (f, file) in files.iter().enumerate() {
        for _ in 0..=s.copies[f] {
            out.push(file.clone());
        }
    }
    if let Some((f, n)) = s.stale {
        let file = &files[f % s.files];
        out.push(file[..n % (file.len() + 1)].to_vec());
    }
    // Read in the order of the drawn keys.
    let mut keyed: Vec<(u32, usize, Vec<Event>)> = out
        .into_iter()
        .enumerate()
        .map(|(i, f)| (s.order[i % s.order.len()], i, f))
        .collect();
    keyed.sort_by_key(|(k, i, _)| (*k, *i));
    keyed.into_iter().map(|(_, _, f)| f).collect()
}

fn same_state(a: &Progress, b: &Progress) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.events, &b.events);
    prop_assert_eq!(&a.nodes, &b.nodes);
    prop_assert_eq!(&a.overall, &b.overall);
    prop_assert_eq!(&a.orphans, &b.orphans);
    prop_assert_eq!(&a.meetings, &b.meetings);
    prop_assert_eq!(&a.undone, &b.undone);
    Ok(())
}

#[test]
fn any_split_order_and_copies_merge_to_the_same_state() {
    static CASES: AtomicUsize = AtomicUsize::new(0);
    static EVENTS: AtomicUsize = AtomicUsize::new(0);
    static FILES: AtomicUsize = AtomicUsize::new(0);
    let plan = LoadedPlan::embedded().unwrap();
    let as_of = jiff::civil::date(2023, 9, 1);
    let mut runner = TestRunner::new(Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/merge_props.proptest-regressions",
        ))),
        ..Config::default()
    });
    let strategy = (prop::collection::vec(drawn(), 0..40), spread(), spread());
    runner
        .run(&strategy, |(drawn, one, other)| {
            let all = events(&drawn);
            // The reference: every event once, in (time, id) order.
            let mut reference = all.clone();
            reference.sort_by_key(|e| (e.at, e.id));
            let expected = fold(&plan, reference.clone(), as_of);

            // Through merge, for two different spreads of the same events.
            let mut merged = Vec::new();
            for s in [&one, &other] {
                let files = split(&all, s);
                let m = merge(files.iter().flatten().cloned());
                prop_assert_eq!(&m, &reference);
                same_state(&fold(&plan, m.clone(), as_of), &expected)?;
                // Merging again with any of the files changes nothing.
                let again = merge(m.iter().cloned().chain(files.concat()));
                prop_assert_eq!(&again, &m);
                merged = files;
            }

            // Through the folder, as the program reads it: an event's writer is the file it is
            // in, so each copy is a sync tool's copy of each of its writers' files.
            let dir = tempfile::tempdir().unwrap();
            let store = Store::new(dir.path(), "xjw-2023", "alice");
            fs::create_dir_all(store.folder()).unwrap();
            let mut texts: std::collections::BTreeMap<String, String> = Default::default();
            for (i, file) in merged.iter().enumerate() {
                for e in file {
                    let name = format!("{}.sync-conflict-{i:02}.jsonl", e.user);
                    let text = texts.entry(name).or_default();
                    text.push_str(&serde_json::to_string(e).unwrap());
                    text.push('\n');
                }
            }
            for (name, text) in &texts {
                fs::write(store.folder().join(name), text).unwrap();
            }
            let back = store.read().unwrap();
            let notes = |k: &WarningKind| *k == WarningKind::ConflictCopy;
            prop_assert!(
                back.warnings.iter().all(|w| notes(&w.kind)),
                "{:?}",
                back.warnings
            );
            prop_assert_eq!(back.files, texts.len());
            prop_assert_eq!(&back.events, &reference);
            same_state(&fold(&plan, back.events, as_of), &expected)?;

            CASES.fetch_add(1, Ordering::Relaxed);
            EVENTS.fetch_add(all.len(), Ordering::Relaxed);
            FILES.fetch_add(texts.len(), Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "merge: {} cases, {} events, {} files in folders (plus two merges in memory per case); \
         every one the same state",
        CASES.load(Ordering::Relaxed),
        EVENTS.load(Ordering::Relaxed),
        FILES.load(Ordering::Relaxed),
    );
}

/// Reads of a folder that keeps changing, as a computer with its local copy of events makes
/// them: every read holds every event of a plain read of the folder, in the same order, with
/// the same damage reported, whatever was appended, cut short or changed in between.
#[test]
fn reads_with_the_local_copy_hold_everything_a_plain_read_does() {
    #[derive(Debug, Clone)]
    enum Step {
        /// A writer appends this many events.
        Append(usize, usize),
        /// A reader reads.
        Read,
        /// A file goes back to an earlier length (a sync of an older copy).
        Cut(usize, usize),
        /// A byte of a file changes in place.
        Flip(usize, usize),
    }
    let step = prop_oneof![
        4 => (0..3usize, 1..30usize).prop_map(|(u, n)| Step::Append(u, n)),
        3 => Just(Step::Read),
        1 => (0..3usize, 0..2000usize).prop_map(|(u, k)| Step::Cut(u, k)),
        1 => (0..3usize, 0..2000usize).prop_map(|(u, k)| Step::Flip(u, k)),
    ];
    let mut runner = TestRunner::new(Config {
        cases: Config::default().cases.min(64),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(step, 1..30), |steps| {
            let dir = tempfile::tempdir().unwrap();
            let cache = dir.path().join("cache");
            let writers: Vec<Store> = USERS
                .iter()
                .map(|u| Store::new(dir.path(), "xjw-2023", u))
                .collect();
            let reader = Store::new(dir.path(), "xjw-2023", "reader").with_local_copy(&cache);
            let plain = Store::new(dir.path(), "xjw-2023", "reader");
            let mut seen = HashSet::new();
            let mut n = 0u128;
            for s in steps.iter().chain([&Step::Read]) {
                match s {
                    Step::Append(u, count) => {
                        let events: Vec<Event> = (0..*count)
                            .map(|_| {
                                n += 1;
                                let mut e = Event::new(
                                    USERS[*u],
                                    Body::Change(Change {
                                        node: NODES[(n % 4) as usize].into(),
                                        percent: Some((n % 101) as u8),
                                        ..Change::default()
                                    }),
                                );
                                e.id = Uuid::from_u128(n);
                                e
                            })
                            .collect();
                        writers[*u].append(&events).unwrap();
                    }
                    Step::Read => {
                        let local = reader.read().unwrap();
                        let full = plain.read().unwrap();
                        let ids: HashSet<Uuid> = local.events.iter().map(|e| e.id).collect();
                        // Everything in the folder, and everything read before.
                        prop_assert!(full.events.iter().all(|e| ids.contains(&e.id)));
                        prop_assert!(seen.iter().all(|id| ids.contains(id)));
                        seen.extend(ids);
                        if local.kept_locally.is_empty() {
                            prop_assert_eq!(&local.events, &full.events);
                        }
                        let damage = |w: &[workplan::journal::JournalWarning]| {
                            w.iter()
                                .filter(|w| w.kind.rank() == 4)
                                .cloned()
                                .collect::<Vec<_>>()
                        };
                        prop_assert_eq!(damage(&local.warnings), damage(&full.warnings));
                    }
                    Step::Cut(u, k) | Step::Flip(u, k) => {
                        let path = writers[*u].own_file();
                        let Ok(mut bytes) = fs::read(&path) else {
                            continue;
                        };
                        if bytes.is_empty() {
                            continue;
                        }
                        let at = k % bytes.len();
                        if matches!(s, Step::Cut(..)) {
                            bytes.truncate(at);
                        } else {
                            bytes[at] ^= 0x20;
                        }
                        fs::write(&path, &bytes).unwrap();
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
