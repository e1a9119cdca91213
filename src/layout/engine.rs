//! The layout pipeline behind [`super::layout_paragraph`] and [`super::fit_line`]:
//! analyse (shape, segment into cells, resolve levels once per paragraph) → wrap (UAX #14, in
//! logical order) → per line: L1, L2 by grapheme cluster, L4.
//!
//! Every function here is total: no panic and no `unwrap` on any input.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo};
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{shape, BaseDirection, Direction, LayoutOptions, VisualCell, VisualLine};

/// What a cell prints instead of (or in front of) its source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Show {
    /// The source cluster itself (mirrored at odd levels).
    Source,
    /// This one char instead of the source (a control's placeholder, a space for a newline).
    Char(char),
    /// U+25CC DOTTED CIRCLE, then the source: a cluster with no base (a lone combining mark).
    Dotted,
    /// Nothing: an invisible formatting character (removed by UAX #9 X9, an isolate, or
    /// LRM/RLM/ALM). It takes part in the algorithm, has width 0 and gets no cell.
    Hidden,
}

/// How one grapheme cluster shows on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Display {
    pub width: u8,
    pub show: Show,
    /// A space a line break may swallow (UAX #14 LB7 spaces, tabs and stray newlines).
    pub space: bool,
}

/// The placeholder shown for a control character: never let one reach the terminal.
/// C0 → its Control Pictures symbol (U+2400 + c), DEL → ␡, C1 → U+FFFD.
pub(crate) fn control_picture(c: char) -> char {
    let n = c as u32;
    if n < 0x20 {
        char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}')
    } else if n == 0x7F {
        '\u{2421}'
    } else {
        '\u{FFFD}'
    }
}

/// Bidi_Class of `c`, as unicode-bidi's tables say, with the blocks Arabic text lives in (ASCII
/// to Arabic Supplement, and the presentation forms shaping produces) looked up in a table built
/// once instead of a binary search: a quarter of the layout time went there.
pub(crate) fn bidi_class(c: char) -> BidiClass {
    props(c).class
}

/// Properties of a char the layout looks up for every char.
#[derive(Clone, Copy)]
#[repr(align(4))] // one load per char
struct Props {
    class: BidiClass,
    /// [`SIMPLE`] and [`PLAIN_BREAKS`], as bits (a paragraph's are and-ed in one operation).
    flags: u8,
}

/// [`Props::flags`]: [`is_simple`].
const SIMPLE: u8 = 1;
/// [`Props::flags`]: [`breaks_after_spaces`].
const PLAIN_BREAKS: u8 = 2;

impl Props {
    fn of(c: char) -> Self {
        let flags = if is_simple(c) { SIMPLE } else { 0 }
            | if breaks_after_spaces(c) { PLAIN_BREAKS } else { 0 };
        Props { class: unicode_bidi::bidi_class(c), flags }
    }
}

/// [`Props`] of `c`, from a table for the blocks Arabic text lives in.
fn props(c: char) -> Props {
    props_in(props_table(), c)
}

/// The chars of the blocks Arabic text lives in, the tables of [`props`] and [`char_info`] hold:
/// U+0000..U+07FF, then the presentation forms.
const LOW: u32 = 0x800;
const PF: std::ops::Range<u32> = 0xFB50..0xFF00;

/// The index of `c` in the tables of [`props`] and [`char_info`], if it is there.
#[inline(always)]
fn table_index(c: char) -> Option<usize> {
    let n = c as u32;
    if n < LOW {
        Some(n as usize)
    } else if PF.contains(&n) {
        Some((LOW + n - PF.start) as usize)
    } else {
        None
    }
}

/// The table of [`props`], built once (fetch it once for many chars).
fn props_table() -> &'static [Props] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<Props>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOW).chain(PF).map(|n| Props::of(char::from_u32(n).unwrap_or(' '))).collect()
    })
}

/// [`props`] with its table.
#[inline(always)]
fn props_in(table: &[Props], c: char) -> Props {
    match table_index(c).and_then(|k| table.get(k)) {
        Some(&p) => p,
        None => Props::of(c),
    }
}

/// Whether `c` has one of the UAX #14 line-break classes AL, NU, IS, QU, CM or SP (only U+0020),
/// among which the rules reduce to LB18 (break after spaces) and LB13 (but not before IS): in
/// text made only of such chars, a line may start at every char but a space or an IS that
/// follows a space ([`space_break`]).
fn breaks_after_spaces(c: char) -> bool {
    use unicode_linebreak::BreakClass::*;
    matches!(
        unicode_linebreak::break_property(c as u32),
        Alphabetic | Numeric | InfixSeparator | Quotation | CombiningMark | Space
    )
}

/// The byte ranges of the URLs in `text` (a scheme and `://`, such as `https://` or `ftp://`,
/// or `www.`, at the start of a word, up to the next white space or closing quote or
/// bracket), in order, disjoint. Linear: each char is scanned by at most one URL.
fn url_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // A scheme (RFC 3986: a letter, then letters, digits, + - .) before "://".
    let scheme_start = |colon: usize| {
        let mut p = colon;
        while p > 0
            && colon - p < 32
            && (bytes[p - 1].is_ascii_alphanumeric() || b"+-.".contains(&bytes[p - 1]))
        {
            p -= 1;
        }
        while p < colon && !bytes[p].is_ascii_alphabetic() {
            p += 1;
        }
        (colon - p >= 2).then_some(p)
    };
    let mut starts: Vec<usize> = text
        .match_indices("://")
        .filter_map(|(p, _)| scheme_start(p))
        .chain(text.match_indices("www.").map(|(p, _)| p))
        .collect();
    starts.sort_unstable();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last_end = 0;
    for p in starts {
        if p < last_end {
            continue;
        }
        let rest = &bytes[p..];
        // At most 32 bytes of scheme: the scan stays linear.
        let scheme_len = rest
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
            .count();
        let scheme = scheme_len >= 2 && rest[scheme_len..].starts_with(b"://");
        if !(scheme || rest.starts_with(b"www.")) {
            continue;
        }
        let word_start = text[..p]
            .chars()
            .next_back()
            // A direction mark before it too: the context mark a piece of a long paragraph
            // is laid out after ([`super::context_mark`]).
            .is_none_or(|c| {
                c.is_whitespace()
                    || "([<«\"'“".contains(c)
                    || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}')
            });
        if !word_start {
            continue;
        }
        let end = text[p..]
            .find(|c: char| c.is_whitespace() || "\"'»”)]>".contains(c))
            .map_or(text.len(), |e| p + e);
        last_end = end;
        out.push(p..end);
    }
    out
}

/// Initial (Pi) and final (Pf) quotation marks of line-break class QU.
fn quote_kind(c: char) -> Option<bool> {
    match c {
        '«' | '‘' | '“' | '‹' | '‛' | '‟' | '⸂' | '⸄' | '⸉' | '⸌' | '⸜' | '⸠' => {
            Some(true)
        }
        '»' | '’' | '”' | '›' | '⸃' | '⸅' | '⸊' | '⸍' | '⸝' | '⸡' => Some(false),
        _ => None,
    }
}

/// UAX #14 LB15a and LB15b (Unicode 15.1, newer than unicode-linebreak's rules): an opening
/// quotation mark after a space or at the start is not left at the end of a line when spaces
/// follow it («  نعم »), and a closing one before a space or the end does not start a line.
fn spaced_quotation_breaks(cells: &mut [Cell], chars: &[char]) {
    let first = |c: &Cell| c.single.or_else(|| chars.get(c.work.start).copied());
    let is_space = |c: &Cell| first(c) == Some(' ');
    for i in 1..cells.len() {
        if !cells[i].brk {
            continue;
        }
        let Some(c) = first(&cells[i]) else { continue };
        // LB15b: × Pf (SP | eot | …).
        if quote_kind(c) == Some(false) {
            let next = cells.get(i + 1).and_then(first);
            if next.is_none_or(|n| n == ' ' || ".,!?؟،؛:;)]}»”’".contains(n)) {
                cells[i].brk = false;
                continue;
            }
        }
        // LB15a: (sot | SP | OP | QU) Pi SP* ×.
        if !is_space(&cells[i - 1]) {
            continue;
        }
        let mut j = i - 1;
        while j > 0 && is_space(&cells[j]) {
            j -= 1;
        }
        if first(&cells[j]).and_then(quote_kind) == Some(true) {
            let before = j.checked_sub(1).and_then(|k| cells.get(k)).and_then(first);
            if before.is_none_or(|b| b == ' ' || "([{«“‘".contains(b)) {
                cells[i].brk = false;
            }
        }
    }
}

