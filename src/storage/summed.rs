//! Bytes counted and checksummed on their way through a reader or writer.

use std::io::{self, Read, Write};

/// A reader or writer that counts and checksums the bytes that pass through it.
pub struct Summed<T> {
    inner: T,
    /// The checksum so far, which counts its bytes too.
    sum: crc32fast::Hasher,
}

impl<T> Summed<T> {
    /// Bytes through `inner`, summed from the start.
    pub fn new(inner: T) -> Self {
        Self::after(inner, 0, 0)
    }

    /// Bytes through `inner`, which go on from `len` bytes whose checksum is `sum`.
    pub fn after(inner: T, sum: u32, len: u64) -> Self {
        Self {
            inner,
            sum: crc32fast::Hasher::new_with_initial_len(sum, len),
        }
    }

    /// The reader or writer the bytes go through.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }

    /// How many bytes are summed, the earlier ones included.
    pub fn count(&self) -> u64 {
        self.sum.total_len()
    }

    /// The reader or writer, and the checksum of all the bytes, these and the earlier ones,
    /// with their count.
    pub fn finish(self) -> (T, u32, u64) {
        let total = self.sum.total_len();
        (self.inner, self.sum.finalize(), total)
    }
}

impl<R: Read> Read for Summed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let done = buf.get(..n).unwrap_or(buf);
        self.sum.update(done);
        Ok(n)
    }
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        let done = buf.get(..n).unwrap_or(buf);
        self.sum.update(done);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
