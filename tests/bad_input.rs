//! Bad input, end to end (issue 7, "A bad-input suite"): each hostile file is generated here,
//! written to a fresh temporary directory and fed to the real binary through `render`,
//! `inspect` and `inspect --json`, and (for the worst ones) to the reader in tmux.
//!
//! Every run must end within a bound (the child is killed and the test fails otherwise) in
//! either a normal result (exit 0) or a one-line `qari: …` error with exit code 1; never a
//! panic; and no control code from the document may reach stdout (it is shown as a visible
//! placeholder such as ␛ instead).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Upper bound for one run of the binary; a hang is a failure, not a slow test.
const TIMEOUT: Duration = Duration::from_secs(20);

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("qari-bad-input-{tag}-{}", unique()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write input");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Waits for `child` to exit; kills it and fails the test (`what` did not finish) after
/// `TIMEOUT`.
fn wait_bounded(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the binary with `args`, reading both pipes on threads (outputs are large) and polling
/// for the exit; kills the child and fails the test after `TIMEOUT`.
fn qari(args: &[&std::ffi::OsStr]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .expect("spawn qari");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let status = wait_bounded(&mut child, &format!("qari {args:?}"));
    let stdout = out_t.join().expect("stdout reader");
    let stderr = String::from_utf8_lossy(&err_t.join().expect("stderr reader")).into_owned();
    // A signal (no code) counts as a crash.
    let code = status.code().unwrap_or(-1);
    Run { code, stdout, stderr }
}

/// The first raw control code in `bytes` other than `\n`: C0, DEL, or a C1 control encoded as
/// UTF-8 (0xC2 0x80..=0x9F). Returns its byte offset and a description.
fn control_code(bytes: &[u8]) -> Option<(usize, String)> {
    for (i, &b) in bytes.iter().enumerate() {
        if (b < 0x20 && b != b'\n') || b == 0x7F {
            return Some((i, format!("0x{b:02X}")));
        }
        if b == 0xC2 && bytes.get(i + 1).is_some_and(|&c| (0x80..=0x9F).contains(&c)) {
            return Some((i, format!("C1 0xC2 0x{:02X}", bytes[i + 1])));
        }
    }
    None
}

/// What a file must produce.
#[derive(Clone, Copy)]
enum Expect {
    /// Exit 0; `render_text`: render prints some visible text (not only newlines).
    Ok { render_text: bool },
    /// Exit 1 with one `qari:` line containing this.
    Err(&'static str),
}

/// The common contract of every run, then the per-case expectation. Returns stdout as text
/// for further checks.
fn check(what: &str, run: &Run, expect: Expect, needs_text: bool) -> String {
    assert!(
        !run.stderr.contains("panicked") && run.code != 101 && run.code >= 0,
        "{what}: crashed (code {}), stderr:\n{}",
        run.code,
        run.stderr
    );
    if let Some((at, code)) = control_code(&run.stdout) {
        let from = at.saturating_sub(40);
        let ctx = String::from_utf8_lossy(&run.stdout[from..(at + 40).min(run.stdout.len())]);
        panic!("{what}: raw control code {code} at stdout byte {at}, near {ctx:?}");
    }
    let stdout = String::from_utf8(run.stdout.clone())
        .unwrap_or_else(|e| panic!("{what}: stdout is not UTF-8: {e}"));
    match expect {
        Expect::Ok { .. } => {
            assert_eq!(run.code, 0, "{what}: expected success, stderr:\n{}", run.stderr);
            if needs_text {
                assert!(
                    stdout.chars().any(|c| !c.is_whitespace()),
                    "{what}: expected some output, got {stdout:?}"
                );
            }
        }
        Expect::Err(needle) => {
            assert_eq!(run.code, 1, "{what}: expected exit 1, stdout {stdout:?}");
            let lines: Vec<&str> = run.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "{what}: expected one stderr line, got {:?}", run.stderr);
            assert!(lines[0].starts_with("qari:"), "{what}: {:?}", lines[0]);
            assert!(lines[0].contains(needle), "{what}: {:?} lacks {needle:?}", lines[0]);
            assert!(stdout.is_empty(), "{what}: error with stdout {stdout:?}");
        }
    }
    stdout
}

/// Output of the three commands on one file, already checked against the contract.
struct Outputs {
    render: String,
    inspect: String,
    json: Option<serde_json::Value>,
}

fn run_all(name: &str, bytes: &[u8], expect: Expect) -> Outputs {
    let dir = TempDir::new(name);
    let path = dir.write(&format!("{name}.txt"), bytes);
    let p = path.as_os_str();
    let render_text = matches!(expect, Expect::Ok { render_text: true });
    let is_ok = matches!(expect, Expect::Ok { .. });

    let r = qari(&["render".as_ref(), "--width".as_ref(), "60".as_ref(), p]);
    let render = check(&format!("{name}: render"), &r, expect, render_text);
    let r = qari(&["inspect".as_ref(), p]);
    let inspect = check(&format!("{name}: inspect"), &r, expect, is_ok);
    let r = qari(&["inspect".as_ref(), "--json".as_ref(), p]);
    let json_text = check(&format!("{name}: inspect --json"), &r, expect, is_ok);
    let json = is_ok.then(|| {
        serde_json::from_str(&json_text).unwrap_or_else(|e| {
            panic!("{name}: inspect --json is not JSON ({e}): {json_text:.300}")
        })
    });
    Outputs { render, inspect, json }
}

fn path_of(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------
// The files, through render / inspect / inspect --json.

/// Invalid UTF-8: one line naming the byte offset of the first bad byte. The offset counts
/// bytes, not characters: "سلام" is 4 letters but 8 bytes, so 0xFF sits at byte 10.
#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = "سلام".as_bytes().to_vec(); // 8 bytes
    bytes.extend_from_slice(b" x\xFF\xFEyz\n"); // 0xFF at offset 10
    run_all("invalid-utf8", &bytes, Expect::Err("offset 10"));
}

/// A binary file (NUL bytes): refused as binary.
#[test]
fn binary_file_is_refused() {
    let mut bytes = b"\x7FELF\x02\x01\x01\0\0\0".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    run_all("binary", &bytes, Expect::Err("binary"));
}

/// UTF-16 with a byte-order mark (Notepad's "Unicode"): named as such, with the way to convert.
#[test]
fn utf16_file_is_named() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "مرحبا بالعالم\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    run_all("utf16", &bytes, Expect::Err("UTF-16 text (little-endian byte-order mark)"));
}

/// An empty file is a normal, empty document.
#[test]
fn empty_file() {
    let out = run_all("empty", b"", Expect::Ok { render_text: false });
    assert!(out.render.trim().is_empty(), "render of nothing: {:?}", out.render);
    assert_eq!(out.json.unwrap()["chars"], 0);
}

/// Only spaces and tabs: no text, and no tab reaches stdout (checked by the control scan).
#[test]
fn only_spaces_and_tabs() {
    let out = run_all("blank", b" \t \t  \n\t\t\n   \t", Expect::Ok { render_text: false });
    assert!(out.render.trim().is_empty(), "render of blanks: {:?}", out.render);
}

/// BOM + CRLF: the BOM is not text and no CR is printed (the scan fails on 0x0D).
#[test]
fn bom_and_crlf() {
    let text = "\u{FEFF}مرحبا بالعالم\r\nسطر ثان\r\n\r\nفقرة أخرى\r\n";
    let out = run_all("bom-crlf", text.as_bytes(), Expect::Ok { render_text: true });
    assert!(!out.render.contains('\u{FEFF}'), "BOM printed: {:?}", out.render);
    assert!(!out.inspect.contains('\u{FEFF}'), "BOM in inspect: {:?}", out.inspect);
    assert_eq!(out.json.unwrap()["direction"], "rtl");
}

/// A 2 MB line without a space: broken to the width; every letter still there.
#[test]
fn two_megabyte_line_without_space() {
    let letters = 1_000_000; // 'ب' is 2 bytes in UTF-8
    let text: String = std::iter::repeat_n('ب', letters).collect();
    let out = run_all("long-line", text.as_bytes(), Expect::Ok { render_text: true });
    let mut total = 0;
    for (i, line) in out.render.lines().enumerate() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 60, "line {i} is {w} columns wide");
        total += line.chars().count();
    }
    // One presentation form per letter (no ligatures among beh).
    assert_eq!(total, letters, "letters lost or added by render");
}

