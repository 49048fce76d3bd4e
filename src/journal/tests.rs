#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::Path;

use super::parse::{Parsed, parse_bytes};
use super::read::read_folder;
use super::*;

fn change(user: &str, node: &str, percent: u8) -> Event {
    Event::new(
        user,
        Body::Change(Change {
            node: node.into(),
            percent: Some(percent),
            ..Change::default()
        }),
    )
}

fn store(dir: &Path, user: &str) -> Store {
    Store::new(dir, "xjw-2023", user)
}

fn append_raw(path: &Path, bytes: &[u8]) {
    let mut f = fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(bytes).unwrap();
}

#[test]
fn events_round_trip_through_json() {
    let full = Event::new(
        "张三",
        Body::Change(Change {
            node: "1.1.1".into(),
            key: Some("0123456789".into()),
            status: Some(Status::Blocked),
            percent: Some(40),
            note: Some("等待区里批复\n第二行".into()),
            owner: Some("自治办".into()),
            due: Some(jiff::civil::date(2023, 6, 30)),
            batch: Some(Uuid::now_v7()),
            undoes: Some(Uuid::now_v7()),
            redoes: None,
            after: Some(Uuid::now_v7()),
            about: Some("推动基层立法".into()),
        }),
    );
    let meeting = Event::new(
        "李四",
        Body::Meeting(Meeting {
            title: Some("第三季度推进会".into()),
        }),
    );
    let moved = Event::new(
        "李四",
        Body::Moved(crate::journal::Moved {
            tasks: vec![crate::journal::Move {
                from: "0123456789".into(),
                id: "1.1.1".into(),
                to: "abcdef0123".into(),
            }],
        }),
    );
    for e in [full, meeting, moved, change("a", "2.1.1", 0)] {
        let line = serde_json::to_string(&e).unwrap();
        assert!(!line.contains('\n'), "one event, one line: {line}");
        let back: Event = serde_json::from_str(&line).unwrap();
        assert_eq!(back, e);
    }
    // The shape on disk: the change flattened under its kind, absent fields left out.
    let e = change("a", "2.1.1", 50);
    let v: serde_json::Value = serde_json::to_value(&e).unwrap();
    assert_eq!(
        v["change"],
        serde_json::json!({"node": "2.1.1", "percent": 50})
    );
    assert_eq!(v["user"], "a");
    assert_eq!(e.id.get_version_num(), 7);
}

#[test]
fn append_then_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    let events = vec![change("alice", "1.1.1", 10), change("alice", "1.1.2", 20)];
    s.append(&events).unwrap();
    s.append(&[change("alice", "1.1.3", 30)]).unwrap();
    assert_eq!(
        s.own_file(),
        dir.path().join("xjw-2023").join("alice.jsonl")
    );
    let back = s.read().unwrap();
    assert_eq!(back.files, 1);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.events.len(), 3);
    assert_eq!(back.events.prefix(2), events);
    let text = fs::read_to_string(s.own_file()).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.ends_with('\n'));
}

#[test]
fn a_whole_event_without_its_line_break_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    let first = change("alice", "1.1.1", 10);
    s.append(std::slice::from_ref(&first)).unwrap();
    let open = change("alice", "1.1.2", 20);
    append_raw(&s.own_file(), &serde_json::to_vec(&open).unwrap());

    let back = s.read().unwrap();
    assert_eq!(back.events, vec![first.clone()]);
    assert_eq!(
        back.warnings,
        vec![JournalWarning::new(s.own_file(), 2, WarningKind::TornTail)]
    );
    // The writer's next append closes the line off: then it counts.
    let next = change("alice", "1.1.3", 30);
    s.append(std::slice::from_ref(&next)).unwrap();
    let back = s.read().unwrap();
    assert_eq!(back.events, vec![first, open, next]);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn what_a_read_showed_stays_when_the_file_is_cut_back() {
    let dir = tempfile::tempdir().unwrap();
    let writer = store(dir.path(), "alice");
    let events: Vec<Event> = (0..3).map(|i| change("alice", "1.1.1", i * 10)).collect();
    writer.append(&events).unwrap();
    let reader = store(dir.path(), "reader").with_local_copy(&dir.path().join("cache"));
    // A sync tool's older copy: the last line without its line break, then one line only.
    let bytes = fs::read(writer.own_file()).unwrap();
    fs::write(writer.own_file(), &bytes[..bytes.len() - 1]).unwrap();
    let shown = reader.read().unwrap().events;
    let first = bytes.iter().position(|&b| b == b'\n').unwrap();
    fs::write(writer.own_file(), &bytes[..=first]).unwrap();
    let later = reader.read().unwrap().events;
    assert!(
        shown.iter().all(|e| later.iter().any(|l| l == e)),
        "{shown:?} {later:?}"
    );
}

