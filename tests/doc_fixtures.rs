//! The analysis on articles written for these tests (tests/fixtures/): other topics and actors,
//! Markdown, diacritised text, digits and Latin, glued words, scraped one-line articles with
//! embedded subheadings, and articles without any heading where nothing must be invented.

use qari::doc::{analyze, load, Analysis, BlockKind, Document, Gazetteer};

fn fixture(name: &str) -> (Document, Analysis) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture exists");
    let doc = load(name, &bytes).expect("fixture loads");
    let analysis = analyze(&doc, &Gazetteer::builtin());
    (doc, analysis)
}

fn titles(a: &Analysis) -> Vec<Option<&str>> {
    a.sections.iter().map(|s| s.title.as_deref()).collect()
}

/// (actor id, number of mentions) for every actor found, in gazetteer order.
/// The listed (gazetteer) actors found and their counts; people found by their titles are
/// checked on their own ([`people_found_by_their_titles_in_every_fixture`]).
fn counts(a: &Analysis) -> Vec<(&str, usize)> {
    a.actors
        .iter()
        .filter(|m| !m.actor.id.0.starts_with("found-"))
        .map(|m| (m.actor.id.0.as_str(), m.mentions.len()))
        .collect()
}

#[test]
fn people_found_by_their_titles_in_every_fixture() {
    // Every person the gazetteer does not list that any fixture yields, each read in its
    // context: all are people (a title or a verb of saying before a common first name, or a
    // name that comes back). No fixture may yield a phrase that is not a person.
    let want: &[(&str, &[(&str, usize)])] = &[
        (
            "markdown_qa4_culture.md",
            &[
                ("ليلى بن عمار", 1),
                ("هشام الزغلامي", 1),
                ("كريم نصار", 1),
                // «جان لوك ماري»: a third part without the article is taken when it is a
                // given name (a verb or a noun as often otherwise).
                ("جان لوك ماري", 1),
                ("فهد العتيبي", 1),
            ],
        ),
        // Morocco's finance minister, after a title of two fields (وزيرة الاقتصاد والمالية).
        ("plain_no_headings_budget.txt", &[("نادية فتاح العلوي", 1)]),
        // (العداء: a title since session 15.)
        ("plain_no_headings_olympics.txt", &[("أحمد الجندي", 1), ("سفيان البقالي", 1)]),
        // Imran Khan: once more by his surname alone.
        ("plain_no_headings_pakistan.txt", &[("عمران خان", 3), ("نواز شريف", 1)]),
        ("scraped_book_fair.txt", &[("سليم حسن", 1), ("ريم بسيوني", 1)]),
        // «جيسوس» in a headline before his full name counts, as listed people's surnames do.
        ("scraped_football_derby.txt", &[("خورخي جيسوس", 2), ("لويس كاسترو", 1)]),
        ("scraped_qa3_gulf_economy.txt", &[("فيصل الإبراهيم", 1)]),
        ("scraped_qa3_medicine_shortage.txt", &[("خالد عبد الغفار", 1)]),
        // Mbappé after «المهاجم الفرنسي», then by his surname after a verb.
        (
            "scraped_qa3_transfer_saga.txt",
            &[("فينيسيوس جونيور", 1), ("فلورنتينو بيريز", 1), ("كيليان مبابي", 2)],
        ),
        ("scraped_qa4_health.txt", &[("دنغ هونغكوي", 1), ("أحمد عبد الرحمن", 1)]),
        ("scraped_qa4_maghreb.txt", &[("ليلى بنعلي", 1), ("عبد المجيد عطار", 1)]),
        ("scraped_qa4_sports.txt", &[("كارلو أنشيلوتي", 1)]),
        ("scraped_qa4_tech.txt", &[("فيصل العنزي", 1)]),
    ];
    let names = fixture_names();
    let mut checked = 0;
    for name in &names {
        let (doc, a) = fixture(name);
        let got: Vec<(&str, usize)> = a
            .actors
            .iter()
            .filter(|m| {
                m.actor.id.0.starts_with("found-") && !m.actor.id.0.starts_with("found-org-")
            })
            .map(|m| {
                assert_eq!(m.actor.kind, qari::doc::ActorKind::Person);
                // Each mention is the name or its last part, as written in the text.
                for r in &m.mentions {
                    let t = &doc.text[r.clone()];
                    assert!(m.actor.name.contains(t.trim_start_matches(['و', 'ب', 'ل'])), "{t}");
                }
                (m.actor.name.as_str(), m.mentions.len())
            })
            .collect();
        let expected = want.iter().find(|w| w.0 == name).map_or(&[][..], |w| w.1);
        assert_eq!(got, expected, "{name}");
        checked += usize::from(!got.is_empty());
    }
    assert!(checked >= 10, "the fixtures name people: {checked}");
}

