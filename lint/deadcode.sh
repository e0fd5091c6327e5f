#!/usr/bin/env bash
# deadcode.sh fails when a function is reached by no program: neither by a
# native command nor by the WebAssembly engine. Code that only tests reach is
# dead too, except in the packages that exist to support tests, and except
# what lint/deadcode-allow.txt lists with its reason.
#
# Usage: lint/deadcode.sh path/to/deadcode
set -euo pipefail
deadcode=${1:?usage: lint/deadcode.sh path/to/deadcode}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Positions change with every edit; compare by file and name.
strip() { sed -E 's/:[0-9]+:[0-9]+:/:/' | sort -u; }

"$deadcode" ./... | strip >"$tmp/native"
GOOS=js GOARCH=wasm "$deadcode" ./wasm | strip >"$tmp/wasm"
# The WebAssembly build only reports the packages it links; a function in a
# package it does not link is dead when the native programs miss it.
GOOS=js GOARCH=wasm go list -deps -f '{{if not .Standard}}{{.Dir}}{{end}}' ./wasm |
	sed "s|^$(pwd)/||" | sort -u >"$tmp/wasm-dirs"

while IFS= read -r line; do
	file=${line%%:*}
	dir=$(dirname "$file")
	if grep -qxF "$dir" "$tmp/wasm-dirs" && ! grep -qxF "$line" "$tmp/wasm"; then
		continue # the engine reaches it
	fi
	echo "$line"
done <"$tmp/native" |
	grep -vE '^internal/(badinput|resave|surveygen|synth|testutil)/' |
	grep -vxF -f <(grep -v -e '^#' -e '^$' "$here/deadcode-allow.txt") >"$tmp/dead" || true

if [ -s "$tmp/dead" ]; then
	echo "deadcode: no program reaches these functions; delete them, or list them with a reason in lint/deadcode-allow.txt:" >&2
	cat "$tmp/dead" >&2
	exit 1
fi
