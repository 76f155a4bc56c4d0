#!/usr/bin/env bash
# HTTP throughput benchmark for Paperwire (see docs/benchmarks.md, "Foundation: HTTP throughput (wrk)").
#
# Builds the app in Release, starts `paperwire serve` on loopback with a fresh data folder (the first
# start migrates SQLite and loads the 67-paper demo corpus), warms it up, then runs wrk against
#   /robots.txt                        static text served from memory: the ceiling of this host
#   /api/daily_papers?date=DATE        the HF-compatible JSON API
#   /papers/date/DATE                  the HTML day page
# and prints req/s, p50, p99, the share of the static rate and PASS/FAIL against the targets:
#   API >= 40% and HTML day page >= 25% of the static rate; p99 < 20 ms (every path).
# Finally it prints the server's peak RSS (VmHWM). The server and wrk share the machine's cores.
# Before measuring it waits for the first start's background work (the arXiv sample load) to finish;
# the scheduled arXiv harvest is switched off for the run (Ingest__Schedule__Enabled=false).
#
# Usage: bench/load.sh [--duration 15s] [--warmup 5s] [--connections 64] [--threads 2] [--rounds 1]
#                      [--date 2025-05-19] [--port N] [--log FILE] [--no-build] [--pin] [--uncached]
#                      [--quiet-wait 180] [--quiet-max 10]
# The same settings can come from the environment: DURATION WARMUP CONNECTIONS THREADS ROUNDS DATE PORT
# LOG QUIET_WAIT QUIET_MAX; UNCACHED_WARMUP (default 20s) is the warm-up of the --uncached rows.
# With --rounds N every path is measured N times (interleaved) and the table shows the median of each
# column. --pin runs the server on CPU 0 and wrk on CPU 1 (a diagnostic: by default both float over all
# CPUs). Before each measured run the script waits up to --quiet-wait seconds until other processes use
# at most --quiet-max percent of the CPUs, and it flags rows where they used more during the run as
# NOISY. --uncached adds two informational rows: the API and the day page with an Authorization header,
# which the output cache neither serves nor stores (what a cache miss costs).
# Exit status: 0 all targets met, 1 a target missed (or a request failed), 2 setup or usage error.
# Installs wrk with apt-get when it is missing (needs root).
set -euo pipefail
export LC_ALL=C

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

duration=${DURATION:-15s}
warmup=${WARMUP:-5s}
uncached_warmup=${UNCACHED_WARMUP:-20s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
date=${DATE:-2025-05-19}
port=${PORT:-}
log=${LOG:-}
rounds=${ROUNDS:-1}
quiet_wait=${QUIET_WAIT:-180}
quiet_max=${QUIET_MAX:-10}
build=1
pin=
uncached=

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "load.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=${2:?--duration needs a value}; shift 2 ;;
    --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
    --connections) connections=${2:?--connections needs a value}; shift 2 ;;
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --date) date=${2:?--date needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --log) log=${2:?--log needs a value}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --quiet-wait) quiet_wait=${2:?--quiet-wait needs a value}; shift 2 ;;
    --quiet-max) quiet_max=${2:?--quiet-max needs a value}; shift 2 ;;
    --no-build) build=0; shift ;;
    --pin) pin=1; shift ;;
    --uncached) uncached=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for number in "$connections" "$threads" "$rounds" "$quiet_wait" "$quiet_max"; do
  [[ $number =~ ^[0-9]+$ ]] || die "--connections, --threads, --rounds, --quiet-wait and --quiet-max take whole numbers"