#[test]
fn organisations_found_by_the_shape_of_their_names_in_every_fixture() {
    // Every organisation found outside the gazetteer in the fixtures, each a real body: none
    // is an office or an ordinary body (اللجنة الفنية، المجلس البلدي).
    let want: &[(&str, &[(&str, usize)])] = &[
        // And the two chambers of Morocco's parliament (مجلس النواب المغربي، مجلس المستشارين),
        // and its central bank, named by the country (بنك المغرب: session 15).
        (
            "plain_no_headings_budget.txt",
            &[
                ("مجلس النواب المغربي", 1),
                ("حزب التقدم والاشتراكية", 1),
                ("مجلس المستشارين", 1),
                ("بنك المغرب", 1),
            ],
        ),
        // Iraq's parliament debating the water crisis.
        ("plain_no_headings_drought.txt", &[("مجلس النواب", 1)]),
        (
            "plain_no_headings_olympics.txt",
            &[("الاتحاد المصري لكرة القدم", 1), ("اللجنة الأولمبية المصرية", 1)],
        ),
        ("scraped_book_fair.txt", &[("اللجنة العليا للمعرض", 1)]),
        ("scraped_football_derby.txt", &[("الاتحاد السعودي لكرة القدم", 1)]),
        (
            "scraped_hospital_cyberattack.txt",
            &[("المركز الوطني للأمن السيبراني", 2), ("الوكالة الوطنية لمكافحة الجريمة", 1)],
        ),
        ("scraped_qa3_gulf_economy.txt", &[("المصرف المركزي الإماراتي", 1)]),
        ("scraped_qa3_sudan_displacement.txt", &[("المفوضية السامية لشؤون اللاجئين", 1)]),
        ("scraped_qa4_health.txt", &[("الاتحاد الدولي للسكري", 1)]),
        (
            "scraped_qa4_maghreb.txt",
            &[("البنك المركزي", 1), ("المعهد الوطني للإحصاء", 1), ("مصرف ليبيا المركزي", 1)],
        ),
    ];
    let names = fixture_names();
    for name in &names {
        let (doc, a) = fixture(name);
        let got: Vec<(&str, usize)> = a
            .actors
            .iter()
            .filter(|m| m.actor.id.0.starts_with("found-org-"))
            .map(|m| {
                assert_eq!(m.actor.kind, qari::doc::ActorKind::Organisation);
                // Each mention is the name or its short form, with clitics maybe (after لل the
                // article's alef is not written).
                let fold = qari::doc::normalize::fold_str;
                let forms: Vec<String> = std::iter::once(m.actor.name.as_str())
                    .chain(m.actor.aliases.iter().map(|a| a.trim_start_matches('~')))
                    .map(fold)
                    .collect();
                for r in &m.mentions {
                    let t = fold(&doc.text[r.clone()]);
                    // The mention less its clitics: و ف, then ب ك ل, or لل for ل + ال (the
                    // match may start at the second ل: لمركز for للمركز).
                    let t = t.strip_prefix(['و', 'ف']).unwrap_or(&t);
                    let bare = [
                        t.to_string(),
                        t.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(t).to_string(),
                        format!("ا{t}"),
                        format!("ا{}", t.strip_prefix('ل').unwrap_or(t)),
                    ];
                    assert!(bare.iter().any(|b| forms.contains(b)), "{t}");
                }
                (m.actor.name.as_str(), m.mentions.len())
            })
            .collect();
        let expected = want.iter().find(|w| w.0 == name).map_or(&[][..], |w| w.1);
        assert_eq!(got, expected, "{name}");
    }
}

/// The names of every fixture (.txt and .md), sorted.
fn fixture_names() -> Vec<String> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

fn mentions<'a>(doc: &'a Document, a: &Analysis, id: &str) -> Vec<&'a str> {
    a.actors
        .iter()
        .filter(|m| m.actor.id.0 == id)
        .flat_map(|m| m.mentions.iter().map(|r| &doc.text[r.clone()]))
        .collect()
}

#[test]
fn scraped_climate_summit() {
    // One line, four subheadings: three before و + verb (وطالبت، وأعلنت) or أما, one before a
    // spaced colon. "من جهته قال" starts a sentence with a preposition: not a heading.
    let (doc, a) = fixture("scraped_climate.txt");
    assert_eq!(
        titles(&a),
        vec![
            None,
            Some("تمويل المناخ"),
            Some("خلافات حادة"),
            Some("الطاقة المتجددة"),
            Some("مواقف دولية")
        ]
    );
    assert_eq!(
        counts(&a),
        vec![
            ("eu", 2),
            ("un", 1),
            ("china", 2),
            ("united-states", 2),
            ("india", 1),
            ("germany", 1),
            ("egypt", 1),
            ("saudi-arabia", 1),
            ("uae", 1),
            ("guterres", 1),
        ]
    );
    // للأمم المتحدة: the لل contraction; الإماراتوالسعودية: two names glued by و.
    assert_eq!(mentions(&doc, &a, "un"), vec!["لأمم المتحدة"]);
    assert_eq!(mentions(&doc, &a, "uae"), vec!["الإمارات"]);
    assert_eq!(mentions(&doc, &a, "saudi-arabia"), vec!["السعودية"]);
    assert_eq!(mentions(&doc, &a, "eu"), vec!["الاتحاد الأوروبي", "أوروبيون"]);
}

