//! Snapshots of every screen, drawn through the real key path into ratatui's `TestBackend`.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use uuid::Uuid;
use workplan::action::Action;
use workplan::app::App;
use workplan::context::Context;
use workplan::i18n::Lang;
use workplan::journal::{Body, Change, Event, Store};
use workplan::keymap;
use workplan::plan::LoadedPlan;
use workplan::status::Status;

use crate::common;

/// A journal with fixed ids and times, so that snapshots do not change from run to run.
fn fixture_events() -> Vec<Event> {
    use common::change;
    vec![
        change(
            1,
            "2023-05-10T02:00:00Z",
            "王敏",
            Change {
                node: "1.1.1".into(),
                status: Some(Status::Done),
                note: Some("立法联系点完成迭代升级，新增两个联络站".into()),
                ..Change::default()
            },
        ),
        change(
            2,
            "2023-06-02T03:30:00Z",
            "李强",
            Change {
                node: "1.1.2".into(),
                percent: Some(50),
                owner: Some("人大工委".into()),
                ..Change::default()
            },
        ),
        change(
            3,
            "2023-07-20T08:00:00Z",
            "李强",
            Change {
                node: "2.1.1".into(),
                status: Some(Status::Blocked),
                note: Some("园区配套用地尚未移交".into()),
                ..Change::default()
            },
        ),
    ]
}

fn app_with(dir: &Path, plan: LoadedPlan, lang: Lang, events: &[Event]) -> App {
    // Each event in its writer's own file, as the program writes them.
    for e in events {
        let writer = Store::new(dir, &plan.plan.id, &e.user);
        writer.append(std::slice::from_ref(e)).unwrap();
    }
    let store = Store::new(dir, &plan.plan.id, "王敏");
    App::new(context(plan, lang, store))
}

/// `plan` in `lang` on 2023-09-01, over `store`.
fn context(plan: LoadedPlan, lang: Lang, store: Store) -> Context {
    Context {
        lang,
        plan,
        store,
        today: date(2023, 9, 1),
        until: None,
        ambiguous_wide: false,
    }
}

/// The 2023 plan with the fixture journal, in a terminal of `w`x`h`.
fn dashboard(dir: &Path, lang: Lang, (w, h): (u16, u16)) -> App {
    let mut app = app_with(
        dir,
        LoadedPlan::embedded().unwrap(),
        lang,
        &fixture_events(),
    );
    app.update(Action::Resize(w, h));
    app
}

fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

fn press_mod(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let key = KeyEvent::new(code, modifiers);
    if let Some(action) = keymap::map_key(&app.mode, key) {
        app.update(action);
    }
}

/// ↓ → ↓: from area 1 to its first task, 1.1.1.
fn select_first_task(app: &mut App) {
    press(app, KeyCode::Down);
    press(app, KeyCode::Right);
    press(app, KeyCode::Down);
}

/// Types `text` key by key, as an officer (or an input method) would.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The data folder the screens show: the same on every machine, whereas the temporary folder
/// that holds the fixture's journal is named anew on every run.
const SHOWN_FOLDER: &str = "/mnt/jiedao/工作台账";

/// One frame at `w`x`h`, showing [`SHOWN_FOLDER`] as the data folder.
fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(w, h));
    let shown = Store::new(
        Path::new(SHOWN_FOLDER),
        &app.session.plan.plan.id,
        app.session.store.user(),
    );
    let store = std::mem::replace(&mut app.session.store, shown);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| workplan::ui::draw(f, app)).unwrap();
    app.session.store = store;
    terminal
}

/// The frame as drawn, before ratatui sends it: the terminal's own buffer holds only what was
/// sent, so a border hidden behind a wide character would not be in it to be checked.
fn frame(app: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = terminal.draw(|f| workplan::ui::draw(f, app)).unwrap();
    frame.buffer.clone()
}

/// Local times depend on the machine's zone; their width does not.
fn snapshot(name: &str, terminal: &Terminal<TestBackend>) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "YYYY-MM-DD hh:mm");
    settings.bind(|| insta::assert_snapshot!(name, terminal.backend()));
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::Zh, "zh"), (Lang::En, "en")];

#[test]
fn dashboard_on_a_task_with_history() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = dashboard(dir.path(), lang, (w, h));
            select_first_task(&mut app);
            let t = draw(&mut app, w, h);
            // The header's counts end with the lagging share, which a meeting asks first.
            let counts: String = (0..w)
                .map(|x| t.backend().buffer()[(x, 2)].symbol().to_string())
                .collect();
            let lagging = match lang {
                Lang::Zh => "滞后",
                Lang::En => "lagging",
            };
            assert!(counts.replace(' ', "").contains(lagging), "{counts}");
            snapshot(&format!("dashboard_{l}_{w}x{h}"), &t);
        }
    }
}

