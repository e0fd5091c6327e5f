package main

// The collect subcommand: a survey platform's response export in, tidy
// CSV tables for R or pandas out. See docs/researchers.md.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/netflix-donation/widget/internal/donation"
)

const collectUsage = `usage: netflix-summary collect EXPORT.csv --column NAME --out DIR [--id COLUMN] [--progress]

Reads a Qualtrics or LimeSurvey response export (CSV), finds the donation
in column NAME (or NAME_part_1 ... NAME_part_N), verifies every donation
(JSON, schema, checksum) and writes tidy tables to DIR: respondents.csv,
months.csv, weekday_hour.csv, devices.csv, titles.csv, profiles.csv,
account_*.csv, and report.csv / report.txt listing declined, missing,
truncated and invalid donations.
`

// collectConfig is the parsed command line of collect.
type collectConfig struct {
	export   string
	column   string
	out      string
	idColumn string
	progress bool
}

// runCollect runs `netflix-summary collect` and returns the exit status:
// 0 when the tables were written (bad donations are reported, not
// errors), 1 when the export cannot be read or the tables not written, 2
// for a usage error.
func runCollect(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseCollectArgs(args, stderr)
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
func parseCollectArgs(args []string, stderr io.Writer) (collectConfig, error) {
	var cfg collectConfig
	fs := flag.NewFlagSet("collect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.column, "column", "", "donation column name (without _part_N)")
	fs.StringVar(&cfg.out, "out", "", "output folder for the tables")
	fs.StringVar(&cfg.idColumn, "id", "", "respondent ID column (default: ResponseId, id, or the row number)")
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
	switch {
	case len(positional) != 1:
		return cfg, errors.New("give exactly one survey export file")
	case cfg.column == "":
		return cfg, errors.New("--column is required")
	case cfg.out == "":
		return cfg, errors.New("--out is required")
	}
	cfg.export = positional[0]
	return cfg, nil
}

// collectSummary counts what collect did, for stdout and report.txt.
type collectSummary struct {
	export, format, column string
	rows                   int
	byStatus               map[donation.Status]int
	bad                    []badRow
}

// badRow is one donation that is not ok.
type badRow struct {
	id     string
	row    int
	status donation.Status
	reason string
}

// statusOrder lists the statuses from good to bad, for reports.
func statusOrder() []donation.Status {
	return []donation.Status{donation.StatusOK, donation.StatusDeclined, donation.StatusMissing, donation.StatusTruncated, donation.StatusInvalid}
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
	return b.String()
}

// collect reads the export and writes the tables.
func collect(cfg collectConfig, bar *progressBar) (*collectSummary, error) {
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
	counted := &countingReader{r: f}
	sr, err := openSurvey(counted)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}
	cols, err := donation.FindColumns(sr.header, cfg.column)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}
	idCol, err := sr.idColumn(cfg.idColumn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.export, err)
	}

	t, err := createTables(cfg.out)
	if err != nil {
		return nil, err
	}
	sum := &collectSummary{export: cfg.export, format: sr.format, column: cfg.column, byStatus: map[donation.Status]int{}}
	for {
		rec, err := sr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.close()
			return nil, fmt.Errorf("%s: %w", cfg.export, err)
		}
		sum.rows++
		id := strconv.Itoa(sum.rows)
		if idCol >= 0 && idCol < len(rec) && strings.TrimSpace(rec[idCol]) != "" {
			id = strings.TrimSpace(rec[idCol])
		}
		r := v.Check(cols.Value(rec))
		sum.byStatus[r.Status]++
		if r.Status != donation.StatusOK {
			sum.bad = append(sum.bad, badRow{id: id, row: sum.rows, status: r.Status, reason: r.Reason})
		}
		t.add(id, sum.rows, r)
		if bar != nil {
			bar.update(counted.n, size, sum.rows)
		}
	}
	if bar != nil {
		bar.finish(sum.rows)
	}
	if err := t.report(sum); err != nil {
		t.close()
		return nil, err
	}
	if err := t.close(); err != nil {
		return nil, err
	}
	return sum, nil
}

// surveyReader reads the records of a response export after its header
// rows.
type surveyReader struct {
	r      *csv.Reader
	header []string
	format string     // "qualtrics", "limesurvey" or "csv"
	held   [][]string // records read while looking for the data
}

// openSurvey reads the header of a response export and skips the extra
// header rows of a Qualtrics export (question texts, ImportId JSON).
func openSurvey(r io.Reader) (*surveyReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if first, _ := br.Peek(64 << 10); sniffSemicolon(first) {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the export is empty")
	}
	if err != nil {
		return nil, err
	}
	s := &surveyReader{r: cr, header: header, format: "csv"}
	switch {
	case column(header, "ResponseId") >= 0:
		s.format = "qualtrics"
		// Qualtrics writes two more header rows: the question texts and
		// {"ImportId":...} objects. Real responses have IDs "R_...".
		rid := column(header, "ResponseId")
		for range 2 {
			rec, err := cr.Read()
			if err != nil {
				if err == io.EOF {
					break
				}
				return nil, err
			}
			if rid < len(rec) && strings.HasPrefix(rec[rid], "R_") {
				s.held = append(s.held, rec)
				break
			}
		}
	case column(header, "id") >= 0 && (column(header, "submitdate") >= 0 || column(header, "lastpage") >= 0 || column(header, "startlanguage") >= 0):
		s.format = "limesurvey"
	}
	return s, nil
}

// next returns the next respondent's record.
func (s *surveyReader) next() ([]string, error) {
	if len(s.held) > 0 {
		rec := s.held[0]
		s.held = s.held[1:]
		return rec, nil
	}
	return s.r.Read()
}

// idColumn returns the index of the respondent ID column: the named one,
// or the platform's own (Qualtrics ResponseId, LimeSurvey id or "Response
// ID"), or -1 for row numbers.
func (s *surveyReader) idColumn(name string) (int, error) {
	if name != "" {
		if i := column(s.header, name); i >= 0 {
			return i, nil
		}
		return -1, fmt.Errorf("no column %q for --id", name)
	}
	for _, n := range []string{"ResponseId", "id", "Response ID"} {
		if i := column(s.header, n); i >= 0 {
			return i, nil
		}
	}
	return -1, nil
}

// column returns the index of the header named name, ignoring case and
// surrounding space, or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// sniffSemicolon reports whether the header line is separated by
// semicolons (a LimeSurvey export with that setting, or a spreadsheet
// re-save): more semicolons than commas outside quotes.
func sniffSemicolon(b []byte) bool {
	commas, semis, quoted := 0, 0, false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			return semis > commas
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	return semis > commas
}

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
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
