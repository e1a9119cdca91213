//! End to end: the real binary in tmux at 100×30 on the bundled seed, driven with send-keys and
//! read with capture-pane, as a person would see it.
//!
//! The screen holds visual order in Arabic presentation forms. To read it back, each row is
//! turned into logical letters independently of qari: presentation forms are mapped to letters
//! with the `<isolated>/<initial>/<medial>/<final>` decompositions of the Unicode Character
//! Database (`/usr/share/unicode/UnicodeData.txt`), and the row is reversed.

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

const COLS: usize = 100;
const ROWS: usize = 30;

/// A private tmux server, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Tmux {
        let socket = format!("qari-test-{}-{}", std::process::id(), rand_suffix());
        let t = Tmux { socket };
        let status = Command::new("tmux")
            .args(["-L", &t.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &COLS.to_string(), "-y", &ROWS.to_string()])
            .args(["sh", "-c", command])
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .status()
            .expect("tmux runs");
        assert!(status.success());
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "0", k]);
        }
    }

    /// Types `text` as it is (`send-keys -l`), then Enter when `enter`.
    fn type_text(&self, text: &str, enter: bool) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
        if enter {
            self.send(&["Enter"]);
        }
    }

    /// Sends raw bytes, given in hex separated by spaces (`1b 5b 3f`).
    fn send_hex(&self, hex: &str) {
        let mut args = vec!["send-keys", "-t", "0", "-H"];
        args.extend(hex.split(' '));
        self.tmux(&args);
    }

    fn capture(&self) -> Vec<String> {
        self.tmux(&["capture-pane", "-p", "-t", "0"]).lines().map(str::to_string).collect()
    }

    /// Polls the screen until `ok` holds (30 s at most: the tests run side by side on a shared
    /// machine); returns the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {what}; screen:\n{}", screen.join("\n"));
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

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Presentation form → letters, from the UCD.
fn presentation_forms() -> HashMap<char, String> {
    let ucd = std::fs::read_to_string("/usr/share/unicode/UnicodeData.txt")
        .expect("/usr/share/unicode/UnicodeData.txt (package unicode-data)");
    let mut map = HashMap::new();
    for line in ucd.lines() {
        let f: Vec<&str> = line.split(';').collect();
        let (Some(cp), Some(dec)) = (f.first(), f.get(5)) else { continue };
        let Some(rest) = ["<isolated> ", "<initial> ", "<medial> ", "<final> "]
            .iter()
            .find_map(|tag| dec.strip_prefix(tag))
        else {
            continue;
        };
        let Some(c) = u32::from_str_radix(cp, 16).ok().and_then(char::from_u32) else { continue };
        let letters: String = rest
            .split(' ')
            .filter_map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
            .collect();
        map.insert(c, letters);
    }
    map
}

/// A visual RTL row read back in logical order: forms → letters, then reversed.
fn logical(forms: &HashMap<char, String>, visual: &str) -> String {
    // Reverse first: a lam-alef ligature decomposes to «لا» already in logical order.
    visual.chars().rev().map(|c| forms.get(&c).cloned().unwrap_or_else(|| c.to_string())).collect()
}

/// (reader part, pane part) of a screen row: split at the pane separator.
fn split_row(row: &str) -> (&str, &str) {
    row.split_once('│').unwrap_or((row, ""))
}

