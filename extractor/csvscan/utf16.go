package csvscan

import (
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// utf16Reader decodes UTF-16 (a spreadsheet's "Unicode text" save) into
// UTF-8. Unpaired surrogates and a final odd byte become U+FFFD, so the
// output is always valid UTF-8. golang.org/x/text is not a dependency of
// this module, and this is all of it that is needed.
type utf16Reader struct {
	r         io.Reader
	bigEndian bool
	in        []byte // raw bytes, in[lo:hi] not yet decoded
	lo, hi    int
	out       []byte // decoded bytes not yet returned
	obuf      []byte // backing store of out
	err       error  // sticky error of r
}

func newUTF16Reader(r io.Reader, bigEndian bool) *utf16Reader {
	return &utf16Reader{r: r, bigEndian: bigEndian, in: make([]byte, 32<<10), obuf: make([]byte, 0, 48<<10)}
}

// Read implements io.Reader.
func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil && u.hi == u.lo {
			return 0, u.err
		}
		if u.err == nil {
			u.hi = copy(u.in, u.in[u.lo:u.hi])
			u.lo = 0
			n, err := u.r.Read(u.in[u.hi:])
			u.hi += n
			if err != nil {
				u.err = err
			}
		}
		u.decode(u.err != nil)
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// unit returns the 16-bit code unit at in[i:i+2].
func (u *utf16Reader) unit(i int) rune {
	if u.bigEndian {
		return rune(u.in[i])<<8 | rune(u.in[i+1])
	}
	return rune(u.in[i+1])<<8 | rune(u.in[i])
}

// decode converts the buffered code units; at the end of the input it
// also flushes an incomplete pair or byte as U+FFFD.
func (u *utf16Reader) decode(atEOF bool) {
	out := u.obuf[:0]
	for u.hi-u.lo >= 2 {
		r := u.unit(u.lo)
		switch {
		case utf16.IsSurrogate(r) && r < 0xDC00: // a high surrogate
			if u.hi-u.lo < 4 {
				if !atEOF {
					u.out = out
					return
				}
				r, u.lo = utf8.RuneError, u.lo+2
				break
			}
			if r2 := u.unit(u.lo + 2); r2 >= 0xDC00 && r2 <= 0xDFFF {
				r, u.lo = utf16.DecodeRune(r, r2), u.lo+4
			} else {
				r, u.lo = utf8.RuneError, u.lo+2
			}
		case utf16.IsSurrogate(r): // a lone low surrogate
			r, u.lo = utf8.RuneError, u.lo+2
		default:
			u.lo += 2
		}
		out = utf8.AppendRune(out, r)
	}
	if atEOF && u.hi-u.lo == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
		u.lo = u.hi
	}
	u.out = out
}
