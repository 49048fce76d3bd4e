//! The words of the meeting view and of looking back: net changes, checkpoints, replays, the
//! export folder.

use super::{Lang, status};

/// A task's net change in words: its values `before` and `after`, the notes added (latest
/// last), marked when it is in conflict.
pub fn describe_net(
    lang: Lang,
    before: &crate::progress::TaskValues,
    after: &crate::progress::TaskValues,
    notes: &[&str],
    conflict: bool,
) -> String {
    use crate::status::Status;
    let mut parts = Vec::new();
    // A percent above 0 starts a task: its status need not be told again.
    let started = before.status == Status::NotStarted
        && after.status == Status::InProgress
        && after.percent > before.percent;
    if before.status != after.status && !started {
        let (a, b) = (status(lang, before.status), status(lang, after.status));
        parts.push(format!("{} {a}→{b}", lang.pick("状态", "status")));
    }
    if before.percent != after.percent {
        let (a, b) = (before.percent, after.percent);
        parts.push(format!("{} {a}%→{b}%", lang.pick("完成率", "percent")));
    }
    if before.owner != after.owner {
        let none = lang.pick("（无）", "(none)");
        let (a, b) = (
            before.owner.as_deref().unwrap_or(none),
            after.owner.as_deref().unwrap_or(none),
        );
        parts.push(format!("{} {a}→{b}", super::owner_word(lang)));
    }
    if before.due != after.due {
        let (a, b) = (before.due, after.due);
        parts.push(format!("{} {a}→{b}", lang.pick("完成时限", "due")));
    }
    if let Some(latest) = notes.last() {
        let more = match (notes.len(), lang) {
            (1, _) => String::new(),
            (n, Lang::Zh) => format!("（共{n}条）"),
            (n, Lang::En) => format!(" ({n} notes)"),
        };
        parts.push(format!("{}{latest}{more}", lang.pick("进展：", "note: ")));
    }
    if parts.is_empty() {
        parts.push(
            lang.pick("有改动，现已复原", "changed, and back as it was")
                .to_string(),
        );
    }
    let words = parts.join(lang.pick("，", ", "));
    if conflict {
        format!("{}{words}", lang.pick("【冲突】", "[conflict] "))
    } else {
        words
    }
}

/// After the as-of date, when looking back: how many later events are left out.
pub fn hidden_later(lang: Lang, hidden: usize) -> String {
    match (hidden, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("（回看：其后 {n} 条记录未计入）"),
        (n, Lang::En) => format!(" (looking back: {n} later events left out)"),
    }
}

/// Why nothing can be changed while looking back at a past day.
pub fn looking_back(lang: Lang) -> &'static str {
    lang.pick(
        "正在回看过去的日期（--today），不能修改；去掉 --today 后再改",
        "looking back at a past day (--today): nothing can be changed; start without --today to make changes",
    )
}

/// Why a key that needs the history waits: the events are still being read at the start.
pub fn still_reading(lang: Lang) -> &'static str {
    lang.pick(
        "正在读取记录，稍候再按（可先上下浏览）",
        "reading the history: press it again in a moment (moving works now)",
    )
}

/// After a change made with `--today` of a past day: the day only changed what is shown.
pub fn recorded_now(lang: Lang) -> &'static str {
    lang.pick(
        "注意：--today 只改变显示的日期；这条修改按现在的时间记录",
        "note: --today only changes the day shown; this change is recorded as made now",
    )
}

/// Why nothing can be recorded while an earlier meeting is replayed.
pub fn replaying_refuses(lang: Lang) -> &'static str {
    lang.pick(
        "正在回看以前的会议，不能记录；按 ] 回到今天后再记",
        "replaying an earlier meeting: nothing can be recorded; press ] to come back to today first",
    )
}

/// How many tasks of an item have no progress reported, after the item's name.
pub fn unreported(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n}项未填报进展"),
        Lang::En => format!("{n} with no progress reported"),
    }
}

/// Which rows of a meeting list show, of how many, and the key that scrolls it: PgUp/PgDn
/// when it has the focus, else Tab to give it the focus.
pub fn list_position(lang: Lang, from: usize, to: usize, total: usize, focused: bool) -> String {
    let keys = if focused { "PgUp/PgDn" } else { "Tab" };
    match (lang, to < from) {
        (Lang::Zh, true) => format!(" 共{total}条 {keys} "),
        (Lang::Zh, false) => format!(" 第{from}-{to}条，共{total}条 {keys} "),
        (Lang::En, true) => format!(" {total} rows {keys} "),
        (Lang::En, false) => format!(" rows {from}-{to} of {total} {keys} "),
    }
}

