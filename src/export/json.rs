//! JSON: the status object, serialised the one way `status --format json` also uses.

use std::io::{BufWriter, Write};

use crate::report::StatusReport;

/// The status object as pretty JSON with a final newline.
pub fn to_string(report: &StatusReport) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(report)?;
    json.push('\n');
    Ok(json)
}

/// Writes the status object as [`to_string`] gives it to `out` as it is serialised, in large
/// pieces: a city's plan makes tens of megabytes of JSON, which are never held whole.
pub fn write(report: &StatusReport, out: &mut dyn Write) -> Result<(), serde_json::Error> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    out.flush().map_err(serde_json::Error::io)
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
        let report = StatusReport::new(
            &plan,
            &crate::progress::Folded::of(&plan, &progress),
            Lang::Zh,
        );
        let mut written = Vec::new();
        write(&report, &mut written).unwrap();
        let whole = to_string(&report).unwrap();
        assert!(whole.len() > 10_000);
        assert_eq!(String::from_utf8(written).unwrap(), whole);
    }
}
