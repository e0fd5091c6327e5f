package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunFormats(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		format, out string
		check       func(t *testing.T, path string)
	}{
		{"zip", "x.zip", func(t *testing.T, p string) {
			zr, err := zip.OpenReader(p)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			if zr.File[0].Name != "Top/netflix-report/ACCOUNT/AccountDetails.csv" {
				t.Errorf("first entry %q", zr.File[0].Name)
			}
		}},
		{"csv", "x.csv", func(t *testing.T, p string) {
			data, _ := os.ReadFile(p)
			if got := strings.Count(string(data), "\n"); got != 301 {
				t.Errorf("%d lines, want 301", got)
			}
		}},
		{"folder", "dir", func(t *testing.T, p string) {
			if _, err := os.Stat(filepath.Join(p, "Top", "netflix-report", "CONTENT_INTERACTION", "ViewingActivity.csv")); err != nil {
				t.Error(err)
			}
		}},
	}
	for _, tc := range tests {
		out := filepath.Join(dir, tc.out)
		truthFile := filepath.Join(dir, tc.format+".json")
		var stderr bytes.Buffer
		code := run([]string{"-rows", "300", "-seed", "4", "-top-folder", "Top", "-format", tc.format, "-out", out, "-truth", truthFile}, &stderr)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.format, code, stderr.String())
		}
		var truth struct{ Rows int64 }
		data, _ := os.ReadFile(truthFile)
		if err := json.Unmarshal(data, &truth); err != nil || truth.Rows != 300 {
			t.Errorf("%s: truth %s (%v)", tc.format, data, err)
		}
		tc.check(t, out)
	}
}

func TestRunTruthOnStderr(t *testing.T) {
	var stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "x.csv")
	if code := run([]string{"-rows", "10", "-format", "csv", "-out", out}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var truth struct{ Rows int64 }
	if err := json.Unmarshal(stderr.Bytes(), &truth); err != nil || truth.Rows != 10 {
		t.Errorf("stderr %q is not the Truth JSON (%v)", stderr.String(), err)
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"-format", "tar", "-out", filepath.Join(t.TempDir(), "x")}, {"-rows", "-5", "-out", filepath.Join(t.TempDir(), "y")}, {"-bogus"}} {
		var stderr bytes.Buffer
		if code := run(args, &stderr); code == 0 {
			t.Errorf("%q: exit 0, want failure", args)
		}
	}
}
