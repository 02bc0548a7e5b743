//! `cf-orgs --version`'s start-up, beside a process that does nothing (`true`), in one run: the
//! cost of the binary itself (loading, clap's tree of every command, the runtime not yet built).
//!
//! `cargo bench -p cf-orgs-cli --bench startup`

use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};

fn run(program: &str, args: &[&str]) {
    let status = Command::new(program).args(args).stdout(Stdio::null()).status().expect("it starts");
    assert!(status.success());
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("true", |b| b.iter(|| run("true", &[])));
    group.bench_function("cf-orgs --version", |b| b.iter(|| run(env!("CARGO_BIN_EXE_cf-orgs"), &["--version"])));
    group.bench_function("cf-orgs org list --help", |b| {
        b.iter(|| run(env!("CARGO_BIN_EXE_cf-orgs"), &["org", "list", "--help"]))
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