#[test]
fn scraped_oil_market() {
    // Openers: وأوضح, the pair في حين, and ودعت (a defective verb: دعا → دعت).
    let (doc, a) = fixture("scraped_oil.txt");
    assert_eq!(
        titles(&a),
        vec![None, Some("قرار مفاجئ"), Some("مخاوف الطلب"), Some("الموقف الأمريكي")]
    );
    assert_eq!(
        counts(&a),
        vec![
            // «أوبك بلس» is OPEC+, and the Saudi energy minister joined the gazetteer, in
            // session 7.
            ("china", 2),
            ("russia", 1),
            ("united-states", 4),
            ("saudi-arabia", 2),
            ("canada", 1),
            ("opec-plus", 1),
            ("abdulaziz-bin-salman", 1),
            // «غولدمان ساكس» joined the gazetteer in session 12.
            ("goldman-sachs", 1),
        ]
    );
    // Glued: السعوديةوروسيا and المتحدةوكندا.
    assert_eq!(mentions(&doc, &a, "russia"), vec!["روسيا"]);
    assert_eq!(mentions(&doc, &a, "canada"), vec!["كندا"]);
    assert_eq!(
        mentions(&doc, &a, "united-states"),
        vec!["الأمريكي", "واشنطن", "البيت الأبيض", "الولايات المتحدة"]
    );
    // The heading's block stands alone; the paragraph after it starts at the opener.
    let b = a.blocks.iter().position(|b| b.kind == BlockKind::Heading).unwrap_or(0);
    assert!(doc.text[a.blocks[b + 1].range.clone()].starts_with("وأوضح وزير"));
}

#[test]
fn scraped_without_headings_invents_none() {
    // Verb-first sentences (استقبل، اجتمع، يذكر), nominal ones (زيلينسكي شكر، الدعم الأوروبي
    // يبقى), a speaker before a colon and a quote, في المقابل، and "الرئيس الأوكراني وأعضاء
    // وفده" (و + a noun, not an opener): none is a heading.
    let (doc, a) = fixture("scraped_no_headings_diplomacy.txt");
    assert_eq!(titles(&a), vec![None]);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    assert_eq!(
        counts(&a),
        vec![
            ("eu", 2),
            ("russia", 3),
            ("ukraine", 7),
            ("united-kingdom", 1),
            ("france", 5),
            ("germany", 1),
            ("italy", 1),
            ("zelensky", 2),
            ("macron", 2),
            ("peskov", 1),
        ]
    );
    assert_eq!(mentions(&doc, &a, "ukraine")[3], "كييف");
    assert_eq!(mentions(&doc, &a, "russia"), vec!["الروسي", "موسكو", "الكرملين"]);
}

#[test]
fn plain_lines_without_headings() {
    // A dateline with a dash, a one-sentence line, a byline with a colon: no headings. CRLF.
    // "رئيس الوزراء وعد بأن": وعد is not و + verb (two letters after و).
    let (_doc, a) = fixture("plain_no_headings_stimulus.txt");
    assert_eq!(titles(&a), vec![None]);
    // The dateline's agency (طوكيو - رويترز) joined the gazetteer in session 7.
    assert_eq!(counts(&a), vec![("japan", 2), ("reuters", 1)]);
    assert_eq!(a.blocks.len(), 5);
}

#[test]
fn markdown_article() {
    // Explicit headings; the first is the article's title, so there is no untitled opening.
    // The shadda of ردّ stays in the title.
    let (doc, a) = fixture("markdown_trade.md");
    assert_eq!(
        titles(&a),
        vec![
            Some("الاتحاد الأوروبي يفرض رسوما على السيارات الكهربائية الصينية"),
            Some("ردّ بكين"),
            Some("مواقف متباينة داخل أوروبا"),
        ]
    );
    // «المفوضية الأوروبية» is the European Commission, an actor of its own since session 13.
    assert_eq!(
        counts(&a),
        vec![
            ("eu", 3),
            ("china", 6),
            ("france", 1),
            ("germany", 2),
            ("spain", 1),
            ("mao-ning", 1),
            ("european-commission", 1)
        ]
    );
    // A paragraph over two lines is one block.
    assert_eq!(a.blocks.len(), 6);
    assert!(doc.text[a.blocks[1].range.clone()].contains('\n'));
}

