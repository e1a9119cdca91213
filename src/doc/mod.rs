//! The document model: loading, structure (paragraphs, sentences, sections) and the actors it
//! names. Every position is a byte range of [`Document::text`], the decoded original text
//! (for Markdown, without its inline markup; [`Document::file_offsets`] maps back to the file).
//! Nothing here knows about layout or terminals.
//!
//! - [`load`] is cheap (decoding, blocks, direction): the first screen shows from it alone.
//!   Markdown's inline markup is taken out first ([`inline`]).
//! - [`analyze`] finds sentences, sections (Markdown headings and headings embedded in scraped
//!   text), display blocks with those headings split out, and actor mentions. It may run in a
//!   background thread.
//! - [`search`] finds a query with the same Arabic folding as actor matching.
//!
//! Control characters stay in `text` (offsets must stay true to the file); every `String` this
//! module builds for display goes through [`display_safe`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub mod actors;
pub mod inline;
pub mod normalize;
pub mod orgs;
pub mod people;
pub mod structure;

pub use actors::{Actor, ActorId, ActorKind, Gazetteer, GazetteerError, Matcher};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("{name}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { name: String, offset: usize },
    #[error(
        "{name}: invalid UTF-8 at byte offset {offset}; it looks like Windows-1256 (Arabic): \
         convert it with `iconv -f CP1256 -t UTF-8`"
    )]
    Windows1256 { name: String, offset: usize },
    #[error("{name}: binary file (NUL byte at offset {offset}), not text")]
    Binary { name: String, offset: usize },
    #[error(
        "{name}: UTF-16 text ({order} byte-order mark); qari reads UTF-8: convert it with \
         `iconv -f UTF-16 -t UTF-8`"
    )]
    Utf16 { name: String, order: &'static str },
}

impl LoadError {
    /// The same error, naming `name` (e.g. the path as the user typed it, where the document's
    /// own name is only its file name).
    pub fn named(self, name: &str) -> Self {
        let name = name.to_string();
        match self {
            LoadError::InvalidUtf8 { offset, .. } => LoadError::InvalidUtf8 { name, offset },
            LoadError::Windows1256 { offset, .. } => LoadError::Windows1256 { name, offset },
            LoadError::Binary { offset, .. } => LoadError::Binary { name, offset },
            LoadError::Utf16 { order, .. } => LoadError::Utf16 { name, order },
        }
    }
}

/// The writing direction of most of a document's strong characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDirection {
    Ltr,
    Rtl,
}

impl TextDirection {
    /// `"ltr"` or `"rtl"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }
}

/// What a block of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A line of a Markdown fenced code block: shown as written, left to right (code reads so
    /// whatever its comments and strings hold), no sentences, no headings found in it.
    Code,
    /// A Markdown thematic break (`***`, `---`, `___` alone on a line): its text is one `─`
    /// standing for the line; the reader draws a rule across the column.
    Rule,
}

/// A unit of display: a paragraph or a heading, as a range of the text (without markup such as
/// Markdown's `# `, and without line ends).
///
/// A Markdown paragraph spanning several lines keeps its inner line breaks in its range (soft
/// breaks: display them as spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    /// How many Markdown block quotes (`>`, `> >`) the block is in: 0 outside any.
    pub quote: u8,
}

impl Block {
    /// A block outside any block quote.
    pub fn new(kind: BlockKind, range: Range<usize>) -> Self {
        Block { kind, range, quote: 0 }
    }
}

/// A loaded document: cheap to build (no analysis), so the first screen shows at once.
#[derive(Clone, Debug)]
pub struct Document {
    /// File name (no directory) as shown to the user.
    pub name: String,
    /// The decoded text (BOM dropped; in Markdown, without inline markup: see [`inline`]).
    /// Every range in qari is into this string.
    pub text: String,
    /// Where the text came from in the file, when inline markup was taken out of it.
    pub source: Option<inline::SourceMap>,
    /// What Markdown emphasised (`**strong**`, `*em*`, `~~struck~~`), as ranges of `text`.
    pub emphasis: inline::Emphasis,
    /// Paragraphs and explicit (Markdown) headings, in order.
    pub blocks: Vec<Block>,
    pub direction: TextDirection,
    /// Read as Markdown: a list item, a table row or a code line is a block of its own, and
    /// the next one on the line after it belongs with it (no blank row between them).
    pub markdown: bool,
}

/// A section: an optional title and the range of text it spans (title included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// `None` for an untitled opening section. Display-safe (no control characters).
    pub title: Option<String>,
    /// Where the title stands in the text, if it has one.
    pub title_range: Option<Range<usize>>,
    pub range: Range<usize>,
}

impl Section {
    /// What to call the section on screen: its title, or for the untitled opening its first
    /// words followed by `…`. Display-safe.
    pub fn label(&self, text: &str) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        first_words(text.get(self.range.clone()).unwrap_or(""), 5)
    }
}

/// The longest label [`first_words`] makes, in chars: a "word" of megabytes (one letter and
/// its marks, or no spaces at all) is cut, not laid out whole on every frame (fuzzing: a
/// 10 MB one-word file took 390 MB and wrote its label as one 400 KB cell).
pub const MAX_LABEL_CHARS: usize = 120;

/// The first `n` of `words` joined by single spaces, at most [`MAX_LABEL_CHARS`] chars of
/// them, and whether that cut them; the words after are left in `words`. A word is copied only
/// as far as the label reaches.
pub fn label_head<'a>(words: &mut impl Iterator<Item = &'a str>, n: usize) -> (String, bool) {
    let mut out = String::new();
    let mut left = MAX_LABEL_CHARS;
    for (i, word) in words.take(n).enumerate() {
        if i > 0 {
            if left == 0 {
                return (out, true);
            }
            out.push(' ');
            left -= 1;
        }
        if let Some((cut, _)) = word.char_indices().nth(left) {
            out.push_str(&word[..cut]);
            return (out, true);
        }
        left -= word.chars().count();
        out.push_str(word);
    }
    (out, false)
}

/// The first `n` words of `s` (at most [`MAX_LABEL_CHARS`] chars of them), with `…` if there
/// are more; display-safe.
pub fn first_words(s: &str, n: usize) -> String {
    let mut words = s.split_whitespace();
    let (head, cut) = label_head(&mut words, n);
    let mut out = display_safe(&head);
    if cut || words.next().is_some() {
        out.push('…');
    }
    out
}

/// An actor and every place the document names it.
#[derive(Clone, Debug)]
pub struct ActorMentions {
    pub actor: Actor,
    /// In document order.
    pub mentions: Vec<Range<usize>>,
}

