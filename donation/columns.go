//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Columns locates a donation in the records of a survey export: a single
// column NAME, or NAME_part_1 ... NAME_part_N when the widget split the
// donation because of a platform's field limit, or both.
type Columns struct {
	Whole int   // index of the column NAME, -1 if absent
	Parts []int // indexes of NAME_part_1 ... NAME_part_N, in part order
}

// FindColumns finds the donation column name in header. Names are
// compared without case and surrounding space, as survey platforms treat
// them. Parts must be numbered 1 to N without gaps or repeats: a missing
// part would silently cut every donation.
func FindColumns(header []string, name string) (Columns, error) {
	c := Columns{Whole: -1}
	want := strings.ToLower(strings.TrimSpace(name))
	prefix := want + "_part_"
	type part struct{ n, col int }
	var parts []part
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		switch {
		case h == want:
			if c.Whole >= 0 {
				return c, fmt.Errorf("column %q appears twice", name)
			}
			c.Whole = i
		case strings.HasPrefix(h, prefix):
			n, err := strconv.Atoi(h[len(prefix):])
			if err != nil || n < 1 {
				continue
			}
			parts = append(parts, part{n, i})
		}
	}
	slices.SortFunc(parts, func(a, b part) int { return a.n - b.n })
	for i, p := range parts {
		if p.n != i+1 {
			return c, fmt.Errorf("column %s_part_%d is missing or repeated", name, i+1)
		}
		c.Parts = append(c.Parts, p.col)
	}
	if c.Whole < 0 && len(c.Parts) == 0 {
		return c, fmt.Errorf("no column %q or %q in the export", name, name+"_part_1")
	}
	return c, nil
}

// Value returns the stored donation of one record: the NAME cell when it
// is not empty, otherwise the parts concatenated in part order.
func (c Columns) Value(record []string) string {
	cell := func(i int) string {
		if i >= 0 && i < len(record) {
			return record[i]
		}
		return ""
	}
	if v := cell(c.Whole); strings.TrimSpace(v) != "" || len(c.Parts) == 0 {
		return v
	}
	var b strings.Builder
	for _, i := range c.Parts {
		b.WriteString(cell(i))
	}
	return b.String()
}
