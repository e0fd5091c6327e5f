//go:build js && wasm

package main

import (
	"testing"

	"github.com/hack-pad/safejs"
)

// TestYieldRunsQueuedMessages checks that yieldToEventLoop lets the event
// loop deliver a message queued before it (as the page's abort message
// is queued in the worker while the extraction computes), and that it can
// be called again and again.
func TestYieldRunsQueuedMessages(t *testing.T) {
	for i := range 3 {
		delivered := false
		fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
			delivered = true
			return nil
		})
		must(t, err)
		ctor, err := safejs.Global().Get("MessageChannel")
		must(t, err)
		mc, err := ctor.New()
		must(t, err)
		in, _ := mc.Get("port1")
		out, _ := mc.Get("port2")
		must(t, in.Set("onmessage", fn))
		_, err = out.Call("postMessage", "abort")
		must(t, err)

		yieldToEventLoop()

		in.Call("close")
		fn.Release()
		if !delivered {
			t.Fatalf("round %d: the message queued before the yield was not delivered", i)
		}
	}
}
