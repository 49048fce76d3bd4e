//! One temporary computer: the shared journal folder of the 2023 plan, this computer's copy of
//! events and its settings, and the real program run on them as a given officer.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// The program under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_workplan");

/// No command may take longer: a hang is a failure, not a stuck test run.
const LIMIT: Duration = Duration::from_secs(60);

/// One computer with the shared folder and its own local copy of events, as officers have it.
pub struct Desk {
    pub dir: TempDir,
}

impl Desk {
    pub fn new() -> Self {
        let desk = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(desk.journal()).unwrap();
        desk
    }

    /// The shared data folder.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("shared")
    }

    /// The 2023 plan's journal folder in it.
    pub fn journal(&self) -> PathBuf {
        self.data().join("xjw-2023")
    }

    /// A file of the journal folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.journal().join(name)
    }

    /// This computer's copy of the events it has read.
    pub fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// `program` as `user` on this desk, started in its folder: a plain process, for the tests
    /// that hand it a special standard output or run it under `sh`.
    pub fn process(&self, program: &str, user: &str) -> std::process::Command {
        let mut c = std::process::Command::new(program);
        for var in ["WORKPLAN_PLAN", "LC_ALL", "LC_MESSAGES", "LANG"] {
            c.env_remove(var);
        }
        c.env("WORKPLAN_DATA_DIR", self.data())
            .env("WORKPLAN_USER", user)
            .env("WORKPLAN_CONFIG_DIR", self.dir.path().join("config"))
            .env("WORKPLAN_CACHE_DIR", self.cache())
            .env(crate::common::NOW.0, crate::common::NOW.1)
            .current_dir(self.dir.path());
        c
    }

    /// `workplan` as `user`, in Chinese, as of 2023-09-01, stopped if it hangs.
    pub fn cmd(&self, user: &str) -> Command {
        let mut c = Command::from_std(self.process(BIN, user));
        c.timeout(LIMIT)
            .args(["--today", "2023-09-01", "--lang", "zh"]);
        c
    }

    /// Runs a command that must succeed: (stdout, stderr).
    pub fn ok(&self, user: &str, args: &[&str]) -> (String, String) {
        let out = self.cmd(user).args(args).assert().success();
        let o = out.get_output();
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// Runs a command that must fail, in time: its stderr.
    #[cfg(unix)]
    pub fn fails(&self, user: &str, args: &[&str]) -> String {
        let out = self.cmd(user).args(args).assert().failure();
        String::from_utf8_lossy(&out.get_output().stderr).into_owned()
    }
}

/// A symbolic link at `link` to `target`.
#[cfg(unix)]
pub fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A FIFO at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}
