#!/usr/bin/env bash
# The test command (README, .ci/run): build, make sure a real Redis is reachable, run every Jest tier.
# Queue tests need a real Redis, never a mock. If none answers at REDIS_URL (default
# redis://127.0.0.1:6379), start a private redis-server on a spare port for this run; if
# redis-server is not installed, stop and say what to run. Never skip silently.
set -euo pipefail
cd "$(dirname "$0")/.."

redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
private_redis_pid=""
cleanup() {
  if [ -n "$private_redis_pid" ]; then kill "$private_redis_pid" 2>/dev/null || true; fi
  if [ -n "${private_redis_dir:-}" ]; then rm -rf "$private_redis_dir"; fi
}
trap cleanup EXIT

if ! node scripts/redis-ping.js "$redis_url"; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "No Redis answers at $redis_url and redis-server is not installed." >&2
    echo "Install it (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_URL to a reachable Redis, then run npm test again." >&2
    exit 1
  fi
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  private_redis_dir=$(mktemp -d)
  echo "No Redis at $redis_url: starting a private redis-server on 127.0.0.1:$port for this test run." >&2
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$private_redis_dir" --daemonize no >"$private_redis_dir/redis.log" 2>&1 &
  private_redis_pid=$!
  redis_url="redis://127.0.0.1:$port"
  for _ in $(seq 1 50); do node scripts/redis-ping.js "$redis_url" && break; sleep 0.1; done
  node scripts/redis-ping.js "$redis_url" || { echo "The private redis-server did not start; see $private_redis_dir/redis.log" >&2; exit 1; }
fi
export REDIS_URL="$redis_url"

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing Debian's chromium package for the browser tests." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $chromium_path." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run npm test again." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$chromium_path"

npm run --silent build
npm run --silent typecheck
npm run --silent lint
# pdf.js (inside pdf-parse) loads its worker with import(); Jest allows that only with this flag.
node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js --runInBand "$@"
