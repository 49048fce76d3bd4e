//! The language an officer keeps (settings file, `WORKPLAN_LANG`), Chinese in `--help`, clap's
//! errors, `check` and plan errors; and the conventions of the output: `"schema": 1` in every
//! JSON, RFC 3339 times with offset, and the export's format from `-o` or xlsx by default.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The binary in `dir` on `dir/data` as alice, as of 2023-09-01, isolated, with no language
/// asked for: no `--lang`, no `WORKPLAN_LANG`, no locale.
fn bare(dir: &Path) -> Command {
    let mut c = common::isolated();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    c.current_dir(dir)
        .env("WORKPLAN_DATA_DIR", dir.join("data"))
        .env("WORKPLAN_USER", "alice")
        .args(["--today", "2023-09-01"]);
    c
}

/// A folder whose settings file says `text`, for `WORKPLAN_CONFIG_DIR`.
fn settings(dir: &Path, text: &str) -> std::path::PathBuf {
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), text).unwrap();
    config
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn stderr_of_failure(c: &mut Command, code: i32) -> String {
    let out = c.assert().code(code);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// The first word of a refused `set`'s error: "错误" or "error".
fn refusal_language(mut c: Command) -> &'static str {
    let err = stderr_of_failure(c.args(["set", "1.1.1", "--percent", "140"]), 1);
    if err.starts_with("错误: ") {
        "zh"
    } else if err.starts_with("error: ") {
        "en"
    } else {
        panic!("{err}")
    }
}

#[test]
fn the_language_is_kept_in_the_settings_file() {
    let dir = TempDir::new().unwrap();
    let en = settings(dir.path(), "lang = \"en\"\n");
    let mut c = bare(dir.path());
    c.env("WORKPLAN_CONFIG_DIR", &en);
    assert_eq!(refusal_language(c), "en");
    // Even clap's help, read before the command line is parsed.
    let help = stdout(
        bare(dir.path())
            .env("WORKPLAN_CONFIG_DIR", &en)
            .arg("--help"),
    );
    assert!(help.contains("Usage: workplan"), "{help}");
    // The settings file wins over the locale.
    let mut c = bare(dir.path());
    c.env("WORKPLAN_CONFIG_DIR", &en).env("LANG", "zh_CN.UTF-8");
    assert_eq!(refusal_language(c), "en");
    // A language that is not zh or en is a mistake in the file, named with its place.
    let bad = settings(&dir.path().join("bad"), "lang = \"fr\"\n");
    let mut c = bare(dir.path());
    c.env("WORKPLAN_CONFIG_DIR", &bad);
    let err = stderr_of_failure(c.arg("status"), 1);
    assert!(
        err.contains("config.toml 第 1 行第 8 列有误：不认识的取值 \"fr\"；可用：zh、en"),
        "{err}"
    );
}

#[test]
fn the_language_is_kept_in_a_variable_and_the_option_wins() {
    let dir = TempDir::new().unwrap();
    let mut c = bare(dir.path());
    c.env("WORKPLAN_LANG", "en");
    assert_eq!(refusal_language(c), "en");
    let help = stdout(bare(dir.path()).env("WORKPLAN_LANG", "en").arg("--help"));
    assert!(help.contains("Usage: workplan"), "{help}");

    // --lang > WORKPLAN_LANG > settings > locale.
    let zh = settings(dir.path(), "lang = \"zh\"\n");
    let mut c = bare(dir.path());
    c.env("WORKPLAN_CONFIG_DIR", &zh)
        .env("LANG", "en_US.UTF-8")
        .env("WORKPLAN_LANG", "en");
    assert_eq!(refusal_language(c), "en");
    let mut c = bare(dir.path());
    c.env("WORKPLAN_LANG", "en").args(["--lang", "zh"]);
    assert_eq!(refusal_language(c), "zh");
    let help = stdout(
        bare(dir.path())
            .env("WORKPLAN_LANG", "en")
            .args(["--lang=zh", "--help"]),
    );
    assert!(help.contains("用法：workplan"), "{help}");
    let mut c = bare(dir.path());
    c.env("WORKPLAN_CONFIG_DIR", &zh).env("LANG", "en_US.UTF-8");
    assert_eq!(refusal_language(c), "zh");
}

