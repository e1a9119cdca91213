//! Organisations the gazetteer does not list, found by the shape of their names.
//!
//! Arabic news names a body by a head noun and what makes it a name: adjectives of belonging
//! from a closed list (الحزب الاشتراكي الديمقراطي، الفيلق الأفريقي، المحكمة الدستورية), a
//! country's or a scope's adjective beside another of those or a purpose (الاتحاد الإسباني لكرة
//! القدم), and what the body is for (المؤسسة الوطنية للنفط، الجهاز المركزي للتعبئة العامة
//! والإحصاء); a party, by the definite noun it is named after (حزب العمال، حزب الاتحاد للتضامن
//! والتنمية). Any other adjective describes (التيار الكهربائي، اللجنة الفنية، المنظمة الإرهابية),
//! and a body named only by its country (الشركة الصينية) stays that country's.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::OnceLock;

use super::normalize::{fold_str, is_dropped_format};
use super::people::{is_title, names_nothing, words, Word};

/// What a listed actor's mention is, where a phrase overlaps one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    Country,
    Other,
}

/// A listed actor's mention that a word of the text lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListedAt {
    pub kind: Listed,
    /// Where the mention starts (after the word's clitics: وفرنسا's starts at ف).
    pub start: usize,
}

/// An organisation found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgCandidate {
    /// The name as first written, without clitics, joiners or tatweel.
    pub name: String,
    /// The head and its one adjective before the body's purpose, when that adjective names it
    /// (المعهد الوطني for المعهد الوطني لأبحاث الفضاء): the body again, once named in full.
    pub short: Option<String>,
    /// A name in another language found after its head (شركة ناتورجي): it counts only after
    /// such a head again, as the word alone may be an ordinary one (معا، تشرين: review).
    pub after_head: bool,
    /// What the text calls the body in brackets right after its full name (الجبهة الشعبية
    /// لتحرير تيغراي (TPLF)، … (إيكواس)): a short form, counted once the name was given.
    pub acronym: Option<String>,
    /// The name holds a place's name that is the body's own (بنك المكسيك، بورصة طوكيو): the
    /// place's mention inside it is no mention of the place.
    pub owns_place: bool,
}

/// At most this many candidates per document.
const MAX_CANDIDATES: usize = 200;

/// The bytes of the longest head with its clitics and harakat (وللمجموعة): longer words are
/// no heads.
const MAX_HEAD: usize = 48;

/// At most this many words after a head are read for its name.
const LOOK: usize = 14;

/// Heads that name a body with one adjective that names (الحزب الجمهوري، المحكمة الدستورية).
const STRONG_HEADS: &[&str] = &[
    "الحزب",
    "الاتحاد",
    "التحالف",
    "الائتلاف",
    "الجبهة",
    "الحركة",
    "التيار",
    "الفيلق",
    "المحكمة",
    "المجلس",
    "الهيئة",
    "المفوضية",
    "البنك",
    "المصرف",
    "المنظمة",
    "الرابطة",
    "الجمعية",
    "النقابة",
];

/// Heads as common for an office or a place as for a body (المركز الإعلامي، المكتب السياسي):
/// a name needs two things that make it one (المعهد الوطني لأبحاث الفضاء).
const WEAK_HEADS: &[&str] = &[
    "المركز",
    "المكتب",
    "الجهاز",
    "الصندوق",
    "المؤسسة",
    "اللجنة",
    "الوكالة",
    "المعهد",
    "الشركة",
    "المجموعة",
    "القيادة",
    "البعثة",
    "السلطة",
    "الجامعة",
    "المنتدى",
];

/// Heads without the article before a body's own name in another language and the adjective
/// of its country (شركة ناتورجي الإسبانية، وكالة تسنيم الإيرانية، بنك غولدمان ساكس الأمريكي):
/// an indefinite word right before a definite adjective is a proper name.
/// Only nouns that mean a body and nothing else: a review of a wider list (مجموعة "a set of",
/// مركز "a centre", حركة "traffic", حزب + its leader's name) found 107 false names in 196
/// texts. The adjective agrees with the head (شركة … الإسبانية، بنك … الأمريكي).
const FOREIGN_HEADS: &[&str] = &["شركة", "وكالة", "صحيفة", "مجلة", "بنك", "مصرف"];

/// Heads without the article that a bank or an exchange takes its country's or its city's name
/// after (بنك المكسيك، مصرف ليبيا المركزي، بورصة طوكيو): the place's name is the body's, not a
/// mention of the place.
const PLACE_NAMED_HEADS: &[&str] = &["بنك", "مصرف", "بورصة"];

/// What such a name may end with (مصرف ليبيا المركزي، بنك قطر الوطني، بنك دبي الإسلامي).
const PLACE_NAMED_ENDS: &[&str] = &[
    "المركزي",
    "الوطني",
    "الأهلي",
    "التجاري",
    "الإسلامي",
    "الدولي",
    "العربي",
    "الاتحادي",
    "الصناعي",
    "الزراعي",
    "العقاري",
    "الخارجي",
    "الشعبي",
    "المتحد",
];

/// The chambers of a legislature, named by «مجلس» and one of these (مجلس النواب، مجلس الأمة،
/// مجلس الشورى): each a body of the country the text is about, found as one.
const CHAMBERS: &[&str] = &[
    "النواب",
    "الشيوخ",
    "الأمة",
    "الشورى",
    "الشعب",
    "العموم",
    "اللوردات",
    "الدوما",
    "الأعيان",
    "المستشارين",
];

/// Adjectives that name a body: of political belief, faith, people, region and standing
/// (masculine; the feminine and the forms with ة are compared as these). Any other adjective
/// describes one (الكهربائي، الشمالي، الإرهابي، الخيري، الفني، العسكري).
const NAMING: &[&str] = &[
    "الديمقراطي",
    "الاشتراكي",
    "الشيوعي",
    "الجمهوري",
    "الليبرالي",
    "المسيحي",
    "القومي",
    "الوطني",
    "الشعبي",
    "الاجتماعي",
    "الدستوري",
    "الاتحادي",
    "التقدمي",
    "الثوري",
    "العمالي",
    "البعثي",
    "الناصري",
    "الوحدوي",
    "الكردستاني",
    "الكردي",
    "الأمازيغي",
    "العربي",
    "الأفريقي",
    "الإفريقي",
    "الأوروبي",
    "الأوربي",
    "الآسيوي",
    "الخليجي",
    "اللاتيني",
    "المتوسطي",
    "الانتقالي",
    "الرئاسي",
    "التشريعي",
    "المركزي",
    "الفيدرالي",
    "الفدرالي",
    "الأولمبي",
    "البارالمبي",
    "الملكي",
    "الأرثوذكسي",
    "الكاثوليكي",
    "الإنجيلي",
    "القبطي",
    "الشيعي",
    "السني",
    "السامي",
];

