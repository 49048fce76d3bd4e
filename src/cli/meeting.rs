//! `meeting`: records a meeting checkpoint, what the next meeting's handout counts from.

use super::load::load_progress;
use super::save::save;
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
    let progress = load_progress(ctx, err)?;
    let mut events = [edit::meeting(ctx.store.user(), title)];
    edit::mark_seen(&ctx.plan, &progress, &mut events);
    save(ctx, &events, out)
}
