//! `log`: the history, newest last, as a table or JSON, with the events kept out marked.

use std::io::Write;

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
    let Loaded { progress, refused } = load(ctx, ctx.until, err)?;
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
        let log = LogJson {
            schema: SCHEMA,
            events: Listed {
                lang,
                progress,
                indices: &indices,
                refused,
            },
        };
        // Written as it is made: a million events are never held as JSON values at once.
        let mut w = std::io::BufWriter::new(&mut *out);
        serde_json::to_writer_pretty(&mut w, &log).map_err(|e| Failure(e.to_string()))?;
        writeln!(w).map_err(io_fail)?;
        return w.flush().map_err(io_fail);
    }
    if indices.is_empty() {
        say(out, lang.pick("（没有记录）", "(no changes)"))?;
        return refused_rows(lang, refused, out);
    }
    let header = lang.header(&[
        ("时间", "time"),
        ("用户", "user"),
        ("编号", "id"),
        ("变更", "change"),
    ]);
    // Quick percent steps of one officer on one task are one row; the JSON keeps every event.
    let entries = crate::report::history::entries(&ctx.plan, progress, &indices);
    let _wide = text::ambiguous::scope(ctx.ambiguous_wide);
    // The columns are measured in a first pass, without the words of each change; each row is
    // then made and written: a million rows are never held at once.
    let mut columns = text::Columns::default();
    columns.measure(&header);
    for entry in &entries {
        let (at, user, node) = row_head(ctx, progress, entry.shown());
        columns.measure(&[at, user, node, String::new()]);
    }
    let mut w = std::io::BufWriter::new(&mut *out);
    w.write_all(columns.line(&header).as_bytes())
        .map_err(io_fail)?;
    for entry in &entries {
        let i = entry.shown();
        let (at, user, node) = row_head(ctx, progress, i);
        let e = progress.events.event(i);
        let what = match &e.body {
            Body::Change(c) => match *entry {
                Entry::Steps {
                    from, to, count, ..
                } => i18n::describe_steps(lang, from, to, count),
                Entry::Event(_) => i18n::describe_event(lang, progress, i, c),
            },
            Body::Meeting(m) => i18n::describe_meeting(lang, m.title.as_deref()),
            Body::Moved(m) => i18n::describe_moved(lang, m),
        };
        w.write_all(columns.line(&[at, user, node, what]).as_bytes())
            .map_err(io_fail)?;
    }
    w.flush().map_err(io_fail)?;
    drop(w);
    refused_rows(lang, refused, out)
}

/// The first cells of event `i`'s row: when, by whom, and on which task (its id now, when the
/// change is on a task of the plan).
fn row_head(ctx: &Context, progress: &Progress, i: usize) -> (String, String, String) {
    let e = progress.events.event(i);
    let node = match (&e.body, progress.targets.get(i)) {
        (Body::Change(_), Some(n)) => ctx.plan.nodes()[n].id.clone(),
        (Body::Change(c), None) => c.node.to_string(),
        _ => String::new(),
    };
    (rfc3339(e.at), e.user.to_string(), node)
}

/// The listed events and the refused ones, each made into its JSON object as it is written.
struct Listed<'a> {
    lang: Lang,
    progress: &'a Progress,
    indices: &'a [usize],
    refused: &'a [Refused],
}

impl serde::Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let events = self.indices.iter().map(|&i| Row::Event(self, i));
        let refused = self.refused.iter().map(|r| Row::Refused(self.lang, r));
        s.collect_seq(events.chain(refused))
    }
}

/// One object of the JSON history.
enum Row<'a> {
    /// A listed event, with the events it conflicts with.
    Event(&'a Listed<'a>, usize),
    /// An event kept out of the state, with why.
    Refused(Lang, &'a Refused),
}

impl serde::Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let value = match self {
            Row::Event(listed, i) => {
                let progress = listed.progress;
                let e = progress.events.event(*i);
                let mut v = serde_json::to_value(&e).map_err(S::Error::custom)?;
                at_with_offset(&mut v, &e);
                let with: Vec<String> = progress
                    .conflicts_of(*i)
                    .into_iter()
                    .map(|j| progress.events.event(j).id.to_string())
                    .collect();
                if let (Some(map), false) = (v.as_object_mut(), with.is_empty()) {
                    map.insert("conflicts_with".into(), with.into());
                }
                v
            }
            Row::Refused(lang, r) => {
                let mut v = serde_json::to_value(&r.event).map_err(S::Error::custom)?;
                at_with_offset(&mut v, &r.event);
                if let Some(map) = v.as_object_mut() {
                    let words = i18n::journal_warning(*lang, &r.warning());
                    map.insert("refused".into(), words.into());
                }
                v
            }
        };
        value.serialize(s)
    }
}

/// The history as `log --format json` writes it.
#[derive(serde::Serialize)]
struct LogJson<'a> {
    schema: u32,
    events: Listed<'a>,
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
