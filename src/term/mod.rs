//! The local terminal: raw mode, alternate screen, BiDi mode escapes, panic hook, signals.
//!
//! Setup order (terminal-wg BiDi recommendation): raw mode, alternate screen, `CSI 8 l` (BiDi
//! explicit mode: the terminal must not reorder what qari already reordered), then the first
//! clear. Every exit path (quit, error, panic, SIGTERM, SIGHUP) runs [`restore`]: `CSI 8 h`,
//! leave the alternate screen, show the cursor, leave raw mode. `restore` is idempotent.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, KeyCode, KeyEventKind,
    KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};

use crate::app::{BidiMode, Config, Effect, Event, Key, Library, Mouse, Reader};

/// BiDi explicit mode on (the terminal shows cells in the order they are sent).
pub const BIDI_EXPLICIT: &str = "\x1b[8l";
/// BiDi implicit mode back on (the terminal's default).
pub const BIDI_IMPLICIT: &str = "\x1b[8h";

/// Mouse button and wheel reports, SGR-encoded.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";

/// The terminal is in the reader's modes and must be restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Why the reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// SIGTERM or SIGHUP.
    Signal,
}

/// Puts the terminal in the reader's modes.
fn enter(out: &mut impl Write, bidi: BidiMode) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(out, terminal::EnterAlternateScreen)?;
    if bidi == BidiMode::Qari {
        // After entering the alternate screen and before the first clear.
        out.write_all(BIDI_EXPLICIT.as_bytes())?;
    }
    // Mouse reports of button presses and the wheel only (1000, SGR encoding 1006), as over
    // `qari serve`: not every motion (1003, crossterm's EnableMouseCapture), which costs bytes
    // and events on a thin link for nothing the reader uses.
    out.write_all(MOUSE_ON)?;
    execute!(out, EnableBracketedPaste, cursor::Hide)?;
    out.flush()
}

/// The bytes that undo the reader's modes (raw mode aside): `CSI 8 h`, mouse and paste modes
/// off, leave the alternate screen, show the cursor.
pub fn restore_sequence() -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(BIDI_IMPLICIT.as_bytes());
    // Left/right margin mode off, in case a scroll was cut short (ignored where unknown).
    out.extend_from_slice(b"\x1b[?69l");
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture);
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    out
}

/// Restores the terminal if the reader changed it. Safe to call from anywhere, any number of
/// times (a panic hook, a signal path, a drop).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = out.write_all(&restore_sequence());
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores the terminal when dropped: the error path (`?`) included.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard (works through ssh and tmux with
/// `set-clipboard on`).
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// A crossterm event as the reader's own, when the reader cares about it.
pub fn convert(ev: event::Event) -> Option<Event> {
    match ev {
        event::Event::Key(k) if k.kind != KeyEventKind::Release => {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let key = match k.code {
                KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
                // Alt+key as over ssh (ESC prefix): no binding uses it, so Alt-q does not quit.
                KeyCode::Char(c) if k.modifiers.contains(KeyModifiers::ALT) => Key::Alt(c),
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
                KeyCode::Tab => Key::Tab,
                KeyCode::BackTab => Key::BackTab,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::Left => Key::Left,
                KeyCode::Right => Key::Right,
                KeyCode::PageUp => Key::PageUp,
                KeyCode::PageDown => Key::PageDown,
                KeyCode::Home => Key::Home,
                KeyCode::End => Key::End,
                KeyCode::Delete => Key::Delete,
                _ => return None,
            };
            Some(Event::Key(key))
        }
        event::Event::Mouse(m) => {
            let (col, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollUp => Some(Event::Mouse(Mouse::ScrollUp { col, row })),
                MouseEventKind::ScrollDown => Some(Event::Mouse(Mouse::ScrollDown { col, row })),
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Event::Mouse(Mouse::Click { col, row }))
                }
                _ => None,
            }
        }
        event::Event::Paste(s) => Some(Event::Paste(s)),
        event::Event::Resize(cols, rows) => Some(Event::Resize { cols, rows }),
        _ => None,
    }
}

/// On SIGTERM, SIGHUP, SIGINT or SIGQUIT: restores the terminal and leaves, from a thread of its
/// own. On SIGTSTP (`kill -TSTP`; Ctrl-Z itself is a key in raw mode): asks the main loop to
/// suspend, which restores the terminal first ([`suspend`]).
///
/// The main loop also stops at its next turn, but it may never get one: when the terminal hangs
/// up, crossterm's `event::poll` can spin on the dead tty (reads of 0 bytes) without returning.
/// A reader whose ssh link dropped must not stay behind burning a core.
fn watch_signals(stop: Arc<AtomicBool>, suspend: Arc<AtomicBool>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new().name("qari-signals".into()).spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP {
                suspend.store(true, Ordering::SeqCst);
                continue;
            }
            stop.store(true, Ordering::SeqCst);
            restore();
            let _ = writeln!(io::stderr(), "qari: stopped by a signal (terminal restored)");
            std::process::exit(1);
        }
    })?;
    Ok(())
}

