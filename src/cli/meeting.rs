//! `meeting`: records a meeting checkpoint, what the next meeting's handout counts from.

use super::save::save;
use super::set::{Against, known};
use super::{Failure, Out};
use crate::context::Context;
use crate::edit;

/// Records a checkpoint, titled `title` when it has words.
pub(super) fn meeting(
    ctx: &Context,
    title: Option<&str>,
    out: Out,
    err: Out,
) -> Result<(), Failure> {
    let title = title.filter(|t| !t.trim().is_empty()).map(str::to_string);
    let mut events = [edit::meeting(ctx.store.user(), title)];
    match known(ctx, err)? {
        Against::Digest(digest) => edit::mark_seen(&ctx.plan, &digest, &mut events),
        Against::Fold(progress) => edit::mark_seen(&ctx.plan, &**progress, &mut events),
    }
    save(ctx, &events, out)
}
