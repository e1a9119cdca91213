//! Named tests for the classic pitfalls of terminal BiDi layout. Shaping is off here (the shaping
//! tests live with `layout::shape`): the expected lines show the letters themselves, in visual
//! order, left to right as the terminal prints them.

use qari::layout::{
    fit_line, layout_paragraph, text_width, BaseDirection, Direction, LayoutOptions, VisualLine,
};

fn lay(text: &str, width: usize, base: BaseDirection) -> Vec<VisualLine> {
    layout_paragraph(text, &LayoutOptions { width, base, shape: false, reorder: true })
}

fn rows(text: &str, width: usize, base: BaseDirection) -> Vec<String> {
    lay(text, width, base).into_iter().map(|l| l.text).collect()
}

use BaseDirection::{Auto, Ltr, Rtl};

/// Wrap first, then reorder each line: the first row holds the paragraph's first words (at its
/// right edge), not the last ones, as reordering the whole paragraph then cutting it would give.
#[test]
fn wrap_then_reorder_first_row_starts_with_first_words() {
    let text = "السلام عليكم ورحمة الله";
    assert_eq!(rows(text, 12, Rtl), vec!["مكيلع مالسلا", "هللا ةمحرو"]);
    // Same with auto direction (first strong letter is Arabic).
    assert_eq!(rows(text, 12, Auto), vec!["مكيلع مالسلا", "هللا ةمحرو"]);
    let lines = lay(text, 12, Rtl);
    assert_eq!(lines[0].direction, Direction::Rtl);
    // The lines tile the paragraph in logical order.
    assert_eq!(lines[0].logical_range.start, 0);
    assert_eq!(lines[0].logical_range.end, lines[1].logical_range.start);
    assert_eq!(lines[1].logical_range.end, text.len());
}

/// A Latin name, a parenthesis of Arabic and a number, in both base directions.
#[test]
fn nato_parenthesis_and_year_in_both_bases() {
    let text = "NATO (حلف شمال الأطلسي) 2023";
    // LTR: the brackets follow NATO (N0 takes the context L); 2023 follows Arabic (W2: AN).
    assert_eq!(rows(text, 0, Ltr), vec!["NATO (يسلطألا لامش فلح) 2023"]);
    // RTL: the brackets are R (mirrored), the year and NATO keep their own order.
    assert_eq!(rows(text, 0, Rtl), vec!["2023 (يسلطألا لامش فلح) NATO"]);
}

#[test]
fn arabic_then_number_then_latin_in_both_bases() {
    let text = "الصين 2024 NATO";
    assert_eq!(rows(text, 0, Rtl), vec!["NATO 2024 نيصلا"]);
    assert_eq!(rows(text, 0, Ltr), vec!["2024 نيصلا NATO"]);
}

/// L4: in Arabic, «الناتو» shows with both guillemets pointing outward.
#[test]
fn guillemets_point_outward() {
    assert_eq!(rows("«الناتو»", 0, Rtl), vec!["«وتانلا»"]);
    assert_eq!(rows("قال «الناتو» أمس", 0, Rtl), vec!["سمأ «وتانلا» لاق"]);
}

/// L4: (), [] and ‹› are mirrored at odd levels, not at even ones.
#[test]
fn brackets_are_mirrored_at_odd_levels() {
    assert_eq!(rows("(أ) [ب] ‹ج›", 0, Rtl), vec!["‹ج› [ب] (أ)"]);
    // Latin brackets in an RTL paragraph: the groups swap (level 1 space between them), but the
    // brackets are at level 2 and stay as they are.
    assert_eq!(rows("(a) [b]", 0, Rtl), vec!["[b] (a)"]);
}

/// L3: reversing by grapheme cluster keeps each fatha after its letter.
#[test]
fn harakat_stay_after_their_letter() {
    let lines = lay("كَتَبَ", 0, Rtl);
    assert_eq!(lines[0].text, "بَتَكَ");
    assert_eq!(lines[0].cells.len(), 3);
    assert_eq!(lines[0].width, 3);
    // The rightmost cell shows the first letter, with its mark.
    assert_eq!(lines[0].cell_text(2), "كَ");
    assert_eq!(lines[0].cells[2].logical_range, 0..4);
}