#[test]
fn diacritised_text_with_digits_and_latin() {
    // Fully vowelled text matches like bare text, and mentions keep their last letter's
    // harakat. Short lines between paragraphs are headings, and so is the first line: the
    // article's title heads its opening.
    let (doc, a) = fixture("diacritised_g7.txt");
    assert_eq!(
        titles(&a),
        vec![
            Some("قِمَّةُ مَجْمُوعَةِ السَّبْعِ فِي هِيرُوشِيمَا"),
            Some("المَلَفُّ النَّوَوِيُّ"),
            Some("NATO والمحيط الهادئ")
        ]
    );
    assert_eq!(a.sections[0].label(&doc.text), "قِمَّةُ مَجْمُوعَةِ السَّبْعِ فِي هِيرُوشِيمَا");
    assert_eq!(
        counts(&a),
        vec![
            ("nato", 2),
            ("eu", 1),
            ("china", 1),
            ("japan", 3),
            ("north-korea", 2),
            ("south-korea", 1),
            ("ukraine", 1),
            ("australia", 1),
            ("kishida", 1),
            // «مجموعة السبع (G7)»: a name and its gloss in brackets are one mention.
            ("g7", 2),
        ]
    );
    assert_eq!(mentions(&doc, &a, "g7"), vec!["مَجْمُوعَةِ السَّبْعِ", "مَجْمُوعَةِ السَّبْعِ"]);
    assert_eq!(mentions(&doc, &a, "japan"), vec!["اليَابَانِيَّةِ", "اليَابَانِيُّ", "طوكيو"]);
    assert_eq!(mentions(&doc, &a, "north-korea"), vec!["كُورِيَا الشَّمَالِيَّةِ", "بيونغ يانغ"]);
    assert_eq!(mentions(&doc, &a, "nato"), vec!["NATO", "NATO"]);
}

#[test]
fn presentation_forms_are_matched_and_searched() {
    // Legacy text stored in presentation forms (as some old sites and PDFs give it).
    let text = "ﺯﺍﺭ ﺍﻟﺮﺋﻴﺲ ﺍﻟﺼﻴﻦ ﻭﺍﻟﻴﺎﺑﺎﻥ.";
    let doc = load("legacy.txt", text.as_bytes()).expect("loads");
    let a = analyze(&doc, &Gazetteer::builtin());
    assert_eq!(counts(&a), vec![("china", 1), ("japan", 1)]);
    assert_eq!(mentions(&doc, &a, "japan"), vec!["ﺍﻟﻴﺎﺑﺎﻥ"]);
    let hits: Vec<&str> = qari::doc::search(&doc, "الصين").into_iter().map(|r| &text[r]).collect();
    assert_eq!(hits, vec!["ﺍﻟﺼﻴﻦ"]);
}

#[test]
fn scraped_quake_with_a_lost_space_and_a_colon_heading() {
    // "المتضررة.حصيلة الضحايا ونقلت": the space after the full stop was lost; the third
    // heading has a preposition inside (الوضع في سوريا) and ends in a colon.
    let (doc, a) = fixture("scraped_quake.txt");
    assert_eq!(
        titles(&a),
        vec![None, Some("حصيلة الضحايا"), Some("مساعدات دولية"), Some("الوضع في سوريا")]
    );
    assert_eq!(counts(&a), vec![("eu", 1), ("un", 1), ("who", 1), ("turkey", 2), ("syria", 4)]);
    assert_eq!(mentions(&doc, &a, "syria"), vec!["السورية", "سوريا", "سوريا", "دمشق"]);
}

#[test]
fn scraped_economy_without_headings() {
    // Nominal sentences continued by a verb (الخطوة تأتي، الأسواق المحلية ترقبت … وتفاعلت،
    // الاقتصاد المصري يواجه … ويحتاج), a topic before من جهتها, a time adverbial before ودعت:
    // none of their first words is a heading.
    let (_doc, a) = fixture("scraped_no_headings_economy.txt");
    assert_eq!(titles(&a), vec![None]);
    // «البنك المركزي المصري» is the central bank (an actor of its own since session 6), not
    // Egypt.
    assert_eq!(counts(&a), vec![("imf", 1), ("egypt", 1), ("cbe", 1)]);
}

/// Articles written after the detector, to see how it does on text it was not shaped on (the
/// first runs missed «ردود فعل دولية» before ودانت and «الموقف الروسي» before «من جهتها،»,
/// which led to the hollow verb دان and the comma asides). Each lists every subheading a reader
/// sees; the detector must find them in order and invent none.
#[test]
fn later_articles_headings() {
    let cases: [(&str, &[&str]); 5] = [
        ("scraped_missile.txt", &["ردود فعل دولية", "تعاون عسكري متزايد", "الموقف الروسي"]),
        ("scraped_opec.txt", &["قرار مفاجئ", "انتقادات أمريكية", "تأثير على الاقتصاد العالمي"]),
        ("scraped_macron.txt", &["الملف التجاري", "أوكرانيا على الطاولة", "رسائل إلى واشنطن"]),
        ("scraped_ecb.txt", &["التضخم في منطقة اليورو", "توقعات النمو", "الأسواق تتفاعل"]),
        // No subheading at all; «الحكومة السودانية من جهتها أعلنت» is a sentence.
        ("plain_no_headings_cholera.txt", &[]),
    ];
    for (name, want) in cases {
        let (_, a) = fixture(name);
        let mut expected = vec![None];
        expected.extend(want.iter().map(|t| Some(*t)));
        assert_eq!(titles(&a), expected, "{name}");
    }
}

/// A known miss: «موقف أوروبي حذر» ends with حذر, which reads as the verb "warned", so the
/// phrase is not taken for a heading (missing one is preferred to inventing one). The others
/// are found, and nothing is invented.
#[test]
fn later_article_with_a_verb_like_adjective_in_a_heading() {
    let (_, a) = fixture("scraped_grain.txt");
    assert_eq!(titles(&a), vec![None, Some("ممر الحبوب"), Some("مخاوف أمنية")]);
}

