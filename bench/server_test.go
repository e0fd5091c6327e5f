package bench

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestServer checks what the measurements rely on: pre-compressed
// siblings when accepted, the media types, revalidation with 304, no
// access outside the mounts, and the byte counts of the log.
func TestServer(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.wasm":    "0123456789", // 10 bytes raw
		"a.wasm.br": "br!",        // 3 bytes
		"a.wasm.gz": "gzip!",      // 5 bytes
		"b.js":      "let b = 1;", // 10 bytes, no siblings
		".secret":   "no",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Siblings must not be older than the original to be served.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "a.wasm"), old, old)

	srv, err := NewServer(Mount{Prefix: "/web/", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	tests := []struct {
		path, accept, etag string
		status             int
		encoding, ctype    string
		body               string
	}{
		{"/web/a.wasm", "gzip, deflate, br", "", 200, "br", "application/wasm", "br!"},
		{"/web/a.wasm", "gzip", "", 200, "gzip", "application/wasm", "gzip!"},
		{"/web/a.wasm", "br;q=0, gzip", "", 200, "gzip", "application/wasm", "gzip!"},
		{"/web/a.wasm", "", "", 200, "", "application/wasm", "0123456789"},
		{"/web/b.js", "br", "", 200, "", "text/javascript; charset=utf-8", "let b = 1;"},
		{"/web/.secret", "", "", 404, "", "", ""},
		{"/web/../server.go", "", "", 404, "", "", ""},
		{"/other/b.js", "", "", 404, "", "", ""},
		{"/web/missing.js", "", "", 404, "", "", ""},
	}
	mark := srv.Mark()
	for _, tc := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tc.path, nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		// A transport that leaves Content-Encoding alone.
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s (%s): status %d, want %d", tc.path, tc.accept, resp.StatusCode, tc.status)
			continue
		}
		if tc.status != 200 {
			continue
		}
		if got := resp.Header.Get("Content-Encoding"); got != tc.encoding {
			t.Errorf("%s (%s): encoding %q, want %q", tc.path, tc.accept, got, tc.encoding)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("%s: type %q, want %q", tc.path, got, tc.ctype)
		}
		if string(body) != tc.body {
			t.Errorf("%s (%s): body %q, want %q", tc.path, tc.accept, body, tc.body)
		}
		// Revalidation with the ETag just received.
		req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
		again, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		again.Body.Close()
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s (%s) with its ETag: status %d, want 304", tc.path, tc.accept, again.StatusCode)
		}
	}

	log := srv.Requests(mark)
	// 9 requests, plus one revalidation for each of the 5 served ones.
	if len(log) != 14 {
		t.Fatalf("logged %d requests, want 14: %+v", len(log), log)
	}
	want := []Request{
		{"/web/a.wasm", 200, "br", 3}, {"/web/a.wasm", 304, "br", 0},
		{"/web/a.wasm", 200, "gzip", 5}, {"/web/a.wasm", 304, "gzip", 0},
	}
	for i, w := range want {
		if log[i] != w {
			t.Errorf("log[%d] = %+v, want %+v", i, log[i], w)
		}
	}
}
