//! `ncstb browse`: search as you type, on the controlling terminal (`/dev/tty`, as fzf draws),
//! so that standard output stays free for the reference chosen: `ncstb show $(ncstb browse)`.
//!
//! Searches run on a thread of their own: typing never waits for one, an answer to a query
//! typed over is dropped, and the last query always wins. The terminal is restored however the
//! screen ends: on return, on error, and on a panic (a hook restores it before the message).

mod state;
mod view;

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};

pub use state::{Action, State};
pub use view::{Styles, render};

use crate::dataset::DutyRef;
use crate::error::UsageError;
use crate::search::{self, Options};

/// What the screen ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// A duty's reference, to print.
    Chosen(String),
    Quit,
}

/// Runs the screen over `duties` until a duty is chosen or the user quits.
pub fn run(
    duties: &[DutyRef<'_>],
    words: &[String],
    options: &Options,
    with_agency: bool,
    color: Option<bool>,
) -> anyhow::Result<Ending> {
    let tty = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| UsageError::new("browse needs a terminal (use `ncstb search` in scripts)"))?;
    let mut state = State::new(duties, &words.join(" "), with_agency);
    // `--color`, else what the environment says of this terminal, as the rest of ncstb decides
    // for standard output (anstream); crossterm is not to decide again.
    let color = color.unwrap_or_else(|| anstream::AutoStream::choice(&tty) == anstream::ColorChoice::Always);
    let styles = Styles { color };
    ratatui::crossterm::style::force_color_output(color);
    // A TERM or HUP (`timeout`, a closed terminal window) ends the screen as Esc does, so the
    // terminal is restored; without this they would end the process where it stood.
    let signalled = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&signalled))?;
    }
    let _restore = Screen::enter(&tty)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(tty))?;
    std::thread::scope(|scope| {
        let (queries, asked) = mpsc::channel::<(u64, String)>();
        let (answers, answered) = mpsc::channel();
        scope.spawn(move || {
            while let Ok(mut job) = asked.recv() {
                // Only the newest query typed is worth an answer.
                while let Ok(newer) = asked.try_recv() {
                    job = newer;
                }
                let (generation, query) = job;
                let answer = search::search(duties, std::slice::from_ref(&query), options);
                if answers.send((generation, query, answer)).is_err() {
                    break;
                }
            }
        });
        let ask = |state: &mut State<'_>| {
            if let Some(generation) = state.ask() {
                // The searching thread ends only when this loop does.
                let _ = queries.send((generation, state.query()));
            }
        };
        ask(&mut state);
        let mut dirty = true;
        loop {
            if signalled.load(Ordering::Relaxed) {
                return Ok(Ending::Quit);
            }
            if dirty {
                terminal.draw(|frame| render(frame, &mut state, styles))?;
                dirty = false;
            }
            if event::poll(Duration::from_millis(20))? {
                match event::read()? {
                    Event::Key(key) => match state.handle(key) {
                        Action::Redraw => {}
                        Action::Search => ask(&mut state),
                        Action::Accept(reference) => return Ok(Ending::Chosen(reference)),
                        Action::Quit => return Ok(Ending::Quit),
                    },
                    Event::Paste(text) if state.paste(&text) == Action::Search => ask(&mut state),
                    Event::Resize(..) => terminal.autoresize()?,
                    _ => {}
                }
                dirty = true;
            }
            while let Ok((generation, query, answer)) = answered.try_recv() {
                match state.answer(generation, query, answer) {
                    Some(Action::Accept(reference)) => return Ok(Ending::Chosen(reference)),
                    _ => dirty = true,
                }
            }
        }
    })
}

/// The terminal in raw mode on the alternate screen, for as long as this lives.
struct Screen;

impl Screen {
    fn enter(tty: &File) -> io::Result<Screen> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        let mut tty = tty;
        if let Err(e) = execute!(tty, EnterAlternateScreen, EnableBracketedPaste, cursor::Show) {
            restore();
            return Err(e);
        }
        Ok(Screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen and raw mode; what fails cannot be helped, and is not retried.
fn restore() {
    if let Ok(mut tty) = OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(tty, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
        let _ = tty.flush();
    }
    let _ = terminal::disable_raw_mode();
}

/// A panic restores the terminal before its message is printed, so the message can be read
/// and the shell still echoes.
fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
