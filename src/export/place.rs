//! Where an export goes when the officer names no file: the user's Documents folder, under a
//! name made from the plan's title, what the document is and its as-of date, e.g.
//! `新江湾城街道2023年主要工作安排-督办通报-2023-09-01.docx`.
//!
//! `WORKPLAN_EXPORT_DIR` names another default folder (the tests point it at their own
//! temporary folders, so that no test ever writes into the real Documents folder). Without it,
//! the Documents folder of the platform's user folders; when there is none (or it is not there
//! on disk), the home folder, and failing that the current folder: the message that says where
//! the file went then says why it is not in Documents.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::Format;
use crate::i18n::{self, Lang, Term};
use crate::plan::LoadedPlan;
use crate::progress::Progress;

/// The variable that names the default export folder instead of Documents.
pub const FOLDER_VAR: &str = "WORKPLAN_EXPORT_DIR";

/// The most characters of the plan's title a file name keeps: with what follows it, the name
/// stays well inside the 255 bytes a Linux file name may have, and a path inside Windows' 260
/// characters from an ordinary Documents folder.
const TITLE_CHARS: usize = 60;

/// Which folder the default is, and so what to say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    /// Named by [`FOLDER_VAR`].
    Named,
    /// The user's Documents folder.
    Documents,
    /// The home folder: there is no Documents folder.
    Home,
    /// The current folder: there is neither a Documents nor a home folder.
    Current,
}

/// The folder exports go to when none is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultFolder {
    pub path: PathBuf,
    pub kind: FolderKind,
}

impl DefaultFolder {
    /// Why an export is not in the Documents folder, to follow the line that says where it
    /// went; `None` when it is there, or in the folder [`FOLDER_VAR`] names.
    pub fn note(&self, lang: Lang) -> Option<String> {
        match self.kind {
            FolderKind::Named | FolderKind::Documents => None,
            FolderKind::Home | FolderKind::Current => Some(i18n::no_documents_folder(lang)),
        }
    }
}

/// The default export folder of this computer and user; see the module's words.
pub fn default_folder() -> DefaultFolder {
    let dirs = directories::UserDirs::new();
    let documents = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf));
    let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
    choose(std::env::var_os(FOLDER_VAR), documents, home)
}

/// The default folder from [`FOLDER_VAR`]'s value and the user's Documents and home folders:
/// the variable when set (not empty), else the first of the others that is a folder on disk.
fn choose(
    var: Option<OsString>,
    documents: Option<PathBuf>,
    home: Option<PathBuf>,
) -> DefaultFolder {
    if let Some(v) = var.filter(|v| !v.is_empty()) {
        return DefaultFolder {
            path: PathBuf::from(v),
            kind: FolderKind::Named,
        };
    }
    let found = [(documents, FolderKind::Documents), (home, FolderKind::Home)]
        .into_iter()
        .find_map(|(p, kind)| {
            p.filter(|p| p.is_dir())
                .map(|path| DefaultFolder { path, kind })
        });
    found.unwrap_or_else(|| DefaultFolder {
        path: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        kind: FolderKind::Current,
    })
}

/// The default file name: `<plan title>-<what it is>-<as of>.<ext>`, where what it is is the
/// handout's name (督办通报, or 督办单 grouped by department), 工作台账 for the CSV and the
/// status for JSON, in `lang`. The title is made safe for a file name on Windows and Linux
/// (`safe_title`); a plan without a usable title is named by its id.
pub fn default_file_name(
    plan: &LoadedPlan,
    progress: &Progress,
    format: Format,
    lang: Lang,
    by_owner: bool,
) -> String {
    let title = Some(safe_title(&plan.plan.title))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| safe_title(&plan.plan.id));
    let what = match format {
        Format::Csv => Term::LedgerTable,
        Format::Json => Term::StatusData,
        _ if by_owner => Term::OwnerNotice,
        _ => Term::Notice,
    };
    let what = safe_title(i18n::term(lang, what));
    let ext = format.extension();
    let stem = [title.as_str(), what.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{stem}-{}.{ext}", progress.as_of)
}

/// `title` as the start of a file name that Windows and Linux both accept: the characters
/// Windows reserves (`< > : " / \ | ? *`) become `_`, control, bidi and invisible characters
/// are left out, runs of spaces become one, spaces and dots are trimmed from both ends, at most
/// [`TITLE_CHARS`] characters are kept, and a name Windows keeps for a device (`CON`, `NUL`,
/// `COM1`, … before a dot) gets a leading `_`.
pub fn safe_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        let c = match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_whitespace() => ' ',
            c if !crate::text::is_clean_char(c) => continue,
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches([' ', '.']);
    let kept: String = trimmed.chars().take(TITLE_CHARS).collect();
    let kept = kept.trim_end_matches([' ', '.']).to_string();
    let device = kept.split('.').next().unwrap_or_default().trim_end();
    if is_device_name(device) {
        format!("_{kept}")
    } else {
        kept
    }
}

