package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// session is one headless Chromium with one page, plus the worker
// targets it attached to.
type session struct {
	ctx       context.Context // the page's chromedp context
	cancel    func()
	crashed   chan struct{} // closed when the page's renderer crashes (out of memory)
	workerCtx map[target.ID]context.Context
	cancels   []context.CancelFunc
}

// newSession starts Chromium at execPath with a fresh profile in
// userDataDir. The flags are those of the project's browser tests, plus
// precise memory figures for performance.memory.
func newSession(execPath, userDataDir string) (*session, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(userDataDir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("enable-precise-memory-info", true),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		acancel()
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	s := &session{ctx: ctx, workerCtx: map[target.ID]context.Context{}, crashed: make(chan struct{})}
	var once sync.Once
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*inspector.EventTargetCrashed); ok {
			once.Do(func() { close(s.crashed) })
		}
	})
	s.cancel = func() {
		for _, c := range s.cancels {
			c()
		}
		cancel()
		acancel()
	}
	return s, nil
}

// close stops the browser.
func (s *session) close() { s.cancel() }

// version returns the browser's product string, e.g. "Chrome/156.0...".
func (s *session) version() string {
	var product string
	chromedp.Run(s.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, p, _, _, _, err := browser.GetVersion().Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
		product = p
		return err
	}))
	return product
}

// navigate loads url and waits for the load event.
func (s *session) navigate(url string) error {
	return chromedp.Run(s.ctx, chromedp.Navigate(url))
}

// eval evaluates expr in the page, awaiting a promise, and decodes the
// value into out. timeout bounds the call; a crashed page ends it too.
func (s *session) eval(expr string, out any, timeout time.Duration) error {
	select {
	case <-s.crashed:
		return fmt.Errorf("%s: the page had crashed before", shortExpr(expr))
	default:
	}
	ctx, cancel := context.WithTimeout(s.ctx, timeout)
	defer cancel()
	go func() {
		select {
		case <-s.crashed:
			cancel()
		case <-ctx.Done():
		}
	}()
	var raw json.RawMessage
	err := chromedp.Run(ctx, chromedp.Evaluate(expr, &raw, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		select {
		case <-s.crashed:
			return fmt.Errorf("%s: the page crashed (renderer out of memory?)", shortExpr(expr))
		default:
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%s: no answer within %v (the page may have crashed)", shortExpr(expr), timeout)
		}
		return fmt.Errorf("%s: %w", shortExpr(expr), err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// shortExpr abbreviates an expression for an error message.
func shortExpr(expr string) string {
	if i := strings.IndexAny(expr, "\n"); i >= 0 {
		expr = expr[:i]
	}
	if len(expr) > 60 {
		expr = expr[:60] + "..."
	}
	return expr
}

// upload sets path as the file of the <input type=file> sel.
func (s *session) upload(sel, path string) error {
	return chromedp.Run(s.ctx, chromedp.SetUploadFiles(sel, []string{path}, chromedp.ByQuery))
}

// heapUsed returns the JavaScript heap in use of the target behind ctx
// (Runtime.getHeapUsage).
func heapUsed(ctx context.Context) (int64, error) {
	var used float64
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		u, _, _, _, err := runtime.GetHeapUsage().Do(ctx)
		used = u
		return err
	}))
	return int64(used), err
}

// workers returns chromedp contexts attached to each of the page's
// dedicated workers (the engine's: one, or two once a large input was
// split), attaching on first use. The contexts stay open: cancelling one
// would close its worker.
func (s *session) workers() ([]context.Context, error) {
	infos, err := chromedp.Targets(s.ctx)
	if err != nil {
		return nil, err
	}
	var out []context.Context
	for _, t := range infos {
		if t.Type != "worker" {
			continue
		}
		ctx, ok := s.workerCtx[t.TargetID]
		if !ok {
			var cancel context.CancelFunc
			ctx, cancel = chromedp.NewContext(s.ctx, chromedp.WithTargetID(t.TargetID))
			s.cancels = append(s.cancels, cancel)
			if err := chromedp.Run(ctx); err != nil {
				return nil, fmt.Errorf("attaching to a worker: %w", err)
			}
			s.workerCtx[t.TargetID] = ctx
		}
		out = append(out, ctx)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("found no worker target")
	}
	return out, nil
}

// wasmMemory returns the total size of every WebAssembly.Memory alive in
// the target behind ctx. It asks the DevTools protocol for all objects
// whose prototype is WebAssembly.Memory.prototype (Runtime.queryObjects),
// so the engine needs no debug hook to be measured.
func wasmMemory(ctx context.Context) (int64, error) {
	var total float64
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		proto, exc, err := runtime.Evaluate("WebAssembly.Memory.prototype").Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return fmt.Errorf("WebAssembly.Memory.prototype: %s", exc.Text)
		}
		defer runtime.ReleaseObject(proto.ObjectID).Do(ctx)
		list, err := runtime.QueryObjects(proto.ObjectID).Do(ctx)
		if err != nil {
			return err
		}
		defer runtime.ReleaseObject(list.ObjectID).Do(ctx)
		res, exc, err := runtime.CallFunctionOn(
			"function () { return this.reduce(function (n, m) { return n + m.buffer.byteLength; }, 0); }").
			WithObjectID(list.ObjectID).WithReturnByValue(true).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return fmt.Errorf("summing memories: %s", exc.Text)
		}
		return json.Unmarshal(res.Value, &total)
	}))
	return int64(total), err
}
