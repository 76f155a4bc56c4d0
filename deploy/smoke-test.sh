#!/usr/bin/env bash
# Checks a self-contained build (docs/deploy.md) before it goes to a server: with no .NET SDK or runtime in sight it
# answers --help, serves a throwaway data folder until /healthz, a page, the stylesheet and a search answer, and stops
# cleanly on SIGTERM within the unit's TimeoutStopSec. Needs curl. Usage: deploy/smoke-test.sh out/paperwire
set -euo pipefail
build=${1:?usage: deploy/smoke-test.sh BUILD_FOLDER}
exe="$(cd "$build" && pwd)/paperwire"
[ -x "$exe" ] || { echo "smoke-test: $exe is not an executable" >&2; exit 1; }
for asset in wwwroot/css/site.css DemoCorpus/arxiv-sample.jsonl appsettings.json libonnxruntime.so; do
  [ -e "$build/$asset" ] || { echo "smoke-test: $asset is missing from $build" >&2; exit 1; }
done
echo "smoke-test: $(du -sh "$build" | cut -f1) in $build"

# A self-contained build must not need the SDK or a shared runtime: hide any the machine has.
export DOTNET_ROOT=/nonexistent DOTNET_ROOT_X64=/nonexistent PATH=/usr/local/bin:/usr/bin:/bin
help=$("$exe" --help)
grep -q 'serve' <<<"$help" || { echo "smoke-test: --help does not list serve" >&2; exit 1; }
echo "smoke-test: --help answers"

data=$(mktemp -d /tmp/paperwire-smoke.XXXXXX)
"$exe" serve --data "$data" --urls http://127.0.0.1:0 >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
address=""
for _ in $(seq 180); do
  kill -0 "$pid" 2>/dev/null || { cat "$data/serve.log" >&2; echo "smoke-test: serve exited" >&2; exit 1; }
  address=${address:-$(grep -o 'Now listening on: http://[0-9.:]*' "$data/serve.log" | head -n 1 | cut -d' ' -f4 || true)}
  [ -n "$address" ] && curl -fsS -o /dev/null "$address/healthz" && break
  sleep 1
done
curl -fsS -o /dev/null "$address/healthz" || { cat "$data/serve.log" >&2; echo "smoke-test: no /healthz in 3 minutes" >&2; exit 1; }
echo "smoke-test: serve answers /healthz at $address"
home=$(curl -fsS "$address/")
grep -q '<h1' <<<"$home" || { echo "smoke-test: the home page has no heading" >&2; exit 1; }
curl -fsS -o /dev/null "$address/css/paperwire.css"
found=$(curl -fsS "$address/api/papers/search?q=vision+language+model&limit=3")
grep -q '"title"' <<<"$found" || { echo "smoke-test: search found nothing: $found" >&2; exit 1; }
echo "smoke-test: home page, stylesheet and search answer"

started=$SECONDS
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
trap 'rm -rf "$data"' EXIT
[ "$status" = 0 ] || { cat "$data/serve.log" >&2; echo "smoke-test: serve exited $status on SIGTERM" >&2; exit 1; }
echo "smoke-test: stopped cleanly on SIGTERM in $((SECONDS - started)) s; all good"
