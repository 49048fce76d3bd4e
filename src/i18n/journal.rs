//! The words about journal files: skipped lines, sync tools' leftovers, lost events, failed
//! writes.

use super::Lang;
use crate::journal::{JournalError, JournalWarning, WarningKind};
use crate::storage::open::NotRegular;

/// A skipped journal line, or news about a journal file, in words.
pub fn journal_warning(lang: Lang, w: &JournalWarning) -> String {
    let file = crate::text::path_shown(&w.file);
    let place = if w.line > 0 {
        format!("{file}:{}", w.line)
    } else {
        file
    };
    let name = w
        .file
        .file_name()
        .map(|n| crate::text::path_shown(std::path::Path::new(n)))
        .unwrap_or_default();
    let words = kind_words(lang, &place, &name, &w.kind);
    match (w.count, lang) {
        (0 | 1, _) => words,
        (n, Lang::Zh) => format!("{words}（此文件共 {n} 行如此，首行见上）"),
        (n, Lang::En) => format!("{words} ({n} such lines in this file; the first is named)"),
    }
}

/// What a link, folder or special file is, in words.
pub(crate) fn not_regular(lang: Lang, kind: NotRegular) -> &'static str {
    match kind {
        NotRegular::Link => lang.pick("链接", "a link"),
        NotRegular::Folder => lang.pick("文件夹", "a folder"),
        NotRegular::Special => lang.pick("管道或设备文件", "a FIFO or device"),
    }
}

fn kind_words(lang: Lang, place: &str, name: &str, kind: &WarningKind) -> String {
    let time = |t: &jiff::Timestamp| crate::report::rfc3339(*t);
    match (kind, lang) {
        (WarningKind::TooLong(n), Lang::Zh) => {
            format!("{place}: 此行过长（{n} 字节），不是有效记录，已跳过")
        }
        (WarningKind::TooLong(n), Lang::En) => {
            format!("{place}: line too long ({n} bytes) to be an event; skipped")
        }
        (WarningKind::NotRegular(k), Lang::Zh) => format!(
            "{place}: 这是{}，不是普通文件，未打开也未读取",
            not_regular(lang, *k)
        ),
        (WarningKind::NotRegular(k), Lang::En) => format!(
            "{place}: {}, not a regular file; not opened",
            not_regular(lang, *k)
        ),
        (WarningKind::Forged { claims }, Lang::Zh) => {
            format!("{place}: 此行自称由“{claims}”记录，但不在其本人的文件中，未计入进展")
        }
        (WarningKind::Forged { claims }, Lang::En) => format!(
            "{place}: this line claims to be by \"{claims}\" but is not in their file; left out of the state"
        ),
        (WarningKind::Contested { other }, Lang::Zh) => format!(
            "{place}: 此记录的编号在 {} 中内容不同，无法确认真伪，未计入进展",
            crate::text::path_shown(other)
        ),
        (WarningKind::Contested { other }, Lang::En) => format!(
            "{place}: another event with this id but different content stands in {}; which is genuine cannot be told, so this one is left out of the state",
            crate::text::path_shown(other)
        ),
        (WarningKind::ChainBroken, Lang::Zh) => format!(
            "{place}: 此行之前的一行在写入后被修改或删除过（记录链断开）；请向该文件的记录人核实"
        ),
        (WarningKind::ChainBroken, Lang::En) => format!(
            "{place}: the line before this one was changed or removed after it was written (the chain of lines is broken); check with the file's writer"
        ),
        (WarningKind::FromFuture { claimed, placed }, Lang::Zh) => format!(
            "{place}: 记录时间 {} 超前于本机时钟一天以上，按 {} 排序",
            time(claimed),
            time(placed)
        ),
        (WarningKind::FromFuture { claimed, placed }, Lang::En) => format!(
            "{place}: stamped {}, more than a day ahead of this computer's clock; ordered as of {}",
            time(claimed),
            time(placed)
        ),
        (WarningKind::TornTail, Lang::Zh) => {
            format!("{place}: 最后一行不完整（写入时中断），已跳过，文件未改动")
        }
        (WarningKind::TornTail, Lang::En) => {
            format!(
                "{place}: last line is incomplete (an interrupted write); skipped, file left as is"
            )
        }
        (WarningKind::BadLine(m), Lang::Zh) => format!("{place}: 此行不是有效记录，已跳过（{m}）"),
        (WarningKind::BadLine(m), Lang::En) => {
            format!("{place}: not a valid event; skipped ({m})")
        }
        (WarningKind::NotUtf8, Lang::Zh) => format!("{place}: 此行不是 UTF-8，已跳过"),
        (WarningKind::NotUtf8, Lang::En) => format!("{place}: line is not UTF-8; skipped"),
        (WarningKind::Unreadable(m), Lang::Zh) => format!("{place}: 无法读取：{m}"),
        (WarningKind::Unreadable(m), Lang::En) => format!("{place}: cannot read: {m}"),
        (WarningKind::ConflictCopy, Lang::Zh) => {
            format!("{place}: 同步工具留下的冲突副本，其中的记录已合并；各人同步后可删除")
        }
        (WarningKind::ConflictCopy, Lang::En) => format!(
            "{place}: a sync tool's conflicted copy; its events are merged, and it can be deleted once everyone has synced"
        ),
        (WarningKind::Partial, Lang::Zh) => {
            format!("{place}: 尚未同步完成的文件，已跳过，完成后自动读入")
        }
        (WarningKind::Partial, Lang::En) => {
            format!("{place}: not fully synced yet; skipped until it is")
        }
        (WarningKind::Shrank { was, now }, Lang::Zh) => format!(
            "{place}: 文件比上次读取时短（{was} → {now} 字节），可能被旧副本覆盖；已读过的记录不会丢失"
        ),
        (WarningKind::Shrank { was, now }, Lang::En) => format!(
            "{place}: shorter than when last read ({was} → {now} bytes), probably replaced by an older copy; events already seen are kept"
        ),
        (WarningKind::Replaced, Lang::Zh) => {
            format!("{place}: 文件内容与上次读取时不同，已被替换；已读过的记录不会丢失")
        }
        (WarningKind::Replaced, Lang::En) => format!(
            "{place}: no longer what was read before (replaced); events already seen are kept"
        ),
        (WarningKind::Vanished, Lang::Zh) => {
            format!("{place}: 文件已不在共享文件夹中；已读过的记录不会丢失")
        }
        (WarningKind::Vanished, Lang::En) => {
            format!("{place}: gone from the folder; events already seen are kept")
        }
        (WarningKind::KeptLocally(n), Lang::Zh) => format!(
            "{place}: 本机曾从此文件读到的 {n} 条记录已不在共享文件夹中，仅存于本机副本，已补回显示；请让其记录人重新同步，或运行 workplan forget {name} 不再显示"
        ),
        (WarningKind::KeptLocally(n), Lang::En) => format!(
            "{place}: {} this computer read from this file {} gone from the folder, kept only in this computer's copy; shown from it (ask their writer to sync again, or run workplan forget {name} to stop showing them)",
            super::counted(*n, "event", "events"),
            if *n == 1 { "is" } else { "are" }
        ),
        (WarningKind::OwnMissing(n), Lang::Zh) => format!(
            "{place}: 您自己的 {n} 条记录已不在此文件中，已从本机副本补回显示，下次修改时一并重新写入"
        ),
        (WarningKind::OwnMissing(n), Lang::En) => format!(
            "{place}: {} gone from this file; shown from this computer's copy and written back with your next change",
            super::counted(*n, "of your own events is", "of your own events are")
        ),
        (WarningKind::LocalCopy(m), Lang::Zh) => {
            format!("{place}: 无法保存本机副本（{m}）；共享文件变短时无法补回记录")
        }
        (WarningKind::LocalCopy(m), Lang::En) => format!(
            "{place}: cannot keep this computer's copy ({m}); events lost from shared files could not be put back"
        ),
    }
}

