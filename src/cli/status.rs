//! `status`: the state of every node as a table or JSON, from the folded snapshot when it
//! holds.

use std::mem::ManuallyDrop;

use super::load::{Loaded, load, warn_aside};
use super::{Failure, Format, Out, io_fail, say};
use crate::context::Context;
use crate::export;
use crate::folded;
use crate::i18n;
use crate::plan::Level;
use crate::progress::Folded;
use crate::report::StatusReport;
use crate::text;

/// `status`: from the folded snapshot when the folder has only grown since it was kept (what
/// was appended folded in), else from a whole fold, which keeps the snapshot anew. A past day
/// is always folded whole.
pub(super) fn status_command(
    ctx: &Context,
    format: Format,
    out: Out,
    err: Out,
) -> Result<(), Failure> {
    let (_, kept) = folded::open(&ctx.store, &ctx.plan, ctx.until, ctx.today);
    if let Some(folded) = kept {
        // Left for the system to take back at exit, as the plan is.
        let folded = ManuallyDrop::new(folded);
        warn_aside(ctx, &folded.misplaced_ids(), &folded.orphan_ids(), err)?;
        return status(ctx, &folded, format, out);
    }
    let Loaded { progress, .. } = load(ctx, ctx.until, err)?;
    let folded = ManuallyDrop::new(Folded::of(&ctx.plan, &progress));
    status(ctx, &folded, format, out)
}

pub(super) fn status(
    ctx: &Context,
    folded: &Folded,
    format: Format,
    out: Out,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    if format == Format::Json {
        let report = ManuallyDrop::new(StatusReport::new(&ctx.plan, folded, lang));
        return export::json::write(&report, out).map_err(|e| Failure(e.to_string()));
    }
    let o = &folded.overall;
    let head = format!(
        "{}  {} {}  {} {}%",
        ctx.plan.plan.title,
        lang.pick("截至", "as of"),
        folded.as_of,
        lang.pick("总体", "overall"),
        i18n::format_percent(o.percent)
    );
    say(out, &head)?;
    say(out, &i18n::summary(lang, &o.counts))?;
    if let Some(w) = i18n::misplaced_warning(lang, &folded.misplaced_ids()) {
        say(out, &w)?;
    }
    say(out, "")?;
    let mut rows = vec![lang.header(&[
        ("编号", "id"),
        ("名称", "title"),
        ("状态", "status"),
        ("完成率", "percent"),
        ("灯", "light"),
        ("责任部门", "owner"),
        ("完成时限", "due"),
    ])];
    for (i, node) in ctx.plan.nodes().iter().enumerate() {
        let s = &folded.nodes[i];
        let indent = match node.level {
            Level::Area => "",
            Level::Item => "  ",
            Level::Task => "    ",
        };
        rows.push(vec![
            node.id.clone(),
            text::ellipsize(&format!("{indent}{}", node.text), 40),
            i18n::status(lang, s.status).to_string(),
            format!("{}%", i18n::format_percent(s.percent)),
            i18n::light(lang, s.light).to_string(),
            s.owner.clone().unwrap_or_default(),
            if node.level == Level::Task {
                s.due.to_string()
            } else {
                String::new()
            },
        ]);
    }
    let table = {
        let _wide = text::ambiguous::scope(ctx.ambiguous_wide);
        text::table(&rows, &[false, false, false, true, false, false, false])
    };
    write!(out, "{table}").map_err(io_fail)?;
    Ok(())
}
