//! The commands that are not the dashboard: status, set, log, undo, meeting, export, check.

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::context::{Context, Global, parse_date};
use crate::edit;
use crate::export;
use crate::folded;
use crate::i18n::{self, Lang};
use crate::journal::{Body, Change, Event, Refused};
use crate::plan::{Level, LoadedPlan};
use crate::progress::{self, Folded, Progress};
use crate::report::history::Entry;
use crate::report::{SCHEMA, StatusReport, rfc3339};
use crate::session::Reading;
use crate::text;

mod carry;
mod completions;
mod help;
mod parse_error;
mod plan_cmd;
mod plan_file;
mod quiet;
pub(crate) mod replan;
mod request;

pub use completions::Shell;
pub use help::{command, parse_from, parse_or_exit};
pub use quiet::Quiet;
use request::set_request;

pub mod init;
mod place;

/// Track the work plan: dashboard, command line and exports.
#[derive(Debug, Parser)]
#[command(name = "workplan", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Table for people, JSON for programs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// What to do instead of opening the dashboard.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up this computer: your name, the shared folder and the language.
    Init(init::InitArgs),
    /// Show where the plan, the data folder, your journal, the settings and the local copy are.
    Where {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show the state of every area, item and task.
    Status {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Change a task (or every task of an item or area).
    Set {
        /// Node id, e.g. 1.1.1
        id: String,
        /// not_started|in_progress|done|blocked, or 未启动|推进中|已完成|受阻
        #[arg(long)]
        status: Option<String>,
        /// 0 to 100
        #[arg(long, allow_negative_numbers = true)]
        percent: Option<String>,
        /// A progress note (进展情况)
        #[arg(long)]
        note: Option<String>,
        /// Responsible department (责任部门); "" clears it
        #[arg(long)]
        owner: Option<String>,
        /// Due date (完成时限), e.g. 2023-09-30, 2023/9/30, 9月30日
        #[arg(long)]
        due: Option<String>,
    },
    /// Show the history of changes.
    Log {
        /// Only changes on or after this date (YYYY-MM-DD)
        #[arg(long, conflicts_with = "since_meeting")]
        since: Option<String>,
        /// Only changes since the last meeting checkpoint
        #[arg(long)]
        since_meeting: bool,
        /// Only changes to this node and the nodes under it
        #[arg(long)]
        id: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Reverse your latest change (history is kept).
    Undo,
    /// Record a meeting checkpoint.
    Meeting {
        #[arg(long)]
        title: Option<String>,
    },
    /// Write the meeting handout (督办通报) and the 台账 to a file (written atomically).
    Export {
        /// md|csv|xlsx|html|docx|json (default: from the output file's extension, else xlsx)
        #[arg(long, value_enum)]
        format: Option<export::Format>,
        /// File or folder to write, `-` for standard output; default: <plan title>-督办通报-<as
        /// of>.xlsx (or .docx) in your Documents folder (WORKPLAN_EXPORT_DIR names another;
        /// standard output for md, csv, html and json)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// One page per 责任部门 with its red and yellow tasks (md, html, docx, xlsx)
        #[arg(long)]
        by_owner: bool,
    },
    /// Validate a plan file (default: the plan in use).
    Check { file: Option<PathBuf> },
    /// Drop from this computer's copy the events of a journal file that are gone from the
    /// shared folder (named in the warnings); what the file still holds stays.
    Forget {
        /// The journal file, e.g. 李强.jsonl
        file: PathBuf,
    },
    /// Make a plan from a report or a 台账 (import), or print the plan in use (show).
    Plan {
        #[command(subcommand)]
        command: plan_cmd::PlanCommand,
    },
    /// Print the completion script for a shell (bash, zsh, fish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff), for packaging.
    #[command(hide = true)]
    Manpage,
}

/// A command failed; the message is already in the user's language.
#[derive(Debug)]
pub struct Failure(pub String);

type Out<'a> = &'a mut dyn Write;

fn io_fail(e: std::io::Error) -> Failure {
    Failure(e.to_string())
}

/// Writes one line for people, through the sanitiser: whatever a journal or a plan file put in
/// it, no control character reaches the terminal.
fn say(out: Out, line: &str) -> Result<(), Failure> {
    writeln!(out, "{}", text::sanitize(line)).map_err(io_fail)
}

/// Runs one command, writing its output to `out` and warnings to `err`.
pub fn run(global: &Global, command: &Command, out: Out, err: Out) -> Result<(), Failure> {
    match command {
        Command::Check { file } => return check(global, file.as_ref(), out),
        Command::Plan { command } => return plan_cmd::run(global, command, out, err),
        Command::Init(args) => {
            let typed = std::io::IsTerminal::is_terminal(&std::io::stdin());
            return init::run(global, args, &mut std::io::stdin().lock(), typed, out);
        }
        Command::Where { format } => return place::run(global, *format, out),
        Command::Completions { shell } => return completions::completions(*shell, out),
        Command::Manpage => return completions::manpage(out),
        _ => {}
    }
    // A command runs once in its process: the plan and the state it loads (hundreds of
    // megabytes for a city's plan) are left for the system to take back at exit, not freed
    // piece by piece.
    let ctx = ManuallyDrop::new(Context::load(global).map_err(Failure)?);
    match command {
        Command::Init(_) | Command::Where { .. } => Ok(()),
        Command::Status { format } => status_command(&ctx, *format, out, err),
        Command::Set {
            id,
            status,
            percent,
            note,
            owner,
            due,
        } => {
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
            let progress = load_progress(&ctx, err)?;
            match edit::leave_out_unchanged(&ctx.plan, &progress, &mut events) {
                Ok(()) => {}
                // Asked again, already so: a script that runs twice has nothing to fail.
                Err(e @ edit::EditError::AlreadySo) => {
                    return say(out, &format!("{id}: {}", i18n::edit_error(ctx.lang, &e)));
                }
                Err(e) => return Err(Failure(i18n::edit_error(ctx.lang, &e))),
            }
            edit::mark_seen(&ctx.plan, &progress, &mut events);
            save(&ctx, &events, out)?;
            if let Some(far) = far {
                let _ = say(err, &far);
            }
            Ok(())
        }
        Command::Log {
            since,
            since_meeting,
            id,
            format,
        } => {
            let Loaded {
                progress, refused, ..
            } = load(&ctx, ctx.until, err)?;
            log(
                &ctx,
                &progress,
                &refused,
                since.as_deref(),
                *since_meeting,
                id,
                *format,
                out,
            )
        }
        Command::Undo => {
            known_user(&ctx)?;
            let progress = load_progress(&ctx, err)?;
            let mut events = edit::undo(&ctx.plan, &progress, ctx.store.user())
                .map_err(|e| Failure(i18n::edit_error(ctx.lang, &e)))?;
            edit::mark_seen(&ctx.plan, &progress, &mut events);
            // An undo of a note says which note it took back.
            let original = |c: &Change| {
                let n = progress::target::current(&ctx.plan, c)?;
                progress.change_of(n, c.undoes?)
            };
            save_told(&ctx, &events, out, &|c| {
                i18n::describe_taken_back(ctx.lang, c, original(c).as_ref())
            })
        }
        Command::Meeting { title } => {
            let title = title.clone().filter(|t| !t.trim().is_empty());
            let progress = load_progress(&ctx, err)?;
            let mut events = [edit::meeting(ctx.store.user(), title)];
            edit::mark_seen(&ctx.plan, &progress, &mut events);
            save(&ctx, &events, out)
        }
        Command::Export {
            format,
            output,
            by_owner,
        } => {
            let format = export::Format::choose(*format, output.as_deref())
                .ok_or_else(|| Failure(i18n::export_format_needed(ctx.lang)))?;
            let progress = load_view(&ctx, err)?;
            let options = export::Options {
                by_owner: *by_owner,
                author: ctx.store.user().to_string(),
            };
            let written = export::export_with(
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
                        && let Some(note) = export::default_folder().note(ctx.lang)
                    {
                        words.push_str(&note);
                    }
                    say(out, &words)
                }
                None => Ok(()),
            }
        }
        Command::Forget { file } => {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let words = match ctx.store.forget_local(&name) {
                None => i18n::no_local_copy(ctx.lang),
                Some(Ok(n)) => i18n::forgotten(ctx.lang, n, &name),
                Some(Err(e)) => return Err(Failure(e.to_string())),
            };
            say(out, &words)
        }
        Command::Check { .. }
        | Command::Plan { .. }
        | Command::Completions { .. }
        | Command::Manpage => Ok(()),
    }
}

/// `status`: from the folded snapshot when the folder has only grown since it was kept (what
/// was appended folded in), else from a whole fold, which keeps the snapshot anew. A past day
/// is always folded whole.
fn status_command(ctx: &Context, format: Format, out: Out, err: Out) -> Result<(), Failure> {
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

/// Warns of the changes kept out of the state (`misplaced`, first) and of those to ids the
/// plan does not have (`orphans`), each named by the id it was written for.
fn warn_aside(
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
pub fn load_progress(ctx: &Context, err: Out) -> Result<ManuallyDrop<Progress>, Failure> {
    load(ctx, None, err).map(|l| l.progress)
}

/// Reads the journal and folds it as it stood at the as-of date, for showing.
fn load_view(ctx: &Context, err: Out) -> Result<ManuallyDrop<Progress>, Failure> {
    load(ctx, ctx.until, err).map(|l| l.progress)
}

/// A folded journal, and what its read had to tell.
struct Loaded {
    progress: ManuallyDrop<Progress>,
    /// The events kept out of the state, for the history to show.
    refused: Vec<Refused>,
}

/// Reads the journal and folds what came before `until`, reporting skipped lines and events
/// left out on `err`: the dashboard's own read ([`Reading::load`]), done in line.
fn load(ctx: &Context, until: Option<jiff::Timestamp>, err: Out) -> Result<Loaded, Failure> {
    let reading = Reading {
        plan: &ctx.plan,
        store: &ctx.store,
        lang: ctx.lang,
        today: ctx.today,
        until,
    };
    let loaded = reading.load(&[]);
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

/// Refuses to change anything when no one is known to be making the change.
fn known_user(ctx: &Context) -> Result<(), Failure> {
    match ctx.store.user() {
        "" => Err(Failure(i18n::no_user(ctx.lang).to_string())),
        _ => Ok(()),
    }
}

/// Appends events durably, then says what was saved. Once saved, the change stands: a
/// confirmation that cannot be printed (standard output closed or full) is not a failure, so a
/// script that retries on failure does not record it twice.
fn save(ctx: &Context, events: &[Event], out: Out) -> Result<(), Failure> {
    save_told(ctx, events, out, &|c| i18n::describe_change(ctx.lang, c))
}

/// [`save`], each change said by `describe`.
fn save_told(
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
        let what = match &e.body {
            Body::Change(c) => format!("{} {}", c.node, describe(c)),
            Body::Meeting(m) => i18n::describe_meeting(ctx.lang, m.title.as_deref()),
            Body::Moved(m) => i18n::describe_moved(ctx.lang, m),
        };
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

fn status(ctx: &Context, folded: &Folded, format: Format, out: Out) -> Result<(), Failure> {
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
        let what = match &r.event.body {
            Body::Change(c) => format!("{} {}", c.node, i18n::describe_change(lang, c)),
            Body::Meeting(m) => i18n::describe_meeting(lang, m.title.as_deref()),
            Body::Moved(m) => i18n::describe_moved(lang, m),
        };
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

fn check(global: &Global, file: Option<&PathBuf>, out: Out) -> Result<(), Failure> {
    let lang = global.lang();
    let configured = match (file, &global.plan) {
        (None, None) => crate::config::load(lang).map_err(Failure)?.plan,
        _ => None,
    };
    let path = file.or(global.plan.as_ref()).or(configured.as_ref());
    let loaded = match path {
        Some(p) => LoadedPlan::from_path(p),
        None => LoadedPlan::embedded(),
    };
    match loaded {
        Ok(plan) => {
            let (a, i, t) = plan.counts();
            say(out, &i18n::plan_checked(lang, a, i, t))
        }
        Err(errors) => Err(Failure(i18n::plan_errors(lang, &errors))),
    }
}
