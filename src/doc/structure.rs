//! Sentences, and the headings hidden in scraped text.
//!
//! # Sentences
//! A sentence ends at a run of terminators (. ! ? ؟ … ؛) with any closing quotes and brackets
//! after it (» ” " ’ ) ]), when white space or the end of the block follows. A full stop right
//! after a one-letter word (د. , J.) is an abbreviation, not an end.
//!
//! # Embedded headings
//! Scraped articles lose the line breaks around their subheadings, which then sit between the
//! end of one sentence and the first word of the next: `… ضد تايوان. الاستثمارات الكبيرة وذكر
//! ستولتنبرج …`. A heading is recognised at a sentence start (or a paragraph start other than
//! the document's first) when:
//! - one to five words follow that are plain words (letters and digits only, no punctuation);
//! - they read as a noun phrase: no verb (a lexicon of common news verbs plus unambiguous verb
//!   shapes), no pronoun or particle, no preposition first or last, the first word not a
//!   conjunction + verb/article/particle;
//! - and the next word opens a sentence: و/ف + a verb (وذكر، ودافع، وسارعت), a clause opener
//!   (كما، أما، في حين …), an aside followed by a comma after a phrase of two words or more
//!   (من جهتها، بدوره،), or a colon after the phrase that does not introduce a quote;
//! - the sentence after it has at least three words, and the phrase is not inside «quotes».
//!
//! The shortest such phrase wins. Every rule errs towards missing a heading rather than
//! inventing one inside a sentence.
//!
//! # Limitations
//! A heading that is itself a verb phrase, or that is followed by a sentence opening with a bare
//! noun (`قوة السلام الصين تعمل …`), is not found: nothing in the text tells it apart from the
//! sentence.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::normalize::{fold_str, is_dropped_mark, is_word_char};

const TERMINATORS: &[char] = &['.', '!', '?', '؟', '…', '؛'];
const CLOSERS: &[char] = &['»', '”', '"', '’', '\'', ')', ']', '›', '﴿'];
const QUOTES_OPEN: &[char] = &['«', '"', '“', '\'', '‘', '‹', '(', '['];

/// Sentences in `text[range]`, each trimmed of surrounding white space, in order.
pub fn sentences_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(block) = text.get(range.clone()) else { return out };
    let base = range.start;
    let mut start = 0;
    let mut iter = block.char_indices().peekable();
    let mut prev_word_len = 0usize; // letters in the word just before the current char
    let mut prev_char: Option<char> = None;
    while let Some((i, c)) = iter.next() {
        if TERMINATORS.contains(&c) {
            let abbreviation = c == '.' && prev_word_len == 1;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if TERMINATORS.contains(&d) || CLOSERS.contains(&d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let at_space = iter.peek().is_none_or(|&(_, d)| d.is_whitespace());
            // Scraping also loses the space after a full stop (تايوان.الاستثمارات): an Arabic
            // letter right after the terminators starts the next sentence too.
            let glued = iter.peek().is_some_and(|&(_, d)| ('\u{0621}'..='\u{064A}').contains(&d));
            if (at_space || glued) && !abbreviation {
                push_trimmed(&mut out, block, base, start..end);
                start = end;
            }
            prev_word_len = 0;
            prev_char = None;
            continue;
        }
        if is_word_char(c) {
            if prev_char.is_some_and(|p| is_word_char(p) || is_dropped_mark(p)) {
                prev_word_len += 1;
            } else {
                prev_word_len = 1;
            }
        } else if !is_dropped_mark(c) {
            prev_word_len = 0;
        }
        prev_char = Some(c);
    }
    push_trimmed(&mut out, block, base, start..block.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, block: &str, base: usize, r: Range<usize>) {
    let Some(s) = block.get(r.clone()) else { return };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(base + r.start + lead..base + r.end - trail);
    }
}

/// A heading found inside a paragraph: the title's range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedHeading {
    pub title: Range<usize>,
    /// Where the text after the heading starts (after the colon, if any, and white space).
    pub rest: usize,
}

