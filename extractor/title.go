package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parsedTitle is a parsed ViewingActivity title.
type parsedTitle struct {
	Name    string    // series or movie name, normalised (NBSP, TAB, spaces)
	Kind    TitleKind // KindSeries or KindMovie
	Season  string    // season label as written ("Season 2", "Seizoen 2", "Limited Series"), "" for movies
	Episode string    // episode name or number as written, "" for movies
}

// pieceSep joins the pieces of a title. Netflix joins show, season and
// episode with colon + space; a bare ":" also occurs inside names
// ("Mission: Impossible" is one piece only because of its space), so
// titles are never split on ":" alone.
const pieceSep = ": "

// parseTitle parses a ViewingActivity Title (of a non-supplemental row)
// into a series or movie name, a season label and an episode.
//
// The title is first normalised (see normaliseTitle) and stripped of the
// "HIDDEN TITLE...: " prefixes. Then, in this order:
//
//  1. An optional trailing "(Word N)" episode suffix is removed
//     ("(Episode 8)", "(Aflevering 3)", "(Odcinek 1)", "(エピソード1)").
//  2. The pieces (split on ": ") after the first are searched, left to
//     right, for a season label: first a season word ("Season 2",
//     "Seizoen 2", "2. Sezon", "Limited Series", "Miniserie", ...), then
//     a part word ("Part 2", "Volume 3", "Deel 1", "Część 1", ...). The
//     first label found splits the title: Name before it, Season = the
//     label, Episode = the rest. See findSeasonLabel for why the search
//     runs left to right and why part words come second.
//  3. Without a label, a "(Word N)" suffix still marks an episode: Name =
//     first piece, Season = second piece if there are three or more
//     pieces ("Stranger Things: Stranger Things 2: Chapter Eight: ..."),
//     Episode = the rest.
//  4. Without a label or suffix, a last piece like "Episode 8",
//     "Aflevering 3" or "Episode One" marks an episode: Name = first
//     piece, Season = the pieces in between, Episode = the last piece.
//  5. Anything else is a movie (or special) whose Name is the whole
//     normalised title: "Glass Onion: A Knives Out Mystery", "Black
//     Mirror: Bandersnatch", "Hasan Minhaj: Homecoming King".
//
// Name is always a prefix of the normalised, unprefixed title. A title
// that is empty after normalisation gives a movie with an empty Name.
// parseTitle is called once per distinct raw title, which in real exports
// is about every second row (each episode is its own title), so it does
// not allocate unless the title needs normalising: Name, Season and
// Episode are substrings of raw.
func parseTitle(raw string) parsedTitle {
	title := stripHiddenPrefix(normaliseTitle(raw))
	t := parsePieces(title)
	if t.Kind == KindSeries && t.Name == "" {
		// A hostile title such as ": Season 1" has no name before its
		// label; keep it whole rather than invent an empty series.
		return parsedTitle{Name: title, Kind: KindMovie}
	}
	return t
}

// parsePieces applies rules 1-5 of parseTitle to a normalised title.
func parsePieces(title string) parsedTitle {
	body, suffix := cutEpisodeSuffix(title)
	var stack [8]span // enough for any real title, so no allocation
	p := splitPieces(body, stack[:0])
	n := len(p)

	if i := findSeasonLabel(body, p, suffix != ""); i > 0 {
		return series(p.join(body, 0, i), p.at(body, i), orSuffix(p.join(body, i+1, n), suffix))
	}
	if suffix != "" {
		switch n {
		case 1:
			return series(p.at(body, 0), "", suffix)
		case 2:
			return series(p.at(body, 0), "", p.at(body, 1))
		default:
			return series(p.at(body, 0), p.at(body, 1), p.join(body, 2, n))
		}
	}
	if n >= 2 && isEpisodePiece(p.at(body, n-1)) {
		return series(p.at(body, 0), p.join(body, 1, n-1), p.at(body, n-1))
	}
	return parsedTitle{Name: title, Kind: KindMovie}
}

// span is one piece of a title body as byte offsets [start, end).
type span struct{ start, end int }

// pieces is a title body split on pieceSep, kept as offsets into the body
// rather than as strings.Split's copies: consecutive pieces joined with
// pieceSep are exactly the body between them, so every Name, Season and
// Episode is a substring of the title and parsing allocates nothing. The
// body is passed to each method rather than kept alongside the offsets,
// so that the offsets can live on the caller's stack (escape analysis
// would otherwise let them follow the body into the result).
type pieces []span

// splitPieces splits body on pieceSep, appending the pieces to p (which
// the caller may back with an array on its stack).
func splitPieces(body string, p pieces) pieces {
	start := 0
	for {
		i := strings.Index(body[start:], pieceSep)
		if i < 0 {
			break
		}
		p = append(p, span{start, start + i})
		start += i + len(pieceSep)
	}
	return append(p, span{start, len(body)})
}

// at returns piece i of body.
func (p pieces) at(body string, i int) string { return body[p[i].start:p[i].end] }

