//! One client's reader: input bytes → events → `app::Reader` → `ui::draw` → bytes to the channel.
//!
//! Runs as its own task. Everything the reader does is wrapped in `catch_unwind`: a panic ends
//! this session (screen restored, a one-line message, exit status 1) and nothing else.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use ratatui::layout::Size;
use ratatui::Terminal;
use russh::server::Msg;
use russh::ChannelWriteHalf;
use tokio::sync::{mpsc, watch};
use tokio::time::{sleep_until, timeout};

use super::backend::{ChannelBackend, ColorMode, OutputBuffer};
use super::input::{InputParser, QUERY_MARGINS};
use crate::app::{Effect, Event, Library, Reader};
use crate::ui::screen::Screen as UiScreen;

/// Client terminals larger than this are treated as this size: a 100000×100000 pty request must
/// not make the server allocate a screen buffer of 10^10 cells.
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// How often the reader is asked whether its background analysis finished.
const TICK: Duration = Duration::from_millis(100);
/// Events handled between two frames, beyond the first packet's: bounds the memory a flood of
/// input takes at once (the rest waits in the bounded queue, or is dropped by the handler).
const MAX_EVENTS_PER_FRAME: usize = 4096;
/// Longest text sent to the client's clipboard (OSC 52); terminals cap it around here anyway.
const MAX_COPY_LEN: usize = 100_000;

/// Enter the alternate screen, switch BiDi-capable terminals to explicit mode (`CSI 8 l`, per the
/// terminal-wg BiDi recommendation, before the first clear), hide the cursor, clear, and ask for
/// bracketed paste and SGR mouse reports (button presses and the wheel).
pub const SCREEN_ENTER: &[u8] =
    b"\x1b[?1049h\x1b[8l\x1b[?25l\x1b[2J\x1b[?2004h\x1b[?1000h\x1b[?1006h";
/// Undo all of it, in reverse: mouse and paste off, implicit BiDi back, cursor shown, main screen.
pub const SCREEN_LEAVE: &[u8] =
    b"\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[0m\x1b[8h\x1b[?25h\x1b[?1049l";

/// A pty size as asked by a client, made safe: each side clamped to 1..=MAX, and a side of 0
/// (a client that does not know its size: `stty rows 0 cols 0`) taken as the classic 80×24.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let clamp = |v: u32, max: u16, unknown: u16| match v {
        0 => unknown,
        v => u16::try_from(v).unwrap_or(u16::MAX).clamp(1, max),
    };
    (clamp(cols, MAX_COLS, 80), clamp(rows, MAX_ROWS, 24))
}

/// What the connection handler passes to a session.
pub enum Input {
    /// Bytes typed (or pasted) by the client, one packet.
    Data(Vec<u8>),
}

/// What a session was started with.
pub struct Start {
    pub peer: String,
    pub colors: ColorMode,
    pub idle_timeout: Duration,
    pub write_timeout: Duration,
    pub library: Arc<Library>,
    /// Client input; closed when the client sends EOF or goes away.
    pub input: mpsc::Receiver<Input>,
    /// The latest pty size (raw, as the client sent it).
    pub size: watch::Receiver<(u32, u32)>,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// The client's terminal is known (by its TERM) to have left/right margins.
    pub margins: bool,
}

/// Why a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// The reader asked to quit (`q`, Ctrl-C).
    Quit,
    /// The client closed its side.
    ClientGone,
    /// No input for the idle timeout.
    Idle,
    /// The server is shutting down.
    Shutdown,
    /// Writes to the client stalled past the write timeout (or failed).
    Stalled,
    /// The reader panicked.
    Panic,
}

impl End {
    /// The line shown to the client after its screen is restored, if any.
    fn message(&self, idle: Duration) -> Option<String> {
        match self {
            End::Quit | End::ClientGone | End::Stalled => None,
            End::Idle => Some(format!("qari: closed after {} s without input.", idle.as_secs())),
            End::Shutdown => Some("qari: the server is shutting down.".into()),
            End::Panic => Some("qari: internal error; the session was closed.".into()),
        }
    }

    fn exit_status(&self) -> u32 {
        match self {
            End::Quit | End::ClientGone | End::Idle | End::Shutdown => 0,
            End::Stalled | End::Panic => 1,
        }
    }
}

struct Screen {
    reader: Reader,
    /// The ui's terminal wrapper: scrolls the client's terminal instead of repainting rows.
    terminal: UiScreen<ChannelBackend>,
    out: OutputBuffer,
}