#[test]
fn ambiguous_wide_mode_draws_ascii_borders_and_quotes_two_columns_wide() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = dashboard(dir.path(), lang, (w, h));
            app.ambiguous_wide = true;
            select_first_task(&mut app);
            // Down to the first task whose text has “ ”.
            while !app
                .selected()
                .is_some_and(|n| app.session.plan.nodes()[n].text.contains('“'))
            {
                press(&mut app, KeyCode::Down);
            }
            let t = draw(&mut app, w, h);
            let shown = common::screen::screen(&frame(&mut app, w, h), true).unwrap();
            assert!(
                shown.iter().flatten().any(|c| c == "“"),
                "the quotes are drawn as they are"
            );
            // The footer's keys too: "±10" is drawn as itself, never as the stand-in "+10".
            assert!(
                shown.iter().flatten().any(|c| c == "±"),
                "the footer's ± is drawn as it is"
            );
            snapshot(&format!("ambiguous_wide_{l}_{w}x{h}"), &t);
        }
    }
}

#[test]
fn a_conflict_is_marked_in_the_detail_pane() {
    // 王敏 and 李强 each set 1.1.2's percent, both having seen only event 2.
    let mut events = fixture_events();
    for (n, at, user, percent) in [
        (4, "2023-06-05T01:00:00Z", "王敏", 70),
        (5, "2023-06-05T02:00:00Z", "李强", 80),
    ] {
        events.push(Event {
            id: Uuid::from_u128(n),
            at: at.parse().unwrap(),
            user: user.into(),
            body: Body::Change(Change {
                node: "1.1.2".into(),
                percent: Some(percent),
                after: Some(Uuid::from_u128(2)),
                ..Change::default()
            }),
        });
    }
    for ((lang, l), (w, h)) in LANGS.into_iter().zip(SIZES) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &events);
        select_first_task(&mut app);
        press(&mut app, KeyCode::Down);
        let terminal = draw(&mut app, w, h);
        let screen = format!("{:?}", terminal.backend());
        assert!(
            screen.contains(lang.pick("【冲突】", "[conflict]")),
            "{screen}"
        );
        snapshot(&format!("conflict_{l}_{w}x{h}"), &terminal);
    }
}

#[test]
fn the_footer_counts_warnings_and_shows_the_most_urgent_first() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("xjw-2023");
    std::fs::create_dir_all(&folder).unwrap();
    let event = &fixture_events()[0];
    let (line, user) = (serde_json::to_string(event).unwrap(), &event.user);
    // A sync tool's copy (a note), a download in progress (a note), a torn last line (damage),
    // all of the writer's own files.
    std::fs::write(
        folder.join(format!("{user}.sync-conflict-20230901-1-AB.jsonl")),
        format!("{line}\n"),
    )
    .unwrap();
    std::fs::write(folder.join(format!("{user}.jsonl.part")), &line[..20]).unwrap();
    std::fs::write(
        folder.join(format!("{user}.jsonl")),
        format!("{line}\n{}", &line[..30]),
    )
    .unwrap();
    for (lang, count) in [
        (Lang::Zh, "（共3条，按 w 查看）"),
        (Lang::En, "(1 of 3, w shows all) "),
    ] {
        let mut app = app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &[]);
        let terminal = draw(&mut app, 160, 48);
        let footer = row_text(terminal.backend().buffer(), 46);
        assert!(footer.starts_with(&format!(" {count}")), "{footer}");
        assert!(footer.contains(&format!("{user}.jsonl:2")), "{footer}");
    }
}

#[test]
fn every_warning_in_a_list() {
    // Warnings as a shared folder gives them, with fixed paths so the picture is stable.
    let journal = workplan::journal::JournalWarning::new(
        "/mnt/jiedao/workplan/xjw-2023/李强.jsonl".into(),
        0,
        workplan::journal::WarningKind::Shrank {
            was: 5120,
            now: 4096,
        },
    );
    let copy = workplan::journal::JournalWarning::new(
        "/mnt/jiedao/workplan/xjw-2023/王敏.sync-conflict-20230901-120000-ABCDEFG.jsonl".into(),
        0,
        workplan::journal::WarningKind::ConflictCopy,
    );
    for ((lang, l), (w, h)) in LANGS.into_iter().zip(SIZES) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (w, h));
        // Nothing to list yet: a notice says so.
        press(&mut app, KeyCode::Char('w'));
        assert!(matches!(app.mode, workplan::app::Mode::Normal));
        app.warnings = [&journal, &copy]
            .map(|x| workplan::i18n::journal_warning(lang, x))
            .to_vec();
        press(&mut app, KeyCode::Char('w'));
        let terminal = draw(&mut app, w, h);
        snapshot(&format!("warnings_{l}_{w}x{h}"), &terminal);
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.mode, workplan::app::Mode::Normal));
    }
}

