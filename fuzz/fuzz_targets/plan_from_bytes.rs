//! Any bytes as a plan file: loads, or every error has a place and words; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workplan::i18n::{Lang, plan_error};
use workplan::plan::LoadedPlan;

fuzz_target!(|data: &[u8]| {
    match LoadedPlan::from_bytes(data, "fuzz.json") {
        Ok(plan) => {
            let (_, _, tasks) = plan.counts();
            assert!(tasks > 0);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(data.is_empty() || e.line >= 1, "{e:?}");
                let _ = plan_error(Lang::Zh, e);
                let _ = plan_error(Lang::En, e);
            }
        }
    }
});