/// Adjectives that name without ending in ي (المحكمة الاتحادية العليا، المجلس الأعلى للقضاء).
const NAMING_WORDS: &[&str] = &["العليا", "الأعلى", "الموحد", "المستقل", "المتحد"];

/// Adjectives of scope (المنظمة الدولية، المحكمة الدولية): alone they point back at a body
/// named before (the UN, the ICC) rather than name one.
const SCOPE: &[&str] = &["الدولي", "العالمي", "الأممي", "القاري"];

/// What a party is not named after: a person's title (حزب الرئيس، حزب المستشار) is checked
/// apart; these are the rest (حزب الأغلبية، حزب الأخير، حزب اليمين).
const NOT_PARTY_NAMES: &[&str] = &[
    "الأغلبية",
    "الأكثرية",
    "الأقلية",
    "المعارضة",
    "السلطة",
    "الحكومة",
    "الدولة",
    "الأخير",
    "الأخيرة",
    "الأول",
    "اليمين",
    "اليسار",
    "الوسط",
];

/// Bodies and people a name does not run on into after و (حزب العمال والحكومة، المجلس الأعلى
/// للدولة والبرلمان): two subjects, not one name.
const NOT_JOINED: &[&str] = &[
    "الحكومة",
    "البرلمان",
    "الجيش",
    "الرئاسة",
    "المعارضة",
    "الشرطة",
    "السلطات",
    "السلطة",
    "الأحزاب",
    "الدولة",
    "الوزارة",
    "الوزير",
    "الرئيس",
    "القوات",
    "الأمن",
    "النواب",
    "الشركات",
    "المنظمات",
    "الهيئات",
    "الدول",
    "الشعب",
    "المواطنين",
];

/// ل-words that are particles, not what a body is for (لدى، لكن).
const NOT_PURPOSE: &[&str] =
    &["لدى", "لكن", "لكنه", "لكنها", "لقد", "لأن", "لذلك", "لهذا", "لها", "لهم"];

/// لل-words of time and of a country: when, not what for (للمرة الأولى، للعام الثاني، للبلاد).
const NOT_PURPOSE_DEFINITE: &[&str] = &[
    "للمرة",
    "للعام",
    "لليوم",
    "للأسبوع",
    "للشهر",
    "للسنة",
    "للحظة",
    "للوهلة",
    "للبلاد",
    "للأيام",
    "للأشهر",
    "للسنوات",
    "للأعوام",
];

struct Lists {
    /// Every head, folded, to its entry in [`STRONG_HEADS`] or [`WEAK_HEADS`] (or حزب).
    heads: HashMap<String, &'static str>,
    naming: HashSet<String>,
    naming_words: HashSet<String>,
    scope: HashSet<String>,
    not_party: HashSet<String>,
    not_joined: HashSet<String>,
    not_purpose: HashSet<String>,
    /// [`FOREIGN_HEADS`], folded.
    foreign_heads: HashSet<String>,
    /// [`CHAMBERS`], folded.
    chambers: HashSet<String>,
    /// [`PLACE_NAMED_HEADS`] and [`PLACE_NAMED_ENDS`], folded.
    place_heads: HashSet<String>,
    place_ends: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |l: &[&str]| l.iter().map(|w| fold_str(w)).collect::<HashSet<_>>();
        Lists {
            heads: STRONG_HEADS
                .iter()
                .chain(WEAK_HEADS)
                .chain(&["حزب"])
                .map(|&h| (fold_str(h), h))
                .collect(),
            foreign_heads: set(FOREIGN_HEADS),
            chambers: set(CHAMBERS),
            place_heads: set(PLACE_NAMED_HEADS),
            place_ends: set(PLACE_NAMED_ENDS),
            naming: set(NAMING),
            naming_words: set(NAMING_WORDS),
            scope: set(SCOPE),
            not_party: set(NOT_PARTY_NAMES),
            not_joined: set(NOT_JOINED),
            not_purpose: NOT_PURPOSE
                .iter()
                .chain(NOT_PURPOSE_DEFINITE)
                .map(|w| fold_str(w))
                .collect(),
        }
    })
}

/// A word of the text: its range, folded text, whether punctuation parts it from the word
/// before, and what listed actor's mention it lies in (and where that starts).
struct W {
    range: Range<usize>,
    folded: String,
    after_punct: bool,
    listed: Option<ListedAt>,
}

impl W {
    /// What the listed actor whose mention the word lies in is.
    fn kind(&self) -> Option<Listed> {
        self.listed.map(|at| at.kind)
    }
}

/// A head word without its clitics (و ف, then ب ل ك; لل for ل + ال): the head, how many
/// folded characters of clitics come before the name, and whether the name is written with
/// the article's alef, which لل leaves out (the name then starts at the second ل).
fn head_of(w: &str) -> Option<(&'static str, usize, bool)> {
    let heads = &lists().heads;
    let wa = w.strip_prefix(['و', 'ف']);
    for (s, before) in [(Some(w), 0), (wa, 1)] {
        let Some(s) = s.filter(|s| !s.is_empty()) else { continue };
        if let Some(&h) = heads.get(s) {
            return Some((h, before, false));
        }
        if let Some(&h) = s.strip_prefix("لل").and_then(|rest| heads.get(&format!("ال{rest}")))
        {
            return Some((h, before + 1, true));
        }
        if let Some(&h) = s.strip_prefix(['ب', 'ل', 'ك']).and_then(|rest| heads.get(rest)) {
            return Some((h, before + 1, false));
        }
    }
    None
}

fn definite(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() >= 4
}

/// An adjective in ي (الديمقراطي، الأفريقية), as folded (ة is ه; ى is ي, so الأخرى passes: it
/// names nothing, being on no list).
fn nisba(w: &str) -> bool {
    definite(w) && w.chars().count() >= 5 && (w.ends_with('ي') || w.ends_with("يه"))
}

/// Whether a mention as written is an adjective (الصيني، والمصرية، للأردني), not a name.
pub fn is_adjective(mention: &str) -> bool {
    let f = fold_str(mention);
    let f = f.strip_prefix(['و', 'ف']).unwrap_or(&f);
    let definite_form = if let Some(rest) = f.strip_prefix("لل") {
        format!("ال{rest}")
    } else {
        f.strip_prefix(['ب', 'ل', 'ك']).filter(|r| r.starts_with("ال")).unwrap_or(f).to_string()
    };
    nisba(&definite_form)
        || ["يون", "يين"].iter().any(|e| definite(&definite_form) && definite_form.ends_with(e))
}

/// The masculine of a folded adjective (الدستوريه → الدستوري), to compare with the lists.
fn masculine(w: &str) -> &str {
    w.strip_suffix('ه').filter(|m| m.ends_with('ي')).unwrap_or(w)
}

