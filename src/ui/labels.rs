//! Short labels that several panes share: a status as a three-column mark, a light as a
//! two-column label, a filter in words.

use crate::app::Filter;
use crate::i18n::{self, Lang};
use crate::progress::Light;
use crate::status::Status;

/// Status mark of three columns, for narrow panes.
pub fn mark(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "[ ]",
        Status::InProgress => "[~]",
        Status::Done => "[x]",
        Status::Blocked => "[!]",
    }
}

/// A light as a two-column label.
pub fn light_label(lang: Lang, l: Light) -> String {
    match lang {
        Lang::Zh => i18n::light(lang, l).to_string(),
        Lang::En => format!("{} ", &i18n::light(lang, l)[..1].to_uppercase()),
    }
}

pub fn filter_label(lang: Lang, f: &Filter) -> String {
    match f {
        Filter::Status(s) => i18n::status(lang, *s).to_string(),
        Filter::Light(l) => i18n::light(lang, *l).to_string(),
        Filter::Owner(o) => format!("{} {o}", i18n::owner_word(lang)),
        Filter::All(all) => all
            .iter()
            .map(|f| filter_label(lang, f))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}
