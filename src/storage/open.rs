//! Opening files in a folder that others can write to: never through a link, only regular files,
//! and never in a way that can block (a FIFO or a device put where a journal is expected).

use super::summed::Summed;
use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Why a name in the folder was not opened: it is not a plain file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotRegular {
    /// A symbolic link (or, on Windows, any reparse point).
    Link,
    /// A folder.
    Folder,
    /// A FIFO, socket or device.
    Special,
}

impl NotRegular {
    /// What `meta` is, when it is not a regular file.
    pub fn of(meta: &std::fs::Metadata) -> Option<Self> {
        let t = meta.file_type();
        if t.is_symlink() {
            Some(NotRegular::Link)
        } else if t.is_dir() {
            Some(NotRegular::Folder)
        } else if t.is_file() {
            None
        } else {
            Some(NotRegular::Special)
        }
    }

    /// The error an open reports for it; [`NotRegular::from_error`] gives the kind back.
    fn into_error(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, NotRegularError(self))
    }

    /// The kind of file an open refused, if that is why it failed.
    pub fn from_error(e: &io::Error) -> Option<Self> {
        if let Some(inner) = e
            .get_ref()
            .and_then(|i| i.downcast_ref::<NotRegularError>())
        {
            return Some(inner.0);
        }
        // O_NOFOLLOW on a link fails with ELOOP (EMLINK on some BSDs); a FIFO without a reader
        // opened for writing fails with ENXIO.
        #[cfg(unix)]
        match e.raw_os_error() {
            Some(libc::ELOOP) | Some(libc::EMLINK) => return Some(NotRegular::Link),
            Some(libc::ENXIO) => return Some(NotRegular::Special),
            // A folder opened for writing.
            Some(libc::EISDIR) => return Some(NotRegular::Folder),
            _ => {}
        }
        None
    }
}

#[derive(Debug)]
struct NotRegularError(NotRegular);

impl std::fmt::Display for NotRegularError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.0 {
            NotRegular::Link => "a link",
            NotRegular::Folder => "a folder",
            NotRegular::Special => "a FIFO, socket or device",
        };
        write!(f, "not a regular file ({what})")
    }
}

impl std::error::Error for NotRegularError {}

/// Opens `path` for reading, refusing links and anything but a regular file.
pub fn open_read(path: &Path) -> io::Result<File> {
    open(OpenOptions::new().read(true), path)
}

/// Opens a file the user named for reading: a link is followed (the user may keep the file
/// elsewhere), but the file reached must be regular, and opening it never waits (a FIFO put where
/// a plan is expected is refused, not read forever).
pub fn open_read_named(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let file = options.open(path)?;
    match NotRegular::of(&file.metadata()?) {
        None => Ok(file),
        Some(kind) => Err(kind.into_error()),
    }
}

/// The whole of a file the user named, opened as [`open_read_named`] opens it.
pub fn read_named(path: &Path) -> io::Result<Vec<u8>> {
    read_whole(&mut open_read_named(path)?)
}

/// The whole of an open file, from its start.
pub fn read_whole(file: &mut File) -> io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    file.rewind()?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(file.metadata()?.len().try_into().unwrap_or(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens (creating if needed) `path` for reading and appending, refusing links and anything but
/// a regular file. A new file is private to this user where `private` is set.
pub fn open_append(path: &Path, private: bool) -> io::Result<File> {
    open_created(OpenOptions::new().read(true).append(true), path, private)
}

/// Opens (creating if needed) a lock file, refusing links and anything but a regular file.
pub fn open_lock(path: &Path, private: bool) -> io::Result<File> {
    open_created(
        OpenOptions::new().write(true).truncate(false),
        path,
        private,
    )
}

/// Creates `path` anew for writing, private to this user (emptied if it was there), refusing
/// links and anything but a regular file.
pub fn create_private(path: &Path) -> io::Result<File> {
    open_created(OpenOptions::new().write(true).truncate(true), path, true)
}

/// Opens with `options`, creating the file if needed (private to this user where asked).
fn open_created(options: &mut OpenOptions, path: &Path, private: bool) -> io::Result<File> {
    options.create(true);
    if private {
        private_mode(options);
    }
    open(options, path)
}

/// The body of a file written as `magic`, a body and a CRC-32 of the body, read whole into
/// `bytes`; `None` when the file is not there, not a regular file, of another kind or damaged.
pub fn read_sealed<'a>(path: &Path, magic: &[u8], bytes: &'a mut Vec<u8>) -> Option<&'a [u8]> {
    use std::io::Read;
    open_read(path).ok()?.read_to_end(bytes).ok()?;
    let rest = bytes.strip_prefix(magic)?;
    let (rest, sum) = rest.split_last_chunk::<4>()?;
    (u32::from_le_bytes(*sum) == crc32fast::hash(rest)).then_some(rest)
}

