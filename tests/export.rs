//! `workplan export`: every format read back by a real parser and compared, task by task, with
//! `status --format json` of the same data; hostile notes stay inert; files are written whole.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use tempfile::TempDir;

const HYPERLINK: &str = r#"=HYPERLINK("http://x","y")"#;
const SCRIPT: &str = "<script>alert(1)</script>";
const MULTILINE: &str = "第一行\n第二|行";
const DEFAULT_NAME: &str = "新江湾城街道2023年主要工作安排-督办通报-2023-09-01";

/// A temporary folder with a data folder of several changes around a meeting checkpoint.
struct Setup {
    dir: TempDir,
}

impl Setup {
    fn new() -> Self {
        let s = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        let owner_dash = "--owner=-管理办";
        for args in [
            &["set", "1.1.1", "--status", "done", "--note", "完成"][..],
            &["--user", "bob", "set", "1.2.2", "--percent", "40"],
            &["set", "1.2.2", "--owner", "自治办", "--note", SCRIPT],
            &["set", "2.1.1", "--status", "blocked", owner_dash],
            &["set", "2.1.1", "--note", HYPERLINK],
            &["set", "3.1.1", "--percent", "10", "--due", "2023-08-15"],
            &["meeting", "--title", "九月例会"],
            &["set", "4.1.1", "--percent", "60", "--note", MULTILINE],
            &["set", "5.1.1", "--status", "推进中", "--owner", "+平安办"],
            &["--user", "bob", "set", "6.1.1", "--note", "@SUM(1)"],
        ] {
            s.cmd("zh").args(args).assert().success();
        }
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary on the data folder, run in the temporary folder, as of 2023-09-01.
    fn cmd(&self, lang: &str) -> Command {
        common::workplan_in(self.dir.path(), lang)
    }

    fn stdout(&self, lang: &str, args: &[&str]) -> Vec<u8> {
        let out = self.cmd(lang).args(args).assert().success();
        out.get_output().stdout.clone()
    }

    /// Exports to a file and returns its bytes.
    fn export(&self, lang: &str, format: &str) -> Vec<u8> {
        let file = self.path(&format!("out-{lang}.{format}"));
        let path = file.to_str().unwrap();
        self.cmd(lang)
            .args(["export", "--format", format, "-o", path])
            .assert()
            .success();
        fs::read(&file).unwrap()
    }

    fn status(&self, lang: &str) -> Value {
        serde_json::from_slice(&self.stdout(lang, &["status", "--format", "json"])).unwrap()
    }
}

/// Every task of `status --format json`, in plan order.
fn tasks(status: &Value) -> Vec<Value> {
    let out: Vec<Value> = common::tasks(status).cloned().collect();
    assert_eq!(out.len(), 62);
    out
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// The 台账 cells a task should have in Chinese, without the area and item titles:
/// 序号, 任务, 状态, 完成率, 灯, 责任部门, 完成时限, 最新进展, 更新时间, 更新人.
fn expected(task: &Value) -> Vec<String> {
    let status = match task["status"].as_str().unwrap() {
        "not_started" => "未启动",
        "in_progress" => "推进中",
        "done" => "已完成",
        "blocked" => "受阻",
        s => panic!("status {s}"),
    };
    let light = light_word(&task["light"]);
    vec![
        text(&task["id"]),
        text(&task["text"]),
        status.to_string(),
        format!("{}%", task["percent"].as_f64().unwrap()),
        light.to_string(),
        text(&task["owner"]),
        text(&task["due"]),
        text(&task["note"]),
        local(&task["updated_at"]),
        text(&task["updated_by"]),
    ]
}

/// A time of the JSON (RFC 3339 with offset) as documents show it: local `YYYY-MM-DD HH:MM`.
fn local(at: &Value) -> String {
    at.as_str().map_or_else(String::new, |at| {
        assert!(common::is_rfc3339_with_offset(at), "{at}");
        let at: jiff::Timestamp = at.parse().unwrap();
        at.to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    })
}

/// A light in Chinese.
fn light_word(light: &Value) -> &'static str {
    match light.as_str().unwrap() {
        "green" => "绿",
        "yellow" => "黄",
        "red" => "红",
        l => panic!("light {l}"),
    }
}

/// A 台账 row (12 columns) without the area and item columns.
fn without_titles(row: &[String]) -> Vec<String> {
    let mut r = row.to_vec();
    r.drain(1..3);
    r
}

#[test]
fn csv_has_a_bom_and_one_row_per_task_matching_status() {
    let s = Setup::new();
    let bytes = s.export("zh", "csv");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark first");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "序号",
            "领域",
            "事项",
            "任务",
            "状态",
            "完成率",
            "灯",
            "责任部门",
            "完成时限",
            "最新进展",
            "更新时间",
            "更新人"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let status = s.status("zh");
    let tasks = tasks(&status);
    assert_eq!(rows.len(), tasks.len());
    for (row, task) in rows.iter().zip(&tasks) {
        // Cells neutralised with an apostrophe read back as their text without it.
        let shown: Vec<String> = without_titles(row)
            .into_iter()
            .map(|c| match c.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
                _ => c,
            })
            .collect();
        assert_eq!(shown, expected(task));
    }
    assert_eq!(rows[0][1], "汇集民智,打造人民城市新范例");
    assert_eq!(rows[0][2], "践行全过程人民民主");
    let task_122 = &rows[4];
    assert_eq!(task_122[3], "制定《新江湾城街道<居民公约>指导大纲》。");
}

