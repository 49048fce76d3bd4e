//! The folders one measurement runs in, under a temporary folder of its own: empty settings (no
//! officer's settings apply, and `--data-dir` keeps the first-start offer away), the data folder,
//! and this computer's copy of events (`WORKPLAN_CACHE_DIR`), shared by all starts (warm) or new
//! and empty for each (cold).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use portable_pty::CommandBuilder;

/// Variables that would otherwise choose a plan, folder, name, language, day or text width.
const CLEARED: [&str; 6] = [
    "WORKPLAN_PLAN",
    "WORKPLAN_DATA_DIR",
    "WORKPLAN_USER",
    "WORKPLAN_LANG",
    "WORKPLAN_NOW",
    "WORKPLAN_AMBIGUOUS_WIDE",
];

/// The name the measured program writes under.
pub const USER: &str = "measure";

/// A plan and a data folder, and where the program may keep things while it is measured.
pub struct Case {
    pub bin: PathBuf,
    pub plan: Option<PathBuf>,
    pub work: PathBuf,
    pub data: PathBuf,
    config: PathBuf,
    cold: bool,
    caches: AtomicUsize,
}

/// A cache folder for one start; a cold one is removed when dropped.
pub struct Cache {
    pub dir: PathBuf,
    remove: bool,
}

impl Drop for Cache {
    fn drop(&mut self) {
        if self.remove {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Case {
    /// Sets up the folders. A given data folder is not written to: its files are linked into
    /// the measurement's own folder (copied where links fail), where the changes made while
    /// measuring go into this user's own file.
    pub fn new(bin: &Path, plan: Option<PathBuf>, data: Option<&Path>, cold: bool) -> Case {
        let work = std::env::temp_dir().join(format!("workplan-measure-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        let config = work.join("config");
        std::fs::create_dir_all(&config).unwrap();
        let own = work.join("data");
        match data {
            Some(src) => link_tree(src, &own),
            None => std::fs::create_dir_all(&own).unwrap(),
        }
        Case {
            bin: std::path::absolute(bin).unwrap(),
            plan: plan.map(|p| std::path::absolute(p).unwrap()),
            work,
            data: own,
            config,
            cold,
            caches: AtomicUsize::new(0),
        }
    }

    /// The cache folder for the next start.
    pub fn cache(&self) -> Cache {
        if self.cold {
            let n = self.caches.fetch_add(1, Ordering::Relaxed);
            let dir = self.work.join(format!("cache-{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            Cache { dir, remove: true }
        } else {
            Cache {
                dir: self.work.join("cache"),
                remove: false,
            }
        }
    }

    /// The options every start gets.
    fn options(&self) -> Vec<std::ffi::OsString> {
        let mut v: Vec<std::ffi::OsString> = ["--user", USER, "--lang", "zh", "--data-dir"]
            .iter()
            .map(Into::into)
            .collect();
        v.push(self.data.clone().into());
        if let Some(p) = &self.plan {
            v.push("--plan".into());
            v.push(p.clone().into());
        }
        v
    }

    /// The dashboard, to run in a pseudo-terminal.
    pub fn dashboard(&self, cache: &Cache) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(&self.bin);
        cmd.args(self.options());
        for var in CLEARED {
            cmd.env_remove(var);
        }
        cmd.env("WORKPLAN_CONFIG_DIR", &self.config);
        cmd.env("WORKPLAN_CACHE_DIR", &cache.dir);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(&self.work);
        cmd
    }

    /// A command-line run: `args` after the common options.
    pub fn command(&self, cache: &Cache, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(self.options()).args(args);
        for var in CLEARED {
            cmd.env_remove(var);
        }
        cmd.env("WORKPLAN_CONFIG_DIR", &self.config)
            .env("WORKPLAN_CACHE_DIR", &cache.dir)
            .current_dir(&self.work);
        cmd
    }

    /// Removes everything the measurement made.
    pub fn clean(&self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// Mirrors the folder `src` at `dst`: folders made, files hard-linked, except this user's own
/// journal files, which are copied (the dashboard appends to them).
fn link_tree(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let (from, to) = (entry.path(), dst.join(entry.file_name()));
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            link_tree(&from, &to);
        } else if entry.file_name().to_string_lossy().starts_with(USER)
            || std::fs::hard_link(&from, &to).is_err()
        {
            std::fs::copy(&from, &to).unwrap();
        }
    }
}

/// Files and bytes under `dir`.
pub fn size(dir: &Path) -> (u64, u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size(&e.path()),
            _ => (1, e.metadata().map_or(0, |m| m.len())),
        })
        .fold((0, 0), |(f, b), (f2, b2)| (f + f2, b + b2))
}
