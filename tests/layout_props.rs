//! Properties of `layout_paragraph` on random mixed-direction text: Arabic with harakat, Hebrew,
//! Latin, digits, brackets, spaces, BiDi controls, C0/C1 controls, newlines, emoji, and any
//! char at all.

use proptest::prelude::*;
use qari::layout::{layout_paragraph, text_width, BaseDirection, LayoutOptions, VisualLine};

/// Characters the engine takes into account but never prints (UAX #9 X9-removed, isolates,
/// implicit marks).
fn hidden(c: char) -> bool {
    use unicode_bidi::BidiClass::*;
    !c.is_control()
        && (matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
            || matches!(
                unicode_bidi::bidi_class(c),
                BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
            ))
}

fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A single char whose width terminals disagree on ([`qari::layout::unsure_width`]), which qari
/// shows as U+FFFD.
fn unsure_width(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if qari::layout::unsure_width(c))
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "ك", "ت", "ب", "ا", "ل", "م", "ن", "ي", "و", "ة", "ش", "ژ", "پ", "ی",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec!["\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{0670}"]).prop_map(String::from),
        3 => prop::sample::select(vec!["a", "b", "NATO", "x", "Q"]).prop_map(String::from),
        2 => prop::sample::select(vec!["1", "2024", "٣", "%", "-", "+", ".", ",", ":", "/"]).prop_map(String::from),
        3 => prop::sample::select(vec![" ", " ", "  ", "\u{00A0}", "\u{3000}"]).prop_map(String::from),
        2 => prop::sample::select(vec!["(", ")", "[", "]", "«", "»", "{", "}", "‹", "›"]).prop_map(String::from),
        1 => prop::sample::select(vec!["א", "ב", "ש"]).prop_map(String::from),
        1 => prop::sample::select(vec![
            "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
            "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200D}", "\u{200C}",
            "\u{200B}", "\u{FEFF}", "\u{00AD}",
        ]).prop_map(String::from),
        1 => prop::sample::select(vec![
            "\u{0}", "\u{7}", "\u{1b}", "\t", "\n", "\r\n", "\r", "\u{7f}", "\u{85}", "\u{9b}", "\u{2028}",
            "\u{2029}", "\u{1c}",
        ]).prop_map(String::from),
        1 => prop::sample::select(vec!["😀", "👍🏽", "中", "\u{0301}"]).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn base() -> impl Strategy<Value = BaseDirection> {
    prop::sample::select(vec![BaseDirection::Ltr, BaseDirection::Rtl, BaseDirection::Auto])
}

