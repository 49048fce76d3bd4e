//! Characters of ambiguous East Asian width (box drawing, `“ ”`, `…`, `—`, `①`, Greek and
//! Cyrillic letters …) take one column in most terminals but two in a terminal set to CJK
//! ambiguous width (the legacy Windows console on code page 936, some Linux terminals). In the
//! ambiguous-wide mode each such character is followed by [`PAD`], a one-column placeholder, so
//! that every width measured afterwards (wrapping, cutting, padding, columns) counts two columns
//! for it; the dashboard then draws the character over both columns and leaves the placeholder
//! undrawn (`ui::settle`). The mode is per thread and scoped: it applies only where the dashboard
//! draws a frame or the command line lays out a table, never to exported documents.

use std::borrow::Cow;
use std::cell::Cell;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The placeholder after an ambiguous-width character: U+2007 FIGURE SPACE, one column wide, and
/// glue in UAX #14, so a line is never broken between a character and its placeholder.
pub const PAD: char = '\u{2007}';

thread_local! {
    static WIDE: Cell<bool> = const { Cell::new(false) };
}

/// Whether the ambiguous-wide mode is on in this thread.
pub fn is_on() -> bool {
    WIDE.with(Cell::get)
}

/// The mode as it was before a [`scope`]; it comes back when this is dropped.
#[derive(Debug)]
#[must_use = "the mode ends when the scope is dropped"]
pub struct Scope(bool);

impl Drop for Scope {
    fn drop(&mut self) {
        WIDE.with(|w| w.set(self.0));
    }
}

/// Turns the mode on or off in this thread until the returned scope is dropped.
pub fn scope(on: bool) -> Scope {
    Scope(WIDE.with(|w| w.replace(on)))
}

/// Whether a terminal set to CJK ambiguous width draws `s` wider than others do.
pub fn is_ambiguous(s: &str) -> bool {
    s.width_cjk() > s.width()
}

fn ambiguous_char(c: char) -> bool {
    c.width_cjk().unwrap_or(0) > c.width().unwrap_or(0)
}

/// `s` with [`PAD`] after each ambiguous-width character, when the mode is on. Text widened
/// once comes back unchanged; a `PAD` that follows no such character becomes a plain space, so
/// no text can fake one.
pub fn widen(s: &str) -> Cow<'_, str> {
    if !is_on() || !s.chars().any(|c| c == PAD || ambiguous_char(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut owed = false;
    for c in s.chars() {
        if c == PAD {
            out.push(if owed { PAD } else { ' ' });
            owed = false;
            continue;
        }
        if owed {
            out.push(PAD);
        }
        out.push(c);
        owed = ambiguous_char(c);
    }
    if owed {
        out.push(PAD);
    }
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// `s` without the placeholders, for a terminal that measures the characters itself.
pub fn unpad(s: &str) -> Cow<'_, str> {
    if s.contains(PAD) {
        Cow::Owned(s.chars().filter(|&c| c != PAD).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `head`, a cut of widened text, ends with a character whose placeholder was cut off.
pub fn ends_unpadded(head: &str) -> bool {
    is_on() && head.chars().next_back().is_some_and(ambiguous_char)
}

/// The mode asked for by `WORKPLAN_AMBIGUOUS_WIDE` (`1`, `true`, `yes` or `on` turn it on;
/// `0`, `false`, `no` or `off` turn it off), else by the settings file.
pub fn wanted(setting: Option<bool>) -> bool {
    let from_env = std::env::var("WORKPLAN_AMBIGUOUS_WIDE").ok().and_then(|v| {
        match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        }
    });
    from_env.or(setting).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_counts_two_columns_for_each_ambiguous_character() {
        let s = "“一网通办”—①";
        assert_eq!(widen(s), s, "off: unchanged");
        let _on = scope(true);
        let wide = widen(s);
        assert_eq!(wide.width(), s.width_cjk());
        assert_eq!(wide.chars().filter(|&c| c == PAD).count(), 4);
        assert_eq!(unpad(&wide), s);
        assert_eq!(widen("推进中 50%"), "推进中 50%");
        assert_eq!(widen(&wide), wide, "widening twice changes nothing more");
    }

    #[test]
    fn a_placeholder_in_the_text_cannot_pass_for_one() {
        let _on = scope(true);
        assert_eq!(widen("a\u{2007}b"), "a b");
    }

    #[test]
    fn a_scope_restores_the_mode_it_found() {
        assert!(!is_on());
        {
            let _on = scope(true);
            assert!(is_on());
            {
                let _off = scope(false);
                assert!(!is_on());
            }
            assert!(is_on());
        }
        assert!(!is_on());
    }

    #[test]
    fn a_line_is_never_broken_between_a_character_and_its_placeholder() {
        let _on = scope(true);
        let text = widen("甲乙丙丁“戊己庚”辛壬癸—甲乙①丙丁");
        for width in 4..20 {
            for line in textwrap::wrap(
                &text,
                textwrap::Options::new(width)
                    .word_separator(textwrap::WordSeparator::UnicodeBreakProperties),
            ) {
                assert!(!line.starts_with(PAD), "{width}: {line:?}");
            }
        }
    }
}
