//! Speed of the parts an officer waits for, at the 2023 plan's size and at a district's scale
//! (10,000 tasks, 100,000 events). Run with `cargo bench`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use workplan::action::Action;
use workplan::app::App;
use workplan::context::Context;
use workplan::edit::{self, SetRequest};
use workplan::export;
use workplan::i18n::Lang;
use workplan::journal::{Event, Store, merge};
use workplan::plan::{EMBEDDED_PLAN, LoadedPlan};
use workplan::progress::fold;
use workplan::storage::{AppendFile, Disk, Storage};
use workplan::synth;

/// A plan of `tasks` tasks as JSON text.
fn plan_text(tasks: usize) -> String {
    if tasks == 62 {
        EMBEDDED_PLAN.to_string()
    } else {
        serde_json::to_string_pretty(&synth::plan(tasks)).unwrap()
    }
}

/// A data folder with `events` events for a plan of `tasks` tasks.
fn data_dir(plan: &LoadedPlan, events: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let all = synth::events(&synth::loaded_task_ids(plan), events);
    for user in synth::USERS {
        let mine: Vec<Event> = all.iter().filter(|e| e.user == user).cloned().collect();
        Store::new(dir.path(), &plan.plan.id, user)
            .append(&mine)
            .unwrap();
    }
    dir
}

fn load_plan(c: &mut Criterion) {
    for tasks in [62, 10_000] {
        let text = plan_text(tasks);
        c.bench_function(&format!("load+validate plan, {tasks} tasks"), |b| {
            b.iter(|| LoadedPlan::from_bytes(black_box(text.as_bytes()), "plan.json").unwrap())
        });
    }
}

/// A plan file read from disk, parsed as ever or through its kept form in the cache folder.
fn load_plan_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan file");
    group.sample_size(10);
    for tasks in [10_000, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, plan_text(tasks)).unwrap();
        let cache = dir.path().join("cache");
        workplan::plan::kept::load(&path, Some(&cache)).unwrap();
        group.bench_function(format!("parsed, {tasks} tasks"), |b| {
            b.iter(|| LoadedPlan::from_path(black_box(&path)).unwrap())
        });
        group.bench_function(format!("through its kept form, {tasks} tasks"), |b| {
            b.iter(|| workplan::plan::kept::load(black_box(&path), Some(&cache)).unwrap())
        });
    }
    group.finish();
}

fn read_and_fold(c: &mut Criterion) {
    for (tasks, events) in [(62, 1_000), (10_000, 100_000)] {
        let plan = LoadedPlan::from_bytes(plan_text(tasks).as_bytes(), "plan.json").unwrap();
        let dir = data_dir(&plan, events);
        let store = Store::new(dir.path(), &plan.plan.id, "王敏");
        let mut group = c.benchmark_group("journal");
        if events > 10_000 {
            group.sample_size(10);
        }
        group.bench_function(format!("read+merge+fold, {events} events"), |b| {
            b.iter(|| {
                let back = store.read().unwrap();
                fold(&plan, back.events, date(2023, 9, 1))
            })
        });
        // With this computer's copy of events, whose snapshot of the last read spares parsing
        // (kept once a read finds a few thousand new events).
        let cache = tempfile::tempdir().unwrap();
        let copied = Store::new(dir.path(), &plan.plan.id, "王敏").with_local_copy(cache.path());
        copied.read().unwrap();
        group.bench_function(
            format!("read+merge+fold, {events} events, local copy"),
            |b| {
                b.iter(|| {
                    let back = copied.read().unwrap();
                    fold(&plan, back.events, date(2023, 9, 1))
                })
            },
        );
        group.finish();
    }
}

