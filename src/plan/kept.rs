//! A checked and indexed plan kept in the cache folder: a city's plan file (24 MB, 100,000
//! tasks) is read, parsed, checked and indexed in about 117 ms, read through its kept form in
//! about 88 ms (`cargo bench`). It stands in only for the very bytes it was made from (their
//! length and two hashes match) in this program version, so it can never show a plan other
//! than the file holds: any other file, or a damaged kept form, is parsed as ever.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Level, LoadedPlan, Node, PlanError, PlanHead, read_file, unreadable};
use crate::storage::open::{open_read_named, read_sealed, read_whole, write_sealed};

/// What the file starts with; the last byte is the layout's version.
const MAGIC: &[u8; 8] = b"wpplan\0\x01";

/// The file after [`MAGIC`], followed by a CRC-32 of its bytes.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// The program version that wrote it.
    version: String,
    /// The plan file's length and hashes.
    source: Source,
    head: PlanHead,
    /// Every text of the nodes, one after another: checked as UTF-8 at once, which is many
    /// times quicker than text by text.
    #[serde(with = "serde_bytes")]
    texts: Vec<u8>,
    nodes: Vec<Kept1>,
}

/// A node, its texts as ranges of [`Kept::texts`].
#[derive(Serialize, Deserialize)]
struct Kept1 {
    id: Span,
    level: Level,
    text: Span,
    text_en: Option<Span>,
    parent: Option<u32>,
    children: Vec<u32>,
    owner: Option<Span>,
    #[serde(with = "crate::storage::packed::date")]
    due: Date,
    key: Span,
}

/// Where a text starts in [`Kept::texts`], and its length in bytes.
type Span = (u32, u32);

/// What identifies the bytes of a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Source {
    len: u64,
    hashes: [u64; 2],
}

/// The bytes are hashed in pieces of this many: the same bytes give the same hashes whether
/// they are read whole or a piece at a time.
const PIECE: usize = 1 << 16;

impl Source {
    fn hashers() -> [foldhash::quality::FoldHasher<'static>; 2] {
        use std::hash::BuildHasher;
        [0x5157_0a17, 0x2023_0331]
            .map(|s| foldhash::quality::FixedState::with_seed(s).build_hasher())
    }

    fn of(bytes: &[u8]) -> Self {
        use std::hash::Hasher;
        let mut hashers = Self::hashers();
        for piece in bytes.chunks(PIECE) {
            hashers.iter_mut().for_each(|h| h.write(piece));
        }
        Self {
            len: bytes.len() as u64,
            hashes: hashers.map(|h| h.finish()),
        }
    }

    /// Of the bytes `r` gives, read a piece at a time: a look at a city's plan file that never
    /// holds it whole.
    fn read(mut r: impl std::io::Read) -> std::io::Result<Self> {
        use std::hash::Hasher;
        use std::io::Read;
        let mut hashers = Self::hashers();
        let mut piece = Vec::with_capacity(PIECE);
        let mut len = 0u64;
        loop {
            // Each piece is filled whole, whatever the reads return, but the last.
            piece.clear();
            (&mut r).take(PIECE as u64).read_to_end(&mut piece)?;
            if !piece.is_empty() {
                hashers.iter_mut().for_each(|h| h.write(&piece));
            }
            len += piece.len() as u64;
            if piece.len() < PIECE {
                break;
            }
        }
        Ok(Self {
            len,
            hashes: hashers.map(|h| h.finish()),
        })
    }
}

/// Loads the plan file at `path`, through its kept form under `cache_root` when there is one
/// of these bytes, keeping it there after a parse: whatever the plan's size, so that the path
/// an office runs is the one its tests run.
pub fn load(path: &Path, cache_root: Option<&Path>) -> Result<LoadedPlan, Vec<PlanError>> {
    let name = path.display().to_string();
    let Some(root) = cache_root else {
        return LoadedPlan::from_bytes(&read_file(path)?, &name);
    };
    let kept = kept_path(root, path);
    // A look at the file that holds none of it is enough when the kept form is of its bytes.
    let mut file = open_read_named(path).map_err(|e| unreadable(path, &e))?;
    if let Ok(source) = Source::read(&file)
        && let Some(plan) = read(&kept, source, &name)
    {
        return Ok(plan);
    }
    // The bytes parsed are the ones hashed for the kept form, whatever the file held before.
    let bytes = read_whole(&mut file).map_err(|e| unreadable(path, &e))?;
    let plan = LoadedPlan::from_bytes(&bytes, &name)?;
    // Not kept is only slower next time.
    let _ = write(&kept, Source::of(&bytes), &plan);
    Ok(plan)
}

