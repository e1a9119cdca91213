//! Organisations the gazetteer does not list, found by the shape of their names.
//!
//! Arabic news names a body by a head noun and what makes it a name: adjectives of belonging
//! (الحزب الاشتراكي الديمقراطي، الفيلق الأفريقي، المحكمة الدستورية) and what the body is for
//! (المؤسسة الوطنية للنفط، الجهاز المركزي للتعبئة العامة والإحصاء), or, for a party, the
//! definite noun it is named after (حزب العمال، حزب الاتحاد للتضامن والتنمية). The same head
//! with an ordinary adjective is no name (اللجنة الفنية، المجلس العسكري، الحزب الحاكم), and a
//! body named only by its country (الشركة الصينية، الجامعة اللبنانية) stays that country's.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::normalize::fold_str;
use super::people::{words, Word};

/// What a listed actor's mention is, where a phrase overlaps one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    Country,
    Other,
}

/// An organisation found in the text: its name as first written (without clitics).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgCandidate {
    pub name: String,
}

/// At most this many candidates per document.
const MAX_CANDIDATES: usize = 200;

/// The bytes of the longest head with its clitics and harakat (وللمجموعة): longer words are
/// no heads.
const MAX_HEAD: usize = 48;

/// At most this many words after a head are read for its name.
const LOOK: usize = 14;

/// Heads that name a body with one adjective of belonging (الحزب الجمهوري، المحكمة الدستورية).
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

/// Adjectives in ي that describe rather than name (اللجنة الفنية، المجلس العسكري، البنك
/// المحلي), and ordinals.
const GENERIC: &[&str] = &[
    "العسكري",
    "الأمني",
    "الفني",
    "السياسي",
    "الإعلامي",
    "الاقتصادي",
    "المالي",
    "التنفيذي",
    "الإداري",
    "التقني",
    "الطبي",
    "الصحي",
    "العلمي",
    "التعليمي",
    "الدبلوماسي",
    "القضائي",
    "الحكومي",
    "الرسمي",
    "المحلي",
    "الداخلي",
    "الخارجي",
    "الرئيسي",
    "الثاني",
    "الحادي",
    "الحالي",
    "الماضي",
    "الأساسي",
    "النهائي",
    "الأصلي",
    "الفعلي",
    "الحقيقي",
    "التالي",
    "الإقليمي",
    "الثنائي",
    "الجماعي",
    "الشهري",
    "السنوي",
    "اليومي",
    "الأسبوعي",
    "الفرعي",
    "الجزئي",
    "الكلي",
    "التجاري",
    "الزراعي",
    "الصناعي",
    "النفطي",
    "الضريبي",
    "الاستشاري",
    "التحضيري",
    "التنظيمي",
    "الخاص",
    "الميداني",
    "الاستثماري",
    "الإنساني",
    "الإغاثي",
    "البحري",
    "الجوي",
    "البري",
    "الشرعي",
    "المدني",
    "الحربي",
    "الإلكتروني",
    "الرقمي",
    "الذكي",
    "التقليدي",
    "العادي",
    "الافتراضي",
    "المعني",
    "الوزاري",
    "التشاوري",
    "الطارئ",
    "الحاكم",
    "الفائز",
    "المعارض",
    "الأول",
    "القديم",
    "الجديد",
    "الأكبر",
    "الأصغر",
    "البلدي",
    "الاحتجاجي",
    "العمومي",
    "الابتدائي",
    "الاستثنائي",
    "التأديبي",
    "الجنائي",
    "القروي",
    "الطلابي",
    "الصحفي",
    "الحزبي",
];

/// Adjectives of scope (المنظمة الدولية، المحكمة الدولية): alone they point back at a body
/// named before (the UN, the ICC) rather than name one.
const SCOPE: &[&str] = &["الدولي", "العالمي", "الأممي", "الإقليمي", "القاري"];

/// Adjectives that name without ending in ي (المحكمة الاتحادية العليا، المجلس الأعلى للقضاء).
const NAMING_WORDS: &[&str] = &["العليا", "الموحد", "المستقل", "المتحد"];

