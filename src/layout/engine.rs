//! The layout pipeline behind [`super::layout_paragraph`] and [`super::fit_line`]:
//! analyse (shape, segment into cells, resolve levels once per paragraph) → wrap (UAX #14, in
//! logical order) → per line: L1, L2 by grapheme cluster, L4.
//!
//! Every function here is total: no panic and no `unwrap` on any input.

use std::borrow::Cow;
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
    use std::sync::OnceLock;
    const LOW: u32 = 0x800;
    const PF: std::ops::Range<u32> = 0xFB50..0xFF00;
    static TABLE: OnceLock<Vec<BidiClass>> = OnceLock::new();
    let n = c as u32;
    let in_low = n < LOW;
    if !in_low && !PF.contains(&n) {
        return unicode_bidi::bidi_class(c);
    }
    let table = TABLE.get_or_init(|| {
        (0..LOW)
            .chain(PF)
            .map(|n| char::from_u32(n).map_or(BidiClass::L, unicode_bidi::bidi_class))
            .collect()
    });
    let k = if in_low { n } else { LOW + n - PF.start } as usize;
    table.get(k).copied().unwrap_or_else(|| unicode_bidi::bidi_class(c))
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

/// How the grapheme cluster `g` shows on screen: the one place widths are decided.
pub(crate) fn display(g: &str) -> Display {
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
fn has_level(g: &str) -> bool {
    use BidiClass::*;
    g.chars().any(|c| !matches!(bidi_class(c), BN | LRE | RLE | LRO | RLO | PDF))
}

/// One grapheme cluster of the paragraph, in logical order.
#[derive(Clone, Debug)]
struct Cell {
    /// Bytes of the work text (the shaped text, or the source when not shaping).
    work: Range<usize>,
    /// Bytes of the source text.
    src: Range<usize>,
    disp: Display,
    /// A line may start at this cell (a UAX #14 opportunity lies before it).
    brk: bool,
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

/// Levels resolved once for the paragraph (UAX #9 P2–I2), per byte of the work text.
struct Levels {
    classes: Vec<BidiClass>,
    levels: Vec<u8>,
}

/// UAX #9 P2–I2 for a paragraph without explicit embeddings, overrides or isolates (the common
/// case of news text): one isolating run sequence at the paragraph level, so the W, N and I rules
/// run in one pass each over the characters, X9-removed ones (BN) left out. `None` when the
/// paragraph holds an explicit formatting character: unicode-bidi does the general case. Both
/// paths are checked by the BidiCharacterTest conformance suite.
fn simple_levels(text: &str, base: BaseDirection) -> Option<(Levels, u8)> {
    use BidiClass::*;
    let mut classes = Vec::with_capacity(text.len());
    let mut pos = Vec::with_capacity(text.len()); // byte offset of each non-BN char
    let mut orig = Vec::with_capacity(text.len()); // its class
    let mut chars = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let k = Classes.bidi_class(c);
        if matches!(k, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI) {
            return None;
        }
        classes.extend(std::iter::repeat_n(k, c.len_utf8()));
        if k != BN {
            pos.push(i);
            orig.push(k);
            chars.push(c);
        }
    }
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
    let n = orig.len();
    let mut t = orig.clone();
    // W1: NSM takes the type of the previous character.
    let mut prev = sos;
    for k in t.iter_mut() {
        if *k == NSM {
            *k = prev;
        } else {
            prev = *k;
        }
    }
    // W2: EN after AL is AN. W3: AL is R.
    let mut last_strong = sos;
    for k in t.iter_mut() {
        match *k {
            R | L | AL => last_strong = *k,
            EN if last_strong == AL => *k = AN,
            _ => {}
        }
    }
    for k in t.iter_mut() {
        if *k == AL {
            *k = R;
        }
    }
    // W4: a single separator between two numbers of the same kind joins them.
    for i in 1..n.saturating_sub(1) {
        if t[i] == ES && t[i - 1] == EN && t[i + 1] == EN {
            t[i] = EN;
        } else if t[i] == CS && t[i - 1] == t[i + 1] && matches!(t[i - 1], EN | AN) {
            t[i] = t[i - 1];
        }
    }
    // W5: terminators next to a European number become one.
    let mut i = 0;
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
    // W6: remaining separators and terminators are neutral.
    for k in t.iter_mut() {
        if matches!(*k, ES | ET | CS) {
            *k = ON;
        }
    }
    // W7: EN after L (or an L sos) is L.
    let mut last = sos;
    for k in t.iter_mut() {
        match *k {
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
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for i in 0..n {
        if orig[i] != ON {
            continue;
        }
        if let Some(m) = Classes.bidi_matched_opening_bracket(chars[i]) {
            if m.is_open {
                if stack.len() >= 63 {
                    break;
                }
                stack.push((m.opening, i));
            } else if let Some(si) = stack.iter().rposition(|&(o, _)| o == m.opening) {
                pairs.push((stack[si].1, i));
                stack.truncate(si);
            }
        }
    }
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
    // the embedding direction.
    let mut i = 0;
    while i < n {
        if matches!(t[i], B | S | WS | ON) {
            let s = i;
            while i < n && matches!(t[i], B | S | WS | ON) {
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
    // I1–I2, per byte; X9-removed characters take the level before them.
    let mut levels = vec![e; text.len()];
    for (j, &k) in t.iter().enumerate() {
        let l = match (e % 2, k) {
            (0, R) => e + 1,
            (0, AN | EN) => e + 2,
            (1, L | EN | AN) => e + 1,
            _ => e,
        };
        let start = pos[j];
        let end = pos.get(j + 1).copied().unwrap_or(text.len());
        levels[start..end].fill(l);
    }
    Some((Levels { classes, levels }, e))
}

/// A paragraph analysed for layout.
pub(crate) struct Paragraph<'t> {
    src_len: usize,
    work: Cow<'t, str>,
    /// Shaping map: for each char of `work`, its source byte range. `None`: work is the source.
    map: Option<Vec<Range<usize>>>,
    cells: Vec<Cell>,
    bidi: Option<Levels>,
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
fn is_arabic_extend(c: char) -> bool {
    matches!(c as u32,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8 | 0x06EA..=0x06ED)
}

/// Extended grapheme clusters of text made only of [`is_simple`] characters (UAX #29 GB9 and
/// GB999 are the only rules that apply): what unicode-segmentation finds, several times faster.
struct SimpleClusters<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for SimpleClusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars.find(|&(_, c)| !is_arabic_extend(c)).map_or(rest.len(), |(i, _)| i);
        let start = self.pos;
        self.pos += end;
        Some((start, &rest[..end]))
    }
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

/// One unit of reordering: a cell of the line, or the ellipsis of a cut line.
struct Unit {
    work: Range<usize>,
    src: Range<usize>,
    level: u8,
    width: u8,
    show: Show,
}

impl<'t> Paragraph<'t> {
    pub(crate) fn new(text: &'t str, opts: &LayoutOptions) -> Self {
        let (work, map) = if opts.reorder && opts.shape {
            let shaped = shape::shape(text);
            // Trust the map only if it has one entry per char and stays inside the source.
            let ok = shaped.source.len() == shaped.text.chars().count()
                && shaped.source.iter().all(|r| r.start <= r.end && r.end <= text.len());
            if ok {
                (Cow::Owned(shaped.text), Some(shaped.source))
            } else {
                (Cow::Borrowed(text), None)
            }
        } else {
            (Cow::Borrowed(text), None)
        };

        let (bidi, para_level) = if opts.reorder {
            let level = match opts.base {
                BaseDirection::Ltr => Some(Level::ltr()),
                BaseDirection::Rtl => Some(Level::rtl()),
                BaseDirection::Auto => None, // UAX #9 P2–P3
            };
            match simple_levels(&work, opts.base) {
                Some((levels, para_level)) => (Some(levels), para_level),
                None => {
                    let info = ParagraphBidiInfo::new_with_data_source(&Classes, &work, level);
                    let para_level = info.paragraph_level.number();
                    let ParagraphBidiInfo { original_classes, levels, .. } = info;
                    let levels = levels.iter().map(|l| l.number()).collect();
                    (Some(Levels { classes: original_classes, levels }), para_level)
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

        let mut p =
            Paragraph { src_len: text.len(), work, map, cells: Vec::new(), bidi, para_level };
        p.cells = p.segment();
        p
    }

    pub(crate) fn direction(&self) -> Direction {
        if self.para_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Source byte range of `n` chars of the work text starting at char `first`, whose work
    /// bytes are `work`.
    fn src_of(&self, first: usize, n: usize, work: &Range<usize>) -> Range<usize> {
        match &self.map {
            None => work.clone(),
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
    fn segment(&self) -> Vec<Cell> {
        let text: &str = &self.work;
        let mut cells = if text.chars().all(is_simple) {
            self.segment_clusters(text, SimpleClusters { text, pos: 0 })
        } else {
            self.segment_clusters(text, text.grapheme_indices(true))
        };
        if self.map.is_some() {
            unite_groups(&mut cells);
        }
        cells
    }

    fn segment_clusters<'a>(
        &self,
        text: &'a str,
        clusters: impl Iterator<Item = (usize, &'a str)>,
    ) -> Vec<Cell> {
        let mut cells = Vec::with_capacity(text.len() / 2 + 1);
        let mut breaks = linebreaks(text).map(|(i, _)| i).peekable();
        let mut prev_end = 0;
        let mut nchar = 0;
        for (start, g) in clusters {
            let end = start + g.len();
            let n = if g.len() == 1 { 1 } else { g.chars().count() };
            let first_char = nchar;
            nchar += n;
            let disp = display(g);
            // A break opportunity between the previous visible cell and this one (positions
            // inside a cluster are not opportunities).
            let mut brk = false;
            while let Some(&b) = breaks.peek() {
                if b > start {
                    break;
                }
                if b >= prev_end {
                    brk = true;
                }
                breaks.next();
            }
            prev_end = end;
            let work = start..end;
            let src = self.src_of(first_char, n, &work);
            // Cells expanded from one source char (a legacy ligature such as ﶒ) stay on one
            // line, so that every line keeps whole source chars.
            if cells.last().is_some_and(|p: &Cell| src.start < p.src.end) {
                brk = false;
            }
            cells.push(Cell { work, src, disp, brk });
        }
        cells
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

    /// Greedy wrapping at `limit` cells (0: none). Returns cell ranges, spaces at breaks dropped.
    fn wrap(&self, limit: usize) -> Vec<Range<usize>> {
        let cells = &self.cells;
        let n = cells.len();
        if limit == 0 {
            return std::iter::once(0..n).collect();
        }
        let trim = |r: Range<usize>| -> Range<usize> {
            let mut e = r.end;
            while e > r.start && (cells[e - 1].disp.space || cells[e - 1].disp.show == Show::Hidden)
            {
                e -= 1;
            }
            r.start..e
        };
        let mut out = Vec::new();
        let (mut start, mut w, mut brk, mut i) = (0usize, 0usize, None::<usize>, 0usize);
        while i < n {
            let c = &cells[i];
            if c.brk && i > start {
                brk = Some(i);
            }
            let cw = c.disp.width as usize;
            if cw > 0 && w + cw > limit && !c.disp.space {
                match brk {
                    Some(b) if b > start => {
                        let r = trim(start..b);
                        if !r.is_empty() {
                            out.push(r);
                        }
                        start = b;
                    }
                    _ if i == start => {
                        // One cell (or group of cells showing one source char) wider than the
                        // line: it gets a line of its own.
                        let e = self.group_end(i);
                        out.push(i..e);
                        start = e;
                    }
                    _ => {
                        // A word wider than the line: cut it between clusters, never inside a
                        // group of cells showing one source char.
                        let g = self.group_start(i);
                        let cut = if g > start { g } else { self.group_end(i) };
                        let r = trim(start..cut);
                        if !r.is_empty() {
                            out.push(r);
                        }
                        start = cut;
                    }
                }
                // Spaces at a break are dropped.
                while start < n && cells[start].disp.space {
                    start += 1;
                }
                i = i.max(start);
                w = cells[start..i].iter().map(|c| c.disp.width as usize).sum();
                brk = (start + 1..i).rev().find(|&k| cells[k].brk);
                continue;
            }
            w += cw;
            i += 1;
        }
        if start < n || out.is_empty() {
            let r = if w > limit { trim(start..n) } else { start..n };
            if !r.is_empty() || out.is_empty() {
                out.push(r);
            }
        }
        out
    }

    /// Lays out the whole paragraph at `width`.
    pub(crate) fn layout(&self, width: usize) -> Vec<VisualLine> {
        let lines = self.wrap(width);
        let mut scratch = Vec::new();
        let count = lines.len();
        let mut out = Vec::with_capacity(count);
        for (k, r) in lines.iter().enumerate() {
            // The lines tile the paragraph: each runs to where the next one starts.
            let from = if k == 0 { 0 } else { self.cells.get(r.start).map_or(0, |c| c.work.start) };
            let to = match lines.get(k + 1) {
                Some(next) => self.cells.get(next.start).map_or(self.work.len(), |c| c.work.start),
                None => self.work.len(),
            };
            let src_from =
                if k == 0 { 0 } else { self.cells.get(r.start).map_or(0, |c| c.src.start) };
            let src_to = match lines.get(k + 1) {
                Some(next) => self.cells.get(next.start).map_or(self.src_len, |c| c.src.start),
                None => self.src_len,
            };
            out.push(self.render_line(r.clone(), from..to, src_from..src_to, None, &mut scratch));
        }
        out
    }

    /// One line of at most `width` cells, cut at its logical end with an ellipsis.
    pub(crate) fn fit(&self, width: usize) -> VisualLine {
        let total: usize = self.cells.iter().map(|c| c.disp.width as usize).sum();
        let mut scratch = Vec::new();
        let n = self.cells.len();
        if total <= width {
            return self.render_line(0..n, 0..self.work.len(), 0..self.src_len, None, &mut scratch);
        }
        if width == 0 {
            return self.render_line(0..0, 0..0, 0..self.src_len, None, &mut scratch);
        }
        let mut k = 0;
        let mut w = 0;
        while k < n && w + (self.cells[k].disp.width as usize) < width {
            w += self.cells[k].disp.width as usize;
            k += 1;
        }
        // Never cut inside a group of cells showing one source char.
        k = self.group_start(k);
        let cut_src = self.cells.get(k).map_or(self.src_len, |c| c.src.start);
        let cut_work = self.cells.get(k).map_or(self.work.len(), |c| c.work.start);
        while k > 0 && (self.cells[k - 1].disp.space || self.cells[k - 1].disp.show == Show::Hidden)
        {
            k -= 1;
        }
        self.render_line(
            0..k,
            0..cut_work,
            0..self.src_len,
            Some(cut_src..self.src_len),
            &mut scratch,
        )
    }

    /// UAX #9 L1–L2 and L4 for the cells `cells`, whose line covers work bytes `line`.
    fn render_line(
        &self,
        cells: Range<usize>,
        line: Range<usize>,
        src_line: Range<usize>,
        ellipsis: Option<Range<usize>>,
        lv: &mut Vec<u8>,
    ) -> VisualLine {
        let para = self.para_level;
        let line = line.start.min(self.work.len())..line.end.min(self.work.len());
        let cells = &self.cells[cells.start.min(self.cells.len())..cells.end.min(self.cells.len())];
        let base = line.start;

        // Levels of the line's bytes after UAX #9 L1.
        lv.clear();
        if let Some(b) = &self.bidi {
            lv.extend_from_slice(&b.levels[line.clone()]);
            let classes = &b.classes[line.clone()];
            // UAX #9 L1: segment separators, and any whitespace or isolate formatting characters
            // (with the X9-removed ones among them) before them or at the end of the line, take
            // the paragraph level. Classes repeat on every byte of a char, so go byte by byte.
            let mut resetting = true;
            for k in (0..lv.len()).rev() {
                use BidiClass::*;
                match classes[k] {
                    S | B => {
                        lv[k] = para;
                        resetting = true;
                    }
                    WS | LRI | RLI | FSI | PDI | BN | LRE | RLE | LRO | RLO | PDF => {
                        if resetting {
                            lv[k] = para;
                        }
                    }
                    _ => resetting = false,
                }
            }
        }
        let level_at = |pos: usize| -> u8 {
            if self.bidi.is_some() {
                pos.checked_sub(base).and_then(|k| lv.get(k)).copied().unwrap_or(para)
            } else {
                0
            }
        };

        // Units of reordering: the cells. A cluster takes the level of its first character (its
        // base); it never splits, so its width stays what wrapping counted.
        let mut units: Vec<Unit> = Vec::with_capacity(cells.len() + 1);
        for c in cells {
            let level = level_at(c.work.start);
            let g = &self.work[c.work.clone()];
            if c.disp.show == Show::Hidden && (self.bidi.is_none() || !has_level(g)) {
                continue;
            }
            units.push(Unit {
                work: c.work.clone(),
                src: c.src.clone(),
                level,
                width: c.disp.width,
                show: c.disp.show,
            });
        }
        if let Some(src) = ellipsis.clone() {
            let at = line.end;
            units.push(Unit { work: at..at, src, level: para, width: 1, show: Show::Char('…') });
        }

        // UAX #9 L2: from the highest level down to the lowest odd one, reverse every run at
        // that level or higher. Done here from the levels (not unicode-bidi's `visual_runs`,
        // which panics on a line made only of level-126 characters), by unit, so a cluster's
        // marks stay after their base (L3).
        let order = visual_order(units.iter().map(|u| u.level));

        // L4 and output.
        let mut text = String::with_capacity(line.len() + 8);
        let mut vcells = Vec::with_capacity(units.len());
        let mut width = 0;
        for &k in &order {
            let u = &units[k];
            if u.show == Show::Hidden {
                continue;
            }
            let start = text.len();
            let odd = u.level % 2 == 1;
            match u.show {
                Show::Char(ch) => text.push(ch),
                Show::Hidden => {}
                Show::Source | Show::Dotted => {
                    if u.show == Show::Dotted {
                        text.push('\u{25CC}');
                    }
                    let s = &self.work[u.work.clone()];
                    if odd {
                        // A ZWJ / ZWNJ ending the cluster stands between it and the next letter:
                        // reversed, that is before the cluster (marks stay after their base).
                        let body = s.trim_end_matches(['\u{200C}', '\u{200D}']);
                        text.push_str(&s[body.len()..]);
                        // UAX #9 L4: mirrored glyphs at odd levels.
                        text.extend(body.chars().map(mirrored));
                    } else {
                        text.push_str(s);
                    }
                }
            }
            width += u.width as usize;
            vcells.push(VisualCell {
                visual_range: start..text.len(),
                width: u.width,
                logical_range: u.src.clone(),
            });
        }

        VisualLine {
            text,
            cells: vcells,
            width,
            direction: self.direction(),
            logical_range: src_line,
        }
    }
}

/// UAX #9 L2: the visual order (indices, left to right) of items with the given levels.
pub(crate) fn visual_order(levels: impl Iterator<Item = u8> + Clone) -> Vec<usize> {
    let levels: Vec<u8> = levels.collect();
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let (Some(&max), Some(&min)) = (levels.iter().max(), levels.iter().min()) else {
        return order;
    };
    let lowest_odd = min | 1;
    if max < lowest_odd {
        return order;
    }
    if max == min {
        order.reverse(); // one odd level: the whole line reverses
        return order;
    }
    // `lv` follows the items as they move.
    let mut lv = levels;
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
    order
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
            let (fast, e) = simple_levels(&text, base).expect("no explicit formatting characters");
            let level = match base {
                BaseDirection::Ltr => Some(Level::ltr()),
                BaseDirection::Rtl => Some(Level::rtl()),
                BaseDirection::Auto => None,
            };
            let info = ParagraphBidiInfo::new_with_data_source(&Classes, &text, level);
            prop_assert_eq!(e, info.paragraph_level.number());
            for (i, c) in text.char_indices() {
                if bidi_class(c) != BidiClass::BN {
                    prop_assert_eq!(fast.levels[i], info.levels[i].number(), "at {} in {:?}", i, text);
                }
            }
        }
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
                    let fast: Vec<_> = SimpleClusters { text: &s, pos: 0 }.collect();
                    let slow: Vec<_> = s.grapheme_indices(true).collect();
                    assert_eq!(fast, slow, "{s:?}");
                }
            }
        }
    }
}