/// Whether `w` joined by و may go on a name (والتنمية، والإحصاء): a definite word that is no
/// other body (والاتحاد، والحكومة), followed by no country's adjective (والحكومة التركية).
fn joins(ws: &[W], k: usize) -> bool {
    let l = lists();
    let Some(and) = ws[k].folded.strip_prefix('و') else { return false };
    definite(and)
        && head_of(and).is_none()
        && !l.not_joined.contains(masculine(and))
        && !l.not_joined.contains(and)
        && ws.get(k + 1).is_none_or(|n| n.after_punct || n.kind() != Some(Listed::Country))
}

/// What a body is for, from word `i` on (للتضامن والتنمية، لكرة القدم، لحماية الدستور): the
/// number of words it takes, or 0.
fn purpose(ws: &[W], i: usize, free: impl Fn(&W) -> bool) -> usize {
    let l = lists();
    let Some(first) = ws.get(i).filter(|w| free(w)) else { return 0 };
    let f = first.folded.as_str();
    if l.not_purpose.contains(f) {
        return 0;
    }
    let opens = if f.starts_with("لل") {
        f.chars().count() >= 5
    } else if let Some(rest) = f.strip_prefix('ل') {
        // ل + an indefinite noun owes the next word: that must be definite (لكرة القدم).
        rest.chars().count() >= 3
            && !rest.starts_with("ال")
            && ws.get(i + 1).is_some_and(|n| free(n) && definite(&n.folded))
    } else {
        false
    };
    if !opens {
        return 0;
    }
    // ل + an indefinite noun takes the definite word it owes (لكرة القدم).
    let mut n = if f.starts_with("لل") { 1 } else { 2 };
    // Then its adjectives and one noun joined by و (للتعبئة العامة والإحصاء، للحقوق
    // الاقتصادية والاجتماعية), five words at most: another definite word is the sentence's
    // (المدعوم من).
    let mut joined = false;
    while n < 5 {
        let Some(w) = ws.get(i + n).filter(|w| free(w)) else { break };
        let f = w.folded.as_str();
        if !joined && joins(ws, i + n) {
            joined = true;
        } else if !(nisba(f) || l.naming_words.contains(f) || matches!(f, "العام" | "العامه"))
        {
            break;
        }
        n += 1;
    }
    n
}

/// «من أجل» and what it is for, from word `i` on (الرابطة الوطنية من أجل الديمقراطية، حزب
/// البديل من أجل ألمانيا): the number of words it takes, or 0.
fn for_the_sake(ws: &[W], i: usize, free: impl Fn(&W) -> bool) -> usize {
    let at = |k: usize| ws.get(i + k).filter(|w| free(w)).map(|w| w.folded.as_str());
    if at(0) != Some("من") || at(1) != Some("اجل") {
        return 0;
    }
    match at(2) {
        Some(w) if w.chars().count() >= 3 && !w.starts_with('و') => {
            3 + usize::from(at(3).is_some_and(nisba))
        }
        _ => 0,
    }
}

/// The byte offset in `raw` after its first `n` folded characters and the marks that follow
/// them (a clitic's harakat, a joiner): where a name starts after its clitics.
fn after_folded(raw: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in raw.char_indices() {
        let len = fold_str(c.encode_utf8(&mut [0; 4])).chars().count();
        if seen >= n && len > 0 {
            return i;
        }
        seen += len;
    }
    raw.len()
}

/// A word as a name shows it: without joiners, direction marks or tatweel.
fn shown(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| !is_dropped_format(c) && c != 'ـ')
}

/// The phrase a head opens at `ws[0]`, if it names a body: its name, short form and length in
/// words.
fn phrase(
    text: &str,
    ws: &[W],
    (head, skip, rebuilt): (&str, usize, bool),
) -> Option<(OrgCandidate, usize)> {
    let l = lists();
    // The phrase stops before another listed actor's mention (حزب العمال والاتحاد الأوروبي);
    // a head inside one is that actor (البنك الدولي).
    let free = |w: &W| !w.after_punct && w.kind() != Some(Listed::Other);
    if ws[0].kind() == Some(Listed::Other) {
        return None;
    }
    // What makes the phrase a name: adjectives that name, a country's adjectives, adjectives
    // of scope, and what the body is for; whether the first adjective names.
    let (mut naming, mut countries, mut scope) = (0, 0, 0);
    let mut first_names = false;
    let mut end = 1;
    if head == "حزب" {
        // A party named after a definite noun (حزب العمال، حزب الشعب الجمهوري), then its
        // adjectives and one noun joined by و (حزب العدالة والتنمية، حزب المساواة
        // وديمقراطية الشعوب). Other definite words are the verb's object (انتقد حزب العمال
        // القرار); a title is the leader's (حزب الرئيس، حزب المستشار).
        let n = ws.get(1).filter(|w| free(w) && definite(&w.folded))?;
        if l.not_party.contains(&n.folded)
            || l.not_party.contains(masculine(&n.folded))
            || is_title(&text[n.range.clone()])
        {
            return None;
        }
        naming += 1;
        end = 2;
        let mut joined = false;
        while let Some(w) = ws.get(end).filter(|w| free(w)) {
            let f = w.folded.as_str();
            let and = f.strip_prefix('و').filter(|a| !joined && a.chars().count() >= 3);
            if nisba(f) {
                end += 1;
            } else if and.is_some() && joins(ws, end) {
                joined = true;
                end += 1;
            } else if and.is_some_and(|a| !definite(a) && !l.not_joined.contains(a))
                && ws.get(end + 1).is_some_and(|n| free(n) && definite(&n.folded))
            {
                // و + a noun that owes the next word (وديمقراطية الشعوب).
                joined = true;
                end += 2;
            } else {
                break;
            }
        }
    } else {
        while let Some(w) = ws.get(end).filter(|w| !w.after_punct) {
            let f = w.folded.as_str();
            let m = masculine(f);
            if w.kind() == Some(Listed::Other) {
                break;
            } else if w.kind() == Some(Listed::Country) && nisba(f) {
                countries += 1;
            } else if l.naming_words.contains(f) || (nisba(f) && l.naming.contains(m)) {
                naming += 1;
                first_names |= end == 1;
            } else if nisba(f) && l.scope.contains(m) {
                scope += 1;
            } else if !nisba(f) {
                break;
            } else if end == 1 && !STRONG_HEADS.contains(&head) {
                // A weak head described first is an organ or an office (الجهاز العصبي المركزي،
                // المركز الطبي الوطني), whatever follows.
                return None;
            }
            // Another adjective goes on the phrase (المجلس العسكري الانتقالي) but names nothing.
            end += 1;
        }
        // Only adjectives make such a name.
        if end == 1 {
            return None;
        }
    }
    let adjectives_end = end;
    let p = purpose(ws, end, free);
    end += p;
    let sake = for_the_sake(ws, end, free);
    end += sake;
    let purposes = usize::from(p > 0) + usize::from(sake > 0);
    let strong = head == "حزب" || STRONG_HEADS.contains(&head);
    // A strong head needs an adjective that names it, or one of scope or country with another
    // of those or a purpose (الاتحاد الدولي للسيارات، الاتحاد الإسباني لكرة القدم); a weak head
    // two things, one of them an adjective that names or a purpose (الوكالة الأمريكية للتنمية
    // الدولية). A purpose alone is what an ordinary body does (اللجنة البرلمانية لتقصي
    // الحقائق), a country alone says whose it is (الشركة الصينية).
    let named = if strong {
        naming >= 1 || (scope + countries >= 1 && purposes >= 1) || (scope >= 1 && countries >= 1)
    } else {
        naming + purposes >= 1 && naming + purposes + scope + countries >= 2
    };
    if !named {
        return None;
    }
    let raw = &text[ws[0].range.clone()];
    let start = after_folded(raw, skip);
    let mut name: String = if rebuilt { "ا".into() } else { String::new() };
    name.extend(shown(raw.get(start..).unwrap_or("")));
    let head_shown = name.clone();
    for w in &ws[1..end] {
        name.push(' ');
        name.extend(shown(&text[w.range.clone()]));
    }
    // The short form: a weak head's one adjective before its purpose (المعهد الوطني لأبحاث
    // الفضاء → المعهد الوطني). Not where more adjectives follow: الحزب الديمقراطي is another
    // party than الحزب الديمقراطي الكردستاني, المحكمة الاتحادية another court than المحكمة
    // الاتحادية العليا.
    let short = (first_names && adjectives_end == 2 && p > 0).then(|| {
        let mut s = head_shown;
        s.push(' ');
        s.extend(shown(&text[ws[1].range.clone()]));
        s
    });
    Some((OrgCandidate { name, short, after_head: false, acronym: None, owns_place: false }, end))
}