/// The title offered for a checkpoint: this month's regular meeting.
pub fn monthly_meeting(lang: Lang, month: i8) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Zh => format!("{month}月例会"),
        Lang::En => {
            let name = usize::try_from(month - 1).ok().and_then(|m| MONTHS.get(m));
            format!("{} meeting", name.unwrap_or(&""))
        }
    }
}

/// What recording a checkpoint does to the list of changes, said before it is recorded.
pub fn checkpoint_resets(lang: Lang, changed: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "记录后，“自上次会议以来”从此刻重新计起：现列出的 {changed} 项变化不再列出（会议视图中按 [ 可回看）"
        ),
        Lang::En => format!(
            "Once recorded, \"since the last meeting\" counts from now: the {changed} changes listed now leave the list ([ in the meeting view replays them)"
        ),
    }
}

/// A folder typed for an export that is not there.
pub fn no_such_folder(lang: Lang, folder: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!("没有这个文件夹：{}", folder.display()),
        Lang::En => format!("no such folder: {}", folder.display()),
    }
}

/// After an export, when its folder could not be kept in the settings file.
pub fn folder_not_remembered(lang: Lang, e: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("（未能记住此文件夹：{e}）"),
        Lang::En => format!(" (could not remember this folder: {e})"),
    }
}

/// The meeting view's note while replaying a meeting: which one, and how much came after.
pub fn replaying(lang: Lang, title: Option<&str>, at: &str, later: usize) -> String {
    let title = title.unwrap_or_default();
    match (lang, later) {
        (Lang::Zh, 0) => format!("回看 {title}（{at}）召开时的情况；按 ] 回到现在"),
        (Lang::Zh, _) => {
            format!("回看 {title}（{at}）召开时的情况，其后 {later} 条记录未计入；按 ] 回到现在")
        }
        (Lang::En, 0) => format!("replaying {title} ({at}) as it was held; ] for now"),
        (Lang::En, _) => format!(
            "replaying {title} ({at}) as it was held; {later} later events left out; ] for now"
        ),
    }
}

/// Space on an item or area, which changes nothing.
pub fn space_on_tasks_only(lang: Lang, tasks: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "空格只切换单项任务的状态；要一次修改这{tasks}项任务，请按 s 选择状态（会先询问）"
        ),
        Lang::En => format!(
            "Space changes one task's status; to change all {tasks} tasks here, press s (it asks first)"
        ),
    }
}

/// "已撤销" / "undone".
pub fn undone_words(lang: Lang) -> &'static str {
    lang.pick("已撤销", "undone")
}

/// "已重做" / "redone".
pub fn redone_words(lang: Lang) -> &'static str {
    lang.pick("已重做", "redone")
}

/// What an undo or redo did: "已撤销：5.1.1 完成率 40%→30%（共3项任务）".
pub fn told(lang: Lang, done: &str, id: &str, what: &str, tasks: usize) -> String {
    match (lang, tasks) {
        (Lang::Zh, 1) => format!("{done}：{id} {what}"),
        (Lang::Zh, n) => format!("{done}：{id} {what}（共{n}项任务）"),
        (Lang::En, 1) => format!("{done}: {id} {what}"),
        (Lang::En, n) => format!("{done}: {id} {what} ({n} tasks)"),
    }
}

/// What a change to many tasks overwrites: "其中1项已完成、3项推进中将改为受阻" and how many
/// percents are rewritten; empty when nothing is.
pub fn overwrites(
    lang: Lang,
    from: &[(crate::status::Status, usize)],
    to: Option<crate::status::Status>,
    percents: usize,
) -> String {
    let sep = lang.pick("、", ", ");
    let mut parts = Vec::new();
    if let (Some(to), false) = (to, from.is_empty()) {
        let was: Vec<String> = from
            .iter()
            .map(|(s, n)| match lang {
                Lang::Zh => format!("{n}项{}", status(lang, *s)),
                Lang::En => format!("{n} {}", status(lang, *s)),
            })
            .collect();
        parts.push(match lang {
            Lang::Zh => format!("{}将改为{}", was.join(sep), status(lang, to)),
            Lang::En => format!("{} become {}", was.join(sep), status(lang, to)),
        });
    }
    if percents > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{percents}项的完成率将被改写"),
            Lang::En => format!("{percents} percents are rewritten"),
        });
    }
    match (parts.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("其中{}。", parts.join("；")),
        (false, Lang::En) => format!(" Of them: {}.", parts.join("; ")),
    }
}

/// A due date far from the plan's year: asked about in the dashboard (`ask`), warned about by
/// the command line.
pub fn far_due(lang: Lang, due: jiff::civil::Date, year: i32, ask: bool) -> String {
    match (lang, ask) {
        (Lang::Zh, true) => format!("{due} 不在计划年度 {year} 前后一年内；确实如此请再按 Enter"),
        (Lang::Zh, false) => format!("注意：完成时限 {due} 不在计划年度 {year} 前后一年内"),
        (Lang::En, true) => {
            format!("{due} is more than a year from the plan's year {year}; Enter again keeps it")
        }
        (Lang::En, false) => {
            format!("note: due date {due} is more than a year from the plan's year {year}")
        }
    }
}