impl Screen {
    fn new(library: Arc<Library>, (cols, rows): (u16, u16), colors: ColorMode) -> Option<Self> {
        let out = OutputBuffer::default();
        let backend = ChannelBackend::new(out.clone(), Size { width: cols, height: rows }, colors);
        let terminal = UiScreen::new(Terminal::new(backend).ok()?);
        let config = crate::app::Config { color: colors != ColorMode::None, ..Default::default() };
        let reader =
            catch_unwind(AssertUnwindSafe(|| Reader::with_config(library, (cols, rows), config)))
                .ok()?;
        Some(Self { reader, terminal, out })
    }

    /// Applies events; returns the effects, or `Err` if the reader panicked.
    fn handle(&mut self, events: Vec<Event>) -> Result<Vec<Effect>, ()> {
        let reader = &mut self.reader;
        catch_unwind(AssertUnwindSafe(|| {
            events.into_iter().flat_map(|event| reader.handle(event)).collect()
        }))
        .map_err(|_| ())
    }

    fn resize(&mut self, (cols, rows): (u16, u16)) -> Result<Vec<Effect>, ()> {
        self.terminal.backend_mut().set_size(Size { width: cols, height: rows });
        self.handle(vec![Event::Resize { cols, rows }])
    }

    /// Draws a frame into the output buffer (ratatui sends only the cells that changed).
    fn draw(&mut self) -> Result<(), ()> {
        let (terminal, reader) = (&mut self.terminal, &mut self.reader);
        terminal.set_scroll_columns(crate::ui::scroll_columns(reader));
        match catch_unwind(AssertUnwindSafe(|| {
            terminal.draw(|frame| crate::ui::draw(frame, reader))
        })) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) | Err(_) => Err(()),
        }
    }
}

/// OSC 52: put `text` on the client's clipboard.
fn osc52(text: &str) -> Option<Vec<u8>> {
    if text.len() > MAX_COPY_LEN {
        return None;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    Some(format!("\x1b]52;c;{encoded}\x07").into_bytes())
}

/// Sends bytes, awaiting the client's window; `false` if that stalls past the timeout or fails.
async fn send(channel: &ChannelWriteHalf<Msg>, bytes: Vec<u8>, limit: Duration) -> bool {
    if bytes.is_empty() {
        return true;
    }
    matches!(timeout(limit, channel.data_bytes(bytes)).await, Ok(Ok(())))
}

/// Runs the session to its end, then restores the client's screen and closes the channel.
pub async fn run(start: Start, channel: ChannelWriteHalf<Msg>) -> End {
    let Start {
        colors,
        idle_timeout,
        write_timeout,
        library,
        mut input,
        mut size,
        mut shutdown,
        margins,
        ..
    } = start;
    let initial = *size.borrow_and_update();
    let Some(mut screen) = Screen::new(library, clamp_size(initial.0, initial.1), colors) else {
        return finish(&channel, End::Panic, idle_timeout, write_timeout).await;
    };
    screen.out.push(SCREEN_ENTER);
    // Ask whether the terminal has left/right margins; the answer, if any, comes with the
    // input and is never waited for (until then, the TERM rule decides).
    screen.terminal.set_margins(margins);
    screen.out.push(QUERY_MARGINS);
    let end = serve(
        &mut screen,
        &channel,
        &mut input,
        &mut size,
        &mut shutdown,
        idle_timeout,
        write_timeout,
    )
    .await;
    // Drop what a half-drawn frame left; the restore sequence follows.
    let _ = screen.out.take();
    let end = finish(&channel, end, idle_timeout, write_timeout).await;
    drop(screen);
    crate::ssh::trim_allocator();
    end
}

async fn serve(
    screen: &mut Screen,
    channel: &ChannelWriteHalf<Msg>,
    input: &mut mpsc::Receiver<Input>,
    size: &mut watch::Receiver<(u32, u32)>,
    shutdown: &mut watch::Receiver<bool>,
    idle_timeout: Duration,
    write_timeout: Duration,
) -> End {
    let mut parser = InputParser::new();
    let mut last_input = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            if screen.draw().is_err() {
                return End::Panic;
            }
            dirty = false;
        }
        if !send(channel, screen.out.take(), write_timeout).await {
            return End::Stalled;
        }
        // (A deadline, not a pause: a pass of this loop ends at least every TICK.)
        let pause_deadline = parser.flush_deadline().map(tokio::time::Instant::from_std);
        let idle_deadline = tokio::time::Instant::from_std(last_input + idle_timeout);
        let mut events = Vec::new();
        tokio::select! {
            received = input.recv() => {
                let Some(Input::Data(bytes)) = received else { return End::ClientGone };
                last_input = Instant::now();
                parser.feed(&bytes, &mut events);
                // Take more of what is queued now, so a burst of typing costs one frame; but not
                // all of a flood at once (a queue of packets of `j` is a million events).
                while events.len() < MAX_EVENTS_PER_FRAME {
                    let Ok(Input::Data(bytes)) = input.try_recv() else { break };
                    parser.feed(&bytes, &mut events);
                }
                if let Some(has) = parser.take_margins_reply() {
                    // The terminal's own answer overrides the guess from TERM.
                    screen.terminal.set_margins(has);
                }
            }
            changed = size.changed() => {
                if changed.is_err() {
                    return End::ClientGone;
                }
                last_input = Instant::now();
                let (cols, rows) = *size.borrow_and_update();
                match screen.resize(clamp_size(cols, rows)) {
                    Ok(effects) => {
                        if let Some(end) = apply(screen, effects) {
                            return end;
                        }
                    }
                    Err(()) => return End::Panic,
                }
                dirty = true;
            }
            () = sleep_until(pause_deadline.unwrap_or(idle_deadline)), if pause_deadline.is_some() => {
                parser.flush(&mut events);
            }
            () = sleep_until(idle_deadline) => return End::Idle,
            () = tokio::time::sleep(TICK) => {
                // A background analysis may have finished: the pane shows it.
                match catch_unwind(AssertUnwindSafe(|| screen.reader.tick())) {
                    Ok(changed) => dirty |= changed,
                    Err(_) => return End::Panic,
                }
            }
            _ = shutdown.wait_for(|&down| down) => return End::Shutdown,
        }
        if !events.is_empty() {
            dirty = true;
            match screen.handle(events) {
                Ok(effects) => {
                    if let Some(end) = apply(screen, effects) {
                        return end;
                    }
                }
                Err(()) => return End::Panic,
            }
        }
    }
}

