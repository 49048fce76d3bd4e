//! A snapshot of what the last read of a journal folder gave, kept beside this computer's copy
//! of events, so that a start parses only the bytes appended since.
//!
//! It holds the merged events of that read and, for each file, how far it was read: its length,
//! a checksum of every byte up to there, what the system said of the file, and where the parser
//! stood. A read that finds every file of the snapshot still there and only grown parses just
//! what follows. Anything else (a shorter file, a changed byte anywhere in what was read, a
//! vanished file, an id that stands twice, another program version, a clock set back, a damaged
//! snapshot) reads the whole folder, so the snapshot never changes a result. Only a read that
//! found nothing to warn about in any line is kept.
//!
//! A file the system says was not written since (the same length and times, taken when its
//! last write was seconds old) is not read at all; any other file is read from its start to
//! check the checksum. On Unix the times include the status-change time, which no program can
//! set back; elsewhere a colleague who rewrites a file and then sets its modification time back
//! to the very same instant goes unseen, as by the running dashboard's own look at the folder.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::events::{self, Events};
use super::lines::Source;
use super::marks::Mark;
use crate::storage::open::{open_read, replace_private};
pub use crate::storage::summed::Summed;

/// The snapshot's name in the copy's folder.
const NAME: &str = "snapshot.bin";

/// What a snapshot file starts with; the last byte is the layout's version.
const MAGIC: &[u8; 8] = b"wpsnap\0\x04";

/// The snapshot of one folder's reads.
#[derive(Debug, Clone)]
pub struct Snapshot {
    path: PathBuf,
    /// The fewest events in one piece.
    piece: usize,
    /// How much later than the system's clock its reads count as having begun (tests: files
    /// written moments ago count as long settled).
    later: Duration,
}

/// The head of a snapshot file. The file is [`MAGIC`], the events in pieces (each a list of
/// [`Record`]s of its own, so that they are read back on several threads), the head, then the
/// head's length and CRC-32 and a CRC-32 of all but the magic and itself: the head comes last
/// because the pieces' lengths are known only once they are written. The head's own checksum is
/// checked before anything is made room for, so a damaged head never sizes anything.
#[derive(Serialize, Deserialize)]
struct Head<F> {
    /// The program version that wrote it: another one reads the folder whole.
    version: String,
    /// When it was written, in nanoseconds since 1970: a clock set back before that reads the
    /// folder whole, since which events count as from the future depends on the clock.
    made: i128,
    files: F,
    /// Each piece of events, in order: its length in bytes and how many events it holds.
    chunks: Vec<(u64, u64)>,
}

/// The bytes after the head: its length, its checksum and the checksum of the whole.
const TRAILER: u64 = 12;

/// How many events make one piece: fewer are not worth a thread.
const CHUNK: usize = 1 << 14;

/// The most events in one piece (about 5 MB).
const PIECE_MOST: usize = 1 << 16;

impl Snapshot {
    /// The snapshot kept in the folder `dir` (the local copy's).
    pub fn new(dir: &Path) -> Self {
        Self {
            path: dir.join(NAME),
            piece: CHUNK,
            later: Duration::ZERO,
        }
    }

