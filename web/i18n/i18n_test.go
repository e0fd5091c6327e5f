// Package i18n_test checks the widget's text tables (nl.js, en.js, de.js):
// the same keys in every language, no empty texts, the same placeholders,
// a message for every error code of the extractor and the engine, a name
// for every device class and share block, and every key the element uses.
package i18n_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/docs"
	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/web"
)

var langs = []string{"nl", "en", "de"}

func tables(t *testing.T) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, lang := range langs {
		entries, err := loadTable(lang)
		if err != nil {
			t.Fatalf("%s.js: %v", lang, err)
		}
		m := map[string]string{}
		for _, e := range entries {
			if _, dup := m[e[0]]; dup {
				t.Errorf("%s.js: key %q twice (the second silently wins in JavaScript)", lang, e[0])
			}
			m[e[0]] = e[1]
		}
		if len(m) < 100 {
			t.Fatalf("%s.js: only %d keys; the parser may have stopped early", lang, len(m))
		}
		out[lang] = m
	}
	return out
}

func TestSameKeys(t *testing.T) {
	tabs := tables(t)
	want := slices.Sorted(maps.Keys(tabs["en"]))
	for _, lang := range langs {
		got := slices.Sorted(maps.Keys(tabs[lang]))
		for _, k := range want {
			if _, ok := tabs[lang][k]; !ok {
				t.Errorf("%s.js lacks %q", lang, k)
			}
		}
		for _, k := range got {
			if _, ok := tabs["en"][k]; !ok {
				t.Errorf("%s.js has %q, which en.js lacks", lang, k)
			}
		}
	}
}

func TestNoEmptyTexts(t *testing.T) {
	for lang, tab := range tables(t) {
		for k, v := range tab {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s.js: %q is empty", lang, k)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

func names(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestSamePlaceholders(t *testing.T) {
	tabs := tables(t)
	for k, en := range tabs["en"] {
		for _, lang := range langs {
			if got, want := names(tabs[lang][k]), names(en); !slices.Equal(got, want) {
				t.Errorf("%s.js %q: placeholders %v, en.js has %v", lang, k, got, want)
			}
		}
	}
}

// TestContractKeys ties the texts to the Go contract: every error code has
// a message and a next step, every device class and share block a name.
func TestContractKeys(t *testing.T) {
	var keys []string
	for _, c := range web.ErrorCodes() {
		if c == web.CodeSplitMisaligned || c == codes.ChecksumMismatch {
			continue // never met by a participant: the engine falls back; a researcher's check
		}
		keys = append(keys, "error."+string(c), "error."+string(c)+".next")
	}
	for _, d := range extractor.DeviceClasses() {
		keys = append(keys, "device."+string(d))
	}
	for _, b := range donation.ShareBlocks() {
		keys = append(keys, "block."+b)
	}
	for _, s := range []string{"loading", "reading", "summarising", "done", "sharing"} {
		keys = append(keys, "stage."+s)
	}
	for _, s := range []string{"intro", "choose", "review", "consent", "done"} {
		keys = append(keys, "steps."+s)
	}
	for _, r := range donation.DeclineReasons() {
		keys = append(keys, "decline."+r)
	}
	tabs := tables(t)
	for _, lang := range langs {
		for _, k := range keys {
			if _, ok := tabs[lang][k]; !ok {
				t.Errorf("%s.js lacks %q", lang, k)
			}
		}
	}
}

// TestFieldTexts ties the consent list (web/element/fields.js) to the
// donation's schema: every member a donation can hold, and every account
// block, has a text in plain words and a place in the list, and every kind
// of input has a name. A field added to the schema fails here until the
// participant is told about it.
func TestFieldTexts(t *testing.T) {
	var schema struct {
		Defs struct {
			Body    struct{ Properties map[string]json.RawMessage } `json:"body"`
			Account struct{ Properties map[string]json.RawMessage } `json:"account"`
			Source  struct {
				Properties struct {
					Kind struct{ Enum []string } `json:"kind"`
				} `json:"properties"`
			} `json:"source"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(docs.SummarySchema(), &schema); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../element/fields.js")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for prop := range schema.Defs.Body.Properties {
		keys = append(keys, "field."+prop)
		// fields.js names the share blocks by the contract's list.
		if !strings.Contains(string(src), "'"+prop+"'") && !(strings.Contains(string(src), "SHARE_BLOCKS") && slices.Contains(web.ShareBlocks(), prop)) {
			t.Errorf("fields.js does not list the donation member %q", prop)
		}
	}
	for prop := range schema.Defs.Account.Properties {
		keys = append(keys, "field.account."+prop)
	}
	for _, kind := range schema.Defs.Source.Properties.Kind.Enum {
		keys = append(keys, "source."+kind)
	}
	if len(keys) < 20 {
		t.Fatalf("only %d field keys from the schema; did its shape change?", len(keys))
	}
	tabs := tables(t)
	for _, lang := range langs {
		for _, k := range keys {
			if _, ok := tabs[lang][k]; !ok {
				t.Errorf("%s.js lacks %q", lang, k)
			}
		}
	}
}

var literalKey = regexp.MustCompile(`\bt\('([a-zA-Z][\w.]*\w)'\s*[,)]`) // dynamic keys ('error.' + code) are checked by TestContractKeys

// TestElementKeys checks that every literal key the element's code looks
// up exists (a missing key would show the key itself to participants).
func TestElementKeys(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../netflix-donation-element.js", "../element/*.js", "../element/screens/*.js"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d element files", len(files))
	}
	en := tables(t)["en"]
	used := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literalKey.FindAllStringSubmatch(string(src), -1) {
			used++
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s uses %q, which en.js lacks", f, m[1])
			}
		}
	}
	if used < 50 {
		t.Errorf("found only %d key uses; the pattern may be wrong", used)
	}
}

func TestParseTable(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    [][2]string
		wantErr bool
	}{
		{"plain", "export default {\n  'a': 'x',\n  'b.c': \"y\",\n};\n", [][2]string{{"a", "x"}, {"b.c", "y"}}, false},
		{"comments and escapes", "// head\nexport default {\n  // group\n  'a': 'it\\'s {n}',\n  'b': 'q\"',\n};", [][2]string{{"a", "it's {n}"}, {"b", "q\""}}, false},
		{"no trailing comma", "export default { 'a': 'x' };", [][2]string{{"a", "x"}}, false},
		{"template literal", "export default { 'a': `x` };", nil, true},
		{"concatenation", "export default { 'a': 'x' + 'y' };", nil, true},
		{"missing colon", "export default { 'a' 'x' };", nil, true},
		{"code after", "export default { 'a': 'x' };\nconsole.log(1);", nil, true},
		{"unterminated", "export default { 'a': 'x };", nil, true},
		{"no export", "const t = { 'a': 'x' };", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseTable(tt.src)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
