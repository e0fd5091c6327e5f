// Command netflix-gen writes a deterministic synthetic Netflix export for
// tests, benchmarks and the demo page.
//
// Usage:
//
//	netflix-gen [-rows N] [-seed S] [-canary STR] [-top-folder NAME]
//	            [-lenient] [-malformed] [-format zip|csv|folder]
//	            [-truth FILE] -out PATH
//
// -format zip (the default) writes a complete "Download your personal
// information" ZIP with netflix-report/ and all its tables; csv writes
// ViewingActivity.csv alone; folder writes the unzipped export into the
// directory PATH (PATH/netflix-report/...), as macOS Safari leaves it.
// The same flags always give the same bytes.
//
// -rows is the number of ViewingActivity data rows (default 20000), split
// over a default household of four profiles. -canary puts a unique string
// into profile names, some titles, device strings, countries and the fake
// e-mail, phone, IP and ESN data, for privacy tests. -top-folder adds an
// extra folder above netflix-report/. -lenient adds spreadsheet re-save
// Start Times and -malformed unparseable Start Time or Duration cells.
//
// The generator's answer key (package synth's Truth: rows per profile,
// supplemental, short and hidden rows, views of 60 s or more and their
// seconds, ...) is printed as JSON on stderr, or written to FILE with
// -truth.
//
// Example, the sample the demo page offers:
//
//	go run ./cmd/netflix-gen -rows 20000 -seed 1 -out sample/netflix-sample.zip
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/netflix-donation/widget/internal/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args, writes the export and reports the Truth; it returns
// the exit code.
func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("netflix-gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg synth.Config
	fl.IntVar(&cfg.Rows, "rows", 20000, "ViewingActivity data rows")
	fl.Int64Var(&cfg.Seed, "seed", 1, "random seed; the same flags give the same bytes")
	fl.StringVar(&cfg.Canary, "canary", "", "unique string to plant in names, titles, devices, countries and account data")
	fl.StringVar(&cfg.TopFolder, "top-folder", "", "extra folder above netflix-report/")
	fl.BoolVar(&cfg.Lenient, "lenient", false, "also write spreadsheet re-save Start Times")
	fl.BoolVar(&cfg.Malformed, "malformed", false, "also write rows with unparseable Start Time or Duration")
	format := fl.String("format", "zip", "output: zip, csv or folder")
	out := fl.String("out", "", "output file (zip, csv) or directory (folder)")
	truthPath := fl.String("truth", "", "write the Truth JSON to this file instead of stderr")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() != 0 {
		fmt.Fprintln(stderr, "netflix-gen: -out PATH is required, and no other arguments")
		fl.Usage()
		return 2
	}
	truth, err := generate(cfg, *format, *out)
	if err != nil {
		fmt.Fprintln(stderr, "netflix-gen:", err)
		return 1
	}
	js, _ := json.MarshalIndent(truth, "", "  ")
	js = append(js, '\n')
	if *truthPath == "" {
		stderr.Write(js)
		return 0
	}
	if err := os.WriteFile(*truthPath, js, 0o644); err != nil {
		fmt.Fprintln(stderr, "netflix-gen:", err)
		return 1
	}
	return 0
}

// generate writes the export in the given format to out.
func generate(cfg synth.Config, format, out string) (synth.Truth, error) {
	switch format {
	case "folder":
		return synth.WriteFolder(out, cfg)
	case "zip", "csv":
	default:
		return synth.Truth{}, errors.New("-format must be zip, csv or folder")
	}
	f, err := os.Create(out)
	if err != nil {
		return synth.Truth{}, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	var truth synth.Truth
	if format == "zip" {
		truth, err = synth.WriteZip(bw, cfg)
	} else {
		truth, err = synth.WriteViewingActivity(bw, cfg)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out) // no half-written export left behind
	}
	return truth, err
}
