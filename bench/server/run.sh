#!/usr/bin/env bash
# Server benchmark: wrk against the authenticated question listing, login and
# /healthz, with the whole server pinned to ONE core (loop + 1 worker on CPU
# 0) and wrk on the other. Prints req/s, p50/p99 and the server's RSS.
#   bench/server/run.sh build/release/candor [seconds]
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh path/to/candor [seconds]}")
secs=${2:-10}
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }
dir=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
taskset -c 0 "$bin" serve --bind 127.0.0.1 --port "$port" --data-dir "$dir" --workers 1 \
  --access-ttl 86400 --login-ip-per-min 100000000 --login-account-per-min 100000000 \
  2>"$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
# CPU seconds the server used (user+sys), from /proc: robust to other load on
# the machine, unlike req/s, so we also report CPU microseconds per request.
cpu() { awk '{print ($14+$15)}' /proc/$pid/stat; }
hz=$(getconf CLK_TCK)
rss() { awk -v k="$1" '$1==k":" {print $2/1024 " MB"}' /proc/$pid/status; }
idle=$(rss VmRSS)
email="bench$RANDOM@college.edu"; pass="Bench-passw0rd-1"
body="{\"email\":\"$email\",\"password\":\"$pass\",\"name\":\"Bench\"}"
token=$(curl -sf -XPOST "$base/api/auth/register" -H 'content-type: application/json' -d "$body" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
lua="$dir/login.lua"
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"$email","password":"$pass"}'
LUA
out=bench/results/server.txt
mkdir -p bench/results
: >"$out"
run() { # name, wrk args...
  local name=$1; shift
  local r c0 c1
  c0=$(cpu)
  r=$(taskset -c 1 wrk --latency -d "${secs}s" "$@")
  c1=$(cpu)
  local rps p50 p99 non2xx reqs us
  reqs=$(awk '/requests in/ {print $1}' <<<"$r")
  us=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%.1f", (b-a)/hz*1e6/n}')
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$r")
  p50=$(awk '$1=="50%" {print $2}' <<<"$r")
  p99=$(awk '$1=="99%" {print $2}' <<<"$r")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$r")
  printf '%-42s %10s req/s   p50 %-9s p99 %-9s server CPU %6s us/req  non-2xx %s\n' \
    "$name" "$rps" "$p50" "$p99" "$us" "${non2xx:-0}" | tee -a "$out"
}
run "GET /healthz (c=32)" -t1 -c32 "$base/healthz"
run "GET /api/questions?role=backend auth (c=32)" -t1 -c32 -H "Authorization: Bearer $token" "$base/api/questions?role=backend"
run "POST /api/auth/login (c=4, argon2id)" -t1 -c4 -s "$lua" "$base/api/auth/login"
echo "idle RSS after start: $idle; peak RSS: $(rss VmHWM)" | tee -a "$out"
