//! Synthetic plans and journals of any size, for benchmarks, scale tests and the `gen` example.
//! Texts are the 2023 plan's own sentences, so lengths and characters are realistic.

use jiff::{SignedDuration, Timestamp};

use crate::journal::{Body, Change, Event, Meeting};
use crate::plan::{Area, EMBEDDED_PLAN, Item, Level, LoadedPlan, Plan, Task};
use crate::status::Status;

/// The officers who write synthetic journals.
pub const USERS: [&str; 5] = ["王敏", "李强", "张华", "赵磊", "陈静"];

/// A valid plan of `n` tasks, up to 8 per item, in up to 50 areas (50 from 10,000 tasks on).
pub fn plan(n: usize) -> Plan {
    let Ok(seed) = serde_json::from_str::<Plan>(EMBEDDED_PLAN) else {
        unreachable!("the embedded plan is checked by the tests")
    };
    let texts: Vec<&str> = seed
        .areas
        .iter()
        .flat_map(|a| {
            a.items
                .iter()
                .flat_map(|i| i.tasks.iter().map(|t| t.text.as_str()))
        })
        .collect();
    let titles: Vec<&str> = seed
        .areas
        .iter()
        .flat_map(|a| a.items.iter().map(|i| i.title.as_str()))
        .collect();
    let area_count = (n / 200).clamp(6, 50);
    let items_per_area = n.div_ceil(area_count).div_ceil(8).max(1);
    let mut rng = fastrand::Rng::with_seed(0x2023_0331);
    let mut left = n;
    let mut areas = Vec::new();
    for a in 1..=area_count {
        let mut items = Vec::new();
        for i in 1..=items_per_area {
            let count = 8.min(left);
            if count == 0 {
                break;
            }
            left -= count;
            let tasks = (1..=count)
                .map(|t| Task {
                    id: format!("{a}.{i}.{t}"),
                    key: Some(format!("k{a}x{i}x{t}")),
                    text: format!("（{a}-{i}-{t}）{}", texts[rng.usize(..texts.len())]),
                    text_en: None,
                    owner: None,
                    due: None,
                })
                .collect();
            items.push(Item {
                id: format!("{a}.{i}"),
                title: titles[rng.usize(..titles.len())].to_string(),
                title_en: None,
                owner: None,
                due: None,
                tasks,
            });
        }
        if items.is_empty() {
            break;
        }
        areas.push(Area {
            id: a.to_string(),
            title: seed.areas[(a - 1) % seed.areas.len()].title.clone(),
            title_en: None,
            owner: None,
            due: None,
            items,
        });
    }
    Plan {
        id: format!("big-{n}"),
        title: format!("压力测试计划（{n}项任务）"),
        title_en: None,
        year: 2023,
        source: None,
        start: seed.start,
        due: seed.due,
        owner: None,
        areas,
    }
}

/// `m` events on the tasks `ids`, spread over the year by [`USERS`], a meeting every 500.
pub fn events(ids: &[String], m: usize) -> Vec<Event> {
    if ids.is_empty() {
        return Vec::new();
    }
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let start = Timestamp::from_second(1_680_307_200).unwrap_or(Timestamp::UNIX_EPOCH); // 2023-04-01
    let owners = ["自治办", "党建办", "服务办", "管理办", "平安办"];
    // Every 270 s or so, closer when there are many, so that a million still fit in one year
    // and none lies in the future.
    let step = (31_536_000 / m.max(1) as i64).clamp(1, 270);
    (0..m)
        .map(|k| {
            let user = USERS[rng.usize(..USERS.len())];
            let at = start
                + SignedDuration::from_secs(
                    k as i64 * step + rng.usize(..step.min(200) as usize) as i64,
                );
            let body = if k % 500 == 499 {
                Body::Meeting(Meeting {
                    title: Some(format!("第{}次例会", k / 500 + 1)),
                })
            } else {
                let mut c = Change {
                    node: ids[rng.usize(..ids.len())].as_str().into(),
                    ..Change::default()
                };
                match rng.usize(..10) {
                    0 => c.status = Some(Status::ALL[rng.usize(..4)]),
                    1 => c.owner = Some(owners[rng.usize(..owners.len())].into()),
                    2..=4 => {
                        c.note = Some("按计划推进，已完成阶段性工作，下一步加强协调。".to_string())
                    }
                    _ => c.percent = Some((rng.usize(..11) * 10) as u8),
                }
                Body::Change(c)
            };
            Event {
                id: uuid::Uuid::from_u128((u128::from(rng.u64(..)) << 64) | k as u128),
                at,
                user: user.into(),
                body,
            }
        })
        .collect()
}

/// The task ids of a loaded plan, in order.
pub fn loaded_task_ids(plan: &LoadedPlan) -> Vec<String> {
    plan.nodes()
        .iter()
        .filter(|n| n.level == Level::Task)
        .map(|n| n.id.clone())
        .collect()
}

/// The task ids of a plan, in order.
pub fn task_ids(plan: &Plan) -> Vec<String> {
    plan.areas
        .iter()
        .flat_map(|a| {
            a.items
                .iter()
                .flat_map(|i| i.tasks.iter().map(|t| t.id.clone()))
        })
        .collect()
}
