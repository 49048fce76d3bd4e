//! Stable task keys. Every task has a short key that stays with it when tasks are renumbered,
//! inserted, moved to another item or reworded, and every change records it, so a task's history
//! follows the task rather than its number. A plan file may carry the keys (`"key"` on each
//! task, written at import or by `workplan plan keys`); a task without one is keyed by its text,
//! and writing the keys into the file gives exactly those keys, so nothing recorded moves.

use uuid::Uuid;

use super::Plan;

/// The namespace of text-derived keys (fixed forever: changing it would move every history).
const NAMESPACE: Uuid = Uuid::from_u128(0x8f1c_2d4e_6a7b_4c3d_9e0f_1a2b_3c4d_5e6f);

/// How many hexadecimal digits a derived key has: 40 bits, so that 100,000 tasks meet a
/// collision about once in 200 plans (and a collision is settled by a suffix).
const DIGITS: usize = 10;

/// The key a task with this text gets when the plan does not give one.
pub fn key_for(text: &str) -> String {
    let hex = Uuid::new_v5(&NAMESPACE, text.trim().as_bytes())
        .simple()
        .to_string();
    hex[..DIGITS].to_string()
}

/// Whether `key` may be written in a plan file: 1 to 32 of `A-Z a-z 0-9 _ -`.
pub fn fits(key: &str) -> bool {
    (1..=32).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `base`, or `base-2`, `base-3` … whichever `taken` does not have yet.
pub fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !taken(k))
        .unwrap_or(base)
}

/// Gives every task without a key the key it already has implicitly; returns how many.
pub fn add_keys(plan: &mut Plan) -> usize {
    let mut taken: std::collections::HashSet<String> = plan
        .areas
        .iter()
        .flat_map(|a| &a.items)
        .flat_map(|i| &i.tasks)
        .filter_map(|t| t.key.clone())
        .collect();
    let mut added = 0;
    for task in plan
        .areas
        .iter_mut()
        .flat_map(|a| &mut a.items)
        .flat_map(|i| &mut i.tasks)
    {
        if task.key.is_none() {
            let key = unique(key_for(&task.text), |k| taken.contains(k));
            taken.insert(key.clone());
            task.key = Some(key);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_key_depends_on_the_text_alone() {
        assert_eq!(key_for("推动基层立法"), key_for(" 推动基层立法\n"));
        assert_ne!(key_for("推动基层立法"), key_for("推动基层立法。"));
        assert_eq!(key_for("x").len(), DIGITS);
        assert!(fits(&key_for("x")));
    }

    #[test]
    fn keys_fit_file_names_and_lines() {
        assert!(fits("a1_b-2"));
        for bad in ["", "a b", "键", "a/b", &"k".repeat(33)] {
            assert!(!fits(bad), "{bad}");
        }
    }

    #[test]
    fn a_taken_key_gets_a_suffix() {
        let taken = ["k", "k-2"];
        assert_eq!(unique("k".into(), |k| taken.contains(&k)), "k-3");
        assert_eq!(unique("j".into(), |k| taken.contains(&k)), "j");
    }
}
