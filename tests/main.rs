//! Every integration test in one binary, each file a module: the crate and its test helpers
//! are linked once, not once per file. `cargo test` runs them all; `cargo test NAME` one.
#![allow(clippy::unwrap_used)]

mod common;

mod as_of;
mod cli;
mod colours;
mod completions;
mod damaged;
mod e2e;
mod export;
mod faults;
mod first_run;
mod handout;
mod hostile;
mod idle;
mod import;
mod journal_concurrency;
mod kill9;
mod known_props;
mod language;
mod merge_props;
mod plan_changes;
mod plan_props;
mod render;
mod responsive;
mod scale;
mod shared;
