package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/netflix-donation/widget/internal/compress"
)

// fakeWeb is a small web/ folder: the runtime files, module folders, an
// example, and files that must not ship.
var fakeWeb = map[string]string{
	"netflix-donation.js":         "(function () {\n  var VERSION = '1.2.3';\n})();\n",
	"netflix-donation-element.js": "import './element/a.js';\n",
	"engine.js":                   "export class Engine {}\n",
	"contract.js":                 "export const VERSION = '1.2.3';\n",
	"worker.js":                   "'use strict';\n",
	"wasm_exec.js":                strings.Repeat("// go runtime support\n", 50),
	"netflix-donation.wasm":       "\x00asm\x01\x00\x00\x00" + strings.Repeat("wasm bytes ", 300),
	"element/a.js":                "export const a = 1;\n",
	"element/screens/b.js":        "export const b = 2;\n",
	"i18n/nl.js":                  "export default {};\n",
	"i18n/i18n_test.go":           "package i18n\n",
	"examples/x.html":             "<!doctype html><script src=\"../netflix-donation.js\"></script>\n",
	"examples/x.css":              "body {}\n",
	"examples/.DS_Store":          "junk",
	"index.html":                  "not shipped: not in the bundle's lists",
}

// wantShipped are the paths the bundle must hold for fakeWeb, by hand.
var wantShipped = []string{
	"README.md",
	"contract.js",
	"element/a.js",
	"element/screens/b.js",
	"embed-snippet.html",
	"engine.js",
	"examples/x.css",
	"examples/x.html",
	"i18n/nl.js",
	"integrity.json",
	"netflix-donation-element.js",
	"netflix-donation.js",
	"netflix-donation.wasm",
	"netflix-donation.wasm.br",
	"netflix-donation.wasm.gz",
	"wasm_exec.js",
	"wasm_exec.js.br",
	"wasm_exec.js.gz",
	"worker.js",
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newWeb(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, fakeWeb)
	return dir
}

