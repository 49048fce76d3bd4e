//! Change notices for the journal folder: the platform's file events where they arrive, so that
//! another officer's change shows at once. Network drives often send none; the dashboard's
//! regular check of the folder (every tick) covers them.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Watches one folder and remembers whether anything changed in it.
pub struct FolderWatch {
    changed: Arc<AtomicBool>,
    /// Kept alive while watching; `None` when the platform could not watch the folder.
    watcher: Option<RecommendedWatcher>,
}

impl FolderWatch {
    /// Starts watching `folder`, or its parent while it does not exist yet. Failure to watch is
    /// not an error: changes are then found by the regular check alone.
    pub fn new(folder: &Path) -> Self {
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| !e.kind.is_access()) {
                flag.store(true, Ordering::Relaxed);
            }
        })
        .ok()
        .and_then(|mut w| {
            let target = if folder.is_dir() {
                folder
            } else {
                folder.parent()?
            };
            w.watch(target, RecursiveMode::NonRecursive).ok()?;
            Some(w)
        });
        Self { changed, watcher }
    }

    /// Whether the platform reports changes for this folder.
    pub fn is_live(&self) -> bool {
        self.watcher.is_some()
    }

    /// Whether anything changed since the last call.
    pub fn take(&self) -> bool {
        self.changed.swap(false, Ordering::Relaxed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_new_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let watch = FolderWatch::new(dir.path());
        if !watch.is_live() {
            return; // no file events on this platform: the regular check covers it
        }
        assert!(!watch.take());
        std::fs::write(dir.path().join("张华.jsonl"), "{}\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !watch.take() {
            assert!(Instant::now() < deadline, "no notice within 5 s");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
