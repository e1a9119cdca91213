//! Bytes from an ssh client's terminal → [`app::Event`](crate::app::Event)s.
//!
//! The client's terminal is in raw mode: we receive exactly what it sends, in packets that may cut
//! a UTF-8 character or an escape sequence anywhere. [`InputParser`] is a byte-at-a-time state
//! machine, so the events it produces do not depend on where the packets were cut. The only
//! thing a packet boundary cannot tell is whether an ESC byte is the Esc key or the start of a
//! sequence; the caller resolves that with [`InputParser::flush`] after a short pause
//! ([`InputParser::pending`] says how long to wait).
//!
//! Understood: UTF-8 text; Enter (CR), Tab, Backspace (DEL or BS), Ctrl-letters; CSI and SS3
//! keys (arrows, Home/End in both their `CSI H`/`CSI 1~` forms, PgUp/PgDn, Delete, Shift-Tab);
//! bracketed paste (`CSI 200~` … `CSI 201~`); SGR mouse reports (`CSI < b ; x ; y M`) for the
//! wheel and left clicks. Control strings (OSC, DCS, APC, PM, SOS: a terminal's replies to
//! queries some other program made, such as `ESC ] 11 ; rgb:… BEL`) are swallowed whole.
//!
//! Alt+key: terminals send `ESC` then the key (xterm's `metaSendsEscape`, the default almost
//! everywhere), for ASCII and non-ASCII characters alike; it becomes [`Key::Alt`], which no binding
//! uses (Alt-q must not quit).
//!
//! # Limitations
//! - Alt-`[` and Alt-`O` begin a CSI and an SS3 sequence: they are recognised only when nothing
//!   follows before the pause ([`InputParser::flush`]), as in crossterm. Alt + a control key
//!   (Alt-Enter, Alt-Tab) is Esc followed by that key. Terminals that set the eighth bit for
//!   Meta instead (`metaSendsEscape: false`) send bytes that are not UTF-8: dropped.
//! - Modifier parameters of CSI keys are ignored: Ctrl-Up is Up.
//! - Invalid UTF-8 is dropped byte by byte, never turned into events.
//! - Legacy X10 mouse reports (`CSI M` + 3 raw bytes) are not parsed; qari only asks for SGR.

use std::time::{Duration, Instant};

use crate::app::{Event, Key, Mouse};

/// Longest CSI sequence kept (parameters included); longer ones are garbage and dropped.
const MAX_CSI_LEN: usize = 64;
/// Longest paste kept, in bytes. The rest of the paste is read (to find its end) and dropped.
pub const MAX_PASTE_LEN: usize = 64 * 1024;
/// DECRQM for mode 69 (DECLRMM, left/right margins): "do you have left/right margins?". The
/// answer (DECRPM, `CSI ? 69 ; Ps $ y`) is read by [`InputParser`], whenever it comes.
pub const QUERY_MARGINS: &[u8] = b"\x1b[?69$p";
/// Sent by the terminal at the end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

/// How long an ESC may wait for the rest of a sequence before it counts as the Esc key.
const ESC_TIMEOUT: Duration = Duration::from_millis(60);
/// How long an unterminated bracketed paste may pause before it is delivered as is.
const PASTE_TIMEOUT: Duration = Duration::from_secs(1);

/// What the parser is waiting for, for the caller's timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Nothing: no timer needed.
    Nothing,
    /// An ESC or an unfinished escape sequence: flush after a short pause (tens of ms).
    Escape,
    /// An unterminated bracketed paste: flush only after a long pause (about a second).
    Paste,
    /// Part of a UTF-8 character: wait for the rest, no timer.
    Utf8,
}