#[test]
fn the_seed_reads_right_in_tmux_and_the_actor_jump_works() {
    let forms = presentation_forms();
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("echo before; '{bin}'; echo \"exit=$?\"; sleep 60"));
    let has = |screen: &[String], needle: &str| screen.iter().any(|r| r.contains(needle));

    // First screen: the article's first words «ذكر الأمين العام» end the first row, at the
    // right edge of the reader (one column of margin before the separator), shaped: ذكر in
    // visual order is final ر, initial ك, isolated ذ.
    let screen = tmux.wait_for("the first screen", |s| s.first().is_some_and(|r| r.contains('│')));
    let (first, _) = split_row(&screen[0]);
    assert!(first.ends_with("\u{FEAE}\u{FEDB}\u{FEAB} "), "first row: {first:?}");
    assert!(logical(&forms, first.trim()).starts_with("ذكر الأمين العام لحلف الناتو"));

    // The side pane: five headings and the four key actors (wait for the analysis, and for a
    // capture of a whole frame: tmux may be read while a frame is being written).
    let screen = tmux.wait_for("the analysis", |s| {
        let pane: Vec<String> = s.iter().map(|r| logical(&forms, split_row(r).1.trim())).collect();
        pane.iter().any(|r| r.contains("تطورات أخرى"))
            && pane.iter().any(|r| r.starts_with("كوريا الشمالية"))
            && s.last().is_some_and(|r| r.contains("? help"))
    });
    let pane: Vec<String> = screen.iter().map(|r| logical(&forms, split_row(r).1.trim())).collect();
    for heading in
        ["الاستثمارات الكبيرة", "قوة السلام", "أمن ودفاع", "عقوبات اقتصادية", "تطورات أخرى"]
    {
        assert!(pane.iter().any(|r| r.contains(heading)), "{heading} not in pane:\n{pane:#?}");
    }
    let actor_rows: Vec<usize> = ["الناتو", "الصين", "اليابان", "كوريا الشمالية"]
        .iter()
        .map(|name| {
            pane.iter()
                .position(|r| r.starts_with(name))
                .unwrap_or_else(|| panic!("{name} not in pane:\n{pane:#?}"))
        })
        .collect();
    assert!(actor_rows.windows(2).all(|w| w[1] == w[0] + 1), "in order: {actor_rows:?}");

    // Tab Tab j j j Enter: North Korea, its first passage (glued «الصينوكوريا») in view, 1/3.
    tmux.send(&["Tab", "Tab", "j", "j", "j", "Enter"]);
    let screen = tmux.wait_for("1/3", |s| has(s, "1/3"));
    let upper: Vec<String> =
        screen[..ROWS / 3].iter().map(|r| logical(&forms, split_row(r).0.trim())).collect();
    assert!(upper.iter().any(|r| r.contains("الصينوكوريا")), "upper third:\n{upper:#?}");

    tmux.send(&["n"]);
    tmux.wait_for("2/3", |s| has(s, "2/3"));

    // q: the alternate screen is left (the shell's lines are back), the cursor shown.
    tmux.send(&["q"]);
    let screen = tmux.wait_for("the shell", |s| has(s, "exit=0"));
    assert!(has(&screen, "before"));
    assert!(!screen.iter().any(|r| r.contains('│')), "reader left on screen:\n{screen:#?}");
    assert_eq!(tmux.tmux(&["display", "-p", "-t", "0", "#{cursor_flag}"]).trim(), "1");
}

#[test]
fn a_bad_file_is_a_one_line_error_before_the_terminal_is_touched() {
    let path = std::env::temp_dir().join(format!("qari-tmux-bad-{}.txt", std::process::id()));
    std::fs::write(&path, b"ok\xffnot").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qari")).arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Nothing at all on stdout: no alternate screen, no escape sequence.
    assert!(out.stdout.is_empty(), "{:?}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("invalid UTF-8 at byte offset 2"), "{err}");
}

#[test]
fn term_dumb_is_refused_with_a_hint() {
    let out = Command::new(env!("CARGO_BIN_EXE_qari")).env("TERM", "dumb").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("TERM=dumb") && err.contains("qari render"), "{err}");
}

#[test]
fn a_missing_file_is_one_line_naming_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_qari")).arg("/nonexistent/x.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    // Said once, not repeated by the error chain.
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    assert!(err.contains("/nonexistent/x.txt"));
}

