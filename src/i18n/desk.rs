//! The words of the desk view: the header, the tree, the detail pane and the footer, and the
//! note when the window is too small for any view.

use super::Lang;
use crate::plan::Level;

/// "截至" / "as of", before the day shown: in the header and the meeting view's title.
pub fn as_of(lang: Lang) -> &'static str {
    lang.pick("截至", "as of")
}

/// The header's tag before the filter shown: "[筛选: 受阻]".
pub fn filter_tag(lang: Lang) -> &'static str {
    lang.pick("筛选", "filter")
}

/// The header's tag before the search shown: "[搜索: 养老 1/3]".
pub fn search_tag(lang: Lang) -> &'static str {
    lang.pick("搜索", "search")
}

/// The label of the header's overall gauge, with the space before the bar.
pub fn overall_gauge(lang: Lang) -> &'static str {
    lang.pick("总体进度 ", "Overall ")
}

/// The header's last count: how many tasks lag, before the number.
pub fn lagging_count(lang: Lang) -> &'static str {
    lang.pick("滞后", "lagging")
}

/// The header's label before the data folder.
pub fn folder_label(lang: Lang) -> &'static str {
    lang.pick("文件夹", "folder")
}

/// The tree pane's title.
pub fn tree_title(lang: Lang) -> &'static str {
    lang.pick(" 工作安排 ", " Work plan ")
}

/// The tree pane when the filter leaves no task.
pub fn nothing_matches_filter(lang: Lang) -> &'static str {
    lang.pick(
        "没有符合筛选条件的任务（Esc 清除筛选）",
        "No task matches the filter (Esc clears it)",
    )
}

/// The name of a level, before a node's id: the detail pane's title, a meeting view page.
pub fn level_name(lang: Lang, level: Level) -> &'static str {
    match level {
        Level::Area => lang.pick("领域", "Area"),
        Level::Item => lang.pick("事项", "Item"),
        Level::Task => lang.pick("任务", "Task"),
    }
}

/// A field the detail pane labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    Status,
    Percent,
    Light,
    Owner,
    Due,
}

/// The detail pane's label of a field, before its value.
pub fn detail_label(lang: Lang, field: DetailField) -> &'static str {
    match field {
        DetailField::Status => lang.pick("状态", "Status"),
        DetailField::Percent => lang.pick("完成率", "Percent"),
        DetailField::Light => lang.pick("灯", "Light"),
        DetailField::Owner => lang.pick("责任部门", "Owner"),
        DetailField::Due => lang.pick("完成时限", "Due"),
    }
}

/// The detail pane's heading over a node's notes and history.
pub fn history_heading(lang: Lang) -> &'static str {
    lang.pick("进展与记录（新→旧）", "Notes and history (newest first)")
}

/// Under the history heading while the journal is still being read.
pub fn reading_history(lang: Lang) -> &'static str {
    lang.pick("（正在读取记录…）", "(reading the history…)")
}

/// Under the history heading when a node has no history.
pub fn no_history(lang: Lang) -> &'static str {
    lang.pick("（暂无记录）", "(none yet)")
}

/// After a change in the detail pane's history that was undone.
pub fn undone_mark(lang: Lang) -> &'static str {
    lang.pick(" （已撤销）", " (undone)")
}

/// After a change in the detail pane's history that is not written yet.
pub fn unsaved_mark(lang: Lang) -> &'static str {
    lang.pick(" 未保存", " UNSAVED")
}

/// "责任部门" / "owner", before a department: in a filter's label and in a change's words.
pub fn owner_word(lang: Lang) -> &'static str {
    lang.pick("责任部门", "owner")
}

/// The footer's banner while `n` changes wait to be written.
pub fn unsaved_waiting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 项修改未保存，正在重试"),
        Lang::En => {
            let changes = super::counted(n, "unsaved change", "unsaved changes");
            format!("{changes}, retrying")
        }
    }
}

/// Before the first warning in the footer when there are `count` of them.
pub fn more_warnings(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("（共{count}条，按 w 查看）"),
        Lang::En => format!("(1 of {count}, w shows all) "),
    }
}

/// The footer's notice after a change is written to the journal file `file`.
pub fn saved_to(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存到 {file}"),
        Lang::En => format!("saved to {file}"),
    }
}

/// The footer's notice when w is pressed and there is no warning to show.
pub fn no_warnings(lang: Lang) -> &'static str {
    lang.pick("没有提示", "no warnings")
}

/// The footer's notice when a search finds nothing.
pub fn no_match(lang: Lang) -> &'static str {
    lang.pick("没有找到", "no match")
}

/// Why +/- on an item or area changes nothing, and the key that does.
pub fn steps_one_task_only(lang: Lang) -> &'static str {
    lang.pick(
        "+/- 只调整一项任务；给其下全部任务设完成率请按 %",
        "+/- steps one task; press % to set the percent of every task under it",
    )
}

/// Instead of any view when the window is smaller than `width`x`height`.
pub fn too_small(lang: Lang, width: u16, height: u16) -> String {
    match lang {
        Lang::Zh => format!("窗口太小，至少需要 {width}x{height}"),
        Lang::En => format!("Window too small: at least {width}x{height} needed"),
    }
}