/// A whitespace-separated chunk of the text; its folded form is computed when first asked
/// for (most sentence starts are rejected after a word or two).
struct Chunk<'a> {
    range: Range<usize>,
    raw: &'a str,
    cell: std::cell::OnceCell<String>,
}

impl Chunk<'_> {
    fn folded(&self) -> &str {
        self.cell.get_or_init(|| fold_str(self.raw))
    }
}

fn chunks_from(text: &str, from: usize, end: usize, max: usize) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let Some(s) = text.get(from..end) else { return out };
    let mut pos = 0;
    for piece in s.split_whitespace() {
        if out.len() >= max {
            break;
        }
        let Some(off) = s.get(pos..).and_then(|rest| rest.find(piece)) else { break };
        let start = from + pos + off;
        pos += off + piece.len();
        out.push(Chunk { range: start..start + piece.len(), raw: piece, cell: Default::default() });
    }
    out
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold_str(w)).collect()
}

/// Pronouns, particles and other words that never belong to a subheading.
fn particles() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "أن",
            "إن",
            "أنه",
            "أنها",
            "إنه",
            "إنها",
            "أنهم",
            "إنهم",
            "لأن",
            "لا",
            "لم",
            "لن",
            "قد",
            "لقد",
            "ما",
            "ماذا",
            "هل",
            "هو",
            "هي",
            "هم",
            "هن",
            "نحن",
            "أنا",
            "أنت",
            "هذا",
            "هذه",
            "هذان",
            "هاتان",
            "هؤلاء",
            "ذلك",
            "تلك",
            "أولئك",
            "الذي",
            "التي",
            "الذين",
            "اللذين",
            "اللتين",
            "اللواتي",
            "كان",
            "كانت",
            "كانوا",
            "يكون",
            "تكون",
            "ليس",
            "ليست",
            "كما",
            "أما",
            "إذا",
            "إذ",
            "حيث",
            "حين",
            "عندما",
            "بينما",
            "فيما",
            "لكن",
            "لكنه",
            "لكنها",
            "ولكن",
            "بل",
            "ثم",
            "أو",
            "أم",
            "حتى",
            "منذ",
            "كي",
            "لكي",
            "إلا",
            "سوى",
            "أي",
            "أيضا",
            "أيضًا",
            "فقط",
            "كذلك",
            "وكذلك",
            "هنا",
            "هناك",
            "الآن",
            "يوم",
            "عند",
            "لدى",
            "لديه",
            "لديها",
            "له",
            "لها",
            "لهم",
            "به",
            "بها",
            "فيه",
            "فيها",
            "منه",
            "منها",
            "عنه",
            "عنها",
            "عليه",
            "عليها",
            "إليه",
            "إليها",
            "معه",
            "معها",
            "بأن",
            "بأنه",
            "بأنها",
            "كأن",
            "لو",
            "لولا",
            "كيف",
            "متى",
            "أين",
            "لماذا",
            "نحو",
            "جدا",
            "جدًا",
            "وهو",
            "وهي",
            "وهم",
            "وأن",
            "وإن",
            "وقد",
            "ولا",
            "ولم",
            "ولن",
            "وما",
            "بين",
            "وبين",
            "أكثر",
            "أقل",
            "the",
            "a",
            "an",
            "and",
            "or",
            "of",
            "to",
            "in",
            "on",
            "is",
            "are",
            "was",
            "were",
        ])
    })
}

/// Prepositions: allowed inside a heading (العودة إلى المدارس) but not first or last.
fn prepositions() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "في", "من", "إلى", "على", "عن", "مع", "بعد", "قبل", "خلال", "حول", "ضد", "دون", "عبر",
            "تجاه", "أمام", "وراء", "فوق", "تحت", "بشأن", "لدى", "ل", "ب", "و", "ف",
        ])
    })
}

