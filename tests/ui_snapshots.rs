//! Whole-screen snapshots (ratatui `TestBackend`, insta) of the reader on the seed at 100×30
//! and 40×12, plus drawing checks that hold at any size.

use std::sync::Arc;

use qari::app::keymap::parse_keys;
use qari::app::{Config, Library, Reader};
use qari::doc::{self, Gazetteer};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn seed_reader(size: (u16, u16)) -> Reader {
    let library = Arc::new(Library::seeds(Gazetteer::builtin()));
    let mut reader = Reader::new(library, size);
    reader.wait_for_analysis();
    reader
}

/// A reader of one document, `text` loaded as the file `name`, its analysis done.
fn doc_reader(name: &str, text: &str, size: (u16, u16)) -> Reader {
    let d = doc::load(name, text.as_bytes()).unwrap();
    let library = Arc::new(Library::from_documents(vec![d], Gazetteer::builtin()));
    let mut reader = Reader::new(library, size);
    reader.wait_for_analysis();
    reader
}

fn screen(reader: &mut Reader) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(reader.size.0, reader.size.1)).unwrap();
    term.draw(|f| qari::ui::draw(f, reader)).unwrap();
    term
}

fn run(reader: &mut Reader, keys: &str) {
    for e in parse_keys(keys) {
        reader.handle(e);
    }
}

/// Snapshots the seed after `keys` at both sizes.
fn snap(name: &str, keys: &str) {
    for (cols, rows) in [(100, 30), (40, 12)] {
        let mut r = seed_reader((cols, rows));
        run(&mut r, keys);
        let term = screen(&mut r);
        insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), term.backend());
    }
}

#[test]
fn start() {
    snap("start", "");
}

#[test]
fn after_jumping_to_an_actor() {
    // North Korea selected: its mentions highlighted, the first in the upper third, 1/3.
    snap("actor_north_korea", "Tab Tab j j j Enter");
}

#[test]
fn during_a_search() {
    snap("search_typing", "/ الصين");
    snap("search_confirmed", "/ الصين Enter n");
}

#[test]
fn help() {
    snap("help", "?");
}

#[test]
fn pane_hidden() {
    snap("pane_hidden", "p");
}

#[test]
fn pane_on_the_left() {
    let library = Arc::new(Library::seeds(Gazetteer::builtin()));
    let config = Config { pane: qari::app::PaneSide::Left, ..Config::default() };
    let mut r = Reader::with_config(library, (100, 30), config);
    r.wait_for_analysis();
    insta::assert_snapshot!("pane_left_100x30", screen(&mut r).backend());
}

#[test]
fn directory_list() {
    let docs = vec![
        doc::load("a-japan.txt", "الخبر الأول عن اليابان وطوكيو.\n".as_bytes()).unwrap(),
        doc::load("b-china.md", "# عنوان\n\nالخبر الثاني عن الصين.\n".as_bytes()).unwrap(),
        doc::load("c-latin.txt", b"An English note about NATO.\n").unwrap(),
    ];
    for (cols, rows) in [(100, 30), (40, 12)] {
        let library =
            Library::from_documents(docs.clone(), Gazetteer::builtin()).into_list("news/");
        let mut r = Reader::new(Arc::new(library), (cols, rows));
        run(&mut r, "j");
        insta::assert_snapshot!(format!("directory_{cols}x{rows}"), screen(&mut r).backend());
    }
}

#[test]
fn tiny_and_huge_screens_draw_without_panic() {
    // Issue 7: 1×1, 3×10 and 500×200, in every mode, never panic.
    for size in [(1, 1), (3, 10), (10, 3), (2, 2), (500, 200)] {
        for keys in ["", "Tab Tab j j j Enter", "/ الصين Enter", "?", "p", "Tab Tab l j"] {
            let mut r = seed_reader(size);
            run(&mut r, keys);
            let _ = screen(&mut r);
        }
    }
}

#[test]
fn no_control_character_from_the_document_reaches_the_buffer() {
    // Escape sequences, OSC 52, BEL, backspace and C1 controls inside the text and the name.
    let text = "مرحبا \x1b[31mأحمر\x1b]52;c;aGk=\x07 ثم\x08 \u{9b}2J نهاية\n";
    let mut r = doc_reader("evil\x1b[2J.txt", text, (80, 10));
    let term = screen(&mut r);
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control()), "{:?}", cell.symbol());
    }
}

