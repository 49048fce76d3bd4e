//! The import's words, in Chinese and English.

use super::outline::{LONG_TITLE, Note, Place};
use super::{ImportError, LedgerError, SectionError};
use crate::i18n::{self, Lang};

/// Where a note points, as the review shows it.
pub fn place(lang: Lang, p: &Place) -> String {
    match (p, lang) {
        (Place::Node(id), _) => id.clone(),
        (Place::Line(0), _) => String::new(),
        (Place::Line(n), Lang::Zh) => format!("第{n}行"),
        (Place::Line(n), Lang::En) => format!("line {n}"),
    }
}

/// What a note says.
pub fn note(lang: Lang, n: &Note) -> String {
    match (n, lang) {
        (Note::Preamble(k), Lang::Zh) => format!("标题下、第一个领域前的 {k} 段（引言）未计入"),
        (Note::Preamble(k), Lang::En) => {
            format!(
                "{k} paragraph(s) between the heading and the first area (introduction) left out"
            )
        }
        (Note::BeforeFirstItem(w), Lang::Zh) => {
            format!("领域标题后、第一个事项前的文字未计入：{w}")
        }
        (Note::BeforeFirstItem(w), Lang::En) => {
            format!("text after the area heading, before its first item, left out: {w}")
        }
        (Note::NoItemMarks, Lang::Zh) => "没有“一是”或“1、”编号的事项：每段作为一个事项".into(),
        (Note::NoItemMarks, Lang::En) => {
            "no items numbered 一是 or 1、: each paragraph taken as one item".into()
        }
        (Note::EmptyArea, Lang::Zh) => "领域标题下没有内容：标题本身作为唯一任务".into(),
        (Note::EmptyArea, Lang::En) => {
            "nothing under the area heading: the heading taken as its one task".into()
        }
        (Note::Numbering { expected, found }, Lang::Zh) => {
            format!("编号不连续：应为第 {expected} 个，写的是第 {found} 个")
        }
        (Note::Numbering { expected, found }, Lang::En) => {
            format!("numbering out of sequence: number {found} where {expected} was expected")
        }
        (Note::Unmatched(w), Lang::Zh) => format!("引号或括号没有配对（按原文保留）：{w}"),
        (Note::Unmatched(w), Lang::En) => {
            format!("a quote or bracket never closes (kept as written): {w}")
        }
        (Note::NoTitle, Lang::Zh) => "没有名称：用第一项任务的开头代替".into(),
        (Note::NoTitle, Lang::En) => "no title: the first words of its first task used".into(),
        (Note::LongTitle, Lang::Zh) => format!("事项名称超过 {LONG_TITLE} 字，请核对在哪里断开"),
        (Note::LongTitle, Lang::En) => {
            format!("item title longer than {LONG_TITLE} characters: check where it should end")
        }
        (Note::Deeper(w), Lang::Zh) => format!("更深一级编号的段落并入上一个事项：{w}"),
        (Note::Deeper(w), Lang::En) => {
            format!("paragraph numbered one level deeper, kept in the item above: {w}")
        }
        (Note::Closing, Lang::Zh) => "最后一个领域后的结束语未计入".into(),
        (Note::Closing, Lang::En) => "the closing address after the last area left out".into(),
        (Note::PageNumbers(k), Lang::Zh) => format!("去掉了 {k} 行页码"),
        (Note::PageNumbers(k), Lang::En) => format!("{k} page-number line(s) dropped"),
        (Note::Running(s), Lang::Zh) => format!("去掉了反复出现的页眉/页脚：{s}"),
        (Note::Running(s), Lang::En) => format!("repeated page header/footer dropped: {s}"),
        (Note::BadDate(s), Lang::Zh) => format!("完成时限“{s}”不是日期，留空"),
        (Note::BadDate(s), Lang::En) => format!("due date \"{s}\" is not a date; left empty"),
        (Note::Renumbered { rows, found, now }, Lang::Zh) => {
            format!("有 {rows} 行的编号与顺序不符，按顺序重新编号（如 {found} → {now}）")
        }
        (Note::Renumbered { rows, found, now }, Lang::En) => format!(
            "{rows} row(s) numbered out of order were renumbered by their order (e.g. {found} → {now})"
        ),
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// What was expected of a report, in one sentence.
fn expected_report(lang: Lang) -> &'static str {
    lang.pick(
        "应有“2023年主要工作安排”“二、2024年工作安排”或“工作打算”一类的标题，其下是（一）或一、编号的领域",
        "expected a heading such as 2023年主要工作安排, 二、2024年工作安排 or 工作打算, with areas numbered （一） or 一、 under it",
    )
}

/// The one line that says why `file` could not be imported.
pub fn error(lang: Lang, file: &str, e: &ImportError) -> String {
    let sep = lang.pick("；", "; ");
    let what = match (e, lang) {
        (ImportError::Encoding, _) => format!(
            "{}{sep}{}",
            lang.pick(
                "不是 UTF-8 或 GBK 文本（Word 文件请先另存为纯文本 .txt）",
                "not UTF-8 or GBK text (save a Word file as plain text .txt first)"
            ),
            expected_report(lang)
        ),
        (ImportError::Section(SectionError::NoPlan(found)), _) => {
            let seen = if found.is_empty() {
                lang.pick("没有找到工作安排部分", "no work-plan section found")
                    .to_string()
            } else {
                match lang {
                    Lang::Zh => format!("没有找到工作安排部分（只有 {}）", list(found)),
                    Lang::En => format!("no work-plan section found (only {})", list(found)),
                }
            };
            format!("{seen}{sep}{}", expected_report(lang))
        }
        (ImportError::Section(SectionError::Several(found)), Lang::Zh) => format!(
            "有几个可选的部分：{}；用 --section 文字 选一个",
            list(found)
        ),
        (ImportError::Section(SectionError::Several(found)), Lang::En) => format!(
            "several sections could be meant: {}; choose one with --section TEXT",
            list(found)
        ),
        (ImportError::Section(SectionError::NotFound(w, found)), Lang::Zh) => {
            format!("没有标题含有“{w}”的部分；找到的标题：{}", list(found))
        }
        (ImportError::Section(SectionError::NotFound(w, found)), Lang::En) => {
            format!(
                "no section heading contains \"{w}\"; headings found: {}",
                list(found)
            )
        }
        (ImportError::NoAreas(h), Lang::Zh) => {
            format!(
                "“{h}”下没有（一）或一、编号的领域；{}",
                expected_report(lang)
            )
        }
        (ImportError::NoAreas(h), Lang::En) => format!(
            "no areas numbered （一） or 一、 under \"{h}\"; {}",
            expected_report(lang)
        ),
        (ImportError::NoYear, _) => lang
            .pick(
                "看不出是哪一年的计划：请加 --year 年份",
                "cannot tell the plan's year: add --year YEAR",
            )
            .to_string(),
        (ImportError::Ledger(l), _) => ledger(lang, l),
        // Positions in the plan being made mean nothing to the reader: the problem and the
        // field say it.
        (ImportError::Invalid(errors), _) => errors
            .iter()
            .map(|e| {
                let e = crate::plan::PlanError {
                    file: lang.pick("生成的计划", "the plan made").to_string(),
                    line: 0,
                    column: 0,
                    ..e.clone()
                };
                i18n::plan_error(lang, &e)
            })
            .collect::<Vec<_>>()
            .join(sep),
    };
    format!("{file}: {what}")
}

fn ledger(lang: Lang, e: &LedgerError) -> String {
    let sep = lang.pick("；", "; ");
    let columns = lang.pick(
        "应有“领域”“事项”“任务”列（可加“编号”“责任部门”“完成时限”），如 workplan export 写出的台账",
        "expected columns 领域, 事项 and 任务 (Area, Item, Task; 编号, 责任部门 and 完成时限 optional), as in the 台账 workplan export writes",
    );
    match e {
        LedgerError::Workbook(w) => format!(
            "{}（{w}）",
            lang.pick("读不了这个工作簿", "cannot read the workbook")
        ),
        LedgerError::Csv(w) => format!(
            "{}（{w}）",
            lang.pick("读不了这个 CSV", "cannot read the CSV")
        ),
        LedgerError::Encoding => format!(
            "{}{sep}{columns}",
            lang.pick("不是 UTF-8 或 GBK 文本", "not UTF-8 or GBK text")
        ),
        LedgerError::NoHeader => format!(
            "{}{sep}{columns}",
            lang.pick("没有找到表头", "no header row found")
        ),
        LedgerError::NoRows => format!(
            "{}{sep}{columns}",
            lang.pick("表头下没有任务", "no task under the header")
        ),
    }
}

/// The line after a plan is written.
pub fn written(lang: Lang, path: &str, counts: (usize, usize, usize)) -> String {
    let (a, i, t) = counts;
    match lang {
        Lang::Zh => format!(
            "已写入 {path}：{a} 个领域、{i} 个事项、{t} 项任务。下一步：workplan check {path}，再把设置文件的 plan 指向它。"
        ),
        Lang::En => format!(
            "written {path}: {a} areas, {i} items, {t} tasks. Next: workplan check {path}, then point the settings' plan at it."
        ),
    }
}

/// Refusing to replace a file.
pub fn exists(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("{path} 已存在；要覆盖请加 --force"),
        Lang::En => format!("{path} already exists; add --force to replace it"),
    }
}

/// A file that could not be read or written.
pub fn io(lang: Lang, path: &str, e: &std::io::Error) -> String {
    if let Some(kind) = crate::storage::open::NotRegular::from_error(e) {
        let what = crate::i18n::not_regular(lang, kind);
        return match lang {
            Lang::Zh => format!("{path}: 这是{what}，不是可读的文件"),
            Lang::En => format!("{path}: this is {what}, not a file to read"),
        };
    }
    match lang {
        Lang::Zh => format!("{path}: 读写失败（{e}）"),
        Lang::En => format!("{path}: {e}"),
    }
}
