#!/usr/bin/env bash
# Account-enumeration timing benchmark (docs/benchmarks.md, "Security: account forms take the same time").
#
# Builds Paperwire in Release (or uses BIN, a published paperwire binary, e.g. an older build to compare),
# starts `paperwire serve` on loopback with a fresh data folder and no demo corpus, creates KNOWN confirmed
# accounts with `paperwire users create-admin`, then runs bench/timing/account_timing.py: interleaved sign-in
# (wrong password), sign-up and forgot-password requests for existing and non-existing accounts, and prints
# the median answer time of each side and their difference.
#
# Usage: bench/timing.sh [SAMPLES (default 200)] [KNOWN (default 10)]
# Environment: BIN=path/to/paperwire to time another build; PORT.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
samples=${1:-200}
known=${2:-10}
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

if [ -z "${BIN:-}" ]; then
  dotnet build "$repo/src/Paperwire" -c Release -nologo -clp:ErrorsOnly >/dev/null
  BIN="$repo/src/Paperwire/bin/Release/net10.0/paperwire"
fi

data=$(mktemp -d /tmp/paperwire-timing.XXXXXX)
users="$data/known-users.txt"
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
export Paperwire__DemoCorpus__Enabled=false Paperwire__DemoCorpus__ArxivSample=false Search__Embeddings=false \
  Ingest__Schedule__Enabled=false Digests__Schedule__Enabled=false

for i in $(seq "$known"); do
  PAPERWIRE_ADMIN_PASSWORD="the right password $i" "$BIN" users create-admin --data "$data" --name "known$i" --email "known$i@example.org" >/dev/null
  echo "known$i known$i@example.org" >>"$users"
done

"$BIN" serve --data "$data" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; build: $BIN; samples: $samples per side"
python3 "$repo/bench/timing/account_timing.py" "http://127.0.0.1:$port" "$users" "$samples"