    /// When a read with it begins.
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + self.later
    }

    /// The same snapshot, whose reads count as having begun `later` than they do (tests).
    #[cfg(test)]
    pub fn reads_later(mut self, later: Duration) -> Self {
        self.later = later;
        self
    }

    /// The same snapshot, in pieces of two events, so that a handful are read on threads
    /// (tests).
    #[cfg(test)]
    pub fn eager(mut self) -> Self {
        self.piece = 2;
        self
    }

    /// The folder it is kept in.
    pub fn dir(&self) -> Option<&Path> {
        self.path.parent()
    }

    /// Whether a read that parsed `new` events should be kept: whenever it found any, so
    /// that every read after the first goes on from a snapshot.
    pub fn worth_saving(&self, new: usize) -> bool {
        new > 0
    }

    /// The files and merged events of the last read kept, if there is a snapshot this program
    /// can trust. The pieces are read on a few threads, each straight into its place in the
    /// one buffer of packed events, and their records checked there: nothing is decoded and
    /// nothing held twice. The checksum of the whole is put together from the pieces' and
    /// checked before the events are given out.
    pub fn load(&self) -> Option<(Vec<Mark>, Events)> {
        let file = open_read(&self.path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut magic = [0u8; MAGIC.len()];
        read_exact_at(&file, &mut magic, 0).ok()?;
        if magic != *MAGIC {
            return None;
        }
        let Ending {
            head,
            at: head_at,
            bytes: tail,
            sum,
        } = read_head(&file, len)?;
        if head.version != env!("CARGO_PKG_VERSION")
            || crate::clock::now().as_nanosecond() < head.made
        {
            return None;
        }
        let mut pieces = Vec::with_capacity(head.chunks.len());
        let mut counts = Vec::with_capacity(head.chunks.len());
        let mut at = MAGIC.len() as u64;
        for &(piece_len, n) in &head.chunks {
            // Every record takes more than eight bytes.
            if n > piece_len / 8 {
                return None;
            }
            pieces.push((at, usize::try_from(piece_len).ok()?));
            counts.push(usize::try_from(n).ok()?);
            at = at.checked_add(piece_len)?;
        }
        if at != head_at {
            return None;
        }
        // The records of every piece go straight into their place in one buffer; the count
        // that starts each piece in the file is not kept, only summed.
        let mut lens = Vec::with_capacity(pieces.len());
        for (&(_, piece_len), &n) in pieces.iter().zip(&counts) {
            let prefix = postcard::to_stdvec(&n).ok()?;
            let len = piece_len.checked_sub(prefix.len())?;
            lens.push((prefix, len));
        }
        let mut bytes = Vec::new();
        bytes
            .try_reserve_exact(lens.iter().map(|l| l.1).sum())
            .ok()?;
        bytes.resize(lens.iter().map(|l| l.1).sum(), 0);
        // Each thread takes every n-th piece, with its place.
        let threads = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .clamp(1, pieces.len().max(1));
        let mut work: Vec<Vec<Piece>> = (0..threads).map(|_| Vec::new()).collect();
        let mut rest = bytes.as_mut_slice();
        let mut offset = 0;
        for (i, ((&piece, (prefix, len)), &n)) in pieces.iter().zip(&lens).zip(&counts).enumerate()
        {
            let (place, after) = rest.split_at_mut(*len);
            work[i % threads].push(Piece {
                index: i,
                at: piece.0 + prefix.len() as u64,
                prefix,
                n,
                offset,
                place,
            });
            offset += len;
            rest = after;
        }
        let file = &file;
        let mut done = std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .into_iter()
                .map(|mine| scope.spawn(move || read_pieces(file, mine)))
                .collect();
            let mut done = Vec::new();
            for h in handles {
                done.extend(h.join().ok()??);
            }
            Some(done)
        })?;
        done.sort_by_key(|d| d.0);
        let mut whole = crc32fast::Hasher::new();
        let mut parts = Vec::with_capacity(done.len());
        for (_, piece, starts) in done {
            whole.combine(&piece);
            parts.push(starts);
        }
        whole.update(&tail);
        if whole.finalize() != sum {
            return None;
        }
        Some((head.files, Events::from_parts(bytes, parts)))
    }

    /// Keeps `files` and `events` as the last read, replacing the snapshot whole or not at all.
    /// It is not synced: a snapshot lost or torn by a crash only costs one whole read.
    pub fn save(&self, files: &[Mark], events: &Events) -> io::Result<()> {
        let packed;
        let events = if events.is_packed() {
            events
        } else {
            packed = events.iter().collect::<Events>();
            &packed
        };
        let parallel = std::thread::available_parallelism().map_or(2, usize::from);
        // Pieces for every core, of a few megabytes at most, so that a load reads and checks
        // them on every core.
        let size = events
            .len()
            .div_ceil(parallel)
            .clamp(self.piece, self.piece.max(PIECE_MOST));
        replace_private(&self.path, |mut file| {
            file.write_all(MAGIC)?;
            // Each piece is its count and the records as they are held.
            let mut out = io::BufWriter::with_capacity(1 << 16, Summed::new(file));
            let mut chunks = Vec::new();
            let mut from = 0;
            while from < events.len() {
                let to = (from + size).min(events.len());
                let start = out.get_ref().count();
                out.write_all(&postcard::to_stdvec(&(to - from)).map_err(io::Error::other)?)?;
                out.write_all(events.records(from, to))?;
                out.flush()?;
                chunks.push((out.get_ref().count() - start, (to - from) as u64));
                from = to;
            }
            let head = Head {
                version: env!("CARGO_PKG_VERSION").to_string(),
                made: crate::clock::now().as_nanosecond(),
                files,
                chunks,
            };
            let head = postcard::to_stdvec(&head).map_err(io::Error::other)?;
            out.write_all(&head)?;
            let head_len = u32::try_from(head.len()).map_err(io::Error::other)?;
            out.write_all(&head_len.to_le_bytes())?;
            out.write_all(&crc32fast::hash(&head).to_le_bytes())?;
            let summed = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            let (mut file, sum, _) = summed.finish();
            file.write_all(&sum.to_le_bytes())
        })
    }
}

