package csvscan

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"

	"github.com/netflix-donation/widget/extractor/codes"
)

// scanner reads RFC 4180 records from a bufio.Reader and returns each
// record's fields as byte slices into one reused buffer: no allocation per
// record once the buffers have grown to the longest record.
//
// Most records lie on one line and contain no escaped quote; their fields
// are sliced straight out of the line (see splitSimple), so a field is
// copied only when it must be unescaped or joined across lines.
//
// It accepts exactly what encoding/csv accepts with LazyQuotes set and
// FieldsPerRecord = -1, and splits fields the same way (a test checks this
// against encoding/csv): quoted fields with doubled quotes and embedded
// newlines, CRLF or LF line ends (CRLF becomes LF inside quoted fields),
// a missing final newline, empty lines skipped, and a bare quote taken
// literally. It is much faster than encoding/csv because it returns byte
// slices instead of strings, so the caller converts only what it keeps.
type scanner struct {
	r       *bufio.Reader
	comma   byte
	maxLine int // largest record in bytes; longer ones fail with codes.TooLarge

	raw    []byte   // a line longer than the bufio buffer, joined
	buf    []byte   // the unquoted field bytes of a record that needs copying
	ends   []int    // end offset in buf of each field
	rec    Record   // the current record: bounds into the line or into buf
	fields [][]byte // the fields of rec as slices, filled by next only
	size   int      // raw bytes of the current record, for maxLine
	line   int64    // records returned so far
}

// newScanner returns a scanner over r splitting on comma.
func newScanner(r *bufio.Reader, comma byte, maxLine int) *scanner {
	return &scanner{r: r, comma: comma, maxLine: maxLine}
}

// errTooLong is returned for a record longer than maxLine.
func errTooLong() *codes.Error {
	return codes.New(codes.TooLarge, "a line of the table is longer than the limit")
}

// readLine reads one physical line including its "\n", normalising a
// final "\r\n" to "\n" and dropping a "\r" right before EOF, as
// encoding/csv does. The returned slice is valid until the next call.
func (s *scanner) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.raw = append(s.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			if s.size+len(s.raw) > s.maxLine {
				return nil, errTooLong()
			}
			line, err = s.r.ReadSlice('\n')
			s.raw = append(s.raw, line...)
		}
		line = s.raw
	}
	s.size += len(line)
	if s.size > s.maxLine {
		return nil, errTooLong()
	}
	if n := len(line); n > 0 && err == io.EOF {
		err = nil
		if line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

// lengthNL is 1 when b ends in "\n".
func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// splitSimple splits a record that lies on one line and whose quoted
// fields, if any, hold no quote: the common case. The fields are bounds
// into line itself (valid until the next read, like line), so nothing is
// copied. For anything else (a doubled or bare quote, a quoted field that
// goes on to the next line) it returns false, and nextRecord parses the
// line again with the general, copying code; both give the same fields.
//
// Fields are recorded as integer offsets, not as slices: storing a slice
// stores a pointer, and while the garbage collector is marking, every
// pointer store goes through a write barrier, which in WebAssembly
// (single-threaded, so marking stretches over much of the run) cost about
// a tenth of the whole extraction.
func (s *scanner) splitSimple(line []byte) bool {
	b := s.rec.bounds[:0]
	n := len(line) - lengthNL(line)
	for pos := 0; ; {
		if pos < n && line[pos] == '"' {
			// Quoted: the field ends at the next quote, which must end
			// the line or be followed by a comma.
			end := bytes.IndexByte(line[pos+1:n], '"')
			if end < 0 {
				return false // the field goes on to the next line
			}
			end += pos + 1
			b = append(b, pos+1, end)
			s.rec.bounds = b
			if end+1 == n {
				return true
			}
			if line[end+1] != s.comma {
				return false // a doubled or bare quote
			}
			pos = end + 2
			continue
		}
		// Unquoted: up to the next comma or the line end.
		i := bytes.IndexByte(line[pos:n], s.comma)
		if i < 0 {
			s.rec.bounds = append(b, pos, n)
			return true
		}
		b = append(b, pos, pos+i)
		pos += i + 1
	}
}

// splitBuffered splits the record at the start of buf, the bytes the
// bufio.Reader holds, and returns how many bytes it took, line end
// included; the bounds index buf. It handles only the common case: a
// record on one complete line of buf, not empty, within maxLine, whose
// quoted fields hold no quote and no line end. For anything else it
// returns 0, having consumed nothing, and the general path (readLine,
// then splitSimple or the copying parser) takes the record, so both
// paths give the same fields.
//
// It exists because in WebAssembly finding the line end with
// bufio.Reader.ReadSlice and then each separator with bytes.IndexByte
// reads every byte twice and calls memchr once per field; here one
// word-at-a-time search (indexSep) finds the comma or the line end.
func (s *scanner) splitBuffered(buf []byte) int {
	if c := buf[0]; c == '\n' || c == '\r' {
		return 0 // possibly an empty line, which is skipped, not a record
	}
	if len(buf) > s.maxLine {
		buf = buf[:s.maxLine] // a longer record fails on the general path
	}
	b := s.rec.bounds[:0]
	for pos := 0; ; {
		if pos < len(buf) && buf[pos] == '"' {
			// Quoted: the field ends at the next quote, which must be
			// followed by a comma or the line end.
			end := bytes.IndexByte(buf[pos+1:], '"')
			if end < 0 || bytes.IndexByte(buf[pos+1:pos+1+end], '\n') >= 0 {
				return 0 // the field goes on to another line
			}
			end += pos + 1
			b = append(b, pos+1, end)
			next := end + 1
			if next < len(buf) && buf[next] == '\r' {
				next++ // CRLF ends the line like LF
			}
			switch {
			case next >= len(buf):
				return 0
			case buf[next] == '\n':
				s.rec.bounds = b
				return next + 1
			case buf[next] == s.comma && next == end+1:
				pos = next + 1
				continue
			}
			return 0 // a doubled or bare quote
		}
		// Unquoted: up to the next comma or the line end.
		i := indexSep(buf[pos:], s.comma)
		if i < 0 {
			return 0 // the line end is not buffered yet
		}
		i += pos
		if buf[i] == s.comma {
			b = append(b, pos, i)
			pos = i + 1
			continue
		}
		end := i
		if end > pos && buf[end-1] == '\r' {
			end-- // CRLF ends the line like LF
		}
		s.rec.bounds = append(b, pos, end)
		return i + 1
	}
}

// indexSep returns the index of the first comma or '\n' in b, or -1.
// It tests eight bytes at a time with the classic "has a zero byte" bit
// trick on the word XORed with each separator: (x - 0x01..) &^ x & 0x80..
// flags the lowest zero byte of x exactly (only bytes above it can be
// flagged falsely), so the lowest flag of either test is the answer.
// binary.LittleEndian.Uint64 compiles to a single 64-bit load in wasm.
func indexSep(b []byte, comma byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	c, nl := lo*uint64(comma), lo*uint64('\n')
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		x, y := w^c, w^nl
		if m := ((x-lo)&^x | (y-lo)&^y) & hi; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == comma || b[i] == '\n' {
			return i
		}
	}
	return -1
}

