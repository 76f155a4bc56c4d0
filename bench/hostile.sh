#!/usr/bin/env bash
# The hostile-input suite with the whole corpus (tests/Paperwire.Tests/Web/Hostile/payloads.txt): every endpoint of
# the app's route table, every parameter, every payload, as every visitor (anonymous, signed in by cookie, API token).
# CI runs the same test (HostileInputSuiteTests) with the corpus' CI subset; this sets PAPERWIRE_HOSTILE_FULL=1.
#
# Prints the summary: requests sent, statuses seen, requests Kestrel refused before the app, failures (any 5xx, any
# API or feed error that is not application/problem+json), then what each visitor got from each endpoint.
#
# Usage: bench/hostile.sh [--no-build] [--report FILE]
# Exit status: 0 no unexpected failure, 1 failures (listed), 2 setup or usage error.
set -euo pipefail
export LC_ALL=C

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

build=1
report=$(mktemp /tmp/paperwire-hostile.XXXXXX)
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --report) report="$2"; shift ;;
    *) echo "usage: bench/hostile.sh [--no-build] [--report FILE]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  dotnet build tests/Paperwire.Tests -v quiet -nologo >/dev/null || { echo "hostile.sh: build failed" >&2; exit 2; }
fi

echo "hostile.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
PAPERWIRE_HOSTILE_FULL=1 PAPERWIRE_HOSTILE_REPORT="$report" \
  dotnet test tests/Paperwire.Tests --no-build -nologo --filter "FullyQualifiedName~HostileInputSuiteTests" >"$report.log" 2>&1 || status=1

if [ ! -s "$report" ]; then
  echo "hostile.sh: the suite wrote no summary; its output:" >&2
  tail -n 50 "$report.log" >&2
  exit 2
fi

cat "$report"
exit "$status"
