//! `qari render` end to end: the binary, its output bytes, its errors and exit codes.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

use qari::layout::{layout_paragraph, text_width, BaseDirection, LayoutOptions};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_e9e75a8ffcffd115.txt");

fn qari(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run qari");
    // Feed stdin from a thread so a large output cannot dead-lock us.
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait for qari");
    feeder.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "qari failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The seed at width 60 with --pad: every row exactly 60 cells (right-aligned), and the first
/// row ends, at its right edge, with the article's first word.
#[test]
fn seed_right_aligned_first_words_first() {
    let out = stdout(&qari(&["render", "--width", "60", "--pad", SEED], b""));
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows.len() > 10);
    for row in &rows {
        assert_eq!(text_width(row), 60, "{row:?}");
    }
    let seed = std::fs::read_to_string(SEED).unwrap();
    let first_word = seed.split(' ').next().unwrap();
    let opts = LayoutOptions { width: 0, base: BaseDirection::Rtl, shape: true, reorder: true };
    let shown = &layout_paragraph(first_word, &opts)[0].text;
    assert!(rows[0].ends_with(shown.as_str()), "{:?} should end with {shown:?}", rows[0]);
    // Guillemets point outward somewhere in the article: «…» in visual order.
    assert!(out.contains('«') && out.contains('»'));
}

/// Without --pad: no padding, no trailing spaces, no line wider than the width.
#[test]
fn no_padding_no_trailing_spaces() {
    let out = stdout(&qari(&["render", "--width", "40", SEED], b""));
    for row in out.lines() {
        assert!(!row.ends_with(' ') && !row.starts_with(' '), "{row:?}");
        assert!(text_width(row) <= 40);
    }
}

/// Each non-empty line is a paragraph; empty lines stay; `-` reads stdin; nothing is added.
#[test]
fn paragraphs_and_empty_lines() {
    let out =
        stdout(&qari(&["render", "--no-shape", "--width", "0", "-"], "سلام\n\nعليكم\n".as_bytes()));
    assert_eq!(out, "مالس\n\nمكيلع\n");
    // U+2029 PARAGRAPH SEPARATOR ends a paragraph as a newline does (the code review: only
    // the reader honoured it).
    let out = stdout(&qari(
        &["render", "--no-shape", "--width", "0", "-"],
        "سلام\u{2029}عليكم\n".as_bytes(),
    ));
    assert_eq!(out, "مالس\nمكيلع\n");
    // No FILE at all reads stdin too.
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0"], "abc".as_bytes()));
    assert_eq!(out, "abc\n");
}

/// The default base is the document's dominant direction: an Arabic paragraph that starts with
/// NATO still reads right to left; a paragraph almost all in the other direction (an English
/// quotation in an Arabic article) takes that one. `--base auto` is UAX #9's per paragraph.
#[test]
fn default_base_is_the_documents_direction() {
    let doc = "NATO قال\nقال الأمين العام إن الحلف سيجتمع مجددا في الشهر المقبل\n\
               The alliance will meet in May.\n"
        .as_bytes();
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0"], doc));
    assert_eq!(out.lines().next(), Some("لاق NATO"));
    assert_eq!(out.lines().nth(2), Some("The alliance will meet in May."));
    let rtl = stdout(&qari(&["render", "--no-shape", "--width", "0", "--base", "rtl"], doc));
    assert_eq!(rtl.lines().nth(2), Some(".The alliance will meet in May"));
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0", "--base", "auto"], doc));
    assert_eq!(out.lines().next(), Some("NATO لاق"));
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0", "--base", "ltr"], doc));
    assert!(out.lines().nth(1).is_some_and(|l| l.ends_with("ماعلا نيمألا لاق")));
    // The document's direction is the reader's: an Arabic brief whose source URL and contact
    // address outweigh its Arabic letters is still right-to-left.
    let brief = "أعلن الحلف عقد اجتماع طارئ.\n\
                 المصدر: https://www.reuters.com/world/asia-pacific/nato-chief-says-china-is-a-challenge\n\
                 للمراسلة: newsroom.arabic@reuters-international.example.com\n"
        .as_bytes();
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0"], brief));
    assert_eq!(out.lines().nth(1), Some("https://www.reuters.com/world/asia-pacific/nato-chief-says-china-is-a-challenge :ردصملا"));
    let kinds = qari::doc::load("brief.txt", brief).unwrap().direction;
    assert_eq!(kinds, qari::doc::TextDirection::Rtl);
}

/// Not a tty: the default width is 80.
#[test]
fn default_width_is_80_off_a_terminal() {
    let para = "كلمة ".repeat(100);
    let out = stdout(&qari(&["render"], para.as_bytes()));
    let widths: Vec<usize> = out.lines().map(text_width).collect();
    assert!(widths.len() > 1);
    assert!(widths.iter().all(|&w| w <= 80));
    assert!(widths[0] >= 75, "first row filled: {}", widths[0]);
}

/// BOM dropped, CRLF accepted, control characters never printed.
#[test]
fn bom_crlf_and_controls() {
    let out = stdout(&qari(&["render", "--width", "0"], b"\xEF\xBB\xBFabc\r\ndef\x1b[2J\r\n"));
    assert_eq!(out, "abc\ndef\u{241B}[2J\n");
    assert!(!out.bytes().any(|b| b == 0x1b || b == b'\r'));
    // Lone carriage returns end lines in a text without a line feed, as the reader and
    // inspect read them (fuzzing: render made one paragraph of such a file).
    let out = stdout(&qari(&["render", "--width", "0"], b"abc\rdef\r\rghi\r"));
    assert_eq!(out, "abc\ndef\n\nghi\n");
}

