//! `workplan where`: the plan in use, the data folder, this officer's journal file, the settings
//! file and this computer's copy of the events, each labelled, and what is not there yet.

use std::path::Path;

use super::{Failure, Format, Out, io_fail, say};
use crate::context::{Context, Global};
use crate::folder;
use crate::i18n::{self, Absent, Place};
use crate::plan::EMBEDDED_NAME;
use crate::text;

/// One place: its path, if there is one, and what to say when it is not (yet) there.
struct Row {
    place: Place,
    path: Option<String>,
    absent: Option<Absent>,
}

fn shown(p: &Path) -> Option<String> {
    Some(p.display().to_string())
}

/// Prints where things are kept, as a table or as JSON. The data folder need not be there:
/// this is where to look when it is not.
pub fn run(global: &Global, format: Format, out: Out) -> Result<(), Failure> {
    let ctx = Context::locate(global).map_err(Failure)?;
    let lang = ctx.lang;
    let store = &ctx.store;
    let data_dir = store.data_dir();
    let settings = crate::config::path();
    let user = store.user();
    let plan = if ctx.plan.source_name == EMBEDDED_NAME {
        i18n::embedded_plan(lang, &ctx.plan.plan.id)
    } else {
        ctx.plan.source_name.clone()
    };
    let rows = [
        Row {
            place: Place::Plan,
            path: Some(plan),
            absent: None,
        },
        Row {
            place: Place::User,
            path: (!user.is_empty()).then(|| user.to_string()),
            absent: user.is_empty().then_some(Absent::NoUser),
        },
        Row {
            place: Place::DataDir,
            path: shown(data_dir),
            absent: match (data_dir.is_dir(), folder::is_default(data_dir)) {
                // No folder chosen: what is saved stays here, and that is worth saying.
                (_, true) if folder::unchosen(store) => Some(Absent::Unshared),
                (true, _) => None,
                (false, true) => Some(Absent::MadeOnFirstChange),
                (false, false) => Some(Absent::Missing),
            },
        },
        Row {
            place: Place::Journal,
            path: (!user.is_empty()).then(|| store.own_file().display().to_string()),
            absent: user.is_empty().then_some(Absent::NoUser),
        },
        Row {
            place: Place::Settings,
            path: settings.as_deref().and_then(shown),
            absent: (!settings.as_deref().is_some_and(Path::exists)).then_some(Absent::NoSettings),
        },
        Row {
            place: Place::LocalCopy,
            path: store.local_copy().and_then(shown),
            absent: store.local_copy().is_none().then_some(Absent::Off),
        },
    ];
    if format == Format::Json {
        let mut map = serde_json::Map::new();
        map.insert("schema".into(), 1.into());
        for r in &rows {
            map.insert(json_key(r.place).into(), r.path.clone().into());
        }
        // For programs, the plan is its file, or none for the embedded one.
        let file = (ctx.plan.source_name != EMBEDDED_NAME).then(|| ctx.plan.source_name.clone());
        map.insert("plan".into(), file.into());
        map.insert("plan_id".into(), ctx.plan.plan.id.clone().into());
        map.insert("data_dir_exists".into(), data_dir.is_dir().into());
        let json = serde_json::to_string_pretty(&map).map_err(|e| Failure(e.to_string()))?;
        return writeln!(out, "{json}").map_err(io_fail);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let what = match (&r.path, r.absent) {
                (Some(p), Some(a)) => format!("{p} {}", i18n::absent(lang, a)),
                (Some(p), None) => p.clone(),
                (None, Some(a)) => i18n::absent(lang, a).to_string(),
                (None, None) => String::new(),
            };
            vec![i18n::place(lang, r.place).to_string(), what]
        })
        .collect();
    for line in text::table(&table, &[]).lines() {
        say(out, line)?;
    }
    Ok(())
}

/// The key of a place in the JSON output.
fn json_key(p: Place) -> &'static str {
    match p {
        Place::Plan => "plan",
        Place::User => "user",
        Place::DataDir => "data_dir",
        Place::Journal => "journal_file",
        Place::Settings => "settings_file",
        Place::LocalCopy => "local_copy",
    }
}
