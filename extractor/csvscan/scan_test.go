package csvscan

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
)

// scanAll reads every record of in with a scanner.
func scanAll(in string, comma byte, maxLine int) ([][]string, error) {
	sc := newScanner(bufio.NewReaderSize(strings.NewReader(in), 16), comma, maxLine)
	var out [][]string
	for {
		rec, err := sc.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		row := make([]string, len(rec))
		for i, f := range rec {
			row[i] = string(f)
		}
		out = append(out, row)
	}
}

// stdlibAll reads every record of in with encoding/csv as the scanner
// claims to behave: LazyQuotes, any number of fields.
func stdlibAll(in string, comma byte) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(in))
	r.Comma = rune(comma)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// scanCases are inputs with their records worked out by hand.
var scanCases = []struct {
	name string
	in   string
	want [][]string
}{
	{"simple", "a,b,c\n1,2,3\n", [][]string{{"a", "b", "c"}, {"1", "2", "3"}}},
	{"no final newline", "a,b\n1,2", [][]string{{"a", "b"}, {"1", "2"}}},
	{"CRLF", "a,b\r\n1,2\r\n", [][]string{{"a", "b"}, {"1", "2"}}},
	{"CR before EOF", "a,b\r\n1,2\r", [][]string{{"a", "b"}, {"1", "2"}}},
	{"trailing empty line", "a,b\n1,2\n\n", [][]string{{"a", "b"}, {"1", "2"}}},
	{"empty lines inside", "a\n\n\r\nb\n", [][]string{{"a"}, {"b"}}},
	{"empty fields", ",,\n", [][]string{{"", "", ""}}},
	{"quoted comma", `x,"Love, Death & Robots: Volume 3",y` + "\n", [][]string{{"x", "Love, Death & Robots: Volume 3", "y"}}},
	{"doubled quotes", `"All American: Season 1: ""All Eyez on Me"""` + ",z\n", [][]string{{`All American: Season 1: "All Eyez on Me"`, "z"}}},
	{"quoted last field", `a,"KR (Korea, Republic of)"` + "\n", [][]string{{"a", "KR (Korea, Republic of)"}}},
	{"quoted last field CRLF", `a,"b"` + "\r\n" + `c,"d"`, [][]string{{"a", "b"}, {"c", "d"}}},
	{"newline in quotes", "a,\"line1\nline2\",b\n", [][]string{{"a", "line1\nline2", "b"}}},
	{"CRLF in quotes", "a,\"line1\r\nline2\"\r\n", [][]string{{"a", "line1\nline2"}}},
	{"bare quote in unquoted field", `a"b,c` + "\n", [][]string{{`a"b`, "c"}}},
	{"bare quote in quoted field", `"a"b",c` + "\n", [][]string{{`a"b`, "c"}}},
	{"unterminated quote", "a,\"bc\n", [][]string{{"a", "bc\n"}}},
	{"empty quoted", `"",x` + "\n", [][]string{{"", "x"}}},
	{"utf8", "Lúcia Emília,Dom z papieru: Część 1\n", [][]string{{"Lúcia Emília", "Dom z papieru: Część 1"}}},
	{"long line across buffer", strings.Repeat("x", 100) + ",y\n", [][]string{{strings.Repeat("x", 100), "y"}}},
	{"only newline", "\n", nil},
	{"empty input", "", nil},
}

// TestScanner checks the scanner against hand-made answers and, on the
// same inputs, against encoding/csv.
func TestScanner(t *testing.T) {
	for _, tc := range scanCases {
		got, err := scanAll(tc.in, ',', 1<<20)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
		std, err := stdlibAll(tc.in, ',')
		if err != nil {
			t.Errorf("%s: encoding/csv: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, std) {
			t.Errorf("%s: scanner %q, encoding/csv %q", tc.name, got, std)
		}
	}
}

// TestScannerSemicolon splits on another delimiter.
func TestScannerSemicolon(t *testing.T) {
	got, err := scanAll("a;\"b;c\";d,e\n", ';', 1<<20)
	want := [][]string{{"a", "b;c", "d,e"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

// TestScannerMaxLine refuses a record over the limit, also one that is
// long only because a quoted field spans lines, and accepts one at it.
func TestScannerMaxLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		max  int
		ok   bool
	}{
		{"at the limit", strings.Repeat("x", 9) + "\n", 10, true},
		{"over the limit", strings.Repeat("x", 10) + "\n", 10, false},
		{"no newline, over", strings.Repeat("x", 1000), 100, false},
		{"quoted over lines", "\"" + strings.Repeat("x\n", 60) + "\"\n", 100, false},
		{"many short lines", strings.Repeat("abc\n", 1000), 10, true},
	} {
		_, err := scanAll(tc.in, ',', tc.max)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		var e *codes.Error
		if !tc.ok && (!errors.As(err, &e) || e.Code != codes.TooLarge) {
			t.Errorf("%s: err = %v, want too_large", tc.name, err)
		}
	}
}

// TestScannerNoAllocs checks that a record costs no allocation once the
// buffers have grown.
func TestScannerNoAllocs(t *testing.T) {
	line := `P,2023-10-27 07:22:50,00:00:15,"Autoplayed: user action: None; ","Trailer: Kanan Gill: Yours Sincerely, Kanan Gill",TRAILER,Netflix Chrome MAC (Cadmium) HTML 5,00:00:15,00:00:15,IN (India)` + "\n"
	in := strings.Repeat(line, 2000)
	sc := newScanner(bufio.NewReaderSize(strings.NewReader(in), 4096), ',', 1<<20)
	if _, err := sc.next(); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if rec, err := sc.next(); err != nil || len(rec) != 10 {
			t.Fatalf("record: %d fields, %v", len(rec), err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per record", allocs)
	}
}

// FuzzScanner checks that the scanner splits any input exactly as
// encoding/csv does with LazyQuotes and a variable number of fields.
func FuzzScanner(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c.in)
	}
	for _, s := range []string{
		"Profile Name,Start Time,Duration,Title\nP,2023-01-01 10:00:00,01:00:00,\"Love, Death & Robots: Volume 3: X (Episode 4)\"\n",
		"\uFEFFProfile Name;Start Time;Duration;Title\r\nA;2023-01-01 10:00:00;01:00:00;M\r\n",
		"Profile Name,Start Time,Duration,Title;;\nA,2023-01-01 10:00:00,00:10:00,\"\"\"q\"\"\";;\n",
		"Start Time,Duration,Title\n\"2023-01-01 10:00:00\",\"01:00:00\",\"unterminated\n",
		"A,\"b\"c\",d\r\n\"e\nf\",g",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, werr := stdlibAll(in, ',')
		got, gerr := scanAll(in, ',', 1<<30)
		if werr != nil || gerr != nil {
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("encoding/csv err %v, scanner err %v", werr, gerr)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("input %q\nscanner      %q\nencoding/csv %q", in, got, want)
		}
	})
}
