//! The document model: loading, structure (paragraphs, sentences, sections) and the actors it
//! names. Every position is a byte range of [`Document::text`], the decoded original text.
//! Nothing here knows about layout or terminals.

use std::ops::Range;

pub mod actors;

pub use actors::{Actor, ActorId, ActorKind, Gazetteer};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("{name}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { name: String, offset: usize },
    #[error("{name}: binary file (NUL byte at offset {offset}), not text")]
    Binary { name: String, offset: usize },
}

/// The writing direction of most of a document's strong characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDirection {
    Ltr,
    Rtl,
}

/// What a block of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
}

/// A unit of display: a paragraph or a heading, as a range of the text (without markup such as
/// Markdown's `# `, and without line ends).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

/// A loaded document: cheap to build (no analysis), so the first screen shows at once.
#[derive(Clone, Debug)]
pub struct Document {
    /// File name (no directory) as shown to the user.
    pub name: String,
    /// The decoded text (BOM dropped). Every range in qari is into this string.
    pub text: String,
    /// Paragraphs and explicit (Markdown) headings, in order.
    pub blocks: Vec<Block>,
    pub direction: TextDirection,
}

/// A section: an optional title and the range of text it spans (title included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// `None` for an untitled opening section.
    pub title: Option<String>,
    /// Where the title stands in the text, if it has one.
    pub title_range: Option<Range<usize>>,
    pub range: Range<usize>,
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
    pub sentences: Vec<Range<usize>>,
    pub sections: Vec<Section>,
    /// Display blocks with detected headings split out of the paragraphs they were glued into.
    pub blocks: Vec<Block>,
    /// Only actors with at least one mention; in gazetteer order.
    pub actors: Vec<ActorMentions>,
}

/// Decodes and splits a file. PLACEHOLDER: no Markdown, no BOM/NUL handling yet.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| LoadError::InvalidUtf8 { name: name.to_string(), offset: e.valid_up_to() })?
        .to_string();
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            blocks.push(Block { kind: BlockKind::Paragraph, range: start..start + body.len() });
        }
        start += line.len();
    }
    let rtl = text.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).count();
    let direction = if rtl * 2 > text.chars().filter(|c| c.is_alphabetic()).count() {
        TextDirection::Rtl
    } else {
        TextDirection::Ltr
    };
    Ok(Document { name: name.to_string(), text, blocks, direction })
}

/// Analyses a loaded document. PLACEHOLDER: one untitled section, no actors.
pub fn analyze(doc: &Document, _gazetteer: &Gazetteer) -> Analysis {
    Analysis {
        sentences: vec![0..doc.text.len()],
        sections: vec![Section { title: None, title_range: None, range: 0..doc.text.len() }],
        blocks: doc.blocks.clone(),
        actors: Vec::new(),
    }
}

/// Arabic-aware search: folded like actor matching; Latin case-insensitive. Ranges of the
/// original text in document order. PLACEHOLDER: exact substring search.
pub fn search(doc: &Document, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    doc.text.match_indices(query).map(|(i, m)| i..i + m.len()).collect()
}
