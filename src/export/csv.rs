//! CSV: the 台账, one row per task, UTF-8 with a byte-order mark so that Excel and WPS on
//! Windows read the Chinese correctly.

use super::{ExportError, Input, looks_like_formula};
use crate::i18n;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell as written: text a spreadsheet would run as a formula gets a leading apostrophe, which
/// keeps it visible and inert (the OWASP advice for CSV injection).
fn inert(cell: &str) -> String {
    if looks_like_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The 台账 as CSV bytes, CRLF line ends.
pub fn render(input: &Input) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(i18n::ledger_headers(input.lang))?;
    for row in input.ledger() {
        w.write_record(input.ledger_cells(&row).iter().map(|c| inert(c)))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))
}
