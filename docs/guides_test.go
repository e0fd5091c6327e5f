package docs

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/testutil"
)

// The guides for survey authors (docs/authors/*.md) show code that must
// be the code of a tested example in web/examples/. A fenced block says
// where it comes from in its info string:
//
//	```js file=web/examples/qualtrics.js      the block is contained verbatim in that file
//	```html include=web/examples/sosci.js     the block is the one <script> line that loads that
//	                                          file from a bundle (https://YOUR-HOST/netflix-donation-<VERSION>/...)
//
// Every js or html block must say one of these; other blocks (apache,
// nginx, sh) are configuration, not example code.

// block is one fenced code block of a Markdown file.
type block struct {
	line int               // the opening fence's line, 1-based
	lang string            // the info string's first word
	attr map[string]string // key=value words after it
	text string            // the content, each line ending in "\n"
}

// fencedBlocks returns the fenced (```) blocks of a Markdown text, or an
// error for a fence that is never closed.
func fencedBlocks(md string) ([]block, error) {
	var out []block
	var cur *block
	for i, line := range strings.SplitAfter(md, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if !strings.HasPrefix(trimmed, "```") {
			if cur != nil {
				cur.text += line
			}
			continue
		}
		if cur != nil {
			if trimmed != "```" {
				return nil, fmt.Errorf("line %d: a fence opens inside the block of line %d", i+1, cur.line)
			}
			out = append(out, *cur)
			cur = nil
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(trimmed, "```"))
		b := block{line: i + 1, attr: map[string]string{}}
		if len(fields) > 0 {
			b.lang = fields[0]
			for _, f := range fields[1:] {
				k, v, _ := strings.Cut(f, "=")
				b.attr[k] = v
			}
		}
		cur = &b
	}
	if cur != nil {
		return nil, fmt.Errorf("line %d: the block is never closed", cur.line)
	}
	return out, nil
}

// checkGuide returns what is wrong with the code blocks of one guide:
// root is the repository root and version the release (VERSION).
func checkGuide(root, version, md string) []error {
	blocks, err := fencedBlocks(md)
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, b := range blocks {
		file, hasFile := b.attr["file"]
		inc, hasInc := b.attr["include"]
		switch {
		case hasFile:
			if !strings.HasPrefix(file, "web/examples/") || strings.Contains(file, "..") {
				errs = append(errs, fmt.Errorf("line %d: file=%s is not an example in web/examples/", b.line, file))
				continue
			}
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %v", b.line, err))
				continue
			}
			if strings.TrimSpace(b.text) == "" || !strings.Contains(string(src), b.text) {
				errs = append(errs, fmt.Errorf("line %d: the block is not in %s verbatim", b.line, file))
			}
		case hasInc:
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(inc))); err != nil || !strings.HasPrefix(inc, "web/") {
				errs = append(errs, fmt.Errorf("line %d: include=%s is not a file of web/", b.line, inc))
				continue
			}
			want := `<script src="https://YOUR-HOST/netflix-donation-` + version + `/` + strings.TrimPrefix(inc, "web/") + `"></script>` + "\n"
			if b.text != want {
				errs = append(errs, fmt.Errorf("line %d: want exactly %q, got %q", b.line, want, b.text))
			}
		case b.lang == "js" || b.lang == "javascript" || b.lang == "html" || b.lang == "":
			errs = append(errs, fmt.Errorf("line %d: a %q block without file= or include=", b.line, b.lang))
		}
	}
	return errs
}

func readVersion(t *testing.T, root string) string {
	t.Helper()
	v, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(v))
}

func guides(t *testing.T, root string) map[string]string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, "docs", "authors", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no guides in docs/authors (%v)", err)
	}
	out := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = string(b)
	}
	return out
}

