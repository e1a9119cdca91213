//! The local terminal: raw mode, alternate screen, BiDi mode escapes, panic hook, signals.
//!
//! Setup order (terminal-wg BiDi recommendation): raw mode, alternate screen, `CSI 8 l` (BiDi
//! explicit mode: the terminal must not reorder what qari already reordered), then the first
//! clear. Every exit path (quit, error, panic, SIGTERM, SIGHUP) runs [`restore`]: `CSI 8 h`,
//! leave the alternate screen, show the cursor, leave raw mode. `restore` is idempotent.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};

use crate::app::{BidiMode, Config, Effect, Event, Key, Library, Reader};

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

/// On SIGTERM, SIGHUP, SIGINT or SIGQUIT: restores the terminal and leaves, from a thread of its
/// own. On SIGTSTP (`kill -TSTP`; Ctrl-Z itself is a key in raw mode): asks the main loop to
/// suspend, which restores the terminal first ([`suspend`]).
///
/// The main loop also stops at its next turn, but it may never get one: when the terminal hangs
/// up, a read of the dead tty may never tell the main loop (it may spin or block).
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
            let name = match signal {
                SIGTERM => "SIGTERM",
                SIGHUP => "SIGHUP",
                SIGINT => "SIGINT",
                _ => "SIGQUIT",
            };
            let _ = writeln!(io::stderr(), "qari: stopped by {name} (terminal restored)");
            // As a shell reports a process killed by the signal: 128 + its number.
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

/// Suspends the reader as a shell's job control expects (Ctrl-Z, SIGTSTP): the terminal is
/// restored, the process stops; on `fg` (SIGCONT) the reader's modes come back and the next
/// frame is painted in full.
///
/// Continued in the background instead (`bg`, or the SIGCONT that follows `kill %1`'s SIGTERM),
/// it does not touch the terminal, which would stop it again on SIGTTOU with a signal pending:
/// it leaves a moment for that signal's exit, then stops again, as a job that needs its
/// terminal does. Returns `false` when a signal asked it to stop meanwhile.
fn suspend<B: ratatui::backend::Backend + Write + crate::ui::screen::Adapt>(
    term: &mut crate::ui::screen::Screen<B>,
    bidi: BidiMode,
    tty: &impl std::os::fd::AsRawFd,
    stop: &AtomicBool,
) -> io::Result<bool>
where
    io::Error: From<B::Error>,
{
    restore();
    loop {
        stop_job();
        if in_foreground(tty) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if stop.load(Ordering::SeqCst) {
            return Ok(false);
        }
        if in_foreground(tty) {
            break;
        }
    }
    enter(&mut io::stdout(), bidi)?;
    term.invalidate()?;
    Ok(true)
}

/// Whether this process's group is the terminal's foreground one (true when it cannot tell).
fn in_foreground(tty: &impl std::os::fd::AsRawFd) -> bool {
    // SAFETY: tcgetpgrp and getpgrp take no pointers; a bad fd makes tcgetpgrp return -1.
    let (fg, own) = unsafe { (libc::tcgetpgrp(tty.as_raw_fd()), libc::getpgrp()) };
    fg < 0 || fg == own
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

/// The terminal's input, read and parsed by qari itself, with the parser `qari serve` uses for
/// its clients ([`crate::ssh::input::InputParser`]): one byte-at-a-time state machine for keys,
/// UTF-8, escape sequences, SGR mouse reports, bracketed paste and the control strings
/// (OSC, DCS…) a terminal may send in reply to some other program, which it swallows.
///
/// crossterm's own event reader is not used: its parser waits for more bytes after any `CSI ?`
/// it does not know (a mode report `ESC [ ? 69 ; 2 $ y`, or Alt-[ then ?) and then swallows
/// every key after it, for good; and its default source left input unread after a full read.
struct TtyInput {
    tty: std::fs::File,
    parser: crate::ssh::input::InputParser,
}

fn no_tty(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("no terminal to read keys from (/dev/tty: {e})"))
}

impl TtyInput {
    /// Most bytes taken in one call: a flood of input still leaves room for frames.
    const MAX_READ: usize = 1 << 20;