/// Common verbs of news prose (past, third person masculine singular). Their feminine (+ت) and
/// plural (+وا) forms, and the present forms listed apart, count too.
const VERBS_PAST: &[&str] = &[
    "قال",
    "ذكر",
    "أضاف",
    "أكد",
    "أعلن",
    "أوضح",
    "أشار",
    "تابع",
    "أفاد",
    "شدد",
    "أعرب",
    "دعا",
    "طالب",
    "حذر",
    "كشف",
    "نفى",
    "اعتبر",
    "رأى",
    "وصل",
    "زار",
    "التقى",
    "استقبل",
    "بحث",
    "ناقش",
    "وقع",
    "عقد",
    "اتفق",
    "اتهم",
    "هدد",
    "انتقد",
    "دافع",
    "دان",
    "سارع",
    "ندد",
    "رحب",
    "أدان",
    "رفض",
    "قرر",
    "بدأ",
    "أطلق",
    "شن",
    "قتل",
    "أصيب",
    "جرح",
    "اعتقل",
    "أسفر",
    "أدى",
    "جاء",
    "يأتي",
    "عاد",
    "غادر",
    "توجه",
    "وصف",
    "نقل",
    "أبلغ",
    "صرح",
    "تحدث",
    "أجرى",
    "شارك",
    "ترأس",
    "افتتح",
    "أقر",
    "وافق",
    "صادق",
    "أصدر",
    "نشر",
    "أظهر",
    "أوردت",
    "كتب",
    "سعى",
    "يسعى",
    "عمل",
    "قام",
    "يقوم",
    "أصبح",
    "بات",
    "ظل",
    "صار",
    "ارتفع",
    "انخفض",
    "تراجع",
    "سجل",
    "بلغ",
    "تجاوز",
    "شهد",
    "وسع",
    "عزز",
    "تعهد",
    "أمر",
    "منع",
    "سمح",
    "فرض",
    "رفع",
    "خفض",
    "قدم",
    "منح",
    "تلقى",
    "أرسل",
    "نشرت",
    "تمكن",
    "حاول",
    "يحاول",
    "واصل",
    "يواصل",
    "أعاد",
    "أنهى",
    "أجل",
    "ألغى",
    "حث",
    "أشاد",
    "أبدى",
    "أعلنت",
    "تسلم",
    "فاز",
    "خسر",
    "هزم",
    "انسحب",
    "انضم",
    "يعتبر",
    "تعتبر",
    "يرى",
    "ترى",
    "تخشى",
    "يخشى",
    "تسعى",
    "تعمل",
    "يعمل",
    "تقوم",
    "تواصل",
    "تشهد",
    "يشهد",
    "تريد",
    "يريد",
    "تحاول",
    "تبحث",
    "يبحث",
    "تدعو",
    "يدعو",
    "تطالب",
    "يطالب",
    "يقول",
    "تقول",
    "يشير",
    "تشير",
    "يؤكد",
    "تؤكد",
    "يعد",
    "تعد",
    "يمكن",
    "يجب",
    "ينبغي",
    "تأتي",
    "تستعد",
    "يستعد",
    "تتجه",
    "يتجه",
    "تمثل",
    "يمثل",
    "تضم",
    "يضم",
    "تتضمن",
    "يتضمن",
    "وقعت",
    "تصعد",
    "يصعد",
    "تستثمر",
    "يستثمر",
    "تشكل",
    "يشكل",
    "تقترب",
    "يقترب",
    "تخطط",
    "يخطط",
    "تأمل",
    "يأمل",
    "تتوقع",
    "يتوقع",
    "توقع",
    "أفادت",
    "لفت",
    "أعقب",
    "تلا",
    "استمر",
    "يستمر",
    "تستمر",
    "انتهى",
    "انطلق",
    "اندلع",
    "جدد",
    "أوقف",
    "حظر",
    "دخل",
    "خرج",
    "مر",
    "تم",
    "يتم",
];

fn verbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = HashSet::new();
        for v in VERBS_PAST {
            let f = fold_str(v);
            s.insert(format!("{f}ت"));
            s.insert(format!("{f}وا"));
            s.insert(format!("{f}ا"));
            // Defective verbs drop their last letter before ت / وا: دعا → دعت دعوا, نفى → نفت.
            if let Some(stem) = f.strip_suffix('ا').or_else(|| f.strip_suffix('ي')) {
                if stem.chars().count() >= 2 {
                    s.insert(format!("{stem}ت"));
                    s.insert(format!("{stem}وا"));
                }
            }
            s.insert(f);
        }
        s
    })
}

