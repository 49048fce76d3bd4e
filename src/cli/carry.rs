//! `init` carrying what was saved on this computer before it was set up — in this computer's
//! own folder, under the name then in use — into the chosen folder, under the chosen name, so
//! that the meeting sees it. Through the normal append: nothing is rewritten, each event keeps
//! its id and time, and an event already there (`init` run again) is not written twice.

use std::path::{Path, PathBuf};

use crate::journal::{Event, JournalError, Store, file_stem_for};

/// The events saved earlier on this computer, by plan folder, not yet in the chosen folder.
#[derive(Debug, Default)]
pub struct Earlier {
    /// The plan folder's name, and the events to carry into it.
    plans: Vec<(String, Vec<Event>)>,
    /// The files they come from.
    pub files: Vec<PathBuf>,
    /// Earlier events found that the chosen folder already holds.
    pub already: usize,
}

impl Earlier {
    /// How many events there are to carry.
    pub fn len(&self) -> usize {
        self.plans.iter().map(|(_, e)| e.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What this computer's own folder `local` holds of the writers `names` (the name used before
/// `init`, and the name chosen) that the chosen folder `dir` does not: nothing when `dir` is
/// `local` itself (what is there is read there already). `open` makes the store of a plan folder
/// of `dir` as the commands do.
pub fn find(
    local: &Path,
    dir: &Path,
    names: &[&str],
    open: &dyn Fn(&Path, &str, &str) -> Store,
) -> Result<Earlier, JournalError> {
    let mut earlier = Earlier::default();
    if same_folder(local, dir) {
        return Ok(earlier);
    }
    let Ok(entries) = std::fs::read_dir(local) else {
        return Ok(earlier);
    };
    let mut plans: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    plans.sort();
    let mut stems: Vec<String> = names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| file_stem_for(n).to_lowercase())
        .collect();
    stems.sort();
    stems.dedup();
    for plan in plans {
        let folder = local.join(&plan);
        let files: Vec<PathBuf> = stems
            .iter()
            .filter_map(|stem| {
                let file = std::fs::read_dir(&folder).ok()?.find_map(|e| {
                    let path = e.ok()?.path();
                    let name = path.file_stem()?.to_str()?.to_lowercase();
                    let journal = path.extension().is_some_and(|x| x == "jsonl");
                    (journal && name == *stem).then_some(path)
                })?;
                Some(file)
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        let read = Store::new(local, &plan, names.first().copied().unwrap_or_default()).read()?;
        let mine: Vec<Event> = read
            .events
            .iter()
            .filter(|e| stems.contains(&file_stem_for(&e.user).to_lowercase()))
            .collect();
        let there = open(dir, &plan, "").read()?;
        let have: foldhash::HashSet<uuid::Uuid> = there.events.ids().collect();
        let (old, new): (Vec<Event>, Vec<Event>) =
            mine.into_iter().partition(|e| have.contains(&e.id));
        earlier.already += old.len();
        earlier.files.extend(files);
        if !new.is_empty() {
            earlier.plans.push((plan, new));
        }
    }
    Ok(earlier)
}

/// Appends the earlier events to `name`'s file in the chosen folder `dir`, each under `name`
/// with its id and time; each file written, and how many went into it.
pub fn carry(
    earlier: Earlier,
    dir: &Path,
    name: &str,
    open: &dyn Fn(&Path, &str, &str) -> Store,
) -> Result<Vec<(PathBuf, usize)>, JournalError> {
    let mut written = Vec::new();
    for (plan, events) in earlier.plans {
        let store = open(dir, &plan, name);
        let events: Vec<Event> = events
            .into_iter()
            .map(|mut e| {
                e.user = name.into();
                e
            })
            .collect();
        store.append(&events)?;
        store.settle();
        written.push((store.own_file(), events.len()));
    }
    Ok(written)
}

/// Whether two folders are one, as far as can be told.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
