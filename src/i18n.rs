//! Every user-facing word, in Chinese and English.

use crate::edit::EditError;
use crate::plan::{PlanError, PlanProblem};
use crate::progress::{Counts, Light, Reason};
use crate::status::Status;

/// The language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese unless the locale clearly asks for another language.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        Self::from_locale(&locale)
    }

    /// Chinese for `zh_*`, `C`, `POSIX` or an empty locale; English for any other language.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l.is_empty() || l.starts_with("zh") || l == "c" || l.starts_with("c.") || l == "posix" {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A table's header row from each column's (Chinese, English) name.
    pub fn header(self, names: &[(&str, &str)]) -> Vec<String> {
        names
            .iter()
            .map(|&(zh, en)| self.pick(zh, en).to_string())
            .collect()
    }
}

mod choose;
mod desk;
mod export;
mod first_run;
mod journal;
pub(crate) use journal::not_regular;
mod meeting;
mod plan_words;
mod popup;
mod settings;

pub use choose::*;
pub use desk::*;
pub use export::*;
pub use first_run::*;
pub use journal::*;
pub use meeting::*;
pub use plan_words::*;
pub use popup::*;
pub use settings::*;

/// The word for a status.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => match s {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Blocked => "blocked",
        },
    }
}

/// The word for a light.
pub fn light(lang: Lang, l: Light) -> &'static str {
    match (lang, l) {
        (Lang::Zh, Light::Green) => "绿",
        (Lang::Zh, Light::Yellow) => "黄",
        (Lang::Zh, Light::Red) => "红",
        (Lang::En, Light::Green) => "green",
        (Lang::En, Light::Yellow) => "yellow",
        (Lang::En, Light::Red) => "red",
    }
}

/// Why a task is yellow or red, e.g. "逾期12天".
pub fn reason(lang: Lang, r: Reason) -> String {
    match (lang, r) {
        (Lang::Zh, Reason::Blocked) => "受阻".into(),
        (Lang::En, Reason::Blocked) => "blocked".into(),
        (Lang::Zh, Reason::Overdue { days }) => format!("逾期{days}天"),
        (Lang::En, Reason::Overdue { days }) => format!("overdue by {days} days"),
        (Lang::Zh, Reason::Behind { points }) => format!("落后计划 {points}个百分点"),
        (Lang::En, Reason::Behind { points }) => format!("{points} points behind schedule"),
        (Lang::Zh, Reason::DueSoon { days }) => format!("{days}天内到期"),
        (Lang::En, Reason::DueSoon { days }) => format!("due in {days} days"),
    }
}

/// Why an item or area has its light: how many of its tasks are blocked, overdue, behind the
/// plan or due soon ("1项受阻、2项逾期、3项落后计划"); empty when none is.
pub fn reasons_of(lang: Lang, reasons: impl IntoIterator<Item = Reason>) -> String {
    let mut n = [0usize; 4];
    for r in reasons {
        n[match r {
            Reason::Blocked => 0,
            Reason::Overdue { .. } => 1,
            Reason::Behind { .. } => 2,
            Reason::DueSoon { .. } => 3,
        }] += 1;
    }
    let words = match lang {
        Lang::Zh => ["项受阻", "项逾期", "项落后计划", "项临近到期"],
        Lang::En => [" blocked", " overdue", " behind schedule", " due soon"],
    };
    let parts: Vec<String> = n
        .iter()
        .zip(words)
        .filter(|(k, _)| **k > 0)
        .map(|(k, w)| format!("{k}{w}"))
        .collect();
    parts.join(lang.pick("、", ", "))
}

/// The 督办 summary sentence.
pub fn summary(lang: Lang, c: &Counts) -> String {
    let p = format_percent(c.lagging_percent());
    match lang {
        Lang::Zh => format!(
            "共{}项任务，已完成{}项、推进中{}项、受阻{}项、未启动{}项；滞后{}项，滞后占比{}%",
            c.total, c.done, c.in_progress, c.blocked, c.not_started, c.lagging, p
        ),
        Lang::En => format!(
            "{} tasks: {} done, {} in progress, {} blocked, {} not started; {} lagging ({}%)",
            c.total, c.done, c.in_progress, c.blocked, c.not_started, c.lagging, p
        ),
    }
}

/// A percent with at most one decimal: `33.3`, `50`.
pub fn format_percent(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A plan error in English where it is shown as a plain error (the words live here, with the
/// rest of the words, not in the plan's types).
impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&plan_error(Lang::En, self))
    }
}

impl std::error::Error for PlanError {}

