//! Colours that survive any projector: the desk view and the meeting view, drawn by the real
//! binary in a pseudo-terminal, never put text in black, grey or white on the terminal's own
//! background (which is black on a dark theme and white on a light one), and never draw text
//! in the colour of its own background.
#![allow(clippy::unwrap_used)]

use common::change;
use workplan::journal::{Change, Store};
use workplan::status::Status;

mod common;

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
