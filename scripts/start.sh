#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the package, and serves the demo checkout (www/)
# against the offline Midtrans sandbox, all on one port. PORT=9000 npm start to change it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PORT="${PORT:-8080}"

bash scripts/setup.sh
node scripts/build.mjs

printf '\n\033[1m==> Demo checkout: http://localhost:%s/\033[0m\n' "$PORT"
cat <<INFO
    Test card 4811 1111 1111 1114, CVV 123, any future expiry (e.g. 12/30), 3DS OTP 112233.
    Other sandbox cards (bank deny 4911 1111 1111 1113, FDS deny 4611 1111 1111 1116...) behave as in Midtrans's docs.
    Everything runs offline; to use Midtrans's real sandbox with your own keys, see README.md.
    Stop with Ctrl+C. (Building the sandbox the first time takes a minute.)

INFO
exec cargo run -p midtrans-sandbox --profile sandbox -- --port "$PORT" --www www --pkg pkg