/// Actors in the later articles: a surname alone after the full name (شي after شي جين بينغ),
/// capitals for governments, and seas named after countries left out.
#[test]
fn later_articles_actors() {
    let (doc, a) = fixture("scraped_macron.txt");
    assert_eq!(mentions(&doc, &a, "xi-jinping"), vec!["شي جين بينغ", "شي", "شي"]);
    assert_eq!(mentions(&doc, &a, "macron"), vec!["إيمانويل ماكرون", "ماكرون", "ماكرون"]);
    let (doc, a) = fixture("scraped_missile.txt");
    assert_eq!(
        mentions(&doc, &a, "north-korea"),
        vec!["بيونغ يانغ", "كوريا الشمالية", "بيونغيانغ"]
    );
    assert_eq!(
        mentions(&doc, &a, "south-korea"),
        vec!["كوريا الجنوبية", "سيول", "الكورية الجنوبية"]
    );
    // «بحر اليابان» is a sea: Japan counts لليابان (the name after لـ), طوكيو، الياباني،
    // واليابانية only.
    assert_eq!(mentions(&doc, &a, "japan"), vec!["ليابان", "طوكيو", "الياباني", "اليابانية"]);
}

/// Sixteen articles written for measuring the heading detector on text it was not shaped on
/// (written before reading its rules): twelve scraped one-line articles with the subheadings a
/// reader sees, in order, and four without any. The detector's precision and recall over them
/// are in the module docs of src/doc/structure.rs (`# Measured`).
const UNSEEN: [(&str, &[&str]); 16] = [
    (
        "scraped_iraq_elections.txt",
        &[
            "نسبة المشاركة",
            "تحالفات الإطار التنسيقي",
            "اتهامات بالتزوير",
            "بعثة الأمم المتحدة",
            "المرحلة المقبلة",
        ],
    ),
    (
        "scraped_gaza_truce.txt",
        &["الوضع الإنساني", "مفاوضات التهدئة", "الموقف الأمريكي", "جبهة لبنان"],
    ),
    ("scraped_pound_float.txt", &["سعر الصرف", "قرض صندوق النقد", "رؤية مصر 2030", "مخاوف الأسعار"]),
    ("scraped_football_derby.txt", &["هدف قاتل", "صدارة الدوري", "تصريحات جيسوس", "غضب نصراوي"]),
    (
        "scraped_measles_campaign.txt",
        &["تفشي الحصبة", "نقص التمويل", "الشائعات والتردد", "عودة الكوليرا"],
    ),
    (
        "scraped_ai_act.txt",
        &[
            "تصنيف المخاطر",
            "النماذج التوليدية",
            "قلق الحقوقيين",
            "غرامات بالملايين",
            "الولايات المتحدة والصين",
        ],
    ),
    (
        "scraped_book_fair.txt",
        &["ضيف الشرف", "شخصية المعرض", "إقبال جماهيري", "جوائز الدورة 55", "برنامج الأطفال"],
    ),
    ("scraped_derna_floods.txt", &["عمليات الإنقاذ", "انهيار السدين", "تغير المناخ", "مخاوف صحية"]),
    ("scraped_tunis_verdict.txt", &["حيثيات الحكم", "هيئة الدفاع", "ردود الفعل", "قضايا أخرى"]),
    (
        "scraped_jeddah_talks.txt",
        &["منبر جدة", "المعارك على الأرض", "كارثة إنسانية", "موقف القوى المدنية"],
    ),
    (
        "scraped_lng_deal.txt",
        &["توسعة حقل الشمال", "أمن الطاقة الأوروبي", "أسعار الطاقة", "المنافسة الأمريكية"],
    ),
    (
        "scraped_nile_dam.txt",
        &["الرد المصري", "السودان بين الطرفين", "مفاوضات متعثرة", "وساطة دولية"],
    ),
    ("plain_no_headings_lavrov.txt", &[]),
    ("plain_no_headings_budget.txt", &[]),
    ("plain_no_headings_olympics.txt", &[]),
    ("plain_no_headings_drought.txt", &[]),
];

/// Six more articles written after the rules of this session, as a second check on text the
/// rules were not shaped on (four scraped, two without headings).
const UNSEEN_LATER: [(&str, &[&str]); 6] = [
    (
        "scraped_satellite_launch.txt",
        &["مواصفات القمر", "استخدامات متعددة", "الطموحات الفضائية", "سباق إقليمي"],
    ),
    (
        "scraped_migrants_boat.txt",
        &["شهادات الناجين", "طريق الموت", "الموقف الأوروبي", "سفن الإنقاذ"],
    ),
    (
        "scraped_tennis_final.txt",
        &["أداء مثالي", "ديوكوفيتش يعترف", "إنجاز تاريخي", "منافسات السيدات"],
    ),
    (
        "scraped_hospital_cyberattack.txt",
        &["مجموعة روسية", "تداعيات على المرضى", "تحقيق رسمي", "ثغرات متكررة"],
    ),
    ("plain_no_headings_pakistan.txt", &[]),
    ("plain_no_headings_heatwave.txt", &[]),
];

