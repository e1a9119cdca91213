//! `qari inspect`: the analysis as a summary or JSON.
//!
//! Nothing from the document reaches the terminal as a control character: the summary goes
//! through [`display_line`], and the JSON escapes C0 (serde_json), C1 and bidi (here) controls.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::doc::{self, display_line, first_words, Analysis, Document, Gazetteer};

/// Arguments of `qari inspect`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InspectArgs {
    /// Print JSON (offsets in chars of the decoded text, end exclusive) instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// A gazetteer file merged (by id) into the built-in one and the user's config file.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// The article (.txt or .md), or - for stdin; if omitted, what is piped in, else the
    /// bundled article.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    direction: &'static str,
    chars: usize,
    sections: Vec<JsonSection>,
    actors: Vec<JsonActor<'a>>,
}

#[derive(Serialize)]
struct JsonSection {
    title: Option<String>,
    start: usize,
    end: usize,
    /// The title's own range (null for the untitled opening).
    title_start: Option<usize>,
    title_end: Option<usize>,
    /// The title, or the first words of the untitled opening.
    label: String,
}

#[derive(Serialize)]
struct JsonActor<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    kind: &'static str,
    count: usize,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Reads the input: a file, stdin for `-` (refused when it is a terminal), or the bundled
/// seed. Returns (name shown, bytes).
fn read_input(file: Option<&PathBuf>) -> anyhow::Result<(String, String, Vec<u8>)> {
    match file {
        None => {
            let (name, text) = crate::SEEDS.first().copied().unwrap_or(("empty", ""));
            Ok((name.to_string(), name.to_string(), text.as_bytes().to_vec()))
        }
        Some(p) if p.as_os_str() == "-" => {
            super::refuse_terminal_stdin("… | qari inspect")?;
            let bytes = crate::doc::read_bounded(std::io::stdin().lock()).context("stdin")?;
            Ok(("-".to_string(), "stdin".to_string(), bytes))
        }
        Some(p) => {
            let shown = p.display().to_string();
            let bytes = std::fs::File::open(p)
                .and_then(crate::doc::read_bounded)
                .with_context(|| display_line(&shown))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| shown.clone());
            let name = display_line(&name);
            Ok((shown, name, bytes))
        }
    }
}

/// Escapes the C1 controls (U+0080..U+009F) and the bidirectional controls that serde_json
/// leaves raw. They can only stand inside JSON strings, where `\uXXXX` means the same.
fn escape_c1(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c) || doc::is_bidi_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON report of an analysed document.
pub fn json_report(shown: &str, doc: &Document, analysis: &Analysis) -> anyhow::Result<String> {
    let idx = doc.file_offsets();
    let sections = analysis
        .sections
        .iter()
        .map(|s| JsonSection {
            title: s.title.clone(),
            // Sections tile the file: the first starts at its start, one ends where the next
            // starts, markup between them included.
            start: if s.range.start == 0 { 0 } else { idx.start(s.range.start) },
            end: idx.start(s.range.end),
            title_start: s.title_range.as_ref().map(|r| idx.start(r.start)),
            title_end: s.title_range.as_ref().map(|r| idx.end(r.end)),
            label: s.label(&doc.text),
        })
        .collect();
    let actors = analysis
        .actors
        .iter()
        .map(|m| JsonActor {
            id: &m.actor.id.0,
            name: &m.actor.name,
            name_en: &m.actor.name_en,
            kind: m.actor.kind.as_str(),
            count: m.mentions.len(),
            mentions: m
                .mentions
                .iter()
                .map(|r| JsonMention {
                    start: idx.start(r.start),
                    end: idx.end(r.end),
                    text: doc.text.get(r.clone()).unwrap_or(""),
                })
                .collect(),
        })
        .collect();
    let report = JsonReport {
        file: shown,
        direction: doc.direction.as_str(),
        chars: idx.chars(),
        sections,
        actors,
    };
    Ok(escape_c1(&serde_json::to_string_pretty(&report)?))
}

/// The readable summary of an analysed document.
pub fn summary(shown: &str, doc: &Document, analysis: &Analysis) -> String {
    let mut out = String::new();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&format!(
        "{}: {}, {}, {}, {}\n",
        display_line(shown),
        doc.direction.as_str(),
        count(doc.file_offsets().chars(), "char", "chars"),
        count(
            analysis.blocks.iter().filter(|b| b.kind == doc::BlockKind::Paragraph).count(),
            "paragraph",
            "paragraphs"
        ),
        count(analysis.sentences.len(), "sentence", "sentences"),
    ));
    out.push_str(&format!("\nsections ({}):\n", analysis.sections.len()));
    for (i, s) in analysis.sections.iter().enumerate() {
        let body_start = s.title_range.as_ref().map_or(s.range.start, |r| r.end);
        let body = doc.text.get(body_start..s.range.end).unwrap_or("");
        let body = body.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
        let title = match &s.title {
            Some(t) => t.clone(),
            None => "(untitled opening)".to_string(),
        };
        out.push_str(&format!("  {:>2}. {title}: {}\n", i + 1, first_words(body, 6)));
    }
    out.push_str(&format!("\nactors ({}):\n", analysis.actors.len()));
    let width = analysis.actors.iter().map(|m| m.actor.id.0.chars().count()).max().unwrap_or(0);
    // Counts right-aligned in a column as wide as the largest (a 10 MB file has five digits).
    let digits =
        analysis.actors.iter().map(|m| m.mentions.len().to_string().len()).max().unwrap_or(1);
    let digits = digits.max(3);
    // Most mentioned first, as the reader's pane lists them (gazetteer order among equals; the
    // JSON keeps gazetteer order).
    let mut by_count: Vec<_> = analysis.actors.iter().collect();
    by_count.sort_by_key(|m| std::cmp::Reverse(m.mentions.len()));
    for m in by_count {
        // People found in the text (not listed) have no English name.
        let en = display_line(&m.actor.name_en);
        let en = if en.is_empty() { en } else { en + ", " };
        out.push_str(&format!(
            "  {:>digits$}  {:<width$}  {} ({en}{})\n",
            m.mentions.len(),
            display_line(&m.actor.id.0),
            display_line(&m.actor.name),
            m.actor.kind.as_str(),
        ));
    }
    out
}

/// Runs `qari inspect`.
pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let gazetteer = Gazetteer::with_user_files(args.actors.as_deref())?;
    // What is piped in is the article, as for the reader and `render` (`echo … | qari inspect`).
    let piped = PathBuf::from("-");
    let file = match &args.file {
        None if super::stdin_is_piped() => Some(&piped),
        f => f.as_ref(),
    };
    let (shown, name, bytes) = read_input(file)?;
    // Errors name the path as given (the document's own name is its file name).
    let doc = doc::load_vec(&name, bytes)
        .map_err(|e| e.named(if shown == "-" { &name } else { &shown }))?;
    let analysis = doc::analyze(&doc, &gazetteer);
    let out = if args.json {
        json_report(&shown, &doc, &analysis)? + "\n"
    } else {
        summary(&shown, &doc, &analysis)
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_are_escaped_in_json() {
        let json = serde_json::to_string("a\u{85}b\u{1b}c").unwrap_or_default();
        assert_eq!(escape_c1(&json), "\"a\\u0085b\\u001bc\"");
    }
}
