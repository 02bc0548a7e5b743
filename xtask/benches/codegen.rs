//! Spec → formatted code, step by step: load (read + validate), generate
//! (normalization passes + progenitor + the request layer), format (gates +
//! prettyplease + header).
//! Goal: under 100 ms in all. `cargo bench -p xtask --bench codegen`

use criterion::{Criterion, criterion_group, criterion_main};
use xtask::load::Spec;

fn codegen(c: &mut Criterion) {
    let path = xtask::workspace_root().unwrap().join(xtask::SPEC_PATH);
    let spec = Spec::load(&path).unwrap();
    let mut normalized = spec.clone();
    let applied = xtask::passes::apply_all(&mut normalized.doc);
    let parts = xtask::generate_parts(&normalized, &Default::default()).unwrap();

    let mut group = c.benchmark_group("codegen");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| Spec::load(&path).unwrap()));
    group.bench_function("generate", |b| {
        b.iter(|| {
            let mut spec = spec.clone();
            xtask::passes::apply_all(&mut spec.doc);
            xtask::generate_parts(&spec, &Default::default()).unwrap()
        })
    });
    group.bench_function("format", |b| {
        b.iter(|| {
            let parts = parts.clone();
            let bodies: Vec<String> =
                parts.operations.iter().filter_map(|op| op.body.as_ref().map(|b| b.rust.clone())).collect();
            xtask::format::render(parts.client, parts.layer, &bodies, xtask::SPEC_PATH, &applied).unwrap()
        })
    });
    group.bench_function("all", |b| {
        b.iter(|| {
            let spec = Spec::load(&path).unwrap();
            xtask::generate(spec, xtask::SPEC_PATH).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, codegen);
criterion_main!(benches);
