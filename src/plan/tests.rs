#![allow(clippy::unwrap_used)]

use super::*;
use crate::i18n::{Lang, plan_error};

/// The 2023 community congress report the plan is taken from, kept with the tests.
const SEED: &str = include_str!("../../tests/fixtures/report-2023.txt");

fn embedded() -> LoadedPlan {
    LoadedPlan::embedded().unwrap()
}

#[test]
fn embedded_plan_has_6_areas_19_items_62_tasks() {
    let plan = embedded();
    assert_eq!(plan.counts(), (6, 19, 62));
    assert_eq!(Plan::embedded().unwrap().areas.len(), 6);
    assert_eq!(plan.plan.id, "xjw-2023");
    assert_eq!(plan.plan.year, 2023);
    assert_eq!(plan.plan.start, jiff::civil::date(2023, 4, 1));
    assert_eq!(plan.plan.due, jiff::civil::date(2023, 12, 31));
}

#[test]
fn embedded_ids_are_unique_and_follow_the_hierarchy() {
    let plan = embedded();
    let mut seen = HashSet::new();
    for node in plan.nodes() {
        assert!(seen.insert(node.id.clone()), "duplicate id {}", node.id);
    }
    for (ai, area) in Plan::embedded().unwrap().areas.iter().enumerate() {
        assert_eq!(area.id, format!("{}", ai + 1));
        for (ii, item) in area.items.iter().enumerate() {
            assert_eq!(item.id, format!("{}.{}", area.id, ii + 1));
            for (ti, task) in item.tasks.iter().enumerate() {
                assert_eq!(task.id, format!("{}.{}", item.id, ti + 1));
            }
        }
    }
    for node in plan.nodes() {
        let Some(p) = node.parent else {
            assert_eq!(node.level, Level::Area);
            continue;
        };
        let parent = &plan.nodes()[p];
        assert!(node.id.starts_with(&format!("{}.", parent.id)));
        assert!(parent.children.contains(&plan.index_of(&node.id).unwrap()));
    }
}

#[test]
fn embedded_texts_are_whole_sentences() {
    let plan = embedded();
    for node in plan.nodes() {
        assert!(!node.text.trim().is_empty(), "{} has no text", node.id);
        if node.level == Level::Task {
            // Each task is one sentence of the report.
            assert!(node.text.ends_with('。'), "{}: {}", node.id, node.text);
            assert_eq!(node.text.matches('。').count(), 1, "{}", node.id);
        }
    }
    let raw = Plan::embedded().unwrap();
    assert_eq!(raw.areas[0].title, "汇集民智,打造人民城市新范例");
    assert_eq!(raw.areas[0].items[0].title, "践行全过程人民民主");
    let t = &plan.nodes()[plan.index_of("1.2.2").unwrap()];
    assert!(t.text.contains("<居民公约>"), "{}", t.text);
    // The one typo fixed, as the README says.
    let t = &plan.nodes()[plan.index_of("4.3.1").unwrap()];
    assert!(t.text.starts_with("夯实街道数据底座"), "{}", t.text);
}

#[test]
fn embedded_due_dates_inherit_from_the_plan() {
    let plan = embedded();
    let due = plan.plan.due;
    assert!(plan.nodes().iter().all(|n| n.due == due));
    let area = plan.index_of("3").unwrap();
    let tasks = plan.tasks_under(area);
    assert_eq!(tasks.len(), 13);
    assert_eq!(plan.nodes()[tasks[0]].id, "3.1.1");
    assert_eq!(plan.nodes()[tasks[12]].id, "3.3.3");
}

/// Rebuilds the section of the seed from the plan: `(一)area。一是item。task task …`.
fn rebuild_seed_section(plan: &Plan) -> String {
    const NUMS: [char; 6] = ['一', '二', '三', '四', '五', '六'];
    let mut out = String::new();
    for (ai, area) in plan.areas.iter().enumerate() {
        out.push_str(&format!("({}){}。", NUMS[ai], area.title));
        for (ii, item) in area.items.iter().enumerate() {
            out.push_str(&format!("{}是{}。", NUMS[ii], item.title));
            for task in &item.tasks {
                out.push_str(&task.text);
            }
        }
    }
    out
}

