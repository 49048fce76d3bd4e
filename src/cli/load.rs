//! How a command reads the record: the dashboard's own read and fold ([`Reading::load`]), in
//! line, with what it had to tell written as warnings.

use std::mem::ManuallyDrop;

use super::{Failure, Out, io_fail, say};
use crate::context::Context;
use crate::i18n;
use crate::journal::Refused;
use crate::progress::Progress;
use crate::session::{Keep, Reading};

/// Warns of the changes kept out of the state (`misplaced`, first) and of those to ids the
/// plan does not have (`orphans`), each named by the id it was written for.
pub(super) fn warn_aside(
    ctx: &Context,
    misplaced: &[impl AsRef<str>],
    orphans: &[impl AsRef<str>],
    err: Out,
) -> Result<(), Failure> {
    let misplaced = i18n::misplaced_warning(ctx.lang, misplaced);
    for w in misplaced
        .into_iter()
        .chain(i18n::progress_warnings(ctx.lang, orphans))
    {
        say(err, &w)?;
    }
    Ok(())
}

/// Reads the journal and folds all of it, reporting skipped lines on `err`: what a change is
/// made against.
pub(crate) fn load_progress(ctx: &Context, err: Out) -> Result<ManuallyDrop<Progress>, Failure> {
    load(ctx, None, err).map(|l| l.progress)
}

/// Reads the journal and folds it as it stood at the as-of date, for showing.
pub(super) fn load_view(ctx: &Context, err: Out) -> Result<ManuallyDrop<Progress>, Failure> {
    load(ctx, ctx.until, err).map(|l| l.progress)
}

/// A folded journal, and what its read had to tell.
pub(super) struct Loaded {
    pub progress: ManuallyDrop<Progress>,
    /// The events kept out of the state, for the history to show.
    pub refused: Vec<Refused>,
}

/// Reads the journal and folds what came before `until`, reporting skipped lines and events
/// left out on `err`: the dashboard's own read ([`Reading::load`]), done in line; with
/// the folded snapshot kept, so that the next `status`, `set` or `meeting` need not read every
/// event again.
pub(super) fn load(
    ctx: &Context,
    until: Option<jiff::Timestamp>,
    err: Out,
) -> Result<Loaded, Failure> {
    let reading = Reading {
        plan: &ctx.plan,
        store: &ctx.store,
        lang: ctx.lang,
        today: ctx.today,
        until,
        keep_folded: true,
    };
    let mut loaded = reading.load(&[]);
    if let Some(words) = loaded.after.take().and_then(Keep::run) {
        loaded.warnings.push(words);
    }
    let Some(progress) = loaded.progress else {
        return Err(Failure(loaded.warnings.join("\n")));
    };
    for w in &loaded.warnings {
        say(err, w)?;
    }
    warn_aside(ctx, &progress.misplaced_ids(), &progress.orphan_ids(), err)?;
    if progress.hidden > 0 {
        let note = i18n::hidden_later(ctx.lang, progress.hidden);
        writeln!(
            err,
            "{} {}{note}",
            i18n::term(ctx.lang, i18n::Term::AsOf),
            ctx.today
        )
        .map_err(io_fail)?;
    }
    Ok(Loaded {
        progress: ManuallyDrop::new(progress),
        refused: loaded.refused,
    })
}
