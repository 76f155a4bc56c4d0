#!/usr/bin/env bash
# Email digest benchmark (issue 6): `paperwire digest send` composes and delivers COUNT digests to a local
# aiosmtpd, then MailKit sends one prebuilt digest COUNT times to the same server (the ceiling).
# Prints messages/s and peak RSS of both. aiosmtpd runs the Sink handler (accepts and discards): a Maildir
# on disk would make Python's file writes the bottleneck of both runs.
#
# Usage: bench/digests.sh [--picks] [COUNT]
#   default: COUNT anonymous subscribers of the HF fixture's papers, trending order, no personal picks.
#   --picks: every subscriber is an account with signals and personal picks on (issue 12): the arXiv sample is
#            imported and indexed with its shipped vectors, 48 of its papers join the period's feed (50 in all),
#            and each reader has one of four profiles (bench/digests/picks.sql). After the ceiling, the same
#            subscribers are sent again with picks off, to tell the cost of picks from that of 10-paper digests.
set -euo pipefail
cd "$(dirname "$0")/.."
picks=0
if [ "${1:-}" = "--picks" ]; then
  picks=1
  shift
fi
count=${1:-100000}
work=$(mktemp -d /tmp/paperwire-digest-bench.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Sink >"$work/smtp.log" 2>&1 &
smtp_pid=$!
trap 'kill $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/Paperwire -c Release -nologo -clp:ErrorsOnly >/dev/null
ceiling_dll=$(dotnet build -c Release bench/digests/Ceiling.cs -nologo | grep -o '/[^ ]*/Ceiling.dll' | tail -n 1)
paperwire=(dotnet src/Paperwire/bin/Release/net10.0/paperwire.dll --data "$work")
"${paperwire[@]}" db migrate >/dev/null
"${paperwire[@]}" import hf tests/Paperwire.Tests/Ingest/Fixtures/hf/daily-papers.json >/dev/null
if [ "$picks" = 1 ]; then
  "${paperwire[@]}" import snapshot src/Paperwire.Ingest/DemoCorpus/arxiv-sample.jsonl >/dev/null
  sqlite3 "$work/paperwire.db" ".parameter set :count $count" ".read bench/digests/picks.sql"
  # Vectors for every paper (the sample's are shipped; the fixture's few are embedded by the model).
  "${paperwire[@]}" reindex >/dev/null
  user_id="'u' || i"
  personal_picks=1
else
  user_id=NULL
  personal_picks=0
fi
# COUNT confirmed daily subscribers, written by SQL (timestamps are UTC ticks on SQLite).
sqlite3 "$work/paperwire.db" "
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
  INSERT INTO digest_subscriptions (Email, NormalizedEmail, UserId, Status, Frequency, Weekday, SkipWeekends, PaperCount,
    Categories, Organizations, PersonalPicks, TokenStamp, CreatedAt, ConfirmedAt, ConsecutiveFailures)
  SELECT 'r' || i || '@bench.example.org', 'r' || i || '@bench.example.org', $user_id, 1, 0, 1, 1, 10, '[]', '[]', $personal_picks,
    lower(hex(randomblob(16))), 639000000000000000, 639000000000000000, 0 FROM n;"
"${paperwire[@]}" digest preview --email r1@bench.example.org --period 2025-04-08 --out "$work/digest.html" >/dev/null
"${paperwire[@]}" digest preview --email r1@bench.example.org --period 2025-04-08 | tail -n +3 >"$work/digest.txt"

export Digests__Smtp__Host=127.0.0.1 Digests__Smtp__Port=$port Digests__Smtp__Security=None
export Logging__LogLevel__Default=Warning
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %M %U %S" -o "$work/digests.time" "${paperwire[@]}" digest send --period 2025-04-08 | tee "$work/digests.out"
read -r digest_seconds digest_kb digest_user digest_sys <"$work/digests.time"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %M %U %S" -o "$work/ceiling.time" dotnet "$ceiling_dll" 127.0.0.1 "$port" "$count" "$work/digest.txt" "$work/digest.html"
read -r ceiling_seconds ceiling_kb ceiling_user ceiling_sys <"$work/ceiling.time"
if [ "$picks" = 1 ]; then
  # The same subscribers and papers with picks off: what picks cost, apart from the larger digests of this mode.
  sqlite3 "$work/paperwire.db" "DELETE FROM digest_deliveries; UPDATE digest_subscriptions SET PersonalPicks = 0;"
  echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %M %U %S" -o "$work/trending.time" "${paperwire[@]}" digest send --period 2025-04-08 | tee "$work/trending.out"
  read -r trending_seconds trending_kb trending_user trending_sys <"$work/trending.time"
  trending_sent=$(grep -o '[0-9]* sent' "$work/trending.out" | cut -d' ' -f1)
fi

sent=$(grep -o '[0-9]* sent' "$work/digests.out" | cut -d' ' -f1)
echo "digest of r1: $(grep -c '^[0-9]*\. ' "$work/digest.txt") papers, $(wc -c <"$work/digest.txt") bytes of text, $(wc -c <"$work/digest.html") of HTML"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$count" -v sent="$sent" -v ds="$digest_seconds" -v dk="$digest_kb" -v dc="$(echo "$digest_user + $digest_sys" | bc)" \
    -v cs="$ceiling_seconds" -v ck="$ceiling_kb" -v cc="$(echo "$ceiling_user + $ceiling_sys" | bc)" 'BEGIN {
  printf "paperwire digest send: %d digests in %.1f s = %.0f messages/s (whole command), peak RSS %.0f MB, CPU %.1f s\n", sent, ds, sent / ds, dk / 1024, dc
  printf "MailKit ceiling:       %d messages in %.1f s = %.0f messages/s (whole command), peak RSS %.0f MB, CPU %.1f s\n", n, cs, n / cs, ck / 1024, cc
  printf "digests reach %.0f%% of the ceiling\n", 100 * (sent / ds) / (n / cs)
}'
if [ "$picks" = 1 ]; then
  awk -v n="$count" -v sent="$trending_sent" -v ts="$trending_seconds" -v tk="$trending_kb" -v tc="$(echo "$trending_user + $trending_sys" | bc)" -v cs="$ceiling_seconds" 'BEGIN {
    printf "same, picks off:       %d digests in %.1f s = %.0f messages/s (whole command), peak RSS %.0f MB, CPU %.1f s, %.0f%% of the ceiling\n", sent, ts, sent / ts, tk / 1024, tc, 100 * (sent / ts) / (n / cs)
  }'
fi
