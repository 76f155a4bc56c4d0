#!/usr/bin/env bash
# Snapshot import benchmark for Paperwire (see docs/benchmarks.md, "Ingestion: snapshot import rate").
#
# Generates a deterministic input: the 4,269-record arXiv sample (src/Paperwire.Ingest/DemoCorpus/
# arxiv-sample.jsonl) repeated to --records N (default 200,000), every id rewritten to a unique new-style
# arXiv id (1501.00001, 1501.00002, …, month 01-12) and " (copy N)" appended to the titles of every copy
# after the first (bench/import/generate.py). Builds the app in Release and times, under /usr/bin/time -v,
#   parse-only   import snapshot FILE --dry-run        parses and validates every record, stores nothing:
#                                                      the ceiling of the import rate on this machine
#   SQLite       import snapshot FILE                  into a fresh data folder (SQLite, WAL)
#   PostgreSQL   import snapshot FILE --database …     into a fresh database of a throwaway cluster
#   SQLite again import snapshot FILE                  the same file into the SQLite database of the
#                                                      SQLite row: every record is unchanged
# and prints records, seconds, records/s, the share of the parse-only rate, CPU time and peak RSS per row,
# with PASS/FAIL against the targets: >= 5,000 records/s into SQLite (both SQLite rows), peak RSS < 500 MB
# (10^6 bytes) in every row, and every record accounted for (inserted / unchanged / valid = N, 0 rejected).
# The PostgreSQL cluster is created like test.sh does (initdb as 'postgres' in a temp dir, loopback, a free
# port) but keeps the durability defaults: fsync=on, synchronous_commit=on, full_page_writes=on.
#
# Usage: bench/import.sh [--records 200000] [--rounds 1] [--gzip] [--no-postgres] [--no-build]
#                        [--quiet-wait 180] [--quiet-max 10] [--keep-input FILE] [--time-limit SECONDS]
# The same settings can come from the environment: RECORDS ROUNDS QUIET_WAIT QUIET_MAX TIME_LIMIT.
# With --rounds N the four rows are measured N times (interleaved, every round on fresh databases) and the
# table shows the median of each column. --gzip writes the input gzip-compressed (FILE.jsonl.gz), so every
# row includes decompression. --no-postgres leaves the PostgreSQL row out. --keep-input FILE also copies the
# generated input to FILE. Before each timed run the script waits up to --quiet-wait seconds until other
# processes use at most --quiet-max percent of the CPUs, and flags rows where they used more during the run
# as NOISY. An import still running after --time-limit seconds (default 120 + records/500) is stopped and
# the script fails: a hung import must not hold the machine.
# Exit status: 0 all targets met, 1 a target missed (or a record went missing), 2 setup or usage error.
# Installs the Debian packages 'time' and 'postgresql' with apt-get when they are missing (needs root).
set -euo pipefail
export LC_ALL=C

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

records=${RECORDS:-200000}
rounds=${ROUNDS:-1}
quiet_wait=${QUIET_WAIT:-180}
quiet_max=${QUIET_MAX:-10}
build=1
gzip=
postgres=1
keep_input=
min_rate=5000      # records/s into SQLite
max_rss_mb=500     # peak RSS, MB (10^6 bytes), every row
time_limit=${TIME_LIMIT:-}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "import.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --records) records=${2:?--records needs a value}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --quiet-wait) quiet_wait=${2:?--quiet-wait needs a value}; shift 2 ;;
    --quiet-max) quiet_max=${2:?--quiet-max needs a value}; shift 2 ;;
    --keep-input) keep_input=${2:?--keep-input needs a value}; shift 2 ;;
    --time-limit) time_limit=${2:?--time-limit needs a value}; shift 2 ;;
    --gzip) gzip=1; shift ;;
    --no-postgres) postgres=; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for number in "$records" "$rounds" "$quiet_wait" "$quiet_max" "${time_limit:-1}"; do
  [[ $number =~ ^[0-9]+$ ]] || die "--records, --rounds, --quiet-wait, --quiet-max and --time-limit take whole numbers"
done
[ "$records" -ge 1 ] || die "--records must be at least 1"
[ "$rounds" -ge 1 ] || die "--rounds must be at least 1"
[ -n "$time_limit" ] || time_limit=$((120 + records / 500)) # a generous floor of 500 records/s
[ "$time_limit" -ge 1 ] || die "--time-limit must be at least 1"

