package csvscan

import (
	"io"
	"testing"
)

// TestUTF16Reader decodes surrogate pairs, and unpaired surrogates and an
// odd final byte as U+FFFD, through reads of every size.
func TestUTF16Reader(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"ascii", []byte{'a', 0, 'b', 0}, "ab"},
		{"bmp", []byte{0xE9, 0, 0x42, 0x30}, "é\u3042"},
		{"pair", []byte{0x3D, 0xD8, 0x00, 0xDE}, "\U0001F600"},
		{"lone high", []byte{0x3D, 0xD8, 'a', 0}, "\uFFFDa"},
		{"lone high at end", []byte{'a', 0, 0x3D, 0xD8}, "a\uFFFD"},
		{"lone low", []byte{0x00, 0xDE, 'a', 0}, "\uFFFDa"},
		{"odd byte", []byte{'a', 0, 'b'}, "a\uFFFD"},
	} {
		for _, chunk := range []int{1, 2, 3, 1024} {
			r := newUTF16Reader(&chunkReader{b: tc.in, n: chunk}, false)
			var got []byte
			buf := make([]byte, chunk)
			for {
				n, err := r.Read(buf)
				got = append(got, buf[:n]...)
				if err != nil {
					break
				}
			}
			if string(got) != tc.want {
				t.Errorf("%s (chunk %d): %q, want %q", tc.name, chunk, got, tc.want)
			}
		}
	}
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[n:]
	return n, nil
}