/// 62 nested isolates (RLI, each one level deeper: level 125/126) then a digit, and 200 stacked
/// RLEs (beyond the depth limit of 125) around Arabic.
fn deep_bidi_text() -> String {
    let mut text: String = "\u{2067}".repeat(62);
    text.push_str("7 سبعة\n");
    text.push_str(&"\u{202B}".repeat(200));
    text.push_str("كلمة عربية");
    text.push_str(&"\u{202C}".repeat(200));
    text.push('\n');
    text
}

/// The deep isolates and embeddings of [`deep_bidi_text`]: the digit and the words come out.
#[test]
fn deep_isolates_and_embeddings() {
    let text = deep_bidi_text();
    let out = run_all("deep-bidi", text.as_bytes(), Expect::Ok { render_text: true });
    assert!(out.render.contains('7'), "digit lost: {:?}", out.render);
    assert!(out.inspect.contains('7'), "digit lost in inspect: {:?}", out.inspect);
}

/// The control-code file shared with the TUI test: ESC, a CSI that clears the screen, an OSC 52
/// that would set the clipboard, BEL, backspace, form feed, C1 CSI (U+009B) and NEL (U+0085),
/// all inside Arabic.
fn controls_text() -> String {
    "أخبار اليوم \u{1b} هنا\n\
     مسح \u{1b}[2J الشاشة\n\
     حافظة \u{1b}]52;c;aGk=\u{07} نسخ\n\
     جرس \u{07} ومسافة \u{08} للخلف وصفحة \u{0c} جديدة\n\
     تحكم \u{9b}31m أحمر \u{85} سطر\n"
        .to_string()
}