/// Clause openers: a sentence that begins with one of these may follow a heading.
fn openers() -> &'static HashSet<String> {
    // Not here on purpose: لكن، بينما، فيما، وقد، وكان، وسط, and بدوره / من جهته without و.
    // They also join the two halves of a nominal sentence (الوضع صعب لكن …, الحكومة من جهتها
    // تعهدت …), whose subject would then pass for a heading.
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "كما",
            "أما",
            "وأما",
            "وبدوره",
            "وبدورها",
            "وفقا",
            "ووفقا",
            "وبحسب",
            "بحسب",
            "وحسب",
            "وتأتي",
            "ويأتي",
            "ولفت",
        ])
    })
}

/// Asides that open a sentence when a comma follows them (من جهته، بدوره، …), folded; the
/// two-word ones as «من X».
fn comma_asides() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out = HashSet::new();
        for suffix in ["ه", "ها", "هم", "هما"] {
            for stem in ["جهت", "جانب", "ناحيت"] {
                out.insert(fold_str(&format!("من {stem}{suffix}")));
                out.insert(fold_str(&format!("ومن {stem}{suffix}")));
            }
            out.insert(fold_str(&format!("بدور{suffix}")));
            out.insert(fold_str(&format!("وبدور{suffix}")));
        }
        out
    })
}

/// Two-word clause openers (في حين، إلى جانب …), folded.
fn opener_pairs() -> &'static HashSet<(String, String)> {
    static S: OnceLock<HashSet<(String, String)>> = OnceLock::new();
    S.get_or_init(|| {
        [
            ("إلى", "جانب"),
            ("في", "حين"),
            ("في", "المقابل"),
            ("في", "غضون"),
            ("في", "سياق"),
            ("وفي", "سياق"),
            ("في", "الوقت"),
            ("وفي", "الوقت"),
            ("على", "صعيد"),
            ("وعلى", "صعيد"),
            ("في", "هذا"),
            ("وفي", "هذا"),
            ("ومن", "ناحية"),
            ("في", "إطار"),
            ("وفي", "إطار"),
            ("على", "الرغم"),
            ("وعلى", "الرغم"),
            ("في", "ظل"),
            ("وفي", "ظل"),
            ("ومن", "جهة"),
            ("في", "السياق"),
            ("وفي", "السياق"),
        ]
        .iter()
        .map(|(a, b)| (fold_str(a), fold_str(b)))
        .collect()
    })
}

fn letters(w: &str) -> Vec<char> {
    w.chars().collect()
}

/// True when the (folded, clitic-free) word has a shape only verbs have, or is a listed verb.
fn is_verb(w: &str) -> bool {
    if verbs().contains(w) {
        return true;
    }
    let c = letters(w);
    let n = c.len();
    // Plural past (ذهبوا) and the form VIII / X past (اجتمع، استقبل).
    (n >= 4 && w.ends_with("وا") && !w.starts_with("ال"))
        || (n == 5 && c[0] == 'ا' && c[2] == 'ت' && c[1] != 'ل' && c[3] != 'ا')
        || (n == 6 && w.starts_with("است"))
        || (n >= 4 && c[0] == 'ي' && !is_month_or_noun_y(w))
}

fn is_month_or_noun_y(w: &str) -> bool {
    matches!(
        w,
        "يناير"
            | "يونيو"
            | "يوليو"
            | "يوميا"
            | "يوميات"
            | "يهودي"
            | "يهوديه"
            | "يورو"
            | "يوسف"
            | "يونس"
            | "يحيي"
            | "يعقوب"
            | "يزيد"
    ) || w.starts_with("يوم")
}