#[test]
fn help_lists_every_key() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = dashboard(dir.path(), lang, (w, h));
            press(&mut app, KeyCode::Char('?'));
            let t = draw(&mut app, w, h);
            let screen = format!("{}", t.backend());
            for b in keymap::bindings(keymap::Table::Normal) {
                assert!(screen.contains(b.label), "{} missing from help", b.label);
            }
            // What 滞后 means is what a meeting asks: it stays when the screen is short.
            let lagging = match lang {
                Lang::Zh => "滞后：",
                Lang::En => "lagging:",
            };
            assert!(
                screen.contains(lagging),
                "{lagging} missing from help\n{screen}"
            );
            snapshot(&format!("help_{l}_{w}x{h}"), &t);
        }
    }
}

#[test]
fn note_editor_with_chinese_text_and_the_caret() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = dashboard(dir.path(), lang, (w, h));
            select_first_task(&mut app);
            press(&mut app, KeyCode::Char('a'));
            type_text(&mut app, "完成首轮对接");
            press(&mut app, KeyCode::Enter);
            type_text(&mut app, "下周走访");
            let mut t = draw(&mut app, w, h);
            // The real cursor sits right after the last character typed.
            let pos = t.get_cursor_position().unwrap();
            let buf = t.backend().buffer().clone();
            let before = buf[(pos.x - 2, pos.y)].symbol().to_string();
            assert_eq!(before, "访", "caret at {pos:?}");
            snapshot(&format!("note_editor_{l}_{w}x{h}"), &t);
        }
    }
}

#[test]
fn search_field_and_results() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = dashboard(dir.path(), lang, (w, h));
            press(&mut app, KeyCode::Char('/'));
            type_text(&mut app, "居民");
            snapshot(&format!("search_field_{l}_{w}x{h}"), &draw(&mut app, w, h));
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('n'));
            snapshot(
                &format!("search_results_{l}_{w}x{h}"),
                &draw(&mut app, w, h),
            );
        }
    }
}

#[test]
fn quitting_with_an_unsaved_change_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = dashboard(dir.path(), Lang::Zh, (80, 24));
    // The journal folder gives way to a file: the next change cannot be written.
    let folder = dir.path().join("xjw-2023");
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    select_first_task(&mut app);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.session.pending.len(), 1);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    let terminal = draw(&mut app, 80, 24);
    // The banner names the temporary folder, which differs from run to run.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#"无法写入进展记录[^"]*"#, "无法写入进展记录…");
    settings.bind(|| snapshot("quit_unsaved_zh_80x24", &terminal));
}

#[test]
fn status_picker_and_apply_to_all_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = dashboard(dir.path(), Lang::Zh, (80, 24));
    press(&mut app, KeyCode::Char('s'));
    snapshot("status_picker_zh_80x24", &draw(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('3'));
    snapshot("confirm_zh_80x24", &draw(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('f'));
    snapshot("filter_picker_zh_80x24", &draw(&mut app, 80, 24));
}

#[test]
fn too_small_says_so_and_never_panics() {
    for (lang, l) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (79, 23));
        snapshot(&format!("too_small_{l}_79x23"), &draw(&mut app, 79, 23));
        for (w, h) in [(1, 1), (20, 5), (0, 0), (80, 1), (1, 24), (300, 100)] {
            draw(&mut app, w, h);
        }
        // Every popup at every awkward size.
        for key in ['?', 's', 'f', 'a', '/'] {
            press(&mut app, KeyCode::Char(key));
            for (w, h) in [(1, 1), (20, 5), (79, 23), (80, 24), (81, 25)] {
                draw(&mut app, w, h);
            }
            press(&mut app, KeyCode::Esc);
        }
    }
}

#[test]
fn key_releases_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = dashboard(dir.path(), Lang::Zh, (80, 24));
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keymap::map_key(&app.mode, release), None);
    let press_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap::map_key(&app.mode, press_q), Some(Action::Quit));
    press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

/// A plan whose first task title exactly fills the tree row, or misses by one column.
fn plan_with_title(title: &str) -> LoadedPlan {
    let json = serde_json::json!({
        "id": "wide", "title": "宽字符测试", "year": 2023,
        "start": "2023-01-01", "due": "2023-12-31",
        "areas": [{ "id": "1", "title": title, "items": [{ "id": "1.1", "title": "事项",
            "tasks": [{ "id": "1.1.1", "text": "任务" }] }] }]
    });
    LoadedPlan::from_bytes(json.to_string().as_bytes(), "wide.json").unwrap()
}

