package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// shooter writes full-page screenshots named NN-LANG-screen-WIDTH.png.
type shooter struct {
	dir     string
	lang    string
	width   int64
	phone   bool // touch emulation: the page is used by touch alone
	n       int
	written []string
}

func (s *shooter) shot(name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		// Let transitions, focus rings and fonts settle.
		if err := chromedp.Sleep(150 * time.Millisecond).Do(ctx); err != nil {
			return err
		}
		var png []byte
		if err := chromedp.FullScreenshot(&png, 100).Do(ctx); err != nil {
			return err
		}
		s.n++
		path := filepath.Join(s.dir, fmt.Sprintf("%02d-%s-%s-%d.png", s.n, s.lang, name, s.width))
		s.written = append(s.written, path)
		return os.WriteFile(path, png, 0o644)
	})
}

// The element's shadow root, as a JavaScript expression.
const shadow = `document.querySelector('netflix-donation').shadowRoot`

// waitFor waits until the element's shadow root contains sel (a CSS selector).
func waitFor(sel string) chromedp.Action {
	return chromedp.Poll(fmt.Sprintf(`!!(document.querySelector('netflix-donation') && %s && %s.querySelector(%q))`, shadow, shadow, sel), nil,
		chromedp.WithPollingTimeout(60*time.Second))
}

func click(sel string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`%s.querySelector(%q).click()`, shadow, sel), nil)
}

func eval(js string) chromedp.Action {
	var ignored any
	return chromedp.Evaluate(js, &ignored)
}

// openAll opens every disclosure of the current screen.
var openAll = eval(shadow + `.querySelectorAll('details').forEach((d) => { d.open = true; })`)

// hold makes the engine pause so the working screens can be photographed:
// the element's engine is wrapped (its engine property) so that open()
// answers only after window.__release once it has read the file, and a
// summary only after window.__release2.
const hold = `(() => {
  const el = document.querySelector('netflix-donation');
  const real = el.engine;
  let release;
  window.__held = new Promise((r) => { release = r; });
  window.__release = release;
  el.engine = {
    ready: () => real.ready(),
    share: (s, o) => real.share(s, o),
    open: async (input, o) => {
      const session = await real.open(input, o);
      await window.__held;
      return {
        profiles: session.profiles,
        close: () => session.close(),
        summary: async (p) => {
          await new Promise((r) => { window.__release2 = r; });
          return session.summary(p);
        },
      };
    },
  };
})()`

// start opens the page fresh and goes to the choose screen.
func start(url string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		waitFor(".screen-title"),
		click(`[data-key="start"]`),
		waitFor(`input[type=file]`),
	}
}

// declined opens the page fresh and declines from the intro with reason.
func declined(s *shooter, url, reason string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		waitFor(".screen-title"),
		click(`[data-key="skip"]`),
		waitFor(`[data-key="decline-confirm"]`),
		click(fmt.Sprintf(`[data-key="reason:%s"]`, reason)),
		click(`[data-key="decline-confirm"]`),
		waitFor(`section[data-reason]`),
		openAll,
		s.shot("declined-" + reason),
	}
}

func walk(ctx context.Context, s *shooter, url string, in inputs) error {
	fileInput := shadow + `.querySelector('input[type=file]:not([webkitdirectory])')`
	viewport := chromedp.EmulateViewport(s.width, 900)
	if s.phone {
		viewport = chromedp.EmulateViewport(s.width, 800, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.Run(ctx,
		viewport,
		chromedp.Navigate(url),
		waitFor(".screen-title"),
		s.shot("intro"),
		openAll,
		s.shot("intro-guide"),
		click(`[data-key="skip"]`),
		waitFor(`[data-key="decline-confirm"]`),
		s.shot("decline"),
		click(`[data-key="decline-confirm"]`),
		waitFor(`.field-error:not([hidden])`),
		s.shot("decline-no-reason"),
		click(`[data-key="back"]`),
		waitFor(`[data-key="start"]`),
		click(`[data-key="start"]`),
		waitFor(`input[type=file]`),
		s.shot("choose"),
		openAll,
		s.shot("choose-guide"),
		eval(hold),
		chromedp.SetUploadFiles(fileInput, []string{in.export}, chromedp.ByJSPath),
		waitFor(`progress`),
		s.shot("working"),
		eval(`window.__release()`),
		waitFor(`input[type=checkbox]`),
		s.shot("profile"),
		click(`input[type=checkbox]`),
		click(`[data-key="profile-next"]`),
		chromedp.Poll(`typeof window.__release2 === 'function'`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		s.shot("working-progress"),
		eval(`window.__release2()`),
		waitFor(`pre.json`),
		s.shot("review"),
		eval(shadow+`.querySelector('[data-key^="remove:"]').click()`),
		chromedp.Poll(shadow+`.querySelector('pre.json:not([aria-busy])') && !!`+shadow+`.querySelector('[data-key^="undo:"]')`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		openAll,
		s.shot("review-open"),
		click(`[data-key="titles-none"]`),
		waitFor(`[data-key="titles-all"]`),
		s.shot("review-no-titles"),
		click(`[data-key="titles-all"]`),
		waitFor(`[data-key="titles-none"]`),
		click(`[data-key="review-next"]`),
		waitFor(`[data-key="share"]`),
		s.shot("consent"),
		click(`[data-key="decline"]`),
		waitFor(`[data-key="decline-confirm"]`),
		s.shot("decline-consent"),
		click(`[data-key="back"]`),
		waitFor(`[data-key="share"]`),
		click(`[data-key="share"]`),
		waitFor(`.shared-list`),
		s.shot("done"),

		start(url),
		chromedp.SetUploadFiles(fileInput, []string{in.wrong}, chromedp.ByJSPath),
		waitFor(`.error[role=alert]`),
		s.shot("error"),
		click(`[data-key="skip"]`),
		waitFor(`[data-key="decline-confirm"]`),
		s.shot("decline-error"),
		click(`[data-key="decline-confirm"]`),
		waitFor(`section[data-reason]`),
		s.shot("declined-did_not_work"),
		declined(s, url, "not_wanted"),
		declined(s, url, "no_file"),
		declined(s, url, "not_own_account"),
	)
}