/// In text whose chars all [`breaks_after_spaces`]: whether UAX #14 allows a line to start at
/// `c`, which follows a space (`after_space`) or another char.
#[inline]
fn space_break(after_space: bool, c: char) -> bool {
    after_space
        && c != ' '
        && unicode_linebreak::break_property(c as u32)
            != unicode_linebreak::BreakClass::InfixSeparator
}

/// The Bidi_Mirroring_Glyph of `c` (UAX #9 L4), skipping the search for the many characters
/// that cannot have one (letters of the Arabic blocks and their presentation forms).
fn mirrored(c: char) -> char {
    let n = c as u32;
    let may = match n {
        0..=0x7F => matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}'),
        0xAB | 0xBB => true,
        0x0F3A..=0x0F3D | 0x169B..=0x169C => true,
        0xFB50..=0xFD3D | 0xFD40..=0xFDFF | 0xFE70..=0xFEFF => false,
        0x2039.. => true,
        _ => false,
    };
    if may {
        unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
    } else {
        c
    }
}

/// Characters UAX #9 removes (X9) or that only steer the algorithm (isolates, implicit marks):
/// they take part in the algorithm but are never printed.
fn is_hidden(c: char) -> bool {
    use BidiClass::*;
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(bidi_class(c), BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI)
}

/// Spaces a line break swallows (the breakable spaces of UAX #14; NBSP and figure space glue).
fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// What segmentation needs to know of a char that is a grapheme cluster on its own.
#[derive(Clone, Copy)]
struct CharInfo {
    /// [`display`] of the char alone.
    disp: Display,
    /// [`l1_effect`] of the char alone (with the classes of [`Classes`]).
    l1: u8,
    /// [`mirrored`] changes it.
    mirrors: bool,
}

/// [`CharInfo`] of the chars of the blocks Arabic text lives in (as [`bidi_class`]'s table),
/// from a table built once; `None` for other chars.
fn char_info(c: char) -> Option<CharInfo> {
    char_info_in(char_info_table(), c)
}

/// The table of [`char_info`], built once (fetch it once for many chars).
fn char_info_table() -> &'static [CharInfo] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<CharInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOW)
            .chain(PF)
            .map(|n| {
                let c = char::from_u32(n).unwrap_or('\u{FFFD}');
                CharInfo {
                    disp: display_uncached(c.encode_utf8(&mut [0; 4])),
                    l1: l1_effect(&[Classes.bidi_class(c)]),
                    mirrors: mirrored(c) != c,
                }
            })
            .collect()
    })
}

/// [`char_info`] with its table.
#[inline(always)]
fn char_info_in(table: &[CharInfo], c: char) -> Option<CharInfo> {
    table_index(c).and_then(|k| table.get(k)).copied()
}

/// How the grapheme cluster `g` shows on screen: the one place widths are decided.
pub(crate) fn display(g: &str) -> Display {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(info) = char_info(c) {
            return info.disp;
        }
    }
    display_uncached(g)
}

/// [`display`], without the table of [`char_info`].
fn display_uncached(g: &str) -> Display {
    const HIDDEN: Display = Display { width: 0, show: Show::Hidden, space: false };
    let mut chars = g.chars();
    let Some(c) = chars.next() else { return HIDDEN };
    let single = chars.as_str().is_empty();
    if c.is_control() {
        // A newline, CR LF, tab, VT, FF or NEL inside a paragraph reads as a space.
        let spacey = matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}');
        return if spacey {
            Display { width: 1, show: Show::Char(' '), space: true }
        } else {
            Display { width: 1, show: Show::Char(control_picture(c)), space: false }
        };
    }
    if single {
        if is_hidden(c) {
            return HIDDEN;
        }
        if unsure_width(c) {
            // Interlinear annotation controls, noncharacters, Hangul fillers and a few format
            // marks: terminals do not agree on them (some print them, some drop them, some give
            // them two columns), and a row after one is misplaced. Shown as the placeholder of
            // other stray controls.
            return Display { width: 1, show: Show::Char('\u{FFFD}'), space: false };
        }
        if matches!(c, '\u{2028}' | '\u{2029}') {
            return Display { width: 1, show: Show::Char(' '), space: true };
        }
        let w = UnicodeWidthChar::width(c).unwrap_or(1).min(2) as u8;
        return if w == 0 {
            Display { width: 1, show: Show::Dotted, space: false }
        } else {
            Display { width: w, show: Show::Source, space: is_break_space(c) }
        };
    }
    if g.chars().all(is_hidden) {
        return HIDDEN;
    }
    let w = UnicodeWidthStr::width(g).min(2) as u8;
    if w == 0 {
        Display { width: 1, show: Show::Dotted, space: false }
    } else {
        Display { width: w, show: Show::Source, space: false }
    }
}

/// Whether a hidden cluster still counts in reordering: isolates and implicit marks have
/// levels (UAX #9); X9-removed characters have none and are simply left out.
fn has_level(g: &[char]) -> bool {
    use BidiClass::*;
    g.iter().any(|&c| !matches!(bidi_class(c), BN | LRE | RLE | LRO | RLO | PDF))
}

/// One grapheme cluster of the paragraph, in logical order.
#[derive(Clone, Debug)]
struct Cell {
    /// Chars of the work text (the shaped text, or the source when not shaping).
    work: Range<usize>,
    /// Bytes of the source text.
    src: Range<usize>,
    disp: Display,
    /// A line may start at this cell (a UAX #14 opportunity lies before it).
    brk: bool,
    /// The resolved level of the cluster's first char (UAX #9 up to I2); 0 when not reordering.
    level: u8,
    /// What UAX #9 L1 does with the cluster's chars: see [`l1_effect`].
    l1: u8,
    /// [`SKIP`], [`MIRROR`], [`ZW_TAIL`].
    flags: u8,
    /// The cluster's char, when it is one char.
    single: Option<char>,
}

/// [`Cell::flags`]: the cell takes no part in reordering (hidden, and without a level).
const SKIP: u8 = 1;
/// [`Cell::flags`]: a char of the cell has a mirrored glyph (UAX #9 L4).
const MIRROR: u8 = 2;
/// [`Cell::flags`]: the cluster ends with a ZWJ or ZWNJ.
const ZW_TAIL: u8 = 4;

/// UAX #9 L1 on a cluster whose chars have the bidi classes `classes`, scanned from the end of
/// the line backwards: whether its first char's level is reset to the paragraph level, and
/// whether the scan is still resetting after it, for both states the scan may arrive in.
/// Bit 0: reset (arriving not resetting), bit 1: resetting after it; bits 2 and 3: the same,
/// arriving resetting.
fn l1_effect(classes: &[BidiClass]) -> u8 {
    use BidiClass::*;
    let step = |k: BidiClass, resetting: bool| -> (bool, bool) {
        match k {
            // Segment separators (a paragraph separator inside the paragraph reads as WS).
            S | B => (true, true),
            // Whitespace and isolate formatting characters, with the X9-removed ones among them.
            WS | LRI | RLI | FSI | PDI | BN | LRE | RLE | LRO | RLO | PDF => (resetting, resetting),
            _ => (false, false),
        }
    };
    let mut bits = 0;
    for (arriving, shift) in [(false, 0), (true, 2)] {
        let mut resetting = arriving;
        let mut reset = resetting;
        for &k in classes.iter().rev() {
            (reset, resetting) = step(k, resetting);
        }
        bits |= (u8::from(reset) | (u8::from(resetting) << 1)) << shift;
    }
    bits
}

/// The bidi classes UAX #9 sees: as Unicode's, except that a paragraph separator inside the
/// paragraph (a stray newline) is a space.
struct Classes;

impl BidiDataSource for Classes {
    fn bidi_class(&self, c: char) -> BidiClass {
        match bidi_class(c) {
            BidiClass::B => BidiClass::WS,
            k => k,
        }
    }
}

/// Levels resolved once for the paragraph (UAX #9 P2–I2), per char of the work text, with the
/// bidi classes UAX #9 L1 looks at.
struct Levels {
    classes: Vec<BidiClass>,
    levels: Vec<u8>,
    /// Whether every char [`is_simple`], when known.
    simple: Option<bool>,
    /// Whether every char [`breaks_after_spaces`], when known.
    plain_breaks: Option<bool>,
}

