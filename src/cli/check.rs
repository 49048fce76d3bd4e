//! `check`: whether a plan file is valid, and how many areas, items and tasks it has.

use std::path::PathBuf;

use super::{Failure, Out, say};
use crate::context::Global;
use crate::i18n;
use crate::plan::LoadedPlan;

pub(super) fn check(global: &Global, file: Option<&PathBuf>, out: Out) -> Result<(), Failure> {
    let lang = global.lang();
    let configured = match (file, &global.plan) {
        (None, None) => crate::config::load(lang).map_err(Failure)?.plan,
        _ => None,
    };
    let path = file.or(global.plan.as_ref()).or(configured.as_ref());
    let loaded = match path {
        Some(p) => LoadedPlan::from_path(p),
        None => LoadedPlan::embedded(),
    };
    match loaded {
        Ok(plan) => {
            let (a, i, t) = plan.counts();
            say(out, &i18n::plan_checked(lang, a, i, t))
        }
        Err(errors) => Err(Failure(i18n::plan_errors(lang, &errors))),
    }
}
