//! The words of the popups over the dashboard: help, warnings, the pickers, the questions and
//! the text fields, with what a field refuses.

use super::Lang;
use crate::progress::Light;

/// The help's rows after the key table's, as (key, what it does): the mouse, then the keys of
/// the note editor and Ctrl-C. Only the desk's help lists them.
pub fn help_extra_keys(lang: Lang) -> [(&'static str, &'static str); 5] {
    [
        (
            lang.pick("鼠标", "mouse"),
            lang.pick("点击选中，滚轮滚动", "click selects, wheel scrolls"),
        ),
        (
            "Ctrl-S",
            lang.pick("保存进展（编辑时）", "save a note (editor)"),
        ),
        (
            "Ctrl-U",
            lang.pick("清空光标前（编辑时）", "clear before cursor (editor)"),
        ),
        (
            "Ctrl-Z",
            lang.pick("撤销输入（编辑时）", "undo typing (editor)"),
        ),
        ("Ctrl-C", lang.pick("退出（同 q）", "quit (as q)")),
    ]
}

/// The help's title.
pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("帮助 · 按键", "Help · keys")
}

/// On the help's bottom border: how to close it.
pub fn help_closes(lang: Lang) -> &'static str {
    lang.pick("Esc 或 ? 关闭", "Esc or ? closes")
}

/// The help's legend: what a light means, after its name.
pub fn light_meaning(lang: Lang, light: Light) -> &'static str {
    match light {
        Light::Red => lang.pick("受阻或逾期", "blocked or overdue"),
        Light::Yellow => lang.pick("落后计划或14天内到期", "behind or due in 14 days"),
        Light::Green => lang.pick("正常", "on track"),
    }
}

/// The help's legend: what lagging means.
pub fn lagging_meaning(lang: Lang) -> &'static str {
    lang.pick(
        "滞后：已逾期，或完成率比从开始到完成时限的计划线低20个百分点以上",
        "lagging: overdue, or 20+ points below the plan's straight line",
    )
}

/// The warnings popup's title, with how many there are.
pub fn warnings_title(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("提示 · 共{count}条"),
        Lang::En => format!("Warnings · {count}"),
    }
}

/// At the foot of the warnings popup: how to close it.
pub fn warnings_close(lang: Lang) -> &'static str {
    lang.pick("Esc 或 w 关闭", "Esc or w closes")
}

/// The status picker's title.
pub fn status_picker_title(lang: Lang) -> &'static str {
    lang.pick("设置状态", "Set status")
}

/// The export picker's title.
pub fn export_picker_title(lang: Lang) -> &'static str {
    lang.pick(
        "导出督办通报和工作台账",
        "Export the progress notice and 台账",
    )
}

/// The filter picker's title.
pub fn filter_picker_title(lang: Lang) -> &'static str {
    lang.pick("筛选", "Filter")
}

/// The filter picker's name of a light filter, after the light's badge: "红灯", "red light".
pub fn light_filter(lang: Lang, light: Light) -> String {
    match lang {
        Lang::Zh => "灯".to_string(),
        Lang::En => format!("{} light", super::light(lang, light)),
    }
}

/// The filter picker's last choice, which opens a field for a department.
pub fn by_owner_choice(lang: Lang) -> &'static str {
    lang.pick("按责任部门…", "by owner…")
}

/// The title of every question popup.
pub fn confirm_title(lang: Lang) -> &'static str {
    lang.pick("确认", "Confirm")
}

/// Asked before one change goes to all `tasks` tasks under `id`; `what` is the change in words.
pub fn apply_to_all(lang: Lang, what: &str, id: &str, tasks: usize) -> String {
    match lang {
        Lang::Zh => format!("将“{what}”应用到 {id} 下全部 {tasks} 项任务？"),
        Lang::En => format!("Apply \"{what}\" to all {tasks} tasks under {id}?"),
    }
}

/// Asked before a field with `n` characters typed is closed.
pub fn discard_typed(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("放弃已输入的{n}个字？（n 返回继续编辑）"),
        Lang::En => format!("Throw away the {n} characters typed? (n goes back to editing)"),
    }
}

