// Command survey-gen writes a deterministic synthetic survey response
// export (Qualtrics or LimeSurvey CSV) holding Netflix donations, for
// trying out `netflix-summary collect` and for its benchmark
// (`make bench-collect`).
//
// Usage:
//
//	survey-gen [-responses N] [-seed S] [-platform qualtrics|limesurvey]
//	           [-cases=false] [-part-chars N] [-truth FILE] -out EXPORT.csv
//
// Every donation is a real one with a valid checksum, made by the
// extractor from synthetic Netflix exports. With -cases (the default)
// the export holds every kind of respondent a study meets (declines with
// each reason, errors, dropouts, cut and altered donations, donations
// that break an invariant, duplicates; see package surveygen); -truth
// writes the answer key for each row as JSON. The same flags always give
// the same bytes.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/netflix-donation/widget/internal/surveygen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args and writes the export; it returns the exit status.
func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("survey-gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg surveygen.Config
	fl.IntVar(&cfg.Responses, "responses", 1000, "data rows")
	fl.Int64Var(&cfg.Seed, "seed", 1, "random seed; the same flags give the same bytes")
	platform := fl.String("platform", "qualtrics", "export format: qualtrics or limesurvey")
	fl.BoolVar(&cfg.Cases, "cases", true, "every kind of respondent, not only good donations")
	fl.IntVar(&cfg.PartChars, "part-chars", 0, "Qualtrics: donations longer than this are split over NAME_part_N (default 8000)")
	out := fl.String("out", "", "the export file to write")
	truthPath := fl.String("truth", "", "write the answer key as JSON to this file")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() != 0 {
		fmt.Fprintln(stderr, "survey-gen: -out EXPORT.csv is required, and no other arguments")
		return 2
	}
	cfg.Platform = surveygen.Platform(*platform)
	if err := write(cfg, *out, *truthPath); err != nil {
		fmt.Fprintln(stderr, "survey-gen:", err)
		os.Remove(*out)
		return 1
	}
	return 0
}

func write(cfg surveygen.Config, out, truthPath string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	truth, err := surveygen.Write(f, cfg)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || truthPath == "" {
		return err
	}
	tf, err := os.Create(truthPath)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(tf)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", " ")
	err = enc.Encode(truth)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	return err
}
