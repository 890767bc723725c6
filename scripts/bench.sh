#!/usr/bin/env bash
# `npm run bench`: size, speed and browser benchmarks of midtrans-card against its peers, in one
# run, then a table on stdout and BENCHMARKS.md. Benchmarks report; they are not timed tests.
#   BENCH_NO_BUILD=1   measure the pkg/ already built instead of running scripts/build.mjs
#   BENCH_N            inputs per field for the speed run (default 1000000)
#   BENCH_RUNS         timed runs per library and field, median reported (default 5, minimum 5)
#   BENCH_LOADS        cold page loads per side for startup (default 31, minimum 10)
#   BENCH_CYCLES       3DS popup open/close cycles (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
start=$SECONDS

if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  step "build the package (node scripts/build.mjs)"
  node scripts/build.mjs
fi
[ -f pkg/midtrans_card_bg.wasm ] || { echo "pkg/ is not built: run node scripts/build.mjs" >&2; exit 1; }

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "warning: load average $load on $(nproc) cores: other work will slow both sides and widen the spread" >&2
fi

# Results of this run only: a failed part leaves BENCHMARKS.md untouched.
out=.tmp/bench
rm -rf "$out" && mkdir -p "$out"

step "size: gzip -9 and brotli 11, midtrans-card vs card-validator + picomodal (esbuild)"
node bench/size.mjs --out "$out/size.json"

step "speed: ${BENCH_N:-1000000} inputs per field, one Node process"
node bench/speed.mjs --out "$out/speed.json"

step "headless Chromium: startup and the 3DS popup"
node bench/browser.mjs --out "$out/browser.json"

step "report"
node bench/report.mjs --dir "$out" --md BENCHMARKS.md
echo "bench took $((SECONDS - start)) s"
