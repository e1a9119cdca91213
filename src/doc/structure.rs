//! Sentences, and the headings hidden in scraped text.
//!
//! # Sentences
//! A sentence ends at a run of terminators (. ! ? ؟ … ؛) with any closing quotes and brackets
//! after it (» ” " ’ ) ]), when white space or the end of the block follows. A full stop right
//! after a one-letter word (د. , J.) is an abbreviation, not an end; after a one-digit number
//! (بنتيجة 7-6.) it is an end.
//!
//! # Embedded headings
//! Scraped articles lose the line breaks around their subheadings, which then sit between the
//! end of one sentence and the first word of the next: `… ضد تايوان. الاستثمارات الكبيرة وذكر
//! ستولتنبرج …`. A heading is recognised at a sentence start (or a paragraph start other than
//! the document's first) when:
//! - one to five words follow that are plain words (letters and digits only, no punctuation);
//! - they read as a noun phrase: no verb (a lexicon of common news verbs plus unambiguous verb
//!   shapes such as the feminine past شملت), no pronoun or particle, no preposition first or
//!   last (بين included), no number or time word first (عام، الأحد، مارس), the first word not a
//!   conjunction + verb/article/particle;
//! - and the next words open a sentence. A *clear* opening: و/ف + a past verb (وذكر، ودافع،
//!   وسارعت; with the feminine ت also the doubled, hollow and form V/VI shapes: وحلت، وعادت،
//!   وتصدرت، واختارت), a clause opener (كما، أما، في حين، وفي المقابل، ومن المقرر …), an
//!   adverbial without و only when a comma sets it off (في المقابل، …), an aside or a sentence
//!   adverb followed by a comma after a phrase of two words or more (من جهتها، بدوره، ميدانيا،),
//!   or a colon after the phrase that does not introduce a quote and does not follow a subject
//!   and predicate (الأسباب عديدة:). A *weak* opening, which a nominal sentence may also go on
//!   with: و + a present verb (ويقول، ويصنف، ويزن، وتعتمد، وتهدف), وكان، وقد، ولم، وبذلك, بهذا …،
//!   and و + في / على / مع with a comma closing the phrase. It is taken only after a phrase of
//!   two words or more without a title (رئيس، المبعوث) that does not read as a subject and its
//!   predicate (a definite word, then an indefinite last word: الاقتصاد ضعيف، الوضع في خطر);
//! - the sentence after it has at least three words, and the phrase is not inside «quotes».
//!
//! A *headline* may hold one present verb after a subject of one or two words (الذهب يسجل
//! مستويات قياسية، تونس تبحث عن تمويل، حرب الرقائق تشتد; a word of the shape تفعل, which may be
//! a verb or a noun, counts as one there). It is taken only before a sentence that plainly
//! starts anew: و/ف + a past verb and its own subject (وصعدت أسعار الذهب, not وأكدت أنها …),
//! و + في / على / مع or an adverbial pair closed by a comma (وفي تونس، صادق البرلمان).
//! A heading may open with a noun whose first radical is و (وثائق، وزراء، وفاة: a short list).
//!
//! The shortest such phrase wins. Every rule errs towards missing a heading rather than
//! inventing one inside a sentence.
//!
//! # Measured
//! 2026-11-26, on articles written for the purpose before reading the rules
//! (tests/doc_fixtures.rs, `UNSEEN`): twelve scraped one-line articles with 51 subheadings
//! between them and four without any, on politics, war, economy, sport, health, technology,
//! culture, climate, courts and elections. Before this day's rules: 32 of 51 found, 3
//! invented (precision 0.914, recall 0.627). After: 45 found, none invented (precision 1.000,
//! recall 0.882). Since the new rules were written while looking at those misses, a second set
//! written afterwards (`UNSEEN_LATER`, four articles with 16 subheadings, two without) measured
//! 11 of 16 found, none invented (recall 0.688) when first run, and 14 of 16 after the three
//! fixes it prompted (a one-digit number before a full stop, ويزن، بهذا الفوز،). Reproduce with
//! `cargo test --test doc_fixtures unseen_articles_measure -- --ignored --nocapture`. Three
//! probes of single sentences, written apart from the fixtures, gave the same picture: forty
//! heading + sentence pairs, 31 then (after the fixes they prompted) 38 found; forty more, 27
//! found and 3 of thirty subject-first sentences cut as headings, then 34 found and none cut;
//! a third, twenty pairs and twenty-five subject-first sentences, 16 found and 1 cut
//! (المنظمة الدولية وفي بيان …، طالبت …), then 15 and none.
//!
//! A third set, written in session 3 by a tester who had not read these rules, the headings
//! recorded first (`QA_ROUND3`, six scraped articles, 24 subheadings), measured lower: 14
//! found, none invented (recall 0.583). Its misses are the patterns listed below: a heading
//! before a bare verb (أسعار النفط يتوقع محللون، ممرات آمنة طالب مجلس الأمن), before «a
//! quotation», before a name or a particle (لا، إذا). Each of those readings also fits a common
//! sentence that opens with its subject (أسعار النفط ارتفعت اليوم), so no rule was added.
//!
//! Session 4 (QA round 4): a tester who had not read these rules wrote six articles (26
//! subheadings; 17 found, none invented) and a probe set (131 sentence pairs kept outside the
//! repo: 64 with a heading, among them 42 verbal headlines and 22 opening with a root و, and
//! 67 without, written to trick the rules). Before the headline and root-و rules: 20 of 64
//! found, 1 sentence cut (two subjects and a dual past verb: الأسعار المرتفعة وتراجع الطلب
//! أديا …). After them, the dual-past guard and a scraper's stray «.،» read as a full stop:
//! 52 of 64, none cut; the six articles 21 of 26, none invented; the fixtures' sets unchanged
//! but for one more found (ديوكوفيتش يعترف). The misses left are mostly headlines before و + a
//! present verb or كما, which also continue a sentence.
//!
//! QA round 5 (eight more articles, 23 subheadings: 13 found, none invented) probed for
//! precision and found sentences cut by rules older than this session: a subject, then an
//! aside with و and its verb (الحكومة ومن جهتها أعلنت …، الوزارة وبحسب بيان رسمي ستبدأ …،
//! الحكومة وفي المقابل أعلنت …), and a headline-like sentence before و + a تـ verb that is a
//! present one (الصين تعزز حضورها وتوقع اتفاقيات). Such an aside now needs its comma, or a
//! definite subject after its verb; the تـ verb needs the headline's subject named again. The
//! probe set and every fixture set kept their figures (52 of 64, 45/51, 15/16, 14/24, 21/26,
//! none invented). Still cut: a subject followed by و + a verb and a preposition (الجيش
//! الإسرائيلي وأعلن في بيان …), which is also how a sentence after a heading starts its verb
//! (ووصل إلى العاصمة وفد …), and an awkward «الوزارة تعلن النتائج وتابعت سير التصحيح».
//!
//! Session 13, on QA rounds 46–53 (scraped forms, 303 subheadings, half of them missed): a
//! *verbal headline* may open with its present verb (يبحث المانحون عن بدائل) before a turn to
//! another side (أما، في المقابل،، على الصعيد …،، من جهته،); a sentence-opening quotation may
//! hold ten words and a comma, and be followed by و + قال / يقول / يرى and a subject of their
//! own (ويقول الخبير …: the quotation has no verb before it to belong to) or by a scene before
//! such a verb (أمام المحكمة، تقول …), not by what goes on with a speaker or points back
//! (ويتابع، وأوضح، ويقول إن، كما يقول، وبهذه الكلمات). A name and its colon (طهران:، شينباوم:،
//! الركراكي: before a quotation) head a subtitle that is a sentence of its own, ending in an
//! adverb too (لن نرد بالمثل الآن), unless a past verb, a title or لا يزال shows a dateline, a
//! question before it shows an answer, or the label comes again nearby (a transcript); after
//! such a subtitle a new sentence may open with a scene, و + a present verb and its own subject
//! or و + في and its comma. Glued words are split: ا + ال (ودعاالأمين), a word and و + a verb of
//! saying (تترقبوقال), a common adverb and في before a clause opener (أولافي المقابل،), غيرأن.
//! The title a scraped article opens with is taken when the lede's bare past verb with its own
//! subject follows it and does not agree with it (قرض جديد وشروط أصعب توصلت الحكومة …) or
//! follows a headline's verb; not after an adverbial (رغم …، بثنائية …، وسط …) or a quotation.
//! Found 145 → 183 of 303, none invented there or in the clean forms. A hostile review (186
//! texts of prose written to trick these rules, kept outside the repo) found 90 sentences cut
//! by a first, wider version; this one cuts 8 the old rules did not: أما or في المقابل after a
//! present clause with no comma before it, interview answers without a question before them,
//! a dateline's nominal sentence (دمشق: لا وقود في المحطات …).
//!
//! # Limitations
//! A headline before a sentence that opens with و + a present verb or كما, or a heading
//! followed by a sentence opening with a bare noun or name (`وساطة دولية الاتحاد الأفريقي عرض …`), a future verb
//! (`المرحلة المقبلة ستنتخب …`) or a time phrase (`هذا العام، …`), is not found: nothing in
//! the text tells it apart from the sentence. Nor is one before و + a verb spelt like a noun:
//! the short present تفعل (وتلزم، وتنظر) and the masculine form V past (وتسبب), both spelt like
//! form V nouns (تقدم), or a verb whose first radical is و (وردت، وصفت), which after a subject
//! is the verb itself. Conversely a sentence that opens with its subject, then و + في / على /
//! مع, a comma and a verb followed by a definite noun (`الجيش وفي خطوة مفاجئة، أعلن الناطق …`),
//! is read as a heading, and so is a subject joined by و to a verbal noun spelt like a listed
//! verb (`الأسعار المرتفعة وتراجع القدرة الشرائية …`) unless a dual verb follows within four
//! words (`… يثقلان`, `… أديا`).

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
    // «» open around the current char: an ellipsis inside a quotation (a verse cut by «...»,
    // a pause in a quoted answer) does not end the sentence that quotes it.
    let mut quoted = 0usize;
    while let Some((i, c)) = iter.next() {
        match c {
            '«' => quoted += 1,
            '»' => quoted = quoted.saturating_sub(1),
            _ => {}
        }
        if TERMINATORS.contains(&c) {
            // A one-letter word before a full stop is an initial (د. , J.); a one-digit number
            // is not (بنتيجة 7-6. أداء …).
            let abbreviation =
                c == '.' && prev_word_len == 1 && !prev_char.is_some_and(char::is_numeric);
            let mut end = i + c.len_utf8();
            // Only full stops or ellipses so far, and how many.
            let (mut dots, mut ellipsis) = (usize::from(c == '.'), c == '…');
            let mut other = !matches!(c, '.' | '…');
            while let Some(&(j, d)) = iter.peek() {
                if TERMINATORS.contains(&d) || CLOSERS.contains(&d) {
                    end = j + d.len_utf8();
                    match d {
                        '.' => dots += 1,
                        '…' => ellipsis = true,
                        '»' => quoted = quoted.saturating_sub(1),
                        _ if TERMINATORS.contains(&d) => other = true,
                        _ => {}
                    }
                    iter.next();
                } else {
                    break;
                }
            }
            // A stray comma a scraper left after the stop (الماضي.، أسعار) belongs to it.
            if let Some(&(j, d @ ('،' | ','))) = iter.peek() {
                if !abbreviation && block[j + d.len_utf8()..].starts_with(char::is_whitespace) {
                    end = j + d.len_utf8();
                    iter.next();
                }
            }
            let in_quote_pause = quoted > 0 && !other && (ellipsis || dots >= 2);
            let at_space = iter.peek().is_none_or(|&(_, d)| d.is_whitespace());
            // Scraping also loses the space after a full stop (تايوان.الاستثمارات): an Arabic
            // letter right after the terminators starts the next sentence too.
            let glued = iter.peek().is_some_and(|&(_, d)| ('\u{0621}'..='\u{064A}').contains(&d));
            if (at_space || glued) && !abbreviation && !in_quote_pause {
                push_trimmed(&mut out, block, base, start..end);
                start = end;
                // A quotation left open (a missing ») reaches no further than its sentence.
                quoted = 0;
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

impl EmbeddedHeading {
    /// Whether a colon stands between the title and the text after it (`تطورات أخرى :`), or
    /// between the title's label and its subtitle (`واردات القمح: فاتورة ثقيلة`).
    pub fn before_colon(&self, text: &str) -> bool {
        text.get(self.title.end..self.rest).is_some_and(|between| between.contains(':'))
            || self.subtitle_colon(text).is_some()
    }

    /// The title up to its colon when it has a subtitle (`واردات القمح`), else the whole title:
    /// what a speaker's or a live blog's label would repeat.
    pub fn label<'a>(&self, text: &'a str) -> &'a str {
        let title = text.get(self.title.clone()).unwrap_or("");
        match self.subtitle_colon(text) {
            Some(at) => title[..at].trim_end(),
            None => title,
        }
    }

    /// Where in the title a colon before white space parts a label from its subtitle (not the
    /// colon of a clock time, 09:35).
    fn subtitle_colon(&self, text: &str) -> Option<usize> {
        let title = text.get(self.title.clone())?;
        title.find(": ").or_else(|| title.find(":\u{a0}"))
    }
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
    let mut pieces = s.split_whitespace().peekable();
    while let Some(piece) = pieces.next() {
        if out.len() >= max {
            break;
        }
        // `piece` is a slice of `s`: its offset is where it starts in it (no search).
        let at_in_s = piece.as_ptr() as usize - s.as_ptr() as usize;
        let start = from + at_in_s;
        // Two words that scraping glued (تبادل الأسرىوأفرجت، فاتورة ثقيلةوبسبب): ة and ى end a
        // word, so a letter after one starts the next.
        let mut rest = piece;
        let mut at = start;
        // غير أن that scraping glued (غيرأن الصورة …) is the pair of words.
        if rest == "غيرأن" {
            split_off(&mut out, &mut rest, &mut at, "غير".len());
        }
        // A closing quotation mark glued to the next word (أبنائه»وفي) ends its chunk.
        if let Some(q) = rest.find('»').filter(|&q| q + 2 < rest.len()) {
            let cut = q + '»'.len_utf8();
            if rest[cut..].starts_with(|c: char| c.is_alphabetic()) {
                split_off(&mut out, &mut rest, &mut at, cut);
            }
        }
        while let Some(cut) = glued_article(rest) {
            split_off(&mut out, &mut rest, &mut at, cut);
        }
        if let Some(cut) = glued_particle(rest) {
            split_off(&mut out, &mut rest, &mut at, cut);
        }
        while let Some(cut) = glued_end(rest).or_else(|| glued_waw(rest)) {
            split_off(&mut out, &mut rest, &mut at, cut);
        }
        if let Some(cut) = pieces.peek().and_then(|next| glued_opener(rest, next)) {
            split_off(&mut out, &mut rest, &mut at, cut);
        }
        out.push(Chunk { range: at..at + rest.len(), raw: rest, cell: Default::default() });
    }
    out
}

/// Makes the first `cut` bytes of `rest` (at byte `at` of the text) a chunk of their own and
/// moves past them.
fn split_off<'a>(out: &mut Vec<Chunk<'a>>, rest: &mut &'a str, at: &mut usize, cut: usize) {
    out.push(Chunk { range: *at..*at + cut, raw: &rest[..cut], cell: Default::default() });
    *at += cut;
    *rest = &rest[cut..];
}

/// Where a word glued to the next one ends in `piece`: after a ة or a ى followed by an Arabic
/// letter (harakat on the ة aside).
fn glued_end(piece: &str) -> Option<usize> {
    let mut chars = piece.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, 'ة' | 'ى') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, m)) = chars.peek() {
                if !is_dropped_mark(m) {
                    break;
                }
                end = j + m.len_utf8();
                chars.next();
            }
            if chars.peek().is_some_and(|&(_, n)| ('\u{0621}'..='\u{064A}').contains(&n)) {
                return Some(end);
            }
        }
    }
    None
}

/// Where a definite word glued to و + a verb that opens news sentences, or to وفي / وعلى, ends
/// in `piece` (التمويلوتطالب، الاستثماراتويقف، الجنوبيوفي): before that و, when the word before
/// it has five letters or more. Its own short list of verbs: the derived forms of [`verbs`]
/// include the endings of plural nouns (المشاورات is no المشا + ورات). One look at the token's
/// last few letters, however long it is.
fn glued_waw(piece: &str) -> Option<usize> {
    // Verbs of saying and announcing: after any word (see below), and so among the tails.
    const SAYING_TAILS: &[&str] = &[
        "قال",
        "قالت",
        "اكد",
        "اكدت",
        "اعلن",
        "اعلنت",
        "اضاف",
        "اضافت",
        "اشار",
        "اشارت",
        "اوضح",
        "اوضحت",
        "كشف",
        "كشفت",
        "ذكر",
        "ذكرت",
        "دعا",
        "دعت",
        "حذر",
        "حذرت",
    ];
    // Other verbs that open news sentences, and the prepositions of adverbials.
    const OTHER_TAILS: &[&str] = &[
        "شهد",
        "شهدت",
        "يقول",
        "تقول",
        "يري",
        "تري",
        "يقف",
        "تقف",
        "تطالب",
        "يطالب",
        "تواجه",
        "يواجه",
        "تسعي",
        "يسعي",
        "تشهد",
        "يشهد",
        "تعد",
        "يعد",
        "هيمن",
        "تنتج",
        "ينتج",
        "في",
        "علي",
    ];
    let definite = piece.starts_with("ال");
    // A و opening a tail of at most five letters (and a comma or stop), at the token's end.
    piece.char_indices().rev().take(7).filter(|&(_, c)| c == 'و').find_map(|(i, _)| {
        let (word, tail) = (&piece[..i], &piece[i + 'و'.len_utf8()..]);
        let tail = fold_str(tail.trim_end_matches(['،', ',', '.', ':']));
        // Without the article, only after a word's plural or pronoun ending.
        let ending = definite || ["ون", "ين", "ها", "هم", "ات"].iter().any(|e| word.ends_with(e));
        // After any other word, only a verb of saying or announcing (تترقبوقال: a headline's
        // last word glued to the sentence after it); shorter tails (وفي، ويرى) end words of
        // their own (المتوفي، بالتصويري).
        let saying = SAYING_TAILS.contains(&tail.as_str());
        let ok = (saying || OTHER_TAILS.contains(&tail.as_str()) || glued_verb(&tail))
            && (ending || saying)
            && word.chars().count() >= 5
            && word.chars().all(arabic_letter);
        ok.then_some(i)
    })
}

/// Where a word ending in alef glued to a definite word ends (ودعاالأمين، إفريقياالوسطى): at
/// «ا» + «ال», which no word holds inside (the article follows a prefix: بالاتفاق، والانتخابات),
/// with two letters or more before and three after the article.
fn glued_article(piece: &str) -> Option<usize> {
    let i = piece.find("اال")?;
    let before = piece[..i].chars().count() + 1;
    let after = piece[i + "اال".len()..].chars().take_while(|c| arabic_letter(*c)).count();
    (before >= 3 && after >= 3 && piece[..i].chars().all(arabic_letter))
        .then_some(i + 'ا'.len_utf8())
}

/// An Arabic letter (no haraka, tatweel, digit or punctuation).
fn arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Where a particle glued to the definite word after it ends (أماالإمارات، فيالمقابل،
/// منالمتوقع): أما، في، من، عن before ال and three letters or more, which no word of
/// its own starts with (فيالق is a word: one letter after its ال).
fn glued_particle(piece: &str) -> Option<usize> {
    ["أما", "في", "من", "عن"].iter().find_map(|p| {
        let rest = piece.strip_prefix(p)?.strip_prefix("ال")?;
        let letters = rest.chars().take_while(|c| c.is_alphabetic()).count();
        (letters >= 3).then_some(p.len())
    })
}

/// Where a word ends in `piece` when the preposition glued to its end opens a sentence with
/// the `next` word ([`opener_pairs`]: قياسيافي المقابل، العقوباتمن جهته): before the
/// preposition, when three letters or more stand before it.
fn glued_opener(piece: &str, next: &str) -> Option<usize> {
    // Folded only for a word that ends in one of them (this runs on every word of the text).
    let mut folded_next: Option<String> = None;
    ["وفي", "وعلى", "ومن", "في", "على", "من", "إلى"].iter().find_map(|p| {
        let word = piece.strip_suffix(p)?;
        let next =
            folded_next.get_or_insert_with(|| fold_str(next.trim_end_matches(['،', ',']))).clone();
        let first = fold_str(p);
        let pair = opener_pairs().contains(&(first.clone(), next.clone()))
            // من جهته، من جانبها … (ومن جهته is a pair of its own).
            || (first == "من"
                && ["جهت", "جانب", "ناحيت"].iter().any(|stem| {
                    next.strip_prefix(stem).is_some_and(|s| matches!(s, "ه" | "ها" | "هم"))
                }));
        if !pair {
            return None;
        }
        // The word before is whole: a plural (العقوبات), an adverb in -يا (قياسيا), a common
        // adverb in -ًا before في (أولافي المقابل، مجددافي ظل: only listed ones, as many words
        // end in ـافي: فوتوغرافي, review), or a definite word of five letters or more that no
        // ending of a word in في or من would leave (الضغط): not الصح (الصحفي), الثقا (الثقافي),
        // الأ (الأمن), موظ (موظفي).
        let n = word.chars().count();
        let adverb_fi = first == "في" && {
            let w = fold_str(word);
            ["أولا", "أيضا", "مجددا", "جدا", "قريبا", "أخيرا", "مؤخرا", "دائما", "كثيرا"]
                .iter()
                .any(|a| fold_str(a) == w)
        };
        let whole = word.ends_with("ات")
            || word.ends_with("يا")
            || adverb_fi
            || (word.starts_with("ال") && n >= 5 && !word.ends_with(['ا', 'ي', 'ن', 'و']));
        (whole && n >= 4 && word.chars().all(arabic_letter)).then_some(word.len())
    })
}

/// A verb that may follow a glued و: the past of the derived forms with the feminine ت
/// ([`is_opening_verb`]: تعثرت، أعلنت …) or the present of [`is_present_verb`] (يعيش، تتصدر).
fn glued_verb(tail: &str) -> bool {
    static PAST: OnceLock<HashSet<String>> = OnceLock::new();
    let past = PAST.get_or_init(|| {
        let mut s = HashSet::new();
        for v in VERBS_PAST {
            let f = fold_str(v);
            let stem = f.strip_suffix(['ا', 'ي']).filter(|s| s.chars().count() >= 2);
            s.insert(format!("{}ت", stem.unwrap_or(&f)));
            s.insert(f);
        }
        s
    });
    // A tail in ات is the ending of a plural noun (المناورات is no المنا + ورات).
    if tail.ends_with("ات") {
        return false;
    }
    let n = tail.chars().count();
    past.contains(tail)
        || ((4..=6).contains(&n)
            && !tail.ends_with('ا')
            && ((tail.ends_with('ت') && is_opening_verb(tail, true)) || is_present_verb(tail)))
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold_str(w)).collect()
}

/// First words of a short line that is page furniture or a credit, not a heading (بقلم …،
/// اقرأ أيضا، شاهد، المصدر، تصوير …).
const FURNITURE: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبت",
    "تصوير",
    "المصدر",
    "مصدر",
    "اقرأ",
    "إقرأ",
    "شاهد",
    "شاهدوا",
    "تابع",
    "تابعوا",
    "صورة",
    "الصورة",
    "فيديو",
    "إعلان",
    "مواضيع",
    "اشترك",
    "شارك",
    "المزيد",
    "تابعونا",
    "الرئيسية",
];

/// One-word labels before a colon that open a line of a transcript or a live blog.
const LINE_LABELS: &[&str] = &[
    "عاجل",
    "تحديث",
    "سؤال",
    "جواب",
    "المحاور",
    "الضيف",
    "المذيع",
    "ملاحظة",
    "تنويه",
    "تصحيح",
    "مقاطعا",
    "مقاطعة",
    "الصحفي",
    "الصحفية",
];

/// [`COLON_LABELS`] with [`LINE_LABELS`] and [`FURNITURE`], folded, built once.
fn colon_labels() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| set(&[COLON_LABELS, LINE_LABELS, FURNITURE].concat()))
}

/// Nouns that label what follows their colon (المصدر: …، الخلاصة: …، السؤال: …) rather than
/// name a heading's subject: one of them alone before a colon heads no section.
const COLON_LABELS: &[&str] = &[
    "المصدر",
    "الخلاصة",
    "خلاصة",
    "الملخص",
    "ملخص",
    "السؤال",
    "الجواب",
    "التفاصيل",
    "الرابط",
    "الموعد",
    "المكان",
    "الزمان",
    "التاريخ",
    "العنوان",
    "الموضوع",
    "الكاتب",
    "المؤلف",
    "المحرر",
    "الناشر",
    "الترجمة",
    "التعليق",
    "تعليق",
    "السعر",
    "النتيجة",
    "الحصيلة",
    "ملاحظة",
    "المرجع",
    "المراجع",
    "الصورة",
    "الفيديو",
    // Discourse labels (review: باختصار: …، أولا: …).
    "باختصار",
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "أخيرا",
    "مثلا",
    "تنبيه",
    "تحذير",
    "تذكير",
    "توضيح",
    "تصحيح",
    "ملحوظة",
    "إضافة",
    "سؤال",
    "جواب",
];

