//! `plan keys` and `plan migrate`: keeping every task's history with its task when the plan
//! changes mid-year.

use std::io::BufRead;
use std::path::Path;

use super::plan_file::checked_plan;
use super::{Failure, Out, load_progress, save, say};
use crate::context::{Context, Global};
use crate::i18n::Lang;
use crate::journal::{Body, Event, Move, Moved};
use crate::plan::migrate::{self, Found};
use crate::plan::{LoadedPlan, keys};
use crate::text;

/// `plan keys`: the plan (a file, else the one in use) with a key on every task, written to
/// `output` (atomically) or printed.
pub fn keys(
    global: &Global,
    file: Option<&Path>,
    output: Option<&Path>,
    out: Out,
    err: Out,
) -> Result<(), Failure> {
    let lang = global.lang();
    let configured = match (file, &global.plan) {
        (None, None) => crate::config::load(lang).map_err(Failure)?.plan,
        _ => None,
    };
    let path = file.or(global.plan.as_deref()).or(configured.as_deref());
    let mut plan = checked_plan(lang, path)?;
    let added = keys::add_keys(&mut plan);
    let json = crate::import::to_json(&plan);
    match output {
        Some(o) => {
            crate::export::write_atomically(&crate::storage::Disk, o, json.as_bytes())
                .map_err(|e| Failure(crate::i18n::export_error(lang, &e)))?;
        }
        None => write!(out, "{json}").map_err(|e| Failure(e.to_string()))?,
    }
    say(
        err,
        &match lang {
            Lang::Zh => format!("已为 {added} 项任务加上键"),
            Lang::En => format!("keys given to {added} tasks"),
        },
    )
}

/// `plan migrate OLD NEW`: proposes where each task of `old` is in `new`, and once confirmed
/// (`yes`, or `y` on standard input) records it in the journal of `new`, so every computer
/// moves the same histories.
pub fn migrate(
    global: &Global,
    old: &Path,
    new: &Path,
    yes: bool,
    out: Out,
    err: Out,
) -> Result<(), Failure> {
    let lang = global.lang();
    let before = LoadedPlan::from_plan(checked_plan(lang, Some(old))?, &old.display().to_string());
    let mut in_use = global.clone();
    in_use.plan = Some(new.to_path_buf());
    let ctx = Context::load(&in_use).map_err(Failure)?;
    if before.plan.id != ctx.plan.plan.id {
        return Err(Failure(match lang {
            Lang::Zh => format!(
                "两份计划的编号不同（{} 与 {}）；迁移用于同一计划在年中的调整，新的一年请用新的计划",
                before.plan.id, ctx.plan.plan.id
            ),
            Lang::En => format!(
                "the plans have different ids ({} and {}); migrate is for changes to one plan during its year — a new year takes a new plan",
                before.plan.id, ctx.plan.plan.id
            ),
        }));
    }
    let proposals = migrate::propose(&before, &ctx.plan);
    let moves: Vec<&migrate::Proposal> = proposals
        .iter()
        .filter(|p| p.moves(&before, &ctx.plan) || p.found == Found::Dropped)
        .collect();
    let mut rows = vec![lang.header(&[
        ("原编号", "old id"),
        ("新编号", "new id"),
        ("依据", "by"),
        ("任务", "task"),
    ])];
    for p in &moves {
        let o = &before.nodes()[p.old];
        let how = match p.found {
            Found::Key => lang.pick("键相同", "same key").to_string(),
            Found::Text => lang.pick("文字相同", "same text").to_string(),
            Found::Similar(s) => format!("{}{:.0}%", lang.pick("相似 ", "similar "), s * 100.0),
            Found::Dropped => lang.pick("已删除", "dropped").to_string(),
        };
        let to = p
            .new
            .map_or("—".to_string(), |n| ctx.plan.nodes()[n].id.clone());
        rows.push(vec![o.id.clone(), to, how, text::ellipsize(&o.text, 30)]);
    }
    let recorded: Vec<Move> = moves
        .iter()
        .filter_map(|p| {
            let n = p.new?;
            let (o, n) = (&before.nodes()[p.old], &ctx.plan.nodes()[n]);
            Some(Move {
                from: o.key.clone(),
                id: o.id.clone(),
                to: n.key.clone(),
            })
        })
        .collect();
    if recorded.is_empty() {
        return say(
            out,
            lang.pick(
                "无需迁移：每项任务的编号和键都没有变",
                "nothing to move: every task keeps its id and key",
            ),
        );
    }
    write!(out, "{}", text::table(&rows, &[])).map_err(|e| Failure(e.to_string()))?;
    let question = match lang {
        Lang::Zh => format!("记录这 {} 项任务的去向？(y/N) ", recorded.len()),
        Lang::En => format!("Record where these {} tasks went? (y/N) ", recorded.len()),
    };
    if !yes {
        write!(out, "{question}").map_err(|e| Failure(e.to_string()))?;
        let _ = out.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            say(out, "")?; // the answer came from a pipe: no newline was echoed
        }
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
            return say(out, lang.pick("未记录", "nothing recorded"));
        }
    }
    let progress = load_progress(&ctx, err)?;
    let mut events = [Event::new(
        ctx.store.user(),
        Body::Moved(Moved { tasks: recorded }),
    )];
    crate::edit::mark_seen(&ctx.plan, &*progress, &mut events);
    save(&ctx, &events, out)
}