/// The reader survives terminals of 1×1, 3×10, 10×3 and 500×200 and a burst of resizes with
/// keys in between, then draws the whole reader again at 100×30 and quits cleanly.
#[test]
fn tiny_huge_and_rapidly_resized_terminals() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}'; echo \"exit=$?\"; sleep 60"));
    tmux.wait_for("the reader", |s| s.iter().any(|r| r.contains('│')));
    let resize = |x: usize, y: usize| {
        tmux.tmux(&["resize-window", "-t", "0", "-x", &x.to_string(), "-y", &y.to_string()]);
    };
    for (x, y) in [(1, 1), (3, 10), (10, 3), (500, 200), (2, 1), (80, 24)] {
        resize(x, y);
        tmux.send(&["j", "Tab", "j", "Enter", "n", "G", "g"]);
        std::thread::sleep(Duration::from_millis(150));
        // Still running: nothing printed the shell's exit line.
        assert!(!tmux.capture().iter().any(|r| r.contains("exit=")), "qari exited at {x}×{y}");
    }
    // A burst: twenty resizes with no pause.
    for k in 0..20 {
        resize(1 + (k * 37) % 300, 1 + (k * 13) % 120);
    }
    resize(COLS, ROWS);
    tmux.send(&["Escape", "Escape"]);
    let screen = tmux.wait_for("the reader at 100×30", |s| {
        s.len() == ROWS && s.iter().any(|r| r.contains('│')) && s[ROWS - 1].contains("? help")
    });
    // No row wider than the terminal (harakat take no cell of their own).
    let cells = |r: &str| -> usize {
        r.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum()
    };
    assert!(screen.iter().all(|r| cells(r) <= COLS), "{screen:#?}");
    tmux.send(&["q"]);
    tmux.wait_for("the shell", |s| s.iter().any(|r| r.contains("exit=0")));
}

