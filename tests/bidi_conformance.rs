//! Unicode's own BiDi conformance suite, BidiCharacterTest.txt (Debian `unicode-data`,
//! /usr/share/unicode/), run through `layout_paragraph` with wrapping and shaping off.
//!
//! The file tests UAX #9 up to L2 by code point. qari's engine goes further, and the expectations
//! are adjusted for exactly that, nothing else:
//! - L3: qari reverses right-to-left runs by grapheme cluster, so a cluster (same level) keeps
//!   its logical order inside: in the expected order, consecutive indices of one cluster at one
//!   level are put back in logical order.
//! - Characters qari takes into account but never prints (isolates, LRM/RLM/ALM) are left out of
//!   the expected order, as the file already leaves out the X9-removed ones.
//! - L4: every printed character at an odd level (field 3) must show as its mirror glyph.
//! - A ZWJ/ZWNJ that ends a cluster at an odd level is printed before the cluster (between it and
//!   the next cluster, which is to its left once reversed), as FriBidi prints it.
//!
//! unicode-bidi's tables may be of a newer Unicode version than the test file. A case that fails
//! only because one of its characters changed Bidi_Class between the two versions (checked against
//! the UnicodeData.txt next to the test file) is listed with that character, counted and printed,
//! never silently skipped; every other failure fails the test.

use std::collections::HashMap;
use std::fs;

use qari::layout::{layout_paragraph, BaseDirection, LayoutOptions};
use unicode_segmentation::UnicodeSegmentation;

const TEST_FILE: &str = "/usr/share/unicode/BidiCharacterTest.txt";
const UCD_FILE: &str = "/usr/share/unicode/UnicodeData.txt";