/// Six scraped articles written in session 3 by a tester who had not read the rules, the
/// headings recorded before qari ran on them. Measured only (not pinned): on first sight the
/// detector found 14 of 24 and invented none; it misses headings before a bare verb, before
/// «a quotation», before a name or a particle (see the module notes of `doc::structure`).
const QA_ROUND3: [(&str, &[&str]); 6] = [
    (
        "scraped_qa3_gulf_economy.txt",
        &["نمو غير نفطي", "أسعار النفط", "شراكات آسيوية", "توقعات الصندوق"],
    ),
    (
        "scraped_qa3_medicine_shortage.txt",
        &["حملة التطعيم", "نقص الأدوية", "مخاوف متزايدة", "تمويل دولي"],
    ),
    (
        "scraped_qa3_transfer_saga.txt",
        &["عرض سعودي", "موقف ريال مدريد", "بدائل مطروحة", "الصفقة الأغلى"],
    ),
    (
        "scraped_qa3_sudan_displacement.txt",
        &["أزمة النزوح", "ممرات آمنة", "الوضع في اليمن", "نداء أممي"],
    ),
    (
        "scraped_qa3_eu_ai_fines.txt",
        &["قانون الذكاء الاصطناعي", "غرامات قياسية", "رد أمريكي", "منصات صينية"],
    ),
    (
        "scraped_qa3_asia_missiles.txt",
        &["توتر بحري", "صواريخ بيونغ يانغ", "تحالف ثلاثي", "دور آسيان"],
    ),
];

/// Session 4's tester (QA round 4) wrote these six articles, headings first, before any rule of
/// that session: economy, sport, technology, health, the Maghreb, and a Markdown culture page.
/// First measured 17 of 26 found, none invented; the headline, root-و and stray «.،» rules
/// came from the probes written next, not from these texts.
const QA_ROUND4: [(&str, &[&str]); 6] = [
    (
        "scraped_qa4_economy.txt",
        &[
            "أسعار النفط تحت الضغط",
            "الجنيه المصري والدولار",
            "استثمارات خليجية جديدة",
            "الذهب يسجل مستويات قياسية",
            "توقعات صندوق النقد",
        ],
    ),
    (
        "scraped_qa4_sports.txt",
        &[
            "دياز يواصل التألق",
            "سباق دوري أبطال أوروبا",
            "الدوري السعودي يجذب النجوم",
            "تصفيات كأس العالم 2026",
        ],
    ),
    (
        "scraped_qa4_tech.txt",
        &[
            "غياب الميزات عن المنطقة العربية",
            "سامسونغ ترد بـ One UI 7",
            "حرب الرقائق تشتد",
            "ثغرة أمنية خطيرة في Chrome",
        ],
    ),
    (
        "scraped_qa4_health.txt",
        &[
            "حملة تطعيم في ثلاث دول",
            "غزة والسودان على حافة الكارثة",
            "اختراق علمي في علاج السكري",
            "لقاح جديد ضد الملاريا",
        ],
    ),
    (
        "markdown_qa4_culture.md",
        &[
            "فيلم «ظل النخلة» يتوج بالهرم الذهبي في مهرجان القاهرة",
            "جوائز التمثيل",
            "معرض الشارقة للكتاب",
            "ترجمات إلى الصينية والإسبانية",
            "القائمة القصيرة لجائزة البوكر العربية",
        ],
    ),
    (
        "scraped_qa4_maghreb.txt",
        &[
            "منافسة جزائرية مباشرة",
            "تونس تبحث عن تمويل",
            "الهجرة ملف مشترك مع أوروبا",
            "ليبيا بين حكومتين",
        ],
    ),
];

/// QA round 4: what the detector finds now, pinned so a change that loses one or invents one
/// shows (21 of 26, none invented). The five misses: a heading with no full stop before it
/// (twice: «… 1 ديسمبر/كانون الأول الجنيه المصري …», «… «أعمال عدائية» تونس تبحث …»), before
/// لكن, with Latin words (One UI 7), and before «وفي دوري أبطال أوروبا، يستعد باريس» (a name
/// after the verb).
#[test]
fn qa_round4_headings() {
    let missed = [
        "الجنيه المصري والدولار",
        "سباق دوري أبطال أوروبا",
        "غياب الميزات عن المنطقة العربية",
        "سامسونغ ترد بـ One UI 7",
        "تونس تبحث عن تمويل",
    ];
    for &(name, truth) in &QA_ROUND4 {
        let (_, a) = fixture(name);
        let got: Vec<&str> = titles(&a).into_iter().flatten().collect();
        let expected: Vec<&str> = truth.iter().filter(|t| !missed.contains(t)).copied().collect();
        assert_eq!(got, expected, "{name}");
    }
}

/// Prints the detector's precision and recall on the unseen articles (run with
/// `--ignored --nocapture`); it asserts nothing, the tests below pin each article.
#[test]
#[ignore = "a measurement, not a check"]
fn unseen_articles_measure() {
    for (set, articles) in [
        ("first", &UNSEEN[..]),
        ("later", &UNSEEN_LATER[..]),
        ("qa round 3", &QA_ROUND3[..]),
        ("qa round 4", &QA_ROUND4[..]),
    ] {
        measure(set, articles);
    }
}