/// Suspends the reader as a shell's job control expects (Ctrl-Z, SIGTSTP): the terminal is
/// restored, the process stops; on `fg` (SIGCONT) the reader's modes come back and the next
/// frame is painted in full.
fn suspend<B: ratatui::backend::Backend + Write>(
    term: &mut crate::ui::screen::Screen<B>,
    bidi: BidiMode,
) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    restore();
    stop_job();
    enter(&mut io::stdout(), bidi)?;
    term.invalidate()?;
    Ok(())
}

/// Stops the process group as the terminal's Ctrl-Z would: SIGTSTP with its default action (the
/// handler kept for `kill -TSTP` is set aside meanwhile), sent to the whole group, so that a
/// wrapper (`sh -c 'qari …'`) stops too and the shell gets its prompt back. A group no shell
/// can resume (an orphaned one: `ssh -t host qari`, `exec qari`) is not stopped at all: the
/// kernel discards the signal and the reader simply goes on. SIGSTOP would stop it for good.
fn stop_job() {
    // SAFETY: sigaction, sigprocmask and kill are called with valid signal numbers and
    // pointers to initialised local structs; the previous action is put back unchanged.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTSTP);
        let mut old_mask: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, &mut old_mask);
        // The signal is delivered to this thread on the way out of kill: the process stops
        // there, and goes on from here on SIGCONT.
        libc::kill(0, libc::SIGTSTP);
        libc::pthread_sigmask(libc::SIG_SETMASK, &old_mask, std::ptr::null_mut());
        libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut());
    }
}

/// A stopped job is not told of resizes (SIGWINCH goes to the foreground job): after `fg`, the
/// reader takes the terminal's size as it is now.
fn resized_while_stopped(reader: &mut Reader) -> io::Result<()> {
    let (cols, rows) = terminal::size()?;
    if (cols, rows) != reader.size {
        reader.handle(Event::Resize { cols, rows });
    }
    Ok(())
}

/// Control strings in the input (`ESC ]` OSC, `ESC P` DCS, `ESC _` APC…): a terminal's replies to
/// queries some other program made (`ESC ] 11 ; rgb:0000/0000/0000 BEL`). crossterm does not
/// parse them: it gives Alt-] and then the string's characters as keys, whose `/` would open
/// the search line. The string is dropped up to its end (BEL, `ESC \`) as long as its keys
/// come in one burst (each within 100 ms of the last); a lone Alt-] typed by hand is dropped
/// too, and the keys after it count.
#[derive(Default)]
struct ControlStrings {
    since: Option<std::time::Instant>,
}

impl ControlStrings {
    /// How long the keys of one string may take to arrive.
    const BURST: Duration = Duration::from_millis(100);

    fn swallows(&mut self, ev: &Event) -> bool {
        if let Some(since) = self.since {
            if since.elapsed() < Self::BURST {
                // Each key of the string restarts the wait: a reply may come in pieces.
                self.since = if matches!(ev, Event::Key(Key::Ctrl('g') | Key::Alt('\\'))) {
                    None
                } else {
                    Some(std::time::Instant::now())
                };
                return true;
            }
            self.since = None;
        }
        if matches!(ev, Event::Key(Key::Alt(']' | 'P' | 'X' | '^' | '_'))) {
            self.since = Some(std::time::Instant::now());
            return true;
        }
        false
    }
}

/// `QARI_TEST_PANIC=1` makes the reader panic after drawing its first frame: the one way for a
/// test to see the panic path restore the terminal.
fn panic_for_test() -> bool {
    static SET: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SET.get_or_init(|| std::env::var_os("QARI_TEST_PANIC").is_some_and(|v| v == "1"))
}

