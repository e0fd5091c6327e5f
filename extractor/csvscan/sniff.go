package csvscan

import (
	"bytes"
	"unicode/utf8"
)

// looksLikeText reports whether b, the start of a file, looks like text.
// A UTF-16 byte order mark makes it text (a spreadsheet's "Unicode text").
// Otherwise well-known binary signatures are refused, and so is any byte
// that never occurs in text: the "binary data bytes" of the WHATWG MIME
// sniffing standard (controls other than TAB, LF, FF, CR and ESC). Bytes
// above 0x7F are allowed, so a CSV with invalid UTF-8 in a title, or a
// Windows-1252 re-save, still counts as text and is decoded leniently.
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	for _, sig := range binarySignatures() {
		if bytes.HasPrefix(b, sig) {
			return false
		}
	}
	for _, c := range b {
		if c <= 0x08 || c == 0x0B || 0x0E <= c && c <= 0x1A || 0x1C <= c && c <= 0x1F {
			return false
		}
	}
	return true
}

// LooksLikeTable reports whether b, the start of a file, can be a CSV
// table: text that is valid in an encoding a spreadsheet writes and is
// not markup. A UTF-16 byte order mark is enough here: a caller checks
// the rest on the decoded text ([Reader.Head]) when the header is not
// the one it expects.
func LooksLikeTable(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	return looksLikeText(b) && decodableText(b) && !isMarkup(b)
}

// decodableText reports whether b, the start of a text, is valid in an
// encoding a spreadsheet writes: UTF-8 (a character cut off at the end of
// b does not count against it) or, failing that, Windows-1252 (every byte
// but five is defined).
func decodableText(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i] // cut off by the end of the sniff window
			}
			break
		}
	}
	if utf8.Valid(b) {
		return true
	}
	for _, c := range b {
		if undefinedInWindows1252(c) {
			return false
		}
	}
	return true
}

// isMarkup reports whether b, the start of a text file, is a web page,
// XML or JSON rather than a table: after a byte order mark and white
// space it starts with "<", "{" or "[", which no header of the Netflix
// export does.
func isMarkup(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	return len(b) > 0 && (b[0] == '<' || b[0] == '{' || b[0] == '[')
}

// binarySignatures lists the starts of binary formats whose first bytes
// can all be printable: a PDF ("%PDF-") and a PostScript file. Most other
// formats (JPEG, PNG, GIF, executables) have binary bytes early and are
// caught by the byte test.
func binarySignatures() [][]byte {
	return [][]byte{[]byte("%PDF-"), []byte("%!PS-")}
}