#[test]
fn help_is_in_chinese_for_the_program_and_each_command() {
    let dir = TempDir::new().unwrap();
    let top = stdout(bare(dir.path()).arg("--help"));
    assert!(
        top.starts_with("跟踪工作计划：仪表盘、命令行和导出。"),
        "{top}"
    );
    assert!(top.contains("\n用法：workplan [选项] [命令]\n"), "{top}");
    assert!(top.contains("\n命令:\n"), "{top}");
    assert!(top.contains("\n选项:\n"), "{top}");
    assert!(
        top.lines()
            .any(|l| l.starts_with("  status ") && l.ends_with(" 显示每个领域、事项和任务的状态。")),
        "{top}"
    );
    assert!(top.contains("显示帮助"), "{top}");
    for english in [
        "Usage",
        "Options",
        "Commands",
        "Print help",
        "[env:",
        "possible values",
    ] {
        assert!(!top.contains(english), "{english}: {top}");
    }
    let set = stdout(bare(dir.path()).args(["set", "--help"]));
    assert!(set.contains("用法：workplan set [选项] <编号>"), "{set}");
    assert!(set.contains("--percent <完成率>"), "{set}");
    assert!(set.contains("完成率，0 到 100 的整数"), "{set}");
    let export = stdout(bare(dir.path()).args(["help", "export"]));
    assert!(export.contains("用法：workplan export [选项]"), "{export}");
    assert!(export.contains("否则为 xlsx"), "{export}");
    assert!(!export.contains("Usage"), "{export}");
    // --help is laid out as -h is: each option's help on its line.
    assert!(
        export.contains("      --by-owner            每个责任部门一页"),
        "{export}"
    );
    let short = stdout(bare(dir.path()).args(["export", "-h"]));
    assert_eq!(short, stdout(bare(dir.path()).args(["export", "--help"])));
}

#[test]
fn clap_s_mistakes_are_said_in_chinese() {
    let dir = TempDir::new().unwrap();
    let err = stderr_of_failure(bare(dir.path()).args(["status", "--fromat", "json"]), 2);
    assert!(
        err.starts_with("错误: 无法识别的选项或参数 '--fromat'"),
        "{err}"
    );
    assert!(err.contains("提示：是否想用 '--format'？"), "{err}");
    assert!(err.contains("用法：workplan status [选项]"), "{err}");
    assert!(err.contains("更多说明请加 --help 查看。"), "{err}");
    let err = stderr_of_failure(bare(dir.path()).args(["status", "--format", "xml"]), 2);
    assert!(
        err.starts_with("错误: 'xml' 不是 --format <格式> 可用的值；可用：table、json"),
        "{err}"
    );
    // A variable's value says where it came from.
    let err = stderr_of_failure(bare(dir.path()).env("WORKPLAN_LANG", "fr").arg("status"), 2);
    assert!(
        err.starts_with(
            "错误: 'fr'（来自环境变量 WORKPLAN_LANG） 不是 --lang <语言> 可用的值；可用：zh、en"
        ),
        "{err}"
    );
    // In English, clap's own words.
    let err = stderr_of_failure(
        bare(dir.path()).args(["--lang", "en", "status", "--fromat"]),
        2,
    );
    assert!(
        err.starts_with("error: unexpected argument '--fromat'"),
        "{err}"
    );
}

const SMALL: &str = r#"{
  "id": "t-2024", "title": "测试计划", "year": 2024, "start": "2024-01-01", "due": "2024-12-31",
  "areas": [
    { "id": "1", "title": "第一", "items": [
      { "id": "1.1", "title": "事项", "tasks": [
        { "id": "1.1.1", "text": "任务一" },
        { "id": "1.1.2", "txet": "任务二" }
      ] }
    ] }
  ]
}
"#;