/// The word after a conjunction و/ف that opens a sentence: a verb, by list or by shape
/// (فاعل as in دافع/سارع, أفعل as in أعلن, افتعل, استفعل, with the feminine ت).
fn is_opening_verb(stem: &str) -> bool {
    // Listed verbs (past, and a few present forms), but not the bare present shape يفعل: after
    // a noun phrase, و + a present verb more often continues a nominal sentence
    // (الاقتصاد ضعيف ويحتاج …) than it opens one after a heading.
    if verbs().contains(stem) {
        return true;
    }
    let base = stem.strip_suffix('ت').filter(|b| !b.ends_with('ا')).unwrap_or(stem);
    let c = letters(base);
    let n = c.len();
    if base.starts_with("ال") || base.ends_with('ه') {
        return false;
    }
    (n == 4 && c[1] == 'ا' && c[0] != 'ا')
        || (n == 4 && c[0] == 'ا' && c[1] != 'ل' && c[2] != 'ا')
        || (n == 5 && c[0] == 'ا' && c[2] == 'ت' && c[3] != 'ا')
        || (n == 6 && base.starts_with("است"))
        || (base != stem && verbs().contains(base))
}

/// The letters and digits of a chunk with trailing punctuation such as `:` or `،` cut off;
/// `None` if punctuation stands inside or before the word.
fn bare_word(folded: &str) -> Option<&str> {
    let trimmed = folded.trim_end_matches(|c: char| !is_word_char(c));
    if trimmed.is_empty() || !trimmed.chars().all(is_word_char) {
        return None;
    }
    Some(trimmed)
}

/// Does this chunk open a sentence (alone, or with the next chunk)?
fn opens_sentence(chunk: &Chunk, next: Option<&Chunk>) -> bool {
    let Some(w) = bare_word(chunk.folded()) else { return false };
    if openers().contains(w) {
        return true;
    }
    if let Some(n) = next.and_then(|n| bare_word(n.folded())) {
        if opener_pairs().contains(&(w.to_string(), n.to_string())) {
            return true;
        }
    }
    if is_comma_aside(chunk, next) {
        return true;
    }
    let stem = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'));
    match stem {
        Some(stem) if stem.chars().count() >= 3 => is_opening_verb(stem),
        _ => false,
    }
}

/// «من جهتها، قالت …», «بدوره، أكد …»: with the comma right after it, such an aside opens a
/// sentence (without it, it may sit inside one: الحكومة من جهتها تعهدت …).
fn is_comma_aside(chunk: &Chunk, next: Option<&Chunk>) -> bool {
    let comma = |c: &Chunk| c.raw.ends_with(['،', ',']);
    let Some(w) = bare_word(chunk.folded()) else { return false };
    if comma(chunk) && comma_asides().contains(w) {
        return true;
    }
    match next.filter(|n| comma(n)).and_then(|n| bare_word(n.folded())) {
        Some(n) => (w == "من" || w == "ومن") && comma_asides().contains(&format!("{w} {n}")),
        None => false,
    }
}

/// Time adverbials that open sentences (مساء الأحد وقعت …): never a heading's first word.
fn time_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "صباح",
            "مساء",
            "ظهر",
            "عصر",
            "فجر",
            "ليل",
            "ليلة",
            "عشية",
            "غداة",
            "أمس",
            "اليوم",
            "غدا",
            "منتصف",
            "أواخر",
            "أوائل",
            "مطلع",
            "نهاية",
            "بداية",
            "يوم",
            "الأسبوع",
            "الشهر",
            "العام",
            "السنة",
            "حاليا",
            "سابقا",
            "لاحقا",
            "مؤخرا",
            "قريبا",
            "وقت",
        ])
    })
}

/// Can this chunk be a word of a heading? `first`/`last` for its place in the phrase.
fn heading_word_ok(folded: &str, first: bool, last: bool) -> bool {
    if first && time_words().contains(folded) {
        return false;
    }
    if folded.is_empty() || !folded.chars().all(is_word_char) {
        return false;
    }
    if folded.chars().all(|c| c.is_ascii_digit()) && (first || last) {
        return false;
    }
    if particles().contains(folded) || is_verb(folded) {
        return false;
    }
    if prepositions().contains(folded) {
        return !first && !last;
    }
    if let Some(stem) = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف')) {
        // و + verb / particle never stands in a heading; as first word, neither does و + ال
        // (a conjunction: the phrase continues a sentence).
        if is_verb(stem) || particles().contains(stem) || prepositions().contains(stem) {
            return false;
        }
        // A first word و + three letters or more is a conjunction before a word far more
        // often than a word of its own (وزراء, وعود): a heading rarely starts so.
        if first && (stem.starts_with("ال") || is_opening_verb(stem)) {
            return false;
        }
        if first && folded.starts_with('و') && stem.chars().count() >= 3 {
            return false;
        }
    }
    true
}

