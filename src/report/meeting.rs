//! What a meeting reviews: per-area progress, the red and yellow lists, the changes since the last
//! checkpoint and the weekly trend. Shared by the meeting view and the minutes-ready exports.

use jiff::tz::TimeZone;

use super::local_time;
use crate::i18n::{self, Lang};
use crate::journal::Body;
use crate::plan::{Level, LoadedPlan};
use crate::progress::trend::{self, Trend};
use crate::progress::{Counts, Light, Progress, Reason};
use crate::status::Status;

/// One area's line of the meeting table.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub id: String,
    pub title: String,
    pub percent: f64,
    pub counts: Counts,
}

/// A task on the red or yellow list, with why and who.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub id: String,
    pub text: String,
    pub owner: Option<String>,
    /// In words: "逾期12天", "受阻（自 2023-07-20 起）", "落后计划 25个百分点".
    pub reason: String,
    pub percent: f64,
}

/// One change since the last checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    /// Local time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub user: String,
    pub node: String,
    pub what: String,
}

/// Everything a meeting reviews, in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingReport {
    pub title: String,
    pub as_of: jiff::civil::Date,
    pub percent: f64,
    pub counts: Counts,
    /// The 督办 sentence.
    pub summary: String,
    pub areas: Vec<AreaRow>,
    pub red: Vec<Flagged>,
    pub yellow: Vec<Flagged>,
    /// The checkpoint the changes count from: its title (if any) and local time.
    pub last_meeting: Option<(Option<String>, String)>,
    pub changes: Vec<ChangeRow>,
    pub trend: Trend,
}

impl MeetingReport {
    /// Builds the meeting's view of `progress`.
    pub fn new(plan: &LoadedPlan, progress: &Progress, lang: Lang) -> Self {
        let nodes = plan.nodes();
        let tz = TimeZone::system();
        let areas = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.level == Level::Area)
            .map(|(i, n)| AreaRow {
                id: n.id.clone(),
                title: n.text.clone(),
                percent: progress.nodes[i].percent,
                counts: progress.nodes[i].counts,
            })
            .collect();
        let mut red = Vec::new();
        let mut yellow = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let s = &progress.nodes[i];
            if n.level != Level::Task || s.light == Light::Green {
                continue;
            }
            let reason = match s.reason {
                Some(Reason::Blocked) => blocked_since(progress, i, &tz).map_or_else(
                    || i18n::reason(lang, Reason::Blocked),
                    |d| {
                        lang.pick(&format!("受阻（自 {d} 起）"), &format!("blocked since {d}"))
                            .to_string()
                    },
                ),
                Some(r) => i18n::reason(lang, r),
                None => String::new(),
            };
            let row = Flagged {
                id: n.id.clone(),
                text: n.text.clone(),
                owner: s.owner.clone(),
                reason,
                percent: s.percent,
            };
            if s.light == Light::Red {
                red.push(row);
            } else {
                yellow.push(row);
            }
        }
        let first = progress.meetings.last().map_or(0, |&m| m + 1);
        let changes = progress.events[first..]
            .iter()
            .filter_map(|e| match &e.body {
                Body::Change(c) => Some(ChangeRow {
                    at: local_time(e.at),
                    user: e.user.clone(),
                    node: c.node.clone(),
                    what: i18n::describe_change(lang, c),
                }),
                Body::Meeting(_) => None,
            })
            .collect();
        let last_meeting = progress.last_meeting().map(|e| {
            let title = match &e.body {
                Body::Meeting(m) => m.title.clone(),
                Body::Change(_) => None,
            };
            (title, local_time(e.at))
        });
        let trend = trend::weekly(plan, &progress.events, plan.plan.start, progress.as_of, &tz);
        let o = &progress.overall;
        Self {
            title: plan.plan.title.clone(),
            as_of: progress.as_of,
            percent: o.percent,
            counts: o.counts,
            summary: i18n::summary(lang, &o.counts),
            areas,
            red,
            yellow,
            last_meeting,
            changes,
            trend,
        }
    }
}

/// The local date of the change that last set task `n` to blocked.
fn blocked_since(progress: &Progress, n: usize, tz: &TimeZone) -> Option<jiff::civil::Date> {
    progress.nodes[n]
        .history
        .iter()
        .rev()
        .map(|&i| &progress.events[i])
        .find(|e| {
            e.change()
                .is_some_and(|c| c.status == Some(Status::Blocked))
        })
        .map(|e| e.at.to_zoned_datetime(tz.clone()).date())
}
