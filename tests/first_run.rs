//! An officer's first run: setting up with `workplan init`, seeing where things are kept with
//! `workplan where`, a data folder that is not there refused rather than shown as an empty
//! plan, the OS account as the writer, and no dashboard without a terminal.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

use crate::common;

use common::pty::Session;

/// A computer of its own: a settings folder, a home and a place for data, all temporary.
struct Computer {
    dir: TempDir,
}

impl Computer {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config_dir(&self) -> PathBuf {
        self.path("config")
    }

    fn settings(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    /// The binary on this computer, with no data folder, user or language from the
    /// environment, as of 2023-09-01.
    fn bare(&self) -> Command {
        let mut c = common::isolated();
        c.current_dir(self.dir.path())
            .env("WORKPLAN_CONFIG_DIR", self.config_dir())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"))
            .timeout(Duration::from_secs(20));
        c
    }

    /// The dashboard started on this computer in a pseudo-terminal of 120x30 with `args`: its
    /// settings folder, and a home (made here) whose data folder is `home/data`, as [`Self::bare`].
    fn dashboard(&self, args: &[&str]) -> Session {
        let home = self.path("home");
        fs::create_dir_all(&home).unwrap();
        let (config, data_home) = (self.config_dir(), home.join("data"));
        let env = [
            ("WORKPLAN_CONFIG_DIR", config.to_str().unwrap()),
            ("HOME", home.to_str().unwrap()),
            ("XDG_DATA_HOME", data_home.to_str().unwrap()),
        ];
        Session::start_bare(args, &env, 120, 30)
    }

    /// [`Self::bare`] as alice, in `lang`, as of 2023-09-01.
    fn cmd(&self, lang: &str) -> Command {
        let mut c = self.bare();
        c.env("WORKPLAN_USER", "alice")
            .args(["--today", "2023-09-01", "--lang", lang]);
        c
    }
}

/// Standard error of a run that must fail with exit code 1 and print nothing on standard
/// output; it must be one line.
fn refused(cmd: &mut Command) -> String {
    let out = cmd.assert().code(1);
    let out = out.get_output();
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_missing_data_folder_is_refused_and_never_made() {
    let c = Computer::new();
    // A mistyped folder: 台帐 for 台账.
    let missing = c.path("工作台帐");
    let zh = format!("错误: 共享文件夹不存在或未连接：{}", missing.display());
    for args in [
        &["status"][..],
        &["status", "--format", "json"],
        &["set", "1.1.1", "--status", "done"],
        &["log"],
        &["undo"],
        &["meeting"],
        &["export", "--format", "md"],
    ] {
        // Named by option, by variable, by the settings file.
        let e = refused(c.cmd("zh").args(["--data-dir"]).arg(&missing).args(args));
        assert!(e.starts_with(&zh), "{args:?}: {e}");
        let e = refused(c.cmd("zh").env("WORKPLAN_DATA_DIR", &missing).args(args));
        assert!(e.starts_with(&zh), "{args:?}: {e}");
        assert!(!missing.exists(), "{args:?} made the folder");
    }
    let e = refused(c.cmd("en").env("WORKPLAN_DATA_DIR", &missing).arg("status"));
    let en = "error: the shared folder does not exist or is not connected: ";
    assert!(e.starts_with(&format!("{en}{}", missing.display())), "{e}");

    fs::create_dir_all(c.config_dir()).unwrap();
    fs::write(
        c.settings(),
        format!("data_dir = '{}'\n", missing.display()),
    )
    .unwrap();
    let e = refused(c.cmd("zh").args(["set", "1.1.1", "--percent", "5"]));
    assert!(e.starts_with(&zh), "{e}");
    assert!(!missing.exists());

    // A file where the folder should be is refused too.
    fs::write(&missing, "").unwrap();
    let e = refused(c.cmd("zh").env("WORKPLAN_DATA_DIR", &missing).arg("status"));
    assert!(e.contains("不是文件夹"), "{e}");
}

#[test]
fn the_platform_folder_is_still_made_on_first_use() {
    let c = Computer::new();
    c.cmd("zh")
        .args(["set", "1.1.1", "--percent", "5"])
        .assert()
        .success();
    let journal = c.path("home/data/workplan/xjw-2023/alice.jsonl");
    assert!(journal.is_file(), "{}", journal.display());
}

#[test]
fn the_first_change_saved_before_init_says_where_and_how_to_share() {
    let c = Computer::new();
    let journal = c.path("home/data/workplan/xjw-2023/alice.jsonl");
    let first = stdout(c.cmd("zh").args(["set", "1.1.1", "--percent", "5"]));
    assert_eq!(
        first,
        format!(
            "已保存: 1.1.1 完成率 5%\n注意：这是本机的第一条记录，只保存在本机 {}，同事看不到；要与同事共用，请运行 workplan init 选择共享文件夹，已保存的记录可一并带过去\n",
            journal.display()
        )
    );
    // `where` says it too.
    let place = stdout(c.cmd("zh").arg("where"));
    assert!(
        place.contains("（仅本机，同事看不到；要共用请运行 workplan init）"),
        "{place}"
    );
    // Said once.
    let next = stdout(c.cmd("zh").args(["set", "1.1.1", "--percent", "10"]));
    assert_eq!(next, "已保存: 1.1.1 完成率 10%\n");
    let en = stdout(c.cmd("en").args(["--user", "bob", "meeting"]));
    assert!(en.contains("colleagues won't see it"), "{en}");
    assert!(en.contains("workplan init"), "{en}");
    // A folder that was named is not this computer's alone: nothing to say.
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    let named =
        stdout(
            c.cmd("zh")
                .arg("--data-dir")
                .arg(&data)
                .args(["set", "1.1.1", "--percent", "5"]),
        );
    assert_eq!(named, "已保存: 1.1.1 完成率 5%\n");
}

#[test]
fn the_dashboard_s_first_change_before_init_says_it_stays_here() {
    let c = Computer::new();
    let args = ["--user", "张华", "--today", "2023-09-01", "--lang", "zh"];
    let mut s = c.dashboard(&args);
    s.wait_for("还没有设置");
    s.send("n\r"); // not now
    s.wait_for("汇集民智");
    s.go_to_task_1_1_1();
    s.send("s");
    s.wait_for("设置状态");
    s.send("3"); // 已完成
    s.wait_for("已保存，仅在本机（同事看不到；共用请退出后运行 workplan init）：张华.jsonl");
    // Said once: the next change says only where.
    s.send("s");
    s.wait_for("设置状态");
    s.send("2"); // 推进中
    s.wait_for("已保存到 张华.jsonl");
    s.send("q");
    assert!(s.wait_exit());
}

/// Every event of a journal file, as JSON.
fn events_of(file: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn init_carries_what_was_saved_here_before_once() {
    let c = Computer::new();
    // Before init: changes and a checkpoint in this computer's own folder, as alice.
    c.cmd("zh")
        .args(["set", "1.1.1", "--percent", "30", "--owner", "自治办"])
        .assert()
        .success();
    c.cmd("zh")
        .args(["meeting", "--title", "七月例会"])
        .assert()
        .success();
    let local = c.path("home/data/workplan/xjw-2023/alice.jsonl");
    let local_bytes = fs::read(&local).unwrap();
    let shared = c.path("工作台账");
    fs::create_dir(&shared).unwrap();
    // 张华, the shared folder, Chinese, and whether to carry the records along.
    let init = |c: &Computer, carry: &str| {
        let mut cmd = c.bare();
        cmd.env("WORKPLAN_USER", "alice")
            .args(["--lang", "zh", "init"])
            .write_stdin(format!("张华\n{}\nzh\n{carry}\n", shared.display()));
        stdout(&mut cmd)
    };
    // Not now: left where they are, and said so.
    let out = init(&c, "n");
    assert!(
        out.contains(&format!(
            "本机此前的记录仍留在 {}",
            c.path("home/data/workplan").display()
        )),
        "{out}"
    );
    assert!(!shared.join("xjw-2023").exists());
    // Then Enter: carried.
    let out = init(&c, "");
    assert!(
        out.contains(&format!(
            "本机此前保存的 2 条记录（{}）同事看不到。要把它们带到 {}，记在 张华 名下吗？[Y/n]",
            local.display(),
            shared.display()
        )),
        "{out}"
    );
    let carried = shared.join("xjw-2023").join("张华.jsonl");
    assert!(
        out.contains(&format!(
            "已把本机此前的 2 条记录带到 {}",
            carried.display()
        )),
        "{out}"
    );
    // Under the chosen name, each with its id and time; the file here is as it was.
    let was = events_of(&local);
    let now = events_of(&carried);
    assert_eq!(was.len(), 2);
    assert_eq!(now.len(), 2);
    for (w, n) in was.iter().zip(&now) {
        assert_eq!(w["id"], n["id"]);
        assert_eq!(w["at"], n["at"]);
        assert_eq!(n["user"], "张华");
    }
    assert_eq!(fs::read(&local).unwrap(), local_bytes);
    // The meeting sees them.
    let status = stdout(
        c.bare()
            .args(["--today", "2023-09-01", "status", "--format", "json"]),
    );
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let task = common::tasks(&status).next().unwrap().clone();
    assert_eq!(task["percent"], 30.0, "{task}");
    assert_eq!(task["owner"], "自治办", "{task}");
    let log = stdout(
        c.bare()
            .args(["--lang", "zh", "--today", "2023-09-01", "log"]),
    );
    assert!(log.contains("会议检查点：七月例会"), "{log}");
    assert!(!log.contains("alice"), "{log}");

    // Run again: nothing written twice.
    let carried_bytes = fs::read(&carried).unwrap();
    let out = init(&c, "");
    assert!(out.contains("不再重复写入"), "{out}");
    assert!(!out.contains("要把它们带到"), "{out}");
    assert_eq!(fs::read(&carried).unwrap(), carried_bytes);
}

#[test]
fn the_dashboard_does_not_start_on_a_missing_folder() {
    let c = Computer::new();
    let missing = c.path("工作台帐");
    let mut s = Session::start(&missing, 100, 30);
    s.wait_for("共享文件夹不存在或未连接");
    assert_eq!(s.wait_code(), 1);
    let screen = s.contents();
    assert!(screen.contains("工作台帐"), "{screen}");
    assert!(!missing.exists());
}

#[test]
fn init_from_options_writes_the_settings_and_makes_the_folder() {
    let c = Computer::new();
    let shared = c.path("共享盘").join("工作台账");
    let out = stdout(
        c.bare()
            .args(["--lang", "zh", "init", "--name", "张华", "--language", "en"])
            .arg("--folder")
            .arg(&shared),
    );
    assert!(shared.is_dir());
    assert!(out.contains("Settings saved"), "{out}");
    let text = fs::read_to_string(c.settings()).unwrap();
    let settings: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(settings["user"].as_str(), Some("张华"));
    assert_eq!(
        settings["data_dir"].as_str(),
        Some(shared.to_str().unwrap())
    );
    assert_eq!(settings["lang"].as_str(), Some("en"));
    // Nothing left behind by the write check.
    assert_eq!(fs::read_dir(&shared).unwrap().count(), 0);

    // The settings are used from then on.
    c.bare()
        .args(["--lang", "zh", "set", "1.1.1", "--percent", "30"])
        .assert()
        .success();
    assert!(shared.join("xjw-2023").join("张华.jsonl").is_file());

    // Init again keeps what else the file says.
    fs::write(
        c.settings(),
        format!("# 办公室的设置\nexport_dir = '/tmp'\n{text}"),
    )
    .unwrap();
    stdout(
        c.bare()
            .args(["init", "--name", "王敏", "--language", "zh", "--folder"])
            .arg(&shared),
    );
    let text = fs::read_to_string(c.settings()).unwrap();
    assert!(
        text.starts_with("# 办公室的设置\nexport_dir = '/tmp'\n"),
        "{text}"
    );
    assert!(text.contains("user = \"王敏\""), "{text}");
}

#[test]
fn init_refuses_a_folder_in_the_program_folder_and_a_bad_name() {
    let c = Computer::new();
    let program = Path::new(env!("CARGO_BIN_EXE_workplan")).parent().unwrap();
    let inside = program.join("工作台账-测试");
    let e = refused(
        c.bare()
            .args(["--lang", "zh", "init", "--name", "张华", "--language", "zh"])
            .arg("--folder")
            .arg(&inside),
    );
    assert!(e.contains("程序所在的文件夹"), "{e}");
    assert!(!inside.exists());
    let e = refused(
        c.bare()
            .args(["--lang", "en", "init", "--name", "CON", "--language", "zh"])
            .arg("--folder")
            .arg(c.path("shared")),
    );
    assert!(e.contains("\"CON\""), "{e}");
    assert!(!c.settings().exists());
}

#[test]
fn init_from_answers_on_standard_input() {
    let c = Computer::new();
    let program = Path::new(env!("CARGO_BIN_EXE_workplan")).parent().unwrap();
    let shared = c.path("工作台账");
    // A bad name, then a good one; a folder in the program's folder, then one that is not
    // there yet (declined, then accepted); a language that is not offered, then English.
    let answers = format!(
        "CON\n张华\n{}\n{}\nn\n{}\ny\nfr\nen\n",
        program.join("data").display(),
        shared.display(),
        shared.display()
    );
    let out = stdout(c.bare().args(["--lang", "zh", "init"]).write_stdin(answers));
    for words in [
        "您的姓名",
        "不能用作日志文件名",
        "共享文件夹",
        "程序所在的文件夹",
        "不存在，新建吗",
        "已新建文件夹",
        "界面语言",
        "不是可选的语言",
        "Settings saved",
    ] {
        assert!(out.contains(words), "{words}: {out}");
    }
    let settings: toml::Table = toml::from_str(&fs::read_to_string(c.settings()).unwrap()).unwrap();
    assert_eq!(settings["user"].as_str(), Some("张华"));
    assert_eq!(
        settings["data_dir"].as_str(),
        Some(shared.to_str().unwrap())
    );
    assert_eq!(settings["lang"].as_str(), Some("en"));
    assert!(!program.join("data").exists());

    // Enter takes what is in brackets: what the settings already say.
    let out = stdout(
        c.bare()
            .args(["--lang", "en", "init"])
            .write_stdin("\n\n\n"),
    );
    assert!(
        out.contains("it names your journal file) [张华]: "),
        "{out}"
    );
    let text = fs::read_to_string(c.settings()).unwrap();
    assert!(text.contains("user = \"张华\""), "{text}");
}

#[test]
fn init_with_its_input_cut_short_saves_nothing() {
    let c = Computer::new();
    let e = c
        .bare()
        .args(["--lang", "zh", "init"])
        .write_stdin("张华\n")
        .assert()
        .code(1);
    let err = String::from_utf8(e.get_output().stderr.clone()).unwrap();
    assert!(err.contains("输入已结束，设置未保存"), "{err}");
    assert!(!c.settings().exists());
}

/// The settings file holding `bytes`.
fn settings_bytes(c: &Computer, bytes: &[u8]) {
    fs::create_dir_all(c.config_dir()).unwrap();
    fs::write(c.settings(), bytes).unwrap();
}

#[test]
fn a_settings_file_saved_as_ansi_is_read_and_said_once() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    // Notepad's "ANSI" on a Chinese Windows: GBK.
    let (gbk, _, lost) = encoding_rs::GBK.encode("# 本机设置\nuser = \"张华\"\nlang = \"zh\"\n");
    assert!(!lost);
    settings_bytes(&c, &gbk);
    let set = |c: &Computer, percent: &str| {
        let mut cmd = c.bare();
        cmd.arg("--data-dir").arg(&data).args([
            "--today",
            "2023-09-01",
            "set",
            "1.1.1",
            "--percent",
            percent,
        ]);
        let out = cmd.assert().success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let err = set(&c, "10");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("原为 GBK（ANSI）编码，已照此读取，并改存为 UTF-8"),
        "{err}"
    );
    assert!(data.join("xjw-2023").join("张华.jsonl").is_file());
    // Saved again as UTF-8, with the same words: said once.
    let text = fs::read_to_string(c.settings()).unwrap();
    assert_eq!(text, "# 本机设置\nuser = \"张华\"\nlang = \"zh\"\n");
    assert_eq!(set(&c, "20"), "");

    // Bytes that are no text at all: refused in Chinese, with the fix.
    settings_bytes(&c, b"user = \"\xff\xfe\xff\"\n");
    let e = refused(c.bare().args(["--lang", "zh", "status"]));
    assert!(
        e.contains("既不是 UTF-8 编码，也不是 GBK（ANSI）编码"),
        "{e}"
    );
    assert!(e.contains("另存为"), "{e}");
    assert!(!e.contains("stream did not contain"), "{e}");
}

#[test]
fn a_mistake_in_the_settings_file_is_said_in_chinese_naming_every_setting() {
    let c = Computer::new();
    for (text, place) in [
        ("user = 张华\n", "第 1 行第 8 列"),
        ("lang = \"zh\"\nuser = \"张华\n", "第 2 行第 11 列"),
        ("[设置\n", "第 1 行第 4 列"),
        ("user = \"张华\" 科员\n", "第 1 行第 13 列"),
    ] {
        settings_bytes(&c, text.as_bytes());
        let e = refused(c.bare().args(["--lang", "zh", "status"]));
        let file = c.settings().display().to_string();
        assert!(
            e.starts_with(&format!("错误: 设置文件 {file} {place}有误：")),
            "{text}: {e}"
        );
        for key in [
            "data_dir",
            "user",
            "plan",
            "export_dir",
            "ambiguous_wide",
            "lang",
        ] {
            assert!(e.contains(key), "{key}: {e}");
        }
        // The parser's English is not passed on.
        let rest = e.replace(&file, "");
        for english in ["expected", "invalid", "unclosed", "string", "unexpected"] {
            assert!(!rest.contains(english), "{text}: {e}");
        }
    }
    // In English, the hint names every setting too.
    settings_bytes(&c, b"user = x\n");
    let e = refused(c.bare().args(["--lang", "en", "status"]));
    assert!(e.contains("ambiguous_wide"), "{e}");
}

#[test]
fn where_names_every_place() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    let out = stdout(c.cmd("zh").arg("--data-dir").arg(&data).arg("where"));
    let journal = data.join("xjw-2023").join("alice.jsonl");
    for (label, value) in [
        ("计划", "内置计划（xjw-2023）".to_string()),
        ("用户", "alice".to_string()),
        ("数据文件夹", data.display().to_string()),
        ("我的记录文件", journal.display().to_string()),
        ("设置文件", format!("{} （还没有", c.settings().display())),
        ("本机副本", "（已关闭）".to_string()),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(label) && l.contains(&value))
            .unwrap_or_else(|| panic!("{label} {value}: {out}"));
        assert!(!line.is_empty());
    }

