//! The commands that are not the dashboard: status, set, log, undo, meeting, export, check.

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::context::{Context, Global};

mod carry;
mod check;
mod completions;
mod export;
mod forget;
mod help;
mod load;
mod log;
mod meeting;
mod parse_error;
mod plan_cmd;
mod plan_file;
mod quiet;
pub(crate) mod replan;
mod request;
mod save;
mod set;
mod status;
mod undo;

pub use completions::Shell;
pub use help::{command, parse_from, parse_or_exit};
use load::load_progress;
pub use quiet::Quiet;
use save::save;

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
    Set(set::SetArgs),
    /// Show the history of changes.
    Log(log::LogArgs),
    /// Reverse your latest change (history is kept).
    Undo,
    /// Record a meeting checkpoint.
    Meeting {
        #[arg(long)]
        title: Option<String>,
    },
    /// Write the meeting handout (督办通报) and the 台账 to a file (written atomically).
    Export(export::ExportArgs),
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
    writeln!(out, "{}", crate::text::sanitize(line)).map_err(io_fail)
}

/// Runs one command, writing its output to `out` and warnings to `err`.
pub fn run(global: &Global, command: &Command, out: Out, err: Out) -> Result<(), Failure> {
    match command {
        Command::Check { file } => return check::check(global, file.as_ref(), out),
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
        Command::Status { format } => status::status_command(&ctx, *format, out, err),
        Command::Set(args) => set::set(&ctx, args, out, err),
        Command::Log(args) => log::log_command(&ctx, args, out, err),
        Command::Undo => undo::undo(&ctx, out, err),
        Command::Meeting { title } => meeting::meeting(&ctx, title.as_deref(), out, err),
        Command::Export(args) => export::export(&ctx, args, out, err),
        Command::Forget { file } => forget::forget(&ctx, file, out),
        Command::Init(_)
        | Command::Where { .. }
        | Command::Check { .. }
        | Command::Plan { .. }
        | Command::Completions { .. }
        | Command::Manpage => Ok(()),
    }
}