/// The fold alone, from the 2023 plan's size to a city's (100,000 tasks, 1,000,000 events): the
/// time per event should stay about the same.
fn fold_alone(c: &mut Criterion) {
    let mut group = c.benchmark_group("fold");
    group.sample_size(10);
    for (tasks, events) in [(10_000, 100_000), (100_000, 1_000_000)] {
        let plan = LoadedPlan::from_bytes(plan_text(tasks).as_bytes(), "plan.json").unwrap();
        let all = merge(synth::events(&synth::loaded_task_ids(&plan), events));
        group.bench_function(format!("{events} events, {tasks} tasks"), |b| {
            b.iter_batched(
                || all.clone(),
                |events| fold(&plan, events, date(2023, 9, 1)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The dashboard as the program opens it: with this computer's local copy of the events.
fn app(plan: LoadedPlan, dir: &Path) -> App {
    let store = Store::new(dir, &plan.plan.id, "王敏").with_local_copy(&dir.join("local-copy"));
    App::new(Context {
        lang: Lang::Zh,
        plan,
        store,
        today: date(2023, 9, 1),
        until: None,
        ambiguous_wide: false,
    })
}

fn render(c: &mut Criterion) {
    for (tasks, events) in [(62, 1_000), (10_000, 100_000)] {
        let plan = LoadedPlan::from_bytes(plan_text(tasks).as_bytes(), "plan.json").unwrap();
        let dir = data_dir(&plan, events);
        let mut app = app(plan, dir.path());
        app.tree.expanded.iter_mut().for_each(|e| *e = true);
        app.update(Action::ClearFilter); // rebuilds the visible rows with every node expanded
        app.update(Action::Resize(160, 48));
        app.update(Action::PageDown);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        c.bench_function(
            &format!("render dashboard 160x48, {tasks} tasks expanded"),
            |b| {
                b.iter(|| {
                    terminal.draw(|f| workplan::ui::draw(f, &app)).unwrap();
                })
            },
        );
        let mut group = c.benchmark_group("keys");
        if tasks > 1_000 {
            group.sample_size(20);
        }
        group.bench_function(format!("key ↓ + frame, {tasks} tasks"), |b| {
            b.iter(|| {
                app.update(Action::Down);
                app.update(Action::Up);
                terminal.draw(|f| workplan::ui::draw(f, &app)).unwrap();
            })
        });
        // A change as the officer makes it: written and synced to the journal, applied to the
        // state, drawn.
        group.bench_function(format!("Space + frame, {tasks} tasks"), |b| {
            b.iter(|| {
                app.update(Action::CycleStatus);
                terminal.draw(|f| workplan::ui::draw(f, &app)).unwrap();
            })
        });
        // The same, and then what follows the frame: this computer's copy takes the change in.
        group.bench_function(format!("Space + frame + local copy, {tasks} tasks"), |b| {
            b.iter(|| {
                app.update(Action::CycleStatus);
                terminal.draw(|f| workplan::ui::draw(f, &app)).unwrap();
                app.after_frame();
            })
        });
        group.finish();
    }
}

/// The disk without the flush, to show what the flush costs.
#[derive(Debug)]
struct NoSync;

struct NoSyncFile(Box<dyn AppendFile>);

impl AppendFile for NoSyncFile {
    fn len(&mut self) -> io::Result<u64> {
        self.0.len()
    }
    fn tail(&mut self, n: u64) -> io::Result<Vec<u8>> {
        self.0.tail(n)
    }
    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.append(buf)
    }
    fn sync(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.0.truncate(len)
    }
}

impl Storage for NoSync {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        Disk.create_dir_all(path)
    }
    fn open_append(&self, path: &Path) -> io::Result<Box<dyn AppendFile>> {
        Ok(Box::new(NoSyncFile(Disk.open_append(path)?)))
    }
    fn sync_dir(&self, _path: &Path) -> io::Result<()> {
        Ok(())
    }
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        Disk.write_atomic(path, bytes)
    }
}

fn append(c: &mut Criterion) {
    let plan = LoadedPlan::embedded().unwrap();
    let req = SetRequest {
        percent: Some(50),
        ..SetRequest::default()
    };
    for (name, storage) in [
        ("with fsync", Arc::new(Disk) as Arc<dyn Storage>),
        ("without fsync", Arc::new(NoSync)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "xjw-2023", "王敏").with_storage(storage);
        c.bench_function(&format!("append one event, {name}"), |b| {
            b.iter_batched(
                || edit::set(&plan, "1.1.1", &req, "王敏").unwrap(),
                |events| store.append(&events).unwrap(),
                BatchSize::SmallInput,
            )
        });
    }
}

fn exports(c: &mut Criterion) {
    let plan = LoadedPlan::from_bytes(plan_text(10_000).as_bytes(), "plan.json").unwrap();
    let dir = data_dir(&plan, 100_000);
    let back = Store::new(dir.path(), &plan.plan.id, "王敏")
        .read()
        .unwrap();
    let progress = fold(&plan, back.events, date(2023, 9, 1));
    let mut group = c.benchmark_group("export 10000 tasks");
    group.sample_size(10);
    for format in export::FORMATS {
        group.bench_function(format!("{format:?}"), |b| {
            b.iter(|| export::render(black_box(format), &plan, &progress, Lang::Zh).unwrap())
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    load_plan,
    load_plan_file,
    read_and_fold,
    fold_alone,
    render,
    append,
    exports
);
criterion_main!(benches);
