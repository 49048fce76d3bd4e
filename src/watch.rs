//! Change notices for the journal folder: the platform's file events where they arrive, so that
//! another officer's change shows at once and an idle dashboard does nothing at all. Network
//! drives often send none; there the dashboard checks the folder once a second instead
//! ([`FolderWatch::needs_polling`]).
//!
//! Only events that can change what the folder holds are asked for (a file written, created,
//! moved or deleted): the dashboard's own reading of the folder opens it, and an "opened" event
//! would wake the watcher for nothing.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::journal::FileKind;

/// What a watcher calls when the folder changed: it must return at once.
pub type Notify = Box<dyn Fn() + Send + Sync>;

/// What the platform's watch calls with the name of each changed entry (`None`: the folder).
type OnChange = Box<dyn Fn(Option<&OsStr>) + Send>;

/// Watches one folder and tells the dashboard when anything in it changed.
pub struct FolderWatch {
    /// Set by a change, cleared by [`Self::take`]: a burst of events is one notice.
    changed: Arc<AtomicBool>,
    /// The journal folder.
    folder: PathBuf,
    /// The folder did not exist yet: its parent is watched until it appears.
    awaiting: bool,
    /// The platform's watch; `None` when no file events arrive for the folder.
    handle: Option<platform::Handle>,
}

impl FolderWatch {
    /// Starts watching `folder`, or its parent while it does not exist yet; `notify` is called
    /// (from another thread) when something changed and the last change was already taken.
    /// Failure to watch is not an error: changes are then found by the regular check alone.
    pub fn new(folder: &Path, notify: Notify) -> Self {
        let changed = Arc::new(AtomicBool::new(false));
        let awaiting = !folder.is_dir();
        let target = if awaiting {
            folder.parent()
        } else {
            Some(folder)
        };
        let flag = Arc::clone(&changed);
        let own_name = folder.file_name().map(OsString::from);
        let on_change = move |name: Option<&OsStr>| {
            if matters(name, own_name.as_deref()) && !flag.swap(true, Ordering::AcqRel) {
                notify();
            }
        };
        let handle = target
            .filter(|t| events_arrive(t))
            .and_then(|t| platform::watch(t, Box::new(on_change)));
        Self {
            changed,
            folder: folder.to_path_buf(),
            awaiting,
            handle,
        }
    }

    /// Whether the platform reports changes for this folder.
    pub fn is_live(&self) -> bool {
        self.handle.is_some()
    }

    /// Whether the folder must be checked on a timer: no file events arrive for it.
    pub fn needs_polling(&self) -> bool {
        self.handle.is_none()
    }

    /// Whether anything changed since the last call. When the folder has just appeared, the
    /// watch moves into it; look at the folder after this call, so that nothing written before
    /// the move is missed.
    pub fn take(&mut self) -> bool {
        if self.awaiting && self.folder.is_dir() {
            self.awaiting = false;
            if let Some(handle) = &mut self.handle
                && !handle.add(&self.folder)
            {
                self.handle = None;
            }
        }
        self.changed.swap(false, Ordering::AcqRel)
    }
}

/// Whether an event about `name` (`None`: the watched folder itself) can change what the
/// dashboard shows: a journal file, a conflicted copy of one, or the journal folder appearing.
/// Lock files, temporary files and anything else in the folder are left alone.
fn matters(name: Option<&OsStr>, folder: Option<&OsStr>) -> bool {
    match name {
        None => true,
        Some(name) if Some(name) == folder => true,
        Some(name) => matches!(
            crate::journal::classify(Path::new(name)),
            FileKind::Journal | FileKind::ConflictCopy
        ),
    }
}