/// The analysis of a document: slower than loading, so it may run in the background.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Sentences of the paragraph blocks (headings are not sentences), in order.
    pub sentences: Vec<Range<usize>>,
    /// Sections covering the whole text in order, without gaps.
    pub sections: Vec<Section>,
    /// Display blocks with detected headings split out of the paragraphs they were glued into.
    pub blocks: Vec<Block>,
    /// Only actors with at least one mention; in gazetteer order.
    pub actors: Vec<ActorMentions>,
}

impl Analysis {
    /// The sentence containing byte `offset`, or the next one after it.
    pub fn sentence_at(&self, offset: usize) -> Option<Range<usize>> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences.get(i).cloned()
    }

    /// The index of the section containing byte `offset` (the last one at or past the end).
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        if self.sections.is_empty() {
            return None;
        }
        let i = self.sections.partition_point(|s| s.range.end <= offset);
        Some(i.min(self.sections.len() - 1))
    }
}

/// Replaces control characters by visible placeholders: C0 and DEL by the Control Pictures
/// (U+2400 + c, U+2421), C1 by U+FFFD; drops the invisible bidirectional controls (marks,
/// embeddings, overrides, isolates), which would reorder a label on a terminal that does bidi
/// (fuzzing: an RLO in a file name or a title reached stderr and inspect's output raw).
/// Everything else is kept.
pub fn display_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_bidi_control(c))
        .map(|c| match c {
            '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7F}' => '\u{2421}',
            '\u{80}'..='\u{9F}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The bidirectional formatting characters: ALM, LRM, RLM, LRE…RLO, LRI…PDI.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`display_safe`] after making every run of white space (tabs and line breaks included) a
/// single space: for one-line labels such as titles and snippets.
pub fn display_line(s: &str) -> String {
    display_safe(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A title as sections keep it: [`display_line`], cut after [`MAX_LABEL_CHARS`] chars with `…`
/// (a Markdown heading may be a line of megabytes; its range still spans it whole).
fn title_line(s: &str) -> String {
    let cut = s.char_indices().nth(MAX_LABEL_CHARS).map(|(i, _)| i);
    let mut out = display_line(&s[..cut.unwrap_or(s.len())]);
    if cut.is_some() {
        out.push('…');
    }
    out
}

/// Converts byte offsets of a text to char (Unicode scalar value) offsets in O(1) amortised:
/// a checkpoint every 4 KiB, then a count of at most that many bytes.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const CHECKPOINT: usize = 4096;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![0];
        let mut chars = 0;
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 && i % CHECKPOINT == 0 {
                checkpoints.push(chars);
            }
            if (b as i8) >= -0x40 {
                chars += 1;
            }
        }
        // The end of a text whose length is a multiple of the step is a checkpoint too
        // (`char_offset(text.len())`: fuzzing found the end of such a file read as 0).
        if !bytes.is_empty() && bytes.len().is_multiple_of(CHECKPOINT) {
            checkpoints.push(chars);
        }
        CharIndex { text, checkpoints }
    }

    /// The char offset of byte offset `byte` (clamped to the text; a byte inside a char counts
    /// as that char's start).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let cp = byte / CHECKPOINT;
        let base = self.checkpoints.get(cp).copied().unwrap_or(0);
        let from = cp * CHECKPOINT;
        let extra =
            self.text.as_bytes()[from..byte].iter().filter(|&&b| (b as i8) >= -0x40).count();
        base + extra
    }
}

/// Char offsets in the file of byte offsets in a [`Document`]'s text: what `qari inspect`
/// prints. The same as [`CharIndex`] unless Markdown markup was taken out of the text.
pub struct FileOffsets<'a> {
    idx: CharIndex<'a>,
    source: Option<&'a inline::SourceMap>,
}

impl FileOffsets<'_> {
    /// Where a range starting at text byte `b` starts in the file (after any markup there).
    pub fn start(&self, b: usize) -> usize {
        self.at(b, false)
    }

    /// Where a range ending at text byte `b` ends in the file (before any markup there).
    pub fn end(&self, b: usize) -> usize {
        self.at(b, true)
    }

    /// The file's length in chars.
    pub fn chars(&self) -> usize {
        match self.source {
            Some(map) => map.source_chars(),
            None => self.idx.char_offset(self.idx.text.len()),
        }
    }

    fn at(&self, b: usize, end: bool) -> usize {
        match self.source {
            // A range starting at the text's end starts at the file's; one ending there ends
            // before any markup the file ends with.
            Some(map) if b >= self.idx.text.len() && !end => map.source_chars(),
            Some(map) => map.char(b, end, |x| self.idx.char_offset(x)),
            None => self.idx.char_offset(b),
        }
    }
}

impl Document {
    /// Char offsets in the file of positions in [`Document::text`].
    pub fn file_offsets(&self) -> FileOffsets<'_> {
        FileOffsets { idx: CharIndex::new(&self.text), source: self.source.as_ref() }
    }
}

/// Whether a file of this name is read as Markdown (`.md`, `.markdown`, any case).
pub fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Whether text that came without a name (standard input) is Markdown: within its first 200
/// lines, an ATX heading (`# ` and words), a code fence, or a link or image to an address.
/// Scraped plain text has none of these (a hashtag has no space after its `#`).
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().take(200).any(|line| {
        let t = line.trim_start();
        let hashes = t.len() - t.trim_start_matches('#').len();
        let heading = (1..=6).contains(&hashes)
            && t[hashes..].starts_with(' ')
            && !t[hashes..].trim().is_empty();
        heading
            || inline::fence_marker(line).is_some()
            || line.contains("](http")
            || line.contains("](/")
    })
}

/// The largest input read, in bytes: an article is a few hundred kilobytes, a long report a
/// few megabytes; past this the reader would need gigabytes (its layout and analysis cost
/// about three times the text).
pub const MAX_INPUT_LEN: u64 = 256 << 20;

/// Reads `input` to its end for [`load_vec`] or [`decode`], without letting a stream without
/// end (`/dev/zero`, `yes |`) take all memory: the reading stops after the first piece with a
/// NUL byte (the text is binary or UTF-16, which [`decode`] names), and a text longer than
/// [`MAX_INPUT_LEN`] is an error (`FileTooLarge`).
pub fn read_bounded(input: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let mut limited = input.take(MAX_INPUT_LEN + 1);
    let mut chunk = vec![0; 1 << 16];
    loop {
        let n = match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if chunk[..n].contains(&0) {
            break;
        }
        if bytes.len() as u64 > MAX_INPUT_LEN {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("larger than {} MiB, more than qari reads", MAX_INPUT_LEN >> 20),
            ));
        }
    }
    Ok(bytes)
}

