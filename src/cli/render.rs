//! `qari render`: prints laid-out text (visual order, shaped) for pipes and terminals that do no
//! BiDi themselves.
//!
//! Each non-empty line of the input is a paragraph; empty lines stay empty. Nothing is added but
//! the padding `--pad` asks for: no markers, numbers or borders, and no trailing spaces.
//!
//! A paragraph over 1 MiB is laid out in pieces of at most 64 KiB, each cut after a sentence
//! where it can (as the reader cuts long paragraphs), so a multi-megabyte line needs little
//! memory: 13 MB instead of 215 MB for a 5 MB line. Not with `--width 0`, which asks for one
//! line a paragraph.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;

use crate::layout::{
    context_mark, dominant_direction, first_strong_direction, layout_rows, paragraph_direction,
    piece_end, BaseDirection, Direction, LayoutOptions,
};

/// A base direction on the command line.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseArg {
    Rtl,
    Ltr,
    /// UAX #9 P2–P3 for each paragraph: its first strong character decides.
    Auto,
}

/// Arguments of `qari render`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RenderArgs {
    /// Line width in cells, at most 65535; 0 turns wrapping off [default: the terminal's
    /// width, else 80]
    #[arg(long, short = 'w', value_name = "N", value_parser = clap::value_parser!(u16), allow_negative_numbers = true)]
    pub width: Option<u16>,
    /// Base direction of the paragraphs [default: the document's dominant direction; a
    /// paragraph with two letters to one in the other, such as an English quotation, takes it]
    #[arg(long, short = 'b', value_enum)]
    pub base: Option<BaseArg>,
    /// Reorder and mirror, but print the letters themselves (no presentation forms)
    #[arg(long)]
    pub no_shape: bool,
    /// Right-align right-to-left lines within the width
    #[arg(long)]
    pub pad: bool,
    /// The text file to render; `-` or nothing reads standard input (refused when it is a
    /// terminal: pipe the text in)
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
}

/// Runs it.
pub fn run(args: RenderArgs) -> anyhow::Result<()> {
    let (name, bytes) = match &args.file {
        Some(p) if p.as_os_str() != "-" => {
            let name = p.display().to_string();
            let bytes = std::fs::File::open(p)
                .and_then(crate::doc::read_bounded)
                .with_context(|| name.clone())?;
            (name, bytes)
        }
        _ => {
            super::refuse_terminal_stdin("… | qari render")?;
            let bytes = crate::doc::read_bounded(io::stdin().lock()).context("stdin")?;
            ("stdin".to_string(), bytes)
        }
    };
    // Checked as every other command checks a file (`doc::decode`).
    let text = crate::doc::decode(&name, &bytes)?;

    let width = args.width.map(usize::from).unwrap_or_else(|| {
        let stdout = io::stdout();
        if stdout.is_terminal() {
            ratatui::crossterm::terminal::size().map_or(80, |(cols, _)| cols as usize)
        } else {
            80
        }
    });
    // `None`: each paragraph's own (`layout::paragraph_direction`) in a document of this one.
    let (base, document) = match args.base {
        Some(BaseArg::Rtl) => (BaseDirection::Rtl, None),
        Some(BaseArg::Ltr) => (BaseDirection::Ltr, None),
        Some(BaseArg::Auto) => (BaseDirection::Auto, None),
        None => {
            let d = dominant_direction(text);
            (d.into(), Some(d))
        }
    };
    let opts = LayoutOptions { width, base, shape: !args.no_shape, reorder: true };

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    match write_all(&mut out, text, &opts, document, args.pad).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`qari render … | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

/// The longest paragraph laid out whole; a longer one is laid out in pieces of [`PIECE_LEN`].
const WHOLE_PARAGRAPH_MAX: usize = 1 << 20;
/// The length of those pieces (at most; each ends after a sentence where it can).
const PIECE_LEN: usize = 64 * 1024;

/// Writes one laid-out line of `width` cells, without its trailing spaces, right-aligned in
/// `pad_to` cells when `pad` asks for it and the line is right-to-left.
fn write_row(
    out: &mut impl Write,
    text: &str,
    width: usize,
    direction: Direction,
    pad_to: usize,
    pad: bool,
) -> io::Result<()> {
    const SPACES: &str = "                                                                ";
    let row = text.trim_end_matches(' ');
    if pad && pad_to > 0 && direction == Direction::Rtl {
        let row_width = width.saturating_sub(text.len() - row.len());
        let mut n = pad_to.saturating_sub(row_width);
        while n > 0 {
            let k = n.min(SPACES.len());
            out.write_all(&SPACES.as_bytes()[..k])?;
            n -= k;
        }
    }
    out.write_all(row.as_bytes())?;
    out.write_all(b"\n")
}

/// Lays out every line of `text` (a newline or U+2029 ends one) as a paragraph and writes the
/// rows; with `document`, each paragraph in its own direction within a document of that one.
fn write_all(
    out: &mut impl Write,
    text: &str,
    opts: &LayoutOptions,
    document: Option<Direction>,
    pad: bool,
) -> io::Result<()> {
    // In a text without a line feed, a lone carriage return ends a line (old Mac files), as
    // the reader and inspect read it (fuzzing found render made one paragraph of such a file).
    let lone_cr = !text.contains('\n');
    let end = if lone_cr { '\r' } else { '\n' };
    let body = text.strip_suffix(end).unwrap_or(text);
    if text.is_empty() {
        return Ok(());
    }
    // A paragraph ends at a newline or at U+2029 PARAGRAPH SEPARATOR, as in the reader.
    for para in body.split(|c| c == '\n' || c == '\u{2029}' || (lone_cr && c == '\r')) {
        let para = para.strip_suffix('\r').unwrap_or(para);
        if para.is_empty() {
            out.write_all(b"\n")?;
            continue;
        }
        let own;
        let opts = match document {
            Some(d) => {
                own = LayoutOptions { base: paragraph_direction(para, d).into(), ..*opts };
                &own
            }
            None => opts,
        };
        // A huge paragraph (a multi-megabyte line) is laid out in pieces, cut after a sentence
        // as the reader cuts it, in the direction of the whole: the layout's work arrays are
        // tens of bytes per char, so memory stays bounded.
        let auto;
        // Without wrapping (--width 0) a paragraph is one line, however long: laid out whole.
        let in_pieces = para.len() > WHOLE_PARAGRAPH_MAX && opts.width > 0;
        let opts = if in_pieces && opts.base == BaseDirection::Auto {
            let d = first_strong_direction(para).unwrap_or(Direction::Ltr);
            auto = LayoutOptions { base: d.into(), ..*opts };
            &auto
        } else {
            opts
        };
        let mut start = 0;
        while start < para.len() {
            let end = if in_pieces { piece_end(para, start, PIECE_LEN) } else { para.len() };
            let mut result = Ok(());
            // A piece after the first starts with the context of the text before it.
            let piece = match context_mark(&para[..start]) {
                Some(mark) => std::borrow::Cow::Owned(format!("{mark}{}", &para[start..end])),
                None => std::borrow::Cow::Borrowed(&para[start..end]),
            };
            layout_rows(&piece, opts, |text, width, direction| {
                if result.is_ok() {
                    result = write_row(out, text, width, direction, opts.width, pad);
                }
            });
            result?;
            start = end;
        }
    }
    Ok(())
}
