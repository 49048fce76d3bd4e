//! The review table `plan import` prints: each area with its counts, each item's first words,
//! and what the reader was unsure of.

use super::outline::{Noted, first_words};
use super::words;
use crate::i18n::Lang;
use crate::plan::Plan;
use crate::text;

/// The review of an imported plan, ready to print.
pub fn table(lang: Lang, plan: &Plan, heading: Option<&str>, notes: &[Noted]) -> String {
    let mut out = String::new();
    if let Some(h) = heading {
        out.push_str(&format!(
            "{}{h}\n",
            lang.pick("读取部分：", "section read: ")
        ));
    }
    out.push_str(&format!("{}  {}  {}\n\n", plan.id, plan.title, plan.year));
    let mut rows = vec![lang.header(&[
        ("编号", "id"),
        ("领域 / 事项（开头）", "area / item (first words)"),
        ("事项", "items"),
        ("任务", "tasks"),
    ])];
    let (mut items, mut tasks) = (0, 0);
    for area in &plan.areas {
        let area_tasks: usize = area.items.iter().map(|i| i.tasks.len()).sum();
        items += area.items.len();
        tasks += area_tasks;
        rows.push(vec![
            area.id.clone(),
            first_words(&area.title),
            area.items.len().to_string(),
            area_tasks.to_string(),
        ]);
        for item in &area.items {
            rows.push(vec![
                item.id.clone(),
                format!("  {}", first_words(&item.title)),
                String::new(),
                item.tasks.len().to_string(),
            ]);
        }
    }
    rows.push(vec![
        lang.pick("合计", "total").to_string(),
        format!("{} {}", plan.areas.len(), lang.pick("个领域", "areas")),
        items.to_string(),
        tasks.to_string(),
    ]);
    out.push_str(&text::table(&rows, &[false, false, true, true]));
    out.push('\n');
    if notes.is_empty() {
        out.push_str(lang.pick("没有需要核对的地方。\n", "Nothing to check.\n"));
    } else {
        out.push_str(&format!(
            "{}\n",
            match lang {
                Lang::Zh => format!("需要核对（{} 处）：", notes.len()),
                Lang::En => format!("To check ({}):", notes.len()),
            }
        ));
        for n in notes {
            let at = words::place(lang, &n.place);
            let sep = if at.is_empty() { "" } else { "  " };
            out.push_str(&format!("  ! {at}{sep}{}\n", words::note(lang, &n.note)));
        }
    }
    out
}
