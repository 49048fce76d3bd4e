//! Bad plans: the embedded plan.json mutated at random (a character or a bracket deleted, an id
//! duplicated, a value of the wrong type, deep nesting, megabyte strings, stray bytes, a cut)
//! loads or fails with a positioned error, and never panics.
//!
//! `PROPTEST_CASES` sets the number of mutated plans (default 256).
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use workplan::i18n::{Lang, plan_error};
use workplan::plan::{EMBEDDED_PLAN, LoadedPlan, PlanError, PlanProblem};

const NAME: &str = "plan.json";

/// One change to the plan text; indices are taken modulo what the text has.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteChar(usize),
    DeleteBracket(usize),
    /// The id at the first index takes the value of the id at the second.
    DuplicateId(usize, usize),
    /// A scalar value replaced by one of [`REPLACEMENTS`].
    SwapType(usize, usize),
    /// `depth` levels of nesting, in one of [`nest`]'s places.
    Nest {
        depth: usize,
        place: usize,
    },
    /// A string value replaced by a string of about `bytes` bytes of one kind.
    Huge {
        which: usize,
        bytes: usize,
        kind: usize,
    },
    InsertByte(usize, u8),
    Truncate(usize),
    /// One of [`TRAILERS`] after the plan.
    Append(usize),
}

const TRAILERS: [&str; 6] = [
    "garbage",
    "]",
    "}",
    "\n\n  \t",
    "// note",
    "{\"id\": \"x\"}",
];

const REPLACEMENTS: [&str; 12] = [
    "42",
    "-1.5e300",
    "1e999",
    "18446744073709551616",
    "true",
    "null",
    "[]",
    "{}",
    "\"2023\"",
    "\"\"",
    "\"\\ud800\"",
    "\"2023-02-30\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let ix = any::<usize>;
    prop_oneof![
        ix().prop_map(Mutation::DeleteChar),
        ix().prop_map(Mutation::DeleteBracket),
        (ix(), ix()).prop_map(|(a, b)| Mutation::DuplicateId(a, b)),
        (ix(), ix()).prop_map(|(a, b)| Mutation::SwapType(a, b)),
        (
            prop_oneof![1..200usize, 120..140usize, Just(10_000usize)],
            0..5usize
        )
            .prop_map(|(depth, place)| Mutation::Nest { depth, place }),
        (ix(), prop_oneof![1..1_000usize, Just(1 << 20)], 0..4usize)
            .prop_map(|(which, bytes, kind)| Mutation::Huge { which, bytes, kind }),
        (ix(), any::<u8>()).prop_map(|(a, b)| Mutation::InsertByte(a, b)),
        ix().prop_map(Mutation::Truncate),
        (0..TRAILERS.len()).prop_map(Mutation::Append),
    ]
}

/// Byte offsets of every scalar value (string, number, literal) after a `": `, with its end.
fn values(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices("\": ") {
        let start = i + 3;
        let end = match b.get(start) {
            Some(b'"') => match text[start + 1..].find('"') {
                Some(e) => start + 1 + e + 1,
                None => continue,
            },
            Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {
                start
                    + b[start..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || b".-+".contains(c)))
                        .unwrap_or(b.len() - start)
            }
            _ => continue,
        };
        out.push((start, end));
    }
    out
}

/// Offsets of the values of `"id"` keys.
fn ids(text: &str) -> Vec<(usize, usize)> {
    values(text)
        .into_iter()
        .filter(|&(s, _)| text[..s].ends_with("\"id\": "))
        .collect()
}

fn char_boundary(bytes: &[u8], mut i: usize) -> usize {
    i = i.min(bytes.len());
    while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}

fn nest(text: &[u8], depth: usize, place: usize) -> Vec<u8> {
    let open = |s: &str| s.repeat(depth).into_bytes();
    match place {
        // The whole plan inside `depth` arrays.
        0 => [open("["), text.to_vec(), open("]")].concat(),
        // Unclosed arrays and nothing else.
        1 => open("["),
        // Objects nested as the value of a field.
        2 => splice_value(
            text,
            0,
            &[open("{\"a\":"), b"1".to_vec(), open("}")].concat(),
        ),
        // Arrays nested as the value of a field deep inside the plan.
        3 => splice_value(text, usize::MAX / 2, &[open("["), open("]")].concat()),
        // The plan inside arrays that are never closed.
        _ => [open("["), text.to_vec()].concat(),
    }
}

