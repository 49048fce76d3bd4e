//! The meeting handout: what the meeting acts on leads (summary, per-area table, red list, net
//! changes), then the yellow list with the tasks that have no progress reported folded per item,
//! the 台账 last; the same in Markdown, HTML, the xlsx summary sheet and the Word 督办通报; and
//! `--by-owner` gives one page per department.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::io::Read;
use std::path::PathBuf;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use tempfile::TempDir;

/// A note with control characters that XML cannot hold, and two lines.
const HOSTILE: &str = "第一行\u{1}\u{1b}[31m\n第二行\u{7}";
/// The folded line of item 3.1, whose six tasks have no progress reported except 3.1.1.
const FOLDED_3_1: &str = "民生保障提质：5项未填报进展（3.1.2、3.1.3、3.1.4、3.1.5、3.1.6）";

/// A data folder with a blocked and an overdue task, owners, a checkpoint and changes after it.
struct Meeting {
    dir: TempDir,
}

impl Meeting {
    fn new() -> Self {
        let m = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        for args in [
            &["set", "1.1.1", "--status", "done"][..],
            &["set", "2.1.1", "--status", "blocked", "--owner", "自治办"],
            &["set", "3.1.1", "--percent", "10", "--due", "2023-08-15"],
            &["set", "3.1.1", "--owner", "自治办"],
            &["set", "1.2.2", "--owner", "社区办"],
            &["meeting", "--title", "九月例会"],
            &["set", "4.1.1", "--percent", "30", "--note", HOSTILE],
            &["set", "5.1.1", "--percent", "20", "--owner", "平安办"],
        ] {
            m.cmd("zh").args(args).assert().success();
        }
        m
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary on the data folder, run in the temporary folder, as of 2023-09-01.
    fn cmd(&self, lang: &str) -> Command {
        common::workplan_in(self.dir.path(), lang)
    }

    /// Exports to `name` (format from its extension) and returns the bytes.
    fn export(&self, lang: &str, name: &str, extra: &[&str]) -> Vec<u8> {
        self.cmd(lang)
            .args(["export", "-o", name])
            .args(extra)
            .assert()
            .success();
        fs::read(self.path(name)).unwrap()
    }

    fn text(&self, lang: &str, name: &str, extra: &[&str]) -> String {
        String::from_utf8(self.export(lang, name, extra)).unwrap()
    }

    fn summary(&self, lang: &str) -> String {
        let out = self
            .cmd(lang)
            .args(["status", "--format", "json"])
            .assert()
            .success();
        let status: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        status["summary"].as_str().unwrap().to_string()
    }
}

/// Where each needle first occurs in `hay` after the previous one; fails if one is missing or
/// out of order.
fn in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        let at = hay[from..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing after byte {from}"));
        from += at + n.len();
    }
}

/// `word/document.xml` of a .docx file, which is deflated, not stored.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut part = zip.by_name("word/document.xml").unwrap();
    assert_eq!(part.compression(), zip::CompressionMethod::Deflated);
    let mut xml = String::new();
    part.read_to_string(&mut xml).unwrap();
    xml
}

