# factcheck: `make demo` runs the tool on Samples/, `make test` runs the test suite.
# Both first install libxml2's headers with apt-get when pkg-config cannot find them.

SWIFT ?= swift
BIN := .build/debug/factcheck
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test

deps:
	@if ! pkg-config --exists libxml-2.0 2>/dev/null; then \
		echo "installing libxml2-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product factcheck

demo: build
	@bash Scripts/demo.sh $(BIN)

test: deps
	$(SWIFT) test