#[test]
fn wide_cells_are_followed_by_an_empty_cell_and_keep_our_width() {
    // A CJK word in the text: each ideograph takes two columns; the second is left empty so
    // the diff skips it, as ratatui expects.
    let mut r = doc_reader("cjk.txt", "日本 Japan\n", (40, 5));
    let term = screen(&mut r);
    let buf = term.backend().buffer();
    let row: Vec<&str> = (0..12).map(|x| buf[(x, 0)].symbol()).collect();
    // Column 0 is the margin; 日 at 1 (2 wide), 本 at 3.
    assert_eq!(&row[..6], &[" ", "日", " ", "本", " ", " "][..]);
    assert_eq!(row[6..11].concat(), "Japan");
}

#[test]
fn no_color_uses_no_colours_but_still_marks_the_mentions() {
    // NO_COLOR: every cell keeps the terminal's colours; mentions are shown by reverse video.
    let library = Arc::new(Library::seeds(Gazetteer::builtin()));
    let config = Config { color: false, ..Config::default() };
    let mut r = Reader::with_config(library, (100, 30), config);
    r.wait_for_analysis();
    run(&mut r, "Tab Tab j j j Enter");
    let term = screen(&mut r);
    let buf = term.backend().buffer();
    use ratatui::style::{Color, Modifier};
    assert!(buf.content().iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(buf.content().iter().any(|c| c.modifier.contains(Modifier::REVERSED)));
}

#[test]
fn bidi_terminal_sends_logical_unshaped_text() {
    // --bidi terminal: the first row holds the article's first words in logical order, plain
    // letters (no presentation forms), starting at the left margin.
    let library = Arc::new(Library::seeds(Gazetteer::builtin()));
    let config = Config { bidi: qari::app::BidiMode::Terminal, ..Config::default() };
    let mut r = Reader::with_config(library, (100, 30), config);
    r.wait_for_analysis();
    let term = screen(&mut r);
    let buf = term.backend().buffer();
    let row: String = (0..70).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    assert!(row.starts_with(" ذكر الأمين العام"), "{row}");
    assert!(!row.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)));
}

/// The first of `rows` that holds `needle`.
fn row_with<'a>(rows: &'a [String], needle: &str) -> &'a String {
    rows.iter().find(|r| r.contains(needle)).unwrap_or_else(|| panic!("{needle} in {rows:#?}"))
}

/// Row `y` of the screen (without the side pane: hidden with `p`), as text.
fn row_text(term: &Terminal<TestBackend>, y: u16) -> String {
    let buf = term.backend().buffer();
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn each_paragraph_takes_the_direction_of_most_of_its_letters() {
    // Issue 2's rule in the reader: an Arabic paragraph that opens with a Latin name still reads
    // right to left (right-aligned, the name at its right end); an English paragraph of the same
    // Arabic document reads left to right; a paragraph of digits only takes the document's.
    let text = "NATO (حلف شمال الأطلسي) أعلن اليوم خطة جديدة.\n\n\
                The alliance said it would meet again in May.\n\n\
                2024\n\n\
                وقال الأمين العام إن الحلف سيجتمع مجددا.\n";
    let mut r = doc_reader("mixed.txt", text, (70, 12));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..8).map(|y| row_text(&term, y)).collect();
    let find = |needle: &str| row_with(&rows, needle);
    // RTL: the Latin name is the rightmost word of its row, the row is right-aligned, and the
    // final period (logically last) is at the left end.
    let nato = find("NATO").trim_end();
    assert!(nato.ends_with("NATO"), "{nato:?}");
    assert!(nato.trim_start().starts_with('.'), "{nato:?}");
    let english = find("alliance");
    assert!(english.trim_start().starts_with("The alliance"), "{english:?}");
    assert!(english.trim_end().ends_with("May."), "{english:?}");
    // Left-aligned: it starts at the reader's margin, not pushed right.
    assert!(english.find("The").unwrap() <= 2, "{english:?}");
    // Digits only: the document is Arabic, so right-aligned.
    let year = find("2024");
    assert!(year.trim_end().len() > 60 && year.trim_end().ends_with("2024"), "{year:?}");
}

