//! `export`: the meeting handout (督办通报) and the 台账, written to a file atomically.

use std::path::PathBuf;

use super::load::load_view;
use super::{Failure, Out, say};
use crate::context::Context;
use crate::i18n;

/// What `export` writes, and where.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// md|csv|xlsx|html|docx|json (default: from the output file's extension, else xlsx)
    #[arg(long, value_enum)]
    pub format: Option<crate::export::Format>,
    /// File or folder to write, `-` for standard output; default: <plan title>-督办通报-<as
    /// of>.xlsx (or .docx) in your Documents folder (WORKPLAN_EXPORT_DIR names another;
    /// standard output for md, csv, html and json)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// One page per 责任部门 with its red and yellow tasks (md, html, docx, xlsx)
    #[arg(long)]
    pub by_owner: bool,
}

/// Writes what `args` asks for, and says where.
pub(super) fn export(ctx: &Context, args: &ExportArgs, out: Out, err: Out) -> Result<(), Failure> {
    let ExportArgs {
        format,
        output,
        by_owner,
    } = args;
    let format = crate::export::Format::choose(*format, output.as_deref())
        .ok_or_else(|| Failure(i18n::export_format_needed(ctx.lang)))?;
    let progress = load_view(ctx, err)?;
    let options = crate::export::Options {
        by_owner: *by_owner,
        author: ctx.store.user().to_string(),
    };
    let written = crate::export::export_with(
        format,
        &ctx.plan,
        &progress,
        ctx.lang,
        options,
        output.as_deref(),
        out,
    )
    .map_err(|e| Failure(i18n::export_error(ctx.lang, &e)))?;
    match written {
        Some(path) => {
            let mut words = i18n::exported(ctx.lang, &path);
            // Not in Documents, as the officer would expect: said why.
            if output.is_none()
                && let Some(note) = crate::export::default_folder().note(ctx.lang)
            {
                words.push_str(&note);
            }
            say(out, &words)
        }
        None => Ok(()),
    }
}
