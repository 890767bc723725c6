#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, idempotently, with progress shown.
# First it checks the Node.js version (scripts/check-node.sh says what to install when too old); then
# the wasm32 target, the pinned wasm-bindgen-cli and wasm-pack (skipped when the right version is
# already on PATH), Debian's chromium + chromium-driver, and the npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# The CLI must equal the wasm-bindgen that Cargo.lock pins (Cargo.toml only asks for ^0.2.130).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
WASM_PACK_VERSION=0.15.1
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# First, before anything takes minutes: a Node.js that can run the build and the tests.
step "Node.js"
bash scripts/check-node.sh

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then echo "present"
else rustup target add wasm32-unknown-unknown; fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then echo "present"
else
  echo "building from crates.io (about 9 minutes on 2 cores)..."
  # Not --locked: the locked build fails with this toolchain.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

step "wasm-pack $WASM_PACK_VERSION"
if [ "$(wasm-pack --version 2>/dev/null)" = "wasm-pack $WASM_PACK_VERSION" ]; then echo "present"
else
  echo "building from crates.io (about 7 minutes on 2 cores)..."
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

step "Chromium and ChromeDriver (Debian packages)"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then /usr/bin/chromium --version
else
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends chromium chromium-driver
fi

step "npm packages"
stamp=node_modules/.midtrans-card-installed
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then echo "up to date"
else
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
