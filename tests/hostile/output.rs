//! Outputs cannot be turned against the officer: text from a colleague's journal reaches no
//! terminal or document raw, exports replace only regular files, a saved change is never
//! reported as failed, a closed pipe is no error, and unusable names are refused. The real
//! binary (and the dashboard through the library) on folders built from scratch.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use workplan::action::Action;
use workplan::app::App;
use workplan::context::Context;
use workplan::i18n::Lang;
use workplan::journal::Store;
use workplan::plan::LoadedPlan;

use super::desk::{BIN, Desk};
use crate::common;

/// What a hostile colleague writes: retitle the window, ring the bell, clear the screen, flip
/// the text's direction, and a C1 CSI.
const HOSTILE: &str = "进展\x1b]0;pwned\x07 \x1b[2J \u{202e}倒 \u{9b}31m";
/// A colleague whose very name (and so journal file) carries an escape sequence.
const HOSTILE_USER: &str = "王\x1b[2J敏";

/// What only these tests ask of a desk.
impl Desk {
    /// Puts the colleagues' journals in the folder: 李强's note, owner and meeting title, an
    /// event on a task the plan does not have, and a file named with an escape sequence.
    fn with_hostile_journals(self) -> Self {
        let line = |n: u32, user: &str, body: serde_json::Value| {
            let mut v = serde_json::json!({
                "id": format!("0187d6b4-5c00-7000-8000-{n:012}"),
                "at": format!("2023-05-0{n}T08:00:00Z"),
                "user": user,
            });
            v.as_object_mut()
                .unwrap()
                .extend(body.as_object().unwrap().clone());
            format!("{v}\n")
        };
        let note = serde_json::json!({"change": {"node": "1.1.1", "note": HOSTILE, "owner": HOSTILE, "percent": 30}});
        let orphan =
            serde_json::json!({"change": {"node": format!("9.9{HOSTILE}"), "percent": 10}});
        let meeting = serde_json::json!({"meeting": {"title": HOSTILE}});
        let lines = [
            line(1, "李强", note),
            line(2, "李强", orphan),
            line(3, "李强", meeting),
        ];
        fs::write(self.journal().join("李强.jsonl"), lines.concat()).unwrap();
        let theirs =
            serde_json::json!({"change": {"node": "1.1.2", "note": "正常", "percent": 20}});
        fs::write(
            self.journal().join(format!("{HOSTILE_USER}.jsonl")),
            format!("{}{{\"torn\": \"{HOSTILE}", line(4, HOSTILE_USER, theirs)),
        )
        .unwrap();
        self
    }
}

/// Fails when `text` holds a character from [`HOSTILE`] that a terminal would obey; and when
/// it does not show the escape as the visible `␛` (the text must be shown, not dropped).
fn assert_harmless(text: &str, what: &str) {
    for c in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(c), "{what}: raw {c:?} in\n{text}");
    }
    assert!(
        text.contains('␛'),
        "{what}: the escape is not shown as ␛:\n{text}"
    );
}

#[test]
fn status_shows_a_hostile_owner_harmlessly() {
    let desk = Desk::new().with_hostile_journals();
    let (out, _) = desk.ok("张华", &["status"]);
    assert_harmless(&out, "status");
}

#[test]
fn log_shows_hostile_notes_users_and_titles_harmlessly() {
    let desk = Desk::new().with_hostile_journals();
    let (out, _) = desk.ok("张华", &["log"]);
    assert_harmless(&out, "log");
    assert!(out.contains("倒"), "{out}");
}

#[test]
fn warnings_on_stderr_quote_file_names_and_ids_harmlessly() {
    let desk = Desk::new().with_hostile_journals();
    let (_, err) = desk.ok("张华", &["status"]);
    assert!(err.contains("9.9"), "the orphan is reported: {err}");
    assert_harmless(&err, "warnings");
}

