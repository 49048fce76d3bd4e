//! JSON: the status object, serialised the one way `status --format json` also uses.

use std::io::{BufWriter, Write};

use serde::Serialize;

use crate::report::StatusReport;

/// The status object as pretty JSON with a final newline.
pub fn to_string(report: &StatusReport) -> Result<String, serde_json::Error> {
    let mut json = Vec::new();
    write(report, &mut json)?;
    String::from_utf8(json).map_err(serde::ser::Error::custom)
}

/// Writes the status object as [`to_string`] gives it to `out` as it is serialised, in large
/// pieces: a city's plan makes tens of megabytes of JSON, which are never held whole.
pub fn write(report: &StatusReport, out: &mut dyn Write) -> Result<(), serde_json::Error> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    report.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Pretty::default(),
    ))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    out.flush().map_err(serde_json::Error::io)
}

/// Spaces for the deepest indent written at once; deeper ones are written a piece at a time.
const SPACES: usize = 64;

/// A comma, a line break and [`SPACES`] levels of indent, to slice from.
static BREAK: [u8; 2 + 2 * SPACES] = {
    let mut b = [b' '; 2 + 2 * SPACES];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// serde_json's pretty layout (two spaces a level, `"key": value`), each line break written with
/// its indent in one piece: a city's status has over a million lines, and writing each indent
/// a level at a time took a fifth of `status --format json`.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        let from = usize::from(first);
        let indent = 2 * self.level;
        match BREAK.get(from..2 + indent) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(&BREAK[from..2])?;
                (0..self.level).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::plan::LoadedPlan;

    #[test]
    fn written_and_whole_are_the_same_bytes() {
        let plan = LoadedPlan::embedded().unwrap();
        let today = jiff::civil::date(2023, 9, 1);
        let progress = crate::progress::fold(&plan, Vec::new(), today);
        let folded = crate::progress::Folded::of(&plan, &progress);
        let report = StatusReport::new(&plan, &folded, Lang::Zh);
        let mut written = Vec::new();
        write(&report, &mut written).unwrap();
        let whole = to_string(&report).unwrap();
        assert!(whole.len() > 10_000);
        assert_eq!(String::from_utf8(written).unwrap(), whole);
        let serde_json_pretty = serde_json::to_string_pretty(&report).unwrap() + "\n";
        assert_eq!(whole, serde_json_pretty);
    }

    /// The layout is serde_json's own, nested deeper than the indent written at once too.
    #[test]
    fn pretty_is_serde_jsons_layout_at_any_depth() {
        let mut value = serde_json::json!({"空": {}, "none": [], "a": [1, {"b": "c"}], "d": null});
        for depth in 0..(SPACES + 6) {
            value = if depth % 2 == 0 {
                serde_json::json!([value, depth, {}])
            } else {
                serde_json::json!({"深": value, "n": depth, "e": []})
            };
        }
        let mut ours = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut ours,
                Pretty::default(),
            ))
            .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
