package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/testutil"
)

// TestExamplesPasteInline: every example script may be pasted inside a
// <script> element (the guides offer it for LimeSurvey and SoSci Survey,
// and platforms put their own script fields into one). The HTML parser
// ends a script at the first "</script", comments included, and "<!--"
// with "<script" switches it into a state where it may not end at all, so
// no example may hold them. (browsertest runs the pasted scripts.)
func TestExamplesPasteInline(t *testing.T) {
	root := testutil.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "web", "examples", "*.js"))
	if len(files) < 5 {
		t.Fatalf("only %d example scripts", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lower := strings.ToLower(string(b))
		for _, bad := range []string{"</script", "<!--", "<script"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s holds %q: pasted inside <script>...</script> it would break the page", filepath.Base(f), bad)
			}
		}
	}
}

// expression is what LimeSurvey's Expression Manager evaluates in a
// question text, inside <script> too: a brace followed by anything but
// white space.
var expression = regexp.MustCompile(`\{\S`)

// TestLimeSurveyCodeHasNoExpressions: the example and every code block
// of the LimeSurvey guide survive the Expression Manager unchanged.
func TestLimeSurveyCodeHasNoExpressions(t *testing.T) {
	root := testutil.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "web", "examples", "limesurvey.js"))
	if err != nil {
		t.Fatal(err)
	}
	if m := expression.FindString(string(src)); m != "" {
		t.Errorf("limesurvey.js holds %q", m)
	}
	blocks, err := fencedBlocks(guides(t, root)["limesurvey.md"])
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if m := expression.FindString(b.text); m != "" {
			t.Errorf("limesurvey.md, block of line %d, holds %q", b.line, m)
		}
	}
	if !expression.MatchString(`config='{"titles":"top"}'`) || expression.MatchString("{ titles: 'top' }\n(function () {\n") {
		t.Error("the pattern does not tell expressions from code")
	}
}

// TestExampleAddressesAreVersioned: every address of the bundle in the
// examples, the guides and the README names the versioned folder that
// `make dist` writes, netflix-donation-<VERSION>/.
func TestExampleAddressesAreVersioned(t *testing.T) {
	root := testutil.RepoRoot(t)
	version := readVersion(t, root)
	var files []string
	for _, pattern := range []string{"web/examples/*", "docs/authors/*.md", "README.md", "cmd/dist/templates/*"} {
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		files = append(files, m...)
	}
	addr := regexp.MustCompile(`YOUR-HOST/netflix-donation[^"'\s)]*`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range addr.FindAllString(string(b), -1) {
			if !strings.HasPrefix(m, "YOUR-HOST/netflix-donation-"+version+"/") && !strings.HasPrefix(m, "YOUR-HOST/netflix-donation-{{") {
				t.Errorf("%s: %s is not in netflix-donation-%s/", filepath.Base(f), m, version)
			}
		}
	}
}

// TestResearchersSnippetsAreFiles: the R and Python blocks of the
// researchers' guide are the snippet files the tests run, whole.
func TestResearchersSnippetsAreFiles(t *testing.T) {
	root := testutil.RepoRoot(t)
	md, err := os.ReadFile(filepath.Join(root, "docs", "researchers.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := fencedBlocks(string(md))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, b := range blocks {
		f, ok := b.attr["file"]
		if !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil || !strings.HasPrefix(f, "docs/snippets/") {
			t.Errorf("line %d: file=%s is not a snippet (%v)", b.line, f, err)
			continue
		}
		if b.text != string(src) {
			t.Errorf("line %d: the block is not %s whole", b.line, f)
		}
		shown[f] = true
	}
	snippets, _ := filepath.Glob(filepath.Join(root, "docs", "snippets", "*"))
	for _, s := range snippets {
		if rel := "docs/snippets/" + filepath.Base(s); !shown[rel] {
			t.Errorf("researchers.md does not show %s", rel)
		}
	}
}
