//! Exporting the 台账 from the dashboard into the folder it was started in.

use super::{App, Mode, Notice};
use crate::export::{self, Format};

impl App {
    /// Writes the export next to where the dashboard was started, and says where.
    pub(super) fn export(&mut self, format: Format, back: Option<usize>) {
        let result = export::export(
            format,
            &self.plan,
            &self.progress,
            self.lang,
            Some(&self.export_dir),
            &mut std::io::sink(),
        );
        self.notice = Some(match result {
            Ok(Some(path)) => {
                let shown = std::path::absolute(&path).unwrap_or(path);
                Notice::Info(crate::i18n::exported(self.lang, &shown))
            }
            Ok(None) => Notice::Info(String::new()),
            Err(e) => Notice::Error(crate::i18n::export_error(self.lang, &e)),
        });
        self.mode = back.map_or(Mode::Normal, |page| Mode::Meeting { page });
    }
}