    // A missing folder is named as missing, and where shows it rather than refusing.
    let missing = c.path("工作台帐");
    let out = stdout(c.cmd("en").arg("--data-dir").arg(&missing).arg("where"));
    assert!(
        out.contains(&format!("{} (missing or not connected)", missing.display())),
        "{out}"
    );

    let cache = c.path("cache");
    let out = stdout(
        c.cmd("en")
            .env("WORKPLAN_CACHE_DIR", &cache)
            .arg("--data-dir")
            .arg(&data)
            .args(["where", "--format", "json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["data_dir"], data.to_str().unwrap());
    assert_eq!(v["journal_file"], journal.to_str().unwrap());
    assert_eq!(v["user"], "alice");
    assert_eq!(v["plan"], serde_json::Value::Null);
    assert_eq!(v["plan_id"], "xjw-2023");
    assert!(
        v["local_copy"]
            .as_str()
            .unwrap()
            .starts_with(cache.to_str().unwrap()),
        "{v}"
    );
}

#[test]
fn without_a_name_the_os_account_writes() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    let mut cmd = c.bare();
    for var in ["USER", "USERNAME", "LOGNAME"] {
        cmd.env_remove(var);
    }
    cmd.arg("--data-dir")
        .arg(&data)
        .args(["--today", "2023-09-01", "set", "1.1.1", "--percent", "5"])
        .assert()
        .success();
    let account = whoami::username().unwrap();
    let journal = data.join("xjw-2023");
    assert!(journal.join(format!("{account}.jsonl")).is_file());
    assert!(!journal.join("officer.jsonl").exists());
}

#[cfg(unix)]
/// The binary run as a user id that has no account, if this test may switch to one (as root,
/// with `setpriv`).
fn as_nobody(c: &Computer) -> Option<Command> {
    let setpriv = Path::new("/usr/bin/setpriv");
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !root || !setpriv.exists() {
        eprintln!("skipped: switching to a user without an account needs root and setpriv");
        return None;
    }
    let mut cmd = Command::new(setpriv);
    cmd.envs(common::ISOLATED);
    for var in [
        "WORKPLAN_DATA_DIR",
        "WORKPLAN_USER",
        "USER",
        "USERNAME",
        "LOGNAME",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("WORKPLAN_CONFIG_DIR", c.config_dir())
        .args([
            "--reuid=54321",
            "--regid=54321",
            "--clear-groups",
            env!("CARGO_BIN_EXE_workplan"),
            "--today",
            "2023-09-01",
        ])
        .timeout(Duration::from_secs(20));
    Some(cmd)
}

#[cfg(unix)]
#[test]
fn without_any_name_changes_are_refused_and_reading_works() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    // The account without a name must be able to read the folder.
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(c.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o777)).unwrap();
    let Some(_) = as_nobody(&c) else { return };
    let run = |args: &[&str]| {
        let mut cmd = as_nobody(&c).unwrap();
        cmd.arg("--data-dir").arg(&data).args(args);
        cmd
    };
    for args in [
        &["--lang", "zh", "set", "1.1.1", "--percent", "5"][..],
        &["--lang", "zh", "meeting"],
        &["--lang", "zh", "undo"],
    ] {
        let e = refused(&mut run(args));
        assert!(e.contains("workplan init"), "{args:?}: {e}");
        assert!(e.contains("--user"), "{args:?}: {e}");
    }
    assert!(!data.join("xjw-2023").exists());
    let out = stdout(&mut run(&["--lang", "zh", "status"]));
    assert!(out.contains("新江湾城街道"), "{out}");
    let out = stdout(&mut run(&["--lang", "zh", "where"]));
    assert!(out.contains("未设置用户"), "{out}");
    // Without an account, the environment's name is taken, and checked as any other.
    let mut cmd = run(&["--lang", "zh", "status"]);
    let e = refused(cmd.env("USER", "."));
    assert!(e.contains("系统用户名") && e.contains("\".\""), "{e}");
    let mut cmd = run(&["--lang", "zh", "set", "1.1.1", "--percent", "5"]);
    cmd.env("USER", "李强").assert().success();
    assert!(data.join("xjw-2023").join("李强.jsonl").is_file());
    // A name given still writes.
    run(&["--user", "张华", "set", "1.1.1", "--percent", "10"])
        .assert()
        .success();
    assert!(data.join("xjw-2023").join("张华.jsonl").is_file());
}

#[test]
fn no_dashboard_without_a_terminal() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    // Standard input and output not a terminal (a pipe, a file, /dev/null).
    for (lang, words) in [
        ("zh", "错误: 工作台需要在终端窗口中打开"),
        ("en", "error: the dashboard needs a terminal window"),
    ] {
        let e = refused(
            c.cmd(lang)
                .arg("--data-dir")
                .arg(&data)
                .write_stdin("")
                .timeout(Duration::from_secs(10)),
        );
        assert!(e.starts_with(words), "{e}");
    }
}