#[test]
fn torn_last_line_is_reported_skipped_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    let events = vec![change("alice", "1.1.1", 10), change("alice", "1.1.2", 20)];
    s.append(&events).unwrap();
    append_raw(
        &s.own_file(),
        br#"{"id":"01890a5d-ac96-774b-bcce-b302099a8057","at":"20"#,
    );
    let before = fs::read(s.own_file()).unwrap();

    let back = s.read().unwrap();
    assert_eq!(back.events, events);
    assert_eq!(
        back.warnings,
        vec![JournalWarning::new(s.own_file(), 3, WarningKind::TornTail)]
    );
    assert_eq!(
        fs::read(s.own_file()).unwrap(),
        before,
        "reading must not repair"
    );
    let words = crate::i18n::journal_warning(crate::i18n::Lang::En, &back.warnings[0]);
    assert!(
        words.starts_with(&format!("{}:3: ", s.own_file().display())),
        "{words}"
    );
}

#[test]
fn append_after_a_torn_tail_starts_a_new_line() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    s.append(&[change("alice", "1.1.1", 10)]).unwrap();
    append_raw(&s.own_file(), b"{\"id\":\"0189");
    let next = change("alice", "1.1.2", 20);
    s.append(std::slice::from_ref(&next)).unwrap();

    let back = s.read().unwrap();
    assert_eq!(back.events.len(), 2);
    assert_eq!(back.events.event(1), next);
    // The torn piece is now an ordinary bad line in the middle, still reported.
    assert_eq!(back.warnings.len(), 1);
    assert_eq!(back.warnings[0].line, 2);
    assert!(matches!(back.warnings[0].kind, WarningKind::BadLine(_)));
}

#[test]
fn garbage_in_the_middle_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    let first = change("alice", "1.1.1", 10);
    let last = change("alice", "1.1.2", 20);
    s.append(std::slice::from_ref(&first)).unwrap();
    append_raw(&s.own_file(), b"this is not json\n");
    s.append(std::slice::from_ref(&last)).unwrap();

    let back = s.read().unwrap();
    assert_eq!(back.events, vec![first, last]);
    assert_eq!(back.warnings.len(), 1);
    let w = &back.warnings[0];
    assert_eq!((w.file.clone(), w.line), (s.own_file(), 2));
    // The place within the line is its column, not serde's "line 1" of a one-line text.
    assert!(
        matches!(&w.kind, WarningKind::BadLine(m) if m == "column 2: expected ident"),
        "{:?}",
        w.kind
    );
    let words = crate::i18n::journal_warning(crate::i18n::Lang::Zh, w);
    assert!(
        words.starts_with(&format!("{}:2: ", s.own_file().display())),
        "{words}"
    );
}

#[test]
fn invalid_utf8_line_is_reported() {
    let path = Path::new("gbk.jsonl");
    let good = change("alice", "1.1.1", 10);
    let mut bytes = serde_json::to_vec(&good).unwrap();
    bytes.extend_from_slice(b"\n{\"note\":\"\xc4\xe3\xba\xc3\"}\n");
    let Parsed {
        events, warnings, ..
    } = parse_bytes(path, &bytes);
    assert_eq!(events, vec![good]);
    assert_eq!(
        warnings,
        vec![JournalWarning::new(
            path.to_path_buf(),
            2,
            WarningKind::NotUtf8
        )]
    );
}

