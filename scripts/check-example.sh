#!/usr/bin/env bash
# Builds examples/rust-checkout (a Rust frontend depending on midtrans-card with
# `default-features = false, features = ["midtrans"]`, in a workspace of its own) for the host
# and for wasm32, lints and tests it, and checks that its wasm exports only its own items: none
# of the npm package's JavaScript API.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
ex=examples/rust-checkout
# Share compiled dependencies with the main build.
export CARGO_TARGET_DIR="$root/target/example"
(cd "$ex" && cargo fmt -- --check)
(cd "$ex" && cargo clippy --locked --all-targets -- -D warnings)
(cd "$ex" && cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings)
(cd "$ex" && cargo test --locked)
(cd "$ex" && cargo build --locked --release --target wasm32-unknown-unknown)
out="$root/.tmp/example"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/rust_checkout.wasm"
node scripts/check-example-exports.mjs "$out/rust_checkout_bg.wasm"
