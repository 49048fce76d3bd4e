//! Shell completions and the manual page, both generated from the command definitions so they
//! never disagree with `--help`.

use std::io::Write;

use clap::{CommandFactory, ValueEnum};

use super::{Cli, Failure};

/// The shells completions can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl Shell {
    fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    clap_complete::generate(shell.generator(), &mut command, name, out);
    Ok(())
}

/// Writes the manual page (roff) to `out`.
pub fn manpage(out: &mut dyn Write) -> Result<(), Failure> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .map_err(|e| Failure(e.to_string()))
}
