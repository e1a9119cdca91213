//! Every input the fuzzers kept (the minimised corpus and every crash they found, in
//! `fuzz/regressions/<target>/`), run through the same checks as the fuzz targets. Fuzzing
//! itself stays out of CI (`scripts/fuzz`, docs/ROBUSTNESS.md); this keeps what it found from
//! coming back.
//!
//! A target whose directory is missing or empty fails: a corpus lost by a careless commit must
//! not turn this test into one that checks nothing.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{target}: cannot read {}: {e}", dir.display()));
    let mut paths: Vec<_> =
        entries.map(|e| e.expect("a directory entry").path()).filter(|p| p.is_file()).collect();
    paths.sort();
    assert!(!paths.is_empty(), "{target}: no saved inputs in {}", dir.display());
    // Every input is run, and every one that fails is named.
    let failed: Vec<String> = paths
        .iter()
        .filter(|path| {
            let bytes = fs::read(path).expect("read a saved input");
            catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{target}: these saved inputs fail again:\n{}", failed.join("\n"));
    eprintln!("{target}: {} saved inputs pass", paths.len());
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
