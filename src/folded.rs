//! The folded snapshot: the digest of the last whole fold of a folder (see
//! [`crate::progress::digest`]), kept beside this computer's copy of its events, so that
//! `status`, and the dashboard's first frame, read no event that fold read.
//!
//! It is trusted only for the plan it was folded with (by [`LoadedPlan::fingerprint`]), by the
//! program version that wrote it, on a clock not set back before it was written, and while
//! every journal file of the folder only grew since that fold read it (the marks of a clean
//! read, checked as a colleague's change is). What was appended is folded in when a whole fold
//! would fold it the same ([`Digest::extend`]). A file shorter, rewritten or gone, a line worth
//! a warning, an appended event a whole fold would place elsewhere, a damaged snapshot: the
//! folder is read and folded whole, as without it.

use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::journal::{Marks, Store};
use crate::plan::LoadedPlan;
use crate::progress::{Digest, Folded};
use crate::storage::open::{read_sealed, write_sealed};

/// The snapshot's name in the copy's folder.
const NAME: &str = "folded.bin";

/// What the file starts with; the last byte is the layout's version.
const MAGIC: &[u8; 8] = b"wpfold\0\x05";

/// The file after [`MAGIC`], followed by a CRC-32 of its bytes.
#[derive(Serialize, Deserialize)]
struct Kept<M, D> {
    /// The program version that wrote it.
    version: String,
    /// When it was written, in nanoseconds since 1970.
    made: i128,
    /// The fingerprint of the plan it was folded with.
    plan: u64,
    /// How far the fold read each file.
    marks: M,
    digest: D,
}

/// The folded snapshot of one store.
#[derive(Debug, Clone)]
pub struct FoldedSnapshot {
    path: PathBuf,
}

/// The folded snapshot of `store` for a view of today (`until` is `None`: a past day is always
/// folded whole), and the state it holds as of `today` when it can be trusted with `plan`.
pub fn open(
    store: &Store,
    plan: &LoadedPlan,
    until: Option<jiff::Timestamp>,
    today: jiff::civil::Date,
) -> (Option<FoldedSnapshot>, Option<Folded<'static>>) {
    let snapshot = until.is_none().then(|| FoldedSnapshot::of(store)).flatten();
    let kept = snapshot
        .as_ref()
        .and_then(|s| s.load(store, plan))
        .and_then(|d| d.settle(plan, today));
    (snapshot, kept)
}

/// The digest kept for `store`, with what was appended since folded in, when it can be trusted
/// with `plan`: what a change is made against without reading every event again.
pub fn digest(store: &Store, plan: &LoadedPlan) -> Option<Digest> {
    FoldedSnapshot::of(store)?.load(store, plan)
}

impl FoldedSnapshot {
    /// The snapshot of `store`; `None` when the store keeps no local copy.
    pub fn of(store: &Store) -> Option<Self> {
        Some(Self {
            path: store.local_copy()?.join(NAME),
        })
    }

    /// Where it is kept (tests).
    #[cfg(test)]
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The digest kept, with what has been appended to the folder since folded in (and kept
    /// anew), when it is of `plan` and the folder only grew since: `None`
    /// when only a whole fold can say.
    pub fn load(&self, store: &Store, plan: &LoadedPlan) -> Option<Digest> {
        let mut bytes = Vec::new();
        let rest = read_sealed(&self.path, MAGIC, &mut bytes)?;
        let mut kept: Kept<Marks, Digest> = postcard::from_bytes(rest).ok()?;
        if kept.version != env!("CARGO_PKG_VERSION")
            || kept.plan != plan.fingerprint()
            || crate::clock::now().as_nanosecond() < kept.made
        {
            return None;
        }
        let appended = store.read_appended(&kept.marks).ok()??;
        if appended.events.is_empty() {
            return Some(kept.digest);
        }
        if !kept
            .digest
            .extend(plan, &appended.events.iter().collect::<Vec<_>>())
        {
            return None;
        }
        if let Some(marks) = &appended.marks {
            // Not kept is only slower next time.
            let _ = self.write(kept.plan, marks, &kept.digest);
        }
        Some(kept.digest)
    }

    /// Keeps `digest`, folded with `plan` from a clean read that left `marks`, replacing the
    /// snapshot whole or not at all. It is not synced: a snapshot lost to a crash only costs a
    /// whole read.
    pub fn save(&self, plan: &LoadedPlan, marks: &Marks, digest: &Digest) -> io::Result<()> {
        self.write(plan.fingerprint(), marks, digest)
    }

    /// [`FoldedSnapshot::save`] for the plan of fingerprint `plan` (see
    /// [`LoadedPlan::fingerprint`]), when the plan itself is no longer at hand.
    pub fn write(&self, plan: u64, marks: &Marks, digest: &Digest) -> io::Result<()> {
        let kept = Kept {
            version: env!("CARGO_PKG_VERSION").to_string(),
            made: crate::clock::now().as_nanosecond(),
            plan,
            marks,
            digest,
        };
        write_sealed(&self.path, MAGIC, &kept)
    }
}
