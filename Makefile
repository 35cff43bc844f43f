# factcheck: `make demo` runs the tool on Samples/, `make test` runs the test suite.
# Both first install libxml2's headers with apt-get when pkg-config cannot find them.

SWIFT ?= swift
BIN := .build/debug/factcheck
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test jsonld-checker

deps:
	@if ! pkg-config --exists libxml-2.0 2>/dev/null; then \
		echo "installing libxml2-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product factcheck

demo: build
	@bash Scripts/demo.sh $(BIN)

# The offline JSON-LD checker beside the repository, with pyld from PyPI, checks the exports when it can be set up.
JSONLD := ../shared/jsonld
JSONLD_VENV := .build/jsonld-venv

jsonld-checker:
	@if [ -f $(JSONLD)/requirements.txt ] && [ ! -x $(JSONLD_VENV)/bin/python ]; then \
		python3 -m venv $(JSONLD_VENV) && $(JSONLD_VENV)/bin/pip install -q -r $(JSONLD)/requirements.txt \
		|| { echo "JSON-LD checker not set up; its test will be skipped"; rm -rf $(JSONLD_VENV); }; \
	fi

test: deps jsonld-checker
	@if [ -x $(JSONLD_VENV)/bin/python ]; then export FACTCHECK_JSONLD_PYTHON="$$(pwd)/$(JSONLD_VENV)/bin/python"; fi; \
	$(SWIFT) test
