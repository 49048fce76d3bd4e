//! Writes a large but valid case: a plan of N tasks (Chinese texts of realistic length, 6–50
//! areas) and a journal of M events from several officers, for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen -- --tasks 10000 --events 100000 --out /tmp/big
//! target/release/workplan --plan /tmp/big/plan.json --data-dir /tmp/big/data status
//! ```
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::PathBuf;

use workplan::journal::{Body, Change, Event, Meeting, Store};
use workplan::plan::{Area, EMBEDDED_PLAN, Item, Plan, Task};
use workplan::status::Status;

/// A small deterministic generator, so the same arguments give the same case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn main() {
    let mut tasks = 10_000usize;
    let mut events = 100_000usize;
    let mut out = PathBuf::from("big");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--tasks" => tasks = value.parse().unwrap(),
            "--events" => events = value.parse().unwrap(),
            "--out" => out = value.into(),
            other => panic!("unknown option {other}; use --tasks N --events M --out DIR"),
        }
    }
    let plan = plan(tasks);
    let ids: Vec<String> = plan
        .areas
        .iter()
        .flat_map(|a| {
            a.items
                .iter()
                .flat_map(|i| i.tasks.iter().map(|t| t.id.clone()))
        })
        .collect();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("plan.json"),
        serde_json::to_string_pretty(&plan).unwrap(),
    )
    .unwrap();
    write_journal(&out.join("data"), &plan.id, &ids, events);
    println!(
        "wrote {} ({} areas, {} tasks) and {} events under {}",
        out.join("plan.json").display(),
        plan.areas.len(),
        ids.len(),
        events,
        out.join("data").display()
    );
}

/// A plan of `n` tasks whose texts are the 2023 plan's sentences, varied.
fn plan(n: usize) -> Plan {
    let seed: Plan = serde_json::from_str(EMBEDDED_PLAN).unwrap();
    let texts: Vec<String> = seed
        .areas
        .iter()
        .flat_map(|a| {
            a.items
                .iter()
                .flat_map(|i| i.tasks.iter().map(|t| t.text.clone()))
        })
        .collect();
    let titles: Vec<String> = seed
        .areas
        .iter()
        .flat_map(|a| a.items.iter().map(|i| i.title.clone()))
        .collect();
    let area_count = (n / 200).clamp(6, 50);
    let per_area = n.div_ceil(area_count);
    let items_per_area = per_area.div_ceil(8).max(1);
    let mut rng = Rng(0x2023_0331);
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
                    text: format!("（{a}-{i}-{t}）{}", texts[rng.below(texts.len())]),
                    text_en: None,
                    owner: None,
                    due: None,
                })
                .collect();
            items.push(Item {
                id: format!("{a}.{i}"),
                title: titles[rng.below(titles.len())].clone(),
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

/// `m` events spread over the year by five officers, with a meeting every 500 events.
fn write_journal(data: &std::path::Path, plan_id: &str, ids: &[String], m: usize) {
    let users = ["王敏", "李强", "张华", "赵磊", "陈静"];
    let mut rng = Rng(0x5eed);
    let start = jiff::Timestamp::from_second(1_680_307_200).unwrap(); // 2023-04-01
    let owners = ["自治办", "党建办", "服务办", "管理办", "平安办"];
    let mut files: Vec<_> = users
        .iter()
        .map(|u| {
            let store = Store::new(data, plan_id, u);
            std::fs::create_dir_all(store.folder()).unwrap();
            std::io::BufWriter::new(std::fs::File::create(store.own_file()).unwrap())
        })
        .collect();
    for k in 0..m {
        let u = rng.below(users.len());
        let at = start + jiff::SignedDuration::from_secs((k as i64) * 270 + rng.below(200) as i64);
        let body = if k % 500 == 499 {
            Body::Meeting(Meeting {
                title: Some(format!("第{}次例会", k / 500 + 1)),
            })
        } else {
            let node = ids[rng.below(ids.len())].clone();
            let mut c = Change {
                node,
                ..Change::default()
            };
            match rng.below(10) {
                0 => c.status = Some(Status::ALL[rng.below(4)]),
                1 => c.owner = Some(owners[rng.below(owners.len())].to_string()),
                2..=4 => {
                    c.note = Some("按计划推进，已完成阶段性工作，下一步加强协调。".to_string())
                }
                _ => c.percent = Some((rng.below(11) * 10) as u8),
            }
            Body::Change(c)
        };
        let event = Event {
            id: uuid::Uuid::from_u128((u128::from(rng.next()) << 64) | k as u128),
            at,
            user: users[u].to_string(),
            body,
        };
        serde_json::to_writer(&mut files[u], &event).unwrap();
        files[u].write_all(b"\n").unwrap();
    }
    for mut f in files {
        f.flush().unwrap();
    }
}