/// The balance of «» and “” quotes in `s` (opens minus closes).
fn quote_balance(s: &str) -> isize {
    s.chars()
        .map(|c| match c {
            '«' | '“' => 1,
            '»' | '”' => -1,
            _ => 0,
        })
        .sum()
}

/// Looks for a heading starting at `pos` (a sentence start) inside the block ending at `end`.
fn heading_at(text: &str, pos: usize, end: usize) -> Option<EmbeddedHeading> {
    const MAX_WORDS: usize = 5;
    let chunks = chunks_from(text, pos, end, MAX_WORDS + 6);
    if chunks.len() < 2 {
        return None;
    }
    for k in 1..=MAX_WORDS.min(chunks.len() - 1) {
        let word = &chunks[k - 1];
        // A colon glued to the k-th word (أخرى:) or standing alone after it (أخرى :).
        let glued_colon = word.folded().ends_with(':');
        let (word_folded, colon_after) = if glued_colon {
            (word.folded().trim_end_matches(':'), true)
        } else {
            (word.folded(), chunks[k].raw == ":")
        };
        if !heading_word_ok(word_folded, k == 1, false) {
            return None;
        }
        let title = trim_title(text, chunks[0].range.start..word.range.end);
        if title.len() > 80 {
            return None;
        }
        // The last word may not be a preposition.
        let last_ok = heading_word_ok(word_folded, k == 1, true);
        if colon_after {
            let rest_idx = if glued_colon { k } else { k + 1 };
            let rest = chunks.get(rest_idx)?;
            let opens_quote = text[rest.range.clone()].starts_with(QUOTES_OPEN);
            if last_ok && !opens_quote && chunks.len() >= rest_idx + 3 {
                return Some(EmbeddedHeading { title, rest: rest.range.start });
            }
            return None;
        }
        if glued_colon {
            return None;
        }
        let next = &chunks[k];
        // One word before an aside is more often a sentence's subject (الصين من جهتها، دعت …)
        // than a heading.
        let subject_aside = k == 1 && is_comma_aside(next, chunks.get(k + 1));
        if last_ok
            && !subject_aside
            && opens_sentence(next, chunks.get(k + 1))
            && chunks.len() >= k + 3
        {
            // The sentence after the heading must not end at once.
            return Some(EmbeddedHeading { title, rest: next.range.start });
        }
    }
    None
}

/// The title range without trailing marks that are not part of it.
fn trim_title(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let t = s.trim_end_matches(|c: char| c == ':' || c.is_whitespace());
    r.start..r.start + t.len()
}

/// Headings embedded in the paragraph `block` (a range of `text`). `first_block`: the
/// document's first block, whose start is never a heading (the untitled opening begins there).
pub fn embedded_headings(
    text: &str,
    block: Range<usize>,
    first_block: bool,
) -> Vec<EmbeddedHeading> {
    paragraph_structure(text, block, first_block).1
}

/// The sentences of a paragraph with its embedded headings taken out (a sentence that began
/// with a heading begins after it), and the headings.
pub fn paragraph_structure(
    text: &str,
    block: Range<usize>,
    first_block: bool,
) -> (Vec<Range<usize>>, Vec<EmbeddedHeading>) {
    let mut out: Vec<EmbeddedHeading> = Vec::new();
    let mut sentences = sentences_in(text, block.clone());
    // Quote balance before each sentence, kept as we go (one pass over the block): a phrase
    // inside an open quotation is never a heading.
    let mut balance = 0isize;
    let mut counted = block.start;
    for (i, s) in sentences.iter_mut().enumerate() {
        balance += quote_balance(text.get(counted..s.start).unwrap_or(""));
        counted = s.start;
        if (i == 0 && first_block) || balance > 0 {
            continue;
        }
        if let Some(h) = heading_at(text, s.start, block.end) {
            if out.last().is_none_or(|l| l.rest <= h.title.start) && h.rest < s.end {
                s.start = h.rest;
                out.push(h);
            }
        }
    }
    (sentences, out)
}