fn measure(set: &str, articles: &[(&str, &[&str])]) {
    let (mut found, mut invented, mut missed) = (0, 0, 0);
    for &(name, want) in articles {
        let (_, a) = fixture(name);
        let got: Vec<&str> = titles(&a).into_iter().flatten().collect();
        let hits = got.iter().filter(|g| want.contains(g)).count();
        let false_hits: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        let misses: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        println!("{name}: {hits}/{} invented {false_hits:?} missed {misses:?}", want.len());
        found += hits;
        invented += false_hits.len();
        missed += misses.len();
    }
    let precision = found as f64 / (found + invented).max(1) as f64;
    let recall = found as f64 / (found + missed).max(1) as f64;
    println!("{set} set: found {found}, invented {invented}, missed {missed}: precision {precision:.3}, recall {recall:.3}");
}

/// Headings the detector still misses in the unseen articles, each with why: every one is a
/// case where the text alone does not tell a heading from the start of a sentence, so the
/// detector leaves it (missing a heading is preferred to inventing one).
const UNSEEN_MISSES: [(&str, &str); 7] = [
    // «المرحلة المقبلة ستنتخب المجالس …»: a subject + a future verb is also a whole sentence.
    ("scraped_iraq_elections.txt", "المرحلة المقبلة"),
    // «… وتلزم القواعد …»: the present تفعل has the spelling of form V nouns (تقدم، تطور).
    ("scraped_ai_act.txt", "النماذج التوليدية"),
    // «برنامج الأطفال هذا العام، يخصص …»: a demonstrative time phrase opens the sentence.
    ("scraped_book_fair.txt", "برنامج الأطفال"),
    // «قضايا أخرى وتنظر المحاكم …»: تنظر, the same short present shape as تلزم.
    ("scraped_tunis_verdict.txt", "قضايا أخرى"),
    // «الرد المصري وردت …»: وردت is also the verb ورد after a subject (الأمم المتحدة وصفت).
    ("scraped_nile_dam.txt", "الرد المصري"),
    // «وساطة دولية الاتحاد الأفريقي عرض …»: a subject + verb after it, as in a sentence.
    ("scraped_nile_dam.txt", "وساطة دولية"),
    // «تداعيات على المرضى وتسبب …»: a masculine form V past is spelt like its noun.
    ("scraped_hospital_cyberattack.txt", "تداعيات على المرضى"),
];

/// The unseen articles (both sets): every heading a reader sees is found, in order, except the
/// misses pinned in `UNSEEN_MISSES`, and nothing is invented (the four and two articles without
/// headings get none).
#[test]
fn unseen_articles_headings() {
    let all: Vec<(&str, &[&str])> = UNSEEN.iter().chain(UNSEEN_LATER.iter()).copied().collect();
    // Each pinned miss is one of its article's true headings.
    for (name, title) in UNSEEN_MISSES {
        assert!(all.iter().any(|(n, truth)| *n == name && truth.contains(&title)), "{title}");
    }
    for &(name, truth) in &all {
        let (_, a) = fixture(name);
        let missed: Vec<&str> =
            UNSEEN_MISSES.iter().filter(|(n, _)| *n == name).map(|(_, t)| *t).collect();
        let mut expected = vec![None];
        expected.extend(truth.iter().filter(|t| !missed.contains(t)).map(|t| Some(*t)));
        assert_eq!(titles(&a), expected, "{name}");
    }
}

