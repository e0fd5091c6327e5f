package synth

import "strconv"

// supplementalType is a Supplemental Video Type code with its share of
// supplemental rows, its typical length and the number of title styles
// appendSupplementalTitle knows for it.
type supplementalType struct {
	code           string
	weight         uint16
	minSec, maxSec int
	styles         int
}

// supplementalTypes lists every code seen in real exports plus one
// invented future code (SNEAK_PEEK), because parsers must treat any
// non-empty value as supplemental. Shares follow real exports (HOOK and
// TRAILER dominate) but the rare codes are raised so that each appears in
// a 20,000-row export.
var supplementalTypes = [...]supplementalType{
	{"HOOK", 520, 4, 45, 5},
	{"TRAILER", 300, 15, 150, 6},
	{"TEASER_TRAILER", 60, 10, 70, 3},
	{"RECAP", 14, 40, 130, 2},
	{"PREVIEW", 14, 10, 45, 2},
	{"PROMOTIONAL", 12, 20, 90, 2},
	{"CINEMAGRAPH", 10, 3, 20, 1},
	{"BUMPER", 8, 5, 25, 2},
	{"BONUS_VIDEO", 8, 60, 420, 2},
	{"BIG_ROW", 8, 5, 30, 1},
	{"TUTORIAL", 6, 20, 120, 2},
	{"MARKETING_TRAILER", 6, 20, 90, 1},
	{"DATE_ANNOUNCEMENT", 5, 10, 40, 1},
	{"CHARACTER", 5, 10, 60, 1},
	{"TAKE_OVER", 5, 5, 30, 1},
	{"SNEAK_PEEK", 5, 20, 90, 1},
}

// supplementalWeights are the weights of supplementalTypes, for
// rng.weighted.
var supplementalWeights = func() []uint16 {
	w := make([]uint16, len(supplementalTypes))
	for i, t := range supplementalTypes {
		w[i] = t.weight
	}
	return w
}()

// suppTarget is what a supplemental video advertises.
type suppTarget struct {
	name    string // show or movie name
	isShow  bool
	season  int // for shows
	lang    *language
	variant int // clip number and the like
}

// appendSupplementalTitle appends the title of a supplemental video of
// type t in the given style, imitating the asset-name styles of real
// exports ("X_hook_primary_16x9", "Season 2 Trailer: X", "Trailer: X", ...).
func appendSupplementalTitle(b []byte, t int, style int, x suppTarget) []byte {
	name := x.name
	season := func(b []byte) []byte {
		b = append(b, x.lang.season...)
		b = append(b, x.lang.sep...)
		return strconv.AppendInt(b, int64(x.season), 10)
	}
	enSeason := func(b []byte) []byte {
		b = append(b, "Season "...)
		return strconv.AppendInt(b, int64(x.season), 10)
	}
	num := func(b []byte) []byte { return strconv.AppendInt(b, int64(x.variant), 10) }
	switch supplementalTypes[t].code {
	case "HOOK":
		switch {
		case style == 0 && x.isShow:
			b = append(b, name...)
			b = append(b, ": "...)
			b = enSeason(b)
			b = append(b, "_hook_0"...)
			b = num(b)
			return append(b, "_16x9"...)
		case style == 1 && x.isShow:
			b = enSeason(b)
			b = append(b, " Plot Clip: "...)
			return append(b, name...)
		case style == 2 && x.isShow:
			// Localized clip labels: "Sezon 1 (Klip nr 2): X", "Temporada 2 (Clipe): X".
			b = season(b)
			b = append(b, " ("...)
			b = append(b, x.lang.clipWord...)
			b = append(b, ' ')
			b = num(b)
			b = append(b, "): "...)
			return append(b, name...)
		case style == 3:
			b = append(b, "Main Character Clip "...)
			b = num(b)
			b = append(b, ": "...)
			return append(b, name...)
		default:
			b = append(b, name...)
			return append(b, "_hook_primary_16x9"...)
		}
	case "TRAILER":
		switch {
		case style == 0:
			b = append(b, x.lang.trailer...)
			b = append(b, ": "...)
			return append(b, name...)
		case style == 1:
			b = append(b, name...)
			b = append(b, " ("...)
			b = append(b, x.lang.trailer...)
			return append(b, ')')
		case style == 2 && x.isShow:
			b = enSeason(b)
			b = append(b, " Trailer: "...)
			return append(b, name...)
		case style == 3 && x.isShow:
			b = append(b, "Limited Series Trailer: "...)
			return append(b, name...)
		case style == 4 && x.isShow:
			// "Staffel 1 (Trailer): X"
			b = season(b)
			b = append(b, " ("...)
			b = append(b, x.lang.trailer...)
			b = append(b, "): "...)
			return append(b, name...)
		default:
			b = append(b, "Trailer "...)
			b = num(b)
			b = append(b, ": "...)
			return append(b, name...)
		}
	case "TEASER_TRAILER":
		switch {
		case style == 0 && x.isShow:
			b = enSeason(b)
			b = append(b, " Teaser "...)
			b = num(b)
			b = append(b, ": "...)
			return append(b, name...)
		case style == 1:
			b = append(b, name...)
			return append(b, " (Teaser)"...)
		default:
			b = append(b, "Teaser "...)
			b = num(b)
			b = append(b, ": "...)
			return append(b, name...)
		}
	case "RECAP":
		if style == 0 && x.isShow {
			b = enSeason(b)
			b = append(b, " Recap: "...)
			return append(b, name...)
		}
		b = append(b, name...)
		if x.isShow {
			b = append(b, ": "...)
			b = enSeason(b)
		}
		return append(b, " (Recap)"...)
	case "PREVIEW":
		if style == 0 && x.isShow {
			b = append(b, name...)
			b = append(b, ": "...)
			b = enSeason(b)
			return append(b, "_shortpreview_noStacks"...)
		}
		b = append(b, name...)
		return append(b, " (:30 Product Preview)"...)
	case "PROMOTIONAL":
		if style == 0 && x.isShow {
			b = append(b, name...)
			b = append(b, ": "...)
			b = enSeason(b)
			b = append(b, " - Clip "...)
			return num(b)
		}
		b = append(b, name...)
		return append(b, "_HookClip_NightRun"...)
	case "CINEMAGRAPH":
		b = append(b, "Cinemagraph: "...)
		return append(b, games[x.variant%len(games)]...)
	case "BUMPER":
		b = append(b, name...)
		if x.isShow {
			b = append(b, ": "...)
			b = enSeason(b)
		}
		if style == 0 {
			b = append(b, " (Bumper "...)
			b = num(b)
			return append(b, ": Intro)"...)
		}
		b = append(b, " (CEE Asset "...)
		b = num(b)
		return append(b, ')')
	case "BONUS_VIDEO":
		if style == 0 {
			b = append(b, "Bonus Video "...)
			b = num(b)
			b = append(b, ": "...)
			return append(b, name...)
		}
		b = append(b, name...)
		return append(b, " Featurette"...)
	case "BIG_ROW":
		b = append(b, name...)
		return append(b, " - Big Row - Nightfall"...)
	case "TUTORIAL":
		if style == 0 {
			return append(b, "How to play games on TV"...)
		}
		b = append(b, name...)
		return append(b, " - Remote Control Tutorial"...)
	case "TAKE_OVER":
		b = append(b, name...)
		return append(b, " - Takeover Row"...)
	case "SNEAK_PEEK":
		b = append(b, name...)
		return append(b, " - Sneak Peek"...)
	default: // MARKETING_TRAILER, DATE_ANNOUNCEMENT, CHARACTER: the bare name
		return append(b, name...)
	}
}
