package csvscan

import (
	"unicode/utf8"
)

// windows1252High maps the bytes 0x80 to 0x9F of Windows-1252 to their
// characters; 0xA0 to 0xFF are the Latin-1 characters of the same number.
// The five bytes Windows-1252 leaves undefined map to U+FFFD.
var windows1252High = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// decodeWindows1252 decodes s as Windows-1252, the text encoding Excel
// writes a CSV in by default on a Western European or American Windows
// ("CSV (comma delimited)"). Excel writes "?" for a character that
// Windows-1252 lacks (a Korean or Polish title, say); that "?" is text
// like any other and stays.
func decodeWindows1252(s string) string {
	out := make([]byte, 0, len(s)+len(s)/4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, windows1252High[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return string(out)
}

// undefinedInWindows1252 reports whether c is one of the five bytes
// Windows-1252 leaves undefined: text that holds one and is not UTF-8 is
// in no encoding a spreadsheet writes.
func undefinedInWindows1252(c byte) bool {
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D
}

// Text converts a field to a string: UTF-8 as it is, and a field that is
// not valid UTF-8 decoded as Windows-1252, the encoding Excel saves a CSV
// in by default. Deciding by the field (not by the file) makes every part
// of a table read in ranges read a name alike; a Windows-1252 field that
// happens to be valid UTF-8 needs two or three accented capitals and
// symbols in a row, which titles and names do not have.
func Text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return decodeWindows1252(string(b))
}
