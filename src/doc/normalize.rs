//! Arabic-aware folding of a text into a matching copy, with a map back to the original.
//!
//! Actor matching and search both run on a *folded* copy of the text: alef and hamza forms folded
//! to bare alef, hamza on waw or yaa to a bare hamza (مسؤول and مسئول alike), taa marbuta to haa, alef maqsura to yaa, harakat and tatweel dropped, Latin
//! lowercased, presentation forms (legacy "shaped" text) decomposed to letters with NFKC, Persian
//! kaf/yeh folded to their Arabic forms, Arabic-Indic digits folded to ASCII, format characters
//! (ZWJ, bidi marks) dropped and every run of white space made a single space. Each folded piece
//! remembers the original range it came from, so a match in the folded copy maps back to a range
//! of the original text on char boundaries.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// A folded copy of a text and the map back to the original.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Segments in order, each a folded byte range and the original byte range it came from.
    /// A *linear* segment maps byte for byte (same-length substitutions such as أ → ا); any
    /// other segment is one original char whose folded form has another length, and maps as a
    /// whole.
    segs: Vec<Seg>,
}

#[derive(Clone, Copy, Debug)]
struct Seg {
    folded_start: usize,
    folded_end: usize,
    orig_start: usize,
    orig_end: usize,
    linear: bool,
}

/// True for harakat, Quranic annotation marks, superscript alef and tatweel: dropped on folding.
pub fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{08D3}'..='\u{08FF}')
}

/// Invisible format characters dropped on folding (ZWSP/ZWNJ/ZWJ, bidi marks and controls, BOM).
pub fn is_dropped_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}')
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Folds one char (not white space, not a dropped mark) into `out`.
fn fold_char(c: char, out: &mut String) {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => out.push('ا'),
        'ة' => out.push('ه'),
        // The seat of a medial hamza varies with the writer (مسؤول، مسئول).
        'ؤ' | 'ئ' => out.push('ء'),
        'ى' | 'ی' | 'ې' => out.push('ي'),
        'ک' => out.push('ك'),
        '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if is_presentation_form(c) => {
            for d in std::iter::once(c).nfkc() {
                if d != c && !is_dropped_mark(d) && !is_space(d) {
                    fold_char(d, out);
                } else if d == c {
                    out.push(c);
                }
            }
        }
        c if c.is_uppercase() => out.extend(c.to_lowercase()),
        c => out.push(c),
    }
}

/// A letter or digit (a word char for matching and heading detection), with fast paths for
/// ASCII and the Arabic letters.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{060C}' | '\u{061B}' | '\u{061F}' => false,
        c => c.is_alphanumeric(),
    }
}

/// White space, with a fast path for ASCII and the Arabic letters.
#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c == '\u{0B}';
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return false;
    }
    c.is_whitespace()
}

/// True when `fold_char` maps `c` to itself (most Arabic letters and lowercase ASCII).
#[inline]
fn folds_to_itself(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' => true,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ة' | 'ى' | 'ؤ' | 'ئ' => false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => false,
    }
}

/// Folds a short string such as an alias, a query or a word: the same text as
/// [`fold`]`(s).text`, without the offset map.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if is_dropped_mark(c) || is_dropped_format(c) {
            continue;
        }
        if is_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if folds_to_itself(c) {
            out.push(c);
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Folds `text` into a matching copy with its offset map.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded { text: String::with_capacity(text.len()), segs: Vec::new() };
    let mut in_space = false;
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if folds_to_itself(c) {
            in_space = false;
            // Fast path: extend the current linear segment when it is contiguous.
            if let Some(last) = out.segs.last_mut() {
                if last.linear && last.folded_end == out.text.len() && last.orig_end == i {
                    out.text.push(c);
                    last.folded_end = out.text.len();
                    last.orig_end = end;
                    continue;
                }
            }
            let mut tmp = [0u8; 4];
            out.push_piece(c.encode_utf8(&mut tmp), i..end, true);
            continue;
        }
        if is_dropped_mark(c) || is_dropped_format(c) {
            continue;
        }
        if is_space(c) {
            if in_space {
                // Extend the space's segment over the whole run (it is non-linear then).
                if let Some(last) = out.segs.last_mut() {
                    if last.linear && last.folded_end - last.folded_start > 1 {
                        // The run's first space (one byte, ' ') was merged into the linear
                        // segment before it: split it off into a segment of its own.
                        last.folded_end -= 1;
                        last.orig_end -= 1;
                        let seg = Seg {
                            folded_start: last.folded_end,
                            folded_end: last.folded_end + 1,
                            orig_start: last.orig_end,
                            orig_end: end,
                            linear: false,
                        };
                        out.segs.push(seg);
                    } else {
                        last.orig_end = end;
                        last.linear = false;
                    }
                }
                continue;
            }
            in_space = true;
            out.push_piece(" ", i..end, false);
            continue;
        }
        in_space = false;
        buf.clear();
        fold_char(c, &mut buf);
        let linear = buf.len() == c.len_utf8();
        out.push_piece(&buf, i..end, linear);
    }
    out
}

