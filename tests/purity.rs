//! Proves the core is pure: `src/domain/` names no browser binding, clock or I/O, and the
//! browser crates are wasm32-only dependencies (so this host build compiles without them).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

const FORBIDDEN: &[&str] = &[
    "wasm_bindgen",
    "web_sys",
    "js_sys",
    "gloo",
    "serde_wasm_bindgen",
    "std::time",
    "SystemTime",
    "Instant",
    "std::fs",
    "std::net",
    "std::io",
    "std::env",
    "std::thread",
    "println!",
    "eprintln!",
    "crate::web",
    "super::web",
];

#[test]
fn domain_names_no_browser_clock_or_io() {
    let mut checked = 0;
    for entry in fs::read_dir("src/domain").expect("src/domain") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        for word in FORBIDDEN {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} files");
}

#[test]
fn browser_crates_are_wasm32_only() {
    let manifest = fs::read_to_string("Cargo.toml").expect("Cargo.toml");
    let gate = "[target.'cfg(target_arch = \"wasm32\")'.dependencies]";
    let start = manifest.find(gate).expect("a wasm32-only dependency table");
    let (before, after) = manifest.split_at(start);
    let table_end = after[gate.len()..].find("\n[").map_or(after.len(), |i| i + gate.len());
    for dep in ["wasm-bindgen", "js-sys", "web-sys", "gloo-net", "serde-wasm-bindgen", "wasm-bindgen-futures"]
    {
        assert!(!before.contains(&format!("\n{dep} ")), "{dep} outside the wasm32 table");
        assert!(!after[table_end..].contains(&format!("\n{dep} ")), "{dep} outside the wasm32 table");
    }
    // Caret requirements (a Rust app may resolve a newer 0.2.x); Cargo.lock pins the npm build.
    // Optional: the validation-only build links no wasm-bindgen at all. Without default features:
    // the npm builds are `no_std` (the `midtrans` feature turns std back on for a Rust app).
    assert!(after[..table_end]
        .contains("wasm-bindgen = { version = \"0.2.130\", optional = true, default-features = false }"));
}
