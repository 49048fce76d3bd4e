//! Lines of a journal file with bounded memory: a line longer than [`MAX_LINE`] is measured and
//! skipped, never held, and a sparse file's holes are stepped over instead of read as zeros.

use std::fs::File;
use std::io::{self, Read};

/// The longest line kept; a longer one is skipped (an event is a few hundred bytes).
pub const MAX_LINE: usize = 1 << 20;

/// The UTF-8 byte-order mark that some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Something lines are read from.
pub trait Source: Read {
    /// Where data starts again at or after `offset` (the reader is left there): a sparse file's
    /// hole holds no line breaks, so a line already too long can skip it whole.
    fn skip_hole(&mut self, offset: u64) -> io::Result<u64> {
        Ok(offset)
    }
}

impl Source for &[u8] {}

impl Source for File {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
    fn skip_hole(&mut self, offset: u64) -> io::Result<u64> {
        use std::os::fd::AsRawFd;
        let Ok(at) = libc::off_t::try_from(offset) else {
            return Ok(offset);
        };
        // SAFETY: lseek on a file descriptor this File owns; it only moves the file position.
        let data = unsafe { libc::lseek(self.as_raw_fd(), at, libc::SEEK_DATA) };
        if data >= 0 {
            return Ok(u64::try_from(data).unwrap_or(offset));
        }
        match io::Error::last_os_error().raw_os_error() {
            // No data after `offset`: the rest is one hole.
            Some(libc::ENXIO) => {
                use std::io::Seek;
                self.seek(io::SeekFrom::End(0))
            }
            // The file system cannot tell: read on from where we are.
            _ => Ok(offset),
        }
    }
}

/// One line as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Its number, from 1.
    pub number: usize,
    /// Whether it ended with a line break (a last line without one may be a torn write).
    pub complete: bool,
    /// Its length when it was longer than [`MAX_LINE`] and so was not kept.
    pub too_long: Option<u64>,
    /// Where the line ends in the file, its line break included.
    pub end: u64,
}

/// Reads lines from a source between two offsets.
pub struct Lines<R> {
    src: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// The file offset of `buf[end]`: how far the source has been read.
    offset: u64,
    limit: u64,
    number: usize,
}

impl<R: Source> Lines<R> {
    /// Lines of `src`, which is positioned at `offset`, up to `limit` (`u64::MAX`: to the end).
    pub fn new(src: R, offset: u64, limit: u64) -> Self {
        Self {
            src,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            start: 0,
            end: 0,
            offset,
            limit,
            number: 0,
        }
    }

    /// The same lines, numbered on from `lines` lines already read (the source is positioned
    /// after them): no byte-order mark is looked for.
    pub fn after_lines(mut self, lines: usize) -> Self {
        self.number = lines;
        self
    }

    /// The source, positioned wherever reading left it.
    pub fn into_source(self) -> R {
        self.src
    }

    /// How far the source has been read: past the last line returned only when a line ended
    /// without a line break.
    pub fn offset(&self) -> u64 {
        self.offset - (self.end - self.start) as u64
    }

    /// Reads the next line into `out` (without its line break and a trailing `\r`); `None` at
    /// the end. The first line loses a leading byte-order mark.
    pub fn next_into(&mut self, out: &mut Vec<u8>) -> io::Result<Option<Line>> {
        out.clear();
        let mut len: u64 = 0;
        let mut too_long = false;
        loop {
            if self.start == self.end && !self.refill(too_long, &mut len)? {
                if len == 0 {
                    return Ok(None);
                }
                return Ok(Some(self.finish(out, len, too_long, false)));
            }
            let avail = &self.buf[self.start..self.end];
            let (take, used, found) = match memchr::memchr(b'\n', avail) {
                Some(i) => (&avail[..i], i + 1, true),
                None => (avail, avail.len(), false),
            };
            if !too_long && out.len() + take.len() <= MAX_LINE {
                out.extend_from_slice(take);
            } else if !too_long {
                too_long = true;
                *out = Vec::new();
            }
            self.start += used;
            len += used as u64;
            if found {
                return Ok(Some(self.finish(out, len, too_long, true)));
            }
        }
    }

    fn finish(&mut self, out: &mut Vec<u8>, len: u64, too_long: bool, complete: bool) -> Line {
        self.number += 1;
        if self.number == 1 && out.starts_with(BOM) {
            out.drain(..BOM.len());
        }
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        Line {
            number: self.number,
            complete,
            too_long: too_long.then_some(len),
            end: self.offset - (self.end - self.start) as u64,
        }
    }

    /// Fills the buffer; `false` at the end. Inside a line already too long, holes are skipped
    /// (and counted into `len`).
    fn refill(&mut self, too_long: bool, len: &mut u64) -> io::Result<bool> {
        if too_long {
            let data = self.src.skip_hole(self.offset)?.min(self.limit);
            if data > self.offset {
                *len += data - self.offset;
                self.offset = data;
            }
        }
        let room = usize::try_from(self.limit.saturating_sub(self.offset))
            .unwrap_or(usize::MAX)
            .min(self.buf.len());
        if room == 0 {
            return Ok(false);
        }
        let n = loop {
            match self.src.read(&mut self.buf[..room]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.start = 0;
        self.end = n;
        self.offset += n as u64;
        Ok(n > 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<(Vec<u8>, Line)> {
        let mut lines = Lines::new(bytes, 0, u64::MAX);
        let mut out = Vec::new();
        let mut got = Vec::new();
        while let Some(line) = lines.next_into(&mut out).unwrap() {
            got.push((out.clone(), line));
        }
        got
    }

    #[test]
    fn lines_breaks_and_a_torn_tail() {
        let got = all(b"\xEF\xBB\xBFa\r\nbb\n\nccc");
        let texts: Vec<&[u8]> = got.iter().map(|(t, _)| t.as_slice()).collect();
        assert_eq!(texts, [&b"a"[..], b"bb", b"", b"ccc"]);
        assert!(got[..3].iter().all(|(_, l)| l.complete));
        assert!(!got[3].1.complete);
        let ends: Vec<u64> = got.iter().map(|(_, l)| l.end).collect();
        assert_eq!(ends, [6, 9, 10, 13]);
    }

    #[test]
    fn a_huge_line_is_measured_not_kept() {
        let mut bytes = vec![b'x'; MAX_LINE + 10];
        bytes.extend_from_slice(b"\nok\n");
        let got = all(&bytes);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1.too_long, Some(MAX_LINE as u64 + 11));
        assert!(got[0].0.is_empty());
        assert_eq!(got[1].0, b"ok");
    }

    #[test]
    fn a_limit_stops_reading() {
        let mut lines = Lines::new(&b"a\nb\nc\n"[..], 0, 4);
        let mut out = Vec::new();
        assert!(lines.next_into(&mut out).unwrap().is_some());
        assert!(lines.next_into(&mut out).unwrap().is_some());
        assert_eq!(out, b"b");
        assert!(lines.next_into(&mut out).unwrap().is_none());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_sparse_file_is_not_read_as_zeros() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sparse.jsonl");
        let f = File::create(&path).unwrap();
        f.set_len(64 << 30).unwrap(); // 64 GiB of hole: reading it would take minutes
        drop(f);
        let mut lines = Lines::new(File::open(&path).unwrap(), 0, u64::MAX);
        let mut out = Vec::new();
        let line = lines.next_into(&mut out).unwrap().unwrap();
        assert_eq!(line.too_long, Some(64 << 30));
        assert!(lines.next_into(&mut out).unwrap().is_none());
    }
}
