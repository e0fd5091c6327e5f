package httpfile

import "testing"

func TestAcceptsEncoding(t *testing.T) {
	tests := []struct {
		header, token string
		want          bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate", "br", false},
		{"br;q=0", "br", false},
		{"br; q=0.5", "br", true},
		{"BR", "br", true},
		{"", "gzip", false},
		{"xbr", "br", false},
		{"*", "br", true},
		{"*;q=0", "br", false},
	}
	for _, tc := range tests {
		if got := AcceptsEncoding(tc.header, tc.token); got != tc.want {
			t.Errorf("AcceptsEncoding(%q, %q) = %v, want %v", tc.header, tc.token, got, tc.want)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := map[string]string{
		"web/netflix-donation.wasm": "application/wasm",
		"element/screens/review.js": "text/javascript; charset=utf-8",
		"index.html":                "text/html; charset=utf-8",
		"sample/netflix-sample.zip": "application/zip",
		"no-extension":              "application/octet-stream",
	}
	for name, want := range tests {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}
