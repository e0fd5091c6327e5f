package csvscan

import (
	"testing"
	"unicode/utf8"

	"github.com/netflix-donation/widget/internal/resave"
)

// TestDecodeWindows1252 decodes every byte and compares with the
// independent encoder of internal/resave: each of the 251 defined
// characters makes the round trip, and the 5 undefined bytes become
// U+FFFD.
func TestDecodeWindows1252(t *testing.T) {
	for b := 0; b < 256; b++ {
		got := decodeWindows1252(string([]byte{byte(b)}))
		r, _ := utf8.DecodeRuneInString(got)
		if undefinedInWindows1252(byte(b)) {
			if got != "\uFFFD" {
				t.Errorf("byte %#x: %q, want U+FFFD", b, got)
			}
			continue
		}
		if back := resave.EncodeWindows1252(got); len(back) != 1 || back[0] != byte(b) || r == utf8.RuneError {
			t.Errorf("byte %#x decodes to %q, which encodes back to %q", b, got, back)
		}
	}
	if got := decodeWindows1252("Caf\xe9 \x93Soci\xe9t\xe9\x94 \x80 Zo\xeb"); got != "Café “Société” € Zoë" {
		t.Errorf("a title: %q", got)
	}
}
