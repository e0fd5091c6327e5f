package main

// Writing one collect run: the streamed tables in export order, then the
// tables that need every respondent (month coverage, funnel, duplicates,
// the duplicate column of respondents.csv), report.txt, the codebook,
// datapackage.json and provenance.json.

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/codebook"
)

// version is the release of this command (the VERSION file; a test
// keeps them equal).
const version = "0.1.0"

// collectWriter receives respondents in export order.
type collectWriter struct {
	dir   string
	book  *codebook.Book
	files [numTables]*hashedFile
	rows  int

	byStatus      map[donation.Status]int
	warned        int
	bad           []badRow
	participation map[string]int
	outcomes      map[string]int
	errorsMet     map[string]int
	choseFile     int // respondents who chose a file
	reviewed      int // respondents who saw their summary
	schemas       map[string]int
	// Duplicates: the first row of each id and each ok donation's
	// checksum, and the groups found.
	firstOfID, firstOfSum map[string]int
	idGroups, sumGroups   map[string][]int
	months                map[string]*monthAgg
}

// monthAgg sums one calendar month over respondents.
type monthAgg struct {
	respondents, full                int
	views, secs, viewsFull, secsFull int64
}

func newCollectWriter(dir string, book *codebook.Book) (*collectWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	w := &collectWriter{dir: dir, book: book, byStatus: map[donation.Status]int{},
		participation: map[string]int{}, outcomes: map[string]int{}, errorsMet: map[string]int{}, schemas: map[string]int{},
		firstOfID: map[string]int{}, firstOfSum: map[string]int{}, idGroups: map[string][]int{}, sumGroups: map[string][]int{},
		months: map[string]*monthAgg{}}
	for i, name := range streamedTables {
		t := book.Table(name)
		if t == nil {
			w.abort()
			return nil, fmt.Errorf("internal: no table %s in the codebook", name)
		}
		path := t
		if i == tRespondents {
			// Written again at the end with the duplicate column filled.
			tmp := *t
			tmp.Name = ".respondents.partial"
			path = &tmp
		}
		f, err := createTable(dir, path)
		if err != nil {
			w.abort()
			return nil, err
		}
		w.files[i] = f
	}
	return w, nil
}

// abort closes every file after a failure.
func (w *collectWriter) abort() {
	for _, f := range w.files {
		if f != nil {
			f.close()
		}
	}
	os.Remove(filepath.Join(w.dir, ".respondents.partial.csv"))
}

// add writes one respondent's rows and counts it.
func (w *collectWriter) add(r *respondent) error {
	w.rows++
	for i, b := range r.rows {
		if len(b) > 0 {
			if _, err := w.files[i].Write(b); err != nil {
				return err
			}
		}
	}
	w.byStatus[r.status]++
	if r.schema != "" {
		w.schemas[r.schema]++
	}
	if r.status != donation.StatusOK {
		w.bad = append(w.bad, badRow{id: r.id, row: r.row, status: r.status, reason: r.reason})
	}
	if len(r.warnings) > 0 {
		w.warned++
	}
	w.participation[r.participation]++
	if r.choseFile {
		w.choseFile++
	}
	if r.reviewed {
		w.reviewed++
	}
	w.outcomes[r.outcome]++
	for _, c := range r.errorsMet {
		w.errorsMet[c]++
	}
	if first, ok := w.firstOfID[r.id]; ok {
		if w.idGroups[r.id] == nil {
			w.idGroups[r.id] = []int{first}
		}
		w.idGroups[r.id] = append(w.idGroups[r.id], r.row)
	} else {
		w.firstOfID[r.id] = r.row
	}
	if r.checksum != "" {
		if first, ok := w.firstOfSum[r.checksum]; ok {
			if w.sumGroups[r.checksum] == nil {
				w.sumGroups[r.checksum] = []int{first}
			}
			w.sumGroups[r.checksum] = append(w.sumGroups[r.checksum], r.row)
		} else {
			w.firstOfSum[r.checksum] = r.row
		}
	}
	for _, m := range r.months {
		a := w.months[m.month]
		if a == nil {
			a = &monthAgg{}
			w.months[m.month] = a
		}
		a.respondents++
		a.views += m.views
		a.secs += m.secs
		if !m.partial {
			a.full++
			a.viewsFull += m.views
			a.secsFull += m.secs
		}
	}
	return nil
}