#[test]
fn markdown_shows_links_text_and_emphasis_without_markup() {
    // A Markdown paragraph: the link shows its text only, **strong** is bold, *em* italic,
    // ~~struck~~ crossed out, and the asterisks, brackets and address are gone; plain words
    // keep the plain style.
    let text =
        "Read **the report** by [NATO](https://www.nato.int/report) on *China* and ~~Japan~~ \
                today, `qari` said.\n";
    let mut r = doc_reader("links.md", text, (90, 6));
    run(&mut r, "p");
    let term = screen(&mut r);
    let row = row_text(&term, 0);
    assert_eq!(row.trim(), "Read the report by NATO on China and Japan today, qari said.");
    let buf = term.backend().buffer();
    use ratatui::style::Modifier;
    let style_of = |word: &str| {
        let x = row.find(word).unwrap_or_else(|| panic!("{word} in {row:?}")) as u16;
        buf[(x, 0)].modifier
    };
    assert!(style_of("report").contains(Modifier::BOLD));
    assert!(style_of("China").contains(Modifier::ITALIC));
    assert!(style_of("Japan").contains(Modifier::CROSSED_OUT));
    // A link's text is underlined, code has the theme's colour (QA round 51: both looked like
    // plain text).
    assert!(style_of("NATO").contains(Modifier::UNDERLINED));
    let x = row.find("qari").unwrap() as u16;
    assert_eq!(buf[(x, 0)].fg, ratatui::style::Color::Cyan);
    for plain in ["Read", "today", "said"] {
        let m = style_of(plain);
        let plain_look = Modifier::BOLD | Modifier::ITALIC | Modifier::CROSSED_OUT;
        assert!(!m.intersects(plain_look | Modifier::UNDERLINED), "{plain}");
        let x = row.find(plain).unwrap() as u16;
        assert_ne!(buf[(x, 0)].fg, ratatui::style::Color::Cyan, "{plain}");
    }
}

#[test]
fn a_long_query_shows_its_end_while_typed_and_leaves_room_after() {
    // While typing, a query longer than the status bar shows its end (where the typing is);
    // once searched, it is cut so the file name and the place still show.
    let mut r = seed_reader((60, 12));
    run(&mut r, "p /");
    let long = "abc ".repeat(20) + "zzend";
    for c in long.chars() {
        r.handle(qari::app::Event::Key(qari::app::Key::Char(c)));
    }
    let term = screen(&mut r);
    let status = row_text(&term, 11);
    assert!(status.contains("zzend"), "{status:?}");
    assert!(status.contains('…'), "{status:?}");
    run(&mut r, "Enter");
    let term = screen(&mut r);
    let status = row_text(&term, 11);
    assert!(status.contains("000_e9e75a8ffcffd115") || status.contains('%'), "{status:?}");
    assert!(status.contains("0/0") && status.contains("? help"), "{status:?}");
    assert!(!status.contains("0/0?"), "counter and help run together: {status:?}");
}

#[test]
fn a_short_file_name_stays_in_the_status_bar_when_it_fits() {
    // At 60 columns, a search and the section's title do not all fit: the section goes, and
    // the short file name, dropped first, comes back in the room that freed.
    let mut r = doc_reader("s.txt", qari::SEEDS[0].1, (60, 12));
    run(&mut r, "p /");
    for c in "الأمين العام لحلف".chars() {
        r.handle(qari::app::Event::Key(qari::app::Key::Char(c)));
    }
    run(&mut r, "Enter");
    let term = screen(&mut r);
    let status = row_text(&term, 11);
    assert!(status.contains("s.txt") && status.contains("1/"), "{status:?}");
}

/// At every width, the status bar's last field stops a blank column before "? help" (QA round
/// 33 saw `29%? help` at 50 columns).
#[test]
fn the_status_bar_leaves_a_blank_before_help_at_every_width() {
    for cols in 20..=100u16 {
        let mut r = seed_reader((cols, 10));
        run(&mut r, "j j n");
        let term = screen(&mut r);
        let status: Vec<char> = row_text(&term, 9).chars().collect();
        let text: String = status.iter().collect();
        let Some(at) = text.find("? help").map(|b| text[..b].chars().count()) else { continue };
        assert!(at == 0 || status[at - 1] == ' ', "{cols} columns: {text:?}");
    }
}