/// Whether a folded word is one of [`FOREIGN_HEADS`], after و ف and ب ل ك maybe.
fn foreign_head(w: &str) -> bool {
    let heads = &lists().foreign_heads;
    let w = w.strip_prefix(['و', 'ف']).filter(|r| heads.contains(*r)).unwrap_or(w);
    heads.contains(w) || w.strip_prefix(['ب', 'ل', 'ك']).is_some_and(|r| heads.contains(r))
}

/// The body's own name after a head of [`FOREIGN_HEADS`] at `ws[0]` (شركة ناتورجي الإسبانية،
/// بنك غولدمان ساكس الأمريكي): one to three words, each shaped like a name in another
/// language, right before the adjective of a listed country; the index in `ws` of that
/// adjective. An indefinite word before a definite adjective is a proper name; a common noun
/// would take the article (شركة النفط الإسبانية) or no definite adjective (شركة ناشئة سعودية).
fn foreign_name(text: &str, ws: &[W]) -> Option<usize> {
    // Common nouns a body's name opens with in construct (مركز أبحاث بيو، وكالة أنباء …).
    const GENERIC: &[&str] = &[
        "أبحاث",
        "بحوث",
        "دراسات",
        "أنباء",
        "استطلاعات",
        "استشارات",
        "خدمات",
        "صناعات",
        "طيران",
        "نفط",
        "غاز",
        "تأمين",
        "اتصالات",
        "إعلام",
        "أمن",
        "استثمار",
        "تطوير",
        "تكنولوجيا",
        "حقوق",
        "إغاثة",
        "مساعدات",
        "أسلحة",
        "سيارات",
        "أدوية",
        "لقاحات",
        "بناء",
        "شحن",
        "تعدين",
        "مقاولات",
        "عقارات",
        "أغذية",
        "مياه",
        "كهرباء",
        "موانئ",
        "سكك",
    ];
    static GENERIC_FOLDED: OnceLock<HashSet<String>> = OnceLock::new();
    let generic = GENERIC_FOLDED.get_or_init(|| GENERIC.iter().map(|g| fold_str(g)).collect());
    for k in 1..=4 {
        let w = ws.get(k)?;
        if w.after_punct {
            return None;
        }
        if k >= 2 && w.kind() == Some(Listed::Country) && nisba(&w.folded) {
            // The adjective agrees with the head, and names no one after it (… الإسبانية
            // كارولينا: the Spaniard).
            let feminine_head = ws[0].folded.ends_with('ه');
            let next_is_name = ws.get(k + 1).is_some_and(|n| {
                !n.after_punct && crate::doc::people::is_given_name(&text[n.range.clone()])
            });
            // Before a second word, a first shaped like a present verb or a participle (تبيع،
            // ينافس، مملوك) says what the body does: the name is another's (review).
            let c: Vec<char> = ws[1].folded.chars().collect();
            // So does one after ب ك ل (بحجم سانتاندير، كمثل …).
            let verb_like = k >= 3
                && (matches!(c[0], 'ب' | 'ك' | 'ل')
                    || (matches!(c[0], 'ت' | 'ي' | 'م') && (4..=5).contains(&c.len())));
            return (w.folded.ends_with("يه") == feminine_head && !next_is_name && !verb_like)
                .then_some(k);
        }
        let raw = &text[w.range.clone()];
        let f = w.folded.as_str();
        let shaped = k <= 3
            && w.kind().is_none()
            && raw.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
            && f.chars().count() >= 3
            && !f.starts_with("ال")
            && !["و", "ف", "لل", "بال", "كال"].iter().any(|p| f.starts_with(p))
            // (A second word after ب ل ك is a phrase's: مملوك لباركليز، بحجم سانتاندير.)
            && !(k >= 2 && f.starts_with(['ب', 'ل', 'ك']))
            // (Nor an adjective in ى: كبرى، أخرى، عظمى.)
            && !raw.ends_with(['ة', 'ى'])
            // (Nor a noun with «my»: صديقتي، عائلتي.)
            && !f.ends_with("تي")
            // (Nor a word with a pronoun, nor a given name: شركة يملكه …، عائلته.)
            && !f.ends_with('ه')
            && !crate::doc::people::is_given_name(raw)
            && !["ها", "هم", "هما", "كم", "نا"].iter().any(|e| f.ends_with(e))
            && !(k == 1 && generic.contains(f))
            && !names_nothing(raw);
        if !shaped {
            return None;
        }
    }
    None
}

