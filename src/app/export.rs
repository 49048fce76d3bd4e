//! Exporting the handout from the dashboard: into a folder the officer confirms (the user's
//! Documents folder the first time, then the last one used, remembered in the settings file),
//! under a name made from the plan's title, never over an earlier export.

use std::path::{Path, PathBuf};

use super::{App, Field, FieldKind, Mode, Notice};
use crate::export::{self, Format};

impl App {
    /// Asks where to write an export in `format`, offering the last folder used (the default
    /// folder, [`export::default_folder`], before any, or when that one is gone); `back` is the
    /// meeting view page to return to.
    pub(super) fn ask_export_folder(&mut self, format: Format, back: Option<usize>) {
        if !self.export_dir.is_dir() {
            self.export_dir = export::default_folder().path;
        }
        let mut field = Field::new(
            FieldKind::ExportFolder(format),
            &self.export_dir.to_string_lossy(),
        );
        field.back = back;
        self.mode = Mode::Field(Box::new(field));
    }

    /// Writes the export into `folder` under a name not taken yet, remembers the folder, and
    /// says where it wrote.
    pub(super) fn export(&mut self, format: Format, back: Option<usize>, folder: &Path) {
        // From the meeting view listing by department, the handout is the 督办单, per department.
        let by_owner = back.is_some() && self.by_owner && format.is_handout();
        let name = export::default_file_name(
            &self.session.plan,
            &self.session.progress,
            format,
            self.lang,
            by_owner,
        );
        let dest = unused(folder, &name);
        let options = export::Options {
            by_owner,
            author: self.session.store.user().to_string(),
        };
        let result = export::export_with(
            format,
            &self.session.plan,
            &self.session.progress,
            self.lang,
            options,
            Some(&dest),
            &mut std::io::sink(),
        );
        self.notice = Some(match result {
            Ok(Some(path)) => {
                let shown = std::path::absolute(&path).unwrap_or(path);
                let mut words = crate::i18n::exported(self.lang, &shown);
                let default = export::default_folder();
                if default.path == folder
                    && let Some(note) = default.note(self.lang)
                {
                    words.push_str(&note);
                }
                self.export_dir = folder.to_path_buf();
                if let Some(settings) = &self.settings {
                    let kept =
                        crate::config::remember(settings, "export_dir", &folder.to_string_lossy());
                    if let Err(e) = kept {
                        words.push_str(&crate::i18n::folder_not_remembered(self.lang, &e));
                    }
                }
                Notice::Info(words)
            }
            Ok(None) => Notice::Info(String::new()),
            Err(e) => Notice::Error(crate::i18n::export_error(self.lang, &e)),
        });
        self.mode = Mode::back_to(back);
    }
}

/// `folder/name`, or when that is taken, `folder/stem-2.ext`, `-3`, …: an earlier export of the
/// same day is never replaced.
fn unused(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if std::fs::symlink_metadata(&first).is_err() {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.{ext}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}