#[test]
fn embedded_text_is_the_seed_word_for_word() {
    let section = &SEED[SEED.find("2023年主要工作安排").unwrap()..];
    let section = &section[section.find("(一)").unwrap()..];
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // The only edit: a missing character in 4.3.1.
    let expected = squeeze(section).replace("。实街道数据底座", "。夯实街道数据底座");
    let rebuilt = squeeze(&rebuild_seed_section(&Plan::embedded().unwrap()));
    if rebuilt != expected {
        let at = rebuilt
            .chars()
            .zip(expected.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(10))
                .take(30)
                .collect::<String>()
        };
        panic!(
            "plan differs from the seed at character {at}:\n plan: {}\n seed: {}",
            around(&rebuilt),
            around(&expected)
        );
    }
}

// ---- validation -------------------------------------------------------------------------------

const HEAD: &str =
    r#""id": "t", "title": "测试计划", "year": 2023, "start": "2023-04-01", "due": "2023-12-31","#;
const TASK2: &str = r#"{ "id": "1.1.2", "text": "任务二" }"#;

/// A small plan: `head` is line 2 (the plan's own fields), `task` is line 7 (the second task).
fn small(head: &str, task: &str) -> String {
    format!(
        r#"{{
  {head}
  "areas": [
    {{ "id": "1", "title": "第一", "items": [
      {{ "id": "1.1", "title": "事项", "tasks": [
        {{ "id": "1.1.1", "text": "任务一" }},
        {task}
      ] }}
    ] }}
  ]
}}
"#
    )
}

fn load(text: &[u8]) -> Result<LoadedPlan, Vec<PlanError>> {
    LoadedPlan::from_bytes(text, "t.json")
}

