//! The meeting handout: what the meeting acts on leads (summary, per-area table, red list, net
//! changes), then the yellow list with the tasks that have no progress reported folded per item,
//! the 台账 last; the same in Markdown, HTML, the xlsx summary sheet and the Word 督办通报; and
//! `--by-owner` gives one page per department.
#![allow(clippy::unwrap_used)]

use crate::common;

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
    // The 台账 and the changes in Word show a note's first paragraph.
    assert!(text.contains("第一行[31m…"), "the rest of the note is kept");
    assert!(!text.contains("第二行"));
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
    let name = "新江湾城街道2023年主要工作安排-progress notice-2023-09-01.docx";
    assert!(said.contains(name), "{said}");
    let docx = fs::read(m.path(name)).unwrap();
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
    // 编号 and 任务 apart.
    assert_eq!(rows[red + 1][..4], ["编号", "任务", "原因", "责任部门"]);
    assert_eq!(rows[red + 2][0], "2.1.1");
    assert!(rows[red + 2][1].starts_with("促进湾谷二期"));
    assert_eq!(rows[red + 2][2], "受阻（自 2023-09-01 起）");
    assert_eq!(rows[red + 2][3], "自治办");
    assert_eq!(rows[red + 3][0], "3.1.1");
    assert!(rows[red + 3][2].starts_with("逾期"));
    let changes = at("上次例会以来的变化（九月例会");
    let yellow = at("黄灯（滞后或临期）");
    assert!(red < changes && changes < yellow);
    assert!(
        rows[changes..yellow]
            .iter()
            .any(|r| r[0] == "4.1.1" && r[1].starts_with("完成率 0%→30%"))
    );
    assert!(
        rows[yellow..]
            .iter()
            .any(|r| r[0] == "3.1" && r[1] == FOLDED_3_1)
    );
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
    // Printed, every department's page after the first starts with the title and the date.
    assert_eq!(
        html.matches(
            r#"<p class="page-title">新江湾城街道2023年主要工作安排 · 督办单<br>截至 2023-09-01"#
        )
        .count(),
        3
    );

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
    // Each department's page can be handed out alone: it starts with the title and the date.
    let text = xml_text(&xml);
    for department in ["自治办：", "社区办：", "平安办：", "（未指定）："] {
        let page = &text[..text.find(department).unwrap()];
        let title = page
            .rfind("新江湾城街道2023年主要工作安排 · 督办单")
            .unwrap();
        assert!(page[title..].contains("截至 2023-09-01"), "{department}");
        assert!(
            !page[title..].contains("红灯（"),
            "{department}: its own title"
        );
    }

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

/// A data folder where the changes since the checkpoint came in another order than the plan's
/// (3.1.2 in July, 4.1.1 in mid-August, 1.2.1 at the end of August, by three officers), 1.2.1
/// with a note of 616 characters in two paragraphs.
fn changes_out_of_plan_order() -> Meeting {
    let m = Meeting {
        dir: tempfile::tempdir().unwrap(),
    };
    let long = format!("{}\n第二段：下一步将召开听证会。", "居".repeat(600));
    for (at, user, args) in [
        (
            "2023-06-30T02:00:00Z",
            "王敏",
            &["meeting", "--title", "六月例会"][..],
        ),
        (
            "2023-07-10T02:00:00Z",
            "李强",
            &["set", "3.1.2", "--percent", "30"],
        ),
        (
            "2023-08-15T02:00:00Z",
            "赵磊",
            &["set", "4.1.1", "--percent", "40"],
        ),
        (
            "2023-08-31T02:00:00Z",
            "王敏",
            &["set", "1.2.1", "--percent", "60", "--note", &long],
        ),
    ] {
        m.cmd("zh")
            .env("WORKPLAN_NOW", at)
            .args(["--user", user])
            .args(args)
            .assert()
            .success();
    }
    m
}

/// The plan order of the changes, and the columns 编号 | 变更 | 用户 | 时间.
const CHANGED: [&str; 3] = ["1.2.1", "3.1.2", "4.1.1"];
const CHANGE_HEADERS: [&str; 4] = ["编号", "变更", "用户", "时间"];