/// Checks that hold with or without shaping.
///
/// `shaped`: shaping may expand one source char (a legacy ligature such as ﶒ) into several
/// cells that all show it; then cells may share a range, but never partly overlap.
fn check_common(
    text: &str,
    width: usize,
    lines: &[VisualLine],
    shaped: bool,
) -> Result<(), TestCaseError> {
    prop_assert!(!lines.is_empty());
    // The lines tile the paragraph in logical order.
    prop_assert_eq!(lines[0].logical_range.start, 0);
    prop_assert_eq!(lines[lines.len() - 1].logical_range.end, text.len());
    for w in lines.windows(2) {
        prop_assert_eq!(w[0].logical_range.end, w[1].logical_range.start);
    }
    let mut covered = vec![false; text.len()];
    let mut seen_ranges = std::collections::HashSet::new();
    for line in lines {
        // No control or BiDi formatting character ever reaches the output.
        prop_assert!(
            !line.text.chars().any(|c| c.is_control() || is_bidi_format(c)),
            "control in {:?}",
            line.text
        );
        // No line wider than the width (a single cell wider than the line stands alone).
        if width > 0 {
            // (Cells expanded by shaping from one source char count as one cell here.)
            let one_source =
                line.cells.windows(2).all(|w| w[0].logical_range == w[1].logical_range);
            prop_assert!(line.width <= width || one_source, "{} > {width}", line.width);
        }
        let sum: usize = line.cells.iter().map(|c| c.width as usize).sum();
        prop_assert_eq!(sum, line.width);
        let mut end = 0;
        for (i, c) in line.cells.iter().enumerate() {
            prop_assert!(c.width == 1 || c.width == 2);
            prop_assert_eq!(c.visual_range.start, end, "cells tile the text");
            end = c.visual_range.end;
            prop_assert!(!line.cell_text(i).is_empty());
            // Every cell lies within its line and no two cells show the same source: visual
            // order is a permutation of the logical one.
            prop_assert!(line.logical_range.start <= c.logical_range.start);
            prop_assert!(c.logical_range.end <= line.logical_range.end);
            if shaped && !seen_ranges.insert(c.logical_range.clone()) {
                continue; // the same source char again, expanded by shaping
            }
            for b in c.logical_range.clone() {
                prop_assert!(!covered[b], "byte {b} shown twice");
                covered[b] = true;
            }
        }
        prop_assert_eq!(end, line.text.len());
    }
    // The cell map covers the paragraph: every char not shown is an invisible formatting
    // character, or a space (or newline) dropped at a line break.
    for (b, c) in text.char_indices() {
        if !covered[b] {
            let dropped_space = width > 0 && (c.is_whitespace() || c == '\t');
            prop_assert!(hidden(c) || dropped_space, "U+{:04X} not shown", c as u32);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn layout_properties_without_shaping(text in paragraph(), width in 0usize..24, base in base()) {
        let opts = LayoutOptions { width, base, shape: false, reorder: true };
        let lines = layout_paragraph(&text, &opts);
        check_common(&text, width, &lines, false)?;
        // The lines hold exactly the paragraph's characters: each cell shows its own source,
        // mirrored or replaced by a placeholder, after a dotted circle if it has no base.
        for line in &lines {
            for (i, c) in line.cells.iter().enumerate() {
                let shown = line.cell_text(i);
                let shown = shown.strip_prefix('\u{25CC}').unwrap_or(shown);
                let src = &text[c.logical_range.clone()];
                if src.starts_with(|ch: char| ch.is_control()) || src == "\u{2028}" || src == "\u{2029}" {
                    prop_assert_eq!(shown.chars().count(), 1);
                    continue;
                }
                if shown == "\u{FFFD}" && unsure_width(src) {
                    continue;
                }
                // A soft hyphen shows only where a line breaks after it, as a hyphen.
                if src == "\u{ad}" {
                    prop_assert_eq!(shown, "-");
                    continue;
                }
                // The cell shows its source char by char (mirrored or not); a ZWJ/ZWNJ ending a
                // reversed cluster is printed before it.
                let same = |shown: &str| {
                    shown.chars().count() == src.chars().count()
                        && shown.chars().zip(src.chars()).all(|(s, o)| {
                            s == o || unicode_bidi_mirroring::get_mirrored(o) == Some(s)
                        })
                };
                let body = src.trim_end_matches(['\u{200C}', '\u{200D}']);
                let tail = &src[body.len()..];
                let rotated = match shown.strip_prefix(tail) {
                    Some(rest) if !tail.is_empty() => format!("{rest}{tail}"),
                    _ => shown.to_string(),
                };
                prop_assert!(same(shown) || same(&rotated), "{:?} shows {:?}", src, shown);
            }
        }
    }

    #[test]
    fn layout_properties_with_shaping(text in paragraph(), width in 0usize..24, base in base()) {
        let opts = LayoutOptions { width, base, shape: true, reorder: true };
        check_common(&text, width, &layout_paragraph(&text, &opts), true)?;
    }

    #[test]
    fn layout_properties_logical_order(text in paragraph(), width in 0usize..24, base in base()) {
        let opts = LayoutOptions { width, base, shape: true, reorder: false };
        let lines = layout_paragraph(&text, &opts);
        check_common(&text, width, &lines, false)?;
        // Logical order: cells in ascending source order.
        for line in &lines {
            prop_assert!(line.cells.windows(2).all(|w| w[0].logical_range.end <= w[1].logical_range.start));
        }
    }

    /// The printed text measures what the cells say, with the one width function.
    #[test]
    fn text_width_agrees_with_cells(
        text in prop::collection::vec(prop::sample::select(vec![
            "ك", "ت", "\u{064E}", "a", "1", " ", "(", "«", "😀", "中", "\u{7}", "\u{202B}", "\u{0301}",
        ]), 0..30).prop_map(|v| v.concat()),
        width in 0usize..12,
        base in base(),
    ) {
        let opts = LayoutOptions { width, base, shape: false, reorder: true };
        for line in layout_paragraph(&text, &opts) {
            prop_assert_eq!(text_width(&line.text), line.width, "{:?}", line.text);
        }
    }

    /// Total on any string at all.
    #[test]
    fn any_string_any_width(text in any::<String>(), width in 0usize..200, base in base(), shape: bool) {
        let lines = layout_paragraph(&text, &LayoutOptions { width, base, shape, reorder: true });
        check_common(&text, width, &lines, shape)?;
        let line = qari::layout::fit_line(&text, width, base, shape);
        prop_assert!(line.width <= width);
        prop_assert!(!line.text.chars().any(|c| c.is_control() || is_bidi_format(c)));
    }

    /// `piece_end` cuts any text into pieces that tile it: none empty, none longer than `max`,
    /// each ending on a char boundary.
    #[test]
    fn pieces_tile_any_text(text in paragraph(), max in 4usize..64) {
        let mut start = 0;
        while start < text.len() {
            let end = qari::layout::piece_end(&text, start, max);
            prop_assert!(end > start && end - start <= max, "{}..{} of {}", start, end, text.len());
            prop_assert!(text.is_char_boundary(end));
            start = end;
        }
    }
}