// TestCheckGuide shows that checkGuide catches each kind of drift, on
// small guides written here against the real qualtrics.js.
func TestCheckGuide(t *testing.T) {
	root := testutil.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "web", "examples", "qualtrics.js"))
	if err != nil {
		t.Fatal(err)
	}
	firstLine := strings.SplitAfter(string(src), "\n")[0]
	tests := []struct {
		name, md string
		want     string // "" means no error
	}{
		{"contained", "```js file=web/examples/qualtrics.js\n" + firstLine + "```\n", ""},
		{"whole file", "```js file=web/examples/qualtrics.js\n" + string(src) + "```\n", ""},
		{"changed", "```js file=web/examples/qualtrics.js\n" + strings.ToUpper(firstLine) + "```\n", "not in web/examples/qualtrics.js verbatim"},
		{"empty", "```js file=web/examples/qualtrics.js\n```\n", "verbatim"},
		{"missing file", "```js file=web/examples/nope.js\nx\n```\n", "no such file"},
		{"outside examples", "```js file=web/engine.js\nx\n```\n", "not an example"},
		{"js without source", "```js\nvar x = 1;\n```\n", "without file= or include="},
		{"bare fence", "```\n<script></script>\n```\n", "without file= or include="},
		{"config block", "```nginx\ngzip_static on;\n```\n", ""},
		{"include", "```html include=web/examples/qualtrics.js\n<script src=\"https://YOUR-HOST/netflix-donation-9.9.9/examples/qualtrics.js\"></script>\n```\n", ""},
		{"include other version", "```html include=web/examples/qualtrics.js\n<script src=\"https://YOUR-HOST/netflix-donation-1.0.0/examples/qualtrics.js\"></script>\n```\n", "want exactly"},
		{"unclosed", "text\n```js file=web/examples/qualtrics.js\n" + firstLine, "never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := checkGuide(root, "9.9.9", tt.md)
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("errors %v, want none", errs)
			case tt.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want)):
				t.Errorf("errors %v, want one containing %q", errs, tt.want)
			}
		})
	}
}

