//! `set`: a change to one task, or to every task of an item or area, made against the record
//! as it stands and saved durably.

use super::load::load_progress;
use super::request::set_request;
use super::save::save;
use super::{Failure, Out, say};
use crate::context::Context;
use crate::edit;
use crate::i18n;

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
    let progress = load_progress(ctx, err)?;
    match edit::leave_out_unchanged(&ctx.plan, &progress, &mut events) {
        Ok(()) => {}
        // Asked again, already so: a script that runs twice has nothing to fail.
        Err(e @ edit::EditError::AlreadySo) => {
            return say(out, &format!("{id}: {}", i18n::edit_error(ctx.lang, &e)));
        }
        Err(e) => return Err(Failure(i18n::edit_error(ctx.lang, &e))),
    }
    edit::mark_seen(&ctx.plan, &progress, &mut events);
    save(ctx, &events, out)?;
    if let Some(far) = far {
        let _ = say(err, &far);
    }
    Ok(())
}
