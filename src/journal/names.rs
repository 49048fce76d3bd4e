//! Names in a journal folder: a writer's or a plan's name as a file name stem.

/// A file name stem safe on every file system, from a user or plan id.
pub fn file_stem_for(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('.');
    if stem.is_empty() {
        "_".to_string()
    } else {
        stem.to_string()
    }
}