/// Every problem of a plan file, one line each.
pub fn plan_errors(lang: Lang, errors: &[PlanError]) -> String {
    errors
        .iter()
        .map(|e| plan_error(lang, e))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plan problem in words, prefixed with file:line:column and the JSON path.
pub fn plan_error(lang: Lang, e: &PlanError) -> String {
    let what = match (&e.problem, lang) {
        (PlanProblem::Io { kind, message }, Lang::Zh) => io_problem_zh(*kind, message),
        (PlanProblem::Io { message, .. }, Lang::En) => format!("cannot read: {message}"),
        (PlanProblem::NotRegular(kind), Lang::Zh) => format!(
            "这是{}，不是计划文件（应为 .json 文件）",
            journal::not_regular(lang, *kind)
        ),
        (PlanProblem::NotRegular(kind), Lang::En) => format!(
            "this is {}, not a plan file (expected a .json file)",
            journal::not_regular(lang, *kind)
        ),
        (PlanProblem::Utf16, Lang::Zh) => {
            "是 UTF-16 编码（记事本里的“Unicode”）；请以 UTF-8 另存后再试".into()
        }
        (PlanProblem::Utf16, Lang::En) => {
            "saved as UTF-16 (Notepad's \"Unicode\"); save it as UTF-8 and try again".into()
        }
        (PlanProblem::NotUtf8, Lang::Zh) => {
            "不是 UTF-8 编码（可能是 GBK/ANSI 保存的）；请以 UTF-8 另存后再试".into()
        }
        (PlanProblem::NotUtf8, Lang::En) => {
            "not UTF-8 (perhaps saved as GBK/ANSI); save it as UTF-8 and try again".into()
        }
        (PlanProblem::Json(m), Lang::Zh) => json_problem_zh(m),
        (PlanProblem::Json(m), Lang::En) => format!("invalid: {m}"),
        (PlanProblem::DuplicateId { id, first_line }, Lang::Zh) => {
            format!("编号 \"{id}\" 重复（第{first_line}行已用过），编号必须唯一")
        }
        (PlanProblem::DuplicateId { id, first_line }, Lang::En) => {
            format!("id \"{id}\" is used twice (first on line {first_line}); expected a unique id")
        }
        (PlanProblem::BadId { found, parent }, lang) => {
            let form = match parent {
                Some(p) => format!("\"{p}.N\""),
                None => "\"N\"".into(),
            };
            match lang {
                Lang::Zh => format!("编号 \"{found}\" 不符合层级，应为 {form}（N 为数字）"),
                Lang::En => format!(
                    "id \"{found}\" does not fit the hierarchy; expected {form} (N a number)"
                ),
            }
        }
        (PlanProblem::BadPlanId(found), Lang::Zh) => format!(
            "计划编号 \"{found}\" 含有不允许的字符；只能用英文字母、数字、_ 和 -，如 \"xjw-2023\""
        ),
        (PlanProblem::BadPlanId(found), Lang::En) => format!(
            "plan id \"{found}\" has characters that are not allowed; expected only letters A-Z, digits, _ and -, e.g. \"xjw-2023\""
        ),
        (PlanProblem::BadKey(found), Lang::Zh) => {
            format!("任务键 \"{found}\" 不合要求；应为 1 到 32 个英文字母、数字、_ 或 -")
        }
        (PlanProblem::BadKey(found), Lang::En) => format!(
            "task key \"{found}\" is not allowed; expected 1 to 32 of letters A-Z, digits, _ and -"
        ),
        (PlanProblem::DuplicateKey(found), Lang::Zh) => {
            format!("任务键 \"{found}\" 已用于另一项任务；每项任务的键应不同")
        }
        (PlanProblem::DuplicateKey(found), Lang::En) => {
            format!(
                "task key \"{found}\" is already used by another task; expected a key of its own"
            )
        }
        (PlanProblem::EmptyText, Lang::Zh) => "内容为空，应为非空文字".into(),
        (PlanProblem::EmptyText, Lang::En) => "is empty; expected non-empty text".into(),
        (PlanProblem::YearOutOfRange(y), Lang::Zh) => {
            format!("年份 {y} 不是计划所在的年份，应为如 2023 的四位年份")
        }
        (PlanProblem::YearOutOfRange(y), Lang::En) => {
            format!("year {y} is not a plan's year; expected four digits, such as 2023")
        }
        (PlanProblem::StartAfterDue, Lang::Zh) => "start 晚于 due，应为 start ≤ due".into(),
        (PlanProblem::StartAfterDue, Lang::En) => "start is after due; expected start ≤ due".into(),
        (PlanProblem::EmptyList, Lang::Zh) => "列表为空，应至少有一项".into(),
        (PlanProblem::EmptyList, Lang::En) => {
            "is an empty list; expected at least one entry".into()
        }
    };
    let mut place = e.file.clone();
    if e.line > 0 {
        place.push_str(&format!(":{}:{}", e.line, e.column));
    }
    if e.path.is_empty() {
        format!("{place}: {what}")
    } else {
        format!("{place}: {}: {what}", e.path)
    }
}

/// A user name that cannot name a journal file, with where it came from.
pub fn bad_user_name(lang: Lang, name: &str, from: &str) -> String {
    // A character that shows nothing is named by its code: "王\u{200b}敏" reads as 王敏.
    let hidden = name
        .chars()
        .find(|&c| !crate::text::is_clean_char(c))
        .map(|c| format!(" (U+{:04X})", u32::from(c)))
        .unwrap_or_default();
    let name = format!("{:?}{hidden}", crate::text::sanitize(name));
    match lang {
        Lang::Zh => format!(
            "用户名 {name}（来自 {from}）不能用作日志文件名：不能为空、\".\" 或 \"..\"，不能含 / \\ < > : \" | ? * 、控制字符或不可见字符，不能以点或空格结尾，不能是 CON、PRN、AUX、NUL、COM1–9、LPT1–9；请用 --user 指定，如 --user 张华"
        ),
        Lang::En => format!(
            "user name {name} (from {from}) cannot name a journal file: it must not be empty, \".\" or \"..\", hold / \\ < > : \" | ? *, control or invisible characters, end in a dot or space, or be CON, PRN, AUX, NUL, COM1-9 or LPT1-9; give one with --user, e.g. --user zhang.hua"
        ),
    }
}

/// The settings file, as the origin of a setting.
pub fn settings_file(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!("设置文件 {}", path.display()),
        Lang::En => format!("the settings file {}", path.display()),
    }
}

