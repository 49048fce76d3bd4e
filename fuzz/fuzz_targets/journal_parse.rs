//! Any bytes as a writer's journal file: read back through the library (the parser is not
//! public, so the bytes go through a file), folded into the embedded plan, reported as the
//! status and the meeting view report it.
//! Never a panic, and the file is never changed by reading it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use workplan::i18n::{Lang, journal_warning};
use workplan::journal::Store;
use workplan::plan::LoadedPlan;
use workplan::progress::fold;
use workplan::report::meeting::MeetingReport;
use workplan::report::{StatusReport, local_time};

struct Fixture {
    data: PathBuf,
    file: PathBuf,
    plan: LoadedPlan,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let data = std::env::temp_dir().join(format!("workplan-fuzz-{}", std::process::id()));
        let plan = LoadedPlan::embedded().expect("the embedded plan loads");
        let store = Store::new(&data, &plan.plan.id, "fuzz");
        std::fs::create_dir_all(store.folder()).expect("a temporary folder");
        Fixture {
            file: store.own_file(),
            data,
            plan,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    std::fs::write(&f.file, data).expect("write the journal");
    let back = Store::new(&f.data, &f.plan.plan.id, "fuzz")
        .read()
        .expect("the folder is readable");
    assert_eq!(back.files, 1);
    for w in &back.warnings {
        assert_eq!(w.file, f.file);
        assert!(w.line >= 1);
        let _ = journal_warning(Lang::En, w);
    }
    let progress = fold(&f.plan, back.events, jiff::civil::date(2023, 9, 1));
    let _ = StatusReport::new(&f.plan, &progress, Lang::Zh);
    let _ = MeetingReport::new(&f.plan, &progress, Lang::En);
    for e in &progress.events {
        let _ = local_time(e.at);
    }
    assert_eq!(std::fs::read(&f.file).expect("read the journal"), data);
});