#[cfg(unix)]
#[test]
fn no_dashboard_into_a_file() {
    let c = Computer::new();
    let data = c.path("data");
    fs::create_dir(&data).unwrap();
    let file = c.path("screen.txt");
    // The keyboard is a terminal, standard output a file: `workplan > screen.txt`.
    let mut cmd = portable_pty::CommandBuilder::new("/bin/sh");
    for (k, v) in common::ISOLATED {
        cmd.env(k, v);
    }
    cmd.args([
        "-c",
        "exec \"$0\" --lang zh --user 张华 --data-dir \"$1\" > \"$2\"",
    ]);
    cmd.arg(env!("CARGO_BIN_EXE_workplan"));
    cmd.arg(&data);
    cmd.arg(&file);
    let mut s = Session::spawn(cmd, 80, 24);
    assert_eq!(s.wait_code(), 1);
    s.wait_for("工作台需要在终端窗口中打开");
    assert_eq!(fs::read(&file).unwrap(), b"");
}

#[test]
fn a_first_start_offers_to_set_up_then_opens_the_dashboard() {
    let c = Computer::new();
    let shared = c.path("工作台账");
    fs::create_dir(&shared).unwrap();
    let mut s = c.dashboard(&["--today", "2023-09-01", "--lang", "zh"]);
    s.wait_for("还没有设置");
    s.send("\r");
    s.wait_for("您的姓名");
    s.send("张华\r");
    s.wait_for("共享文件夹");
    s.send(&format!("{}\r", shared.display()));
    s.wait_for("界面语言");
    s.send("zh\r");
    // The dashboard, with who writes and where.
    s.wait_for("用户 张华");
    s.wait_for("工作台账");
    s.go_to_task_1_1_1();
    s.send("s");
    s.wait_for("设置状态");
    s.send("3"); // 已完成
    s.wait_for("已保存");
    s.send("q");
    assert!(s.wait_exit());
    assert!(shared.join("xjw-2023").join("张华.jsonl").is_file());
    assert!(c.settings().is_file());
}