    /// The controlling terminal, read without blocking (`qari -` reads the article from
    /// standard input and the keys from here).
    fn open() -> io::Result<Self> {
        use std::os::unix::fs::OpenOptionsExt;
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open("/dev/tty")
            .map_err(no_tty)?;
        Ok(TtyInput { tty, parser: crate::ssh::input::InputParser::new() })
    }

    /// Waits at most `timeout` for input and appends the events it makes to `events`; an ESC
    /// or a paste left pending is resolved once the terminal has paused. Returns `false` when
    /// the terminal is gone (end of file).
    fn read(&mut self, timeout: Duration, events: &mut Vec<Event>) -> io::Result<bool> {
        use std::io::Read;
        use std::os::fd::AsRawFd;
        // What is left of the pause since the terminal last wrote (a paste's second is longer
        // than the reader's wait for keys).
        let pause =
            self.parser.flush_deadline().map(|d| d.saturating_duration_since(Instant::now()));
        let wait = pause.map_or(timeout, |p| p.min(timeout));
        let mut fds = libc::pollfd { fd: self.tty.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd, its count, a timeout; poll writes only `revents`.
        let ready = unsafe { libc::poll(&mut fds, 1, ms) };
        if ready < 0 {
            let err = io::Error::last_os_error();
            // A signal (SIGWINCH, SIGTSTP…) woke us: the caller looks at its flags.
            return if err.kind() == io::ErrorKind::Interrupted { Ok(true) } else { Err(err) };
        }
        if ready == 0 {
            if pause.is_some_and(|p| p <= wait) {
                self.parser.flush(events);
            }
            return Ok(true);
        }
        let mut buf = [0u8; 64 * 1024];
        let mut total = 0;
        while total < Self::MAX_READ {
            match self.tty.read(&mut buf) {
                Ok(0) => return Ok(total > 0),
                Ok(n) => {
                    self.parser.feed(&buf[..n], events);
                    total += n;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        // An ESC that ends what the terminal wrote is the Esc key, at once (as crossterm read
        // it): waiting for the rest of a sequence would make Esc then q, typed quickly, Alt-q.
        if self.parser.ends_with_lone_escape() {
            self.parser.flush(events);
        }
        Ok(true)
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
    // Keys come from the controlling terminal: without one (setsid, cron) say so, before any
    // mode changes, rather than crossterm's bare "No such device or address".
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").map_err(no_tty)?;
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
    let mut input = TtyInput::open()?;
    let winch = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&winch))?;
    loop {
        if stop.load(Ordering::SeqCst) {
            // The signal thread restores the terminal, names the signal and exits with 128 + its
            // number: give it the time to, rather than race it to a generic exit (a run of the
            // tests saw SIGINT end with status 1). It may be stuck writing to a dead terminal:
            // then this thread leaves after all.
            std::thread::sleep(Duration::from_secs(2));
            return Ok(Exit::Signal);
        }
        if suspend_asked.swap(false, Ordering::SeqCst) {
            if !suspend(&mut term, bidi, &input.tty, &stop)? {
                return Ok(Exit::Signal);
            }
            // A stopped job is not told of resizes (SIGWINCH goes to the foreground job): the
            // size is read again as after one.
            winch.store(true, Ordering::SeqCst);
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
        if winch.swap(false, Ordering::SeqCst) {
            // A resize may leave anything on screen: paint the next frame in full.
            let (cols, rows) = terminal::size()?;
            term.invalidate()?;
            reader.handle(Event::Resize { cols, rows });
            dirty = true;
            continue;
        }
        let mut events = Vec::new();
        if !input.read(Duration::from_millis(100), &mut events)? {
            // The terminal is gone (end of file): nothing more can be read or shown.
            return Ok(Exit::Signal);
        }
        if events.is_empty() {
            dirty |= reader.tick();
            continue;
        }
        // Everything read at once (a burst of keys, a paste) is handled before the next frame.
        for ev in events {
            if ev == Event::Key(Key::Ctrl('z')) {
                // Raw mode turns Ctrl-Z into a key: suspend as the shell would, at the loop's
                // next turn. Keys typed after it in the same burst were meant for the shell, not
                // for the reader on `fg`.
                suspend_asked.store(true, Ordering::SeqCst);
                break;
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
        }
        dirty = true;
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
}
