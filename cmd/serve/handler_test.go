package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testModTime is the modification time of every file newTestServer writes.
var testModTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// newTestServer writes files (name -> content) under a temporary root and
// returns a handler for it.
func newTestServer(t *testing.T, files map[string]string, cfg Config) *Handler {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		// One modification time for all, so that no pre-compressed copy
		// is older than its file (TestStaleCopy makes one older).
		if err := os.Chtimes(p, testModTime, testModTime); err != nil {
			t.Fatal(err)
		}
	}
	h, err := NewHandler(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestServe(t *testing.T) {
	files := map[string]string{
		"index.html":        "<p>home",
		"web/engine.js":     "export {}",
		"web/x.wasm":        "\x00asm raw",
		"web/x.wasm.gz":     "gzipped",
		"web/x.wasm.br":     "brotli",
		"web/only-gz.js":    "plain js",
		"web/only-gz.js.gz": "gz js",
		"web/data.zip":      "PK zip",
		"web/data.zip.gz":   "should never be served",
		"sub/index.html":    "<p>sub",
		"nolisting/a.txt":   "a",
		".git/config":       "secret",
		"web/.hidden.js":    "secret",
	}
	h := newTestServer(t, files, Config{})
	tests := []struct {
		name, path, acceptEnc string
		wantStatus            int
		wantBody, wantType    string
		wantEnc               string
	}{
		{"root index", "/", "", 200, "<p>home", "text/html; charset=utf-8", ""},
		{"sub index", "/sub/", "", 200, "<p>sub", "text/html; charset=utf-8", ""},
		{"sub index without slash", "/sub", "", 200, "<p>sub", "text/html; charset=utf-8", ""},
		{"no listing", "/nolisting/", "", 404, "", "", ""},
		{"js", "/web/engine.js", "", 200, "export {}", "text/javascript; charset=utf-8", ""},
		{"wasm raw", "/web/x.wasm", "", 200, "\x00asm raw", "application/wasm", ""},
		{"wasm br preferred", "/web/x.wasm", "gzip, deflate, br", 200, "brotli", "application/wasm", "br"},
		{"wasm gzip only", "/web/x.wasm", "gzip", 200, "gzipped", "application/wasm", "gzip"},
		{"wasm br refused by q=0", "/web/x.wasm", "br;q=0, gzip", 200, "gzipped", "application/wasm", "gzip"},
		{"wasm star", "/web/x.wasm", "*", 200, "brotli", "application/wasm", "br"},
		{"js without br falls back to gz", "/web/only-gz.js", "br, gzip", 200, "gz js", "text/javascript; charset=utf-8", "gzip"},
		{"zip never pre-compressed", "/web/data.zip", "gzip", 200, "PK zip", "application/zip", ""},
		{"direct .gz request", "/web/x.wasm.gz", "", 200, "gzipped", "application/gzip", ""},
		{"missing", "/nope.js", "", 404, "", "", ""},
		{"dot dir", "/.git/config", "", 404, "", "", ""},
		{"dot file", "/web/.hidden.js", "", 404, "", "", ""},
		{"traversal", "/web/../../etc/passwd", "", 404, "", "", ""},
		{"encoded traversal", "/web/%2e%2e/%2e%2e/etc/passwd", "", 404, "", "", ""},
		{"backslash", "/web\\engine.js", "", 404, "", "", ""},
		{"double slash", "/web//engine.js", "", 404, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://x/", nil)
			req.URL.Path = tt.path // set directly: NewRequest would clean it
			req.URL.RawPath = ""
			if tt.acceptEnc != "" {
				req.Header.Set("Accept-Encoding", tt.acceptEnc)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d; want %d (body %q)", rec.Code, tt.wantStatus, rec.Body.String())
			}
			if tt.wantStatus != 200 {
				if rec.Body.String() == "secret" {
					t.Fatal("served a secret")
				}
				return
			}
			if got := rec.Body.String(); got != tt.wantBody {
				t.Errorf("body %q; want %q", got, tt.wantBody)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type %q; want %q", got, tt.wantType)
			}
			if got := rec.Header().Get("Content-Encoding"); got != tt.wantEnc {
				t.Errorf("Content-Encoding %q; want %q", got, tt.wantEnc)
			}
			if rec.Header().Get("ETag") == "" {
				t.Error("no ETag")
			}
		})
	}
}

