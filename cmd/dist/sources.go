package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// runtimeFiles are the files directly under web/ that a participant's
// browser loads. Each one must exist.
var runtimeFiles = []string{
	"netflix-donation.js",
	"netflix-donation-element.js",
	"engine.js",
	"contract.js",
	"worker.js",
	"wasm_exec.js",
	"netflix-donation.wasm",
}

// runtimeDirs hold modules the element imports: its screens, and the
// dictionary of every language (element/i18n.js loads the active one).
var runtimeDirs = []string{"element", "i18n"}

// extraDirs are shipped for authors but not loaded by the widget.
var extraDirs = []string{"examples"}

// shippedExt lists the file name extensions copied from the directories;
// anything else there (Go tests of the translations, notes) stays behind.
var shippedExt = []string{".js", ".html", ".css", ".svg", ".png", ".json"}

// precompressedFiles get .gz and .br copies beside them in the bundle.
var precompressedFiles = []string{"netflix-donation.wasm", "wasm_exec.js"}

// source is one file of the bundle before it is written.
type source struct {
	path    string // slash-separated, relative to the bundle folder
	data    []byte
	runtime bool // loaded by the participant's browser
}

// readSources reads the files of the bundle from webDir, sorted by path.
// It returns the paths it left out (for the build log).
func readSources(webDir string) (files []source, skipped []string, err error) {
	root, err := os.OpenRoot(webDir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	for _, name := range runtimeFiles {
		data, err := root.ReadFile(name)
		if err != nil {
			hint := ""
			if name == "netflix-donation.wasm" || name == "wasm_exec.js" {
				hint = " (run `make wasm` first)"
			}
			return nil, nil, fmt.Errorf("missing %s%s: %w", filepath.Join(webDir, name), hint, err)
		}
		files = append(files, source{path: name, data: data, runtime: true})
	}
	fsys := root.FS()
	for _, dir := range append(slices.Clone(runtimeDirs), extraDirs...) {
		runtime := slices.Contains(runtimeDirs, dir)
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := path.Base(p)
			if strings.HasPrefix(base, ".") {
				skipped = append(skipped, p)
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() || !slices.Contains(shippedExt, path.Ext(base)) {
				skipped = append(skipped, p)
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files = append(files, source{path: p, data: data, runtime: runtime})
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", filepath.Join(webDir, dir), err)
		}
	}
	slices.SortFunc(files, func(a, b source) int { return strings.Compare(a.path, b.path) })
	slices.Sort(skipped)
	return files, skipped, nil
}

// loaderVersion is the VERSION constant of netflix-donation.js.
var loaderVersion = regexp.MustCompile(`\bvar VERSION = '([^']*)';`)

// checkLoaderVersion makes sure the loader reports the version the
// bundle is named after, so NetflixDonation.version never lies.
func checkLoaderVersion(loader []byte, version string) error {
	m := loaderVersion.FindSubmatch(loader)
	if m == nil {
		return fmt.Errorf("netflix-donation.js has no `var VERSION = '...';` line")
	}
	if got := string(m[1]); got != version {
		return fmt.Errorf("netflix-donation.js says version %q but VERSION says %q: update one of them", got, version)
	}
	return nil
}

// validVersion is a semantic version without a leading v.
var validVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
