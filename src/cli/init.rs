//! `workplan init`: asks in plain lines (not the dashboard) for the officer's name, the shared
//! folder and the language, checks each answer and writes them to the settings file. An option
//! answers its question without asking it, so a script can run it with no one at the keyboard.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::{Failure, Out, carry, io_fail, say};
use crate::config;
use crate::context::{Global, check_user_name, os_user};
use crate::folder;
use crate::i18n::{self, Lang};
use crate::text;

/// The answers that can be given as options instead of typed.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InitArgs {
    /// Your name as colleagues know it; it names your journal file (e.g. 张华)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The shared data folder; made if it is not there
    #[arg(long, value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// The interface language to keep: zh or en
    #[arg(long, value_enum, value_name = "LANG")]
    pub language: Option<Lang>,
}

/// An answer that is refused: ask again, saying why (nothing to say: just ask again).
type Answer<T> = Result<Result<T, String>, Failure>;

/// Questions on `out`, answers from `input`.
struct Prompt<'a, 'b> {
    lang: Lang,
    input: &'a mut dyn BufRead,
    out: Out<'b>,
    /// The answers come from a keyboard, which shows them as they are typed.
    typed: bool,
}

impl Prompt<'_, '_> {
    /// Asks `question` until `check` accepts an answer; an empty answer takes `default`.
    fn ask<T>(
        &mut self,
        question: &str,
        default: Option<&str>,
        mut check: impl FnMut(&mut Self, &str) -> Answer<T>,
    ) -> Result<T, Failure> {
        let shown = match default {
            Some(d) => format!("{question} [{d}]: "),
            None => format!("{question}: "),
        };
        loop {
            let answer = self.line(&shown)?;
            let answer = match (answer.is_empty(), default) {
                (false, _) => answer,
                (true, Some(d)) => d.to_string(),
                (true, None) => {
                    say(self.out, i18n::answer_needed(self.lang))?;
                    continue;
                }
            };
            match check(self, &answer)? {
                Ok(v) => return Ok(v),
                Err(why) if why.is_empty() => {}
                Err(why) => say(self.out, &why)?,
            }
        }
    }

    /// Shows `prompt` and reads one line, trimmed. The end of the input is a failure: nothing
    /// is saved.
    fn line(&mut self, prompt: &str) -> Result<String, Failure> {
        write!(self.out, "{}", text::sanitize(prompt)).map_err(io_fail)?;
        self.out.flush().map_err(io_fail)?;
        let mut line = String::new();
        let n = self.input.read_line(&mut line).map_err(io_fail)?;
        if n == 0 {
            let _ = writeln!(self.out);
            return Err(Failure(i18n::input_ended(self.lang).to_string()));
        }
        let answer = line.trim().to_string();
        if !self.typed {
            // As a keyboard would have shown it, so that what was said reads in order.
            say(self.out, &answer)?;
        }
        Ok(answer)
    }

    /// Whether the officer says yes (`default` on an empty answer).
    fn yes(&mut self, question: &str, default: bool) -> Result<bool, Failure> {
        let answer = self.line(question)?.to_lowercase();
        Ok(match answer.as_str() {
            "" => default,
            a => matches!(a, "y" | "yes" | "是" | "好" | "要"),
        })
    }
}