/// How the reader's session ended, for [`restore_bytes`].
enum End {
    Quit,
    Signal(&'static str),
    Panic,
}

/// Runs the reader in tmux with the pane's raw output piped to a file (`pipe-pane`), ends it as
/// `end` says, and returns every byte the reader sent, the shell's last screen, and whether
/// tmux then shows the cursor (`#{cursor_flag}`).
fn restore_bytes(end: End) -> (Vec<u8>, Vec<String>, bool) {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tag = format!("{}-{}", std::process::id(), rand_suffix());
    let raw = std::env::temp_dir().join(format!("qari-raw-{tag}"));
    let pidfile = std::env::temp_dir().join(format!("qari-pid-{tag}"));
    let panic = if matches!(end, End::Panic) { "QARI_TEST_PANIC=1 " } else { "" };
    // The pipe is set up before qari starts (the shell waits for the file tmux creates).
    let tmux = Tmux::start(&format!(
        "echo before; while [ ! -e '{raw}' ]; do sleep 0.05; done; sleep 0.2; {panic}'{bin}' & \
         echo $! > '{pid}'; \
         wait $!; echo \"exit=$?\"; sleep 60",
        raw = raw.display(),
        pid = pidfile.display(),
    ));
    tmux.tmux(&["pipe-pane", "-t", "0", "-o", &format!("cat >> '{}'", raw.display())]);
    match end {
        End::Panic => {}
        End::Quit => {
            tmux.wait_for("the reader", |s| s.iter().any(|r| r.contains("? help")));
            tmux.send(&["q"]);
        }
        End::Signal(signal) => {
            tmux.wait_for("the reader", |s| s.iter().any(|r| r.contains("? help")));
            let pid = std::fs::read_to_string(&pidfile).unwrap();
            let status = Command::new("kill").args(["-s", signal, pid.trim()]).status().unwrap();
            assert!(status.success());
        }
    }
    let screen = tmux.wait_for("the shell", |s| s.iter().any(|r| r.contains("exit=")));
    // pipe-pane writes asynchronously: give it a moment to flush.
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap_or_default();
    let _ = std::fs::remove_file(&raw);
    let _ = std::fs::remove_file(&pidfile);
    let cursor = tmux.tmux(&["display", "-p", "-t", "0", "#{cursor_flag}"]).trim() == "1";
    (bytes, screen, cursor)
}

/// The shell's screen is back: what it printed before the reader, no reader frame, the cursor.
fn assert_shell_back(screen: &[String], cursor: bool, how: &str) {
    assert!(screen.iter().any(|r| r.contains("before")), "{how}: {screen:#?}");
    assert!(!screen.iter().any(|r| r.contains('│')), "{how}: reader left on screen: {screen:#?}");
    assert!(cursor, "{how}: cursor hidden");
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// After the reader's last frame come, in order: BiDi implicit mode back (`CSI 8 h`), the
/// alternate screen left (`CSI ? 1049 l`) and the cursor shown (`CSI ? 25 h`); and the reader
/// had set the modes they undo (`CSI ? 1049 h`, `CSI 8 l`, `CSI ? 25 l`).
fn assert_restored(bytes: &[u8], how: &str) {
    let entered = find(bytes, b"\x1b[?1049h").unwrap_or_else(|| panic!("{how}: never entered"));
    assert!(find(&bytes[entered..], b"\x1b[8l").is_some(), "{how}: BiDi explicit mode not set");
    let bidi = rfind(bytes, b"\x1b[8h").unwrap_or_else(|| panic!("{how}: CSI 8 h missing"));
    let alt = rfind(bytes, b"\x1b[?1049l").unwrap_or_else(|| panic!("{how}: alt screen kept"));
    let cursor = rfind(bytes, b"\x1b[?25h").unwrap_or_else(|| panic!("{how}: cursor hidden"));
    assert!(entered < bidi && bidi < alt && alt < cursor, "{how}: restore out of order");
    // Nothing of the reader after the restore (no frame drawn on the shell's screen).
    assert!(find(&bytes[cursor..], b"\x1b[?1049h").is_none(), "{how}: re-entered");
    assert!(find(&bytes[cursor..], b"\x1b[8l").is_none(), "{how}: BiDi explicit again");
}

#[test]
fn quit_restores_the_terminal_bytes() {
    let (bytes, screen, cursor) = restore_bytes(End::Quit);
    assert_restored(&bytes, "q");
    assert_shell_back(&screen, cursor, "q");
    assert!(screen.iter().any(|r| r.contains("exit=0")), "{screen:#?}");
}

#[test]
fn sigterm_sighup_sigint_and_sigquit_restore_the_terminal_bytes() {
    // Exit status 128 + the signal's number, as a shell reports a process it killed; the
    // message names the signal.
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let (bytes, screen, cursor) = restore_bytes(End::Signal(signal));
        assert_restored(&bytes, signal);
        assert_shell_back(&screen, cursor, signal);
        assert!(
            screen.iter().any(|r| r.contains(&format!("exit={code}"))),
            "{signal}: {screen:#?}"
        );
        assert!(
            screen.iter().any(|r| r.contains(&format!("stopped by SIG{signal}"))),
            "{signal}: {screen:#?}"
        );
    }
}

/// A panic restores the terminal before its message, which then reads on the shell's screen;
/// the exit code is Rust's 101.
#[test]
fn a_panic_restores_the_terminal_bytes() {
    let (bytes, screen, cursor) = restore_bytes(End::Panic);
    assert_restored(&bytes, "panic");
    assert_shell_back(&screen, cursor, "panic");
    assert!(screen.iter().any(|r| r.contains("exit=101")), "{screen:#?}");
    assert!(screen.iter().any(|r| r.contains("QARI_TEST_PANIC")), "message lost: {screen:#?}");
}

/// A burst of input larger than crossterm's 1 KiB read buffer (a paste without bracketed-paste
/// mode, keys typed ahead over a slow link) is all read: the key after it acts at once. With
/// crossterm's default edge-triggered source the rest stayed unread until another key came.
#[test]
fn a_key_after_a_long_burst_of_input_acts_at_once() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}'; sleep 60"));
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.type_text(&"x".repeat(2500), false);
    tmux.send(&["G"]);
    tmux.wait_for("the end after G", |s| s.last().is_some_and(|r| r.contains("100%")));
}

/// Ctrl-Z suspends the reader as job control expects: the whole job stops (a wrapper shell
/// too, so the prompt comes back), the shell's screen is back; `fg` brings the reader back,
/// redrawn at the terminal's size of now (resized while it was stopped), still answering keys.
#[test]
fn ctrl_z_suspends_the_job_and_fg_resumes_at_the_new_size() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start("PS1='$ ' bash --norc --noprofile -i");
    tmux.wait_for("the shell", |s| s.iter().any(|r| r.starts_with('$')));
    let command = format!("echo before; sh -c \"'{bin}'; echo after-reader\"");
    tmux.type_text(&command, true);
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.send(&["C-z"]);
    let screen = tmux.wait_for("the stopped job", |s| s.iter().any(|r| r.contains("Stopped")));
    assert!(screen.iter().any(|r| r.contains("before")), "{screen:#?}");
    assert!(!screen.iter().any(|r| r.contains('│')), "reader left on screen: {screen:#?}");
    tmux.tmux(&["resize-window", "-t", "0", "-x", "70", "-y", "20"]);
    tmux.type_text("fg", true);
    // The status bar on the last row of the new size: the reader knows it was resized.
    let screen = tmux.wait_for("the reader again", |s| {
        s.len() == 20 && s.last().is_some_and(|r| r.contains("? help"))
    });
    assert!(screen[..19].iter().all(|r| !r.contains("? help")), "{screen:#?}");
    tmux.send(&["G"]);
    tmux.wait_for("G after fg", |s| s.last().is_some_and(|r| r.contains("100%")));
    tmux.send(&["q"]);
    tmux.wait_for("the wrapper going on", |s| s.iter().any(|r| r.contains("after-reader")));
}

