//! The `workplan` binary: parse arguments, then run a command or open the dashboard.

use std::io::Write;
use std::process::ExitCode;

use workplan::cli::{self, Cli, Quiet};
use workplan::text;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args: Cli = cli::parse_or_exit(workplan::i18n::lang_for(&argv), argv);
    let lang = args.global.lang();
    let result = match &args.command {
        Some(command) => {
            let mut out = Quiet::new(std::io::stdout().lock());
            let mut err = Quiet::new(std::io::stderr());
            let r = cli::run(&args.global, command, &mut out, &mut err);
            let _ = out.flush();
            r
        }
        None => workplan::start::dashboard(&args.global),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure(message)) => {
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}",
                lang.pick("错误", "error"),
                text::sanitize_lines(&message)
            );
            ExitCode::FAILURE
        }
    }
}
