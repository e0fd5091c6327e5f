// Command bench is `make bench`: it measures the widget against a
// JSZip + PapaParse peer and the native CLI (see package bench), prints
// one table and writes it as JSON to bench/results/<time>.json.
//
// Usage:
//
//	bench [-sizes 10000,50000,200000,1000000] [-seed 1] [-reps 5] [-chromium /usr/bin/chromium] [-out bench/results]
//	bench -show bench/results/<time>.json
//
// -web DIR measures the widget built into DIR instead of web/ (for
// example a variant of the engine). -compare DIR also loads the build in
// DIR as a second engine in the same page and times both in turn on
// every file (A/B), checking that they give the same JSON.
// -show prints the table of a stored result again, without measuring.
// Run it from the repository root after `make wasm` and, for the peer,
// `npm ci` in bench/. The exports are generated into bench/data/ and
// reused by later runs with the same seed.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/netflix-donation/widget/bench"
)

func main() {
	sizes := flag.String("sizes", "10000,50000,200000,1000000", "comma-separated export sizes in rows")
	seed := flag.Int64("seed", 1, "generator seed")
	reps := flag.Int("reps", 5, "warm repetitions per measurement")
	chromium := flag.String("chromium", "/usr/bin/chromium", "browser binary")
	out := flag.String("out", filepath.Join("bench", "results"), "directory for the JSON result")
	web := flag.String("web", "", "directory of the widget's built files (default web/): to measure another build")
	compare := flag.String("compare", "", "directory of a second build of the widget: time both in turn (A/B)")
	show := flag.String("show", "", "print the table of a stored result and exit")
	flag.Parse()
	if *show != "" {
		os.Exit(showResult(*show))
	}

	cfg := bench.Config{Root: ".", WebDir: *web, CompareWebDir: *compare, Seed: *seed, Reps: *reps, Chromium: *chromium, Log: os.Stderr}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "bench: bad size %q\n", s)
			os.Exit(2)
		}
		cfg.Sizes = append(cfg.Sizes, n)
	}
	root, err := filepath.Abs(".")
	if err == nil {
		cfg.Root = root
	}
	if _, err := os.Stat(filepath.Join(cfg.Root, "go.mod")); err != nil {
		fmt.Fprintln(os.Stderr, "bench: run me from the repository root")
		os.Exit(2)
	}
	res, err := bench.Run(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Println()
	if err := res.Table(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	name, err := res.WriteJSON(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Println("\nwritten:", name)
}

// showResult prints the table of the result stored in name.
func showResult(name string) int {
	b, err := os.ReadFile(name)
	if err == nil {
		var r bench.Result
		if err = json.Unmarshal(b, &r); err == nil {
			err = r.Table(os.Stdout)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return 0
}
