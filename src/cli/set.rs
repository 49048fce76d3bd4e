//! `set`: a change to one task, or to every task of an item or area, made against the record
//! as it stands and saved durably.

use std::mem::ManuallyDrop;

use super::load::{load_progress, warn_aside};
use super::request::set_request;
use super::save::save;
use super::{Failure, Out, say};
use crate::context::Context;
use crate::edit::{self, Known};
use crate::folded;
use crate::i18n;
use crate::journal::Event;
use crate::progress::digest::Aside;
use crate::progress::{Digest, Progress};

/// What `set` changes.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// Node id, e.g. 1.1.1
    pub id: String,
    /// not_started|in_progress|done|blocked, or 未启动|推进中|已完成|受阻
    #[arg(long)]
    pub status: Option<String>,
    /// 0 to 100
    #[arg(long, allow_negative_numbers = true)]
    pub percent: Option<String>,
    /// A progress note (进展情况)
    #[arg(long)]
    pub note: Option<String>,
    /// Responsible department (责任部门); "" clears it
    #[arg(long)]
    pub owner: Option<String>,
    /// Due date (完成时限), e.g. 2023-09-30, 2023/9/30, 9月30日
    #[arg(long)]
    pub due: Option<String>,
}

/// Makes the change `args` asks for.
pub(super) fn set(ctx: &Context, args: &SetArgs, out: Out, err: Out) -> Result<(), Failure> {
    let SetArgs {
        id,
        status,
        percent,
        note,
        owner,
        due,
    } = args;
    let req = set_request(
        ctx.lang,
        ctx.plan.plan.year,
        status,
        percent,
        note,
        owner,
        due,
    )?;
    let year = ctx.plan.plan.year;
    let far = req
        .due
        .filter(|d| (i32::from(d.year()) - year).abs() > 1)
        .map(|d| i18n::far_due(ctx.lang, d, year, false));
    let mut events = edit::set(&ctx.plan, id, &req, ctx.store.user())
        .map_err(|e| Failure(i18n::edit_error(ctx.lang, &e)))?;
    let made = match known(ctx, err)? {
        Against::Digest(digest) => against(ctx, &digest, &mut events),
        Against::Fold(progress) => against(ctx, &**progress, &mut events),
    };
    match made {
        Ok(()) => {}
        // Asked again, already so: a script that runs twice has nothing to fail.
        Err(e @ edit::EditError::AlreadySo) => {
            return say(out, &format!("{id}: {}", i18n::edit_error(ctx.lang, &e)));
        }
        Err(e) => return Err(Failure(i18n::edit_error(ctx.lang, &e))),
    }
    save(ctx, &events, out)?;
    if let Some(far) = far {
        let _ = say(err, &far);
    }
    Ok(())
}

/// What a change is made against: the folded snapshot's digest when it can be trusted (no
/// event read again), else a fold of every event.
pub(super) enum Against {
    Digest(Digest),
    Fold(Box<ManuallyDrop<Progress>>),
}

/// The state a change is made against, warning on `err` of what the read had to tell.
pub(super) fn known(ctx: &Context, err: Out) -> Result<Against, Failure> {
    match folded::digest(&ctx.store, &ctx.plan) {
        Some(digest) => {
            let ids = |list: &[Aside]| list.iter().map(|a| a.node.to_string()).collect::<Vec<_>>();
            warn_aside(ctx, &ids(&digest.misplaced), &ids(&digest.orphans), err)?;
            Ok(Against::Digest(digest))
        }
        None => load_progress(ctx, err).map(|p| Against::Fold(Box::new(p))),
    }
}

/// Leaves out of `events` what would change nothing, and marks what each saw.
fn against(
    ctx: &Context,
    known: &impl Known,
    events: &mut Vec<Event>,
) -> Result<(), edit::EditError> {
    edit::leave_out_unchanged(&ctx.plan, known, events)?;
    edit::mark_seen(&ctx.plan, known, events);
    Ok(())
}