/// Words that open a numbered part of an article before a dash (أولا - …، الحلقة الثانية - …).
const DASH_HEADS: &[&str] = &[
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "خامسا",
    "سادسا",
    "سابعا",
    "ثامنا",
    "تاسعا",
    "عاشرا",
    "أولاً",
    "ثانياً",
    "ثالثاً",
    "رابعاً",
    "خامساً",
    "الحلقة",
    "الجزء",
    "القسم",
    "الفصل",
    "المحور",
    "المرحلة",
    "الجولة",
];

/// A short line of its own between two paragraphs, the one before it complete (it ends a
/// sentence) and the one after it long, that ends no sentence itself: a subheading in any shape
/// a writer gives one, a question (هل تصمد الأسعار؟), a headline with its verb (صلاح يقود مصر
/// إلى ربع النهائي), a quotation («الحرب ليست خيارا»), a title and its colon (أوبك+: لا
/// تغيير في السياسة). Not a dateline, a credit or page furniture (بقلم …، المصدر: …، شاهد),
/// nor a speaker's label (س: …).
fn standalone_heading(s: &str, prev: &str, next: &str) -> bool {
    let s = s.trim();
    // A live blog's entry: a time, a bar or dash, then its headline (09:35 | الدبيبة يدعو …):
    // the headline decides.
    if let Some(headline) = after_time_stamp(s) {
        return standalone_heading(headline, prev, next);
    }
    // Two sentences are no heading (an interviewer's «قرار البرلمان. ما خطورته؟»).
    if s.split_whitespace().rev().skip(1).any(|w| w.ends_with(['.', '!', '?', '؟'])) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=10).contains(&words.len()) || s.chars().count() > 80 {
        return false;
    }
    // The line before ends a sentence, or is itself a short line (a list's last item, a
    // link, a caption) that leads into nothing.
    let prev = prev.trim_end();
    let prev_first = fold_str(prev.split_whitespace().next().unwrap_or(""));
    // Nothing before it: the text's first line (its title, or a heading that opens it).
    let prev_complete = prev.is_empty()
        || prev.ends_with(['.', '!', '?', '؟', '…', '»', '"', '”', ')'])
        || FURNITURE.iter().any(|f| fold_str(f) == prev_first.trim_end_matches(':'))
        || (s.ends_with(['؟', '?'])
            && prev.split_whitespace().count() <= 8
            && !prev.ends_with([':', '،', ',']));
    let next_words = next.split_whitespace().count();
    if !prev_complete || next_words < 8 || next_words < 2 * words.len() {
        return false;
    }
    // It ends no sentence (a question does: it heads its answer) and leads into nothing.
    if s.ends_with(['.', '!', '…', ':', '،', ',', ';', '؛', '-', '–']) {
        return false;
    }
    let arabic = s.chars().filter(|c| ('\u{0621}'..='\u{064A}').contains(c)).count();
    if arabic * 2 < s.chars().filter(|c| c.is_alphabetic()).count() || arabic == 0 {
        return false;
    }
    let first = fold_str(words[0].trim_start_matches(['«', '"', '“']));
    let first = first.trim_end_matches(':');
    // Furniture opens with its word (المصدر: …، صورة أرشيفية، مواضيع ذات صلة); those of its
    // words that are plain nouns also open headings of four words or more (إعلان الكويت: وحدة
    // الصف أولا، صورة قاتمة لسوق العمل).
    let noun = ["صورة", "الصورة", "فيديو", "إعلان", "مصدر", "المصدر", "مواضيع", "المزيد"]
        .iter()
        .any(|f| fold_str(f) == first);
    let furniture = FURNITURE.iter().any(|f| fold_str(f) == first)
        && !(noun && !words[0].ends_with(':') && words.len() >= 4);
    // A number opens a headline of three words or more (5 نصائح للسلامة، 329 مقعدا وخريطة
    // مشتتة); digits mixed with other marks (09:35، 12/5) open datelines and time stamps.
    let counted = first.chars().all(|c| c.is_numeric()) && words.len() >= 3;
    if furniture || (first.chars().any(|c| c.is_numeric()) && !counted) {
        return false;
    }
    // A credit in parentheses (a photo caption's «(رويترز)»), an address, a label before a
    // colon (س:، ج:، عاجل:، تحديث:); a name before one (البرهان: لن نفاوض) heads what follows,
    // unless it comes back as a speaker's label (see `analyze`).
    let label = words[0].ends_with(':')
        && (first.chars().count() <= 2 || LINE_LABELS.iter().any(|l| fold_str(l) == first));
    // A dateline (فاس - من فلان، القاهرة - رويترز، عمان - محمد الخطيب) or a title with its part
    // (أيام قرطاج - الدورة 35): no heading, unless the part before the dash is an ordinal or
    // names a part (أولا - الموقف الصيني، الحلقة الثانية - الصين), which no dateline's city is.
    let dashed = [" - ", " – "].iter().find_map(|d| s.split_once(d)).is_some_and(|(before, _)| {
        let first = fold_str(before.split_whitespace().next().unwrap_or(""));
        !DASH_HEADS.iter().any(|w| fold_str(w) == first)
    });
    if s.ends_with(')') || s.contains("://") || s.contains('@') || label || dashed {
        return false;
    }
    // A dateline: a date's number and a day or month (القاهرة 12 مايو).
    let dated = s.chars().any(|c| c.is_numeric())
        && words.iter().any(|w| time_words().contains(&fold_str(w)));
    if dated {
        return false;
    }
    // A line that goes on from the one before is part of the text: it opens with a conjunction
    // or a linking particle (والأمر ليس مستحيلا، فهل نمنعها؟، غير أن المحكمة رفضت، لكن هل
    // …؟), or with a past verb (صارت تطلب …: a headline's verb is a present one).
    let linked = ["لكن", "بل", "ثم", "غير", "الا", "اما", "بينما", "فيما", "كما", "حيث", "اذ"]
        .contains(&first)
        || (first.starts_with('و')
            && first.chars().count() >= 3
            && !waw_nouns().contains(first)
            && !waw_names().contains(first))
        || ["فال", "فهل", "فما", "فان", "فقد", "فلا", "فلم", "فلن"]
            .iter()
            .any(|p| first.starts_with(p))
        || is_past_verb(first);
    // The text's first line, with nothing before it to end a sentence: not a sentence's first
    // words wrapped there (صباح اليوم أعلنت، قال الوزير في) either; a time word opening it is
    // left to [`is_heading_line`]'s own rule for short lines.
    let last = fold_str(words[words.len() - 1]);
    // Nor a page's furniture there: a breadcrumb (الرئيسية » أخبار، … › …، … | …) or the name
    // of the site (موقع …، صحيفة …: review).
    let cut_short = prev.is_empty()
        && (page_top(s)
            || time_words().contains(first)
            || is_past_verb(&last)
            || particles().contains(&last)
            || prepositions().contains(&last));
    if cut_short {
        return false;
    }
    // A caption's credit in quotation marks at its end (جانب من الجلسة «أرشيف»): a word or
    // two, not a speaker's quoted words (الركراكي: «لم نحقق شيئا بعد»).
    let quoted = s.rfind('«').map_or("", |q| &s[q..]);
    let credit = s.ends_with('»')
        && !s.starts_with('«')
        && !(words[0].ends_with(':') || quoted.split_whitespace().count() > 2);
    // A quotation heads a section when short and whole (لن نتخلف عن الركب); a longer one, with
    // a comma or an ellipsis, is a pull quote from the text.
    let pull_quote =
        s.starts_with('«') && (words.len() > 8 || s.contains(['،', ',', '…']) || s.contains("..."));
    // The paragraph after it answers it or points back to it (هكذا وصف …، ليس بالضرورة،
    // سؤال يطرحه …).
    let next_first = fold_str(next.split_whitespace().next().unwrap_or(""));
    let next_first = next_first.trim_end_matches(['،', ',']);
    let answers = ["ليس", "لا", "نعم", "كلا", "الجواب", "والجواب", "الاجابه", "والاجابه", "لان", "ربما"];
    let answered = ["هكذا", "بهذه", "بهذا", "سؤال"].contains(&next_first)
        || (s.ends_with(['؟', '?']) && answers.contains(&next_first));
    !(linked || credit || pull_quote || answered)
}

/// Whether a text's first line is a page's furniture rather than its title: a breadcrumb
/// (الرئيسية » أخبار، … › …، … | …), the site's name (موقع …، صحيفة …), the font size or the
/// time of the last update (review).
fn page_top(line: &str) -> bool {
    let words: Vec<String> = line.split_whitespace().take(2).map(fold_str).collect();
    let first = words.first().map_or("", |w| w.as_str());
    let pair = words.join(" ");
    (line.contains('»') && !line.contains('«'))
        || line.contains(['›', '|', '>'])
        || ["موقع", "صحيفة", "جريدة", "قناة", "وكالة"].iter().any(|w| fold_str(w) == first)
        || ["حجم الخط", "آخر تحديث"].iter().any(|w| fold_str(w) == pair)
}

/// The rest of a line that opens with a time stamp and a separator (`09:35 | …`, `13:30 - …`,
/// `10:05 – …`), if it does.
fn after_time_stamp(s: &str) -> Option<&str> {
    let (time, rest) = s.split_once(char::is_whitespace)?;
    // Any digits (Persian ones too, which folding leaves as they are).
    let (h, m) = time.split_once(':')?;
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.chars().count()) && t.chars().all(|c| c.is_numeric())
    };
    if !(digits(h, 1..=2) && digits(m, 2..=2)) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix(TIME_STAMP_SEPARATORS)?;
    Some(rest.trim_start()).filter(|r| !r.is_empty())
}

/// What stands between a live blog's time stamp and its headline.
const TIME_STAMP_SEPARATORS: [char; 4] = ['|', '-', '–', '—'];

/// A past verb, by the shape or list of [`is_verb`]: not a present one (يـ، تـ).
fn is_past_verb(w: &str) -> bool {
    is_verb(w) && !w.starts_with(['ي', 'ت'])
}

/// Words that begin with و but are no conjunction and a word: given names (وليد، وائل) and
/// the places and actors of the built-in gazetteer spelt so (واشنطن، وارسو، وهران).
fn waw_names() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut names = set(&[
            "وليد", "وائل", "وسام", "وفاء", "وجدي", "وحيد", "وديع", "وداد", "وصفي", "وهبة", "ولاء",
            "وجيه", "وهيب", "وعد", "ورد", "وردة", "وضاح", "وفيق", "وئام",
        ]);
        for actor in &super::Gazetteer::builtin_ref().actors {
            for name in actor.aliases.iter().chain([&actor.name]) {
                let mut words = name.split_whitespace();
                if let (Some(w), true) = (words.next(), name.starts_with('و')) {
                    names.insert(fold_str(w));
                }
            }
        }
        names
    })
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
            "تجاه", "أمام", "وراء", "فوق", "تحت", "بشأن", "لدى", "بين", "ل", "ب", "و", "ف",
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
    "نبه",
    "نوه",
    "لوح",
    "رجح",
    "أقام",
    "أجاب",
    "أطاح",
    "أراد",
    "بعث",
    "أوصى",
    "لقي",
    "بقي",
    "وجه",
    "سقط",
    "شمل",
    "حقق",
    "حضر",
    "هيمن",
];

/// Common present verbs of the short shape تفعل (تهدف، تجري، تعاني), which alone could be a
/// form V noun (تقدم، تطور): listed, they are verbs, and after و weak openings.
const VERBS_PRESENT_T: &[&str] = &[
    "تهدف",
    "تجري",
    "تعاني",
    "تعود",
    "تلعب",
    "تنص",
    "تشمل",
    "تبلغ",
    "تصل",
    "تقع",
    "تملك",
    "تحمل",
    "تبدو",
    "تبقى",
    "ترفض",
    "تحتل",
    "تضطر",
    "تنوي",
    "تسمح",
    "تفيد",
    "تضع",
    "تواجه",
];

/// [`VERBS_PRESENT_T`], folded.
fn present_t_verbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| VERBS_PRESENT_T.iter().map(|v| fold_str(v)).collect())
}

fn verbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut s: HashSet<String> = VERBS_PRESENT_T.iter().map(|v| fold_str(v)).collect();
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
            "ونقلا",
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
        // Sentence adverbs: the nisba in -يًا (ميدانيا، سياسيا) and a few others.
        for adverb in [
            "ميدانيا",
            "سياسيا",
            "اقتصاديا",
            "عسكريا",
            "أمنيا",
            "دبلوماسيا",
            "إقليميا",
            "دوليا",
            "محليا",
            "داخليا",
            "خارجيا",
            "رسميا",
            "عمليا",
            "إنسانيا",
            "قضائيا",
            "برلمانيا",
            "تاريخيا",
            "ماليا",
            "بالمقابل",
            "بالتوازي",
            "بالتزامن",
            "ختاما",
            "إجمالا",
        ] {
            out.insert(fold_str(adverb));
            out.insert(fold_str(&format!("و{adverb}")));
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
            ("وفي", "المقابل"),
            ("وفي", "غضون"),
            ("وفي", "وقت"),
            ("في", "الأثناء"),
            ("وفي", "الأثناء"),
            ("من", "جهة"),
            ("إلى", "ذلك"),
            ("وإلى", "ذلك"),
            ("على", "الجانب"),
            ("وعلى", "الجانب"),
            ("وردا", "على"),
            ("ومن", "المقرر"),
            ("ومن", "المتوقع"),
            ("ومن", "المنتظر"),
            ("وتجدر", "الإشارة"),
            ("يأتي", "ذلك"),
            ("تأتي", "هذه"),
            ("غير", "أن"),
        ]
        .iter()
        .map(|(a, b)| (fold_str(a), fold_str(b)))
        // ومن جهته، ومن جانبها … (with a comma: see `adverbial_is_set_off`).
        .chain(["جهت", "جانب", "ناحيت"].iter().flat_map(|stem| {
            ["ه", "ها", "هم"]
                .iter()
                .map(move |suffix| (fold_str("ومن"), fold_str(&format!("{stem}{suffix}"))))
        }))
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
        || is_feminine_past(&c)
        || (n == 5 && c[0] == 'ا' && c[2] == 'ت' && c[1] != 'ل' && c[3] != 'ا')
        // استفعل, but not the noun استفعال of a weak root (استياء).
        || (n == 6 && w.starts_with("است") && !w.ends_with("اء"))
        || (n >= 4 && c[0] == 'ي' && !is_month_or_noun_y(w))
}

/// The feminine past (شملت، أعلنت، تراجعت، اختارت): four letters or more ending in ت, which
/// folded text leaves only to verbs and a few nouns: not the plural ات, not after و / ي (بيوت،
/// كبريت), not with the article. Names ending in ت (رأفت، مدحت) are taken for verbs too, which
/// costs a missed heading at worst.
fn is_feminine_past(c: &[char]) -> bool {
    let n = c.len();
    n >= 4
        && c[n - 1] == 'ت'
        && !matches!(c[n - 2], 'ا' | 'و' | 'ي' | 'ى')
        && !(c[0] == 'ا' && c[1] == 'ل')
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
            | "يانغ"
            | "يالطا"
            | "ياسر"
            | "ياسين"
            | "يافا"
            | "يريفان"
            | "يونان"
            | "يوناني"
            | "يونانيه"
            | "يمني"
            | "يمنيه"
    ) || w.starts_with("يوم")
        // Japan's nisba in every form (ياباني، يابانية، يابانيون): a heading word, no verb.
        || w.starts_with("يابان")
}

/// The word after a conjunction و/ف that opens a sentence: a verb, by list or by shape
/// (فاعل as in دافع/سارع, أفعل as in أعلن, انفعل as in انقسم, افتعل, استفعل, with the
/// feminine ت; and after و the feminine shapes of [`feminine_past_stem`]). `waw`: the
/// conjunction is و (after ف fewer shapes are safe: فقدت، فرضت are verbs of their own).
fn is_opening_verb(stem: &str, waw: bool) -> bool {
    // Listed verbs (past, and a few present forms), but not the bare present shape يفعل: after
    // a noun phrase, و + a present verb may continue a nominal sentence (الاقتصاد ضعيف ويحتاج …),
    // so that shape is a weak opening ([`is_present_verb`], [`weak_opening_fits`]).
    if verbs().contains(stem) {
        return true;
    }
    let base = stem.strip_suffix('ت').filter(|b| !b.ends_with('ا')).unwrap_or(stem);
    let feminine = base != stem;
    let c = letters(base);
    let n = c.len();
    // Form VIII of a root in ل (التهمت، التزمت) starts like the article: only with the ت.
    if feminine && n == 5 && base.starts_with("الت") {
        return true;
    }
    // An accusative in -ًا after وا (واسعا، واضحا) is an adjective whose و is a radical (not
    // فاجأ, whose folded hamza is an alef too).
    let accusative = !feminine && base.starts_with('ا') && base.ends_with('ا');
    if base.starts_with("ال") || base.ends_with('ه') || accusative {
        return false;
    }
    let weak = |x: char| matches!(x, 'ا' | 'و' | 'ي' | 'ى');
    (n == 4 && c[1] == 'ا' && c[0] != 'ا')
        || (n == 4 && c[0] == 'ا' && c[1] != 'ل' && c[2] != 'ا')
        || (n == 5 && c[0] == 'ا' && c[2] == 'ت' && c[3] != 'ا')
        || (n == 5 && c[0] == 'ا' && c[1] == 'ن' && !weak(c[3]))
        || (n == 6 && base.starts_with("است"))
        || (feminine
            && (verbs().contains(base)
                || (waw && feminine_past_stem(&c) && !prepositions().contains(stem))
                || (c.first().is_some_and(|&x| x != 'ا') && is_feminine_past(&letters(stem)))))
}

/// Verbs whose first radical is و (وصف، وعد، وصل), without it: «وصفت» after a subject is the
/// verb "described", not و + a doubled verb, so «الأمم المتحدة وصفت الوضع» is a sentence.
fn assimilated_verb(rest: &[char]) -> bool {
    const ROOTS: &[&str] = &[
        "صف", "عد", "صل", "قع", "جد", "ضع", "رد", "فر", "قف", "لد", "زع", "جه", "ثق", "سع", "فد",
        "هب", "رث", "عظ", "لي",
    ];
    let s: String = rest.iter().collect();
    ROOTS.contains(&s.as_str())
}

/// Stems that are verbs when the feminine ت follows them (after و/ف), though alone they
/// could be nouns or too short to tell: the doubled and defective verbs of two written letters
/// (ردت، حلت، صدت، دعت، نفت), the hollow ones of three (قالت، عادت، كانت), form V and VI
/// (تصدرت، تعثرت، تعاونت, whose stems alone are also nouns: تقدم، تعاون) and the hollow form
/// VIII (اختارت، احتاجت).
fn feminine_past_stem(c: &[char]) -> bool {
    let weak = |x: &char| matches!(x, 'ا' | 'و' | 'ي' | 'ى');
    match c.len() {
        2 => !c.iter().any(weak) && !assimilated_verb(c),
        3 => c[1] == 'ا' && !weak(&c[0]) && !weak(&c[2]),
        4 => c[0] == 'ت',
        5 => (c[0] == 'ت' && c[2] == 'ا') || (c[0] == 'ا' && c[2] == 'ت' && c[3] == 'ا'),
        _ => false,
    }
}

/// A word of Arabic letters only (punctuation after it aside): no digit, no Latin, no address.
fn arabic_word(folded: &str) -> bool {
    bare_word(folded).is_some_and(|w| w.chars().all(|c| !c.is_ascii() && !c.is_numeric()))
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

/// How the words after a candidate heading open a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    /// Only a new sentence starts so: و/ف + a past verb, a clause opener, an aside with its
    /// comma.
    Clear,
    /// و + a present verb (ويقول، وتعتمد) or وكان: these also continue a nominal sentence after
    /// its predicate (الاقتصاد ضعيف ويحتاج …), so the phrase before them must not read as a
    /// subject and predicate (see [`weak_opening_fits`]). `name_like`: the opening word could
    /// also be a transliterated name (ويتكوف، ويليام), so the word after it must not be a verb.
    Weak { name_like: bool },
}

/// Prepositions of place and circumstance that, after و, open a sentence with an adverbial
/// phrase closed by a comma (وعلى الحدود اللبنانية، تبادل …). Time (وبعد، ومنذ، وخلال) is
/// left out: «قطاع السياحة وبعد سنوات من الركود، يشهد انتعاشا» puts it after the subject.
const ADVERBIAL_PREPOSITIONS: &[&str] = &["في", "على", "مع"];

/// Does the chunk end in an attached pronoun (ـه، ـها، ـهم، ـهما; the raw ة is not one)?
fn has_pronoun_suffix(raw: &str) -> bool {
    let w = raw.trim_end_matches(|c: char| !c.is_alphabetic());
    ["ه", "ها", "هم", "هما"].iter().any(|s| w.ends_with(s))
}

/// Does `rest[0]` open a sentence (alone, or with the chunks after it)?
fn opens_sentence(rest: &[Chunk]) -> Option<Opening> {
    let chunk = rest.first()?;
    let next = rest.get(1);
    let w = bare_word(chunk.folded())?;
    if openers().contains(w) {
        // An aside (وبدورها، وبحسب …، ووفقا لـ …) opens a sentence only when a comma sets it
        // off: without one it sits between a subject and its verb (الحكومة وبدورها أعلنت …,
        // الوزارة وبحسب بيان رسمي ستبدأ …).
        let aside = matches!(
            w,
            "وبدوره"
                | "وبدورها"
                | "وفقا"
                | "ووفقا"
                | "وبحسب"
                | "بحسب"
                | "وحسب"
                | "ونقلا"
        );
        let set_off = rest.iter().take(5).any(|c| c.raw.ends_with(['،', ',']));
        return (!aside || set_off).then_some(Opening::Clear);
    }
    if let Some(n) = next.and_then(|n| bare_word(n.folded())) {
        if opener_pairs().contains(&(w.to_string(), n.to_string())) {
            return adverbial_is_set_off(w, n, rest).then_some(Opening::Clear);
        }
    }
    if is_comma_aside(chunk, next) {
        return Some(Opening::Clear);
    }
    // وقد / ولم before a verb, وبذلك / وبهذا ("thus"), and كان, which opens the background
    // sentence (وكان الرئيس قد …): all also go on after a subject and its predicate.
    if matches!(w, "وقد" | "ولم" | "وبذلك" | "وبهذا" | "وبهذه" | "وكان" | "وكانت")
    {
        return Some(Opening::Weak { name_like: false });
    }
    // بهذا / بذلك / لذلك ("with this", "so") set off by a comma within three words:
    // إنجاز تاريخي بهذا الفوز، أصبح …
    if matches!(w, "بهذا" | "بهذه" | "بذلك" | "لذلك" | "لهذا") {
        let comma = rest.iter().take(3).any(|c| c.raw.ends_with(['،', ',']));
        return comma.then_some(Opening::Weak { name_like: false });
    }
    // و + a prepositional phrase that a comma closes within four words, and a main clause that
    // does not start with a definite noun (وعلى الحدود اللبنانية، تبادل …).
    if let Some(p) = w.strip_prefix('و') {
        if ADVERBIAL_PREPOSITIONS.iter().any(|a| fold_str(a) == p) {
            let comma = rest.iter().skip(1).take(4).position(|c| c.raw.ends_with(['،', ',']));
            // A pronoun in the phrase points back to a subject before it (الدول الغربية وفي
            // مقدمتها الولايات المتحدة، فرضت عقوبات …), unless the main verb names its own
            // subject, which the pronoun then points ahead to (وفي تقريرها الشهري، خفضت وكالة
            // الطاقة …).
            let back =
                comma.is_some_and(|i| rest[1..=i + 1].iter().any(|c| has_pronoun_suffix(c.raw)));
            let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
            let main = comma.and_then(|i| word(i + 2));
            // After a heading the main clause's verb has its own subject, a definite noun or a
            // noun before one (تبادل حزب الله، سجلت المحافظات); after a subject it goes on with
            // an object or a preposition (طالبت بوقف القتال، شهدت تحسنا ملحوظا).
            let own_subject = comma.is_some_and(|i| match (word(i + 3), word(i + 4)) {
                (Some(a), _) if a.starts_with("ال") => true,
                (Some(a), Some(b)) => !a.starts_with(['ب', 'ل']) && b.starts_with("ال"),
                _ => false,
            });
            // The own subject a pronoun in the phrase may point ahead to: a noun before a
            // definite one (خفضت وكالة الطاقة); one definite noun after the verb may as well be
            // its object.
            // Not after «وفي مقدمتها، وعلى رأسها، وفي طليعتها», which name who leads a subject
            // before them: the noun after the verb is then its object (review: وفي مقدمتها حركة
            // حماس، رفضت مقترح الهدنة).
            let leads =
                word(1).is_some_and(|w| ["مقدمت", "راس", "طليعت"].iter().any(|p| w.starts_with(p)));
            let named_ahead = !leads
                && comma.is_some_and(|i| match (word(i + 3), word(i + 4)) {
                    (Some(a), Some(b)) => !a.starts_with(['ب', 'ل', 'ا']) && b.starts_with("ال"),
                    _ => false,
                });
            return main
                .filter(|m| (!back || named_ahead) && own_subject && !is_definite(m))
                .map(|_| Opening::Weak { name_like: false });
        }
    }
    let stem = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'))?;
    if stem.chars().count() < 3 || given_names().contains(stem) {
        return None;
    }
    // A present verb, listed (ويقول، وتتجه) or by its shape, is weak after و; a listed تـ verb
    // of another shape may be a past one (وتراجع) and stays clear.
    let present = ["ي", "تت", "تست"].iter().any(|p| stem.starts_with(p))
        || is_present_verb(stem)
        || present_t_verbs().contains(stem);
    if w.starts_with('و') && present {
        let verb = verbs().contains(stem) || is_present_verb(stem);
        return verb.then_some(Opening::Weak { name_like: true });
    }
    if !is_opening_verb(stem, w.starts_with('و')) {
        return None;
    }
    // The shape أفعل, unlisted, is also a place (وإربد، وإدلب) or an elative: followed by a
    // verb it is the subject of that verb, not a verb itself (عمان والزرقاء وإربد تعمل …).
    let af_al = letters(stem).len() == 4 && stem.starts_with('ا') && !verbs().contains(stem);
    if af_al && next.and_then(|n| bare_word(n.folded())).is_some_and(is_verb) {
        return None;
    }
    // The shape فاعل, unlisted, is as often an adjective (مائل، واضح) as a verb of form III
    // (واصل، تابع): a verb goes on with its subject or object, not with another و (QA round 51:
    // «مقدمة بالخط العريض ومائل وبقية الجملة» was cut as a heading).
    let c = letters(stem);
    let fa_il = c.len() == 4 && c[1] == 'ا' && !verbs().contains(stem);
    // (A noun of its own that opens with و, وزير، وفد، is the verb's subject: review.)
    let and_next = |n: &str| n.starts_with('و') && !waw_nouns().contains(n);
    if fa_il && next.and_then(|n| bare_word(n.folded())).is_none_or(and_next) {
        return None;
    }
    // A masculine past spelt like its verbal noun (فعل: رفع; تفعّل / تفاعل: تراجع) may be the
    // noun, joined by و to the subject, when a dual present verb follows (الاتفاق النووي ورفع
    // العقوبات يتصدران …): that verb's subject is the pair.
    let noun_like = verbs().contains(stem)
        && !stem.ends_with('ت')
        && (stem.chars().count() == 3 || stem.starts_with('ت'));
    let dual_verb_after = rest.iter().skip(1).take(4).any(|c| {
        bare_word(c.folded()).is_some_and(|v| {
            (v.chars().count() >= 5
                && (v.starts_with('ي') || v.starts_with('ت'))
                && v.ends_with("ان"))
                || is_dual_past(v)
        })
    });
    (!(noun_like && dual_verb_after)).then_some(Opening::Clear)
}