/// UAX #9 P2–I2 for a paragraph without explicit embeddings, overrides or isolates (the common
/// case of news text): one isolating run sequence at the paragraph level, so the W, N and I rules
/// run in one pass each over the characters, X9-removed ones (BN) left out. `None` when the
/// paragraph holds an explicit formatting character: unicode-bidi does the general case. Both
/// paths are checked by the BidiCharacterTest conformance suite.
fn simple_levels(text: &[char], base: BaseDirection) -> Option<(Levels, u8)> {
    use BidiClass::*;
    let mut classes = Vec::with_capacity(text.len()); // of every char
                                                      // The number of non-BN chars so far (their classes are `orig`, made after the loop).
    let mut n = 0;
    // N0, BD16: the bracket pairs (indices into `orig`), found as the chars go by.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut brackets = true;
    let mut all = SIMPLE | PLAIN_BREAKS; // the flags every char has
    let mut present = 0u32; // the classes of the chars, as bits (rules whose classes are absent are skipped)
    let table = props_table();
    for &c in text {
        let props = props_in(table, c);
        all &= props.flags;
        // `Classes`: a paragraph separator inside the paragraph is a space.
        let k = if props.class == B { WS } else { props.class };
        if matches!(k, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI) {
            return None;
        }
        classes.push(k);
        if k == BN {
            continue;
        }
        if k == ON && brackets {
            if let Some(m) = Classes.bidi_matched_opening_bracket(c) {
                let i = n;
                if m.is_open {
                    if stack.len() >= 63 {
                        brackets = false; // BD16: stop processing
                    } else {
                        stack.push((m.opening, i));
                    }
                } else if let Some(si) = stack.iter().rposition(|&(o, _)| o == m.opening) {
                    pairs.push((stack[si].1, i));
                    stack.truncate(si);
                }
            }
        }
        present |= 1 << k as u32;
        n += 1;
    }
    // The classes of the non-BN chars (X9).
    let mut orig: Vec<BidiClass> = if classes.len() == n {
        classes.clone()
    } else {
        classes.iter().copied().filter(|&k| k != BN).collect()
    };
    let has = |classes: &[BidiClass]| classes.iter().any(|&k| present & (1 << k as u32) != 0);
    // P2–P3 (no isolates to skip here).
    let e: u8 = match base {
        BaseDirection::Ltr => 0,
        BaseDirection::Rtl => 1,
        BaseDirection::Auto => orig
            .iter()
            .find_map(|k| match k {
                L => Some(0),
                R | AL => Some(1),
                _ => None,
            })
            .unwrap_or(0),
    };
    let e_dir = if e == 1 { R } else { L };
    let sos = e_dir; // sos = eos: the paragraph level on both sides
                     // `orig` is only looked at again for brackets.
    let mut t = if pairs.is_empty() { std::mem::take(&mut orig) } else { orig.clone() };
    // W1: NSM takes the type of the previous character. W2: EN after AL is AN. W3: AL is R.
    // In one pass: each rule only looks back, at what the rules before it made of the chars.
    let (mut prev, mut last_strong) = (sos, sos); // after W1
    if !has(&[EN]) {
        // Without EN, W2 has nothing to do: W1 and W3 as selects, without branches. (An NSM
        // after AL takes AL, which W3 makes R: the same as taking the R made of that AL.)
        for k in t.iter_mut() {
            let w = if *k == NSM { prev } else { *k };
            let w = if w == AL { R } else { w };
            *k = w;
            prev = w;
        }
    }
    for k in t.iter_mut().take(if has(&[EN]) { n } else { 0 }) {
        if *k == NSM {
            *k = prev;
        } else {
            prev = *k;
        }
        match *k {
            R | L => last_strong = *k,
            AL => {
                last_strong = AL;
                *k = R;
            }
            EN if last_strong == AL => *k = AN,
            _ => {}
        }
    }
    // W4: a single separator between two numbers of the same kind joins them.
    let w4 = has(&[ES, CS]) && has(&[EN, AN]);
    for i in 1..if w4 { n.saturating_sub(1) } else { 0 } {
        if t[i] == ES && t[i - 1] == EN && t[i + 1] == EN {
            t[i] = EN;
        } else if t[i] == CS && t[i - 1] == t[i + 1] && matches!(t[i - 1], EN | AN) {
            t[i] = t[i - 1];
        }
    }
    // W5: terminators next to a European number become one.
    let mut i = if has(&[ET]) && has(&[EN]) { 0 } else { n };
    while i < n {
        if t[i] == ET {
            let s = i;
            while i < n && t[i] == ET {
                i += 1;
            }
            if (s > 0 && t[s - 1] == EN) || (i < n && t[i] == EN) {
                t[s..i].fill(EN);
            }
        } else {
            i += 1;
        }
    }
    // W6: remaining separators and terminators are neutral. W7: EN after L (or an L sos) is L.
    // Without EN, W6 is left to N1–N2, which takes ES, ET and CS for ON (so does N0: none of
    // them is strong).
    let mut last = sos;
    let w7 = has(&[EN]);
    for k in t.iter_mut().take(if w7 { n } else { 0 }) {
        match *k {
            ES | ET | CS => *k = ON,
            L | R => last = *k,
            EN if last == L => *k = L,
            _ => {}
        }
    }
    // N0: paired brackets (BD16), in order of their opening bracket.
    let strong = |k: BidiClass| match k {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    };
    pairs.sort_unstable();
    for &(o, c) in &pairs {
        let (mut found_e, mut found_opposite) = (false, false);
        for &k in &t[o + 1..c] {
            match strong(k) {
                Some(d) if d == e_dir => {
                    found_e = true;
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        let d = if found_e {
            e_dir
        } else if found_opposite {
            (0..o).rev().find_map(|k| strong(t[k])).unwrap_or(sos)
        } else {
            continue;
        };
        t[o] = d;
        t[c] = d;
        // NSMs right after a bracket that changed follow it.
        for b in [o, c] {
            let mut k = b + 1;
            while k < n && orig[k] == NSM {
                t[k] = d;
                k += 1;
            }
        }
    }
    // N1–N2: a run of neutrals between two strong types of one direction takes it; otherwise
    // the embedding direction. (ES, ET and CS are left only when W6 was left to this rule.)
    let mut i = 0;
    while i < n {
        if matches!(t[i], B | S | WS | ON | ES | ET | CS) {
            let s = i;
            while i < n && matches!(t[i], B | S | WS | ON | ES | ET | CS) {
                i += 1;
            }
            let before = if s == 0 { sos } else { strong(t[s - 1]).unwrap_or(e_dir) };
            let after = if i == n { sos } else { strong(t[i]).unwrap_or(e_dir) };
            let d = if before == after { before } else { e_dir };
            t[s..i].fill(d);
        } else {
            i += 1;
        }
    }
    // I1–I2, per char; X9-removed characters take the level before them.
    let level = |k: BidiClass| match (e % 2, k) {
        (0, R) => e + 1,
        (0, AN | EN) => e + 2,
        (1, L | EN | AN) => e + 1,
        _ => e,
    };
    let levels = if classes.len() == n {
        t.iter().map(|&k| level(k)).collect()
    } else {
        let (mut resolved, mut last) = (t.iter(), e);
        classes
            .iter()
            .map(|&k| {
                if k != BN {
                    last = resolved.next().map_or(e, |&k| level(k));
                }
                last
            })
            .collect()
    };
    let (simple, plain_breaks) = (all & SIMPLE != 0, all & PLAIN_BREAKS != 0);
    Some((Levels { classes, levels, simple: Some(simple), plain_breaks: Some(plain_breaks) }, e))
}

/// A URL in a right-to-left paragraph is laid out as if isolated left to right (UAX #9 X5a:
/// an LRI before it, a PDI after it), so that its parts keep their order: under the algorithm
/// alone `https://sipri.org/ar/تقرير?id=123` reads `id=123?تقرير/https://sipri.org/ar` there,
/// its Arabic slug splitting it. Its Arabic words still read right to left inside it. Final
/// punctuation stays the sentence's. The levels around the URL are left as resolved with the
/// URL's own letters, which is where this differs from a real isolate (a number right after
/// the URL follows its letters, W2/W7, where an isolate would leave it to the Arabic). A URL
/// holding explicit direction controls is left as the algorithm resolved it.
fn isolate_urls(chars: &[char], levels: &mut Levels, para_level: u8) {
    let marked = chars.windows(3).any(|w| w == [':', '/', '/'])
        || chars.windows(4).any(|w| w == ['w', 'w', 'w', '.']);
    if para_level.is_multiple_of(2) || !marked {
        return;
    }
    let work = to_string(chars);
    let spans = url_spans(&work);
    // Byte offsets of the work text to char indices, in one walk (the spans are in order).
    let mut at = work.char_indices().map(|(b, _)| b).enumerate().peekable();
    let mut index = |byte: usize| {
        while at.peek().is_some_and(|&(_, b)| b < byte) {
            at.next();
        }
        at.peek().map_or(chars.len(), |&(k, _)| k)
    };
    // The least even level above the paragraph's.
    let base = para_level + 1;
    for span in spans {
        let (a, mut b) = (index(span.start), index(span.end));
        while b > a
            && matches!(
                chars[b - 1],
                '.' | ',' | '،' | '؛' | ';' | ':' | '!' | '?' | '؟' | '…' | '-' | '–' | '—'
            )
        {
            b -= 1;
        }
        let Some(inside) = chars.get(a..b).filter(|c| !c.is_empty()) else { continue };
        // The URL on its own, left to right (none when it holds explicit formatting
        // characters, which the simple resolver leaves to unicode-bidi).
        let Some((own, _)) = simple_levels(inside, BaseDirection::Ltr) else { continue };
        for (level, own) in levels.levels.iter_mut().skip(a).take(b - a).zip(own.levels) {
            *level = base + own;
        }
    }
}

/// `chars` as a string, allocated once.
fn to_string(chars: &[char]) -> String {
    let mut s = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
    s.extend(chars);
    s
}

/// A paragraph analysed for layout.
pub(crate) struct Paragraph {
    src_len: usize,
    /// The work text, as chars: the shaped text, or the source's chars when not shaping.
    chars: Vec<char>,
    /// Shaping map: for each char of `chars`, its source byte range. `None`: the chars are the
    /// source's.
    map: Option<Vec<Range<usize>>>,
    cells: Vec<Cell>,
    para_level: u8,
}

/// Characters for which grapheme clusters are simple: a base followed by Arabic marks. ASCII,
/// Latin-1 (without the soft hyphen), the Arabic block (without its prepended marks and ALM),
/// and the Arabic presentation forms; no controls, no joiners, no emoji.
fn is_simple(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0xFF | 0x060C..=0x061B | 0x061D..=0x06DC
        | 0x06DE..=0x06FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC)
}

/// The Arabic-block characters of Grapheme_Cluster_Break=Extend (harakat and Quranic marks).
const ARABIC_EXTEND: [(u32, u32); 7] = [
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
];

/// [`ARABIC_EXTEND`] as a bit set of U+0600..U+06FF.
const ARABIC_EXTEND_BITS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut i = 0;
    while i < ARABIC_EXTEND.len() {
        let (lo, hi) = ARABIC_EXTEND[i];
        let mut c = lo;
        while c <= hi {
            let d = c - 0x0600;
            bits[(d >> 6) as usize] |= 1 << (d & 63);
            c += 1;
        }
        i += 1;
    }
    bits
};

/// Whether `c` is one of [`ARABIC_EXTEND`] (one bit test: every char of a paragraph asks).
#[inline(always)]
fn is_arabic_extend(c: char) -> bool {
    let d = (c as u32).wrapping_sub(0x0600);
    d < 256 && (ARABIC_EXTEND_BITS[(d >> 6) as usize & 3] >> (d & 63)) & 1 != 0
}

/// Extended grapheme clusters of text made only of [`is_simple`] characters (UAX #29 GB9 and
/// GB999 are the only rules that apply): what unicode-segmentation finds, several times faster.
struct SimpleClusters<'a> {
    chars: &'a [char],
    /// The next cluster's first char, and its byte offset in the text's UTF-8.
    pos: usize,
    byte: usize,
}