// finish writes what needs every respondent, then the descriptions.
func (w *collectWriter) finish(sum *collectSummary, cfg collectConfig, in *inputReader) error {
	files := map[string]codebook.FileInfo{}
	var errs []error
	for i, f := range w.files {
		info, err := f.close()
		errs = append(errs, err)
		if i != tRespondents {
			files[f.name] = info
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	sum.rows, sum.byStatus, sum.bad, sum.warned = w.rows, w.byStatus, w.bad, w.warned
	dup := w.duplicateRows()
	for _, kinds := range dup {
		for _, k := range kinds {
			if k == "id" {
				sum.duplicateIDs++
			} else {
				sum.duplicateDonations++
			}
		}
	}
	info, err := w.finishRespondents(dup)
	if err != nil {
		return err
	}
	files["respondents"] = info
	for _, t := range []struct {
		name string
		rows func(*rowBuf)
	}{
		{"month_coverage", w.coverageRows},
		{"funnel", func(b *rowBuf) { w.funnelRows(b, sum.statusColumn != "") }},
		{"duplicates", w.duplicatesRows},
	} {
		info, err := writeTable(w.dir, w.book.Table(t.name), t.rows)
		if err != nil {
			return err
		}
		files[t.name] = info
	}
	if err := os.WriteFile(filepath.Join(w.dir, "report.txt"), []byte(w.reportText(sum)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(w.dir, "codebook.md"), []byte(w.book.Markdown()), 0o644); err != nil {
		return err
	}
	created := sum.finished.Format(time.RFC3339)
	dp, err := w.book.DataPackage(codebook.Package{
		Name: "netflix-donations", Title: "Netflix viewing donations collected from a survey",
		Description: "Verified Netflix viewing summaries donated by survey respondents, in tidy tables, written by netflix-summary collect " + version + ". The codebook is codebook.md; provenance.json records the input export's SHA-256 and the run.",
		Created:     created, Files: files,
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(w.dir, "datapackage.json"), dp, 0o644); err != nil {
		return err
	}
	return w.writeProvenance(sum, cfg, in, files)
}

// duplicateRows maps each row in a duplicate group to its kinds ("id",
// "donation").
func (w *collectWriter) duplicateRows() map[int][]string {
	out := map[int][]string{}
	for _, rows := range w.idGroups {
		for _, r := range rows {
			out[r] = append(out[r], "id")
		}
	}
	for _, rows := range w.sumGroups {
		for _, r := range rows {
			out[r] = append(out[r], "donation")
		}
	}
	return out
}

// finishRespondents writes respondents.csv from the partial file, with
// the duplicate column filled in.
func (w *collectWriter) finishRespondents(dup map[int][]string) (codebook.FileInfo, error) {
	partial := filepath.Join(w.dir, ".respondents.partial.csv")
	final := filepath.Join(w.dir, "respondents.csv")
	defer os.Remove(partial)
	if len(dup) == 0 {
		if err := os.Rename(partial, final); err != nil {
			return codebook.FileInfo{}, err
		}
		return hashFile(final)
	}
	t := w.book.Table("respondents")
	dupCol := slices.Index(t.Header(), "duplicate")
	rowCol := slices.Index(t.Header(), "row")
	in, err := os.Open(partial)
	if err != nil {
		return codebook.FileInfo{}, err
	}
	defer in.Close()
	out, err := createTable(w.dir, t)
	if err != nil {
		return codebook.FileInfo{}, err
	}
	r := csv.NewReader(bufio.NewReaderSize(in, 1<<20))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header, written again by createTable
		out.close()
		return codebook.FileInfo{}, err
	}
	var buf rowBuf
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			out.close()
			return codebook.FileInfo{}, err
		}
		row, _ := strconv.Atoi(rec[rowCol])
		rec[dupCol] = strings.Join(dup[row], " ")
		for _, f := range rec {
			buf.str(f)
		}
		buf.end()
		if len(buf.b) > 1<<20 {
			out.Write(buf.b)
			buf.b = buf.b[:0]
		}
	}
	out.Write(buf.b)
	return out.close()
}

func (w *collectWriter) coverageRows(b *rowBuf) {
	for _, m := range slices.Sorted(maps.Keys(w.months)) {
		a := w.months[m]
		b.str(m)
		b.int(int64(a.respondents))
		b.int(int64(a.full))
		b.int(a.views)
		b.int(a.secs)
		b.int(a.viewsFull)
		b.int(a.secsFull)
		b.end()
	}
}

// funnelRows writes the funnel: cumulative stages, outcomes, errors met.
func (w *collectWriter) funnelRows(b *rowBuf, hasStatus bool) {
	total := w.rows
	row := func(stage, detail string, n int) {
		b.str(stage)
		b.str(detail)
		b.int(int64(n))
		share := 0.0
		if total > 0 {
			share = float64(n) / float64(total)
		}
		b.str(strconv.FormatFloat(share, 'f', 4, 64))
		b.end()
	}
	p := w.participation
	reachedOrLater := total - p["not_reached"] - p["unknown"]
	row("respondents", "", total)
	row("reached", "", reachedOrLater)
	row("file_chosen", "", w.choseFile)
	row("reviewed", "", w.reviewed)
	row("shared", "", p["shared"])
	row("stored_ok", "", w.byStatus[donation.StatusOK])
	for _, o := range sortedOutcomes(w.outcomes) {
		row("outcome", o, w.outcomes[o])
	}
	for _, c := range slices.Sorted(maps.Keys(w.errorsMet)) {
		row("error_met", c, w.errorsMet[c])
	}
}

// sortedOutcomes orders outcome codes as the codebook lists them.
func sortedOutcomes(m map[string]int) []string {
	rank := func(o string) int {
		for i, p := range []string{"ok", "truncated", "invalid", "shared_not_stored", "declined:", "error:", "left:", "not_reached", "unknown"} {
			if o == p || (strings.HasSuffix(p, ":") && strings.HasPrefix(o, p)) {
				return i
			}
		}
		return 99
	}
	out := slices.Collect(maps.Keys(m))
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	return out
}

func (w *collectWriter) duplicatesRows(b *rowBuf) {
	ids := map[int]string{}
	for id, rows := range w.idGroups {
		for _, r := range rows {
			ids[r] = id
		}
	}
	emit := func(kind string, groups map[string][]int, idOf func(row int) string) {
		type entry struct {
			key string
			row int
		}
		var all []entry
		for key, rows := range groups {
			for _, r := range rows {
				all = append(all, entry{key, r})
			}
		}
		slices.SortFunc(all, func(a, b entry) int { return cmp.Compare(a.row, b.row) })
		for _, e := range all {
			b.str(kind)
			b.str(e.key)
			b.str(idOf(e.row))
			b.int(int64(e.row))
			b.end()
		}
	}
	emit("id", w.idGroups, func(row int) string { return ids[row] })
	// A donation group's rows may have any ids: look them up.
	rowID := map[int]string{}
	for id, first := range w.firstOfID {
		rowID[first] = id
	}
	for id, rows := range w.idGroups {
		for _, r := range rows {
			rowID[r] = id
		}
	}
	emit("donation", w.sumGroups, func(row int) string { return rowID[row] })
}

// reportText is report.txt: the counts, then every respondent that is
// not ok, by status.
func (w *collectWriter) reportText(s *collectSummary) string {
	var sb strings.Builder
	sb.WriteString(s.text())
	if len(s.bad) == 0 {
		sb.WriteString("\nEvery donation is ok.\n")
	}
	for _, st := range statusOrder()[1:] {
		first := true
		for _, b := range s.bad {
			if b.status != st {
				continue
			}
			if first {
				fmt.Fprintf(&sb, "\n%s (%d):\n", st, s.byStatus[st])
				first = false
			}
			fmt.Fprintf(&sb, "  %s (row %d): %s\n", b.id, b.row, b.reason)
		}
	}
	if s.warned > 0 {
		fmt.Fprintf(&sb, "\n%d respondents have warnings: see warnings.csv.\n", s.warned)
	}
	if s.duplicateIDs+s.duplicateDonations > 0 {
		fmt.Fprintf(&sb, "%d rows share an id and %d rows hold a donation another row holds too: see duplicates.csv.\n", s.duplicateIDs, s.duplicateDonations)
	}
	return sb.String()
}

// provenance is provenance.json.
type provenance struct {
	Tool struct {
		Name      string   `json:"name"`
		Version   string   `json:"version"`
		Go        string   `json:"go"`
		Revision  string   `json:"revision,omitempty"`
		Modified  bool     `json:"modified,omitempty"`
		Arguments []string `json:"arguments"`
	} `json:"tool"`
	Schemas struct {
		Summary string         `json:"summary"`
		Read    map[string]int `json:"read"`
		Status  string         `json:"status"`
	} `json:"schemas"`
	Started  string `json:"started"`
	Finished string `json:"finished"`
	Input    struct {
		File    string `json:"file"`
		Bytes   int64  `json:"bytes"`
		SHA256  string `json:"sha256"`
		Format  string `json:"format"`
		Columns struct {
			Donation string   `json:"donation"`
			Status   string   `json:"status,omitempty"`
			Error    string   `json:"error,omitempty"`
			Keep     []string `json:"keep,omitempty"`
		} `json:"columns"`
	} `json:"input"`
	Respondents int                          `json:"respondents"`
	Statuses    map[string]int               `json:"statuses"`
	Checksums   string                       `json:"checksums"`
	Outputs     map[string]codebook.FileInfo `json:"outputs"`
}

// writeProvenance writes provenance.json: what ran, when, on which input.
func (w *collectWriter) writeProvenance(sum *collectSummary, cfg collectConfig, in *inputReader, files map[string]codebook.FileInfo) error {
	var p provenance
	p.Tool.Name, p.Tool.Version, p.Tool.Go, p.Tool.Arguments = "netflix-summary collect", version, runtime.Version(), cfg.args
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				p.Tool.Revision = s.Value
			case "vcs.modified":
				p.Tool.Modified = s.Value == "true"
			}
		}
	}
	p.Schemas.Summary, p.Schemas.Status = extractor.SchemaVersion, "netflix-donation-status/1"
	p.Schemas.Read = w.schemaCounts()
	p.Started, p.Finished = sum.started.Format(time.RFC3339), sum.finished.Format(time.RFC3339)
	p.Input.File = filepath.Base(cfg.export)
	p.Input.Bytes = in.done.Load()
	p.Input.SHA256 = hex.EncodeToString(in.h.Sum(nil))
	p.Input.Format = sum.format
	p.Input.Columns.Donation, p.Input.Columns.Status, p.Input.Columns.Error, p.Input.Columns.Keep = cfg.column, sum.statusColumn, sum.legacy, cfg.keep
	p.Respondents = sum.rows
	p.Statuses = map[string]int{}
	for _, st := range statusOrder() {
		p.Statuses[string(st)] = sum.byStatus[st]
	}
	p.Checksums = "respondents.csv, column checksum: each ok donation's own sha256 checksum"
	p.Outputs = map[string]codebook.FileInfo{}
	for name, info := range files {
		p.Outputs[name+".csv"] = info
	}
	for _, name := range []string{"report.txt", "codebook.md", "datapackage.json"} {
		info, err := hashFile(filepath.Join(w.dir, name))
		if err != nil {
			return err
		}
		p.Outputs[name] = info
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, "provenance.json"), append(b, '\n'), 0o644)
}

// schemaCounts counts the ok donations by format version.
func (w *collectWriter) schemaCounts() map[string]int {
	return w.schemas
}