/// Given names spelt like a verb (أحمد and أكرم as أعلن, يوسف and يزيد as يقول): after و they
/// join a second person to the subject (محمد وأحمد فازا …), they open no sentence.
fn given_names() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "أحمد",
            "أكرم",
            "أشرف",
            "أمجد",
            "أسعد",
            "أيمن",
            "أنور",
            "أرشد",
            "أسامة",
            "أنس",
            "أدهم",
            "أيوب",
            "يوسف",
            "يزيد",
            "يعقوب",
            "يحيى",
            "يسري",
            "ياسين",
            "يمان",
            "يعرب",
            "يشار",
        ])
    })
}

/// Past verbs that often take two subjects joined by و (الأسعار المرتفعة وتراجع الطلب أديا
/// …), besides the listed ones.
const DUAL_PAST_STEMS: &[&str] = &[
    "تسبب", "أثر", "ساهم", "أسهم", "دفع", "قاد", "جعل", "كان", "ظل", "بات", "أصبح", "ساعد", "أضر",
    "فاقم", "زاد", "رفع", "خفض", "أجبر", "دعم", "عزز", "شكل", "مثل",
];

/// A dual past verb (أديا، تسببا، ارتفعتا) of a listed verb or of [`DUAL_PAST_STEMS`].
fn is_dual_past(v: &str) -> bool {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    let stems = S.get_or_init(|| DUAL_PAST_STEMS.iter().map(|v| fold_str(v)).collect());
    let known =
        |stem: &str| stems.contains(stem) || (verbs().contains(stem) && !stem.ends_with('ت'));
    match v.strip_suffix("تا") {
        Some(stem) if known(stem) => true,
        _ => v.strip_suffix('ا').is_some_and(|stem| !stem.ends_with('و') && known(stem)),
    }
}

/// A present verb by its shape (after و): يـ + three letters or more (يقول، يصنف، يتوقع), or
/// a feminine تـ of the derived forms whose shape nouns rarely take: تتـ (V, VI), تستـ (X),
/// تـXتـ (VIII: تعتمد، تحتاج). The short تفعل (تلزم، تنظر) is left out: تقدم، تطور، تحول are
/// nouns as often.
fn is_present_verb(stem: &str) -> bool {
    let c = letters(stem);
    let n = c.len();
    // Three letters: ي + a verb that lost its weak radical (يزن، يقع، يصل، يجد from وزن، وقع …;
    // يعد is listed), when neither letter left is weak; يمن and يسر are nouns.
    if n == 3 {
        let weak = |x: &char| matches!(x, 'ا' | 'و' | 'ي' | 'ى' | 'ه');
        return c[0] == 'ي' && !weak(&c[1]) && !weak(&c[2]) && !matches!(stem, "يمن" | "يسر");
    }
    // A final ه is the ة of a noun (تنمية) unless the word starts with ي (يواجه، يتجه).
    if n < 4 || (stem.ends_with('ه') && c[0] != 'ي') || stem.ends_with("ات") {
        return false;
    }
    match c[0] {
        // يا inside, يون / يوغ / يوت first or وف last is a transliterated name (ويليام،
        // يونيسف، ويتكوف), not a verb.
        'ي' => {
            verbs().contains(stem)
                || (!is_month_or_noun_y(stem)
                    && stem.strip_prefix('ي').is_some_and(|r| !r.contains("يا"))
                    && !["يون", "يوغ", "يوت"].iter().any(|p| stem.starts_with(p))
                    && !stem.ends_with("وف"))
        }
        'ت' => stem.starts_with("تت") || stem.starts_with("تست") || (n == 5 && c[2] == 'ت'),
        _ => false,
    }
}

/// Titles that stand before a name (الرئيس، الأمير، وزير …): a phrase with one names a person
/// and goes on with the name, which may look like و + a verb (الأمير ويليام).
fn titles() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "الرئيس",
            "الرئيسة",
            "الأمير",
            "الأميرة",
            "الملك",
            "الملكة",
            "الوزير",
            "الوزيرة",
            "الشيخ",
            "السيد",
            "السيدة",
            "الجنرال",
            "الدكتور",
            "المستشار",
            "المبعوث",
            "الزعيم",
            "القائد",
            "البابا",
            "النائب",
            "السفير",
            "المتحدث",
            "المتحدثة",
            "رئيس",
            "رئيسة",
            "وزير",
            "وزيرة",
            "أمير",
            "ملك",
            "مبعوث",
            "مستشار",
            "سفير",
            "زعيم",
            "قائد",
            "نائب",
            "متحدث",
            "الأمين",
        ])
    })
}

/// Is the word definite: with the article, also behind a clitic (بالملايين، للحرب، والسلام)?
fn is_definite(w: &str) -> bool {
    ["ال", "بال", "لل", "وال", "فال", "كال"].iter().any(|p| w.starts_with(p))
}

/// May `phrase` (folded words) stand as a heading before a [`Opening::Weak`] opening? It needs
/// two words or more, must not end in a title, and must not read as a nominal sentence: a
/// definite subject and then an indefinite last word (الاقتصاد ضعيف، أسعار النفط مرتفعة، الوضع
/// في خطر) is a subject and its predicate. `after`: the word after the opening, which must not
/// be a verb (ستيف ويتكوف قال: the "verb" was a name).
fn weak_opening_fits(phrase: &[&str], after: Option<&str>) -> bool {
    let Some((last, before)) = phrase.split_last() else { return false };
    // A title anywhere: the phrase names a person, who is the sentence's subject (المبعوث
    // الأمريكي ويتكوف …, رئيس الوزراء وفي كلمة ألقاها، قال …).
    if before.is_empty() || phrase.iter().any(|w| titles().contains(*w)) {
        return false;
    }
    if after.is_some_and(is_verb) {
        return false;
    }
    let predicate = !is_definite(last)
        && !last.starts_with('و')
        && !last.chars().all(char::is_numeric)
        && before.iter().any(|w| is_definite(w));
    !predicate
}

/// A definite word right before an indefinite last one, before a colon: a subject and its
/// predicate (الأسباب عديدة: …, الرسالة واضحة: …) or a speaker and their name (الرئيس ماكرون:
/// …), not a heading. A preposition between them (الوضع في سوريا:) or a number last (جوائز
/// الدورة 55:) is a heading's shape.
fn subject_and_predicate(phrase: &[&str]) -> bool {
    let bare: Vec<&str> = phrase.iter().map(|w| w.trim_end_matches(':')).collect();
    match bare.as_slice() {
        [.., before, last] => {
            is_definite(before)
                && !is_definite(last)
                && !last.starts_with('و')
                && !last.chars().all(char::is_numeric)
        }
        _ => false,
    }
}

/// An adverbial without و (في المقابل، في غضون ذلك، على الرغم من ذلك) opens a sentence when a
/// comma closes it within a few words; without one it sits inside a nominal sentence after its
/// subject (لافروف في المقابل اتهم …, المنتخب المغربي في المقابل حقق …). في حين never takes
/// the comma. With و (وفي المقابل) the conjunction itself marks the new sentence.
fn adverbial_is_set_off(first: &str, second: &str, rest: &[Chunk]) -> bool {
    // في حين and يأتي ذلك / تأتي هذه (a verb and its subject) never take the comma.
    let no_comma = [("في", "حين"), ("ياتي", "ذلك"), ("تاتي", "هذه"), ("غير", "ان")];
    // Asides that also stand between a subject and its verb (الحكومة ومن جهتها أعلنت …، الحكومة
    // وفي المقابل أعلنت …) need their comma even with و.
    let pronoun_aside =
        first == "ومن" && ["جهت", "جانب", "ناحيت"].iter().any(|p| second.starts_with(p));
    let in_contrast = first == "وفي" && second == "المقابل";
    if (first.starts_with('و') && !pronoun_aside && !in_contrast)
        || no_comma.contains(&(first, second))
    {
        return true;
    }
    if rest.iter().take(5).any(|c| c.raw.ends_with(['،', ','])) {
        return true;
    }
    // Without its comma, such an aside still opens a sentence whose verb has a subject of its
    // own, a definite noun (ومن جهته قال الكرملين); وفي المقابل also one of two words (وفي
    // المقابل تراجعت أسعار الغاز). Not one that goes on from the phrase before it (الحكومة ومن
    // جهتها أعلنت عن …، البنك الدولي ومن جهته توقع نمو الاقتصاد).
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    (pronoun_aside || in_contrast)
        && word(2).is_some_and(is_verb)
        && match (word(3), word(4)) {
            (Some(a), _) if definite_noun(a) => true,
            (Some(a), Some(b)) if in_contrast => {
                !a.starts_with(['ب', 'ل'])
                    && !particles().contains(a)
                    && !prepositions().contains(a)
                    && definite_noun(b)
            }
            _ => false,
        }
}