/// An emoji is one cell of width 2, and wrapping counts it so.
#[test]
fn emoji_takes_two_cells() {
    let lines = lay("😀😀", 3, Ltr);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].cells.len(), 1);
    assert_eq!(lines[0].cells[0].width, 2);
    assert_eq!(text_width("😀"), 2);
    assert_eq!(text_width("👨‍👩‍👧"), 2, "a ZWJ sequence is one cluster");
}

/// unicode-bidi 0.3.18's `visual_runs` panics on a line made only of level-126 characters; the
/// engine does its own L2. 125 alternating embeddings put Latin letters at level 126.
#[test]
fn level_126_line_does_not_panic() {
    let mut text = String::new();
    for i in 0..125 {
        text.push(if i % 2 == 0 { '\u{202B}' } else { '\u{202A}' });
    }
    text.push_str("abc");
    for base in [Ltr, Rtl, Auto] {
        let lines = lay(&text, 0, base);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "abc");
        let lines = lay(&text, 2, base);
        assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["ab", "c"]);
    }
}

/// 200 stacked embeddings (past the maximum depth 125) and as many pops: no panic, no control
/// printed.
#[test]
fn two_hundred_stacked_embeddings() {
    let text = format!("{}abc אב{}", "\u{202B}".repeat(200), "\u{202C}".repeat(200));
    for base in [Ltr, Rtl, Auto] {
        let lines = lay(&text, 0, base);
        assert_eq!(lines.len(), 1);
        assert_eq!(
            lines[0].text.chars().filter(|c| ('\u{202A}'..='\u{202E}').contains(c)).count(),
            0
        );
        assert_eq!(lines[0].width, 6);
    }
}

/// Explicit controls and marks take part but are never printed.
#[test]
fn bidi_controls_take_part_but_are_not_printed() {
    // An RLE makes "abc" right-to-left embedded; RLM and isolates vanish from the output.
    assert_eq!(rows("\u{202E}abc\u{202C}", 0, Ltr), vec!["cba"]);
    assert_eq!(rows("x\u{200F}y\u{2067}z\u{2069}", 0, Ltr), vec!["xyz"]);
}

/// Control characters never reach the output: pictures for C0, U+FFFD for C1.
#[test]
fn controls_become_visible_placeholders() {
    let lines = lay("a\u{1b}[31mb\u{7}\u{9b}c\u{7f}", 0, Ltr);
    assert_eq!(lines[0].text, "a␛[31mb␇\u{FFFD}c␡");
    // A tab and a stray newline read as spaces.
    assert_eq!(rows("a\tb\nc\r\nd", 0, Ltr), vec!["a b c d"]);
    // and may be dropped at a break.
    assert_eq!(rows("ab\ncd", 2, Ltr), vec!["ab", "cd"]);
    // The interlinear annotation controls (format codes terminals print or drop as they
    // please) are placeholders too.
    assert_eq!(rows("a\u{FFF9}b\u{FFFA}c\u{FFFB}d", 0, Ltr), vec!["a\u{FFFD}b\u{FFFD}c\u{FFFD}d"]);
    // So are the characters whose width terminals disagree on, which misplaced the rest of a
    // row in tmux (QA round 33): noncharacters, Hangul fillers, and a prepended mark alone.
    let odd = "a\u{FFFF}b\u{FDD0}c\u{1FFFE}d\u{10FFFF}e\u{3164}f\u{FFA0}g \u{070F}";
    assert_eq!(
        rows(odd, 0, Ltr),
        vec!["a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g \u{FFFD}"]
    );
    // And unassigned code points (U+0378; U+10EC2, assigned in Unicode 16, newer than qari's
    // data and most terminals'): tmux gave U+0378 no column and shifted the pane's border
    // (QA round 41). Private use stays as written (icon fonts).
    assert_eq!(rows("a\u{0378}b \u{10EC2}", 0, Ltr), vec!["a\u{FFFD}b \u{FFFD}"]);
    assert_eq!(rows("a\u{E0A0}b\u{F0001}", 0, Ltr), vec!["a\u{E0A0}b\u{F0001}"]);
}

