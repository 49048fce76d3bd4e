//! A chain through each writer's file: every line written names a checksum of the line before
//! it, so a line changed or removed in the middle of anyone's file is noticed by every reader.
//!
//! The checksum leads the line, `{"prev":"1a2b3c4d","id":…}`, so a reader checks it without a
//! second parse, and older versions read the line as before (an unknown field is ignored).

use super::Event;

/// How a chained line starts.
const PREFIX: &[u8] = br#"{"prev":""#;

/// The UTF-8 byte-order mark a reader drops from a file's first line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The checksum of one line (without its line break) as the next line names it.
pub fn sum(line: &[u8]) -> u32 {
    crc32fast::hash(line)
}

/// The checksum a line names for the line before it, if it names one.
pub fn claimed(line: &[u8]) -> Option<u32> {
    let hex = line.strip_prefix(PREFIX)?.get(..8)?;
    u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Writes `event` as one line (without its line break) naming `prev`, the checksum of the line
/// before it, when there is one.
pub fn encode(event: &Event, prev: Option<u32>, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let Some(prev) = prev else {
        return serde_json::to_writer(&mut *out, event);
    };
    let start = out.len();
    serde_json::to_writer(&mut *out, event)?;
    // `{` + the event's fields becomes `{"prev":"…",` + the event's fields.
    let head = format!("{{\"prev\":\"{prev:08x}\",");
    out.splice(start..=start, head.into_bytes());
    Ok(())
}

/// The checksum of the last line of a file whose final bytes are `tail` (`whole`: the tail is
/// the whole file), as a reader sees that line: blank lines passed over, a `\r` and a first
/// line's byte-order mark dropped. `None` when there is no line, or the last one is not wholly
/// in `tail` (a line too long for readers to keep is named by no one).
pub fn last_sum(tail: &[u8], whole: bool) -> Option<u32> {
    let mut lines = tail.split(|&b| b == b'\n').enumerate().collect::<Vec<_>>();
    while let Some((i, line)) = lines.pop() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if i == 0 && !whole {
            return None;
        }
        let line = match (i, whole) {
            (0, true) => line.strip_prefix(BOM).unwrap_or(line),
            _ => line,
        };
        return Some(sum(line));
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::journal::{Body, Meeting};

    #[test]
    fn a_chained_line_is_still_an_event() {
        let e = Event::new("王敏", Body::Meeting(Meeting::default()));
        let mut line = Vec::new();
        encode(&e, Some(0x1a2b_3c4d), &mut line).unwrap();
        assert!(line.starts_with(br#"{"prev":"1a2b3c4d","id":"#));
        assert_eq!(serde_json::from_slice::<Event>(&line).unwrap(), e);
        assert_eq!(claimed(&line), Some(0x1a2b_3c4d));
        let mut plain = Vec::new();
        encode(&e, None, &mut plain).unwrap();
        assert_eq!(claimed(&plain), None);
    }

    #[test]
    fn the_last_line_as_a_reader_sees_it() {
        assert_eq!(last_sum(b"a\nb\r\n\n  \n", true), Some(sum(b"b")));
        assert_eq!(last_sum(b"\xEF\xBB\xBFa\n", true), Some(sum(b"a")));
        assert_eq!(last_sum(b"torn", true), Some(sum(b"torn")));
        // The tail begins inside a line: that line is not known whole.
        assert_eq!(last_sum(b"xyz\n", false), None);
        assert_eq!(last_sum(b"xyz\nb\n", false), Some(sum(b"b")));
        assert_eq!(last_sum(b"", true), None);
    }
}
