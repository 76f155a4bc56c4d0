#!/usr/bin/env bash
# Cluster soak (issue 14; a benchmark, not a test): two `paperwire serve` nodes on one throwaway PostgreSQL behind
# HAProxy (the configuration of docs/operations.md), loaded at half their peak rate with a mix of anonymous and
# signed-in reads, searches, upvotes and comments (bench/soak/mix.lua), one node killed with SIGKILL in the middle.
#
#   1. PostgreSQL, node 1 (loads the demo corpus and the arXiv sample into the empty database), node 2, HAProxy.
#   2. USERS readers made with the CLI (an API token each, a session cookie from the sign-in form).
#   3. Peak: the mix without pacing for --peak seconds; the soak runs at half that rate (paced per connection,
#      calibrated for --calibrate seconds).
#   4. Phase 1: the first half of --duration on both nodes. Phase 2: the second half; --kill-after seconds into it
#      node 2 gets SIGKILL.
#   5. Reports per phase: requests, req/s, p50/p99, errors; each node's RSS at the start and the end (node 2: just
#      before the kill); failed requests from HAProxy's log before the kill, between the kill and HAProxy marking
#      the node down (requests in flight may fail), and after (none may); and whether every upvote and comment the
#      server acknowledged is in the database.
# Targets: 0 errors outside the kill window, 0 after the proxy noticed, RSS growth < 10%, nothing acknowledged lost.
#
# Usage: bench/soak.sh [--duration 10m] [--connections 16] [--users 8] [--peak 20] [--calibrate 10]
#                      [--kill-after 10] [--no-build] [--keep]
# --duration takes s or m (600s, 10m). --keep leaves the work folder (logs, acknowledgements) behind.
# Exit status: 0 every target met, 1 a target missed, 2 setup or usage error. Installs wrk, haproxy and postgresql
# with apt-get when missing (needs root).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
repo=$PWD

duration=10m
connections=16
users=8
peak_seconds=20
calibrate_seconds=10
kill_after=10
build=1
keep=
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "soak.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --users) users=${2:?}; shift 2 ;;
    --peak) peak_seconds=${2:?}; shift 2 ;;
    --calibrate) calibrate_seconds=${2:?}; shift 2 ;;
    --kill-after) kill_after=${2:?}; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case "$duration" in
  *m) total=$(( ${duration%m} * 60 )) ;;
  *s) total=${duration%s} ;;
  *) total=$duration ;;
esac
[[ $total =~ ^[0-9]+$ ]] && [ "$total" -ge 60 ] || die "--duration must be at least 60s (e.g. 2m, 600s)"
half=$(( total / 2 ))
[ "$kill_after" -lt "$half" ] || die "--kill-after must fall inside the second half"

# --- prerequisites -------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root to install them"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "$build" = 1 ]; then
  echo "soak.sh: building (Release)"
  dotnet build src/Paperwire -c Release -nologo -v quiet >/dev/null || die "build failed"
fi
dll=$repo/src/Paperwire/bin/Release/net10.0/paperwire.dll
[ -f "$dll" ] || die "$dll not found (build first, or drop --no-build)"

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

work=$(mktemp -d /tmp/paperwire-soak.XXXXXX)
mkdir -p "$work/acks"
# initdb refuses to run as root: the cluster belongs to 'postgres', in a folder it can reach.
pg_dir=$(mktemp -d /tmp/paperwire-soak-pg.XXXXXX)
pids=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  if [ -n "$keep" ]; then echo "soak.sh: kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

# --- PostgreSQL, nodes, proxy ---------------------------------------------------------------------
[ "$(id -u)" != 0 ] || chown postgres:postgres "$pg_dir"
pg_port=$(free_port)
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d paperwire -v ON_ERROR_STOP=1 -Atq "$@"; }
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres paperwire
export Paperwire__Database="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=paperwire"

node_ports=("$(free_port)" "$(free_port)")
proxy_port=$(free_port)
base=http://127.0.0.1:$proxy_port
cat >"$work/haproxy.cfg" <<EOF
global
    log stdout format iso local0 info
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    option forwardfor
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 10s
    timeout check 2s
    retries 3
    option redispatch 1

frontend paperwire
    bind 127.0.0.1:$proxy_port
    default_backend paperwire

backend paperwire
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server check inter 1s fall 2 rise 1 observe layer4 error-limit 1 on-error mark-down
    server n1 127.0.0.1:${node_ports[0]}
    server n2 127.0.0.1:${node_ports[1]}