/// The footer's notice once a meeting checkpoint is written.
pub fn checkpoint_recorded(lang: Lang) -> &'static str {
    lang.pick("已记录会议检查点", "meeting checkpoint recorded")
}

/// The meeting view's first page, in its title: "[总览 1/6]".
pub fn overview_page(lang: Lang) -> &'static str {
    lang.pick("总览", "Overview")
}

/// The meeting view's title starts with this.
pub fn meeting_view_tag(lang: Lang) -> &'static str {
    lang.pick("会议视图 · ", "Meeting · ")
}

/// The name of the meeting view's first gauge, the whole plan's.
pub fn overall_row(lang: Lang) -> &'static str {
    lang.pick("总体", "Overall")
}

/// The counts of a meeting view gauge row, each number right-aligned in `d` digits so rows
/// line up.
pub fn gauge_counts(lang: Lang, c: &crate::progress::Counts, d: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "完成{:>d$}/{:<d$} 推进{:>d$} 受阻{:>d$}",
            c.done, c.total, c.in_progress, c.blocked
        ),
        Lang::En => format!(
            "done {:>d$}/{:<d$} started {:>d$} blocked {:>d$}",
            c.done, c.total, c.in_progress, c.blocked
        ),
    }
}

/// The title of the meeting view's list of red and yellow tasks, grouped by department or not.
pub fn flags_title(lang: Lang, by_owner: bool) -> &'static str {
    match by_owner {
        false => lang.pick(" 红灯与黄灯 ", " Red and yellow "),
        true => lang.pick(" 红灯与黄灯 · 按责任部门 ", " Red and yellow by owner "),
    }
}

/// The meeting view's list of changes when there is none.
pub fn no_changes(lang: Lang) -> &'static str {
    lang.pick("（没有变化）", "(no changes)")
}

/// The title of the meeting view's list of changes: since the last checkpoint, with its `title`
/// and its time or day (`at`) where given.
pub fn changes_since_title(lang: Lang, title: Option<&str>, at: Option<&str>) -> String {
    match (lang, title, at) {
        (Lang::Zh, Some(t), Some(at)) => format!(" 自上次会议（{t}，{at}）以来 "),
        (Lang::En, Some(t), Some(at)) => format!(" Since {t} ({at}) "),
        (Lang::Zh, Some(t), None) => format!(" 自上次会议（{t}）以来 "),
        (Lang::En, Some(t), None) => format!(" Since {t} "),
        (Lang::Zh, None, Some(at)) => format!(" 自上次会议（{at}）以来 "),
        (Lang::En, None, Some(at)) => format!(" Since the meeting of {at} "),
        (Lang::Zh, None, None) => " 自上次会议以来 ".to_string(),
        (Lang::En, None, None) => " Since the last meeting ".to_string(),
    }
}

/// The title of the meeting view's list of changes before any checkpoint: in full, then short.
pub fn all_changes(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick(
            " 全部变化（尚无会议检查点） ",
            " All changes (no checkpoint yet) ",
        ),
        lang.pick(" 全部变化 ", " All changes "),
    ]
}

/// The title of the meeting view's weekly trend.
pub fn trend_title(lang: Lang) -> &'static str {
    lang.pick(" 每周进度 ", " Weekly progress ")
}

/// The trend legend's names of the plan's straight line and of the whole plan's progress.
pub fn trend_lines(lang: Lang) -> [&'static str; 2] {
    [lang.pick("计划", "plan"), lang.pick("总体", "overall")]
}

/// The trend legend's name of area `id`'s progress.
pub fn trend_area(lang: Lang, id: &str) -> String {
    format!("{} {id}", lang.pick("领域", "area"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Reason;

    #[test]
    fn an_item_says_why_it_is_red_or_yellow() {
        let reasons = [
            Reason::Overdue { days: 3 },
            Reason::Behind { points: 20 },
            Reason::Overdue { days: 9 },
            Reason::Blocked,
        ];
        assert_eq!(
            crate::i18n::reasons_of(Lang::Zh, reasons),
            "1项受阻、2项逾期、1项落后计划"
        );
        assert_eq!(
            crate::i18n::reasons_of(Lang::En, reasons),
            "1 blocked, 2 overdue, 1 behind schedule"
        );
        assert_eq!(crate::i18n::reasons_of(Lang::Zh, []), "");
        assert_eq!(monthly_meeting(Lang::Zh, 9), "9月例会");
        assert_eq!(monthly_meeting(Lang::En, 9), "September meeting");
    }
}
