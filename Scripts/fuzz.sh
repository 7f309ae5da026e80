#!/usr/bin/env bash
# Runs the libFuzzer targets (Fuzz/) one after another, each for SECONDS (default 60), on a
# corpus kept in .build-fuzz/corpus/<target> and seeded from the test fixtures, the shared
# example and Indicators/. One target at a time, one job each: the machine has two cores.
#
#   Scripts/fuzz.sh [SECONDS] [csv|xlsx|indicators ...]       e.g. Scripts/fuzz.sh 600 xlsx
#
# A crash, a timeout (-timeout, default 10 s) or an out-of-memory (-rss_limit_mb, default
# 2048) leaves the input in .build-fuzz/artifacts/<target>/ and makes the script exit 1. To
# replay one: .build-fuzz/bin/fuzz-<target> FILE. Then minimise it (-minimize_crash=1
# -runs=10000 FILE), fix, keep it in Fuzz/regressions/<target>/ (every run replays those first)
# and add the input as a file to Tests/CDSReportTests/Fixtures/bad-inputs/ with a test.
# Statistics (executions, coverage, time) go to .build-fuzz/logs/<target>.log and a summary line
# per target to stdout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/.build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
if [[ ${1:-} =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
TARGETS=${*:-csv xlsx indicators}
export FUZZ_OUT=$OUT
cd "$ROOT"

mkdir -p "$OUT/logs"
"$ROOT/Fuzz/build.sh" $TARGETS >"$OUT/logs/build.log" 2>&1 || { grep -E 'error|fuzz:' "$OUT/logs/build.log" | head -30; exit 1; }

EXAMPLE=$ROOT/../shared/example
BAD=$ROOT/Tests/CDSReportTests/Fixtures/bad-inputs

# Copies a seed into a corpus, prefixed with a selector byte when given (octal, for printf).
seed() {
    local corpus=$1 file=$2 prefix=${3:-}
    [ -f "$file" ] || return 0
    local name
    name=$(printf '%s' "$prefix$file" | cksum | cut -d' ' -f1)
    if [ -n "$prefix" ]; then
        { printf "\\$prefix"; cat "$file"; } > "$corpus/seed-$name"
    else
        cp "$file" "$corpus/seed-$name"
    fi
}

seed_corpus() {
    local target=$1 corpus=$OUT/corpus/$1 file
    mkdir -p "$corpus"
    shopt -s nullglob globstar
    # Every crash found so far, as the fuzzer saw it: replayed first on each run.
    for file in "$ROOT"/Fuzz/regressions/"$target"/*; do seed "$corpus" "$file"; done
    case $target in
        csv)
            for file in "$ROOT"/Tests/CDSReportTests/Fixtures/**/*.csv "$EXAMPLE"/*.csv "$EXAMPLE"/inputs/*.csv; do seed "$corpus" "$file"; done ;;
        xlsx)
            for file in "$ROOT"/Fuzz/seeds/xlsx/* "$ROOT"/Tests/CDSReportTests/Fixtures/**/*.xlsx; do seed "$corpus" "$file"; done ;;
        indicators)
            seed "$corpus" "$ROOT/Indicators/catalogue.yaml" 000
            for file in "$ROOT"/Indicators/targets/*.yaml "$ROOT"/Indicators/plans/*.yaml "$EXAMPLE"/targets.yaml "$BAD"/*targets*.yaml; do
                seed "$corpus" "$file" 001
            done
            seed "$corpus" "$ROOT/Indicators/forms.yaml" 002
            for file in "$BAD"/*catalogue*.yaml; do seed "$corpus" "$file" 000; done ;;
    esac
    shopt -u nullglob globstar
}

status=0
for target in $TARGETS; do
    seed_corpus "$target"
    artifacts=$OUT/artifacts/$target/
    mkdir -p "$artifacts"
    dict=()
    case $target in
        xlsx) dict=(-dict="$ROOT/Fuzz/xml.dict") ;;
        indicators) dict=(-dict="$ROOT/Fuzz/yaml.dict") ;;
    esac
    log=$OUT/logs/$target.log
    before=$(find "$artifacts" -type f | wc -l)
    set +e
    # ASan's leak check is off: a process that ends after each run frees nothing on purpose
    # (the catalogue cache, Foundation's singletons), and leaks are not what this looks for.
    # Swift's own crash reporter is off so that libFuzzer sees the signal and keeps the input.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/fuzz-$target" "$OUT/corpus/$target" "${dict[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
        -max_len="${FUZZ_MAX_LEN:-65536}" -artifact_prefix="$artifacts" -print_final_stats=1 ${FUZZ_FLAGS:-} >"$log" 2>&1
    code=$?
    set -e
    after=$(find "$artifacts" -type f | wc -l)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    units=$(find "$OUT/corpus/$target" -type f | wc -l)
    echo "fuzz-$target: ${SECONDS_EACH}s, ${runs:-?} executions, coverage ${cov:-?} edges / ${ft:-?} features, corpus $units, new artifacts $((after - before)), exit $code"
    if [ "$code" -ne 0 ] || [ "$after" -gt "$before" ]; then
        status=1
        grep -E 'ERROR|==[0-9]+==|Fatal error|Test unit written' "$log" | head -5 || true
    fi
done
exit $status
