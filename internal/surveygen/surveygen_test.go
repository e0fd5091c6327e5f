package surveygen

import (
	"bytes"
	"testing"
)

// TestDeterministic: the same Config gives the same bytes and answer key,
// another seed another export.
func TestDeterministic(t *testing.T) {
	gen := func(seed int64) ([]byte, *Truth) {
		var b bytes.Buffer
		truth, err := Write(&b, Config{Responses: 60, Seed: seed, Cases: true, Pool: 2})
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes(), truth
	}
	a, ta := gen(5)
	b, tb := gen(5)
	c, _ := gen(6)
	if !bytes.Equal(a, b) || len(ta.Respondents) != len(tb.Respondents) || bytes.Equal(a, c) {
		t.Errorf("same seed: equal %v; other seed: equal %v", bytes.Equal(a, b), bytes.Equal(a, c))
	}
	if !bytes.HasPrefix(a, []byte("\uFEFFStartDate,")) {
		t.Errorf("not a Qualtrics export: %.40q", a)
	}
}