impl Iterator for SimpleClusters<'_> {
    type Item = Cluster;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let first = *self.chars.get(self.pos)?;
        let (n, len) = simple_cluster(self.chars, self.pos, first);
        let cluster = Cluster { first_char: self.pos, n, bytes: self.byte..self.byte + len, first };
        self.pos += n;
        self.byte += len;
        Some(cluster)
    }
}

/// The cluster of simple chars starting at `chars[k]`, `first`: the number of its chars (the
/// base and the Arabic marks after it) and of its bytes in UTF-8.
#[inline(always)]
fn simple_cluster(chars: &[char], k: usize, first: char) -> (usize, usize) {
    let marks = chars.get(k + 1..).unwrap_or_default();
    let n = 1 + marks.iter().take_while(|&&c| is_arabic_extend(c)).count();
    // The Arabic marks are two bytes long.
    (n, first.len_utf8() + 2 * (n - 1))
}

/// A grapheme cluster of the work text.
struct Cluster {
    /// The index of its first char, and how many chars it has.
    first_char: usize,
    n: usize,
    /// Its bytes in the work text's UTF-8.
    bytes: Range<usize>,
    /// Its first char.
    first: char,
}

/// Cells whose sources overlap (shaping expanded one source char, a legacy ligature such as ﶒ,
/// into several letters, and a mark after it joined the last one) all take the source range of
/// their whole group: each cell then shows exactly one source range, shared or disjoint.
fn unite_groups(cells: &mut [Cell]) {
    let mut i = 0;
    while i < cells.len() {
        let mut j = i + 1;
        let mut range = cells[i].src.clone();
        while j < cells.len() && cells[j].src.start < range.end {
            range.start = range.start.min(cells[j].src.start);
            range.end = range.end.max(cells[j].src.end);
            j += 1;
        }
        if j > i + 1 {
            for c in &mut cells[i..j] {
                c.src = range.clone();
            }
        }
        i = j;
    }
}

/// A unit of reordering that is no cell: the ellipsis of a cut line.
const ELLIPSIS: usize = usize::MAX;
/// A unit of reordering that is no cell: the hyphen a soft hyphen shows at a line break.
const HYPHEN: usize = usize::MAX - 1;

/// U+00AD SOFT HYPHEN: invisible, but a line broken after it shows a hyphen there.
const SOFT_HYPHEN: char = '\u{AD}';

/// Buffers reused from line to line.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The units of reordering of a line: cell indices, [`ELLIPSIS`] or [`HYPHEN`].
    units: Vec<usize>,
    /// Their levels after UAX #9 L1.
    levels: Vec<u8>,
    /// Their visual order.
    order: Vec<usize>,
    /// Levels as they move while reordering.
    moving: Vec<u8>,
}

impl Paragraph {
    pub(crate) fn new(text: &str, opts: &LayoutOptions) -> Self {
        let (chars, map) = if opts.reorder && opts.shape {
            // The map has one entry per char of the shaped text, inside `text` (see
            // [`shape::shape`]); it is only ever read with `get`, so even a wrong map could not
            // make layout panic.
            // A legacy form spelt out wider than the line stays one char (see
            // [`shape::shape_chars_within`]).
            let max = if opts.width > 0 { opts.width } else { usize::MAX };
            let shaped = shape::shape_chars_within(text, max);
            (shaped.chars, Some(shaped.source))
        } else {
            let mut chars = Vec::with_capacity(text.chars().count());
            chars.extend(text.chars());
            (chars, None)
        };

        // The shaped text as a string, once something needs one (see `segment`).
        let mut shaped_text: Option<String> = None;
        let (mut bidi, para_level) = if opts.reorder {
            let level = match opts.base {
                BaseDirection::Ltr => Some(Level::ltr()),
                BaseDirection::Rtl => Some(Level::rtl()),
                BaseDirection::Auto => None, // UAX #9 P2–P3
            };
            match simple_levels(&chars, opts.base) {
                Some((levels, para_level)) => (Some(levels), para_level),
                None => {
                    let work: &str = match map {
                        None => text,
                        Some(_) => shaped_text.insert(to_string(&chars)),
                    };
                    let info = ParagraphBidiInfo::new_with_data_source(&Classes, work, level);
                    let para_level = info.paragraph_level.number();
                    // unicode-bidi gives classes and levels per byte: keep those of each char.
                    let (mut classes, mut levels) = (Vec::new(), Vec::new());
                    for (i, _) in work.char_indices() {
                        classes.push(info.original_classes.get(i).copied().unwrap_or(BidiClass::L));
                        levels.push(info.levels.get(i).map_or(para_level, |l| l.number()));
                    }
                    (Some(Levels { classes, levels, simple: None, plain_breaks: None }), para_level)
                }
            }
        } else {
            let dir = match opts.base {
                BaseDirection::Ltr => Direction::Ltr,
                BaseDirection::Rtl => Direction::Rtl,
                BaseDirection::Auto => {
                    super::first_strong_direction(text).unwrap_or(Direction::Ltr)
                }
            };
            (None, u8::from(dir == Direction::Rtl))
        };

        if let Some(levels) = bidi.as_mut() {
            isolate_urls(&chars, levels, para_level);
        }
        let mut p = Paragraph { src_len: text.len(), chars, map, cells: Vec::new(), para_level };
        p.cells = p.segment(text, shaped_text.as_deref(), bidi.as_ref());
        p
    }

