// Package httpfile holds what every static server of the project must
// agree on: the media type of each widget file and the reading of
// Accept-Encoding. cmd/serve (make demo) and the bench harness's own
// counting server share it, so the benchmark measures what users get.
package httpfile

import (
	"mime"
	"path"
	"strconv"
	"strings"
)

// ContentType is the media type for a file name, by extension: the widget
// needs application/wasm for streaming compilation and text/javascript for
// module scripts, whatever the host system's MIME table says.
func ContentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".zip":
		return "application/zip"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// AcceptsEncoding reports whether an Accept-Encoding header value allows token
// (a listed token, or "*", without q=0).
func AcceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != token && name != "*" {
			continue
		}
		if qs, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if q, err := strconv.ParseFloat(qs, 64); err == nil && q <= 0 {
				return false
			}
		}
		return true
	}
	return false
}
