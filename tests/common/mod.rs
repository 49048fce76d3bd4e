//! Helpers shared by the integration tests.

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