    pub(crate) fn direction(&self) -> Direction {
        if self.para_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Source byte range of `n` chars of the work text starting at char `first`, whose bytes in
    /// the work text's UTF-8 are `work`.
    fn src_of(&self, first: usize, n: usize, work: &Range<usize>) -> Range<usize> {
        match &self.map {
            None => work.clone(),
            Some(map) if n == 1 => map.get(first).cloned().unwrap_or(self.src_len..self.src_len),
            Some(map) => {
                let slice = map.get(first..first + n).unwrap_or(&[]);
                let start = slice.iter().map(|r| r.start).min();
                let end = slice.iter().map(|r| r.end).max();
                match (start, end) {
                    (Some(s), Some(e)) => s..e,
                    _ => self.src_pos(first)..self.src_pos(first),
                }
            }
        }
    }

    /// The source byte offset where work char `k` starts.
    fn src_pos(&self, k: usize) -> usize {
        match &self.map {
            None => k,
            Some(map) => map.get(k).map_or(self.src_len, |r| r.start),
        }
    }

    /// Splits the work text into cells (grapheme clusters), marking where UAX #14 allows a break.
    /// `source`: the paragraph's text; `shaped`: the shaped text as a string, if it was made;
    /// `levels`: the paragraph's levels, when reordering.
    fn segment(&self, source: &str, shaped: Option<&str>, levels: Option<&Levels>) -> Vec<Cell> {
        let chars = &self.chars[..];
        let simple = match levels.and_then(|l| l.simple) {
            Some(simple) => simple,
            None => chars.iter().all(|&c| is_simple(c)),
        };
        let plain_breaks = levels.and_then(|l| l.plain_breaks).unwrap_or(false);
        let (mut cells, overlap) = if simple && plain_breaks {
            self.segment_plain(levels)
        } else {
            // The work text as a string: UAX #29 or UAX #14 run in full.
            let owned: String;
            let work = match (&self.map, shaped) {
                (None, _) => source,
                (Some(_), Some(shaped)) => shaped,
                (Some(_), None) => {
                    owned = to_string(chars);
                    &owned
                }
            };
            if simple {
                let clusters = SimpleClusters { chars, pos: 0, byte: 0 };
                self.segment_clusters(work, clusters, levels)
            } else {
                let mut k = 0;
                let clusters = work.grapheme_indices(true).map(|(i, g)| {
                    let n = g.chars().count();
                    let first = g.chars().next().unwrap_or('\u{FFFD}');
                    let cluster = Cluster { first_char: k, n, bytes: i..i + g.len(), first };
                    k += n;
                    cluster
                });
                self.segment_clusters(work, clusters, levels)
            }
        };
        // Only when a cell's source overlaps the one before it (see `segment_clusters`).
        if self.map.is_some() && overlap {
            unite_groups(&mut cells);
        }
        spaced_quotation_breaks(&mut cells, chars);
        cells
    }

    /// The cells of a paragraph whose chars are all [`is_simple`] and [`breaks_after_spaces`]
    /// (the common case): [`Self::segment_clusters`] with [`space_break`], and single-char cells
    /// straight from the table of [`char_info`].
    #[inline(never)]
    fn segment_plain(&self, levels: Option<&Levels>) -> (Vec<Cell>, bool) {
        // One loop for shaped text and one for the source's own chars, so the loop does not
        // ask which it is for every cell.
        let none = self.src_len..self.src_len;
        match &self.map {
            Some(map) => {
                self.segment_plain_with(levels, |k, _| map.get(k).cloned().unwrap_or(none.clone()))
            }
            None => self.segment_plain_with(levels, |_, bytes| bytes),
        }
    }

    /// [`Self::segment_plain`], where `source(k, bytes)` is the source range of the single-char
    /// cell of work char `k`, whose bytes in the work text's UTF-8 are `bytes`.
    #[inline(always)]
    fn segment_plain_with(
        &self,
        levels: Option<&Levels>,
        source: impl Fn(usize, Range<usize>) -> Range<usize>,
    ) -> (Vec<Cell>, bool) {
        let chars = &self.chars[..];
        let table = char_info_table();
        let mut cells: Vec<Cell> = Vec::with_capacity(chars.len());
        let mut overlap = false; // a cell's source overlaps the one of the cell before it
        let mut after_space = false;
        let mut prev_src_end = 0;
        let mut scratch = String::new();
        // The next cluster's first char, and its byte offset in the work text's UTF-8 (the
        // source's when not shaping).
        let (mut k, mut byte) = (0, 0);
        while let Some(&first) = chars.get(k) {
            let (n, len) = simple_cluster(chars, k, first);
            let brk = space_break(after_space, first);
            match if n == 1 { char_info_in(table, first) } else { None } {
                Some(info) => {
                    after_space = first == ' ';
                    let src = source(k, byte..byte + len);
                    // Cells expanded from one source char (a legacy ligature such as ﶒ) stay
                    // on one line, so that every line keeps whole source chars.
                    let overlaps = src.start < prev_src_end;
                    overlap |= overlaps;
                    prev_src_end = src.end;
                    let (mut level, mut l1, mut flags) = (0, 0, 0);
                    if let Some(lv) = levels {
                        level = lv.levels.get(k).copied().unwrap_or(self.para_level);
                        l1 = info.l1;
                        if info.mirrors {
                            flags |= MIRROR;
                        }
                    }
                    if info.disp.show == Show::Hidden && (levels.is_none() || !has_level(&[first]))
                    {
                        flags |= SKIP;
                    }
                    cells.push(Cell {
                        work: k..k + 1,
                        src,
                        disp: info.disp,
                        brk: brk && !overlaps,
                        level,
                        l1,
                        flags,
                        single: Some(first),
                    });
                }
                None => {
                    after_space = chars.get(k + n - 1) == Some(&' ');
                    let cl = Cluster { first_char: k, n, bytes: byte..byte + len, first };
                    let mut cell = self.cell_outlined(cl, &mut scratch, brk, levels);
                    if cell.src.start < prev_src_end {
                        cell.brk = false;
                        overlap = true;
                    }
                    prev_src_end = cell.src.end;
                    cells.push(cell);
                }
            }
            k += n;
            byte += len;
        }
        (cells, overlap)
    }

    /// The cells of `clusters` of the work text `work`, with UAX #14 in full.
    fn segment_clusters(
        &self,
        work: &str,
        clusters: impl Iterator<Item = Cluster>,
        levels: Option<&Levels>,
    ) -> (Vec<Cell>, bool) {
        let mut cells: Vec<Cell> = Vec::with_capacity(self.chars.len() + 1);
        let mut breaks = linebreaks(work).map(|(i, _)| i).peekable();
        let urls = url_spans(work);
        let mut urls = urls.iter().peekable();
        let mut prev_end = 0;
        let mut overlap = false; // a cell's source overlaps the one of the cell before it
        let mut scratch = String::new();
        for cl in clusters {
            // A break opportunity between the previous visible cell and this one (positions
            // inside a cluster are not opportunities).
            let mut brk = false;
            while let Some(&b) = breaks.peek() {
                if b > cl.bytes.start {
                    break;
                }
                if b >= prev_end {
                    brk = true;
                }
                breaks.next();
            }
            // Inside a URL the opportunities after its slashes are not taken: a URL that fits on
            // a line moves there whole rather than leaving `https://` behind (one too long for
            // any line is still cut where the line ends).
            while urls.peek().is_some_and(|u| u.end <= cl.bytes.start) {
                urls.next();
            }
            if urls.peek().is_some_and(|u| u.start < cl.bytes.start) {
                brk = false;
            }
            prev_end = cl.bytes.end;
            let mut cell = self.cell(cl, Some(work), &mut scratch, brk, levels);
            // Cells expanded from one source char (a legacy ligature such as ﶒ) stay on one
            // line, so that every line keeps whole source chars.
            if cells.last().is_some_and(|p: &Cell| cell.src.start < p.src.end) {
                cell.brk = false;
                overlap = true;
            }
            cells.push(cell);
        }
        (cells, overlap)
    }

    /// [`Self::cell`] without a work string, not inlined: the rare clusters of
    /// [`Self::segment_plain`] (a base with marks) stay out of its loop.
    #[inline(never)]
    fn cell_outlined(
        &self,
        cl: Cluster,
        scratch: &mut String,
        brk: bool,
        levels: Option<&Levels>,
    ) -> Cell {
        self.cell(cl, None, scratch, brk, levels)
    }

    /// The cell of cluster `cl`, a line break opportunity before it or not (`brk`); `work`: the
    /// work text as a string, if there is one (else the cluster is written into `scratch` when
    /// its display must be computed).
    #[inline(always)]
    fn cell(
        &self,
        cl: Cluster,
        work: Option<&str>,
        scratch: &mut String,
        brk: bool,
        levels: Option<&Levels>,
    ) -> Cell {
        let Cluster { first_char, n, bytes, first } = cl;
        let g = self.chars.get(first_char..first_char + n).unwrap_or_default();
        let info = if n == 1 { char_info(first) } else { None };
        let disp = match info {
            Some(info) => info.disp,
            None => display(match work.and_then(|w| w.get(bytes.clone())) {
                Some(g) => g,
                None => {
                    scratch.clear();
                    scratch.extend(g);
                    scratch
                }
            }),
        };
        let src = self.src_of(first_char, n, &bytes);
        let (mut level, mut l1, mut flags) = (0, 0, 0);
        if let Some(lv) = levels {
            level = lv.levels.get(first_char).copied().unwrap_or(self.para_level);
            let mirrors = match info {
                Some(info) => {
                    l1 = info.l1;
                    info.mirrors
                }
                None => {
                    l1 = l1_effect(lv.classes.get(first_char..first_char + n).unwrap_or(&[]));
                    g.iter().any(|&c| mirrored(c) != c)
                }
            };
            if mirrors {
                flags |= MIRROR;
            }
        }
        if disp.show == Show::Hidden && (levels.is_none() || !has_level(g)) {
            flags |= SKIP;
        }
        if info.is_none() && matches!(g.last(), Some('\u{200C}' | '\u{200D}')) {
            flags |= ZW_TAIL; // (no char of `char_info`'s table is a ZWJ or ZWNJ)
        }
        let single = (n == 1).then_some(first);
        Cell { work: first_char..first_char + n, src, disp, brk, level, l1, flags, single }
    }

    /// Cell `i` shows part of the same source char as cell `i - 1` (shaping expanded it).
    fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.cells.len() && self.cells[i].src.start < self.cells[i - 1].src.end
    }