/// What a party is not named after (حزب الرئيس، حزب الأغلبية، حزب المعارضة).
const NOT_PARTY_NAMES: &[&str] = &[
    "الرئيس",
    "الأغلبية",
    "الأكثرية",
    "الأقلية",
    "المعارضة",
    "السلطة",
    "الحكومة",
    "الدولة",
    "الزعيم",
    "رئيس",
    "الوزير",
];

/// ل-words that are particles, not what a body is for (لدى، لكن).
const NOT_PURPOSE: &[&str] =
    &["لدى", "لكن", "لكنه", "لكنها", "لقد", "لأن", "لذلك", "لهذا", "لها", "لهم"];

struct Lists {
    strong: HashSet<String>,
    weak: HashSet<String>,
    generic: HashSet<String>,
    scope: HashSet<String>,
    naming: HashSet<String>,
    not_party: HashSet<String>,
    not_purpose: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |l: &[&str]| l.iter().map(|w| fold_str(w)).collect::<HashSet<_>>();
        Lists {
            strong: set(STRONG_HEADS),
            weak: set(WEAK_HEADS),
            generic: set(GENERIC),
            scope: set(SCOPE),
            naming: set(NAMING_WORDS),
            not_party: set(NOT_PARTY_NAMES),
            not_purpose: set(NOT_PURPOSE),
        }
    })
}

/// A word of the phrase: its range and folded text.
struct W {
    range: Range<usize>,
    folded: String,
    after_punct: bool,
}

fn word(text: &str, w: Word) -> W {
    W { folded: fold_str(&text[w.range.clone()]), range: w.range, after_punct: w.after_punct }
}

/// A head word without its clitics (و ف, then ب ل ك; لل for ال): the head's folded form and
/// how many bytes of the word the clitics take. لل stands for ل + ال: then the article's
/// alef is not written and the name is rebuilt with it.
fn head_of(w: &str) -> Option<(String, usize, bool)> {
    let l = lists();
    let is_head = |s: &str| l.strong.contains(s) || l.weak.contains(s) || s == "حزب";
    let mut stems = vec![(w, 0)];
    if let Some(s) = w.strip_prefix(['و', 'ف']) {
        stems.push((s, w.len() - s.len()));
    }
    for (s, skip) in stems {
        if is_head(s) {
            return Some((s.to_string(), skip, false));
        }
        if let Some(rest) = s.strip_prefix("لل") {
            let h = format!("ال{rest}");
            if is_head(&h) {
                // The name starts at the second ل, which the rebuilt name replaces by ال.
                return Some((h, skip + 'ل'.len_utf8(), true));
            }
        }
        if let Some(rest) = s.strip_prefix(['ب', 'ل', 'ك']) {
            if is_head(rest) {
                return Some((rest.to_string(), skip + s.len() - rest.len(), false));
            }
        }
    }
    None
}

fn definite(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() >= 4
}

/// An adjective of belonging in ي (الديمقراطي، الأفريقية), as folded (ة is ه).
fn nisba(w: &str) -> bool {
    definite(w) && w.chars().count() >= 5 && (w.ends_with('ي') || w.ends_with("يه"))
}

/// The masculine of a folded adjective (الدستوريه → الدستوري), to compare with the lists.
fn masculine(w: &str) -> &str {
    w.strip_suffix('ه').filter(|m| m.ends_with('ي')).unwrap_or(w)
}

