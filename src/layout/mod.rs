//! Terminal layout of bidirectional, Arabic-shaped text.
//!
//! Input: one paragraph of logical text, a width in cells and a base direction. Output: visual
//! lines, each a sequence of cells in left-to-right screen order, and for every cell the logical
//! range of the source it shows. The pipeline is: shape (logical order) → wrap (UAX #14) → per
//! line: UAX #9 levels → reverse RTL runs by grapheme → mirror (L4).
//!
//! Everything here is total: any string, any width, no panic. Nothing here knows about
//! documents or terminals.

use std::ops::Range;

mod engine;
pub mod shape;
pub mod table;

pub use engine::unsure_width;

/// A resolved paragraph direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// The requested base direction of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BaseDirection {
    Ltr,
    Rtl,
    /// UAX #9 P2–P3: the first strong character decides; LTR when there is none.
    #[default]
    Auto,
}

impl From<Direction> for BaseDirection {
    /// A paragraph laid out in a direction already resolved.
    fn from(d: Direction) -> Self {
        match d {
            Direction::Ltr => BaseDirection::Ltr,
            Direction::Rtl => BaseDirection::Rtl,
        }
    }
}

/// How to lay out a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Line width in cells; `0` turns wrapping off.
    pub width: usize,
    pub base: BaseDirection,
    /// Join Arabic letters into presentation forms (and lam-alef ligatures).
    pub shape: bool,
    /// Reorder each line into visual order (UAX #9) and mirror. `false` keeps logical order and
    /// implies no shaping: for terminals that do BiDi and shaping themselves (`--bidi terminal`).
    pub reorder: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self { width: 0, base: BaseDirection::Auto, shape: true, reorder: true }
    }
}

/// One screen cell (or two, for a wide grapheme) of a visual line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualCell {
    /// Byte range into [`VisualLine::text`]: the grapheme cluster to print here.
    pub visual_range: Range<usize>,
    /// Cells it occupies: 1 or 2.
    pub width: u8,
    /// Byte range of the paragraph source this cell shows.
    pub logical_range: Range<usize>,
}

/// One wrapped, reordered line, ready to print left to right.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// What to print, in visual order. Never holds a control character or a BiDi formatting
    /// character: controls from the source are shown as visible placeholders.
    pub text: String,
    /// The cells, left to right.
    pub cells: Vec<VisualCell>,
    /// Sum of the cells' widths.
    pub width: usize,
    /// The paragraph's resolved direction: RTL lines are right-aligned.
    pub direction: Direction,
    /// Byte range of the paragraph source that this line covers (logical order).
    pub logical_range: Range<usize>,
}

impl VisualLine {
    /// The text of cell `i`.
    pub fn cell_text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| &self.text[c.visual_range.clone()])
    }
}

/// Lays out one paragraph into visual lines, ready to print left to right.
///
/// With `opts.reorder && opts.shape` the paragraph is first shaped in logical order
/// ([`shape::shape`]); cells always map back to byte ranges of `text` itself. Levels are resolved
/// once for the paragraph (UAX #9 P2–I2; `opts.base` gives the paragraph level, `Auto` is P2–P3).
/// The text is then wrapped in logical order at `opts.width` cells (0: no wrapping) at UAX #14
/// opportunities, never inside a word unless the word alone is wider than the line; spaces at a
/// break are dropped. Only then is each line reordered on its own: L1, L2 by grapheme cluster (a
/// cluster's combining marks stay after its base, as terminals expect), L4 mirroring.
///
/// - Explicit embeddings, overrides, isolates, LRM/RLM/ALM and other X9-removed characters
///   (ZWSP, soft hyphen, BOM…) take part in the algorithm and get no cell; but a line broken
///   right after a soft hyphen ends with a hyphen, a cell that maps back to it.
/// - A control character is never printed: C0 shows as its Control Picture (U+2400 + c), DEL as
///   ␡, C1 as U+FFFD. A tab, and a newline / CR LF / VT / FF / NEL / U+2028 / U+2029 inside the
///   paragraph, show as one space (and may be dropped at a break like a space).
/// - A cluster with no base (a combining mark at the start, or after a removed control) shows
///   after U+25CC DOTTED CIRCLE, one cell.
/// - Every cell is one grapheme cluster of width 1 or 2. The lines tile the paragraph: each
///   line's `logical_range` runs to where the next line starts.
///
/// # Limitations
/// A single cluster wider than `width` (an emoji at width 1) gets a line of its own, wider than
/// `width`. Widths are unicode-width's per grapheme; terminals disagree on some (ambiguous-width
/// characters, some emoji sequences).
pub fn layout_paragraph(text: &str, opts: &LayoutOptions) -> Vec<VisualLine> {
    engine::Paragraph::new(text, opts).layout(opts.width)
}