/// Whether Windows keeps `name` for a device, in any case.
fn is_device_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ["COM", "LPT"].iter().any(|p| {
            upper.strip_prefix(p).is_some_and(|n| {
                matches!(
                    n,
                    "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            })
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_default_name_is_the_plan_title_the_handout_and_the_date() {
        let plan = LoadedPlan::embedded().unwrap();
        let progress = crate::progress::fold(&plan, Vec::new(), jiff::civil::date(2023, 9, 1));
        let name = |f, lang, by_owner| default_file_name(&plan, &progress, f, lang, by_owner);
        assert_eq!(
            name(Format::Docx, Lang::Zh, false),
            "新江湾城街道2023年主要工作安排-督办通报-2023-09-01.docx"
        );
        assert_eq!(
            name(Format::Xlsx, Lang::Zh, false),
            "新江湾城街道2023年主要工作安排-督办通报-2023-09-01.xlsx"
        );
        assert_eq!(
            name(Format::Html, Lang::Zh, true),
            "新江湾城街道2023年主要工作安排-督办单-2023-09-01.html"
        );
        assert_eq!(
            name(Format::Csv, Lang::Zh, false),
            "新江湾城街道2023年主要工作安排-工作台账-2023-09-01.csv"
        );
        assert_eq!(
            name(Format::Docx, Lang::En, false),
            "新江湾城街道2023年主要工作安排-progress notice-2023-09-01.docx"
        );
    }

    #[test]
    fn a_title_is_made_safe_for_windows_and_linux() {
        assert_eq!(
            safe_title("新江湾城街道2023年主要工作安排"),
            "新江湾城街道2023年主要工作安排"
        );
        assert_eq!(
            safe_title("计划<A/B>:2023? \"草案\"|*"),
            "计划_A_B__2023_ _草案___"
        );
        assert_eq!(safe_title("  ..隐藏.  "), "隐藏");
        assert_eq!(
            safe_title("两行\n标题\t\u{202e}反向\u{200b}"),
            "两行 标题 反向"
        );
        assert_eq!(safe_title("a \u{7}  b"), "a b");
        assert_eq!(safe_title("CON"), "_CON");
        assert_eq!(safe_title("nul.计划"), "_nul.计划");
        assert_eq!(safe_title("com1"), "_com1");
        assert_eq!(safe_title("LPT9 .x"), "_LPT9 .x");
        assert_eq!(safe_title("CONSOLE"), "CONSOLE");
        assert_eq!(safe_title("COM10"), "COM10");
        assert_eq!(safe_title("...."), "");
        let long = "街".repeat(300);
        assert_eq!(safe_title(&long).chars().count(), TITLE_CHARS);
        // Cut where a dot or a space would end it: trimmed again.
        let dotted = format!("{}.{}", "a".repeat(TITLE_CHARS - 1), "b".repeat(10));
        assert_eq!(safe_title(&dotted), "a".repeat(TITLE_CHARS - 1));
    }

    #[test]
    fn the_folder_is_the_variable_then_documents_then_home() {
        let documents = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let d = || Some(documents.path().to_path_buf());
        let h = || Some(home.path().to_path_buf());
        let named = choose(Some("/srv/导出".into()), d(), h());
        assert_eq!(named.path, Path::new("/srv/导出"));
        assert_eq!(named.kind, FolderKind::Named);
        assert_eq!(named.note(Lang::Zh), None);
        let docs = choose(Some("".into()), d(), h());
        assert_eq!(
            (docs.path.as_path(), docs.kind),
            (documents.path(), FolderKind::Documents)
        );
        assert_eq!(docs.note(Lang::Zh), None);
        // No Documents folder, or one that is not on disk: home, and it is said.
        let gone = documents.path().join("不存在");
        for documents in [None, Some(gone)] {
            let f = choose(None, documents, h());
            assert_eq!((f.path.as_path(), f.kind), (home.path(), FolderKind::Home));
            assert!(f.note(Lang::Zh).unwrap().contains("文档"));
        }
        let f = choose(None, None, None);
        assert_eq!(f.kind, FolderKind::Current);
        assert!(f.path.is_absolute());
    }
}