#[test]
fn code_lines_read_left_to_right_in_an_arabic_document() {
    // Each line of a fenced code block reads left to right from the reader's left margin, even
    // one that is mostly Arabic (a comment, a string), as code does in any editor; the prose
    // around it keeps its own direction.
    let text = "# عنوان\n\nفقرة عربية قبل الشيفرة.\n\n```\nprint(\"مرحبا بكم\")\n# تعليق عربي طويل\n```\n\nفقرة عربية بعدها.\n";
    let mut r = doc_reader("code.md", text, (70, 12));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..10).map(|y| row_text(&term, y)).collect();
    let find = |needle: &str| row_with(&rows, needle);
    let print = find("print(");
    assert!(print.find("print(").unwrap() <= 2, "{print:?}");
    let comment = find("# ");
    assert!(comment.find("# ").unwrap() <= 2, "{comment:?}");
    // The comment's Arabic words follow the '#' to its right.
    assert!(comment.trim_end().chars().count() < 40, "{comment:?}");
    // The code lines are one under the other, no blank row between them.
    let at = |needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap();
    assert_eq!(at("# "), at("print(") + 1);
    // The prose after the block is right-aligned.
    let last = rows.iter().rev().find(|r| !r.trim().is_empty()).unwrap();
    assert!(last.len() - last.trim_start().len() > 40, "{last:?}");
}

#[test]
fn an_arabic_file_name_reads_alike_in_the_status_bar_and_the_list() {
    // QA round 45: the list showed «خبر عاجل.md» left to right, the status bar «md.خبر عاجل».
    let mut r = doc_reader("خبر عاجل.md", "# عنوان\n\nنص قصير.\n", (60, 8));
    let term = screen(&mut r);
    let status = row_text(&term, 7);
    let name = status.trim_start().split(" │ ").next().unwrap_or_default();
    assert!(name.ends_with(".md"), "{status:?}");
    assert!(!name.starts_with("md."), "{status:?}");
}

#[test]
fn the_status_fields_never_touch_the_help_hint() {
    // QA round 45: at 12×4 the counter ran into it («0/0? help»). Whatever the width, either
    // a blank column parts them or the hint is left out.
    for cols in 8..40 {
        let mut r = seed_reader((cols, 4));
        run(&mut r, "/ الصين Enter");
        let term = screen(&mut r);
        let status = row_text(&term, 3);
        if let Some(at) = status.find("? help") {
            let before = status[..at].chars().last();
            assert!(before.is_none_or(|c| c == ' '), "{cols}: {status:?}");
        }
    }
}