/// The single error of a plan that must fail.
fn only_error(text: &[u8]) -> PlanError {
    let errors = load(text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn the_small_plan_is_valid() {
    let plan = load(small(HEAD, TASK2).as_bytes()).unwrap();
    assert_eq!(plan.counts(), (1, 1, 2));
    assert_eq!(plan.source_name, "t.json");
}

#[test]
fn ids_and_keys_are_found_short_or_long() {
    // A key of 32 characters is longer than what the index keeps in place.
    let long_key = "k".repeat(32);
    let task = format!(r#"{{ "id": "1.1.2", "text": "任务二", "key": "{long_key}" }}"#);
    let plan = load(small(HEAD, &task).as_bytes()).unwrap();
    let second = plan.index_of("1.1.2").unwrap();
    assert_eq!(plan.index_of_key(&long_key), Some(second));
    assert_eq!(plan.task_index_of("1.1.2"), Some(second));
    let first = plan.index_of("1.1.1").unwrap();
    assert_eq!(plan.index_of_key(&plan.nodes()[first].key), Some(first));
    assert_eq!(plan.task_index_of("1.1.1"), Some(first));
    // An item or an area is no task; an unknown id is nothing.
    assert!(plan.index_of("1.1").is_some());
    assert_eq!(plan.task_index_of("1.1"), None);
    assert_eq!(plan.task_index_of("1"), None);
    assert_eq!(plan.task_index_of("1.1.3"), None);
    assert_eq!(plan.index_of_key("1.1.1"), None);
}

#[test]
fn duplicate_id() {
    // Chinese text before the id on the same line: columns count characters, not bytes.
    let e = only_error(small(HEAD, r#"{ "text": "任务二", "id": "1.1.1" }"#).as_bytes());
    assert_eq!((e.file.as_str(), e.line, e.column), ("t.json", 7, 32));
    assert_eq!(e.path, "areas[0].items[0].tasks[1].id");
    assert_eq!(
        e.problem,
        PlanProblem::DuplicateId {
            id: "1.1.1".into(),
            first_line: 6
        }
    );
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:7:32: areas[0].items[0].tasks[1].id: 编号 \"1.1.1\" 重复（第6行已用过），编号必须唯一"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:7:32: areas[0].items[0].tasks[1].id: id \"1.1.1\" is used twice (first on line 6); expected a unique id"
    );
}

#[test]
fn plan_id_that_could_name_another_folder() {
    for bad in ["../../x", "a/b", "a\\\\b", "x y", "计划", "a.b"] {
        let head = HEAD.replacen(
            r#""id": "t""#,
            &format!(r#""id": {}"#, serde_json::json!(bad)),
            1,
        );
        let e = only_error(small(&head, TASK2).as_bytes());
        assert_eq!(e.problem, PlanProblem::BadPlanId(bad.into()), "{bad}");
        assert_eq!((e.line, e.path.as_str()), (2, "id"), "{bad}");
    }
    let e = only_error(small(&HEAD.replacen(r#""t""#, r#""../../x""#, 1), TASK2).as_bytes());
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:2:9: id: 计划编号 \"../../x\" 含有不允许的字符；只能用英文字母、数字、_ 和 -，如 \"xjw-2023\""
    );
    assert!(load(small(&HEAD.replacen(r#""t""#, r#""Plan_2024-b""#, 1), TASK2).as_bytes()).is_ok());
}

#[test]
fn id_that_does_not_fit_the_hierarchy() {
    let e = only_error(small(HEAD, r#"{ "text": "任务二", "id": "1.2.1" }"#).as_bytes());
    assert_eq!((e.line, e.column), (7, 32));
    assert_eq!(e.path, "areas[0].items[0].tasks[1].id");
    assert_eq!(
        e.problem,
        PlanProblem::BadId {
            found: "1.2.1".into(),
            parent: Some("1.1".into())
        }
    );
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:7:32: areas[0].items[0].tasks[1].id: 编号 \"1.2.1\" 不符合层级，应为 \"1.1.N\"（N 为数字）"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:7:32: areas[0].items[0].tasks[1].id: id \"1.2.1\" does not fit the hierarchy; expected \"1.1.N\" (N a number)"
    );
    // Not digits, and an area id with a dot, are refused too.
    let e = only_error(small(HEAD, r#"{ "text": "任务二", "id": "1.1.b" }"#).as_bytes());
    assert!(matches!(e.problem, PlanProblem::BadId { .. }));
    let text = small(HEAD, TASK2).replacen(r#""id": "1","#, r#""id": "1.0","#, 1);
    let errors = load(text.as_bytes()).unwrap_err();
    assert_eq!(errors[0].path, "areas[0].id");
    assert_eq!(
        errors[0].problem,
        PlanProblem::BadId {
            found: "1.0".into(),
            parent: None
        }
    );
}

#[test]
fn empty_text() {
    let e =
        only_error(small(HEAD, r#"{ "owner": "街道办", "id": "1.1.2", "text": " " }"#).as_bytes());
    assert_eq!((e.line, e.column), (7, 50));
    assert_eq!(e.path, "areas[0].items[0].tasks[1].text");
    assert_eq!(e.problem, PlanProblem::EmptyText);
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:7:50: areas[0].items[0].tasks[1].text: 内容为空，应为非空文字"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:7:50: areas[0].items[0].tasks[1].text: is empty; expected non-empty text"
    );
}

#[test]
fn invalid_date() {
    let e = only_error(
        small(
            HEAD,
            r#"{ "id": "1.1.2", "text": "任务二", "due": "2023-13-01" }"#,
        )
        .as_bytes(),
    );
    // serde_json stops at the end of the bad value: the closing quote, character 59.
    assert_eq!((e.line, e.column), (7, 59));
    assert_eq!(e.path, "areas[0].items[0].tasks[1].due");
    let PlanProblem::Json(m) = &e.problem else {
        panic!("{e:?}")
    };
    assert!(m.contains("month"), "{m}");
    assert!(!m.contains(" at line "), "position is ours to report: {m}");
    let zh = plan_error(Lang::Zh, &e);
    assert!(
        zh == "t.json:7:59: areas[0].items[0].tasks[1].due: 不是有效的日期；应为 YYYY-MM-DD 形式的真实日期，如 \"2023-09-30\"",
        "{zh}"
    );
    let en = plan_error(Lang::En, &e);
    assert!(
        en.starts_with("t.json:7:59: areas[0].items[0].tasks[1].due: invalid: "),
        "{en}"
    );
}

#[test]
fn a_year_no_plan_could_have_is_named() {
    let head = HEAD.replace(r#""year": 2023"#, r#""year": -1"#);
    assert_ne!(head, HEAD);
    let e = only_error(small(&head, TASK2).as_bytes());
    assert_eq!(e.path, "year");
    assert_eq!(e.problem, PlanProblem::YearOutOfRange(-1));
    assert!(
        plan_error(Lang::En, &e)
            .ends_with("year: year -1 is not a plan's year; expected four digits, such as 2023")
    );
}

#[test]
fn start_after_due() {
    let head = HEAD.replace(r#""start": "2023-04-01""#, r#""start": "2024-01-01""#);
    let e = only_error(small(&head, TASK2).as_bytes());
    assert_eq!((e.line, e.column), (2, 54));
    assert_eq!(e.path, "start");
    assert_eq!(e.problem, PlanProblem::StartAfterDue);
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:2:54: start: start 晚于 due，应为 start ≤ due"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:2:54: start: start is after due; expected start ≤ due"
    );
}

#[test]
fn unknown_field() {
    let e = only_error(
        small(
            HEAD,
            r#"{ "id": "1.1.2", "text": "任务二", "color": "红" }"#,
        )
        .as_bytes(),
    );
    // The end of the unknown key.
    assert_eq!((e.line, e.column), (7, 47));
    assert_eq!(e.path, "areas[0].items[0].tasks[1].color");
    let PlanProblem::Json(m) = &e.problem else {
        panic!("{e:?}")
    };
    assert!(
        m.starts_with("unknown field `color`, expected one of `id`, `key`, `text`"),
        "{m}"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        format!("t.json:7:47: areas[0].items[0].tasks[1].color: invalid: {m}")
    );
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:7:47: areas[0].items[0].tasks[1].color: 不认识的字段 \"color\"（可能拼错了）；可用字段：id、key、text、text_en、owner、due"
    );
}

#[test]
fn wrong_type() {
    let head = HEAD.replace("\"year\": 2023", "\"year\": \"二〇二三\"");
    let e = only_error(small(&head, TASK2).as_bytes());
    assert_eq!((e.line, e.column), (2, 44));
    assert_eq!(e.path, "year");
    let PlanProblem::Json(m) = &e.problem else {
        panic!("{e:?}")
    };
    assert_eq!(m, "invalid type: string \"二〇二三\", expected i32");
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:2:44: year: 类型不对：这里写的是文字 \"二〇二三\"，应为范围内的整数，如 2023"
    );
}

#[test]
fn byte_order_mark_is_accepted_and_does_not_shift_columns() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(small(HEAD, TASK2).as_bytes());
    assert_eq!(load(&bytes).unwrap().counts(), (1, 1, 2));

    let head = HEAD.replace(r#""start": "2023-04-01""#, r#""start": "2024-01-01""#);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(small(&head, TASK2).as_bytes());
    let e = only_error(&bytes);
    assert_eq!((e.line, e.column), (2, 54));
}

#[test]
fn gbk_bytes_are_named_not_utf8_with_their_place() {
    // "你好" in GBK, inside a string after three Chinese characters in UTF-8.
    let text = small(HEAD, r#"{ "id": "1.1.2", "text": "任务二@@" }"#);
    let bytes: Vec<u8> = text
        .replace("@@", "\u{0}")
        .bytes()
        .flat_map(|b| {
            if b == 0 {
                vec![0xC4, 0xE3, 0xBA, 0xC3]
            } else {
                vec![b]
            }
        })
        .collect();
    let e = only_error(&bytes);
    assert_eq!(e.problem, PlanProblem::NotUtf8);
    assert_eq!((e.line, e.column), (7, 38));
    assert_eq!(e.path, "");
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:7:38: 不是 UTF-8 编码（可能是 GBK/ANSI 保存的）；请以 UTF-8 另存后再试"
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:7:38: not UTF-8 (perhaps saved as GBK/ANSI); save it as UTF-8 and try again"
    );
}

#[test]
fn a_utf16_plan_is_named_as_such_with_or_without_its_mark() {
    let text = "{\"id\": \"x\"}";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [
        [&[0xFF, 0xFE][..], &le].concat(),
        [&[0xFE, 0xFF][..], &be].concat(),
        le,
        be,
    ] {
        let e = only_error(&bytes);
        assert_eq!(e.problem, PlanProblem::Utf16);
        assert_eq!(
            plan_error(Lang::En, &e),
            "t.json:1:1: saved as UTF-16 (Notepad's \"Unicode\"); save it as UTF-8 and try again"
        );
    }
}

#[test]
fn syntax_error_missing_brace() {
    // The second task lacks its closing brace: the parser finds `]` where `,` or `}` belongs.
    let e = only_error(small(HEAD, r#"{ "id": "1.1.2", "text": "任务二""#).as_bytes());
    assert_eq!((e.line, e.column), (8, 7));
    assert_eq!(e.path, "areas[0].items[0].tasks[1]");
    assert_eq!(e.problem, PlanProblem::Json("expected `,` or `}`".into()));
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:8:7: areas[0].items[0].tasks[1]: invalid: expected `,` or `}`"
    );
    assert_eq!(
        plan_error(Lang::Zh, &e),
        "t.json:8:7: areas[0].items[0].tasks[1]: 这里应为逗号 , 或右花括号 }：可能上一项后面少了逗号，或少了 }"
    );

    // The file's last brace is missing: no path to name, only the place.
    let text = small(HEAD, TASK2);
    let cut = text.trim_end().strip_suffix('}').unwrap();
    let e = only_error(cut.as_bytes());
    assert_eq!((e.line, e.column), (11, 1));
    assert_eq!(e.path, "");
    assert_eq!(
        e.problem,
        PlanProblem::Json("EOF while parsing an object".into())
    );
    assert_eq!(
        plan_error(Lang::En, &e),
        "t.json:11:1: invalid: EOF while parsing an object"
    );
}

#[test]
fn several_problems_are_all_reported() {
    let head = HEAD.replace(r#""start": "2023-04-01""#, r#""start": "2024-01-01""#);
    let errors = load(small(&head, r#"{ "id": "1.1.1", "text": "" }"#).as_bytes()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "start",
            "areas[0].items[0].tasks[1].id",
            "areas[0].items[0].tasks[1].text"
        ]
    );
}

#[test]
fn missing_file_is_an_io_error_with_its_name() {
    let errors = LoadedPlan::from_path(Path::new("/nonexistent/plan.json")).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "/nonexistent/plan.json");
    assert!(matches!(errors[0].problem, PlanProblem::Io { .. }));
    assert!(plan_error(Lang::En, &errors[0]).starts_with("/nonexistent/plan.json: cannot read: "));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_the_plan_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(LoadedPlan::from_path(&path).map(|_| ()));
    });
    let errors = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("reading a FIFO as the plan waited for a writer")
        .unwrap_err();
    assert!(matches!(
        errors[0].problem,
        PlanProblem::NotRegular(crate::storage::open::NotRegular::Special)
    ));
    assert_eq!(
        plan_error(Lang::En, &errors[0]),
        format!(
            "{}: this is a FIFO or device, not a plan file (expected a .json file)",
            fifo.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_link_the_user_named_is_followed_to_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, EMBEDDED_PLAN).unwrap();
    let link = dir.path().join("plan.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(LoadedPlan::from_path(&link).is_ok());
}
