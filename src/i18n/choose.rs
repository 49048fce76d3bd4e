//! Which language to speak, decided before the command line is parsed (so that `--help` and
//! clap's own errors are in it too): `--lang` > `WORKPLAN_LANG` > `lang` in the settings file >
//! the locale.

use std::ffi::OsString;

use super::Lang;

/// The environment variable that keeps the language for every command.
pub const LANG_VAR: &str = "WORKPLAN_LANG";

/// `zh` or `en`, in any case (as clap takes them); anything else is no language.
pub fn parse_lang(s: &str) -> Option<Lang> {
    match s.to_ascii_lowercase().as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The last `--lang zh|en` or `--lang=zh|en` among `args` (the program name first), up to a
/// bare `--`; an option's value that is not a language is left for clap to refuse.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut rest = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = rest.next() {
        match arg {
            Some("--") => break,
            Some("--lang") => {
                if let Some(l) = rest.next().flatten().and_then(parse_lang) {
                    found = Some(l);
                }
            }
            Some(a) => {
                if let Some(l) = a.strip_prefix("--lang=").and_then(parse_lang) {
                    found = Some(l);
                }
            }
            None => {}
        }
    }
    found
}

/// The language of `WORKPLAN_LANG`, when it names one.
pub fn lang_in_env() -> Option<Lang> {
    std::env::var(LANG_VAR).ok().as_deref().and_then(parse_lang)
}

/// The language when no `--lang` is given: `WORKPLAN_LANG`, else the settings file's `lang`,
/// else the locale's.
pub fn lang_unless_given() -> Lang {
    lang_in_env()
        .or_else(crate::config::lang_setting)
        .unwrap_or_else(Lang::from_env)
}

/// The language for a run with these arguments (the program name first).
pub fn lang_for(args: &[OsString]) -> Lang {
    lang_in_args(args).unwrap_or_else(lang_unless_given)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("workplan")
            .chain(a.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_option_is_found_in_both_spellings_before_a_bare_dash_dash() {
        assert_eq!(
            lang_in_args(&args(&["--lang", "en", "status"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_in_args(&args(&["status", "--lang=ZH"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_in_args(&args(&["--lang=zh", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in_args(&args(&["--lang", "fr"])), None);
        assert_eq!(lang_in_args(&args(&["--lang"])), None);
        assert_eq!(lang_in_args(&args(&["set", "--", "--lang", "en"])), None);
        assert_eq!(lang_in_args(&args(&["set", "1.1.1", "--note", "x"])), None);
    }

    #[test]
    fn only_two_languages_are_named() {
        assert_eq!(parse_lang("EN"), Some(Lang::En));
        assert_eq!(parse_lang(" en"), None);
        assert_eq!(parse_lang("zh"), Some(Lang::Zh));
        assert_eq!(parse_lang("zh_CN"), None);
        assert_eq!(parse_lang(""), None);
    }
}