/// Asked before quitting while `n` changes still wait to be written.
pub fn quit_unsaved(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => {
            format!("还有{n}项修改未保存（正在重试写入）。现在退出，这些修改将丢失。仍然退出？")
        }
        Lang::En => format!(
            "{n} changes are not saved yet (still retrying). Quitting now loses them. Quit anyway?"
        ),
    }
}

/// The title of the field for a note on node `id`.
pub fn note_field_title(lang: Lang, id: &str) -> String {
    format!("{} {id}", lang.pick("写进展", "Add note to"))
}

/// The title of the field for the department of node `id`.
pub fn owner_field_title(lang: Lang, id: &str) -> String {
    format!("{} {id}", lang.pick("责任部门", "Owner of"))
}

/// The title of the field for the due date of node `id`, with examples of dates it takes.
pub fn due_field_title(lang: Lang, id: &str) -> String {
    format!(
        "{} {id} ({})",
        lang.pick("完成时限", "Due date of"),
        lang.pick("如 2023-09-30、9月30日", "e.g. 2023-09-30, 9月30日")
    )
}

/// The title of the field for the percent of node `id`.
pub fn percent_field_title(lang: Lang, id: &str) -> String {
    format!("{} {id} (0-100)", lang.pick("完成率", "Percent of"))
}

/// The title of the search field.
pub fn search_field_title(lang: Lang) -> &'static str {
    lang.pick("搜索", "Search")
}

/// The title of the field for the department to filter by.
pub fn owner_filter_field_title(lang: Lang) -> &'static str {
    lang.pick("按责任部门筛选", "Filter by owner")
}

/// The title of the field for the folder of an export with file extension `extension`.
pub fn export_folder_field_title(lang: Lang, extension: &str) -> String {
    match lang {
        Lang::Zh => format!("导出 {extension} 到文件夹"),
        Lang::En => format!("Export {extension} to folder"),
    }
}

/// The title of the field for a meeting checkpoint's name.
pub fn checkpoint_field_title(lang: Lang) -> &'static str {
    lang.pick("记录会议检查点 · 会议名称", "Meeting checkpoint · its name")
}

/// Under the note field: `typed` characters so far and about `left` more it can hold, or, when
/// `over`, about `left` too many: "已写 616 字 · 还可写约 34 万字".
pub fn note_room(lang: Lang, typed: usize, left: u64, over: bool) -> String {
    match (over, lang) {
        (false, Lang::Zh) if left >= 10_000 => {
            format!("已写 {typed} 字 · 还可写约 {} 万字", left / 10_000)
        }
        (false, Lang::Zh) => format!("已写 {typed} 字 · 还可写约 {left} 字"),
        (false, Lang::En) => format!("{typed} characters · room for about {left} more"),
        (true, Lang::Zh) => format!("已写 {typed} 字 · 超出上限约 {left} 字，请删减后保存"),
        (true, Lang::En) => {
            format!("{typed} characters · about {left} over the limit: shorten it to save")
        }
    }
}

/// Under a field's departments when there are more than it shows: which ones show (`from`–`to`)
/// of `total`.
pub fn departments_shown(lang: Lang, from: usize, to: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("  第 {from}–{to} 个，共 {total} 个部门（↑↓ 翻看）"),
        Lang::En => format!("  {from}–{to} of {total} departments (↑↓ for more)"),
    }
}

/// Why the percent field refuses what was typed.
pub fn percent_expected(lang: Lang) -> &'static str {
    lang.pick(
        "应为 0 到 100 的整数",
        "expected a whole number from 0 to 100",
    )
}

/// Why the due date field refuses what was typed.
pub fn due_expected(lang: Lang) -> &'static str {
    lang.pick(
        "应为有效日期，如 2023-09-30、2023/9/30、9月30日",
        "expected a valid date, e.g. 2023-09-30, 2023/9/30, 9月30日",
    )
}
