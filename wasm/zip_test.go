//go:build js && wasm

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
)

// rawZip writes a ZIP with one deflated ViewingActivity.csv whose
// compressed bytes, CRC-32 and declared size are given as they are, so a
// test can damage each one.
func rawZip(t *testing.T, compressed []byte, crc uint32, size uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv",
		Method:             zip.Deflate,
		CRC32:              crc,
		CompressedSize64:   uint64(len(compressed)),
		UncompressedSize64: size,
	})
	must(t, err)
	_, err = w.Write(compressed)
	must(t, err)
	must(t, zw.Close())
	return b.Bytes()
}

func deflateBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	fw, err := flate.NewWriter(&b, flate.BestCompression)
	must(t, err)
	fw.Write(data)
	must(t, fw.Close())
	return b.Bytes()
}

// TestDamagedZip checks that damaged and hostile entries fail with the
// extractor's codes through the adapter. The input here has no inflate
// method, so compress/flate inflates; the worker's DecompressionStream
// inflater runs the same cases in the browser tests.
func TestDamagedZip(t *testing.T) {
	header := "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"
	row := "Anna,2024-03-04 20:15:00,00:45:10,,Show: Season 1: Pilot (Episode 1),,Samsung TV,00:45:10,Not latest view,NL (Netherlands)\n"
	csv := []byte(header + strings.Repeat(row, 2000))
	good := deflateBytes(t, csv)
	crc := crc32.ChecksumIEEE(csv)
	// 20 MB of one repeated row: far more than 200 times its compressed size.
	bomb := []byte(header + strings.Repeat(row, 200000))
	bombDeflated := deflateBytes(t, bomb)
	if ratio := len(bomb) / len(bombDeflated); ratio <= 200 {
		t.Fatalf("the bomb inflates only %d times", ratio)
	}
	flipped := append([]byte(nil), good...)
	for i := 20; i < len(flipped); i += 101 {
		flipped[i] ^= 0x5a
	}

	tests := []struct {
		name string
		zip  []byte
		want string
	}{
		{"intact", rawZip(t, good, crc, uint64(len(csv))), ""},
		{"bad CRC", rawZip(t, good, crc^1, uint64(len(csv))), "corrupt_zip"},
		{"damaged stream", rawZip(t, flipped, crc, uint64(len(csv))), "corrupt_zip"},
		{"cut stream", rawZip(t, good[:len(good)/2], crc, uint64(len(csv))), "corrupt_zip"},
		{"header declares less than it holds", rawZip(t, good, crc, uint64(len(csv)/2)), "too_large"},
		{"zip bomb", rawZip(t, bombDeflated, crc32.ChecksumIEEE(bomb), uint64(len(bomb))), "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extract(t, newFakeFile(t, "netflix.zip", tt.zip).obj, `{"time_zone":"UTC"}`)
			if tt.want == "" {
				if !got.ok {
					t.Fatalf("rejected: %s %s", got.code, got.message)
				}
				var s extractor.Summary
				must(t, json.Unmarshal([]byte(got.value), &s))
				// 2000 views of 45:10 (2,710 s) each.
				if s.Totals.Views != 2000 || s.Totals.Seconds != 2000*2710 {
					t.Fatalf("totals %d views, %d s; want 2000 views, %d s", s.Totals.Views, s.Totals.Seconds, 2000*2710)
				}
				return
			}
			if got.ok || got.code != tt.want {
				t.Fatalf("ok=%v code %q (%s); want %q", got.ok, got.code, got.message, tt.want)
			}
		})
	}
}
