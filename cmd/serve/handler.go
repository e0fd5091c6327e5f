package main

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/netflix-donation/widget/internal/httpfile"
)

// Config holds the optional headers of a Handler.
type Config struct {
	CORSOrigin string // Access-Control-Allow-Origin value; "" sends none
	CSP        string // Content-Security-Policy value; "" sends none
}

// Handler serves static files from a root directory. Create it with NewHandler.
type Handler struct {
	root *os.Root
	cfg  Config
}

// NewHandler returns a Handler for the directory dir. Files are opened
// through os.Root, so no name can reach outside dir.
func NewHandler(dir string, cfg Config) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Handler{root: root, cfg: cfg}, nil
}

// ServeHTTP serves GET and HEAD requests for files under the root.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.cfg.CSP != "" {
		w.Header().Set("Content-Security-Policy", h.cfg.CSP)
	}
	if h.cfg.CORSOrigin != "" {
		w.Header().Set("Access-Control-Allow-Origin", h.cfg.CORSOrigin)
		if h.cfg.CORSOrigin != "*" {
			w.Header().Add("Vary", "Origin")
		}
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	info, err := h.root.Stat(name)
	if err == nil && info.IsDir() {
		name = path.Join(name, "index.html")
		info, err = h.root.Stat(name)
	}
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	ctype := httpfile.ContentType(name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	if isCompressible(ctype) {
		w.Header().Add("Vary", "Accept-Encoding")
	}

	// Prefer a pre-compressed sibling the client accepts, unless it is
	// older than the file (an edited script whose copies `make wasm` has
	// not refreshed yet): a stale copy would run old code.
	served, servedInfo, encoding := name, info, ""
	encodings := [...]struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}}
	for _, e := range encodings {
		if !isCompressible(ctype) || !httpfile.AcceptsEncoding(r.Header.Get("Accept-Encoding"), e.token) {
			continue
		}
		if ci, err := h.root.Stat(name + e.ext); err == nil && ci.Mode().IsRegular() && !ci.ModTime().Before(info.ModTime()) {
			served, servedInfo, encoding = name+e.ext, ci, e.token
			break
		}
	}
	f, err := h.root.Open(served)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if encoding != "" {
		w.Header().Set("Content-Encoding", encoding)
	}
	w.Header().Set("ETag", etag(servedInfo, encoding))
	http.ServeContent(w, r, "", servedInfo.ModTime(), f)
}

// cleanName turns a URL path into a root-relative file name. It refuses
// "..", empty and dot-file elements and backslashes, rather than
// silently rewriting them.
func cleanName(urlPath string) (string, bool) {
	p := strings.TrimPrefix(urlPath, "/")
	if p == "" {
		return ".", true
	}
	if strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = strings.TrimSuffix(p, "/")
	for _, elem := range strings.Split(p, "/") {
		if elem == "" || strings.HasPrefix(elem, ".") {
			return "", false
		}
	}
	if !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// isCompressible reports whether pre-compressed copies are worth serving
// for a media type (text and wasm; not zip or images).
func isCompressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || ctype == "application/wasm" ||
		ctype == "application/json" || ctype == "image/svg+xml"
}

// etag derives a strong validator from size, modification time and encoding.
func etag(info fs.FileInfo, encoding string) string {
	tag := fmt.Sprintf("%x-%x", info.Size(), info.ModTime().UnixNano())
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
}
