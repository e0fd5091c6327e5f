package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
)

func TestOpenSniffs(t *testing.T) {
	var emptyZip bytes.Buffer
	zip.NewWriter(&emptyZip).Close()
	goodZip := testZip(t, testEntry{name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", data: viewingLine})
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i/3)
	}
	tests := []struct {
		name     string
		data     []byte
		fileName string
		kind     Kind // "" when an error is wanted
		code     codes.Code
	}{
		{"0 bytes", nil, "netflix-report.zip", "", codes.EmptyFile},
		{"zip", goodZip, "netflix-report.zip", "zip", ""},
		{"zip named .csv", goodZip, "ViewingActivity.csv", "zip", ""},
		{"empty zip", emptyZip.Bytes(), "x.zip", "zip", ""},
		{"zip signature, garbage after", []byte("PK\x03\x04 not really a zip at all"), "x.zip", "", codes.CorruptZip},
		{"utf-8 csv", []byte(viewingLine), "ViewingActivity.csv", "csv", ""},
		{"csv named .zip", []byte(viewingLine), "netflix-report.zip", "csv", ""},
		{"utf-8 bom", []byte("\xEF\xBB\xBF" + viewingLine), "x.csv", "csv", ""},
		{"utf-16le bom", []byte("\xFF\xFEP\x00r\x00"), "x.csv", "csv", ""},
		{"utf-16be bom", []byte("\xFE\xFF\x00P\x00r"), "x.csv", "csv", ""},
		{"latin-1 title", []byte(viewingLine + "A,2024-01-01 10:00:00,00:10:00,,Caf\xe9,,,,,\r\n"), "x.csv", "csv", ""},
		{"tabs and form feed", []byte("a\tb\fc\r\n"), "x.txt", "csv", ""},
		{"placeholder", []byte("We found no information for this table."), "ViewingActivity.txt", "csv", ""},
		{"pdf", []byte("%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"), "netflix-report.zip", "", codes.NotZipOrCSV},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), "netflix-report.zip", "", codes.NotZipOrCSV},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "netflix-report.zip", "", codes.NotZipOrCSV},
		{"utf-16 without bom", []byte("P\x00r\x00o\x00"), "x.csv", "", codes.NotZipOrCSV},
		{"random", random, "netflix-report.zip", "", codes.NotZipOrCSV},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "netflix-report.zip", "", codes.NotZipOrCSV},
		{"binary late in the sniff window", []byte(strings.Repeat("a,b\n", 100) + "\x00"), "x.csv", "", codes.NotZipOrCSV},
		{"binary after the sniff window", []byte(strings.Repeat("a,b\n", 200) + "\x00"), "x.csv", "csv", ""},
		{"windows-1252", []byte(viewingLine + "A,2024-01-01 10:00:00,00:10:00,,Caf\xe9 \x80 \x93x\x94,,,,,\r\n"), "x.csv", "csv", ""},
		{"utf-8 cut at the end of the sniff window", []byte(strings.Repeat("a", 511) + "é"), "x.csv", "csv", ""},
		{"undefined in windows-1252", []byte("a,b\n\x81\x8d\n"), "x.csv", "", codes.NotZipOrCSV},
		{"html", []byte("<!DOCTYPE html>\n<html><body>Netflix</body></html>\n"), "ViewingActivity.csv", "", codes.NotZipOrCSV},
		{"html after a bom and blank lines", []byte("\xEF\xBB\xBF\r\n\r\n  <html></html>"), "x.csv", "", codes.NotZipOrCSV},
		{"xml", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>"), "x.csv", "", codes.NotZipOrCSV},
		{"json object", []byte("{\"a\": 1}"), "x.csv", "", codes.NotZipOrCSV},
		{"json array", []byte("\n[1, 2]"), "x.csv", "", codes.NotZipOrCSV},
	}
	for _, tt := range tests {
		fs, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)), tt.fileName, Options{})
		if codes.Of(err) != tt.code {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.code)
			continue
		}
		if err == nil && fs.Kind() != tt.kind {
			t.Errorf("%s: kind %q, want %q", tt.name, fs.Kind(), tt.kind)
		}
	}
}

func TestOpenReadError(t *testing.T) {
	_, err := Open(errReaderAt{data: viewingLine, n: 0}, 100, "x.csv", Options{})
	if codes.Of(err) != codes.NotZipOrCSV || errors.Unwrap(err) == nil {
		t.Errorf("unreadable input: %v", err)
	}
	if _, err := Open(bytes.NewReader(nil), -1, "x", Options{}); codes.Of(err) != codes.NotZipOrCSV {
		t.Errorf("negative size: %v", err)
	}
}

// TestOpenPassesLimits: Open hands its limits to the CSV file set too.
func TestOpenPassesLimits(t *testing.T) {
	fs, err := Open(strings.NewReader(viewingLine), int64(len(viewingLine)), "x.csv", Options{Limits: Limits{MaxDecompressedBytes: 8}})
	if err != nil {
		t.Fatal(err)
	}
	if _, code := readAll(fs, "x.csv"); code != codes.TooLarge {
		t.Errorf("code %q, want too_large", code)
	}
}

func TestOpenPath(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "netflix-report.zip")
	os.WriteFile(zipPath, testZip(t, testEntry{name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", data: viewingLine}), 0o644)
	csvPath := filepath.Join(dir, "ViewingActivity.csv")
	os.WriteFile(csvPath, []byte(viewingLine), 0o644)
	emptyPath := filepath.Join(dir, "empty.zip")
	os.WriteFile(emptyPath, nil, 0o644)

	tests := []struct {
		path string
		kind Kind
		code codes.Code
	}{
		{zipPath, "zip", ""},
		{csvPath, "csv", ""},
		{dir, "folder", ""},
		{emptyPath, "", codes.EmptyFile},
		{filepath.Join(dir, "missing.zip"), "", codes.NotZipOrCSV},
		{os.DevNull, "", codes.NotZipOrCSV},
	}
	for _, tt := range tests {
		fs, closer, err := OpenPath(tt.path, Options{})
		if codes.Of(err) != tt.code {
			t.Errorf("%s: err = %v, want %q", tt.path, err, tt.code)
			continue
		}
		if err != nil {
			if closer != nil {
				t.Errorf("%s: a Closer with an error", tt.path)
			}
			continue
		}
		if fs.Kind() != tt.kind {
			t.Errorf("%s: kind %q, want %q", tt.path, fs.Kind(), tt.kind)
		}
		if n, ok := Find(fs, "ViewingActivity"); !ok {
			t.Errorf("%s: no ViewingActivity", tt.path)
		} else if got, code := readAll(fs, n); got != viewingLine || code != "" {
			t.Errorf("%s: reads %q, %q", tt.path, got, code)
		}
		if err := closer.Close(); err != nil {
			t.Errorf("%s: Close: %v", tt.path, err)
		}
	}
}