/// The OS user, as the origin of a user name.
pub fn os_user(lang: Lang) -> String {
    lang.pick("系统用户名", "the OS user name").to_string()
}

/// A percent given outside 0 to 100 (`shown` as it was typed: `140`, `-5`).
pub fn percent_out_of_range(lang: Lang, shown: &str) -> String {
    match lang {
        Lang::Zh => format!("完成率 {shown} 超出范围；应为 0 到 100 的整数"),
        Lang::En => {
            format!("percent {shown} is out of range; expected a whole number from 0 to 100")
        }
    }
}

/// A refused edit in words, saying what is accepted.
pub fn edit_error(lang: Lang, e: &EditError) -> String {
    match (e, lang) {
        (EditError::UnknownId(id), Lang::Zh) => {
            format!("没有编号为 \"{id}\" 的任务；编号形如 1、1.1、1.1.1（见 workplan status）")
        }
        (EditError::UnknownId(id), Lang::En) => {
            format!("no node with id \"{id}\"; ids look like 1, 1.1, 1.1.1 (see workplan status)")
        }
        (EditError::AlreadySo, Lang::Zh) => "已是这些值，未写入任何记录".into(),
        (EditError::AlreadySo, Lang::En) => "already so; nothing was written".into(),
        (EditError::NothingToChange, Lang::Zh) => {
            "没有要修改的内容；请给出 --status、--percent、--note、--owner 或 --due".into()
        }
        (EditError::NothingToChange, Lang::En) => {
            "nothing to change; give --status, --percent, --note, --owner or --due".into()
        }
        (EditError::PercentOutOfRange(p), _) => percent_out_of_range(lang, &p.to_string()),
        (EditError::TooLong(over), Lang::Zh) => format!(
            "文字太长，超出每条记录的上限约 {} 字（最多约 {} 字）；未保存，请删减",
            over.div_ceil(3),
            crate::journal::NOTE_ROOM / 3
        ),
        (EditError::TooLong(over), Lang::En) => format!(
            "text too long: {over} bytes over what one record holds (about {} Chinese characters at most); not saved, please shorten it",
            crate::journal::NOTE_ROOM / 3
        ),
        (EditError::NothingToUndo, Lang::Zh) => "没有可撤销的修改".into(),
        (EditError::NothingToUndo, Lang::En) => "nothing to undo".into(),
        (EditError::NothingToRedo, Lang::Zh) => "没有可重做的修改".into(),
        (EditError::NothingToRedo, Lang::En) => "nothing to redo".into(),
        (EditError::Contradiction(st, p), Lang::Zh) => format!(
            "状态“{}”与完成率 {p}% 矛盾：已完成即 100%，未启动即 0%，推进中和受阻低于 100%；未保存",
            status(lang, *st)
        ),
        (EditError::Contradiction(st, p), Lang::En) => format!(
            "status \"{}\" contradicts percent {p}%: done is 100%, not started is 0%, in progress and blocked are below 100%; nothing saved",
            status(lang, *st)
        ),
    }
}