    /// The first cell of the group of joined cells that cell `i` belongs to.
    fn group_start(&self, mut i: usize) -> usize {
        while self.joined(i) {
            i -= 1;
        }
        i
    }

    /// One past the last cell of the group of joined cells that cell `i` belongs to.
    fn group_end(&self, i: usize) -> usize {
        let mut k = i + 1;
        while self.joined(k) {
            k += 1;
        }
        k.min(self.cells.len())
    }

    /// Where to cut a word wider than the line that starts at cell `start`, if a better place
    /// than `last` (the last cut that fits) lies in between: next to a bracket or quote (after
    /// an opening one, before a closing one), so that `(www.example.com)` or `(10:30)` keeps
    /// its URL or number whole on a line of its own; else after a separator of URLs and
    /// numbers (`/ - . ? & = _ : ,`). Never inside a group of cells showing one source char.
    fn soft_cut(&self, start: usize, last: usize) -> Option<usize> {
        use unicode_linebreak::BreakClass::*;
        let cells = &self.cells;
        let class = |k: usize| cells[k].single.map(|c| unicode_linebreak::break_property(c as u32));
        let opening = |k: usize| {
            matches!(class(k), Some(OpenPunctuation))
                || matches!(cells[k].single, Some('«' | '“' | '‘'))
        };
        let closing = |k: usize| {
            matches!(class(k), Some(ClosePunctuation | CloseParenthesis))
                || matches!(cells[k].single, Some('»' | '”' | '’'))
        };
        let clean = |k: usize| k < cells.len() && !self.joined(k);
        // Words joined by no-break spaces (100\u{a0}دولار) are still words: cut after such a
        // space first, then next to brackets and quotes, then after a separator of a URL.
        let no_break =
            |k: usize| matches!(cells[k].single, Some('\u{a0}' | '\u{202f}' | '\u{2007}'));
        if let Some(k) = (start + 1..=last).rev().find(|&k| clean(k) && no_break(k - 1)) {
            return Some(k);
        }
        // A space the rules bind to its neighbours (UAX #14 LB15 of Unicode 15.0 as the crate
        // has it: «…» (…), which 15.1 no longer binds) is still the best place, but not after
        // an opening bracket, which would end the line.
        let space = |k: usize| cells[k].single == Some(' ');
        if let Some(k) = (start + 1..=last).rev().find(|&k| {
            clean(k) && space(k - 1) && !space(k) && {
                let before = (start..k).rev().find(|&j| !space(j));
                before.is_some_and(|j| !opening(j))
            }
        }) {
            return Some(k);
        }
        (start + 1..=last).rev().find(|&k| clean(k) && (opening(k - 1) || closing(k))).or_else(
            || {
                (start + 2..=last).rev().find(|&k| {
                    clean(k)
                        && matches!(
                            cells[k - 1].single,
                            Some('/' | '-' | '.' | '?' | '&' | '=' | '_' | ':' | ',')
                        )
                })
            },
        )
    }

    /// Greedy wrapping at `limit` cells (0: none). Hands the lines' cell ranges to `emit`, in
    /// order, spaces at breaks dropped.
    fn wrap(&self, limit: usize, emit: &mut dyn FnMut(Range<usize>)) {
        let cells = &self.cells;
        let n = cells.len();
        if limit == 0 {
            return emit(0..n);
        }
        // A break after a soft hyphen shows a hyphen: it is a place to break only where the
        // hyphen fits too, after a word (`width`: the cells before it on the line).
        // (The word: the last visible cell before the soft hyphen, looked for among a few
        // invisible ones, is no space.)
        let after_word = |k: usize| {
            cells[..k - 1]
                .iter()
                .rev()
                .take(8)
                .find(|c| c.disp.show != Show::Hidden)
                .is_some_and(|c| !c.disp.space)
        };
        let fits = |k: usize, width: usize| {
            cells[k - 1].single != Some(SOFT_HYPHEN)
                || (width > 0 && width < limit && after_word(k))
        };
        let w_of = |r: Range<usize>| cells[r].iter().map(|c| c.disp.width as usize).sum::<usize>();
        // A line without the spaces and invisible chars at its end, but with the soft hyphen it
        // breaks at (which `render_line` shows as a hyphen).
        let trim = |r: Range<usize>| -> Range<usize> {
            let mut e = r.end;
            if e > r.start && cells[e - 1].single == Some(SOFT_HYPHEN) && fits(e, w_of(r.clone())) {
                return r;
            }
            while e > r.start && (cells[e - 1].disp.space || cells[e - 1].disp.show == Show::Hidden)
            {
                e -= 1;
            }
            r.start..e
        };
        let mut emitted = false;
        let (mut start, mut w, mut brk, mut i) = (0usize, 0usize, None::<usize>, 0usize);
        while i < n {
            let c = &cells[i];
            if c.brk && i > start && fits(i, w) {
                brk = Some(i);
            }
            let cw = c.disp.width as usize;
            if cw > 0 && w + cw > limit && !c.disp.space {
                match brk {
                    Some(b) if b > start => {
                        let r = trim(start..b);
                        if !r.is_empty() {
                            emitted = true;
                            emit(r);
                        }
                        start = b;
                    }
                    _ if i == start => {
                        // One cell (or group of cells showing one source char) wider than the
                        // line: it gets a line of its own.
                        let e = self.group_end(i);
                        emitted = true;
                        emit(i..e);
                        start = e;
                    }
                    _ => {
                        // A word wider than the line: cut it between clusters, never inside a
                        // group of cells showing one source char.
                        let g = self.group_start(i);
                        let last = if g > start { g } else { self.group_end(i) };
                        let mut cut = self.soft_cut(start, last).unwrap_or(last);
                        if cut > start + 1 && !fits(cut, w_of(start..cut)) {
                            // Right after a soft hyphen with no room for its hyphen: the soft
                            // hyphen goes to the next line, where it shows nothing.
                            cut -= 1;
                        }
                        let r = trim(start..cut);
                        if !r.is_empty() {
                            emitted = true;
                            emit(r);
                        }
                        start = cut;
                    }
                }
                // Spaces at a break are dropped.
                while start < n && cells[start].disp.space {
                    start += 1;
                }
                i = i.max(start);
                w = w_of(start..i);
                brk = (start + 1..i).rev().find(|&k| cells[k].brk && fits(k, w_of(start..k)));
                continue;
            }
            w += cw;
            i += 1;
        }
        if start < n || !emitted {
            let r = if w > limit { trim(start..n) } else { start..n };
            if !r.is_empty() || !emitted {
                emit(r);
            }
        }
    }