#[test]
fn set_undo_and_meeting_echo_harmlessly() {
    let desk = Desk::new().with_hostile_journals();
    let (out, _) = desk.ok("张华", &["set", "1.1.1", "--note", HOSTILE]);
    assert_harmless(&out, "set");
    // Undoing an owner change restores 李强's owner, and says so.
    desk.ok("张华", &["set", "1.1.1", "--owner", "党建办"]);
    let (out, _) = desk.ok("张华", &["undo"]);
    assert_harmless(&out, "undo");
    let (out, _) = desk.ok("张华", &["meeting", "--title", HOSTILE]);
    assert_harmless(&out, "meeting");
}

#[test]
fn markdown_csv_and_html_exports_carry_no_control_characters() {
    let desk = Desk::new().with_hostile_journals();
    for format in ["md", "csv", "html"] {
        let (out, _) = desk.ok("张华", &["export", "--format", format, "-o", "-"]);
        assert_harmless(&out, format);
    }
}

#[test]
fn json_stays_exact() {
    let desk = Desk::new().with_hostile_journals();
    let (out, _) = desk.ok("张华", &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let task = common::tasks(&json).find(|t| t["id"] == "1.1.1").unwrap();
    assert_eq!(task["note"], HOSTILE);
    assert!(
        !out.contains('\x1b'),
        "serde escapes the control characters"
    );
}

#[test]
fn the_dashboard_draws_hostile_text_harmlessly() {
    let desk = Desk::new().with_hostile_journals();
    let plan = LoadedPlan::embedded().unwrap();
    let store = Store::new(&desk.data(), &plan.plan.id, "张华");
    let mut app = App::new(Context {
        lang: Lang::Zh,
        plan,
        store,
        today: date(2023, 9, 1),
        until: None,
        ambiguous_wide: false,
    });
    let (w, h) = (120, 40);
    app.update(Action::Resize(w, h));
    // Down, expand, down: from area 1 to its first task, 1.1.1.
    for a in [Action::Down, Action::Expand, Action::Down] {
        app.update(a);
    }
    let n = app.session.plan.index_of("1.1.1").unwrap();
    assert_eq!(app.selected(), Some(n));
    // The detail pane with the note and owner, the warnings popup, the meeting view.
    for (name, action) in [
        ("detail", None),
        ("warnings", Some(Action::ShowWarnings)),
        ("meeting", Some(Action::OpenMeeting)),
    ] {
        if let Some(a) = action {
            app.update(Action::Cancel);
            app.update(a);
        }
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| workplan::ui::draw(f, &app)).unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert_harmless(&screen, name);
        if name != "meeting" {
            // The note in the detail pane, the orphan's id and the file name in the popup.
            assert!(screen.contains("␛]0;pwned␇"), "{name}: {screen}");
        }
    }
}