/// Decodes and splits a file.
///
/// UTF-8 only: a BOM is dropped, CRLF line ends are accepted, invalid UTF-8 is an error with the
/// file's byte offset, and a NUL byte marks a binary file. An empty file is an empty document.
/// `.md` files (and standard input, named "stdin", that [`looks_like_markdown`]): blank-line
/// paragraphs and `#` headings (the block excludes the `# ` markup); other files: each non-empty
/// line is a paragraph. A file whose lines end in CR alone (classic Mac OS) has them read as
/// line ends.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    load_vec(name, bytes.to_vec())
}

/// [`load`] of bytes the caller owns: the text is decoded in place, never copied (a 10 MB file
/// costs 10 MB, not 20, while it loads).
pub fn load_vec(name: &str, mut bytes: Vec<u8>) -> Result<Document, LoadError> {
    check_binary(name, &bytes)?;
    let bom = bom_len(&bytes);
    bytes.drain(..bom);
    if !bytes.contains(&b'\n') {
        // Same length, so offsets stay those of the file.
        bytes.iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        invalid_utf8(name, e.as_bytes(), bom, err)
    })?;
    let markdown = is_markdown(name) || (name == "stdin" && looks_like_markdown(&text));
    let (text, source, emphasis, blocks) = if markdown {
        // Blocks are read from the file as written (an escaped `\#` or a code span at a line's
        // start must not become a heading once its markup is gone), then mapped to the text.
        let blocks = markdown_blocks(&text);
        match inline::strip(&text) {
            Some(s) => {
                let len = s.text.len();
                let blocks = blocks
                    .into_iter()
                    .filter_map(|b| {
                        let r = s.map.to_text(b.range.start, len)..s.map.to_text(b.range.end, len);
                        // (Code keeps its indentation: markup is not taken out of it.)
                        let r = match b.kind {
                            BlockKind::Code => r,
                            _ => trim_range(&s.text, r),
                        };
                        (!r.is_empty()).then_some(Block { range: r, ..b })
                    })
                    .collect();
                (s.text, Some(s.map), s.emphasis, blocks)
            }
            None => (text, None, inline::Emphasis::default(), blocks),
        }
    } else {
        let blocks = line_blocks(&text);
        (text, None, inline::Emphasis::default(), blocks)
    };
    let direction = direction_of(&text);
    Ok(Document { name: name.to_string(), text, source, emphasis, blocks, direction, markdown })
}

/// The text of a file's bytes, checked as [`load`] checks them (a NUL byte: a binary file;
/// invalid UTF-8: its byte offset), without a leading byte-order mark; borrowed, for callers
/// that need no [`Document`] (`qari render`).
pub fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    check_binary(name, bytes)?;
    let bom = bom_len(bytes);
    // simdutf8 checks a 10 MB article in a fraction of std's time (issue 6: `qari render` is
    // measured against fribidi); std's error names the offset when it fails.
    match simdutf8::basic::from_utf8(&bytes[bom..]) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(&bytes[bom..]).map_err(|e| invalid_utf8(name, bytes, bom, e)),
    }
}

/// Whether `bytes` (not UTF-8) look like Arabic in Windows-1256, the encoding of many older
/// Arabic sites and files: most of the letters in the first 8 KiB are single bytes of 0xC0 or
/// more (Arabic letters there), where UTF-8 Arabic has as many continuation bytes below 0xC0,
/// and Latin-1 text has far more ASCII letters than accented ones.
fn looks_like_windows_1256(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let high = sample.iter().filter(|&&b| b >= 0xC0).count();
    let letters = high + sample.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let continuation = sample.iter().filter(|&&b| (0x80..0xC0).contains(&b)).count();
    // And Arabic's article ال (0xC7 0xE1) is there: Cyrillic in Windows-1251, Hebrew or Greek
    // are single high bytes too (review).
    let article = sample.windows(2).any(|w| w == [0xC7, 0xE1]);
    high >= 20 && high * 10 >= letters * 6 && continuation * 3 < high && article
}

/// 3 if `bytes` start with a UTF-8 byte-order mark, else 0.
fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

/// The error for invalid UTF-8 found after a byte-order mark of `bom` bytes.
fn invalid_utf8(name: &str, bytes: &[u8], bom: usize, e: std::str::Utf8Error) -> LoadError {
    let (name, offset) = (name.to_string(), bom + e.valid_up_to());
    if looks_like_windows_1256(bytes) {
        LoadError::Windows1256 { name, offset }
    } else {
        LoadError::InvalidUtf8 { name, offset }
    }
}

/// A NUL byte marks a binary file; a UTF-16 byte-order mark, UTF-16 text (named as such: it is
/// full of NULs too, and "binary" would mislead).
fn check_binary(name: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let order = match bytes {
        [0xFF, 0xFE, ..] => Some("little-endian"),
        [0xFE, 0xFF, ..] => Some("big-endian"),
        _ => None,
    };
    if let Some(order) = order {
        return Err(LoadError::Utf16 { name: name.to_string(), order });
    }
    // `contains` on bytes is a memchr: several times faster than a byte loop on a 10 MB file.
    if !bytes.contains(&0) {
        return Ok(());
    }
    let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
    Err(LoadError::Binary { name: name.to_string(), offset })
}

/// Lines of `text`, each as its range without the line end. A line ends at a newline (LF or
/// CR LF) or at U+2029 PARAGRAPH SEPARATOR, which word processors and some web pages use between
/// paragraphs instead of a newline.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive(['\n', '\u{2029}']).map(move |line| {
        let body = line.strip_suffix('\u{2029}').unwrap_or(line).trim_end_matches(['\n', '\r']);
        let r = start..start + body.len();
        start += line.len();
        r
    })
}

/// The range without leading and trailing white space.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// The blocks of a plain text file: a paragraph per line, or, in hard-wrapped text
/// ([`is_hard_wrapped`]), a paragraph per run of lines between blank lines.
fn line_blocks(text: &str) -> Vec<Block> {
    let ranges = lines(text).map(|r| trim_range(text, r));
    if !is_hard_wrapped(text) {
        return ranges
            .filter(|r| !r.is_empty())
            .map(|range| Block::new(BlockKind::Paragraph, range))
            .collect();
    }
    let mut blocks = Vec::new();
    let mut para: Option<Range<usize>> = None;
    for r in ranges.chain(std::iter::once(text.len()..text.len())) {
        match (r.is_empty(), para.as_mut()) {
            (true, _) => {
                blocks.extend(para.take().map(|range| Block::new(BlockKind::Paragraph, range)))
            }
            (false, Some(p)) => p.end = r.end,
            (false, None) => para = Some(r),
        }
    }
    blocks
}

