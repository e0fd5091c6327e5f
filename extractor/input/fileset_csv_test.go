package input

import (
	"errors"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
)

func TestLoneCSV(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"ViewingActivity.csv", "ViewingActivity.csv"},
		{"C:/Users/Anna/Downloads/ViewingActivity (1).csv", "ViewingActivity.csv"}, // unsafe: absolute
		{"Downloads/ViewingActivity (1).csv", "ViewingActivity (1).csv"},
		{`Downloads\NetflixViewingHistory.csv`, "NetflixViewingHistory.csv"},
		{"", "ViewingActivity.csv"},
		{"../x.csv", "ViewingActivity.csv"},
	}
	for _, tt := range tests {
		fs := openCSV(tt.name, strings.NewReader(viewingLine), int64(len(viewingLine)), DefaultLimits())
		if fs.Kind() != "csv" || len(fs.Names()) != 1 || fs.Names()[0] != tt.want {
			t.Errorf("openCSV(%q): kind %q, names %q; want [%q]", tt.name, fs.Kind(), fs.Names(), tt.want)
		}
		// The lone file answers to ViewingActivity whatever its name.
		if n, ok := Find(fs, "ViewingActivity"); !ok || n != tt.want {
			t.Errorf("openCSV(%q): Find = %q, %v", tt.name, n, ok)
		}
		if got, code := readAll(fs, tt.want); got != viewingLine || code != "" {
			t.Errorf("openCSV(%q): reads %q, %q", tt.name, got, code)
		}
	}
	fs := openCSV("NetflixViewingHistory.csv", strings.NewReader("Title,Date\n"), 11, DefaultLimits())
	if n, ok := Find(fs, "NetflixViewingHistory"); !ok || n != "NetflixViewingHistory.csv" {
		t.Errorf("Find(NetflixViewingHistory) = %q, %v", n, ok)
	}
}

// errReaderAt fails every read after the first n bytes.
type errReaderAt struct {
	data string
	n    int64
}

func (e errReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= e.n {
		return 0, errors.New("device gone")
	}
	n := copy(p, e.data[off:min(e.n, int64(len(e.data)))])
	if n < len(p) {
		return n, errors.New("device gone")
	}
	return n, nil
}

func TestCSVReadErrorsAndLimit(t *testing.T) {
	fs := openCSV("ViewingActivity.csv", errReaderAt{data: viewingLine, n: 10}, int64(len(viewingLine)), DefaultLimits())
	if got, code := readAll(fs, "ViewingActivity.csv"); code != codes.NotZipOrCSV || got != viewingLine[:10] {
		t.Errorf("failing input: %q, %q", got, code)
	}
	small := openCSV("ViewingActivity.csv", strings.NewReader(viewingLine), int64(len(viewingLine)), Limits{MaxDecompressedBytes: 5}.withDefaults())
	if _, code := readAll(small, "ViewingActivity.csv"); code != codes.TooLarge {
		t.Errorf("over the limit: %q", code)
	}
	if _, _, err := fs.Open("other.csv"); codes.Of(err) != codes.Internal {
		t.Errorf("unknown name: %v", err)
	}
}