/// The text of an XML document: tags left out, the five entities decoded.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn docx_leads_with_the_summary_the_red_list_and_the_changes() {
    let m = Meeting::new();
    let docx = m.export("zh", "通报.docx", &[]);
    assert!(docx.starts_with(b"PK"), "a zip file");
    let xml = document_xml(&docx);
    let text = xml_text(&xml);
    in_order(
        &text,
        &[
            "新江湾城街道2023年主要工作安排 · 督办通报",
            "截至 2023-09-01",
            &m.summary("zh"),
            "分领域进展",
            "红灯（受阻或逾期）",
            "2.1.1",
            "自治办",
            "3.1.1",
            "上次例会以来的变化（九月例会，",
            "4.1.1",
            "5.1.1",
            "黄灯（滞后或临期）",
            "5.1.1",
            FOLDED_3_1,
            "工作台账",
        ],
    );
    // A4, 宋体, lights as words in shaded cells, the 台账 on a page of its own.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    let styles = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
        let mut s = String::new();
        zip.by_name("word/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(styles.contains(r#"w:eastAsia="宋体""#));
    assert!(xml.contains(r#"w:fill="FFC7CE""#), "red cells are shaded");
    assert!(xml.contains("pageBreakBefore"));
}

#[test]
fn docx_keeps_notes_exact_but_leaves_out_what_xml_cannot_hold() {
    let m = Meeting::new();
    let docx = m.export("zh", "通报.docx", &[]);
    let xml = document_xml(&docx);
    let bad: Vec<char> = xml
        .chars()
        .filter(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    assert!(
        bad.is_empty(),
        "control characters in document.xml: {bad:?}"
    );
    docx_rs::read_docx(&docx).unwrap();
    let text = xml_text(&xml);
    assert!(text.contains("第一行[31m"), "the rest of the note is kept");
    assert!(text.contains("第二行"));
}

#[test]
fn docx_from_the_format_option_takes_the_default_name() {
    let m = Meeting::new();
    let out = m
        .cmd("en")
        .args(["export", "--format", "docx"])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(said.contains("xjw-2023-2023-09-01.docx"), "{said}");
    let docx = fs::read(m.path("xjw-2023-2023-09-01.docx")).unwrap();
    let text = xml_text(&document_xml(&docx));
    in_order(
        &text,
        &[
            "progress notice",
            &m.summary("en"),
            "Red (blocked or overdue)",
            "Changes since the last meeting",
            "Yellow (behind schedule or due soon)",
            ": 5 with no progress reported (3.1.2, ",
            "Tracking sheet",
        ],
    );
}

#[test]
fn html_and_markdown_put_the_changes_before_the_folded_yellow_list() {
    let m = Meeting::new();
    let summary = m.summary("zh");
    let html = m.text("zh", "handout.html", &[]);
    in_order(
        &html,
        &[
            &summary,
            "<h2>分领域进展</h2>",
            "<h2>红灯（受阻或逾期）</h2>",
            "<h2>上次例会以来的变化（九月例会，",
            "<h2>黄灯（滞后或临期）</h2>",
            FOLDED_3_1,
            "<section class=\"ledger\">",
        ],
    );
    let md = m.text("zh", "handout.md", &[]);
    in_order(
        &md,
        &[
            &summary,
            "\n## 分领域进展\n",
            "\n## 红灯（受阻或逾期）\n",
            "\n## 上次例会以来的变化（九月例会，",
            "\n## 黄灯（滞后或临期）\n",
            FOLDED_3_1,
            "\n## 工作台账\n",
        ],
    );
    // One row per task with progress, then one line per item for the tasks that never had
    // any recorded: far fewer rows than the 57 yellow tasks.
    let yellow = &md[md.find("## 黄灯").unwrap()..md.find("## 工作台账").unwrap()];
    let rows: Vec<&str> = yellow
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(2)
        .collect();
    assert!(rows.len() < 25, "{} yellow rows:\n{yellow}", rows.len());
    let first: Vec<&str> = rows[..3].iter().map(|r| &r[2..7]).collect();
    assert_eq!(
        first,
        ["1.2.2", "4.1.1", "5.1.1"],
        "tasks with a change first"
    );
    assert!(
        yellow.contains("| 1.2 | 提升居民自治能效：3项未填报进展（1.2.1、1.2.3、1.2.4） | 落后计划 56个百分点 |  |"),
        "as in the meeting view, a task with any change recorded keeps its row:\n{yellow}"
    );
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        d => d.to_string(),
    }
}

#[test]
fn xlsx_first_sheet_is_the_summary_and_holds_the_red_list() {
    let m = Meeting::new();
    m.export("zh", "台账.xlsx", &[]);
    let mut book: Xlsx<_> = open_workbook(m.path("台账.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "台账"]);
    let range = book.worksheet_range("汇总").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
    let first: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let at = |s: &str| first.iter().position(|c| c.starts_with(s)).unwrap();
    assert_eq!(rows[2][0], m.summary("zh"));
    assert!(at("分领域进展") < at("红灯"));
    let red = at("红灯（受阻或逾期）");
    assert!(rows[red + 2][0].starts_with("2.1.1 促进湾谷二期"));
    assert_eq!(rows[red + 2][1], "受阻（自 2023-09-01 起）");
    assert_eq!(rows[red + 2][2], "自治办");
    assert!(rows[red + 3][0].starts_with("3.1.1 "));
    assert!(rows[red + 3][1].starts_with("逾期"));
    let changes = at("上次例会以来的变化（九月例会");
    let yellow = at("黄灯（滞后或临期）");
    assert!(red < changes && changes < yellow);
    assert!(
        first[changes..yellow]
            .iter()
            .any(|c| c.starts_with("4.1.1 完成率 0%→30%"))
    );
    assert!(first[yellow..].contains(&format!("3.1 {FOLDED_3_1}").as_str()));
}

#[test]
fn by_owner_gives_each_department_its_page() {
    let m = Meeting::new();
    let md = m.text("zh", "督办单.md", &["--by-owner"]);
    assert!(md.starts_with("# 新江湾城街道2023年主要工作安排 · 督办单\n"));
    // As the meeting view groups them: most red first, then most yellow, the unassigned last.
    in_order(
        &md,
        &[
            "\n## 自治办：红灯2项，黄灯0项\n",
            "\n### 红灯（受阻或逾期）\n",
            "| 2.1.1 |",
            "| 3.1.1 |",
            "\n## 社区办：红灯0项，黄灯1项\n",
            "| 1.2.2 |",
            "\n## 平安办：红灯0项，黄灯1项\n",
            "| 5.1.1 |",
            "\n## （未指定）：红灯0项，黄灯",
            FOLDED_3_1,
        ],
    );
    assert!(!md.contains("工作台账"), "the 督办单 is the lists only");
    let page = |name: &str| {
        let start = md.find(&format!("\n## {name}")).unwrap() + 4;
        let end = md[start..].find("\n## ").map_or(md.len(), |e| start + e);
        md[start..end].to_string()
    };
    assert!(!page("自治办").contains("5.1.1"));
    assert!(!page("平安办").contains("2.1.1"));

    let html = m.text("zh", "督办单.html", &["--by-owner"]);
    assert_eq!(html.matches("<section class=\"department\">").count(), 4);
    assert!(html.contains("section.department ~ section.department { break-before: page;"));

    let docx = m.export("zh", "督办单.docx", &["--by-owner"]);
    let xml = document_xml(&docx);
    assert_eq!(
        xml.matches("<w:pageBreakBefore").count(),
        3,
        "a page per department"
    );
    in_order(
        &xml_text(&xml),
        &["督办单", "自治办", "社区办", "平安办", "（未指定）"],
    );

    let en = m.text("en", "by-owner.md", &["--by-owner"]);
    assert!(en.contains("\n## (unassigned): 0 red, "));
}

#[test]
fn by_owner_is_refused_for_the_one_table_formats() {
    let m = Meeting::new();
    for format in ["csv", "json"] {
        let out = m
            .cmd("zh")
            .args(["export", "--by-owner", "--format", format])
            .assert()
            .failure();
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("--by-owner 只用于") && err.contains(format),
            "{err}"
        );
    }
}
