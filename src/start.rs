//! What comes before the dashboard: it needs a terminal to draw in, and a first start on a
//! computer without settings offers to set it up (`workplan init`) in plain lines.

use std::io::{BufRead, IsTerminal, Write};

use crate::cli::Failure;
use crate::cli::init::{self, InitArgs};
use crate::context::{Context, Global};
use crate::i18n;

/// Opens the dashboard: refused without a terminal, offering `init` first on a first start.
pub fn dashboard(global: &Global) -> Result<(), Failure> {
    let lang = global.lang();
    if !has_terminal() {
        return Err(Failure(i18n::no_terminal(lang).to_string()));
    }
    if first_start(global) {
        offer_init(global)?;
    }
    let ctx = Context::load(global).map_err(Failure)?;
    crate::tui::run(ctx).map_err(|e| Failure(e.to_string()))
}

/// Whether standard input and output are a terminal, and (on Unix) the process has one to
/// read keys from: without it, the dashboard could only write escape codes into a file.
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && controlling_terminal()
}

#[cfg(unix)]
fn controlling_terminal() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_ok()
}

#[cfg(not(unix))]
fn controlling_terminal() -> bool {
    true
}

/// No settings file yet, and no data folder named otherwise: this computer was never set up.
fn first_start(global: &Global) -> bool {
    global.data_dir.is_none() && crate::config::path().is_some_and(|p| !p.exists())
}

/// Asks whether to set up now, and does when the answer is yes (or just Enter).
fn offer_init(global: &Global) -> Result<(), Failure> {
    let lang = global.lang();
    let mut out = std::io::stdout().lock();
    let mut input = std::io::stdin().lock();
    let _ = write!(out, "{}", i18n::offer_init(lang));
    let _ = out.flush();
    let mut answer = String::new();
    let read = input.read_line(&mut answer).unwrap_or(0);
    let answer = answer.trim().to_lowercase();
    if read > 0 && matches!(answer.as_str(), "" | "y" | "yes" | "是" | "好" | "要") {
        init::run(global, &InitArgs::default(), &mut input, true, &mut out)
    } else {
        let _ = writeln!(out, "{}", i18n::init_later(lang));
        Ok(())
    }
}
