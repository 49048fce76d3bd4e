//! Failures to write or list the journal, with the path and the step that failed.

use std::io;
use std::path::{Path, PathBuf};

/// The step of a [`JournalError`] when a shared data folder is not there to write in.
pub const DATA_DIR_GONE: &str = "open folder";

/// A failure to write or list the journal, with the path and the step that failed.
#[derive(Debug, thiserror::Error)]
#[error("{op} {path}: {source}")]
pub struct JournalError {
    pub op: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Turns an I/O error at `op` on `path` into a [`JournalError`].
pub(super) fn err<'a>(
    op: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> JournalError + 'a {
    move |source| JournalError {
        op,
        path: path.to_path_buf(),
        source,
    }
}