#[test]
fn a_wide_character_at_the_last_column_is_never_cut() {
    // At 80 columns the tree pane is 48 wide: 46 inside, 4 for "- 1 ", 1 gap and 17 on the
    // right ("[ ] ░░░░░   0% 黄").
    let room = 46 - 4 - 1 - 17;
    for (title, name) in [
        ("汇".repeat(room / 2), "wide_title_fits_80x24"),
        (
            format!("{}x", "汇".repeat(room / 2 - 1)) + "汇",
            "wide_title_one_short_80x24",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with(dir.path(), plan_with_title(&title), Lang::Zh, &[]);
        let t = draw(&mut app, 80, 24);
        let row: String = (0..48)
            .map(|x| t.backend().buffer()[(x, 4)].symbol().to_string())
            .collect();
        assert!(row.ends_with('│'), "border intact: {row:?}");
        snapshot(name, &t);
    }
}

/// The fixture journal between a May and a June checkpoint, then six steps on one task with an
/// owner of a long name.
fn meeting_events() -> Vec<Event> {
    let event = |n: u128, at: &str, user: &str, body: Body| Event {
        id: Uuid::from_u128(n),
        at: at.parse().unwrap(),
        user: user.into(),
        body,
    };
    let checkpoint = |n: u128, at: &str, title: &str| {
        let title = Some(title.to_string());
        event(
            n,
            at,
            "王敏",
            Body::Meeting(workplan::journal::Meeting { title }),
        )
    };
    let mut events = vec![checkpoint(9, "2023-05-31T06:00:00Z", "五月例会")];
    events.extend(fixture_events());
    events.push(checkpoint(10, "2023-06-30T06:00:00Z", "六月例会"));
    // After the June meeting: six steps on one task, and an owner with a long name.
    for (k, p) in [40u8, 50, 60, 70, 80, 60].into_iter().enumerate() {
        let at = format!("2023-07-0{}T02:00:00Z", k + 1);
        let c = Change {
            node: "1.2.1".into(),
            percent: Some(p),
            owner: (k == 5).then(|| "社区自治办公室（居民区党建工作指导组）".into()),
            ..Change::default()
        };
        events.push(common::change(20 + k as u128, &at, "赵磊", c));
    }
    events
}

#[test]
fn meeting_view_overview_and_an_area_page() {
    let events = meeting_events();
    for (lang, l) in LANGS {
        for (w, h) in [(80, 24), (100, 30), (120, 35), (200, 50)] {
            let dir = tempfile::tempdir().unwrap();
            let mut app = app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &events);
            app.update(Action::Resize(w, h));
            press(&mut app, KeyCode::Char('m'));
            let t = draw(&mut app, w, h);
            let screen = format!("{}", t.backend());
            assert!(
                screen.contains("2.1.1"),
                "the blocked task is on the red list"
            );
            // Why, whole, at any size: the meeting acts on it.
            let since = match lang {
                Lang::Zh => "受阻（自 2023-07-20 起）",
                Lang::En => "blocked since 2023-07-20",
            };
            let plain = screen.replace("\" Hidden", "");
            assert!(
                plain.replace(' ', "").contains(&since.replace(' ', "")),
                "{screen}"
            );
            assert_eq!(
                screen.matches("1.2.1").count(),
                1 + usize::from(screen.contains("1.2.1 落后") || screen.contains("1.2.1 behind")),
                "one net change for six steps"
            );
            // Where the plan's line rises through the cells of the flat progress line, one
            // braille cell holds dots of both: neither line hides the other.
            let both = t.backend().buffer().content().iter().any(|c| {
                let dots = c.symbol().chars().next().map_or(0, u32::from);
                (0x2801..=0x28FF).contains(&dots) && dots & 0xC0 != 0 && dots & 0x3F != 0
            });
            assert!(both, "{screen}");
            snapshot(&format!("meeting_{l}_{w}x{h}"), &t);
            press(&mut app, KeyCode::Right);
            press(&mut app, KeyCode::Right);
            snapshot(&format!("meeting_area2_{l}_{w}x{h}"), &draw(&mut app, w, h));
            if (w, h) == (120, 35) {
                // The June meeting replayed as it was held.
                press(&mut app, KeyCode::Char('0'));
                press(&mut app, KeyCode::Char('['));
                snapshot(
                    &format!("meeting_replay_{l}_{w}x{h}"),
                    &draw(&mut app, w, h),
                );
                // Narrow, the replay's words are cut and say so.
                let narrow = draw(&mut app, 80, 24);
                let top = row_text(narrow.backend().buffer(), 0);
                assert!(top.trim_end().ends_with('…'), "{top}");
                app.update(Action::Resize(w, h));
                // Back to now, the red and yellow tasks per department.
                press(&mut app, KeyCode::Char(']'));
                press(&mut app, KeyCode::Char('o'));
                let t = draw(&mut app, w, h);
                let screen = format!("{}", t.backend());
                let (title, none) = match lang {
                    Lang::Zh => ("按责任部门", "（未指定） 红 1"),
                    Lang::En => ("by owner", "(unassigned) R  1"),
                };
                assert!(screen.contains(title) && screen.contains(none), "{screen}");
                snapshot(&format!("meeting_by_owner_{l}_{w}x{h}"), &t);
            }
        }
    }
}

