//! Running progenitor over a normalized spec, turning its panics into errors
//! that name the operation that caused them.

use std::panic::{self, AssertUnwindSafe};

use proc_macro2::TokenStream;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::{METHODS, Spec};

/// The settings every generation uses: the builder interface (the audit-log
/// call has 41 optional filters), and `JsonSchema` on every generated type
/// (made optional afterwards: `gates`).
fn settings() -> progenitor::GenerationSettings {
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_derive("schemars::JsonSchema");
    settings
}

/// Generates the client's tokens from a normalized spec.
pub fn generate(spec: &Spec) -> Result<TokenStream> {
    let api = spec.to_openapi()?;
    match run_quietly(&api) {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(e)) => Err(Error::file(&spec.path, format!("progenitor failed: {e}"))),
        Err(panic) => Err(match culprit(spec) {
            Some(op) => Error::operation(&spec.path, op, format!("progenitor panicked: {panic}")),
            None => Error::file(&spec.path, format!("progenitor panicked: {panic}")),
        }),
    }
}

/// Runs progenitor with its panic caught and the default panic message silenced.
fn run_quietly(
    api: &openapiv3::OpenAPI,
) -> std::result::Result<std::result::Result<TokenStream, progenitor::Error>, String> {
    // The panic hook is process-wide: one silenced run at a time.
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = HOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome =
        panic::catch_unwind(AssertUnwindSafe(|| progenitor::Generator::new(&settings()).generate_tokens(api)));
    panic::set_hook(previous);
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Finds the first operation that panics progenitor on its own.
fn culprit(spec: &Spec) -> Option<String> {
    let ops = spec.operations().ok()?;
    ops.into_iter().find_map(|op| {
        let mut doc = spec.doc.clone();
        let paths = doc.get_mut("paths")?.as_object_mut()?;
        paths.retain(|p, _| *p == op.path);
        let item = paths.get_mut(&op.path)?.as_object_mut()?;
        item.retain(|k, _| !METHODS.contains(&k.as_str()) || *k == op.method);
        let api: openapiv3::OpenAPI = serde_json::from_value::<openapiv3::OpenAPI>(Value::clone(&doc)).ok()?;
        run_quietly(&api).is_err().then_some(op.operation_id)
    })
}