/// A definite noun: the article, and not a word that only starts like it (إلى, folded الي;
/// التي، الذي).
fn definite_noun(w: &str) -> bool {
    is_definite(w) && !prepositions().contains(w) && !particles().contains(w)
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

/// Nouns whose first radical is و (وزراء، وفاة، وثائق): as a heading's first word they are the
/// word itself, not the conjunction before another word.
fn waw_nouns() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        set(&[
            "وزير",
            "وزيرة",
            "وزراء",
            "وزارة",
            "وزارات",
            "وفاة",
            "وفيات",
            "وفد",
            "وفود",
            "وباء",
            "وادي",
            "ولاية",
            "ولايات",
            "وجهة",
            "وجهات",
            "واجهة",
            "وثائق",
            "وثيقة",
            "وحدة",
            "وحدات",
            "وقف",
            "وكالة",
            "وكالات",
            "ورقة",
            "وعود",
            "وقود",
            "وظائف",
            "وظيفة",
            "وسائل",
            "وسيلة",
            "واقع",
            "وطن",
            "ودائع",
            "ورشة",
            "وتيرة",
            "ولادة",
            "وصول",
            "وسط",
            "وزن",
            "وضع",
            "أوضاع",
            "وصية",
            "وفرة",
            "وساطة",
            "وساطات",
            "وعي",
            "وجوه",
            "وسطاء",
            "وجود",
            "واردات",
            "واجب",
            "وداع",
            "وجبة",
            "وجبات",
            "ولاء",
            "ودية",
            "وديعة",
            "وثبة",
            "وقائع",
            "وقاية",
            "ورثة",
        ])
    })
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
            "عام",
            "سنة",
            // Days and months (الأحد الماضي ودعت …).
            "الأحد",
            "الاثنين",
            "الإثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "إبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
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
    // A number may close a heading after a noun (خطة 2030، جوائز الدورة 55) but not open one
    // (a count or a date starts a sentence: 37 قتيلا، 2024 شهد).
    if folded.chars().all(char::is_numeric) && first {
        return false;
    }
    if particles().contains(folded) || is_verb(folded) {
        return false;
    }
    if prepositions().contains(folded) {
        return !first && !last;
    }
    if waw_nouns().contains(folded) {
        return true;
    }
    if let Some(stem) = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف')) {
        // و + verb / particle never stands in a heading; as first word, neither does و + ال
        // (a conjunction: the phrase continues a sentence).
        if is_verb(stem) || particles().contains(stem) || prepositions().contains(stem) {
            return false;
        }
        // A first word و + three letters or more is a conjunction before a word far more
        // often than a word of its own (the listed [`waw_nouns`] aside): a heading rarely
        // starts so.
        if first && (stem.starts_with("ال") || is_opening_verb(stem, folded.starts_with('و'))) {
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
    let chunks = chunks_from(text, pos, end, MAX_WORDS + 14);
    if chunks.len() < 2 {
        return None;
    }
    if let Some(h) = quotation_title(text, &chunks) {
        return Some(h);
    }
    if let Some(h) = verbal_headline(text, &chunks) {
        return Some(h);
    }
    // A count opens a headline (25 مليون جائع، 5 نصائح للسلامة) as well as a sentence (37
    // قتيلا في …، 2024 شهد …): taken only with three words or more before a clear opening.
    let counted = !chunks[0].folded().is_empty()
        && chunks[0].folded().chars().all(|c| c.is_ascii_digit() || c.is_numeric())
        && chunks[0].folded().chars().count() <= 4;
    // The word at which a headline's present verb stands (الذهب يسجل مستويات قياسية).
    let mut verb_at: Option<usize> = None;
    for k in 1..=MAX_WORDS.min(chunks.len() - 1) {
        let word = &chunks[k - 1];
        // A colon glued to the k-th word (أخرى:) or standing alone after it (أخرى :).
        let glued_colon = word.folded().ends_with(':');
        let (word_folded, colon_after) = if glued_colon {
            (word.folded().trim_end_matches(':'), true)
        } else {
            (word.folded(), chunks[k].raw == ":")
        };
        let word_ok = heading_word_ok(word_folded, k == 1, false) || (k == 1 && counted);
        // One present verb after a subject of one or two words: a headline (تونس تبحث عن
        // تمويل، حرب الرقائق تشتد), taken only before a clearly new sentence. A word that may be the
        // short present تفعل (تدرس) or a noun (تقدم) is held to the same test after a subject:
        // «الحكومة تدرس الخطة وأكدت أنها …» is one sentence.
        if verb_at.is_none() && (2..=3).contains(&k) && !glued_colon && !colon_after {
            let verb = if word_ok { maybe_short_present(word_folded) } else { true };
            if verb && headline_verb(word_folded, &chunks[..k - 1]) {
                verb_at = Some(k);
            }
        }
        if !word_ok && verb_at != Some(k) {
            return None;
        }
        let title = trim_title(text, chunks[0].range.start..word.range.end);
        if title.len() > 80 {
            return None;
        }
        // The last word may not be a preposition (a headline's verb may end it: حرب الرقائق
        // تشتد).
        let last_ok = verb_at == Some(k) || heading_word_ok(word_folded, k == 1, true);
        if colon_after && (verb_at.is_some() || counted) {
            return None;
        }
        if colon_after {
            let rest_idx = if glued_colon { k } else { k + 1 };
            // One word before a colon is a label (عاجل:، تحديث:، المصدر:، الأسباب:) or a speaker
            // (س:، ج:), not a heading; unless it is a name (كشمير:، ليبيا:; with the article,
            // one the gazetteer lists: الجزائر:) before a subtitle of heading words that a new
            // sentence plainly follows (ليبيا: خريطة طريق جديدة وقال المبعوث …), as news
            // headings have it.
            if k < 2 {
                let quoted = chunks
                    .get(rest_idx)
                    .is_some_and(|c| text[c.range.clone()].starts_with(QUOTES_OPEN));
                // A definite word is a name before a quotation (الركراكي: «اللقب هدفنا»), a
                // label or a noun before a sentence (الأسباب: …).
                let named = bare_word(word_folded).is_some_and(|w| {
                    w.chars().count() >= 3
                        && arabic_word(w)
                        && (!is_definite(w)
                            || place_names().contains(w)
                            // A family name (الركراكي), not a noun (المتهم، الرد، الحكم: review).
                            || (quoted && w.ends_with('ي') && w.chars().count() >= 6))
                        // Ours (هدفنا، مشكلتنا: review) is a noun's, not a name's (مارينا).
                        && !(w.ends_with("تنا")
                            || ["هدفنا", "موقفنا", "مطلبنا", "راينا", "قرارنا", "شعارنا", "مطالبنا"]
                                .contains(&w))
                        && !colon_labels().contains(w)
                        && !is_verb(w)
                        && !titles().contains(w)
                        && !particles().contains(w)
                        && !prepositions().contains(w)
                });
                // A label said again nearby is a transcript's speaker (سلامة: … خليل: …
                // سلامة: …), not a heading's name.
                let label = &text[chunks[0].range.clone()];
                let label = label.trim_end_matches(':');
                let mut from = pos.saturating_sub(4000);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = end.min(pos + 4000);
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                let window = &text[from..to];
                let transcript = window.matches(&format!("{label}:")).count()
                    + window.matches(&format!("{label} :")).count()
                    >= 2;
                // After a question, a name and its colon answer it (س: …؟ سلامة: …).
                let answer = text[..pos].trim_end().ends_with(['؟', '?']);
                let after = chunks.get(rest_idx..).filter(|_| named && !transcript && !answer)?;
                // A sentence after one word and its colon may be a dateline's (القاهرة: أعلنت
                // الحكومة …، القاهرة: رئيس الوزراء استقبل … وأكد …): a subtitle holds no past
                // verb (طهران: لا تفاوض تحت التهديد، لولا: الغابة ليست للبيع).
                let end = subtitle_end(after).or_else(|| {
                    let end = sentence_subtitle_end(text, after)?;
                    let still = after.windows(2).take(3).any(|p| {
                        matches!(bare_word(p[0].folded()), Some("لا" | "ما"))
                            && matches!(
                                bare_word(p[1].folded()),
                                Some("يزال" | "تزال" | "زال" | "زالت")
                            )
                    });
                    let dateline = still
                        || !quoted
                            && after.iter().take_while(|c| c.range.end <= end.0).any(|c| {
                                bare_word(c.folded()).is_some_and(|w| {
                                    (is_past_verb(w) && !particles().contains(w))
                                        || w.ends_with("وا")
                                        || titles().contains(w)
                                })
                            });
                    (!dateline).then_some(end)
                })?;
                let title = trim_title(text, chunks[0].range.start..end.0);
                return Some(EmbeddedHeading { title, rest: end.1 });
            }
            let rest = chunks.get(rest_idx)?;
            let opens_quote = text[rest.range.clone()].starts_with(QUOTES_OPEN);
            let phrase: Vec<&str> = chunks[..k].iter().map(|c| c.folded()).collect();
            // A title and who holds it (وزير الخارجية:، الرئيس الأمريكي:، المتحدث باسم الجيش:)
            // introduce what a person said, as a transcript does, not a section.
            let speaker = k <= 4 && titles().contains(chunks[0].folded());
            // A label and its value (للتواصل: name@example.org، الأسعار الجديدة: الخبز 20
            // قرشا، المصدر: https://…) is not a heading: after a heading's colon a sentence
            // goes on in words, not in addresses or figures.
            let worded = chunks
                .get(rest_idx..rest_idx + 3)
                .is_some_and(|after| after.iter().all(|c| arabic_word(c.folded())));
            // A question's short answer (الجواب المختصر: نعم. …) is no heading's colon.
            let answer = matches!(
                rest.folded().trim_end_matches(['.', '،', ',', '!']),
                "نعم" | "لا" | "كلا" | "بالتاكيد" | "طبعا" | "ربما"
            );
            // A quotation after the colon (لين جيان: «…» وقال …) is the headline's subtitle
            // when a new sentence plainly follows it; else it is what a speaker said.
            let quote_end =
                opens_quote.then(|| sentence_subtitle_end(text, &chunks[rest_idx..])).flatten();
            if let Some(end) = quote_end.filter(|_| last_ok && !speaker) {
                let title = trim_title(text, chunks[0].range.start..end.0);
                return Some(EmbeddedHeading { title, rest: end.1 });
            }
            if last_ok
                && !opens_quote
                && !speaker
                && !subject_and_predicate(&phrase)
                && worded
                && !answer
            {
                // A subtitle after the colon (واردات القمح: فاتورة ثقيلة وبسبب تراجع …): a few
                // heading words before a sentence that plainly opens.
                let after = &chunks[rest_idx..];
                if let Some(end) =
                    subtitle_end(after).or_else(|| sentence_subtitle_end(text, after))
                {
                    let title = trim_title(text, chunks[0].range.start..end.0);
                    return Some(EmbeddedHeading { title, rest: end.1 });
                }
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
        let opens = match opens_sentence(&chunks[k..]) {
            _ if verb_at.is_some() => {
                // After an indefinite noun a bare verb may open a clause that describes it
                // (الحكومة تدرس خطة لم تعلن تفاصيلها).
                // A pronoun on the word makes it definite (يلقي بظلاله).
                let described = bare_word(word.folded())
                    .is_none_or(|w| !definite_noun(w) && !has_pronoun_suffix(word.raw));
                opens_after_headline(&chunks[k..], &chunks[..k])
                    || (!described && opens_bare(&chunks[k..]).is_some())
            }
            None if indefinite_phrase(&chunks[..k]) => {
                // The verb must not agree with the phrase, or the phrase is its subject
                // (منظمات حقوقية انتقدت الخطوة).
                let verb = opens_bare(&chunks[k..]);
                verb.is_some() && phrase_gender(&chunks[..k]).is_some_and(|g| Some(!g) == verb)
            }
            // A past verb of saying with its own subject (ردود الفعل الدولية قال الأمين العام …):
            // a phrase of two words or more cannot go on into it.
            None if k >= 2 && says(&chunks[k..]) => true,
            Some(Opening::Clear) => true,
            Some(Opening::Weak { name_like }) => {
                let phrase: Vec<&str> = chunks[..k].iter().map(|c| c.folded()).collect();
                let after = chunks.get(k + 1).and_then(|c| bare_word(c.folded()));
                weak_opening_fits(&phrase, after.filter(|_| name_like))
            }
            None => false,
        };
        // After a count, و + a present verb opens too (25 مليون جائع وتفيد أحدث التقديرات):
        // the count and its noun cannot be the verb's object.
        let waw_present = bare_word(next.folded())
            .and_then(|w| w.strip_prefix('و'))
            .is_some_and(|v| is_present_verb(v) || present_t_verbs().contains(v));
        let count_ok = !counted
            || (k >= 3
                && verb_at.is_none()
                && (waw_present || matches!(opens_sentence(&chunks[k..]), Some(Opening::Clear))));
        let opens = opens || (counted && waw_present);
        if last_ok && !subject_aside && opens && count_ok && chunks.len() >= k + 3 {
            // The sentence after the heading must not end at once.
            return Some(EmbeddedHeading { title, rest: next.range.start });
        }
    }
    None
}

/// A scene set before a clause (في منطقة الجهراء، تقول المعلمة …; أمام المحكمة، تقول …; على
/// متن إحدى السفن العائدة، قال القبطان …; على الصعيد السياسي، لم تسفر …): a preposition of
/// place or circumstance and at most five more words, a comma, then a verb (or لم / لن / لا /
/// قد and one) that no second comma follows at once. It opens a sentence after a heading that
/// is whole in itself: a quotation, a headline's subtitle, a verbal headline. After a bare noun
/// phrase it may be the middle of a sentence (الأزمة في لبنان، يقول محللون، …), so not there.
fn opens_with_scene(rest: &[Chunk]) -> bool {
    const PLACE: &[&str] = &["في", "على", "أمام", "عند", "قرب", "داخل", "خارج", "وسط"];
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    let comma = |c: &Chunk| c.raw.ends_with(['،', ',']);
    let Some(first) = word(0) else { return false };
    if !PLACE.iter().any(|p| fold_str(p) == first) {
        return false;
    }
    let Some(i) = rest.iter().take(7).position(comma) else { return false };
    // Words only up to the comma: no quotation, stop or colon inside the scene.
    let plain = rest[..=i].iter().all(|c| {
        let f = c.folded();
        bare_word(f).is_some_and(|w| f.trim_end_matches(['،', ',']) == w)
    });
    if i == 0 || !plain {
        return false;
    }
    let mut v = i + 1;
    if matches!(word(v), Some("لم" | "لن" | "لا" | "قد")) {
        v += 1;
    }
    let Some(verb) = word(v) else { return false };
    let verb_ok = is_verb(verb) || is_present_verb(verb) || maybe_short_present(verb);
    // «، يقول محللون،» is a parenthesis inside a sentence.
    let parenthesis = rest.iter().skip(v).take(3).any(comma);
    verb_ok && !parenthesis && !rest[v].raw.ends_with(['،', ',', '.', ':']) && rest.len() >= v + 2
}

/// Clause openers after which no clause goes on from the one before, even a verbal one: the
/// listed openers and pairs (أما، في المقابل، على صعيد …، غير أن) and asides set off by their
/// comma, but not كما or في حين, which also join two clauses of one sentence (تسعى الحكومة
/// إلى … كما تعمل على …).
fn opens_with_clause_opener(rest: &[Chunk]) -> bool {
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    let Some(w) = word(0) else { return false };
    // A turn to another side (أما …، في المقابل، على صعيد آخر،) or who speaks next (من
    // جهته، بدورها،). Not في ظل، في إطار، إلى جانب، في الوقت، وفقا، غير أن (review: each
    // also sits inside a sentence, its comma after a phrase of its own), nor sentence adverbs.
    let contrast = matches!(w, "اما" | "واما")
        || word(1).is_some_and(|n| {
            matches!((w, n), ("في" | "وفي", "المقابل") | ("علي" | "وعلي", "صعيد" | "الصعيد"))
        });
    let speaker = is_comma_aside(&rest[0], rest.get(1))
        && ["جهت", "جانب", "ناحيت", "بدور", "وبدور"]
            .iter()
            .any(|p| w.starts_with(p) || word(1).is_some_and(|n| n.starts_with(p)));
    // An adverbial pair is set off by its comma (في المقابل، على الصعيد المحلي،).
    let set_off =
        matches!(w, "اما" | "واما") || rest.iter().take(5).any(|c| c.raw.ends_with(['،', ',']));
    (contrast || speaker) && set_off
}

/// A verbal headline (QA rounds 46–53: يبحث المانحون عن بدائل، تتوقع الوكالة فائضا قياسيا،
/// ترفض المصارف تحميلها الخسائر): a present verb first, then two to six heading words, before a
/// sentence that plainly turns to another side ([`opens_with_clause_opener`]: أما، في المقابل،
/// من جهته،). Feature writing opens most sentences so (يجلس أبو محمد أمام منزله، …), and a
/// present clause goes on into و + a verb, كما, في حين, غير أن, a scene or an adverbial and
/// its comma (review: 38 sentences of 177 cut by a wider first version).
fn verbal_headline(text: &str, chunks: &[Chunk]) -> Option<EmbeddedHeading> {
    const MAX_WORDS: usize = 7;
    let first = bare_word(chunks.first()?.folded())?;
    if chunks[0].raw.ends_with(|c: char| !c.is_alphabetic()) || !arabic_word(first) {
        return None;
    }
    let present = (first.starts_with('ي') && is_present_verb(first))
        || (first.starts_with('ت')
            && (is_present_verb(first) || present_t_verbs().contains(first)))
        || (first.starts_with('ت') && maybe_short_present(first) && verbs().contains(first));
    if !present || first.chars().count() < 4 {
        return None;
    }
    for k in 2..=MAX_WORDS.min(chunks.len().saturating_sub(3)) {
        let word = &chunks[k - 1];
        let f = word.folded();
        // Heading words only: no punctuation, verb or particle; the verb's subject or object
        // comes right after it, not a preposition; none ends the headline.
        if bare_word(f) != Some(f) || !heading_word_ok(f, false, false) || is_verb(f) {
            return None;
        }
        if k == 2 && prepositions().contains(f) {
            return None;
        }
        if k == 2 || !heading_word_ok(f, false, true) {
            continue;
        }
        let rest = &chunks[k..];
        // Only a clause opener: a present clause goes on into و + a verb (يسجل الذهب مستويات
        // قياسية وصعدت أسعار الفضة …), into و + في and its comma, and into a scene with its
        // comma (review: يجلس أبو محمد أمام منزله، يراقب …).
        if opens_with_clause_opener(rest) {
            let title = trim_title(text, chunks[0].range.start..word.range.end);
            return (text[title.clone()].len() <= 80)
                .then(|| EmbeddedHeading { title, rest: rest[0].range.start });
        }
    }
    None
}

/// A heading that is a quotation (QA round 40: «الأمن الخليجي مسؤولية أبنائه»وفي خطاب …): a
/// whole «…» of two to six words opening the sentence, no punctuation inside, followed at once
/// (no comma, no full stop) by the opening of a new sentence (و + a verb, a preposition …) that
/// is not a verb of saying (a quotation followed by وأضاف is what someone said).
fn quotation_title(text: &str, chunks: &[Chunk]) -> Option<EmbeddedHeading> {
    if !chunks.first()?.raw.starts_with('«') {
        return None;
    }
    let close = chunks.iter().take(10).position(|c| c.raw.contains('»'))?;
    if close == 0 || !chunks[close].raw.ends_with('»') {
        return None;
    }
    // A comma may part a quotation's clauses («كنا نسقي من البئر، واليوم نشتري الماء»); a
    // stop, colon or ellipsis inside is a quoted passage, not a title.
    let inside = chunks[..close]
        .iter()
        .any(|c| c.raw.ends_with(['.', '؟', '?', '!', ':', '؛', ';']) || c.raw.contains("..."));
    let rest = chunks.get(close + 1..)?;
    if inside || rest.len() < 3 {
        return None;
    }
    // Two words at least between the marks (« » is no title).
    let worded = chunks[..=close].iter().filter(|c| c.raw.chars().any(char::is_alphabetic)).count();
    if worded < 2 {
        return None;
    }
    // A bare verb of saying after the quotation names who said it («…» قال الوزير); with و
    // (ويقول الخبير، وقال رئيس …) it opens a sentence of its own, since a sentence that
    // opened with the quotation has no verb for it to join.
    // Only قال / يقول / يرى and their feminine, with a subject of their own after them (not
    // وأضاف، ويتابع، وأوضح, which go on with a speaker quoted before, nor ويقول إن, whose
    // speaker is that one: review).
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    let new_speaker = word(0)
        .and_then(|w| w.strip_prefix('و'))
        .is_some_and(|v| matches!(v, "قال" | "قالت" | "يقول" | "تقول" | "يري" | "تري"))
        && word(1).is_some_and(|n| {
            arabic_word(n)
                && !matches!(n, "ان" | "انه" | "انها" | "انهم")
                && !n.starts_with(['ل', 'ب'])
                && !particles().contains(n)
                && !prepositions().contains(n)
                && !has_pronoun_suffix(rest[1].raw)
        });
    // و + a verb that goes on with what was said (ويتابع، ويوضح، ويشير، وأكد …) is as much
    // a verb of saying here, listed or not.
    let goes_on = word(0).and_then(|w| w.strip_prefix('و')).is_some_and(|v| {
        static S: OnceLock<HashSet<String>> = OnceLock::new();
        let goes_on = S.get_or_init(|| {
            set(&[
                "اضاف",
                "تابع",
                "استطرد",
                "اوضح",
                "اشار",
                "اكد",
                "اردف",
                "ختم",
                "شدد",
                "يضيف",
                "تضيف",
                "يتابع",
                "تتابع",
                "يستطرد",
                "تستطرد",
                "يوضح",
                "توضح",
                "يشير",
                "تشير",
                "يؤكد",
                "تؤكد",
                "يردف",
                "تردف",
                "يختم",
                "تختم",
                "يكرر",
                "تكرر",
                "يشرح",
                "تشرح",
                "يشدد",
                "تشدد",
            ])
        });
        // (With the feminine past's ت too: وأضافت، وتابعت.)
        goes_on.contains(v) || v.strip_suffix('ت').is_some_and(|stem| goes_on.contains(stem))
    });
    let saying = (crate::doc::people::is_saying(rest[0].raw) || goes_on) && !new_speaker;
    // What points back at the quotation (كما يقول …، وبهذه الكلمات، ويكررها، وحسب المصدر،
    // وفي هذا السياق) goes on from it.
    let back = word(0).is_some_and(|w| {
        matches!(
            w,
            "كما"
                | "بهذه"
                | "وبهذه"
                | "بهذا"
                | "وبهذا"
                | "وحسب"
                | "حسب"
                | "وبحسب"
                | "بحسب"
        ) || (w.starts_with('و') && has_pronoun_suffix(rest[0].raw) && w.chars().count() >= 5)
            || (matches!(w, "في" | "وفي") && word(1) == Some("هذا"))
    });
    // A scene before a verb of saying introduces a new speaker (أمام المحكمة، تقول بائعة …);
    // before another verb it may be the quotation's own circumstance (في رسالة مسجلة، يناشد).
    let scene = opens_with_scene(rest)
        && rest.iter().position(|c| c.raw.ends_with(['،', ','])).is_some_and(|i| {
            word(i + 1)
                .is_some_and(|v| matches!(v, "قال" | "قالت" | "يقول" | "تقول" | "يروي" | "تروي"))
        });
    // After a closing quotation mark with no punctuation, و + a preposition opens a sentence
    // too (وفي خطاب …): nothing else it could go on from.
    let waw_preposition = bare_word(rest[0].folded())
        .and_then(|w| w.strip_prefix('و'))
        .is_some_and(|w| prepositions().contains(w));
    if saying || back || !(waw_preposition || opens_sentence(rest).is_some() || scene) {
        return None;
    }
    let title = chunks[0].range.start..chunks[close].range.end;
    (text[title.clone()].len() <= 80).then(|| EmbeddedHeading { title, rest: rest[0].range.start })
}

/// The end of a subtitle that opens `after` (the words after a heading's colon) and where the
/// sentence after it starts: one to four heading words, the first no time word, the last no
/// preposition, no punctuation inside, before a clear opening (و/ف + a past verb, a clause
/// opener, an aside set off by its comma) with three words or more. `None` when the colon is
/// followed by the sentence itself.
/// The end of a headline's subtitle after its colon that is a sentence of its own, or a
/// quotation (لين جيان: الحلف يجلب المواجهة إلى آسيا في المقابل، …; أردوغان: «صفحة جديدة
/// للأمة كلها» ووصف …): at most seven words, or a quotation of at most twelve, that a new
/// sentence plainly follows. Wider than [`subtitle_end`], whose few words must be heading
/// words, so only where a colon already ends a heading or a name stands before it.
fn sentence_subtitle_end(text: &str, after: &[Chunk]) -> Option<(usize, usize)> {
    const MAX_WORDS: usize = 7;
    const MAX_QUOTED: usize = 12;
    let first = after.first()?;
    let quoted = text[first.range.clone()].starts_with(['«', '"', '“']);
    let limit = if quoted { MAX_QUOTED } else { MAX_WORDS };
    for j in 1..=limit.min(after.len().saturating_sub(2)) {
        let last = &after[j - 1];
        let raw = &text[last.range.clone()];
        if quoted {
            // The quotation ends at the chunk that closes it; nothing ends before.
            if j > 1 && raw.contains(['«', '“']) {
                return None;
            }
            if !raw.ends_with(['»', '"', '”']) || (j == 1 && raw.chars().count() < 3) {
                if raw.contains(TERMINATORS) && !raw.ends_with(['»', '"', '”']) {
                    return None;
                }
                continue;
            }
        } else {
            let f = last.folded();
            if !(arabic_word(f) && bare_word(f) == Some(f)) {
                return None;
            }
            // A verb after the colon opens a dateline's sentence (القاهرة: أعلنت الحكومة …),
            // not a headline's subtitle.
            if j == 1 && (is_verb(f) || is_past_verb(f)) {
                return None;
            }
            // A sentence may end in an adverb (لن نرد بالمثل الآن، الوداع لم يحن بعد), not in
            // another particle or preposition.
            let adverb =
                matches!(f, "الان" | "ايضا" | "فقط" | "جدا" | "هنا" | "هناك" | "كذلك" | "بعد");
            if (prepositions().contains(f) || particles().contains(f)) && !adverb {
                continue;
            }
        }
        let rest = &after[j..];
        if opens_sentence(rest) == Some(Opening::Clear)
            || opens_with_scene(rest)
            || (j >= 2 && weak_with_subject(rest))
        {
            return Some((last.range.end, rest[0].range.start));
        }
        if quoted {
            return None;
        }
    }
    None
}

/// و + a present verb and its own subject after it (ويرى الخبير، ويؤكد خليفة، وتواجه بعثة):
/// after a subtitle that a colon opened, a new sentence about who or what is named next. Not
/// an adverb (ويتحسن تدريجيا), a preposition, a particle or another verb after the verb, which
/// go on from the subtitle.
fn weak_with_subject(rest: &[Chunk]) -> bool {
    let w = rest.first().and_then(|c| bare_word(c.folded()));
    // (A verb of saying as written: the folded يري is no listed يرى, nor of the shape يفعل.)
    let saying = w.is_some_and(|w| w.starts_with('و'))
        && crate::doc::people::is_saying(rest[0].raw.trim_end_matches(['،', ',']));
    if !saying && !matches!(opens_sentence(rest), Some(Opening::Weak { .. })) {
        return false;
    }
    // و + في / على / مع, its comma and a verb with its own subject ([`opens_sentence`]).
    let adverbial = w
        .and_then(|w| w.strip_prefix('و'))
        .is_some_and(|p| ADVERBIAL_PREPOSITIONS.iter().any(|a| fold_str(a) == p));
    if adverbial {
        return true;
    }
    let present = saying
        || w.and_then(|w| w.strip_prefix('و'))
            .is_some_and(|v| is_present_verb(v) || present_t_verbs().contains(v));
    let subject = rest.get(1).filter(|c| !c.raw.ends_with(['،', ',', '.', ':'])).and_then(|c| {
        bare_word(c.folded()).filter(|s| {
            arabic_word(s)
                && !particles().contains(*s)
                && !prepositions().contains(*s)
                && !is_verb(s)
                && !s.ends_with('ا')
                && !s.starts_with(['ب', 'ل', 'ك'])
        })
    });
    present && subject.is_some() && rest.len() >= 3
}

fn subtitle_end(after: &[Chunk]) -> Option<(usize, usize)> {
    const MAX_WORDS: usize = 4;
    for j in 1..=MAX_WORDS.min(after.len().saturating_sub(3)) {
        let words = &after[..j];
        let ok = words.iter().enumerate().all(|(i, c)| {
            let f = c.folded();
            arabic_word(f) && bare_word(f) == Some(f) && heading_word_ok(f, i == 0, i + 1 == j)
        });
        if !ok {
            return None;
        }
        if opens_sentence(&after[j..]) == Some(Opening::Clear) {
            return Some((after[j - 1].range.end, after[j].range.start));
        }
    }
    None
}

/// Is `w` (a word that cannot stand in a noun phrase) the present verb of a headline whose
/// subject is `subject` (الذهب يسجل، الدوري السعودي يجذب، تونس تبحث)? A present verb by its
/// shape or list, after a subject with no title in it (الرئيس ماكرون يزور … is a sentence
/// about him as often as a headline).
fn headline_verb(w: &str, subject: &[Chunk]) -> bool {
    // يـ by its shape; every تـ present (shape, list or the short تفعل) is in
    // `maybe_short_present`.
    let present = (w.starts_with('ي') && is_present_verb(w)) || maybe_short_present(w);
    present
        && !subject.is_empty()
        && subject.iter().all(|c| {
            let f = c.folded();
            arabic_word(f) && !titles().contains(f) && heading_word_ok(f, false, false)
        })
}

/// A word of the shape تفعل (تدرس، تبحث; also nouns: تقدم، تطور) or a listed or derived تـ
/// present (تعاني، تتابع، تستعد): after a subject it may be the sentence's verb.
fn maybe_short_present(w: &str) -> bool {
    let c = letters(w);
    w.starts_with('ت')
        && ((c.len() == 4 && !matches!(c[3], 'ه' | 'ي' | 'ى' | 'ا'))
            || is_present_verb(w)
            || present_t_verbs().contains(w))
}

/// After a headline (a phrase with a verb), only a sentence that plainly starts anew: و/ف + a
/// past verb followed by its own subject (وصعدت أسعار الذهب، وبات دياز), not by أن / إن or a
/// preposition (وأكدت أن … goes on about the same subject); or و + في / على / مع, a comma and a
/// verb with its own subject (وفي تونس، صادق البرلمان); or و + an adverbial pair with its comma
/// (وعلى صعيد …،). Clause openers such as كما and أما are not enough: «X يفعل Y كما فعل Z» is
/// one sentence.
fn opens_after_headline(rest: &[Chunk], headline: &[Chunk]) -> bool {
    let Some(w) = rest.first().and_then(|c| bare_word(c.folded())) else { return false };
    if rest.first().is_some_and(|c| c.raw.ends_with(['،', ','])) {
        return false;
    }
    // و + an aside of attribution that a comma sets off (وبحسب موقع رياضي متخصص، فإن …): the
    // headline cannot go on into it.
    if matches!(w, "وبحسب" | "ووفقا" | "وحسب" | "ونقلا") {
        return rest.iter().skip(1).take(5).any(|c| c.raw.ends_with(['،', ',']));
    }
    if let Some(p) = w.strip_prefix('و') {
        // و + an adverbial pair set off by its comma (وعلى صعيد أشباه الموصلات، أعلنت …).
        if let Some(n) = rest.get(1).and_then(|c| bare_word(c.folded())) {
            if opener_pairs().contains(&(w.to_string(), n.to_string())) {
                return rest.iter().skip(1).take(4).any(|c| c.raw.ends_with(['،', ',']));
            }
        }
        if ADVERBIAL_PREPOSITIONS.iter().any(|a| fold_str(a) == p) {
            return opens_sentence(rest) == Some(Opening::Weak { name_like: false });
        }
    }
    let Some(stem) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) else { return false };
    let past = is_opening_verb(stem, w.starts_with('و')) && !is_present_verb(stem);
    if !past || opens_sentence(rest) != Some(Opening::Clear) {
        return false;
    }
    let Some(subject) = rest.get(1).and_then(|c| bare_word(c.folded())) else { return false };
    let word_ok = arabic_word(subject)
        && !particles().contains(subject)
        && !prepositions().contains(subject)
        && !is_verb(subject)
        && !subject.starts_with(['ب', 'ل'])
        // A definite noun takes no pronoun (الأسهم ends like ـهم, but is not one).
        && (is_definite(subject) || !has_pronoun_suffix(rest[1].raw));
    if !word_ok {
        return false;
    }
    // A تـ verb without the feminine past's ت (وتوقع، وتوجه، وتسلم) may be a present one going
    // on from the headline (الصين تعزز حضورها وتوقع اتفاقيات …): taken only when it names the
    // headline's subject again.
    if stem.starts_with('ت') && !stem.ends_with('ت') {
        return headline.iter().any(|c| bare_word(c.folded()) == Some(subject));
    }
    true
}

/// Words that open an indefinite noun phrase as a sentence's subject (مسؤول أمريكي رفض
/// الكشف …, مصادر مطلعة أكدت …, نحو 500 شخص): people quoted without a name, and numbers
/// approximated.
const INDEFINITE_SUBJECTS: &[&str] = &[
    "خبراء",
    "شهود",
    "سكان",
    "نواب",
    "علماء",
    "أطباء",
    "قادة",
    "عناصر",
    "نشطاء",
    "ناشطون",
    "مواطنون",
    "لاجئون",
    "محتجون",
    "متظاهرون",
    "باحثون",
    "نحو",
    "حوالي",
    "قرابة",
    "أحد",
    "إحدى",
    "بعض",
    "كل",
    "جميع",
    "معظم",
    "أغلب",
    "غالبية",
    "عدة",
    "عدد",
];

/// Is `phrase` an indefinite noun phrase of two to five words (بداية صادمة، تحذيرات من
/// الأرصاد، أداء لافت لممثلة غير محترفة)? Such a phrase seldom opens a sentence as its subject,
/// as a headline often is: its first word has no article and is no name, particle, time or
/// title, and the second is not the definite noun that would make the pair a construct (سؤال
/// السلاح، عشرات الآلاف). Words that do open sentences so are left out: participles of people
/// (مسؤول، مصدر، متحدث: every word in م without the feminine ending), masculine plurals of
/// people (ـون), the listed [`INDEFINITE_SUBJECTS`].
fn indefinite_phrase(phrase: &[Chunk]) -> bool {
    if !(2..=5).contains(&phrase.len()) {
        return false;
    }
    let (Some(head), Some(second)) = (bare_word(phrase[0].folded()), bare_word(phrase[1].folded()))
    else {
        return false;
    };
    let person = (head.starts_with('م') && !head.ends_with('ه') && !head.ends_with("ات"))
        || head.ends_with("ون")
        || INDEFINITE_SUBJECTS.iter().any(|w| fold_str(w) == head);
    arabic_word(head)
        && !is_definite(head)
        && !person
        && !particles().contains(head)
        && !prepositions().contains(head)
        && !titles().contains(head)
        && !time_words().contains(head)
        && !given_names().contains(head)
        && !waw_names().contains(head)
        && !name_words().contains(head)
        && !is_verb(head)
        && !definite_noun(second)
        // An aside inside (لافروف في المقابل اتهم …) sits between a subject and its verb.
        && !phrase.windows(2).any(|p| match (bare_word(p[0].folded()), bare_word(p[1].folded())) {
            (Some(a), Some(b)) => opener_pairs().contains(&(a.to_string(), b.to_string())),
            _ => false,
        })
}

/// Names of the built-in gazetteer, folded: every word of a person's names (لافروف، غوتيريش،
/// ترامب) and the one-word names of countries and organisations (مصر، حماس). A name is
/// definite, so a phrase that opens with one is a subject. Not the words of longer names
/// (منظمة، قوات، مجلس are common nouns) nor of exclusions, which are no names.
fn name_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut words = HashSet::new();
        for actor in &super::Gazetteer::builtin_ref().actors {
            let person = actor.kind == super::ActorKind::Person;
            for (name, _) in actor.naming_forms() {
                if person || !name.contains(' ') {
                    words.extend(name.split_whitespace().map(fold_str));
                }
            }
        }
        words
    })
}

/// One-word names of the built-in gazetteer's countries and organisations, folded (الجزائر،
/// العراق، الناتو): not people's, whose words include ordinals and titles (الثاني، الرئيس).
fn place_names() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut words = HashSet::new();
        for actor in &super::Gazetteer::builtin_ref().actors {
            if actor.kind == super::ActorKind::Person {
                continue;
            }
            for (name, short) in actor.naming_forms() {
                if !short && !name.contains(' ') {
                    words.insert(fold_str(name));
                }
            }
        }
        words
    })
}

/// Whether `rest` opens with a bare past verb of saying or announcing and its own definite
/// subject ([`opens_bare`]): قال الأمين العام، أعلنت الوزارة، أكد المتحدث. Only verbs no noun
/// or adjective is spelt like (حذر is also "cautious", ذكر "mention", رد "reply").
fn says(rest: &[Chunk]) -> bool {
    const SAYING: &[&str] = &[
        "قال",
        "قالت",
        "اكد",
        "اكدت",
        "اعلن",
        "اعلنت",
        "اوضح",
        "اوضحت",
        "صرح",
        "صرحت",
        "ذكرت",
        "افاد",
        "افادت",
        "اشار",
        "اشارت",
        "حذرت",
        "دعت",
        "ردت",
    ];
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    word(0).is_some_and(|w| SAYING.contains(&w))
        && word(1).is_some_and(definite_noun)
        && opens_bare(rest).is_some()
}

