//! The status object: the one view of progress that `status --format json` and exports share.

pub mod handout;
pub mod history;
pub mod meeting;

use jiff::civil::Date;
use serde::Serialize;

use crate::plan::{Level, LoadedPlan};
use crate::progress::digest::Aside;
use crate::progress::{Counts, Folded, Light, NodeState};
use crate::status::Status;

/// The whole plan's state, as written by `status --format json`.
#[derive(Debug, Serialize)]
pub struct StatusReport<'a> {
    /// The version of this object's shape, [`SCHEMA`].
    pub schema: u32,
    pub plan: PlanInfo,
    pub as_of: Date,
    pub percent: f64,
    pub status: Status,
    pub light: Light,
    pub counts: CountsJson,
    pub summary: String,
    pub areas: Vec<AreaReport<'a>>,
    /// Changes to ids the plan does not have.
    pub orphans: Vec<OrphanReport>,
    /// Changes kept out of the state: their id now names another task (see `plan migrate`).
    pub misplaced: Vec<OrphanReport>,
}

/// Which plan this is.
#[derive(Debug, Serialize)]
pub struct PlanInfo {
    pub id: String,
    pub title: String,
    pub year: i32,
}

/// Task counts by status, light and lag.
#[derive(Debug, Serialize)]
pub struct CountsJson {
    pub total: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub done: usize,
    pub blocked: usize,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub lagging: usize,
}

/// One area and its items.
#[derive(Debug, Serialize)]
pub struct AreaReport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub percent: f64,
    pub status: Status,
    pub light: Light,
    pub items: Vec<ItemReport<'a>>,
}

/// One item and its tasks.
#[derive(Debug, Serialize)]
pub struct ItemReport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub percent: f64,
    pub status: Status,
    pub light: Light,
    pub tasks: Vec<TaskReport<'a>>,
}

/// One task with every field of the 台账.
#[derive(Debug, Serialize)]
pub struct TaskReport<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub percent: f64,
    pub status: Status,
    pub light: Light,
    /// Why the light is not green, in words.
    pub reason: Option<String>,
    pub owner: Option<&'a str>,
    #[serde(serialize_with = "iso_date")]
    pub due: Date,
    /// The latest progress note.
    pub note: Option<&'a str>,
    /// When the task last changed.
    pub updated_at: Option<Time>,
    pub updated_by: Option<&'a str>,
}

/// An event whose node is not in the plan.
#[derive(Debug, Serialize)]
pub struct OrphanReport {
    pub event: String,
    pub node: String,
    pub user: String,
    pub at: String,
}

impl From<&Counts> for CountsJson {
    fn from(c: &Counts) -> Self {
        Self {
            total: c.total,
            not_started: c.not_started,
            in_progress: c.in_progress,
            done: c.done,
            blocked: c.blocked,
            green: c.green,
            yellow: c.yellow,
            red: c.red,
            lagging: c.lagging,
        }
    }
}

/// Percent rounded to one decimal, as JSON shows it.
fn round1(p: f64) -> f64 {
    (p * 10.0).round() / 10.0
}

/// The version of the shape of every JSON object the command line writes; it changes when a
/// field is renamed or removed, not when one is added.
pub const SCHEMA: u32 = 1;

/// A moment as the command line writes it: RFC 3339 in this computer's time zone, with its
/// offset, e.g. `2023-09-01T10:00:00+08:00`.
pub fn rfc3339(ts: jiff::Timestamp) -> String {
    rfc3339_at(ts, crate::clock::zone().to_offset(ts))
}

/// A date as `YYYY-MM-DD`, as jiff writes it, digit by digit for four-digit years: a city's
/// report writes 100,000 of them.
fn iso_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    if !(0..=9999).contains(&d.year()) {
        return s.collect_str(d);
    }
    let mut b = *b"0000-00-00";
    put_date(&mut b, *d);
    // Digits and dashes only: always UTF-8.
    s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
}

/// Writes the digits of `d`, of a four-digit year, over the zeros of `0000-00-00` at the start
/// of `b`.
fn put_date(b: &mut [u8], d: Date) {
    let year = u32::from(d.year().unsigned_abs());
    put_two(b, 0, year / 100);
    put_two(b, 2, year % 100);
    put_two(b, 5, d.month().unsigned_abs().into());
    put_two(b, 8, d.day().unsigned_abs().into());
}

/// Writes the last two digits of `n` at `at`.
fn put_two(b: &mut [u8], at: usize, n: u32) {
    b[at] = b'0' + (n / 10 % 10) as u8;
    b[at + 1] = b'0' + (n % 10) as u8;
}

/// [`rfc3339`] at `offset`: through the offset alone, digit by digit, as a report of a city's
/// plan writes 100,000 of them. Years of other than four digits and offsets of odd seconds go
/// the long way.
fn rfc3339_at(ts: jiff::Timestamp, offset: jiff::tz::Offset) -> String {
    let t = offset.to_datetime(ts);
    let seconds = offset.seconds();
    if !(0..=9999).contains(&t.year()) || seconds % 60 != 0 {
        return format!("{:.0}", ts.display_with_offset(offset));
    }
    let mut b = *b"0000-00-00T00:00:00+00:00";
    put_date(&mut b, t.date());
    let mut put = |at: usize, n: u32| put_two(&mut b, at, n);
    let minutes = seconds.unsigned_abs() / 60;
    put(11, t.hour().unsigned_abs().into());
    put(14, t.minute().unsigned_abs().into());
    put(17, t.second().unsigned_abs().into());
    put(20, minutes / 60);
    put(23, minutes % 60);
    if seconds < 0 {
        b[19] = b'-';
    }
    // Digits and signs only: always UTF-8.
    String::from_utf8(b.to_vec()).unwrap_or_default()
}