impl Pending {
    /// How long the input may pause before what is pending is resolved with
    /// [`InputParser::flush`] (tens of ms for an ESC, a second for a paste); `None`: no timer.
    pub fn pause(self) -> Option<Duration> {
        match self {
            Pending::Escape => Some(ESC_TIMEOUT),
            Pending::Paste => Some(PASTE_TIMEOUT),
            Pending::Nothing | Pending::Utf8 => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Ground,
    /// Inside a UTF-8 character: the bytes so far, how many it needs, and whether an ESC came
    /// just before it (Alt + the character).
    Utf8 {
        bytes: [u8; 4],
        len: usize,
        need: usize,
        alt: bool,
    },
    /// Just after ESC.
    Escape,
    /// After `ESC O`.
    Ss3,
    /// After `ESC [`: parameter and intermediate bytes so far.
    Csi(Vec<u8>),
    /// Inside a control string (`ESC ]` OSC, `ESC P` DCS, `ESC X` SOS, `ESC ^` PM, `ESC _`
    /// APC): a terminal's reply to some other program's query. Swallowed up to its BEL or
    /// `ESC \`; `intro` for Alt + that key when nothing follows; `esc`: an ESC just came.
    Str {
        intro: u8,
        len: usize,
        esc: bool,
    },
    /// Inside a bracketed paste: content so far and how much of [`PASTE_END`] matched.
    Paste {
        content: Vec<u8>,
        matched: usize,
        overflow: bool,
    },
}

/// The parser: feed it bytes, get events. See the module documentation.
#[derive(Clone, Debug)]
pub struct InputParser {
    state: State,
    /// The terminal's answer about left/right margins (DECRPM for mode 69), not yet taken.
    margins: Option<bool>,
    /// When bytes were last fed: what is pending is resolved once the input has paused from
    /// then, however many waits of the caller's come between.
    last_fed: Instant,
}

impl Default for InputParser {
    fn default() -> Self {
        Self::new()
    }
}

impl InputParser {
    pub fn new() -> Self {
        Self { state: State::Ground, margins: None, last_fed: Instant::now() }
    }

    /// The terminal's answer to [`QUERY_MARGINS`], once it came (taken: `None` after): `true`
    /// when it has left/right margins (`CSI ? 69 ; 1 $ y` or `; 2 $ y`, set or reset), `false`
    /// when it does not know the mode (`; 0`) or has it fixed (`; 3`, `; 4`). The reply never
    /// becomes a key.
    pub fn take_margins_reply(&mut self) -> Option<bool> {
        self.margins.take()
    }

    /// Parses one packet, appending the complete events to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        for &byte in bytes {
            self.byte(byte, out);
        }
        self.last_fed = Instant::now();
    }

    /// When what is pending should be resolved with [`InputParser::flush`]: the pause
    /// [`Pending::pause`] after the last bytes fed; `None` when nothing waits for a pause.
    /// Callers that wait in shorter steps (a reader's tick) keep to this deadline: a timer
    /// of the whole pause made anew on each wait never ran out (an unfinished paste kept every
    /// key after it: fuzzing).
    pub fn flush_deadline(&self) -> Option<Instant> {
        self.pending().pause().map(|p| self.last_fed + p)
    }

    /// What is pending at the end of the bytes fed so far.
    pub fn pending(&self) -> Pending {
        match self.state {
            State::Ground => Pending::Nothing,
            State::Utf8 { .. } => Pending::Utf8,
            State::Escape | State::Ss3 | State::Csi(_) | State::Str { .. } => Pending::Escape,
            State::Paste { .. } => Pending::Paste,
        }
    }

    /// Whether the bytes fed so far end with an ESC and nothing after it. A local terminal
    /// writes a key's whole sequence at once, so an ESC that ends what was read is the Esc
    /// key (the caller may [`InputParser::flush`] at once); over ssh a packet may cut a
    /// sequence anywhere, and only a pause tells.
    pub fn ends_with_lone_escape(&self) -> bool {
        self.state == State::Escape
    }

