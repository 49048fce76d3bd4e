//! The words of the exports: column headers, section titles and their messages.

use super::Lang;
use crate::export::ExportError;

/// The columns of the 台账 (tracking sheet), in order.
pub fn ledger_headers(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => [
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
            "更新人",
        ],
        Lang::En => [
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
            "Updated by",
        ],
    }
}

/// The columns of the per-area table: area, percent, tasks by status, then the light.
pub fn area_headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => ["领域", "完成率", "已完成", "推进中", "受阻", "未启动", "灯"],
        Lang::En => [
            "Area",
            "Percent",
            "Done",
            "In progress",
            "Blocked",
            "Not started",
            "Light",
        ],
    }
}

/// The columns of the red and yellow lists.
pub fn flagged_headers(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["编号", "任务", "原因", "责任部门"],
        Lang::En => ["No.", "Task", "Reason", "Owner"],
    }
}

/// The columns of the list of changes, in every format: the task first, as the list is in
/// plan order, then what changed, who changed it and when.
pub fn change_headers(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["编号", "变更", "用户", "时间"],
        Lang::En => ["No.", "Change", "User", "Time"],
    }
}

/// Words of the exported documents that are not column headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    AsOf,
    Overall,
    Areas,
    Red,
    Yellow,
    /// Heading of the changes since the last checkpoint.
    Changes,
    /// Heading of the changes when no checkpoint exists.
    AllChanges,
    /// Heading of the full task table, the handout's last part.
    LedgerTable,
    /// The total row of the per-area table.
    Total,
    /// An empty list.
    None,
    /// The name of the spreadsheet's summary sheet.
    SummarySheet,
    /// The name of the spreadsheet's task sheet.
    LedgerSheet,
    /// Title suffix of the handout, in every format that prints one.
    Notice,
    /// Title suffix of the handout grouped by department.
    OwnerNotice,
    /// The department of tasks that have no owner.
    Unassigned,
    /// What the JSON export is, in its default file name.
    StatusData,
}

/// A word of the exported documents.
pub fn term(lang: Lang, t: Term) -> &'static str {
    let (zh, en) = match t {
        Term::AsOf => ("截至", "As of"),
        Term::Overall => ("总体完成率", "overall"),
        Term::Areas => ("分领域进展", "Progress by area"),
        Term::Red => ("红灯（受阻或逾期）", "Red (blocked or overdue)"),
        Term::Yellow => ("黄灯（滞后或临期）", "Yellow (behind schedule or due soon)"),
        Term::Changes => ("上次例会以来的变化", "Changes since the last meeting"),
        Term::AllChanges => (
            "全部变更（尚无例会检查点）",
            "All changes (no meeting checkpoint yet)",
        ),
        Term::LedgerTable => ("工作台账", "Tracking sheet"),
        Term::Total => ("合计", "Total"),
        Term::None => ("（无）", "(none)"),
        Term::SummarySheet => ("汇总", "Summary"),
        Term::LedgerSheet => ("台账", "Tracking"),
        Term::Notice => ("督办通报", "progress notice"),
        Term::OwnerNotice => ("督办单", "follow-up by department"),
        Term::Unassigned => ("（未指定）", "(unassigned)"),
        Term::StatusData => ("状态数据", "status"),
    };
    lang.pick(zh, en)
}

/// How many tasks changed and how many did not, after a heading of changes.
pub fn changed_count(lang: Lang, changed: usize, restored: usize, untouched: usize) -> String {
    match (lang, restored) {
        (Lang::Zh, 0) => format!("：{changed}项有变化，{untouched}项未动"),
        (Lang::Zh, r) => format!("：{changed}项有变化，{r}项改后复原，{untouched}项未动"),
        (Lang::En, r) => {
            let tasks = if changed == 1 { "task" } else { "tasks" };
            let back = match r {
                0 => String::new(),
                r => format!(", {r} changed and set back"),
            };
            format!(": {changed} {tasks} changed{back}, {untouched} untouched")
        }
    }
}

