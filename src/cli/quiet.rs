//! Standard output and error as the commands see them: a reader that went away ends the output
//! quietly, as `workplan status | head -1` expects, instead of failing the command.

use std::io::{self, Write};

/// A writer that treats a closed pipe as the end of the output: the first `BrokenPipe` and
/// every write after it succeed without writing. Every other error is passed on.
#[derive(Debug)]
pub struct Quiet<W> {
    inner: W,
    gone: bool,
}

impl<W: Write> Quiet<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self { inner, gone: false }
    }

    /// Whether the reader went away.
    pub fn is_gone(&self) -> bool {
        self.gone
    }

    fn absorb<T>(&mut self, r: io::Result<T>, done: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(done)
            }
            r => r,
        }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.absorb(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let r = self.inner.flush();
        self.absorb(r, ())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A pipe whose reader left after `room` bytes.
    struct Closed {
        room: usize,
        kind: io::ErrorKind,
    }

    impl Write for Closed {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(self.kind.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_the_output_quietly() {
        let mut q = Quiet::new(Closed {
            room: 4,
            kind: io::ErrorKind::BrokenPipe,
        });
        for _ in 0..3 {
            writeln!(q, "状态").unwrap();
        }
        q.flush().unwrap();
        assert!(q.is_gone());
    }

    #[test]
    fn other_errors_are_passed_on() {
        let mut q = Quiet::new(Closed {
            room: 0,
            kind: io::ErrorKind::StorageFull,
        });
        assert!(writeln!(q, "x").is_err());
        assert!(!q.is_gone());
    }
}
