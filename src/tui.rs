//! The terminal session: set up, the event loop, and a clean restore on quit, panic or signal.
//!
//! The loop sleeps until something happens: a key or a resize (read by a thread of its own), a
//! change notice for the journal folder, or a signal. An idle dashboard makes no system calls
//! at all, except where the folder gets no file events (network drives): there it looks at the
//! folder once a second. A frame is drawn only when something may have changed, and it reaches
//! the terminal in one write.

use std::cell::RefCell;
use std::io::{Write, stdout};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::context::Context;
use crate::keymap;
use crate::layout::Regions;
use crate::ui;
use crate::watch::FolderWatch;

/// How often the journal folder is checked where no file events arrive for it (many network
/// drives): at most one wake-up a second.
const POLL: Duration = Duration::from_secs(1);
/// How often unsaved changes are retried while there are any.
const RETRY: Duration = Duration::from_millis(500);
/// How long a burst of file events is given to end before the folder is looked at.
const SETTLE: Duration = Duration::from_millis(20);
/// Room for a whole frame of a large terminal, so that it is written at once.
const FRAME_BYTES: usize = 256 * 1024;

/// What wakes the event loop.
enum Wake {
    /// A key, a click, a paste or a resize; an error when the terminal is gone.
    Terminal(std::io::Result<Event>),
    /// Something changed in the journal folder.
    Folder,
    /// Time to look at the folder (no file events) or to retry an unsaved change.
    Timer,
    /// The process was asked to stop.
    Stop,
    /// The loader has an answer to take in.
    Read,
}

type Screen = Terminal<CrosstermBackend<FrameWriter>>;

/// Opens the dashboard and runs it until the officer quits or the process is asked to stop
/// (SIGTERM, SIGHUP, SIGINT or SIGQUIT), restoring the terminal either way.
pub fn run(ctx: Context) -> std::io::Result<()> {
    let (tx, rx) = mpsc::channel();
    listen_for_signals(tx.clone())?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let read = tx.clone();
    let mut app = App::start(ctx, move || {
        let _ = read.send(Wake::Read);
    });
    let result = open().and_then(|(mut terminal, out)| {
        let r = event_loop(&mut terminal, &out, &mut app, &tx, &rx);
        // The frames' memory goes with the process.
        std::mem::forget(terminal);
        r
    });
    restore();
    // However the loop ended, what the last frames left for this computer's copy is done,
    // and what the loader was asked to keep.
    app.after_frame();
    app.session.close();
    // Everything the dashboard read is freed by the operating system at exit, at once.
    std::mem::forget(app);
    result
}

/// Raw mode, the alternate screen, mouse and paste reporting, and a terminal that buffers each
/// frame.
fn open() -> std::io::Result<(Screen, FrameWriter)> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let out = FrameWriter::new();
    let terminal = Terminal::new(CrosstermBackend::new(out.clone()))?;
    Ok((terminal, out))
}

/// Gives the terminal back as it was.
fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
}

/// Holds what a frame writes until [`FrameWriter::present`]: ratatui's own flush at the end of
/// a draw is held back so that the end of a synchronized update goes out with the frame. The
/// loop keeps a second handle on the same buffer to present it. What is never presented (a
/// panic in the middle of a frame) is never written: nothing reaches the restored screen.
#[derive(Clone)]
struct FrameWriter(Rc<RefCell<Vec<u8>>>);

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl FrameWriter {
    fn new() -> Self {
        Self(Rc::new(RefCell::new(Vec::with_capacity(FRAME_BYTES))))
    }

    /// Writes the frame out, in one piece.
    fn present(&self) -> std::io::Result<()> {
        let mut frame = self.0.borrow_mut();
        let mut out = stdout().lock();
        let written = out.write_all(&frame).and_then(|()| out.flush());
        frame.clear();
        written
    }
}

#[cfg(unix)]
fn listen_for_signals(tx: Sender<Wake>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    // In raw mode Ctrl-C is a key, not SIGINT; these come from `kill` or a closing session.
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Wake::Stop);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn listen_for_signals(tx: Sender<Wake>) -> std::io::Result<()> {
    // The console calls this on a thread of its own; the loop restores the screen and quits.
    ctrlc::set_handler(move || {
        let _ = tx.send(Wake::Stop);
    })
    .map_err(std::io::Error::other)
}

/// Reads the terminal's events on a thread of its own, which sleeps until one arrives.
fn read_terminal(tx: Sender<Wake>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("terminal".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let gone = event.is_err();
                if tx.send(Wake::Terminal(event)).is_err() || gone {
                    return;
                }
            }
        })?;
    Ok(())
}

fn draw(terminal: &mut Screen, out: &FrameWriter, app: &mut App) -> std::io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let frame = terminal.draw(|frame| ui::draw(frame, app))?;
    // Scrolling past the end of the detail pane is taken back, so scrolling up answers at
    // once; an unscrolled pane needs no second look.
    if app.detail_scroll > 0 {
        let most = ui::detail_max_scroll(app, frame.area);
        app.detail_scroll = app.detail_scroll.min(most);
    }
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    out.present()
}

fn event_loop(
    terminal: &mut Screen,
    out: &FrameWriter,
    app: &mut App,
    tx: &Sender<Wake>,
    rx: &Receiver<Wake>,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, out, app)?;
    read_terminal(tx.clone())?;
    // Watching starts after the first frame: the officer sees the plan first.
    let notices = tx.clone();
    let mut watch = FolderWatch::new(
        app.session.store.folder(),
        Box::new(move || {
            let _ = notices.send(Wake::Folder);
        }),
    );
    let mut next_poll = Instant::now() + POLL;
    let result = loop {
        if app.quit {
            break Ok(());
        }
        // Sleep until something happens; wake on a timer only to poll a folder without file
        // events or to retry an unsaved change.
        let deadline = if !app.session.pending.is_empty() {
            Some(next_poll.min(Instant::now() + RETRY))
        } else {
            watch.needs_polling().then_some(next_poll)
        };
        let wake = match deadline {
            None => rx.recv().ok(),
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => Some(Wake::Timer),
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        let dirty = match wake {
            None | Some(Wake::Stop) => break Ok(()),
            Some(Wake::Terminal(Err(e))) => break Err(e),
            Some(Wake::Terminal(Ok(ev))) => {
                let size = terminal.size()?;
                let regions = Regions::new(Rect::new(0, 0, size.width, size.height));
                let action = keymap::map_event(&app.mode, &regions, &ev);
                let acted = action.is_some();
                if let Some(action) = action {
                    app.update(action);
                }
                // A mouse moving over the window is no reason to draw.
                acted || matches!(ev, Event::Resize(..))
            }
            // The loader has read: its answer is taken in without waiting.
            Some(Wake::Read) => app.poll(),
            Some(wake @ (Wake::Folder | Wake::Timer)) => {
                if matches!(wake, Wake::Folder) {
                    // A write comes as a burst of events (written, synced, closed): let it end,
                    // so that one look at the folder serves the whole burst.
                    std::thread::sleep(SETTLE);
                }
                watch.take();
                next_poll = Instant::now() + POLL;
                app.tick()
            }
        };
        if dirty {
            draw(terminal, out, app)?;
        }
        // Only now that the change is on screen: the local copy of what was saved.
        app.after_frame();
    };
    // The watching thread ends with the process.
    std::mem::forget(watch);
    result
}