/// Bad input: one line on stderr, exit code 1; bad usage: exit code 2.
#[test]
fn errors() {
    let out = qari(&["render", "-"], b"abc\xFFdef");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("invalid UTF-8") && err.contains("byte offset 3"), "{err}");

    let out = qari(&["render", "-"], b"abc\0def");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("binary"), "{err}");

    let out = qari(&["render", "/nonexistent/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);

    // Bad usage: exit code 2, one line that names the argument, as every other error.
    for args in [
        &["render", "--base", "up"][..],
        &["render", "--width", "-3"],
        &["render", "--width", "18446744073709551615", "--pad"],
        &["render", "--no-such-flag"],
        &["--no-such-flag"],
        // A listening address with no port or a port out of range (QA round 41: exit 1).
        &["serve", "--listen", "127.0.0.1:99999"],
        &["serve", "--listen", "localhost"],
        &["serve", "--listen", "::1"],
    ] {
        let out = qari(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("qari: ") && err.contains("--"), "{args:?}: {err}");
    }
    // clap's hints stay on that line: the values allowed, a likely spelling.
    let err = String::from_utf8_lossy(&qari(&["render", "--base", "up"], b"").stderr).into_owned();
    assert!(err.contains("rtl, ltr, auto"), "{err}");
    let err = String::from_utf8_lossy(&qari(&["render", "--widht", "4"], b"").stderr).into_owned();
    assert!(err.contains("--width?"), "{err}");
    // A negative width is a bad value of --width, not an unknown option.
    let err = String::from_utf8_lossy(&qari(&["render", "--width", "-3"], b"").stderr).into_owned();
    assert!(err.contains("invalid value '-3' for '--width <N>'"), "{err}");
    // Two paths, or a subcommand after a path (QA round 51: «the subcommand 'b.md' cannot be
    // used with '[PATH]'»): said as the user sees it.
    let out = qari(&["a.txt", "b.md"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("one document or directory at a time: 'b.md'"), "{err}");
    let err = String::from_utf8_lossy(&qari(&["a.txt", "it's b.md"], b"").stderr).into_owned();
    assert!(err.contains("'it's b.md' is a second path"), "{err}");
    let err = String::from_utf8_lossy(&qari(&["a.txt", "render"], b"").stderr).into_owned();
    assert!(err.contains("the subcommand comes first: qari render PATH"), "{err}");
}

/// A reader that goes away (`| head -1`) is not an error: exit 0, nothing on stderr.
#[test]
fn closed_pipe_is_quiet() {
    let big = "سلام عليكم ورحمة الله\n".repeat(200_000);
    let path = std::env::temp_dir().join(format!("qari-epipe-{}.txt", std::process::id()));
    std::fs::write(&path, big).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["render", "--width", "80"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "status {:?}", out.status);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A paragraph over 1 MiB (a huge scraped line) is laid out in pieces cut after sentences, so
/// memory stays bounded: nothing is lost or added, no row is wider than asked, and the pieces
/// keep the whole paragraph's direction (`--base auto`: the first strong letter of the whole,
/// here the Latin "NATO", not of each piece).
#[test]
fn a_huge_paragraph_keeps_its_text_width_and_direction() {
    let mut text = String::from("NATO ");
    let mut i = 0;
    while text.len() < 3 << 19 {
        i += 1;
        text.push_str(&format!("هذه الجملة رقم {i} في فقرة طويلة جدا من مقال بلا عناوين. "));
    }
    let out = stdout(&qari(
        &["render", "--no-shape", "--width", "60", "--base", "auto", "-"],
        text.as_bytes(),
    ));
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows.iter().all(|r| text_width(r) <= 60));
    let letters = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(letters(&out), letters(&text));
    // In this left-to-right paragraph a sentence's period between Arabic words is R, shown at
    // the left of its row; only before the end of a piece (the paragraph's end for the layout)
    // is it L, on the right. So the rows ending with a period are the ends of the ~24 pieces of
    // at most 64 KiB, and there would be none but the last if the pieces were right-to-left.
    let ends = rows.iter().filter(|r| r.ends_with('.')).count();
    assert!((20..=30).contains(&ends), "{ends} rows end a piece");
    assert!(rows.last().is_some_and(|r| r.ends_with('.')));
}

/// Each piece of a huge paragraph is laid out in the context of the text before it (QA round
/// 48): a sentence opening with «12.5%» after Arabic text reads «%12.5» (UAX #9 W2 makes the
/// number Arabic) at a piece's start as everywhere else; only the paragraph's first one, with
/// no letter before it, reads «12.5%».
#[test]
fn every_piece_of_a_huge_paragraph_keeps_its_context() {
    let text = "12.5% من الأصوات ذهبت إلى الحزب الحاكم في الانتخابات. ".repeat(11_500);
    let out = stdout(&qari(&["render", "--width", "80", "--base", "rtl", "-"], text.as_bytes()));
    let european = out.matches("12.5%").count();
    assert_eq!(european, 1, "{european} rows read 12.5% (of {})", out.matches("12.5").count());
}

/// `--width 0` asks for one line a paragraph: a paragraph over 1 MiB too (not cut in pieces).
#[test]
fn no_wrapping_keeps_a_huge_paragraph_on_one_line() {
    let text = "هذه جملة من فقرة طويلة جدا. ".repeat(30_000);
    assert!(text.len() > 1 << 20);
    let out = stdout(&qari(&["render", "--no-shape", "--width", "0", "-"], text.as_bytes()));
    assert_eq!(out.lines().count(), 1);
}
