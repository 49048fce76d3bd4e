//! `log`: the history, newest last, as a table or JSON, with the events kept out marked.

use super::load::{Loaded, load};
use super::{Failure, Format, Out, io_fail, say};
use crate::context::{Context, parse_date};
use crate::i18n::{self, Lang};
use crate::journal::{Body, Event, Refused};
use crate::progress::Progress;
use crate::report::history::Entry;
use crate::report::{SCHEMA, rfc3339};
use crate::text;

/// Which changes `log` lists, and how.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only changes on or after this date (YYYY-MM-DD)
    #[arg(long, conflicts_with = "since_meeting")]
    pub since: Option<String>,
    /// Only changes since the last meeting checkpoint
    #[arg(long)]
    pub since_meeting: bool,
    /// Only changes to this node and the nodes under it
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Lists the changes `args` asks for.
pub(super) fn log_command(
    ctx: &Context,
    args: &LogArgs,
    out: Out,
    err: Out,
) -> Result<(), Failure> {
    let Loaded { progress, refused } = load(ctx, ctx.until, false, err)?;
    log(
        ctx,
        &progress,
        &refused,
        args.since.as_deref(),
        args.since_meeting,
        &args.id,
        args.format,
        out,
    )
}

#[allow(clippy::too_many_arguments)]
fn log(
    ctx: &Context,
    progress: &Progress,
    refused: &[Refused],
    since: Option<&str>,
    since_meeting: bool,
    id: &Option<String>,
    format: Format,
    out: Out,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let since = match since {
        Some(s) => Some(parse_date(lang, "--since", s, ctx.plan.plan.year).map_err(Failure)?),
        None => None,
    };
    let first = if since_meeting {
        progress.meetings.last().map_or(0, |&m| m + 1)
    } else {
        0
    };
    let tz = crate::clock::zone();
    // Which events are listed, as indices: each is decoded again where it is written, so that a
    // long history is never held decoded whole.
    let shown = |i: usize, e: &Event| {
        since.is_none_or(|d| e.at.to_zoned_datetime(tz.clone()).date() >= d)
            && match (id, e.change()) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(id), Some(c)) => {
                    // The task's id now, when the change is on a task of the plan.
                    let node = match progress.targets.get(i) {
                        Some(n) => ctx.plan.nodes()[n].id.as_str(),
                        None => c.node.as_str(),
                    };
                    node == id
                        || node
                            .strip_prefix(id.as_str())
                            .is_some_and(|r| r.starts_with('.'))
                }
            }
    };
    let indices: Vec<usize> = (first..progress.events.len())
        .filter(|&i| shown(i, &progress.events.event(i)))
        .collect();
    if format == Format::Json {
        let entries = indices
            .iter()
            .map(|&i| {
                let e = progress.events.event(i);
                let mut v = serde_json::to_value(&e)?;
                at_with_offset(&mut v, &e);
                let with: Vec<String> = progress
                    .conflicts_of(i)
                    .into_iter()
                    .map(|j| progress.events.event(j).id.to_string())
                    .collect();
                if let (Some(map), false) = (v.as_object_mut(), with.is_empty()) {
                    map.insert("conflicts_with".into(), with.into());
                }
                Ok(v)
            })
            .chain(refused.iter().map(|r| {
                let mut v = serde_json::to_value(&r.event)?;
                at_with_offset(&mut v, &r.event);
                if let Some(map) = v.as_object_mut() {
                    let words = i18n::journal_warning(lang, &r.warning());
                    map.insert("refused".into(), words.into());
                }
                Ok(v)
            }))
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(|e| Failure(e.to_string()))?;
        let log = LogJson {
            schema: SCHEMA,
            events: entries,
        };
        let json = serde_json::to_string_pretty(&log).map_err(|e| Failure(e.to_string()))?;
        return writeln!(out, "{json}").map_err(io_fail);
    }
    if indices.is_empty() {
        say(out, lang.pick("（没有记录）", "(no changes)"))?;
        return refused_rows(lang, refused, out);
    }
    let mut rows = vec![lang.header(&[
        ("时间", "time"),
        ("用户", "user"),
        ("编号", "id"),
        ("变更", "change"),
    ])];
    // Quick percent steps of one officer on one task are one row; the JSON keeps every event.
    for entry in crate::report::history::entries(&ctx.plan, progress, &indices) {
        let i = entry.shown();
        let e = progress.events.event(i);
        let (node, what) = match &e.body {
            Body::Change(c) => {
                let node = match progress.targets.get(i) {
                    Some(n) => ctx.plan.nodes()[n].id.clone(),
                    None => c.node.to_string(),
                };
                let what = match entry {
                    Entry::Steps {
                        from, to, count, ..
                    } => i18n::describe_steps(lang, from, to, count),
                    Entry::Event(_) => i18n::describe_event(lang, progress, i, c),
                };
                (node, what)
            }
            Body::Meeting(m) => (
                String::new(),
                i18n::describe_meeting(lang, m.title.as_deref()),
            ),
            Body::Moved(m) => (String::new(), i18n::describe_moved(lang, m)),
        };
        rows.push(vec![rfc3339(e.at), e.user.to_string(), node, what]);
    }
    let table = {
        let _wide = text::ambiguous::scope(ctx.ambiguous_wide);
        text::table(&rows, &[])
    };
    write!(out, "{table}").map_err(io_fail)?;
    refused_rows(lang, refused, out)
}

/// The history as `log --format json` writes it.
#[derive(serde::Serialize)]
struct LogJson {
    schema: u32,
    events: Vec<serde_json::Value>,
}

/// An event's time in the JSON history as everywhere else: RFC 3339 with this computer's offset.
fn at_with_offset(v: &mut serde_json::Value, e: &Event) {
    if let Some(map) = v.as_object_mut() {
        map.insert("at".into(), rfc3339(e.at).into());
    }
}

/// The events kept out of the state, marked, after the history: what they claim and why.
fn refused_rows(lang: Lang, refused: &[Refused], out: Out) -> Result<(), Failure> {
    if refused.is_empty() {
        return Ok(());
    }
    say(out, "")?;
    say(out, i18n::refused_heading(lang))?;
    for r in refused {
        let what = i18n::describe_body(lang, &r.event.body, &|c| i18n::describe_change(lang, c));
        say(
            out,
            &format!("✗ {}  {}  {what}", rfc3339(r.event.at), r.event.user),
        )?;
        say(
            out,
            &format!("    {}", i18n::journal_warning(lang, &r.warning())),
        )?;
    }
    Ok(())
}