/// Lines of text read to decide whether it is hard-wrapped.
const WRAP_SAMPLE_LINES: usize = 400;

/// Whether plain text is hard-wrapped, as `lynx -dump`, `fmt` or e-mail leave an article: its
/// paragraphs are runs of lines between blank lines, and the lines inside a run (all but its
/// last) are nearly as long as the wrap width, at most 100 chars, and mostly end inside a
/// sentence. A file with a paragraph per line (a scraped article, a paragraph per line with or
/// without blank lines between) has no such runs or has long lines. Read from the first
/// [`WRAP_SAMPLE_LINES`] lines only, so a file's beginning decides as the whole does.
pub fn is_hard_wrapped(text: &str) -> bool {
    let mut all = Vec::new();
    // (chars, ends a sentence) of each line that another line follows in its run.
    let mut inner = Vec::new();
    // Whether each run's last line ends a sentence.
    let mut runs_end = true;
    let mut blank_lines = 0;
    let (mut run, mut longest_run) = (0, 0);
    let mut prev: Option<(usize, bool)> = None;
    for line in text.lines().take(WRAP_SAMPLE_LINES) {
        let t = line.trim();
        run = if t.is_empty() { 0 } else { run + 1 };
        longest_run = longest_run.max(run);
        if t.is_empty() {
            blank_lines += 1;
            runs_end &= prev.is_none_or(|p| p.1);
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            inner.push(p);
        }
        let n = t.chars().count();
        all.push(n);
        prev = Some((n, t.ends_with(['.', '؟', '?', '!', ':', '»', '"'])));
    }
    runs_end &= prev.is_none_or(|p| p.1);
    if blank_lines == 0 || inner.is_empty() {
        return false;
    }
    all.sort_unstable();
    // A short text (QA round 51: one sentence wrapped over three lines, then one more line)
    // has too few lines to measure: wrapped, when every line inside a run goes on with the
    // sentence, nearly the wrap width, and every run ends one (not a list of headlines, whose
    // lines end nothing), one run having three lines or more (two lines of a run may be a
    // headline over its one-line summary: review).
    if inner.len() < 3 {
        let widest = all[all.len() - 1];
        let wrapped = runs_end
            && longest_run >= 3
            && inner.iter().all(|&(n, stop)| !stop && n * 10 >= widest * 8);
        if !wrapped {
            return false;
        }
    }
    // The wrap width: nearly the longest line (a long address may stick out).
    let width = all[(all.len() - 1) * 9 / 10];
    if width > 100 {
        return false;
    }
    let full = inner.iter().filter(|(n, _)| *n * 10 >= width * 6).count();
    let open = inner.iter().filter(|(_, stop)| !stop).count();
    full * 4 >= inner.len() * 3 && open * 2 >= inner.len()
}