#[cfg(unix)]
#[test]
fn export_refuses_a_fifo_and_does_not_hang() {
    use std::os::unix::fs::FileTypeExt;
    let desk = Desk::new();
    let fifo = desk.dir.path().join("minutes.md");
    super::desk::mkfifo(&fifo);
    let out = desk
        .cmd("张华")
        .args(["export", "--format", "md", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("minutes.md") && err.contains("不是普通文件"),
        "{err}"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn export_refuses_a_socket() {
    use std::os::unix::fs::FileTypeExt;
    let desk = Desk::new();
    let socket = desk.dir.path().join("minutes.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    desk.cmd("张华")
        .args(["export", "--format", "md", "-o"])
        .arg(&socket)
        .assert()
        .failure();
    assert!(
        fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn export_through_a_link_writes_the_file_it_points_to_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::new();
    let decoy = desk.dir.path().join("decoy.md");
    fs::write(&decoy, "old minutes").unwrap();
    fs::set_permissions(&decoy, fs::Permissions::from_mode(0o640)).unwrap();
    let link = desk.dir.path().join("minutes.md");
    std::os::unix::fs::symlink(&decoy, &link).unwrap();
    let (out, _) = desk.ok("张华", &["export", "--format", "md", "-o", "minutes.md"]);
    assert!(out.contains("decoy.md"), "says where it wrote: {out}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(mode(&decoy), 0o640);
    assert!(fs::read_to_string(&decoy).unwrap().contains("新江湾城"));
}

#[cfg(unix)]
#[test]
fn a_new_export_gets_0666_less_the_umask() {
    let desk = Desk::new();
    let run = desk
        .process("sh", "张华")
        .args([
            "-c",
            "umask 027 && exec \"$BIN\" --lang zh export --format md -o new.md",
        ])
        .env("BIN", BIN)
        .status()
        .unwrap();
    assert!(run.success());
    assert_eq!(mode(&desk.dir.path().join("new.md")), 0o640);
}

#[test]
fn a_plan_id_that_leaves_the_folder_fails_the_check() {
    let desk = Desk::new();
    let text = include_str!("../../plan.json");
    let moved = text.replacen(r#""id": "xjw-2023""#, r#""id": "../../x""#, 1);
    assert_ne!(text, moved);
    let file = desk.dir.path().join("plan.json");
    fs::write(&file, moved).unwrap();
    let out = desk.cmd("张华").arg("check").arg(&file).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("plan.json:2:") && err.contains("../../x"),
        "{err}"
    );
}

/// A pipe whose reader has already gone: every write to it fails with a broken pipe.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

#[test]
fn a_saved_change_exits_0_when_its_confirmation_cannot_be_printed() {
    let desk = Desk::new();
    let run = desk
        .process(BIN, "张华")
        .args(["set", "1.1.1", "--percent", "50"])
        .stdout(closed_pipe())
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let journal = fs::read_to_string(desk.journal().join("张华.jsonl")).unwrap();
    assert_eq!(journal.lines().count(), 1, "recorded once: {journal}");
    // Standard output closed outright, as `>&-` does.
    #[cfg(unix)]
    {
        let run = desk
            .process("sh", "张华")
            .args(["-c", "exec \"$BIN\" set 1.1.1 --percent 60 >&-"])
            .env("BIN", BIN)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        let journal = fs::read_to_string(desk.journal().join("张华.jsonl")).unwrap();
        assert_eq!(journal.lines().count(), 2, "recorded once more: {journal}");
    }
}

#[test]
fn a_closed_pipe_ends_status_and_log_quietly() {
    let desk = Desk::new();
    desk.ok("张华", &["set", "1.1.1", "--percent", "50"]);
    for command in ["status", "log"] {
        let run = desk
            .process(BIN, "张华")
            .arg(command)
            .stdout(closed_pipe())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{command}: {err}");
        assert!(err.is_empty(), "{command}: {err}");
    }
}

#[test]
fn unusable_user_names_are_refused_naming_where_they_came_from() {
    let desk = Desk::new();
    for name in [
        "", ".", "..", "a/b", "a\\b", "CON", "lpt1.txt", "x.", "a:b", "a\x1bb",
    ] {
        let out = desk
            .cmd("张华")
            .env("WORKPLAN_USER", name)
            .args(["set", "1.1.1", "--percent", "50"])
            .assert()
            .failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains("WORKPLAN_USER") && err.contains("用户名"),
            "{name:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(!err.contains('\x1b'), "{err}");
        let out = desk
            .cmd("张华")
            .args(["--user", name, "set", "1.1.1", "--percent", "50"])
            .assert()
            .failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains("--user"), "{name:?}: {err}");
    }
    // From the settings file (from the OS: tests/first_run.rs, as an account without a name).
    fs::create_dir_all(desk.dir.path().join("config")).unwrap();
    fs::write(
        desk.dir.path().join("config/config.toml"),
        "user = \"..\"\n",
    )
    .unwrap();
    let out = desk
        .cmd("张华")
        .env_remove("WORKPLAN_USER")
        .arg("status")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("设置文件") && err.contains("\"..\""), "{err}");
    let written = fs::read_dir(desk.journal()).unwrap().count();
    assert_eq!(written, 0, "nothing was written");
}
