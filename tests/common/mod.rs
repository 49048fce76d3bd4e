//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;

/// Every task of a `status --format json` object, in plan order.
pub fn tasks(status: &Value) -> impl Iterator<Item = &Value> {
    status["areas"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|a| a["items"].as_array().into_iter().flatten())
        .flat_map(|i| i["tasks"].as_array().into_iter().flatten())
}

/// Settings that keep a test's run of the binary away from the machine's own settings file and
/// local copy of events: no settings file, no local copy.
pub const ISOLATED: [(&str, &str); 2] = [
    ("WORKPLAN_CACHE_DIR", ""),
    (
        "WORKPLAN_CONFIG_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
    ),
];
