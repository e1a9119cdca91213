//! `qari inspect` run as a binary: summary, JSON shape and offsets, and one-line errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs qari with `stdin` piped in, or with nothing piped in (`/dev/null`) for `None`.
fn qari(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR")) // no user gazetteer
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qari runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.unwrap_or_default()).expect("stdin written");
    }
    child.wait_with_output().expect("qari exits")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str, bytes: &[u8]) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, bytes).expect("temp file written");
    path
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = qari(args, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn actor_count(v: &serde_json::Value, id: &str) -> usize {
    v["actors"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == id))
        .and_then(|x| x["mentions"].as_array())
        .map_or(0, |m| m.len())
}

#[test]
fn seed_json_has_the_sections_and_counts() {
    // No FILE: the bundled seed.
    let v = json(&["inspect", "--json"]);
    assert_eq!(v["direction"], "rtl");
    assert_eq!(v["file"], "000_e9e75a8ffcffd115.txt");
    let titles: Vec<serde_json::Value> =
        v["sections"].as_array().expect("sections").iter().map(|s| s["title"].clone()).collect();
    assert_eq!(
        titles,
        vec![
            serde_json::Value::Null,
            "الاستثمارات الكبيرة".into(),
            "قوة السلام".into(),
            "أمن ودفاع".into(),
            "عقوبات اقتصادية".into(),
            "تطورات أخرى".into(),
        ]
    );
    assert_eq!(actor_count(&v, "nato"), 14);
    assert_eq!(actor_count(&v, "china"), 13);
    assert_eq!(actor_count(&v, "japan"), 9);
    assert_eq!(actor_count(&v, "north-korea"), 3);
    let china = v["actors"].as_array().and_then(|a| a.iter().find(|x| x["id"] == "china"));
    let china = china.expect("china");
    assert_eq!(china["name"], "الصين");
    assert_eq!(china["name_en"], "China");
    assert_eq!(china["kind"], "country");
}

#[test]
fn json_offsets_are_chars_of_the_text() {
    // Every mention's [start, end) in chars gives back its text; sections tile the text.
    let path = fixture("diacritised_g7.txt");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let chars: Vec<char> = text.chars().collect();
    let v = json(&["inspect", "--json", &path]);
    for actor in v["actors"].as_array().expect("actors") {
        for m in actor["mentions"].as_array().expect("mentions") {
            let (s, e) = (
                m["start"].as_u64().unwrap_or(0) as usize,
                m["end"].as_u64().unwrap_or(0) as usize,
            );
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap_or(""));
        }
    }
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(sections[0]["start"], 0);
    assert_eq!(sections.last().map(|s| s["end"].clone()), Some(chars.len().into()));
    for w in sections.windows(2) {
        assert_eq!(w[0]["end"], w[1]["start"]);
    }
    // The title's own range: it starts the section.
    assert_eq!(sections[1]["title_start"], sections[1]["start"]);
    let ts = sections[1]["title_start"].as_u64().unwrap_or(0) as usize;
    let te = sections[1]["title_end"].as_u64().unwrap_or(0) as usize;
    let title: String = chars[ts..te].iter().collect();
    assert_eq!(title, "المَلَفُّ النَّوَوِيُّ");
}

