//! workplan: track a work plan from a plan file and an append-only journal of changes.
//!
//! Layers, each depending only on those above it in this list: [`status`], [`plan`],
//! [`journal`], [`progress`], [`edit`], [`report`]; then the views: [`cli`], [`export`] and the
//! dashboard.

pub mod action;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod context;
pub mod edit;
pub mod export;
pub mod folded;
pub mod folder;
pub mod i18n;
pub mod import;
pub mod journal;
pub mod keymap;
pub mod layout;
pub mod plan;
pub mod progress;
pub mod report;
pub mod session;
pub mod start;
pub mod status;
pub mod storage;
#[cfg(feature = "synth")]
pub mod synth;
pub mod text;
pub mod tui;
pub mod typed;
pub mod ui;
pub mod watch;