/// A chamber of a legislature at `ws[0]` (مجلس النواب، ولمجلس الشورى): its name and length in
/// words. With its country's adjective after it (مجلس النواب الأمريكي) the adjective is part of
/// the name, and the chamber alone its short form: two countries' chambers stay apart.
fn chamber(text: &str, ws: &[W]) -> Option<(OrgCandidate, usize)> {
    let l = lists();
    let f = ws[0].folded.as_str();
    let head = f.strip_prefix(['و', 'ف']).filter(|r| r.ends_with("مجلس")).unwrap_or(f);
    // (Not after ك: «كمجلس الشيوخ» compares another body with one.)
    let head = head.strip_prefix(['ب', 'ل']).unwrap_or(head);
    let next = ws.get(1).filter(|w| !w.after_punct && w.kind().is_none())?;
    if head != "مجلس" || !l.chambers.contains(&next.folded) {
        return None;
    }
    let raw = &text[ws[0].range.clone()];
    // A street or a square named after the chamber (شارع مجلس الشعب، ميدان مجلس النواب).
    let before = crate::doc::people::word_before(text, ws[0].range.start);
    let before = fold_str(before);
    let before = before.strip_prefix(['و', 'ف', 'ب', 'ل']).unwrap_or(&before);
    if ["شارع", "ميدان", "ساحه", "محطه", "جسر", "حي"].contains(&before) {
        return None;
    }
    let start = raw.find("مجلس")?;
    let name: String =
        shown(&raw[start..]).chain([' ']).chain(shown(&text[next.range.clone()])).collect();
    let after = ws.get(2).filter(|w| !w.after_punct);
    let country = after.filter(|w| w.kind() == Some(Listed::Country) && nisba(&w.folded));
    // Another adjective makes another body (مجلس الأمة العربية، مجلس الشعب الأعلى، مجلس
    // المستشارين الاقتصاديين: review), but for a time's (الحالي، المنتهية ولايته).
    let other = after.is_some_and(|w| {
        let f = masculine(&w.folded);
        w.kind().is_none()
            && ((nisba(&w.folded) && !["الحالي", "الماضي", "المنتهي"].contains(&f))
                || (definite(&w.folded) && ["يين", "يون"].iter().any(|e| w.folded.ends_with(e)))
                || l.naming_words.contains(&w.folded))
    });
    if other {
        return None;
    }
    Some(match country {
        Some(c) => {
            let full = format!("{name} {}", shown(&text[c.range.clone()]).collect::<String>());
            (
                OrgCandidate {
                    name: full,
                    short: Some(name),
                    after_head: false,
                    acronym: None,
                    owns_place: false,
                },
                3,
            )
        }
        None => (
            OrgCandidate { name, short: None, after_head: false, acronym: None, owns_place: false },
            2,
        ),
    })
}

/// A bank or an exchange named by its place at `ws[0]` (بنك المكسيك، ومصرف ليبيا المركزي،
/// لبورصة طوكيو): its name (with an adjective of [`PLACE_NAMED_ENDS`] that agrees with the
/// head) and length in words. The place is a listed country's or capital's name, not its
/// adjective (بنك غولدمان ساكس الأمريكي is another shape), written right after the head with no
/// clitic of its own (بين بورصة وإسطنبول: Bursa, the Turkish city, and another).
fn place_named(
    text: &str,
    ws: &[W],
    adjective: impl Fn(&str) -> bool,
) -> Option<(OrgCandidate, usize)> {
    let l = lists();
    let f = ws[0].folded.as_str();
    let bare = |w: &str| l.place_heads.contains(w);
    let head_with = |w: &str| bare(w) || w.strip_prefix(['ب', 'ل', 'ك']).is_some_and(bare);
    let f = f.strip_prefix(['و', 'ف']).filter(|r| head_with(r)).unwrap_or(f);
    let head = f.strip_prefix(['ب', 'ل', 'ك']).filter(|r| bare(r)).unwrap_or(f);
    if !bare(head) || predicate(text, ws[0].range.start) {
        return None;
    }
    // The place: a country's name, not its adjective (بنك مصري، بنك لبناني: a bank of that
    // country; with the article, بنك … الأمريكي, another shape), with no clitic of its own.
    let place = ws.get(1).filter(|w| {
        !w.after_punct
            && w.listed.is_some_and(|at| {
                at.kind == Listed::Country
                    && at.start == w.range.start
                    && !adjective(&text[w.range.clone()])
            })
    })?;
    // The place's other words (الولايات المتحدة، جنوب أفريقيا): the same mention.
    let mut k = 2;
    while ws.get(k).is_some_and(|w| {
        // (Whatever its words look like: الإمارات العربية المتحدة.)
        !w.after_punct && w.listed.map(|at| at.start) == place.listed.map(|p| p.start)
    }) {
        k += 1;
    }
    let feminine = head.ends_with('ه');
    let is_end = |w: &W| {
        !w.after_punct
            && w.kind().is_none()
            && l.place_ends.contains(masculine(&w.folded))
            && w.folded.ends_with("يه") == feminine
    };
    // Its adjectives (بنك قطر الدولي الإسلامي), then what it is for (بنك قطر للتنمية، بورصة
    // لندن للمعادن، بنك اليابان للتعاون الدولي).
    let mut len = k;
    while len < k + 2 && ws.get(len).is_some_and(is_end) {
        len += 1;
    }
    let ends = len - k;
    len += purpose(ws, len, |w| !w.after_punct && w.kind().is_none());
    // A name that goes on in a way this does not read (بنك الصين للإنشاءات، بنك مصر إيران
    // للتنمية، بنك البحرين والكويت، بنك الجزائر الخارجي) is another body than head and place:
    // none is found rather than the wrong one (review).
    if let Some(next) = ws.get(len).filter(|w| !w.after_punct) {
        let f = next.folded.as_str();
        let goes_on = f.starts_with("لل")
            || next.kind().is_some()
            || (f.starts_with('و') && (definite(&f['و'.len_utf8()..]) || next.kind().is_some()))
            || nisba(f);
        if goes_on {
            return None;
        }
    }
    let raw = &text[ws[0].range.clone()];
    let skip = ws[0].folded.chars().count() - head.chars().count();
    let mut name: String = shown(&raw[after_folded(raw, skip)..]).collect();
    for w in &ws[1..k] {
        name.push(' ');
        name.extend(shown(&text[w.range.clone()]));
    }
    // With one adjective, the name without it is the body again (مصرف ليبيا المركزي, then
    // مصرف ليبيا); a longer name's short form may be another bank's (بنك قطر للتنمية).
    let short = (ends == 1 && len == k + 1).then(|| name.clone());
    for w in &ws[k..len] {
        name.push(' ');
        name.extend(shown(&text[w.range.clone()]));
    }
    let candidate =
        OrgCandidate { name, short, after_head: false, acronym: None, owns_place: true };
    Some((candidate, len))
}

