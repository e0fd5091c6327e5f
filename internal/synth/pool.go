package synth

// Hand-written pools are small; a big household watches far more
// distinct titles (real exports: about half the rows are a title's
// latest view). So the household adds invented titles composed from word
// lists, more for larger exports.

// extraTitles returns how many composed shows and movies a household of
// rows rows gets.
func extraTitles(rows int) int {
	return min(rows/120, 400)
}

// composedName returns an invented title name from the English word
// lists; some contain ": " or a comma, as real titles do.
func composedName(r *rng) string {
	l := &languages[langEN]
	adj := l.adjs[r.intn(len(l.adjs))]
	noun := l.nouns[r.intn(len(l.nouns))]
	noun2 := l.nouns[r.intn(len(l.nouns))]
	switch r.intn(8) {
	case 0:
		return "Inside the " + noun + ": " + adj + " Stories"
	case 1:
		return noun + ", " + noun2 + " and Me"
	case 2:
		return noun + " & " + noun2
	case 3:
		return adj + " " + noun + "s"
	case 4:
		return "The " + noun + " of " + adj + " " + noun2
	default:
		return "The " + adj + " " + noun
	}
}

// composedShows returns n invented shows.
func composedShows(r *rng, n int) []show {
	out := make([]show, n)
	origins := [...]uint8{langEN, langEN, langEN, langEN, langNL, langDE, langPT, langPL}
	for i := range out {
		out[i] = show{
			name:     composedName(r),
			origin:   origins[r.intn(len(origins))],
			seasons:  uint8(r.between(1, 5)),
			episodes: uint8(r.between(6, 12)),
			runtime:  uint16(r.between(20, 60)),
			limited:  r.chance(1000),
			named:    r.chance(6000),
			kids:     r.chance(1200),
		}
		if out[i].limited {
			out[i].seasons = 1
		}
		if out[i].kids {
			out[i].runtime = uint16(r.between(7, 25))
		}
	}
	return out
}

// composedMovies returns n invented movies.
func composedMovies(r *rng, n int) []movie {
	out := make([]movie, n)
	for i := range out {
		out[i] = movie{name: composedName(r), runtime: uint16(r.between(78, 155)), kids: r.chance(1200)}
		if out[i].kids {
			out[i].runtime = uint16(r.between(60, 95))
		}
	}
	return out
}