/// Without job control (a process group no shell can resume: `ssh -t host qari`, here tmux
/// running it directly), Ctrl-Z must not stop the reader for good: it goes on reading.
#[test]
fn ctrl_z_without_job_control_does_not_stop_the_reader() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}'; echo \"exit=$?\"; sleep 60"));
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.send(&["C-z"]);
    tmux.wait_for("the reader after C-z", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.send(&["G"]);
    tmux.wait_for("G after C-z", |s| s.last().is_some_and(|r| r.contains("100%")));
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", |s| s.iter().any(|r| r.contains("exit=0")));
}

/// A terminal's reply to a query some other program made (here OSC 11, the background colour)
/// is no typing: its `/` does not open the search line, and the next key acts.
#[test]
fn a_control_string_in_the_input_is_not_typed() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}'; sleep 60"));
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    let osc = "1b 5d 31 31 3b 72 67 62 3a 30 30 2f 30 30 2f 30 30 07";
    tmux.send_hex(osc);
    tmux.send(&["G"]);
    let screen = tmux.wait_for("G", |s| s.last().is_some_and(|r| r.contains("100%")));
    let status = screen.last().cloned().unwrap_or_default();
    assert!(!status.contains("00/00") && !status.contains("rgb"), "{status}");
    // A mode report (ESC [ ? 69 ; 2 $ y) and a bare ESC [ ? (Alt-[ then ?) are no keys either,
    // and the keys after them still act (crossterm's parser waited for more, for good).
    for report in ["1b 5b 3f 36 39 3b 32 24 79", "1b 5b 3f"] {
        tmux.send_hex(report);
        std::thread::sleep(Duration::from_millis(150));
        tmux.send(&["g"]);
        tmux.wait_for("g after a report", |s| s.last().is_some_and(|r| !r.contains("100%")));
        tmux.send(&["G"]);
        tmux.wait_for("G after a report", |s| s.last().is_some_and(|r| r.contains("100%")));
    }
}

/// A paste the terminal never ends (ESC [ 200 ~ and no ESC [ 201 ~) is taken as it is once
/// the input pauses for a second, and the keys after it act: the reader waited in steps shorter
/// than that second and never flushed it, so q, Esc and Ctrl-C were lost (fuzzing).
#[test]
fn an_unfinished_paste_does_not_keep_the_keys_after_it() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}'; echo exit=$?; sleep 60"));
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.send_hex("1b 5b 32 30 30 7e 61");
    std::thread::sleep(Duration::from_millis(1600));
    tmux.send(&["q"]);
    tmux.wait_for("the exit", |s| s.iter().any(|r| r.contains("exit=0")));
}

/// `qari -` typed at a prompt (standard input the terminal itself) says how to use it instead
/// of waiting, silently, for an article typed by hand.
#[test]
fn reading_standard_input_from_the_terminal_is_refused_with_a_hint() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!("'{bin}' -; echo \"exit=$?\"; sleep 60"));
    let screen = tmux.wait_for("the error", |s| s.iter().any(|r| r.contains("exit=")));
    assert!(screen.iter().any(|r| r.contains("standard input is a terminal")), "{screen:#?}");
    assert!(screen.iter().any(|r| r.contains("exit=1")), "{screen:#?}");
}