    /// Resolves what is pending once the client has paused: a lone ESC is the Esc key, an
    /// unfinished sequence or character is dropped, an unterminated paste is delivered as is.
    pub fn flush(&mut self, out: &mut Vec<Event>) {
        match std::mem::replace(&mut self.state, State::Ground) {
            State::Escape => out.push(Event::Key(Key::Esc)),
            // `ESC [` or `ESC O` and then a pause: Alt-[ or Alt-O, not the start of a sequence.
            State::Csi(params) if params.is_empty() => out.push(Event::Key(Key::Alt('['))),
            State::Ss3 => out.push(Event::Key(Key::Alt('O'))),
            // `ESC ]` and a pause: the user's Alt-]. A control string cut short is dropped.
            State::Str { intro, len: 0, esc: false } => {
                out.push(Event::Key(Key::Alt(char::from(intro))));
            }
            State::Str { .. } => {}
            State::Paste { mut content, matched, overflow } => {
                if !overflow {
                    content.extend_from_slice(&PASTE_END[..matched]);
                }
                out.push(Event::Paste(paste_text(&content)));
            }
            State::Ground | State::Utf8 { .. } | State::Csi(_) => {}
        }
    }

    fn byte(&mut self, byte: u8, out: &mut Vec<Event>) {
        match std::mem::replace(&mut self.state, State::Ground) {
            State::Ground => self.ground(byte, out),
            State::Utf8 { mut bytes, mut len, need, alt } => {
                if byte & 0xC0 != 0x80 {
                    // Not a continuation: the character was cut short. Drop it, re-read the byte.
                    return self.ground(byte, out);
                }
                bytes[len] = byte;
                len += 1;
                if len < need {
                    self.state = State::Utf8 { bytes, len, need, alt };
                } else if let Ok(s) = std::str::from_utf8(&bytes[..len]) {
                    // Overlong forms and surrogates fail here and are dropped; so are C1 controls.
                    let key = |c| if alt { Key::Alt(c) } else { Key::Char(c) };
                    out.extend(s.chars().filter(|c| !c.is_control()).map(|c| Event::Key(key(c))));
                }
            }
            State::Escape => match byte {
                b'[' => self.state = State::Csi(Vec::new()),
                b'O' => self.state = State::Ss3,
                b']' | b'P' | b'X' | b'^' | b'_' => {
                    self.state = State::Str { intro: byte, len: 0, esc: false };
                }
                0x1b => {
                    // ESC ESC: the first one was the Esc key.
                    out.push(Event::Key(Key::Esc));
                    self.state = State::Escape;
                }
                // ESC + a control byte: Esc, then that key.
                0x00..=0x1f | 0x7f => {
                    out.push(Event::Key(Key::Esc));
                    self.ground(byte, out);
                }
                // Alt + a printable ASCII key.
                0x20..=0x7e => out.push(Event::Key(Key::Alt(char::from(byte)))),
                // Alt + a non-ASCII character: its first byte.
                0xc2..=0xdf => self.start_utf8(byte, 2, true),
                0xe0..=0xef => self.start_utf8(byte, 3, true),
                0xf0..=0xf4 => self.start_utf8(byte, 4, true),
                // ESC + a byte that starts nothing: Esc, and the byte is dropped as in ground.
                _ => {
                    out.push(Event::Key(Key::Esc));
                    self.ground(byte, out);
                }
            },
            State::Str { intro, len, esc } => match byte {
                // BEL, or ST (`ESC \`): the end of the string, swallowed whole.
                0x07 => {}
                b'\\' if esc => {}
                // ESC then something else: the string was cut short; read the rest anew.
                _ if esc => {
                    self.state = State::Escape;
                    self.byte(byte, out);
                }
                0x1b => self.state = State::Str { intro, len, esc: true },
                _ => self.state = State::Str { intro, len: len.saturating_add(1), esc: false },
            },
            State::Ss3 => {
                if let Some(key) = ss3_key(byte) {
                    out.push(Event::Key(key));
                } else if !(0x40..=0x7e).contains(&byte) {
                    // Not a final byte: the sequence was garbage; re-read this byte.
                    self.ground(byte, out);
                }
            }
            State::Csi(mut params) => match byte {
                // ECMA-48 §5.4: parameter bytes 0x30..=0x3F, intermediate bytes 0x20..=0x2F.
                0x20..=0x3f => {
                    if params.len() < MAX_CSI_LEN {
                        params.push(byte);
                        self.state = State::Csi(params);
                    }
                    // Too long: dropped, and what follows is read as ordinary input.
                }
                // Final byte.
                0x40..=0x7e => self.csi(&params, byte, out),
                // Anything else ends a malformed sequence and is read on its own.
                _ => self.ground(byte, out),
            },
            State::Paste { mut content, mut matched, mut overflow } => {
                // PASTE_END starts with the only ESC it contains, so a mismatch restarts at 0 or 1.
                if byte == PASTE_END[matched] {
                    matched += 1;
                    if matched == PASTE_END.len() {
                        out.push(Event::Paste(paste_text(&content)));
                        return;
                    }
                } else {
                    let partial = &PASTE_END[..matched];
                    push_capped(&mut content, partial, &mut overflow);
                    if byte == PASTE_END[0] {
                        matched = 1;
                    } else {
                        matched = 0;
                        push_capped(&mut content, &[byte], &mut overflow);
                    }
                }
                self.state = State::Paste { content, matched, overflow };
            }
        }
    }