#[test]
fn the_meeting_view_keeps_its_borders_and_the_change_counts_at_every_size() {
    let events = meeting_events();
    for (lang, _) in LANGS {
        // The overview's counts, then area 1's (1.2.1 of its 12 tasks).
        let (all, area) = match lang {
            Lang::Zh => ("2项有变化，60项未动", "1项有变化，11项未动"),
            Lang::En => (
                "2 tasks changed, 60 untouched",
                "1 task changed, 11 untouched",
            ),
        };
        // The overview, scrolled; the changes with the focus, to their end; by department;
        // area 1's page.
        let steps = [
            (None, all),
            (Some(KeyCode::PageDown), all),
            (Some(KeyCode::Tab), all),
            (Some(KeyCode::End), all),
            (Some(KeyCode::Char('o')), all),
            (Some(KeyCode::Char('1')), area),
        ];
        for w in (80..=200).step_by(15) {
            for h in [24, 30, 35] {
                for ambiguous_wide in [false, true] {
                    let dir = tempfile::tempdir().unwrap();
                    let mut app =
                        app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &events);
                    app.ambiguous_wide = ambiguous_wide;
                    app.update(Action::Resize(w, h));
                    press(&mut app, KeyCode::Char('m'));
                    for (step, (key, counts)) in steps.into_iter().enumerate() {
                        if let Some(key) = key {
                            press(&mut app, key);
                        }
                        let buffer = frame(&mut app, w, h);
                        let at = format!("{w}x{h}, ambiguous wide {ambiguous_wide}, step {step}");
                        if let Some(what) = wide_over_border(&buffer) {
                            panic!("{at}: {what}\n{buffer:?}");
                        }
                        if let Some(what) = common::screen::broken_border(&buffer, ambiguous_wide) {
                            panic!("{at}: {what}\n{buffer:?}");
                        }
                        let shown = common::screen::screen(&buffer, ambiguous_wide).unwrap();
                        let rows: Vec<String> = shown
                            .iter()
                            .map(|r| r.concat().replace(['\0', '\u{2007}'], ""))
                            .collect();
                        // Inside the pane: on a row of its own between its borders.
                        let inside = rows
                            .iter()
                            .any(|r| r.split(['│', '|']).any(|cell| cell.trim_end() == counts));
                        assert!(
                            inside,
                            "{at}: {counts:?} not inside a pane\n{}",
                            rows.join("\n")
                        );
                        // The trend's legend names each line with its value, whole.
                        let names = match (lang, step) {
                            (Lang::Zh, 5) => &["计划 ", "总体 ", "领域 1 "][..],
                            (Lang::Zh, _) => &["计划 ", "总体 "][..],
                            (Lang::En, 5) => &["plan ", "overall ", "area 1 "][..],
                            (Lang::En, _) => &["plan ", "overall "][..],
                        };
                        for name in names {
                            let whole = rows.iter().any(|r| {
                                r.match_indices(name).any(|(k, _)| {
                                    r[k + name.len()..]
                                        .split_once(' ')
                                        .is_some_and(|(value, _)| value.ends_with('%'))
                                })
                            });
                            assert!(whole, "{at}: legend {name:?}\n{}", rows.join("\n"));
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn help_from_the_meeting_view_names_its_keys() {
    for (lang, scroll) in [(Lang::Zh, "列表下翻"), (Lang::En, "list page down")] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (80, 24));
        press(&mut app, KeyCode::Char('m'));
        press(&mut app, KeyCode::Char('?'));
        let screen = format!("{}", draw(&mut app, 80, 24).backend());
        assert!(
            screen.contains(scroll) && screen.contains("Tab"),
            "{screen}"
        );
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('?'));
        let screen = format!("{}", draw(&mut app, 80, 24).backend());
        assert!(!screen.contains(scroll), "the desk's help: {screen}");
    }
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    for (lang, text) in [
        (Lang::Zh, "没有符合筛选条件的任务"),
        (Lang::En, "No task matches the filter"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (80, 24));
        press(&mut app, KeyCode::Char('f'));
        press(&mut app, KeyCode::Char('8')); // by owner…
        type_text(&mut app, "没有这个部门");
        press(&mut app, KeyCode::Enter);
        let screen = format!("{}", draw(&mut app, 80, 24).backend());
        assert!(screen.contains(text), "{screen}");
    }
}

/// Row `y` as read: the cell after a double-width character is not a character.
fn row_text(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    let mut row = String::new();
    let mut x = buffer.area.left();
    while x < buffer.area.right() {
        let symbol = buffer[(x, y)].symbol();
        row.push_str(symbol);
        x += u16::try_from(workplan::text::width(symbol).max(1)).unwrap();
    }
    row
}

/// Whether a double-width character anywhere covers a border: the terminal draws it whole, so
/// the border cell after it is hidden (and stays broken in later frames).
fn wide_over_border(buffer: &ratatui::buffer::Buffer) -> Option<String> {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let cell = &buffer[(x, y)];
            let next = buffer[(x + 1, y)].symbol();
            if workplan::text::width(cell.symbol()) > 1
                && "│┐┘┌└─".contains(next)
                && !next.is_empty()
                && next != " "
            {
                return Some(format!("{:?} at {x},{y} covers {next:?}", cell.symbol()));
            }
        }
    }
    None
}

/// Widths from 80 to 200 columns, ten apart.
const WIDTHS: std::ops::RangeInclusive<u16> = 80..=200;

/// The widths a sweep draws at: every `WORKPLAN_SWEEP_STEP`th (default 30: 80, 110 … 200; the
/// nightly run every one).
fn sweep_widths() -> impl Iterator<Item = u16> {
    WIDTHS.step_by(common::env_number::<usize>("WORKPLAN_SWEEP_STEP", 30).max(1))
}

#[test]
fn every_task_in_every_width_keeps_its_borders_whole() {
    for (lang, _) in LANGS {
        for w in sweep_widths() {
            for ambiguous_wide in [false, true] {
                let dir = tempfile::tempdir().unwrap();
                let mut app = dashboard(dir.path(), lang, (w, 30));
                app.ambiguous_wide = ambiguous_wide;
                app.tree.expanded.iter_mut().for_each(|e| *e = true);
                app.update(Action::ClearFilter);
                let detail =
                    workplan::layout::Regions::new(ratatui::layout::Rect::new(0, 0, w, 30)).detail;
                let edge_glyph = if ambiguous_wide { "|" } else { "│" };
                for step in 0..90 {
                    let buffer = frame(&mut app, w, 30);
                    let at = format!("{w} columns, ambiguous wide {ambiguous_wide}, row {step}");
                    if let Some(what) = wide_over_border(&buffer) {
                        panic!("{at}: {what}\n{buffer:?}");
                    }
                    if let Some(what) = common::screen::broken_border(&buffer, ambiguous_wide) {
                        panic!("{at}: {what}\n{buffer:?}");
                    }
                    // The detail pane's right border, row by row, is still a border.
                    for y in detail.top() + 1..detail.bottom() - 1 {
                        let edge = buffer[(detail.right() - 1, y)].symbol();
                        assert_eq!(edge, edge_glyph, "{at}, line {y}\n{buffer:?}");
                    }
                    press(&mut app, KeyCode::Down);
                }
            }
        }
    }
}

/// The keys that open each popup from the desk.
const POPUPS: [&[KeyCode]; 12] = [
    &[KeyCode::Char('?')],
    &[KeyCode::Char('w')],
    &[KeyCode::Char('s')],
    &[KeyCode::Char('f')],
    &[KeyCode::Char('e')],
    &[KeyCode::Char('a')],
    &[KeyCode::Char('o')],
    &[KeyCode::Char('d')],
    &[KeyCode::Char('%')],
    &[KeyCode::Char('/')],
    &[KeyCode::Char('M')],
    // On an area or item: a percent for all its tasks asks first.
    &[KeyCode::Char('%'), KeyCode::Char('5'), KeyCode::Enter],
];

#[test]
fn every_popup_over_wide_characters_keeps_every_border_whole() {
    let mut checked = 0;
    for (lang, _) in LANGS {
        for w in sweep_widths() {
            for ambiguous_wide in [false, true] {
                let dir = tempfile::tempdir().unwrap();
                let mut app = dashboard(dir.path(), lang, (w, 30));
                app.ambiguous_wide = ambiguous_wide;
                app.tree.expanded.iter_mut().for_each(|e| *e = true);
                // Rows of every level, scrolled so that different text lies under each popup.
                for row in [0, 1, 2, 9, 23, 40, 61, 86] {
                    app.update(Action::Home);
                    for _ in 0..row {
                        press(&mut app, KeyCode::Down);
                    }
                    for keys in POPUPS {
                        for &key in keys {
                            press(&mut app, key);
                        }
                        let buffer = frame(&mut app, w, 30);
                        if let Some(what) = common::screen::broken_border(&buffer, ambiguous_wide) {
                            panic!(
                                "{lang:?} {w} columns, ambiguous wide {ambiguous_wide}, row {row}, \
                                 keys {keys:?}: {what}\n{buffer:?}"
                            );
                        }
                        checked += 1;
                        for _ in 0..3 {
                            press(&mut app, KeyCode::Esc);
                        }
                    }
                }
            }
        }
    }
    let widths = sweep_widths().count();
    assert_eq!(checked, LANGS.len() * widths * 2 * 8 * POPUPS.len());
}

#[test]
fn a_long_note_and_the_oldest_entry_can_be_reached_in_the_detail_pane() {
    let long = "社区代表会议提出的意见已逐条梳理，".repeat(120); // about 2,000 characters
    let mut events = vec![common::change(
        1,
        "2023-04-02T02:00:00Z",
        "王敏",
        Change {
            node: "1.1.1".into(),
            note: Some("最早的一条：启动调研".into()),
            ..Change::default()
        },
    )];
    for k in 0..30u8 {
        let c = Change {
            node: "1.1.1".into(),
            percent: Some(k.min(99)),
            note: (k == 29).then(|| long.clone()),
            ..Change::default()
        };
        let at = format!("2023-05-{:02}T02:00:00Z", k + 1);
        events.push(common::change(10 + u128::from(k), &at, "李强", c));
    }
    for (lang, _) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &events);
        app.update(Action::Resize(80, 24));
        select_first_task(&mut app);
        let screen = |app: &mut App| format!("{}", draw(app, 80, 24).backend());
        assert!(!screen(&mut app).contains("最早的一条"));
        // Tab gives the detail pane the keys: End reaches the oldest entry, Home the top.
        press(&mut app, KeyCode::Tab);
        assert!(app.detail_focus);
        press(&mut app, KeyCode::End);
        assert!(
            screen(&mut app).contains("最早的一条"),
            "{}",
            screen(&mut app)
        );
        press(&mut app, KeyCode::Home);
        assert!(!screen(&mut app).contains("最早的一条"));
        // Line by line, every part of the long note comes by.
        let mut seen = 0;
        for _ in 0..200 {
            press(&mut app, KeyCode::Down);
            seen += screen(&mut app).matches("逐条梳理").count();
        }
        assert!(seen > 120, "{seen}");
        // Tab again: the keys move through the tree.
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Down);
        assert_eq!(app.detail_scroll, 0, "a new selection starts at the top");
    }
}