/// The title range of an ATX heading line (`# Title #`), or `None` if it is not one.
fn atx_heading(text: &str, line: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(line.clone())?;
    let indent = s.len() - s.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &s[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &rest[hashes..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let title_start = line.start + indent + hashes;
    let mut title = trim_range(text, title_start..line.end);
    // An optional closing run of #s, preceded by a space.
    let t = text.get(title.clone()).unwrap_or("");
    let without = t.trim_end_matches('#');
    if without.len() < t.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        title = trim_range(text, title.start..title.start + without.len());
    }
    Some(title)
}

/// Whether a Markdown line opens a list item: at most three spaces, then `-`, `*` or `+`, or one
/// to nine digits and `.` or `)`, then a space or a tab.
pub fn is_list_item(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return false;
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match digits {
        0 if rest.starts_with(['-', '*', '+']) => 1,
        1..=9 if rest[digits..].starts_with(['.', ')']) => digits + 1,
        _ => return false,
    };
    rest[marker..].starts_with([' ', '\t'])
}

/// Whether a Markdown line is a row of a (GFM) table: it starts with `|`.
fn is_table_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// Whether a table row is its delimiter row: only `|`, `-`, `:` and spaces, with a `-`.
fn is_table_delimiter(line: &str) -> bool {
    line.contains('-') && line.trim().chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Option<Range<usize>> = None;
    // How many block quotes the open paragraph is in.
    let mut para_quote = 0u8;
    let flush = |blocks: &mut Vec<Block>, para: &mut Option<Range<usize>>, quote: u8| {
        if let Some(p) = para.take() {
            blocks.push(Block { kind: BlockKind::Paragraph, range: p, quote });
        }
    };
    // The open paragraph is plain text, not a list item or a table row: an underline under it
    // makes it a (setext) heading.
    let mut plain = false;
    // The line before was a table row; it was the first row of its table.
    let (mut prev_row, mut prev_first_row) = (false, false);
    // A list item opened since the last paragraph that is not one.
    let mut in_list = false;
    // Inside a fenced code block (its fence's char and length): each line is a block of its
    // own, as written, and the fence lines show nothing.
    let mut fence: Option<(u8, usize)> = None;
    let front = inline::front_matter_len(text);
    for line in lines(text) {
        if line.start < front {
            continue;
        }
        let raw = text.get(line.clone()).unwrap_or("");
        let marker = inline::fence_marker(raw.trim_end_matches('\r'));
        if fence.is_some() || marker.is_some() {
            flush(&mut blocks, &mut para, para_quote);
            match (fence, marker) {
                (Some((c, n)), Some(m)) if m.0 == c && m.1 >= n => fence = None,
                (None, Some(m)) => fence = Some(m),
                _ => {
                    // Code keeps its indentation (spaces and tabs, a tab showing as one space;
                    // the fence's own indentation is not taken off, as CommonMark would, for a
                    // fence seldom has any).
                    let r = trim_range(text, line.clone());
                    let indent = text.get(line.start..r.start).unwrap_or("");
                    let r = if indent.bytes().all(|b| b == b' ' || b == b'\t') {
                        line.start..r.end
                    } else {
                        r
                    };
                    if !r.is_empty() {
                        blocks.push(Block::new(BlockKind::Code, r));
                    }
                }
            }
            continue;
        }
        let is_row = is_table_row(raw);
        // A table's delimiter row (|---|:--:|) comes right under its first row; a row of dashes
        // further down is data ("no value").
        let delimiter = is_row && prev_first_row && is_table_delimiter(raw);
        (prev_first_row, prev_row) = (is_row && !prev_row, is_row);
        let trimmed = trim_range(text, line.clone());
        // `===` or `---` under a paragraph makes it a heading, as in CommonMark (before `---`
        // can be a thematic break).
        if para.is_some() && plain && inline::is_setext_underline(raw) {
            if let Some(p) = para.take() {
                blocks.push(Block { kind: BlockKind::Heading, range: p, quote: para_quote });
            }
            continue;
        }
        // A thematic break (---) ends a paragraph and is a block of its own, a rule; inside a
        // block quote (`> ---`) too, after the quote's markers.
        let (quote, markers) = quote_markers(raw);
        if inline::is_thematic_break(&raw[markers..]) {
            flush(&mut blocks, &mut para, para_quote);
            blocks.push(Block { kind: BlockKind::Rule, range: trimmed, quote });
            continue;
        }
        // A link reference definition shows nothing and ends a paragraph, as a blank line does.
        // A block quote's line with nothing but its markers (`>`) parts the quote's paragraphs.
        let quote_blank = raw.contains('>') && raw.trim().chars().all(|c| c == '>' || c == ' ');
        if trimmed.is_empty() || quote_blank || inline::reference_definition(raw).is_some() {
            flush(&mut blocks, &mut para, para_quote);
            continue;
        }
        // Inside a block quote, a heading or a list item is read after the quote's markers.
        let inner = &raw[markers..];
        if let Some(title) = atx_heading(text, line.start + markers..line.end) {
            flush(&mut blocks, &mut para, para_quote);
            if !title.is_empty() {
                blocks.push(Block { kind: BlockKind::Heading, range: title, quote });
            }
            continue;
        }
        // The delimiter row shows nothing; each other row is a block of its own, as is a list
        // item, so that rows and items keep their lines.
        if delimiter {
            flush(&mut blocks, &mut para, para_quote);
            continue;
        }
        // Inside a list, an item may be indented further than three spaces: it is nested.
        let item = is_list_item(inner) || (in_list && is_list_item(inner.trim_start()));
        if item || is_row {
            flush(&mut blocks, &mut para, para_quote);
        }
        if item {
            in_list = true;
        } else if para.is_none() {
            in_list = false;
        }
        // A block quote opens a paragraph of its own, a nested one too (`> a` then `> > b`); a
        // line in fewer quotes than the paragraph continues it (CommonMark's lazy lines).
        if quote > para_quote {
            flush(&mut blocks, &mut para, para_quote);
        }
        if para.is_none() {
            para_quote = quote;
        }
        para = Some(match para {
            Some(p) => p.start..trimmed.end,
            None => {
                plain = !(item || is_row);
                trimmed
            }
        });
    }
    flush(&mut blocks, &mut para, para_quote);
    blocks
}

/// How many block quotes a Markdown line is in (its leading `>` markers, each after at most
/// three spaces, nested ones counted; at most 8), and the length of those markers with the
/// space after the last: where the quoted line starts.
fn quote_markers(line: &str) -> (u8, usize) {
    let mut rest = line;
    let mut depth = 0u8;
    loop {
        let t = rest.trim_start_matches(' ');
        if rest.len() - t.len() > 3 {
            break;
        }
        match t.strip_prefix('>') {
            Some(after) => {
                depth = depth.saturating_add(1);
                rest = after;
            }
            None => break,
        }
    }
    if depth == 0 {
        return (0, 0);
    }
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    (depth.min(8), line.len() - rest.len())
}

/// The document's direction: [`crate::layout::dominant_direction`], which `qari render` uses
/// too.
fn direction_of(text: &str) -> TextDirection {
    match crate::layout::dominant_direction(text) {
        crate::layout::Direction::Rtl => TextDirection::Rtl,
        crate::layout::Direction::Ltr => TextDirection::Ltr,
    }
}

/// A paragraph's sentences and the headings embedded in it.
type ParagraphStructure = (Vec<Range<usize>>, Vec<structure::EmbeddedHeading>);

/// Analyses a loaded document: sentences, sections, display blocks, actor mentions.
pub fn analyze(doc: &Document, gazetteer: &Gazetteer) -> Analysis {
    let matcher = Matcher::new(gazetteer);
    analyze_with(doc, gazetteer, &matcher)
}

/// [`analyze`] with a matcher compiled once for many documents.
pub fn analyze_with(doc: &Document, gazetteer: &Gazetteer, matcher: &Matcher) -> Analysis {
    let text = doc.text.as_str();
    let markdown = is_markdown(&doc.name);
    // Headings: (section start, title range).
    let mut headings: Vec<(usize, Range<usize>)> = Vec::new();
    let mut blocks = Vec::new();
    let mut sentences = Vec::new();
    // Each paragraph's sentences and embedded headings, found first so that labels can be
    // told from headings across the document (below).
    let mut structures: Vec<Option<ParagraphStructure>> = Vec::with_capacity(doc.blocks.len());
    // A line's first word with its colon (العبيدي:), folded: a speaker's label when several
    // lines open with it, whose lines are then no headings.
    let label_of = |b: &Block| {
        let first = text.get(b.range.clone())?.split_whitespace().next()?;
        first.ends_with(':').then(|| normalize::fold_str(first))
    };
    let mut labels: HashMap<String, usize> = HashMap::new();
    for label in doc.blocks.iter().filter_map(label_of) {
        *labels.entry(label).or_default() += 1;
    }
    // Whether a short question may head a section: not in a text full of them.
    let questions = structure::few_questions(text);
    for (i, block) in doc.blocks.iter().enumerate() {
        let speaker = label_of(block).is_some_and(|l| labels.get(&l).is_some_and(|&n| n > 1));
        let line_heading = block.kind == BlockKind::Paragraph && !markdown && !speaker && {
            let next = doc.blocks.get(i + 1).map(|b| b.range.clone());
            // The first line too: an article's title, or a heading that opens it.
            let between = doc.blocks.get(i + 1).is_some_and(|b| b.kind == BlockKind::Paragraph);
            let prev = i.checked_sub(1).and_then(|k| doc.blocks.get(k)).map(|b| b.range.clone());
            // A question on its own line heads a section only in a text that asks few (an
            // interview's questions are the interviewer's: QA round 44).
            let asks =
                text.get(block.range.clone()).is_some_and(|l| l.trim_end().ends_with(['؟', '?']));
            between
                && (questions || !asks)
                && structure::is_heading_line(text, block.range.clone(), prev, next)
        };
        structures.push((block.kind == BlockKind::Paragraph && !line_heading).then(|| {
            structure::paragraph_structure_with(text, block.range.clone(), i == 0, questions)
        }));
    }
    // A title before a colon that comes back as such soon after (an interviewer and a guest,
    // a live blog's labels) is a speaker or a label, not a section heading. "Soon": within
    // LABEL_SPAN bytes, as turns and updates follow each other; the same heading in each of
    // several articles joined into one file stays a heading.
    const LABEL_SPAN: usize = 3000;
    // Per folded title: where it was last seen, whether it came back within the span, and
    // where all its occurrences start.
    let mut colon_titles: HashMap<String, (usize, bool, Vec<usize>)> = HashMap::new();
    for (_, found) in structures.iter().flatten() {
        for h in found.iter().filter(|h| h.before_colon(text)) {
            let title = normalize::fold_str(h.label(text));
            let seen = colon_titles.entry(title).or_insert((h.title.start, false, Vec::new()));
            if seen.0 != h.title.start && h.title.start - seen.0 <= LABEL_SPAN {
                seen.1 = true;
            }
            seen.0 = h.title.start;
            seen.2.push(h.title.start);
        }
    }
    // Every occurrence of a title that came back soon is a label.
    let labels: HashSet<usize> =
        colon_titles.into_values().filter(|t| t.1).flat_map(|t| t.2).collect();
    let repeated_label = |h: &structure::EmbeddedHeading| labels.contains(&h.title.start);
    for (block, structure) in doc.blocks.iter().zip(structures) {
        match block.kind {
            BlockKind::Code | BlockKind::Rule => blocks.push(block.clone()),
            BlockKind::Heading => {
                let line_start =
                    text.get(..block.range.start).and_then(|p| p.rfind('\n')).map_or(0, |n| n + 1);
                headings.push((line_start, block.range.clone()));
                blocks.push(block.clone());
            }
            BlockKind::Paragraph => {
                let Some((mut block_sentences, found)) = structure else {
                    // A heading on a line of its own.
                    headings.push((block.range.start, block.range.clone()));
                    blocks.push(Block { kind: BlockKind::Heading, ..block.clone() });
                    continue;
                };
                let mut start = block.range.start;
                let (labels, found): (Vec<_>, Vec<_>) = found.into_iter().partition(repeated_label);
                for h in labels {
                    // The label stays at the head of its sentence.
                    // Sentences are in order and disjoint: a binary search, not a scan per label.
                    if let Ok(k) = block_sentences.binary_search_by_key(&h.rest, |s| s.start) {
                        block_sentences[k].start = h.title.start;
                    }
                }
                sentences.extend(block_sentences);
                for h in found {
                    let before = trim_range(text, start..h.title.start);
                    if !before.is_empty() {
                        blocks.push(Block { range: before, ..*block });
                    }
                    headings.push((h.title.start, h.title.clone()));
                    blocks.push(Block {
                        kind: BlockKind::Heading,
                        range: h.title.clone(),
                        ..*block
                    });
                    start = h.rest;
                }
                let rest = trim_range(text, start..block.range.end);
                if !rest.is_empty() {
                    blocks.push(Block { range: rest, ..*block });
                }
            }
        }
    }

    let mut sections = Vec::new();
    let first_start = headings.first().map_or(text.len(), |h| h.0);
    if headings.is_empty() || !text[..first_start].trim().is_empty() {
        sections.push(Section { title: None, title_range: None, range: 0..first_start });
    }
    for (n, (start, title)) in headings.iter().enumerate() {
        let start = if n == 0 && sections.is_empty() { 0 } else { *start };
        let end = headings.get(n + 1).map_or(text.len(), |h| h.0);
        sections.push(Section {
            title: Some(title_line(text.get(title.clone()).unwrap_or(""))),
            title_range: Some(title.clone()),
            range: start..end,
        });
    }

    let mut per_actor: Vec<Vec<Range<usize>>> = vec![Vec::new(); gazetteer.actors.len()];
    for piece in match_pieces(text) {
        let Some(piece_text) = text.get(piece.clone()) else { continue };
        let folded = normalize::fold(piece_text);
        for (actor, range) in matcher.find(&folded, piece_text) {
            if let Some(v) = per_actor.get_mut(actor) {
                v.push(piece.start + range.start..piece.start + range.end);
            }
        }
    }
    for v in &mut per_actor {
        v.shrink_to_fit();
    }
    let mut actors: Vec<ActorMentions> = gazetteer
        .actors
        .iter()
        .zip(per_actor)
        .filter(|(_, m)| !m.is_empty())
        .map(|(a, mentions)| ActorMentions { actor: a.clone(), mentions })
        .collect();
    actors.extend(found_people(text, &actors));
    let (orgs, names) = found_orgs(text, &actors);
    if !orgs.is_empty() {
        // A country's adjective inside a body's full name is part of that name (البنك المركزي
        // المصري), not a mention of the country; a country's noun (من أجل ألمانيا) stays one,
        // but where the body is named by it (بنك المكسيك).
        let inside = |r: &Range<usize>| {
            let i = names.partition_point(|(k, _)| k.end <= r.start);
            names.get(i).filter(|(k, _)| k.start < r.end).map(|&(_, owns)| owns)
        };
        for a in actors.iter_mut().filter(|a| a.actor.kind == ActorKind::Country) {
            a.mentions.retain(|r| match inside(r) {
                Some(owns_place) => !(owns_place || orgs::is_adjective(&text[r.clone()])),
                None => true,
            });
        }
        actors.retain(|a| !a.mentions.is_empty());
        actors.extend(orgs);
    }

    Analysis { sentences, sections, blocks, actors }
}

/// Organisations the gazetteer does not list, found by the shape of their names ([`orgs`]),
/// with every mention of each name (with clitics, as listed names) and of its short form once
/// it was named in full. Also returns the ranges of the full names, in order, each with whether
/// the name is its place's ([`orgs::OrgCandidate::owns_place`]).
fn found_orgs(
    text: &str,
    listed: &[ActorMentions],
) -> (Vec<ActorMentions>, Vec<(Range<usize>, bool)>) {
    // What a range overlaps: another actor before a country, as a phrase over both is that
    // actor's. For the few found names' mentions.
    let overlap = |r: &Range<usize>| {
        overlapping_kinds(listed, r).max_by_key(|&kind| kind != ActorKind::Country)
    };
    // For the words, looked up in text order: all the mentions merged in order as the words
    // go, without a copy of them all (130,000 on the 10 MB file).
    let mut cursor = MentionCursor::new(listed);
    let candidates = orgs::candidates(
        text,
        |r| {
            cursor.at(r).map(|(k, start)| match k {
                ActorKind::Country => orgs::ListedAt { kind: orgs::Listed::Country, start },
                _ => orgs::ListedAt { kind: orgs::Listed::Other, start },
            })
        },
        |word| is_country_adjective(listed, word),
    );
    if candidates.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let gazetteer = Gazetteer {
        actors: candidates
            .iter()
            .map(|c| unlisted(&c.name, ActorKind::Organisation, c.short.iter().chain(&c.acronym)))
            .collect(),
    };
    let mut per =
        mentions_of_names(text, &gazetteer, |r| overlap(r).is_none_or(|k| k == ActorKind::Country));
    for (c, mentions) in candidates.iter().zip(per.iter_mut()) {
        if c.after_head {
            mentions.retain(|r| orgs::is_foreign_head(people::word_before(text, r.start)));
        }
    }
    // The full names' mentions: those whose folded text holds the whole name (after لل, all
    // but its alef).
    let mut names = Vec::new();
    for (c, mentions) in candidates.iter().zip(&per) {
        let name = normalize::fold_str(&c.name);
        let name = name.strip_prefix('ا').unwrap_or(&name);
        names.extend(
            mentions
                .iter()
                // (A bank named by its place is that place's name in its short form too.)
                .filter(|r| c.owns_place || normalize::fold_str(&text[(*r).clone()]).contains(name))
                .map(|r| (r.clone(), c.owns_place)),
        );
    }
    names.sort_by_key(|(r, _)| r.start);
    (numbered(gazetteer.actors, per, "found-org"), names)
}

/// Whether `word` is one of the adjectives of a country named in the text (مصري، مصرية،
/// المصري): a form of the country's that ends in ي (or ية) and comes with a feminine in ة and a
/// form with the article too, as the gazetteer's nisba stems expand; a name that ends so (دبي،
/// أبوظبي) has no such forms. Asked of a few words only (after a bank's head): the forms are
/// looked through, not kept in a set.
fn is_country_adjective(listed: &[ActorMentions], word: &str) -> bool {
    let w = normalize::fold_str(word);
    let w = w.strip_prefix("ال").unwrap_or(&w);
    let masculine = w.strip_suffix('ه').filter(|m| m.ends_with('ي')).unwrap_or(w);
    if !masculine.ends_with('ي') {
        return orgs::is_adjective(word);
    }
    let wanted = [masculine.to_string(), format!("{masculine}ه"), format!("ال{masculine}")];
    listed.iter().filter(|a| a.actor.kind == ActorKind::Country).any(|a| {
        let mut found = [false; 3];
        for (form, _) in a.actor.naming_forms() {
            let form = normalize::fold_str(form);
            for (i, want) in wanted.iter().enumerate() {
                found[i] |= form == *want;
            }
        }
        found.iter().all(|&f| f)
    }) || orgs::is_adjective(word)
}

/// People the gazetteer does not list, found by their titles ([`people`]), with their
/// mentions: the name wherever it is written (with clitics, as listed names), and its last part
/// alone where [`people::Candidate::surname`] allows it. A candidate named once with an
/// uncommon first name and never again is dropped.
fn found_people(text: &str, listed: &[ActorMentions]) -> Vec<ActorMentions> {
    // Whether a range overlaps a listed mention, and if so whether that names a person.
    let overlap =
        |r: &Range<usize>| overlapping_kinds(listed, r).next().map(|k| k == ActorKind::Person);
    let overlaps = |r: &Range<usize>| overlap(r).is_some();
    let candidates = people::candidates(text, overlap);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut gazetteer = Gazetteer {
        actors: candidates
            .iter()
            .map(|c| unlisted(&c.name, ActorKind::Person, c.surname.iter().chain(&c.third)))
            .collect(),
    };
    let mut per = mentions_of_names(text, &gazetteer, |r| !overlaps(r));
    // A possible third part counts only when the text names the person by it alone after a
    // verb of saying or a title (وقال راسموسن): then it is the name's, and its first mention
    // grows by it; else its mentions go.
    for (i, c) in candidates.iter().enumerate() {
        let Some(third) = &c.third else { continue };
        let (folded, name) = (normalize::fold_str(third), normalize::fold_str(&c.name));
        let is_third = |r: &Range<usize>| {
            let mention = normalize::fold_str(&text[r.clone()]);
            mention.ends_with(&folded) && !mention.contains(&name)
        };
        let said = per[i]
            .iter()
            .any(|r| is_third(r) && people::introduces(people::word_before(text, r.start)));
        if said {
            let actor = &mut gazetteer.actors[i];
            actor.name = format!("{} {third}", c.name);
            for r in per[i].iter_mut().filter(|r| !is_third(r)) {
                let after = text.get(r.end..).unwrap_or("");
                if after.strip_prefix(' ').is_some_and(|a| a.starts_with(third.as_str())) {
                    r.end += 1 + third.len();
                }
            }
        } else {
            per[i].retain(|r| !is_third(r));
        }
    }
    let names: Vec<String> = candidates.iter().map(|c| normalize::fold_str(&c.name)).collect();
    let full =
        |i: usize, r: &Range<usize>| normalize::fold_str(&text[r.clone()]).contains(&names[i]);
    // A surname with the article alone is as often an ordinary definite word (عسكرة الفضاء،
    // الموقف الكبير): it names the person only after a verb of saying or a title (وأضاف
    // الشيباني، الوزير الشيباني).
    for (i, mentions) in per.iter_mut().enumerate() {
        if !candidates[i].surname.as_deref().is_some_and(|s| s.starts_with("ال")) {
            continue;
        }
        mentions.retain(|r| full(i, r) || people::introduces(people::word_before(text, r.start)));
    }
    // Named again in full, or by the surname after a verb of saying or a title (وقال
    // غروندبرغ): a surname elsewhere may be an ordinary word (ملحوظا) and proves nothing.
    // Or once, as the whole subject before the words it said (وقال وزير الدفاع توفيق
    // بوقاعدة إن …: QA round 50): a phrase after a title does not end so.
    let kept: Vec<bool> = per
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (mut fulls, mut introduced, mut says) = (0, 0, false);
            for r in m {
                if full(i, r) {
                    fulls += 1;
                    says |= people::opens_reported_speech(text, r.end);
                } else if people::introduces(people::word_before(text, r.start)) {
                    introduced += 1;
                }
            }
            let says = says && people::shaped_like_a_name(&candidates[i].name);
            fulls >= 1 && (candidates[i].known_first || fulls >= 2 || introduced >= 1 || says)
        })
        .collect();
    for (m, keep) in per.iter_mut().zip(kept) {
        if !keep {
            m.clear();
        }
    }
    numbered(gazetteer.actors, per, "found")
}