func TestVaryAndETag(t *testing.T) {
	h := newTestServer(t, map[string]string{"a.wasm": "raw", "a.wasm.br": "br"}, Config{})
	get := func(acceptEnc, ifNoneMatch string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/a.wasm", nil)
		if acceptEnc != "" {
			req.Header.Set("Accept-Encoding", acceptEnc)
		}
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	plain, br := get("", ""), get("br", "")
	if plain.Header().Get("Vary") != "Accept-Encoding" || br.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary %q, %q; want Accept-Encoding", plain.Header().Get("Vary"), br.Header().Get("Vary"))
	}
	if plain.Header().Get("ETag") == br.Header().Get("ETag") {
		t.Errorf("raw and brotli share the ETag %s", plain.Header().Get("ETag"))
	}
	if plain.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("Cache-Control %q", plain.Header().Get("Cache-Control"))
	}
	if rec := get("br", br.Header().Get("ETag")); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("matching If-None-Match: %d with %d bytes; want 304, empty", rec.Code, rec.Body.Len())
	}
	if rec := get("", br.Header().Get("ETag")); rec.Code != 200 || rec.Body.String() != "raw" {
		t.Errorf("brotli ETag for a raw request: %d %q; want 200 raw", rec.Code, rec.Body.String())
	}
}

func TestHeaders(t *testing.T) {
	files := map[string]string{"a.js": "x"}
	tests := []struct {
		name     string
		cfg      Config
		wantCORS string
		wantCSP  string
	}{
		{"none", Config{}, "", ""},
		{"cors", Config{CORSOrigin: "https://survey.example"}, "https://survey.example", ""},
		{"csp", Config{CSP: "default-src 'none'"}, "", "default-src 'none'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestServer(t, files, tt.cfg)
			for _, p := range []string{"/a.js", "/missing"} {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
				if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantCORS {
					t.Errorf("%s: Access-Control-Allow-Origin %q; want %q", p, got, tt.wantCORS)
				}
				if got := rec.Header().Get("Content-Security-Policy"); got != tt.wantCSP {
					t.Errorf("%s: Content-Security-Policy %q; want %q", p, got, tt.wantCSP)
				}
			}
		})
	}
}

func TestMethods(t *testing.T) {
	h := newTestServer(t, map[string]string{"a.js": "abc"}, Config{})
	for method, want := range map[string]int{"GET": 200, "HEAD": 200, "POST": 405, "PUT": 405, "DELETE": 405} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "/a.js", nil))
		if rec.Code != want {
			t.Errorf("%s: %d; want %d", method, rec.Code, want)
		}
	}
}

func TestSymlinkOutsideRoot(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	h, err := NewHandler(dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/link.txt", nil))
	if rec.Code != 404 {
		t.Fatalf("symlink out of the root: %d %q; want 404", rec.Code, rec.Body.String())
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"/", ".", true},
		{"/a/b.js", "a/b.js", true},
		{"/a/", "a", true},
		{"/../a", "", false},
		{"/a/./b", "", false},
		{"/a//b", "", false},
		{"/a\\b", "", false},
		{"/.env", "", false},
		{"/a\x00", "", false},
	}
	for _, tt := range tests {
		got, ok := cleanName(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("cleanName(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestStaleCopy checks that a pre-compressed copy older than its file (an
// edited script before `make wasm` refreshed the copies) is not sent.
func TestStaleCopy(t *testing.T) {
	files := map[string]string{
		"web/a.js":    "new code",
		"web/a.js.br": "old brotli",
		"web/a.js.gz": "old gzip",
		"web/b.js":    "b code",
		"web/b.js.br": "b brotli",
	}
	h := newTestServer(t, files, Config{})
	root := h.root.Name()
	older := testModTime.Add(-time.Hour)
	for _, name := range []string{"web/a.js.br", "web/a.js.gz"} {
		if err := os.Chtimes(filepath.Join(root, filepath.FromSlash(name)), older, older); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ path, wantBody, wantEnc string }{
		{"/web/a.js", "new code", ""},
		{"/web/b.js", "b brotli", "br"},
	} {
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Header.Set("Accept-Encoding", "gzip, br")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Body.String() != tc.wantBody || rec.Header().Get("Content-Encoding") != tc.wantEnc {
			t.Errorf("%s: body %q encoding %q; want %q %q", tc.path, rec.Body.String(), rec.Header().Get("Content-Encoding"), tc.wantBody, tc.wantEnc)
		}
	}
}