/// Whether the word before byte `at` makes what follows a predicate: «ليست بنك أوكرانيا»،
/// «باتت بمثابة بنك دمشق»، «تحولت إلى بنك روسيا» say what a country is to another, and name no
/// bank (review).
fn predicate(text: &str, at: usize) -> bool {
    // (Not كان، أصبح، بات … right before the head: a verb first, the bank is its subject, as in
    // «وكان بنك المغرب قد رفع الفائدة».)
    const COPULAS: &[&str] = &["ليس", "ليست", "لست", "لسنا", "ليسوا", "بمثابة"];
    let before = crate::doc::people::word_before_range(text, at);
    let key = fold_str(&text[before.clone()]);
    if COPULAS.iter().any(|c| fold_str(c) == key) {
        return true;
    }
    // «إلى» a few words after a verb of becoming (تحولت الصين عمليا إلى بنك روسيا).
    if key != fold_str("إلى") {
        return false;
    }
    let mut start = before.start;
    for _ in 0..3 {
        let word = crate::doc::people::word_before_range(text, start);
        if word.is_empty() {
            return false;
        }
        let verb = fold_str(&text[word.clone()]);
        let verb = verb.strip_prefix(['و', 'ف']).unwrap_or(&verb);
        if ["تحول", "يتحول", "تتحول"].iter().any(|v| verb.starts_with(v)) {
            return true;
        }
        start = word.start;
    }
    false
}

/// Whether `word` (as written, with its clitics) is a head of [`FOREIGN_HEADS`].
pub fn is_foreign_head(word: &str) -> bool {
    foreign_head(&fold_str(word))
}

/// The one or two words in brackets right after byte `end` («… (إيكواس)»، «(TPLF)»), if
/// that is all the brackets hold: letters, no more than 40 bytes.
fn bracketed_after(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?.trim_start_matches([' ', '\u{a0}']);
    let inner = rest.strip_prefix('(')?;
    let limit = (0..=inner.len().min(41)).rev().find(|&i| inner.is_char_boundary(i))?;
    let close = inner[..limit].find(')')?;
    let inside = inner[..close].trim();
    let words = inside.split_whitespace().count();
    let letters = inside.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    // (Not an aside: «(وهو هيئة مستقلة)»، «(أي الحكومة)».)
    let aside =
        inside.split_whitespace().any(names_nothing) || (words > 1 && inside.starts_with('و'));
    ((1..=2).contains(&words) && letters && !aside && inside.chars().count() >= 2)
        .then(|| shown(inside).collect())
}

