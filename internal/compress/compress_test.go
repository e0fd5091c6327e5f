package compress

import (
	"bytes"
	"strings"
	"testing"
)

func TestRoundTripAndDeterminism(t *testing.T) {
	inputs := [][]byte{
		nil,
		[]byte("a"),
		[]byte(strings.Repeat("Profile Name,Start Time,Duration\n", 5000)),
	}
	for _, in := range inputs {
		gz, err := Gzip(in)
		if err != nil {
			t.Fatal(err)
		}
		br, err := Brotli(in)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := Gunzip(gz); err != nil || !bytes.Equal(back, in) {
			t.Errorf("gzip round trip of %d bytes: %v", len(in), err)
		}
		if back, err := Unbrotli(br); err != nil || !bytes.Equal(back, in) {
			t.Errorf("brotli round trip of %d bytes: %v", len(in), err)
		}
		gz2, _ := Gzip(in)
		br2, _ := Brotli(in)
		if !bytes.Equal(gz, gz2) || !bytes.Equal(br, br2) {
			t.Errorf("%d bytes: equal input gave different output", len(in))
		}
	}
	// A repetitive text compresses well: a sanity check that compression happened.
	big := inputs[2]
	gz, _ := Gzip(big)
	br, _ := Brotli(big)
	if len(gz) > len(big)/50 || len(br) > len(big)/50 {
		t.Errorf("%d bytes compressed to gzip %d, brotli %d", len(big), len(gz), len(br))
	}
}