/// The accepted status words, for error messages.
pub fn status_words() -> String {
    Status::ALL
        .iter()
        .map(|s| format!("{}/{}", s.key(), s.zh()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The mark on event `i` of `progress` when it conflicts with others' changes, naming their
/// authors: "【冲突】与 李强 的修改不一致".
pub fn conflict_mark(lang: Lang, progress: &crate::progress::Progress, i: usize) -> Option<String> {
    let mut who: Vec<compact_str::CompactString> = Vec::new();
    for j in progress.conflicts_of(i) {
        let user = progress.events.event(j).user;
        if !who.contains(&user) {
            who.push(user);
        }
    }
    if who.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!("【冲突】与 {} 的修改不一致", who.join("、")),
        Lang::En => format!("[conflict] differs from the change by {}", who.join(", ")),
    })
}

/// What change `c` (event `i` of `progress`) does, led by its conflict mark if it has one.
pub fn describe_event(
    lang: Lang,
    progress: &crate::progress::Progress,
    i: usize,
    c: &crate::journal::Change,
) -> String {
    let what = describe_change_of(lang, progress, i, c);
    match conflict_mark(lang, progress, i) {
        Some(mark) => format!("{mark}  {what}"),
        None => what,
    }
}

/// What change `c` (event `i` of `progress`) does; an undo that sets nothing back (it takes
/// back a note) names what it took back: "撤销：进展：…".
pub fn describe_change_of(
    lang: Lang,
    progress: &crate::progress::Progress,
    i: usize,
    c: &crate::journal::Change,
) -> String {
    describe_taken_back(lang, c, progress.undone_by(i).as_ref())
}

/// What change `c` does; when it is an undo that sets nothing back, what it took back from
/// the change it undoes (`original`): "撤销：进展：…".
pub fn describe_taken_back(
    lang: Lang,
    c: &crate::journal::Change,
    original: Option<&crate::journal::Change>,
) -> String {
    let what = describe_change(lang, c);
    let sets = c.status.is_some()
        || c.percent.is_some()
        || c.owner.is_some()
        || c.due.is_some()
        || c.note.is_some();
    match original {
        Some(original) if !sets => {
            let took = describe_plain(lang, original);
            format!("{what}{}{took}", lang.pick("：", ": "))
        }
        // Values set back, and the note that went with them taken back: both are said.
        Some(crate::journal::Change {
            note: Some(note), ..
        }) if c.note.is_none() => {
            let took = lang.pick("，撤回进展：", ", note taken back: ");
            format!("{what}{took}{note}")
        }
        _ => what,
    }
}

/// What a change sets, its undo or redo left unsaid: "进展：…" for a redone note.
pub fn describe_plain(lang: Lang, c: &crate::journal::Change) -> String {
    describe_change(
        lang,
        &crate::journal::Change {
            undoes: None,
            redoes: None,
            ..c.clone()
        },
    )
}

/// Quick percent steps told as one: "完成率 30%→60%（3次调整）".
pub fn describe_steps(lang: Lang, from: u8, to: u8, count: usize) -> String {
    match lang {
        Lang::Zh if from == to => format!("完成率 {to}%（{count}次调整后未变）"),
        Lang::En if from == to => format!("percent {to}% ({count} steps, back where it was)"),
        Lang::Zh => format!("完成率 {from}%→{to}%（{count}次调整）"),
        Lang::En => format!("percent {from}%→{to}% ({count} steps)"),
    }
}

/// What a change does, e.g. "状态 已完成、完成率 100%、进展：…".
pub fn describe_change(lang: Lang, c: &crate::journal::Change) -> String {
    let mut parts = Vec::new();
    if c.undoes.is_some() {
        parts.push(lang.pick("撤销", "undo").to_string());
    }
    if c.redoes.is_some() {
        parts.push(lang.pick("重做", "redo").to_string());
    }
    if let Some(s) = c.status {
        parts.push(format!(
            "{} {}",
            lang.pick("状态", "status"),
            status(lang, s)
        ));
    }
    if let Some(p) = c.percent {
        parts.push(format!("{} {p}%", lang.pick("完成率", "percent")));
    }
    if let Some(o) = &c.owner {
        let o = if o.is_empty() {
            lang.pick("（清空）", "(cleared)")
        } else {
            o
        };
        parts.push(format!("{} {o}", owner_word(lang)));
    }
    if let Some(d) = c.due {
        parts.push(format!("{} {d}", lang.pick("完成时限", "due")));
    }
    if let Some(n) = &c.note {
        parts.push(format!("{}{n}", lang.pick("进展：", "note: ")));
    }
    parts.join(lang.pick("，", ", "))
}

/// A meeting checkpoint in words.
pub fn describe_meeting(lang: Lang, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{}{t}", lang.pick("会议检查点：", "meeting checkpoint: ")),
        None => lang.pick("会议检查点", "meeting checkpoint").to_string(),
    }
}

