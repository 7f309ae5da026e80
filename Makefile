# cds-report: the two commands a new machine needs are `make demo` and `make test`.
# Both install what is missing (libxlsxwriter-dev from Debian; openpyxl and XlsxWriter from PyPI:
# the tests read workbooks back, and write fixtures, with programs that are not ours).

SWIFT      ?= swift
RELEASE    := .build/release/cds-report
APT_GET    := DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: deps build demo test bench fuzz clean

deps:
	@pkg-config --exists xlsxwriter sqlite3 zlib || { echo "installing libxlsxwriter-dev libsqlite3-dev zlib1g-dev"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq libxlsxwriter-dev libsqlite3-dev zlib1g-dev >/dev/null; }
	@python3 -c 'import openpyxl, xlsxwriter' 2>/dev/null || { echo "installing openpyxl XlsxWriter"; \
	  python3 -m pip install -q --disable-pip-version-check openpyxl XlsxWriter; }

build: deps
	$(SWIFT) build -c release --product cds-report

demo: build
	$(RELEASE) demo

# One debug build of every target (the executable included), then the tests against it: the
# CLI and acceptance tests run the real binary, built once.
test: deps
	$(SWIFT) build --build-tests
	CDS_REPORT_BIN=$(CURDIR)/.build/debug/cds-report $(SWIFT) test --skip-build

bench: build
	./Scripts/bench.sh

# libFuzzer targets for the CSV reader, the XLSX reader and the Indicators/ loader (Fuzz/),
# FUZZ_SECONDS each (default 60); crashes are kept in Fuzz/regressions/ and replayed first.
fuzz: deps
	./Scripts/fuzz.sh

clean:
	rm -rf .build