    /// A byte read with nothing pending.
    fn ground(&mut self, byte: u8, out: &mut Vec<Event>) {
        let key = match byte {
            0x1b => {
                self.state = State::Escape;
                return;
            }
            b'\r' => Key::Enter,
            b'\t' => Key::Tab,
            0x7f | 0x08 => Key::Backspace,
            // Ctrl-A .. Ctrl-Z (Tab, Backspace and Enter are handled above).
            0x01..=0x1a => Key::Ctrl(char::from(b'a' + byte - 1)),
            0x00 | 0x1c..=0x1f => return,
            0x20..=0x7e => Key::Char(char::from(byte)),
            // UTF-8 lead bytes (RFC 3629 §4: C0, C1 and F5..FF never appear).
            0xc2..=0xdf => return self.start_utf8(byte, 2, false),
            0xe0..=0xef => return self.start_utf8(byte, 3, false),
            0xf0..=0xf4 => return self.start_utf8(byte, 4, false),
            // A stray continuation byte or an invalid lead byte.
            _ => return,
        };
        out.push(Event::Key(key));
    }

    fn start_utf8(&mut self, byte: u8, need: usize, alt: bool) {
        let mut bytes = [0; 4];
        bytes[0] = byte;
        self.state = State::Utf8 { bytes, len: 1, need, alt };
    }

    fn csi(&mut self, params: &[u8], final_byte: u8, out: &mut Vec<Event>) {
        if params.first() == Some(&b'<') {
            if let Some(mouse) = sgr_mouse(&params[1..], final_byte) {
                out.push(Event::Mouse(mouse));
            }
            return;
        }
        // DECRPM: the answer to QUERY_MARGINS (`? 69 ; Ps $`, final `y`).
        if final_byte == b'y' {
            if let Some(rest) = params.strip_prefix(b"?").and_then(|p| p.strip_suffix(b"$")) {
                let mut n = numbers(rest);
                if let (Some(Some(69)), Some(Some(ps)), None) = (n.next(), n.next(), n.next()) {
                    self.margins = Some(matches!(ps, 1 | 2));
                }
            }
            return;
        }
        // Only plain numeric parameters name keys; private ones (`?`, `>`, `=`) are replies we
        // did not ask for.
        if params.iter().any(|b| !matches!(b, b'0'..=b'9' | b';')) {
            return;
        }
        let first = numbers(params).next().flatten();
        let key = match final_byte {
            b'Z' => Key::BackTab,
            b'~' => match first {
                Some(1 | 7) => Key::Home,
                Some(4 | 8) => Key::End,
                Some(3) => Key::Delete,
                Some(5) => Key::PageUp,
                Some(6) => Key::PageDown,
                Some(200) => {
                    self.state = State::Paste { content: Vec::new(), matched: 0, overflow: false };
                    return;
                }
                _ => return,
            },
            other => match cursor_key(other) {
                Some(key) => key,
                None => return,
            },
        };
        out.push(Event::Key(key));
    }
}