/// One event in a line of words: a change after its task's id, worded by `change`; a
/// checkpoint or a plan change as they are always worded.
pub fn describe_body(
    lang: Lang,
    body: &crate::journal::Body,
    change: &dyn Fn(&crate::journal::Change) -> String,
) -> String {
    use crate::journal::Body;
    match body {
        Body::Change(c) => format!("{} {}", c.node, change(c)),
        Body::Meeting(m) => describe_meeting(lang, m.title.as_deref()),
        Body::Moved(m) => describe_moved(lang, m),
    }
}

/// A confirmed plan change, in words: how many tasks' histories were moved, and the first few.
pub fn describe_moved(lang: Lang, moved: &crate::journal::Moved) -> String {
    let n = moved.tasks.len();
    let first: Vec<String> = moved.tasks.iter().take(3).map(|m| m.id.clone()).collect();
    let more = if n > 3 { "…" } else { "" };
    let first = first.join(lang.pick("、", ", "));
    match lang {
        Lang::Zh => format!("计划调整：{n} 项任务（原编号 {first}{more}）的记录随任务迁移"),
        Lang::En => {
            format!("plan changed: the history of {n} tasks (formerly {first}{more}) follows them")
        }
    }
}

/// Warnings about the journal against the plan: events of ids the plan no longer has (kept),
/// and ids whose recorded task text differs from the plan's (probably reused for another task).
/// `orphans` names the id of each such event.
pub fn progress_warnings(lang: Lang, orphans: &[impl AsRef<str>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut orphan_ids: Vec<&str> = orphans.iter().map(AsRef::as_ref).collect();
    orphan_ids.sort_unstable();
    orphan_ids.dedup();
    if !orphan_ids.is_empty() {
        let n = orphans.len();
        let ids = orphan_ids.join(lang.pick("、", ", "));
        out.push(
            lang.pick(
                &format!("{n} 条记录属于计划中已不存在的编号（{ids}），已保留未删除"),
                &format!(
                    "{} for ids the plan no longer has ({ids}); kept, not dropped",
                    counted(n, "event is", "events are")
                ),
            )
            .to_string(),
        );
    }
    out
}

/// `n` and the English words for one or for many: "1 event is", "2 events are".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The changes kept out of the state because their id now names another task, in one line
/// that says what to do, or `None` when there are none. It goes before every other warning.
/// `misplaced` names the id of each such change.
pub fn misplaced_warning(lang: Lang, misplaced: &[impl AsRef<str>]) -> Option<String> {
    if misplaced.is_empty() {
        return None;
    }
    let mut ids: Vec<&str> = misplaced.iter().map(AsRef::as_ref).collect();
    ids.sort_unstable();
    ids.dedup();
    let n = misplaced.len();
    let more = if ids.len() > 5 { "…" } else { "" };
    let ids = ids[..ids.len().min(5)].join(lang.pick("、", ", "));
    Some(match lang {
        Lang::Zh => format!(
            "⚠ {n} 条记录未计入：计划调整后，编号 {ids}{more} 已是另一项任务。请用 workplan plan migrate 旧计划 新计划 确认这些记录的去向"
        ),
        Lang::En => format!(
            "⚠ {} not counted: since the plan changed, ids {ids}{more} name other tasks. Confirm where they belong with workplan plan migrate OLD NEW",
            counted(n, "change is", "changes are")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_defaults_to_chinese() {
        assert_eq!(Lang::from_locale(""), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
    }

    #[test]
    fn percents_keep_one_decimal() {
        assert_eq!(format_percent(100.0 / 3.0), "33.3");
        assert_eq!(format_percent(50.0), "50");
        assert_eq!(format_percent(0.04), "0");
    }
}