/// The checkpoint that changes are counted from, e.g. "（九月例会，2023-09-01 10:00）".
pub fn since_checkpoint(lang: Lang, title: Option<&str>, at: &str) -> String {
    match (lang, title) {
        (Lang::Zh, Some(t)) => format!("（{t}，{at}）"),
        (Lang::Zh, None) => format!("（{at}）"),
        (Lang::En, Some(t)) => format!(" ({t}, {at})"),
        (Lang::En, None) => format!(" ({at})"),
    }
}

/// A failed export in words, naming the file.
pub fn export_error(lang: Lang, e: &ExportError) -> String {
    match (e, lang) {
        (ExportError::Write { path, source }, Lang::Zh) => format!(
            "无法写入 {}：{source}；原有文件（如有）保持不变",
            path.display()
        ),
        (ExportError::Write { path, source }, Lang::En) => format!(
            "cannot write {}: {source}; any file already there is left unchanged",
            path.display()
        ),
        (ExportError::NotAFile(path), Lang::Zh) => format!(
            "{} 不是普通文件（是文件夹、管道、设备、套接字或失效的链接），不会覆盖它；请另选文件名",
            path.display()
        ),
        (ExportError::NotAFile(path), Lang::En) => format!(
            "{} is not a regular file (a folder, FIFO, device, socket or broken link); it is left alone: choose another file name",
            path.display()
        ),
        (ExportError::NotGrouped(f), Lang::Zh) => format!(
            "--by-owner 只用于 md、html、docx 和 xlsx，{} 不按责任部门分组；未写入任何文件",
            f.extension()
        ),
        (ExportError::NotGrouped(f), Lang::En) => format!(
            "--by-owner works with md, html, docx and xlsx, not {}; no file was written",
            f.extension()
        ),
        (ExportError::Stdout(source), Lang::Zh) => format!("无法写到标准输出：{source}"),
        (ExportError::Stdout(source), Lang::En) => {
            format!("cannot write to standard output: {source}")
        }
        (
            ExportError::Xlsx(_)
            | ExportError::Docx(_)
            | ExportError::Csv(_)
            | ExportError::Json(_),
            Lang::Zh,
        ) => {
            format!("无法生成导出内容（{e}）；未写入任何文件")
        }
        (
            ExportError::Xlsx(_)
            | ExportError::Docx(_)
            | ExportError::Csv(_)
            | ExportError::Json(_),
            Lang::En,
        ) => {
            format!("cannot build the export ({e}); no file was written")
        }
    }
}

/// Where an export was written.
pub fn exported(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!("已导出：{}", path.display()),
        Lang::En => format!("exported: {}", path.display()),
    }
}

/// Why an export went to the home (or current) folder: there is no Documents folder.
pub fn no_documents_folder(lang: Lang) -> String {
    lang.pick(
        "（本机没有“文档”文件夹，已存到主文件夹）",
        " (this computer has no Documents folder, so it went to the home folder)",
    )
    .to_string()
}

/// The format could not be told from the output file's name.
pub fn export_format_needed(lang: Lang) -> String {
    lang.pick(
        "无法从输出文件的扩展名判断格式；请用 --format 指定：md、csv、xlsx、html、docx 或 json",
        "the output file's extension names no format; give it with --format: md, csv, xlsx, html, docx or json",
    )
    .to_string()
}

/// Between the items of a list written in a line: "、" or ", ".
pub fn list_separator(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// One line for the tasks of an item that have no progress reported, in the meeting view's
/// words and with the tasks' ids, e.g. "民生保障提质：5项未填报进展（3.1.1、…）".
pub fn unreported_line(lang: Lang, item: &str, count: usize, ids: &str) -> String {
    let words = super::unreported(lang, count);
    match lang {
        Lang::Zh => format!("{item}：{words}（{ids}）"),
        Lang::En => format!("{item}: {words} ({ids})"),
    }
}

/// The heading of one department's page of the 督办单, with its counts of red and yellow tasks.
pub fn department_heading(lang: Lang, owner: &str, red: usize, yellow: usize) -> String {
    match lang {
        Lang::Zh => format!("{owner}：红灯{red}项，黄灯{yellow}项"),
        Lang::En => format!("{owner}: {red} red, {yellow} yellow"),
    }
}
