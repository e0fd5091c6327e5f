package input

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/netflix-donation/widget/extractor/codes"
)

func TestLimitsWithDefaults(t *testing.T) {
	d := DefaultLimits()
	got := Limits{MaxEntries: 7, MaxCompressionRatio: -1}.withDefaults()
	want := Limits{MaxDecompressedBytes: d.MaxDecompressedBytes, MaxEntries: 7, MaxLineBytes: d.MaxLineBytes, MaxCompressionRatio: d.MaxCompressionRatio}
	if got != want {
		t.Errorf("withDefaults = %+v, want %+v", got, want)
	}
}

func TestLimitReader(t *testing.T) {
	tests := []struct {
		in      string
		max     int64
		want    string
		tooBig  bool
		oneByte bool
	}{
		{"", 0, "", false, false},
		{"abc", 3, "abc", false, false},
		{"abc", 3, "abc", false, true},
		{"abcd", 3, "abc", true, false},
		{"abcd", 3, "abc", true, true},
		{"a", 0, "", true, false},
		{strings.Repeat("x", 100000), 99999, strings.Repeat("x", 99999), true, false},
		{"abc", math.MaxInt64, "abc", false, false},
	}
	for _, tt := range tests {
		var r io.Reader = strings.NewReader(tt.in)
		if tt.oneByte {
			r = iotest.OneByteReader(r)
		}
		lr := newLimitReader(r, tt.max)
		got, err := io.ReadAll(lr)
		if string(got) != tt.want {
			t.Errorf("limit %d of %d bytes: read %d bytes, want %d", tt.max, len(tt.in), len(got), len(tt.want))
		}
		if tt.tooBig != (codes.Of(err) == codes.TooLarge) || !tt.tooBig && err != nil {
			t.Errorf("limit %d of %d bytes: err = %v, want too_large %v", tt.max, len(tt.in), err, tt.tooBig)
		}
		if tt.tooBig {
			if _, err2 := lr.Read(make([]byte, 10)); codes.Of(err2) != codes.TooLarge {
				t.Errorf("error is not sticky: %v", err2)
			}
		}
	}
}

// deflate compresses b for the inflateGuard tests.
func deflate(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func TestInflateGuard(t *testing.T) {
	zeros := make([]byte, 3<<20) // compresses about 1000:1
	var tb bytes.Buffer          // CSV-like text of about 2.4 MB; varying rows compress about 10:1
	for i := range 30000 {
		fmt.Fprintf(&tb, "Alex,2024-01-%02d %02d:%02d:00,00:%02d:00,,Film Number %d,,Chrome PC (Cadmium)\n", i%28+1, i%24, i%60, i*7%60, i)
	}
	text := tb.Bytes()
	tests := []struct {
		name     string
		data     []byte
		maxOut   int64
		maxRatio int64
		want     codes.Code
	}{
		{"zeros under the ratio grace", zeros[:ratioGrace], 1 << 30, 10, ""},
		{"zeros past the grace, ratio 10", zeros, 1 << 30, 10, codes.TooLarge},
		{"zeros, ratio 2000 allowed", zeros, 1 << 30, 2000, ""},
		{"zeros, output limit", zeros, 1 << 20, 2000, codes.TooLarge},
		{"exactly the output limit", zeros, 3 << 20, 2000, ""},
		{"text at default ratio", text, 1 << 30, 200, ""},
		{"huge limits do not overflow", zeros, math.MaxInt64, math.MaxInt64, ""},
	}
	for _, tt := range tests {
		c := deflate(t, tt.data)
		in := &countingReader{r: bytes.NewReader(c)}
		g := &inflateGuard{rc: flate.NewReader(in), consumed: func() int64 { return in.n }, maxOut: tt.maxOut, maxRatio: tt.maxRatio}
		n, err := io.Copy(io.Discard, g)
		if codes.Of(err) != tt.want {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if tt.want == "" && n != int64(len(tt.data)) {
			t.Errorf("%s: %d bytes, want %d", tt.name, n, len(tt.data))
		}
		if tt.want != "" && n > tt.maxOut {
			t.Errorf("%s: %d bytes passed, more than the limit %d", tt.name, n, tt.maxOut)
		}
		if in.n > int64(len(c)) {
			t.Errorf("%s: counted %d compressed bytes of %d", tt.name, in.n, len(c))
		}
	}
}
