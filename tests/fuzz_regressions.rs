//! Every input the fuzzers kept (the minimised corpus and every crash they found, in
//! `fuzz/regressions/<target>/`), run through the same checks as the fuzz targets. Fuzzing
//! itself stays out of CI (`scripts/fuzz`); this keeps what it found from coming back.

use std::fs;
use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut count = 0;
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let bytes = fs::read(entry.path()).expect("read a saved input");
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{target}: {} fails again", entry.path().display());
            count += 1;
        }
    }
    assert!(count > 0, "{target}: no saved inputs in {}", dir.display());
    eprintln!("{target}: {count} saved inputs pass");
}

#[test]
fn layout_inputs() {
    run_all("layout", qari::fuzzing::layout);
}

#[test]
fn document_inputs() {
    run_all("doc", qari::fuzzing::document);
}

#[test]
fn reader_inputs() {
    run_all("reader", qari::fuzzing::reader);
}

#[test]
fn ssh_input_inputs() {
    run_all("ssh_input", qari::fuzzing::ssh_input);
}
