package input

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
)

// TestNestedMemoryBound refuses an inner ZIP that would have to be held in
// memory beyond maxNestedZipBytes, after reading only about that much.
func TestNestedMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 128 MiB")
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "huge.zip", Method: zip.Deflate})
	chunk := make([]byte, 1<<20)
	for range maxNestedZipBytes>>20 + 1 {
		w.Write(chunk)
	}
	zw.Close()
	_, err := Open(bytes.NewReader(b.Bytes()), int64(b.Len()), "x.zip", Options{Limits: Limits{MaxCompressionRatio: 1 << 20}})
	if codes.Of(err) != codes.TooLarge {
		t.Errorf("%v, want too_large", err)
	}
}
