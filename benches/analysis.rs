//! Loading and analysing a 10 MB document: the seed article repeated, separated by blank
//! lines (about 1,900 paragraphs, 36,000 sentences, 9,500 headings, 150,000 mentions).
//! Figures go in docs/PERFORMANCE.md ("Analysis").

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use qari::doc::{analyze, analyze_with, load, normalize, search, Gazetteer, Matcher};

fn big_document() -> Vec<u8> {
    let seed = qari::SEEDS.first().map_or("", |s| s.1);
    let mut text = String::with_capacity(10 * 1024 * 1024 + seed.len());
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(seed.trim_end());
        text.push_str("\n\n");
    }
    text.into_bytes()
}

fn bench(c: &mut Criterion) {
    let bytes = big_document();
    let gazetteer = Gazetteer::builtin();
    let mut group = c.benchmark_group("analysis-10MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("load", |b| b.iter(|| load("big.txt", black_box(&bytes))));
    let doc = load("big.txt", &bytes).expect("loads");
    group.bench_function("load+analyze", |b| {
        b.iter(|| {
            let doc = load("big.txt", black_box(&bytes)).expect("loads");
            analyze(&doc, &gazetteer)
        })
    });
    let matcher = Matcher::new(&gazetteer);
    group.bench_function("analyze (matcher compiled)", |b| {
        b.iter(|| analyze_with(black_box(&doc), &gazetteer, &matcher))
    });
    group.bench_function("fold", |b| b.iter(|| normalize::fold(black_box(&doc.text))));
    group
        .bench_function("search اليابان", |b| b.iter(|| search(black_box(&doc), "اليابان")));
    group.finish();

    c.bench_function("gazetteer builtin + compile", |b| {
        b.iter(|| Matcher::new(&Gazetteer::builtin()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
