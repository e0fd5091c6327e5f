package main

// The collect subcommand: a survey platform's response export in, tidy
// CSV tables for R or pandas out, with a codebook, a Frictionless
// descriptor and provenance. See docs/researchers.md.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/netflix-donation/widget/donation"
)

const collectUsage = `usage: netflix-summary collect EXPORT.csv --column NAME --out DIR [--id COLUMN]
       [--status-column NAME|none] [--error-column NAME|none] [--keep COL,...] [--workers N] [--progress]

Reads a Qualtrics, LimeSurvey, SoSci Survey or other survey response export
(CSV, separated by commas, semicolons or tabs), finds
the donation in column NAME (or NAME_part_1 ... NAME_part_N), verifies
every donation (JSON, schema, checksum, invariants), reads the widget's
participation status (NAME_status or NAMEstatus by default) and writes to
DIR: respondents.csv, the long tables (months, weekday_hour, devices,
titles, account_*), month_coverage.csv, funnel.csv, report.csv,
warnings.csv, duplicates.csv, report.txt, codebook.md, datapackage.json
and provenance.json. See docs/researchers.md.
`

// collectConfig is the parsed command line of collect.
type collectConfig struct {
	export       string
	column       string
	out          string
	idColumn     string
	statusColumn string
	errorColumn  string
	keep         []string
	workers      int
	progress     bool
	args         []string // as given, for provenance.json
}

// runCollect runs `netflix-summary collect` and returns the exit status:
// 0 when the tables were written (bad donations are reported, not
// errors), 1 when the export cannot be read or the tables not written, 2
// for a usage error.
func runCollect(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseCollectArgs(args)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "error:", err)
		}
		fmt.Fprint(stderr, collectUsage)
		return 2
	}
	var bar *progressBar
	if cfg.progress || isTerminal(stderr) {
		bar = &progressBar{w: stderr}
	}
	sum, err := collect(cfg, bar)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	fmt.Fprint(stdout, sum.text())
	return 0
}

// parseCollectArgs reads flags and the export path, which may come before
// or after the flags.
func parseCollectArgs(args []string) (collectConfig, error) {
	cfg := collectConfig{args: append([]string(nil), args...)}
	var keep string
	fs := flag.NewFlagSet("collect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.column, "column", "", "donation column name (without _part_N)")
	fs.StringVar(&cfg.out, "out", "", "output folder for the tables")
	fs.StringVar(&cfg.idColumn, "id", "", "respondent ID column (default: ResponseId, id, Response ID, SoSci's CASE, or the row number)")
	fs.StringVar(&cfg.statusColumn, "status-column", "", "participation status column (default: NAME_status or NAMEstatus if present; none: do not read one)")
	fs.StringVar(&cfg.errorColumn, "error-column", "", "the old Qualtrics example's error-code column (default: NAME_error if present; none: do not read one)")
	fs.StringVar(&keep, "keep", "", "comma-separated survey columns to carry into respondents.csv")
	fs.IntVar(&cfg.workers, "workers", runtime.GOMAXPROCS(0), "donations verified at once")
	fs.BoolVar(&cfg.progress, "progress", false, "show a progress bar on stderr even when it is not a terminal")
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return cfg, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	for _, k := range strings.Split(keep, ",") {
		if k = strings.TrimSpace(k); k != "" {
			cfg.keep = append(cfg.keep, k)
		}
	}
	switch {
	case len(positional) != 1:
		return cfg, errors.New("give exactly one survey export file")
	case cfg.column == "":
		return cfg, errors.New("--column is required")
	case cfg.out == "":
		return cfg, errors.New("--out is required")
	case cfg.workers < 1:
		return cfg, errors.New("--workers must be at least 1")
	}
	book, err := collectBook(nil)
	if err != nil {
		return cfg, err
	}
	for _, k := range cfg.keep {
		if book.Tables[0].Column(k) != nil {
			return cfg, fmt.Errorf("--keep %s: respondents.csv has a column of that name already", k)
		}
	}
	cfg.export = positional[0]
	return cfg, nil
}

// collectSummary counts what collect did, for stdout and report.txt.
type collectSummary struct {
	export, format, column string
	statusColumn, legacy   string
	rows                   int
	byStatus               map[donation.Status]int
	warned                 int
	duplicateIDs           int // rows in id groups
	duplicateDonations     int // rows in donation groups
	bad                    []badRow
	started, finished      time.Time
}

// badRow is one donation that is not ok, for report.txt.
type badRow struct {
	id     string
	row    int
	status donation.Status
	reason string
}

// statusOrder lists the statuses from good to bad, for reports.
func statusOrder() []donation.Status {
	return []donation.Status{donation.StatusOK, donation.StatusDeclined, statusError, donation.StatusMissing, donation.StatusTruncated, donation.StatusInvalid}
}

func (s *collectSummary) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s export, column %q, %d respondents\n", s.export, s.format, s.column, s.rows)
	for i, st := range statusOrder() {
		if i > 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%s: %d", st, s.byStatus[st])
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "warnings: %d respondents  duplicate ids: %d rows  duplicate donations: %d rows\n", s.warned, s.duplicateIDs, s.duplicateDonations)
	switch {
	case s.statusColumn != "":
		fmt.Fprintf(&b, "participation status from column %q\n", s.statusColumn)
	default:
		b.WriteString("no participation status column: dropouts cannot be told from respondents who never reached the widget\n")
	}
	return b.String()
}

