//! Writing a command's events: durably, then said.

use super::{Failure, Out, say};
use crate::context::Context;
use crate::i18n;
use crate::journal::{Change, Event};

/// Refuses to change anything when no one is known to be making the change.
pub(super) fn known_user(ctx: &Context) -> Result<(), Failure> {
    match ctx.store.user() {
        "" => Err(Failure(i18n::no_user(ctx.lang).to_string())),
        _ => Ok(()),
    }
}

/// Appends events durably, then says what was saved. Once saved, the change stands: a
/// confirmation that cannot be printed (standard output closed or full) is not a failure, so a
/// script that retries on failure does not record it twice.
pub(super) fn save(ctx: &Context, events: &[Event], out: Out) -> Result<(), Failure> {
    save_told(ctx, events, out, &|c| i18n::describe_change(ctx.lang, c))
}

/// [`save`], each change said by `describe`.
pub(super) fn save_told(
    ctx: &Context,
    events: &[Event],
    out: Out,
    describe: &dyn Fn(&Change) -> String,
) -> Result<(), Failure> {
    known_user(ctx)?;
    let first_unshared = crate::folder::first_unshared_save(&ctx.store);
    ctx.store
        .append(events)
        .map_err(|e| Failure(i18n::journal_error(ctx.lang, &e)))?;
    let saved = ctx.lang.pick("已保存", "saved");
    for e in events {
        let what = i18n::describe_body(ctx.lang, &e.body, describe);
        let _ = say(out, &format!("{saved}: {what}"));
    }
    if first_unshared {
        let _ = say(out, &i18n::saved_unshared(ctx.lang, &ctx.store.own_file()));
    }
    if ctx.until.is_some() {
        // --today of a past day only changes what is shown: say that this was recorded now.
        let _ = say(out, i18n::recorded_now(ctx.lang));
    }
    ctx.store.settle();
    Ok(())
}