fn printed_hidden(c: char) -> bool {
    // Isolates and implicit marks: resolved by the file, not printed by qari.
    matches!(c, '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Bidi_Class of the test file's Unicode version, from its UnicodeData.txt (explicit entries
/// and First/Last ranges; unlisted code points are reported as "?").
fn ucd_classes() -> HashMap<u32, String> {
    let mut m = HashMap::new();
    let Ok(data) = fs::read_to_string(UCD_FILE) else { return m };
    let mut first: Option<u32> = None;
    for line in data.lines() {
        let f: Vec<&str> = line.split(';').collect();
        if f.len() < 5 {
            continue;
        }
        let cp = u32::from_str_radix(f[0], 16).unwrap();
        if f[1].ends_with("First>") {
            first = Some(cp);
            continue;
        }
        if f[1].ends_with("Last>") {
            for c in first.take().unwrap_or(cp)..=cp {
                m.insert(c, f[4].to_string());
            }
            continue;
        }
        m.insert(cp, f[4].to_string());
    }
    m
}

/// Runs one case; `Err` describes the difference.
fn run_case(cps: &[char], dir: &str, levels: &[Option<u8>], order: &[usize]) -> Result<(), String> {
    let text: String = cps.iter().collect();
    let base = match dir {
        "0" => BaseDirection::Ltr,
        "1" => BaseDirection::Rtl,
        _ => BaseDirection::Auto,
    };
    let opts = LayoutOptions { width: 0, base, shape: false, reorder: true };
    let lines = layout_paragraph(&text, &opts);
    if lines.len() != 1 {
        return Err(format!("{} lines", lines.len()));
    }
    let line = &lines[0];

    // Char index of each byte offset.
    let mut char_at = vec![usize::MAX; text.len() + 1];
    for (k, (b, _)) in text.char_indices().enumerate() {
        char_at[b] = k;
    }
    // Grapheme cluster of each char.
    let mut cluster = vec![0usize; cps.len()];
    for (g, (b, s)) in text.grapheme_indices(true).enumerate() {
        let k = char_at[b];
        for j in 0..s.chars().count() {
            cluster[k + j] = g;
        }
    }

    // Expected, adjusted for L3 and for the unprinted controls.
    let kept: Vec<usize> = order.iter().copied().filter(|&i| !printed_hidden(cps[i])).collect();
    let mut expected = Vec::with_capacity(kept.len());
    let mut i = 0;
    while i < kept.len() {
        let mut j = i + 1;
        while j < kept.len()
            && cluster[kept[j]] == cluster[kept[i]]
            && levels[kept[j]] == levels[kept[i]]
        {
            j += 1;
        }
        let mut group = kept[i..j].to_vec();
        group.sort_unstable();
        expected.extend(group);
        i = j;
    }

    // Actual: the chars each cell shows, in visual order, without the X9-removed ones.
    let mut actual = Vec::new();
    for (n, cell) in line.cells.iter().enumerate() {
        let shown = line.cell_text(n).strip_prefix('\u{25CC}').unwrap_or(line.cell_text(n));
        let src = &text[cell.logical_range.clone()];
        let start = char_at[cell.logical_range.start];
        // L4 against the file's levels, and placeholders for controls.
        let want: String = src
            .chars()
            .enumerate()
            .map(|(j, c)| {
                let odd = levels[start + j].is_some_and(|l| l % 2 == 1);
                if c.is_control() {
                    if matches!(c, '\t' | '\u{0B}') {
                        ' '
                    } else if (c as u32) < 0x20 {
                        char::from_u32(0x2400 + c as u32).unwrap()
                    } else if c == '\u{7F}' {
                        '\u{2421}'
                    } else {
                        '\u{FFFD}'
                    }
                } else if odd {
                    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        // A ZWJ/ZWNJ ending a cluster at an odd level is printed before it (it stands between
        // this cluster and the next one, which is to the left once reversed).
        let first_odd = levels[start].is_some_and(|l| l % 2 == 1);
        let body = want.trim_end_matches(['\u{200C}', '\u{200D}']);
        let want =
            if first_odd { format!("{}{}", &want[body.len()..], body) } else { want.clone() };
        if shown != want {
            return Err(format!("cell {n} shows {shown:?}, want {want:?}"));
        }
        for j in 0..src.chars().count() {
            if levels[start + j].is_some() {
                actual.push(start + j);
            }
        }
    }
    if actual != expected {
        return Err(format!("order {actual:?}, want {expected:?}"));
    }
    Ok(())
}

#[test]
fn bidi_character_test_all_cases() {
    let data = fs::read_to_string(TEST_FILE)
        .unwrap_or_else(|e| panic!("{TEST_FILE}: {e} (install the unicode-data package)"));
    let ucd = ucd_classes();
    let (mut total, mut passed) = (0usize, 0usize);
    let mut version_diffs: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for (lineno, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(';').collect();
        assert_eq!(f.len(), 5, "line {}: {line}", lineno + 1);
        let cps: Vec<char> = f[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let levels: Vec<Option<u8>> = f[3].split_whitespace().map(|l| l.parse().ok()).collect();
        let order: Vec<usize> = f[4].split_whitespace().map(|i| i.parse().unwrap()).collect();
        total += 1;
        match run_case(&cps, f[1], &levels, &order) {
            Ok(()) => passed += 1,
            Err(why) => {
                // Did a character of this case change Bidi_Class since the file's version?
                let changed: Vec<String> = cps
                    .iter()
                    .filter_map(|&c| {
                        let old = ucd.get(&(c as u32)).map_or("?", |s| s.as_str());
                        let new = format!("{:?}", unicode_bidi::bidi_class(c));
                        (old != new).then(|| format!("U+{:04X} {old}→{new}", c as u32))
                    })
                    .collect();
                let msg = format!("line {}: {} ({why})", lineno + 1, f[0]);
                if changed.is_empty() {
                    failures.push(msg);
                } else {
                    version_diffs.push(format!("{msg} [class changed: {}]", changed.join(", ")));
                }
            }
        }
    }
    eprintln!(
        "BidiCharacterTest: {passed}/{total} pass; {} differ only by a Bidi_Class change between \
         the file's Unicode version and unicode-bidi {:?}; {} fail",
        version_diffs.len(),
        unicode_bidi::UNICODE_VERSION,
        failures.len()
    );
    for d in &version_diffs {
        eprintln!("  version difference: {d}");
    }
    assert!(total > 90_000, "only {total} cases read");
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}