/// What a body is for, from word `i` on (للتضامن والتنمية، لكرة القدم، لحماية الدستور): the
/// number of words it takes, or 0.
fn purpose(ws: &[W], i: usize, free: impl Fn(&W) -> bool) -> usize {
    let l = lists();
    let Some(first) = ws.get(i).filter(|w| free(w)) else { return 0 };
    let f = first.folded.as_str();
    let opens = if f.starts_with("لل") {
        f.chars().count() >= 5 && f != "للبلاد"
    } else if let Some(rest) = f.strip_prefix('ل') {
        // ل + an indefinite noun owes the next word: that must be definite (لكرة القدم).
        rest.chars().count() >= 3
            && !rest.starts_with("ال")
            && !l.not_purpose.contains(f)
            && ws.get(i + 1).is_some_and(|n| free(n) && definite(&n.folded))
    } else {
        false
    };
    if !opens {
        return 0;
    }
    // ل + an indefinite noun takes the definite word it owes (لكرة القدم).
    let mut n = if f.starts_with("لل") { 1 } else { 2 };
    // Then adjectives and nouns joined by و (للتعبئة العامة والإحصاء، للحقوق الاقتصادية
    // والاجتماعية), five words at most: another definite word is the sentence's (المدعوم من).
    while n < 5 {
        let Some(w) = ws.get(i + n).filter(|w| free(w)) else { break };
        let f = w.folded.as_str();
        // Not another body (والاتحاد الإسباني).
        let joined = f.strip_prefix('و').is_some_and(definite) && head_of(f).is_none();
        if !(joined || nisba(f) || l.naming.contains(f) || matches!(f, "العام" | "العامه"))
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

/// Finds the organisations of the text, in the order of their first mention. `listed(range)`
/// says whether a range of the text lies in a listed actor's mention, and what that actor is:
/// a phrase over another listed actor is that actor (الاتحاد الأوروبي); over a country it may be
/// a body of that country (البنك المركزي المصري), but not when the country is all that names it.
pub fn candidates(
    text: &str,
    listed: impl Fn(&Range<usize>) -> Option<Listed>,
) -> Vec<OrgCandidate> {
    let l = lists();
    let mut out: Vec<OrgCandidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // One word at a time, and the few after a head: a big text is never held as words.
    let mut it = words(text, 0);
    while let Some(first) = it.next() {
        if out.len() >= MAX_CANDIDATES {
            break;
        }
        // Every head has the article or is حزب: most words are passed over unfolded.
        let raw = &text[first.range.clone()];
        if raw.len() > MAX_HEAD
            || !(raw.contains("ال") || raw.contains("لل") || raw.contains("حزب"))
        {
            continue;
        }
        let first = word(text, first);
        let Some((head, skip, rebuilt)) = head_of(&first.folded) else { continue };
        let ws: Vec<W> =
            std::iter::once(first).chain(it.clone().take(LOOK).map(|w| word(text, w))).collect();
        let i = 0;
        // What makes the phrase a name: adjectives that name (not a country's: counted apart),
        // a country's adjectives, and what the body is for.
        let (mut naming, mut countries, mut scope) = (0, 0, 0);
        // The phrase stops before another listed actor's mention (حزب العمال والاتحاد الأوروبي);
        // a head inside one is that actor (البنك الدولي).
        let free = |w: &W| !w.after_punct && listed(&w.range) != Some(Listed::Other);
        if listed(&ws[i].range) == Some(Listed::Other) {
            continue;
        }
        let mut end = i + 1;
        if head == "حزب" {
            // A party named after a definite noun (حزب العمال، حزب الشعب الجمهوري), then its
            // adjectives and one noun joined by و (حزب العدالة والتنمية، حزب المساواة
            // وديمقراطية الشعوب). Other definite words are the verb's object (انتقد حزب العمال
            // القرار).
            let Some(n) = ws.get(end).filter(|w| free(w) && definite(&w.folded)) else {
                continue;
            };
            if l.not_party.contains(&n.folded) {
                continue;
            }
            naming += 1;
            end += 1;
            let mut joined = false;
            while let Some(w) = ws.get(end).filter(|w| free(w)) {
                let f = w.folded.as_str();
                let and = f.strip_prefix('و').filter(|_| !joined && head_of(f).is_none());
                if nisba(f) {
                    end += 1;
                } else if and.is_some_and(definite) {
                    joined = true;
                    end += 1;
                } else if and.is_some_and(|a| a.chars().count() >= 3)
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
                let country = listed(&w.range);
                if country == Some(Listed::Other) {
                    break;
                } else if country == Some(Listed::Country) && nisba(f) {
                    countries += 1;
                } else if l.naming.contains(f) {
                    naming += 1;
                } else if nisba(f) && l.scope.contains(m) {
                    scope += 1;
                } else if nisba(f) && !l.generic.contains(m) {
                    naming += 1;
                } else if !(nisba(f) && l.generic.contains(m)) {
                    break;
                }
                end += 1;
            }
            // Only adjectives make such a name.
            if end == i + 1 {
                continue;
            }
        }
        let p = purpose(&ws, end, free);
        end += p;
        let sake = for_the_sake(&ws, end, |w: &W| !w.after_punct);
        end += sake;
        let purposes = usize::from(p > 0) + usize::from(sake > 0);
        let strong = head == "حزب" || l.strong.contains(&head);
        // A strong head needs an adjective that names it, or one of scope or country with
        // another of those or a purpose (الاتحاد الدولي للسيارات، الاتحاد الإسباني لكرة القدم);
        // a weak head two things, one of them an adjective that names or a purpose (الوكالة
        // الأمريكية للتنمية الدولية). A purpose alone is what an ordinary body does (الهيئة
        // الطبية لإنقاذ المصابين), a country alone says whose it is (الشركة الصينية).
        let named = if strong {
            naming >= 1
                || (scope + countries >= 1 && purposes >= 1)
                || (scope >= 1 && countries >= 1)
        } else {
            naming + purposes >= 1 && naming + purposes + scope + countries >= 2
        };
        let start = ws[i].range.start + skip;
        if named {
            let mut name = String::new();
            if rebuilt {
                name.push_str("ال");
                name.push_str(&text[start + 'ل'.len_utf8()..ws[i].range.end]);
            } else {
                name.push_str(&text[start..ws[i].range.end]);
            }
            for w in &ws[i + 1..end] {
                name.push(' ');
                name.push_str(&text[w.range.clone()]);
            }
            if seen.insert(fold_str(&name)) {
                out.push(OrgCandidate { name });
            }
            if end > 1 {
                it.nth(end - 2);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        candidates(text, |_| None).into_iter().map(|c| c.name).collect()
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
    }

    #[test]
    fn a_body_is_named_by_what_it_belongs_to_and_what_it_is_for() {
        assert_eq!(
            names("بحسب الجهاز المركزي للتعبئة العامة والإحصاء."),
            ["الجهاز المركزي للتعبئة العامة والإحصاء"]
        );
        assert_eq!(names("وأعلنت المؤسسة الوطنية للنفط أن"), ["المؤسسة الوطنية للنفط"]);
        assert_eq!(names("وقضت المحكمة الاتحادية العليا بأن"), ["المحكمة الاتحادية العليا"]);
        assert_eq!(names("ورحب المجلس الأعلى للدولة بالاتفاق"), ["المجلس الأعلى للدولة"]);
        assert_eq!(names("وقال الاتحاد الدولي لكرة القدم إن"), ["الاتحاد الدولي لكرة القدم"]);
        // With clitics: لل is ل + the article.
        assert_eq!(names("وفقا للحزب الديمقراطي الكردستاني"), ["الحزب الديمقراطي الكردستاني"]);
        assert_eq!(names("وبالفيلق الأفريقي"), ["الفيلق الأفريقي"]);
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
            // Adjectives that describe, and a purpose alone.
            "وعقد المجلس البلدي اجتماعه، وقالت الحركة الاحتجاجية إن المحكمة الابتدائية أدانت",
            "وتدخلت الهيئة الطبية لإنقاذ المصابين، واجتمعت الجمعية العمومية للشركة",
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
                (r.start < s + n.len() && s < r.end).then_some(Listed::Other)
            })
        };
        let got: Vec<String> = candidates(text, listed).into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["حزب العمال"]);
        // A country's adjective alone does not name a body; beside another thing it does.
        let text = "وقالت الشركة الصينية إن المعهد البرازيلي للبيئة والاتحاد الإسباني لكرة القدم";
        let listed = |r: &Range<usize>| {
            ["الصينية", "البرازيلي", "الإسباني"].iter().find_map(|n| {
                let s = text.find(n)?;
                (r.start < s + n.len() && s < r.end).then_some(Listed::Country)
            })
        };
        let got: Vec<String> = candidates(text, listed).into_iter().map(|c| c.name).collect();
        assert_eq!(got, ["المعهد البرازيلي للبيئة", "الاتحاد الإسباني لكرة القدم"]);
    }
}