#[test]
fn change_tables_put_the_task_first_in_plan_order_in_every_format() {
    let m = changes_out_of_plan_order();
    // Markdown: the table under the changes heading.
    let md = m.text("zh", "通报.md", &[]);
    let section = &md[md.find("\n## 上次例会以来的变化").unwrap()..];
    let section = &section[..section[1..].find("\n## ").unwrap()];
    let rows: Vec<Vec<&str>> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(rows[0], CHANGE_HEADERS);
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0]).collect();
    assert_eq!(ids, CHANGED, "{section}");
    // The time last, local (its hour depends on the computer's zone).
    assert_eq!(rows[1][2], "王敏");
    assert!(rows[1][3].starts_with("2023-08-31 "), "{:?}", rows[1]);
    assert_eq!(rows[2][2], "李强");
    assert!(rows[2][3].starts_with("2023-07-10 "), "{:?}", rows[2]);

    // HTML: the changes table's header and first cells.
    let html = m.text("zh", "通报.html", &[]);
    let table = &html[html.find(r#"<table class="changes">"#).unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let headers: Vec<&str> = table
        .split("<th>")
        .skip(1)
        .map(|h| &h[..h.find("</th>").unwrap()])
        .collect();
    assert_eq!(headers, CHANGE_HEADERS);
    let ids: Vec<&str> = table
        .split("<tr><td class=\"nowrap\">")
        .skip(1)
        .map(|r| &r[..r.find("</td>").unwrap()])
        .collect();
    assert_eq!(ids, CHANGED);

    // xlsx: the summary sheet's change table, 编号 and 变更 apart.
    m.export("zh", "通报.xlsx", &[]);
    let mut book: Xlsx<_> = open_workbook(m.path("通报.xlsx")).unwrap();
    let range = book.worksheet_range("汇总").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
    let at = rows
        .iter()
        .position(|r| r[0].starts_with("上次例会以来的变化"))
        .unwrap();
    assert_eq!(rows[at + 1][..4], CHANGE_HEADERS);
    let ids: Vec<&str> = rows[at + 2..at + 5].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, CHANGED);
    assert!(rows[at + 2][1].starts_with("完成率 0%→60%"));
    assert_eq!(rows[at + 2][2], "王敏");
    assert!(rows[at + 2][3].starts_with("2023-08-31 "));
    assert!(rows[at + 5][0].is_empty(), "three changes");

    // Word: the same order of headers and rows after the heading.
    let docx = m.export("zh", "通报.docx", &[]);
    let text = xml_text(&document_xml(&docx));
    let changes = &text[text.find("上次例会以来的变化").unwrap()..text.find("黄灯").unwrap()];
    in_order(changes, &CHANGE_HEADERS);
    in_order(changes, &["1.2.1", "王敏", "2023-08-31 ", "3.1.2", "4.1.1"]);
}