/// Where the kept form of the plan file at `path` lives: one per file, named by its path.
fn kept_path(cache_root: &Path, path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let key = crc32fast::hash(absolute.to_string_lossy().as_bytes());
    cache_root.join(format!("plan-{key:08x}.bin"))
}

/// The kept plan, when it was made from bytes like `source` by this version and is whole.
fn read(kept: &Path, source: Source, name: &str) -> Option<LoadedPlan> {
    let mut bytes = Vec::new();
    let body = read_sealed(kept, MAGIC, &mut bytes)?;
    let k: Kept = postcard::from_bytes(body).ok()?;
    if k.version != env!("CARGO_PKG_VERSION") || k.source != source {
        return None;
    }
    let texts = simdutf8::basic::from_utf8(&k.texts).ok()?;
    let text = |(at, len): Span| {
        let at = usize::try_from(at).ok()?;
        texts.get(at..at.checked_add(usize::try_from(len).ok()?)?)
    };
    let owned = |s: Span| text(s).map(str::to_string);
    // `None` within when there is none, `None` without when it is out of bounds.
    let maybe = |s: Option<Span>| s.map_or(Some(None), |s| owned(s).map(Some));
    let count = k.nodes.len();
    let index = |i: u32| usize::try_from(i).ok().filter(|&i| i < count);
    let mut nodes = Vec::with_capacity(count);
    for n in k.nodes {
        nodes.push(Node {
            id: owned(n.id)?,
            level: n.level,
            text: owned(n.text)?,
            text_en: maybe(n.text_en)?,
            parent: n.parent.map_or(Some(None), |p| index(p).map(Some))?,
            children: n.children.into_iter().map(index).collect::<Option<_>>()?,
            owner: maybe(n.owner)?,
            due: n.due,
            key: owned(n.key)?,
        });
    }
    Some(LoadedPlan::from_nodes(k.head, nodes, name))
}