/// Lays out one paragraph as [`layout_paragraph`] does, but only calls `row` with each line's
/// text (what [`VisualLine::text`] holds), width in cells and direction, in order, without
/// building the cells: for printing whole documents.
pub fn layout_rows(text: &str, opts: &LayoutOptions, mut row: impl FnMut(&str, usize, Direction)) {
    let paragraph = engine::Paragraph::new(text, opts);
    let direction = paragraph.direction();
    paragraph.rows(opts.width, |text, width| row(text, width, direction));
}

/// The width in cells of `s` as qari draws it: the sum of its grapheme clusters' widths
/// (unicode-width per grapheme, at most 2), counting what [`layout_paragraph`] shows: a control
/// character's placeholder is 1, an invisible formatting character 0, a lone combining mark 1.
/// The one function that decides widths in qari.
///
/// It measures `s` as given: unshaped لا is two cells, its shaped ligature ﻻ one.
pub fn text_width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.is_ascii() && !s.bytes().any(|b| b < 0x20 || b == 0x7F) {
        return s.len();
    }
    s.graphemes(true).map(engine::display).map(|d| d.width as usize).sum()
}

/// UAX #9 P2–P3: the direction of the first strong character, skipping characters between an
/// isolate initiator and its matching PDI; `None` when there is none.
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    use unicode_bidi::BidiClass::*;
    let mut isolates = 0usize;
    for c in text.chars() {
        match engine::bidi_class(c) {
            LRI | RLI | FSI => isolates += 1,
            PDI => isolates = isolates.saturating_sub(1),
            L if isolates == 0 => return Some(Direction::Ltr),
            R | AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
    }
    None
}

/// The invisible mark (ALM, RLM or LRM) of the last strong character of `before`, the text of
/// a paragraph before a piece of it laid out on its own ([`piece_end`]). Laid out after the
/// mark, the piece resolves as it would in the whole paragraph where the rules look back for a
/// strong type (UAX #9 W2: a number after Arabic letters is an Arabic number; W7, N1): «12.5%»
/// opening a piece after Arabic text reads «%12.5», as it does everywhere else in the paragraph.
/// The mark itself shows nothing. At most 4 KiB of `before` is read.
pub fn context_mark(before: &str) -> Option<char> {
    use unicode_bidi::BidiClass::*;
    let mut from = before.len().saturating_sub(4096);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    before[from..].chars().rev().find_map(|c| match engine::bidi_class(c) {
        AL => Some('\u{061C}'),
        R => Some('\u{200F}'),
        L => Some('\u{200E}'),
        _ => None,
    })
}

