//! How much text an event may carry: a line longer than [`MAX_LINE`] is skipped by every reader,
//! so nothing that would be skipped is ever written, and the note editor shows the room left.

use super::Event;
use super::lines::MAX_LINE;

/// Kept free in every line for what a writer puts around an event (the chain's checksum, and
/// room for fields to come).
const SPARE: usize = 4 * 1024;

/// The longest event line written.
const LONGEST: usize = MAX_LINE - SPARE;

/// The most a note may take as written in its line (escaped), leaving room for the rest of the
/// event: its ids, times, names and the task's opening words.
pub const NOTE_ROOM: usize = LONGEST - 8 * 1024;

/// How many bytes `s` takes as a JSON string in a line, without its quotes: what serde_json
/// writes (`"` `\` and control characters escaped, the rest as UTF-8).
pub fn json_len(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum()
}

/// How many bytes a note may still grow by before its line would pass [`NOTE_ROOM`];
/// negative when it is over.
pub fn note_room(note: &str) -> i64 {
    NOTE_ROOM as i64 - json_len(note) as i64
}

impl Event {
    /// By how many bytes the event's line would pass what a writer writes, if it would.
    pub fn over_length(&self) -> Option<usize> {
        let len = serde_json::to_vec(self).map_or(usize::MAX, |line| line.len());
        len.checked_sub(LONGEST).filter(|&over| over > 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::journal::{Body, Change};

    #[test]
    fn json_len_is_what_serde_writes() {
        for s in ["", "进展", "a\"b\\c\nd\te\u{1}f\u{7f}", "王敏 \r 🙂"] {
            let written = serde_json::to_string(s).unwrap();
            assert_eq!(json_len(s), written.len() - 2, "{s:?}");
        }
    }

    #[test]
    fn a_note_within_its_room_makes_a_line_every_reader_keeps() {
        let note = |len: usize| {
            Event::new(
                "王敏",
                Body::Change(Change {
                    node: "1.1.1".into(),
                    note: Some("进".repeat(len / 3)),
                    about: Some("推动基层立法“双联系点”迭代升级".into()),
                    ..Change::default()
                }),
            )
        };
        let fits = note(NOTE_ROOM);
        assert_eq!(fits.over_length(), None);
        let mut line = Vec::new();
        super::super::chain::encode(&fits, Some(7), &mut line).unwrap();
        assert!(line.len() < MAX_LINE);
        assert!(note(MAX_LINE).over_length().is_some());
        assert!(note_room(&"进".repeat(NOTE_ROOM / 3 + 1)) < 0);
    }
}
