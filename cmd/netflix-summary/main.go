// Command netflix-summary turns a Netflix "Download your personal
// information" export into the same viewing summary the browser widget
// computes, so that researchers can check a donation offline and process
// many exports.
//
// Usage:
//
//	netflix-summary [flags] PATH
//	netflix-summary collect EXPORT.csv --column NAME --out DIR
//
// PATH is the export ZIP, the unzipped folder, or a lone ViewingActivity.csv.
// The summary JSON is printed on stdout (exit status 0). On an error the
// command prints "error: <code>: <message>" on stderr and exits with 1; the
// codes are those of the extractor package. Flags:
//
//	--tz NAME            IANA time zone for local days, months and hours (default UTC)
//	--profile NAME|all   profile to include; repeat for several (default all)
//	--min-seconds N      views shorter than N seconds count as short (default 60)
//	--from YYYY-MM-DD    first local date to include
//	--to YYYY-MM-DD      last local date to include
//	--titles none|top|all  title detail (default top)
//	--top N              titles kept with --titles top (default 25)
//	--account LIST       comma-separated account blocks to add (profiles,searches,ratings,my_list,tenure)
//	--share              print the donation as the widget shares it (with checksum)
//	--blocks LIST        with --share: comma-separated blocks to share (default: every block read)
//	--remove-title NAME  with --share: a title the participant removed; repeat for several
//	--max-bytes N        with --share: the byte budget of the donation (the widget's default is 20000)
//
// With the same export, time zone, profiles, options and choices, --share
// prints byte for byte what the widget hands to the survey.
//
// The collect subcommand turns a survey platform's response export into
// tidy tables; see docs/researchers.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// repeated is a repeatable flag (--profile, --remove-title).
type repeated []string

func (p *repeated) String() string     { return strings.Join(*p, ",") }
func (p *repeated) Set(v string) error { *p = append(*p, v); return nil }

// run is the whole command, separated from main for tests. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "collect" {
		return runCollect(args[1:], stdout, stderr)
	}
	opts := extractor.DefaultOptions()
	var profiles repeated
	var account string
	titles := string(opts.Titles)
	var share bool
	var maxBytes int
	var blocks string
	var remove repeated
	fs := flag.NewFlagSet("netflix-summary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.TimeZone, "tz", opts.TimeZone, "IANA time zone for local buckets")
	fs.Var(&profiles, "profile", "profile name to include, or all (repeatable)")
	fs.IntVar(&opts.MinSeconds, "min-seconds", opts.MinSeconds, "minimum view length in seconds")
	fs.StringVar(&opts.From, "from", "", "first local date YYYY-MM-DD")
	fs.StringVar(&opts.To, "to", "", "last local date YYYY-MM-DD")
	fs.StringVar(&titles, "titles", titles, "title detail: none, top or all")
	fs.IntVar(&opts.Top, "top", opts.Top, "titles kept with --titles top")
	fs.StringVar(&account, "account", "", "comma-separated account blocks")
	fs.BoolVar(&share, "share", false, "print the donation as shared, with checksum")
	fs.IntVar(&maxBytes, "max-bytes", 0, "with --share: byte budget")
	fs.StringVar(&blocks, "blocks", "", "with --share: comma-separated blocks to share")
	fs.Var(&remove, "remove-title", "with --share: a title to remove (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: netflix-summary [flags] PATH\n       netflix-summary collect EXPORT.csv --column NAME --out DIR")
		fs.PrintDefaults()
	}

	// Flags may come before or after PATH.
	var paths []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(paths) != 1 {
		fs.Usage()
		return 2
	}
	if !(len(profiles) == 1 && profiles[0] == "all") {
		opts.Profiles = profiles
	}
	opts.Titles = extractor.TitleDetail(titles)
	if account != "" {
		opts.Account = strings.Split(account, ",")
	}

	so := donation.ShareOptions{MaxBytes: maxBytes, RemoveTitles: remove}
	if blocks != "" {
		so.Blocks = strings.Split(blocks, ",")
	}
	out, err := summarize(paths[0], opts, share, so)
	if err != nil {
		fmt.Fprintf(stderr, "error: %s: %s\n", codes.Of(err), message(err))
		return 1
	}
	stdout.Write(append(out, '\n'))
	return 0
}

func summarize(path string, opts extractor.Options, share bool, so donation.ShareOptions) ([]byte, error) {
	if _, err := os.Stat(path); err != nil {
		// Not one of the extractor's codes: the file is not there to read.
		return nil, &codes.Error{Code: "cannot_read", Msg: "cannot read " + path, Err: err}
	}
	files, closer, err := input.OpenPath(path, input.Options{})
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		return nil, err
	}
	if share {
		return donation.Share(s, so)
	}
	return s.JSON()
}

// message is the part of err after its code, or the whole text of an
// error that is not the extractor's (a file that cannot be opened).
func message(err error) string {
	var e *codes.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}
