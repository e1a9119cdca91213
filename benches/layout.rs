//! Lays out a 10 MB Arabic document (the bundled seed repeated) at width 80, paragraph by
//! paragraph: into `VisualLine`s (shaped and unshaped), and into rows only, the way
//! `qari render --width 80 --base rtl` does. Compare with FriBidi:
//! `scripts/bench-layout` (results in docs/PERFORMANCE.md).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use qari::layout::{layout_paragraph, layout_rows, BaseDirection, LayoutOptions};

fn document(bytes: usize) -> String {
    let seed = qari::SEEDS[0].1.trim_end();
    let mut doc = String::with_capacity(bytes + seed.len() + 1);
    while doc.len() < bytes {
        doc.push_str(seed);
        doc.push('\n');
    }
    doc
}

fn bench(c: &mut Criterion) {
    let doc = document(10 * 1024 * 1024);
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(doc.len() as u64));
    for (name, shape) in [("10MB_width80_rtl_shaped", true), ("10MB_width80_rtl_unshaped", false)] {
        let opts = LayoutOptions { width: 80, base: BaseDirection::Rtl, shape, reorder: true };
        group.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| doc.lines().map(|p| layout_paragraph(p, &opts).len()).sum::<usize>(),
                BatchSize::PerIteration,
            )
        });
    }
    // What `qari render` does: rows only, no cells.
    let opts = LayoutOptions { width: 80, base: BaseDirection::Rtl, shape: true, reorder: true };
    group.bench_function("10MB_width80_rtl_rows", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut bytes = 0;
                for p in doc.lines() {
                    layout_rows(p, &opts, |row, _, _| bytes += row.len());
                }
                bytes
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