/// The text with its `which`-th scalar value (modulo their count) replaced by `with`.
fn splice_value(text: &[u8], which: usize, with: &[u8]) -> Vec<u8> {
    let Ok(s) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    let vals = values(s);
    if vals.is_empty() {
        return text.to_vec();
    }
    let (start, end) = vals[which % vals.len()];
    [&text[..start], with, &text[end..]].concat()
}

fn apply(text: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let mut text = text;
    match *m {
        Mutation::DeleteChar(i) => {
            if !text.is_empty() {
                let at = char_boundary(&text, i % text.len());
                let end = char_boundary(&text, at + 1);
                text.drain(at..end);
            }
        }
        Mutation::DeleteBracket(i) => {
            let at: Vec<usize> = (0..text.len())
                .filter(|&j| b"{}[]".contains(&text[j]))
                .collect();
            if !at.is_empty() {
                text.remove(at[i % at.len()]);
            }
        }
        Mutation::DuplicateId(a, b) => {
            if let Ok(s) = std::str::from_utf8(&text) {
                let found = ids(s);
                if !found.is_empty() {
                    let (ts, te) = found[a % found.len()];
                    let (fs, fe) = found[b % found.len()];
                    let value = text[fs..fe].to_vec();
                    text.splice(ts..te, value);
                }
            }
        }
        Mutation::SwapType(which, r) => {
            text = splice_value(
                &text,
                which,
                REPLACEMENTS[r % REPLACEMENTS.len()].as_bytes(),
            );
        }
        Mutation::Nest { depth, place } => text = nest(&text, depth, place),
        Mutation::Huge { which, bytes, kind } => {
            let body = match kind {
                0 => "x".repeat(bytes),
                1 => "长".repeat(bytes / 3 + 1),
                2 => "\\u957f".repeat(bytes / 6 + 1),
                _ => "1".repeat(bytes),
            };
            let with = format!("\"{body}\"");
            text = splice_value(&text, which, with.as_bytes());
        }
        Mutation::InsertByte(i, b) => {
            let at = i % (text.len() + 1);
            text.insert(at, b);
        }
        Mutation::Truncate(i) => {
            let at = i % (text.len() + 1);
            text.truncate(at);
        }
        Mutation::Append(i) => text.extend_from_slice(TRAILERS[i].as_bytes()),
    }
    text
}

/// Every error has a place: the file, a line and column of the text (when there is text), and
/// words in both languages.
fn check_errors(text: &[u8], errors: &[PlanError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty());
    let lines = text.iter().filter(|&&b| b == b'\n').count() + 1;
    for e in errors {
        prop_assert_eq!(&e.file, NAME);
        if !text.is_empty() {
            prop_assert!(e.line >= 1, "no line: {:?}", e);
            prop_assert!(e.column >= 1, "no column: {:?}", e);
        }
        prop_assert!(e.line <= lines, "line {} of {}: {:?}", e.line, lines, e);
        for lang in [Lang::Zh, Lang::En] {
            let words = plan_error(lang, e);
            prop_assert!(
                words.starts_with(&format!("{NAME}:{}:{}: ", e.line, e.column)),
                "{}",
                words
            );
        }
    }
    Ok(())
}