#[test]
fn crlf_lines_and_blank_lines_are_read() {
    let a = change("alice", "1.1.1", 10);
    let b = change("alice", "1.1.2", 20);
    let text = format!(
        "{}\r\n\r\n{}\r\n",
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let Parsed {
        events, warnings, ..
    } = parse_bytes(Path::new("x.jsonl"), text.as_bytes());
    assert_eq!(events, vec![a, b]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn empty_file_and_missing_folder_are_empty_journals() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    let back = s.read().unwrap();
    assert_eq!(
        (back.files, back.events.len(), back.warnings.len()),
        (0, 0, 0)
    );
    assert!(!s.folder().exists(), "reading must not create the folder");

    fs::create_dir_all(s.folder()).unwrap();
    fs::write(s.own_file(), b"").unwrap();
    let back = s.read().unwrap();
    assert_eq!(
        (back.files, back.events.len(), back.warnings.len()),
        (1, 0, 0)
    );
}

#[test]
fn only_jsonl_files_are_journals() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "alice");
    s.append(&[change("alice", "1.1.1", 10)]).unwrap();
    fs::write(s.folder().join("notes.txt"), b"not a journal").unwrap();
    let back = s.read().unwrap();
    // alice.lock sits beside alice.jsonl and is not read either.
    assert_eq!(back.files, 1);
    assert!(back.warnings.is_empty());
}

/// Events with equal times, so that the id decides their order.
fn tied(user: &str, node: &str, at: jiff::Timestamp) -> Event {
    let mut e = change(user, node, 10);
    e.at = at;
    e
}

#[test]
fn merge_is_the_same_in_any_order() {
    let t0 = jiff::Timestamp::from_second(1_690_000_000).unwrap();
    let t1 = jiff::Timestamp::from_second(1_690_000_100).unwrap();
    let alice = vec![tied("alice", "1.1.1", t0), tied("alice", "1.1.2", t1)];
    let bob = vec![tied("bob", "1.1.1", t0), tied("bob", "2.1.1", t1)];
    let carol = vec![change("carol", "3.1.1", 50)];
    let files = [alice, bob, carol];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let merged: Vec<Vec<Event>> = orders
        .iter()
        .map(|o| merge(o.iter().flat_map(|&i| files[i].clone())))
        .collect();
    for m in &merged {
        assert_eq!(m, &merged[0]);
    }
    let m = &merged[0];
    assert_eq!(m.len(), 5);
    // Ordered by (time, id).
    assert!(
        m.windows(2)
            .all(|w| (w[0].at, w[0].id) < (w[1].at, w[1].id))
    );

    // Files on disk, each writer's in its own file (one a sync tool's copy): the same again.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plan");
    fs::create_dir_all(&folder).unwrap();
    for (name, events) in [
        ("alice.jsonl", &files[0]),
        ("bob.sync-conflict-20230722-042640-ABC.jsonl", &files[1]),
        ("Carol.jsonl", &files[2]),
    ] {
        let mut text = String::new();
        for e in events {
            text.push_str(&serde_json::to_string(e).unwrap());
            text.push('\n');
        }
        fs::write(folder.join(name), text).unwrap();
    }
    assert_eq!(&read_folder(&folder, None, None).unwrap().events, m);
}

#[test]
fn runs_out_of_order_and_repeated_ids_merge_to_one_order() {
    let t = |s: i64| jiff::Timestamp::from_second(1_690_000_000 + s).unwrap();
    // A file edited by hand: its lines are not in time order.
    let a = vec![tied("a", "1.1.1", t(30)), tied("a", "1.1.2", t(10))];
    let b = vec![tied("b", "2.1.1", t(20)), a[1].clone()];
    // The same id twice with different times: the earlier copy is the one kept.
    let mut moved = a[0].clone();
    moved.at = t(5);
    let runs = vec![a.clone(), b.clone(), vec![moved.clone()]];
    let merged = merge_runs(runs);
    let ats: Vec<_> = merged.iter().map(|e| e.at).collect();
    assert_eq!(ats, [t(5), t(10), t(20)]);
    assert_eq!(merged[0], moved);
    // One run or several, in any order: the same result.
    assert_eq!(merge(b.into_iter().chain([moved]).chain(a)), merged);
}