/// `… | qari` reads the pipe (as less does), keys still come from the terminal; with
/// /dev/null as standard input it opens the bundled article.
#[test]
fn a_pipe_without_a_path_is_read_and_dev_null_opens_the_seed() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!(
        "printf 'NATO said the talks went on in Brussels.\\n' | '{bin}'; echo \"exit=$?\"; sleep 60"
    ));
    // The frame may be captured half drawn: wait for its status bar too, which names stdin.
    tmux.wait_for("the piped text and its status bar", |s| {
        s.iter().any(|r| r.contains("Brussels"))
            && s.iter().any(|r| r.contains("? help") && r.trim_start().starts_with("stdin"))
    });
    tmux.send(&["q"]);
    tmux.wait_for("the exit", |s| s.iter().any(|r| r.contains("exit=0")));
    drop(tmux);
    let tmux = Tmux::start(&format!("'{bin}' </dev/null; echo \"exit=$?\"; sleep 60"));
    let screen = tmux.wait_for("the seed", |s| s.iter().any(|r| r.contains("000_e9e75a8f")));
    assert!(!screen.iter().any(|r| r.contains("stdin")), "{screen:#?}");
    tmux.send(&["q"]);
    tmux.wait_for("the exit", |s| s.iter().any(|r| r.contains("exit=0")));
}

/// A pipe that has not ended after a moment (curl on a thin link) is said to be awaited, and
/// the notice is gone once the text has come and the reader has quit.
#[test]
fn a_slow_pipe_is_said_to_be_awaited() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start(&format!(
        "(sleep 2; printf 'NATO met in Brussels.\\n') | '{bin}'; echo \"exit=$?\"; sleep 60"
    ));
    tmux.wait_for("the notice", |s| s.iter().any(|r| r.contains("reading standard input")));
    tmux.wait_for("the text", |s| s.iter().any(|r| r.contains("Brussels")));
    tmux.send(&["q"]);
    let screen = tmux.wait_for("the exit", |s| s.iter().any(|r| r.contains("exit=0")));
    assert!(!screen.iter().any(|r| r.contains("reading standard input")), "{screen:#?}");
}

/// `kill %1` on a suspended reader (SIGTERM, then the SIGCONT bash adds) ends it: continued in
/// the background it does not touch the terminal (that would stop it again on SIGTTOU), and
/// the job is gone, not "Stopped (tty output)".
#[test]
fn kill_ends_a_suspended_reader() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let tmux = Tmux::start("PS1='$ ' bash --norc --noprofile -i");
    tmux.wait_for("the shell", |s| s.iter().any(|r| r.starts_with('$')));
    tmux.type_text(&format!("'{bin}'"), true);
    tmux.wait_for("the reader", |s| s.last().is_some_and(|r| r.contains("? help")));
    tmux.send(&["C-z"]);
    tmux.wait_for("the stopped job", |s| s.iter().any(|r| r.contains("Stopped")));
    tmux.type_text("kill %1; sleep 1; jobs; echo jobs-listed", true);
    let screen = tmux.wait_for("the jobs", |s| s.iter().any(|r| r.starts_with("jobs-listed")));
    assert!(!screen.iter().any(|r| r.contains("tty output")), "{screen:#?}");
    assert!(screen.iter().any(|r| r.contains("Exit 1")), "{screen:#?}");
}

/// QA round 51: `qari render` with no file at a prompt waited silently for input, while
/// `qari -` refused. Every command told to read standard input when it is a terminal stops at
/// once with the same one-line error and exit code 1.
#[test]
fn a_terminal_as_standard_input_is_refused_by_every_command() {
    let bin = env!("CARGO_BIN_EXE_qari");
    let script = ["render", "render -", "inspect -", "-"]
        .map(|args| format!("'{bin}' {args}; echo \"exit={args}:$?\""))
        .join("; ");
    let tmux = Tmux::start(&format!("{script}; sleep 60"));
    let screen =
        tmux.wait_for("four exits", |s| s.iter().filter(|r| r.contains("exit=")).count() == 4);
    for args in ["render", "render -", "inspect -", "-"] {
        assert!(screen.iter().any(|r| r == &format!("exit={args}:1")), "{args}: {screen:#?}");
    }
    let refusals = screen
        .iter()
        .filter(|r| r.starts_with("qari: standard input is a terminal; pipe an article in"))
        .count();
    assert_eq!(refusals, 4, "{screen:#?}");
}
