//! What the files of a shared journal folder are: writers' journals, copies that sync tools made
//! of them, and leftovers that are not journals (yet).

use std::path::Path;

/// What one file of the journal folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    /// A writer's journal, `<user>.jsonl`.
    Journal,
    /// A copy a sync tool kept when two versions of a journal met (`*.sync-conflict-*`,
    /// `* (conflicted copy …)*`): a journal too, so it is merged, and union by id makes its
    /// duplicates harmless.
    ConflictCopy,
    /// A journal still being downloaded or written by a sync tool, or an office program's lock
    /// file (`~$*`): skipped, with a note.
    Partial,
    /// Anything else (lock files, exports someone saved here): not ours to mention.
    Other,
}

/// Name endings of files that sync tools and browsers write before the real name appears.
const PARTIAL_ENDINGS: [&str; 7] = [
    ".part",
    ".partial",
    ".tmp",
    ".temp",
    ".crdownload",
    ".download",
    ".!sync",
];

/// What the file at `path` is, from its name alone.
pub fn classify(path: &Path) -> FileKind {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        // Not UTF-8: not a name this program writes, but still a journal if it says so.
        return match path.extension() {
            Some(x) if x == "jsonl" => FileKind::Journal,
            _ => FileKind::Other,
        };
    };
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        return FileKind::Partial;
    }
    let mentions_journal = lower.contains(".jsonl");
    if lower.ends_with(".jsonl") {
        if lower.contains(".sync-conflict-") || lower.contains("conflicted copy") {
            return FileKind::ConflictCopy;
        }
        // Hidden temporary names that still end in .jsonl (`.~lock.x.jsonl`, `.x.jsonl.~tmp`).
        if name.starts_with(".~") || name.starts_with(".syncthing.") {
            return FileKind::Partial;
        }
        return FileKind::Journal;
    }
    if mentions_journal
        && (PARTIAL_ENDINGS.iter().any(|e| lower.ends_with(e))
            || name.starts_with(".syncthing.")
            || lower.contains(".jsonl.~"))
    {
        return FileKind::Partial;
    }
    FileKind::Other
}

/// Whose journal the file at `path` is: its name before `.jsonl`, and for a sync tool's
/// conflicted copy, before the tool's mark. An event's writer is the file it is in.
pub fn writer_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    // ASCII lower case keeps every byte where it was, so places found in it hold in `name`.
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".jsonl")?;
    let cut = [".sync-conflict-", " (conflicted copy"]
        .iter()
        .filter_map(|mark| stem.find(mark))
        .min()
        .unwrap_or(stem.len());
    name.get(..cut).map(str::to_string)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn kind(name: &str) -> FileKind {
        classify(Path::new(name))
    }

    #[test]
    fn names_from_sync_tools() {
        assert_eq!(kind("张华.jsonl"), FileKind::Journal);
        assert_eq!(kind("zhang.JSONL"), FileKind::Journal);
        // Syncthing, Dropbox, Nextcloud.
        let syncthing = "张华.sync-conflict-20231001-120000-ABCDEFG.jsonl";
        assert_eq!(kind(syncthing), FileKind::ConflictCopy);
        let dropbox = "张华 (conflicted copy 2023-10-01).jsonl";
        assert_eq!(kind(dropbox), FileKind::ConflictCopy);
        let nextcloud = "张华 (conflicted copy 2023-10-01 120000).jsonl";
        assert_eq!(kind(nextcloud), FileKind::ConflictCopy);
        // Half-downloaded or being written.
        for partial in [
            "张华.jsonl.part",
            ".syncthing.张华.jsonl.tmp",
            "张华.jsonl.~1a2b",
            "张华.jsonl.crdownload",
            "~$张华.jsonl",
            "~$导出.xlsx",
        ] {
            assert_eq!(kind(partial), FileKind::Partial, "{partial}");
        }
        assert_eq!(writer_of(Path::new(syncthing)).as_deref(), Some("张华"));
        assert_eq!(writer_of(Path::new(dropbox)).as_deref(), Some("张华"));
        assert_eq!(writer_of(Path::new("d/Li.JSONL")).as_deref(), Some("Li"));
        assert_eq!(writer_of(Path::new("张华.lock")), None);
        // Not journals, not leftovers of journals.
        for other in [
            "张华.lock",
            "导出.xlsx",
            "notes.txt",
            "x.tmp",
            "desktop.ini",
        ] {
            assert_eq!(kind(other), FileKind::Other, "{other}");
        }
    }
}
