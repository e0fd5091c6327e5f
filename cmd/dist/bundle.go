package main

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/internal/compress"
)

// Config says what to bundle and where to write it.
type Config struct {
	WebDir  string // the widget's sources: web/ of the repository
	Version string // the release version, e.g. "0.1.0" (the VERSION file)
	OutDir  string // the bundle goes to OutDir/netflix-donation-<Version>/ and .zip
	// BaseURL is where the folder will be served from, ending in "/". It
	// is written into the snippet; "" writes a placeholder
	// (https://YOUR-HOST/netflix-donation-<Version>/) for authors to edit.
	BaseURL string
}

// File is one file of a written bundle.
type File struct {
	Path    string `json:"-"` // slash-separated, relative to the bundle folder
	Size    int64  `json:"size"`
	Brotli  int64  `json:"-"` // its brotli size; 0 for the .gz and .br copies
	SRI     string `json:"integrity"`
	Runtime bool   `json:"-"` // loaded by a participant's browser
}

// Result describes a written bundle.
type Result struct {
	Name    string   // netflix-donation-<version>
	Dir     string   // the bundle folder
	Zip     string   // the .zip of the folder
	ZipSize int64    // bytes
	Files   []File   // sorted by Path
	Skipped []string // source files left out (tests, dot files)
	// ReusedCompression reports that the .gz and .br copies came from
	// web/ (written by `make wasm`) rather than being compressed again.
	ReusedCompression bool
}

// Totals sums the bundle: all files as they lie in the folder, and the
// brotli sizes of the files a server would compress (not the copies).
func (r Result) Totals() (files int, size, brotliSize int64) {
	for _, f := range r.Files {
		size += f.Size
		brotliSize += f.Brotli
	}
	return len(r.Files), size, brotliSize
}

// Download sums what a participant's browser fetches: the runtime files,
// raw and brotli-compressed.
func (r Result) Download() (raw, brotliSize int64) {
	for _, f := range r.Files {
		if f.Runtime {
			raw += f.Size
			brotliSize += f.Brotli
		}
	}
	return raw, brotliSize
}

// placeholderHost is the host the snippet names when no base URL is given.
const placeholderHost = "https://YOUR-HOST/"

// Build writes the release bundle described by cfg: the folder (replacing
// an older one of the same version) and its deterministic zip.
func Build(cfg Config) (Result, error) {
	if !validVersion.MatchString(cfg.Version) {
		return Result{}, fmt.Errorf("version %q is not of the form 1.2.3", cfg.Version)
	}
	name := "netflix-donation-" + cfg.Version
	base, err := baseURL(cfg.BaseURL, name)
	if err != nil {
		return Result{}, err
	}
	sources, skipped, err := readSources(cfg.WebDir)
	if err != nil {
		return Result{}, err
	}
	byPath := map[string][]byte{}
	for _, s := range sources {
		byPath[s.path] = s.data
	}
	if err := checkLoaderVersion(byPath["netflix-donation.js"], cfg.Version); err != nil {
		return Result{}, err
	}

	res := Result{Name: name, Skipped: skipped, ReusedCompression: true}
	var out []source
	for _, s := range sources {
		out = append(out, s)
		if !slices.Contains(precompressedFiles, s.path) {
			continue
		}
		sibling := func(ext string) ([]byte, error) { return os.ReadFile(filepath.Join(cfg.WebDir, s.path+ext)) }
		p, err := compressedCopies(s.data, sibling)
		if err != nil {
			return Result{}, fmt.Errorf("compressing %s: %w", s.path, err)
		}
		res.ReusedCompression = res.ReusedCompression && p.reused
		out = append(out, source{path: s.path + ".gz", data: p.gz}, source{path: s.path + ".br", data: p.br})
	}

	docs := docData{
		Version:   cfg.Version,
		Name:      name,
		BaseURL:   base,
		LoaderSRI: sri(byPath["netflix-donation.js"]),
	}
	snippet, err := renderSnippet(docs)
	if err != nil {
		return Result{}, err
	}
	docs.Snippet = string(snippet)
	docs.Placeholder = cfg.BaseURL == ""
	readme, err := renderReadme(docs)
	if err != nil {
		return Result{}, err
	}
	out = append(out, source{path: "embed-snippet.html", data: snippet}, source{path: "README.md", data: readme})
	slices.SortFunc(out, func(a, b source) int { return strings.Compare(a.path, b.path) })

	// integrity.json: the SRI hash and size of every other file, so a
	// copy on a host can be checked against the release.
	manifest := struct {
		Version string          `json:"version"`
		Files   map[string]File `json:"files"`
	}{cfg.Version, map[string]File{}}
	for _, s := range out {
		f := File{Path: s.path, Size: int64(len(s.data)), SRI: sri(s.data), Runtime: s.runtime}
		if !isCopy(s.path) {
			br, err := brotliSize(s, out)
			if err != nil {
				return Result{}, err
			}
			f.Brotli = br
		}
		res.Files = append(res.Files, f)
		manifest.Files[s.path] = f
	}
	mj, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return Result{}, err
	}
	mj = append(mj, '\n')
	mbr, err := compress.Brotli(mj)
	if err != nil {
		return Result{}, err
	}
	out = append(out, source{path: "integrity.json", data: mj})
	res.Files = append(res.Files, File{Path: "integrity.json", Size: int64(len(mj)), SRI: sri(mj), Brotli: int64(len(mbr))})
	slices.SortFunc(out, func(a, b source) int { return strings.Compare(a.path, b.path) })
	slices.SortFunc(res.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })

	if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
		return Result{}, err
	}
	res.Dir = filepath.Join(cfg.OutDir, name)
	if err := writeFolder(res.Dir, out); err != nil {
		return Result{}, err
	}
	res.Zip = filepath.Join(cfg.OutDir, name+".zip")
	if res.ZipSize, err = writeZip(res.Zip, name, out); err != nil {
		return Result{}, err
	}
	return res, nil
}

// isCopy reports whether p is a pre-compressed copy of another file.
func isCopy(p string) bool {
	ext := path.Ext(p)
	return ext == ".gz" || ext == ".br"
}

// brotliSize is the brotli size of s: the length of its shipped .br copy
// when there is one, else of a fresh compression.
func brotliSize(s source, all []source) (int64, error) {
	for _, o := range all {
		if o.path == s.path+".br" {
			return int64(len(o.data)), nil
		}
	}
	b, err := compress.Brotli(s.data)
	return int64(len(b)), err
}

// sri is the Subresource Integrity value of data: "sha384-" and the
// base64 of its SHA-384 digest.
func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// baseURL checks the folder URL of the snippet, or returns the
// placeholder. It must be an absolute http(s) URL ending in "/", with no
// query, fragment or characters that would need escaping in HTML.
func baseURL(raw, name string) (string, error) {
	if raw == "" {
		return placeholderHost + name + "/", nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("base URL: %w", err)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return "", fmt.Errorf("base URL %q: must start with https:// (or http:// for local tests)", raw)
	case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?"):
		return "", fmt.Errorf("base URL %q: must be a plain folder URL like https://host/path/", raw)
	case !strings.HasSuffix(raw, "/"):
		return "", fmt.Errorf("base URL %q: must end with /", raw)
	case strings.ContainsAny(raw, "\"'<>&` \t\r\n"):
		return "", fmt.Errorf("base URL %q: contains characters that need escaping", raw)
	}
	return raw, nil
}

// writeFolder writes files into dir, replacing dir. It builds a sibling
// temporary folder first, so an interrupted build leaves the old one.
func writeFolder(dir string, files []source) error {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // after a successful rename there is nothing left
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}