/// The base direction of one paragraph of a document written in `document`'s direction: that
/// one, unless the letters of the other direction outnumber its own among the paragraph's
/// first [`PARAGRAPH_SAMPLE`] chars two to one when the paragraph opens in the other direction,
/// four to one when it opens in the document's (an English quotation in an Arabic article, an
/// Arabic one in an English article). Letters of web and e-mail addresses are not counted. So
/// an Arabic paragraph that opens with a Latin name (`NATO`, `OpenAI`) stays right-to-left, as
/// does a short one such as «NATO قال», where UAX #9's first strong character (P2–P3) would
/// make it left-to-right, or «قال Jens Stoltenberg إن NATO …», or «المصدر: https://…»; an
/// Arabic paragraph that names a few English sources (Reuters, Associated Press) in an English
/// article is right-to-left. A paragraph without letters (digits, punctuation) takes the
/// document's. Only a prefix is read, so a huge one-line document costs no scan.
pub fn paragraph_direction(text: &str, document: Direction) -> Direction {
    use unicode_bidi::BidiClass::*;
    // One pass: each token's letters and first strong direction, added when the token ends
    // unless it is an address (which only a token with `:`, `@` or `.` may be).
    #[derive(Clone, Copy)]
    struct Token {
        start: usize,
        l: usize,
        r: usize,
        first: Option<Direction>,
        punct: bool,
    }
    let (mut l, mut r, mut first) = (0, 0, None);
    let mut token: Option<Token> = None;
    let mut end_token = |token: &mut Option<Token>, end: usize| {
        if let Some(t) = token.take() {
            if !(t.punct && is_address(&text[t.start..end])) {
                (l, r) = (l + t.l, r + t.r);
                first = first.or(t.first);
            }
        }
    };
    let mut end = text.len();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n == PARAGRAPH_SAMPLE {
            end = i;
            break;
        }
        if c.is_whitespace() {
            end_token(&mut token, i);
            continue;
        }
        let t = token.get_or_insert(Token { start: i, l: 0, r: 0, first: None, punct: false });
        match engine::bidi_class(c) {
            L => (t.l, t.first) = (t.l + 1, t.first.or(Some(Direction::Ltr))),
            R | AL => (t.r, t.first) = (t.r + 1, t.first.or(Some(Direction::Rtl))),
            _ => t.punct |= matches!(c, ':' | '@' | '.'),
        }
    }
    end_token(&mut token, end);
    let (own, other, flipped) = match document {
        Direction::Rtl => (r, l, Direction::Ltr),
        Direction::Ltr => (l, r, Direction::Rtl),
    };
    // Opening in the other direction, two letters to one of it take the paragraph; opening
    // in the document's, four.
    let needed = if first == Some(flipped) { 2 } else { 4 };
    if other > needed * own {
        flipped
    } else {
        document
    }
}

/// Whether a whitespace-separated token is a web or an e-mail address (`https://…`,
/// `www.…`, `name@host.tld`): its Latin letters say nothing of the direction of the text
/// around it.
pub fn is_address(token: &str) -> bool {
    // Most tokens (every Arabic word) have none of the bytes an address needs.
    if !token.bytes().any(|b| matches!(b, b':' | b'@' | b'.')) {
        return false;
    }
    token.contains("://")
        || token.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with("www.")
        || token.split_once('@').is_some_and(|(name, host)| !name.is_empty() && host.contains('.'))
}

/// How many chars of a paragraph [`paragraph_direction`] reads.
pub const PARAGRAPH_SAMPLE: usize = 4096;

