//! Property tests of the document model on arbitrary text: every range is inside the text on
//! char boundaries, sections tile the text in order, blocks and mentions do not overlap, no
//! display string carries a control character, and matching work is linear in the text.

use proptest::prelude::*;
use qari::doc::{analyze_with, load, normalize, search, Gazetteer, Matcher};
use std::ops::Range;
use std::sync::OnceLock;

/// Pieces that exercise every rule: names with clitics and glue, harakat, presentation forms,
/// punctuation and quotes, colons, line ends, Markdown markup, controls, Latin and digits.
const PIECES: &[&str] = &[
    "الصين",
    "والصين",
    "للناتو",
    "روسيا",
    "كوريا",
    "الشمالية",
    "الجنوبية",
    "اليابان",
    "الياباني",
    "حلف",
    "شمال",
    "الأطلسي",
    "وذكر",
    "ودافع",
    "كما",
    "أما",
    "قوة",
    "السلام",
    "أمن",
    "ودفاع",
    "تطورات",
    "أخرى",
    "في",
    "من",
    "إلى",
    "جانب",
    "قال",
    "َ",
    "ُّ",
    "ـ",
    "ﺍﻟﺼﻴﻦ",
    "ﻻ",
    ".",
    "،",
    ":",
    " : ",
    "؟",
    "…",
    "«",
    "»",
    "\"",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "# ",
    "## ",
    "\t",
    "\u{1b}",
    "\u{85}",
    "\u{7f}",
    "\u{200f}",
    "NATO",
    "China",
    "us",
    "G7",
    "2023",
    "٢٠٢٣",
    "3.5",
    "د.",
    "x",
    "ة",
    "أ",
    "و",
    "ل",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn valid(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

fn no_control(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

fn check(name: &str, text: &str, query: &str) -> Result<(), TestCaseError> {
    let doc = load(name, text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    // These pieces hold no markup: the text is the file's, except that Markdown shows no
    // spaces at a line's end.
    if name.ends_with(".md") {
        let trimmed: Vec<String> = text
            .split('\n')
            .map(|l| {
                let (body, cr) = l.strip_suffix('\r').map_or((l, ""), |b| (b, "\r"));
                // (A line of white space alone keeps it: it shows nothing anyway.)
                let kept = body.trim_end_matches([' ', '\t']);
                format!("{}{cr}", if kept.is_empty() { body } else { kept })
            })
            .collect();
        prop_assert_eq!(doc.text.split('\n').collect::<Vec<_>>(), trimmed);
    } else {
        prop_assert_eq!(&doc.text, text);
    }
    let text = doc.text.as_str();
    // The built-in gazetteer, compiled once for all cases.
    static COMPILED: OnceLock<(Gazetteer, Matcher)> = OnceLock::new();
    let (g, m) = COMPILED.get_or_init(|| {
        let g = Gazetteer::builtin();
        let m = Matcher::new(&g);
        (g, m)
    });
    let a = analyze_with(&doc, g, m);
    for b in doc.blocks.iter().chain(a.blocks.iter()) {
        prop_assert!(valid(text, &b.range), "block {:?}", b);
    }
    for w in a.blocks.windows(2) {
        prop_assert!(w[0].range.end <= w[1].range.start, "blocks overlap: {:?}", w);
    }
    for s in &a.sentences {
        prop_assert!(valid(text, s) && !s.is_empty(), "sentence {:?}", s);
    }
    for w in a.sentences.windows(2) {
        prop_assert!(w[0].end <= w[1].start);
    }
    // Sections tile the text: from 0 to the end, each starting where the last ended.
    prop_assert!(!a.sections.is_empty());
    prop_assert_eq!(a.sections[0].range.start, 0);
    prop_assert_eq!(a.sections.last().map(|s| s.range.end), Some(text.len()));
    for w in a.sections.windows(2) {
        prop_assert_eq!(w[0].range.end, w[1].range.start);
    }
    for s in &a.sections {
        prop_assert!(valid(text, &s.range));
        if let Some(t) = &s.title_range {
            prop_assert!(valid(text, t) && t.start >= s.range.start && t.end <= s.range.end);
        }
        prop_assert!(no_control(&s.label(text)), "label {:?}", s.label(text));
        prop_assert!(s.title.as_deref().is_none_or(no_control));
    }
    let mut all: Vec<Range<usize>> = Vec::new();
    for m in &a.actors {
        prop_assert!(!m.mentions.is_empty());
        for r in &m.mentions {
            prop_assert!(valid(text, r) && !r.is_empty(), "mention {:?}", r);
        }
        all.extend(m.mentions.iter().cloned());
    }
    all.sort_by_key(|r| r.start);
    for w in all.windows(2) {
        prop_assert!(w[0].end <= w[1].start, "mentions overlap: {:?}", w);
    }
    let hits = search(&doc, query);
    for r in &hits {
        prop_assert!(valid(text, r));
    }
    for w in hits.windows(2) {
        prop_assert!(w[0].end <= w[1].start);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ranges_are_valid_in_plain_text(t in text(), q in text()) {
        check("p.txt", &t, &q)?;
    }

    #[test]
    fn ranges_are_valid_in_markdown(t in text(), q in text()) {
        check("p.md", &t, &q)?;
    }

    #[test]
    fn ranges_are_valid_on_any_string(t in any::<String>(), q in any::<String>()) {
        check("a.txt", &t, &q)?;
    }

    #[test]
    fn folded_offsets_map_back_inside_the_text(t in text()) {
        let f = normalize::fold(&t);
        for (i, _) in f.text.char_indices() {
            let s = f.orig_start(i);
            prop_assert!(s <= t.len() && t.is_char_boundary(s));
        }
        let e = f.orig_end(f.text.len());
        prop_assert!(e <= t.len() && t.is_char_boundary(e));
    }
}

#[test]
fn matching_work_is_linear() {
    // The automaton's raw candidates (before the boundary rules) grow with the text at a
    // bounded rate, even on texts made only of names and their glued forms: no rule looks
    // back or ahead more than a few letters, so the whole of matching stays linear.
    let g = Gazetteer::builtin();
    let m = Matcher::new(&g);
    for unit in ["الصين", "والصينوكوريا الشمالية", "الولاياتالمتحدة", "اااااا", "ﺍﻟﺼﻴﻦ "]
    {
        let mut per_char = Vec::new();
        for n in [100usize, 1000, 10_000] {
            let text = unit.repeat(n);
            let folded = normalize::fold(&text);
            let work = m.candidate_count(&folded);
            let chars = folded.text.chars().count();
            assert!(work <= 4 * chars, "{unit}: {work} candidates for {chars} chars");
            per_char.push(work as f64 / chars as f64);
            // The mentions themselves never overlap, so there are at most chars / 2 of them.
            assert!(m.find(&folded, &text).len() <= chars / 2 + 1);
        }
        // The rate does not grow with the size.
        assert!(per_char[2] <= per_char[0] + 0.01, "{unit}: {per_char:?}");
    }
}
