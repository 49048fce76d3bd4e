//! `undo`: reverses this officer's latest change (its history is kept).

use super::load::load_progress;
use super::save::{known_user, save_told};
use super::{Failure, Out};
use crate::context::Context;
use crate::edit;
use crate::i18n;
use crate::journal::Change;
use crate::progress;

/// Reverses the latest change of the officer making it.
pub(super) fn undo(ctx: &Context, out: Out, err: Out) -> Result<(), Failure> {
    known_user(ctx)?;
    let progress = load_progress(ctx, err)?;
    let mut events = edit::undo(&ctx.plan, &progress, ctx.store.user())
        .map_err(|e| Failure(i18n::edit_error(ctx.lang, &e)))?;
    edit::mark_seen(&ctx.plan, &*progress, &mut events);
    // An undo of a note says which note it took back.
    let original = |c: &Change| {
        let n = progress::target::current(&ctx.plan, c)?;
        progress.change_of(n, c.undoes?)
    };
    save_told(ctx, &events, out, &|c| {
        i18n::describe_taken_back(ctx.lang, c, original(c).as_ref())
    })
}
