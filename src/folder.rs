//! The data folder: a named one must be there (a drive that is not connected must not look
//! like an empty plan), and one chosen by `workplan init` must be writable and kept apart from
//! the program.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::i18n::{self, Lang};

/// Where this computer keeps its copy of the events it has read (`WORKPLAN_CACHE_DIR`, else the
/// platform's cache folder); an empty `WORKPLAN_CACHE_DIR` turns the copy off.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("WORKPLAN_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => {
            directories::ProjectDirs::from("", "", "workplan").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

/// The platform's data folder for workplan.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "workplan").map(|d| d.data_local_dir().to_path_buf())
}

/// Whether `dir` is the platform's own data folder, which is made on first use.
pub fn is_default(dir: &Path) -> bool {
    default_data_dir().is_some_and(|d| d == dir)
}

/// Whether what `store` writes goes to this computer's own folder because no data folder was
/// ever chosen (none in the settings: `workplan init` was not run): colleagues do not see it.
pub fn unchosen(store: &crate::journal::Store) -> bool {
    is_default(store.data_dir())
        && crate::config::load(Lang::En).is_ok_and(|c| c.data_dir.is_none())
}

/// Whether the next change through `store` is the first this writer saves in this computer's
/// own folder, no data folder having been chosen: it then says where it went and how to share.
pub fn first_unshared_save(store: &crate::journal::Store) -> bool {
    !store.user().is_empty() && !store.own_file().exists() && unchosen(store)
}

/// Refuses a data folder that is not there, unless it is the platform's own, in one line that
/// names it.
pub fn require_folder(lang: Lang, dir: &Path) -> Result<(), String> {
    if dir.is_dir() || is_default(dir) {
        Ok(())
    } else if dir.exists() {
        Err(i18n::folder_is_a_file(lang, dir))
    } else {
        Err(i18n::folder_missing(lang, dir))
    }
}

/// The folder the running program is in.
pub fn program_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    exe.parent().map(Path::to_path_buf)
}

/// `path` made absolute with links resolved as far as it exists, the rest as written; for
/// comparing a folder that may not be there yet.
fn resolved(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = path.components().collect();
    for n in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..n].iter().collect();
        if let Ok(real) = head.canonicalize() {
            // What is not there holds no links: its `..` and `.` are read as written.
            return parts[n..].iter().fold(real, |mut p, c| {
                match c {
                    Component::ParentDir => {
                        p.pop();
                    }
                    Component::CurDir => {}
                    c => p.push(c),
                }
                p
            });
        }
    }
    path
}

/// Whether `dir` is `program` or inside it.
pub fn is_inside(dir: &Path, program: &Path) -> bool {
    resolved(dir).starts_with(resolved(program))
}

/// Checks that a file can be made, written and removed in `dir`.
pub fn check_writable(dir: &Path) -> io::Result<()> {
    let probe = dir.join(format!(".workplan-init-{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut f| f.write_all(b"workplan").and_then(|()| f.sync_all()));
    let removed = std::fs::remove_file(&probe);
    written.and(removed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_named_folder_must_be_there() {
        let dir = tempfile::tempdir().unwrap();
        assert!(require_folder(Lang::Zh, dir.path()).is_ok());
        let gone = dir.path().join("工作台帐");
        let e = require_folder(Lang::Zh, &gone).unwrap_err();
        assert!(e.starts_with("共享文件夹不存在或未连接："), "{e}");
        assert!(e.contains("工作台帐"), "{e}");
        assert!(!gone.exists());
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert!(require_folder(Lang::En, &file).is_err());
    }

    #[test]
    fn inside_the_program_folder() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("workplan");
        std::fs::create_dir(&program).unwrap();
        assert!(is_inside(&program.join("data"), &program));
        assert!(is_inside(&program.join("a").join("b"), &program));
        assert!(is_inside(&program, &program));
        assert!(!is_inside(&dir.path().join("workplan-data"), &program));
        assert!(!is_inside(dir.path(), &program));
        // Through `..`, the folder is still the program's.
        assert!(is_inside(&program.join("x").join("..").join("d"), &program));
        let out = program.join("x").join("..").join("..").join("d");
        assert!(!is_inside(&out, &program));
    }

    #[test]
    fn a_writable_folder_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        check_writable(dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(check_writable(&dir.path().join("missing")).is_err());
    }
}
