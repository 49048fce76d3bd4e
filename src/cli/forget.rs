//! `forget`: drops from this computer's copy the events of a journal file gone from the folder.

use std::path::Path;

use super::{Failure, Out, say};
use crate::context::Context;
use crate::i18n;

/// Forgets what this computer kept of the journal file `file`, and says how much.
pub(super) fn forget(ctx: &Context, file: &Path, out: Out) -> Result<(), Failure> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words = match ctx.store.forget_local(&name) {
        None => i18n::no_local_copy(ctx.lang),
        Some(Ok(n)) => i18n::forgotten(ctx.lang, n, &name),
        Some(Err(e)) => return Err(Failure(e.to_string())),
    };
    say(out, &words)
}