// collect reads the export and writes everything into cfg.out.
func collect(cfg collectConfig, bar *progressBar) (*collectSummary, error) {
	// The heap holds a few batches at a time; collecting it less often
	// saves time, and the limit keeps memory flat all the same.
	defer debug.SetGCPercent(debug.SetGCPercent(300))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(110 << 20))

	sum := &collectSummary{export: cfg.export, column: cfg.column, byStatus: map[donation.Status]int{}, started: time.Now().UTC()}
	book, err := collectBook(cfg.keep)
	if err != nil {
		return nil, err
	}
	v, err := donation.NewVerifier()
	if err != nil {
		return nil, fmt.Errorf("cannot load the schema: %w", err)
	}
	f, err := os.Open(cfg.export)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64 = -1
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	in := newInputReader(f)
	sr, err := openSurvey(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}
	sum.format = sr.format
	lay, err := findLayout(sr, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}
	sum.statusColumn, sum.legacy = lay.statusName, lay.legacyName

	w, err := newCollectWriter(cfg.out, book)
	if err != nil {
		return nil, err
	}
	progress := func(rows int) {
		if bar != nil {
			bar.update(in.done.Load(), size, rows)
		}
	}
	if err := runPipeline(sr, &lay, v, cfg.workers, w, progress); err != nil {
		w.abort()
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}
	// Whatever follows the last record still belongs to the file's hash.
	if _, err := io.Copy(io.Discard, in); err != nil {
		w.abort()
		return nil, err
	}
	if bar != nil {
		bar.finish(w.rows)
	}
	sum.finished = time.Now().UTC()
	if err := w.finish(sum, cfg, in); err != nil {
		return nil, err
	}
	return sum, nil
}

// runPipeline reads the records in this goroutine's helper, verifies
// them in workers, and hands the results to w in export order.
func runPipeline(sr *surveyReader, lay *layout, v *donation.Verifier, workers int, w *collectWriter, progress func(int)) error {
	const batchSize = 32
	type batch struct {
		seq  int
		jobs []job
		out  []*respondent
	}
	jobs := make(chan *batch, workers)
	done := make(chan *batch, workers)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	// At most this many batches are read but not yet written, however
	// the workers are scheduled: memory stays flat.
	inFlight := make(chan struct{}, 4*workers)
	go func() {
		defer close(jobs)
		seq, row := 0, 0
		b := &batch{seq: seq}
		for {
			rec, err := sr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr <- err
				return
			}
			row++
			if len(b.jobs) == 0 {
				select {
				case inFlight <- struct{}{}:
				case <-stop:
					return
				}
			}
			b.jobs = append(b.jobs, lay.jobOf(row, rec))
			if len(b.jobs) == batchSize {
				select {
				case jobs <- b:
				case <-stop:
					return
				}
				seq++
				b = &batch{seq: seq}
			}
		}
		if len(b.jobs) > 0 {
			select {
			case jobs <- b:
			case <-stop:
			}
		}
		readErr <- nil
	}()
	finished := make(chan struct{})
	for range workers {
		go func() {
			defer func() { finished <- struct{}{} }()
			for b := range jobs {
				b.out = make([]*respondent, len(b.jobs))
				for i, j := range b.jobs {
					b.out[i] = process(v, j)
				}
				b.jobs = nil
				done <- b
			}
		}()
	}
	go func() {
		for range workers {
			<-finished
		}
		close(done)
	}()

	pending := map[int]*batch{}
	next := 0
	var werr error
	for b := range done {
		pending[b.seq] = b
		for pending[next] != nil {
			cur := pending[next]
			delete(pending, next)
			next++
			for _, r := range cur.out {
				if werr == nil {
					werr = w.add(r)
				}
			}
			<-inFlight
			progress(w.rows)
		}
		if werr != nil {
			select {
			case <-stop:
			default:
				close(stop)
			}
		}
	}
	if werr != nil {
		return werr
	}
	return <-readErr
}

// progressBar draws "collect [#####     ]  50%  1234 respondents" on one
// terminal line, redrawn only when the percentage changes.
type progressBar struct {
	w    io.Writer
	last int
	drew bool
}

func (p *progressBar) update(done, total int64, rows int) {
	if total <= 0 {
		return
	}
	pct := int(min(done*100/total, 100))
	if p.drew && pct == p.last {
		return
	}
	p.last, p.drew = pct, true
	const width = 30
	fill := pct * width / 100
	fmt.Fprintf(p.w, "\rcollect [%s%s] %3d%%  %d respondents", strings.Repeat("#", fill), strings.Repeat(" ", width-fill), pct, rows)
}

func (p *progressBar) finish(rows int) {
	p.drew = false
	p.update(1, 1, rows)
	fmt.Fprintln(p.w)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// oneLine folds a message into one line of at most 300 bytes, for a
// CSV cell.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:297], "") + "..."
	}
	return s
}
