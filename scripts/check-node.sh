#!/usr/bin/env bash
# Fails, saying what to install, unless the `node` on PATH can run the build and the tests:
# Node.js 20.11 or later (the tests use import.meta.dirname). The Vite tests need what Vite 8
# needs (^20.19.0 || >=22.12.0) and skip, saying so, below it. Keep in step with package.json
# "engines".
set -euo pipefail
REQUIRED='>=20.11.0'
advice() {
  cat >&2 <<MSG
midtrans-card needs Node.js $REQUIRED (24 LTS recommended) for its build and tests.
$1
Install Node.js 24 LTS, then run this again, for example:
  - Debian/Ubuntu: NodeSource's nodejs 24 package (Debian 12's own apt nodejs is 18: too old)
  - nvm:           nvm install 24 && nvm use 24
  - the official binaries from nodejs.org
MSG
  exit 1
}
command -v node >/dev/null 2>&1 || advice "No \`node\` on PATH."
version="$(node --version 2>/dev/null || true)"
# Plain ES5 on purpose: it must run (and say no) on any old Node.
if ! node -e '
  var v = process.versions.node.split(".").map(Number);
  process.exit((v[0] === 20 && v[1] >= 11) || v[0] > 20 ? 0 : 1);
' 2>/dev/null; then
  advice "Found ${version:-an unknown version} at $(command -v node)."
fi
echo "node $version ($(command -v node))"