# --- prerequisites -------------------------------------------------------------------------------
python=/usr/bin/python3
[ -x "$python" ] || die "$python is missing (Debian package python3)"
command -v dotnet >/dev/null 2>&1 || die "dotnet is missing"
packages=()
[ -x /usr/bin/time ] || packages+=(time)
if [ -n "$postgres" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then packages+=(postgresql); fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "import.sh: installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    die "missing Debian packages ${packages[*]}; run as root to install them (or pass --no-postgres)"
  fi
fi
pg_bin=
if [ -n "$postgres" ]; then
  pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
  [ -x "$pg_bin/initdb" ] || die "PostgreSQL's initdb was not found under /usr/lib/postgresql"
fi

if [ "$build" = 1 ]; then
  echo "import.sh: building (Release)"
  dotnet build src/Paperwire -c Release -nologo -v quiet >/dev/null || die "build failed; run: dotnet build src/Paperwire -c Release"
fi
dll=src/Paperwire/bin/Release/net10.0/paperwire.dll
code=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src 2>/dev/null)" ] || code+=" with uncommitted changes in src/"
[ -f "$dll" ] || die "$dll not found (build first, or drop --no-build)"

# --- cleanup -------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/paperwire-import.XXXXXX")
pg_dir=
pg_port=
import_pid=
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local status=$?
  if [ -n "$import_pid" ] && kill -0 "$import_pid" 2>/dev/null; then
    # $import_pid is /usr/bin/time, which would die of TERM without passing it on; its child, timeout (in a
    # process group of its own), forwards TERM to the import, which cancels and exits; then time exits too.
    local inner=()
    read -r -d '' -a inner < <(ps -o pid= --ppid "$import_pid") || true
    kill -TERM "${inner[@]:-$import_pid}" 2>/dev/null || true
    wait "$import_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

# --- helpers -------------------------------------------------------------------------------------
children_ticks() { # CPU of this shell's finished children (the timed import and everything it ran), in clock ticks
  local stat fields
  stat=$(<"/proc/$$/stat")
  stat=${stat##*) }
  read -r -a fields <<<"$stat"
  echo $((fields[13] + fields[14]))
}
machine_ticks() { # busy and total ticks of all CPUs, from /proc/stat
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}
pg_ticks() { # CPU of the PostgreSQL cluster: the postmaster, its live processes and the backends it has reaped
  local postmaster pid stat fields children total=0
  [ -n "$pg_dir" ] || { echo 0; return; }
  postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid")
  read -r -d '' -a children < <(ps -o pid= --ppid "$postmaster") || true
  for pid in "$postmaster" "${children[@]}"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12]))
    [ "$pid" != "$postmaster" ] || total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}
median() { # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
wait_quiet() { # waits until other processes leave the CPUs (nearly) idle, at most $quiet_wait seconds
  local waited=0 busy0 total0 busy1 total1 load
  while :; do
    read -r busy0 total0 < <(machine_ticks)
    sleep 1
    read -r busy1 total1 < <(machine_ticks)
    load=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN { printf "%.0f", (t > 0 ? 100 * b / t : 0) }')
    [ "$load" -le "$quiet_max" ] && return 0
    if [ "$waited" -ge "$quiet_wait" ]; then
      echo "import.sh: warning: the machine is ${load}% busy before the run (other processes); results will be noisy" >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "import.sh: the machine is ${load}% busy with other work; waiting up to ${quiet_wait}s for it to calm down" >&2
    waited=$((waited + 1))
  done
}
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- input ---------------------------------------------------------------------------------------
sample=src/Paperwire.Ingest/DemoCorpus/arxiv-sample.jsonl
[ -f "$sample" ] || die "$sample not found"
input=$work/arxiv-bench-$records.jsonl
generate_args=()
if [ -n "$gzip" ]; then input+=.gz; generate_args+=(--gzip); fi
echo "import.sh: generating $input ($records records from $sample)"
"$python" bench/import/generate.py "$sample" "$input" "$records" "${generate_args[@]}"
input_bytes=$(stat -c %s "$input")
input_sha=$(sha256sum "$input" | cut -c 1-16)
[ -z "$keep_input" ] || cp "$input" "$keep_input"
echo "import.sh: input $((input_bytes / 1000000)) MB, sha256 $input_sha…"

# --- PostgreSQL ----------------------------------------------------------------------------------
pg_connection=
if [ -n "$postgres" ]; then
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/paperwire-import-pg.XXXXXX")
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$pg_dir"
  pg_port=$(free_port)
  # UTF-8 explicitly: under LC_ALL=C initdb would pick SQL_ASCII, which rejects non-ASCII parameters.
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durability as in production: fsync, synchronous_commit and full_page_writes keep their defaults (on).
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  pg_settings=$(as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc \
    "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
     WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout')")
  echo "import.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$pg_port ($pg_settings)"
  pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench"
fi

# --- measurement ---------------------------------------------------------------------------------
modes=(parse sqlite)
labels=("parse-only (--dry-run)" "SQLite, fresh")
[ -z "$postgres" ] || { modes+=(postgres); labels+=("PostgreSQL, fresh"); }
modes+=(reimport)
labels+=("SQLite again (unchanged)")

run_import() { # run_import MODE ROUND: one timed run; appends its numbers to the m_* arrays of row $i
  local mode=$1 round=$2 out=$work/$1-$2.out timing=$work/$1-$2.time data args=()
  case "$mode" in
    parse) data=$work/parse-$round; args=(--dry-run) ;;
    sqlite) data=$work/sqlite-$round ;;
    reimport) data=$work/sqlite-$round ;; # the database the SQLite row just filled
    postgres)
      data=$work/postgres-$round
      PGOPTIONS='-c client_min_messages=warning' as_postgres "$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists bench
      as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
      args=(--database "$pg_connection") ;;
  esac
  mkdir -p "$data"
  wait_quiet
  echo "import.sh: round $round/$rounds: $mode: dotnet $dll import snapshot $(basename "$input") --data $data${args[*]:+ ${args[*]}}"
  local own0 own1 busy0 total0 busy1 total1 pg0 pg1
  own0=$(children_ticks)
  pg0=$(pg_ticks)
  read -r busy0 total0 < <(machine_ticks)
  # In the background, so that a signal interrupts `wait` at once and the trap can stop the import.
  # timeout stops an import that hangs (an error in the writer, say) instead of waiting forever; /usr/bin/time
  # still sees the import's CPU time and peak RSS through it.
  local status=0
  /usr/bin/time -v -o "$timing" timeout --kill-after=30 "$time_limit" dotnet "$dll" import snapshot "$input" --data "$data" "${args[@]}" >"$out" 2>&1 &
  import_pid=$!
  wait "$import_pid" || status=$?
  import_pid=
  if [ "$status" = 124 ]; then
    tail -n 30 "$out" >&2
    die "the $mode import did not finish within ${time_limit}s (stopped; output above, last lines)"
  elif [ "$status" != 0 ]; then
    tail -n 30 "$out" >&2
    die "the $mode import failed with exit status $status (output above, last lines)"
  fi
  read -r busy1 total1 < <(machine_ticks)
  pg1=$(pg_ticks)
  own1=$(children_ticks)

  local seconds rate processed expected got cpu wall rss other db_cpu
  read -r seconds rate < <(sed -n 's/^.*: done in \([0-9.,]*\)s (\([0-9,]*\) records\/s)$/\1 \2/p' "$out" | tr -d ,)
  [ -n "${rate:-}" ] || { tail -n 30 "$out" >&2; die "no summary line in the $mode output"; }
  count() { awk -v k="$1" '$1 == k { gsub(",", "", $2); print $2; f = 1 } END { if (!f) print 0 }' "$out"; }
  processed=$(($(count valid) + $(count inserted) + $(count updated) + $(count unchanged) + $(count rejected)))
  case "$mode" in
    parse) expected=valid ;;
    sqlite|postgres) expected=inserted ;;
    reimport) expected=unchanged ;;
  esac
  got=$(count "$expected")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 * 1024 / 1e6 }' "$timing")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$timing")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; printf "%.1f", s }' "$timing")
  db_cpu=$(awk -v t=$((pg1 - pg0)) -v clk="$clk" 'BEGIN { printf "%.1f", t / clk }')
  # The cluster's CPU is part of the measurement in the PostgreSQL row only; anywhere else (autovacuum after the
  # PostgreSQL row, say) it competes with the import like any other process.
  local own_pg=0
  [ "$mode" != postgres ] || own_pg=$((pg1 - pg0))
  other=$(awk -v busy=$((busy1 - busy0)) -v total=$((total1 - total0)) -v own=$((own1 - own0)) -v pg="$own_pg" \
    'BEGIN { if (total <= 0) total = 1; o = busy - own - pg; if (o < 0) o = 0; printf "%.0f", 100 * o / total }')
  printf '    %s records in %s s (%s records/s), %s %s of %s, %s rejected; process %s s wall, %s s CPU%s, peak RSS %s MB; other processes %s%%\n' \
    "$processed" "$seconds" "$rate" "$got" "$expected" "$records" "$(count rejected)" "$wall" "$cpu" \
    "$([ "$mode" = postgres ] && echo ", PostgreSQL $db_cpu s CPU")" "$rss" "$other"
  m_records[i]+=" $processed"
  m_seconds[i]+=" $seconds"
  m_rate[i]+=" $rate"
  m_wall[i]+=" $wall"
  m_cpu[i]+=" $cpu"
  m_db_cpu[i]+=" $db_cpu"
  m_rss[i]+=" $rss"
  m_other[i]+=" $other"
  if [ "$got" != "$records" ] || [ "$(count rejected)" != 0 ]; then
    m_bad[i]+=" round $round: $got $expected of $records, $(count rejected) rejected;"
  fi
}