#[test]
fn markdown_tables_line_up_their_columns_right_to_left() {
    // A table of an Arabic document: its pipes one under the other on every row, its first
    // column on the right, a rule under its header, numbers within their column; a search
    // finds a cell's text where it is shown. Too narrow for its columns, each row is a
    // paragraph again, as written.
    let text = "# نتائج\n\n| الحزب | المقاعد | النسبة |\n|---|---:|:---|\n\
                | حزب العدالة | 120 | 35% |\n| الحزب الديمقراطي الاجتماعي | 85 | 24.5% |\n\
                | المستقلون | 12 |\n\nفقرة بعد الجدول.\n";
    let mut r = doc_reader("table.md", text, (70, 12));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..10).map(|y| row_text(&term, y)).collect();
    let pipes = |row: &str| -> Vec<usize> {
        row.chars().enumerate().filter(|(_, c)| "│├┼┤".contains(*c)).map(|(i, _)| i).collect()
    };
    let table: Vec<&String> = rows.iter().filter(|r| r.contains('│') || r.contains('├')).collect();
    assert_eq!(table.len(), 5, "{rows:#?}");
    for row in &table {
        assert_eq!(pipes(row), pipes(table[0]), "{table:#?}");
    }
    assert!(table[1].contains("├") && table[1].contains('─'), "{table:#?}");
    // Right to left: the percentages' column is the leftmost, the names' the rightmost; the
    // missing cell of the last row is blank; the table is right-aligned like the prose.
    let cells = |row: &str| -> Vec<String> {
        row.split('│').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
    };
    assert_eq!(cells(table[2])[0], "35%");
    assert_eq!(cells(table[2])[1], "120");
    assert_eq!(cells(table[4]).len(), 2, "{:?}", table[4]);
    assert_eq!(cells(table[4])[0], "12");
    // The column marked --: is right-aligned: 120, 85 and 12 end at the same column.
    let end_of =
        |row: &str, s: &str| row.chars().count() - row.split(s).nth(1).unwrap().chars().count();
    assert_eq!(end_of(table[2], "120"), end_of(table[3], "85"));
    assert_eq!(end_of(table[2], "120"), end_of(table[4], "12"));
    assert!(table[0].trim_end().ends_with('│') && table[0].trim_end().len() > 60, "{:?}", table[0]);

    // A search for a cell's text highlights it there.
    run(&mut r, "/ 1 2 0 Enter");
    let term = screen(&mut r);
    let y = (0..10).find(|&y| row_text(&term, y).contains("120")).unwrap();
    let row = row_text(&term, y);
    let x = row.chars().position(|c| c == '1').unwrap() as u16;
    let buf = term.backend().buffer();
    assert_ne!(buf[(x, y)].style(), buf[(x - 2, y)].style(), "{row:?}");

    // Narrower than the table: each row a card, a cell a line, no pipes (QA round 51: the raw
    // rows were shown, their closing pipe alone on a line), a rule under each row.
    let mut r = doc_reader("table.md", text, (34, 14));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..13).map(|y| row_text(&term, y)).collect();
    assert!(rows.iter().all(|r| !r.contains('|') && !r.contains('│')), "{rows:#?}");
    assert!(rows.iter().any(|r| r.trim() == "120"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("────")), "{rows:#?}");
    // Numbers go the table's way: right-aligned in this right-to-left table.
    let y = rows.iter().position(|r| r.trim() == "120").unwrap();
    assert!(rows[y].find("120").is_some_and(|x| x > 20), "{:?}", rows[y]);
}

#[test]
fn nested_list_items_are_indented_at_their_start_side() {
    // Two cells a level, on the right of a right-to-left item and the left of a left-to-right
    // one; items back at the outer level line up with the first.
    let text = "- البند الأول\n  - بند فرعي\n    - بند أعمق\n- البند الثاني\n\n1. first\n   - nested\n2. second\n";
    let mut r = doc_reader("list.md", text, (60, 12));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..9).map(|y| row_text(&term, y)).collect();
    let end = |y: usize| rows[y].trim_end().chars().count();
    let start = |y: usize| rows[y].chars().take_while(|&c| c == ' ').count();
    assert_eq!((end(0) - end(1), end(0) - end(2), end(0) - end(3)), (2, 4, 0), "{rows:#?}");
    assert_eq!((start(6) - start(5), start(7)), (2, start(5)), "{rows:#?}");
}

/// QA round 51: tmux gave a zero width joiner to the next character it printed (a pane
/// border), so joiners and marks that did their work in the layout are not painted; with
/// `--bidi terminal` the terminal shapes and reorders, so they are (review); a joiner inside an
/// emoji sequence always is.
#[test]
fn joiners_are_painted_only_where_the_terminal_needs_them() {
    let text = "قال a\u{200D}b و می\u{200C}خواهم \u{200F}هنا 👨\u{200D}👩 انتهى.\n";
    let cells = |bidi: qari::app::BidiMode| -> String {
        let d = doc::load("zwj.txt", text.as_bytes()).unwrap();
        let library = Arc::new(Library::from_documents(vec![d], Gazetteer::builtin()));
        let config = Config { bidi, ..Config::default() };
        let mut r = Reader::with_config(library, (60, 6), config);
        r.wait_for_analysis();
        run(&mut r, "p");
        let term = screen(&mut r);
        term.backend().buffer().content().iter().map(|c| c.symbol().to_string()).collect()
    };
    let visual = cells(qari::app::BidiMode::Qari);
    assert!(!visual.contains(['\u{200C}', '\u{200F}']), "{visual:?}");
    assert_eq!(visual.matches('\u{200D}').count(), 1, "only the emoji's: {visual:?}");
    let logical = cells(qari::app::BidiMode::Terminal);
    assert!(logical.contains("a\u{200D}") && logical.contains('\u{200C}'), "{logical:?}");
}

