//! Replacing a small file whole: written beside it (mode 0600 when private), synced, then renamed
//! over it, so that a reader never sees it half written, nor a private file readable by others.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through `path` + `.tmp` and a rename.
pub(crate) fn replace(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut out = options.open(&temporary)?;
    out.write_all(bytes).and_then(|()| out.sync_all())?;
    std::fs::rename(&temporary, path)
}