/// Quotation marks set off by spaces stay with the words they quote (UAX #14 LB15a/b, Unicode
/// 15.1): an opening one never ends a line, a closing one never starts one (QA round 42).
#[test]
fn spaced_quotation_marks_stay_with_their_words() {
    assert_eq!(rows("he said « yes » and more", 10, Ltr), vec!["he said", "« yes »", "and more"]);
    assert_eq!(rows("he said “ yes ” and more", 10, Ltr), vec!["he said", "“ yes ”", "and more"]);
    // Arabic, right to left: each row in visual order (unshaped here), the marks mirrored.
    assert_eq!(rows("قال كلمة « نعم » ثم مضى", 10, Rtl), vec!["ةملك لاق", "مث « معن »", "ىضم"]);
    // Unspaced quotes and the other breaks are as before.
    assert_eq!(rows("he said «yes» and more", 10, Ltr), vec!["he said", "«yes» and", "more"]);
}

/// A combining mark with no base gets a dotted circle: every cell has width ≥ 1.
#[test]
fn lone_mark_gets_a_dotted_circle() {
    let lines = lay("\u{064E}ب", 0, Rtl);
    assert_eq!(lines[0].text, "ب◌\u{064E}");
    assert!(lines[0].cells.iter().all(|c| c.width >= 1));
}

/// Spaces at a break are dropped; a word wider than the line is cut between clusters.
#[test]
fn spaces_dropped_at_breaks_and_long_words_cut() {
    assert_eq!(rows("aaa    bbb", 4, Ltr), vec!["aaa", "bbb"]);
    assert_eq!(rows("ab abcdefgh", 4, Ltr), vec!["ab", "abcd", "efgh"]);
    // Never inside a word that fits on a line of its own.
    assert_eq!(rows("abc defg", 5, Ltr), vec!["abc", "defg"]);
    // Width 0: no wrapping at all.
    assert_eq!(rows("abc defg hij", 0, Ltr).len(), 1);
}

/// `reorder: false` (for terminals that do BiDi themselves): wrapped, logical order, no mirror.
#[test]
fn no_reorder_keeps_logical_order() {
    let opts = LayoutOptions { width: 12, base: Rtl, shape: true, reorder: false };
    let lines = layout_paragraph("السلام (عليكم) ورحمة\u{1b}", &opts);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, vec!["السلام", "(عليكم)", "ورحمة␛"]);
    assert_eq!(lines[0].direction, Direction::Rtl);
}

/// fit_line cuts at the logical end: in RTL the ellipsis is at the left.
#[test]
fn fit_line_cuts_at_the_logical_end() {
    let l = fit_line("abcdef", 4, Ltr, false);
    assert_eq!(l.text, "abc…");
    assert_eq!(l.width, 4);
    let l = fit_line("السلام عليكم", 6, Rtl, false);
    assert_eq!(l.text, "…السلا");
    assert_eq!(l.width, 6);
    // The ellipsis shows the part cut off.
    assert_eq!(l.cells[0].logical_range.end, "السلام عليكم".len());
    // Short enough: unchanged.
    assert_eq!(fit_line("abc", 4, Ltr, false).text, "abc");
    assert_eq!(fit_line("abc", 0, Ltr, false).width, 0);
}

/// Auto direction skips isolated text (P2) and falls back to LTR.
#[test]
fn auto_direction() {
    assert_eq!(lay("\u{2066}abc\u{2069} שלום", 0, Auto)[0].direction, Direction::Rtl);
    assert_eq!(lay("123 ...", 0, Auto)[0].direction, Direction::Ltr);
}

