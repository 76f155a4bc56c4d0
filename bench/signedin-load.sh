#!/usr/bin/env bash
# Signed-in readers at full speed (issue 14): the pages and the API as a signed-in reader gets them, against the
# static ceiling and the anonymous (output-cached) day page measured in the same run.
#
# Builds Release, starts `paperwire serve` on a fresh data folder (demo corpus + arXiv sample), creates READERS
# accounts with the CLI, gives each a few upvotes, a Not interested mark and a followed category through the API,
# signs each in through the sign-in form (a real session cookie and antiforgery cookie) and creates an API token
# for each. wrk then runs 64 connections; every request carries the next reader's cookie (pages) or token (API):
#   /robots.txt                         static text from memory: the ceiling of this host
#   anonymous /papers/date/DATE         the output-cached day page (reference)
#   signed-in day, week, month, paper page, search page (rotating readers); the paper and search pages also
#   anonymous (output-cached), the same bytes without the reader's parts: what a page of that size costs here
#   token /api/daily_papers?date=DATE   the HF-compatible API with an API token
# Target per signed-in row: >= 25% of the static rate and p99 < 20 ms at 64 connections.
# Columns: req/s, p50, p99, % of static, server CPU µs per request (from /proc/PID/stat), load of others.
# Usage: bench/signedin-load.sh [--duration 15s] [--rounds 1] [--readers 16] [--connections 64] [--no-build]
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

duration=15s
warmup=5s
rounds=1
readers=16
connections=64
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --readers) readers=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }

[ "$build" = 0 ] || dotnet build src/Paperwire -c Release -nologo -v quiet >/dev/null
dll=src/Paperwire/bin/Release/net10.0/paperwire.dll
work=$(mktemp -d /tmp/paperwire-signedin.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
server_pid=
trap '[ -z "$server_pid" ] || kill $server_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# Sign-ins are limited per address and minute; this script signs in every reader from one.
Ingest__Schedule__Enabled=false Paperwire__RateLimits__Scale=10 \
  dotnet "$dll" serve --urls "$base" --data "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.5; done
echo "signedin-load: waiting until the arXiv sample is loaded and searchable"
for _ in $(seq 600); do curl -fs "$base/readyz" | grep -q '"Healthy"\|Healthy' && break; sleep 1; done
sleep 5

export PAPERWIRE_USER_PASSWORD='bench-Password-1'
: >"$work/cookies"
: >"$work/tokens"
ids=($(curl -fs "$base/api/papers/search?q=language+models&limit=24" | /usr/bin/python3 -c 'import json, sys; print(" ".join(i["paper"]["id"] for i in json.load(sys.stdin)))'))
categories=(cs.CL cs.CV cs.LG eess.AS q-bio.BM quant-ph gr-qc cs.RO)
for i in $(seq 0 $((readers - 1))); do
  name="reader$i"
  dotnet "$dll" --data "$work/data" users create --name "$name" --email "$name@bench.example.org" >/dev/null
  token=$(dotnet "$dll" --data "$work/data" tokens create --user "$name" --name bench)
  auth=(-H "Authorization: Bearer $token")
  for k in 0 1 2; do
    curl -fs -o /dev/null -X POST "${auth[@]}" "$base/api/papers/${ids[$(((i + k) % ${#ids[@]}))]}/upvote"
  done
  curl -fs -o /dev/null -X POST "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"category\",\"name\":\"${categories[$((i % ${#categories[@]}))]}\"}" "$base/api/follows"
  echo "Authorization: Bearer $token" >>"$work/tokens"
  jar="$work/jar$i"
  form=$(curl -fs -c "$jar" "$base/account/signin")
  request_token=$(printf '%s' "$form" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Form.Login=$name" --data-urlencode "Form.Password=$PAPERWIRE_USER_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$request_token" "$base/account/signin"
  awk -F'\t' '$6 != "" { printf "%s%s=%s", (n++ ? "; " : "Cookie: "), $6, $7 } END { print "" }' "$jar" >>"$work/cookies"
done
grep -c 'paperwire.auth=' "$work/cookies" | grep -qx "$readers" || { echo "signedin-load: not every reader signed in" >&2; cat "$work/cookies" >&2; exit 2; }
: >"$work/anonymous"; echo "" >>"$work/anonymous"

date=$(curl -fs "$base/api/daily_papers?limit=1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["publishedAt"][:10])')
week=$(/usr/bin/python3 -c 'import datetime, sys; d = datetime.date.fromisoformat(sys.argv[1]); y, w, _ = d.isocalendar(); print(f"{y}-W{w:02d}")' "$date")
paper=$(curl -fs "$base/api/daily_papers?date=$date&limit=1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["paper"]["id"])')
rows=(
  "static|anonymous|/robots.txt"
  "anonymous day (cached)|anonymous|/papers/date/$date"
  "signed-in day|cookies|/papers/date/$date"
  "signed-in week|cookies|/papers/week/$week"
  "signed-in month|cookies|/papers/month/${date:0:7}"
  "anonymous paper (cached)|anonymous|/papers/$paper"
  "signed-in paper|cookies|/papers/$paper"
  "anonymous search (cached)|anonymous|/search?q=language+models"
  "signed-in search|cookies|/search?q=language+models"
  "token API day|tokens|/api/daily_papers?date=$date"
)
for row in "${rows[@]}"; do
  IFS='|' read -r label who path <<<"$row"
  header=$(head -n 1 "$work/$who")
  status=$(curl -s -o "$work/body" -w '%{http_code}' ${header:+-H "$header"} "$base$path" || true)
  [ "$status" = 200 ] || { echo "signedin-load: $label $path answered $status" >&2; exit 2; }
  if [ "$who" = cookies ] && ! grep -q 'Sign out' "$work/body"; then echo "signedin-load: $label is not signed in" >&2; exit 2; fi
done

cpu() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
ticks=$(getconf CLK_TCK)
echo "signedin-load: $(nproc) CPUs, $readers readers, $connections connections, $duration x $rounds rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
export REPORT_LUA="$PWD/bench/report.lua"
for row in "${rows[@]}"; do
  IFS='|' read -r label who path <<<"$row"
  HEADERS="$work/$who" TARGET_PATH=$path wrk -t2 -c"$connections" -d"$warmup" -s bench/signedin/readers.lua "$base" >/dev/null
done
for round in $(seq "$rounds"); do
  for row in "${rows[@]}"; do
    IFS='|' read -r label who path <<<"$row"
    before_cpu=$(cpu); read -r before_busy before_all < <(busy)
    line=$(HEADERS="$work/$who" TARGET_PATH=$path wrk -t2 -c"$connections" -d"$duration" -s bench/signedin/readers.lua "$base" | grep '^RESULT')
    after_cpu=$(cpu); read -r after_busy after_all < <(busy)
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
    us=$(awk -v c=$((after_cpu - before_cpu)) -v t="$ticks" -v n="$requests" 'BEGIN { printf "%.1f", c / t * 1e6 / n }')
    echo "round $round|$label|$path|$line srv_us=$us"
  done
done | tee "$work/results"
echo "signedin-load: server peak RSS $(grep VmHWM /proc/$server_pid/status | awk '{print $2/1024 " MB"}'); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$work/results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    _, label, path, rest = line.rstrip("\n").split("|", 3)
    values = dict(kv.split("=") for kv in rest.split() if "=" in kv)
    rows.setdefault(label, []).append(values)
static = statistics.median(float(v["rps"]) for v in rows["static"])
failed = False
print(f"{'row':26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'% static':>9} {'srv µs':>7} {'kB':>6} {'errors':>6}  result")
for label, runs in rows.items():
    rps = statistics.median(float(v["rps"]) for v in runs)
    p50 = statistics.median(float(v["p50_ms"]) for v in runs)
    p99 = max(float(v["p99_ms"]) for v in runs)
    us = statistics.median(float(v["srv_us"]) for v in runs)
    errors = sum(int(v["errors_status"]) + int(v["errors_timeout"]) for v in runs)
    share = rps / static * 100
    kb = statistics.median(int(v["bytes"]) / int(v["requests"]) / 1000 for v in runs)
    target = label.startswith(("signed-in", "token"))
    ok = share >= 25 and p99 < 20 and errors == 0
    failed |= target and not ok
    print(f"{label:26} {rps:9.0f} {p50:8.2f} {p99:8.2f} {share:8.1f}% {us:7.1f} {kb:6.1f} {errors:6d}  {('PASS' if ok else 'FAIL') if target else 'ref'}")
sys.exit(1 if failed else 0)
PY
