//! Arabic shaping to presentation forms (Unicode's ArabicShaping data), in logical order.

use std::ops::Range;

/// Shaped text and, for every char of it, the byte range of the input it came from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Shaped {
    pub text: String,
    /// One entry per char of `text` (not per byte), in order.
    pub source: Vec<Range<usize>>,
}

/// Shapes `text`: presentation forms for every Arabic-script letter, lam-alef ligatures.
///
/// PLACEHOLDER: returns the text unchanged.
pub fn shape(text: &str) -> Shaped {
    Shaped {
        text: text.to_string(),
        source: text.char_indices().map(|(i, c)| i..i + c.len_utf8()).collect(),
    }
}

/// Maps presentation forms (U+FB50–FDFF, U+FE70–FEFF) back to the letters they show, with the
/// source range of every output char. Used for legacy text before shaping and for matching.
///
/// PLACEHOLDER: returns the text unchanged.
pub fn unshape(text: &str) -> Shaped {
    shape(text)
}