#[test]
fn control_codes_become_placeholders() {
    let out = run_all("controls", controls_text().as_bytes(), Expect::Ok { render_text: true });
    // ESC is shown, as the visible ␛, and the bytes after it stay plain text.
    for (name, s) in [("render", &out.render), ("inspect", &out.inspect)] {
        assert!(s.contains('\u{241B}'), "{name}: no ␛ placeholder in {s:?}");
    }
    assert!(out.render.contains("2J"), "render dropped the CSI text: {:?}", out.render);
    // The OSC body in visual order: "52" (a number) and "c;aGk" (a left-to-right run) stay
    // text; the right-to-left paragraph puts "52" to the right of "c;aGk", so "52;c" is not
    // contiguous on screen, which is correct bidi.
    for part in ["52", "c;aGk", "\u{2407}"] {
        assert!(out.render.contains(part), "render lost {part:?} of the OSC: {:?}", out.render);
    }
    // JSON may carry the text escaped or as placeholders, never as raw bytes (scanned above).
    assert!(out.json.unwrap()["chars"].as_u64().unwrap_or(0) > 0);
}

/// 5,000 nested brackets (and their mirror pairs) around Arabic: no stack overflow.
#[test]
fn five_thousand_nested_brackets() {
    let mut text = "(".repeat(5000);
    text.push_str("نص بين أقواس");
    text.push_str(&")".repeat(5000));
    text.push('\n');
    text.push_str(&"[{«".repeat(5000));
    text.push_str(" كلمة ");
    text.push('\n');
    run_all("brackets", text.as_bytes(), Expect::Ok { render_text: true });
}

/// A file of only harakat (combining marks with no base letter).
#[test]
fn only_harakat() {
    let marks =
        ['\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}'];
    let mut text: String = marks.iter().cycle().take(7 * 300).collect();
    text.push('\n');
    text.push_str(&"\u{0652}\u{0670}".repeat(50));
    run_all("harakat", text.as_bytes(), Expect::Ok { render_text: false });
}

/// 300,000 empty lines (and a word at the end): finishes, and the word is not lost.
#[test]
fn three_hundred_thousand_empty_lines() {
    let mut text = "\n".repeat(300_000);
    text.push_str("النهاية\n");
    let out = run_all("empty-lines", text.as_bytes(), Expect::Ok { render_text: true });
    assert!(out.inspect.contains("1 paragraph,"), "inspect: {:.300}", out.inspect);
}

