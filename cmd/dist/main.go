// Command dist writes the release bundle of the widget for survey
// authors: the folder a static host needs, and a zip of it.
//
// Usage:
//
//	dist [-web web] [-version-file VERSION] [-out dist] [-base-url URL]
//
// It writes OUT/netflix-donation-<version>/ (the version is read from the
// VERSION file) with the loader (netflix-donation.js), the element
// (netflix-donation-element.js, element/, i18n/), the engine (engine.js,
// worker.js, wasm_exec.js, netflix-donation.wasm, the last two with .gz
// and .br copies beside them), the examples, a README.md for authors,
// embed-snippet.html (the loader <script> with its Subresource Integrity
// hash, and the <netflix-donation> markup) and integrity.json (the hash
// and size of every file). Then OUT/netflix-donation-<version>.zip of that
// folder, deterministic: sorted entries, fixed times and modes.
//
// -base-url is the address the folder will have on the host (ending in
// "/"); the snippet then needs no editing. Without it the snippet names
// https://YOUR-HOST/netflix-donation-<version>/.
//
// The .wasm must be built first (`make wasm`, which `make dist` runs). The
// .gz and .br copies `make wasm` leaves in web/ are reused when they
// decompress to exactly the shipped file, and compressed afresh otherwise.
// The command prints the bundle's size, its brotli size, the size of what
// a participant's browser downloads, and the zip's size.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command with its arguments and outputs, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("dist", flag.ContinueOnError)
	fl.SetOutput(stderr)
	web := fl.String("web", "web", "the widget's source folder")
	versionFile := fl.String("version-file", "VERSION", "file holding the release version")
	out := fl.String("out", "dist", "output folder")
	base := fl.String("base-url", "", "URL the bundle folder will be served from, ending in / (default: a placeholder)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "dist: unexpected arguments %q\n", fl.Args())
		return 2
	}
	v, err := os.ReadFile(*versionFile)
	if err != nil {
		fmt.Fprintln(stderr, "dist:", err)
		return 1
	}
	res, err := Build(Config{WebDir: *web, Version: strings.TrimSpace(string(v)), OutDir: *out, BaseURL: *base})
	if err != nil {
		fmt.Fprintln(stderr, "dist:", err)
		return 1
	}
	report(stdout, res)
	return 0
}

// report prints where the bundle went and what it weighs.
func report(w io.Writer, r Result) {
	n, size, br := r.Totals()
	raw, dl := r.Download()
	fmt.Fprintf(w, "%s/: %d files, %s (with the .gz and .br copies); brotli %s\n", r.Dir, n, mb(size), mb(br))
	fmt.Fprintf(w, "participant download (loader, element, translations, engine, worker, wasm_exec.js, .wasm): %s, brotli %s\n", mb(raw), mb(dl))
	fmt.Fprintf(w, "%s: %s\n", r.Zip, mb(r.ZipSize))
	if !r.ReusedCompression {
		fmt.Fprintln(w, "note: the .gz/.br copies in web/ were missing or stale; compressed afresh")
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "not shipped: %s\n", strings.Join(r.Skipped, ", "))
	}
}

func mb(n int64) string { return fmt.Sprintf("%d B (%.2f MB)", n, float64(n)/1e6) }
