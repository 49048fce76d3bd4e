//! Colours that survive any projector: the desk view and the meeting view, drawn by the real
//! binary in a pseudo-terminal, never put text in black, grey or white on the terminal's own
//! background (which is black on a dark theme and white on a light one), and never draw text
//! in the colour of its own background.
#![allow(clippy::unwrap_used)]

use common::change;
use workplan::journal::{Change, Store};
use workplan::status::Status;

use crate::common;

use common::pty::Session;

/// A few months from three officers: a blocked task (red), tasks behind plan (yellow), a done
/// one (green), owners, notes and two named checkpoints.
fn write_history(data: &std::path::Path) {
    let set = |node: &str, percent: u8, owner: Option<&str>| Change {
        node: node.into(),
        percent: Some(percent),
        owner: owner.map(Into::into),
        ..Change::default()
    };
    let meeting = |n, when, title| common::meeting(n, when, "王敏", title);
    let per_user = [
        (
            "王敏",
            vec![
                change(
                    1,
                    "2023-04-20T02:00:00Z",
                    "王敏",
                    set("1.1.1", 30, Some("人大工委")),
                ),
                meeting(2, "2023-05-31T02:00:00Z", "五月例会"),
                change(3, "2023-06-05T02:00:00Z", "王敏", set("4.1.1", 100, None)),
                meeting(4, "2023-06-30T02:00:00Z", "六月例会"),
            ],
        ),
        (
            "李强",
            vec![change(
                5,
                "2023-07-12T02:00:00Z",
                "李强",
                Change {
                    node: "2.1.1".into(),
                    status: Some(Status::Blocked),
                    note: Some("园区配套用地尚未移交".into()),
                    ..Change::default()
                },
            )],
        ),
        (
            "赵磊",
            vec![change(
                6,
                "2023-08-02T02:00:00Z",
                "赵磊",
                set("3.1.1", 40, Some("服务办")),
            )],
        ),
    ];
    for (user, events) in per_user {
        Store::new(data, "xjw-2023", user).append(&events).unwrap();
    }
}

/// Every cell with text whose colours would vanish on a dark or a light terminal, named.
fn unreadable(screen: &vt100::Screen) -> Vec<String> {
    use vt100::Color::{Default, Idx, Rgb};
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let mut bad = Vec::new();
    for row in 0..rows {
        for col in 0..cols {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            let text = cell.contents();
            if text.trim().is_empty() {
                continue;
            }
            let (fg, bg) = (cell.fgcolor(), cell.bgcolor());
            let vanishes = match (fg, bg) {
                // On the terminal's own background: black, grey or white text is lost on one
                // of the two themes, bright black (8) is the background of Solarized Dark, and
                // dark blue all but vanishes on black.
                (Idx(0 | 4 | 7 | 8 | 15), Default) => true,
                (Rgb(r, g, b), Default) => {
                    let light = u16::from(r) + u16::from(g) + u16::from(b);
                    !(120..=640).contains(&light)
                }
                (f, b) => f == b && f != Default,
            };
            if vanishes {
                bad.push(format!("{text:?} at {row},{col}: {fg:?} on {bg:?}"));
            }
        }
    }
    bad
}

#[test]
fn desk_and_meeting_views_read_on_dark_and_light_terminals() {
    let dir = tempfile::tempdir().unwrap();
    write_history(dir.path());
    for (cols, rows) in [(80, 24), (120, 35)] {
        let mut s = Session::start(dir.path(), cols, rows);
        s.wait_for("工作安排");
        let desk = s.screen();
        let bad = unreadable(&desk);
        assert!(
            bad.is_empty(),
            "desk view at {cols}x{rows}: {bad:#?}\n{}",
            desk.contents()
        );
        s.send("m");
        s.wait_for("会议视图");
        s.wait_for("每周进度");
        let meeting = s.screen();
        let bad = unreadable(&meeting);
        assert!(
            bad.is_empty(),
            "meeting view at {cols}x{rows}: {bad:#?}\n{}",
            meeting.contents()
        );
        // The guard can fail: lights are badges with their own background.
        let badges = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter_map(|(r, c)| meeting.cell(r, c))
            .filter(|c| c.contents() == "红" || c.contents() == "黄")
            .filter(|c| c.bgcolor() != vt100::Color::Default)
            .count();
        assert!(badges >= 2, "no light badges:\n{}", meeting.contents());
        s.send("q");
    }
}

