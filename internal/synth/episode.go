package synth

import "strconv"

// appendEpisodeTitle appends a ViewingActivity episode title in the
// grammar Netflix uses: "Show: <SeasonLabel>: Episode Name (Episode N)",
// or "Show: <SeasonLabel>: Episode N" for unnamed episodes, with the
// season label and episode word in language l.
func appendEpisodeTitle(b []byte, s *show, showIdx int, l *language, season, ep int) []byte {
	b = append(b, s.name...)
	b = append(b, ": "...)
	if s.limited {
		b = append(b, l.limited...)
	} else {
		b = append(b, l.season...)
		b = append(b, l.sep...)
		b = strconv.AppendInt(b, int64(season), 10)
	}
	b = append(b, ": "...)
	if !s.named {
		b = append(b, l.episode...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(ep), 10)
		if l == &languages[langPT] && ep%3 == 0 {
			// Seen in Portuguese exports: the suffix duplicates the piece,
			// "Episódio 7 (Episódio 7)".
			b = appendEpisodeSuffix(b, l, ep)
		}
		return b
	}
	b = appendEpisodeName(b, l, uint64(showIdx)<<16|uint64(season)<<8|uint64(ep))
	return appendEpisodeSuffix(b, l, ep)
}

// appendEpisodeSuffix appends " (Episode N)" in language l.
func appendEpisodeSuffix(b []byte, l *language, ep int) []byte {
	b = append(b, " ("...)
	b = append(b, l.episode...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(ep), 10)
	return append(b, ')')
}

// appendEpisodeName appends an invented episode name chosen by a hash of
// id, so that the same episode always has the same name. Some names hold
// a comma (the CSV field is then quoted), some hold ": " (so that parsers
// cannot split titles blindly), some a typographic apostrophe.
func appendEpisodeName(b []byte, l *language, id uint64) []byte {
	h := newRNG(int64(id), 7)
	adj := l.adjs[h.intn(len(l.adjs))]
	noun := l.nouns[h.intn(len(l.nouns))]
	noun2 := l.nouns[h.intn(len(l.nouns))]
	switch h.intn(10) {
	case 0:
		b = append(b, noun...)
		b = append(b, ", "...)
		return append(b, noun2...)
	case 1:
		b = append(b, "Book "...)
		b = append(b, romans[h.intn(len(romans))]...)
		b = append(b, ": "...)
		return append(b, noun...)
	case 2:
		b = append(b, noun...)
		if l == &languages[langEN] {
			b = append(b, "’s "...)
		} else {
			b = append(b, ' ')
		}
		return append(b, noun2...)
	case 3:
		return append(b, noun...)
	default:
		b = append(b, adj...)
		b = append(b, ' ')
		return append(b, noun...)
	}
}