#[test]
fn a_first_start_taking_every_offered_answer_opens_the_dashboard() {
    let c = Computer::new();
    let own = c.path("home/data/workplan");
    let mut s = c.dashboard(&["--today", "2023-09-01", "--lang", "zh"]);
    // Enter at every question: set up now, the name offered, this computer's own folder
    // (not there yet), Chinese.
    s.wait_for("还没有设置");
    s.send("\r");
    s.wait_for("您的姓名");
    s.send("\r");
    s.wait_for(&format!("[{}]: ", own.display()));
    s.send("\r");
    s.wait_for("界面语言");
    s.send("\r");
    s.wait_for("用户 ");
    s.send("q");
    assert!(s.wait_exit());
    let said = s.output();
    assert!(!said.contains("新建吗"), "{said}");
    assert_eq!(said.matches("共享文件夹（").count(), 1, "{said}");
    // What Enter takes there was said: this computer only.
    assert!(said.contains("直接回车则只存在本机，同事看不到"), "{said}");
    assert!(own.is_dir());
    let settings: toml::Table = toml::from_str(&fs::read_to_string(c.settings()).unwrap()).unwrap();
    assert_eq!(settings["data_dir"].as_str(), own.to_str());
}

#[test]
fn a_typed_folder_that_is_not_there_is_made_on_enter() {
    let c = Computer::new();
    let typed = c.path("工作台账");
    let answers = format!("张华\n{}\n\nzh\n", typed.display());
    let out = stdout(c.bare().args(["--lang", "zh", "init"]).write_stdin(answers));
    assert!(out.contains("不存在，新建吗？[Y/n]"), "{out}");
    assert!(out.contains("已新建文件夹"), "{out}");
    assert!(typed.is_dir());
}

#[test]
fn a_shared_folder_gone_while_the_dashboard_is_open_is_not_made_again() {
    let c = Computer::new();
    let shared = c.path("工作台账");
    fs::create_dir(&shared).unwrap();
    let mut s = Session::start(&shared, 160, 40);
    s.wait_for("汇集民智");
    fs::remove_dir(&shared).unwrap();
    s.go_to_task_1_1_1();
    s.send("s");
    s.wait_for("设置状态");
    s.send("3"); // 已完成
    s.wait_for("共享文件夹不存在或未连接");
    assert!(!shared.exists());
    // Back again, the change is written on the next try.
    fs::create_dir(&shared).unwrap();
    let journal = shared.join("xjw-2023").join("测试员.jsonl");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !journal.is_file() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(journal.is_file(), "{}", s.contents());
}
