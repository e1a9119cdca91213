//! GNU FriBidi as an outside oracle for shaping and layout.
//!
//! `fribidi --rtl --nopad --nobreak` turns each logical line into its visual, shaped form. For
//! every line of `tests/data/fribidi/corpus.txt` and of the seed (whole, and split into
//! sentences), qari's layout with wrapping off and an RTL base must print exactly the same
//! string, after normalising fribidi's documented quirks (see [`normalise_visual`]) and nothing
//! else.
//!
//! Two comparisons:
//! - `shaping_agrees_with_fribidi`: fribidi's output put back into logical order (its `--vtol`
//!   map, mirroring off) against `shape::shape`; it does not depend on the bidi side.
//! - `layout_agrees_with_fribidi`: fribidi's visual string against `layout_paragraph`.
//!
//! fribidi is run from the tests (`scripts/test` installs `libfribidi-bin`). Without the binary
//! the tests are skipped with a loud message, unless `CI` is set: there a missing fribidi fails.

use std::io::Write;
use std::process::{Command, Stdio};

use qari::layout::shape::{joining_type, shape, JoiningType};
use qari::layout::{layout_paragraph, BaseDirection, LayoutOptions};

const CORPUS: &str = include_str!("data/fribidi/corpus.txt");
const SEED: &str = include_str!("../seeds/000_e9e75a8ffcffd115.txt");

/// The lines to compare: the corpus, the seed's lines, and the seed split into sentences.
fn lines() -> Vec<String> {
    let mut lines: Vec<String> = CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("# ") && *l != "#")
        .map(str::to_string)
        .collect();
    for seed_line in SEED.lines().filter(|l| !l.trim().is_empty()) {
        lines.push(seed_line.to_string());
        lines.extend(sentences(seed_line));
    }
    lines
}

/// `text` cut after each sentence end (. ؟ ! ؛) that a space follows.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(2) {
        let ((_, c), (j, next)) = (w[0], w[1]);
        if matches!(c, '.' | '؟' | '!' | '؛') && next == ' ' {
            out.push(text[start..j].to_string());
            start = j + 1;
        }
    }
    out.push(text[start..].to_string());
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Runs fribidi with `args` on `lines` (one per line); its output lines. `None` when the binary
/// is missing outside CI (after saying so loudly).
fn fribidi(args: &[&str], lines: &[String]) -> Option<Vec<String>> {
    let child = Command::new("fribidi")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "fribidi not runnable in CI ({e}): scripts/test installs libfribidi-bin"
            );
            // Written to stderr directly, past the test harness's capture, so it shows.
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!!!!!! SKIPPED: fribidi oracle: cannot run `fribidi` ({e}).\n\
                 !!!!!!!! Install it (apt-get install libfribidi-bin) or run scripts/test.\n"
            );
            return None;
        }
    };
    let input = lines.join("\n") + "\n";
    let mut stdin = child.stdin.take().expect("stdin");
    // Write from another thread: fribidi answers line by line, the pipes must not both fill.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("fribidi output");
    writer.join().expect("writer thread").expect("write to fribidi");
    assert!(output.status.success(), "fribidi {args:?} failed: {}", output.status);
    let text = String::from_utf8(output.stdout).expect("fribidi prints UTF-8");
    Some(text.lines().map(str::to_string).collect())
}

const LAM_INITIAL: char = '\u{FEDF}';
const LAM_MEDIAL: char = '\u{FEE0}';
const HAMZA: char = '\u{0621}';
const HAMZA_ISOLATED: char = '\u{FE80}';