/// A moment in a report: RFC 3339 with offset in JSON ([`rfc3339`]), local
/// `YYYY-MM-DD HH:MM` in documents for people ([`Time::local`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time(pub jiff::Timestamp);

impl Time {
    /// Local `YYYY-MM-DD HH:MM`, for documents.
    pub fn local(self) -> String {
        local_time(self.0)
    }
}

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rfc3339(self.0))
    }
}

/// A timestamp as local `YYYY-MM-DD HH:MM`.
pub fn local_time(ts: jiff::Timestamp) -> String {
    let t = crate::clock::zone().to_offset(ts).to_datetime(ts);
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

impl<'a> StatusReport<'a> {
    /// Builds the report of `folded` over `plan`, with text in `lang`; its texts are theirs,
    /// borrowed, not copied.
    pub fn new(plan: &'a LoadedPlan, folded: &'a Folded, lang: crate::i18n::Lang) -> Self {
        let nodes = plan.nodes();
        let states: &[NodeState] = &folded.nodes;
        let task = |i: usize| {
            let s = &states[i];
            let latest = &folded.digest.latest[i];
            TaskReport {
                id: &nodes[i].id,
                text: &nodes[i].text,
                percent: s.percent,
                status: s.status,
                light: s.light,
                reason: s.reason.map(|r| crate::i18n::reason(lang, r)),
                owner: s.owner.as_deref(),
                due: s.due,
                note: latest.note.as_deref(),
                updated_at: latest.changed.as_ref().map(|(at, _)| Time(*at)),
                updated_by: latest.changed.as_ref().map(|(_, user)| user.as_str()),
            }
        };
        let areas = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.level == Level::Area)
            .map(|(a, area)| AreaReport {
                id: &area.id,
                title: &area.text,
                percent: round1(states[a].percent),
                status: states[a].status,
                light: states[a].light,
                items: area
                    .children
                    .iter()
                    .map(|&i| ItemReport {
                        id: &nodes[i].id,
                        title: &nodes[i].text,
                        percent: round1(states[i].percent),
                        status: states[i].status,
                        light: states[i].light,
                        tasks: nodes[i].children.iter().map(|&t| task(t)).collect(),
                    })
                    .collect(),
            })
            .collect();
        let listed = |asides: &[Aside]| -> Vec<OrphanReport> {
            asides
                .iter()
                .map(|a| OrphanReport {
                    event: a.event.to_string(),
                    node: a.node.to_string(),
                    user: a.user.to_string(),
                    at: rfc3339(a.at),
                })
                .collect()
        };
        let orphans = listed(&folded.digest.orphans);
        let misplaced = listed(&folded.digest.misplaced);
        let o: &NodeState = &folded.overall;
        StatusReport {
            schema: SCHEMA,
            plan: PlanInfo {
                id: plan.plan.id.clone(),
                title: plan.plan.title.clone(),
                year: plan.plan.year,
            },
            as_of: folded.as_of,
            percent: round1(o.percent),
            status: o.status,
            light: o.light,
            counts: (&o.counts).into(),
            summary: crate::i18n::summary(lang, &o.counts),
            areas,
            orphans,
            misplaced,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use jiff::Timestamp;
    use jiff::tz::Offset;

    /// Digit by digit is jiff's own RFC 3339 for any moment and offset.
    #[test]
    fn rfc3339_is_jiffs_own() {
        let offsets = [
            0,
            8 * 3600,
            -5 * 3600,
            5 * 3600 + 45 * 60,
            -(9 * 3600 + 30 * 60),
            25 * 3600,
            37,
            -3599,
        ];
        let moments = [
            Timestamp::MIN.as_second(),
            -62_135_596_800 - 1,
            -62_135_596_800,
            -1,
            0,
            1_680_221_130,
            1_710_535_001,
            253_402_200_000,
            Timestamp::MAX.as_second(),
        ];
        for seconds in offsets {
            let offset = Offset::from_seconds(seconds).unwrap();
            for at in moments {
                let ts = Timestamp::from_second(at).unwrap();
                let jiff = format!("{:.0}", ts.display_with_offset(offset));
                assert_eq!(super::rfc3339_at(ts, offset), jiff, "{at} at {seconds}");
            }
        }
    }

    /// Digit by digit is jiff's own date, in JSON, for any date.
    #[test]
    fn iso_date_is_jiffs_own() {
        #[derive(serde::Serialize)]
        struct Due(#[serde(serialize_with = "super::iso_date")] jiff::civil::Date);
        for (y, m, d) in [
            (-9999, 1, 1),
            (-1, 12, 31),
            (0, 1, 1),
            (7, 3, 9),
            (2023, 12, 31),
            (9999, 12, 31),
        ] {
            let date = jiff::civil::date(y, m, d);
            assert_eq!(
                serde_json::to_string(&Due(date)).unwrap(),
                serde_json::to_string(&date).unwrap()
            );
        }
    }
}
