//! The words about journal files: skipped lines, sync tools' leftovers, lost events, failed
//! writes.

use super::Lang;
use crate::journal::{JournalError, JournalWarning, WarningKind};

/// A skipped journal line, or news about a journal file, in words.
pub fn journal_warning(lang: Lang, w: &JournalWarning) -> String {
    let place = if w.line > 0 {
        format!("{}:{}", w.file.display(), w.line)
    } else {
        w.file.display().to_string()
    };
    match (&w.kind, lang) {
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
            "{place}: 共享文件夹缺少本机读过的 {n} 条记录，已从本机副本补回显示；请让相关人员重新同步"
        ),
        (WarningKind::KeptLocally(n), Lang::En) => format!(
            "{place}: {n} events this computer has seen are missing from the folder; shown from this computer's copy (ask their writers to sync again)"
        ),
        (WarningKind::Restored(n), Lang::Zh) => {
            format!("{place}: 已将本机副本中自己的 {n} 条记录重新写入")
        }
        (WarningKind::Restored(n), Lang::En) => {
            format!("{place}: wrote {n} of your own events back from this computer's copy")
        }
        (WarningKind::LocalCopy(m), Lang::Zh) => {
            format!("{place}: 无法保存本机副本（{m}）；共享文件变短时无法补回记录")
        }
        (WarningKind::LocalCopy(m), Lang::En) => format!(
            "{place}: cannot keep this computer's copy ({m}); events lost from shared files could not be put back"
        ),
    }
}

/// A failed journal write in words.
pub fn journal_error(lang: Lang, e: &JournalError) -> String {
    match lang {
        Lang::Zh => format!(
            "无法写入进展记录（{} {}）：{}；本次修改未保存",
            e.op,
            e.path.display(),
            e.source
        ),
        Lang::En => format!(
            "cannot write the journal ({} {}): {}; this change is not saved",
            e.op,
            e.path.display(),
            e.source
        ),
    }
}
