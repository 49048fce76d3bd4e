//! JSON: the status object, serialised the one way `status --format json` also uses.

use crate::report::StatusReport;

/// The status object as pretty JSON with a final newline.
pub fn to_string(report: &StatusReport) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(report)?;
    json.push('\n');
    Ok(json)
}