// readTree returns every regular file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		out[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hash384 is the test's own SRI computation.
func hash384(b []byte) string {
	h := sha512.New384()
	h.Write(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}

func TestBuildFolder(t *testing.T) {
	web := newWeb(t)
	out := t.TempDir()
	const base = "https://files.example.org/studies/netflix-donation-1.2.3/"
	res, err := Build(Config{WebDir: web, Version: "1.2.3", OutDir: out, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(out, "netflix-donation-1.2.3"); res.Dir != want {
		t.Errorf("Dir %q, want %q", res.Dir, want)
	}
	got := readTree(t, res.Dir)
	var names []string
	for p := range got {
		names = append(names, p)
	}
	slices.Sort(names)
	if !slices.Equal(names, wantShipped) {
		t.Fatalf("bundle holds\n%q\nwant\n%q", names, wantShipped)
	}
	if !slices.Equal(res.Skipped, []string{"examples/.DS_Store", "i18n/i18n_test.go"}) {
		t.Errorf("skipped %q", res.Skipped)
	}

	// Copies are byte for byte; the compressed copies decompress to them.
	for name, body := range fakeWeb {
		if b, ok := got[name]; ok && string(b) != body {
			t.Errorf("%s differs from its source", name)
		}
	}
	for _, name := range []string{"netflix-donation.wasm", "wasm_exec.js"} {
		zr, err := gzip.NewReader(bytes.NewReader(got[name+".gz"]))
		if err != nil {
			t.Fatal(err)
		}
		if g, err := io.ReadAll(zr); err != nil || string(g) != fakeWeb[name] {
			t.Errorf("%s.gz does not decompress to %s (%v)", name, name, err)
		}
		if b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(got[name+".br"]))); err != nil || string(b) != fakeWeb[name] {
			t.Errorf("%s.br does not decompress to %s (%v)", name, name, err)
		}
	}

	// The snippet: the loader at the base URL with its hash, and the element.
	snippet := string(got["embed-snippet.html"])
	m := regexp.MustCompile(`<script src="([^"]+)"\s+integrity="([^"]+)"\s+crossorigin="anonymous"></script>`).FindStringSubmatch(snippet)
	if m == nil {
		t.Fatalf("no loader script with integrity in:\n%s", snippet)
	}
	if m[1] != base+"netflix-donation.js" {
		t.Errorf("script src %q", m[1])
	}
	if m[2] != hash384([]byte(fakeWeb["netflix-donation.js"])) {
		t.Errorf("integrity %q is not the loader's sha384", m[2])
	}
	for _, want := range []string{`<netflix-donation output="#netflix_donation" status-output="#netflix_donation_status"`,
		`<textarea id="netflix_donation" name="netflix_donation" hidden></textarea>`,
		`<textarea id="netflix_donation_status" name="netflix_donation_status" hidden></textarea>`} {
		if !strings.Contains(snippet, want) {
			t.Errorf("snippet lacks %s", want)
		}
	}
	// LimeSurvey's Expression Manager evaluates a brace followed by
	// anything but white space, also in pasted HTML.
	if m := regexp.MustCompile(`\{\S`).FindString(snippet); m != "" {
		t.Errorf("the snippet has %q, which LimeSurvey would evaluate:\n%s", m, snippet)
	}
	if readme := string(got["README.md"]); !strings.Contains(readme, snippet) || !strings.Contains(readme, "application/wasm") ||
		!strings.Contains(readme, "Access-Control-Allow-Origin") || strings.Contains(readme, "YOUR-HOST") {
		t.Errorf("README.md lacks the snippet, a header, or names the placeholder although a base URL was given:\n%s", readme)
	}

	// integrity.json: every other file, with its size and hash.
	var manifest struct {
		Version string `json:"version"`
		Files   map[string]struct {
			Size      int    `json:"size"`
			Integrity string `json:"integrity"`
		} `json:"files"`
	}
	if err := json.Unmarshal(got["integrity.json"], &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest.Version != "1.2.3" || len(manifest.Files) != len(got)-1 {
		t.Errorf("manifest version %q with %d files, want 1.2.3 and %d", manifest.Version, len(manifest.Files), len(got)-1)
	}
	for name, body := range got {
		if name == "integrity.json" {
			continue
		}
		e := manifest.Files[name]
		if e.Size != len(body) || e.Integrity != hash384(body) {
			t.Errorf("manifest entry of %s = %+v, want size %d and %s", name, e, len(body), hash384(body))
		}
	}

	// The totals add up the files as written.
	n, size, _ := res.Totals()
	var wantSize int64
	for _, b := range got {
		wantSize += int64(len(b))
	}
	if n != len(got) || size != wantSize {
		t.Errorf("Totals: %d files, %d bytes; want %d, %d", n, size, len(got), wantSize)
	}
	raw, _ := res.Download()
	var wantRaw int64
	for _, p := range []string{"netflix-donation.js", "netflix-donation-element.js", "engine.js", "contract.js", "worker.js", "wasm_exec.js",
		"netflix-donation.wasm", "element/a.js", "element/screens/b.js", "i18n/nl.js"} {
		wantRaw += int64(len(fakeWeb[p]))
	}
	if raw != wantRaw {
		t.Errorf("Download raw %d, want %d", raw, wantRaw)
	}
}

func TestBuildPlaceholder(t *testing.T) {
	res, err := Build(Config{WebDir: newWeb(t), Version: "1.2.3", OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	snippet, _ := os.ReadFile(filepath.Join(res.Dir, "embed-snippet.html"))
	if !strings.Contains(string(snippet), `src="https://YOUR-HOST/netflix-donation-1.2.3/netflix-donation.js"`) {
		t.Errorf("snippet without a base URL:\n%s", snippet)
	}
	readme, _ := os.ReadFile(filepath.Join(res.Dir, "README.md"))
	if !strings.Contains(string(readme), "replace `https://YOUR-HOST/netflix-donation-1.2.3/`") {
		t.Error("README does not say to replace the placeholder")
	}
}

func TestZip(t *testing.T) {
	web := newWeb(t)
	out1, out2 := t.TempDir(), t.TempDir()
	res1, err := Build(Config{WebDir: web, Version: "1.2.3", OutDir: out1})
	if err != nil {
		t.Fatal(err)
	}
	// Other modification times of the sources, a later build: the same zip.
	later := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	for name := range fakeWeb {
		if err := os.Chtimes(filepath.Join(web, filepath.FromSlash(name)), later, later); err != nil {
			t.Fatal(err)
		}
	}
	res2, err := Build(Config{WebDir: web, Version: "1.2.3", OutDir: out2})
	if err != nil {
		t.Fatal(err)
	}
	z1, _ := os.ReadFile(res1.Zip)
	z2, _ := os.ReadFile(res2.Zip)
	if len(z1) == 0 || !bytes.Equal(z1, z2) {
		t.Fatalf("two builds of the same files give different zips (%d and %d bytes)", len(z1), len(z2))
	}
	if int64(len(z1)) != res1.ZipSize {
		t.Errorf("ZipSize %d, file has %d bytes", res1.ZipSize, len(z1))
	}

	zr, err := zip.NewReader(bytes.NewReader(z1), int64(len(z1)))
	if err != nil {
		t.Fatal(err)
	}
	folder := readTree(t, res1.Dir)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rel, ok := strings.CutPrefix(f.Name, "netflix-donation-1.2.3/")
		if !ok {
			t.Errorf("entry %q is outside the folder", f.Name)
			continue
		}
		if !f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) || f.Mode() != 0o644 {
			t.Errorf("entry %s: time %v mode %v", f.Name, f.Modified, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(b, folder[rel]) {
			t.Errorf("entry %s differs from the folder's file (%v)", f.Name, err)
		}
	}
	if !slices.IsSorted(names) || len(names) != len(folder) {
		t.Errorf("entries %q: want %d, sorted", names, len(folder))
	}
}

func TestCompressedCopies(t *testing.T) {
	raw := []byte(fakeWeb["netflix-donation.wasm"])
	goodGz, _ := compress.Gzip(raw)
	goodBr, _ := compress.Brotli(raw)
	staleBr, _ := compress.Brotli([]byte("an older build"))
	tests := []struct {
		name       string
		gz, br     []byte // nil: the sibling is missing
		wantReused bool
	}{
		{"both up to date", goodGz, goodBr, true},
		{"stale brotli", goodGz, staleBr, false},
		{"damaged gzip", goodGz[:len(goodGz)/2], goodBr, false},
		{"missing", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			web := newWeb(t)
			for ext, b := range map[string][]byte{".gz": tt.gz, ".br": tt.br} {
				if b != nil {
					if err := os.WriteFile(filepath.Join(web, "netflix-donation.wasm"+ext), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			res, err := Build(Config{WebDir: web, Version: "1.2.3", OutDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			got := readTree(t, res.Dir)
			// The wasm_exec.js copies never exist in this test, so the
			// bundle as a whole never reports reuse; check the .wasm copies.
			if tt.wantReused && (!bytes.Equal(got["netflix-donation.wasm.gz"], tt.gz) || !bytes.Equal(got["netflix-donation.wasm.br"], tt.br)) {
				t.Error("valid copies in web/ were not shipped as they are")
			}
			if res.ReusedCompression {
				t.Error("ReusedCompression is true although wasm_exec.js had no copies")
			}
			b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(got["netflix-donation.wasm.br"])))
			if err != nil || !bytes.Equal(b, raw) {
				t.Errorf("shipped .br does not decompress to the .wasm (%v)", err)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(web string) error
		version string
		base    string
		want    string
	}{
		{"no wasm", func(web string) error { return os.Remove(filepath.Join(web, "netflix-donation.wasm")) }, "1.2.3", "", "make wasm"},
		{"no element", func(web string) error { return os.Remove(filepath.Join(web, "netflix-donation-element.js")) }, "1.2.3", "", "missing"},
		{"loader version differs", nil, "1.2.4", "", `says version "1.2.3"`},
		{"bad version", nil, "v1.2", "", "not of the form"},
		{"version with a path", nil, "1.2.3/../x", "", "not of the form"},
		{"base without slash", nil, "1.2.3", "https://example.org/widget", "must end with /"},
		{"javascript base", nil, "1.2.3", "javascript:alert(1)//", "https://"},
		{"base with query", nil, "1.2.3", "https://example.org/w/?a=1", "plain folder URL"},
		{"base with quote", nil, "1.2.3", `https://example.org/"onload=x/`, "escaping"},
		{"relative base", nil, "1.2.3", "/widget/", "https://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			web := newWeb(t)
			if tt.edit != nil {
				if err := tt.edit(web); err != nil {
					t.Fatal(err)
				}
			}
			out := t.TempDir()
			_, err := Build(Config{WebDir: web, Version: tt.version, OutDir: out, BaseURL: tt.base})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("a failed build left %d entries in the output folder", len(entries))
			}
		})
	}
}

func TestBuildReplacesOldFolder(t *testing.T) {
	web, out := newWeb(t), t.TempDir()
	stale := filepath.Join(out, "netflix-donation-1.2.3", "removed-since.js")
	writeTree(t, filepath.Dir(stale), map[string]string{"removed-since.js": "old"})
	if _, err := Build(Config{WebDir: web, Version: "1.2.3", OutDir: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"netflix-donation-1.2.3", "netflix-donation-1.2.3.zip"}) {
		t.Errorf("output folder holds %q (temporary files left?)", names)
	}
}

func TestRun(t *testing.T) {
	web, out := newWeb(t), t.TempDir()
	vf := filepath.Join(t.TempDir(), "VERSION")
	if err := os.WriteFile(vf, []byte("1.2.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-web", web, "-version-file", vf, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"netflix-donation-1.2.3/: 19 files", "brotli", "participant download", "netflix-donation-1.2.3.zip: ", "not shipped: examples/.DS_Store, i18n/i18n_test.go"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	stderr.Reset()
	if code := run([]string{"-out", out, "extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("extra argument: exit %d, want 2", code)
	}
	if code := run([]string{"-version-file", filepath.Join(out, "nope")}, &stdout, &stderr); code != 1 {
		t.Errorf("missing VERSION: exit %d, want 1", code)
	}
}