/// QA round 4: the tester's own count of every actor in the six articles (glued forms,
/// clitics, nisbas, capitals; names inside URLs and e-mails, excluded phrases and look-alike
/// words not counted), counted by hand before qari ran; qari agrees on all 92.
#[test]
fn qa_round4_actor_counts() {
    let truth: [(&str, &[(&str, usize)]); 6] = [
        (
            "scraped_qa4_economy.txt",
            &[
                // «البنك المركزي المصري»: the central bank joined the gazetteer after this
                // count, as the Fed did; the tester had it as one of Egypt's 10.
                ("cbe", 1),
                // One of China's four is «بنك الشعب الصيني», the central bank, which joined the
                // gazetteer in session 12 with Goldman Sachs.
                ("china", 3),
                ("egypt", 9),
                // «مجلس الاحتياطي الفيدرالي»: the Fed joined the gazetteer after this count.
                ("fed", 1),
                ("gaza", 1),
                ("goldman-sachs", 1),
                ("imf", 3),
                ("india", 1),
                ("japan", 1),
                ("kuwait", 1),
                // «أوبك+» is OPEC+, and «صندوق الاستثمارات العامة السعودي» the PIF: both joined
                // the gazetteer in session 7.
                ("opec", 1),
                ("opec-plus", 1),
                ("pboc", 1),
                ("pif", 1),
                ("qatar", 2),
                ("russia", 2),
                ("saudi-arabia", 4),
                ("south-korea", 1),
                ("uae", 2),
                ("united-states", 2),
                ("world-bank", 1),
            ],
        ),
        (
            "scraped_qa4_sports.txt",
            &[
                ("algeria", 2),
                ("canada", 1),
                // Comoros, FIFA and Portugal (البرتغالي كريستيانو), then Hakimi and Regragui
                // (session 6), joined the gazetteer after this count.
                ("comoros", 1),
                // Ronaldo, Barcelona and Real Madrid joined it in session 7.
                ("cristiano-ronaldo", 2),
                ("egypt", 3),
                ("fc-barcelona", 1),
                ("fifa", 1),
                ("france", 1),
                ("germany", 1),
                ("hakimi", 1),
                // Infantino joined the gazetteer in session 7.
                ("infantino", 1),
                ("italy", 1),
                ("libya", 1),
                ("mauritania", 1),
                ("mexico", 1),
                ("morocco", 4),
                ("portugal", 1),
                ("real-madrid", 1),
                ("regragui", 1),
                ("saudi-arabia", 5),
                ("spain", 4),
                ("tunisia", 1),
                // «الاتحاد الأوروبي لكرة القدم»: UEFA joined the gazetteer after this count
                // (the tester had left it out, as no actor of ours then).
                ("uefa", 1),
                ("united-states", 1),
            ],
        ),
        (
            "scraped_qa4_tech.txt",
            &[
                // Apple, Google, Nvidia, OpenAI and Samsung (in Latin here but سامسونغ once)
                // joined the gazetteer in session 6.
                ("apple", 2),
                ("china", 4),
                // «المفوضية الأوروبية» is the European Commission since session 13 (QA rounds
                // 46–53 count it apart from the EU): one of the tester's three EU mentions.
                ("eu", 2),
                ("european-commission", 1),
                ("google", 1),
                ("india", 2),
                ("iran", 1),
                ("japan", 1),
                ("north-korea", 1),
                ("nvidia", 1),
                ("openai", 1),
                // Reuters joined the gazetteer in session 7.
                ("reuters", 1),
                ("samsung", 2),
                ("saudi-arabia", 2),
                ("south-korea", 2),
                ("taiwan", 3),
                // «TSMC» joined the gazetteer in session 12.
                ("tsmc", 1),
                ("uae", 1),
                ("united-states", 2),
            ],
        ),
        (
            "scraped_qa4_health.txt",
            &[
                // «المركز الأفريقي لمكافحة الأمراض»: Africa CDC joined the gazetteer after
                // this count.
                ("africa-cdc", 1),
                ("african-union", 1),
                ("china", 2),
                // Denmark (الدنماركية), DR Congo, Rwanda, Tedros and UNICEF joined the gazetteer
                // after this count.
                ("denmark", 1),
                ("dr-congo", 1),
                ("egypt", 1),
                ("eu", 1),
                ("gaza", 2),
                ("india", 2),
                ("japan", 1),
                ("kuwait", 1),
                ("nigeria", 2),
                ("qatar", 1),
                ("rwanda", 1),
                ("saudi-arabia", 1),
                ("sudan", 3),
                ("sweden", 1),
                ("tedros", 1),
                ("thailand", 1),
                ("un", 1),
                ("unicef", 1),
                ("united-kingdom", 1),
                ("united-states", 1),
                ("who", 1),
                ("yemen", 2),
            ],
        ),
        (
            "markdown_qa4_culture.md",
            &[
                ("algeria", 2),
                ("china", 3),
                ("egypt", 5),
                ("france", 2),
                ("iraq", 4),
                ("italy", 1),
                ("kuwait", 1),
                ("lebanon", 2),
                ("morocco", 5),
                ("oman", 1),
                ("palestine", 1),
                ("saudi-arabia", 2),
                ("spain", 2),
                ("sudan", 2),
                ("syria", 1),
                ("tunisia", 3),
                ("uae", 1),
                ("united-kingdom", 1),
                // («50,000 دولار أمريكي» is a sum of money, not the United States.)
            ],
        ),
        (
            "scraped_qa4_maghreb.txt",
            &[
                ("algeria", 9),
                ("egypt", 1),
                ("eu", 3),
                ("imf", 1),
                ("italy", 1),
                // Ivory Coast, Niger, Portugal and Senegal joined the gazetteer after this count.
                ("ivory-coast", 1),
                // «قيس سعيّد» joined the gazetteer in session 7.
                ("kais-saied", 1),
                // (One less since session 15: «مصرف ليبيا المركزي» is a bank, not Libya.)
                ("libya", 3),
                ("mauritania", 3),
                // + الرباط three times: Rabat joined the gazetteer in session 6, and capitals
                // count for their country (as طوكيو for Japan).
                ("morocco", 7),
                ("niger", 2),
                ("nigeria", 3),
                ("portugal", 1),
                ("saudi-arabia", 1),
                ("senegal", 2),
                ("spain", 4),
                ("tunisia", 7),
                ("turkey", 1),
                ("un", 1),
            ],
        ),
    ];
    for (name, want) in truth {
        let (_, a) = fixture(name);
        let mut got = counts(&a);
        got.sort_unstable();
        assert_eq!(got, want, "{name}");
    }
}
