//! Progress over time: overall and per-area percent at the end of every week, from the journal.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::TaskValues;
use crate::journal::Events;
use crate::plan::{Level, LoadedPlan};

/// Weekly snapshots of progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The last day (Sunday, or the as-of date) of each week.
    pub weeks: Vec<Date>,
    /// Overall percent at the end of each week.
    pub overall: Vec<f64>,
    /// Per area (in plan order), percent at the end of each week.
    pub areas: Vec<Vec<f64>>,
}

/// Replays `events` (merged, in order) once and records the percents at the end of each week from
/// the week of `from` to the week of `to`, dates taken in `tz`.
pub fn weekly(
    plan: &LoadedPlan,
    events: &Events,
    targets: &super::target::Targets,
    from: Date,
    to: Date,
    tz: &TimeZone,
) -> Trend {
    let nodes = plan.nodes();
    let mut values: Vec<TaskValues> = nodes
        .iter()
        .map(|n| TaskValues {
            status: crate::status::Status::NotStarted,
            percent: 0,
            owner: None,
            due: n.due,
        })
        .collect();
    let areas: Vec<(usize, Vec<usize>)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Area)
        .map(|(i, _)| (i, plan.tasks_under(i)))
        .collect();
    let all_tasks: Vec<usize> = areas.iter().flat_map(|(_, t)| t.iter().copied()).collect();
    let mean = |values: &[TaskValues], tasks: &[usize]| {
        if tasks.is_empty() {
            0.0
        } else {
            tasks
                .iter()
                .map(|&t| f64::from(values[t].percent))
                .sum::<f64>()
                / tasks.len() as f64
        }
    };
    let mut trend = Trend {
        weeks: Vec::new(),
        overall: Vec::new(),
        areas: vec![Vec::new(); areas.len()],
    };
    if to < from {
        return trend;
    }
    let mut next = events.iter_without_notes().enumerate().peekable();
    let mut week_end = end_of_week(from).min(to);
    loop {
        while let Some((i, e)) =
            next.next_if(|(_, e)| e.at.to_zoned_datetime(tz.clone()).date() <= week_end)
        {
            if let Some(c) = e.change()
                && let Some(n) = targets.get(i)
            {
                values[n].apply(c);
            }
        }
        trend.weeks.push(week_end);
        trend.overall.push(mean(&values, &all_tasks));
        for (a, (_, tasks)) in areas.iter().enumerate() {
            trend.areas[a].push(mean(&values, tasks));
        }
        if week_end >= to {
            return trend;
        }
        week_end = end_of_week(week_end.tomorrow().unwrap_or(to)).min(to);
    }
}

/// The Sunday that ends the week of `d`.
fn end_of_week(d: Date) -> Date {
    let ahead = 7 - i64::from(d.weekday().to_monday_one_offset());
    d.checked_add(jiff::Span::new().days(ahead)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::journal::{Body, Change, Event, Events};
    use jiff::civil::{Weekday, date};

    fn set(at: &str, node: &str, percent: u8) -> Event {
        Event {
            id: uuid::Uuid::now_v7(),
            at: at.parse().unwrap(),
            user: "t".into(),
            body: Body::Change(Change {
                node: node.into(),
                percent: Some(percent),
                ..Change::default()
            }),
        }
    }

    #[test]
    fn weeks_end_on_sunday_and_at_the_as_of_date() {
        let plan = LoadedPlan::embedded().unwrap();
        // 2023-04-03 is a Monday.
        let events = vec![
            set("2023-04-04T04:00:00Z", "1.1.1", 60),
            set("2023-04-12T04:00:00Z", "1.1.1", 100),
            set("2023-04-12T05:00:00Z", "2.2.1", 60),
        ];
        let t = weekly(
            &plan,
            &Events::from(&events[..]),
            &crate::progress::target::task_targets(&plan, &events),
            date(2023, 4, 3),
            date(2023, 4, 13),
            &TimeZone::UTC,
        );
        assert_eq!(t.weeks, [date(2023, 4, 9), date(2023, 4, 13)]);
        assert!((t.overall[0] - 60.0 / 62.0).abs() < 1e-9);
        assert!((t.overall[1] - 160.0 / 62.0).abs() < 1e-9);
        assert!(
            (t.areas[0][0] - 5.0).abs() < 1e-9,
            "area 1 has 12 tasks: 60/12"
        );
        assert!(
            (t.areas[1][1] - 10.0).abs() < 1e-9,
            "area 2 has 6 tasks: 60/6"
        );
        assert_eq!(Weekday::Sunday, t.weeks[0].weekday());
    }

    #[test]
    fn nothing_before_the_start() {
        let plan = LoadedPlan::embedded().unwrap();
        let t = weekly(
            &plan,
            &Events::new(),
            &Default::default(),
            date(2023, 5, 1),
            date(2023, 4, 1),
            &TimeZone::UTC,
        );
        assert!(t.weeks.is_empty());
    }
}