/// The kinds of the listed actors whose mentions overlap `r`, in the gazetteer's order (each
/// actor's mentions are in order: a binary search each, no list of them all).
fn overlapping_kinds<'a>(
    listed: &'a [ActorMentions],
    r: &'a Range<usize>,
) -> impl Iterator<Item = ActorKind> + 'a {
    listed
        .iter()
        .filter(|m| {
            let i = m.mentions.partition_point(|k| k.end <= r.start);
            m.mentions.get(i).is_some_and(|k| k.start < r.end)
        })
        .map(|m| m.actor.kind)
}

/// An actor found in the text, not listed: its name, its kind and its short forms (they count
/// only after the name, `~`); its id is given by [`numbered`] among those kept.
fn unlisted<'a>(name: &str, kind: ActorKind, short: impl IntoIterator<Item = &'a String>) -> Actor {
    Actor {
        id: ActorId(String::new()),
        name: name.to_string(),
        name_en: String::new(),
        kind,
        aliases: short.into_iter().map(|s| format!("~{s}")).collect(),
    }
}

/// The listed actors' mentions, merged in text order for lookups that move forward: a heap
/// holds each actor's next mention.
struct MentionCursor<'a> {
    listed: &'a [ActorMentions],
    /// (start, end, actor, index of the mention in the actor's list), least start first.
    next: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize, usize, usize)>>,
}