    /// Wraps at `width` and calls `f` with each line: its cells, the end of the cells its bytes
    /// run to (the lines tile the paragraph: each runs to where the next one starts, so the
    /// spaces dropped at its break belong to it), and the source range it covers.
    fn for_each_line(&self, width: usize, mut f: impl FnMut(Range<usize>, usize, Range<usize>)) {
        // Each line is laid out as soon as the next one is known (its cells are still in the
        // cache).
        let n = self.cells.len();
        let mut pending: Option<Range<usize>> = None;
        let mut first = true;
        let mut line = |r: Range<usize>, next: usize| {
            let src_from =
                if first { 0 } else { self.cells.get(r.start).map_or(0, |c| c.src.start) };
            first = false;
            let src_to = self.cells.get(next).map_or(self.src_len, |c| c.src.start);
            f(r, next, src_from..src_to);
        };
        self.wrap(width, &mut |r| {
            if let Some(prev) = pending.replace(r.clone()) {
                line(prev, r.start.min(n));
            }
        });
        if let Some(last) = pending {
            line(last, n);
        }
    }

    /// Lays out the whole paragraph at `width`.
    pub(crate) fn layout(&self, width: usize) -> Vec<VisualLine> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.for_each_line(width, |cells, end, src| {
            out.push(self.visual_line(cells, end, src, None, &mut scratch));
        });
        out
    }

    /// Lays out the whole paragraph at `width`, calling `row` with each line's text (in visual
    /// order) and width, without building its cells.
    pub(crate) fn rows(&self, width: usize, mut row: impl FnMut(&str, usize)) {
        let mut scratch = Scratch::default();
        let mut text = String::new();
        self.for_each_line(width, |cells, end, _| {
            text.clear();
            let width = self.render_line(cells, end, None, &mut scratch, &mut text, None);
            row(&text, width);
        });
    }

    /// One line of at most `width` cells, cut at its logical end with an ellipsis.
    pub(crate) fn fit(&self, width: usize) -> VisualLine {
        let total: usize = self.cells.iter().map(|c| c.disp.width as usize).sum();
        let mut scratch = Scratch::default();
        let n = self.cells.len();
        if total <= width {
            return self.visual_line(0..n, n, 0..self.src_len, None, &mut scratch);
        }
        if width == 0 {
            return self.visual_line(0..0, 0, 0..self.src_len, None, &mut scratch);
        }
        let mut k = 0;
        let mut w = 0;
        while k < n && w + (self.cells[k].disp.width as usize) < width {
            w += self.cells[k].disp.width as usize;
            k += 1;
        }
        // Never cut inside a group of cells showing one source char.
        k = self.group_start(k);
        let cut = k;
        let cut_src = self.cells.get(k).map_or(self.src_len, |c| c.src.start);
        while k > 0 && (self.cells[k - 1].disp.space || self.cells[k - 1].disp.show == Show::Hidden)
        {
            k -= 1;
        }
        self.visual_line(0..k, cut, 0..self.src_len, Some(cut_src..self.src_len), &mut scratch)
    }

    /// The [`VisualLine`] of [`Self::render_line`].
    fn visual_line(
        &self,
        cells: Range<usize>,
        end: usize,
        logical_range: Range<usize>,
        ellipsis: Option<Range<usize>>,
        scratch: &mut Scratch,
    ) -> VisualLine {
        let from = self.cells.get(cells.start).map_or(0, |c| c.work.start);
        let to = cells.end.checked_sub(1).and_then(|k| self.cells.get(k)).map_or(0, |c| c.work.end);
        let mut text = String::with_capacity(3 * to.saturating_sub(from) + 8);
        let mut vcells = Vec::with_capacity(cells.len() + 1);
        let width =
            self.render_line(cells, end, ellipsis.as_ref(), scratch, &mut text, Some(&mut vcells));
        VisualLine { text, cells: vcells, width, direction: self.direction(), logical_range }
    }

    /// UAX #9 L1–L2 and L4 for the cells `cells` of a line whose bytes run to the start of cell
    /// `end` (the spaces dropped at its break count in L1), with an ellipsis standing for the
    /// source range `ellipsis` at its logical end. Appends the line's text, in visual order, to
    /// `text` and its cells to `vcells`; returns its width.
    fn render_line(
        &self,
        cells: Range<usize>,
        end: usize,
        ellipsis: Option<&Range<usize>>,
        s: &mut Scratch,
        text: &mut String,
        mut vcells: Option<&mut Vec<VisualCell>>,
    ) -> usize {
        let para = self.para_level;
        let n = self.cells.len();
        let end = end.min(n).max(cells.end.min(n));
        let last = cells.end.min(end);
        let first = cells.start.min(last);
        let line = self.cells.get(first..last).unwrap_or_default();
        // A line that `wrap` broke right after a soft hyphen (kept as its last cell) ends with a
        // hyphen.
        let hyphen = ellipsis.is_none()
            && last < n
            && last > first
            && self.cells[last - 1].single == Some(SOFT_HYPHEN);

        // UAX #9 L1, scanning the line backwards from its end: segment separators, and any
        // whitespace or isolate formatting characters (with the X9-removed ones among them)
        // before them or at the end of the line, take the paragraph level. The units of
        // reordering are the cells: a cluster takes the level of its first character (its
        // base); it never splits, so its width stays what wrapping counted.
        let mut resetting = true;
        for c in self.cells.get(last..end).unwrap_or_default().iter().rev() {
            resetting = (c.l1 >> if resetting { 2 } else { 0 }) & 2 != 0;
        }
        s.levels.clear();
        s.levels.resize(line.len(), para);
        let mut skips = false;
        for (c, level) in line.iter().zip(s.levels.iter_mut()).rev() {
            let l1 = c.l1 >> if resetting { 2 } else { 0 };
            resetting = l1 & 2 != 0;
            if l1 & 1 == 0 {
                *level = c.level;
            }
            skips |= c.flags & SKIP != 0;
        }
        // The units: the cells of the line (`units` empty), or those that take part in
        // reordering, then the ellipsis.
        s.units.clear();
        if skips || ellipsis.is_some() || hyphen {
            let mut kept = 0;
            for (i, c) in line.iter().enumerate() {
                if c.flags & SKIP == 0 {
                    s.units.push(i);
                    s.levels[kept] = s.levels[i];
                    kept += 1;
                }
            }
            s.levels.truncate(kept);
            if ellipsis.is_some() {
                s.units.push(ELLIPSIS);
                s.levels.push(para);
            }
            if hyphen {
                // At the level of the word it ends (not reset by L1 as the soft hyphen would be),
                // so it stays next to that word's last letter.
                let level = line
                    .iter()
                    .rev()
                    .find(|c| c.disp.show != Show::Hidden && !c.disp.space)
                    .map_or(para, |c| c.level);
                s.units.push(HYPHEN);
                s.levels.push(level);
            }
        }

        // The common case, straight over the cells: a line at one level, every cell a unit, no
        // visual cells wanted (UAX #9 L2 keeps it or reverses it; L4 in `put`).
        if let Some(&first) = s.levels.first() {
            if s.units.is_empty() && vcells.is_none() && s.levels.iter().all(|&l| l == first) {
                let mut width = 0;
                if first % 2 == 1 {
                    for c in line.iter().rev() {
                        width += self.put(c, first, text);
                    }
                } else {
                    for c in line {
                        width += self.put(c, first, text);
                    }
                }
                return width;
            }
        }

        // L4 and output, unit by unit in visual order.
        let mut width = 0;
        let mut emit = |k: usize| {
            let u = if s.units.is_empty() { k } else { s.units.get(k).copied().unwrap_or(k) };
            let level = s.levels.get(k).copied().unwrap_or(para);
            let start = text.len();
            if u == ELLIPSIS || u == HYPHEN {
                text.push(if u == ELLIPSIS { '…' } else { '-' });
                width += 1;
                if let Some(v) = vcells.as_deref_mut() {
                    let logical_range = if u == ELLIPSIS {
                        ellipsis.cloned().unwrap_or_default()
                    } else {
                        self.cells[last - 1].src.clone()
                    };
                    v.push(VisualCell { visual_range: start..text.len(), width: 1, logical_range });
                }
                return;
            }
            let Some(c) = line.get(u) else { return };
            if c.disp.show == Show::Hidden {
                return;
            }
            width += self.put(c, level, text);
            if let Some(v) = vcells.as_deref_mut() {
                v.push(VisualCell {
                    visual_range: start..text.len(),
                    width: c.disp.width,
                    logical_range: c.src.clone(),
                });
            }
        };

        // UAX #9 L2: from the highest level down to the lowest odd one, reverse every run at
        // that level or higher. Done here from the levels (not unicode-bidi's `visual_runs`,
        // which panics on a line made only of level-126 characters), by unit, so a cluster's
        // marks stay after their base (L3). A line at one level stays (even) or reverses (odd).
        let count = s.levels.len();
        match s.levels.first() {
            Some(&first) if s.levels.iter().all(|&l| l == first) => {
                if first % 2 == 1 {
                    (0..count).rev().for_each(&mut emit);
                } else {
                    (0..count).for_each(&mut emit);
                }
            }
            _ => {
                visual_order(&s.levels, &mut s.order, &mut s.moving);
                s.order.iter().for_each(|&k| emit(k));
            }
        }
        width
    }
}

