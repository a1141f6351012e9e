# CongKhai — the two commands: `make site` and `make test`.
SWIFT ?= swift
# The demo notices are dated around November 2026; the demo is built at this instant so it
# stays meaningful. `make site DEMO_NOW=` uses the system clock instead.
DEMO_NOW ?= 2026-11-28T09:00:00+07:00

.PHONY: site test deps test-deps theme tool browser-test

## Build the congkhai tool and the demo site into site/ (installs missing system packages).
site: deps
	$(SWIFT) build -c release --product congkhai
	.build/release/congkhai build --root . $(if $(DEMO_NOW),--now $(DEMO_NOW))

## Run every test (installs what the tests need).
test: deps test-deps
	@scripts/embed-theme --check || { echo "Sources/CongKhaiSite/Render/Theme/DefaultTheme+Files.swift (or Load/ShippedRules+Data.swift) is out of date: run 'make theme'"; exit 1; }
	$(SWIFT) build --product congkhai
	$(SWIFT) test
	python3 Tests/browser/run.py

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

## Re-embed theme/ into the binary after editing the default theme.
theme:
	scripts/embed-theme
