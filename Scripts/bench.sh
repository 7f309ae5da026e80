#!/usr/bin/env bash
# make bench: times the release build on the built-in demo province and on the worked example.
# Writes BENCHMARKS.md. Speed is measured here, never asserted in a unit test.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/cds-report
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BIN" demo --out "$work/demo" --report-date 2025-01-20 >/dev/null 2>&1

measure() { # name, then the command; prints median/min/max seconds and peak RSS
  local name=$1; shift
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/time"
    times+=("$t"); (( m > rss )) && rss=$m
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '| %s | %s | %s | %s | %d |\n' "$name" "$median" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" $((rss / 1024))
}

{
  echo "# Benchmarks"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $(swift --version 2>/dev/null | head -1)."
  echo "Release build; $RUNS runs each; seconds (median, min, max) and peak resident memory."
  echo
  echo "| job | median s | min s | max s | peak MB |"
  echo "|---|---|---|---|---|"
  measure "run: demo province ($(grep -c , "$work/demo/units.csv") registry rows)" \
    "$BIN" run --units "$work/demo/units.csv" --period 2024-2025/HK1 --out "$work/out-demo" --report-date 2025-01-20 "$work/demo/inbox"
  if [[ -d ../shared/example ]]; then
    measure "run: worked example (487 units)" \
      "$BIN" run --units ../shared/example/units.csv --period 2024-2025/HK1 --out "$work/out-ex" --report-date 2025-01-20 ../shared/example/inputs
  fi
} | tee BENCHMARKS.md
