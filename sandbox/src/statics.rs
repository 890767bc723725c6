//! Static files for the demo page (`/`) and the wasm package (`/pkg/`), without path traversal.

use std::path::{Component, Path, PathBuf};

/// Content type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Percent-decodes a URL path; `None` on bad escapes or non-UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a static request fails.
#[derive(Debug, PartialEq, Eq)]
pub enum StaticError {
    /// Traversal attempt, hidden file, or a path that leaves the root.
    Forbidden,
    /// No such file.
    NotFound,
}

/// Maps a URL path (relative to the mount point, still percent-encoded) to a file under `root`.
pub fn resolve(root: &Path, url_path: &str) -> Result<PathBuf, StaticError> {
    let decoded = percent_decode(url_path).ok_or(StaticError::Forbidden)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(StaticError::Forbidden);
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') {
            return Err(StaticError::Forbidden);
        }
        let p = Path::new(seg);
        if p.components().count() != 1 || !matches!(p.components().next(), Some(Component::Normal(_))) {
            return Err(StaticError::Forbidden);
        }
        rel.push(seg);
    }
    let root = root.canonicalize().map_err(|_| StaticError::NotFound)?;
    let mut full = root.join(&rel);
    if full.is_dir() {
        full.push("index.html");
    }
    let full = full.canonicalize().map_err(|_| StaticError::NotFound)?;
    if !full.starts_with(&root) {
        return Err(StaticError::Forbidden);
    }
    if !full.is_file() {
        return Err(StaticError::NotFound);
    }
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert!(content_type(Path::new("a.mjs")).starts_with("text/javascript"));
        assert!(content_type(Path::new("a.JS")).starts_with("text/javascript"));
        assert!(content_type(Path::new("index.html")).starts_with("text/html"));
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%2e%2E").as_deref(), Some(".."));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%2"), None);
    }

    #[test]
    fn traversal_is_forbidden() {
        let dir = std::env::temp_dir().join(format!("sbx-static-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("sub"));
        let _ = std::fs::write(dir.join("index.html"), "hi");
        let _ = std::fs::write(dir.join("sub/a.js"), "x");
        assert_eq!(resolve(&dir, "/"), Ok(dir.canonicalize().unwrap_or_default().join("index.html")));
        assert!(resolve(&dir, "/sub/a.js").is_ok());
        for bad in
            ["/../x", "/%2e%2e/x", "/sub/%2E%2E/%2e%2e/etc/passwd", "/.git/config", "/sub\\..\\a", "/a%00b"]
        {
            assert_eq!(resolve(&dir, bad), Err(StaticError::Forbidden), "{bad}");
        }
        assert_eq!(resolve(&dir, "/missing.js"), Err(StaticError::NotFound));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