impl Folded {
    fn push_piece(&mut self, piece: &str, orig: Range<usize>, linear: bool) {
        if piece.is_empty() {
            return;
        }
        let folded_start = self.text.len();
        self.text.push_str(piece);
        let folded_end = self.text.len();
        // A lone space is linear too, unless a run follows (then `fold` splits it off and
        // marks it). Merging it keeps one segment per run of linear text rather than one per
        // word: 40 bytes per word were 4× the text's own size on a 10 MB document.
        let linear = linear || (piece == " " && orig.len() == 1);
        if linear {
            if let Some(last) = self.segs.last_mut() {
                if last.linear && last.folded_end == folded_start && last.orig_end == orig.start {
                    last.folded_end = folded_end;
                    last.orig_end = orig.end;
                    return;
                }
            }
        }
        self.segs.push(Seg {
            folded_start,
            folded_end,
            orig_start: orig.start,
            orig_end: orig.end,
            linear,
        });
    }

    /// The original byte offset where the folded char at `folded` starts.
    pub fn orig_start(&self, folded: usize) -> usize {
        let idx = self.segs.partition_point(|s| s.folded_end <= folded);
        match self.segs.get(idx) {
            Some(s) if s.folded_start <= folded => {
                if s.linear {
                    s.orig_start + (folded - s.folded_start)
                } else {
                    s.orig_start
                }
            }
            Some(s) => s.orig_start,
            None => self.segs.last().map_or(0, |s| s.orig_end),
        }
    }

    /// The original byte offset where the folded text ending at `folded` (exclusive) ends.
    pub fn orig_end(&self, folded: usize) -> usize {
        let idx = self.segs.partition_point(|s| s.folded_end < folded);
        match self.segs.get(idx) {
            Some(s) if s.folded_start < folded => {
                if s.linear {
                    s.orig_start + (folded - s.folded_start)
                } else {
                    s.orig_end
                }
            }
            Some(s) => s.orig_start,
            None => self.segs.last().map_or(0, |s| s.orig_end),
        }
    }

    /// Maps a folded range back to the original text, extended over any harakat or tatweel that
    /// follow its last letter (they belong to it on screen).
    pub fn orig_range(&self, folded: Range<usize>, original: &str) -> Range<usize> {
        let start = self.orig_start(folded.start);
        let mut end = self.orig_end(folded.end).max(start);
        if let Some(rest) = original.get(end..) {
            for c in rest.chars() {
                if is_dropped_mark(c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str, needle: &str) -> Vec<String> {
        let f = fold(text);
        let n = fold_str(needle);
        f.text
            .match_indices(&n)
            .map(|(i, m)| text[f.orig_range(i..i + m.len(), text)].to_string())
            .collect()
    }

    #[test]
    fn folds_alef_forms_taa_marbuta_and_maqsura() {
        assert_eq!(fold_str("أإآٱ"), "اااا");
        assert_eq!(fold_str("الصينية"), "الصينيه");
        assert_eq!(fold_str("أخرى"), "اخري");
    }

    #[test]
    fn hamza_seats_fold_alike() {
        // مسؤول and مسئول are the same word; the map gives back the original spelling.
        assert_eq!(fold_str("مسؤول"), fold_str("مسئول"));
        assert_eq!(map("قال المسئولون", "المسؤولون"), vec!["المسئولون"]);
        assert_ne!(fold_str("سؤال"), fold_str("سوال"));
    }

    #[test]
    fn drops_harakat_and_tatweel_and_maps_back_over_them() {
        // The damma on the last letter stays inside the mapped range (same grapheme).
        assert_eq!(map("رأى اليابانُ ذلك", "اليابان"), vec!["اليابانُ"]);
        assert_eq!(map("الصـــين", "الصين"), vec!["الصـــين"]);
    }

    #[test]
    fn presentation_forms_fold_to_letters_and_map_to_whole_chars() {
        // ﺍﻟﺼﻴﻦ is الصين written in presentation forms B.
        let text = "ﻭﺍﻟﺼﻴﻦ";
        assert_eq!(map(text, "الصين"), vec!["ﺍﻟﺼﻴﻦ"]);
        // Lam-alef ligature decomposes to two letters.
        assert_eq!(fold_str("ﻻ"), "لا");
    }

    #[test]
    fn words_and_single_spaces_are_one_segment() {
        // The offset map stays small: letters that fold to themselves and single spaces form
        // one linear segment, not one per word (a 10 MB article had 1.5 million).
        let text = "قال الأمين العام لحلف الناتو إن اليابان";
        let f = fold(text);
        // أ → ا has the same length: still linear, still one segment.
        assert_eq!(f.segs.len(), 1, "{:?}", f.segs);
        assert_eq!(map(text, "الامين العام"), vec!["الأمين العام"]);
        // A run of spaces after a word is split off (it maps as a whole), the words around it
        // still map byte for byte.
        let text = "قال  الناتو واليابان";
        assert_eq!(fold(text).segs.len(), 3);
        assert_eq!(map(text, "قال الناتو"), vec!["قال  الناتو"]);
        assert_eq!(map(text, "واليابان"), vec!["واليابان"]);
    }

    #[test]
    fn white_space_runs_are_one_space() {
        assert_eq!(map("كوريا \r\n  الشمالية", "كوريا الشمالية"), vec!["كوريا \r\n  الشمالية"]);
        assert_eq!(fold_str("NATO  Summit"), "nato summit");
    }

    #[test]
    fn fold_str_is_the_folded_text() {
        for s in ["  أَهْلًا\u{200f}  بالعالم ﻻ ABC ٣ ", "", "ـــ", "x\r\n\ty"]
        {
            assert_eq!(fold_str(s), fold(s).text, "{s:?}");
        }
    }

    #[test]
    fn arabic_indic_digits_fold_to_ascii() {
        assert_eq!(map("عام ٢٠٢٤ م", "2024"), vec!["٢٠٢٤"]);
    }
}
