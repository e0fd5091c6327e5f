package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/internal/surveygen"
	"github.com/netflix-donation/widget/internal/testutil"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var updateCodebook = flag.Bool("update-codebook", false, "rewrite docs/codebook.md from collect's description of its tables")

// dpFieldDesc is a field descriptor of a Table Schema.
type dpFieldDesc struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Constraints struct {
		Required bool     `json:"required"`
		Enum     []string `json:"enum"`
		Minimum  *int64   `json:"minimum"`
		Pattern  string   `json:"pattern"`
	} `json:"constraints"`
}

// dataPackage is the part of datapackage.json the checks read.
type dataPackage struct {
	Resources []struct {
		Name   string `json:"name"`
		Path   string `json:"path"`
		Bytes  int64  `json:"bytes"`
		Hash   string `json:"hash"`
		Schema struct {
			Fields      []dpFieldDesc `json:"fields"`
			PrimaryKey  []string      `json:"primaryKey"`
			ForeignKeys []struct {
				Fields    []string `json:"fields"`
				Reference struct {
					Resource string   `json:"resource"`
					Fields   []string `json:"fields"`
				} `json:"reference"`
			} `json:"foreignKeys"`
			MissingValues []string `json:"missingValues"`
		} `json:"schema"`
	} `json:"resources"`
}

func fileSum(path string) (string, int64, error) {
	b, err := os.ReadFile(path)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), int64(len(b)), err
}