/// Finds the organisations of the text, in the order of their first mention. `listed(range)`
/// says whether a range of the text lies in a listed actor's mention, what that actor is and
/// where the mention starts:
/// a phrase over another listed actor is that actor (الاتحاد الأوروبي); over a country it may be
/// a body of that country (البنك المركزي المصري), but not when the country is all that names it.
pub fn candidates(
    text: &str,
    mut listed: impl FnMut(&Range<usize>) -> Option<ListedAt>,
    adjective: impl Fn(&str) -> bool,
) -> Vec<OrgCandidate> {
    let mut out: Vec<OrgCandidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut make = |w: Word| W {
        folded: fold_str(&text[w.range.clone()]),
        listed: listed(&w.range),
        range: w.range,
        after_punct: w.after_punct,
    };
    // The words from a head on, each folded and looked up once; a big text is never held as
    // words.
    let mut window: VecDeque<W> = VecDeque::new();
    let mut source = words(text, 0);
    while out.len() < MAX_CANDIDATES {
        if window.is_empty() {
            let Some(w) = source.next() else { break };
            // Every head has the article's ل or is حزب (harakat may come between the letters):
            // many words are passed over unfolded.
            let raw = &text[w.range.clone()];
            if raw.len() > MAX_HEAD
                || !(raw.contains(['ل', 'ح'])
                    || FOREIGN_HEADS.iter().chain(PLACE_NAMED_HEADS).any(|h| raw.ends_with(h)))
            {
                continue;
            }
            window.push_back(make(w));
        }
        let head = window.front().and_then(|w| head_of(&w.folded));
        let foreign = window.front().is_some_and(|w| foreign_head(&w.folded));
        let council = window.front().is_some_and(|w| w.folded.ends_with("مجلس"));
        let place = window.front().is_some_and(|w| w.folded.ends_with("بورصه"));
        if head.is_none() && !foreign && !council && !place {
            window.pop_front();
            continue;
        }
        while window.len() <= LOOK {
            let Some(w) = source.next() else { break };
            window.push_back(make(w));
        }
        let ws = window.make_contiguous();
        let found = head.and_then(|h| phrase(text, ws, h)).or_else(|| {
            if council {
                return chamber(text, ws);
            }
            if let Some(found) = place_named(text, ws, &adjective) {
                return Some(found);
            }
            let end = foreign.then(|| foreign_name(text, ws)).flatten()?;
            let words: Vec<String> =
                ws[1..end].iter().map(|w| shown(&text[w.range.clone()]).collect()).collect();
            Some((
                OrgCandidate {
                    name: words.join(" "),
                    short: None,
                    after_head: true,
                    acronym: None,
                    owns_place: false,
                },
                end,
            ))
        });
        match found {
            Some((mut candidate, len)) => {
                let end = ws.get(len - 1).map_or(0, |w| w.range.end);
                candidate.acronym = bracketed_after(text, end);
                if seen.insert(fold_str(&candidate.name)) {
                    out.push(candidate);
                }
                window.drain(..len.min(window.len()));
            }
            None => {
                window.pop_front();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `adjective` for the tests: what ends in ي or ية is a country's adjective.
    fn adjective(word: &str) -> bool {
        word.ends_with('ي') || word.ends_with("ية")
    }

    fn names(text: &str) -> Vec<String> {
        candidates(text, |_| None, adjective).into_iter().map(|c| c.name).collect()
    }

    /// `listed` for the tests: each of `countries` is a country's mention wherever written.
    fn countries<'a>(
        text: &'a str,
        countries: &'a [&str],
    ) -> impl Fn(&Range<usize>) -> Option<ListedAt> + 'a {
        move |r| {
            countries.iter().find_map(|n| {
                text.match_indices(n)
                    .find(|&(s, _)| r.start < s + n.len() && s < r.end)
                    .map(|(s, _)| ListedAt { kind: Listed::Country, start: s })
            })
        }
    }

    #[test]
    fn a_party_is_named_by_adjectives_or_the_noun_it_is_named_after() {
        assert_eq!(
            names("وفاز الحزب الاشتراكي الديمقراطي بالمركز الأول"),
            ["الحزب الاشتراكي الديمقراطي"]
        );
        assert_eq!(
            names("وحصل حزب الاتحاد للتضامن والتنمية المدعوم من الجيش على"),
            ["حزب الاتحاد للتضامن والتنمية"]
        );
        // Joined by و once; a definite word after the name is the verb's object.
        assert_eq!(
            names("انتقد حزب المساواة وديمقراطية الشعوب القرار"),
            ["حزب المساواة وديمقراطية الشعوب"]
        );
        assert_eq!(names("وقال حزب العمال والحزب الجمهوري"), ["حزب العمال", "الحزب الجمهوري"]);
        assert_eq!(names("وتراجع حزب البديل من أجل ألمانيا"), ["حزب البديل من أجل ألمانيا"]);
        // Two subjects, not one name; a leader's party; time is no purpose.
        assert_eq!(names("واتفق حزب العمال والحكومة على تمديد الهدنة"), ["حزب العمال"]);
        assert_eq!(names("وتراجع الحزب الجمهوري للعام الثاني"), ["الحزب الجمهوري"]);
        assert_eq!(names("واجتمع المجلس الوطني للمرة الأولى منذ عامين"), ["المجلس الوطني"]);
        for text in ["حزب المستشار الألماني", "حزب الرئيسة", "حزب الأخير", "حزب اليمين المتطرف"]
        {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_body_is_named_by_what_it_belongs_to_and_what_it_is_for() {
        assert_eq!(
            names("بحسب الجهاز المركزي للتعبئة العامة والإحصاء."),
            ["الجهاز المركزي للتعبئة العامة والإحصاء"]
        );
        assert_eq!(names("وأعلنت المؤسسة الوطنية للنفط أن"), ["المؤسسة الوطنية للنفط"]);
        assert_eq!(
            names("ودعت المؤسسة الوطنية للنفط والحكومة الليبية إلى"),
            ["المؤسسة الوطنية للنفط"]
        );
        assert_eq!(names("وقضت المحكمة الاتحادية العليا بأن"), ["المحكمة الاتحادية العليا"]);
        assert_eq!(names("ورحب المجلس الأعلى للدولة بالاتفاق"), ["المجلس الأعلى للدولة"]);
        assert_eq!(names("ودعا المجلس الأعلى للدولة والبرلمان إلى الحوار"), ["المجلس الأعلى للدولة"]);
        assert_eq!(names("وقال الاتحاد الدولي لكرة القدم إن"), ["الاتحاد الدولي لكرة القدم"]);
        // With clitics: لل is ل + the article.
        assert_eq!(names("وفقا للحزب الديمقراطي الكردستاني"), ["الحزب الديمقراطي الكردستاني"]);
        assert_eq!(names("وبالفيلق الأفريقي"), ["الفيلق الأفريقي"]);
    }

    #[test]
    fn clitics_with_marks_joiners_and_tatweel_are_cut_off_the_name() {
        for text in [
            "وقال \u{200D}والحزب الديمقراطي إن",
            "ونقل ل\u{200C}لحزب الديمقراطي رسالة",
            "وقال و\u{200C}بالحزب الديمقراطي إن",
            "وقال ﻭالحزب الديمقراطي إن",
            "وقال وَبِالحزب الديمقراطي إن",
            "ووفقا لِلْحِزْبِ الديمقراطي",
            "وفقا للحـزب الديمقراطي",
            "وفقا لل\u{200C}حزب الديمقراطي",
            "وقال الحزب \u{200F}الديمقراطي إن",
        ] {
            let got = names(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            let name = fold_str(&got[0]);
            assert_eq!(name, "الحزب الديمقراطي", "{text}");
        }
    }

    #[test]
    fn a_body_named_in_another_language_before_its_countrys_adjective() {
        let text = "وتتابع شركة ناتورجي الإسبانية الأمر، وقال المحلل في بنك غولدمان ساكس الأمريكي \
                    إن الأسعار ستهبط، ونقلت وكالة تسنيم الإيرانية الخبر.";
        let got =
            candidates(text, countries(text, &["الإسبانية", "الأمريكي", "الإيرانية"]), adjective);
        let got: Vec<String> = got.into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["ناتورجي", "غولدمان ساكس", "تسنيم"]);
        // A common noun takes the article or an indefinite adjective; a generic noun in
        // construct, a word in ة, a preposition are no body's own name.
        let text = "وأعلنت شركة النفط الإسبانية أرباحها، وقالت شركة ناشئة سعودية إنها نجحت، وأجرى \
                    مركز أبحاث بيو الأمريكي استطلاعا، ووقعت عقدا مع شركة تابعة للجيش الأمريكي، \
                    وقالت مجموعة من الخبراء الأمريكيين إن الخطة فاشلة، وتملك شركة كبرى الأمريكية، \
                    وأطلقوا بنكا ينافس باركليز البريطاني، ولا يستطيع بنك بحجم سانتاندير الإسباني";
        let nisbas = ["الإسبانية", "سعودية", "الأمريكي", "الأمريكيين", "الأمريكية", "البريطاني"];
        let got = candidates(text, countries(text, &nisbas), adjective);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn what_the_brackets_after_a_name_hold_is_its_short_form() {
        let text = "وقال الحزب الديمقراطي الكردستاني (حدكا) إن الانتخابات نزيهة، وأعلن المعهد الوطني \
                    لأبحاث الفضاء (إنبي) أرقامه، ودعا المجلس الأعلى للقضاء (وهو هيئة مستقلة) إلى الهدوء.";
        let got: Vec<(String, Option<String>)> = candidates(text, |_| None, adjective)
            .into_iter()
            .map(|c| (c.name, c.acronym))
            .collect();
        assert_eq!(
            got,
            [
                ("الحزب الديمقراطي الكردستاني".into(), Some("حدكا".into())),
                ("المعهد الوطني لأبحاث الفضاء".into(), Some("إنبي".into())),
                ("المجلس الأعلى للقضاء".into(), None),
            ]
        );
    }

    #[test]
    fn a_chamber_of_a_legislature_is_a_body() {
        let text = "متهما مجلس النواب بعرقلة الانتخابات، بينما أقر ومجلس الشورى، وحل الأمير مجلس \
                    الأمة، وقال مجلس إدارة الشركة ومجلس الأمن والمجلس الأعلى للقضاء كلمتهم في شارع \
                    مجلس الشعب، ويعمل المجلس الجديد كمجلس الشيوخ.";
        let got: Vec<String> =
            candidates(text, |_| None, adjective).into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["مجلس النواب", "مجلس الشورى", "مجلس الأمة", "المجلس الأعلى للقضاء"]);
        // A country's adjective after the chamber is part of its name (two countries' chambers
        // stay apart); another adjective makes another body.
        let text = "أقر مجلس النواب الأمريكي الحزمة، وفشل مجلس النواب اللبناني، ودعا إلى مجلس الأمة \
                    العربية ومجلس المستشارين الاقتصاديين.";
        let got = candidates(text, countries(text, &["الأمريكي", "اللبناني"]), adjective);
        let got: Vec<(String, Option<String>)> =
            got.into_iter().map(|c| (c.name, c.short)).collect();
        let short = Some("مجلس النواب".to_string());
        assert_eq!(
            got,
            [("مجلس النواب الأمريكي".into(), short.clone()), ("مجلس النواب اللبناني".into(), short)]
        );
    }

    #[test]
    fn a_bank_or_an_exchange_named_by_its_place_owns_that_name() {
        let text = "وخفض بنك المكسيك توقعاته، وأعلن مصرف ليبيا المركزي ولبورصة طوكيو وبنك الولايات \
                    المتحدة الوطني حصص، كبنك الجزائر، وبنك قطر الدولي الإسلامي وبنك الكويت للتنمية \
                    الاقتصادية وبنك المغرب الخميس";
        let places = ["المكسيك", "ليبيا", "طوكيو", "الولايات المتحدة", "قطر", "الجزائر", "الكويت"];
        let places = [&places[..], &["المغرب"]].concat();
        let got = candidates(text, countries(text, &places), adjective);
        let got: Vec<(String, Option<String>, bool)> =
            got.into_iter().map(|c| (c.name, c.short, c.owns_place)).collect();
        let want = [
            ("بنك المكسيك", None),
            ("مصرف ليبيا المركزي", Some("مصرف ليبيا")),
            ("بورصة طوكيو", None),
            ("بنك الولايات المتحدة الوطني", Some("بنك الولايات المتحدة")),
            // (After ك, a bank compared with another is still that bank.)
            ("بنك الجزائر", None),
            ("بنك قطر الدولي الإسلامي", None),
            ("بنك الكويت للتنمية الاقتصادية", None),
            ("بنك المغرب", None),
        ];
        let want = want.map(|(n, s)| (n.to_string(), s.map(String::from), true));
        assert_eq!(got, want);
        for text in [
            // Bursa, the Turkish city, and another; a country's adjective, with the article or
            // without (an Egyptian bank, a Lebanese one).
            "سافر بين بورصة وأنقرة، وبنك غولدمان الأمريكي، وقال بنك مصري إن بنك لبناني تعثر",
            // Not a listed place, or after punctuation.
            "وقال بنك الطعام إن مصرف، المغرب",
            // What a country is to another (review): no bank.
            "الولايات المتحدة ليست بنك أوكرانيا، وتحولت الصين عمليا إلى بنك روسيا",
            // A name that goes on as this does not read: another bank than head and place.
            "وأعلن بنك البحرين والكويت وبنك السودان الفرنسي وبنك مصر إيران وبنك الصين الحكومي",
        ] {
            let places = ["أنقرة", "الأمريكي", "مصري", "لبناني", "المغرب", "أوكرانيا", "روسيا"];
            let more = ["البحرين", "الكويت", "السودان", "الفرنسي", "مصر", "إيران", "الصين"];
            let places = [&places[..], &more[..]].concat();
            let got = candidates(text, countries(text, &places), adjective);
            assert!(got.iter().all(|c| !c.owns_place), "{text}: {:?}", got);
        }
    }

    #[test]
    fn ordinary_bodies_and_offices_are_no_names() {
        for text in [
            "وقال المجلس العسكري إن اللجنة الفنية ستجتمع",
            "وقال الحزب الحاكم إن حزب الرئيس لن يشارك",
            "ونقل المكتب السياسي عن المركز الإعلامي",
            // Scope alone points back at a body named before (the UN).
            "وقالت المنظمة الدولية إن",
            // A weak head needs two things that name it.
            "وقالت المؤسسة الوطنية إن اللجنة الوطنية ستجتمع",
            "وأعلنت الشركة أرباحها، وقال المجلس: لا",
            "وأشار حزب سياسي إلى حزب المعارضة",
            // Adjectives no list names, and a purpose alone.
            "وعقد المجلس البلدي اجتماعه، وقالت الحركة الاحتجاجية إن المحكمة الابتدائية أدانت",
            "وتدخلت الهيئة الطبية لإنقاذ المصابين، واجتمعت الجمعية العمومية للشركة",
            "وانقطع التيار الكهربائي عن معظم الأحياء",
            "وتواصل القصف على الجبهة الشمالية لليوم الثالث",
            "وصنفت واشنطن المنظمة الإرهابية، وقالت الجمعية الخيرية إن",
            "وتعاني من التهابات الجهاز التنفسي العلوي",
            "وقالت اللجنة البرلمانية لتقصي الحقائق إن",
            "وقالت المنظمة الأخرى إن الوضع خطير",
            "ويصيب الفيروس الجهاز العصبي المركزي للمصاب، وقال المصرف الإسلامي إن",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn listed_actors_end_or_take_the_phrase() {
        let text = "وقال البنك الدولي إن حزب العمال والاتحاد الأوروبي";
        // Mark البنك الدولي and الاتحاد الأوروبي as listed organisations.
        let listed = |r: &Range<usize>| {
            ["البنك الدولي", "الاتحاد الأوروبي"].iter().find_map(|n| {
                let s = text.find(n)?;
                (r.start < s + n.len() && s < r.end)
                    .then_some(ListedAt { kind: Listed::Other, start: s })
            })
        };
        let got: Vec<String> =
            candidates(text, listed, adjective).into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["حزب العمال"]);
        // A country's adjective alone does not name a body; beside another thing it does.
        let text = "وقالت الشركة الصينية إن المعهد البرازيلي للبيئة والاتحاد الإسباني لكرة القدم";
        let got =
            candidates(text, countries(text, &["الصينية", "البرازيلي", "الإسباني"]), adjective);
        let got: Vec<String> = got.into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["المعهد البرازيلي للبيئة", "الاتحاد الإسباني لكرة القدم"]);
        // A country's noun after و ends the name (والحكومة التركية).
        let text = "بين حزب الشعوب الديمقراطي والحكومة التركية في أنقرة";
        let got = candidates(text, countries(text, &["التركية", "أنقرة"]), adjective);
        assert_eq!(got.into_iter().map(|c| c.name).collect::<Vec<_>>(), ["حزب الشعوب الديمقراطي"]);
    }

    #[test]
    fn a_short_form_only_for_one_naming_adjective_before_a_purpose() {
        let text = "وقال المعهد الوطني لأبحاث الفضاء إن الشركة الصينية للهندسة والمحكمة الاتحادية \
                    العليا والحزب الديمقراطي الكردستاني";
        let got = candidates(text, countries(text, &["الصينية"]), adjective);
        let shorts: Vec<Option<String>> = got.into_iter().map(|c| c.short).collect();
        assert_eq!(shorts, [Some("المعهد الوطني".to_string()), None, None, None]);
    }
}