// Record is one CSV record as field bounds into the bytes read (field i
// is data[bounds[2i]:bounds[2i+1]]): the form in which the hot path
// passes records, since storing a slice per field costs a write barrier
// while the garbage collector marks (see splitSimple). A Record and its
// fields are valid until the next read of the Reader that returned it.
type Record struct {
	data   []byte
	bounds []int
}

// Len returns the number of fields.
func (r *Record) Len() int { return len(r.bounds) / 2 }

// Field returns field i, with its capacity cut to its length so that an
// append cannot overwrite the next field.
func (r *Record) Field(i int) []byte {
	end := r.bounds[2*i+1]
	return r.data[r.bounds[2*i]:end:end]
}

// AppendFields appends the fields of r to dst as slices.
func (r *Record) AppendFields(dst [][]byte) [][]byte {
	for i := range r.Len() {
		dst = append(dst, r.Field(i))
	}
	return dst
}

// next returns the fields of the next record, or io.EOF after the last.
// The slices are valid until the next call.
func (s *scanner) next() ([][]byte, error) {
	r, err := s.nextRecord()
	if err != nil {
		return nil, err
	}
	s.fields = r.AppendFields(s.fields[:0])
	return s.fields, nil
}

// nextRecord returns the next record, or io.EOF after the last. The
// record and its data are valid until the next call.
func (s *scanner) nextRecord() (*Record, error) {
	// Fast path: a simple record whose line end is already buffered is
	// split in place in one pass (splitBuffered); anything else, and the
	// line that straddles a buffer refill, goes the general way below.
	if buf, _ := s.r.Peek(s.r.Buffered()); len(buf) > 0 {
		if n := s.splitBuffered(buf); n > 0 {
			s.r.Discard(n)
			s.rec.data = buf
			s.line++
			return &s.rec, nil
		}
	}
	var line []byte
	var errRead error
	for {
		s.size = 0
		line, errRead = s.readLine()
		if errRead != nil {
			if errRead == io.EOF {
				return nil, io.EOF
			}
			return nil, errRead
		}
		if len(line) != lengthNL(line) {
			break
		}
		// An empty line is not a record (also a trailing empty line).
	}
	if s.splitSimple(line) {
		s.rec.data = line
		s.line++
		return &s.rec, nil
	}

	s.buf, s.ends = s.buf[:0], s.ends[:0]
	comma := s.comma
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			// Unquoted field: up to the next comma or the line end.
			i := bytes.IndexByte(line, comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			s.buf = append(s.buf, field...)
			s.ends = append(s.ends, len(s.buf))
			if i >= 0 {
				line = line[i+1:]
				continue parseField
			}
			break parseField
		}
		// Quoted field: up to a quote followed by a comma or the line end.
		line = line[1:]
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				s.buf = append(s.buf, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"':
					s.buf = append(s.buf, '"') // a doubled quote
					line = line[1:]
				case len(line) > 0 && line[0] == comma:
					line = line[1:]
					s.ends = append(s.ends, len(s.buf))
					continue parseField
				case lengthNL(line) == len(line):
					s.ends = append(s.ends, len(s.buf))
					break parseField
				default:
					s.buf = append(s.buf, '"') // a bare quote, taken literally
				}
			case len(line) > 0:
				// The field goes on on the next line.
				s.buf = append(s.buf, line...)
				if errRead != nil {
					break parseField
				}
				line, errRead = s.readLine()
				if errRead == io.EOF {
					errRead = nil
				} else if errRead != nil {
					return nil, errRead
				}
			default:
				// The input ended inside a quoted field.
				s.ends = append(s.ends, len(s.buf))
				break parseField
			}
		}
	}

	s.rec.data, s.rec.bounds = s.buf, s.rec.bounds[:0]
	start := 0
	for _, end := range s.ends {
		s.rec.bounds = append(s.rec.bounds, start, end)
		start = end
	}
	s.line++
	return &s.rec, nil
}