/// Replaces `path` with a private file of `magic`, `body` (in postcard) and a CRC-32 of it, as
/// [`read_sealed`] reads it; see [`replace_private`]. The body goes to the file as it is
/// serialised, never held whole.
pub fn write_sealed(path: &Path, magic: &[u8], body: &impl serde::Serialize) -> io::Result<()> {
    use std::io::Write;
    replace_private(path, |mut file| {
        file.write_all(magic)?;
        let out = io::BufWriter::with_capacity(1 << 16, Summed::new(file));
        let out = postcard::to_io(body, out).map_err(io::Error::other)?;
        let (mut file, sum, _) = out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .finish();
        file.write_all(&sum.to_le_bytes())
    })
}

/// Replaces `path` whole or not at all with a private file that `write` fills: written beside
/// it under a name of this process's, then renamed over it (its folder made if need be). Not
/// synced: for caches, which a crash may lose but never leaves half written under their name.
pub fn replace_private(path: &Path, write: impl FnOnce(File) -> io::Result<()>) -> io::Result<()> {
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let written = (|| {
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        write(create_private(&tmp)?)?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Creates `dir` and its parents; the folders it creates are private to this user.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Opens with `options`, never through a link; a refusal is told as what the name is.
fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    let file = no_follow(options)
        .open(path)
        .map_err(|e| match NotRegular::from_error(&e) {
            Some(kind) => kind.into_error(),
            None => e,
        })?;
    match NotRegular::of(&file.metadata()?) {
        None => Ok(file),
        Some(kind) => Err(kind.into_error()),
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO never waits for a peer; it changes nothing for regular files.
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
}

#[cfg(windows)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::windows::fs::OpenOptionsExt;
    /// Opens a link (reparse point) itself instead of its target; the type check refuses it.
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    options.custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
}

#[cfg(not(any(unix, windows)))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

#[cfg(unix)]
fn private_mode(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600);
}

#[cfg(not(unix))]
fn private_mode(_options: &mut OpenOptions) {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, b"x\n").unwrap();
        assert!(open_read(&path).is_ok());
        assert!(open_append(&path, false).is_ok());
        assert!(open_append(&dir.path().join("new.jsonl"), true).is_ok());
        let e = open_read(dir.path()).unwrap_err();
        assert_eq!(NotRegular::from_error(&e), Some(NotRegular::Folder));
    }

    #[cfg(unix)]
    #[test]
    fn links_and_fifos_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, b"secret").unwrap();
        let link = dir.path().join("me.jsonl");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for e in [
            open_read(&link).unwrap_err(),
            open_append(&link, false).unwrap_err(),
            open_lock(&link, false).unwrap_err(),
        ] {
            assert_eq!(NotRegular::from_error(&e), Some(NotRegular::Link), "{e}");
        }
        // A dangling link is not created through either.
        let dangling = dir.path().join("me.lock");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &dangling).unwrap();
        assert!(open_lock(&dangling, false).is_err());
        assert!(!dir.path().join("elsewhere").exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"secret");

        let fifo = dir.path().join("fifo.lock");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        for e in [
            open_read(&fifo).unwrap_err(),
            open_lock(&fifo, false).unwrap_err(),
        ] {
            assert_eq!(NotRegular::from_error(&e), Some(NotRegular::Special), "{e}");
        }
        // A folder where a journal file should be: told as a folder, not "Is a directory".
        let folder = dir.path().join("李强.jsonl");
        std::fs::create_dir(&folder).unwrap();
        for e in [
            open_read(&folder).unwrap_err(),
            open_append(&folder, false).unwrap_err(),
        ] {
            assert_eq!(NotRegular::from_error(&e), Some(NotRegular::Folder), "{e}");
            assert!(!e.to_string().contains("os error"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_folders() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir(&sub).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub), 0o700);
        let f = sub.join("events.jsonl");
        open_append(&f, true).unwrap();
        assert_eq!(mode(&f), 0o600);
    }
}