/// Whether file events for changes made by other computers arrive for `folder`: not on a
/// network file system. Where this cannot be told, the answer is no, and the folder is polled.
#[cfg(target_os = "linux")]
fn events_arrive(folder: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    // Magic numbers of statfs(2)'s f_type for network and user-space file systems.
    const REMOTE: [i64; 11] = [
        0x6969,      // NFS
        0x517B,      // SMB
        0xFF53_4D42, // CIFS
        0xFE53_4D42, // SMB2
        0x6573_5546, // FUSE (sshfs, rclone, …)
        0x0102_1997, // 9P
        0x7375_7245, // Coda
        0x5346_414F, // AFS
        0x00C3_6400, // Ceph
        0x0BD0_0BD0, // Lustre
        0x4750_4653, // GPFS
    ];
    let Ok(path) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `path` is a NUL-terminated string and `stat` is large enough for the answer.
    if unsafe { libc::statfs(path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: statfs succeeded, so it filled `stat`.
    // f_type is a C long on some targets, an int or unsigned on others.
    #[allow(clippy::unnecessary_cast)]
    let kind = unsafe { stat.assume_init() }.f_type as i64;
    !REMOTE.contains(&kind)
}

/// Whether file events for changes made by other computers arrive for `folder`: only on a
/// local volume.
#[cfg(target_os = "macos")]
fn events_arrive(folder: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `path` is a NUL-terminated string and `stat` is large enough for the answer.
    if unsafe { libc::statfs(path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: statfs succeeded, so it filled `stat`.
    let flags = unsafe { stat.assume_init() }.f_flags;
    flags & (libc::MNT_LOCAL as u32) != 0
}

/// Elsewhere (Windows among them) the kind of drive is not asked: a mapped network drive looks
/// like a local one, so the folder is polled as well as watched.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn events_arrive(_folder: &Path) -> bool {
    false
}

#[cfg(target_os = "linux")]
mod platform {
    use std::path::Path;

    use super::OnChange;
    use inotify::{Inotify, WatchMask, Watches};

    /// Changes to what a folder holds; never reads or opens.
    const MASK: WatchMask = WatchMask::MODIFY
        .union(WatchMask::CREATE)
        .union(WatchMask::CLOSE_WRITE)
        .union(WatchMask::MOVED_FROM)
        .union(WatchMask::MOVED_TO)
        .union(WatchMask::DELETE)
        .union(WatchMask::DELETE_SELF)
        .union(WatchMask::MOVE_SELF);

    /// Folders watched by one inotify instance, whose events a thread of its own waits for.
    pub struct Handle(Watches);

    impl Handle {
        /// Watches `folder` as well; false when it cannot be.
        pub fn add(&mut self, folder: &Path) -> bool {
            self.0.add(folder, MASK).is_ok()
        }
    }

    /// Watches `target` with inotify; a thread waits for the events and calls `on_change`.
    pub fn watch(target: &Path, on_change: OnChange) -> Option<Handle> {
        let inotify = Inotify::init().ok()?;
        let mut watches = inotify.watches();
        watches.add(target, MASK).ok()?;
        std::thread::Builder::new()
            .name("folder-watch".into())
            .spawn(move || {
                let mut inotify = inotify;
                let mut buffer = [0u8; 4096];
                while let Ok(events) = inotify.read_events_blocking(&mut buffer) {
                    for event in events {
                        on_change(event.name);
                    }
                }
            })
            .ok()?;
        Some(Handle(watches))
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use std::path::Path;

    use super::OnChange;
    use notify::{RecommendedWatcher, RecursiveMode, Watcher};

    /// The platform's watcher, kept alive while watching.
    pub struct Handle(RecommendedWatcher);

    impl Handle {
        /// Watches `folder` as well; false when it cannot be.
        pub fn add(&mut self, folder: &Path) -> bool {
            self.0.watch(folder, RecursiveMode::NonRecursive).is_ok()
        }
    }

    /// Watches `target` with the platform's watcher; reads and opens are left out.
    pub fn watch(target: &Path, on_change: OnChange) -> Option<Handle> {
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                // An error may mean missed events: look at the folder.
                let Ok(event) = event else {
                    return on_change(None);
                };
                if event.kind.is_access() {
                    return;
                }
                if event.paths.is_empty() {
                    on_change(None);
                }
                for path in &event.paths {
                    on_change(path.file_name());
                }
            })
            .ok()?;
        watcher.watch(target, RecursiveMode::NonRecursive).ok()?;
        Some(Handle(watcher))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    fn watch(dir: &Path) -> (FolderWatch, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let watch = FolderWatch::new(
            dir,
            Box::new(move || {
                let _ = tx.send(());
            }),
        );
        (watch, rx)
    }

    #[test]
    fn a_new_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut watch, rx) = watch(dir.path());
        if !watch.is_live() {
            return; // no file events on this platform: the regular check covers it
        }
        assert!(!watch.take());
        std::fs::write(dir.path().join("张华.jsonl"), "{}\n").unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("no notice within 5 s");
        assert!(watch.take());
    }

    #[test]
    fn reading_the_folder_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("张华.jsonl"), "{}\n").unwrap();
        let (mut watch, rx) = watch(dir.path());
        if !watch.is_live() {
            return;
        }
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            std::fs::read(entry.unwrap().path()).unwrap();
        }
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        assert!(!watch.take());
    }

    #[test]
    fn a_lock_file_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (mut watch, rx) = watch(dir.path());
        if !watch.is_live() {
            return;
        }
        std::fs::write(dir.path().join("张华.lock"), "").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        assert!(!watch.take());
        std::fs::write(dir.path().join("张华.jsonl"), "{}\n").unwrap();
        rx.recv_timeout(Duration::from_secs(5)).expect("no notice");
    }

    #[test]
    fn a_folder_made_after_the_start_is_watched_inside() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("journal");
        let (mut watch, rx) = watch(&folder);
        if !watch.is_live() {
            return;
        }
        std::fs::create_dir(&folder).unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("no notice of the new folder");
        assert!(watch.take());
        std::fs::write(folder.join("张华.jsonl"), "{}\n").unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("no notice from inside the new folder");
        assert!(watch.take());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_local_folder_gets_file_events() {
        let dir = tempfile::tempdir().unwrap();
        assert!(events_arrive(dir.path()));
        assert!(!events_arrive(&dir.path().join("没有")));
    }
}