// ---------------------------------------------------------------------------------------------
// The reader in tmux.

/// A private tmux server at 80×24, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "0"])
    }

    /// Polls the screen until `ok` holds (20 s at most); returns the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

/// Whether tmux is usable: if not, fails on CI (env `CI` set), else prints a skip message.
fn have_tmux() -> bool {
    let found = Command::new("which").arg("tmux").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "tmux is required on CI");
        eprintln!("tmux not found: skipping the TUI bad-input test");
    }
    found
}

const EXIT_MARK: &str = "qari-exited-with=";

/// Opens `bytes` in the reader in tmux, walks it (G, j, search for ا, Enter), quits with q and
/// checks the process ended with 0. Returns the screens seen while it ran (after the first
/// frame, after the keys).
fn tui(name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = TempDir::new(name);
    let path = path_of(&dir.write(&format!("{name}.txt"), bytes));
    let t = Tmux { socket: format!("qari-bad-{name}-{}", unique()) };
    // The shell prints the exit code after qari leaves, so the end is visible in the pane.
    let cmd = format!("'{}' '{path}'; echo {EXIT_MARK}$?; sleep 60", env!("CARGO_BIN_EXE_qari"));
    let status = Command::new("tmux")
        .args(["-L", &t.socket, "-f", "/dev/null", "start-server", ";"])
        // If an OSC 52 got through, tmux would store it as a paste buffer.
        .args(["set-option", "-s", "set-clipboard", "on", ";"])
        .args(["new-session", "-d", "-x", "80", "-y", "24", "sh", "-c", &cmd])
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .status()
        .expect("tmux runs");
    assert!(status.success(), "tmux new-session failed");

    let mut screens = Vec::new();
    let first =
        t.wait_for("the first frame", |s| s.chars().filter(|c| !c.is_whitespace()).count() > 10);
    screens.push(first);
    for key in ["G", "j", "/"] {
        t.tmux(&["send-keys", "-t", "0", key]);
    }
    t.tmux(&["send-keys", "-t", "0", "-l", "ا"]);
    t.tmux(&["send-keys", "-t", "0", "Enter"]);
    // Let the frame after the search settle: two equal captures in a row.
    let mut last = t.capture();
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(100));
        let now = t.capture();
        if now == last && now.chars().any(|c| !c.is_whitespace()) {
            break;
        }
        last = now;
    }
    screens.push(last.clone());
    assert!(!last.contains(EXIT_MARK), "{name}: qari ended before q:\n{last}");
    t.tmux(&["send-keys", "-t", "0", "q"]);
    let end = t.wait_for("qari to exit after q", |s| s.contains(EXIT_MARK));
    assert!(end.contains(&format!("{EXIT_MARK}0")), "{name}: bad exit:\n{end}");
    assert!(!end.contains("panicked"), "{name}: panic:\n{end}");
    let buffers = t.tmux(&["list-buffers"]);
    assert!(buffers.trim().is_empty(), "{name}: the document set a tmux buffer: {buffers}");
    for s in &screens {
        assert!(!s.contains("panicked"), "{name}: panic on screen:\n{s}");
    }
    screens
}

/// Control codes in the reader: the screen is not cleared by the document's CSI, the CSI/OSC
/// bodies show as plain text after a visible ␛, and no clipboard buffer is set.
#[test]
fn tui_control_codes() {
    if !have_tmux() {
        return;
    }
    for screen in tui("tui-controls", controls_text().as_bytes()) {
        assert!(screen.contains('\u{241B}'), "no ␛ placeholder on screen:\n{screen}");
        assert!(screen.contains("2J"), "the CSI was interpreted (no \"2J\" text):\n{screen}");
        // The OSC 52 body is on screen as text (in visual order, see the render test).
        for part in ["52", "c;aGk", "\u{2407}"] {
            assert!(screen.contains(part), "the OSC lost {part:?} on screen:\n{screen}");
        }
        // Not cleared: the document text is on more than one row.
        let rows = screen.lines().filter(|l| l.chars().any(|c| !c.is_whitespace())).count();
        assert!(rows >= 3, "screen looks cleared:\n{screen}");
    }
}