#[test]
fn the_footer_keeps_help_meeting_and_quit_at_80_columns() {
    for (lang, keys) in [
        (Lang::Zh, ["? 帮助", "m 会议视图", "q 退出"]),
        (Lang::En, ["? help", "m meeting view", "q quit"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (80, 24));
        let t = draw(&mut app, 80, 24);
        let footer = row_text(t.backend().buffer(), 23);
        for k in keys {
            assert!(footer.contains(k), "{k:?} not in {footer:?}");
        }
    }
}

#[test]
fn the_header_shows_the_end_of_the_data_folder_in_the_room_left() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, label) in [(Lang::Zh, "文件夹 "), (Lang::En, "folder ")] {
        let mut app = dashboard(dir.path(), lang, (80, 24));
        for w in 80..=130 {
            let t = draw(&mut app, w, 24);
            let row = row_text(t.backend().buffer(), 0);
            let shown = row.trim_end();
            assert!(workplan::text::width(&row) <= usize::from(w), "{w}: {row}");
            let (_, folder) = shown
                .split_once(label)
                .unwrap_or_else(|| panic!("{w}: {row}"));
            // Whole, or its end after "…": never half a character.
            match folder.strip_prefix('…') {
                Some(end) => assert!(SHOWN_FOLDER.ends_with(end), "{w}: {row}"),
                None => assert_eq!(folder, SHOWN_FOLDER, "{w}: {row}"),
            }
        }
        // `?` shows user and folder in full, even at 80 columns.
        press(&mut app, KeyCode::Char('?'));
        let screen = format!("{}", draw(&mut app, 80, 24).backend());
        assert!(screen.contains(SHOWN_FOLDER), "{screen}");
        assert!(screen.contains("王敏"), "{screen}");
        press(&mut app, KeyCode::Esc);
    }
}