/// The heading of the events kept out of the state, after the history.
pub fn refused_heading(lang: Lang) -> &'static str {
    lang.pick(
        "以下记录来源可疑，未计入进展：",
        "Kept out of the state (not in their writer's own file, or contested):",
    )
}

/// What `forget` did.
pub fn forgotten(lang: Lang, n: usize, name: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "已从本机副本删除 {n} 条取自 {name} 的记录；共享文件夹中仍有的记录下次读取时重新复制"
        ),
        Lang::En => format!(
            "dropped {} taken from {name} from this computer's copy; those the shared folder still has are copied again at the next read",
            super::counted(n, "event", "events")
        ),
    }
}

/// `forget` without a local copy.
pub fn no_local_copy(lang: Lang) -> String {
    lang.pick(
        "本机未保留副本（WORKPLAN_CACHE_DIR 为空），无需删除",
        "this computer keeps no copy (WORKPLAN_CACHE_DIR is empty); nothing to drop",
    )
    .to_string()
}

/// A failed journal write in words.
pub fn journal_error(lang: Lang, e: &JournalError) -> String {
    if e.op == crate::journal::DATA_DIR_GONE {
        let unsaved = lang.pick("；本次修改未保存", "; this change is not saved");
        return format!("{}{unsaved}", super::folder_missing(lang, &e.path));
    }
    let why = match NotRegular::from_error(&e.source) {
        Some(kind) => match lang {
            Lang::Zh => format!("这是{}，不是普通文件，拒绝写入", not_regular(lang, kind)),
            Lang::En => format!("{}, not a regular file; refused", not_regular(lang, kind)),
        },
        None => e.source.to_string(),
    };
    match lang {
        Lang::Zh => format!(
            "无法写入进展记录（{} {}）：{why}；本次修改未保存",
            e.op,
            e.path.display(),
        ),
        Lang::En => format!(
            "cannot write the journal ({} {}): {why}; this change is not saved",
            e.op,
            e.path.display(),
        ),
    }
}