/// The direction of most of the letters of `text` (LTR when there are none): the default base
/// direction of a document, in the reader and in `qari render`. The letters of web and e-mail
/// addresses are left aside (an Arabic brief that gives its source's URL and a contact address
/// is still Arabic).
pub fn dominant_direction(text: &str) -> Direction {
    let bytes = text.as_bytes();
    // Totals, and the current token's (whitespace-separated) letters: a token's count is added
    // where it ends, unless it is an address, which only a token with `:`, `@` or `.` may be.
    let (mut rtl, mut ltr) = (0usize, 0usize);
    let (mut start, mut t_rtl, mut t_ltr, mut punct) = (0usize, 0usize, 0usize, false);
    let mut end_token = |start: usize, end: usize, t_rtl: usize, t_ltr: usize, punct: bool| {
        if !(punct && is_address(&text[start..end])) {
            (rtl, ltr) = (rtl + t_rtl, ltr + t_ltr);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_whitespace() {
                end_token(start, i, t_rtl, t_ltr, punct);
                (start, t_rtl, t_ltr, punct) = (i + 1, 0, 0, false);
            } else {
                t_ltr += usize::from(b.is_ascii_alphabetic());
                punct |= matches!(b, b':' | b'@' | b'.');
            }
            i += 1;
            continue;
        }
        // Arabic letters (two bytes, lead 0xD8..0xD9), the common case, read from the bytes.
        if (b == 0xD8 || b == 0xD9) && i + 1 < bytes.len() {
            let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
            if (0x0621..=0x063A).contains(&c) || (0x0641..=0x064A).contains(&c) {
                t_rtl += 1;
                i += 2;
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
        i += c.len_utf8();
        match c {
            // Latin-1 punctuation («, », NBSP…) and general punctuation: not letters, and
            // frequent in news text; skip the alphabetic table for them.
            '\u{00A0}'..='\u{00BF}' => t_ltr += usize::from(matches!(c, 'ª' | 'µ' | 'º')),
            '\u{2000}'..='\u{206F}' => {}
            '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}'
                if c.is_alphabetic() =>
            {
                t_rtl += 1
            }
            c if c.is_alphabetic() => t_ltr += 1,
            _ => {}
        }
    }
    end_token(start, bytes.len(), t_rtl, t_ltr, punct);
    if rtl > ltr {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Lays out `text` as a single line of at most `width` cells, cutting it at its logical end with
/// an ellipsis (…) when it is too wide: for list items and status fields. The ellipsis is a
/// cell at the paragraph level whose logical range is the part cut off, so in an RTL line it
/// shows at the left end. Newlines in `text` read as spaces.
pub fn fit_line(text: &str, width: usize, base: BaseDirection, shape: bool) -> VisualLine {
    let opts = LayoutOptions { width: 0, base, shape, reorder: true };
    engine::Paragraph::new(text, &opts).fit(width)
}

/// Where a piece of `text` starting at `start` ends when a paragraph too long to lay out at once
/// is cut into pieces of at most `max` bytes (`max` ≥ 4): always on a char boundary, never
/// empty. It ends after the last sentence in the window's second half when there is one (the
/// short line it leaves reads as the end of a sentence, not a break in the middle of one),
/// else after the window's last space.
pub fn piece_end(text: &str, start: usize, max: usize) -> usize {
    if text.len() - start <= max {
        return text.len();
    }
    let mut limit = start + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[start..limit];
    if let Some(i) = last_sentence_end(window, window.len() / 2) {
        return start + i;
    }
    match window.rfind(' ') {
        Some(i) if i > 0 => start + i + 1,
        _ if limit > start => limit,
        // A single char longer than the window cannot happen (4 bytes max), but stay total.
        _ => text[start..].char_indices().nth(1).map_or(text.len(), |(i, _)| start + i),
    }
}

/// The byte after the space that follows the last sentence end of `window` at or after `from`:
/// a terminator (`.` `!` `?` `؟` `…`) after a word of two letters or more (not an initial's
/// period), maybe closing quotes or brackets, then a space.
fn last_sentence_end(window: &str, from: usize) -> Option<usize> {
    let mut space = window.len();
    while let Some(i) = window[..space].rfind(' ') {
        if i < from {
            return None;
        }
        let before = window[..i].trim_end_matches(['»', '"', '”', '\'', ')', ']']);
        if let Some(body) = before.strip_suffix(['.', '!', '?', '؟', '…']) {
            // Not an initial's period (د. محمد): the word before it is longer than one letter.
            let word = body.rsplit(' ').next().unwrap_or(body);
            if word.chars().nth(1).is_some() {
                return Some(i + 1);
            }
        }
        space = i;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_takes_the_other_direction_at_two_letters_to_one_opening_in_it_else_four() {
        // An Arabic paragraph that opens with a Latin name stays right-to-left.
        assert_eq!(paragraph_direction("NATO قال", Direction::Rtl), Direction::Rtl);
        assert_eq!(paragraph_direction("NATO قال إن الحلف سيجتمع", Direction::Rtl), Direction::Rtl);
        // An Arabic paragraph naming English sources in an English article (QA round 31).
        let arabic = "قال الناتو إن الصين تمثل تحديا، وفق تقرير نشرته Reuters و Associated Press \
                      يوم الاثنين.";
        assert_eq!(paragraph_direction(arabic, Direction::Ltr), Direction::Rtl);
        // An English quotation in an Arabic article; an English sentence with one Arabic word.
        let english = "The minister said the talks would resume next week in Brussels.";
        assert_eq!(paragraph_direction(english, Direction::Rtl), Direction::Ltr);
        let mixed = "The word قارئ means reader in Arabic, and it names this program.";
        assert_eq!(paragraph_direction(mixed, Direction::Ltr), Direction::Ltr);
        // An Arabic sentence naming several people and countries in English, in an Arabic
        // article: it opens in Arabic, so it stays right-to-left (QA round 33).
        let names = "قال Jens Stoltenberg إن NATO ستعمل مع Japan و South Korea.";
        assert_eq!(paragraph_direction(names, Direction::Rtl), Direction::Rtl);
        assert_eq!(paragraph_direction("صورة: Getty Images / AFP", Direction::Rtl), Direction::Rtl);
        // Addresses do not count.
        let source = "المصدر: https://www.reuters.com/world/asia-pacific/nato-chief-says-china";
        assert_eq!(paragraph_direction(source, Direction::Rtl), Direction::Rtl);
        let contact = "للمراسلة: newsroom.arabic@reuters-international.example.com";
        assert_eq!(paragraph_direction(contact, Direction::Rtl), Direction::Rtl);
        assert!(is_address("(www.aljazeera.net)") && !is_address("@NATO"));
        // Half and half keeps the document's.
        assert_eq!(paragraph_direction("abcd ابتث", Direction::Ltr), Direction::Ltr);
        assert_eq!(paragraph_direction("abcd ابتث", Direction::Rtl), Direction::Rtl);
        // No letters: the document's.
        assert_eq!(paragraph_direction("2024 - 12:30", Direction::Rtl), Direction::Rtl);
    }

    /// The reader's piece length.
    const MAX: usize = 16 * 1024;

    /// The pieces `piece_end` cuts `text` into.
    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let end = piece_end(text, start, MAX);
            assert!(end > start && end - start <= MAX, "{start}..{end}");
            out.push(&text[start..end]);
            start = end;
        }
        out
    }

    #[test]
    fn a_long_paragraph_is_cut_after_whole_sentences() {
        // 68 KB of numbered sentences in one paragraph (a scraped article without headings):
        // every piece but the last ends with a sentence, none in the middle of one.
        let text: String = (1..700)
            .map(|i| format!("هذه الجملة رقم {i} في فقرة طويلة جدا من مقال بلا عناوين. "))
            .collect();
        let cut = pieces(&text);
        assert!(cut.len() >= 5, "{}", cut.len());
        assert_eq!(cut.concat(), text);
        for piece in &cut[..cut.len() - 1] {
            assert!(piece.ends_with("عناوين. "), "{}", &piece[piece.len() - 40..]);
            assert!(piece.len() > MAX / 2);
        }
    }

    #[test]
    fn quotes_after_the_stop_stay_with_their_sentence() {
        // Every sentence ends «…؟» then a space: the cut comes after the closing guillemet, not
        // between it and its question mark.
        let text: String =
            (1..800).map(|i| format!("سأل المسؤول رقم {i} «هل ننتظر حتى الغد؟» ")).collect();
        let cut = pieces(&text);
        assert!(cut.len() >= 2);
        for piece in &cut[..cut.len() - 1] {
            assert!(piece.ends_with("الغد؟» "), "{:?}", &piece[piece.len() - 30..]);
        }
    }

    #[test]
    fn an_initials_period_is_not_a_sentence_end() {
        // Only "د. " ends a sentence-like run in the window's second half: the cut falls at the
        // last space instead, never between "د." and the name.
        let filler = "كلمة ".repeat(MAX / 10 / 2 * 2);
        let text = format!("{filler}قال د. محمد {}", "نص ".repeat(MAX / 4));
        let end = piece_end(&text, 0, MAX);
        assert!(!text[..end].ends_with("د. "), "{:?}", &text[end - 20..end]);
        assert!(text[..end].ends_with(' '));
    }

    #[test]
    fn without_sentences_or_spaces_the_cut_is_a_char_boundary() {
        // No sentence end: after the last space; no space at all: at the window's last char.
        let words = "كلمة ".repeat(MAX);
        let end = piece_end(&words, 0, MAX);
        assert!(words[..end].ends_with("كلمة "));
        let glued = "ب".repeat(MAX);
        let end = piece_end(&glued, 0, MAX);
        assert!(glued.is_char_boundary(end) && end <= MAX && end > 0);
    }
}
