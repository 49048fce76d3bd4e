//! The one sanitiser for text on its way to a terminal (stdout, stderr, the dashboard) or to a
//! Markdown, CSV or HTML document. Anything from the journal folder or a plan file is untrusted:
//! a colleague's note must neither send escape sequences (clear the screen, retitle the window,
//! fake a prompt) nor reorder what is shown around it.
//!
//! Every character a terminal or a viewer would obey rather than show becomes a visible mark:
//!
//! | in | out |
//! |---|---|
//! | a C0 control U+0000–U+001F other than tab and line breaks | its control picture U+2400 + c: ESC `␛`, BEL `␇`, a lone CR `␍` |
//! | DEL U+007F | `␡` |
//! | a C1 control U+0080–U+009F | `�` |
//! | a bidi control U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 | `�` |
//! | an invisible character U+00AD, U+034F, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF | `�` |
//! | tab | a space |
//! | a line break: LF, CR LF, U+2028, U+2029 | [`sanitize`]: `⏎`; [`sanitize_lines`]: kept (LF, or CR LF as is) |
//!
//! JSON does not come here: serde escapes what it must, and its text stays exact. XLSX and Word
//! keep their C0 controls in their own ways, and pass the rest through [`disarm`].

use std::borrow::Cow;

/// What a single-line context shows for a line break.
pub const LINE_BREAK: char = '⏎';
/// What a C1 control or a bidi control becomes.
pub const REPLACED: char = '\u{FFFD}';

/// Whether `c` is a bidi control: an embedding, override, isolate or directional mark.
fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` shows nothing, so that a name or a word holding it passes for one without it
/// ("王\u{200B}敏" for "王敏"): a soft hyphen, a joiner, a zero-width space or a byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// What a document keeps of a C1 control, a bidi control or an invisible character: `�`.
fn disarmed(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c) || is_bidi(c) || is_invisible(c)
}

/// Whether the sanitiser changes `c` in either mode.
fn unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi(c) || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` for a document that keeps its own C0 controls and line breaks (XLSX, Word): C1 controls,
/// bidi controls and invisible characters become `�`, so that no cell reorders or hides itself.
pub fn disarm(s: &str) -> Cow<'_, str> {
    if !s.chars().any(disarmed) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if disarmed(c) { REPLACED } else { c })
            .collect(),
    )
}

/// Whether `s` passes through the sanitiser unchanged in both modes.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(unsafe_char)
}

/// Whether `c` passes through the sanitiser unchanged in both modes.
pub fn is_clean_char(c: char) -> bool {
    !unsafe_char(c)
}

/// `s` for a single-line context (a table cell, a tree row, a message): line breaks shown as `⏎`.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// `s` for a multi-line context (a note shown in full, a whole document): line breaks kept.
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

fn clean(s: &str, keep_breaks: bool) -> Cow<'_, str> {
    if is_clean(s) {
        return super::ambiguous::widen(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let (crlf, lf) = if keep_breaks {
        ("\r\n", '\n')
    } else {
        ("⏎", LINE_BREAK)
    };
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.next_if_eq(&'\n').is_some() => out.push_str(crlf),
            '\n' | '\u{2028}' | '\u{2029}' => out.push(lf),
            '\t' => out.push(' '),
            '\u{7f}' => out.push('\u{2421}'),
            '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or(REPLACED)),
            c if unsafe_char(c) => out.push(REPLACED),
            c => out.push(c),
        }
    }
    match super::ambiguous::widen(&out) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(wide) => Cow::Owned(wide),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\x1b]0;pwned\x07b\x1b[2Jc\u{202e}d\u{9b}e";

    fn harmless(s: &str) -> bool {
        !s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') && !s.chars().any(is_bidi)
    }

    #[test]
    fn escapes_become_control_pictures() {
        assert_eq!(sanitize(HOSTILE), "a␛]0;pwned␇b␛[2Jc�d�e");
        assert_eq!(sanitize_lines(HOSTILE), sanitize(HOSTILE));
    }

    #[test]
    fn every_c0_c1_del_and_bidi_control_is_made_harmless() {
        let all: String = (0u32..0x20)
            .chain([0x7f])
            .chain(0x80..0xa0)
            .chain([
                0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
            ])
            .chain(0x2066..0x206a)
            .filter_map(char::from_u32)
            .collect();
        let one = sanitize(&all);
        assert!(harmless(&one) && !one.contains('\n'), "{one:?}");
        assert!(harmless(&sanitize_lines(&all)));
        assert_eq!(sanitize("\u{7f}"), "␡");
        assert_eq!(sanitize("\0"), "␀");
    }

    #[test]
    fn an_invisible_character_cannot_make_one_name_pass_for_another() {
        for c in ['\u{00AD}', '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            let name = format!("王{c}敏");
            assert_eq!(sanitize(&name), "王�敏", "{:x}", u32::from(c));
            assert!(!is_clean(&name));
        }
    }

    #[test]
    fn documents_disarm_c1_bidi_and_invisible_characters_and_keep_the_rest() {
        assert_eq!(
            disarm("a\u{202e}b\u{9b}c\u{200b}d\x1be\n一"),
            "a�b�c�d\x1be\n一"
        );
        assert!(matches!(disarm("推进中\n50%"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks_are_shown_in_a_line_and_kept_in_lines() {
        let s = "一\n二\r\n三\r四\u{2028}五\t六";
        assert_eq!(sanitize(s), "一⏎二⏎三␍四⏎五 六");
        assert_eq!(sanitize_lines(s), "一\n二\r\n三␍四\n五 六");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        for s in ["", "推进中 50%", "Ünïcode — ✓ 🎉"] {
            assert!(matches!(sanitize(s), Cow::Borrowed(b) if b == s));
            assert!(matches!(sanitize_lines(s), Cow::Borrowed(b) if b == s));
        }
    }

    #[test]
    fn sanitising_twice_changes_nothing_more() {
        let once = sanitize(HOSTILE).into_owned();
        assert_eq!(sanitize(&once), once);
    }
}