#[test]
fn csv_headers_in_english() {
    let s = Setup::new();
    let bytes = s.export("en", "csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "No.",
            "Area",
            "Item",
            "Task",
            "Status",
            "Percent",
            "Light",
            "Owner",
            "Due",
            "Latest note",
            "Updated at",
            "Updated by"
        ]
    );
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[4], "done");
    assert_eq!(&first[6], "green");
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

/// Days from Excel's epoch (1899-12-30) to a `YYYY-MM-DD` date.
fn excel_serial(date: &str) -> f64 {
    let d: jiff::civil::Date = date.parse().unwrap();
    let days = d.since(jiff::civil::date(1899, 12, 30)).unwrap().get_days();
    f64::from(days)
}

#[test]
fn xlsx_has_the_summary_and_the_ledger_matching_status() {
    let s = Setup::new();
    s.export("zh", "xlsx");
    let mut book: Xlsx<_> = open_workbook(s.path("out-zh.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "台账"]);

    let ledger = book.worksheet_range("台账").unwrap();
    let rows: Vec<&[Data]> = ledger.rows().collect();
    let headers: Vec<String> = rows[0].iter().map(cell_text).collect();
    assert_eq!(headers[0], "序号");
    assert_eq!(headers[11], "更新人");
    let status = s.status("zh");
    let tasks = tasks(&status);
    assert_eq!(rows.len(), 1 + tasks.len());
    for (row, task) in rows[1..].iter().zip(&tasks) {
        let percent = task["percent"].as_f64().unwrap();
        assert_eq!(row[5], Data::Float(percent / 100.0), "percent as a number");
        match &row[8] {
            Data::DateTime(d) => assert_eq!(d.as_f64(), excel_serial(&text(&task["due"]))),
            other => panic!("due should be a date, found {other:?}"),
        }
        let mut cells: Vec<String> = row
            .iter()
            .map(|d| match d {
                Data::Float(_) | Data::DateTime(_) => String::new(),
                d => cell_text(d),
            })
            .collect();
        cells[5] = format!("{percent}%");
        cells[8] = text(&task["due"]);
        assert_eq!(without_titles(&cells), expected(task));
    }

    let summary = book.worksheet_range("汇总").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    assert_eq!(cell_text(&rows[2][0]), text(&status["summary"]));
    assert_eq!(cell_text(&rows[4][0]), "分领域进展");
    // The id apart from the name, as in the other tables.
    assert_eq!(cell_text(&rows[5][0]), "编号");
    assert_eq!(cell_text(&rows[5][1]), "领域");
    for (i, area) in status["areas"].as_array().unwrap().iter().enumerate() {
        let row = rows[6 + i];
        assert_eq!(cell_text(&row[0]), text(&area["id"]));
        assert_eq!(cell_text(&row[1]), text(&area["title"]));
        let Data::Float(p) = row[2] else {
            panic!("area percent should be a number")
        };
        assert!((p * 100.0 - area["percent"].as_f64().unwrap()).abs() < 0.06);
        assert_eq!(cell_text(&row[7]), light_word(&area["light"]));
    }
    assert_eq!(cell_text(&rows[12][1]), "合计");
    assert_eq!(rows[12][3], Data::Float(1.0), "one task done");
    assert_eq!(rows[12][5], Data::Float(1.0), "one task blocked");
}

#[test]
fn xlsx_sheet_names_in_english() {
    let s = Setup::new();
    s.export("en", "xlsx");
    let book: Xlsx<_> = open_workbook(s.path("out-en.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "Tracking"]);
}

/// The rows of the HTML task tables, each cell with tags stripped and entities decoded.
fn html_task_rows(html: &str) -> Vec<Vec<String>> {
    html.split(r#"<tr class="task""#)
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap()];
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let inner = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    let mut plain = String::new();
                    let mut in_tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => plain.push(c),
                            _ => {}
                        }
                    }
                    plain
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&")
                })
                .collect()
        })
        .collect()
}

