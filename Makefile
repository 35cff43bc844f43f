# factcheck: `make demo` runs the tool on Samples/, `make test` runs the test suite.
# Both first install libxml2's headers with apt-get when pkg-config cannot find them.

SWIFT ?= swift
BIN := .build/debug/factcheck
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)


.PHONY: install install-smoke walkthrough-check
.PHONY: deps build release profile demo test match-benchmark crash-test crash-test-smoke fuzz fuzz-build fuzz-smoke jsonld-checker bench bench-smoke bench-deps

deps:
	@if ! pkg-config --exists libxml-2.0 sqlite3 2>/dev/null; then \
		echo "installing libxml2-dev, libsqlite3-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-dev libsqlite3-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product factcheck

# The binary to install: optimized, with Swift's runtime linked in (no Swift libraries to look up
# and bind at start-up: a command on one document starts in ~10 ms instead of ~14 ms).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The release binary with debug information valgrind 3.19 can read (DWARF 4), for perf and
# callgrind profiles, in a build folder of its own: .build-profile/release/factcheck.
profile: deps
	$(SWIFT) build -c release --static-swift-stdlib --build-path .build-profile \
		-Xcc -gdwarf-4 -Xswiftc -g -Xswiftc -dwarf-version=4

# Installs the release binary in $(PREFIX)/bin, its man page (swift-argument-parser's generate-manual)
# in $(PREFIX)/share/man/man1, and bash, zsh and fish completions: make install PREFIX=$$HOME/.local
PREFIX ?= /usr/local
INSTALL_CONFIG ?= release
INSTALL_FLAGS := $(if $(filter release,$(INSTALL_CONFIG)),--static-swift-stdlib)

install: deps
	$(SWIFT) build -c $(INSTALL_CONFIG) $(INSTALL_FLAGS) --product factcheck
	$(SWIFT) build --product generate-manual
	bash Scripts/install.sh "$$($(SWIFT) build -c $(INSTALL_CONFIG) --show-bin-path)/factcheck" \
		"$$($(SWIFT) build --show-bin-path)/generate-manual" "$(DESTDIR)$(PREFIX)"

# What `make install` puts in place, from the debug build into a folder of the build's, checked.
install-smoke:
	rm -rf .build/install-smoke
	$(MAKE) --no-print-directory install INSTALL_CONFIG=debug PREFIX=$$(pwd)/.build/install-smoke
	.build/install-smoke/bin/factcheck --version
	grep -q '^.Dt FACTCHECK 1' .build/install-smoke/share/man/man1/factcheck.1
	grep -q 'list' .build/install-smoke/share/man/man1/factcheck.1
	grep -q '^_factcheck()' .build/install-smoke/share/bash-completion/completions/factcheck
	grep -q '^#compdef factcheck' .build/install-smoke/share/zsh/site-functions/_factcheck
	grep -q "complete -c 'factcheck'" .build/install-smoke/share/fish/vendor_completions.d/factcheck.fish

demo: build
	@bash Scripts/demo.sh

# The README's walkthrough (the demo's output) run as typed: each command exits as the README shows.
walkthrough-check: build
	python3 Scripts/walkthrough_check.py

# The offline JSON-LD checker beside the repository, with pyld from PyPI, and the W3C Web Annotation suite (with
# jsonschema from PyPI) check the exports when they can be set up.
JSONLD := ../shared/jsonld
JSONLD_VENV := .build/jsonld-venv

jsonld-checker:
	@if [ -f $(JSONLD)/requirements.txt ] && [ ! -x $(JSONLD_VENV)/bin/python ]; then \
		python3 -m venv $(JSONLD_VENV) && $(JSONLD_VENV)/bin/pip install -q -r $(JSONLD)/requirements.txt \
		|| { echo "JSON-LD checker not set up; its test will be skipped"; rm -rf $(JSONLD_VENV); }; \
	fi
	@if [ -x $(JSONLD_VENV)/bin/python ] && ! $(JSONLD_VENV)/bin/python -c "import jsonschema" 2>/dev/null; then \
		$(JSONLD_VENV)/bin/pip install -q -r Scripts/requirements-checks.txt \
		|| echo "jsonschema not installed; the W3C Web Annotation suite test will be skipped"; \
	fi