/// A legacy ligature (U+FD92 ﶒ, meem-jeem-khah) is one source char that shaping expands into
/// three joined letters, which stay together on one line, so every line still holds whole
/// source chars and every cell lies within its line (found by proptest: "🂠※A𝚨ﶒ" at width 1);
/// on a line narrower than the three it stays one char.
#[test]
fn legacy_ligature_is_never_split_across_lines() {
    for text in ["🂠※A𝚨ﶒ", "ﶒ", "ب ﶒ ب", "ﶒﶒ"] {
        for width in 1..4 {
            for base in [Ltr, Rtl] {
                let opts = LayoutOptions { width, base, shape: true, reorder: true };
                let lines = layout_paragraph(text, &opts);
                for w in lines.windows(2) {
                    assert_eq!(
                        w[0].logical_range.end, w[1].logical_range.start,
                        "{text:?} {width}"
                    );
                }
                for line in &lines {
                    for c in &line.cells {
                        assert!(
                            line.logical_range.start <= c.logical_range.start
                                && c.logical_range.end <= line.logical_range.end,
                            "{text:?} at {width}: cell {:?} outside line {:?}",
                            c.logical_range,
                            line.logical_range
                        );
                    }
                }
                // The ligature's letters all sit on one line.
                let lig = text.find('ﶒ').unwrap();
                let holding: Vec<_> = lines
                    .iter()
                    .filter(|l| l.cells.iter().any(|c| c.logical_range.start == lig))
                    .collect();
                assert_eq!(holding.len(), 1, "{text:?} at {width}");
                // Spelt out where its three letters fit on a line, else one char.
                let pieces = holding[0].cells.iter().filter(|c| c.logical_range.start == lig);
                let want = if width >= 3 { 3 } else { 1 };
                assert_eq!(pieces.count(), want, "{text:?} at {width}: ﶒ shows {want} cells");
            }
        }
    }
}

/// ﷺ (U+FDFA) is spelt out as صلى الله عليه وسلم, 18 letters and spaces that are one source
/// char and so never part: on a narrower line it stays one char, and no line is wider than
/// its width (found by QA: an 18-cell row at width 10).
#[test]
fn a_ligature_spelt_out_wider_than_the_line_stays_one_char() {
    for (text, letters) in [("النبي ﷺ قال", 18), ("الله ﷻ", 8)] {
        for width in 1..30 {
            let opts = LayoutOptions { width, base: Rtl, shape: true, reorder: true };
            let lines = layout_paragraph(text, &opts);
            let wide_char = lines.iter().any(|l| l.cells.iter().any(|c| c.width > 1));
            for line in &lines {
                assert!(line.width <= width || wide_char, "{text:?} at {width}: {}", line.width);
            }
            let spelt = !lines.iter().any(|l| l.text.contains(['\u{FDFA}', '\u{FDFB}']));
            assert_eq!(spelt, width >= letters, "{text:?} at {width}");
        }
    }
}

/// A URL that fits on a line moves to the next one whole instead of leaving `https://` (or a
/// path's first half) at the end of a line, although UAX #14 allows a break after each `/`.
/// One longer than the line is still cut where the line ends, and all of it is shown.
#[test]
fn urls_are_not_split_at_their_slashes_when_they_fit() {
    let url = "https://example.com/news/2024/today";
    let text = format!("للمزيد زوروا الموقع {url} اليوم");
    for base in [Rtl, Ltr] {
        let lines = rows(&text, 40, base);
        assert!(lines.iter().any(|l| l.contains(url)), "{lines:?}");
        assert!(lines.iter().all(|l| l.trim() != "https://" && !l.ends_with("https://")));
    }
    // Elsewhere a slash still offers a break (and so does a word that merely holds "http").
    assert_eq!(rows("input/output", 8, Ltr), vec!["input/", "output"]);
    assert_eq!(rows("xhttp://ab/cd", 11, Ltr), vec!["xhttp://ab/", "cd"]);
    // Too long for any line: cut at the line's end, nothing lost, no line over the width.
    let long = "https://example.com/a/very/long/path/that/cannot/fit/on/one/line";
    let lines = lay(&format!("انظر {long}"), 20, Rtl);
    assert!(lines.iter().all(|l| l.width <= 20));
    let shown: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        shown.matches(|c: char| c.is_ascii_alphanumeric()).count(),
        long.matches(|c: char| c.is_ascii_alphanumeric()).count()
    );
}