/// The fixture journal and 4,100 more changes by a colleague, enough for a folded snapshot.
fn large_journal(dir: &Path) {
    let plan = LoadedPlan::embedded().unwrap();
    let mut events = fixture_events();
    let start = jiff::Timestamp::from_second(1_672_531_200).unwrap(); // 2023-01-01
    events.extend((0..4100u32).map(|i| {
        let mut e = Event::new(
            "李强",
            Body::Change(Change {
                node: format!("6.3.{}", i % 3 + 1).into(),
                percent: Some((i % 90) as u8),
                ..Change::default()
            }),
        );
        e.at = start + jiff::SignedDuration::from_secs(i64::from(i));
        e
    }));
    for user in ["王敏", "李强", "张华"] {
        let mine: Vec<Event> = events.iter().filter(|e| e.user == user).cloned().collect();
        Store::new(dir, &plan.plan.id, user).append(&mine).unwrap();
    }
}

#[test]
fn the_first_frame_from_the_folded_snapshot_says_the_history_is_being_read() {
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            large_journal(dir.path());
            let cache = dir.path().join("cache");
            let start = || {
                let plan = LoadedPlan::embedded().unwrap();
                let store = Store::new(dir.path(), &plan.plan.id, "王敏").with_local_copy(&cache);
                App::start(context(plan, lang, store), || {})
            };
            drop(start()); // keeps the folded snapshot
            let mut app = start();
            assert!(app.session.loading);
            select_first_task(&mut app);
            snapshot(&format!("loading_{l}_{w}x{h}"), &draw(&mut app, w, h));
        }
    }
}

