//! Positions in plan text: byte offsets to lines and character columns, JSON paths to positions.

use jsonc_parser::ast::Value;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// One step of a JSON path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// Renders segments as `areas[0].items[1].id`.
pub fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Line (1-based) and character column (1-based) of a byte offset in possibly non-UTF-8 bytes.
pub fn line_col_of_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Converts serde_json's byte column on a 1-based line into a character column.
pub fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    // serde_json points at the last byte it read; count that character too.
    let chars = line_text[..end].chars().count();
    if byte_column > end {
        chars + 1
    } else {
        chars.max(1)
    }
}

/// Finds where a JSON path sits in the text; parses lazily, only when a problem needs a place.
pub struct Locator<'a> {
    text: &'a str,
    ast: Option<Value<'a>>,
}

impl<'a> Locator<'a> {
    /// Parses `text` once for position look-ups.
    pub fn new(text: &'a str) -> Self {
        let options = ParseOptions {
            allow_comments: false,
            ..ParseOptions::default()
        };
        let ast = parse_to_ast(text, &CollectOptions::default(), &options)
            .ok()
            .and_then(|r| r.value);
        Self { text, ast }
    }

    /// Line and character column of the value at `path`, or of its nearest ancestor found.
    pub fn position(&self, path: &[Seg]) -> (usize, usize) {
        let Some(mut value) = self.ast.as_ref() else {
            return (0, 0);
        };
        let mut start = range_start(value);
        for seg in path {
            let next = match (seg, value) {
                (Seg::Key(k), Value::Object(o)) => o.get(k).map(|p| &p.value),
                (Seg::Index(i), Value::Array(a)) => a.elements.get(*i),
                _ => None,
            };
            match next {
                Some(v) => {
                    value = v;
                    start = range_start(v);
                }
                None => break,
            }
        }
        line_col_of_bytes(self.text.as_bytes(), start)
    }
}

fn range_start(value: &Value<'_>) -> usize {
    match value {
        Value::StringLit(v) => v.range.start,
        Value::NumberLit(v) => v.range.start,
        Value::BooleanLit(v) => v.range.start,
        Value::Object(v) => v.range.start,
        Value::Array(v) => v.range.start,
        Value::NullKeyword(v) => v.range.start,
    }
}
