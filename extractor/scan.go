package extractor

import (
	"bufio"
	"bytes"
	"io"
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
	maxLine int // largest record in bytes; longer ones fail with CodeTooLarge

	raw    []byte   // a line longer than the bufio buffer, joined
	buf    []byte   // the unquoted field bytes of a record that needs copying
	ends   []int    // end offset in buf of each field
	fields [][]byte // the fields, sliced from the line or from buf
	size   int      // raw bytes of the current record, for maxLine
	line   int64    // records returned so far
}

// newScanner returns a scanner over r splitting on comma.
func newScanner(r *bufio.Reader, comma byte, maxLine int) *scanner {
	return &scanner{r: r, comma: comma, maxLine: maxLine}
}

// errTooLong is returned for a record longer than maxLine.
func errTooLong() *Error {
	return newError(CodeTooLarge, "a line of ViewingActivity.csv is longer than the limit")
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
// fields, if any, hold no quote: the common case. The fields are slices
// of line itself (valid until the next read, like line), so nothing is
// copied. For anything else (a doubled or bare quote, a quoted field that
// goes on to the next line) it returns false, and next parses the line
// again with the general, copying code; both give the same fields.
func (s *scanner) splitSimple(line []byte) bool {
	s.fields = s.fields[:0]
	line = line[:len(line)-lengthNL(line)]
	for {
		if len(line) > 0 && line[0] == '"' {
			// Quoted: the field ends at the next quote, which must end
			// the line or be followed by a comma.
			end := bytes.IndexByte(line[1:], '"') + 1
			if end == 0 {
				return false // the field goes on to the next line
			}
			s.fields = append(s.fields, line[1:end:end])
			rest := line[end+1:]
			if len(rest) == 0 {
				return true
			}
			if rest[0] != s.comma {
				return false // a doubled or bare quote
			}
			line = rest[1:]
			continue
		}
		// Unquoted: up to the next comma or the line end.
		i := bytes.IndexByte(line, s.comma)
		if i < 0 {
			s.fields = append(s.fields, line[:len(line):len(line)])
			return true
		}
		s.fields = append(s.fields, line[:i:i])
		line = line[i+1:]
	}
}

// next returns the fields of the next record, or io.EOF after the last.
// The slices are valid until the next call.
func (s *scanner) next() ([][]byte, error) {
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
		s.line++
		return s.fields, nil
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

	s.fields = s.fields[:0]
	start := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, s.buf[start:end:end])
		start = end
	}
	s.line++
	return s.fields, nil
}
