# The two commands the README promises: `make demo` and `make test`.
# Everything else is a building block of those two, or a tool for developers.

SHELL := /bin/bash
GO ?= go
PORT ?= 8080
GOROOT := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
NATIVE_PKGS = $(shell $(GO) list ./... | grep -v -e /wasm -e /browsertest)

.PHONY: all wasm sample demo test lint test-native test-wasm test-browser bench bench-collect fuzz screenshots dist clean

all: wasm

## wasm: the WebAssembly engine, its loader support file, and pre-compressed
## (.br, .gz) copies of every file the widget loads, which cmd/serve sends.
WIDGET_JS = $(wildcard web/*.js web/element/*.js web/element/screens/*.js web/i18n/*.js)
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o web/netflix-donation.wasm ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" web/wasm_exec.js
	$(GO) run ./cmd/precompress web/netflix-donation.wasm $(sort $(WIDGET_JS) web/wasm_exec.js)

## sample: a synthetic multi-profile export the demo page offers for download.
sample:
	mkdir -p sample
	$(GO) run ./cmd/netflix-gen -rows 20000 -seed 1 -out sample/netflix-sample.zip

## demo: build everything and serve index.html on http://localhost:$(PORT).
demo: wasm sample
	$(GO) run ./cmd/serve -addr 127.0.0.1:$(PORT) -root .

## test: every test: static checks, native Go, the wasm adapter under Node,
## and real-browser tests.
test: wasm lint test-native test-wasm test-browser

## lint: go vet, staticcheck and deadcode, on the native and the WebAssembly
## build. The tools are pinned and installed into .tools from the module proxy.
## On js/wasm without tests: extractor's tests open files by path, which the
## browser cannot.
TOOLS := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck
DEADCODE := $(TOOLS)/deadcode
$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
$(DEADCODE):
	GOBIN=$(TOOLS) $(GO) install golang.org/x/tools/cmd/deadcode@v0.52.0
lint: $(STATICCHECK) $(DEADCODE)
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) -tests=false ./wasm/... ./extractor/... ./donation
	lint/deadcode.sh $(DEADCODE)

test-native:
	$(GO) test -count=1 $(NATIVE_PKGS)

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./wasm/...

test-browser: wasm browsertest/node_modules
	$(GO) test -count=1 -timeout 20m ./browsertest/...

## browsertest/node_modules: axe-core, pinned by browsertest/package-lock.json; the browser
## tests inject it into test pages to check accessibility (never shipped with the widget).
browsertest/node_modules: browsertest/package.json browsertest/package-lock.json
	cd browsertest && npm ci --no-audit --no-fund
	touch browsertest/node_modules

clean:
	rm -rf web/netflix-donation.wasm* web/wasm_exec.js* sample bench/results dist
	find web -name '*.br' -delete -o -name '*.gz' -delete

## bench: the performance harness (bench/README.md): widget (two workers and one, and the participant's flow) vs JSZip+PapaParse vs native CLI.
## Prints one table and writes bench/results/<time>.json. BENCH_FLAGS="-sizes 10000 -reps 3" for a quick run.
bench: wasm bench/node_modules
	$(GO) run ./cmd/bench $(BENCH_FLAGS)

bench/node_modules: bench/package.json
	cd bench && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch bench/node_modules

## bench-collect: `netflix-summary collect` on a generated Qualtrics export of
## RESPONSES responses (default 100,000, about 1.3 GB, written to a temporary
## folder): prints responses, seconds and peak memory. COLLECT_ARGS passes
## flags to collect ("--workers 1" for one core), BENCH_REPS repeats the run.
## It then times the researchers' Python and R snippets on the tables
## (docs/researchers.md says they run on 20,000 respondents in under 30 s:
## make bench-collect RESPONSES=20000).
RESPONSES ?= 100000
BENCH_REPS ?= 1
COLLECT_ARGS ?=
bench-collect:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GO) build -o "$$tmp/netflix-summary" ./cmd/netflix-summary && \
	$(GO) run ./cmd/bench-collect -bin "$$tmp/netflix-summary" -responses $(RESPONSES) -reps $(BENCH_REPS) -args "$(COLLECT_ARGS)" -snippets docs/snippets

## screenshots: every screen of the widget in Dutch, English and German on a desktop (1280 px) and a
## phone (360 px, touch), as PNGs in screenshots/ (not committed).
screenshots: wasm
	$(GO) run ./cmd/screenshots -out screenshots -page index.html -lang nl,en,de

## fuzz: run every fuzz target of the module (each `func FuzzX` in a native
## package's *_test.go) for FUZZTIME each, one after the other. A thorough run
## gives each 10 minutes: `make fuzz FUZZTIME=10m`. A crasher is written to the
## package's testdata/fuzz/FuzzX/ and then runs as a seed in every plain
## `go test`, which is all CI runs. FUZZFLAGS passes more flags (-parallel 1).
FUZZTIME ?= 1m
FUZZFLAGS ?=
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=wasm '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  for fn in $$(grep -h -o '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | sed 's/^func //' | sort); do \
	    echo "== $$dir $$fn for $(FUZZTIME)"; \
	    $(GO) test -run='^$$' -fuzz="^$$fn$$" -fuzztime=$(FUZZTIME) $(FUZZFLAGS) $$dir; \
	  done; \
	done

## dist: the release bundle for survey authors (docs/authors/hosting.md): dist/netflix-donation-<VERSION>/
## and its deterministic .zip. BASE_URL=https://host/path/netflix-donation-<VERSION>/ writes the
## folder's address into embed-snippet.html (default: a YOUR-HOST placeholder).
dist: wasm
	$(GO) run ./cmd/dist -web web -version-file VERSION -out dist $(if $(BASE_URL),-base-url '$(BASE_URL)')