done
[ "$rounds" -ge 1 ] || die "--rounds must be at least 1"
[[ $date =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "--date must look like 2025-05-19"

# --- prerequisites -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "load.sh: installing wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
  else
    die "wrk is missing; run as root to install it (apt-get install wrk)"
  fi
fi
command -v curl >/dev/null 2>&1 || die "curl is missing"
server_prefix=()
wrk_prefix=()
if [ -n "$pin" ]; then
  command -v taskset >/dev/null 2>&1 || die "--pin needs taskset (util-linux)"
  [ "$(nproc)" -ge 2 ] || die "--pin needs at least 2 CPUs"
  server_prefix=(taskset -c 0)
  wrk_prefix=(taskset -c 1)
fi
command -v dotnet >/dev/null 2>&1 || die "dotnet is missing"

if [ "$build" = 1 ]; then
  echo "load.sh: building (Release)"
  dotnet build src/Paperwire -c Release -nologo -v quiet >/dev/null || die "build failed; run: dotnet build src/Paperwire -c Release"
fi
dll=src/Paperwire/bin/Release/net10.0/paperwire.dll
[ -f "$dll" ] || die "$dll not found (build first, or drop --no-build)"

if [ -z "$port" ]; then
  if command -v python3 >/dev/null 2>&1; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  else
    port=5181
  fi
fi
base=http://127.0.0.1:$port
if curl -s -o /dev/null --max-time 1 "$base/"; then
  die "something already listens on 127.0.0.1:$port"
fi

# --- helpers -------------------------------------------------------------------------------------
cpu_ticks() { # user + system CPU of a process, in clock ticks
  local stat fields
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }
  read -r -a fields <<<"$stat"
  echo $((fields[11] + fields[12]))
}
children_ticks() { # CPU of this shell's finished children (wrk, curl), in clock ticks
  local stat fields
  stat=$(<"/proc/$$/stat")
  stat=${stat##*) }
  read -r -a fields <<<"$stat"
  echo $((fields[13] + fields[14]))
}
machine_ticks() { # busy, total and interrupt (irq + softirq) ticks of all CPUs, from /proc/stat
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal)) $((irq + softirq))"
}
field() { # field NAME "RESULT line"
  local kv pairs
  read -r -a pairs <<<"$2"
  for kv in "${pairs[@]}"; do
    [ "${kv%%=*}" = "$1" ] && { echo "${kv#*=}"; return; }
  done
  echo 0
}

# --- server --------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/paperwire-load.XXXXXX")
[ -n "$log" ] || log=$work/server.log
server_pid=
wrk_pid=
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local status=$?
  if [ -n "$wrk_pid" ]; then
    kill -TERM "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -eq 2 ] && [ -f "$log" ]; then
    echo "load.sh: last lines of the server log ($log):" >&2
    tail -n 40 "$log" >&2 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

echo "load.sh: starting paperwire on $base (data: $work/data, log: $log)"
# The scheduled arXiv harvest is switched off: it would reach out to the network in the middle of a run.
Ingest__Schedule__Enabled=false "${server_prefix[@]}" dotnet "$dll" serve --urls "$base" --data "$work/data" >"$log" 2>&1 &
server_pid=$!

for _ in $(seq 1 240); do
  kill -0 "$server_pid" 2>/dev/null || die "the server exited during startup"
  if curl -fs -o /dev/null --max-time 2 "$base/healthz"; then break; fi
  sleep 0.5
done
curl -fs -o /dev/null --max-time 2 "$base/healthz" || die "/healthz did not answer within 120 s"

# A first start keeps working after /healthz answers (it loads the arXiv sample into the catalog in the
# background). Measure only once the idle server uses under 5% of a CPU for 3 seconds in a row.
echo "load.sh: waiting for background startup work to finish"
settle_clk=$(getconf CLK_TCK)
settled=0
for _ in $(seq 1 300); do
  t0=$(cpu_ticks "$server_pid")
  sleep 1
  t1=$(cpu_ticks "$server_pid")
  if [ $((100 * (t1 - t0))) -lt $((5 * settle_clk)) ]; then settled=$((settled + 1)); else settled=0; fi
  [ "$settled" -lt 3 ] || break
done
[ "$settled" -ge 3 ] || echo "load.sh: warning: the server was still busy after 300 s; measuring anyway" >&2

paths=("/robots.txt" "/api/daily_papers?date=$date" "/papers/date/$date")
labels=("static /robots.txt" "API daily_papers" "HTML day page")
targets=("" 40 25) # minimum share of the static rate, in percent; "-": informational row, no target
headers=("" "" "")
if [ -n "$uncached" ]; then
  # The output cache never serves or stores requests that carry Authorization (its default policy), so
  # these rows measure what a cache miss costs: the database query and the rendering, every time.
  paths+=("/api/daily_papers?date=$date" "/papers/date/$date")
  labels+=("API, cache bypass" "HTML, cache bypass")
  targets+=(- -)
  headers+=("Authorization: Bearer load-sh" "Authorization: Bearer load-sh")
fi
p99_limit_ms=20

# Sanity checks: every path answers 200, and the chosen day has papers in it.
for path in "${paths[@]}"; do
  curl -fs -o /dev/null --max-time 5 "$base$path" || die "GET $path did not answer 200"
done
api_body=$(curl -fs --max-time 5 "$base${paths[1]}")
case "$api_body" in
  '[]'|'') die "no papers in the feed on $date; pick a date from the demo corpus with --date" ;;
esac

