package extractor

import (
	"encoding/binary"
	"encoding/json"

	"github.com/netflix-donation/widget/extractor/codes"
)

// Merge adds b, the aggregates of the range that follows a's, to a. The
// result is what one Read of both ranges gives: profiles b has and a has
// not are appended in b's order (their order of first appearance), and
// every figure of a profile merges with the same figure of b. Both must
// have been read with the same options; a keeps its account tables and
// source. b is not changed, and a is not read into afterwards.
func (a *Aggregates) Merge(b *Aggregates) error {
	if a.options != b.options {
		return codes.New(codes.Internal, "ranges read with different options cannot be merged")
	}
	for _, p := range b.profiles {
		i, ok := a.byName[p.name]
		if !ok {
			i = a.addProfile(p.name)
		}
		a.profiles[i].fig.merge(&p.fig)
	}
	a.last = nil
	return nil
}

// aggregatesMagic starts every encoded Aggregates; the digit is the
// format version, since the engines that write and read one may come
// from different builds during an update.
const aggregatesMagic = "NFXAGG2"

// Month indexes an encoding may hold: parseStartTime accepts years 2007 to
// 9999, and a time zone moves a day by less than a month.
const (
	minCodecMonth = 2006 * 12
	maxCodecMonth = 10000 * 12
)

// optionsKey identifies the options aggregates were read with.
func optionsKey(o Options) string {
	b, _ := json.Marshal(o) // Options has no value json cannot encode
	return string(b)
}

// MarshalBinary encodes the aggregates of a range for another engine of
// the same page, which decodes them with UnmarshalAggregates and merges
// them. The account tables and the source are not encoded: the range
// that begins at the first row keeps them, and the others are merged
// into it.
func (a *Aggregates) MarshalBinary() ([]byte, error) {
	w := codecWriter{b: make([]byte, 0, 4096)}
	w.b = append(w.b, aggregatesMagic...)
	w.string(a.options)
	w.uint(uint64(len(a.profiles)))
	for _, p := range a.profiles {
		w.string(p.name)
		p.fig.encode(&w)
	}
	return w.b, nil
}

// UnmarshalAggregates decodes what MarshalBinary wrote. Everything is
// checked (counts against the bytes left, kinds, month ranges, the
// options), so damaged bytes are an error, never a panic or a huge
// allocation.
func UnmarshalAggregates(b []byte) (*Aggregates, error) {
	if len(b) < len(aggregatesMagic) || string(b[:len(aggregatesMagic)]) != aggregatesMagic {
		return nil, errCodec("they are not encoded aggregates")
	}
	r := codecReader{b: b[len(aggregatesMagic):]}
	key := r.string()
	var opts Options
	if err := json.Unmarshal([]byte(key), &opts); r.err == nil && err != nil {
		r.fail("the options cannot be read")
	}
	if r.err != nil {
		return nil, r.err
	}
	cfg, err := validateOptions(opts)
	if err != nil {
		return nil, errCodec("the options are not valid")
	}
	a := newAggregates(cfg, key)
	for n := r.count(); n > 0 && r.err == nil; n-- {
		name := r.string()
		if _, dup := a.byName[name]; dup {
			r.fail("a profile twice")
			break
		}
		a.profiles[a.addProfile(name)].fig.decode(&r)
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail("bytes after the end")
	}
	if r.err != nil {
		return nil, r.err
	}
	return a, nil
}

// errCodec is the error for aggregates that cannot be decoded. They pass
// only between engines of one page, so this is a failure of the widget
// itself, not of the participant's file.
func errCodec(why string) *codes.Error {
	return codes.New(codes.Internal, "the aggregates of a range cannot be read: %s", why)
}

// codecWriter appends an encoding: varints and length-prefixed strings.
// Its methods are kept out of line: inlined at every figure, the varint
// code would add tens of kilobytes to the WebAssembly download.
type codecWriter struct{ b []byte }

//go:noinline
func (w *codecWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

//go:noinline
func (w *codecWriter) ints(vs ...int64) {
	for _, v := range vs {
		w.b = binary.AppendVarint(w.b, v)
	}
}

//go:noinline
func (w *codecWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

//go:noinline
func (w *codecWriter) string(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// codecReader reads an encoding. After the first failure every method
// returns zero values and err keeps that failure, so decoders check once
// per loop rather than after every field.
type codecReader struct {
	b   []byte
	err error
}

func (r *codecReader) fail(why string) {
	if r.err == nil {
		r.err = errCodec(why)
	}
	r.b = nil
}

//go:noinline
func (r *codecReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("they are cut short")
		return 0
	}
	r.b = r.b[n:]
	return v
}

//go:noinline
func (r *codecReader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("they are cut short")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of things that follow, each at least one byte
// long, so a count larger than the bytes left is damage.
//
//go:noinline
func (r *codecReader) count() int {
	v := r.uint()
	if v > uint64(len(r.b)) {
		r.fail("a count beyond their end")
		return 0
	}
	return int(v)
}

//go:noinline
func (r *codecReader) bool() bool {
	switch v := r.uint(); v {
	case 0, 1:
		return v == 1
	}
	r.fail("a flag that is neither 0 nor 1")
	return false
}

//go:noinline
func (r *codecReader) string() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
