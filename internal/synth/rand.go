package synth

import "math/bits"

// rng is a small seeded pseudo-random generator (SplitMix64).
//
// The package uses its own generator instead of math/rand so that a Config
// keeps producing the same bytes whatever the Go release: the output of
// this algorithm is fixed by the code below and nothing else.
type rng struct{ s uint64 }

// newRNG returns a generator for one independent stream of a seed, so
// that, for example, each profile's rows do not depend on how many rows
// another profile received.
func newRNG(seed int64, stream uint64) rng {
	r := rng{s: uint64(seed)*0xD1B54A32D192ED03 ^ (stream+1)*0x9E3779B97F4A7C15}
	r.next()
	return r
}

// next returns 64 random bits.
func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); 0 when n <= 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// int63n is intn for int64 ranges.
func (r *rng) int63n(n int64) int64 {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int64(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability per10k/10000.
func (r *rng) chance(per10k int) bool {
	return r.intn(10000) < per10k
}

// skewed returns an index in [0, n) where small indexes are much more
// likely: a few titles are watched far more than the rest, as in real
// viewing histories.
func (r *rng) skewed(n int) int {
	return r.intn(r.intn(n) + 1)
}

// weighted returns an index into w chosen with probability proportional
// to its weight.
func (r *rng) weighted(w []uint16) int {
	total := 0
	for _, x := range w {
		total += int(x)
	}
	k := r.intn(total)
	for i, x := range w {
		if k < int(x) {
			return i
		}
		k -= int(x)
	}
	return len(w) - 1
}
