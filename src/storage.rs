//! The file operations that journals and exports write through, so that every failure of the
//! disk (create, write, sync, rename) can be injected in tests and shown to survive.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use atomic_write_file::AtomicWriteFile;

pub mod open;
pub mod packed;
pub mod summed;

/// A file opened for appending.
pub trait AppendFile {
    /// Current length in bytes.
    fn len(&mut self) -> io::Result<u64>;
    /// Whether the file is empty.
    fn is_empty(&mut self) -> io::Result<bool> {
        Ok(self.len()? == 0)
    }
    /// The last `n` bytes (all of them in a shorter file).
    fn tail(&mut self, n: u64) -> io::Result<Vec<u8>>;
    /// Appends all of `buf`.
    fn append(&mut self, buf: &[u8]) -> io::Result<()>;
    /// Flushes the data to the disk.
    fn sync(&mut self) -> io::Result<()>;
    /// Cuts the file back to `len` bytes (undoing a partial append).
    fn truncate(&mut self, len: u64) -> io::Result<()>;
}

/// Where journals and exports are written.
pub trait Storage: fmt::Debug + Send + Sync {
    /// Creates a folder and its parents.
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Opens (creating if needed) a regular file for reading and appending, never through a
    /// link.
    fn open_append(&self, path: &Path) -> io::Result<Box<dyn AppendFile>>;
    /// Syncs a folder, so a newly created file's name is durable.
    fn sync_dir(&self, path: &Path) -> io::Result<()>;
    /// Replaces `path` with `bytes` whole or not at all.
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The real disk.
#[derive(Debug, Default, Clone, Copy)]
pub struct Disk;

struct DiskFile(File);

impl AppendFile for DiskFile {
    fn len(&mut self) -> io::Result<u64> {
        self.0.seek(SeekFrom::End(0))
    }

    fn tail(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let len = self.len()?;
        let start = len.saturating_sub(n);
        self.0.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::new();
        (&mut self.0).take(len - start).read_to_end(&mut buf)?;
        Ok(buf)
    }

    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }

    fn sync(&mut self) -> io::Result<()> {
        self.0.sync_data()
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.0.set_len(len)?;
        self.0.sync_data()
    }
}

impl Storage for Disk {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        fs::create_dir_all(path)
    }

    fn open_append(&self, path: &Path) -> io::Result<Box<dyn AppendFile>> {
        Ok(Box::new(DiskFile(open::open_append(path, false)?)))
    }

    #[cfg(unix)]
    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        File::open(path)?.sync_all()
    }

    #[cfg(not(unix))]
    fn sync_dir(&self, _path: &Path) -> io::Result<()> {
        Ok(())
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = AtomicWriteFile::open(path)?;
        file.write_all(bytes)?;
        file.commit()
    }
}

/// A step at which [`Faulty`] fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating a folder or opening (creating) a file.
    Create,
    /// Writing: half the bytes land, then the write fails.
    Write,
    /// Flushing to disk.
    Sync,
    /// The final rename of an atomic write.
    Rename,
}

/// The real disk, except that the next operation at a chosen step fails once. Clones share
/// the fault, so a test keeps one and hands another to the code under test.
#[derive(Debug, Default, Clone)]
pub struct Faulty {
    next: Arc<Mutex<Option<Step>>>,
}

impl Faulty {
    /// Makes the next operation at `step` fail.
    pub fn fail_next(&self, step: Step) {
        if let Ok(mut n) = self.next.lock() {
            *n = Some(step);
        }
    }

    /// Takes the fault if it is for `step`.
    fn hit(&self, step: Step) -> bool {
        match self.next.lock() {
            Ok(mut n) if *n == Some(step) => {
                *n = None;
                true
            }
            _ => false,
        }
    }
}

fn injected(step: Step) -> io::Error {
    io::Error::other(format!("injected fault at {step:?}"))
}

struct FaultyFile {
    inner: Box<dyn AppendFile>,
    faults: Faulty,
}

impl AppendFile for FaultyFile {
    fn len(&mut self) -> io::Result<u64> {
        self.inner.len()
    }

    fn tail(&mut self, n: u64) -> io::Result<Vec<u8>> {
        self.inner.tail(n)
    }

    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.faults.hit(Step::Write) {
            self.inner.append(&buf[..buf.len() / 2])?;
            return Err(injected(Step::Write));
        }
        self.inner.append(buf)
    }

    fn sync(&mut self) -> io::Result<()> {
        if self.faults.hit(Step::Sync) {
            return Err(injected(Step::Sync));
        }
        self.inner.sync()
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.inner.truncate(len)
    }
}

impl Storage for Faulty {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        if self.hit(Step::Create) {
            return Err(injected(Step::Create));
        }
        Disk.create_dir_all(path)
    }

    fn open_append(&self, path: &Path) -> io::Result<Box<dyn AppendFile>> {
        if self.hit(Step::Create) {
            return Err(injected(Step::Create));
        }
        Ok(Box::new(FaultyFile {
            inner: Disk.open_append(path)?,
            faults: self.clone(),
        }))
    }

    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        if self.hit(Step::Sync) {
            return Err(injected(Step::Sync));
        }
        Disk.sync_dir(path)
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.hit(Step::Create) {
            return Err(injected(Step::Create));
        }
        let mut file = AtomicWriteFile::open(path)?;
        if self.hit(Step::Write) {
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(injected(Step::Write)); // dropped uncommitted: the target is untouched
        }
        file.write_all(bytes)?;
        for step in [Step::Sync, Step::Rename] {
            if self.hit(step) {
                return Err(injected(step)); // dropped uncommitted: the target is untouched
            }
        }
        file.commit()
    }
}
