//! The plan file a command names, read and checked, every problem one line in the user's
//! language.

use std::path::Path;

use super::Failure;
use crate::i18n::{self, Lang};
use crate::plan::Plan;

/// The plan file at `path`, else the embedded plan, read and checked; every problem is one
/// line in `lang`.
pub(super) fn checked_plan(lang: Lang, path: Option<&Path>) -> Result<Plan, Failure> {
    match path {
        Some(p) => Plan::from_path(p),
        None => Plan::embedded(),
    }
    .map_err(|errors| Failure(i18n::plan_errors(lang, &errors)))
}
