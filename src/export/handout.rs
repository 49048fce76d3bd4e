//! The order of a handout, shared by every format that prints one (Markdown, HTML, the xlsx
//! summary sheet, Word): what the meeting acts on first, the full 台账 last.
//!
//! 1. the 督办 sentence;
//! 2. the per-area table with lights;
//! 3. the red list with owner and reason;
//! 4. the net changes since the last meeting;
//! 5. the yellow list, the tasks that have no progress reported folded per item;
//! 6. the 台账.
//!
//! Grouped by department (`--by-owner`), the handout is instead one page per 责任部门 with its
//! red and yellow tasks: the 督办单 sent after the meeting.

use super::Input;
use crate::i18n::{self, Lang, Term};
use crate::plan::LoadedPlan;
use crate::progress::{Counts, Light};
use crate::report::handout::{by_owner, fold_silent};
use crate::report::meeting::{Flagged, MeetingReport};

/// One section of a handout, in the order it is printed.
pub(crate) enum Part {
    /// The 督办 sentence.
    Summary,
    /// The per-area table with the total row.
    Areas,
    /// A list of tasks under a heading (red or yellow).
    Flagged(Term, Vec<Flagged>),
    /// The net changes since the last meeting.
    Changes,
    /// A department's page: its heading (a new page in print).
    Department(String),
    /// The full 台账.
    Ledger,
}

/// One line of the per-area table.
pub(crate) struct AreaLine {
    /// The area's id; empty on the total line.
    pub id: String,
    /// The area's title, or the word for the total.
    pub title: String,
    pub percent: f64,
    pub counts: Counts,
    pub light: Light,
}

/// The sections of the handout: the meeting's order, or one page per department.
pub(crate) fn parts(
    plan: &LoadedPlan,
    lang: Lang,
    meeting: &MeetingReport,
    grouped: bool,
) -> Vec<Part> {
    if grouped {
        return departments(plan, lang, meeting);
    }
    vec![
        Part::Summary,
        Part::Areas,
        Part::Flagged(Term::Red, meeting.red.clone()),
        Part::Changes,
        Part::Flagged(Term::Yellow, fold_silent(plan, lang, &meeting.yellow)),
        Part::Ledger,
    ]
}

/// One page per 责任部门, in the meeting view's order (most red first, the unassigned last),
/// each with its red tasks and its yellow tasks, folded as in the handout.
fn departments(plan: &LoadedPlan, lang: Lang, meeting: &MeetingReport) -> Vec<Part> {
    let mut out = Vec::new();
    for d in by_owner(meeting) {
        let owner = d
            .owner
            .unwrap_or_else(|| i18n::term(lang, Term::Unassigned));
        let heading = i18n::department_heading(lang, owner, d.red.len(), d.yellow.len());
        out.push(Part::Department(heading));
        out.push(Part::Flagged(
            Term::Red,
            d.red.into_iter().cloned().collect(),
        ));
        out.push(Part::Flagged(
            Term::Yellow,
            fold_silent(plan, lang, d.yellow),
        ));
    }
    out
}

impl Input<'_> {
    /// What the document is, the same in every format: the 督办通报, or grouped by department
    /// the 督办单.
    pub fn kind(&self) -> Term {
        if self.by_owner {
            Term::OwnerNotice
        } else {
            Term::Notice
        }
    }

    /// The title: the plan and what the document is.
    pub fn title(&self) -> String {
        format!(
            "{} · {}",
            self.plan_title,
            i18n::term(self.lang, self.kind())
        )
    }

    /// The line under the title: as-of date and overall percent.
    pub fn as_of_line(&self) -> String {
        format!(
            "{} {} · {} {}%",
            i18n::term(self.lang, Term::AsOf),
            self.meeting.as_of,
            i18n::term(self.lang, Term::Overall),
            i18n::format_percent(self.meeting.percent)
        )
    }

    /// The per-area table's lines, the total last.
    pub fn area_lines(&self) -> Vec<AreaLine> {
        let m = &self.meeting;
        let lights = self.status.areas.iter().map(|a| a.light);
        m.areas
            .iter()
            .zip(lights)
            .map(|(a, light)| AreaLine {
                id: a.id.clone(),
                title: a.title.clone(),
                percent: a.percent,
                counts: a.counts,
                light,
            })
            .chain(std::iter::once(AreaLine {
                id: String::new(),
                title: i18n::term(self.lang, Term::Total).to_string(),
                percent: m.percent,
                counts: m.counts,
                light: self.status.light,
            }))
            .collect()
    }
}

impl AreaLine {
    /// The area as one name, its id first: "1 汇集民智,…", or "合计".
    pub fn name(&self) -> String {
        if self.id.is_empty() {
            self.title.clone()
        } else {
            format!("{} {}", self.id, self.title)
        }
    }

    /// The counts by status, in the order of [`i18n::area_headers`].
    pub fn by_status(&self) -> [usize; 4] {
        let c = &self.counts;
        [c.done, c.in_progress, c.blocked, c.not_started]
    }
}

/// The fill of a light's cell, as RGB: Excel's own Bad / Neutral / Good colours.
pub(crate) fn fill(l: Light) -> u32 {
    match l {
        Light::Red => 0xFFC7CE,
        Light::Yellow => 0xFFEB9C,
        Light::Green => 0xC6EFCE,
    }
}
