#!/usr/bin/env bash
# `npm run fuzz`: the long fuzz run of the validators (not part of `npm test`, which runs a
# 30,000-case slice of the same test in debug mode). Release mode, 10^7 cases by default, each
# case feeding a number, an expiry, a month and a year and a CVV (and a whole card and a caret) to
# every validator and formatter. The seed is fresh each run unless given, and printed; a failure
# prints its index and the command that replays just that case.
#   FUZZ_CASES=100000000 npm run fuzz      more cases
#   FUZZ_SEED=0x1234 npm run fuzz          a given seed
#   FUZZ_SEED=0x1234 FUZZ_INDEX=42 npm run fuzz   replay one case
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export FUZZ_CASES="${FUZZ_CASES:-10000000}"
export FUZZ_SEED="${FUZZ_SEED:-$(printf '0x%04x%04x%04x%04x' $RANDOM $RANDOM $RANDOM $RANDOM)}"
# The differential sample is written by `npm test`'s run; this run writes none.
export FUZZ_SAMPLE=0
echo "fuzz: seed $FUZZ_SEED, $FUZZ_CASES cases (replay: FUZZ_SEED=$FUZZ_SEED FUZZ_INDEX=<case> npm run fuzz)"
cargo test --release -p midtrans-card --test fuzz -- --nocapture --test-threads=1 fuzz_validators