#[test]
fn summary_lists_sections_and_actors() {
    let out = qari(&["inspect", &fixture("scraped_oil.txt")], None);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert!(s.contains("قرار مفاجئ: وأوضح وزير الطاقة"), "{s}");
    assert!(s.contains("(untitled opening): ارتفعت أسعار النفط"), "{s}");
    assert!(s.lines().any(|l| l.trim_start().starts_with("4  united-states")), "{s}");
    // Actors most mentioned first, as in the reader's pane.
    let counts: Vec<usize> = s
        .lines()
        .skip_while(|l| !l.starts_with("actors ("))
        .skip(1)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(counts.len() > 2 && counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn stdin_and_user_actors() {
    let actors = tmp(
        "extra_actors.toml",
        "[[actor]]\nid = \"acme\"\nname = \"أكمي\"\nname_en = \"Acme\"\nkind = \"organisation\"\n"
            .as_bytes(),
    );
    let out =
        qari(&["inspect", "--json", "--actors", &actors, "-"], Some("قالت أكمي وأكمي.".as_bytes()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(actor_count(&v, "acme"), 2);
    assert_eq!(v["file"], "-");
}

/// QA round 51: `echo … | qari inspect` analysed the bundled article while the reader and
/// `render` read the pipe. Without a FILE, what is piped in is the article; with nothing piped
/// in (`/dev/null`) it is still the bundled one.
#[test]
fn a_pipe_is_the_article_without_a_file() {
    let out = qari(&["inspect", "--json"], Some("قال الناتو إن الناتو باق.".as_bytes()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!((v["file"].as_str(), v["chars"].as_u64()), (Some("-"), Some(25)));
    assert_eq!(actor_count(&v, "nato"), 2);
    let v = json(&["inspect", "--json"]);
    assert_ne!(v["file"], "-");
    assert!(actor_count(&v, "nato") > 2);
}

#[test]
fn no_raw_control_characters_reach_the_terminal() {
    // ESC, CSI (C1) and BEL in the text: kept in the document, escaped or replaced in output.
    let path = tmp(
        "controls.txt",
        "مقدمة هنا عن الصين. \u{1b}[2J عنوان \u{9b}31m وذكر المتحدث أن الأمر انتهى تماما.\u{7}\n"
            .as_bytes(),
    );
    for args in [vec!["inspect", "--json", path.as_str()], vec!["inspect", path.as_str()]] {
        let out = qari(&args, None);
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).expect("utf-8");
        let bad: Vec<char> = s.chars().filter(|c| c.is_control() && *c != '\n').collect();
        assert!(bad.is_empty(), "{bad:?} in {s}");
    }
}

#[test]
fn errors_are_one_line() {
    let bad = tmp("bad.txt", b"abc\xff\xfe");
    let out = qari(&["inspect", &bad], None);
    assert_eq!(out.status.code(), Some(1));
    // The error names the path as given.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("qari: {bad}: invalid UTF-8 at byte offset 3\n")
    );

    let bin = tmp("bin.dat", b"PK\x03\x04\x00\x00");
    let out = qari(&["inspect", &bin], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("qari: {bin}: binary file (NUL byte at offset 4), not text\n")
    );

    let out = qari(&["inspect", "/nonexistent/x.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("qari: /nonexistent/x.txt: ") && err.lines().count() == 1, "{err}");

    let bad_toml = tmp("bad_actors.toml", b"[[actor]]\nid = \"x\"\n");
    let out = qari(&["inspect", "--actors", &bad_toml], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("actor `x` is new, so it needs `name`\n") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn empty_file_is_an_empty_document() {
    let empty = tmp("empty.txt", b"");
    let v = json(&["inspect", "--json", &empty]);
    assert_eq!(v["sections"].as_array().map(|s| s.len()), Some(1));
    assert_eq!(v["actors"].as_array().map(|a| a.len()), Some(0));
}

/// Every subcommand names a bad file the same way (the path as given) in one line, and a file
/// name carrying terminal escapes (ESC, C1 CSI, BEL, a newline) never reaches stderr raw.
#[test]
fn errors_name_the_path_the_same_way_without_control_codes() {
    let bad = tmp("same-\u{1b}]52;c;aGk=\u{7}-\u{9b}31m-\nname.txt", b"ok\xff");
    for args in
        [vec!["inspect", &bad], vec!["inspect", "--json", &bad], vec!["render", &bad], vec![&bad]]
    {
        let out = qari(&args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8 error");
        assert!(err.ends_with(": invalid UTF-8 at byte offset 2\n"), "{args:?}: {err:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err:?}");
        let body = err.strip_suffix('\n').unwrap_or(&err);
        assert!(!body.chars().any(|c| c.is_control()), "{args:?}: {err:?}");
        // The visible part of the name is still there.
        assert!(body.contains("same-") && body.contains("name.txt"), "{args:?}: {err:?}");
    }
    for args in [
        vec!["inspect", "/nonexistent/\u{1b}[2J.txt"],
        vec!["render", "/nonexistent/\u{1b}[2J.txt"],
    ] {
        let out = qari(&args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8 error");
        assert!(err.starts_with("qari: /nonexistent/") && err.lines().count() == 1, "{err:?}");
        assert!(!err.trim_end().chars().any(|c| c.is_control()), "{args:?}: {err:?}");
    }
}

/// Markdown's inline markup is not part of what qari reads, but offsets are still into the
/// file: a mention inside `[الناتو](url)` or `**…**` points at the name in the file, a heading's
/// title is shown without its asterisks, and sections still tile the whole file.
#[test]
fn markdown_markup_is_left_out_and_offsets_stay_in_the_file() {
    let md = "# **قمة** الناتو في `لاهاي`\n\nقال **الأمين العام** لحلف [الناتو](https://www.nato.int/ar) \
              إن _الصين_ تمثل تحديا.\n\n---\n\n## موقف **اليابان**\n\nوقالت [طوكيو][1] إن \\*الصين\\* شريك.\n\n\
              [1]: https://example.com/tokyo\n";
    let path = tmp("markup.md", md.as_bytes());
    let chars: Vec<char> = md.chars().collect();
    let v = json(&["inspect", "--json", &path]);
    let sections = v["sections"].as_array().expect("sections");
    let titles: Vec<&str> = sections.iter().filter_map(|s| s["title"].as_str()).collect();
    assert_eq!(titles, ["قمة الناتو في لاهاي", "موقف اليابان"]);
    assert_eq!(sections[0]["start"], 0);
    assert_eq!(sections.last().map(|s| s["end"].clone()), Some(chars.len().into()));
    for w in sections.windows(2) {
        assert_eq!(w[0]["end"], w[1]["start"]);
    }
    assert_eq!(v["chars"], chars.len());
    let mut seen = 0;
    for actor in v["actors"].as_array().expect("actors") {
        for m in actor["mentions"].as_array().expect("mentions") {
            let (s, e) =
                (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap_or(""));
            seen += 1;
        }
    }
    assert_eq!(actor_count(&v, "nato"), 2);
    assert_eq!(actor_count(&v, "china"), 2);
    assert_eq!(actor_count(&v, "japan"), 2);
    assert_eq!(seen, 6);
    // Each title's range in the file reads as its title once its markup is left out.
    for s in sections.iter().filter(|s| !s["title"].is_null()) {
        let (a, b) = (
            s["title_start"].as_u64().unwrap() as usize,
            s["title_end"].as_u64().unwrap() as usize,
        );
        let in_file: String = chars[a..b].iter().filter(|c| !matches!(c, '*' | '`')).collect();
        assert_eq!(in_file, s["title"].as_str().unwrap());
    }
}

/// Markup at the very start and end of a Markdown file: the first section still starts at 0,
/// the last ends at the file's end, and mentions there point at the names, not their markup.
#[test]
fn markdown_offsets_at_the_edges_of_the_file() {
    let md = "**الناتو** قال إن الحلف سيجتمع و**روسيا**";
    let path = tmp("edges.md", md.as_bytes());
    let chars: Vec<char> = md.chars().collect();
    let v = json(&["inspect", "--json", &path]);
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(sections[0]["start"], 0);
    assert_eq!(sections.last().map(|s| s["end"].clone()), Some(chars.len().into()));
    let mut names = Vec::new();
    for actor in v["actors"].as_array().expect("actors") {
        for m in actor["mentions"].as_array().expect("mentions") {
            let (s, e) =
                (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            names.push(chars[s..e].iter().collect::<String>());
        }
    }
    names.sort();
    assert_eq!(names, ["الناتو", "روسيا"]);
    // The summary counts the file's chars, as the JSON does.
    let out = qari(&["inspect", &path], None);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains(&format!("{} chars", chars.len())), "{summary}");
}