// join returns pieces [i, j) of body joined with pieceSep ("" when
// i >= j), as strings.Join(pieces[i:j], pieceSep) would.
func (p pieces) join(body string, i, j int) string {
	if i >= j {
		return ""
	}
	return body[p[i].start:p[j-1].end]
}

// series builds a series Title.
func series(name, season, episode string) parsedTitle {
	return parsedTitle{Name: name, Kind: KindSeries, Season: season, Episode: episode}
}

// orSuffix returns episode, or the suffix text ("Episode 3") when the
// title ended with the season label itself ("Show: Season 1 (Episode 3)").
func orSuffix(episode, suffix string) string {
	if episode == "" {
		return suffix
	}
	return episode
}

// normaliseTitle maps every Unicode space (U+00A0 NBSP, TAB, U+202F, ...)
// to an ASCII space, collapses runs of spaces and trims both ends. Real
// titles carry NBSPs ("Saison\u00a01", "Red Rock\u00a0 (Episode 1)"), a
// TAB or a leading space; without this the same show would count twice.
// Invalid UTF-8 bytes are kept as they are.
func normaliseTitle(s string) string {
	if isNormalised(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isNormalised reports whether normaliseTitle would return s unchanged:
// ASCII spaces only, single, not at either end. It lets the common case
// skip the copy. ASCII bytes are checked directly; only the bytes of a
// multi-byte character are decoded, to ask unicode.IsSpace.
func isNormalised(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && s[i+1] == ' ' || c != ' ' && isASCIISpace(c) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// isASCIISpace reports whether c is one of the ASCII bytes unicode.IsSpace
// accepts: TAB, LF, VT, FF, CR and space.
func isASCIISpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// stripHiddenPrefix removes the prefix Netflix puts on titles the viewer
// hid ("View was hidden" rows), so that the hidden view's title, should
// it be shown at all, is the real one.
func stripHiddenPrefix(s string) string {
	for _, p := range []string{"HIDDEN TITLE(user hid title at this time): ", "HIDDEN TITLE: "} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			return rest
		}
	}
	return s
}

// cutEpisodeSuffix removes a trailing "(Word N)" from s and returns the
// rest and the suffix text without parentheses ("Episode 8"). Word is one
// word of letters in any script (Episode, Aflevering, Folge, Episódio,
// Odcinek, Bölüm, エピソード, ...), N is a number, and the space between
// them is optional because CJK titles omit it. Netflix adds this suffix
// to most episodes; it is the strongest sign of a series.
func cutEpisodeSuffix(s string) (rest, suffix string) {
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	open := strings.LastIndexByte(s, '(')
	if open < 0 {
		return s, ""
	}
	inner := s[open+1 : len(s)-1]
	if _, _, ok := wordNumber(inner); !ok {
		return s, ""
	}
	rest = strings.TrimRight(s[:open], " ")
	if rest == "" {
		return s, ""
	}
	return rest, inner
}

// wordNumber splits "Word N", "WordN" or "N. Word" into a word of letters
// (any script, with combining marks) and a decimal number.
func wordNumber(s string) (word, number string, ok bool) {
	// "N. Word": Turkish "2. Sezon", Hungarian "2. évad".
	if i := strings.Index(s, ". "); i > 0 && allDigits(s[:i]) && allLetters(s[i+2:]) {
		return s[i+2:], s[:i], true
	}
	// "Word N" and "WordN": the number is the run of digits at the end.
	end := len(s)
	for end > 0 {
		if c := s[end-1]; c < utf8.RuneSelf {
			if !isASCIIDigit(c) {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if !unicode.IsDigit(r) {
			break
		}
		end -= size
	}
	word, number = strings.TrimSuffix(s[:end], " "), s[end:]
	if number == "" || !allLetters(word) {
		return "", "", false
	}
	return word, number, true
}

// findSeasonLabel returns the index (>= 1) of the piece of body that is
// the season label, or 0 when there is none.
//
// The search runs left to right because the label directly follows the
// show name, while episode names often contain label-like pieces at
// their end: "Brooklyn Nine-Nine: Season 5: The Fugitive: Part 1", "As
// Telefonistas: Temporada 1: Capítulo 2: A família". Season words are
// tried before part words for the same reason ("BAKI: Season 1: Part 2:
// Synchronicity").
//
// A part word that ends the title without an episode suffix is not taken
// as a label: "Harry Potter and the Deathly Hallows: Part 1" and "Kill
// Bill: Volume 1" are movies, while a series season always has episodes
// after it ("Money Heist: Part 1: Episode 1").
func findSeasonLabel(body string, p pieces, hasSuffix bool) int {
	for i := 1; i < len(p); i++ {
		if isSeasonLabel(p.at(body, i)) {
			return i
		}
	}
	for i := 1; i < len(p); i++ {
		if isPartLabel(p.at(body, i)) && (i < len(p)-1 || hasSuffix) {
			return i
		}
	}
	return 0
}

// isSeasonLabel reports whether p is a season label: a fixed phrase
// ("Limited Series", "Miniserie", "Mini Dizi", ...), a season word with a
// number ("Season 2", "Seizoen 2", "Staffel 3", "2. Sezon", "シーズン1"),
// or the Portuguese ordinal form "2ª temporada".
func isSeasonLabel(p string) bool {
	if foldIn(p, seasonPhrases) {
		return true
	}
	if n, ok := cutSuffixFold(p, "ª temporada"); ok && allDigits(n) {
		return true
	}
	if n, ok := cutSuffixFold(p, "º temporada"); ok && allDigits(n) {
		return true
	}
	word, _, ok := wordNumber(p)
	return ok && foldIn(word, seasonWords)
}

// cutSuffixFold is strings.CutSuffix ignoring case, for a lower-case
// suffix. It compares the last len(suffix) bytes of s with EqualFold
// instead of lowering all of s (an allocation per piece). For the
// suffixes used here that is the same test: no character outside ASCII
// lowers to, or case-folds with, the ASCII letters of "temporada", and
// "ª", "º" and space fold only to themselves, so a match always has the
// suffix's byte length.
func cutSuffixFold(s, suffix string) (before string, ok bool) {
	if len(s) < len(suffix) || !strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}

// isPartLabel reports whether p is a numbered part of a series: "Part 2",
// "Volume 3", "Collection 1", Dutch "Deel 1", German "Teil 2", Polish
// "Część 1", Portuguese "Parte 2".
func isPartLabel(p string) bool {
	word, _, ok := wordNumber(p)
	return ok && foldIn(word, partWords)
}

// isEpisodePiece reports whether p names an episode by number: "Episode
// 8", "Aflevering 3", "Folge 2", "Odcinek 1", or with an English number
// word, "Episode One" (DAHMER). Chapter words are not included, because
// "John Wick: Chapter 4" is a movie.
func isEpisodePiece(p string) bool {
	if word, _, ok := wordNumber(p); ok {
		return foldIn(word, episodeWords)
	}
	word, number, ok := strings.Cut(p, " ")
	return ok && foldIn(word, episodeWords) && foldIn(number, numberWords)
}

// seasonPhrases are season labels without a number. The word lists
// below are read-only lookup tables, compared with strings.EqualFold.
var seasonPhrases = []string{
	"Limited Series", "Miniseries", "Mini-Series", "Miniserie", "Minissérie", "Limitierte Serie",
	"Mini Dizi", "Série limitée", "Serie limitada", "Miniserie limitada", "Serie limitata", "Begrenset serie",
	"Begränsad serie", "Begrænset serie", "Limitowany serial", "Minisarja", "リミテッドシリーズ",
}

// seasonWords precede (or, with "N. ", follow) a season number.
var seasonWords = []string{
	"Season", "Series", "Temporada", "Staffel", "Saison", "Sezon", "Sæson", "Säsong", "Sesong", "Kausi",
	"Stagione", "Seizoen", "Serie", "Série", "Évad", "Sezóna", "Séria", "Сезон", "Σεζόν", "シーズン", "시즌",
}

// partWords precede the number of a part, volume or collection.
var partWords = []string{
	"Part", "Parte", "Partie", "Teil", "Deel", "Część", "Del", "Osa", "Kısım",
	"Volume", "Vol", "Vol.", "Collection", "Book", "Livro", "Libro", "Buch", "Boek",
}

// episodeWords name an episode in a "(Word N)" suffix or a last piece.
var episodeWords = []string{
	"Episode", "Episódio", "Episodio", "Épisode", "Aflevering", "Folge", "Odcinek", "Bölüm", "Avsnitt",
	"Afsnit", "Jakso", "Epizoda", "Epizód", "Episod", "Puntata", "Серия", "Επεισόδιο",
	"エピソード", "에피소드",
}

// numberWords are the English number words Netflix spells out in a few
// episode pieces ("Episode One").
var numberWords = []string{
	"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
	"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty",
}

// foldIn reports whether list holds s, ignoring case (strings.EqualFold).
//
// parseTitle tries every piece of every new title against these lists, so
// a piece in ASCII (nearly all) skips the words of another byte length
// without calling EqualFold: under Unicode simple folding the only
// non-ASCII characters equivalent to an ASCII letter are U+212A KELVIN
// SIGN (k) and U+017F LONG S (s), and no list here contains either, so an
// ASCII string can only fold-match a word of its own length.
func foldIn(s string, list []string) bool {
	ascii := isASCII(s)
	for _, w := range list {
		if ascii && len(w) != len(s) {
			continue
		}
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// allDigits reports whether s is a non-empty run of decimal digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return allDigitsUnicode(s)
		}
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

// allDigitsUnicode is allDigits for a string with non-ASCII characters:
// other scripts' digits ("٣", "３") count too.
func allDigitsUnicode(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isASCIIDigit reports whether c is '0' to '9'.
func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// isASCIILetter reports whether c is 'a' to 'z' or 'A' to 'Z'.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// allLetters reports whether s is one non-empty word of letters in any
// script; combining marks and a final "." (abbreviations like "Vol.")
// are allowed.
func allLetters(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return allLettersUnicode(s)
		}
		if !isASCIILetter(s[i]) {
			return false
		}
	}
	return true
}

// allLettersUnicode is allLetters (after the "." is trimmed) for a word
// with non-ASCII characters.
func allLettersUnicode(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}
