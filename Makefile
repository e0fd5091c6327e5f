# The two commands the README promises: `make demo` and `make test`.
# Everything else is a building block of those two, or a tool for developers.

SHELL := /bin/bash
GO ?= go
PORT ?= 8080
GOROOT := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
NATIVE_PKGS = $(shell $(GO) list ./... | grep -v -e /wasm -e /browsertest)

.PHONY: all wasm sample demo test test-native test-wasm test-browser bench fuzz screenshots dist clean

all: wasm

## wasm: the WebAssembly engine, its loader support file, and pre-compressed copies.
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o web/netflix-donation.wasm ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" web/wasm_exec.js
	$(GO) run ./cmd/precompress web/netflix-donation.wasm web/wasm_exec.js

## sample: a synthetic multi-profile export the demo page offers for download.
sample:
	mkdir -p sample
	$(GO) run ./cmd/netflix-gen -rows 20000 -seed 1 -out sample/netflix-sample.zip

## demo: build everything and serve index.html on http://localhost:$(PORT).
demo: wasm sample
	$(GO) run ./cmd/serve -addr 127.0.0.1:$(PORT) -root .

## test: every test: native Go, the wasm adapter under Node, and real-browser tests.
test: test-native test-wasm test-browser

test-native:
	$(GO) vet $(NATIVE_PKGS)
	$(GO) test -count=1 $(NATIVE_PKGS)

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./wasm/...

test-browser: wasm
	$(GO) test -count=1 -timeout 20m ./browsertest/...

clean:
	rm -rf web/netflix-donation.wasm* web/wasm_exec.js* sample bench/results dist
