#!/usr/bin/env bash
# Search benchmark at a million papers (docs/benchmarks.md, "Search at 1M papers (issue 4)").
#
# Builds bench/Paperwire.Bench.Search in Release and runs its phases, each in a process of its own:
#   build      makes the corpus (the 4,336 shipped papers plus synthetic ones mixed from them, deterministic) and
#              builds a keyword + vector index generation of it as `paperwire reindex` does; times each index
#              separately; sizes on disk. Reused by later runs of the same --papers (--rebuild builds it again).
#   latency    opens the generation fresh, as a restarted server does: RSS, then p50/p99 of keyword, vector and
#              hybrid search (query vector precomputed, and with the query embedding), and of the embedding alone
#   recall     ANN recall@10 against an exact scan of the same vectors in the same run; expansion sweep
#   recall-model  recall by corpus size, vector noise, graph settings and number of graphs (--model-papers, --model-noise, --model-graphs)
#   resolve    where vector search's time goes at 1M: mapping ANN keys back to paper ids, the app's way and others
#   vector-threads  the vector build of the first 100,000 papers on one thread (as the app) and on every core
#   embedding  papers/s of ArcticEmbedder vs a raw ONNX Runtime session vs the SentenceTransformers wrapper;
#              threads, batch size, truncation
#   glance     papers/s of key sentences and keywords (issue 15, docs/glance.md) over --glance-papers shipped papers,
#              and the first --glance-sample of them printed for judging by hand (not part of a full run)
#   embedding-int8  papers/s of the float and the int8 model (Search:EmbeddingModel) in alternating rounds on the
#              same abstracts, and the cosine of their vectors (target: int8 at least 2x)
# The first run embeds the 4,336 real papers once (minutes) and caches their vectors in the work folder.
# Before each phase it prints the machine (nproc, CPU, RAM, load) and waits up to --quiet-wait seconds until other
# processes use at most --quiet-max percent of the CPUs; each result row reports the others' CPU share.
#
# Usage: bench/search.sh [--papers 1000000] [--only build|latency|recall|recall-model|resolve|vector-threads|embedding|embedding-int8|glance] [--work DIR] [--rebuild]
#                        [--no-build] [--quiet-wait 300] [--quiet-max 15] [-- PROGRAM OPTIONS]
# PROGRAM OPTIONS go to every phase: --measured N, --held-out N, --embed-texts N, --wrapper-texts N, --seed N.
# A quick smoke run: bench/search.sh --papers 20000 -- --measured 300 --embed-texts 64 --wrapper-texts 16
# Exit status: 0 every target met, 1 a target missed, 2 setup or usage error.
set -euo pipefail
export LC_ALL=C

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

papers=1000000
only=
work=${TMPDIR:-/tmp}/paperwire-bench-search
rebuild=
build=1
quiet_wait=300
quiet_max=15
extra=()

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "search.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --papers) papers=${2:?--papers needs a value}; shift 2 ;;
    --only) only=${2:?--only needs a value}; shift 2 ;;
    --work) work=${2:?--work needs a value}; shift 2 ;;
    --quiet-wait) quiet_wait=${2:?--quiet-wait needs a value}; shift 2 ;;
    --quiet-max) quiet_max=${2:?--quiet-max needs a value}; shift 2 ;;
    --rebuild) rebuild=--rebuild; shift ;;
    --no-build) build=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for number in "$papers" "$quiet_wait" "$quiet_max"; do
  [[ $number =~ ^[0-9]+$ ]] || die "--papers, --quiet-wait and --quiet-max take whole numbers"
done
case "$only" in
  "") phases=(build latency recall recall-model resolve vector-threads embedding embedding-int8) ;;
  build|latency|recall|recall-model|resolve|vector-threads|embedding|embedding-int8|glance) phases=("$only") ;;
  *) die "--only takes build, latency, recall, recall-model, resolve, vector-threads, embedding, embedding-int8 or glance" ;;
esac
command -v dotnet >/dev/null 2>&1 || die "dotnet is missing"

project=bench/Paperwire.Bench.Search
if [ "$build" = 1 ]; then
  echo "search.sh: building $project (Release)"
  dotnet build "$project" -c Release -nologo -v quiet >/dev/null || die "build failed; run: dotnet build $project -c Release"
fi
dll=$project/bin/Release/net10.0/Paperwire.Bench.Search.dll
[ -f "$dll" ] || die "$dll not found (build first, or drop --no-build)"
code=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src bench 2>/dev/null)" ] || code+=" with uncommitted changes in src/ or bench/"

mkdir -p "$work"
log=$work/search-$(date -u +%Y%m%d-%H%M%S).log

machine_ticks() { # busy and total ticks of all CPUs, from /proc/stat
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
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
      echo "search.sh: warning: the machine is ${load}% busy before the run (other processes); results will be noisy" | tee -a "$log" >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "search.sh: the machine is ${load}% busy with other work; waiting up to ${quiet_wait}s for it to calm down" >&2
    waited=$((waited + 1))
  done
}

echo "search.sh: $papers papers, code $code, log $log" | tee -a "$log"
status=0
for phase in "${phases[@]}"; do
  wait_quiet
  {
    echo
    echo "=== $phase ($(date -u '+%Y-%m-%d %H:%M:%S') UTC) ==="
    echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s*:\s*/: /'); $(free -h | awk '/^Mem:/ { print "RAM " $2 " total, " $7 " available" }'); uptime:$(uptime)"
  } | tee -a "$log"
  args=("$phase" --papers "$papers" --work "$work" --repo "$repo")
  [ "$phase" != build ] || [ -z "$rebuild" ] || args+=("$rebuild")
  phase_status=0
  dotnet "$dll" "${args[@]}" "${extra[@]}" 2>&1 | tee -a "$log" || phase_status=$?
  case "$phase_status" in
    0) ;;
    1) status=1 ;;
    *) die "the $phase phase failed (exit status $phase_status); see $log" ;;
  esac
done

echo
echo "Targets ($papers papers, code $code):"
grep '^TARGET' "$log" | sed 's/^TARGET | //' || true
echo "search.sh: full output in $log"
exit "$status"