/// Sets up this computer: asks for what `args` does not give, checks it and writes the
/// settings file. `typed`: the answers on `input` come from a keyboard.
pub fn run(
    global: &Global,
    args: &InitArgs,
    input: &mut dyn BufRead,
    typed: bool,
    out: Out,
) -> Result<(), Failure> {
    let lang = global.lang();
    let settings =
        config::path().ok_or_else(|| Failure(i18n::no_settings_place(lang).to_string()))?;
    let current = config::load_from(&settings, lang).map_err(Failure)?;
    let mut p = Prompt {
        lang,
        input,
        out,
        typed,
    };
    if args.name.is_none() || args.folder.is_none() || args.language.is_none() {
        say(p.out, &i18n::init_intro(lang, &settings))?;
    }

    let name = match &args.name {
        Some(n) => check_user_name(lang, n, "--name").map_err(Failure)?,
        None => {
            let default = current.user.clone().or_else(os_user);
            let from = lang.pick("输入的姓名", "the name typed");
            p.ask(i18n::ask_name(lang), default.as_deref(), |_, a| {
                Ok(check_user_name(lang, a, from))
            })?
        }
    };

    let dir = match &args.folder {
        Some(d) => folder_answer(&mut p, d, false)?.map_err(Failure)?,
        None => {
            let default = current
                .data_dir
                .clone()
                .or_else(crate::folder::default_data_dir)
                .map(|d| d.display().to_string());
            let question = match default.as_deref() {
                Some(d) if folder::is_default(Path::new(d)) => i18n::ask_folder_own(lang),
                _ => i18n::ask_folder(lang),
            };
            p.ask(question, default.as_deref(), |p, a| {
                // This computer's own folder, offered and taken, is made as on a first change;
                // only a folder typed (it may be mistyped) is asked about.
                let own = default.as_deref() == Some(a) && folder::is_default(Path::new(a));
                folder_answer(p, Path::new(a), !own)
            })?
        }
    };
    let dir_text = dir
        .to_str()
        .ok_or_else(|| Failure(i18n::folder_not_unicode(lang, &dir)))?
        .to_string();

    let chosen = match args.language {
        Some(l) => l,
        None => {
            let default = match current.lang.unwrap_or(lang) {
                Lang::Zh => "zh",
                Lang::En => "en",
            };
            p.ask(i18n::ask_lang(lang), Some(default), |_, a| {
                Ok(parse_lang(a).ok_or_else(|| i18n::bad_lang(lang, a)))
            })?
        }
    };
    let code = match chosen {
        Lang::Zh => "zh",
        Lang::En => "en",
    };

    let local = crate::folder::default_data_dir();
    let earlier = earlier(lang, global, &current, local.as_deref(), &name, &dir)?;
    let asked = args.name.is_none() || args.folder.is_none() || args.language.is_none();
    let take = earlier.is_empty()
        || !asked
        || p.yes(
            &i18n::ask_carry(lang, earlier.len(), &earlier.files, &dir, &name),
            true,
        )?;

    config::remember_all(
        &settings,
        &[("user", &name), ("data_dir", &dir_text), ("lang", code)],
    )
    .map_err(|e| Failure(i18n::settings_not_saved(lang, &settings, &e)))?;
    for line in i18n::init_done(chosen, &settings, &name, &dir) {
        say(p.out, &line)?;
    }
    match (earlier.is_empty(), take, &local) {
        (true, _, _) if earlier.already > 0 => say(p.out, &i18n::carried_before(chosen, &dir)),
        (true, _, _) => Ok(()),
        (false, false, Some(local)) => say(p.out, &i18n::not_carried(chosen, local)),
        (false, _, _) => {
            let written = carry::carry(earlier, &dir, &name, &open_store)
                .map_err(|e| Failure(i18n::journal_error(chosen, &e)))?;
            for (file, n) in written {
                say(p.out, &i18n::carried(chosen, n, &file))?;
            }
            Ok(())
        }
    }
}

/// What was saved in this computer's own folder `local` before, under a name in use then
/// (given, set, the OS account's) or the one chosen, and is not yet in the chosen folder `dir`.
fn earlier(
    lang: Lang,
    global: &Global,
    current: &config::Config,
    local: Option<&Path>,
    name: &str,
    dir: &Path,
) -> Result<carry::Earlier, Failure> {
    let Some(local) = local else {
        return Ok(carry::Earlier::default());
    };
    let before = [global.user.clone(), current.user.clone(), os_user()];
    let names: Vec<&str> = before
        .iter()
        .flatten()
        .map(String::as_str)
        .chain([name])
        .collect();
    carry::find(local, dir, &names, &open_store).map_err(|e| Failure(i18n::journal_error(lang, &e)))
}

/// The journal store of plan folder `plan` in data folder `dir`, writing as `user`, as the
/// commands open it.
fn open_store(dir: &Path, plan: &str, user: &str) -> crate::journal::Store {
    let mut store = crate::journal::Store::new(dir, plan, user);
    if !folder::is_default(dir) {
        store = store.with_shared_data_dir();
    }
    if let Some(root) = crate::folder::cache_dir() {
        store = store.with_local_copy(&root);
    }
    store
}

/// A language as officers may write it.
fn parse_lang(answer: &str) -> Option<Lang> {
    match answer.trim().to_lowercase().as_str() {
        "zh" | "cn" | "中文" | "汉语" | "chinese" | "1" => Some(Lang::Zh),
        "en" | "英文" | "english" | "2" => Some(Lang::En),
        _ => None,
    }
}

/// The folder `raw` made absolute, if it can hold the journals: not inside the program's own
/// folder, made when it is not there (after asking, when `ask` is set: Enter makes it), and
/// writable.
fn folder_answer(p: &mut Prompt, raw: &Path, ask: bool) -> Answer<PathBuf> {
    let lang = p.lang;
    let dir = match std::path::absolute(raw) {
        Ok(d) => d,
        Err(e) => return Ok(Err(i18n::folder_not_writable(lang, raw, &e))),
    };
    if let Some(program) = folder::program_dir()
        && folder::is_inside(&dir, &program)
    {
        return Ok(Err(i18n::folder_in_program(lang, &dir, &program)));
    }
    if dir.exists() && !dir.is_dir() {
        return Ok(Err(i18n::folder_is_a_file(lang, &dir)));
    }
    if !dir.exists() {
        if ask && !p.yes(&i18n::ask_create(lang, &dir), true)? {
            return Ok(Err(String::new()));
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Ok(Err(i18n::folder_not_writable(lang, &dir, &e)));
        }
        say(p.out, &i18n::folder_made(lang, &dir))?;
    }
    Ok(folder::check_writable(&dir)
        .map(|()| dir.clone())
        .map_err(|e| i18n::folder_not_writable(lang, &dir, &e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_as_officers_write_them() {
        assert_eq!(parse_lang("中文"), Some(Lang::Zh));
        assert_eq!(parse_lang(" EN "), Some(Lang::En));
        assert_eq!(parse_lang("fr"), None);
    }
}