/// Does `rest` open a sentence without a conjunction, after a headline or an indefinite noun
/// phrase (see [`indefinite_phrase`])? لم / لن and a present verb (بداية صادمة لم تمض سوى …،
/// سؤال السلاح يعود إلى الواجهة لم يكن …), or a past verb and its own subject, a definite noun
/// (or an indefinite one before a definite: a construct) whose gender the verb's agrees with
/// (تحذيرات من الأرصاد أصدر المعهد الوطني …، غياب الصدر يلقي بظلاله أعلن التيار الصدري …). A
/// past verb followed by an object (لعبت دور الجدة) or by a preposition is left alone: the
/// phrase before it may be its subject.
///
/// Returns whether the verb is feminine (تـ after لم, the past's ت), `None` if no sentence
/// opens so.
fn opens_bare(rest: &[Chunk]) -> Option<bool> {
    let word = |j: usize| rest.get(j).and_then(|c| bare_word(c.folded()));
    let first = word(0)?;
    if rest[0].raw.ends_with(['،', ',', ':']) {
        return None;
    }
    if matches!(first, "لم" | "لن") {
        let v = word(1)?;
        let verb = v.chars().count() >= 3 && v.starts_with(['ي', 'ت']) && !is_month_or_noun_y(v);
        return verb.then_some(v.starts_with('ت'));
    }
    let feminine_verb = is_feminine_past(&letters(first));
    let past = (verbs().contains(first) && !first.starts_with(['ي', 'ت']))
        || (feminine_verb && !first.starts_with(['ي', 'ت']))
        || (feminine_verb && first.starts_with('ت') && is_opening_verb(first, false));
    if !past || first.ends_with("وا") || is_dual_past(first) {
        return None;
    }
    let subject = word(1)?;
    let noun = |w: &str| {
        arabic_word(w)
            && !particles().contains(w)
            && !prepositions().contains(w)
            && !is_verb(w)
            && !w.starts_with(['ب', 'ل', 'ك'])
    };
    let own = definite_noun(subject)
        || (noun(subject)
            && !has_pronoun_suffix(rest[1].raw)
            && word(2).is_some_and(definite_noun));
    // The subject's gender as written: ة (folded ه) or the plural ات is feminine.
    let head = subject.strip_prefix("ال").unwrap_or(subject);
    let feminine_subject = head.ends_with('ه') || head.ends_with("ات");
    (noun(subject) && own && feminine_verb == feminine_subject).then_some(feminine_verb)
}

/// The gender a noun phrase shows (true: feminine): its first word's ة (folded ه) or plural
/// ات; a first word without them is masculine when the adjective after it is too (أداء لافت),
/// unknown when that is feminine (a plural of things: أطراف دولية).
fn phrase_gender(phrase: &[Chunk]) -> Option<bool> {
    let feminine = |w: &str| w.ends_with('ه') || w.ends_with("ات");
    let head = bare_word(phrase.first()?.folded())?;
    if feminine(head) {
        return Some(true);
    }
    let second = phrase.get(1).and_then(|c| bare_word(c.folded()));
    match second {
        Some(s) if !prepositions().contains(s) && feminine(s) => None,
        _ => Some(false),
    }
}