/// QA round 51: a block quote looked like body text. Each level gets a bar at the quote's
/// start side (the right of a right-to-left paragraph, the left of a left-to-right one) with
/// the text past it; a blank row between two paragraphs of a quote keeps its bar; a
/// thematic break is a rule across the column.
#[test]
fn block_quotes_have_a_bar_a_level_and_thematic_breaks_a_rule() {
    let text = "> قال الأمين العام إن الحلف باق.\n> > وأضاف أن الصين ليست خصما.\n>\n> وختم.\n\n***\n\n> An English quote.\n";
    let mut r = doc_reader("quote.md", text, (50, 14));
    run(&mut r, "p");
    let term = screen(&mut r);
    let rows: Vec<String> = (0..10).map(|y| row_text(&term, y)).collect();
    let at_end = |needle: &str, end: &str| {
        let row = row_with(&rows, needle).trim_end();
        assert!(row.ends_with(end), "{row:?} should end with {end:?}");
    };
    // Right-to-left: the bar is the row's last cell, the text a space before it; nested: two.
    at_end("ﻕﺎﺑ", " │");
    assert!(!row_with(&rows, "ﻕﺎﺑ").ends_with("│ │"), "{rows:#?}");
    at_end("ﻦﻴﺼﻟﺍ", " │ │");
    // The blank row inside the quote keeps its outer bar.
    assert_eq!(rows[2].trim(), "│", "{rows:#?}");
    at_end("ﻢﺘﺧﻭ", " │");
    // The rule: a row of ─ and nothing else.
    let rule = rows.iter().find(|r| r.contains('─')).expect("a rule");
    assert!(rule.trim().chars().all(|c| c == '─') && rule.trim().chars().count() > 40, "{rule:?}");
    // Left-to-right: the bar on the left.
    assert!(
        row_with(&rows, "English").trim_start().starts_with("│ An English quote."),
        "{rows:#?}"
    );
}

/// QA round 51: at 20×5 status messages were cut («the side p…», «no actor o…») while
/// "? help" kept its room. A message that does not fit beside it takes the bar, and the rows
/// above when it needs them, so it reads whole; the next key gives the text back.
#[test]
fn a_status_message_reads_whole_on_a_narrow_screen() {
    for (keys, message) in [
        ("Tab", "the side pane needs a terminal of 30×5 at least"),
        ("n", "no actor or search selected"),
    ] {
        let mut r = seed_reader((20, 5));
        run(&mut r, keys);
        let term = screen(&mut r);
        let rows: Vec<String> = (0..5).map(|y| row_text(&term, y)).collect();
        let shown = rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ");
        assert!(shown.contains(message), "{keys}: {rows:#?}");
        assert!(!shown.contains('…'), "{keys}: {rows:#?}");
        // The next key clears it: the text and the status bar are back.
        run(&mut r, "j");
        let term = screen(&mut r);
        let status = row_text(&term, 4);
        assert!(status.contains("? help") && status.contains('%'), "{status:?}");
    }
}

/// QA round 51: the list said `(4 documents, 2 skipped)` but never which files or why. Each
/// file left out is a row of its own after the documents, with its reason whole; the cursor
/// reaches it, and Enter there opens nothing.
#[test]
fn a_directory_lists_the_files_it_skipped_and_why() {
    let dir = std::env::temp_dir().join(format!("qari-ui-skipped-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "الخبر الأول عن اليابان.\n").unwrap();
    std::fs::write(dir.join("broken.txt"), b"abc\xff").unwrap();
    std::fs::write(dir.join("zeros.md"), [b'x', 0, 0]).unwrap();
    let library = Library::from_dir(&dir, doc::Gazetteer::builtin()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut r = Reader::new(Arc::new(library), (80, 12));
    let term = screen(&mut r);
    let rows: Vec<String> = (0..12).map(|y| row_text(&term, y)).collect();
    assert!(rows[0].contains("(1 document, 2 skipped, listed last)"), "{rows:#?}");
    let broken = row_with(&rows, "broken.txt");
    assert!(broken.contains("skipped: invalid UTF-8 at byte offset 3"), "{rows:#?}");
    let zeros = row_with(&rows, "zeros.md");
    assert!(zeros.contains("skipped: binary file (NUL byte at offset 1), not text"), "{rows:#?}");
    run(&mut r, "G Enter");
    assert_eq!((r.screen, r.list_cursor), (qari::app::Screen::List, 2));
}
