//! The terminal session: set up, the event loop, and a clean restore on quit, panic or signal.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::context::Context;
use crate::keymap;
use crate::layout::Regions;
use crate::ui;
use crate::watch::FolderWatch;

/// How often the journal folder is checked for other writers (also where file events never
/// arrive, as on many network drives) and unsaved changes are retried.
const TICK: Duration = Duration::from_millis(500);
/// How long to wait for a key before looking at the folder's change notices.
const NOTICE: Duration = Duration::from_millis(100);

/// Opens the dashboard and runs it until the officer quits or the process is asked to stop
/// (SIGTERM, SIGHUP, SIGINT or SIGQUIT), restoring the terminal either way.
pub fn run(ctx: Context) -> std::io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    register_signals(&stop)?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let mut app = App::new(ctx);
    let mut terminal = ratatui::try_init()?;
    let result = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
        .and_then(|()| event_loop(&mut terminal, &mut app, &stop));
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

#[cfg(unix)]
fn register_signals(stop: &Arc<AtomicBool>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    // In raw mode Ctrl-C is a key, not SIGINT; these come from `kill` or a closing session.
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(sig, Arc::clone(stop))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn register_signals(stop: &Arc<AtomicBool>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for sig in [SIGTERM, SIGINT] {
        signal_hook::flag::register(sig, Arc::clone(stop))?;
    }
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let watch = FolderWatch::new(app.store.folder());
    let mut last_tick = Instant::now();
    // A frame after something happened (a key, a tick, a change notice), not on every wake-up.
    let mut dirty = true;
    loop {
        if dirty {
            let frame = terminal.draw(|frame| ui::draw(frame, app))?;
            // Scrolling past the end of the detail pane is taken back, so scrolling up answers
            // at once; an unscrolled pane needs no second look.
            if app.detail_scroll > 0 {
                let most = ui::detail_max_scroll(app, frame.area);
                app.detail_scroll = app.detail_scroll.min(most);
            }
            dirty = false;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed()).min(NOTICE);
        if event::poll(timeout)? {
            let ev = event::read()?;
            let size = terminal.size()?;
            let regions = Regions::new(Rect::new(0, 0, size.width, size.height));
            if let Some(action) = keymap::map_event(&app.mode, &regions, &ev) {
                app.update(action);
            }
            dirty = true;
        }
        if last_tick.elapsed() >= TICK || watch.take() {
            app.update(Action::Tick);
            last_tick = Instant::now();
            dirty = true;
        }
    }
}