// TestGuidesShowExampleCode checks every guide's code blocks.
func TestGuidesShowExampleCode(t *testing.T) {
	root := testutil.RepoRoot(t)
	version := readVersion(t, root)
	for name, md := range guides(t, root) {
		for _, err := range checkGuide(root, version, md) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestGuidesQuoteWholeScripts: the script an author pastes is shown whole
// in its guide, and every platform has its guide.
func TestGuidesQuoteWholeScripts(t *testing.T) {
	root := testutil.RepoRoot(t)
	all := guides(t, root)
	want := map[string][]string{
		"qualtrics.md":    {"web/examples/qualtrics.js"},
		"limesurvey.md":   {"web/examples/limesurvey.js"},
		"sosci-survey.md": {"web/examples/sosci.js"},
		"plain-form.md":   {"web/examples/plain-form.js"},
		"iframe.md":       {"web/examples/iframe-inner.js", "web/examples/iframe-host.js", "web/examples/iframe-inner.html"},
	}
	for guide, files := range want {
		blocks, err := fencedBlocks(all[guide])
		if err != nil || all[guide] == "" {
			t.Errorf("%s: missing or broken (%v)", guide, err)
			continue
		}
		for _, f := range files {
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(blocks, func(b block) bool { return b.attr["file"] == f && b.text == string(src) }) {
				t.Errorf("%s does not show %s whole", guide, f)
			}
		}
	}
}

// TestGuideExamplesAreTested: each example a guide quotes belongs to a
// page in web/examples/ that a browser test loads.
func TestGuideExamplesAreTested(t *testing.T) {
	root := testutil.RepoRoot(t)
	tests, err := filepath.Glob(filepath.Join(root, "browsertest", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	var browserTests strings.Builder
	for _, f := range tests {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		browserTests.Write(b)
	}
	pages, _ := filepath.Glob(filepath.Join(root, "web", "examples", "*.html"))
	tested := func(page string) bool {
		return strings.Contains(browserTests.String(), `"/web/examples/`+page+`"`)
	}
	for name, md := range guides(t, root) {
		blocks, _ := fencedBlocks(md)
		for _, b := range blocks {
			f := b.attr["file"]
			if f == "" {
				continue
			}
			base := path.Base(f)
			var hosts []string // pages that are or load the file
			for _, p := range pages {
				src, _ := os.ReadFile(p)
				if filepath.Base(p) == base || strings.Contains(string(src), `src="`+base+`"`) {
					hosts = append(hosts, filepath.Base(p))
				}
			}
			// iframe-inner.html is tested through iframe-host.html, which frames it.
			if slices.Contains(hosts, "iframe-inner.html") {
				hosts = append(hosts, "iframe-host.html")
			}
			if !slices.ContainsFunc(hosts, tested) {
				t.Errorf("%s: %s is on no page a browser test loads (pages: %q)", name, f, hosts)
			}
		}
	}
}

// TestGuideLinks: relative links point to files that exist, and anchors
// into a guide to one of its headings.
func TestGuideLinks(t *testing.T) {
	root := testutil.RepoRoot(t)
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for name, md := range guides(t, root) {
		for _, m := range link.FindAllStringSubmatch(md, -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			p := filepath.Join(root, "docs", "authors", filepath.FromSlash(file))
			if file == "" {
				p = filepath.Join(root, "docs", "authors", name)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("%s: link %s: %v", name, target, err)
				continue
			}
			if anchor != "" && !slices.Contains(headingSlugs(string(b)), anchor) {
				t.Errorf("%s: link %s: no such heading (have %q)", name, target, headingSlugs(string(b)))
			}
		}
	}
}

// headingSlugs are the anchors GitHub gives a Markdown file's headings:
// lower case, punctuation dropped, spaces as hyphens.
func headingSlugs(md string) []string {
	var out []string
	drop := regexp.MustCompile(`[^\p{L}\p{N} _-]`)
	for _, line := range strings.Split(md, "\n") {
		if h, ok := strings.CutPrefix(line, "#"); ok {
			h = strings.TrimLeft(h, "#")
			out = append(out, strings.ReplaceAll(drop.ReplaceAllString(strings.ToLower(strings.TrimSpace(h)), ""), " ", "-"))
		}
	}
	return out
}

func TestHeadingSlugs(t *testing.T) {
	got := headingSlugs("# Hosting\n## The survey page's Content-Security-Policy\n### Check it in the browser\ntext # not a heading\n")
	want := []string{"hosting", "the-survey-pages-content-security-policy", "check-it-in-the-browser"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestParticipantInstructions: the request instructions exist in nl, en
// and de, with the same five steps and the facts participants need.
func TestParticipantInstructions(t *testing.T) {
	md := guides(t, testutil.RepoRoot(t))["participant-instructions.md"]
	sections := map[string][]string{
		"Nederlands": {"webbrowser", "niet in de Netflix-app", "Account", "Beveiliging en privacy", "Je persoonlijke gegevens downloaden", "wachtwoord", "3 dagen", "hooguit 30", "Pak het niet uit", "Safari", "map"},
		"English":    {"web browser", "not in the Netflix app", "Account", "Security and privacy", "Download your personal information", "password", "3 days", "at most 30", "Do not unzip it", "Safari", "folder"},
		"Deutsch":    {"Webbrowser", "nicht in der Netflix-App", "Konto", "Sicherheit und Datenschutz", "Ihre persönlichen Daten herunterladen", "Passwort", "3 Tage", "höchstens 30", "Entpacken Sie", "Safari", "Ordner"},
	}
	step := regexp.MustCompile(`(?m)^> [0-9]+\. `)
	for lang, facts := range sections {
		start := strings.Index(md, "\n## "+lang+"\n")
		if start < 0 {
			t.Errorf("no section %q", lang)
			continue
		}
		sec := md[start+1:]
		if end := strings.Index(sec[3:], "\n## "); end >= 0 {
			sec = sec[:end+3]
		}
		flat := strings.Join(strings.Fields(strings.ReplaceAll(sec, "\n>", " ")), " ")
		for _, f := range append(facts, "netflix.com", "ZIP", "Mac") {
			if !strings.Contains(flat, f) {
				t.Errorf("%s: does not say %q", lang, f)
			}
		}
		if n := len(step.FindAllString(sec, -1)); n != 5 {
			t.Errorf("%s: %d numbered steps, want 5", lang, n)
		}
	}
}
