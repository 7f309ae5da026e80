# cds-report: the two commands a new machine needs are `make demo` and `make test`.
# Both install what is missing (libxlsxwriter-dev from Debian, openpyxl from PyPI for the
# test helper that reads workbooks back with a reader that is not ours).

SWIFT      ?= swift
RELEASE    := .build/release/cds-report
APT_GET    := DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: deps build demo test bench clean

deps:
	@pkg-config --exists xlsxwriter sqlite3 zlib || { echo "installing libxlsxwriter-dev libsqlite3-dev zlib1g-dev"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq libxlsxwriter-dev libsqlite3-dev zlib1g-dev >/dev/null; }
	@python3 -c 'import openpyxl' 2>/dev/null || { echo "installing openpyxl"; \
	  python3 -m pip install -q --disable-pip-version-check openpyxl; }

build: deps
	$(SWIFT) build -c release --product cds-report

demo: build
	$(RELEASE) demo

test: deps build
	CDS_REPORT_BIN=$(CURDIR)/$(RELEASE) $(SWIFT) test

bench: build
	./Scripts/bench.sh

clean:
	rm -rf .build