/// Is a whole plain-text line a heading? A short line (one to six plain words, no sentence
/// punctuation, no digits) that reads as a noun phrase, between longer paragraphs.
pub fn is_heading_line(text: &str, line: Range<usize>, next_line: Option<Range<usize>>) -> bool {
    let Some(s) = text.get(line.clone()) else { return false };
    let words: Vec<String> = s.split_whitespace().map(fold_str).collect();
    // One word alone on a line is more often page furniture (شاهد، فيديو) than a heading.
    if words.len() < 2 || words.len() > 6 || s.chars().count() > 70 {
        return false;
    }
    let n = words.len();
    let plain = words.iter().enumerate().all(|(i, w)| {
        !w.chars().any(|c| c.is_ascii_digit()) && heading_word_ok(w, i == 0, i + 1 == n)
    });
    let next_long = next_line
        .and_then(|r| text.get(r))
        .is_some_and(|t| t.split_whitespace().count() > 2 * n.max(4) || t.contains(TERMINATORS));
    plain && next_long
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentences_in(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    fn headings(text: &str) -> Vec<&str> {
        embedded_headings(text, 0..text.len(), true).into_iter().map(|h| &text[h.title]).collect()
    }

    #[test]
    fn sentences_keep_closing_quotes_and_brackets() {
        assert_eq!(
            sentences("قال: «نعم». ثم ذهب؟ (حقًا!) وانتهى… آخر"),
            vec!["قال: «نعم».", "ثم ذهب؟", "(حقًا!)", "وانتهى…", "آخر"]
        );
    }

    #[test]
    fn sentences_split_where_scraping_lost_the_space() {
        assert_eq!(
            sentences("ضد تايوان.الاستثمارات كبيرة. a.b"),
            vec!["ضد تايوان.", "الاستثمارات كبيرة.", "a.b"]
        );
    }

    #[test]
    fn sentences_skip_decimals_and_initials() {
        // 3.5 has no space after the point; د. is an abbreviation (one letter).
        assert_eq!(
            sentences("نما 3.5 بالمئة. قال د. أحمد ذلك؛ ثم"),
            vec!["نما 3.5 بالمئة.", "قال د. أحمد ذلك؛", "ثم"]
        );
    }

    #[test]
    fn heading_before_waw_verb() {
        assert_eq!(
            headings("جملة أولى طويلة. قوة السلام ودافع المتحدث عن بلاده بقوة."),
            vec!["قوة السلام"]
        );
        // وسارعت: و + a form III verb with the feminine ت.
        assert_eq!(
            headings("انتهى الأمر هنا. عقوبات اقتصادية وسارعت طوكيو إلى الانضمام."),
            vec!["عقوبات اقتصادية"]
        );
    }

    /// An aside with its comma (من جهتها، بدوره،) opens the sentence after a heading of two
    /// words or more; a single word before it is the sentence's subject; without the comma the
    /// aside sits inside a sentence.
    #[test]
    fn heading_before_an_aside_with_its_comma() {
        assert_eq!(
            headings("انتهى الأمر هنا. الموقف الروسي من جهتها، قالت روسيا إن العقوبات فشلت."),
            vec!["الموقف الروسي"]
        );
        assert_eq!(
            headings("انتهى الأمر هنا. ردود الفعل بدوره، أكد الوزير أن بلاده مستعدة."),
            vec!["ردود الفعل"]
        );
        assert!(headings("انتهى الأمر هنا. الصين من جهتها، دعت إلى ضبط النفس.").is_empty());
        assert!(
            headings("انتهى الأمر هنا. الحكومة الصينية من جهتها تعهدت بالرد على ذلك.").is_empty()
        );
        // ودانت: و + a hollow verb of three letters with the feminine ت.
        assert_eq!(
            headings("انتهى الأمر هنا. ردود فعل دولية ودانت طوكيو الإطلاق بشدة."),
            vec!["ردود فعل دولية"]
        );
    }

    #[test]
    fn heading_with_waw_noun_inside() {
        // ودفاع is و + a noun, so the phrase goes on to كما.
        assert_eq!(
            headings("انتهى الأمر هنا. أمن ودفاع كما عقد الطرفان محادثات."),
            vec!["أمن ودفاع"]
        );
    }

    #[test]
    fn heading_before_colon_but_not_a_quote_intro() {
        assert_eq!(
            headings("انتهى الأمر هنا. تطورات أخرى : نددت الدولة بالزيارة."),
            vec!["تطورات أخرى"]
        );
        assert_eq!(
            headings("انتهى الأمر هنا. خلاصة القول: الوضع صعب جدا اليوم."),
            vec!["خلاصة القول"]
        );
        // A colon that introduces a quotation follows a speaker, not a heading.
        assert!(headings("انتهى الأمر هنا. المتحدث الرسمي: «لن نتراجع أبدا عن ذلك»").is_empty());
        assert!(headings("انتهى الأمر هنا. وأضاف: الناتو بحاجة لأصدقاء كثيرين.").is_empty());
    }

    #[test]
    fn sentence_starts_are_not_headings() {
        // Verb-initial sentences, particles, conjunctions and prepositions at the start.
        for text in [
            "انتهى الأمر. تخشى اليابان من أن ينعكس العدوان على آسيا.",
            "انتهى الأمر. وصل الرئيس وألقى كلمة أمام البرلمان.",
            "انتهى الأمر. اجتمع الوزراء وناقشوا الخطة الجديدة مطولا.",
            "انتهى الأمر. إلى جانب اليابان، يقوم الحلف بتعزيز التعاون.",
            "انتهى الأمر. وأن الحلف سيواصل التعامل مع الصين.",
            "انتهى الأمر. الصين وروسيا تقتربان أكثر من أي وقت مضى.",
            "انتهى الأمر. «الأمن ليس إقليميًا» وأضاف المتحدث ذلك أمس.",
            "انتهى الأمر. يقوم الحلف أيضا بتعزيز التعاون العملي.",
            // A nominal sentence continued by و + a present verb, or joined by لكن.
            "انتهى الأمر. الاقتصاد ضعيف ويحتاج إلى إصلاحات عميقة وسريعة.",
            "انتهى الأمر. الوضع صعب لكن الحكومة متفائلة بتحسنه قريبا.",
            "انتهى الأمر. الحكومة من جهتها تعهدت بحماية الفئات الأكثر تضررا.",
            "انتهى الأمر. الحكومة بدورها تعهدت بحماية الفئات الأكثر تضررا.",
            // A time adverbial, then a verb whose و is a root letter or a conjunction.
            "انتهى الأمر. مساء الأحد وقعت اشتباكات عنيفة في المدينة.",
            "انتهى الأمر. صباح اليوم ودعت الحكومة الوفد الزائر في المطار.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    #[test]
    fn no_heading_at_the_start_of_the_first_block() {
        assert!(headings("قوة السلام ودافع المتحدث عن بلاده بقوة.").is_empty());
    }

    #[test]
    fn heading_lines() {
        let text = "نص أول طويل بما فيه الكفاية. وهو جملة.\nالاقتصاد العالمي\nتراجع النمو في الربع الأخير بنسبة كبيرة وفق التقديرات.";
        let lines: Vec<Range<usize>> = {
            let mut v = Vec::new();
            let mut s = 0;
            for l in text.split('\n') {
                v.push(s..s + l.len());
                s += l.len() + 1;
            }
            v
        };
        assert!(is_heading_line(text, lines[1].clone(), Some(lines[2].clone())));
        assert!(!is_heading_line(text, lines[0].clone(), Some(lines[1].clone())));
        // A dateline with digits or a short sentence line is not a heading.
        let t2 = "القاهرة 12 مايو\nتراجع النمو في الربع الأخير بنسبة كبيرة وفق التقديرات.";
        assert!(!is_heading_line(
            t2,
            0..t2.find('\n').unwrap_or(0),
            Some(t2.find('\n').unwrap_or(0) + 1..t2.len())
        ));
    }
}