/// Every SGR sequence in `raw` that turns on faint text (parameter 2, outside an extended
/// colour's `38;5;n` / `38;2;r;g;b`), as written.
fn faint_sequences(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (k, _) in raw.match_indices("\x1b[") {
        let rest = &raw[k + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !rest[end..].starts_with('m') {
            continue;
        }
        let params: Vec<&str> = rest[..end].split([';', ':']).collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                "38" | "48" | "58" => {
                    i += match params.get(i + 1) {
                        Some(&"5") => 3,
                        Some(&"2") => 5,
                        _ => 1,
                    };
                    continue;
                }
                "2" => found.push(format!("ESC[{}m", &rest[..end])),
                _ => {}
            }
            i += 1;
        }
    }
    found
}

#[test]
fn the_faint_finder_finds_faint_and_only_faint() {
    assert_eq!(
        faint_sequences("a\x1b[2mb\x1b[1;2mc"),
        ["ESC[2m", "ESC[1;2m"]
    );
    assert!(faint_sequences("\x1b[38;5;2m\x1b[48;2;2;2;2m\x1b[22m\x1b[2J\x1b[12m").is_empty());
}

#[test]
fn no_frame_of_the_desk_or_the_meeting_view_is_faint() {
    let dir = tempfile::tempdir().unwrap();
    write_history(dir.path());
    for (cols, rows) in [(80, 24), (120, 35)] {
        let mut s = Session::start(dir.path(), cols, rows);
        s.wait_for("工作安排");
        // The desk: the tree, a task's detail with its history, the help and a picker.
        for key in [
            "j", "l", "j", "\t", "\t", "?", "\x1b", "s", "\x1b", "/", "\x1b",
        ] {
            s.send(key);
        }
        s.wait_for("工作安排");
        // The meeting view: every page, by department, an earlier meeting replayed.
        s.send("m");
        s.wait_for("每周进度");
        for key in [
            "l", "l", "l", "l", "l", "l", "0", "o", "\t", "\x1b[6~", "o", "[", "[",
        ] {
            s.send(key);
        }
        s.wait_for("回看");
        s.send("q");
        s.send("q");
        assert!(s.wait_exit());
        let faint = faint_sequences(&s.output());
        assert!(faint.is_empty(), "{cols}x{rows}: {faint:?}");
    }
}

#[test]
fn the_trend_lines_differ_in_colour_and_glyph_and_none_is_dark_or_faint() {
    use vt100::Color::{Default, Idx};
    let dir = tempfile::tempdir().unwrap();
    write_history(dir.path());
    let mut s = Session::start(dir.path(), 120, 35);
    s.wait_for("工作安排");
    s.send("m");
    s.wait_for("每周进度");
    // Area 4's page (a task done in June): the plan, the whole plan and the area.
    s.send("4");
    s.wait_for("领域 4");
    let screen = s.screen();
    let (rows, cols) = screen.size();
    let mut by_colour = std::collections::BTreeMap::<String, Vec<u32>>::new();
    for row in 0..rows.get() {
        for col in 0..cols.get() {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            let Some(c) = cell.contents().chars().next() else {
                continue;
            };
            if !('\u{2801}'..='\u{28FF}').contains(&c) {
                continue;
            }
            let key = format!("{:?} bold={}", cell.fgcolor(), cell.bold());
            by_colour
                .entry(key)
                .or_default()
                .push(u32::from(c) - 0x2800);
        }
    }
    let keys: Vec<&String> = by_colour.keys().collect();
    // The plan in bright magenta, the whole plan bold in the terminal's own colour, the area in
    // bright red: never dark magenta (5), blue (4), grey or faint.
    for want in [
        format!("{:?} bold=false", Idx(13)),
        format!("{:?} bold=true", Default),
        format!("{:?} bold=false", Idx(9)),
    ] {
        assert!(by_colour.contains_key(&want), "{want} missing: {keys:?}");
    }
    assert_eq!(by_colour.len(), 3, "{keys:?}");
    // Glyphs: the plan's line dotted (one dot a cell, mostly), the whole plan's two dots thick.
    let dots = |bits: &u32| bits.count_ones();
    let plan = &by_colour[&format!("{:?} bold=false", Idx(13))];
    let overall = &by_colour[&format!("{:?} bold=true", Default)];
    let lonely = plan.iter().filter(|b| dots(b) == 1).count();
    assert!(lonely * 2 > plan.len(), "plan not dotted: {plan:x?}");
    let thick = overall.iter().filter(|b| dots(b) >= 4).count();
    assert!(
        thick * 2 > overall.len(),
        "whole plan not heavy: {overall:x?}"
    );
    // The legend shows each glyph.
    let text = screen.contents();
    assert!(
        text.contains("┄┄计划") && text.contains("━━总体") && text.contains("──领域 4"),
        "{text}"
    );
    s.send("q");
    s.send("q");
    assert!(s.wait_exit());
}