#[test]
fn a_filter_and_a_search_stay_whole_in_the_header_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (80, 24));
        app.filter = Some(workplan::app::Filter::Owner("经济发展办".into()));
        app.search = Some("居民".into());
        let t = draw(&mut app, 80, 24);
        let row = row_text(t.backend().buffer(), 0);
        let shown = row.trim_end();
        // The plan's title gives way, marked; the filter and the search's count stay.
        assert!(shown.contains('…'), "{shown}");
        assert!(
            shown.contains("经济发展办]") && shown.ends_with(']'),
            "{shown}"
        );
    }
}

#[test]
fn an_undone_mark_is_never_broken_across_lines() {
    let note = |n: u128, at: &str, undoes: Option<u128>| {
        common::change(
            n,
            at,
            "王敏",
            Change {
                node: "1.1.1".into(),
                note: undoes.is_none().then(|| "已召开座谈会".into()),
                undoes: undoes.map(Uuid::from_u128),
                ..Change::default()
            },
        )
    };
    let events = [
        note(1, "2023-08-01T02:00:00Z", None),
        note(2, "2023-08-02T02:00:00Z", Some(1)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(
        dir.path(),
        LoadedPlan::embedded().unwrap(),
        Lang::Zh,
        &events,
    );
    app.update(Action::Resize(80, 24));
    select_first_task(&mut app);
    let t = draw(&mut app, 80, 24);
    let rows: Vec<String> = (0..24).map(|y| row_text(t.backend().buffer(), y)).collect();
    assert!(rows.iter().any(|r| r.contains("（已撤销）")), "{rows:#?}");
    assert!(
        rows.iter()
            .all(|r| !r.contains("（已撤") || r.contains("（已撤销）")),
        "{rows:#?}"
    );
}

#[test]
fn the_department_picker_offers_every_department_and_says_how_many() {
    let owners = [
        "党政办",
        "自治办",
        "管理办",
        "服务办",
        "平安办",
        "发展办",
        "党建办",
    ];
    let events: Vec<Event> = owners
        .iter()
        .enumerate()
        .map(|(i, o)| {
            common::change(
                10 + i as u128,
                "2023-06-02T03:30:00Z",
                "李强",
                Change {
                    node: [
                        "1.1.1", "1.1.2", "1.1.3", "1.2.1", "2.1.1", "3.1.1", "4.1.1",
                    ][i]
                        .into(),
                    owner: Some((*o).into()),
                    ..Change::default()
                },
            )
        })
        .collect();
    for (lang, l) in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut app = app_with(dir.path(), LoadedPlan::embedded().unwrap(), lang, &events);
            app.update(Action::Resize(w, h));
            select_first_task(&mut app);
            press(&mut app, KeyCode::Char('o'));
            let screen = format!("{:?}", draw(&mut app, w, h).backend());
            assert!(screen.contains("党政办"), "{screen}");
            let count = lang.pick("第 1–5 个，共 7 个部门", "1–5 of 7 departments");
            assert!(screen.contains(count), "{screen}");
            // ↓ to the last: the list scrolls to it.
            for _ in 0..7 {
                press(&mut app, KeyCode::Down);
            }
            let t = draw(&mut app, w, h);
            let screen = format!("{:?}", t.backend());
            let count = lang.pick("第 3–7 个，共 7 个部门", "3–7 of 7 departments");
            assert!(screen.contains(count), "{screen}");
            snapshot(&format!("department_picker_{l}_{w}x{h}"), &t);
        }
    }
}

#[test]
fn quick_percent_steps_are_one_history_line() {
    for (lang, l) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = dashboard(dir.path(), lang, (80, 24));
        select_first_task(&mut app);
        press(&mut app, KeyCode::Down); // 1.1.2, at 50% in the fixture
        for _ in 0..3 {
            press(&mut app, KeyCode::Char('+'));
        }
        let screen = format!("{:?}", draw(&mut app, 100, 30).backend());
        let folded = lang.pick("完成率 50%→80%（3次调整）", "percent 50%→80% (3 steps)");
        assert!(screen.contains(folded), "{l}: {screen}");
        assert!(
            !screen.contains(lang.pick("完成率 60%", "percent 60%")),
            "{l}: {screen}"
        );
        assert_eq!(
            app.session.progress.events.len(),
            3 + 3,
            "every step is kept"
        );
    }
}
