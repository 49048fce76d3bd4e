//! `workplan plan import|show`: a plan from a report's text or a 台账, and the plan in use.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::plan_file::checked_plan;
use super::{Failure, Format, Out, io_fail, say};
use crate::context::{Global, parse_date};
use crate::i18n::Lang;
use crate::import::{self, Options, review, words};
use crate::plan::{Level, LoadedPlan, Plan};
use crate::text;

/// What `workplan plan` does.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Make a plan from a report's text (.txt, UTF-8 or GBK) or a 台账 (.xlsx, .csv), show
    /// what was found, and write it.
    Import {
        /// The report's text, or the 台账 (.xlsx, .xls, .ods, .csv)
        file: PathBuf,
        /// The plan file to write
        #[arg(short, long, value_name = "FILE", required_unless_present = "dry_run")]
        output: Option<PathBuf>,
        /// Read the section whose heading holds this text (default: the one work-plan heading)
        #[arg(long, value_name = "TEXT")]
        section: Option<String>,
        /// The plan's id, which names its journal folder (default: plan-<year>)
        #[arg(long)]
        id: Option<String>,
        /// The plan's title (default: the office and the section heading)
        #[arg(long)]
        title: Option<String>,
        /// The plan's year (default: from the heading, or the 台账's due dates)
        #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2200))]
        year: Option<i32>,
        /// First day of the plan (default: the day after the report, else 1 January)
        #[arg(long)]
        start: Option<String>,
        /// Last day of the plan (default: 31 December)
        #[arg(long)]
        due: Option<String>,
        /// Only show the review table; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print the plan in use (the embedded one unless --plan or the settings name another).
    Show {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Give every task of a plan its stable key, so its history stays with it when tasks are
    /// renumbered, inserted, moved or reworded (default: the plan in use; printed unless -o).
    Keys {
        file: Option<PathBuf>,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// After the plan changed: show where each task of the old plan is in the new one (by key,
    /// same text or similar text) and, once confirmed, record it so its history follows.
    Migrate {
        old: PathBuf,
        new: PathBuf,
        /// Record without asking.
        #[arg(long)]
        yes: bool,
    },
}

/// Runs `workplan plan …`.
pub fn run(global: &Global, command: &PlanCommand, out: Out, err: Out) -> Result<(), Failure> {
    let lang = global.lang();
    match command {
        PlanCommand::Keys { file, output } => {
            super::replan::keys(global, file.as_deref(), output.as_deref(), out, err)
        }
        PlanCommand::Migrate { old, new, yes } => {
            super::replan::migrate(global, old, new, *yes, out, err)
        }
        PlanCommand::Show { format } => show(global, lang, *format, out),
        PlanCommand::Import {
            file,
            output,
            section,
            id,
            title,
            year,
            start,
            due,
            dry_run,
            force,
        } => {
            let date_year = year.unwrap_or_else(|| i32::from(crate::clock::today().year()));
            let date = |what: &str, s: &Option<String>| {
                s.as_deref()
                    .map(|s| parse_date(lang, what, s, date_year))
                    .transpose()
                    .map_err(Failure)
            };
            let options = Options {
                id: id.clone(),
                title: title.clone(),
                year: *year,
                section: section.clone(),
                start: date("--start", start)?,
                due: date("--due", due)?,
            };
            let target = if *dry_run { None } else { output.as_deref() };
            import(lang, file, target, &options, *force, out)
        }
    }
}

fn import(
    lang: Lang,
    file: &Path,
    output: Option<&Path>,
    options: &Options,
    force: bool,
    out: Out,
) -> Result<(), Failure> {
    let name = file.display().to_string();
    if let Some(o) = output.filter(|o| o.exists() && !force) {
        return Err(Failure(words::exists(lang, &o.display().to_string())));
    }
    let bytes =
        crate::storage::open::read_named(file).map_err(|e| Failure(words::io(lang, &name, &e)))?;
    let imported = if import::is_ledger(file) {
        import::ledger(file, &bytes, options)
    } else {
        import::report(&bytes, options)
    }
    .map_err(|e| Failure(words::error(lang, &name, &e)))?;
    let table = review::table(
        lang,
        &imported.plan,
        imported.heading.as_deref(),
        &imported.notes,
    );
    for line in table.lines() {
        say(out, line)?;
    }
    let Some(path) = output else {
        return Ok(());
    };
    let shown = path.display().to_string();
    write(path, import::to_json(&imported.plan).as_bytes())
        .map_err(|e| Failure(words::io(lang, &shown, &e)))?;
    let (a, i, t) = counts(&imported.plan);
    say(out, "")?;
    say(out, &words::written(lang, &shown, (a, i, t)))
}

fn counts(plan: &crate::plan::Plan) -> (usize, usize, usize) {
    let items = plan.areas.iter().map(|a| a.items.len()).sum();
    let tasks = plan
        .areas
        .iter()
        .flat_map(|a| &a.items)
        .map(|i| i.tasks.len())
        .sum();
    (plan.areas.len(), items, tasks)
}

/// Writes the whole file or nothing.
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The plan in use, read and checked: `--plan`, else the settings' `plan`, else the embedded
/// one.
fn plan_in_use(global: &Global, lang: Lang) -> Result<Plan, Failure> {
    let configured = match &global.plan {
        None => crate::config::load(lang).map_err(Failure)?.plan,
        Some(_) => None,
    };
    checked_plan(lang, global.plan.as_deref().or(configured.as_deref()))
}

fn show(global: &Global, lang: Lang, format: Format, out: Out) -> Result<(), Failure> {
    let plan = plan_in_use(global, lang)?;
    if format == Format::Json {
        return write!(out, "{}", import::to_json(&plan)).map_err(io_fail);
    }
    let loaded = LoadedPlan::from_plan(plan, "");
    let p = &loaded.plan;
    say(
        out,
        &format!("{}  {}  {} – {}", p.id, p.title, p.start, p.due),
    )?;
    let mut rows = vec![lang.header(&[
        ("编号", "id"),
        ("领域 / 事项 / 任务", "area / item / task"),
        ("责任部门", "owner"),
        ("完成时限", "due"),
    ])];
    for node in loaded.nodes() {
        let indent = match node.level {
            Level::Area => "",
            Level::Item => "  ",
            Level::Task => "    ",
        };
        let due = if node.level == Level::Task {
            node.due.to_string()
        } else {
            String::new()
        };
        rows.push(vec![
            node.id.clone(),
            format!("{indent}{}", node.text),
            node.owner.clone().unwrap_or_default(),
            due,
        ]);
    }
    let table = text::table(&rows, &[]);
    for line in table.lines() {
        say(out, line)?;
    }
    Ok(())
}
