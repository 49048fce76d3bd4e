//! Which journal files were found, after a mark was made, still to start with the bytes it was
//! made from, and what the system said of each file then. A start that finds a file just so
//! again takes it as checked without reading it: a file that grew once after a snapshot is
//! read in full once, not at every start until the next snapshot. Kept beside the snapshots,
//! and a cache like them: lost or damaged, it only costs reading the files again.

use std::path::{Path, PathBuf};

use super::marks::{Mark, Verified};
use crate::storage::open::{read_sealed, write_sealed};

/// The file's name in the copy's folder.
const NAME: &str = "checked.bin";
/// What the file starts with; the last byte is the layout's version.
const MAGIC: &[u8; 8] = b"wpcheck\x01";
/// The most entries kept for one journal file: one for each kind of mark (the events
/// snapshot's, the folded snapshot's, a running dashboard's) and one to spare.
const PER_FILE: usize = 4;

/// The files found to start with marks' bytes, newest first.
#[derive(Debug)]
pub struct Checked {
    path: PathBuf,
    entries: Vec<Verified>,
}

impl Checked {
    /// What is kept in the folder `dir` (the local copy's); nothing when it cannot be read.
    pub fn load(dir: &Path) -> Self {
        let path = dir.join(NAME);
        let mut bytes = Vec::new();
        let entries = read_sealed(&path, MAGIC, &mut bytes)
            .and_then(|body| postcard::from_bytes(body).ok())
            .unwrap_or_default();
        Self { path, entries }
    }

    /// Gives each of `marks` the stamp its file had when it was last found to start with the
    /// mark's bytes.
    pub fn stamp(&self, marks: &mut [Mark]) {
        for m in marks {
            if let Some(v) = self
                .entries
                .iter()
                .find(|v| v.name == m.name && v.len == m.len && v.sum == m.sum)
            {
                m.stamp = Some(v.stamp);
            }
        }
    }

    /// Keeps what a read `found`, before what was kept, for the files named in `names` alone;
    /// writes only when that changes anything. Not kept is only slower next time.
    pub fn keep(self, found: Vec<Verified>, names: &[&str]) {
        if found.is_empty() {
            return;
        }
        let names: foldhash::HashSet<&str> = names.iter().copied().collect();
        let mut seen = foldhash::HashSet::default();
        let mut per_file: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
        let mut entries: Vec<Verified> = Vec::with_capacity(found.len() + self.entries.len());
        for v in found.into_iter().chain(self.entries.iter().cloned()) {
            if !names.contains(v.name.as_str()) || !seen.insert((v.name.clone(), v.len, v.sum)) {
                continue;
            }
            let of_file = per_file.entry(v.name.clone()).or_default();
            if *of_file < PER_FILE {
                *of_file += 1;
                entries.push(v);
            }
        }
        if entries != self.entries {
            let _ = write_sealed(&self.path, MAGIC, &entries);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::journal::marks::Resume;

    fn stamp_of(path: &Path) -> crate::journal::marks::Stamp {
        crate::journal::marks::Stamp::of(&std::fs::metadata(path).unwrap()).unwrap()
    }

    fn mark(name: &str, len: u64, sum: u32) -> Mark {
        Mark {
            name: name.into(),
            len,
            sum,
            stamp: None,
            resume: Resume::default(),
        }
    }

    #[test]
    fn kept_entries_stamp_the_marks_they_were_found_for_alone() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = stamp_of(dir.path());
        let found = |name: &str, len| Verified {
            name: name.into(),
            len,
            sum: 7,
            stamp,
        };
        // Six entries for one file, one for a file no longer there.
        let many = (1..=6).map(|len| found("a.jsonl", len)).collect();
        Checked::load(dir.path()).keep(many, &["a.jsonl"]);
        Checked::load(dir.path()).keep(vec![found("gone.jsonl", 1)], &["a.jsonl"]);
        let kept = Checked::load(dir.path());
        assert_eq!(kept.entries.len(), PER_FILE);
        let mut marks = vec![
            mark("a.jsonl", 1, 7),
            mark("a.jsonl", 6, 7),
            mark("a.jsonl", 4, 8),
        ];
        kept.stamp(&mut marks);
        // The newest are kept; another checksum is another mark.
        assert_eq!(marks[0].stamp, Some(stamp));
        assert_eq!(marks[1].stamp, None, "the oldest went");
        assert_eq!(marks[2].stamp, None);
    }

    #[cfg(unix)]
    #[test]
    fn a_damaged_linked_or_special_file_is_nothing_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NAME);
        let found = vec![Verified {
            name: "a.jsonl".into(),
            len: 3,
            sum: 1,
            stamp: stamp_of(dir.path()),
        }];
        let secret = dir.path().join("secret");
        std::fs::write(&secret, b"secret").unwrap();
        for make in ["damaged", "link", "fifo"] {
            let _ = std::fs::remove_file(&path);
            match make {
                "damaged" => {
                    Checked::load(dir.path()).keep(found.clone(), &["a.jsonl"]);
                    let mut bytes = std::fs::read(&path).unwrap();
                    let last = bytes.len() - 5;
                    bytes[last] ^= 1;
                    std::fs::write(&path, bytes).unwrap();
                }
                "link" => std::os::unix::fs::symlink(&secret, &path).unwrap(),
                _ => {
                    let made = std::process::Command::new("mkfifo").arg(&path).status();
                    assert!(made.unwrap().success());
                }
            }
            assert!(Checked::load(dir.path()).entries.is_empty(), "{make}");
            Checked::load(dir.path()).keep(found.clone(), &["a.jsonl"]);
            assert!(
                std::fs::symlink_metadata(&path).unwrap().is_file(),
                "{make}"
            );
            assert_eq!(Checked::load(dir.path()).entries, found, "{make}");
        }
        assert_eq!(std::fs::read(&secret).unwrap(), b"secret");
    }
}