# --- measurement ---------------------------------------------------------------------------------
run_wrk() { # run_wrk DURATION PATH [HEADER]: sets $line to the RESULT line; wrk's output stays in $work/wrk.out
  # wrk runs in the background so that a signal interrupts `wait` at once and the trap can stop it.
  local header=()
  [ -z "${3:-}" ] || header=(--header "$3")
  "${wrk_prefix[@]}" wrk --threads "$threads" --connections "$connections" --duration "$1" --latency "${header[@]}" \
    --script "$repo/bench/report.lua" "$base$2" >"$work/wrk.out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$work/wrk.out" >&2; die "wrk failed on $2"; }
  wrk_pid=
  line=$(grep '^RESULT ' "$work/wrk.out") || { cat "$work/wrk.out" >&2; die "no RESULT line from wrk on $2"; }
}
median() { # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
wait_quiet() { # waits until other processes leave the CPUs (nearly) idle, at most $quiet_wait seconds
  local waited=0 busy0 total0 busy1 total1 load
  while :; do
    read -r busy0 total0 _ < <(machine_ticks)
    sleep 1
    read -r busy1 total1 _ < <(machine_ticks)
    load=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN { printf "%.0f", (t > 0 ? 100 * b / t : 0) }')
    [ "$load" -le "$quiet_max" ] && return 0
    if [ "$waited" -ge "$quiet_wait" ]; then
      echo "load.sh: warning: the machine is ${load}% busy before the run (other processes); results will be noisy" >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "load.sh: the machine is ${load}% busy with other work; waiting up to ${quiet_wait}s for it to calm down" >&2
    waited=$((waited + 1))
  done
}

echo "load.sh: warming up ($warmup per path${uncached:+, $uncached_warmup per cache-bypass path}, $connections connections)"
for i in "${!paths[@]}"; do
  # The cache-miss path runs far more code (EF Core, SQLite, Razor): tiered JIT needs ~20 s of load to settle.
  if [ -n "${headers[$i]}" ]; then
    run_wrk "$uncached_warmup" "${paths[$i]}" "${headers[$i]}"
  else
    run_wrk "$warmup" "${paths[$i]}"
  fi
done

clk=$(getconf CLK_TCK)
cpus=$(nproc)
# Per path, space-separated values, one per round.
declare -a m_rps m_p50 m_p99 m_max m_errors m_srv_us m_srv_pct m_wrk_pct m_irq_pct m_other_pct
for round in $(seq 1 "$rounds"); do
  for i in "${!paths[@]}"; do
    path=${paths[$i]}
    wait_quiet
    echo "load.sh: round $round/$rounds: wrk -t$threads -c$connections -d$duration --latency${headers[$i]:+ -H \"${headers[$i]}\"} $base$path"
    srv0=$(cpu_ticks "$server_pid")
    own0=$(children_ticks)
    read -r busy0 total0 irq0 < <(machine_ticks)
    run_wrk "$duration" "$path" "${headers[$i]}"
    read -r busy1 total1 irq1 < <(machine_ticks)
    own1=$(children_ticks)
    srv1=$(cpu_ticks "$server_pid")
    sed -n '/Latency Distribution/,/requests in/p' "$work/wrk.out" | sed 's/^/    /'
    requests=$(field requests "$line")
    errors=$(($(field errors_connect "$line") + $(field errors_read "$line") + $(field errors_write "$line") \
      + $(field errors_timeout "$line") + $(field errors_status "$line")))
    # CPU shares are of the whole machine (100% = every CPU busy for the whole run).
    # Interrupt time (loopback TCP runs largely in softirq) is shown on its own too. With the usual tick-based CPU
    # accounting (CONFIG_IRQ_TIME_ACCOUNTING off) it is also charged to the process it interrupted, so it is
    # part of srv% / wrk%, and "other" does not subtract it.
    read -r srv_us srv_pct wrk_pct irq_pct other_pct < <(awk -v srv=$((srv1 - srv0)) -v own=$((own1 - own0)) \
      -v busy=$((busy1 - busy0)) -v total=$((total1 - total0)) -v irq=$((irq1 - irq0)) -v clk="$clk" -v n="$requests" 'BEGIN {
        if (total <= 0) total = 1
        other = busy - srv - own; if (other < 0) other = 0
        printf "%.1f %.1f %.1f %.1f %.1f\n", (n > 0 ? srv / clk * 1e6 / n : 0), 100 * srv / total, 100 * own / total,
          100 * irq / total, 100 * other / total
      }')
    m_rps[i]+=" $(field rps "$line")"
    m_p50[i]+=" $(field p50_ms "$line")"
    m_p99[i]+=" $(field p99_ms "$line")"
    m_max[i]+=" $(field max_ms "$line")"
    m_errors[i]+=" $errors"
    m_srv_us[i]+=" $srv_us"
    m_srv_pct[i]+=" $srv_pct"
    m_wrk_pct[i]+=" $wrk_pct"
    m_irq_pct[i]+=" $irq_pct"
    m_other_pct[i]+=" $other_pct"
  done
done

peak_rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status")

# --- summary -------------------------------------------------------------------------------------
med() { local -a values; read -r -a values <<<"$1"; median "${values[@]}"; }
static_rps=$(med "${m_rps[0]}")
failed=0
noisy=0
echo
echo "Paperwire HTTP throughput: wrk -t$threads -c$connections -d$duration --latency, date $date, $cpus CPUs shared by server and wrk${pin:+ (pinned: server CPU 0, wrk CPU 1)}"
[ "$rounds" = 1 ] || echo "median of $rounds rounds; per round:$(for i in "${!paths[@]}"; do printf ' %s req/s [%s] p99 ms [%s];' "${paths[$i]}" "${m_rps[$i]# }" "${m_p99[$i]# }"; done)"
printf '%-19s %-34s %8s %7s %7s %7s %8s %10s %5s %5s %5s %5s  %s\n' \
  "endpoint" "path" "req/s" "p50 ms" "p99 ms" "max ms" "% static" "srv us/req" "srv%" "wrk%" "sirq" "oth%" "result"
for i in "${!paths[@]}"; do
  rps=$(med "${m_rps[$i]}")
  p50=$(med "${m_p50[$i]}")
  p99=$(med "${m_p99[$i]}")
  max=$(med "${m_max[$i]}")
  read -r -a round_errors <<<"${m_errors[$i]}"
  errors=$(printf '%s\n' "${round_errors[@]}" | awk '{ s += $1 } END { print s + 0 }')
  other=$(med "${m_other_pct[$i]}")
  share=$(awk -v a="$rps" -v b="$static_rps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
  verdict=PASS
  notes=()
  if [ "${targets[$i]}" = - ]; then
    verdict=info
  elif awk -v p="$p99" -v l="$p99_limit_ms" 'BEGIN { exit !(p >= l) }'; then
    verdict=FAIL; notes+=("p99 >= ${p99_limit_ms} ms")
  fi
  if [ "$verdict" != info ] && [ -n "${targets[$i]}" ] && awk -v s="$share" -v t="${targets[$i]}" 'BEGIN { exit !(s < t) }'; then
    verdict=FAIL; notes+=("below ${targets[$i]}% of static")
  fi
  if [ "$errors" -gt 0 ]; then
    verdict=FAIL; notes+=("$errors failed requests")
  fi
  if awk -v o="$other" -v q="$quiet_max" 'BEGIN { exit !(o > q) }'; then
    noisy=1; notes+=("NOISY: other processes used $(printf '%.0f' "$other")% of the CPUs")
  fi
  [ "$verdict" != FAIL ] || failed=1
  if [ "$verdict" = info ]; then
    result="info (cache miss cost, no target)"
  else
    result="$verdict (${targets[$i]:+>=${targets[$i]}% static, }p99<${p99_limit_ms} ms)"
  fi
  printf '%-19s %-34s %8.0f %7.2f %7.2f %7.2f %7s%% %10.1f %4.0f%% %4.0f%% %4.0f%% %4.0f%%  %s\n' \
    "${labels[$i]}" "${paths[$i]}" "$rps" "$p50" "$p99" "$max" "$share" "$(med "${m_srv_us[$i]}")" \
    "$(med "${m_srv_pct[$i]}")" "$(med "${m_wrk_pct[$i]}")" "$(med "${m_irq_pct[$i]}")" "$other" \
    "$result${notes[*]:+: ${notes[*]}}"
done
echo
echo "server peak RSS (VmHWM): $((peak_rss_kb / 1024)) MiB; RSS at the end: $((rss_kb / 1024)) MiB"
echo "srv us/req: server CPU time (user+system) per request. srv% / wrk% / oth%: share of all $cpus CPUs used by the"
echo "server, by wrk and by everything else (other processes); sirq: interrupt handling (loopback TCP), mostly inside srv%/wrk%."
[ "$noisy" = 0 ] || echo "load.sh: warning: other processes were busy during the run; rerun on a quiet machine" >&2
exit "$failed"