/// The final byte of a cursor key, the same after `CSI` and after `SS3` (normal and application
/// cursor mode).
fn cursor_key(byte: u8) -> Option<Key> {
    Some(match byte {
        b'A' => Key::Up,
        b'B' => Key::Down,
        b'C' => Key::Right,
        b'D' => Key::Left,
        b'H' => Key::Home,
        b'F' => Key::End,
        _ => return None,
    })
}

fn ss3_key(byte: u8) -> Option<Key> {
    match byte {
        // Keypad Enter in application mode.
        b'M' => Some(Key::Enter),
        other => cursor_key(other),
    }
}

/// The `;`-separated numbers of a parameter string; `None` for an empty or overflowing one.
fn numbers(params: &[u8]) -> impl Iterator<Item = Option<u32>> + '_ {
    params.split(|&b| b == b';').map(|field| {
        if field.is_empty() || !field.iter().all(u8::is_ascii_digit) {
            return None;
        }
        field.iter().try_fold(0u32, |n, &d| n.checked_mul(10)?.checked_add(u32::from(d - b'0')))
    })
}

/// An SGR mouse report (xterm ctlseqs, "SGR (1006)"): `b;x;y` then `M` (press) or `m` (release),
/// 1-based coordinates. Only wheel and left-button presses become events.
fn sgr_mouse(params: &[u8], final_byte: u8) -> Option<Mouse> {
    if final_byte != b'M' {
        return None;
    }
    let mut fields = numbers(params);
    let (button, x, y) = (fields.next()??, fields.next()??, fields.next()??);
    if fields.next().is_some() {
        return None;
    }
    let col = u16::try_from(x.saturating_sub(1)).unwrap_or(u16::MAX);
    let row = u16::try_from(y.saturating_sub(1)).unwrap_or(u16::MAX);
    // Bits 2..4 are Shift/Meta/Ctrl, bit 5 is motion: ignore the modifiers, skip drags.
    if button & 32 != 0 {
        return None;
    }
    match button & !(4 | 8 | 16) {
        0 => Some(Mouse::Click { col, row }),
        64 => Some(Mouse::ScrollUp { col, row }),
        65 => Some(Mouse::ScrollDown { col, row }),
        _ => None,
    }
}

fn push_capped(content: &mut Vec<u8>, bytes: &[u8], overflow: &mut bool) {
    if content.len() + bytes.len() > MAX_PASTE_LEN {
        *overflow = true;
    }
    if !*overflow {
        content.extend_from_slice(bytes);
    }
}

