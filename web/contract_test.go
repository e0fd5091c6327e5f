package web

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/docs"
)

var update = flag.Bool("update", false, "rewrite contract.js, the loader's version and ../VERSION from contract.go")

// contractJS renders contract.js: the contract of contract.go, and the
// decline reasons and participation statuses of the published schemas.
func contractJS(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`// contract.js: the names the widget's JavaScript and its Go engine agree on.
// Generated from web/contract.go and docs/*.schema.json by
// ` + "`go test ./web -update`" + `; do not edit. A test fails while it is not current.

`)
	list := func(name, doc string, values any) {
		j, err := json.Marshal(values)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(j), `"`, `'`)
		s = strings.ReplaceAll(s, ",", ", ")
		fmt.Fprintf(&b, "/** %s */\nexport const %s = Object.freeze(%s);\n\n", doc, name, s)
	}
	pairs := func(name, doc string, opts []Option) {
		var parts []string
		for _, o := range opts {
			parts = append(parts, fmt.Sprintf("%s: '%s'", o.JS, o.Go))
		}
		fmt.Fprintf(&b, "/** %s */\nexport const %s = Object.freeze({ %s });\n\n", doc, name, strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "/** The widget's release version. */\nexport const VERSION = '%s';\n\n", Version)
	list("ENGINE_METHODS", "Methods of the Go engine's object in each worker (wasm/api.go).", EngineMethods())
	list("WORKER_MESSAGES", "Types of the messages between engine.js and worker.js.", WorkerMessages())
	list("ERROR_CODES", "Every code a call of the engine can reject with.", ErrorCodes())
	list("SHARE_BLOCKS", "The summary blocks a study can share, in donation order.", ShareBlocks())
	list("ACCOUNT_BLOCKS", "The opt-in account blocks.", AccountBlocks())
	pairs("OPTIONS", "Extractor options: the JavaScript name and the engine's JSON name.", Options())
	pairs("SHARE_OPTIONS", "Share options: the JavaScript name and the engine's JSON name.", ShareOptions())
	fmt.Fprintf(&b, "/** The most ranges (workers) one input is read in. */\nexport const MAX_PARTS = %d;\n\n", MaxParts)
	list("DECLINE_REASONS", "Why a participant did not share (docs/netflix-summary.schema.json).", schemaEnum(t, docs.SummarySchema(), "$defs", "declined", "properties", "reason", "enum"))
	status := docs.StatusSchema()
	list("STATUSES", "The steps of the participation status (docs/participation-status.schema.json).", schemaEnum(t, status, "properties", "status", "enum"))
	fmt.Fprintf(&b, "/** The name and version of the participation status format. */\nexport const STATUS_SCHEMA = '%s';\n", schemaEnum(t, status, "properties", "schema", "const"))
	return b.String()
}

// schemaEnum returns the value at path in a JSON schema.
func schemaEnum(t *testing.T, schema []byte, path ...string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(schema, &v); err != nil {
		t.Fatal(err)
	}
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("schema has no %s", strings.Join(path, "."))
		}
		v = m[p]
	}
	if v == nil {
		t.Fatalf("schema has no %s", strings.Join(path, "."))
	}
	return v
}

// versionLine is the loader's generated version line.
var versionLine = regexp.MustCompile(`var VERSION = '[^']*';`)

// TestContractCurrent checks that contract.js, the loader's version and
// ../VERSION say what contract.go says (go test ./web -update rewrites
// them).
func TestContractCurrent(t *testing.T) {
	want := map[string]string{"contract.js": contractJS(t), "../VERSION": Version + "\n"}
	loader, err := os.ReadFile("netflix-donation.js")
	if err != nil {
		t.Fatal(err)
	}
	if !versionLine.Match(loader) {
		t.Fatal("netflix-donation.js has no version line")
	}
	want["netflix-donation.js"] = versionLine.ReplaceAllString(string(loader), "var VERSION = '"+Version+"';")
	for name, text := range want {
		got, err := os.ReadFile(filepath.FromSlash(name))
		if *update {
			if err := os.WriteFile(filepath.FromSlash(name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil || string(got) != text {
			t.Errorf("%s is not current (go test ./web -update)", name)
		}
	}
}

// TestWorkerMessagesUsed checks that engine.js and worker.js send and
// handle only the message types of the contract, and every one of them.
func TestWorkerMessagesUsed(t *testing.T) {
	types := regexp.MustCompile(`(?:type: |type === |case )'([a-z-]+)'`)
	used := map[string]bool{}
	for _, name := range []string{"engine.js", "worker.js"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range types.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	known := map[string]bool{}
	for _, m := range WorkerMessages() {
		known[m] = true
		if !used[m] {
			t.Errorf("message type %q is in the contract but neither sent nor handled", m)
		}
	}
	for m := range used {
		if !known[m] {
			t.Errorf("message type %q is used but not in the contract", m)
		}
	}
}