func sha256File(t *testing.T, path string) (string, int64) {
	t.Helper()
	sum, n, err := fileSum(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum, n
}

func csvRecords(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	recs, err := csvRecords(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestDataPackageFollowsFrictionless checks datapackage.json against the
// Frictionless specifications: the descriptor against a JSON Schema of
// the rules a schema can state (testdata/tabular-data-package.schema.json),
// the other rules here (unique names, keys naming fields, foreign keys
// that resolve), and every table's data against its Table Schema: header,
// types, constraints, primary keys and foreign keys.
func TestDataPackageFollowsFrictionless(t *testing.T) {
	c := collectGenerated(t, surveygen.Qualtrics, 150)
	raw, err := os.ReadFile(filepath.Join(c.out, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	sch, err := compiler.Compile(filepath.Join("testdata", "tabular-data-package.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("datapackage.json breaks the specification: %v", err)
	}
	var dp dataPackage
	if err := json.Unmarshal(raw, &dp); err != nil {
		t.Fatal(err)
	}
	if errs := checkPackage(c.out, dp); len(errs) > 0 {
		for _, e := range errs {
			t.Error(e)
		}
	}
	// Every table written is described.
	csvs, _ := filepath.Glob(filepath.Join(c.out, "*.csv"))
	if len(csvs) != len(dp.Resources) {
		t.Errorf("%d CSV files, %d resources", len(csvs), len(dp.Resources))
	}
}

// TestCheckPackageCatchesBreaks: the checks of checkPackage fail on a
// package broken in each way they look for.
func TestCheckPackageCatchesBreaks(t *testing.T) {
	c := collectGenerated(t, surveygen.LimeSurvey, 40)
	raw, err := os.ReadFile(filepath.Join(c.out, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	breaks := map[string]func(*dataPackage){
		"wrong hash":            func(p *dataPackage) { p.Resources[1].Hash = "sha256:00" },
		"key names no field":    func(p *dataPackage) { p.Resources[0].Schema.PrimaryKey = []string{"nope"} },
		"foreign key elsewhere": func(p *dataPackage) { p.Resources[1].Schema.ForeignKeys[0].Reference.Resource = "nope" },
		"a column missing":      func(p *dataPackage) { p.Resources[1].Schema.Fields = p.Resources[1].Schema.Fields[1:] },
		"integer for text":      func(p *dataPackage) { p.Resources[0].Schema.Fields[field(p, "status")].Type = "integer" },
		"required but empty": func(p *dataPackage) {
			f := &p.Resources[0].Schema.Fields[len(p.Resources[0].Schema.Fields)-1]
			f.Constraints.Required = true
		},
		"a value not allowed": func(p *dataPackage) {
			p.Resources[0].Schema.Fields[field(p, "status")].Constraints.Enum = []string{"ok"}
		},
		"duplicate key": func(p *dataPackage) { p.Resources[1].Schema.PrimaryKey = []string{"row"} },
	}
	for name, brk := range breaks {
		var dp dataPackage
		if err := json.Unmarshal(raw, &dp); err != nil {
			t.Fatal(err)
		}
		brk(&dp)
		if errs := checkPackage(c.out, dp); len(errs) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
}

// field is the index of a column of respondents.csv.
func field(p *dataPackage, name string) int {
	return slices.IndexFunc(p.Resources[0].Schema.Fields, func(f dpFieldDesc) bool { return f.Name == name })
}

// checkPackage checks what the Tabular Data Package specification asks
// beyond its JSON Schema, and every table's data against its schema.
func checkPackage(dir string, dp dataPackage) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	names := map[string]int{}
	for i, r := range dp.Resources {
		if _, dup := names[r.Name]; dup {
			fail("resource %s twice", r.Name)
		}
		names[r.Name] = i
	}
	// keys[resource][fields joined] holds the key values seen.
	values := map[string][][]string{}
	header := map[string][]string{}
	for _, r := range dp.Resources {
		path := filepath.Join(dir, filepath.FromSlash(r.Path))
		sum, size, err := fileSum(path)
		if err != nil || r.Hash != "sha256:"+sum || r.Bytes != size {
			fail("%s: hash %s bytes %d, the file has sha256:%s and %d (%v)", r.Name, r.Hash, r.Bytes, sum, size, err)
		}
		recs, err := csvRecords(path)
		if err != nil {
			fail("%s: %v", r.Name, err)
			continue
		}
		var fields []string
		for _, f := range r.Schema.Fields {
			if slices.Contains(fields, f.Name) {
				fail("%s: field %s twice", r.Name, f.Name)
			}
			fields = append(fields, f.Name)
		}
		if len(recs) == 0 || !slices.Equal(recs[0], fields) {
			fail("%s: header %v, fields %v", r.Name, recs[0], fields)
			continue
		}
		header[r.Name], values[r.Name] = fields, recs[1:]
		missing := r.Schema.MissingValues
		for n, rec := range recs[1:] {
			for i, f := range r.Schema.Fields {
				v := rec[i]
				if slices.Contains(missing, v) {
					if f.Constraints.Required {
						fail("%s row %d: %s is required but empty", r.Name, n+1, f.Name)
					}
					continue
				}
				if err := castable(f.Type, v); err != nil {
					fail("%s row %d: %s %q: %v", r.Name, n+1, f.Name, v, err)
					continue
				}
				if e := f.Constraints.Enum; e != nil && !slices.Contains(e, v) {
					fail("%s row %d: %s %q not in %v", r.Name, n+1, f.Name, v, e)
				}
				if m := f.Constraints.Minimum; m != nil {
					if n, _ := strconv.ParseInt(v, 10, 64); n < *m {
						fail("%s row %d: %s %q below %d", r.Name, n+1, f.Name, v, *m)
					}
				}
				if p := f.Constraints.Pattern; p != "" && !regexp.MustCompile(`^(?:`+p+`)$`).MatchString(v) {
					fail("%s row %d: %s %q does not match %s", r.Name, n+1, f.Name, v, p)
				}
			}
		}
	}
	index := func(res string, cols []string) ([]int, bool) {
		var out []int
		for _, c := range cols {
			i := slices.Index(header[res], c)
			if i < 0 {
				return nil, false
			}
			out = append(out, i)
		}
		return out, true
	}
	tuple := func(rec []string, idx []int) string {
		var parts []string
		for _, i := range idx {
			parts = append(parts, rec[i])
		}
		return strings.Join(parts, "\x00")
	}
	for _, r := range dp.Resources {
		if header[r.Name] == nil {
			continue
		}
		if len(r.Schema.PrimaryKey) > 0 {
			idx, ok := index(r.Name, r.Schema.PrimaryKey)
			if !ok {
				fail("%s: primary key %v names no field", r.Name, r.Schema.PrimaryKey)
			} else {
				seen := map[string]bool{}
				for _, rec := range values[r.Name] {
					k := tuple(rec, idx)
					if seen[k] {
						fail("%s: primary key %v repeats %q", r.Name, r.Schema.PrimaryKey, k)
						break
					}
					seen[k] = true
				}
			}
		}
		for _, fk := range r.Schema.ForeignKeys {
			ref := fk.Reference.Resource
			if ref == "" {
				ref = r.Name
			}
			from, ok1 := index(r.Name, fk.Fields)
			to, ok2 := index(ref, fk.Reference.Fields)
			if _, ok := names[ref]; !ok || !ok1 || !ok2 || len(from) != len(to) {
				fail("%s: foreign key %v -> %s %v does not resolve", r.Name, fk.Fields, ref, fk.Reference.Fields)
				continue
			}
			have := map[string]bool{}
			for _, rec := range values[ref] {
				have[tuple(rec, to)] = true
			}
			for _, rec := range values[r.Name] {
				if !have[tuple(rec, from)] {
					fail("%s: %v %q is not in %s", r.Name, fk.Fields, tuple(rec, from), ref)
					break
				}
			}
		}
	}
	return errs
}

// castable reports whether a cell is a value of a Table Schema type in
// its default format.
func castable(typ, v string) error {
	ok := true
	switch typ {
	case "string":
	case "integer":
		ok = regexp.MustCompile(`^[+-]?[0-9]+$`).MatchString(v)
	case "boolean":
		ok = slices.Contains([]string{"true", "True", "TRUE", "1", "false", "False", "FALSE", "0"}, v)
	case "date":
		_, err := time.Parse("2006-01-02", v)
		ok = err == nil
	case "yearmonth":
		ok = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`).MatchString(v)
	default:
		return fmt.Errorf("type %s is not used here", typ)
	}
	if !ok {
		return fmt.Errorf("not a %s", typ)
	}
	return nil
}

// TestCodebookCoversEveryColumn: every column of every table collect
// wrote has its row in codebook.md, under its table; and the codebook in
// docs/ is the one collect writes (without --keep columns).
func TestCodebookCoversEveryColumn(t *testing.T) {
	c := collectGenerated(t, surveygen.Qualtrics, 60)
	md, err := os.ReadFile(filepath.Join(c.out, "codebook.md"))
	if err != nil {
		t.Fatal(err)
	}
	csvs, _ := filepath.Glob(filepath.Join(c.out, "*.csv"))
	if len(csvs) < 15 {
		t.Fatalf("only %d tables", len(csvs))
	}
	for _, p := range csvs {
		name := filepath.Base(p)
		start := strings.Index(string(md), "\n## "+name+"\n")
		if start < 0 {
			t.Errorf("codebook.md has no section for %s", name)
			continue
		}
		sec := string(md)[start+1:]
		if end := strings.Index(sec[3:], "\n## "); end >= 0 {
			sec = sec[:end+3]
		}
		for _, col := range readCSV(t, p)[0] {
			if !strings.Contains(sec, "\n| `"+col+"` | ") {
				t.Errorf("codebook.md: %s has no row for %s", name, col)
			}
		}
	}
	for _, k := range c.truth.KeepColumns {
		if !strings.Contains(string(md), "| `"+k+"` | string |") {
			t.Errorf("codebook.md does not describe the kept column %s", k)
		}
	}

	book, err := collectBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(testutil.RepoRoot(t), "docs", "codebook.md")
	committed, _ := os.ReadFile(path)
	if want := book.Markdown(); string(committed) != want {
		if *updateCodebook {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("docs/codebook.md differs from what collect writes; run `go test ./cmd/netflix-summary -run Codebook -update-codebook`")
	}
}

// TestProvenance: provenance.json names the tool's version, the formats,
// when it ran, the export's SHA-256, and each written file's.
func TestProvenance(t *testing.T) {
	c := collectGenerated(t, surveygen.Qualtrics, 80)
	raw, err := os.ReadFile(filepath.Join(c.out, "provenance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p provenance
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	v, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	sum, size := sha256File(t, c.export)
	ok := 0
	for _, r := range c.truth.Respondents {
		if r.Status == "ok" {
			ok++
		}
	}
	started, err1 := time.Parse(time.RFC3339, p.Started)
	finished, err2 := time.Parse(time.RFC3339, p.Finished)
	switch {
	case p.Tool.Version != strings.TrimSpace(string(v)):
		t.Errorf("version %q, VERSION says %q", p.Tool.Version, v)
	case p.Input.SHA256 != sum || p.Input.Bytes != size || p.Input.File != "export.csv":
		t.Errorf("input %+v, want sha256 %s and %d bytes", p.Input, sum, size)
	case p.Schemas.Read["netflix-summary/2"] != ok || p.Schemas.Summary != "netflix-summary/2":
		t.Errorf("schemas %+v, want %d donations of netflix-summary/2", p.Schemas, ok)
	case err1 != nil || err2 != nil || finished.Before(started) || time.Since(started) > time.Hour:
		t.Errorf("started %q finished %q", p.Started, p.Finished)
	case p.Respondents != len(c.truth.Respondents) || p.Statuses["ok"] != ok:
		t.Errorf("respondents %d statuses %v", p.Respondents, p.Statuses)
	case !slices.Contains(p.Tool.Arguments, "--keep"):
		t.Errorf("arguments %q", p.Tool.Arguments)
	}
	files, _ := filepath.Glob(filepath.Join(c.out, "*"))
	for _, f := range files {
		name := filepath.Base(f)
		if name == "provenance.json" {
			continue
		}
		sum, size := sha256File(t, f)
		if got := p.Outputs[name]; got.SHA256 != sum || got.Bytes != size {
			t.Errorf("outputs[%s] = %+v, the file has %s, %d bytes", name, got, sum, size)
		}
	}
	if len(p.Outputs) != len(files)-1 {
		t.Errorf("%d outputs listed, %d files written", len(p.Outputs), len(files)-1)
	}
}

// TestVersionMatchesVERSION keeps the command's version and the
// release's in step.
func TestVersionMatchesVERSION(t *testing.T) {
	v, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(v)) != version {
		t.Errorf("version %q, VERSION %q", version, v)
	}
}
