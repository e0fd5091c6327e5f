package docs

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/testutil"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the README's field table from the schema")

const (
	fieldsBegin = "<!-- fields:begin (generated from docs/netflix-summary.schema.json by `go test ./docs -update-readme`) -->"
	fieldsEnd   = "<!-- fields:end -->"
)

// TestREADMEFieldsMatchSchema keeps the README's list of summary fields and
// the JSON Schema in agreement: the list is derived from the schema's
// properties and descriptions, so a field added, renamed or redefined in
// one place fails here until the other follows.
func TestREADMEFieldsMatchSchema(t *testing.T) {
	fields, err := SummaryFields()
	if err != nil {
		t.Fatal(err)
	}
	want := fieldsBegin + "\n\n" + fieldTable(fields) + "\n" + fieldsEnd

	path := filepath.Join(testutil.RepoRoot(t), "README.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, fieldsBegin), strings.Index(readme, fieldsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no field table between %q and %q", fieldsBegin, fieldsEnd)
	}
	got := readme[i : j+len(fieldsEnd)]
	if got == want {
		return
	}
	if *updateREADME {
		if err := os.WriteFile(path, []byte(readme[:i]+want+readme[j+len(fieldsEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's field table differs from the schema; run `go test ./docs -update-readme`")
}

// fieldTable lists every property of a summary or donation, depth first
// in schema order, with its type and description.
func fieldTable(fields []Field) string {
	var b strings.Builder
	b.WriteString("| field | type | meaning |\n|---|---|---|\n")
	for _, f := range fields {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Path, f.Type, strings.ReplaceAll(f.Description, "|", "\\|"))
	}
	return b.String()
}