impl<'a> MentionCursor<'a> {
    fn new(listed: &'a [ActorMentions]) -> Self {
        let next = listed
            .iter()
            .enumerate()
            .filter_map(|(a, m)| {
                m.mentions.first().map(|r| std::cmp::Reverse((r.start, r.end, a, 0)))
            })
            .collect();
        MentionCursor { listed, next }
    }

    /// The kind of the actor whose mention overlaps `r`, if any, and where that mention starts;
    /// `r` starts no earlier than the ranges asked before. Mentions do not overlap each other,
    /// so the first one left that does not end before `r` is the one to look at.
    fn at(&mut self, r: &Range<usize>) -> Option<(ActorKind, usize)> {
        while let Some(&std::cmp::Reverse((_, end, a, i))) = self.next.peek() {
            if end > r.start {
                break;
            }
            self.next.pop();
            if let Some(k) = self.listed[a].mentions.get(i + 1) {
                self.next.push(std::cmp::Reverse((k.start, k.end, a, i + 1)));
            }
        }
        let &std::cmp::Reverse((start, _, a, _)) = self.next.peek()?;
        (start < r.end).then(|| (self.listed[a].actor.kind, start))
    }
}

/// Every mention of each actor of `gazetteer` in `text` (with clitics, as listed names) that
/// `keep` keeps, per actor.
fn mentions_of_names(
    text: &str,
    gazetteer: &Gazetteer,
    keep: impl Fn(&Range<usize>) -> bool,
) -> Vec<Vec<Range<usize>>> {
    let matcher = Matcher::new(gazetteer);
    let mut per: Vec<Vec<Range<usize>>> = vec![Vec::new(); gazetteer.actors.len()];
    for piece in match_pieces(text) {
        let Some(piece_text) = text.get(piece.clone()) else { continue };
        let folded = normalize::fold(piece_text);
        for (i, range) in matcher.find(&folded, piece_text) {
            let range = piece.start + range.start..piece.start + range.end;
            if let Some(v) = per.get_mut(i).filter(|_| keep(&range)) {
                v.push(range);
            }
        }
    }
    per
}

