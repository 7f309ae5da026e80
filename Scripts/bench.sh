#!/usr/bin/env bash
# make bench: the pipeline in a release build against the national data set (34 provinces'
# worth, 50,000 units; generated from a seed and cached in bench-data/), stage by stage, with
# each floor beside it: libxlsxwriter writing as many cells with no logic around it, and
# unzipping the XLSX inputs with no parsing. Results go to BENCHMARKS.md. Speed is measured here,
# never asserted in a unit test.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.build/release/cds-report
RUNS=${RUNS:-5}
DATA=${BENCH_DATA:-$PWD/bench-data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 Scripts/make_national.py "$DATA/national" --units 50000 --provinces 34
python3 Scripts/make_national.py "$DATA/province" --units 1000 --provinces 1
python3 Scripts/make_national.py "$DATA/export" --units 2000 --provinces 1 --export
gcc -O2 -o "$work/xlsx_floor" Scripts/xlsx_floor.c $(pkg-config --cflags --libs xlsxwriter)

# median min max of the numbers on stdin
stats() { sort -n | awk '{a[NR]=$1} END {printf "%s | %s | %s", a[int((NR+1)/2)], a[1], a[NR]}'; }

# Runs a command RUNS times; prints "median | min | max | peak MB" of wall time and memory.
measure() {
  : > "$work/times"; local rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r t m < "$work/t"; echo "$t" >> "$work/times"; (( m > rss )) && rss=$m
  done
  echo "$(stats < "$work/times") | $((rss / 1024))"
}

# Runs `run --timings` RUNS times; prints per stage "median (min-max)".
stages() {
  : > "$work/stages"
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/o"
    "$BIN" run "$@" --out "$work/o" --timings --report-date 2025-01-20 2>&1 >/dev/null | grep '^timings:' >> "$work/stages"
  done
  python3 - "$work/stages" <<'PY'
import re, statistics, sys
runs = [dict(re.findall(r'([a-z+-]+)=([0-9.]+)', l.split('|')[0])) for l in open(sys.argv[1])]
cells = re.search(r'workbook cells: (\d+)', open(sys.argv[1]).read())
for stage in runs[0]:
    v = sorted(float(r[stage]) for r in runs)
    print(f"| {stage} | {statistics.median(v):.3f} | {v[0]:.3f} | {v[-1]:.3f} |")
print(f"CELLS {cells.group(1) if cells else 0}")
PY
}

N=$DATA/national
{
echo "# Benchmarks"
echo
echo "Measured by \`make bench\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB,"
echo "$(uname -sr), $(swift --version 2>/dev/null | head -1). Release build; $RUNS runs of each; seconds."
echo "Data: \`Scripts/make_national.py\` (seeded, cached in bench-data/)."
echo
echo "## Whole runs"
echo
echo "| job | median s | min s | max s | peak MB |"
echo "|---|---|---|---|---|"
echo "| national, CSV returns: $(grep -c , "$N/units.csv") registry rows, $(cat "$N"/csv/*.csv | wc -l) return lines | $(measure "$BIN" run --units "$N/units.csv" --period 2024-2025/HK1 --out "$work/a" --report-date 2025-01-20 "$N/csv") |"
echo "| national, XLSX returns (34 workbooks) | $(measure "$BIN" run --units "$N/units.csv" --period 2024-2025/HK1 --out "$work/b" --report-date 2025-01-20 "$N/xlsx") |"
P=$DATA/province
echo "| one province, 1,000 units: every workbook (set, sub-reports per managing unit, feedback) | $(measure "$BIN" run --units "$P/units.csv" --period 2024-2025/HK1 --out "$work/c" --report-date 2025-01-20 --each-managing-unit --feedback "$P/csv") |"
echo "| school-list export, 2,000 schools: \`registry FILE\` | $(measure "$BIN" registry "$DATA/export/danh-sach-truong.xlsx") |"
echo
echo "## National run (CSV returns), stage by stage"
echo
echo "| stage | median s | min s | max s |"
echo "|---|---|---|---|"
stages --units "$N/units.csv" --period 2024-2025/HK1 "$N/csv" > "$work/st"
grep -v '^CELLS' "$work/st"
CELLS=$(grep '^CELLS' "$work/st" | cut -d' ' -f2)
echo
echo "## Floors"
echo
echo "| what | median s | min s | max s | peak MB |"
echo "|---|---|---|---|---|"
echo "| libxlsxwriter alone writing the report's $CELLS cells (Scripts/xlsx_floor.c) | $(measure "$work/xlsx_floor" "$work/floor.xlsx" "$CELLS" 35) |"
echo "| unzip -p of the 34 XLSX returns, no parsing | $(measure sh -c "for f in '$N'/xlsx/*.xlsx; do unzip -p \"\$f\" > /dev/null; done") |"
echo
echo "## National run (XLSX returns), stage by stage: the read stage against the unzip floor above"
echo
echo "| stage | median s | min s | max s |"
echo "|---|---|---|---|"
stages --units "$N/units.csv" --period 2024-2025/HK1 "$N/xlsx" | grep -v '^CELLS'
} | tee "$work/BENCHMARKS.md"
cp "$work/BENCHMARKS.md" BENCHMARKS.md
echo "written BENCHMARKS.md"