#[test]
fn html_is_one_escaped_printable_page_matching_status() {
    let s = Setup::new();
    let html = String::from_utf8(s.export("zh", "html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("制定《新江湾城街道&lt;居民公约&gt;指导大纲》。"));
    assert!(!html.contains("<居民公约>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"));
    // Self-contained and inert: no script, nothing fetched, no links.
    for banned in ["<script", "<link", "src=", "href=", "url(", "@import"] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("break-inside: avoid"));
    assert!(html.contains("class=\"bar\""));
    assert!(html.contains("class=\"light red\""));

    let status = s.status("zh");
    assert!(html.contains(&text(&status["summary"])));
    let rows = html_task_rows(&html);
    let tasks = tasks(&status);
    assert_eq!(rows.len(), tasks.len());
    for (row, task) in rows.iter().zip(&tasks) {
        // The page's task tables have 序号, 事项, 任务, …: drop 事项.
        let mut row = row.clone();
        row.remove(1);
        assert_eq!(row, expected(task));
    }
}

/// Splits a Markdown table row on pipes that are not escaped, then unescapes each cell.
fn md_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.trim().chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    let n = cells.len();
    cells[1..n - 1]
        .iter()
        .map(|c| c.trim().replace("<br>", "\n"))
        .collect()
}

#[test]
fn md_tables_hold_every_task_and_escape_pipes() {
    let s = Setup::new();
    let md = String::from_utf8(s.export("zh", "md")).unwrap();
    let status = s.status("zh");
    assert!(md.starts_with("# 新江湾城街道2023年主要工作安排 · 督办通报\n"));
    assert!(md.contains(&text(&status["summary"])));
    assert!(
        md.contains("第一行<br>第二\\|行"),
        "pipe escaped, newline kept"
    );
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(md.contains(HYPERLINK), "Markdown keeps the text");
    // The only raw HTML is the line break the export itself writes.
    let bare = md.replace("<br>", "");
    for (i, _) in bare.match_indices('<') {
        assert_eq!(&bare[i - 1..i], "\\", "unescaped < at {}", &bare[i - 1..]);
    }

    let section = |title: &str| -> Vec<Vec<String>> {
        let start = md.find(&format!("\n## {title}")).unwrap();
        let rest = &md[start + 4..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        rest[..end]
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
            .skip(1)
            .filter(|l| !l.starts_with("| 序号"))
            .map(md_cells)
            .collect()
    };
    let areas = section("分领域进展");
    assert_eq!(areas.len(), 7, "six areas and the total");
    let red: Vec<String> = section("红灯").into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(red, ["2.1.1", "3.1.1"]);
    let changes = section("上次例会以来的变化");
    assert!(md.contains("## 上次例会以来的变化（九月例会，"));
    let changed: Vec<&str> = changes.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        changed,
        ["4.1.1", "5.1.1", "6.1.1"],
        "only after the checkpoint"
    );

    let ledger = section("工作台账");
    let tasks = tasks(&status);
    assert_eq!(ledger.len(), tasks.len());
    for (row, task) in ledger.iter().zip(&tasks) {
        assert_eq!(row.len(), 11, "{row:?}");
        let mut row = row.clone();
        row.remove(1);
        assert_eq!(row, expected(task));
    }
}