/// The actors with a mention, numbered in order as `prefix-1`, `prefix-2`, …
fn numbered(actors: Vec<Actor>, per: Vec<Vec<Range<usize>>>, prefix: &str) -> Vec<ActorMentions> {
    actors
        .into_iter()
        .zip(per)
        .filter(|(_, m)| !m.is_empty())
        .enumerate()
        .map(|(n, (mut actor, mentions))| {
            actor.id = ActorId(format!("{prefix}-{}", n + 1));
            ActorMentions { actor, mentions }
        })
        .collect()
}

/// Actor matching folds and searches the text a piece of about this many bytes at a time, so
/// the folded copy and the automaton's candidates cost a piece's size rather than the whole
/// document's (a 10 MB document peaked at 3× its size in those).
const MATCH_PIECE: usize = 256 * 1024;

/// Pieces of `text` for actor matching: each ends after a line end followed by a blank line
/// (a paragraph boundary, which no mention crosses), or, when there is none within
/// [`MATCH_PIECE`] bytes more, after the next line end (each line is a block in a text file);
/// a text without line ends is one piece.
fn match_pieces(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let from = start + MATCH_PIECE;
        let end = if from >= bytes.len() {
            bytes.len()
        } else {
            // '\n' is never inside a multi-byte char: every cut is on a char boundary.
            let newlines = || bytes[from..].iter().enumerate().filter(|(_, b)| **b == b'\n');
            let blank = newlines().take_while(|(i, _)| *i < MATCH_PIECE).find(|(i, _)| {
                let next = &bytes[from + i + 1..];
                next.starts_with(b"\n") || next.starts_with(b"\r\n")
            });
            match blank.or_else(|| newlines().next()) {
                Some((i, _)) => from + i + 1,
                None => bytes.len(),
            }
        };
        let piece = start..end;
        start = end;
        Some(piece)
    })
}

/// Arabic-aware search: folded like actor matching (alef forms, ة/ه, ى/ي, harakat, tatweel,
/// presentation forms); Latin case-insensitive. A query with the article (اليابان) also finds
/// the لل contraction (لليابان). Ranges of the original text in document order,
/// non-overlapping.
pub fn search(doc: &Document, query: &str) -> Vec<Range<usize>> {
    let q = normalize::fold_str(query.trim());
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
    if q.is_empty() {
        return Vec::new();
    }
    let folded = normalize::fold(&doc.text);
    let mut patterns = vec![q.clone()];
    let lil = q.strip_prefix("ال").filter(|r| !r.is_empty()).map(|r| format!("ل{r}"));
    if let Some(l) = &lil {
        patterns.push(l.clone());
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return Vec::new();
    };
    ac.find_iter(&folded.text)
        .filter(|m| {
            // The لل form needs the preposition's lam right before it.
            m.pattern().as_usize() == 0 || folded.text[..m.start()].ends_with('ل')
        })
        .map(|m| folded.orig_range(m.start()..m.end(), &doc.text))
        .collect()
}

#[cfg(test)]
mod tests;