#[test]
fn tui_deep_isolates_and_embeddings() {
    if !have_tmux() {
        return;
    }
    let text = deep_bidi_text();
    let screens = tui("tui-deep-bidi", text.as_bytes());
    assert!(screens[0].contains('7'), "digit missing:\n{}", screens[0]);
}

#[test]
fn tui_two_megabyte_line() {
    if !have_tmux() {
        return;
    }
    let text: String = std::iter::repeat_n('ب', 1_000_000).collect();
    tui("tui-long-line", text.as_bytes());
}

#[test]
fn tui_three_hundred_thousand_empty_lines() {
    if !have_tmux() {
        return;
    }
    let mut text = "النهاية\n".to_string();
    text.push_str(&"\n".repeat(300_000));
    text.push_str("النهاية\n");
    tui("tui-empty-lines", text.as_bytes());
}

/// The scanner itself can fail: it catches ESC, BEL, CR, DEL and a UTF-8 C1, and lets through
/// newlines, an escaped `\u001b` as in JSON, and the visible placeholders.
#[test]
fn control_scan_catches_raw_codes() {
    for bad in ["a\u{1b}[2J", "\u{07}", "x\r\n", "\u{7f}", "\u{9b}31m", "ن\u{85}"] {
        assert!(control_code(bad.as_bytes()).is_some(), "missed in {bad:?}");
    }
    for good in ["a\nb\n", "\"\\u001b[2J\"", "␛[2J ␇ ␈", "مرحبا"] {
        assert_eq!(control_code(good.as_bytes()), None, "false alarm in {good:?}");
    }
}

/// A Markdown file whose one megabyte line is all would-be markup between Arabic letters:
/// `<` before multi-byte letters (autolinks), unclosed brackets and parentheses, backtick runs
/// of every length, emphasis runs that never pair. Loading stays linear: inspect answers (a
/// quadratic scan for autolinks took minutes here), with offsets into the whole file.
#[test]
fn markdown_markup_by_the_megabyte() {
    let unit = "‹بب<بب[ب](ب`ب``*ب__ب~~ب\\*ب<http://ب ";
    let text = unit.repeat(1_000_000 / unit.len());
    let dir = TempDir::new("markup-md");
    let path = dir.write("markup.md", text.as_bytes());
    let r = qari(&["inspect".as_ref(), "--json".as_ref(), path.as_os_str()]);
    let out = check("markup.md: inspect --json", &r, Expect::Ok { render_text: false }, true);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["chars"], text.chars().count());
}

/// Streams without end: `/dev/zero` is refused as binary at once (not after reading all memory),
/// and endless text on stdin (`yes الناتو | qari render -`) stops at the input limit with a
/// one-line error, within the bound.
#[test]
fn endless_input_ends_with_an_error() {
    for command in ["render", "inspect"] {
        let r = qari(&[command.as_ref(), "/dev/zero".as_ref()]);
        assert_eq!(r.code, 1, "{command} /dev/zero: {}", r.stderr);
        assert!(r.stderr.contains("binary"), "{command} /dev/zero: {}", r.stderr);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["render", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn qari");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = "الناتو\n".repeat(8192);
        let mut written = 0u64;
        // Until qari closes the pipe; never more than twice its limit.
        while written < 1 << 29 && stdin.write_all(chunk.as_bytes()).is_ok() {
            written += chunk.len() as u64;
        }
    });
    let status = wait_bounded(&mut child, "render - of endless text");
    writer.join().expect("writer");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("qari: stdin: larger than 256 MiB"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// A standard error that cannot be written (full, closed) leaves the exit code to tell: 1 for
/// a missing file, not a panic's 101 (QA round 51).
#[test]
fn an_unwritable_standard_error_still_exits_with_the_error_code() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let status = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["render", "/nonexistent/qari-no-such-file.txt"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(full)
        .status()
        .expect("run qari");
    assert_eq!(status.code(), Some(1));
}