#[test]
fn json_export_is_the_status_object() {
    let s = Setup::new();
    let status = s.stdout("zh", &["status", "--format", "json"]);
    assert_eq!(s.stdout("zh", &["export", "--format", "json"]), status);
    assert_eq!(s.export("zh", "json"), status);
    let en = s.stdout("en", &["status", "--format", "json"]);
    assert_eq!(s.stdout("en", &["export", "--format", "json"]), en);
}

#[test]
fn hostile_notes_are_inert_and_readable_in_every_format() {
    let s = Setup::new();
    // CSV: a leading apostrophe, so Excel and LibreOffice show the text and run nothing.
    let bytes = s.export("zh", "csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    assert_eq!(&row("2.1.1")[9], format!("'{HYPERLINK}"));
    assert_eq!(&row("2.1.1")[7], "'-管理办");
    assert_eq!(&row("5.1.1")[7], "'+平安办");
    assert_eq!(&row("6.1.1")[9], "'@SUM(1)");
    assert_eq!(&row("1.2.2")[9], SCRIPT, "not a formula: left as is");
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }

    // XLSX: a string cell, no formula anywhere.
    s.export("zh", "xlsx");
    let mut book: Xlsx<_> = open_workbook(s.path("out-zh.xlsx")).unwrap();
    let formulas = book.worksheet_formula("台账").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let range = book.worksheet_range("台账").unwrap();
    let find = |id: &str| {
        range
            .rows()
            .find(|r| r[0] == Data::String(id.into()))
            .unwrap()
            .to_vec()
    };
    assert_eq!(find("2.1.1")[9], Data::String(HYPERLINK.into()));
    assert_eq!(find("2.1.1")[7], Data::String("-管理办".into()));
    assert_eq!(find("6.1.1")[9], Data::String("@SUM(1)".into()));
    assert_eq!(find("1.2.2")[9], Data::String(SCRIPT.into()));

    // HTML: escaped text.
    let html = String::from_utf8(s.export("zh", "html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"));

    // Markdown: the text, with the markup characters escaped.
    let md = String::from_utf8(s.export("zh", "md")).unwrap();
    assert!(md.contains(HYPERLINK));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn export_replaces_an_existing_file_whole() {
    let s = Setup::new();
    let out = s.path("out");
    fs::create_dir(&out).unwrap();
    let file = out.join("minutes.md");
    fs::write(&file, "old minutes\n".repeat(100_000)).unwrap();
    let stdout = s.stdout(
        "zh",
        &["export", "--format", "md", "-o", file.to_str().unwrap()],
    );
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        format!("已导出：{}\n", file.display())
    );
    let expected = s.stdout("zh", &["export", "--format", "md"]);
    assert_eq!(fs::read(&file).unwrap(), expected);
    assert_eq!(names(&out), ["minutes.md"], "no temporary file left");
}

#[test]
fn default_names_and_formats_from_extensions() {
    let s = Setup::new();
    // xlsx without -o: named from the plan's title, in the default folder (Documents; here
    // the one WORKPLAN_EXPORT_DIR names), not the current one, and stdout says where.
    let documents = s.path("文档");
    fs::create_dir(&documents).unwrap();
    let out = s
        .cmd("zh")
        .env("WORKPLAN_EXPORT_DIR", &documents)
        .args(["export", "--format", "xlsx"])
        .assert()
        .success();
    let name = format!("{DEFAULT_NAME}.xlsx");
    let written = documents.join(&name);
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        format!("已导出：{}\n", written.display())
    );
    let book: Xlsx<_> = open_workbook(&written).unwrap();
    assert_eq!(book.sheet_names().len(), 2);
    assert!(!s.path(&name).exists(), "nothing in the current folder");
    // A bare `workplan export` the same, and `--format docx` too.
    s.cmd("zh")
        .env("WORKPLAN_EXPORT_DIR", &documents)
        .arg("export")
        .assert()
        .success();
    s.cmd("zh")
        .env("WORKPLAN_EXPORT_DIR", &documents)
        .args(["export", "--format", "docx"])
        .assert()
        .success();
    assert_eq!(
        names(&documents),
        [
            format!("{DEFAULT_NAME}.docx"),
            format!("{DEFAULT_NAME}.xlsx")
        ]
    );

    // -o a folder: the default name in it.
    let out = s.path("minutes");
    fs::create_dir(&out).unwrap();
    let dir = out.to_str().unwrap();
    s.stdout("zh", &["export", "--format", "html", "-o", dir]);
    assert_eq!(names(&out), [format!("{DEFAULT_NAME}.html")]);

    // No --format: taken from the file name.
    let file = s.path("ledger.CSV");
    s.stdout("zh", &["export", "-o", file.to_str().unwrap()]);
    assert!(fs::read(&file).unwrap().starts_with(b"\xEF\xBB\xBF"));

    // An extension that names no format: a clear error.
    let file = s.path("ledger.txt");
    let err = s
        .cmd("en")
        .args(["export", "-o"])
        .arg(&file)
        .assert()
        .code(1);
    let msg = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(msg.contains("--format"), "{msg}");
    assert!(!file.exists());
}