clk=$(getconf CLK_TCK)
cpus=$(nproc)
declare -a m_records m_seconds m_rate m_wall m_cpu m_db_cpu m_rss m_other m_bad
for round in $(seq 1 "$rounds"); do
  for i in "${!modes[@]}"; do
    run_import "${modes[$i]}" "$round"
  done
  rm -rf "$work/parse-$round" "$work/sqlite-$round" "$work/postgres-$round"
done

# --- summary -------------------------------------------------------------------------------------
med() { local -a values; read -r -a values <<<"$1"; median "${values[@]}"; }
highest() { local -a values; read -r -a values <<<"$1"; printf '%s\n' "${values[@]}" | sort -g | tail -n 1; }
parse_rate=$(med "${m_rate[0]}")
failed=0
noisy=0
echo
echo "Paperwire snapshot import: $records records ($((input_bytes / 1000000)) MB${gzip:+, gzip}), $cpus CPUs, code $code${pg_settings:+; PostgreSQL: $pg_settings}"
[ "$rounds" = 1 ] || echo "median of $rounds rounds; per round records/s:$(for i in "${!modes[@]}"; do printf ' %s [%s];' "${modes[$i]}" "${m_rate[$i]# }"; done)"
printf '%-25s %8s %8s %9s %8s %8s %8s %8s %8s %5s  %s\n' \
  "mode" "records" "seconds" "records/s" "% parse" "wall s" "cpu s" "db cpu s" "RSS MB" "oth%" "result"
for i in "${!modes[@]}"; do
  mode=${modes[$i]}
  rate=$(med "${m_rate[$i]}")
  rss=$(highest "${m_rss[$i]}") # the highest peak of all rounds
  other=$(med "${m_other[$i]}")
  share=$(awk -v a="$rate" -v b="$parse_rate" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
  verdict=PASS
  notes=()
  targets="RSS<${max_rss_mb} MB"
  if [ "$mode" = sqlite ] || [ "$mode" = reimport ]; then
    targets=">=${min_rate}/s, $targets"
    if awk -v r="$rate" -v t="$min_rate" 'BEGIN { exit !(r < t) }'; then verdict=FAIL; notes+=("below ${min_rate} records/s"); fi
  fi
  if awk -v r="$rss" -v t="$max_rss_mb" 'BEGIN { exit !(r >= t) }'; then verdict=FAIL; notes+=("peak RSS >= ${max_rss_mb} MB"); fi
  if [ -n "${m_bad[$i]:-}" ]; then verdict=FAIL; notes+=("records missing:${m_bad[$i]}"); fi
  if awk -v o="$other" -v q="$quiet_max" 'BEGIN { exit !(o > q) }'; then
    noisy=1; notes+=("NOISY: other processes used ${other}% of the CPUs")
  fi
  [ "$verdict" = PASS ] || failed=1
  db_cpu=-
  [ "$mode" != postgres ] || db_cpu=$(med "${m_db_cpu[$i]}")
  printf '%-25s %8.0f %8.1f %9.0f %7s%% %8.1f %8.1f %8s %8.0f %4.0f%%  %s\n' \
    "${labels[$i]}" "$(med "${m_records[$i]}")" "$(med "${m_seconds[$i]}")" "$rate" "$share" "$(med "${m_wall[$i]}")" \
    "$(med "${m_cpu[$i]}")" "$db_cpu" "$rss" "$other" "$verdict ($targets)${notes[*]:+: ${notes[*]}}"
done
echo
echo "seconds and records/s: the import's own summary (\"done in\"), from reading the first record to the last commit;"
echo "wall s: the whole process (startup and migrations too); cpu s: its user+system CPU; db cpu s: the PostgreSQL"
echo "server's CPU; RSS: the import process's peak (Maximum resident set size, /usr/bin/time -v; the highest of all"
echo "rounds), 1 MB = 10^6 bytes;"
echo "oth%: share of all $cpus CPUs used by other processes during the run."
[ "$noisy" = 0 ] || echo "import.sh: warning: other processes were busy during the run; rerun on a quiet machine" >&2
exit "$failed"