/// A URL or number in brackets, wider than the line with them: the brackets go to lines of
/// their own and the URL or number stays whole (QA: `(www.aljazeera.net)` at 17 columns left
/// its `t` on the next line; `(10:30)` at 5 became `10:3` and `0`). Any scheme makes a URL.
#[test]
fn a_bracketed_url_or_number_is_cut_at_its_brackets() {
    let cases = [
        ("زوروا (www.aljazeera.net) شكرا", 17, Rtl, "www.aljazeera.net"),
        ("(2024-11-27) date", 10, Ltr, "2024-11-27"),
        ("في (10:30) صباحا", 5, Rtl, "10:30"),
        ("«www.example.org/a»", 17, Rtl, "www.example.org/a"),
    ];
    for (text, width, base, whole) in cases {
        let lines = rows(text, width, base);
        assert!(lines.iter().any(|l| l.trim() == whole), "{text:?} at {width}: {lines:?}");
        let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(lines.iter().map(|l| chars(l)).sum::<usize>(), chars(text), "{lines:?}");
    }
    // A URL of another scheme that fits moves whole to the next line.
    assert_eq!(rows("He said ftp://x.y/z today", 17, Ltr), vec!["He said", "ftp://x.y/z today"]);
}

/// Many URLs in one line with no space between them (a scraped link list, minified JSON): each
/// stops at its closing quote, so finding them stays linear (this took seconds when each URL
/// ran to the next space); nothing is lost and no line is too wide.
#[test]
fn many_glued_urls_lay_out_whole() {
    let item = "\"https://example.com/a\",";
    let text = format!("روابط {}", item.repeat(3000));
    let lines = lay(&text, 40, Rtl);
    let shown: String = lines.iter().map(|l| l.text.as_str()).collect();
    let alnum = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).count();
    assert_eq!(alnum(&shown), alnum(&text));
    assert!(lines.iter().all(|l| l.width <= 40));
}

/// Words joined by no-break spaces that together overflow the line are cut after a no-break
/// space, not inside a word (QA round 33 saw `رعسلا` / `يكيرمأ رال` split mid-word).
#[test]
fn an_overlong_run_of_no_break_words_is_cut_between_words() {
    let words = ["السعر", "بلغ", "100", "دولار", "أمريكي", "للبرميل", "الواحد"];
    let text = words.join("\u{a0}");
    for width in [8, 12, 20] {
        let lines = lay(&text, width, Ltr);
        assert!(lines.len() > 1, "{width}");
        // Every line's text, in logical order, is whole words.
        for l in &lines {
            let logical: String = text[l.logical_range.clone()].to_string();
            for w in logical.split('\u{a0}').filter(|w| !w.is_empty()) {
                assert!(words.contains(&w), "{width}: {w:?} in {logical:?}");
            }
        }
    }
}

