// Command screenshots renders every screen of the <netflix-donation>
// widget, in Dutch, English and German, on a desktop 1280 CSS pixels wide
// and on a phone 360 pixels wide (touch emulated), into PNG files, so that
// a person can look at them. `make screenshots` runs it.
//
// Usage:
//
//	screenshots [-out screenshots] [-page index.html] [-lang nl,en,de] [-input export.zip]
//
// It serves the repository root on a loopback port, opens the page in
// headless Chromium (/usr/bin/chromium, or -chromium), and walks through
// the flow as a participant would: intro, the file guide, the decline
// question and its way back, choose, working, profile, review, the exact
// data, no titles, consent, the decline question from there, done; then a
// wrong file (error) and declining after it; then a decline for each of
// the other reasons. Without -input it generates a multi-profile export
// with internal/synth. The working screen is caught by holding the engine
// for a moment (a wrapper installed in the page by this tool only),
// because a real extraction is too quick to photograph.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/internal/synth"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run() error {
	out := flag.String("out", "screenshots", "directory for the PNG files")
	page := flag.String("page", "index.html", "page to open, relative to the repository root")
	langs := flag.String("lang", "nl,en,de", "widget languages, comma-separated")
	input := flag.String("input", "", "export to pick (default: a generated multi-profile ZIP)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium executable")
	flag.Parse()

	root, err := repoRoot()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "screenshots")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	files, err := fixtures(tmp, *input)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(root))}
	go srv.Serve(ln)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(*chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Run(bctx); err != nil {
		return fmt.Errorf("start chromium: %w", err)
	}

	for _, lang := range strings.Split(*langs, ",") {
		url := fmt.Sprintf("http://%s/%s?lang=%s", ln.Addr(), *page, lang)
		for _, width := range []int64{1280, 360} {
			ctx, cancel := chromedp.NewContext(bctx)
			ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
			shots := &shooter{dir: *out, lang: lang, width: width, phone: width < 600}
			err := walk(ctx, shots, url, files)
			cancelT()
			cancel()
			if err != nil {
				return fmt.Errorf("%s, %d px: %w", lang, width, err)
			}
			for _, name := range shots.written {
				fmt.Println(name)
			}
		}
	}
	return nil
}

// inputs are the files the participant picks.
type inputs struct {
	export string // a Netflix export
	wrong  string // a file that is not one
}

func fixtures(dir, export string) (inputs, error) {
	in := inputs{export: export, wrong: filepath.Join(dir, "holiday-photo.jpg")}
	if err := os.WriteFile(in.wrong, photo(), 0o644); err != nil {
		return in, err
	}
	if in.export != "" {
		return in, nil
	}
	in.export = filepath.Join(dir, "netflix-report.zip")
	f, err := os.Create(in.export)
	if err != nil {
		return in, err
	}
	if _, err := synth.WriteZip(f, synth.Config{Rows: 3000, Seed: 7}); err != nil {
		f.Close()
		return in, err
	}
	return in, f.Close()
}

// repoRoot walks up from the working directory to the directory with go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// photo returns the start of a JPEG photo: the wrong file a participant
// might pick.
func photo() []byte {
	return append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), make([]byte, 512)...)
}