/// Carries out the reader's effects; `Some` when one ends the session.
fn apply(screen: &mut Screen, effects: Vec<Effect>) -> Option<End> {
    for effect in effects {
        match effect {
            Effect::Quit => return Some(End::Quit),
            Effect::Copy(text) => {
                if let Some(bytes) = osc52(&text) {
                    screen.out.push(&bytes);
                }
            }
        }
    }
    None
}

/// Restores the client's screen, says why if it was not the user's choice, and closes.
async fn finish(
    channel: &ChannelWriteHalf<Msg>,
    end: End,
    idle_timeout: Duration,
    write_timeout: Duration,
) -> End {
    if end != End::Stalled {
        let mut bytes = SCREEN_LEAVE.to_vec();
        if let Some(message) = end.message(idle_timeout) {
            bytes.extend_from_slice(message.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        // Bounded: a client that stopped reading does not hold the session here.
        let limit = write_timeout.min(Duration::from_secs(5));
        if send(channel, bytes, limit).await {
            let _ = timeout(limit, channel.exit_status(end.exit_status())).await;
            let _ = timeout(limit, channel.eof()).await;
        }
    }
    let _ = timeout(Duration::from_secs(5), channel.close()).await;
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pty_sizes_are_clamped_to_something_harmless() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(0, 1), (80, 1));
        assert_eq!(clamp_size(100_000, 100_000), (MAX_COLS, MAX_ROWS));
        assert_eq!(clamp_size(u32::MAX, 7), (MAX_COLS, 7));
        assert_eq!(clamp_size(80, 24), (80, 24));
    }

    #[test]
    fn osc52_carries_base64_and_refuses_huge_text() {
        // "قارئ" in UTF-8, base64-encoded, between ESC ] 52 ; c ; and BEL.
        assert_eq!(osc52("قارئ"), Some(b"\x1b]52;c;2YLYp9ix2KY=\x07".to_vec()));
        assert_eq!(osc52(&"x".repeat(MAX_COPY_LEN + 1)), None);
    }

    #[test]
    fn restore_undoes_every_mode_the_start_sets() {
        // Each private mode set on entry (…h) is reset on exit (…l), and BiDi goes back to
        // implicit (CSI 8 h).
        let enter = String::from_utf8_lossy(SCREEN_ENTER);
        let leave = String::from_utf8_lossy(SCREEN_LEAVE);
        for mode in ["?1049", "?2004", "?1000", "?1006"] {
            assert!(enter.contains(&format!("\x1b[{mode}h")));
            assert!(leave.contains(&format!("\x1b[{mode}l")));
        }
        assert!(enter.contains("\x1b[?25l") && leave.contains("\x1b[?25h"));
        assert!(enter.contains("\x1b[8l") && leave.contains("\x1b[8h"));
        // CSI 8 l comes after entering the alternate screen and before the first clear.
        let bidi = enter.find("\x1b[8l").unwrap_or(usize::MAX);
        assert!(enter.find("\x1b[?1049h") < Some(bidi) && Some(bidi) < enter.find("\x1b[2J"));
    }
}