# Writers killed at random moments leave the document before or after exactly one change.
TRIALS ?= 1000
crash-test: build
	python3 Scripts/crash_test.py --trials $(TRIALS) --binary $(BIN)

crash-test-smoke: build
	python3 Scripts/crash_test.py --trials 50 --binary $(BIN)

# libFuzzer targets (Sources/factcheck-fuzz-*): an annotation document read, an HTML page imported,
# ClaimReview JSON-LD archived. Built
# optimized with AddressSanitizer and coverage instrumentation in .build-fuzz, with libFuzzer's driver
# from the toolchain (libclang_rt.fuzzer_no_main, linked into every program of this build; only the
# fuzz targets call it). SECONDS per target; `make test` runs each for FUZZ_SMOKE_SECONDS.
SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_TARGETS := annotation html claimreview
FUZZ_COVERAGE := edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
FUZZ_RUNTIME = $(shell swiftc -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["paths"]["runtimeResourcePath"])')/clang/lib/linux/libclang_rt.fuzzer_no_main-$(shell uname -m).a
FUZZ_FLAGS = -c release --build-path .build-fuzz \
	-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=$(FUZZ_COVERAGE) -Xswiftc -DFUZZING \
	-Xcc -fsanitize=address -Xcc -fsanitize-coverage=$(FUZZ_COVERAGE) \
	-Xlinker $(FUZZ_RUNTIME) -Xlinker -lstdc++

fuzz-build: deps
	@test -f "$(FUZZ_RUNTIME)" || { echo "libFuzzer's runtime not found at $(FUZZ_RUNTIME)"; exit 1; }
	@# gold warns of every AddressSanitizer symbol it is asked to export: noise, left out.
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz; \
		{ $(SWIFT) build $(FUZZ_FLAGS) --product factcheck-fuzz-$$target 2>&1; echo $$? > .build-fuzz/status; } \
			| grep -v "Cannot export local symbol"; \
		[ "$$(cat .build-fuzz/status)" = 0 ] || exit 1; \
	done

fuzz: fuzz-build
	python3 Scripts/fuzz.py --seconds $(SECONDS)

fuzz-smoke: fuzz-build
	python3 Scripts/fuzz.py --seconds $(FUZZ_SMOKE_SECONDS)

# The smoke benchmark runs first so the test runner's summary is the last thing printed.
test: deps jsonld-checker bench-smoke crash-test-smoke fuzz-smoke install-smoke walkthrough-check
	@if [ -x $(JSONLD_VENV)/bin/python ]; then export FACTCHECK_JSONLD_PYTHON="$$(pwd)/$(JSONLD_VENV)/bin/python"; fi; \
	$(SWIFT) test

# The benchmark compares against xmllint, from libxml2-utils, and reads peak memory with GNU time.
bench-deps: deps
	@if ! command -v xmllint >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then \
		echo "installing libxml2-utils and time with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-utils time; \
	fi

# 10,000 documents and a 100,000-claim document, release build; writes Benchmarks/RESULTS.md.
# BENCH_FLAGS="--compare BINARY" also times an earlier build on every row, interleaved.
bench: bench-deps release
	python3 Scripts/bench.py $(BENCH_FLAGS)

# The same steps on 100 documents with the debug build, so the benchmark cannot rot.
bench-smoke: bench-deps
	$(SWIFT) build
	python3 Scripts/bench.py --smoke --build debug

# Claim matching's quality: MAP@5 on the CLEF 2020 CheckThat! claim-retrieval training split beside the
# repository (../shared/claim-matching-dev), the release build ranking its 10,390 checks for its 800 queries.
MATCH_DATA ?= ../shared/claim-matching-dev
match-benchmark: release
	@if [ ! -f $(MATCH_DATA)/queries.tsv ]; then echo "match-benchmark: $(MATCH_DATA) not found (set MATCH_DATA)"; exit 1; fi
	@mkdir -p .build/match
	.build/release/factcheck match $(MATCH_DATA)/queries.tsv --archive $(MATCH_DATA)/verified_claims.tsv > .build/match/run.tsv
	python3 Scripts/map_at_5.py $(MATCH_DATA)/qrels.tsv .build/match/run.tsv