#[cfg(target_os = "linux")]
#[test]
fn unwritable_target_fails_with_the_path() {
    let s = Setup::new();
    let target = "/proc/workplan-export-test.md";
    let err = s
        .cmd("zh")
        .args(["export", "--format", "md", "-o", target])
        .assert()
        .failure()
        .code(1);
    let msg = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(
        msg.starts_with("错误: 无法写入 /proc/workplan-export-test.md："),
        "{msg}"
    );
    assert!(msg.contains("原有文件（如有）保持不变"), "{msg}");
    assert!(err.get_output().stdout.is_empty());
    assert!(!Path::new(target).exists());
}

/// Runs an export under a file-size limit of a few hundred bytes (RLIMIT_FSIZE binds root too),
/// over an existing file; `ignore_signal` turns the kill at the limit into a write error.
#[cfg(target_os = "linux")]
fn export_under_size_limit(s: &Setup, file: &Path, ignore_signal: bool) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{trap}ulimit -f 1; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_workplan"))
        .args(["--today", "2023-09-01", "--lang", "zh", "export"])
        .args(["--format", "html", "-o", file.to_str().unwrap()])
        .env("WORKPLAN_DATA_DIR", s.path("data"))
        .env("WORKPLAN_USER", "alice")
        .envs(common::ISOLATED)
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn failed_write_keeps_the_old_file_and_no_temporary_file() {
    let s = Setup::new();
    let out = s.path("out");
    fs::create_dir(&out).unwrap();
    let file = out.join("ledger.html");
    fs::write(&file, "old").unwrap();
    let run = export_under_size_limit(&s, &file, true);
    assert_eq!(run.status.code(), Some(1));
    let msg = String::from_utf8(run.stderr).unwrap();
    assert!(
        msg.contains(&format!("无法写入 {}", file.display())),
        "{msg}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");
    assert_eq!(names(&out), ["ledger.html"], "temporary file removed");
}

#[cfg(target_os = "linux")]
#[test]
fn crash_mid_write_keeps_the_old_file() {
    use std::os::unix::process::ExitStatusExt;
    let s = Setup::new();
    let file = s.path("ledger.html");
    fs::write(&file, "old").unwrap();
    let run = export_under_size_limit(&s, &file, false);
    assert_eq!(run.status.signal(), Some(25), "killed by SIGXFSZ mid-write");
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");
}

/// `e` in the dashboard offers the default folder (Documents; here the one
/// WORKPLAN_EXPORT_DIR names) and names the file from the plan's title.
#[test]
fn the_dashboard_exports_into_documents_under_the_plans_title() {
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("文档");
    let settings = dir.path().join("settings");
    fs::create_dir(&documents).unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    let env = [
        ("WORKPLAN_EXPORT_DIR", documents.to_str().unwrap()),
        ("WORKPLAN_CONFIG_DIR", settings.to_str().unwrap()),
    ];
    let mut s = common::pty::Session::start_with(&dir.path().join("data"), 100, 30, &env);
    s.wait_for("工作安排");
    s.send("e");
    s.wait_for("导出督办通报和工作台账");
    s.send("2");
    s.wait_for("导出 docx 到文件夹");
    s.wait_for(documents.to_str().unwrap());
    s.send("\r");
    s.wait_for("已导出");
    s.send("q");
    s.wait_exit();
    assert_eq!(names(&documents), [format!("{DEFAULT_NAME}.docx")]);
}