/// A soft hyphen (U+00AD) is invisible, but a line broken after it ends with a hyphen, next to
/// the word it cuts in either base; the hyphen counts in the width, so the break is taken only
/// where it fits too.
#[test]
fn a_break_at_a_soft_hyphen_shows_a_hyphen() {
    let text = "Donau\u{AD}dampf\u{AD}schiff fährt";
    assert_eq!(rows(text, 0, Ltr), vec!["Donaudampfschiff fährt"]);
    assert_eq!(rows(text, 12, Ltr), vec!["Donaudampf-", "schiff fährt"]);
    assert_eq!(rows(text, 11, Ltr), vec!["Donaudampf-", "schiff", "fährt"]);
    // "Donaudampf-" is 11 wide: at 10 the break after "Donau-" is taken.
    assert_eq!(rows(text, 10, Ltr), vec!["Donau-", "dampf-", "schiff", "fährt"]);
    // Width counts the hyphen, and every line but the last that ends at a soft hyphen shows one.
    for width in 6..24 {
        let lines = lay(text, width, Ltr);
        for (k, line) in lines.iter().enumerate() {
            assert!(line.width <= width, "{width}: {:?}", line.text);
            assert_eq!(line.width, text_width(&line.text), "{width}: {:?}", line.text);
            let cut_at_shy = text[..line.logical_range.end].ends_with('\u{AD}');
            assert_eq!(line.text.ends_with('-'), cut_at_shy && k + 1 < lines.len());
        }
    }
    // In Arabic the Latin word keeps its hyphen at its own end (its right), not at the line's
    // visual end.
    assert_eq!(rows("قال Donau\u{AD}dampf اليوم", 10, Rtl), vec!["Donau- لاق", "dampf", "مويلا"]);
    // A soft hyphen before a space is no break of its own: no hyphen.
    assert_eq!(rows("abc\u{AD} def", 4, Ltr), vec!["abc", "def"]);
    // Nor one after a space, invisible chars between them or not (review: «abc -»).
    for text in
        ["abc \u{AD}\u{AD}defghijk", "abc \u{200B}\u{AD}defghijk", "abc \u{200F}\u{AD}defghijk"]
    {
        for line in rows(text, 6, Ltr) {
            assert!(!line.ends_with('-'), "{text:?}: {line:?}");
        }
    }
}

/// QA round 48: «…» then a bracket is one unit for the line-break rules the crate implements
/// (Unicode 15.0's LB15); too wide for the line, it was cut after the opening bracket, which
/// ended its line alone. The space between them is the better cut, in either direction.
#[test]
fn an_opening_bracket_never_ends_a_line_when_a_space_can() {
    for (text, base) in [
        ("abc «defgh» (ijkl mnop", BaseDirection::Ltr),
        ("قال «الناتو» (حلف شمال الأطلسي) إن", BaseDirection::Rtl),
    ] {
        for width in 9..=13 {
            for row in rows(text, width, base) {
                let row = row.trim();
                let (end, opening) = match base {
                    BaseDirection::Rtl => (row.chars().next(), ')'),
                    _ => (row.chars().last(), '('),
                };
                assert_ne!(end, Some(opening), "{width}: {:?}", rows(text, width, base));
            }
        }
    }
}

/// A URL in Arabic text keeps its parts in order even with an Arabic slug (the algorithm alone
/// reads `id=123?ريرقت/https://sipri.org/ar`): as if isolated left to right, its Arabic words
/// still right to left inside it, the sentence's final period at the sentence's end.
#[test]
fn url_with_an_arabic_slug_stays_in_order() {
    let text = "المصدر: https://sipri.org/ar/تقرير?id=123.";
    assert_eq!(rows(text, 0, Rtl), vec![".https://sipri.org/ar/ريرقت?id=123 :ردصملا"]);
    // A URL without Arabic is as before, and so is a URL in a left-to-right paragraph.
    let text = "المصدر: https://www.reuters.com/world";
    assert_eq!(rows(text, 0, Rtl), vec!["https://www.reuters.com/world :ردصملا"]);
    let text = "See https://sipri.org/ar/تقرير?id=123 now";
    assert_eq!(rows(text, 0, Ltr), vec!["See https://sipri.org/ar/ريرقت?id=123 now"]);
}

/// What an isolated URL does not take: an ellipsis after it is the sentence's; explicit
/// direction controls inside it are left to the algorithm (the Arabic word in an embedding
/// still reads right to left); a URL after the invisible mark a long paragraph's piece is laid
/// out after is a URL too.
#[test]
fn url_isolation_leaves_what_is_not_the_url() {
    assert_eq!(rows("انظر https://x.org/abc…", 0, Rtl), vec!["…https://x.org/abc رظنا"]);
    let embedded = rows("انظر https://x.org/\u{202B}تقرير\u{202C} الآن", 0, Rtl);
    assert!(embedded[0].contains("ريرقت"), "{embedded:?}");
    let piece = rows("\u{061C}https://sipri.org/ar/تقرير?id=1 انظر", 0, Rtl);
    assert!(piece[0].contains("https://sipri.org/ar/ريرقت?id=1"), "{piece:?}");
}
