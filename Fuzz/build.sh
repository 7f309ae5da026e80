#!/usr/bin/env bash
# Builds the libFuzzer targets of cds-report into $FUZZ_OUT/bin (default .build-fuzz/bin):
#   fuzz-csv         the CSV reader (Sources/CDSReport/Read: TextDecoding, CSVParser, CSVTableReader)
#   fuzz-xlsx        the streaming XLSX reader (Sources/XLSX/Reader) and WorkbookTableReader
#   fuzz-indicators  the Indicators/ loaders (catalogue.yaml, targets files, forms.yaml)
#
# Why not `swift build -Xswiftc -sanitize=fuzzer`: libFuzzer brings its own `main`, which clashes
# with the package's executable, and instrumenting GRDB and swift-crypto costs minutes for code no
# target reaches. Each target is the reader's own source files compiled straight with swiftc,
# over static libraries of the modules they import (ZIPFoundation, XLSX, Yams), all instrumented.
#
# Needs: the Swift toolchain (libFuzzer ships in it), pkg-config xlsxwriter and zlib (make deps),
# and the package's dependencies checked out once (any .build*/checkouts, else resolved here).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/.build-fuzz}
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
SWIFTC=${SWIFTC:-swiftc}
CLANG=${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}
cd "$ROOT"

# Dependencies: the first scratch folder that has them checked out, else resolve into our own.
CHECKOUTS=""
for dir in .build/checkouts .build-*/checkouts; do
    if [ -d "$dir/ZIPFoundation/Sources/ZIPFoundation" ] && [ -d "$dir/Yams/Sources/Yams" ]; then CHECKOUTS=$ROOT/$dir; break; fi
done
if [ -z "$CHECKOUTS" ]; then
    swift package resolve --scratch-path "$OUT/spm" >/dev/null
    CHECKOUTS=$OUT/spm/checkouts
fi
ZIP=$CHECKOUTS/ZIPFoundation/Sources
YAMS=$CHECKOUTS/Yams/Sources

mkdir -p "$OUT/modules" "$OUT/lib" "$OUT/bin" "$OUT/obj"
COMMON=(-parse-as-library -O -sanitize="$SANITIZE" -I "$OUT/modules" -Xcc -D_GNU_SOURCE=1
        -Xcc -fmodule-map-file="$ZIP/CZLib/module.modulemap"
        -Xcc -fmodule-map-file="$ROOT/Sources/CXLSXWriter/module.modulemap"
        -Xcc -fmodule-map-file="$YAMS/CYaml/include/module.modulemap" -Xcc -I"$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC)
for flag in $(pkg-config --cflags-only-I xlsxwriter 2>/dev/null); do COMMON+=(-Xcc "$flag"); done
LINK=(-L "$OUT/lib" $(pkg-config --libs-only-L xlsxwriter 2>/dev/null) -lxlsxwriter -lz)

# A static library (and module) from Swift sources, rebuilt when a source is newer.
library() {
    local name=$1 version=$2; shift 2
    local archive=$OUT/lib/lib$name.a sources=() argument
    for argument in "$@"; do [[ $argument == *.swift ]] && sources+=("$argument"); done
    if [ -f "$archive" ] && [ -z "$(find "${sources[@]}" -newer "$archive" 2>/dev/null | head -1)" ]; then return; fi
    echo "fuzz: building $name" >&2
    (cd "$OUT/obj" && "$SWIFTC" "${COMMON[@]}" -swift-version "$version" -module-name "$name" -emit-library -static \
        -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" -o "$archive" "$@")
}

library ZIPFoundation 5 "$ZIP"/ZIPFoundation/*.swift
library XLSX 6 "$ROOT"/Sources/XLSX/*.swift "$ROOT"/Sources/XLSX/Reader/*.swift

# Yams: libyaml (C, instrumented too: its scanner is what reads the bytes) and the Swift layer.
if [ ! -f "$OUT/lib/libCYaml.a" ]; then
    echo "fuzz: building CYaml" >&2
    mkdir -p "$OUT/obj/cyaml"
    for source in "$YAMS"/CYaml/src/*.c; do
        "$CLANG" -c -O1 -g -fsanitize="$SANITIZE" -DYAML_DECLARE_STATIC -I"$YAMS/CYaml/include" "$source" \
            -o "$OUT/obj/cyaml/$(basename "$source" .c).o"
    done
    ar rcs "$OUT/lib/libCYaml.a" "$OUT"/obj/cyaml/*.o
fi
library Yams 5 -D SWIFT_PACKAGE "$YAMS"/Yams/*.swift

READ=("$ROOT"/Sources/CDSReport/Read/*.swift)
CATALOGUE=("$ROOT"/Sources/CDSReport/Catalogue/*.swift "$ROOT"/Sources/CDSReport/Model/Level.swift
           "$ROOT"/Sources/CDSReport/Model/Period.swift "$ROOT"/Sources/CDSReport/Output/NumberFormatting.swift
           "$ROOT"/Sources/CDSReport/Pipeline/IndicatorsFolder.swift
           "$ROOT"/Sources/CDSReport/Registry/Registry.swift "$ROOT"/Sources/CDSReport/Registry/Unit.swift
           "$ROOT"/Sources/CDSReport/Validate/FieldValue.swift)

# A fuzz target: its own file plus the sources of the code it reaches, as one module.
target() {
    local name=$1; shift
    echo "fuzz: linking $name" >&2
    (cd "$OUT/obj" && "$SWIFTC" "${COMMON[@]}" -swift-version 6 -module-name "$(echo "$name" | tr -d -)" \
        "$@" -lXLSX -lZIPFoundation "${LINK[@]}" -o "$OUT/bin/$name")
}

wanted=${*:-csv xlsx indicators}
for name in $wanted; do
    case $name in
        csv) target fuzz-csv "$ROOT/Fuzz/CSVReaderFuzz.swift" "${READ[@]}" ;;
        xlsx) target fuzz-xlsx "$ROOT/Fuzz/XLSXReaderFuzz.swift" "${READ[@]}" ;;
        indicators) target fuzz-indicators "$ROOT/Fuzz/IndicatorsFuzz.swift" "${CATALOGUE[@]}" -lYams -lCYaml ;;
        *) echo "fuzz: unknown target $name (csv, xlsx, indicators)" >&2; exit 64 ;;
    esac
done
echo "fuzz: targets in $OUT/bin" >&2