#[test]
fn mutated_plans_load_or_fail_with_a_place() {
    static TRIED: AtomicUsize = AtomicUsize::new(0);
    static LOADED: AtomicUsize = AtomicUsize::new(0);
    static SYNTAX: AtomicUsize = AtomicUsize::new(0);
    static SEMANTIC: AtomicUsize = AtomicUsize::new(0);
    static NOT_UTF8: AtomicUsize = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/plan_props.proptest-regressions",
        ))),
        ..Config::default()
    });
    let cases = runner.config().cases;
    runner
        .run(&prop::collection::vec(mutation(), 1..=3), |mutations| {
            let text = mutations
                .iter()
                .fold(EMBEDDED_PLAN.as_bytes().to_vec(), apply);
            TRIED.fetch_add(1, Ordering::Relaxed);
            match LoadedPlan::from_bytes(&text, NAME) {
                Ok(plan) => {
                    LOADED.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(plan.counts().2 > 0);
                }
                Err(errors) => {
                    let counter = match errors[0].problem {
                        PlanProblem::Json(_) => &SYNTAX,
                        PlanProblem::NotUtf8 => &NOT_UTF8,
                        _ => &SEMANTIC,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                    check_errors(&text, &errors)?;
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "mutated plans: {} tried ({cases} cases with shrinking), {} loaded, {} JSON errors, \
         {} validation errors, {} not UTF-8; no panic",
        TRIED.load(Ordering::Relaxed),
        LOADED.load(Ordering::Relaxed),
        SYNTAX.load(Ordering::Relaxed),
        SEMANTIC.load(Ordering::Relaxed),
        NOT_UTF8.load(Ordering::Relaxed),
    );
}

/// Each kind of mutation at least once, by hand, with the error it must give.
#[test]
fn each_mutation_gives_its_error() {
    let plan = EMBEDDED_PLAN.as_bytes().to_vec();
    let load = |text: &[u8]| LoadedPlan::from_bytes(text, NAME);
    // The embedded plan loads.
    assert!(load(&plan).is_ok());
    // A duplicated id is a validation error located by the locator, on the later line.
    let text = apply(plan.clone(), &Mutation::DuplicateId(2, 1));
    let errors = load(&text).unwrap_err();
    check_errors(&text, &errors).unwrap();
    assert!(
        errors
            .iter()
            .any(|e| matches!(&e.problem, PlanProblem::DuplicateId { first_line, .. } if *first_line >= 1 && *first_line < e.line)),
        "{errors:?}"
    );
    // A title of 1 MB is a title like any other; an id of 1 MB does not fit the hierarchy.
    let big = format!("\"{}\"", "长".repeat(1 << 18));
    let title = String::from_utf8(plan.clone()).unwrap().replacen(
        "\"新江湾城街道2023年主要工作安排\"",
        &big,
        1,
    );
    assert!(load(title.as_bytes()).is_ok());
    let id = String::from_utf8(plan.clone())
        .unwrap()
        .replacen("\"1.1.1\"", &big, 1);
    let errors = load(id.as_bytes()).unwrap_err();
    check_errors(id.as_bytes(), &errors).unwrap();
    assert!(matches!(errors[0].problem, PlanProblem::BadId { .. }));
    // A string where the year belongs names the path and the type expected.
    let year = String::from_utf8(plan.clone())
        .unwrap()
        .replacen("2023,", "\"2023\",", 1);
    let errors = load(year.as_bytes()).unwrap_err();
    check_errors(year.as_bytes(), &errors).unwrap();
    assert_eq!(errors[0].path, "year");
    // A deleted closing brace is a syntax error at the end of the text.
    let cut = &plan[..plan.iter().rposition(|&b| b == b'}').unwrap()];
    let errors = load(cut).unwrap_err();
    check_errors(cut, &errors).unwrap();
    // Text after the plan is an error where it starts, even when it is another plan.
    for trailer in ["garbage", "]", "\n{\"id\": \"x\"}"] {
        let text = [&plan[..], trailer.as_bytes()].concat();
        let errors = load(&text).unwrap_err();
        check_errors(&text, &errors).unwrap();
        assert!(errors[0].line >= 408, "{errors:?}");
    }
    let twice = [&plan[..], &plan[..]].concat();
    check_errors(&twice, &load(&twice).unwrap_err()).unwrap();
    // A stray 0xFF byte is named as not UTF-8, with its line.
    let text = apply(plan.clone(), &Mutation::InsertByte(500, 0xFF));
    let errors = load(&text).unwrap_err();
    assert_eq!(errors[0].problem, PlanProblem::NotUtf8);
    check_errors(&text, &errors).unwrap();
    // An empty file and a file of spaces are errors on line 1.
    for text in [&b""[..], b"   ", b"\xEF\xBB\xBF"] {
        let errors = load(text).unwrap_err();
        assert_eq!(errors[0].line, 1, "{errors:?}");
    }
}

/// serde_json stops at 128 levels, so nesting ten thousand (or a million) deep is a clean error,
/// and the locator, which only runs on text serde_json accepted, never sees it. Run on a thread
/// with a small stack to show that no level of nesting recurses deeply.
#[test]
fn deep_nesting_is_a_clean_error_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            let plan = EMBEDDED_PLAN.as_bytes();
            let mut tried = 0;
            for depth in [127, 128, 129, 10_000, 1_000_000] {
                for place in 0..5 {
                    let text = nest(plan, depth, place);
                    let errors = LoadedPlan::from_bytes(&text, NAME).unwrap_err();
                    check_errors(&text, &errors).unwrap();
                    tried += 1;
                }
            }
            tried
        })
        .unwrap();
    let tried = handle.join().unwrap();
    eprintln!("deep nesting: {tried} plans up to 1,000,000 levels, each a clean error");
}
