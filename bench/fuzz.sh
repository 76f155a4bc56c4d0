#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read outside input (docs/security.md, "Fuzzing").
#
# Usage: bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 120 seconds, every target
#   targets: snapshot oai atom hf query comment   (dotnet tests/Paperwire.Fuzz/bin/... list)
#
# Builds tests/Paperwire.Fuzz in Release into a scratch folder, instruments the assemblies that hold the parsers
# with SharpFuzz (the local dotnet tool in dotnet-tools.json), and runs AFL++'s afl-fuzz on each target for the
# budget, seeded from tests/Paperwire.Fuzz/seeds/TARGET. Each input may take at most 5 s (afl-fuzz -t) and the
# target process at most 1 GiB of managed heap (DOTNET_GCHeapHardLimit): past either it counts as a crash.
# Every crash or hang is copied to tests/Paperwire.Fuzz/crashes/TARGET/ and replayed through the plain build
# for its stack trace. Fix the parser, then commit the input: Paperwire.Tests (FuzzRegressionTests) replays
# seeds and crashes on every CI run.
# Exit status: 0 no crash, 1 crashes or hangs found, 2 setup error.
# Installs the Debian package afl++ with apt-get when afl-fuzz is missing (needs root).
set -euo pipefail
export LC_ALL=C

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

seconds=${1:-120}
shift || true
all_targets=(snapshot oai atom hf query comment)
targets=("${@:-${all_targets[@]}}")
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2; }

work=${FUZZ_WORK:-/tmp/paperwire-fuzz}
rm -rf "$work"
mkdir -p "$work/out"

if ! command -v afl-fuzz >/dev/null; then
    echo "afl-fuzz missing: installing afl++ from Debian" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; } || { echo "could not install afl++" >&2; exit 2; }
fi

echo "== build (Release) and instrument"
dotnet tool restore >/dev/null
dotnet build tests/Paperwire.Fuzz -c Release -o "$work/plain" -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
cp -r "$work/plain" "$work/instrumented"
# Our parsers and the libraries they drive; System.Text.Json and System.Xml are part of the runtime and stay
# uninstrumented (their branches are not seen, only ours around them).
for assembly in Paperwire.Ingest Paperwire.Search paperwire Markdig HtmlSanitizer; do
    dotnet sharpfuzz "$work/instrumented/$assembly.dll" >/dev/null || { echo "sharpfuzz could not instrument $assembly.dll" >&2; exit 2; }
done

# Containers have no say over core_pattern or the CPU governor; the target is `dotnet`, not an AFL binary.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export DOTNET_GCHeapHardLimit=0x40000000

found=0
summary=()
for target in "${targets[@]}"; do
    [[ -d tests/Paperwire.Fuzz/seeds/$target ]] || { echo "unknown target '$target' (no seeds/$target)" >&2; exit 2; }
    echo "== $target: ${seconds}s"
    out="$work/out/$target"
    afl-fuzz -i "tests/Paperwire.Fuzz/seeds/$target" -o "$out" -t 5000 -m none -V "$seconds" \
        -- dotnet "$work/instrumented/Paperwire.Fuzz.dll" afl "$target" >"$work/$target.log" 2>&1 \
        || { tail -30 "$work/$target.log" >&2; echo "afl-fuzz failed on $target (log: $work/$target.log)" >&2; exit 2; }

    stats="$out/default/fuzzer_stats"
    execs=$(awk -F' : ' '/^execs_done/ {print $2}' "$stats")
    rate=$(awk -F' : ' '/^execs_per_sec/ {print $2}' "$stats")
    corpus=$(awk -F' : ' '/^corpus_count/ {print $2}' "$stats")
    saved=0
    for kind in crashes hangs; do
        for input in "$out/default/$kind"/id:*; do
            [[ -e $input ]] || continue
            name="${kind%es}"; name="${name%s}-$(sha1sum "$input" | cut -c1-12)"
            mkdir -p "tests/Paperwire.Fuzz/crashes/$target"
            cp "$input" "tests/Paperwire.Fuzz/crashes/$target/$name"
            saved=$((saved + 1))
        done
    done
    summary+=("$(printf '%-9s %10s execs %8s/s %6s corpus %3s crashes+hangs' "$target" "$execs" "$rate" "$corpus" "$saved")")
    if ((saved > 0)); then
        found=$((found + saved))
        echo "   $saved crashing inputs saved to tests/Paperwire.Fuzz/crashes/$target/; replayed:"
        dotnet "$work/plain/Paperwire.Fuzz.dll" replay "$target" "tests/Paperwire.Fuzz/crashes/$target" | sed 's/^/   /' || true
    fi
done

echo "== summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if ((found > 0)); then
    echo "FAIL: $found crashing inputs; fix the parsers, keep the inputs (crashes/TARGET/) as regression inputs"
    exit 1
fi
echo "PASS: no crash"
