#!/usr/bin/env bash
# "For you" under load (issue 12): 16 signed-in readers with different profiles ask for /for-you at once.
#
# Builds Release, starts `paperwire serve` with a fresh data folder (demo corpus + arXiv sample, whose shipped
# vectors make meaning search and ranking ready without running the model), creates READERS accounts with the
# CLI, gives each its own profile through the API (upvotes of the top 3 papers of its own topic search, and one
# followed category), signs each in through the sign-in form, then runs wrk with one connection per reader,
# every request carrying the next reader's session cookie. Measured in the same run, interleaved:
#   /robots.txt                  static text from memory: the ceiling of this host
#   /papers/date/DATE (signed in) the day page rendered for a signed-in reader (never cached): a page of cards
#   /for-you                     the week tab (default)
#   /for-you?span=month          the month tab (30 dates: the most candidates)
# Target: p99 of /for-you under 100 ms. Usage: bench/foryou-load.sh [--duration 15s] [--rounds 3] [--no-build]
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

duration=15s
warmup=5s
rounds=3
readers=16
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: bench/foryou-load.sh [--duration 15s] [--rounds 3] [--no-build]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }

[ "$build" = 0 ] || dotnet build src/Paperwire -c Release -nologo -v quiet >/dev/null
dll=src/Paperwire/bin/Release/net10.0/paperwire.dll
work=$(mktemp -d /tmp/paperwire-foryou.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
server_pid=
trap '[ -z "$server_pid" ] || kill $server_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# Sign-ins are limited to 10 a minute per address; this script signs in 16 readers from one.
Ingest__Schedule__Enabled=false Paperwire__RateLimits__Scale=10 \
  dotnet "$dll" serve --urls "$base" --data "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.5; done
echo "foryou-load: waiting until the arXiv sample is loaded and searchable"
for _ in $(seq 600); do
  curl -fs "$base/api/papers/search?q=language+models&limit=3" | grep -q '"id"' && \
    [ "$(curl -fs "$base/api/papers/search?q=black+hole+shadow&limit=1" | grep -c '"id"')" -gt 0 ] && break
  sleep 1
done
sleep 5 # the sample load's last batches and the index refresh

topics=("language models" "image segmentation" "reinforcement learning" "graph neural networks" "speech recognition"
  "protein structure" "quantum error correction" "black holes" "robot manipulation" "diffusion models"
  "federated learning" "recommender systems" "time series forecasting" "causal inference" "medical imaging" "code generation")
categories=(cs.CL cs.CV cs.LG cs.LG eess.AS q-bio.BM quant-ph gr-qc cs.RO cs.CV cs.LG cs.IR stat.ML stat.ME eess.IV cs.SE)
export PAPERWIRE_USER_PASSWORD='bench-Password-1'
: >"$work/cookies"
for i in $(seq 0 $((readers - 1))); do
  name="reader$i"
  dotnet "$dll" --data "$work/data" users create --name "$name" --email "$name@bench.example.org" >/dev/null
  token=$(dotnet "$dll" --data "$work/data" tokens create --user "$name" --name bench)
  auth=(-H "Authorization: Bearer $token")
  query=$(/usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${topics[$i]}")
  for id in $(curl -fs "$base/api/papers/search?q=$query&limit=3" | /usr/bin/python3 -c 'import json, sys; print(" ".join(i["paper"]["id"] for i in json.load(sys.stdin)))'); do
    curl -fs -o /dev/null -X POST "${auth[@]}" "$base/api/papers/$id/upvote"
  done
  curl -fs -o /dev/null -X POST "${auth[@]}" -H 'Content-Type: application/json' -d "{\"kind\":\"category\",\"name\":\"${categories[$i]}\"}" "$base/api/follows"
  # Sign in through the form, as a browser does: its antiforgery cookie and token, then the session cookie.
  jar="$work/jar$i"
  form=$(curl -fs -c "$jar" "$base/account/signin")
  request_token=$(printf '%s' "$form" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Form.Login=$name" --data-urlencode "Form.Password=$PAPERWIRE_USER_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$request_token" "$base/account/signin"
  awk -F'\t' '$6 != "" && $6 !~ /Antiforgery/ { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 } END { print "" }' "$jar" >>"$work/cookies"
  curl -fs -o /dev/null -b "$jar" "$base/for-you" # trains this reader's model once, as a first visit would
done
grep -c . "$work/cookies" | grep -qx "$readers" || { echo "foryou-load: not every reader signed in" >&2; exit 2; }
curl -fs -b "$work/jar0" "$base/for-you" | grep -q 'class="reason"' || { echo "foryou-load: reader0's For you shows no recommendation" >&2; exit 2; }

date=$(curl -fs "$base/api/daily_papers?limit=1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["publishedAt"][:10])')
paths=("/robots.txt" "/papers/date/$date" "/for-you" "/for-you?span=month")
echo "foryou-load: $(nproc) CPUs, $readers readers, $readers connections, 2 threads, $duration x $rounds rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
export READERS="$work/cookies" REPORT_LUA="$PWD/bench/report.lua"
for path in "${paths[@]}"; do TARGET_PATH=$path wrk -t2 -c"$readers" -d"$warmup" -s bench/foryou/readers.lua "$base" >/dev/null; done
for round in $(seq "$rounds"); do
  for path in "${paths[@]}"; do
    line=$(TARGET_PATH=$path wrk -t2 -c"$readers" -d"$duration" -s bench/foryou/readers.lua "$base" | grep '^RESULT')
    echo "round $round $path $line"
  done
done | tee "$work/results"
echo "foryou-load: peak RSS $(grep VmHWM /proc/$server_pid/status | awk '{print $2/1024 " MB"}')"
worst=$(grep ' /for-you' "$work/results" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/' | sort -g | tail -n 1)
errors=$(grep ' /for-you' "$work/results" | sed 's/.*errors_status=\([0-9]*\).*/\1/' | awk '{ s += $1 } END { print s + 0 }')
echo "foryou-load: worst /for-you p99 ${worst} ms (target < 100 ms), HTTP errors $errors"
awk -v w="$worst" -v e="$errors" 'BEGIN { exit !(w < 100 && e == 0) }'