/// The end of a snapshot file: its head, and what checks the whole.
struct Ending {
    head: Head<Vec<Mark>>,
    /// Where the head starts.
    at: u64,
    /// The head's bytes, its length and checksum: the end of what the checksum of the whole
    /// covers.
    bytes: Vec<u8>,
    /// The checksum of the whole.
    sum: u32,
}

/// The end of the snapshot `file`, `len` bytes long, if its head's checksum holds.
fn read_head(file: &File, len: u64) -> Option<Ending> {
    let mut end = [0u8; TRAILER as usize];
    read_exact_at(file, &mut end, len.checked_sub(TRAILER)?).ok()?;
    let word = |i: usize| Some(u32::from_le_bytes(end.get(i..i + 4)?.try_into().ok()?));
    let (head_len, head_sum, sum) = (u64::from(word(0)?), word(4)?, word(8)?);
    let head_at = len.checked_sub(TRAILER)?.checked_sub(head_len)?;
    let mut tail = vec![0u8; usize::try_from(head_len).ok()? + 8];
    read_exact_at(file, &mut tail, head_at).ok()?;
    let head = tail.get(..tail.len() - 8)?;
    if crc32fast::hash(head) != head_sum {
        return None;
    }
    Some(Ending {
        head: postcard::from_bytes(head).ok()?,
        at: head_at,
        bytes: tail,
        sum,
    })
}

impl<R: Source> Source for Summed<R> {
    /// A hole stepped over passes no bytes: the count then falls short of the offset read to,
    /// which tells that the checksum is not the file's.
    fn skip_hole(&mut self, offset: u64) -> io::Result<u64> {
        self.get_mut().skip_hole(offset)
    }
}

/// One piece of events to read: which, where its records are in the file, the count that
/// comes before them there, where they go in the buffer of all records and that place.
struct Piece<'a> {
    index: usize,
    at: u64,
    prefix: &'a [u8],
    n: usize,
    offset: usize,
    place: &'a mut [u8],
}

/// A piece read: its index, its checksum, and where it starts among all records with where
/// its records start from there.
type ReadPiece = (usize, crc32fast::Hasher, (usize, Vec<u32>));

/// Reads each of `pieces` into its place and checks its records: the checksum of each piece
/// and where its records start in the buffer of all, with its index.
fn read_pieces(file: &File, pieces: Vec<Piece>) -> Option<Vec<ReadPiece>> {
    let mut done = Vec::with_capacity(pieces.len());
    for Piece {
        index,
        at,
        prefix,
        n,
        offset,
        place,
    } in pieces
    {
        read_exact_at(file, place, at).ok()?;
        let mut sum = crc32fast::Hasher::new();
        sum.update(prefix);
        sum.update(place);
        let starts = events::starts_of(place, n)?;
        done.push((index, sum, (offset, starts)));
    }
    Some(done)
}

/// Fills `buf` from `file` at `offset`, leaving the file's position alone where the system can.
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            let at = offset + done as u64;
            match std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], at) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = file;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

/// A CRC-32 of the first `len` bytes of `file`, read from where it stands (its start); `None`
/// when it is shorter.
pub fn prefix_sum(file: &File, len: u64) -> io::Result<Option<u32>> {
    let mut summed = Summed::new(io::sink());
    let read = io::copy(
        &mut BufReader::with_capacity(1 << 16, file.take(len)),
        &mut summed,
    )?;
    Ok((read == len).then(|| summed.finish().1))
}

#[cfg(test)]
mod tests;
