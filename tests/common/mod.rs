//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;

pub mod pty;

/// Every task of a `status --format json` object, in plan order.
pub fn tasks(status: &Value) -> impl Iterator<Item = &Value> {
    status["areas"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|a| a["items"].as_array().into_iter().flatten())
        .flat_map(|i| i["tasks"].as_array().into_iter().flatten())
}

/// The moment the tests' runs of the binary take as now: the morning of 2023-09-01 in Shanghai,
/// the as-of date they look at, so that what they write is not after it.
pub const NOW: (&str, &str) = ("WORKPLAN_NOW", "2023-09-01T02:00:00Z");

/// Settings that keep a test's run of the binary away from the machine's own settings file,
/// local copy of events and clock: no settings file, no local copy, [`NOW`].
pub const ISOLATED: [(&str, &str); 3] = [
    NOW,
    ("WORKPLAN_CACHE_DIR", ""),
    (
        "WORKPLAN_CONFIG_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
    ),
];