impl Paragraph {
    /// Appends cell `c`, at resolved level `level`, to `text` (UAX #9 L4: mirrored glyphs at odd
    /// levels); returns its width (0 for a hidden cell, which shows nothing).
    #[inline(always)]
    fn put(&self, c: &Cell, level: u8, text: &mut String) -> usize {
        match c.disp.show {
            Show::Hidden => return 0,
            Show::Char(ch) => text.push(ch),
            Show::Source if c.single.is_some() => {
                if let Some(ch) = c.single {
                    // UAX #9 L4: mirrored glyphs at odd levels.
                    let mirror = level % 2 == 1 && c.flags & MIRROR != 0;
                    text.push(if mirror { mirrored(ch) } else { ch });
                }
            }
            Show::Source | Show::Dotted => {
                if c.disp.show == Show::Dotted {
                    text.push('\u{25CC}');
                }
                let g = self.chars.get(c.work.clone()).unwrap_or_default();
                if level % 2 == 1 && c.flags & (MIRROR | ZW_TAIL) != 0 {
                    // A ZWJ / ZWNJ ending the cluster stands between it and the next letter:
                    // reversed, that is before the cluster (marks stay after their base).
                    let tail = g
                        .iter()
                        .rev()
                        .take_while(|&&c| matches!(c, '\u{200C}' | '\u{200D}'))
                        .count();
                    let (body, tail) = g.split_at(g.len() - tail);
                    text.extend(tail);
                    // UAX #9 L4: mirrored glyphs at odd levels.
                    text.extend(body.iter().map(|&c| mirrored(c)));
                } else {
                    text.extend(g);
                }
            }
        }
        c.disp.width as usize
    }
}

/// UAX #9 L2: the visual order (indices, left to right) of items with the given levels, into
/// `order`; `moving` is scratch space.
pub(crate) fn visual_order(levels: &[u8], order: &mut Vec<usize>, moving: &mut Vec<u8>) {
    order.clear();
    order.extend(0..levels.len());
    let (Some(&max), Some(&min)) = (levels.iter().max(), levels.iter().min()) else {
        return;
    };
    let lowest_odd = min | 1;
    if max < lowest_odd {
        return;
    }
    if max == min {
        order.reverse(); // one odd level: the whole line reverses
        return;
    }
    // `lv` follows the items as they move.
    moving.clear();
    moving.extend_from_slice(levels);
    let lv = moving;
    let mut level = max;
    while level >= lowest_odd {
        let mut i = 0;
        while i < lv.len() {
            if lv[i] >= level {
                let s = i;
                while i < lv.len() && lv[i] >= level {
                    i += 1;
                }
                order[s..i].reverse();
                lv[s..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

/// Characters whose width terminals disagree on (found by printing each in tmux and comparing
/// with a redraw): the interlinear annotation controls, the noncharacters (U+FDD0–FDEF and the
/// last two of every plane), the Hangul fillers, the Syriac abbreviation mark and the Arabic
/// disputed end of ayah (U+08E2, a prepended mark newer than most terminals' tables); and code
/// points unassigned in the Unicode data qari has (15.0, through unicode-linebreak's class XX,
/// private use aside): a terminal gives them no column (tmux, glibc) or one, and characters
/// newer than that data are unknown to most terminals too. Such a char alone in its cluster is
/// shown as U+FFFD.
pub fn unsure_width(c: char) -> bool {
    matches!(c,
        '\u{FFF9}'..='\u{FFFB}' | '\u{FDD0}'..='\u{FDEF}' | '\u{115F}' | '\u{1160}' | '\u{3164}'
        | '\u{FFA0}' | '\u{070F}' | '\u{08E2}')
        || (c as u32) & 0xFFFE == 0xFFFE
        || (unicode_linebreak::break_property(c as u32) == unicode_linebreak::BreakClass::Unknown
            && !matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast path for paragraphs without explicit formatting characters resolves the same
        /// levels as unicode-bidi (X9-removed characters aside).
        #[test]
        fn simple_levels_agree_with_unicode_bidi(
            text in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", "ب", "ك", "א", "1", "٣", "۴", "+", "-", "%", "$", "#", ",", ".", ":", "/",
                " ", "\t", "\n", "(", ")", "[", "]", "«", "»", "{", "}", "\u{064E}", "\u{0301}",
                "!", "\u{200D}", "\u{00AD}", "\u{200E}", "\u{200F}", "\u{061C}", "〈", "\u{2329}",
                "\u{232A}", "〉", "٪", "\u{0660}",
            ]), 0..40).prop_map(|v| v.concat()),
            base in prop::sample::select(vec![BaseDirection::Ltr, BaseDirection::Rtl, BaseDirection::Auto]),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let (fast, e) = simple_levels(&chars, base).expect("no explicit formatting characters");
            let level = match base {
                BaseDirection::Ltr => Some(Level::ltr()),
                BaseDirection::Rtl => Some(Level::rtl()),
                BaseDirection::Auto => None,
            };
            let info = ParagraphBidiInfo::new_with_data_source(&Classes, &text, level);
            prop_assert_eq!(e, info.paragraph_level.number());
            for (k, (i, c)) in text.char_indices().enumerate() {
                if bidi_class(c) != BidiClass::BN {
                    prop_assert_eq!(fast.levels[k], info.levels[i].number(), "at {} in {:?}", i, text);
                }
            }
        }
    }

    /// Among chars of the line-break classes AL, NU, IS, QU, CM and SP, `space_break` finds the
    /// opportunities unicode-linebreak finds: every sequence of up to five of them (two chars of
    /// each class; the rules only see classes), and the classes are what they are said to be.
    #[test]
    fn space_breaks_agree_with_unicode_linebreak() {
        let sample = ['a', 'ﺏ', '1', '٣', '.', '،', '«', '"', '\u{064B}', '\u{0301}', ' '];
        assert!(sample.iter().all(|&c| breaks_after_spaces(c)));
        // Neighbours that must not take the fast path: (, -, !, ؟, %, NBSP, tab, ZWJ, emoji.
        for c in ['(', '-', '!', '؟', '%', '\u{A0}', '\t', '\u{200D}', '😀'] {
            assert!(!breaks_after_spaces(c), "{c:?}");
        }
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| sample.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 160_000);
        for s in &strings {
            let mut fast = Vec::new();
            let mut after_space = false;
            for (i, c) in s.char_indices() {
                if space_break(after_space, c) {
                    fast.push(i);
                }
                after_space = c == ' ';
            }
            // LB3: always a break at the end.
            let slow: Vec<usize> = linebreaks(s).map(|(i, _)| i).filter(|&i| i < s.len()).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    /// The bit set of the Arabic extending marks holds exactly the listed ranges.
    #[test]
    fn arabic_extend_bits_match_the_ranges() {
        for c in (0..0x800u32).filter_map(char::from_u32) {
            let listed = ARABIC_EXTEND.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)));
            assert_eq!(is_arabic_extend(c), listed, "U+{:04X}", c as u32);
        }
        assert!(is_arabic_extend('\u{064E}') && !is_arabic_extend('\u{0627}'));
    }

    /// The fast cluster path agrees with unicode-segmentation on every simple character, after
    /// and before a sample of bases and marks.
    #[test]
    fn simple_clusters_agree_with_unicode_segmentation() {
        let all: Vec<char> =
            (0..0x10000u32).filter_map(char::from_u32).filter(|&c| is_simple(c)).collect();
        let sample = ['a', ' ', 'ب', 'ﺏ', '\u{064E}', '\u{0670}', '«', '\u{06DF}', 'ـ'];
        for &c in &all {
            for &d in &sample {
                for s in [format!("{c}{d}"), format!("{d}{c}"), format!("{d}{c}{d}")] {
                    let chars: Vec<char> = s.chars().collect();
                    let fast: Vec<_> = SimpleClusters { chars: &chars, pos: 0, byte: 0 }
                        .map(|cl| {
                            let g = &s[cl.bytes.clone()];
                            let cluster: String =
                                chars[cl.first_char..cl.first_char + cl.n].iter().collect();
                            assert_eq!((g, g.chars().next()), (cluster.as_str(), Some(cl.first)));
                            (cl.bytes.start, g)
                        })
                        .collect();
                    let slow: Vec<_> = s.grapheme_indices(true).collect();
                    assert_eq!(fast, slow, "{s:?}");
                }
            }
        }
    }
}