/// The title a scraped article opens with, run into the first sentence of its lede (قرض جديد
/// وشروط أصعب توصلت الحكومة …، ترامب يجدد رغبته في الجزيرة جدد الرئيس الأمريكي …، «لم نعد
/// نحتمل» شهدت العاصمة …): a quotation, or two to eight heading words (a headline's present
/// verb among them), before a bare past verb and its own subject ([`opens_bare`]); not a verb
/// of saying after a quotation, which a lede opens with as often («…» قال الوزير). A news lede
/// opens with its verb, or with its subject and then the verb, which agrees with it (الحكومة
/// المصرية أعلنت …): without a headline verb, the past verb must not agree with the phrase,
/// whose gender must show. A time (مساء الأحد أعلنت …) or a place (في الشمال أعلنت …) before the
/// verb starts with no heading word.
fn lead_title(text: &str, pos: usize, end: usize) -> Option<EmbeddedHeading> {
    const MAX_WORDS: usize = 8;
    let chunks = chunks_from(text, pos, end, MAX_WORDS + 6);
    if chunks.len() < 4 {
        return None;
    }
    let title_before = |k: usize| {
        let title = trim_title(text, chunks[0].range.start..chunks[k - 1].range.end);
        (text[title.clone()].len() <= 100)
            .then(|| EmbeddedHeading { title, rest: chunks[k].range.start })
    };
    // A quotation first may be the object of the verb after it («نريد العدالة» رفعت العائلات
    // هذه اللافتة: review), or what the one who said it is named after.
    if chunks.first()?.raw.starts_with(QUOTES_OPEN) {
        return None;
    }
    // A circumstance first (رغم الضغوط، بثنائية نظيفة، لليوم الثالث، وسط حضور كبير: review)
    // is the lede's own adverbial, whatever its gender.
    let first = bare_word(chunks[0].folded())?;
    let adverbial = matches!(
        first,
        "رغم"
            | "وسط"
            | "منذ"
            | "عقب"
            | "اثر"
            | "بعد"
            | "قبل"
            | "خلال"
            | "مع"
            | "عند"
            | "لدي"
            | "حول"
            | "نحو"
            | "دون"
            | "ضمن"
            | "بين"
            | "امام"
            | "عبر"
            | "فوق"
            | "تحت"
            | "اثناء"
    ) || (first.starts_with(['ب', 'ل', 'ك'])
        && !name_words().contains(first)
        && !place_names().contains(first));
    if adverbial {
        return None;
    }
    let mut verb_at: Option<usize> = None;
    for k in 1..=MAX_WORDS.min(chunks.len().saturating_sub(3)) {
        let f = chunks[k - 1].folded();
        if bare_word(f) != Some(f) {
            return None;
        }
        if !heading_word_ok(f, k == 1, false) {
            // One present verb after a subject of one to three words: a headline.
            if verb_at.is_none() && (2..=4).contains(&k) && headline_verb(f, &chunks[..k - 1]) {
                verb_at = Some(k);
                continue;
            }
            return None;
        }
        if k < 2 || !heading_word_ok(f, k == 1, true) {
            continue;
        }
        let rest = &chunks[k..];
        let Some(feminine) = opens_bare(rest) else { continue };
        let disagrees = phrase_gender(&chunks[..k]).is_some_and(|g| g != feminine);
        if verb_at.is_some() || disagrees {
            return title_before(k);
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
    let questions = text.get(block.clone()).is_some_and(few_questions);
    paragraph_structure_with(text, block, first_block, questions)
}

/// Whether a text asks few enough questions for a short one to be a subheading: at most four,
/// and one more for each thousand words. An opinion column, an interview, an explainer or a
/// reader's letter asks many, and its questions are its own (rhetorical, an interviewer's).
pub fn few_questions(text: &str) -> bool {
    // A question mark ends its word: not the one inside an address (news?id=1).
    let asked = text
        .match_indices(['؟', '?'])
        .filter(|(i, m)| text[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
        .count();
    asked <= 4 || asked <= 4 + text.split_whitespace().count() / 1000
}

/// [`paragraph_structure`], where `questions` says whether a short question may be a heading
/// (see [`few_questions`], which the caller decides for the whole document).
pub fn paragraph_structure_with(
    text: &str,
    block: Range<usize>,
    first_block: bool,
    questions: bool,
) -> (Vec<Range<usize>>, Vec<EmbeddedHeading>) {
    let mut out: Vec<EmbeddedHeading> = Vec::new();
    let mut sentences = sentences_in(text, block.clone());
    // Quote balance before each sentence, kept as we go (one pass over the block): a phrase
    // inside an open quotation is never a heading.
    let mut balance = 0isize;
    let mut counted = block.start;
    // (the sentence before was a list number alone, it ended with one)
    let mut after_list_number = (false, false);
    // Sentences that are a heading whole (a question), taken out of the list after the loop.
    let mut whole = false;
    // What follows a heading found after a pull quote or a caption in a sentence, added to the
    // list after the loop.
    let mut split: Vec<Range<usize>> = Vec::new();
    for i in 0..sentences.len() {
        let next_start = sentences.get(i + 1).map(|n| n.start);
        let next_words = sentences
            .get(i + 1)
            .and_then(|n| text.get(n.clone()))
            .map(|n| (n.split_whitespace().count(), n));
        let s = &mut sentences[i];
        balance += quote_balance(text.get(counted..s.start).unwrap_or(""));
        counted = s.start;
        // The label of a numbered list item (1. سد النهضة: …) follows its number, which the
        // sentence rules cut off as a sentence of its own: it is not a section heading. Scraped,
        // the line break before the number is lost and the first number ends the sentence
        // before; then only a label before a colon is taken for an item's.
        let (alone, ending) = after_list_number;
        let sentence = text.get(s.clone()).unwrap_or("");
        // Ending it: only a first item's number (1.), as a list's later numbers follow a
        // sentence end and stand alone (… المركز 3. is no list).
        after_list_number = (
            is_list_number(sentence.trim()),
            sentence.split_whitespace().next_back().is_some_and(|w| {
                is_list_number(w) && matches!(w.trim_end_matches(['.', ')']), "1" | "١")
            }),
        );
        if i == 0 && first_block {
            // A scraped article's title run into its lede (قرض جديد وشروط أصعب توصلت مصر …).
            if let Some(h) = lead_title(text, s.start, block.end).filter(|h| h.rest < s.end) {
                s.start = h.rest;
                out.push(h);
            }
            continue;
        }
        if balance > 0 || alone {
            continue;
        }
        if let (Some(rest), Some((n, next))) = (next_start, next_words) {
            if questions && n >= 8 && question_heading(sentence, next) {
                out.push(EmbeddedHeading { title: trim_title(text, s.clone()), rest });
                *s = s.end..s.end;
                whole = true;
                continue;
            }
            // The question after a pull quote or a caption that scraping left without its
            // full stop (… يصعب تجاهلها» لماذا تتجه الأنظار شرقا؟ يلاحظ …).
            if let Some(at) = questions.then(|| question_after_closer(sentence, next)).flatten() {
                let q = s.start + at;
                out.push(EmbeddedHeading { title: trim_title(text, q..s.end), rest });
                *s = trim_title(text, s.start..q);
                continue;
            }
        }
        if let Some(h) = time_stamp_heading(text, s.start, s.end) {
            if out.last().is_none_or(|l| l.rest <= h.title.start) && h.rest < s.end {
                s.start = h.rest;
                out.push(h);
            }
            continue;
        }
        if let Some(h) = heading_at(text, s.start, block.end) {
            if ending && h.before_colon(text) {
                continue;
            }
            if out.last().is_none_or(|l| l.rest <= h.title.start) && h.rest < s.end {
                s.start = h.rest;
                out.push(h);
            }
            continue;
        }
        // A heading after a pull quote or a caption that scraping left without its full stop
        // (… «لم أرد أن أصور الحرب» أداء لافت: ممثلة غير محترفة …): the aside stays a sentence
        // of the section before, the heading's section goes on after it.
        let aside_end = s.start + after_aside(sentence).unwrap_or(0);
        if aside_end > s.start {
            if let Some(h) = heading_at(text, aside_end, block.end) {
                if out.last().is_none_or(|l| l.rest <= h.title.start) && h.rest < s.end {
                    split.push(h.rest..s.end);
                    *s = trim_title(text, s.start..aside_end);
                    out.push(h);
                }
            }
        }
    }
    if whole {
        sentences.retain(|s| !s.is_empty());
    }
    if !split.is_empty() {
        sentences.extend(split);
        sentences.sort_by_key(|s| s.start);
    }
    (sentences, out)
}

/// Whether the words in a bracket credit a photo or name its source (أرشيفية، تصوير: منى الفاتح،
/// أ ف ب، رويترز): a photo's caption ends so.
fn credits_photo(inside: &str) -> bool {
    const CREDITS: &[&str] = &[
        "صورة",
        "الصورة",
        "تصوير",
        "أرشيف",
        "أرشيفية",
        "ارشيف",
        "ارشيفية",
        "أ ف ب",
        "أ.ف.ب",
        "رويترز",
        "الأناضول",
        "غيتي",
        "Getty",
        "AFP",
        "Reuters",
        "AP",
        "EPA",
    ];
    CREDITS.iter().any(|c| {
        inside.split(|ch: char| !ch.is_alphanumeric() && ch != ' ' && ch != '.').any(|part| {
            let part = part.trim();
            part == *c || part.split_whitespace().next() == Some(*c)
        })
    })
}

/// Where the words after a pull quote or a photo's caption start, when `sentence` opens with
/// one: a quotation that opens the sentence and closes before more words
/// («لم يبق لنا سوى الغبار» …), or words that end in a bracket naming the photo or its source
/// (صورة: ميناء جبل علي (أرشيفية) …, … (تصوير: منى الفاتح) …, … - أ ف ب) …).
fn after_aside(sentence: &str) -> Option<usize> {
    let mut depth = 0isize;
    let mut aside_end = None;
    if sentence.starts_with(['«', '“']) {
        for (i, c) in sentence.char_indices() {
            depth += match c {
                '«' | '“' => 1,
                '»' | '”' => -1,
                _ => 0,
            };
            if depth == 0 {
                aside_end = Some(i + c.len_utf8());
                break;
            }
        }
    } else {
        // The first bracket that closes, and what it holds.
        let close = sentence.find(')')?;
        let open = sentence[..close].rfind('(')?;
        if credits_photo(&sentence[open + 1..close]) {
            aside_end = Some(close + 1);
        }
    }
    let end = aside_end?;
    let rest = &sentence[end..];
    // Words follow, after white space (not a stop, a comma or the sentence's end).
    (rest.starts_with(char::is_whitespace) && rest.split_whitespace().count() >= 3)
        .then(|| end + (rest.len() - rest.trim_start().len()))
}

/// A live blog's entry in scraped text: a sentence that opens with a clock time, then a bar or
/// a dash and the entry's headline up to the past verb that opens its first sentence
/// (… عام. 09:35 | الدبيبة يدعو إلى ضبط النفس قال رئيس الحكومة …), or the time alone before
/// that verb (13:30 أفادت وزارة الصحة …). The headline is two to ten words; without a past
/// verb to end it, nothing.
fn time_stamp_heading(text: &str, start: usize, end: usize) -> Option<EmbeddedHeading> {
    const MAX_WORDS: usize = 10;
    let chunks = chunks_from(text, start, end, MAX_WORDS + 3);
    let first = chunks.first()?;
    if !is_clock_time(first.folded()) {
        return None;
    }
    // A past verb, bare or after و/ف, opens the entry's first sentence.
    let past = |w: &str| {
        is_past_verb(w.strip_prefix(['و', 'ف']).filter(|b| b.chars().count() >= 3).unwrap_or(w))
    };
    let second = chunks.get(1)?;
    if past(second.folded()) {
        return Some(EmbeddedHeading { title: first.range.clone(), rest: second.range.start });
    }
    let mut raw = second.raw.chars();
    if !(raw.next().is_some_and(|c| TIME_STAMP_SEPARATORS.contains(&c)) && raw.next().is_none()) {
        return None;
    }
    let headline = &chunks[2..];
    let k = (2..=MAX_WORDS.min(headline.len().saturating_sub(1)))
        .find(|&k| past(headline[k].folded()))?;
    // The headline ends no sentence inside (its words carry no full stop).
    if headline[..k].iter().any(|w| w.raw.ends_with(['.', '!', '?', '؟', ':'])) {
        return None;
    }
    Some(EmbeddedHeading {
        title: first.range.start..headline[k - 1].range.end,
        rest: headline[k].range.start,
    })
}

/// A short question standing as a sentence of its own, which scraped text leaves of a
/// subheading (… أكبر مستورد. هل تصمد الأسعار؟ خلال الأسبوع الماضي …): two to seven words, the
/// first a question word (not after و/ف/لكن: فما الحل؟ asks inside the argument), no quotation
/// or comma in it and none pointing back (ذلك، إذن), and a long sentence after it that neither
/// answers it (لأن …، نعم، …، بالطبع) nor points back to it (يتساءل …) nor is an interviewee's
/// (فلان: …).
fn question_heading(sentence: &str, next_sentence: &str) -> bool {
    const ASKING: &[&str] =
        &["هل", "ما", "ماذا", "لماذا", "كيف", "متى", "أين", "من", "أي", "كم", "إلى"];
    // Words that open an answer to the question, or point back to it (يتساءل كثيرون، سؤال
    // سيطرح كثيرا، هذا هو السؤال).
    const ANSWERS: &[&str] = &[
        "لأن",
        "ببساطة",
        "الجواب",
        "الإجابة",
        "نعم",
        "كلا",
        "ربما",
        "بالطبع",
        "طبعا",
        "يجيب",
        "تساءل",
        "يتساءل",
        "تتساءل",
        "يتساءلون",
        "سؤال",
        "هذا",
        "هذه",
    ];
    // A question that points back to what was just said (ماذا يعني ذلك؟، ما الفرق إذن؟).
    const BACK: &[&str] = &["ذلك", "هذا", "هذه", "إذن", "اذن", "إذا"];
    let s = sentence.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=7).contains(&words.len()) || !s.ends_with(['؟', '?']) {
        return false;
    }
    if s.contains(['«', '»', '"', '“', '”', '،', ',', ':']) {
        return false;
    }
    let first = fold_str(words[0]);
    let next_first = next_sentence.split_whitespace().next().unwrap_or("");
    let next = fold_str(next_first.trim_end_matches(['،', ',', '.']));
    let back = words.iter().any(|w| {
        let w = fold_str(w.trim_end_matches(['؟', '?']));
        BACK.iter().any(|b| fold_str(b) == w)
    });
    // «لا،» or «لا.» answers; «لا يتوقع محللون …» is a new sentence. A speaker's label
    // (د. ليلى منصور:) answers in an interview.
    let answer = ANSWERS.iter().any(|a| fold_str(a) == next)
        || (next == "لا" && next_first.ends_with(['،', ',', '.']))
        || next_sentence.split_whitespace().take(4).any(|w| w.ends_with(':'));
    ASKING.iter().any(|a| fold_str(a) == first) && !back && !answer
}

/// Where a question heading starts inside `sentence`, after a closing quote or bracket that
/// ends a pull quote or a photo's caption (… بل ما يبقى» ماذا بعد؟, … (أرشيفية) هل …؟): the
/// offset of the question's first word, when the words from there make a [`question_heading`]
/// before `next_sentence`, the closer closes everything opened before it, and a closing quote
/// closes a quotation that opens the sentence.
fn question_after_closer(sentence: &str, next_sentence: &str) -> Option<usize> {
    if !sentence.trim_end().ends_with(['؟', '?']) {
        return None;
    }
    let (at, _) = sentence.char_indices().rfind(|&(i, c)| {
        matches!(c, '»' | ')' | '”' | '"')
            && sentence[i + c.len_utf8()..].starts_with(char::is_whitespace)
    })?;
    let closer = sentence[at..].chars().next()?;
    let head = &sentence[..at + closer.len_utf8()];
    let tail = &sentence[head.len()..];
    let start = head.len() + (tail.len() - tail.trim_start().len());
    let balanced = quote_balance(head) == 0
        && head.matches('(').count() == head.matches(')').count()
        && head.matches('"').count().is_multiple_of(2);
    // A quotation is a pull quote when it is all there is before the question; one inside a
    // sentence (وتساءل «…» ماذا بعد؟) is the writer's. A bracket, when it credits a photo
    // (أرشيفية، تصوير: …): other brackets are the writer's asides (… (بحسب الوزارة) كيف …؟).
    let pull_quote = if closer == ')' {
        head.rfind('(').is_some_and(|open| credits_photo(&head[open + 1..at]))
    } else {
        head.starts_with(['«', '“', '"']) && quotation_spans(head)
    };
    let words_before = head.split_whitespace().count();
    (balanced && pull_quote && words_before >= 2 && question_heading(tail.trim(), next_sentence))
        .then_some(start)
}

/// Whether the quotation that opens `s` closes only at its end («…»، not «…» وقال «…»).
fn quotation_spans(s: &str) -> bool {
    let mut depth = 0isize;
    let mut straight = false;
    let last = s.char_indices().next_back().map_or(0, |(i, _)| i);
    for (i, c) in s.char_indices() {
        match c {
            '«' | '“' => depth += 1,
            '»' | '”' => depth -= 1,
            '"' => {
                straight = !straight;
                depth += if straight { 1 } else { -1 };
            }
            _ => continue,
        }
        if depth <= 0 && i < last {
            return false;
        }
    }
    depth == 0
}

/// A list item's number alone: one or two digits (ASCII or Arabic-Indic) and `.` or `)`.
fn is_list_number(s: &str) -> bool {
    let digits = s.trim_end_matches(['.', ')']);
    digits.len() < s.len()
        && (1..=2).contains(&digits.chars().count())
        && digits.chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
}

/// A clock time: one or two digits, a colon, two digits (ASCII or Arabic-Indic, folded).
fn is_clock_time(w: &str) -> bool {
    let Some((h, m)) = w.split_once(':') else { return false };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_digit())
    };
    digits(h, 1..=2) && digits(m, 2..=2)
}

/// Is a whole plain-text line a heading? A short line (one to six plain words, no sentence
/// punctuation, no digits) that reads as a noun phrase, between longer paragraphs.
pub fn is_heading_line(
    text: &str,
    line: Range<usize>,
    prev_line: Option<Range<usize>>,
    next_line: Option<Range<usize>>,
) -> bool {
    let Some(s) = text.get(line.clone()) else { return false };
    let prev_text = prev_line.clone().and_then(|r| text.get(r)).unwrap_or("");
    // A byline's second line (بقلم: فلان / محلل اقتصادي) is the author's title.
    let after_byline = prev_text
        .split_whitespace()
        .next()
        .is_some_and(|w| ["بقلم", "كتب", "كتبت"].contains(&fold_str(w).trim_end_matches(':')));
    if after_byline {
        return false;
    }
    if standalone_heading(s, prev_text, next_line.clone().and_then(|r| text.get(r)).unwrap_or("")) {
        return true;
    }
    // The text's first line: its title, unless it is the page's furniture.
    if prev_line.is_none() && page_top(s) {
        return false;
    }
    let words: Vec<String> = s.split_whitespace().map(fold_str).collect();
    let next_text = next_line.clone().and_then(|r| text.get(r)).unwrap_or("");
    // A live blog's time stamp on its own line (09:50 بتوقيت غرينتش، 14:30 GMT) heads the
    // update under it.
    if words.first().is_some_and(|w| is_clock_time(w))
        && words.len() <= 4
        && words[1..].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.'))
        && next_text.split_whitespace().count() >= 4
    {
        return true;
    }
    // One word alone on a line is more often page furniture (شاهد، فيديو) than a heading.
    if words.len() < 2 || words.len() > 6 || s.chars().count() > 70 {
        return false;
    }
    // Furniture (صورة أرشيفية، مواضيع ذات صلة): see `standalone_heading`.
    if FURNITURE.iter().any(|f| fold_str(f) == words[0].trim_end_matches(':')) {
        return false;
    }
    let n = words.len();
    // A time word may open a heading on its own line (ليلة الحسم، عام على الحرب): the rule
    // against it is for a phrase inside running text, where it opens a sentence.
    let plain = words.iter().enumerate().all(|(i, w)| {
        let first = i == 0 && !time_words().contains(w.as_str());
        !w.chars().any(|c| c.is_ascii_digit()) && heading_word_ok(w, first, i + 1 == n)
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

    /// A sentence of body text for a heading to follow.
    const SENTENCE_BEFORE: &str =
        "وارتفعت الأسعار بنسبة كبيرة خلال الأسبوع الماضي وفق البيانات الرسمية.";

    fn headings(text: &str) -> Vec<&str> {
        embedded_headings(text, 0..text.len(), true).into_iter().map(|h| &text[h.title]).collect()
    }

    #[test]
    fn round_44_headings_before_asides_pronouns_ahead_glued_waw_and_a_name_with_a_colon() {
        let before = "انتهى الأمر هنا. ";
        for (text, want) in [
            // After a headline's verb, و + an aside of attribution set off by its comma.
            (
                "عرض يصعب رفضه وبحسب موقع رياضي بريطاني متخصص، فإن العرض يتجاوز كل الأرقام.",
                "عرض يصعب رفضه",
            ),
            // A pronoun in وفي … pointing ahead to the main verb's own subject.
            (
                "مخاوف من فائض في المعروض وفي تقريرها الشهري، خفضت وكالة الطاقة الدولية توقعاتها.",
                "مخاوف من فائض في المعروض",
            ),
            // A definite word glued to و + a listed verb, or to وفي.
            (
                "دور صندوق الاستثماراتويقف صندوق الاستثمارات العامة وراء الصفقة الكبيرة.",
                "دور صندوق الاستثمارات",
            ),
            ("معركة التمويلوتطالب الدول النامية برفع التمويل إلى تريليون دولار.", "معركة التمويل"),
            // A name without the article before a colon and a subtitle.
            (
                "ليبيا: خريطة طريق جديدة وقال المبعوث الأممي إن الخطة جاهزة للتنفيذ.",
                "ليبيا: خريطة طريق جديدة",
            ),
            (
                "كشمير: تبادل اتهامات وقصف مدفعي واتهم الجيش الهندي باكستان بخرق الهدنة.",
                "كشمير: تبادل اتهامات وقصف مدفعي",
            ),
            // With the article too (QA round 46).
            (
                "الجزائر: الغاز والنفط في المقابل، تراهن الجزائر على توسيع صادراتها.",
                "الجزائر: الغاز والنفط",
            ),
        ] {
            let text = format!("{before}{text}");
            assert_eq!(headings(&text), vec![want], "{text}");
        }
        for text in [
            // The pronoun points back: the verb has no subject of its own after it.
            "الدول الغربية وفي تقريرها السنوي، فرضت عقوبات على روسيا.",
            // وفي مقدمتها names who leads the subject: the noun after the verb is its object.
            "الفصائل الفلسطينية وفي مقدمتها حركة حماس، رفضت مقترح الهدنة الأخير.",
            // One word before a colon: a label, a dateline, a title, a verb of saying.
            "عاجل: انفجار كبير في الميناء وقال شهود إن الدخان يتصاعد.",
            "المصدر: وكالة الأنباء الرسمية وقال الوزير إن الخطة جاهزة.",
            // A definite noun that no list names (review: الأسباب: ارتفاع الأسعار …), nor a
            // word of a person's name (الثاني: an ordinal).
            "الأسباب: ارتفاع الأسعار وتراجع الدخل وقال الخبير إن الوضع صعب.",
            "الثاني: خطة جديدة للنقل وقال الوزير إن الخطة جاهزة للتنفيذ.",
            "القاهرة: أعلنت الحكومة المصرية خطة جديدة للنقل وقال الوزير إنها جاهزة.",
            "الرئيس: الحرب انتهت وقال إن السلام قريب جدا في المنطقة.",
            "وأضاف: المرحلة المقبلة صعبة وقال إن الحكومة مستعدة لها.",
            // A subtitle that runs on into the sentence (no clear opening after it).
            "غزة: الوضع الإنساني يتدهور بسرعة كبيرة في كل المناطق.",
        ] {
            let text = format!("{before}{text}");
            assert!(headings(&text).is_empty(), "{text}: {:?}", headings(&text));
        }
        // A word of five letters or fewer may hold the و (الأوامر is not الأ + وأمر).
        assert_eq!(glued_waw("الأوامر"), None);
        assert_eq!(glued_waw("التمويلوتطالب"), Some("التمويل".len()));
        assert_eq!(glued_waw("الجنوبيوفي"), Some("الجنوبي".len()));
        assert_eq!(glued_waw("الموقع"), None);
        assert_eq!(glued_waw("الاستثماراتويقف"), Some("الاستثمارات".len()));
        // Plural nouns whose ending a derived verb form spells (ورات: رأى + ت) are whole words
        // (review: المشاورات became «المشا» + «ورات»).
        for word in ["المشاورات", "المناورات", "المشروبات", "المنشورات", "المستودعات", "الدولية"]
        {
            assert_eq!(glued_waw(word), None, "{word}");
        }
        // A question mark inside an address asks nothing (review: five links hid the
        // question headings of an article asking four).
        let links = "https://example.com/news?id=1 ".repeat(5);
        assert!(few_questions(&format!("{links} هل تصمد الأسعار؟ وماذا بعد؟")));
        assert!(!few_questions(&"لماذا؟ ".repeat(5)));
        // One look at the token's end: the first version, which looked at every و, took 12.8 s
        // for 60 KB of such a token (this test would time out), the review found.
        let long = format!("الكتاب{}", "و".repeat(200_000));
        assert_eq!(glued_waw(&long), None);
    }

    #[test]
    fn round_47_glued_verbs_and_openers_and_sentence_subtitles() {
        let before = "انتهى الاجتماع مساء أمس. ";
        for (text, want) in [
            // و + a present verb, or a past one of the list, glued to a definite word, or to a
            // word's pronoun or plural ending.
            ("طوابير أمام المخابزويصطف المواطنون ساعات طويلة كل صباح.", "طوابير أمام المخابز"),
            ("المزارعون يحصون خسائرهموأعلن الوزير إنشاء صندوق للطوارئ.", "المزارعون يحصون خسائرهم"),
            // A preposition glued before the second word of a clear opening.
            ("الموانئ تحت الضغطمن جهته، قال مدير الميناء إن الحركة تراجعت.", "الموانئ تحت الضغط"),
            // After a colon, a subtitle that is a short sentence, or a quotation, before a
            // new sentence.
            (
                "وزارة الصحة: اللقاح لا يكفي كل المدن وقال المتحدث إن شحنة جديدة في الطريق.",
                "وزارة الصحة: اللقاح لا يكفي كل المدن",
            ),
            (
                "غوتيريش: «العالم يدفع ثمن الانتظار»وأضاف الأمين العام أن الوقت ينفد.",
                "غوتيريش: «العالم يدفع ثمن الانتظار»",
            ),
            (
                "الحكومة الجديدة: «لا عودة إلى الوراء» وفي المقابل، تعهدت المعارضة بمواصلة الاحتجاج.",
                "الحكومة الجديدة: «لا عودة إلى الوراء»",
            ),
        ] {
            let text = format!("{before}{text}");
            assert_eq!(headings(&text), vec![want], "{text}");
        }
        for text in [
            // A speaker's title and what was said: a transcript, not a section.
            "وزير الخارجية: «لن نتراجع عن موقفنا» وقال إن بلاده مستعدة للحوار.",
            // A quotation that the sentence goes on from.
            "المتحدث: «الوضع صعب» في المدينة منذ أسابيع طويلة.",
            // A dateline: its sentence opens with a verb.
            "بيروت: عقد البرلمان جلسة طارئة وقال رئيسه إن القانون سيصدر قريبا.",
        ] {
            let text = format!("{before}{text}");
            assert!(headings(&text).is_empty(), "{text}: {:?}", headings(&text));
        }
        assert_eq!(glued_waw("الحصارويعيش"), Some("الحصار".len()));
        assert_eq!(glued_waw("شركاءهاوأدان"), Some("شركاءها".len()));
        assert_eq!(glued_waw("الاحتياجاتوحذر"), Some("الاحتياجات".len()));
        // Words with a و of their own, and nouns the verbs' shapes spell, stay whole.
        for word in [
            "المستودعات",
            "المستويات",
            "الأوروبيون",
            "التكنولوجيا",
            "الجمهورية",
            "المستوردين",
            "الأولويات",
            "مسؤولون",
            "المحظورات",
            "شيوعيون",
            "الحوثيون",
        ] {
            assert_eq!(glued_waw(word), None, "{word}");
        }
        assert_eq!(glued_opener("قياسيافي", "المقابل،"), Some("قياسيا".len()));
        assert_eq!(glued_opener("العقوباتمن", "جهته،"), Some("العقوبات".len()));
        // Only before the opening's second word; a word's own ending stays.
        assert_eq!(glued_opener("الثقافي", "الجديد"), None);
        assert_eq!(glued_opener("الزمن", "الماضي"), None);
        assert_eq!(glued_particle("أماالإمارات"), Some("أما".len()));
        assert_eq!(glued_particle("فيالمقابل،"), Some("في".len()));
        // Words ending in في or من are words (review: «العمل الصحفي حين يصبح …» made a
        // heading «العمل الصح»).
        for (word, next) in [
            ("الصحفي", "حين"),
            ("موظفي", "هذا"),
            ("اليمن", "جهة"),
            ("الأمن", "جهة"),
            ("الإضافي", "حين"),
            ("الثقافي", "ظل"),
            ("بالتزامن", "جهة"),
        ] {
            assert_eq!(glued_opener(word, next), None, "{word}");
        }
        for text in [
            "العمل الصحفي حين يصبح مهنة خطرة يفقد كثيرا من بريقه.",
            "القاهرة: رئيس الوزراء يلتقي الوفد الأمريكي وأكد الجانبان أهمية التعاون.",
        ] {
            let text = format!("{before}{text}");
            assert!(headings(&text).is_empty(), "{text}: {:?}", headings(&text));
        }
        for word in ["فيالق", "منال", "أمال", "الإمارات", "معالجة"] {
            assert_eq!(glued_particle(word), None, "{word}");
        }
        // A word glued after أما is no heading (QA round 47 found «أماالإمارات» one).
        let text = format!("{before}أماالإمارات فحصلت على زيادة تدريجية في حصتها.");
        assert!(headings(&text).is_empty(), "{:?}", headings(&text));
    }

    #[test]
    fn a_quotation_or_a_count_may_head_a_section() {
        // QA round 40: a whole quotation, glued or not to a clear opening after it.
        let body = "في خطاب أمام مجلس الشورى قال الأمير إن المنطقة تحتاج إلى تعاون أكبر.";
        for sep in ["", " "] {
            let t = format!("{SENTENCE_BEFORE} «الأمن الخليجي مسؤولية أبنائه»{sep}و{body}");
            assert_eq!(headings(&t), vec!["«الأمن الخليجي مسؤولية أبنائه»"], "{t}");
        }
        // A count before a clear opening, three words or more.
        let t = format!(
            "{SENTENCE_BEFORE} 25 مليون جائع وتفيد أحدث تقديرات الأمم المتحدة بأن الجوع يتسع."
        );
        assert_eq!(headings(&t), vec!["25 مليون جائع"]);
        // A quotation that opens its sentence has no verb before it to be the object of: the
        // و + verb after it, of saying too, opens a new sentence, which names the one quoted
        // (QA rounds 46–53: twelve subheadings so, «نريد وظائف لا وعودا» ويرى الخبير …). Up to
        // ten words, clauses parted by a comma, and a scene set before its clause.
        for (t, title) in [
            (
                "«الوضع كارثي بكل المقاييس» ويقول الأطباء إن المستشفيات لم تعد تحتمل.",
                "«الوضع كارثي بكل المقاييس»",
            ),
            (
                "«لن نتراجع عن مطالبنا» وقال المتظاهرون إنهم سيواصلون الاحتجاج حتى النهاية.",
                "«لن نتراجع عن مطالبنا»",
            ),
            (
                "«نحن مستعدون، لكن بشروط» وفي المقابل رفضت المعارضة العرض المقدم لها أمس.",
                "«نحن مستعدون، لكن بشروط»",
            ),
            (
                "«لا نريد أن ننتظر عشرين عاما أخرى»ويرى الباحث دوشان أن الطريق طويل.",
                "«لا نريد أن ننتظر عشرين عاما أخرى»",
            ),
            (
                "«ابني ليس مجرما»أمام المحكمة، تقول بائعة الخضر إن ابنها اعتقل ظلما.",
                "«ابني ليس مجرما»",
            ),
        ] {
            let t = format!("{SENTENCE_BEFORE} {t}");
            assert_eq!(headings(&t), vec![title], "{t}");
        }
        // Not: a quotation that someone goes on to say more of (وأضاف، وتابع), one a bare verb
        // of saying attributes, a scene that is a parenthesis, a count that opens a sentence.
        for t in [
            "«نحن مستعدون للحوار» وأضاف الوزير أن بلاده تريد السلام في المنطقة كلها.",
            "«نحن مستعدون للحوار» وتابعت الوزيرة أن بلادها تريد السلام في المنطقة.",
            "«نحن مستعدون للحوار» قال الوزير في مؤتمر صحفي عقده في العاصمة أمس.",
            "«نحن مستعدون للحوار» في العاصمة، يقول محللون، لكن الشروط صعبة جدا.",
            // The review's: a speaker quoted before goes on, or the words point back.
            "«فقدت بيتي وعملي، ولم يبق لي شيء» ويتابع الرجل حديثه بصوت خافت ومتقطع.",
            "«موكلي بريء، والأدلة ضعيفة» ويشير المحامي إلى أن الملف يفتقر إلى أدلة.",
            "«سنعيد بناء كل بيت، حجرا حجرا» ويؤكد أن التمويل متوفر لكل العائلات.",
            "«الحرب انتهت» ويقول إن الناس بدأوا يعودون إلى بيوتهم في القرى المجاورة.",
            "«لا للتمديد» كما يقول المحتجون في شعاراتهم التي رفعوها أمام البرلمان.",
            "«الأرض لنا» وبهذه الكلمات ختم الشيخ حديثه إلى الصحفيين في القرية.",
            "«أنقذوا أطفالنا» في رسالة مسجلة، يناشد الأب المنظمات الدولية التدخل.",
            "«الحرب لم تنته بعد: الهدنة هشة» وكتب المحلل في مقاله أن الوضع خطير.",
            // The code review's: an empty quotation, a tatweel count.
            "« »وفي الصباح خرج الناس إلى الشوارع للاحتفال بالنصر الكبير.",
            "ـــ مليون جائع وتفيد أحدث تقديرات الأمم المتحدة بأن الجوع يتسع.",
            "37 قتيلا في غارات جديدة على المدينة وأعلنت الوزارة الحصيلة مساء أمس.",
            "2024 شهد تراجعا كبيرا في الاستثمارات الأجنبية وفق التقرير السنوي للبنك.",
            "12 شخصا قتلوا وأصيب آخرون بجروح في الانفجار الذي وقع صباح اليوم.",
        ] {
            let t = format!("{SENTENCE_BEFORE} {t}");
            assert!(headings(&t).is_empty(), "{t}: {:?}", headings(&t));
        }
    }

    #[test]
    fn a_phrase_before_a_verb_of_saying_with_its_subject_is_a_heading() {
        // QA round 41: «ردود الفعل الدولية قال الأمين العام …».
        let t = format!(
            "{SENTENCE_BEFORE} ردود الفعل الدولية قال الأمين العام للأمم المتحدة إن الوضع خطير جدا."
        );
        assert_eq!(headings(&t), vec!["ردود الفعل الدولية"]);
        let t = format!("{SENTENCE_BEFORE} موقف الحكومة أعلنت الوزارة أن الخطة ستنفذ قريبا.");
        assert_eq!(headings(&t), vec!["موقف الحكومة"]);
        // Not: the verb's subject is the phrase's own (a pronoun), or the verb agrees with no
        // subject of its own.
        for t in [
            "الحكومة الجديدة قال رئيسها إن الخطة ستنفذ خلال شهرين على الأقل.",
            "وزير الخارجية قال إن بلاده لن تقبل بأي حل لا يضمن حقوق الشعب.",
        ] {
            let t = format!("{SENTENCE_BEFORE} {t}");
            assert!(headings(&t).is_empty(), "{t}: {:?}", headings(&t));
        }
    }

    #[test]
    fn a_scraped_live_blog_entry_is_headed_by_its_time_and_headline() {
        let structure = |t: &str| {
            paragraph_structure_with(t, 0..t.len(), true, true)
                .1
                .into_iter()
                .map(|h| t[h.title].to_string())
                .collect::<Vec<_>>()
        };
        let t = "بدأت جلسة المفاوضات صباح اليوم في الدوحة وسط تكتم شديد. 11:20 | الوسطاء يقدمون \
                 مقترحا جديدا قدم الوسطاء مقترحا من ثلاث مراحل للطرفين. 14:05 - انتهاء الجولة \
                 الأولى دون اتفاق أعلن مصدر مطلع انتهاء الجولة الأولى. 16:40 أكدت الخارجية أن \
                 الجولة الثانية ستعقد غدا في المكان نفسه.";
        assert_eq!(
            structure(t),
            vec![
                "11:20 | الوسطاء يقدمون مقترحا جديدا",
                "14:05 - انتهاء الجولة الأولى دون اتفاق",
                "16:40"
            ]
        );
        // A time inside a sentence, or one whose words run on without a past verb, heads
        // nothing.
        let t = "وصل الوفد مساء أمس إلى العاصمة بعد رحلة طويلة. وعند 09:50 بدأت الجلسة الأولى \
                 في القصر. 10:15 | جلسة ثانية في القصر الرئاسي بحضور الوزراء والسفراء المعتمدين.";
        assert!(structure(t).is_empty(), "{:?}", structure(t));
    }

    #[test]
    fn sentences_keep_closing_quotes_and_brackets() {
        assert_eq!(
            sentences("قال: «نعم». ثم ذهب؟ (حقًا!) وانتهى… آخر"),
            vec!["قال: «نعم».", "ثم ذهب؟", "(حقًا!)", "وانتهى…", "آخر"]
        );
    }

    #[test]
    fn an_ellipsis_inside_a_quotation_is_a_pause() {
        // A verse quoted with its halves cut by "..." stays one sentence; outside quotes, or
        // after the quotation closed, an ellipsis still ends one; a full stop inside does too.
        assert_eq!(
            sentences("قال: «أنا الذي ... نظر الأعمى إلى أدبي» ثم مضى. وبعد… انتهى"),
            vec!["قال: «أنا الذي ... نظر الأعمى إلى أدبي» ثم مضى.", "وبعد…", "انتهى"]
        );
        assert_eq!(sentences("«هنا… وهناك». جديد"), vec!["«هنا… وهناك».", "جديد"]);
        assert_eq!(sentences("«نعم. لا» ثم…» قال"), vec!["«نعم.", "لا» ثم…»", "قال"]);
        // A « never closed holds ellipses only up to the end of its sentence.
        assert_eq!(
            sentences("قال «نعم... ثم مضى. بعد ذلك... انتهى"),
            vec!["قال «نعم... ثم مضى.", "بعد ذلك...", "انتهى"]
        );
    }

    #[test]
    fn a_stray_comma_after_the_stop_stays_with_its_sentence() {
        // A scraper's ".،" ends the sentence, and a heading may follow it; a decimal comma or
        // an initial does not.
        assert_eq!(
            sentences("الماضي.، أسعار النفط. ثم 3.,5"),
            vec!["الماضي.،", "أسعار النفط.", "ثم 3.,5"]
        );
        assert_eq!(
            headings("منذ سبتمبر الماضي.، أسعار النفط تحت الضغط وتراجعت العقود الآجلة لخام برنت."),
            vec!["أسعار النفط تحت الضغط"]
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

    /// A sentence may end in a one-digit number; only a one-letter word is an initial.
    #[test]
    fn sentences_end_after_a_single_digit() {
        assert_eq!(
            sentences("فاز بنتيجة 7-6. أداء مثالي. المادة 3. قال د. أحمد"),
            vec!["فاز بنتيجة 7-6.", "أداء مثالي.", "المادة 3.", "قال د. أحمد"]
        );
        assert_eq!(
            headings("فاز بنتيجة 6-2 و7-6. أداء مثالي وفرض اللاعب إيقاعه منذ البداية."),
            vec!["أداء مثالي"]
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

    /// An adverbial pair without و opens the sentence after a heading only when a comma sets
    /// it off; without the comma it follows a sentence's subject.
    #[test]
    fn an_adverbial_without_waw_needs_its_comma() {
        assert_eq!(
            headings("انتهى الأمر هنا. مفاوضات التهدئة في المقابل، تتواصل الاتصالات في القاهرة."),
            vec!["مفاوضات التهدئة"]
        );
        assert_eq!(
            headings("انتهى الأمر هنا. المنافسة الأمريكية في الوقت نفسه، تنافس واشنطن الدوحة."),
            vec!["المنافسة الأمريكية"]
        );
        assert!(headings("انتهى الأمر هنا. لافروف في المقابل اتهم الغرب بالسعي إلى هزيمة بلاده.")
            .is_empty());
        assert!(headings("انتهى الأمر هنا. المنتخب المغربي في المقابل حقق أول ميدالية في تاريخه.")
            .is_empty());
        // في حين never takes a comma.
        assert_eq!(
            headings("انتهى الأمر هنا. أزمة السكن في حين يرى خبراء أن الأسعار سترتفع."),
            vec!["أزمة السكن"]
        );
    }

    /// و + a feminine past verb of the shapes that need the ت to be told from nouns: doubled
    /// (وردت، وحلت), hollow (وكانت), form V (وتصدرت، وتعثرت), hollow form VIII (واختارت).
    #[test]
    fn heading_before_waw_and_a_feminine_past_verb() {
        for (text, want) in [
            ("انتهى الأمر هنا. الرد الرسمي وصدت الحكومة كل الاتهامات.", "الرد الرسمي"),
            ("انتهى الأمر هنا. ضيف الشرف وحلت النرويج ضيفة على الدورة.", "ضيف الشرف"),
            ("انتهى الأمر هنا. تحالفات كبرى وتصدرت القوائم النتائج في الجنوب.", "تحالفات كبرى"),
            (
                "انتهى الأمر هنا. مفاوضات متعثرة وتعثرت المفاوضات مرارا منذ البداية.",
                "مفاوضات متعثرة",
            ),
            (
                "انتهى الأمر هنا. شخصية المعرض واختارت اللجنة المفكر الراحل شخصية للدورة.",
                "شخصية المعرض",
            ),
            ("انتهى الأمر هنا. أزمة الديون وعادت الحكومة إلى الاقتراض من الخارج.", "أزمة الديون"),
        ] {
            assert_eq!(headings(text), vec![want], "{text}");
        }
        // A verb whose first radical is و (وصفت، وعدت، وردت) follows its subject: a sentence.
        assert!(headings("انتهى الأمر هنا. الأمم المتحدة وصفت الوضع بأنه إنذار مبكر.").is_empty());
        assert!(headings("انتهى الأمر هنا. الحكومة العراقية وعدت بحلول عاجلة قبل الصيف.").is_empty());
        // وتحت is the preposition, not و + a doubled verb تحّ + ت.
        assert!(
            headings("انتهى الأمر هنا. الحكومة الجديدة وتحت ضغط الشارع قررت الاستقالة.").is_empty()
        );
        // Without the ت the same shapes are nouns: و + تعاون، تقدم continue the phrase.
        assert!(headings("انتهى الأمر هنا. أمن وتعاون بين البلدين في المجالات كافة.").is_empty());
        assert!(headings("انتهى الأمر هنا. الوضع الاقتصادي وتقدم المفاوضات يقلقان المستثمرين.")
            .is_empty());
    }

    /// A number ends a heading after a noun (رؤية مصر 2030), before a colon too; it never
    /// starts one, nor does a year with عام.
    #[test]
    fn a_heading_may_end_in_a_number() {
        assert_eq!(
            headings("انتهى الأمر هنا. رؤية مصر 2030 ويقول مسؤولون إن الإصلاحات تنسجم معها."),
            vec!["رؤية مصر 2030"]
        );
        assert_eq!(
            headings("انتهى الأمر هنا. جوائز الدورة 55: أعلنت إدارة المعرض أسماء الفائزين."),
            vec!["جوائز الدورة 55"]
        );
        assert_eq!(
            headings("انتهى الأمر هنا. مونديال ٢٠٣٠ وأعلنت اللجنة المنظمة قائمة الملاعب."),
            vec!["مونديال ٢٠٣٠"]
        );
        assert!(headings("انتهى الأمر هنا. 37 قتيلا وأعلنت السلطات الحداد ثلاثة أيام.").is_empty());
        assert!(headings("انتهى الأمر هنا. عام 2024 وشهد العالم انتخابات في أكثر من ستين دولة.")
            .is_empty());
    }

    /// بين is a preposition: inside a heading (السودان بين الطرفين), never first or last.
    #[test]
    fn a_heading_may_hold_bayna() {
        assert_eq!(
            headings("انتهى الأمر هنا. السودان بين الطرفين أما الخرطوم فدعت إلى الحوار."),
            vec!["السودان بين الطرفين"]
        );
        assert!(headings("انتهى الأمر هنا. بين الطرفين كما يقول الخبراء هوة واسعة.").is_empty());
        // وبين (and he explained / and between) stays out of headings.
        assert!(headings("انتهى الأمر هنا. الخبير وبين أن الصين تستثمر في الأسلحة.").is_empty());
    }

    /// و + a present verb (ويصنف، ويقول، وتعتمد، وتتواصل) or وكان opens a sentence after a
    /// phrase of two words or more that does not read as a subject and its predicate.
    #[test]
    fn heading_before_waw_and_a_present_verb() {
        for (text, want) in [
            ("انتهى الأمر هنا. تصنيف المخاطر ويصنف القانون الأنظمة بحسب خطورتها.", "تصنيف المخاطر"),
            (
                "انتهى الأمر هنا. توسعة حقل الشمال وتعتمد الصفقة على المشروع الجديد.",
                "توسعة حقل الشمال",
            ),
            ("انتهى الأمر هنا. عقوبات جديدة وتتجه الدول الأوروبية إلى تشديدها.", "عقوبات جديدة"),
            ("انتهى الأمر هنا. منبر جدة وكان المنبر قد أسفر عن إعلان مبادئ.", "منبر جدة"),
            ("انتهى الأمر هنا. خطة 2030 ويتوقع مسؤولون أن تكتمل في موعدها.", "خطة 2030"),
            // ي + two letters: a verb whose first radical و fell (وزن → يزن).
            ("انتهى الأمر هنا. مواصفات القمر ويزن القمر نحو 200 كيلوغرام.", "مواصفات القمر"),
        ] {
            assert_eq!(headings(text), vec![want], "{text}");
        }
        for text in [
            // A subject and its predicate (indefinite after definite, or a prepositional one).
            "انتهى الأمر هنا. الاقتصاد ضعيف ويحتاج إلى إصلاحات عميقة وسريعة.",
            "انتهى الأمر هنا. أسعار النفط مرتفعة وتتجه إلى مزيد من الارتفاع.",
            "انتهى الأمر هنا. الوضع الإنساني صعب وكانت الأمم المتحدة قد حذرت منه.",
            "انتهى الأمر هنا. الاقتصاد في خطر ويحتاج إلى إصلاحات عميقة وسريعة.",
            "انتهى الأمر هنا. الوضع الاقتصادي صعب وتعاني الأسر من الغلاء.",
            // One word: the subject of the sentence.
            "انتهى الأمر هنا. الحكومة ويقول مسؤولون إنها ستستقيل قريبا جدا.",
            // A title then a name that looks like و + a present verb.
            "انتهى الأمر هنا. ولي العهد البريطاني الأمير ويليام زار المستشفى أمس.",
            "انتهى الأمر هنا. المبعوث الأمريكي ستيف ويتكوف قال إن المحادثات مثمرة.",
            "انتهى الأمر هنا. المبعوث الأمريكي ويتكوف في طريقه إلى المنطقة.",
            "انتهى الأمر هنا. الأمم المتحدة ويونيسف تحذران من تفشي الأمراض.",
            // اليمن without its article is a noun, not ي + a verb.
            "انتهى الأمر هنا. السعودية الجديدة ويمن جديد في خطاب الرئيس أمس.",
            // تفعل alone is as often a noun (وتقدم، وتطور).
            "انتهى الأمر هنا. أمن المنطقة وتطور العلاقات بين البلدين على الطاولة.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    /// More clause openers: adverbials with و (وفي المقابل، ومن المقرر، ومن جهته without a
    /// comma), يأتي ذلك, sentence adverbs with their comma (ميدانيا،), and verbs such as ونوه.
    #[test]
    fn more_clause_openers() {
        for (text, want) in [
            (
                "انتهى الأمر هنا. المعارك على الأرض ميدانيا، تتواصل المعارك في الخرطوم.",
                "المعارك على الأرض",
            ),
            (
                "انتهى الأمر هنا. أسعار الطاقة وفي المقابل تراجعت أسعار الغاز في أوروبا.",
                "أسعار الطاقة",
            ),
            (
                "انتهى الأمر هنا. زيارة مرتقبة ومن المقرر أن يزور الرئيس بكين الشهر المقبل.",
                "زيارة مرتقبة",
            ),
            ("انتهى الأمر هنا. الموقف الروسي ومن جهته قال الكرملين إن الوقت مبكر.", "الموقف الروسي"),
            (
                "انتهى الأمر هنا. خلفية الأزمة يأتي ذلك بعد أسابيع من التوتر على الحدود.",
                "خلفية الأزمة",
            ),
            ("انتهى الأمر هنا. تطورات أخرى إلى ذلك، أعلنت الشرطة اعتقال ثلاثة أشخاص.", "تطورات أخرى"),
            ("انتهى الأمر هنا. دعوة للحوار ونوه الوزير بأهمية الحوار بين الأطراف.", "دعوة للحوار"),
            ("انتهى الأمر هنا. خسائر بشرية ولقي 12 شخصا حتفهم في الهجوم.", "خسائر بشرية"),
            ("انتهى الأمر هنا. موقف الحكومة وردا على ذلك، قالت الحكومة إنها سترد.", "موقف الحكومة"),
            ("انتهى الأمر هنا. خطة الإنقاذ وتهدف الخطة إلى خفض العجز.", "خطة الإنقاذ"),
            ("انتهى الأمر هنا. دور الوساطة وتلعب قطر دورا محوريا في الوساطة.", "دور الوساطة"),
        ] {
            assert_eq!(headings(text), vec![want], "{text}");
        }
        // Without its comma a sentence adverb sits inside the sentence, after one word it
        // follows the subject.
        for text in [
            "انتهى الأمر هنا. الجيش السوداني ميدانيا تقدم في عدة محاور قرب العاصمة.",
            "انتهى الأمر هنا. الجيش ميدانيا، تقدم في عدة محاور قرب العاصمة.",
            "انتهى الأمر هنا. الحكومة إلى ذلك تعهدت بحماية الفئات الأكثر تضررا.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    /// وقد، ولم، وبذلك and و + a prepositional phrase closed by a comma are weak openings:
    /// found after a heading, not after a subject and its predicate.
    #[test]
    fn weak_openings_with_particles_and_prepositions() {
        for (text, want) in [
            (
                "انتهى الأمر هنا. جبهة لبنان وعلى الحدود اللبنانية، تبادل الطرفان القصف.",
                "جبهة لبنان",
            ),
            (
                "انتهى الأمر هنا. عودة الكوليرا ومع بدء موسم الأمطار، سجلت المحافظات إصابات.",
                "عودة الكوليرا",
            ),
            (
                "انتهى الأمر هنا. انتقادات حقوقية وقد أعربت منظمات عن قلقها من الحكم.",
                "انتقادات حقوقية",
            ),
            ("انتهى الأمر هنا. موقف الحركة ولم تعلق الحركة رسميا على المقترح.", "موقف الحركة"),
            (
                "انتهى الأمر هنا. صدارة الدوري وبهذا الفوز رفع الهلال رصيده إلى 56 نقطة.",
                "صدارة الدوري",
            ),
            (
                "انتهى الأمر هنا. إنجاز تاريخي بهذا الفوز، أصبح اللاعب سادس من يحقق ذلك.",
                "إنجاز تاريخي",
            ),
            ("انتهى الأمر هنا. أزمة ثقة لذلك، قررت الحكومة تأجيل الانتخابات.", "أزمة ثقة"),
        ] {
            assert_eq!(headings(text), vec![want], "{text}");
        }
        for text in [
            "انتهى الأمر هنا. الوضع صعب وقد حذرت منه الأمم المتحدة مرارا.",
            "انتهى الأمر هنا. الحكومة وقد أعلنت الحداد ثلاثة أيام على الضحايا.",
            // Without the comma بهذا is inside the sentence.
            "انتهى الأمر هنا. الفريق الأول بهذا الأداء لن يذهب بعيدا في البطولة.",
            // An aside of time, or one that points back to the subject, follows the subject.
            "انتهى الأمر هنا. قطاع السياحة وبعد سنوات من الركود، يشهد انتعاشا.",
            "انتهى الأمر هنا. العلاقات بين البلدين ومنذ توقيع الاتفاق، شهدت تحسنا ملحوظا.",
            "انتهى الأمر هنا. الدول الغربية وفي مقدمتها الولايات المتحدة، فرضت عقوبات.",
            // The main clause's verb has no subject of its own: the one before the aside.
            "انتهى الأمر هنا. المنظمة الدولية وفي بيان صدر أمس، طالبت بوقف القتال فورا.",
            "انتهى الأمر هنا. العلاقات الثنائية وفي السنوات الأخيرة، شهدت تحسنا ملحوظا.",
            // A person (a title) before the aside is the subject.
            "انتهى الأمر هنا. رئيس الوزراء وفي كلمة أمام البرلمان، قال إن الحكومة باقية.",
            // No comma closes the phrase, or a definite noun follows it.
            "انتهى الأمر هنا. الجيش الإسرائيلي وفي خطوة مفاجئة أعلن انسحابه من المنطقة.",
            "انتهى الأمر هنا. الوضع الأمني وفي المدن الكبرى، الهدوء يسود الشوارع.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    /// More past shapes after و: any feminine past of four letters or more (وحققت، وشملت),
    /// form VII (وانقسم), form VIII of a root in ل (والتهمت); a present ending in its root ه
    /// (ويواجه). Not after ف for the short shapes (فقدت، فرضت are verbs of their own), nor an
    /// adjective in -ًا whose و is a radical (واسعا).
    #[test]
    fn more_past_shapes_after_waw() {
        for (text, want) in [
            ("انتهى الأمر هنا. أرباح قياسية وحققت الشركة أرباحا صافية كبيرة.", "أرباح قياسية"),
            ("انتهى الأمر هنا. انقسام داخلي وانقسم أعضاء الحزب بين مؤيد ومعارض.", "انقسام داخلي"),
            ("انتهى الأمر هنا. حرائق الغابات والتهمت النيران آلاف الهكتارات.", "حرائق الغابات"),
            ("انتهى الأمر هنا. نقص الغذاء ويواجه ملايين الأشخاص خطر المجاعة.", "نقص الغذاء"),
        ] {
            assert_eq!(headings(text), vec![want], "{text}");
        }
        for text in [
            // أثار folds like the noun آثار (وآثار الحرب باقية): not listed, so no heading
            // before either (the review found the noun taken for the verb).
            "انتهى الأمر هنا. جدل واسع وأثار القرار جدلا واسعا على المواقع.",
            "انتهى الأمر هنا. دمار واسع وآثار الحرب باقية في كل مكان.",
            "انتهى الأمر هنا. العملة المحلية فقدت نصف قيمتها خلال عام.",
            "انتهى الأمر هنا. المفوضية الأوروبية وافقت على الخطة الجديدة.",
            "انتهى الأمر هنا. إنسان جديد وإنسان قديم في رواية واحدة طويلة.",
            // رفع، تراجع as verbal nouns: a dual verb follows the pair they form with the subject.
            "انتهى الأمر هنا. الاتفاق النووي ورفع العقوبات يتصدران جدول الأعمال.",
            "انتهى الأمر هنا. الأسعار المرتفعة وتراجع القدرة الشرائية يثقلان كاهل الأسر.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
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
        // A question's short answer after a colon (QA round 24).
        assert!(headings("هل اللقاح آمن؟ الجواب المختصر: نعم. يستخدم اللقاح منذ سنوات طويلة.")
            .is_empty());
        assert!(headings("انتهى الأمر هنا. وأضاف: الناتو بحاجة لأصدقاء كثيرين.").is_empty());
        // A subject and its predicate, or a speaker and their name, before the colon.
        assert!(headings("انتهى الأمر هنا. الأسباب عديدة: الحرب والجفاف وارتفاع الأسعار.").is_empty());
        assert!(headings("انتهى الأمر هنا. الرئيس ماكرون: لن نتراجع عن هذا القرار أبدا.").is_empty());
        // A title and its holder introduce a speaker's words, as in a transcript.
        for speaker in ["وزير الخارجية", "الرئيس الأمريكي", "المتحدث باسم الجيش"]
        {
            let text = format!("انتهى الأمر هنا. {speaker}: لا تفاوض تحت النار أبدا.");
            assert!(headings(&text).is_empty(), "{text}: {:?}", headings(&text));
        }
        assert_eq!(
            headings("انتهى الأمر هنا. الوضع في سوريا: نقلت الوكالة عن مسؤولين أن الوضع صعب."),
            vec!["الوضع في سوريا"]
        );
        // A numbered list item's label is not a heading, scraped or not; nor is one word
        // before a colon (a label, a speaker).
        assert!(headings("انتهى الأمر هنا. 1. سد النهضة: بدأت إثيوبيا بناءه عام 2011 بكلفة كبيرة.")
            .is_empty());
        assert!(headings("انتهى الأمر هنا. ٢) موقف مصر: تعتمد مصر على النيل في كل شيء تقريبا.")
            .is_empty());
        assert!(headings("انتهى الأمر هنا بعشر نقاط 1. سد النهضة: بدأت إثيوبيا بناءه عام 2011.")
            .is_empty());
        // A sentence that merely ends with a small number does not hide the heading after it.
        assert_eq!(
            headings(
                "حل الفريق في المركز 3. الوضع في سوريا: نقلت الوكالة عن مسؤولين أن الوضع صعب."
            ),
            vec!["الوضع في سوريا"]
        );
        assert!(
            headings("انتهى الأمر هنا. عاجل: أعلنت الحكومة حالة الطوارئ في البلاد اليوم.").is_empty()
        );
        // A label and its value: an address, a link or figures follow the colon.
        for text in [
            "انتهى الأمر هنا. للتواصل: economy@news.example أو زيارة https://news.example",
            "انتهى الأمر هنا. للاطلاع على جدول المباريات: https://example.com/fixtures الآن.",
            "انتهى الأمر هنا. الأسعار الجديدة: الخبز 20 قرشا والأرز 30 جنيها للكيلو.",
            "انتهى الأمر هنا. النتيجة النهائية: الأهلي 2 الزمالك 1 في المباراة.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    /// A headline with a present verb (subject, verb, object) is a heading only before a
    /// sentence that plainly starts anew: و + a past verb with its own subject, or و + في, a
    /// comma and a verb with its subject.
    #[test]
    fn a_verbal_headline_before_a_new_sentence() {
        let before = "وسجلت الأسواق مكاسب محدودة خلال جلسة اليوم بحسب المتعاملين.";
        for (text, title) in [
            (
                "الذهب يسجل مستويات قياسية وصعدت أسعار الذهب في المعاملات الفورية.",
                "الذهب يسجل مستويات قياسية",
            ),
            (
                "الدوري السعودي يجذب النجوم وفي الرياض، واصل البرتغالي رونالدو تألقه هذا الموسم.",
                "الدوري السعودي يجذب النجوم",
            ),
            (
                "اللاعب يواصل التألق وبات دياز أول لاعب يسجل في ثلاث مباريات متتالية.",
                "اللاعب يواصل التألق",
            ),
        ] {
            assert_eq!(headings(&format!("{before} {text}")), vec![title], "{text}");
        }
        for text in [
            // The same subject goes on (أن), a clause opener, a comma, a present verb after و.
            "الحكومة تدرس الخطة وأكدت أنها ستعلن قرارها خلال أيام قليلة.",
            "الوزارة تتابع الوضع وأكدت أنها ستعلن قرارها خلال أيام قليلة.",
            "الذهب يسجل مستويات قياسية كما ارتفعت أسعار الفضة في السوق.",
            "الأسواق تترقب القرار، وارتفعت أسعار النفط في التعاملات المبكرة.",
            "الأسواق تترقب القرار ويتوقع المحللون رفع الفائدة مرة أخرى.",
            // A verb first, or a title in the subject.
            "يسجل الذهب مستويات قياسية وصعدت أسعار الفضة في المعاملات الفورية.",
            "الرئيس ماكرون يزور الجزائر وأعلن قصر الإليزيه موعد الزيارة أمس.",
        ] {
            assert!(headings(&format!("{before} {text}")).is_empty(), "{text}");
        }
    }

    /// A headline may open with its present verb (QA rounds 46–53: a fifth of the scraped
    /// subheadings missed), before a turn to another side (أما، في المقابل، من جهته،); not
    /// before what a present clause goes on into (review: 38 of 177 sentences of prose were
    /// cut by a first version that took these).
    #[test]
    fn a_headline_may_open_with_its_present_verb() {
        let before = "وسجلت الأسواق مكاسب محدودة خلال جلسة اليوم بحسب المتعاملين.";
        for (text, title) in [
            (
                "تتوقع الوكالة فائضا كبيرا في المقابل، رسمت منظمة أوبك صورة أكثر تفاؤلا.",
                "تتوقع الوكالة فائضا كبيرا",
            ),
            (
                "تتمسك النقابات برفع الأجور أما الحكومة فتقول إن الميزانية لا تسمح بذلك.",
                "تتمسك النقابات برفع الأجور",
            ),
            (
                "تتراجع الصادرات رغم المكاسب على الصعيد المحلي، لم تتأثر الأسواق كثيرا.",
                "تتراجع الصادرات رغم المكاسب",
            ),
            (
                "يتمسك الحزب بمرشحه من جهتها، رفضت المعارضة أي تسوية مع الحكومة.",
                "يتمسك الحزب بمرشحه",
            ),
        ] {
            assert_eq!(headings(&format!("{before} {text}")), vec![title], "{text}");
        }
        for text in [
            "تسعى الحكومة إلى تقليص العجز وأعلنت وزارة المالية عن خطة جديدة للعام المقبل.",
            "تسعى الحكومة إلى تقليص العجز كما تعمل على زيادة الإيرادات الضريبية هذا العام.",
            "تواجه البلاد أزمة حادة في حين يرى الخبراء أن الحل ما زال ممكنا.",
            "تواجه البلاد أزمة حادة ويرى الخبراء أن الحل ما زال ممكنا رغم كل شيء.",
            "تواجه البلاد أزمة حادة في العاصمة، يقول محللون، والحل ما زال بعيدا.",
            "تواجه البلاد في المقابل، أزمة حادة لم تعرف مثلها منذ عقود طويلة.",
            "يقول الخبراء إن الأزمة ستطول أما الحكومة فتقول إن الحل قريب جدا.",
            // The review's: what a present clause goes on into.
            "يبقى الملف النووي معلقا غير أن السؤال الأصعب يتعلق بالعقوبات الأوروبية.",
            "يعيش النازحون في خيام مؤقتة وفي ريف المحافظة، يعيش آلاف آخرون بلا مأوى.",
            "يجلس أبو محمد أمام منزله في المخيم، يراقب الأطفال وهم يلعبون في الزقاق.",
            "يعاني المواطنون من نقص حاد في الوقود في ظل الأزمة الخانقة، تتزايد الطوابير.",
            "ترتفع درجات الحرارة إلى خمسين درجة وفقا لهيئة الأرصاد، وتستمر حتى الأحد.",
            "تحتاج المستشفيات إلى مزيد من الأدوية في المناطق المنكوبة، تقول منظمة الصحة.",
        ] {
            assert!(headings(&format!("{before} {text}")).is_empty(), "{text}");
        }
    }

    /// A heading may open with a noun whose first radical is و (وثائق، وزراء، وفاة), which is
    /// not the conjunction; a sentence that opens with one and its own verb stays a sentence.
    #[test]
    fn a_heading_may_open_with_a_waw_root_noun() {
        let before = "وأضاف أن الأسعار سترتفع تدريجيا بسبب زيادة الطلب العالمي.";
        for (text, title) in [
            ("وثائق مسربة جديدة وصادق البرلمان على قانون المالية الجديد.", "وثائق مسربة جديدة"),
            ("وفاة الكاتب الكبير ونعت وزارة الثقافة الراحل في بيان رسمي.", "وفاة الكاتب الكبير"),
        ] {
            assert_eq!(headings(&format!("{before} {text}")), vec![title], "{text}");
        }
        let text = format!("{before} وزراء الخارجية العرب اجتمعوا أمس في القاهرة لبحث الأزمة.");
        assert!(headings(&text).is_empty());
    }

    /// Two subjects joined by و, the second a verbal noun spelt like a past verb (وتراجع), then
    /// a dual past verb: one sentence, not a heading before وتراجع.
    #[test]
    fn a_short_question_between_sentences_is_a_heading() {
        let before = SENTENCE_BEFORE;
        let after = "خلال الأسبوع الماضي، ارتفعت أسعار خام برنت بنحو 3 في المئة بعد قرار المنظمة.";
        for q in ["هل تصمد الأسعار؟", "ماذا بعد؟", "لماذا تخشى أوروبا الذكاء الاصطناعي؟"]
        {
            let text = format!("{before} {q} {after}");
            assert_eq!(headings(&text), vec![q]);
            // The question is no sentence of the paragraph any more.
            let (sentences, _) = paragraph_structure(&text, 0..text.len(), false);
            assert!(sentences.iter().all(|s| !text[s.clone()].contains(q)), "{sentences:?}");
            assert_eq!(sentences.len(), 2);
        }
        // A question inside the argument (after ف/و/لكن), answered at once, quoted, with a
        // comma, too long, or before a short sentence, is the text's own.
        for q in [
            "فما الحل؟ يرى الخبراء أن الحل يكمن في زيادة الإنتاج المحلي وتنويع مصادر الدخل.",
            "لكن ماذا بعد؟ يرى الخبراء أن الحل يكمن في زيادة الإنتاج المحلي وتنويع مصادر الدخل.",
            "لماذا يحدث هذا الآن؟ لأن الحكومة تأخرت كثيرا في تنفيذ الإصلاحات التي وعدت بها.",
            "«هل نحن مستعدون؟» تساءل الوزير أمام البرلمان في جلسة خاصة عقدت مساء الأحد.",
            "هل تصمد، في رأيك، الأسعار؟ يرى الخبراء أن الحل يكمن في زيادة الإنتاج المحلي.",
            "هل تصمد الأسعار أمام كل هذه الضغوط المتزايدة في الأسواق؟ يرى الخبراء أن الحل قريب.",
            "هل تصمد الأسعار؟ لا أحد يعرف.",
            // Found by a precision probe: the next sentence answers or points back, the
            // question points back, an interviewee answers.
            "هل يعني ذلك أن المرض حتمي؟ بالطبع لا، يقول الطبيب إن الوقاية ممكنة في معظم الحالات.",
            "أين ذهبت أموال الطوارئ؟ تساءل الناشط المدني في منشور على حسابه أمس أمام المتابعين.",
            "هل هناك حل آخر؟ نعم، وهو الأفضل في رأيي لأنه يحفظ حقوق جميع الأطراف المعنية بالقضية.",
            "ماذا عن ملف المياه؟ د. ليلى: نعمل على خطة وطنية شاملة تمتد عشر سنوات بتمويل دولي.",
        ] {
            assert!(headings(&format!("{before} {q}")).is_empty(), "{q}");
        }
        // «لا» that opens a new sentence is no answer.
        let text =
            format!("{before} ماذا بعد؟ لا يتوقع محللون أن تتراجع الأسعار قبل نهاية العام الجاري.");
        assert_eq!(headings(&text), vec!["ماذا بعد؟"]);
        // A text that asks many questions (a column, an interview) asks them itself.
        let column = format!(
            "{before} لماذا ننتظر؟ كل عام يمر يزيد كلفة الإصلاح على الجميع دون استثناء. \
             أي خطة يقصدون؟ لم يشرح لنا أحد تفاصيلها حتى الآن رغم الوعود. فما الحل؟ \
             وهل من مجيب؟ ألا يكفي ما مضى؟ {after}"
        );
        assert!(!few_questions(&column));
        assert!(headings(&column).is_empty(), "{:?}", headings(&column));
    }

    #[test]
    fn a_headline_or_an_indefinite_phrase_before_a_bare_sentence_is_a_heading() {
        let before = SENTENCE_BEFORE;
        // A headline with its present verb, then لم or a past verb with its own subject.
        for (heading, sentence) in [
            ("شراكة تتجاوز براميل النفط", "لم تعد العلاقة بين البلدين محصورة في تنسيق الإنتاج."),
            ("غياب الصدر يلقي بظلاله", "أعلن التيار الصدري مقاطعة الانتخابات للمرة الثانية."),
            // An indefinite phrase whose gender the verb's is not: the verb's subject follows.
            ("تحذيرات من الأرصاد", "أصدر المعهد الوطني للأرصاد الجوية تحذيرا من الدرجة الحمراء."),
            ("اجتماع طارئ في القاهرة", "أعلنت الجامعة العربية عقد اجتماع طارئ لبحث الأزمة."),
            // A common noun of an organisation's name is no name (code review).
            ("قوات إضافية", "أعلن الجيش إغلاق المعابر الحدودية مع الدول المجاورة."),
            ("صدمة مبكرة", "لم يتأخر الفريق الضيف في تسجيل هدفه الأول بعد دقائق."),
        ] {
            let text = format!("{before} {heading} {sentence}");
            assert_eq!(headings(&text), vec![heading], "{text}");
        }
        // A subject and its verb: an indefinite subject that agrees with the verb, one that
        // names people (مسؤول، مصادر), a name, an aside, a verb and its object.
        for sentence in [
            "منظمات حقوقية انتقدت الخطوة بشدة في بيان مشترك صدر اليوم.",
            "مسؤول أمريكي رفض الكشف عن اسمه قال إن المحادثات مستمرة.",
            "مصادر مطلعة أكدت الخبر في وقت لاحق من مساء اليوم.",
            "أطراف دولية دعت الحكومة إلى ضبط النفس ووقف التصعيد فورا.",
            "لافروف في المقابل اتهم الغرب بالتصعيد في أوكرانيا منذ سنوات.",
            "أداء لافت لممثلة شابة لعبت دور الجدة في الفيلم الجديد.",
            "الحكومة تدرس خطة لم تعلن تفاصيلها بعد رغم مطالبات النواب.",
            "الشركة تطرح هاتفا أعلنت الشركة مواصفاته الشهر الماضي في دبي.",
        ] {
            let text = format!("{before} {sentence}");
            assert!(headings(&text).is_empty(), "{sentence}: {:?}", headings(&text));
        }
    }

    #[test]
    fn a_heading_glued_to_its_sentence_after_a_final_letter_is_cut_there() {
        let before = SENTENCE_BEFORE;
        // ة and ى end a word: a letter after one starts the next.
        let text = format!("{before} تبادل الأسرىوأفرجت إسرائيل عن نحو ألفي أسير فلسطيني أمس.");
        assert_eq!(headings(&text), vec!["تبادل الأسرى"]);
        let text = format!("{before} أزمة مالية خانقةوأكدت الحكومة أنها ستتدخل قريبا لحلها.");
        assert_eq!(headings(&text), vec!["أزمة مالية خانقة"]);
        // Not inside a word that has them only at its end.
        assert_eq!(glued_end("مستشفى"), None);
        assert_eq!(glued_end("الحكومةُ"), None);
        assert_eq!(glued_end("الحكومةُوأكدت"), Some("الحكومةُ".len()));
    }

    #[test]
    fn a_colon_heading_keeps_its_subtitle_before_a_new_sentence() {
        let before = SENTENCE_BEFORE;
        let text = format!(
            "{before} واردات القمح: فاتورة ثقيلة وأكدت الوزارة أن الواردات سترتفع هذا الموسم."
        );
        assert_eq!(headings(&text), vec!["واردات القمح: فاتورة ثقيلة"]);
        // The colon followed by the sentence itself: the title ends at the colon.
        let text = format!("{before} تطورات أخرى: نددت الدولة بالزيارة في بيان رسمي مطول.");
        assert_eq!(headings(&text), vec!["تطورات أخرى"]);
        let text = format!("{before} خلاصة القول: الوضع صعب جدا اليوم في كل المحافظات.");
        assert_eq!(headings(&text), vec!["خلاصة القول"]);
        // A numbered list's label is no heading, subtitle or not (code review).
        let list = "أعلنت الوزارة أن أولويات المرحلة المقبلة هي التالية 1. سد النهضة: أزمة مائية \
                    وأكدت الوزارة أن الملف يحظى بأولوية قصوى.";
        let found = paragraph_structure_with(list, 0..list.len(), false, true).1;
        assert!(
            found.is_empty(),
            "{:?}",
            found.iter().map(|h| &list[h.title.clone()]).collect::<Vec<_>>()
        );
    }

    /// A name and its colon head a subtitle that is a sentence of its own, quoted or not
    /// (QA rounds 46–53: a fifth of the scraped subheadings): before a clear opening, a scene,
    /// or و + a present verb and its own subject. A dateline's sentence (a past verb) is none.
    #[test]
    fn a_name_and_its_colon_head_a_sentence_subtitle() {
        let before = SENTENCE_BEFORE;
        for (text, title) in [
            (
                "طهران: لا تفاوض تحت التهديد في المقابل، قال المتحدث إن الوفد جاهز للجولة.",
                "طهران: لا تفاوض تحت التهديد",
            ),
            (
                "شينباوم: لن نرد بالمثل الآن وقالت الرئيسة في مؤتمرها اليومي إن الحوار مستمر.",
                "شينباوم: لن نرد بالمثل الآن",
            ),
            (
                "ماهر: الحل السياسي وحده لا يكفي وفي الشمال، تنشط الجماعات المسلحة منذ سنوات.",
                "ماهر: الحل السياسي وحده لا يكفي",
            ),
            (
                "الركراكي: «اللقب هدفنا الوحيد» وقال مدرب المنتخب إن اللاعبين جاهزون تماما.",
                "الركراكي: «اللقب هدفنا الوحيد»",
            ),
            (
                "مارينا: الغابة ليست للبيع ويرى مراقبون أن الحكومة جادة في وقف القطع هذه المرة.",
                "مارينا: الغابة ليست للبيع",
            ),
            (
                "اتحاد المغرب العربي: هيكل بلا روح ويدفع الاقتصاد ثمن القطيعة منذ عقود طويلة.",
                "اتحاد المغرب العربي: هيكل بلا روح",
            ),
            (
                "المنظمة البحرية الدولية: الحذر واجب ودعاالأمين العام للمنظمة إلى التريث.",
                "المنظمة البحرية الدولية: الحذر واجب",
            ),
        ] {
            let t = format!("{before} {text}");
            assert_eq!(headings(&t), vec![title], "{t}");
        }
        for text in [
            // A dateline (a past verb, a title), a label.
            "القاهرة: رئيس الوزراء استقبل نظيره الأردني وأكد الجانبان عمق العلاقات بينهما.",
            "القاهرة: الرئيس في زيارة إلى الأردن وأكد الجانبان عمق العلاقات بينهما أمس.",
            // The review's: labels, a noun before a quotation, an answer to a question.
            "باختصار: الوضع صعب جدا وأكدت الحكومة أنها تعمل على حل الأزمة قريبا.",
            "هدفنا: الفوز باللقب هذا الموسم وقال المدرب إن اللاعبين جاهزون تماما.",
            "المتهم: «لم أقتل أحدا، كنت في المنزل» وقال القاضي إن الجلسة ستستأنف.",
            "تونس: لا يزال الغموض يلف مصير الحكومة الجديدة وأكد الرئيس أن الحوار مستمر.",
            "المصدر: «تقرير الوزارة السنوي» وأكدت الوزارة أن الأرقام نهائية هذا العام.",
        ] {
            let t = format!("{before} {text}");
            assert!(headings(&t).is_empty(), "{t}: {:?}", headings(&t));
        }
        // A subtitle that goes on with an adverb or a preposition is the sentence after the
        // heading, which ends at its colon.
        for text in [
            "الاقتصاد المحلي: الوضع مستقر ويتحسن تدريجيا رغم كل الصعوبات التي تواجهه.",
            "الاقتصاد المحلي: الوضع مستقر ويعود إلى النمو رغم كل الصعوبات التي تواجهه.",
        ] {
            let t = format!("{before} {text}");
            assert_eq!(headings(&t), vec!["الاقتصاد المحلي"], "{t}");
        }
        let t = format!("{before} سؤال: كيف ترى الوضع؟ سلامة: الوضع صعب جدا وأكد أن الحل ممكن.");
        assert!(headings(&t).is_empty(), "{t}: {:?}", headings(&t));
        assert_eq!(glued_article("ودعاالأمين"), Some("ودعا".len()));
        // A headline's last word glued to a verb of saying, an adverb to a clause opener.
        assert_eq!(glued_waw("تترقبوقال"), Some("تترقب".len()));
        assert_eq!(glued_waw("المتوفي"), None);
        assert_eq!(glued_opener("أولافي", "المقابل،"), Some("أولا".len()));
        let t = format!("{before} الجزائر: الغاز أولافي المقابل، تراهن الحكومة على صادرات جديدة.");
        assert_eq!(headings(&t), vec!["الجزائر: الغاز أولا"]);
        for word in ["بالاتفاق", "والانتخابات", "ااال", "لااله"] {
            assert_eq!(glued_article(word), None, "{word}");
        }
    }

    #[test]
    fn a_question_after_a_pull_quote_or_a_caption_is_a_heading() {
        let before = SENTENCE_BEFORE;
        let after = "يلاحظ المراقبون أن الأسواق الآسيوية باتت الوجهة الأولى لصادرات المنطقة منذ سنوات.";
        for (aside, q) in [
            ("«لم يبق لنا سوى الغبار»", "ما الحلول الممكنة؟"),
            ("صورة: ميناء جبل علي في دبي (أرشيفية)", "لماذا تتجه الأنظار شرقا؟"),
        ] {
            let text = format!("{before} {aside} {q} {after}");
            assert_eq!(headings(&text), vec![q]);
            let (sentences, _) = paragraph_structure(&text, 0..text.len(), false);
            let sentences: Vec<&str> = sentences.iter().map(|s| &text[s.clone()]).collect();
            assert_eq!(sentences, vec![before, aside, after]);
        }
        // A question inside the argument after a quotation, or an open one, is the text's own;
        // so is one after a quotation that is not the one opening the sentence (code review).
        for tail in [
            "«الوضع صعب» هكذا وصف الوزير الحال وتساءل «كيف نصبر» ماذا بعد؟",
            "وقال الوزير «نحن مستعدون» فهل ينجح ذلك؟",
            "وقال الوزير «نحن مستعدون» لكن هل ينجح؟",
            "وتساءل «كيف نصبر» ماذا بعد؟",
            "«وقال (الوزير) هل ننتظر؟",
        ] {
            let text = format!("{before} {tail} {after}");
            assert!(headings(&text).is_empty(), "{tail}: {:?}", headings(&text));
        }
    }

    #[test]
    fn two_subjects_and_a_dual_past_verb_are_a_sentence() {
        // Two people: a given name spelt like a verb joins the subject.
        let prize = "أعلنت اللجنة أسماء الفائزين بجائزة الصحافة لهذا العام.";
        for pair in ["محمد وأحمد فازا", "سعاد ويوسف فازا", "خالد وأكرم تقاسما"]
        {
            let text = format!("{prize} {pair} بالجائزة عن تحقيقهما حول الصين.");
            assert!(headings(&text).is_empty(), "{text}: {:?}", headings(&text));
        }
        // A verb of the same shape still opens a sentence after a heading.
        assert_eq!(
            headings(&format!("{prize} نتائج الجائزة وأعلن رئيس اللجنة أسماء الفائزين اليوم.")),
            vec!["نتائج الجائزة"]
        );
        let before = "وأضاف أن الأسعار سترتفع تدريجيا بسبب زيادة الطلب العالمي.";
        for text in [
            "الأسعار المرتفعة وتراجع الطلب أديا إلى تباطؤ النمو في الربع الأخير.",
            "الأسعار المرتفعة وتراجع الطلب تسببا في تباطؤ النمو في الربع الأخير.",
            "الأسعار المرتفعة وتراجع الطلب أثرا على النمو في الربع الأخير.",
        ] {
            assert!(headings(&format!("{before} {text}")).is_empty(), "{text}");
        }
    }

    /// A subject, then an aside with و (ومن جهتها، وبدورها، وبحسب …، ووفقا لـ …، وفي المقابل)
    /// and its verb is one sentence: the aside opens a new one after a heading only with its
    /// comma, or (ومن جهته، وفي المقابل) when the verb after it has a definite subject of its
    /// own. And a headline before و + a تـ verb that may be a present one (وتوقع: "and signs")
    /// goes on as one sentence too.
    #[test]
    fn asides_after_a_subject_and_present_verbs_after_a_headline_are_sentences() {
        let before = "وأكد المسؤولون أن العمل مستمر في جميع المحافظات دون توقف.";
        for text in [
            "الحكومة ومن جهتها أعلنت عن حزمة دعم جديدة للمزارعين.",
            "البنك الدولي ومن جهته توقع نمو الاقتصاد بنسبة 3 في المئة.",
            "الولايات المتحدة ومن جانبها دعت إلى ضبط النفس في المنطقة.",
            "الوزارة وبحسب بيان رسمي ستبدأ التسجيل الأسبوع المقبل.",
            "الجيش ووفقا لمصادر عسكرية يستعد لعملية واسعة في الشمال.",
            "الحكومة وبدورها أعلنت عن حزمة دعم جديدة للمزارعين.",
            "الحكومة وفي المقابل أعلنت عن حزمة دعم جديدة للمزارعين.",
            "الصين تعزز حضورها في الخليج وتوقع اتفاقيات جديدة مع دوله.",
            "الوزارة تعلن نتائج الامتحانات وتسلم الشهادات للطلاب غدا.",
        ] {
            assert!(headings(&format!("{before} {text}")).is_empty(), "{text}");
        }
        for (text, title) in [
            ("الموقف الروسي ومن جهته قال الكرملين إن الوقت مبكر للحكم.", "الموقف الروسي"),
            ("موقف الحكومة ومن جهتها، أعلنت الحكومة عن خطة جديدة للدعم.", "موقف الحكومة"),
            ("دعم المزارعين وبحسب بيان الوزارة، ستبدأ المرحلة الأولى غدا.", "دعم المزارعين"),
        ] {
            assert_eq!(headings(&format!("{before} {text}")), vec![title], "{text}");
        }
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
            // A day or a month first is a time adverbial too.
            "انتهى الأمر. الأحد الماضي ودعت الحكومة الوفد الزائر في المطار.",
            "انتهى الأمر. مارس المقبل وتعهد الوزير بإنهاء المشروع قبله.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
    }

    #[test]
    fn an_adjective_shaped_like_a_form_three_verb_opens_nothing() {
        // QA round 51: «ومائل» (slanted) read as a verb like «وواصل» cut a heading out of a
        // sentence; a verb goes on with its subject or object, not with another و.
        let text = "جملة أولى طويلة بما يكفي عن الموضوع هنا. مقدمة بالخط العريض ومائل وبقية \
                    الجملة هنا.";
        assert!(headings(text).is_empty(), "{:?}", headings(text));
        let text = "جملة أولى طويلة بما يكفي عن الموضوع هنا. قصف متواصل على المدينة وواصل الجيش \
                    قصفه للأحياء الشرقية طوال الليل.";
        assert_eq!(headings(text), vec!["قصف متواصل على المدينة"]);
        // An unlisted verb of that shape before a noun that opens with و (review).
        let text = "جملة أولى طويلة بما يكفي عن الموضوع هنا. قصف متواصل على المدينة وهاجم وزير \
                    الدفاع الإسرائيلي الحكومة اللبنانية بشدة في مؤتمر صحفي عقده مساء أمس.";
        assert_eq!(headings(text), vec!["قصف متواصل على المدينة"]);
    }

    /// A phrase with a feminine past verb (شملت) before a colon is a sentence that lists, not a
    /// heading, even when the verb is not in the lexicon.
    #[test]
    fn a_feminine_past_verb_is_not_a_heading_word() {
        assert!(headings("انتهى الأمر هنا. المحادثات شملت ثلاثة ملفات: التجارة، والطاقة، والأمن.")
            .is_empty());
        assert!(headings("انتهى الأمر هنا. الأسواق ترقبت القرار وتفاعلت معه بقوة.").is_empty());
        // استياء (a noun of form X) is not استفعل.
        assert_eq!(
            headings("انتهى الأمر هنا. استياء شعبي وخرج آلاف المتظاهرين إلى الشوارع."),
            vec!["استياء شعبي"]
        );
        // Plurals in ات and nouns such as بيوت stay heading words.
        assert_eq!(
            headings("انتهى الأمر هنا. بيوت مهدمة وقالت الأمم المتحدة إن الوضع صعب."),
            vec!["بيوت مهدمة"]
        );
    }

    /// Words of one or two letters after و/ف (وت، فت، وا) are looked at like any other: no
    /// index past their end (found by the doc fuzz target's regression corpus).
    #[test]
    fn one_letter_stems_after_waw_do_not_panic() {
        for w in ["وت", "فت", "وا", "و", "ت", "وتت", "فات"] {
            let text =
                format!("جملة أولى طويلة. {w} عنوان {w} وت كلام بعده طويل جدا. {w}: كلام آخر هنا.");
            let _ = headings(&text);
        }
    }

    #[test]
    fn no_heading_at_the_start_of_the_first_block() {
        assert!(headings("قوة السلام ودافع المتحدث عن بلاده بقوة.").is_empty());
    }

    /// A scraped article's title run into its lede: before a bare past verb with its own
    /// subject, that does not agree with the title (or after a headline's verb); a lede that
    /// opens with its subject and verb, a time or a place is left whole.
    #[test]
    fn a_title_run_into_the_lede_is_the_first_heading() {
        for (text, title) in [
            (
                "قرض جديد وشروط أصعب توصلت الحكومة وصندوق النقد الدولي إلى اتفاق جديد.",
                "قرض جديد وشروط أصعب",
            ),
            (
                "سباق مع الوقت في المدينة أعلنت السلطات ارتفاع عدد الإصابات المؤكدة.",
                "سباق مع الوقت في المدينة",
            ),
            (
                "ترامب يجدد رغبته في الجزيرة جدد الرئيس الأمريكي حديثه عن الجزيرة أمس.",
                "ترامب يجدد رغبته في الجزيرة",
            ),
        ] {
            assert_eq!(headings(text), vec![title], "{text}");
        }
        for text in [
            "الحكومة المصرية أعلنت أمس عن خطة جديدة لدعم الصادرات الزراعية.",
            "مجلس الأمن تبنى قرارا جديدا بشأن الأزمة في المنطقة بالإجماع.",
            "مساء الأحد أعلنت الشرطة اعتقال عدد من المشتبه بهم في العاصمة.",
            "في الشمال الغربي أعلنت الشرطة أن مسلحين اقتحموا مدرسة داخلية.",
            "أعلنت الشرطة أن مسلحين اقتحموا مدرسة داخلية في الشمال الغربي.",
            "مصادر مطلعة أكدت أن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.",
            "«نحن مستعدون» قال الوزير في مؤتمر صحفي عقده في العاصمة أمس.",
            "«قد نضطر إلى إخلاء العاصمة» حذر الرئيس من أن السلطات قد تضطر إلى ذلك.",
            // The review's: a lede's adverbial first, a quotation the verb's object.
            "«نريد العدالة» رفعت عائلات الضحايا هذه اللافتة أمام المحكمة أمس.",
            "رغم الضغوط الدولية أعلنت الحكومة استمرار العملية العسكرية في الشمال.",
            "بثنائية نظيفة فاز الأهلي على الزمالك في قمة الدوري المصري أمس.",
            "لليوم الثالث على التوالي شهدت العاصمة احتجاجات واسعة على الغلاء.",
            "وسط حضور جماهيري كبير افتتحت الوزيرة المهرجان الدولي للسينما.",
        ] {
            assert!(headings(text).is_empty(), "{text}: {:?}", headings(text));
        }
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
        assert!(is_heading_line(text, lines[1].clone(), None, Some(lines[2].clone())));
        assert!(!is_heading_line(text, lines[0].clone(), None, Some(lines[1].clone())));
        // A dateline with digits or a short sentence line is not a heading.
        let t2 = "القاهرة 12 مايو\nتراجع النمو في الربع الأخير بنسبة كبيرة وفق التقديرات.";
        assert!(!is_heading_line(
            t2,
            0..t2.find('\n').unwrap_or(0),
            None,
            Some(t2.find('\n').unwrap_or(0) + 1..t2.len())
        ));
        // On its own line a heading may open with a time word; a sentence line may not pass.
        let line_heading = |t: &str| {
            let nl = t.find('\n').unwrap_or(0);
            is_heading_line(t, 0..nl, None, Some(nl + 1..t.len()))
        };
        assert!(line_heading("ليلة كروس الأخيرة\nودع النجم الألماني جمهوره في مباراة مؤثرة."));
        // Between a complete paragraph and a long one, a short line that ends no sentence is a
        // heading whatever its shape: a question, a headline with its verb, a quotation, a
        // title and its colon.
        let between = |line: &str| {
            let t = format!(
                "انتهت الجلسة الأولى دون اتفاق واضح بين الطرفين.\n{line}\nقال مسؤولون مطلعون إن \
                 المفاوضات ستستأنف الأسبوع المقبل في العاصمة القطرية بحضور الوسطاء."
            );
            let a = t.find('\n').unwrap();
            let b = a + 1 + t[a + 1..].find('\n').unwrap();
            is_heading_line(&t, a + 1..b, Some(0..a), Some(b + 1..t.len()))
        };
        for h in [
            "هل تصمد الهدنة؟",
            "الوسطاء يضغطون على الطرفين",
            "«لن نتراجع»",
            "أوبك+: لا تغيير في السياسة",
            "البرهان: لن نفاوض تحت النار",
            "كوب 30: خلاف على الوقود",
            // Found by QA round 20: a name or place spelt with و is no conjunction; a
            // speaker's quoted words are no credit; a live blog's entry with its time; a
            // noun that also labels furniture (إعلان، صورة) opening a longer headline.
            "وليد الركراكي يرد على المنتقدين",
            "واشنطن والإدارة الجديدة",
            "وارسو تستضيف القمة المقبلة",
            "الركراكي: «لم نحقق شيئا بعد»",
            "09:35 | الدبيبة يدعو إلى ضبط النفس",
            "14:10 - الوسطاء يصلون إلى العاصمة",
            "إعلان الكويت: وحدة الصف أولا",
            "صورة قاتمة لسوق العمل",
            // QA round 24: a number opens a headline of three words or more.
            "5 نصائح للسلامة",
            "329 مقعدا وخريطة مشتتة",
            // QA round 41: a numbered part before a dash.
            "أولا - الموقف الصيني",
            "الحلقة الثانية - الصين",
        ] {
            assert!(between(h), "{h}");
        }
        // Not: a sentence, a line leading into a list or a quote, a credit, furniture, a
        // dateline, a transcript's label, a caption, one word.
        for h in [
            "وصل الوفد إلى الدوحة.",
            "وتشمل الخطة ما يلي:",
            "بقلم محمد علي",
            "اقرأ أيضا المفاوضات تتعثر",
            "الدوحة 12 مايو",
            "س: ما موقفكم من المفاوضات؟",
            "عاجل: انفجار في الميناء",
            "الرئيس خلال الاجتماع (رويترز)",
            // Found by a precision probe: lines that go on from the text around them.
            "والأمر ليس مستحيلا",
            "وقد تكون الأسابيع المقبلة حاسمة",
            "غير أن المحكمة رفضت هذا الدفع",
            "فهل نمنعها أم نعلم أبناءنا كيف يستخدمونها؟",
            "صارت تطلب من طلابها الكتابة داخل الفصل",
            "جانب من جلسة البرلمان اليوم «أرشيف»",
            "الرباط - الجزيرة نت",
            "القاهرة - رويترز",
            "فاس - من محمد العلوي",
            "بيروت - خاص",
            "أيام قرطاج - الدورة 35",
            // The code review's datelines: an author without من, an agency as initials or
            // under another name. (So «أوكرانيا - روسيا» is no heading either.)
            "عمان - محمد الخطيب",
            "القاهرة - أ.ف.ب",
            "الرباط - هسبريس",
            "لندن - بي بي سي",
            "أوكرانيا - روسيا",
            "«سمعنا صوتا كالرعد، ثم بدأ كل شيء يهتز»",
            "حدث",
            // Two sentences (an interviewer's setup and question); furniture still.
            "صوت البرلمان على القانون. ما خطورة هذا القرار؟",
            "صورة أرشيفية",
            "المصدر: وكالات",
            "09:35 | وصل الوفد إلى الدوحة.",
            "وقالت الوزارة إن العمل مستمر",
            "12/5 الدوحة",
            "2024 للتحول",
        ] {
            assert!(!between(h), "{h}");
        }
        // A question answered by the paragraph after it, a line the next one points back to.
        let with_next = |line: &str, next: &str| {
            let t = format!("انتهت الجلسة الأولى دون اتفاق واضح بين الطرفين.\n{line}\n{next}");
            let a = t.find('\n').unwrap();
            let b = a + 1 + t[a + 1..].find('\n').unwrap();
            is_heading_line(&t, a + 1..b, Some(0..a), Some(b + 1..t.len()))
        };
        let answer = "لا أملك جوابا قاطعا عن هذا السؤال لكن الأرقام تقول الكثير عن حجم الهجرة.";
        assert!(!with_next("أين ذهب كل هؤلاء؟", answer));
        assert!(with_next("مستقبل الهجرة", answer));
        let back = "هكذا وصف أحد السكان اللحظات الأولى للزلزال الذي ضرب المنطقة فجر اليوم.";
        assert!(!with_next("«سمعنا صوتا كالرعد»", back));
        // After a link or a short list item, a question still heads what follows.
        let t = "اقرأ أيضا: النقابات ترفض مقترح الوزارة\nماذا يخسر التلاميذ؟\nيقدر خبراء تربويون أن التلاميذ خسروا حتى الآن ما يعادل شهرا كاملا من الدروس.";
        let a = t.find('\n').unwrap();
        let b = a + 1 + t[a + 1..].find('\n').unwrap();
        assert!(is_heading_line(t, a + 1..b, Some(0..a), Some(b + 1..t.len())));
        // A live blog's time stamps head their updates; a time inside a sentence line does not.
        assert!(line_heading("09:50 بتوقيت غرينتش\nوصل الوفدان إلى مقر المفاوضات صباح اليوم."));
        // Names and nisbas that start like a present verb (ي…) are heading words.
        for h in ["صواريخ بيونغ يانغ", "مخاوف يابانية", "قمة يالطا", "ذكريات يافا"]
        {
            assert!(line_heading(&format!("{h}\nأطلقت الدولة صواريخ جديدة فوق البحر أمس.")), "{h}");
        }
        assert!(line_heading("١٤:٣٠ GMT\nأعلنت الوزارة عن حصيلة جديدة للضحايا."));
        assert!(!line_heading("الساعة 09:50 وصل الوفد\nوصل الوفدان إلى مقر المفاوضات صباح اليوم."));
        assert!(!line_heading("09:50 بتوقيت غرينتش\nعاجل"));
        assert!(line_heading("عام على الحرب\nمرت سنة كاملة على اندلاع المعارك في المدينة."));
        assert!(!line_heading("صباح اليوم أعلنت\nالحكومة عن خطة جديدة لدعم الأسعار في البلاد."));
    }
}
