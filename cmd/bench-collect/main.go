// Command bench-collect measures `netflix-summary collect` on a generated
// survey export: it writes a deterministic Qualtrics export of N
// responses (package surveygen: real donations split over
// netflix_donation_part_N fields, every kind of respondent) into a
// temporary folder, runs the collect binary on it as a child process,
// and prints the responses, the export's size, the wall-clock seconds
// and the child's peak resident memory. `make bench-collect` builds the
// binary and runs this.
//
// Usage:
//
//	bench-collect -bin PATH [-responses 100000] [-reps 1] [-args "--workers 2"] [-snippets DIR]
//
// With -snippets (the folder docs/snippets), it then times the Python and
// R snippets of docs/researchers.md on the tables, where python3 and
// Rscript are installed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/netflix-donation/widget/internal/surveygen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench-collect", flag.ContinueOnError)
	fl.SetOutput(stderr)
	bin := fl.String("bin", "", "the netflix-summary binary to measure")
	responses := fl.Int("responses", 100000, "responses in the generated export")
	reps := fl.Int("reps", 1, "runs of collect on the same export")
	extra := fl.String("args", "", "more arguments for collect, space-separated")
	snippets := fl.String("snippets", "", "folder of the researchers' snippets to time on the tables")
	writeExport := fl.String("write-export", "", "only write the export to this file (how the benchmark generates it in a process of its own)")
	err := fl.Parse(args)
	if err == nil && *writeExport != "" {
		if err := generate(*writeExport, *responses); err != nil {
			fmt.Fprintln(stderr, "generate:", err)
			return 1
		}
		return 0
	}
	if err != nil || *bin == "" {
		fmt.Fprintln(stderr, "usage: bench-collect -bin PATH [-responses N] [-reps N] [-args ARGS]")
		return 2
	}
	dir, err := os.MkdirTemp("", "bench-collect-")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	export := filepath.Join(dir, "export.csv")
	// Linux counts the memory of the process that starts collect in
	// collect's peak (the exec'ing process's address space is collect's
	// until exec), so the export is generated in another process and this
	// one stays small.
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	start := time.Now()
	gen := exec.Command(self, "-write-export", export, "-responses", fmt.Sprint(*responses))
	gen.Stdout, gen.Stderr = stderr, stderr
	if err := gen.Run(); err != nil {
		fmt.Fprintln(stderr, "generate:", err)
		return 1
	}
	fi, _ := os.Stat(export)
	fmt.Fprintf(stderr, "generated %d responses (%.2f GB) in %.0f s\n", *responses, float64(fi.Size())/1e9, time.Since(start).Seconds())
	fmt.Fprintln(stdout, "| responses | export | seconds | peak memory |\n| --- | --- | --- | --- |")
	for range *reps {
		cmdArgs := append([]string{"collect", export, "--column", "netflix_donation", "--out", filepath.Join(dir, "tables")}, strings.Fields(*extra)...)
		cmd := exec.Command(*bin, cmdArgs...)
		cmd.Stderr = stderr
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(stderr, "collect:", err)
			return 1
		}
		secs := time.Since(t0).Seconds()
		rss := int64(0)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss // kilobytes on Linux
		}
		fmt.Fprintf(stdout, "| %d | %.2f GB | %.1f s | %.0f MB |\n", *responses, float64(fi.Size())/1e9, secs, float64(rss)/1024)
	}
	if *snippets != "" {
		timeSnippets(stdout, stderr, *snippets, dir)
	}
	return 0
}

// generate writes the deterministic export of n responses to path.
func generate(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = surveygen.Write(f, surveygen.Config{Responses: n, Seed: 1, Cases: true})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// timeSnippets runs each snippet in dir (which holds tables/) and prints
// its seconds.
func timeSnippets(stdout, stderr io.Writer, snippets, dir string) {
	for _, s := range []struct{ tool, file string }{{"python3", "hours_per_month.py"}, {"Rscript", "hours_per_month.R"}} {
		tool, err := exec.LookPath(s.tool)
		if s.tool == "python3" && (err != nil || exec.Command(tool, "-c", "import pandas, matplotlib").Run() != nil) {
			// Debian's python3-pandas, as CI installs it.
			tool, err = "/usr/bin/python3", exec.Command("/usr/bin/python3", "-c", "import pandas, matplotlib").Run()
		}
		if err != nil {
			fmt.Fprintf(stdout, "%s: not installed\n", s.tool)
			continue
		}
		abs, _ := filepath.Abs(filepath.Join(snippets, s.file))
		cmd := exec.Command(tool, abs)
		cmd.Dir = dir
		cmd.Stderr = io.Discard
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", s.file, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: %.1f s\n", s.file, time.Since(t0).Seconds())
	}
}