fn is_lam_alef(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// A combining mark (haraka and the like): transparent for joining, but not a format char.
fn is_mark(c: char) -> bool {
    joining_type(c) == JoiningType::T
        && !matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// The lam-alef ligature for an alef's final form after lam in its initial (isolated ligature)
/// or medial form (final ligature).
fn ligature(alef_final: char, lam: char) -> Option<char> {
    let isolated = match alef_final {
        '\u{FE82}' => '\u{FEF5}', // آ
        '\u{FE84}' => '\u{FEF7}', // أ
        '\u{FE88}' => '\u{FEF9}', // إ
        '\u{FE8E}' => '\u{FEFB}', // ا
        _ => return None,
    };
    match lam {
        LAM_INITIAL => Some(isolated),
        LAM_MEDIAL => char::from_u32(isolated as u32 + 1),
        _ => None,
    }
}

/// fribidi's visual output with its documented quirks undone, and nothing else.
fn normalise_visual(fribidi: &str) -> String {
    let chars: Vec<char> = fribidi.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Quirk 1: fribidi keeps the line length when it ligates lam + alef and leaves U+FEFF
        // (ZWNBSP) in the swallowed letter's place: right after the ligature (and the marks
        // that follow it) in visual order. Only such a U+FEFF is dropped.
        if c == '\u{FEFF}' {
            let before = out.iter().rev().find(|&&p| !is_mark(p));
            if before.is_some_and(|&p| is_lam_alef(p)) {
                i += 1;
                continue;
            }
        }
        // Quirk 2: fribidi shapes only joining letters, so hamza (U+0621, Joining_Type U) stays
        // a letter; qari prints its one presentation form, the isolated U+FE80.
        if c == HAMZA {
            out.push(HAMZA_ISOLATED);
            i += 1;
            continue;
        }
        // Quirk 3: fribidi does not ligate lam + haraka + alef: visually it prints the alef's
        // final form (and the alef's own harakat), then lam (initial or medial) and its
        // harakat. qari prints one ligature, then the harakat in logical order: lam's, then
        // alef's. Only with at least one haraka on the lam (without, fribidi ligates itself).
        let alef_marks = chars[i + 1..].iter().take_while(|&&m| is_mark(m)).count();
        let lam_at = i + 1 + alef_marks;
        let lam_marks = chars
            .get(lam_at + 1..)
            .map_or(0, |rest| rest.iter().take_while(|&&m| is_mark(m)).count());
        if let Some(lig) = chars.get(lam_at).and_then(|&lam| ligature(c, lam)) {
            if lam_marks > 0 {
                out.push(lig);
                out.extend(&chars[lam_at + 1..lam_at + 1 + lam_marks]);
                out.extend(&chars[i + 1..lam_at]);
                i = lam_at + 1 + lam_marks;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect()
}

/// Code points around the first difference, for the failure report.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<char>, Vec<char>) = (expected.chars().collect(), actual.chars().collect());
    let at = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let window = |v: &[char]| {
        v[at.saturating_sub(3)..(at + 6).min(v.len())]
            .iter()
            .map(|c| format!("{:04X}", *c as u32))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "first difference at char {at} (of {} / {}):\n    fribidi: [{}]\n    qari:    [{}]\n    \
         fribidi: {expected}\n    qari:    {actual}",
        e.len(),
        a.len(),
        window(&e),
        window(&a)
    )
}

/// Reports every differing line and fails if there is one.
fn report(what: &str, compared: usize, failures: &[(String, String)]) {
    eprintln!("fribidi oracle ({what}): compared {compared} lines, {} differ", failures.len());
    for (line, d) in failures {
        eprintln!("--- line: {line}\n    {d}");
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {compared} lines differ from fribidi",
        failures.len()
    );
}

#[test]
fn corpus_is_rich_enough() {
    // The corpus must keep exercising what the oracle is for.
    let all = lines().join("\n");
    for (what, present) in [
        ("harakat", all.contains('\u{064E}')),
        ("lam-alef", all.contains("لا")),
        ("lam + haraka + alef", all.contains("لَا")),
        ("tatweel", all.contains('ـ')),
        ("ZWNJ", all.contains('\u{200C}')),
        ("«»", all.contains('«') && all.contains('»')),
        ("URL", all.contains("https://")),
        ("e-mail", all.contains('@')),
        ("percent", all.contains('%') && all.contains('٪')),
        ("emoji", all.contains('😀')),
        ("Persian", all.contains('پ')),
        ("Urdu", all.contains('ے')),
        ("hamza", all.contains('ء')),
        ("legacy forms", all.contains('ﻼ')),
    ] {
        assert!(present, "corpus lacks {what}");
    }
    assert!(lines().len() >= 100, "corpus too small: {}", lines().len());
}

#[test]
fn quirk_normalisation_is_narrow() {
    // FEFF after a lam-alef (and its marks) goes, any other FEFF stays.
    assert_eq!(normalise_visual("\u{FEFB}\u{064B}\u{FEFF}x\u{FEFF}"), "\u{FEFB}\u{064B}x\u{FEFF}");
    // Alef final + lam + haraka becomes the ligature; without a haraka it stays.
    assert_eq!(normalise_visual("ﺎﻟَ"), "ﻻَ");
    assert_eq!(normalise_visual("ﺎﻠَّ"), "ﻼَّ");
    assert_eq!(normalise_visual("ﺎﻟ"), "ﺎﻟ");
    assert_eq!(normalise_visual("ﺎَﻟ"), "ﺎَﻟ");
    // With a haraka on the alef too (لِلْأَطْفَال): lam's sukun, then alef's fatha.
    assert_eq!(normalise_visual("ﺄَﻠْ"), "ﻸْ\u{064E}");
    // Hamza, and only hamza, takes its isolated form.
    assert_eq!(normalise_visual("ءﺀا"), "ﺀﺀا");
    // The same in logical order.
    let logical = |s: &str| normalise_logical(&s.chars().collect::<Vec<_>>());
    assert_eq!(logical("ﺳ\u{FEFF}ﻼﻡ \u{FEFF}x"), "ﺳﻼﻡ \u{FEFF}x");
    assert_eq!(logical("ﻟَﺎ"), "ﻻَ");
    assert_eq!(logical("ﻟﺎ"), "ﻟﺎ");
    assert_eq!(logical("ء"), "ﺀ");
}

/// Shaping alone: fribidi's output, put back into logical order, against `shape`.
#[test]
fn shaping_agrees_with_fribidi() {
    let lines = lines();
    // `--nomirror` does not turn mirroring off in fribidi 1.0.8's CLI: ask for the levels and
    // mirror back the chars at odd levels (UAX #9 L4 is an involution on BidiMirroring pairs).
    let args = ["--rtl", "--nopad", "--nobreak", "--vtol", "--levels"];
    let Some(out) = fribidi(&args, &lines) else { return };
    assert_eq!(out.len(), 3 * lines.len(), "fribidi prints a visual line, vtol, levels per line");
    let mut failures = Vec::new();
    for (line, triple) in lines.iter().zip(out.chunks(3)) {
        let numbers = |s: &str| -> Vec<usize> {
            s.split_whitespace().map(|n| n.parse().expect("fribidi index or level")).collect()
        };
        let visual: Vec<char> = triple[0].chars().collect();
        let (vtol, levels) = (numbers(&triple[1]), numbers(&triple[2]));
        assert_eq!((vtol.len(), levels.len()), (visual.len(), visual.len()), "maps of {line}");
        let mut logical = vec!['\0'; visual.len()];
        for (v, &l) in vtol.iter().enumerate() {
            let c = visual[v];
            logical[l] = match unicode_bidi_mirroring::get_mirrored(c) {
                Some(m) if levels[l] % 2 == 1 => m,
                _ => c,
            };
        }
        let expected = normalise_logical(&logical);
        let actual = shape(line).text;
        if actual != expected {
            failures.push((line.clone(), diff(&expected, &actual)));
        }
    }
    report("shaping, logical order", lines.len(), &failures);
}

/// fribidi's output in logical order with the quirks of [`normalise_visual`] undone; in this
/// order they read: U+FEFF in the lam's place before the ligature; lam (initial or medial),
/// harakat, alef final; U+0621.
fn normalise_logical(logical: &[char]) -> String {
    let mut out = String::with_capacity(logical.len() * 3);
    let mut i = 0;
    while i < logical.len() {
        let c = logical[i];
        if c == '\u{FEFF}' && logical.get(i + 1).is_some_and(|&n| is_lam_alef(n)) {
            // Quirk 1.
            i += 1;
            continue;
        }
        if c == HAMZA {
            // Quirk 2.
            out.push(HAMZA_ISOLATED);
            i += 1;
            continue;
        }
        let marks = logical[i + 1..].iter().take_while(|&&m| is_mark(m)).count();
        if marks > 0 {
            if let Some(lig) = logical.get(i + 1 + marks).and_then(|&alef| ligature(alef, c)) {
                // Quirk 3.
                out.push(lig);
                out.extend(&logical[i + 1..i + 1 + marks]);
                i += 2 + marks;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The whole engine: `layout_paragraph` (RTL, no wrapping) against fribidi's visual string.
#[test]
fn layout_agrees_with_fribidi() {
    let lines = lines();
    let Some(out) = fribidi(&["--rtl", "--nopad", "--nobreak"], &lines) else { return };
    assert_eq!(out.len(), lines.len(), "fribidi prints one visual line per line");
    let opts = LayoutOptions { width: 0, base: BaseDirection::Rtl, shape: true, reorder: true };
    let mut failures = Vec::new();
    for (line, visual) in lines.iter().zip(&out) {
        let expected = normalise_visual(visual);
        let laid_out = layout_paragraph(line, &opts);
        let actual = laid_out.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
        if laid_out.len() != 1 || actual != expected {
            failures.push((line.clone(), diff(&expected, &actual)));
        }
    }
    report("layout, visual order", lines.len(), &failures);
}