/// Runs the reader on the local terminal until it quits or a signal (SIGTERM, SIGHUP) asks it
/// to stop; the terminal is restored on every path.
pub fn run(library: Arc<Library>, config: Config) -> io::Result<Exit> {
    let stop = Arc::new(AtomicBool::new(false));
    let suspend_asked = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop), Arc::clone(&suspend_asked))?;
    install_panic_hook();
    let mut stdout = io::stdout();
    let _guard = Guard;
    enter(&mut stdout, config.bidi)?;
    let backend =
        ratatui::backend::CrosstermBackend::new(crate::ui::screen::Lean::new(io::stdout()));
    // Scrolls with DECSTBM where it saves bytes (issue 6); the first clear comes after CSI 8 l.
    let mut term = crate::ui::screen::Screen::new(ratatui::Terminal::new(backend)?);
    // With left/right margins, a scroll beside the side pane leaves the pane alone.
    term.set_margins(crate::ui::screen::margins_from_env(|name| std::env::var(name).ok()));
    term.invalidate()?;
    let size = term.terminal_mut().size()?;
    let bidi = config.bidi;
    let mut reader = Reader::with_config(library, (size.width, size.height), config);
    let mut dirty = true;
    let mut strings = ControlStrings::default();
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(Exit::Signal);
        }
        if suspend_asked.swap(false, Ordering::SeqCst) {
            suspend(&mut term, bidi)?;
            resized_while_stopped(&mut reader)?;
            dirty = true;
        }
        if let Some(e) = reader.load_error.take() {
            // The rest of a big file was bad (its beginning was fine): the guard restores the
            // terminal, main prints the error.
            return Err(io::Error::other(e));
        }
        if dirty {
            term.set_scroll_columns(crate::ui::scroll_columns(&reader));
            term.draw(|f| crate::ui::draw(f, &mut reader))?;
            dirty = false;
            if panic_for_test() {
                // Lets tests check what a panic sends the terminal (tests/tui_tmux.rs).
                panic!("QARI_TEST_PANIC is set: panicking after the first frame");
            }
        }
        if !event::poll(Duration::from_millis(100))? {
            dirty = reader.tick();
            continue;
        }
        // Everything already typed or pasted is handled before the next frame (a burst of
        // keys, a paste without bracketed-paste mode), for at most 50 ms between frames.
        let burst = std::time::Instant::now();
        loop {
            if let Some(ev) = convert(event::read()?).filter(|ev| !strings.swallows(ev)) {
                if ev == Event::Key(Key::Ctrl('z')) {
                    // Raw mode turns Ctrl-Z into a key: suspend as the shell would.
                    suspend(&mut term, bidi)?;
                    resized_while_stopped(&mut reader)?;
                    dirty = true;
                    break;
                }
                if let Event::Resize { .. } = ev {
                    // A resize may leave anything on screen: paint the next frame in full.
                    term.invalidate()?;
                }
                for effect in reader.handle(ev) {
                    match effect {
                        Effect::Quit => return Ok(Exit::Quit),
                        Effect::Copy(text) => {
                            let mut out = io::stdout();
                            out.write_all(osc52(&text).as_bytes())?;
                            out.flush()?;
                        }
                    }
                }
                dirty = true;
            }
            if burst.elapsed() > Duration::from_millis(50)
                || !event::poll(Duration::from_millis(1))?
            {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_sequence_undoes_every_mode() {
        // BiDi implicit mode back first, then the alternate screen left and the cursor shown.
        let s = String::from_utf8(restore_sequence()).unwrap();
        let bidi = s.find(BIDI_IMPLICIT).expect("CSI 8 h");
        let alt = s.find("\x1b[?1049l").expect("leave alternate screen");
        let show = s.find("\x1b[?25h").expect("show cursor");
        assert!(bidi < alt && alt < show, "{s:?}");
    }

    #[test]
    fn osc52_is_base64_of_the_logical_text() {
        // The clipboard gets the logical text, base64-encoded, BEL-terminated.
        assert_eq!(osc52("الصين"), "\x1b]52;c;2KfZhNi12YrZhg==\x07");
    }

    #[test]
    fn shift_tab_and_ctrl_c_convert() {
        use ratatui::crossterm::event::{KeyEvent, KeyEventState};
        let ev = |code, modifiers| {
            event::Event::Key(KeyEvent {
                code,
                modifiers,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            })
        };
        assert_eq!(
            convert(ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Event::Key(Key::BackTab))
        );
        assert_eq!(
            convert(ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Event::Key(Key::Ctrl('c')))
        );
        assert_eq!(
            convert(ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Event::Key(Key::Char('G')))
        );
        // Alt+key is Key::Alt, as the ssh input parser gives it, never the plain key.
        assert_eq!(
            convert(ev(KeyCode::Char('q'), KeyModifiers::ALT)),
            Some(Event::Key(Key::Alt('q')))
        );
        assert_eq!(
            convert(ev(KeyCode::Char('ب'), KeyModifiers::ALT)),
            Some(Event::Key(Key::Alt('ب')))
        );
    }
}
