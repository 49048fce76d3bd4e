//! The `workplan` binary: parse arguments, run a command or open the dashboard.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use workplan::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let command = args.command.unwrap_or(Command::Status {
        format: cli::Format::Table,
    });
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr();
    match cli::run(&args.global, &command, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure(message)) => {
            let _ = out.flush();
            let _ = writeln!(
                err,
                "{}: {message}",
                args.global.lang().pick("错误", "error")
            );
            ExitCode::FAILURE
        }
    }
}