/// Pasted bytes as text: invalid UTF-8 replaced, line ends made `\n`, other controls dropped (a
/// paste is text, never keys or escape sequences).
fn paste_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Parses `bytes` as one packet and flushes, as after a pause.
    fn parse(bytes: &[u8]) -> Vec<Event> {
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        parser.feed(bytes, &mut out);
        parser.flush(&mut out);
        out
    }

    fn keys(keys: &[Key]) -> Vec<Event> {
        keys.iter().map(|&k| Event::Key(k)).collect()
    }

    #[test]
    fn margins_reply_is_read_and_swallowed() {
        // The answer to QUERY_MARGINS, cut anywhere between keys: never a key itself; 1 (set)
        // and 2 (reset) mean the terminal has margins, 0 (unknown) and 4 (fixed) do not.
        for (reply, has) in [
            (&b"\x1b[?69;1$y"[..], Some(true)),
            (b"\x1b[?69;2$y", Some(true)),
            (b"\x1b[?69;0$y", Some(false)),
            (b"\x1b[?69;4$y", Some(false)),
            // Another mode's answer, or a malformed one: no answer about margins.
            (b"\x1b[?2026;2$y", None),
            (b"\x1b[?69;1y", None),
        ] {
            let mut input = b"j".to_vec();
            input.extend_from_slice(reply);
            input.extend_from_slice(b"k");
            for cut in 0..=input.len() {
                let mut parser = InputParser::new();
                let mut out = Vec::new();
                parser.feed(&input[..cut], &mut out);
                parser.feed(&input[cut..], &mut out);
                parser.flush(&mut out);
                assert_eq!(out, keys(&[Key::Char('j'), Key::Char('k')]), "{reply:?} cut at {cut}");
                assert_eq!(parser.take_margins_reply(), has, "{reply:?}");
                assert_eq!(parser.take_margins_reply(), None, "taken once");
            }
        }
    }

    #[test]
    fn plain_keys_and_controls() {
        // What `Tab Tab j Enter q` and Ctrl-C look like from a raw-mode terminal.
        assert_eq!(
            parse(b"\t\tj\rq\x03\x7f\x08"),
            keys(&[
                Key::Tab,
                Key::Tab,
                Key::Char('j'),
                Key::Enter,
                Key::Char('q'),
                Key::Ctrl('c'),
                Key::Backspace,
                Key::Backspace
            ])
        );
    }

    #[test]
    fn arabic_text_split_inside_characters() {
        // "قارئ" is 8 bytes; cut after every single byte, it must still give four chars.
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        for byte in "قارئ".as_bytes() {
            parser.feed(&[*byte], &mut out);
        }
        assert_eq!(out, keys(&[Key::Char('ق'), Key::Char('ا'), Key::Char('ر'), Key::Char('ئ')]));
        assert_eq!(parser.pending(), Pending::Nothing);
    }

    #[test]
    fn invalid_utf8_is_dropped_not_replaced() {
        // A lead byte cut short by ASCII, a stray continuation, an overlong "/" (C0 AF), and a
        // surrogate encoded in UTF-8 (ED A0 80): none becomes a key; the ASCII around survives.
        assert_eq!(
            parse(b"a\xd8b\x80c\xc0\xafd\xed\xa0\x80e"),
            keys(&[Key::Char('a'), Key::Char('b'), Key::Char('c'), Key::Char('d'), Key::Char('e')])
        );
    }

    #[test]
    fn cursor_and_editing_keys_in_their_common_encodings() {
        let cases: &[(&[u8], Key)] = &[
            (b"\x1b[A", Key::Up),
            (b"\x1bOB", Key::Down),
            (b"\x1b[C", Key::Right),
            (b"\x1b[1;5D", Key::Left), // Ctrl-Left: the modifier is ignored
            (b"\x1b[H", Key::Home),
            (b"\x1b[1~", Key::Home),
            (b"\x1bOH", Key::Home),
            (b"\x1b[F", Key::End),
            (b"\x1b[4~", Key::End),
            (b"\x1b[5~", Key::PageUp),
            (b"\x1b[6~", Key::PageDown),
            (b"\x1b[3~", Key::Delete),
            (b"\x1b[Z", Key::BackTab),
        ];
        for (bytes, key) in cases {
            assert_eq!(parse(bytes), keys(&[*key]), "{bytes:?}");
        }
    }

    #[test]
    fn lone_escape_waits_for_the_pause() {
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        parser.feed(b"\x1b", &mut out);
        // Nothing yet: it could be the start of an arrow key.
        assert!(out.is_empty());
        assert_eq!(parser.pending(), Pending::Escape);
        parser.flush(&mut out);
        assert_eq!(out, keys(&[Key::Esc]));
        // Two ESCs in a row: the first one is certainly the key.
        assert_eq!(parse(b"\x1b\x1b"), keys(&[Key::Esc, Key::Esc]));
    }

    #[test]
    fn escape_sequence_split_across_packets() {
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        parser.feed(b"j\x1b", &mut out);
        parser.feed(b"[", &mut out);
        parser.feed(b"6", &mut out);
        parser.feed(b"~k", &mut out);
        assert_eq!(out, keys(&[Key::Char('j'), Key::PageDown, Key::Char('k')]));
    }

    #[test]
    fn unknown_sequences_are_dropped() {
        // F5 (CSI 15~), a focus report (CSI I) and a DA reply are no keys.
        assert_eq!(parse(b"\x1b[15~\x1b[I\x1b[?62;22cj"), keys(&[Key::Char('j')]));
    }

    #[test]
    fn control_strings_are_swallowed_whole() {
        // Replies to queries qari never sent: a background colour (OSC 11, BEL-terminated), a
        // DCS (ST-terminated), an APC; none of their bytes becomes a key (the / of rgb:… used
        // to open the search line).
        let replies: &[u8] = b"\x1b]11;rgb:0000/0000/0000\x07j\x1bP1$r0m\x1b\\k\x1b_x/y\x1b\\G";
        let want = keys(&[Key::Char('j'), Key::Char('k'), Key::Char('G')]);
        assert_eq!(parse(replies), want);
        // Cut anywhere, the same.
        for cut in 1..replies.len() {
            let mut p = InputParser::new();
            let mut out = Vec::new();
            p.feed(&replies[..cut], &mut out);
            p.feed(&replies[cut..], &mut out);
            assert_eq!(out, want, "cut at {cut}");
        }
        // ESC ] and a pause is the user's Alt-]; a string cut short by a pause is dropped.
        let mut p = InputParser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b]", &mut out);
        p.flush(&mut out);
        p.feed(b"\x1b]11;rgb", &mut out);
        p.flush(&mut out);
        p.feed(b"q", &mut out);
        assert_eq!(out, keys(&[Key::Alt(']'), Key::Char('q')]));
    }

    #[test]
    fn alt_keys_are_esc_prefixed_and_never_plain_keys() {
        // Alt-q is Alt('q'), not q: it must not quit. Alt + an Arabic letter (ESC, then the two
        // bytes of ق) is Alt('ق'). ESC ESC q: the Esc key, then Alt-q.
        assert_eq!(
            parse("\x1bq\x1bقj\x1b\x1bq".as_bytes()),
            keys(&[Key::Alt('q'), Key::Alt('ق'), Key::Char('j'), Key::Esc, Key::Alt('q')])
        );
        // Alt-Space and Alt-~ are printable too.
        assert_eq!(parse(b"\x1b \x1b~"), keys(&[Key::Alt(' '), Key::Alt('~')]));
        // Split after the ESC (before any pause), and inside the Arabic letter: the same keys.
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        for piece in [&b"\x1b"[..], b"q", b"\x1b", b"\xd9", b"\x82"] {
            parser.feed(piece, &mut out);
        }
        assert_eq!(out, keys(&[Key::Alt('q'), Key::Alt('ق')]));
        // `ESC [` and `ESC O` then a pause: Alt-[ and Alt-O (with more, they are sequences).
        assert_eq!(parse(b"\x1b["), keys(&[Key::Alt('[')]));
        assert_eq!(parse(b"\x1bO"), keys(&[Key::Alt('O')]));
        // ESC + a stray continuation byte: the Esc key, the byte dropped.
        assert_eq!(parse(b"\x1b\x80j"), keys(&[Key::Esc, Key::Char('j')]));
        // Alt + a character cut short by a new key: the letter is dropped, the key kept.
        assert_eq!(parse(b"\x1b\xd9j"), keys(&[Key::Char('j')]));
    }

    #[test]
    fn malformed_csi_gives_back_the_byte_that_broke_it() {
        // A CSI interrupted by CR: the CR is still Enter.
        assert_eq!(parse(b"\x1b[1\r"), keys(&[Key::Enter]));
        // An endless CSI is capped and the rest read as text, not swallowed forever.
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', 200));
        long.extend(b"~\rx");
        let events = parse(&long);
        assert_eq!(events.last(), Some(&Event::Key(Key::Char('x'))));
    }

    #[test]
    fn bracketed_paste_is_one_event_of_clean_text() {
        // Keys inside a paste are text (the q must not quit); controls and ESC sequences dropped.
        let events = parse("\x1b[200~سلام q\r\nx\x1b[31my\x07\x1b[201~j".as_bytes());
        assert_eq!(
            events,
            vec![Event::Paste("سلام q\nx[31my".to_string()), Event::Key(Key::Char('j'))]
        );
    }

    #[test]
    fn paste_end_split_across_packets() {
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        parser.feed(b"\x1b[200~ab\x1b[2", &mut out);
        assert_eq!(parser.pending(), Pending::Paste);
        parser.feed(b"01~c", &mut out);
        assert_eq!(out, vec![Event::Paste("ab".into()), Event::Key(Key::Char('c'))]);
    }

    #[test]
    fn huge_paste_is_capped_but_its_end_still_found() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', MAX_PASTE_LEN + 10));
        bytes.extend(b"\x1b[201~q");
        let events = parse(&bytes);
        assert_eq!(events.len(), 2);
        assert!(matches!(&events[0], Event::Paste(p) if p.len() == MAX_PASTE_LEN));
        assert_eq!(events[1], Event::Key(Key::Char('q')));
    }

    #[test]
    fn sgr_mouse_wheel_and_click() {
        assert_eq!(
            parse(b"\x1b[<64;10;5M\x1b[<65;1;1M\x1b[<0;3;4M\x1b[<0;3;4m\x1b[<32;3;4M"),
            vec![
                Event::Mouse(Mouse::ScrollUp { col: 9, row: 4 }),
                Event::Mouse(Mouse::ScrollDown { col: 0, row: 0 }),
                Event::Mouse(Mouse::Click { col: 2, row: 3 }),
                // the release (m) and the drag (32) give nothing
            ]
        );
        // Coordinates beyond u16 saturate instead of wrapping.
        assert_eq!(
            parse(b"\x1b[<64;99999999;0M"),
            vec![Event::Mouse(Mouse::ScrollUp { col: u16::MAX, row: 0 })]
        );
    }

    /// Byte strings rich in the parser's special bytes, so that splits land inside sequences.
    fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            Just(b"\x1b".to_vec()),
            Just(b"\x1b[".to_vec()),
            Just(b"\x1b[200~".to_vec()),
            Just(b"\x1b[201~".to_vec()),
            Just(b"\x1b[<64;1;1M".to_vec()),
            Just(b"\x1bO".to_vec()),
            Just(b"\x1b]11;rgb:0/0/0".to_vec()),
            Just(b"\x07".to_vec()),
            Just(b"\x1b\\".to_vec()),
            Just(b"~".to_vec()),
            Just("ئ".as_bytes().to_vec()),
            Just("😀".as_bytes().to_vec()),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any bytes, cut into packets anywhere: no panic, and the same events as one packet.
        #[test]
        fn splitting_never_changes_the_events(
            bytes in interesting_bytes(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        ) {
            let whole = parse(&bytes);
            let mut points: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            points.sort_unstable();
            let mut parser = InputParser::new();
            let mut split = Vec::new();
            let mut start = 0;
            for point in points {
                parser.feed(&bytes[start..point], &mut split);
                start = point;
            }
            parser.feed(&bytes[start..], &mut split);
            parser.flush(&mut split);
            prop_assert_eq!(whole, split);
        }

        /// Arbitrary bytes never panic and never yield a control character as a Char key.
        #[test]
        fn arbitrary_bytes_give_no_control_chars(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            for event in parse(&bytes) {
                match event {
                    Event::Key(Key::Char(c) | Key::Alt(c)) => prop_assert!(!c.is_control()),
                    Event::Paste(text) => {
                        prop_assert!(text.chars().all(|c| c == '\n' || c == '\t' || !c.is_control()))
                    }
                    _ => {}
                }
            }
        }
    }
}