EOF

start_node() { # start_node N: node N (1 or 2), in the background, log in $work/nodeN.log
  local n=$1
  # Many users behind one address and a few users writing fast: the limits scaled out of the way. No arXiv, no mail.
  # No key sentences: on a first start they are computed for the whole arXiv sample (minutes of both cores, see
  # docs/glance.md), a one-time backfill that is not the steady state this soak measures.
  Paperwire__RateLimits__Scale=100000 Ingest__Schedule__Enabled=false Ingest__TitleMatch__Enabled=false Search__Glance=false \
    dotnet "$dll" serve --urls "http://127.0.0.1:${node_ports[$((n - 1))]}" --data "$work/data$n" >"$work/node$n.log" 2>&1 &
  node_pid[n]=$!
  pids+=("$!")
}
wait_ready() { # wait_ready N
  local url=http://127.0.0.1:${node_ports[$(($1 - 1))]}/readyz
  for _ in $(seq 600); do
    kill -0 "${node_pid[$1]}" 2>/dev/null || { tail -n 30 "$work/node$1.log" >&2; die "node $1 exited"; }
    curl -fs -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.5
  done
  die "node $1 was not ready within 300 s"
}
declare -a node_pid
echo "soak.sh: node 1 loads the demo corpus and the arXiv sample into PostgreSQL on 127.0.0.1:$pg_port"
start_node 1
wait_ready 1
start_node 2
wait_ready 2
"$haproxy" -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=("$!")
echo "soak.sh: waiting until the arXiv sample is loaded and searchable on both nodes"
for _ in $(seq 600); do
  n1=$(curl -fs "http://127.0.0.1:${node_ports[0]}/api/papers/search?q=black+hole+shadow&limit=1" | grep -c '"id"' || true)
  n2=$(curl -fs "http://127.0.0.1:${node_ports[1]}/api/papers/search?q=black+hole+shadow&limit=1" | grep -c '"id"' || true)
  [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$(psql -c 'SELECT count(*) FROM papers')" -ge 4300 ] && break
  sleep 1
done
for _ in $(seq 120); do curl -fs -o /dev/null "$base/readyz" && break; sleep 0.5; done

# --- readers -------------------------------------------------------------------------------------
# Readers open the busiest feed day and any paper of the feed (the demo corpus: 63 papers), and upvote those.
date=$(psql -c 'SELECT "FeedDate" FROM feed_entries GROUP BY "FeedDate" ORDER BY count(*) DESC, "FeedDate" DESC LIMIT 1')
psql -c 'SELECT "PaperId" FROM feed_entries ORDER BY "PaperId"' >"$work/papers"
# Comments go to catalog papers nobody reads in the mix, so their growing threads change no read's cost.
psql -c "SELECT \"Id\" FROM papers WHERE \"Id\" NOT IN (SELECT \"PaperId\" FROM feed_entries) AND NOT \"Withdrawn\" ORDER BY \"Id\" LIMIT 10" >"$work/comment-papers"
[ "$(wc -l <"$work/papers")" -ge 10 ] && [ "$(wc -l <"$work/comment-papers")" -eq 10 ] || die "no papers to read or comment on"
echo "soak.sh: creating $users readers (CLI: users create, tokens create; sign-in form for the cookie)"
export PAPERWIRE_USER_PASSWORD='soak-Password-1'
: >"$work/users"
for i in $(seq 1 "$users"); do
  name=soaker$i
  dotnet "$dll" --data "$work/data1" users create --name "$name" --email "$name@soak.example.org" >/dev/null
  token=$(dotnet "$dll" --data "$work/data1" tokens create --user "$name" --name soak 2>/dev/null)
  jar=$work/jar$i
  request_token=$(curl -fs -c "$jar" "$base/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Form.Login=$name" --data-urlencode "Form.Password=$PAPERWIRE_USER_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$request_token" "$base/account/signin"
  cookie=$(awk -F'\t' '$6 != "" && $6 !~ /Antiforgery/ { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  case "$cookie" in *paperwire.auth=*) ;; *) die "$name did not get a session cookie" ;; esac
  printf '%s\t%s\t%s\n' "$name" "$token" "$cookie" >>"$work/users"
done

# --- load ----------------------------------------------------------------------------------------
export SOAK_USERS=$work/users SOAK_PAPERS=$work/papers SOAK_COMMENT_PAPERS=$work/comment-papers SOAK_DATE=$date
export SOAK_ACKS=$work/acks REPORT_LUA=$repo/bench/report.lua
run_mix() { # run_mix PHASE SECONDS DELAY_MS: prints wrk's RESULT line
  SOAK_PHASE=$1 SOAK_DELAY_MS=$3 wrk -t"$connections" -c"$connections" -d"$2s" --latency --timeout 10s \
    -s "$repo/bench/soak/mix.lua" "$base" >"$work/wrk-$1.out" 2>&1 || { cat "$work/wrk-$1.out" >&2; die "wrk failed ($1)"; }
  grep '^RESULT ' "$work/wrk-$1.out"
}
echo "soak.sh: $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg); measuring the peak rate (${peak_seconds}s, $connections connections)"
peak=$(run_mix peak "$peak_seconds" 0)
peak_rps=$(field rps "$peak")
target=$(awk -v p="$peak_rps" 'BEGIN { printf "%.0f", p / 2 }')
# Each connection waits DELAY between its requests: rate = connections / (delay + latency). A first guess, then one
# calibration run to learn the latency at this pace.
delay=$(awk -v c="$connections" -v p="$peak_rps" 'BEGIN { d = 1.5 * c * 1000 / p; printf "%.0f", d < 1 ? 1 : d }')
calibrated=$(run_mix calibrate "$calibrate_seconds" "$delay")
delay=$(awk -v c="$connections" -v t="$target" -v d="$delay" -v r="$(field rps "$calibrated")" \
  'BEGIN { latency = c * 1000 / r - d; n = c * 1000 / t - latency; printf "%.0f", n < 1 ? 1 : n }')
echo "soak.sh: peak $peak_rps req/s; soaking at ~$target req/s (delay ${delay} ms per connection) for ${total}s"

rss1_start=$(rss_mb "${node_pid[1]}"); rss2_start=$(rss_mb "${node_pid[2]}")
phase1=$(run_mix phase1 "$half" "$delay")
rss1_mid=$(rss_mb "${node_pid[1]}"); rss2_end=$(rss_mb "${node_pid[2]}")
( sleep "$kill_after"; rss_mb "${node_pid[2]}" >"$work/rss2-at-kill"; date -u +%Y-%m-%dT%H:%M:%S.%N >"$work/killed-at"; kill -KILL "${node_pid[2]}" ) &
killer=$!
phase2=$(run_mix phase2 "$((total - half))" "$delay")
wait "$killer"
rss2_end=$(cat "$work/rss2-at-kill")
rss1_end=$(rss_mb "${node_pid[1]}")
killed_at=$(cat "$work/killed-at")

# --- verdict -------------------------------------------------------------------------------------
failed=0
# HAProxy logs only failed requests (dontlog-normal), each with its time, and when it marks a server down.
read -r before window after down_at < <(/usr/bin/python3 - "$work/haproxy.log" "$killed_at" <<'PY'
import re, sys
from datetime import datetime
log, killed = sys.argv[1], datetime.fromisoformat(sys.argv[2][:26])
down, failures = None, []
for line in open(log):
    stamp = re.match(r"^(\d{4}-\d\d-\d\dT[\d:.]+)", line)
    if not stamp:
        continue
    at = datetime.fromisoformat(stamp.group(1)[:26])
    if "Server paperwire/n2 is DOWN" in line and at >= killed and down is None:
        down = at
        continue
    # A request line: ... STATUS BYTES - - TERMINATION ... A server-side failure is a 5xx or a session the server
    # side ended (S...); a client that hung up (C..., wrk stopping with requests in flight) is none.
    # A request counts from when HAProxy accepted it ([05/Dec/2026:07:37:07.520]), not when its line was logged: one
    # accepted before the node was marked down was in flight, even if it failed after.
    request = re.search(r" (\d{3}) \d+ \S+ \S+ ([A-Za-z-]{4}) ", line)
    accepted = re.search(r"\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d\.\d+)\]", line)
    if request and (int(request.group(1)) >= 500 or request.group(2)[0] in "SPRIK"):
        failures.append(datetime.strptime(accepted.group(1), "%d/%b/%Y:%H:%M:%S.%f") if accepted else at)
down = down or datetime.max
print(sum(a < killed for a in failures), sum(killed <= a < down for a in failures), sum(a >= down for a in failures),
      "never" if down == datetime.max else f"+{(down - killed).total_seconds():.2f}s")
PY
)
# Every acknowledged upvote and comment is in the database.
cat "$work"/acks/acks-*.txt | awk '$1 == "vote" { print $2 "\t" $3 }' | sort -u >"$work/acked-votes"
cat "$work"/acks/acks-*.txt | awk '$1 == "comment" { print $2 }' | sort -u >"$work/acked-comments"
lost_votes=$(psql <<EOF
CREATE TEMP TABLE acked (user_name text, paper_id text);
\copy acked FROM '$work/acked-votes'
SELECT count(*) FROM acked a WHERE NOT EXISTS (
  SELECT 1 FROM votes v JOIN users u ON u."Id" = v."UserId" WHERE u."UserName" = a.user_name AND v."PaperId" = a.paper_id);
EOF
)
lost_comments=$(psql <<EOF
CREATE TEMP TABLE acked (marker text);
\copy acked FROM '$work/acked-comments'
SELECT count(*) FROM acked a WHERE NOT EXISTS (
  SELECT 1 FROM comments c WHERE substring(c."Markdown" from 'soak-[a-z0-9]+-[0-9]+-[0-9]+') = a.marker);
EOF
)
report() { # report NAME RESULT
  local errors
  errors=$(( $(field errors_connect "$2") + $(field errors_read "$2") + $(field errors_write "$2") + $(field errors_timeout "$2") + $(field errors_status "$2") ))
  printf '%-8s %9s %8.0f %7.2f %7.2f %8.1f %7s\n' "$1" "$(field requests "$2")" "$(field rps "$2")" "$(field p50_ms "$2")" \
    "$(field p99_ms "$2")" "$(field max_ms "$2")" "$errors"
  echo "$errors"
}
growth() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a > 0 ? 100 * (b - a) / a : 0) }'; }
echo
echo "Paperwire cluster soak: 2 nodes + HAProxy + PostgreSQL on $(nproc) CPUs, wrk -t$connections -c$connections, ${total}s at half the peak"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine count too)"
printf '%-8s %9s %8s %7s %7s %8s %7s\n' phase requests "req/s" "p50 ms" "p99 ms" "max ms" errors
report peak "$peak" | head -n 1
{ report phase1 "$phase1"; } >"$work/p1"; head -n 1 "$work/p1"; errors1=$(tail -n 1 "$work/p1")
{ report phase2 "$phase2"; } >"$work/p2"; head -n 1 "$work/p2"; errors2=$(tail -n 1 "$work/p2")
echo "(phase 1: both nodes; phase 2: node 2 killed ${kill_after}s in, at $killed_at UTC)"
echo "failed requests in HAProxy's log: $before before the kill, $window in flight until HAProxy marked node 2 down ($down_at), $after after"
echo "(wrk's phase 2 errors are those failed requests as the client saw them: the answer, and the connection HAProxy closed after it)"
echo "RSS node 1: $rss1_start MiB -> $rss1_mid MiB (end of phase 1, $(growth "$rss1_start" "$rss1_mid")) -> $rss1_end MiB (end, $(growth "$rss1_start" "$rss1_end"))"
echo "RSS node 2: $rss2_start MiB -> $rss2_end MiB (just before the kill, $(growth "$rss2_start" "$rss2_end"))"
echo "acknowledged writes: $(wc -l <"$work/acked-votes") distinct upvotes, $(wc -l <"$work/acked-comments") comments; missing from the database: $lost_votes upvotes, $lost_comments comments"
[ "$errors1" = 0 ] || { echo "FAIL: $errors1 errors while both nodes ran"; failed=1; }
[ "$before" = 0 ] && [ "$after" = 0 ] || { echo "FAIL: failed requests outside the kill window"; failed=1; }
[ "$lost_votes" = 0 ] && [ "$lost_comments" = 0 ] || { echo "FAIL: acknowledged writes are missing"; failed=1; }
for pair in "$rss1_start $rss1_mid" "$rss2_start $rss2_end"; do
  # shellcheck disable=SC2086
  awk -v a="${pair% *}" -v b="${pair#* }" 'BEGIN { exit !(b > 1.1 * a) }' && { echo "FAIL: RSS grew by more than 10% under the same load"; failed=1; }
done
[ "$failed" = 0 ] && echo "PASS: no errors outside the kill window, none after HAProxy noticed, RSS growth < 10%, nothing acknowledged lost"
exit "$failed"