#[test]
fn a_file_copied_in_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let alice = store(dir.path(), "alice");
    let bob = store(dir.path(), "bob");
    alice.append(&[change("alice", "1.1.1", 10)]).unwrap();
    bob.append(&[change("bob", "1.1.2", 20)]).unwrap();
    alice.append(&[change("alice", "1.1.1", 30)]).unwrap();
    let before = alice.read().unwrap();
    assert_eq!((before.files, before.events.len()), (2, 3));

    // A sync conflict copy, or the same file dropped in under another name.
    fs::copy(
        alice.own_file(),
        alice.folder().join("alice (conflicted copy).jsonl"),
    )
    .unwrap();
    let after = alice.read().unwrap();
    assert_eq!(after.files, 3);
    assert_eq!(after.events, before.events);
    // Merged, and mentioned so that someone can tidy the folder up.
    let kinds: Vec<_> = after.warnings.iter().map(|w| &w.kind).collect();
    assert_eq!(kinds, [&WarningKind::ConflictCopy]);
}

#[test]
fn file_names_are_safe_on_every_file_system() {
    assert_eq!(file_stem_for("alice"), "alice");
    assert_eq!(file_stem_for("张三"), "张三");
    assert_eq!(file_stem_for(" DOMAIN\\zhang san "), "DOMAIN_zhang_san");
    assert_eq!(file_stem_for("../etc/passwd"), "_etc_passwd");
    assert_eq!(file_stem_for(".."), "_");
    assert_eq!(file_stem_for("a:b*c?"), "a_b_c_");
}

#[test]
fn a_shared_data_folder_that_went_away_is_not_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("share");
    fs::create_dir(&shared).unwrap();
    let s = store(&shared, "张三").with_shared_data_dir();
    s.append(&[change("张三", "1.1.1", 10)]).unwrap();
    fs::remove_dir_all(&shared).unwrap();
    let e = s.append(&[change("张三", "1.1.1", 20)]).unwrap_err();
    assert_eq!(e.source.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(e.path, shared);
    assert!(!shared.exists());
    // The platform's own folder is made as needed.
    store(&shared, "张三")
        .append(&[change("张三", "1.1.1", 20)])
        .unwrap();
    assert!(shared.join("xjw-2023").join("张三.jsonl").is_file());
}

#[test]
fn a_writer_without_a_name_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let e = store(dir.path(), "").append(&[change("", "1.1.1", 10)]);
    assert!(e.is_err());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

mod settle;

#[test]
fn times_before_1970_and_within_one_second_sort_as_instants() {
    let at = |ns: i128| jiff::Timestamp::from_nanosecond(ns).unwrap();
    // Around 1970 and within one second, where seconds and their fraction change sign.
    let times = [
        1_500_000_000,
        -1_500_000_000,
        -500_000_000,
        0,
        -1_000_000_000,
        1,
        -1,
        999_999_999,
        -999_999_999,
    ];
    let mut events: Vec<Event> = times
        .iter()
        .enumerate()
        .map(|(i, &ns)| {
            let mut e = tied("a", "1.1.1", at(ns));
            e.id = uuid::Uuid::from_u128(100 - i as u128);
            e
        })
        .collect();
    // Two at one instant: the smaller id first, whichever run it came in.
    let mut twin = events[3].clone();
    twin.id = uuid::Uuid::from_u128(1);
    events.push(twin);
    let mut expected = events.clone();
    expected.sort_by_key(|e| (e.at, e.id));
    assert_eq!(merge_runs(vec![events.clone()]), expected);
    let (first, second) = events.split_at(4);
    assert_eq!(merge_runs(vec![second.to_vec(), first.to_vec()]), expected);
}
