//! Writing generated files atomically, and comparing them for `--check`.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// What writing a file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Unchanged,
    Updated,
}

/// Writes `content` to `path` only if it differs, through a temporary file
/// renamed into place, so a failure never leaves a half-written file.
pub fn write_if_changed(path: &Path, content: &str) -> Result<Written> {
    write_bytes_if_changed(path, content.as_bytes())
}

/// [`write_if_changed`] for any bytes (a gzip file).
pub fn write_bytes_if_changed(path: &Path, content: &[u8]) -> Result<Written> {
    if std::fs::read(path).is_ok_and(|old| old == content) {
        return Ok(Written::Unchanged);
    }
    let dir = path.parent().ok_or_else(|| Error::file(path, "has no parent directory"))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, format!("cannot create: {e}")))?;
    let tmp = dir.join(format!(".{}.tmp", path.file_name().and_then(|n| n.to_str()).unwrap_or("out")));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(content)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::file(path, format!("cannot write: {e}"))
    })?;
    Ok(Written::Updated)
}

/// A short unified diff from the committed file to `expected`, or `None` when
/// equal; `label` names the file in the diff header.
pub fn drift(path: &Path, label: &str, expected: &str) -> Option<String> {
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if committed == expected {
        return None;
    }
    const MAX_LINES: usize = 60;
    let diff = similar::TextDiff::from_lines(committed.as_str(), expected);
    let name = label;
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (committed)"), &format!("{name} (from spec)"))
        .to_string();
    let total = text.lines().count();
    let mut short: String = text.lines().take(MAX_LINES).collect::<Vec<_>>().join("\n");
    if total > MAX_LINES {
        short.push_str(&format!("\n... {} more diff lines", total - MAX_LINES));
    }
    Some(short)
}