fn write(kept: &Path, source: Source, plan: &LoadedPlan) -> std::io::Result<()> {
    let mut texts = Vec::new();
    let mut span = |s: &str| -> std::io::Result<Span> {
        let at = u32::try_from(texts.len()).map_err(std::io::Error::other)?;
        let len = u32::try_from(s.len()).map_err(std::io::Error::other)?;
        texts.extend_from_slice(s.as_bytes());
        Ok((at, len))
    };
    let index = |i: usize| u32::try_from(i).map_err(std::io::Error::other);
    let mut nodes = Vec::with_capacity(plan.nodes().len());
    for n in plan.nodes() {
        nodes.push(Kept1 {
            id: span(&n.id)?,
            level: n.level,
            text: span(&n.text)?,
            text_en: n.text_en.as_deref().map(&mut span).transpose()?,
            parent: n.parent.map(index).transpose()?,
            children: n
                .children
                .iter()
                .map(|&c| index(c))
                .collect::<Result<_, _>>()?,
            owner: n.owner.as_deref().map(&mut span).transpose()?,
            due: n.due,
            key: span(&n.key)?,
        });
    }
    let body = Kept {
        version: env!("CARGO_PKG_VERSION").to_string(),
        source,
        head: plan.plan.clone(),
        texts,
        nodes,
    };
    write_sealed(kept, MAGIC, &body)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Gives its bytes a few at a time, as a network drive may.
    struct Dribble<'a>(&'a [u8], usize);

    impl std::io::Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.1 = self.1 % 7 + 1;
            let n = self.1.min(buf.len()).min(self.0.len()) * 997;
            let n = n.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn the_bytes_hash_the_same_read_whole_or_a_few_at_a_time() {
        let bytes: Vec<u8> = (0..3 * PIECE + 5).map(|i| (i * 31 % 251) as u8).collect();
        for len in [0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE, 3 * PIECE + 5] {
            let bytes = &bytes[..len];
            assert_eq!(
                Source::read(Dribble(bytes, 0)).unwrap(),
                Source::of(bytes),
                "{len}"
            );
        }
        // And they tell bytes apart.
        let mut other = bytes.clone();
        other[PIECE + 3] ^= 1;
        assert_ne!(Source::of(&other), Source::of(&bytes));
    }

    /// A plan file of `n` tasks, large enough to be kept for `n` in the thousands.
    fn plan_file(dir: &Path, n: usize) -> PathBuf {
        let path = dir.join("plan.json");
        let plan = crate::synth::plan(n);
        std::fs::write(&path, serde_json::to_vec_pretty(&plan).unwrap()).unwrap();
        path
    }

    /// Everything a loaded plan answers, to compare two loads.
    fn answers(plan: &LoadedPlan) -> impl PartialEq + std::fmt::Debug + use<> {
        let ids: Vec<_> = plan
            .nodes()
            .iter()
            .map(|n| {
                (
                    plan.index_of(&n.id),
                    plan.index_of_key(&n.key),
                    plan.task_index_of(&n.id),
                )
            })
            .collect();
        (
            plan.plan.clone(),
            plan.source_name.clone(),
            plan.nodes().to_vec(),
            plan.tops().to_vec(),
            ids,
            plan.fingerprint(),
        )
    }

    #[test]
    fn a_kept_plan_answers_as_the_file_does_and_follows_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let path = plan_file(dir.path(), 6000);
        let bytes = std::fs::read(&path).unwrap();
        let parsed = LoadedPlan::from_path(&path).unwrap();

        let first = load(&path, Some(&cache)).unwrap();
        let kept = kept_path(&cache, &path);
        assert!(kept.exists(), "the plan is kept after its parse");
        assert_eq!(answers(&first), answers(&parsed));
        let again = read(&kept, Source::of(&bytes), &parsed.source_name).unwrap();
        assert_eq!(
            answers(&again),
            answers(&parsed),
            "read back from the kept form"
        );

        // The same length, one character of a task's text changed: the file is shown, not the
        // kept form.
        let text = String::from_utf8(bytes.clone()).unwrap();
        let changed = text.replacen("宣传", "宣讲", 1);
        assert_eq!(changed.len(), text.len());
        assert_ne!(changed, text);
        std::fs::write(&path, &changed).unwrap();
        let now = load(&path, Some(&cache)).unwrap();
        assert_eq!(
            answers(&now),
            answers(&LoadedPlan::from_path(&path).unwrap())
        );
        assert_ne!(answers(&now), answers(&parsed));

        // A damaged kept form is not read, and the file is parsed as ever.
        let mut damaged = std::fs::read(&kept).unwrap();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x20;
        std::fs::write(&kept, &damaged).unwrap();
        assert!(read(&kept, Source::of(changed.as_bytes()), "x").is_none());
        let after = load(&path, Some(&cache)).unwrap();
        assert_eq!(answers(&after), answers(&now));
    }

    #[test]
    fn a_small_plan_is_kept_as_a_large_one_is_and_a_broken_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let small = plan_file(dir.path(), 50);
        let parsed = load(&small, Some(&cache)).unwrap();
        assert!(kept_path(&cache, &small).exists());
        assert_eq!(
            answers(&load(&small, Some(&cache)).unwrap()),
            answers(&parsed)
        );

        let big = plan_file(dir.path(), 6000);
        let text = std::fs::read_to_string(&big).unwrap();
        std::fs::write(&big, text.replacen("\"id\"", "\"idd\"", 1)).unwrap();
        let elsewhere = dir.path().join("another cache");
        assert!(load(&big, Some(&elsewhere)).is_err());
        assert!(!kept_path(&elsewhere, &big).exists());
    }
}