#[test]
fn docx_ledger_is_a_landscape_section_with_repeated_headers_and_short_notes() {
    let m = changes_out_of_plan_order();
    let docx = m.export("zh", "通报.docx", &[]);
    let xml = document_xml(&docx);
    // Two sections: the lists on portrait A4, the 台账 on landscape A4 (the document's last
    // section), starting at its heading.
    let portrait = r#"<w:pgSz w:w="11906" w:h="16838" />"#;
    let landscape = r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#;
    assert_eq!(xml.matches("<w:sectPr>").count(), 2);
    let first = xml.find("<w:sectPr>").unwrap();
    assert!(xml[first..].starts_with(&format!("<w:sectPr>{portrait}")));
    let ledger = xml.find("工作台账").unwrap();
    assert!(first < ledger, "the portrait section ends before the 台账");
    let last = xml.rfind("<w:sectPr>").unwrap();
    assert!(ledger < last && xml[last..].starts_with(&format!("<w:sectPr>{landscape}")));
    // Every table's header row repeats on the pages it runs onto: areas, changes, yellow
    // (no task is red), and the 台账's six areas.
    let tables = xml.matches("<w:tbl>").count();
    assert_eq!(tables, 9);
    assert_eq!(xml.matches("<w:tblHeader />").count(), tables);
    for table in xml.split("<w:tbl>").skip(1) {
        let first_row = &table[..table.find("</w:tr>").unwrap()];
        assert!(first_row.contains("<w:tblHeader />"), "{first_row}");
        let rest = &table[table.find("</w:tr>").unwrap()..];
        assert!(!rest.contains("<w:tblHeader />"), "only the header row");
    }
    // The columns keep their widths; status, percent, light and date get room for their
    // widest word: at least that word's 10.5 pt width.
    assert!(xml.contains(r#"<w:tblLayout w:type="fixed" />"#));
    let ledger_xml = &xml[ledger..];
    let grid = &ledger_xml[ledger_xml.find("<w:tblGrid>").unwrap()..];
    let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
    let widths: Vec<usize> = grid
        .split("w:w=\"")
        .skip(1)
        .map(|w| w[..w.find('"').unwrap()].parse().unwrap())
        .collect();
    // 序号 任务 状态 完成率 灯 责任部门 完成时限 最新进展, on 14,570 twips.
    assert_eq!(widths.len(), 8);
    assert!(widths.iter().sum::<usize>() <= 16_838 - 2 * 1_134);
    let em = 210;
    assert!(widths[2] >= 3 * em, "未启动 on one line: {widths:?}");
    assert!(widths[3] >= 3 * em, "完成率 on one line: {widths:?}");
    assert!(widths[6] >= 5 * em, "2023-12-31 on one line: {widths:?}");
    // The 台账's note: its first paragraph, cut to 200 characters with "…".
    let text = xml_text(&xml);
    let ledger_text = &text[text.find("工作台账").unwrap()..];
    assert!(ledger_text.contains(&format!("{}…", "居".repeat(200))));
    assert!(!ledger_text.contains(&"居".repeat(201)));
    assert!(!text.contains("第二段"), "{text}");
    // The whole note stays in Markdown.
    let md = m.text("zh", "通报.md", &[]);
    assert!(md.contains(&format!(
        "{}<br>第二段：下一步将召开听证会。",
        "居".repeat(600)
    )));
}

#[test]
fn docx_paragraphs_have_ids_of_their_own() {
    // Word keeps track of a paragraph by its id: two paragraphs with one id (the section break
    // and the title did) make an id that points at neither.
    let m = changes_out_of_plan_order();
    for extra in [&[][..], &["--by-owner"]] {
        let xml = document_xml(&m.export("zh", "通报.docx", extra));
        let ids: Vec<&str> = xml
            .split(r#"<w:p w14:paraId=""#)
            .skip(1)
            .map(|p| &p[..p.find('"').unwrap()])
            .collect();
        assert_eq!(ids.len(), xml.matches("<w:p ").count(), "every paragraph");
        let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{extra:?}");
        for id in ids {
            // Eight hex digits below 0x80000000, as Word requires.
            let n = u32::from_str_radix(id, 16).unwrap();
            assert!(id.len() == 8 && n > 0 && n < 0x8000_0000, "{id}");
        }
    }
}

#[test]
fn docx_properties_name_the_title_the_officer_and_the_time() {
    let m = Meeting::new();
    let docx = m.export("zh", "通报.docx", &[]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    for part in [
        "<dc:title>新江湾城街道2023年主要工作安排 · 督办通报</dc:title>",
        "<dc:creator>alice</dc:creator>",
        "<cp:lastModifiedBy>alice</cp:lastModifiedBy>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2023-09-01T02:00:00Z</dcterms:created>"#,
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2023-09-01T02:00:00Z</dcterms:modified>"#,
    ] {
        assert!(core.contains(part), "{part} not in {core}");
    }
    assert!(
        !core.contains("unknown") && !core.contains("1970"),
        "{core}"
    );
    // The xlsx says the same.
    m.export("zh", "通报.xlsx", &[]);
    let mut zip = zip::ZipArchive::new(fs::File::open(m.path("通报.xlsx")).unwrap()).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    assert!(core.contains("<dc:title>新江湾城街道2023年主要工作安排 · 督办通报</dc:title>"));
    assert!(core.contains("<dc:creator>alice</dc:creator>"));
    assert!(
        core.contains(">2023-09-01T02:00:00Z</dcterms:created>"),
        "{core}"
    );
}
