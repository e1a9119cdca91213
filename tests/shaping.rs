//! Arabic shaping (`qari::layout::shape`): presentation forms, lam-alef, joins, the source map.
//!
//! Inputs are written in Arabic script; expected outputs are written in presentation forms (they
//! look like the joined word), with their code points in a comment where a mix-up is easy.
//! Everything here is in logical order: shaping happens before reordering.

use proptest::prelude::*;
use qari::layout::shape::{joining_type, shape, unshape, JoiningType, Shaped};

/// Code points, so a failure shows which form is wrong.
fn cps(s: &str) -> String {
    s.chars().map(|c| format!("{:04X}", c as u32)).collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn assert_shapes(input: &str, expected: &str) {
    let shaped = shape(input);
    assert_eq!(cps(&shaped.text), cps(expected), "shape({input:?}) = {:?}", shaped.text);
    assert_map_is_sound(input, &shaped);
}

/// The map invariants: one range per output char, each on char boundaries of the input, starts
/// never decreasing, and every byte of the input shown by some output char.
#[track_caller]
fn assert_map_is_sound(input: &str, shaped: &Shaped) {
    assert_eq!(shaped.source.len(), shaped.text.chars().count(), "one range per char");
    let mut covered = vec![false; input.len()];
    let mut last_start = 0;
    for r in &shaped.source {
        assert!(r.start < r.end && r.end <= input.len(), "range {r:?} in {}", input.len());
        assert!(input.is_char_boundary(r.start) && input.is_char_boundary(r.end), "{r:?}");
        assert!(r.start >= last_start, "starts in order: {:?}", shaped.source);
        last_start = r.start;
        covered[r.clone()].iter_mut().for_each(|b| *b = true);
    }
    assert!(covered.iter().all(|&b| b), "every input byte covered: {:?}", shaped.source);
}

#[test]
fn salam_joins_and_ligates() {
    // س initial, لا one final ligature (it joins the seen), م isolated (alef never joins left).
    assert_shapes("سلام", "ﺳﻼﻡ"); // FEB3 FEFC FEE1
}

#[test]
fn harakat_stay_right_after_their_letter() {
    // كَتَبَ: each fatha (U+064E) stays after its letter and does not break the joins.
    assert_shapes("كَتَبَ", "ﻛَﺘَﺐَ"); // FEDB 064E FE98 064E FE90 064E
    let shaped = shape("كَتَبَ");
    // The fathas keep their own bytes: 2..4, 6..8, 10..12.
    let fathas: Vec<_> =
        shaped.text.chars().zip(&shaped.source).filter(|(c, _)| *c == '\u{064E}').collect();
    assert_eq!(fathas.iter().map(|(_, r)| (*r).clone()).collect::<Vec<_>>(), [2..4, 6..8, 10..12]);
}

#[test]
fn lam_alef_is_one_char_isolated() {
    // Lam with each alef, not joined to a letter before: the isolated ligatures.
    assert_shapes("لا", "ﻻ"); // FEFB
    assert_shapes("لأن", "ﻷﻥ"); // FEF7 FEE5: the noon after the alef stands alone
    assert_shapes("لإ", "ﻹ"); // FEF9
    assert_shapes("لآ", "ﻵ"); // FEF5
}

#[test]
fn lam_alef_is_one_char_final_after_a_joining_letter() {
    assert_shapes("كلا", "ﻛﻼ"); // FEDB FEFC
    assert_shapes("فلا", "ﻓﻼ"); // FED3 FEFC
    assert_shapes("فلأن", "ﻓﻸﻥ"); // FED3 FEF8 FEE5
    assert_shapes("بلإ", "ﺑﻺ"); // FE91 FEFA
    assert_shapes("سلآ", "ﺳﻶ"); // FEB3 FEF6
                               // After a right-joining letter (د does not join forwards) the ligature is isolated.
    assert_shapes("دلا", "ﺩﻻ"); // FEA9 FEFB
}

#[test]
fn lam_alef_ligates_across_harakat() {
    // لَا: the fatha between lam and alef follows the ligature.
    assert_shapes("لَا", "ﻻَ"); // FEFB 064E
                             // كلَّا: fatha and shadda between them, in their order; final ligature.
    assert_shapes("كلَّا", "ﻛﻼَّ"); // FEDB FEFC 0651 064E
    let shaped = shape("لَا");
    // The ligature covers lam..alef (bytes 0..6), the fatha keeps its own bytes.
    assert_eq!(shaped.source, [0..6, 2..4]);
}

#[test]
fn lam_alef_source_covers_both_letters() {
    let shaped = shape("سلام");
    assert_eq!(shaped.source, [0..2, 2..6, 6..8]);
}

#[test]
fn no_ligature_but_lam_alef() {
    // الله stays four joined letters: ﷲ (U+FDF2) is too wide for one cell.
    assert_shapes("الله", "ﺍﻟﻠﻪ"); // FE8D FEDF FEE0 FEEA
                                   // Lam + ZWJ + alef: ZWJ keeps the join but there is no ligature.
    assert_shapes("ل\u{200D}ا", "ﻟ\u{200D}ﺎ"); // FEDF 200D FE8E
}

#[test]
fn tatweel_joins_on_both_sides() {
    // مـــرحبا: meem initial (joins the tatweel), reh final (joined by it).
    assert_shapes("مـــرحبا", "ﻣـــﺮﺣﺒﺎ"); // FEE3 0640×3 FEAE FEA3 FE92 FE8E
                                           // A lone letter before and after tatweel.
    assert_shapes("بـ", "ﺑـ"); // FE91 0640
    assert_shapes("ـب", "ـﺐ"); // 0640 FE90
}

#[test]
fn zwnj_prevents_a_join_in_persian() {
    // می‌خواهم ("I want"): ی takes its final form before the ZWNJ, خ its initial form after it.
    assert_shapes("می\u{200C}خواهم", "ﻣﯽ\u{200C}ﺧﻮﺍﻫﻢ"); // FEE3 FBFD 200C FEA7 FEEE FE8D FEEB FEE2
}

#[test]
fn zwj_forces_a_join() {
    // A lone beh joins towards a ZWJ on either side.
    assert_shapes("ب\u{200D}", "ﺑ\u{200D}"); // FE91 200D
    assert_shapes("\u{200D}ب", "\u{200D}ﺐ"); // 200D FE90
    assert_shapes("\u{200D}ب\u{200D}", "\u{200D}ﺒ\u{200D}"); // 200D FE92 200D
}

#[test]
fn persian_and_urdu_letters() {
    // پ چ ژ گ ک ی ے in one run: initial, medial, final (ژ is right-joining), initial, medial,
    // medial, final.
    assert_shapes("پچژگکیے", "ﭘﭽﮋﮔﮑﯿﮯ"); // FB58 FB7D FB8B FB94 FB91 FBFF FBAF
                                         // Persian خانۀ: ۀ (U+06C0) final.
    assert_shapes("خانۀ", "ﺧﺎﻧﮥ"); // FEA7 FE8E FEE7 FBA5
                                   // Urdu میں: ں (noon ghunna) final; ہے: heh goal initial, yeh barree final.
    assert_shapes("میں", "ﻣﯿﮟ"); // FEE3 FBFF FB9F
    assert_shapes("ہے", "ﮨﮯ"); // FBA8 FBAF
}

#[test]
fn hamza_takes_its_isolated_form() {
    // ء (non-joining) has one form, the isolated one; the alef before it ends the join.
    assert_shapes("سماء", "ﺳﻤﺎﺀ"); // FEB3 FEE4 FE8E FE80
}

#[test]
fn legacy_presentation_forms_are_reshaped() {
    // Already shaped text comes out the same, mapped to its own bytes (3 per form).
    let legacy = "ﺳﻼﻡ";
    let shaped = shape(legacy);
    assert_eq!(cps(&shaped.text), cps("ﺳﻼﻡ"));
    assert_eq!(shaped.source, [0..3, 3..6, 6..9]);
    // Wrongly shaped legacy text (isolated forms everywhere) is joined afresh: the ligature
    // decomposes to لا and ligates again, now in its final form.
    assert_shapes("ﺱﻻﻡ", "ﺳﻼﻡ");
    // A legacy form next to plain letters joins with them.
    assert_shapes("ﺏب", "ﺑﺐ");
    // ﷲ (a legacy ligature) is shown as four letters, all mapped to its 3 bytes.
    let allah = shape("\u{FDF2}");
    assert_eq!(cps(&allah.text), cps("ﺍﻟﻠﻪ"));
    assert_eq!(allah.source, [0..3, 0..3, 0..3, 0..3]);
}

#[test]
fn unshape_gives_back_the_letters() {
    let u = unshape("ﺳﻼﻡ abc");
    assert_eq!(u.text, "سلام abc");
    assert_eq!(u.source[..4], [0..3, 3..6, 3..6, 6..9]);
    // Plain text passes through.
    assert_eq!(unshape("كَتَبَ").text, "كَتَبَ");
}

#[test]
fn everything_else_passes_through() {
    for s in ["", "Hello, world! 123", "NATO (2023) «x» 😀 👍🏽 🇸🇦", "שלום", "\u{FEFF}x\u{0000}"]
    {
        let shaped = shape(s);
        assert_eq!(shaped.text, s);
        let identity: Vec<_> = s.char_indices().map(|(i, c)| i..i + c.len_utf8()).collect();
        assert_eq!(shaped.source, identity);
    }
}

#[test]
fn mixed_sentence_keeps_latin_and_digits() {
    // Arabic words around a Latin name and digits: joins stop at the space and at the digits.
    assert_shapes("قال NATO في 2023", "ﻗﺎﻝ NATO ﻓﻲ 2023");
}

#[test]
fn joining_types() {
    // A few values of ArabicShaping.txt, plus the derived T for marks.
    assert_eq!(joining_type('ب'), JoiningType::D);
    assert_eq!(joining_type('ا'), JoiningType::R);
    assert_eq!(joining_type('ء'), JoiningType::U);
    assert_eq!(joining_type('ـ'), JoiningType::C);
    assert_eq!(joining_type('\u{200D}'), JoiningType::C);
    assert_eq!(joining_type('\u{200C}'), JoiningType::U);
    assert_eq!(joining_type('\u{064E}'), JoiningType::T);
    assert_eq!(joining_type('\u{0301}'), JoiningType::T);
    assert_eq!(joining_type('a'), JoiningType::U);
}

/// Arabic-heavy strings: letters of every joining type, lam and the alefs, harakat, tatweel,
/// joiners, presentation forms (legacy), Latin, digits, spaces, and any char at all.
fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => prop::sample::select(vec![
            "ل", "ا", "أ", "إ", "آ", "ب", "د", "ء", "ه", "ی", "ں", "ۇٴ", "\u{0677}", "پ", "ے",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec!["\u{064E}", "\u{0651}", "\u{0670}", "\u{0654}"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec!["ـ", "\u{200C}", "\u{200D}", " ", "a", "1", "\u{200F}"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec!["ﻻ", "ﻼ", "ﺳ", "ﺏ", "\u{FDF2}", "\u{FE70}", "\u{FEFF}"])
            .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// `s` without transparent chars (harakat): what reordering marks around a ligature leaves.
fn without_marks(s: &str) -> String {
    s.chars().filter(|&c| joining_type(c) != JoiningType::T).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Total on any string; the map is sound; shaping only adds the chars unshape expands to.
    #[test]
    fn total_on_any_string(s in any::<String>()) {
        let shaped = shape(&s);
        assert_map_is_sound(&s, &shaped);
        let expanded = unshape(&s).text.chars().count() - s.chars().count();
        prop_assert!(shaped.text.chars().count() <= s.chars().count() + expanded);
    }

    #[test]
    fn arabic_text_properties(s in arabicish()) {
        let shaped = shape(&s);
        assert_map_is_sound(&s, &shaped);
        let letters = unshape(&s);
        prop_assert!(shaped.text.chars().count() <= letters.text.chars().count());
        // Shaping shows the same letters (harakat move only to after a ligature).
        prop_assert_eq!(without_marks(&unshape(&shaped.text).text), without_marks(&letters.text));
        // Shaping shaped text changes nothing: legacy input is reshaped the same way.
        prop_assert_eq!(cps(&shape(&shaped.text).text), cps(&shaped.text));
        // Every letter that has forms comes out as a form: none is left in the output.
        for c in shaped.text.chars() {
            let is_form = unshape(&c.to_string()).text != c.to_string();
            let has_forms = shape(&c.to_string()).text != c.to_string();
            prop_assert!(!has_forms || is_form, "{:04X} left unshaped", c as u32);
        }
    }
}