#[test]
fn check_speaks_chinese_and_explains_plan_errors_in_place() {
    let dir = TempDir::new().unwrap();
    let ok = stdout(bare(dir.path()).arg("check"));
    assert_eq!(ok, "计划无误：6 个领域、19 个事项、62 项任务\n");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, SMALL).unwrap();
    let err = stderr_of_failure(bare(dir.path()).arg("check").arg(&bad), 1);
    assert_eq!(
        err,
        format!(
            "错误: {}:7:31: areas[0].items[0].tasks[1].txet: 不认识的字段 \"txet\"（可能拼错了）；可用字段：id、key、text、text_en、owner、due\n",
            bad.display()
        )
    );
    std::fs::write(&bad, SMALL.replace(r#", "txet": "任务二""#, "")).unwrap();
    let err = stderr_of_failure(bare(dir.path()).arg("check").arg(&bad), 1);
    assert!(
        err.ends_with(": areas[0].items[0].tasks[1]: 缺少必填字段 \"text\"\n"),
        "{err}"
    );
    assert!(err.contains("bad.json:7:"), "{err}");
    let gone = dir.path().join("没有.json");
    let err = stderr_of_failure(bare(dir.path()).arg("check").arg(&gone), 1);
    assert_eq!(
        err,
        format!("错误: {}: 文件不存在，请检查路径和文件名\n", gone.display())
    );
}

/// Alice sets 1.1.1 to half done.
fn with_one_change(dir: &Path) {
    stdout(bare(dir).args(["set", "1.1.1", "--percent", "50"]));
}

#[test]
fn every_json_output_says_its_schema() {
    let dir = TempDir::new().unwrap();
    with_one_change(dir.path());
    let json = |args: &[&str]| -> Value {
        serde_json::from_str(&stdout(bare(dir.path()).args(args))).unwrap()
    };
    for args in [
        &["status", "--format", "json"][..],
        &["log", "--format", "json"],
        &["export", "--format", "json"],
        &["export", "-o", "-", "--format", "json"],
    ] {
        let v = json(args);
        assert_eq!(v["schema"], 1, "{args:?}: {v}");
    }
    stdout(bare(dir.path()).args(["export", "-o", "out.json"]));
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(file["schema"], 1);
    let log = json(&["log", "--format", "json"]);
    assert_eq!(log["events"][0]["change"]["node"], "1.1.1");
}

#[test]
fn times_are_rfc_3339_with_offset_in_status_and_log() {
    let dir = TempDir::new().unwrap();
    with_one_change(dir.path());
    let status: Value = serde_json::from_str(&stdout(
        bare(dir.path()).args(["status", "--format", "json"]),
    ))
    .unwrap();
    let task = common::tasks(&status).next().unwrap();
    let at = task["updated_at"].as_str().unwrap();
    assert!(common::is_rfc3339_with_offset(at), "{at}");
    let log: Value =
        serde_json::from_str(&stdout(bare(dir.path()).args(["log", "--format", "json"]))).unwrap();
    assert_eq!(log["events"][0]["at"], at, "one format in both");
    let table = stdout(bare(dir.path()).arg("log"));
    let row = table.lines().nth(1).unwrap();
    assert!(row.starts_with(at), "{table}");
    // In the computer's own zone: Shanghai's offset there.
    let shanghai: Value = serde_json::from_str(&stdout(
        bare(dir.path())
            .env("TZ", "Asia/Shanghai")
            .args(["log", "--format", "json"]),
    ))
    .unwrap();
    let at = shanghai["events"][0]["at"].as_str().unwrap();
    assert!(at.ends_with("+08:00"), "{at}");
}

#[test]
fn export_takes_its_format_from_the_file_name_and_defaults_to_xlsx_in_documents() {
    let dir = TempDir::new().unwrap();
    with_one_change(dir.path());
    let documents = dir.path().join("Documents");
    std::fs::create_dir(&documents).unwrap();
    let said = stdout(
        bare(dir.path())
            .env("WORKPLAN_EXPORT_DIR", &documents)
            .arg("export"),
    );
    let path = documents.join("新江湾城街道2023年主要工作安排-督办通报-2023-09-01.xlsx");
    assert_eq!(said, format!("已导出：{}\n", path.display()));
    let xlsx = std::fs::read(&path).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");

    stdout(bare(dir.path()).args(["export", "-o", "通报.DOCX"]));
    let docx = std::fs::read(dir.path().join("通报.DOCX")).unwrap();
    assert!(docx.starts_with(b"PK"));
    stdout(bare(dir.path()).args(["export", "-o", "page.html"]));
    let html = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    stdout(bare(dir.path()).args(["export", "-o", "minutes.md"]));
    let md = std::fs::read_to_string(dir.path().join("minutes.md")).unwrap();
    assert!(md.starts_with("# "), "{md}");
}
