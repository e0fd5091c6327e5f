package extractor

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// titleCases are real title shapes (from netflix-format.md §2.6 and the
// samples; non-English ones in the same shapes) with hand-written parses.
var titleCases = []struct {
	raw  string
	want parsedTitle
}{
	// English, with a season label and an episode suffix.
	{"Smiley: Season 1: When Alex Met Bruno (Episode 1)", parsedTitle{"Smiley", KindSeries, "Season 1", "When Alex Met Bruno"}},
	{"The Queen's Gambit: Limited Series: Openings (Episode 1)", parsedTitle{"The Queen's Gambit", KindSeries, "Limited Series", "Openings"}},
	{"Love, Death & Robots: Volume 3: Night of the Mini Dead (Episode 4)", parsedTitle{"Love, Death & Robots", KindSeries, "Volume 3", "Night of the Mini Dead"}},
	{"Midnight Mass: Limited Series: Book I: Genesis (Episode 1)", parsedTitle{"Midnight Mass", KindSeries, "Limited Series", "Book I: Genesis"}},
	{"Inside the World’s Toughest Prisons: Season 5: Philippines: The War on Drugs Prison (Episode 2)", parsedTitle{"Inside the World’s Toughest Prisons", KindSeries, "Season 5", "Philippines: The War on Drugs Prison"}},
	{"The Crown: Season 2: Mystery Man (Episode 10)", parsedTitle{"The Crown", KindSeries, "Season 2", "Mystery Man"}},
	{"Judge Dee's Mystery: Season 1: Episode 9", parsedTitle{"Judge Dee's Mystery", KindSeries, "Season 1", "Episode 9"}},
	// Episode names that end in a label-like piece: the first label wins.
	{"Brooklyn Nine-Nine: Season 5: The Fugitive: Part 1 (Episode 10)", parsedTitle{"Brooklyn Nine-Nine", KindSeries, "Season 5", "The Fugitive: Part 1"}},
	{"Chilling Adventures of Sabrina: Part 2: Chapter Eleven: A Midwinter's Tale (Episode 1)", parsedTitle{"Chilling Adventures of Sabrina", KindSeries, "Part 2", "Chapter Eleven: A Midwinter's Tale"}},
	{"BAKI: Season 1: Part 2: Synchronicity (Episode 14)", parsedTitle{"BAKI", KindSeries, "Season 1", "Part 2: Synchronicity"}},
	{"Bill Russell: Legend: Season 1: Part 1 (Episode 1)", parsedTitle{"Bill Russell: Legend", KindSeries, "Season 1", "Part 1"}},
	{"The Hateful Eight: Extended Version: Season 1: Last Stage to Red Rock\u00a0 (Episode 1)", parsedTitle{"The Hateful Eight: Extended Version", KindSeries, "Season 1", "Last Stage to Red Rock"}},
	// Episodes without a name and without a suffix.
	{"Sex Education: Season 4: Episode 8", parsedTitle{"Sex Education", KindSeries, "Season 4", "Episode 8"}},
	{"Unbelievable: Limited Series: Episode 1", parsedTitle{"Unbelievable", KindSeries, "Limited Series", "Episode 1"}},
	{"Harry & Meghan: Limited Series: Episode 6", parsedTitle{"Harry & Meghan", KindSeries, "Limited Series", "Episode 6"}},
	{"Downton Abbey: Series 1: Episode 1", parsedTitle{"Downton Abbey", KindSeries, "Series 1", "Episode 1"}},
	{"The Investigator: A British Crime Story: Season 1: Episode 4", parsedTitle{"The Investigator: A British Crime Story", KindSeries, "Season 1", "Episode 4"}},
	{"Alchemy of Souls: Part 1: Episode 3", parsedTitle{"Alchemy of Souls", KindSeries, "Part 1", "Episode 3"}},
	{"DAHMER: Monster: The Jeffrey Dahmer Story: Episode One", parsedTitle{"DAHMER", KindSeries, "Monster: The Jeffrey Dahmer Story", "Episode One"}},
	{"Show Without Season: Episode 12", parsedTitle{"Show Without Season", KindSeries, "", "Episode 12"}},
	// Free-form seasons: no label, but an episode suffix.
	{"Stranger Things: Stranger Things 2: Chapter Eight: The Mind Flayer (Episode 8)", parsedTitle{"Stranger Things", KindSeries, "Stranger Things 2", "Chapter Eight: The Mind Flayer"}},
	{"James Acaster: Repertoire: Collection: Represent (Episode 2)", parsedTitle{"James Acaster", KindSeries, "Repertoire", "Collection: Represent"}},
	{"Jeopardy!: Champion Run IV: Josh Hill: Game 1 (Episode 1)", parsedTitle{"Jeopardy!", KindSeries, "Champion Run IV", "Josh Hill: Game 1"}},
	{"Dirty John: John Meehan: Approachable Dreams (Episode 1)", parsedTitle{"Dirty John", KindSeries, "John Meehan", "Approachable Dreams"}},
	{"Some Show: The Pilot (Episode 1)", parsedTitle{"Some Show", KindSeries, "", "The Pilot"}},
	{"Some Show (Episode 1)", parsedTitle{"Some Show", KindSeries, "", "Episode 1"}},
	// A label ending the title.
	{"Making The Witcher: Season 2", parsedTitle{"Making The Witcher", KindSeries, "Season 2", ""}},
	{"Some Show: Season 1 (Episode 3)", parsedTitle{"Some Show", KindSeries, "Season 1", "Episode 3"}},
	// Quotes from an RFC-4180 field, after CSV decoding.
	{`All American: Season 1: "All Eyez on Me" (Episode 9)`, parsedTitle{"All American", KindSeries, "Season 1", `"All Eyez on Me"`}},
	// Portuguese.
	{"Cidade dos Mortos: Temporada 1: Episódio 7 (Episódio 7)", parsedTitle{"Cidade dos Mortos", KindSeries, "Temporada 1", "Episódio 7"}},
	{"As Telefonistas: Temporada 1: Capítulo 2: A família (Episódio 2)", parsedTitle{"As Telefonistas", KindSeries, "Temporada 1", "Capítulo 2: A família"}},
	{"A Desordem que Ficou: Minissérie: Na toca do leão (Episódio 1)", parsedTitle{"A Desordem que Ficou", KindSeries, "Minissérie", "Na toca do leão"}},
	{"Alias Grace: Minissérie: Parte 1 (Episódio 1)", parsedTitle{"Alias Grace", KindSeries, "Minissérie", "Parte 1"}},
	{"La Casa de Papel: Parte 1: Episódio 1 (Episódio 1)", parsedTitle{"La Casa de Papel", KindSeries, "Parte 1", "Episódio 1"}},
	{"Anne com um E: 2ª temporada: Uma fera da verdade (Episódio 1)", parsedTitle{"Anne com um E", KindSeries, "2ª temporada", "Uma fera da verdade"}},
	// Polish.
	{"Dom z papieru: Część 1: Odcinek 1 (Odcinek 1)", parsedTitle{"Dom z papieru", KindSeries, "Część 1", "Odcinek 1"}},
	{"Wiedźmin: Sezon 1: Koniec bywa początkiem (Odcinek 1)", parsedTitle{"Wiedźmin", KindSeries, "Sezon 1", "Koniec bywa początkiem"}},
	// Turkish.
	{"Atiye: 1. Sezon: 1. Bölüm (Bölüm 1)", parsedTitle{"Atiye", KindSeries, "1. Sezon", "1. Bölüm"}},
	{"Aşk 101: Mini Dizi: Bölüm 3", parsedTitle{"Aşk 101", KindSeries, "Mini Dizi", "Bölüm 3"}},
	// Dutch.
	{"Undercover: Seizoen 2: De kraai (Aflevering 3)", parsedTitle{"Undercover", KindSeries, "Seizoen 2", "De kraai"}},
	{"Toon: Seizoen 1: Aflevering 3", parsedTitle{"Toon", KindSeries, "Seizoen 1", "Aflevering 3"}},
	{"Ares: Miniserie: Aflevering 1", parsedTitle{"Ares", KindSeries, "Miniserie", "Aflevering 1"}},
	{"Mocro Maffia: Deel 1: Aflevering 4", parsedTitle{"Mocro Maffia", KindSeries, "Deel 1", "Aflevering 4"}},
	{"Het Geheime Dagboek van Hendrik Groen: Serie 1: De wildeman (Aflevering 2)", parsedTitle{"Het Geheime Dagboek van Hendrik Groen", KindSeries, "Serie 1", "De wildeman"}},
	// German.
	{"Dark: Staffel 1: Geheimnisse (Folge 1)", parsedTitle{"Dark", KindSeries, "Staffel 1", "Geheimnisse"}},
	{"Unorthodox: Limitierte Serie: Folge 1", parsedTitle{"Unorthodox", KindSeries, "Limitierte Serie", "Folge 1"}},
	{"Der Pass: Miniserie: Folge 2", parsedTitle{"Der Pass", KindSeries, "Miniserie", "Folge 2"}},
	// French (NBSP inside the label), Danish, Swedish, Finnish, Italian.
	{"Dix pour cent: Saison\u00a01: Cécile (Épisode 1)", parsedTitle{"Dix pour cent", KindSeries, "Saison 1", "Cécile"}},
	{"Borgen: Sæson 1: Dekorum (Afsnit 1)", parsedTitle{"Borgen", KindSeries, "Sæson 1", "Dekorum"}},
	{"Störst av allt: Säsong 1: Avsnitt 2", parsedTitle{"Störst av allt", KindSeries, "Säsong 1", "Avsnitt 2"}},
	{"Sorjonen: Kausi 1: Jakso 3", parsedTitle{"Sorjonen", KindSeries, "Kausi 1", "Jakso 3"}},
	{"Suburra: Stagione 1: 21 giorni (Episodio 1)", parsedTitle{"Suburra", KindSeries, "Stagione 1", "21 giorni"}},
	// Spanish episode suffix.
	{"Élite: Temporada 1: Bienvenidos (Capítulo 1)", parsedTitle{"Élite", KindSeries, "Temporada 1", "Bienvenidos"}},
	// Japanese and Korean (no space between word and number).
	{"ストレンジャー・シングス 未知の世界: シーズン1: ルーカスの失踪 (エピソード1)", parsedTitle{"ストレンジャー・シングス 未知の世界", KindSeries, "シーズン1", "ルーカスの失踪"}},
	{"킹덤: 시즌 1: 에피소드 1", parsedTitle{"킹덤", KindSeries, "시즌 1", "에피소드 1"}},
	// Hidden views.
	{"HIDDEN TITLE(user hid title at this time): Branquinha", parsedTitle{"Branquinha", KindMovie, "", ""}},
	{"HIDDEN TITLE(user hid title at this time): BONDING: Season 1: Pete Shy (Episode 2)", parsedTitle{"BONDING", KindSeries, "Season 1", "Pete Shy"}},
	{"HIDDEN TITLE: Sex Education: Season 1: Episode 1", parsedTitle{"Sex Education", KindSeries, "Season 1", "Episode 1"}},
	// Whitespace: NBSP, TAB, leading space, runs of spaces.
	{"Operation Varsity Blues:\u00a0The\u00a0College\u00a0Admissions\u00a0Scandal", parsedTitle{"Operation Varsity Blues: The College Admissions Scandal", KindMovie, "", ""}},
	{"The Crown:\tSeason 2:  Mystery Man (Episode 10)", parsedTitle{"The Crown", KindSeries, "Season 2", "Mystery Man"}},
	{" Narcos: Season 1: Descenso (Episode 1)", parsedTitle{"Narcos", KindSeries, "Season 1", "Descenso"}},
	{"Roma\u00a0", parsedTitle{"Roma", KindMovie, "", ""}},
	// Movies and specials, including ones with ": " and part words.
	{"Glass Onion: A Knives Out Mystery", parsedTitle{"Glass Onion: A Knives Out Mystery", KindMovie, "", ""}},
	{"Black Mirror: Bandersnatch", parsedTitle{"Black Mirror: Bandersnatch", KindMovie, "", ""}},
	{"Hasan Minhaj: Homecoming King", parsedTitle{"Hasan Minhaj: Homecoming King", KindMovie, "", ""}},
	{"How to Lose a Guy in 10 Days", parsedTitle{"How to Lose a Guy in 10 Days", KindMovie, "", ""}},
	{"Nez bleu: English Title: Sad Face", parsedTitle{"Nez bleu: English Title: Sad Face", KindMovie, "", ""}},
	{"Harry Potter and the Deathly Hallows: Part 1", parsedTitle{"Harry Potter and the Deathly Hallows: Part 1", KindMovie, "", ""}},
	{"Kill Bill: Vol. 1", parsedTitle{"Kill Bill: Vol. 1", KindMovie, "", ""}},
	{"Black & Privileged: Volume 1", parsedTitle{"Black & Privileged: Volume 1", KindMovie, "", ""}},
	{"John Wick: Chapter 4", parsedTitle{"John Wick: Chapter 4", KindMovie, "", ""}},
	{"Fear Street Part 2: 1978", parsedTitle{"Fear Street Part 2: 1978", KindMovie, "", ""}},
	{"Blonde (2022)", parsedTitle{"Blonde (2022)", KindMovie, "", ""}},
	{"Mission: Impossible - Rogue Nation", parsedTitle{"Mission: Impossible - Rogue Nation", KindMovie, "", ""}},
	{"Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", parsedTitle{"Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", KindMovie, "", ""}},
	// Hostile and degenerate input.
	{"", parsedTitle{"", KindMovie, "", ""}},
	{" \t\u00a0", parsedTitle{"", KindMovie, "", ""}},
	{"Season 1", parsedTitle{"Season 1", KindMovie, "", ""}},
	{": Season 1", parsedTitle{": Season 1", KindMovie, "", ""}},
	{"(Episode 1)", parsedTitle{"(Episode 1)", KindMovie, "", ""}},
	{"HIDDEN TITLE: ", parsedTitle{"HIDDEN TITLE:", KindMovie, "", ""}},
	{"Show: ", parsedTitle{"Show:", KindMovie, "", ""}},
	{"Show: (Episode 1)", parsedTitle{"Show:", KindSeries, "", "Episode 1"}},
	{"\xff\xfe: Season 1: \xff", parsedTitle{"\xff\xfe", KindSeries, "Season 1", "\xff"}},
}

func TestParseTitle(t *testing.T) {
	for _, tt := range titleCases {
		if got := parseTitle(tt.raw); got != tt.want {
			t.Errorf("parseTitle(%q)\n got %+v\nwant %+v", tt.raw, got, tt.want)
		}
	}
}

func TestNormaliseTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Roma", "Roma"},
		{"  Roma  ", "Roma"},
		{"Saison\u00a01", "Saison 1"},
		{"a\t\tb", "a b"},
		{"a \u00a0 \u202f b", "a b"},
		{"Red Rock\u00a0 (Episode 1)", "Red Rock (Episode 1)"},
		{"\u3000全角\u3000", "全角"},
		{"bad\xffbyte", "bad\xffbyte"},
		{"bad\xff  byte", "bad\xff byte"},
	}
	for _, tt := range tests {
		if got := normaliseTitle(tt.in); got != tt.want {
			t.Errorf("normaliseTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkTitleInvariants checks what must hold for any parse of raw: the
// Name is a prefix of the normalised, unprefixed title and is non-empty
// when that title is; a series has a Season or an Episode; a movie has
// neither.
func checkTitleInvariants(t *testing.T, raw string, got parsedTitle) {
	t.Helper()
	norm := stripHiddenPrefix(normaliseTitle(raw))
	switch {
	case norm != "" && got.Name == "":
		t.Errorf("parseTitle(%q): empty Name", raw)
	case !strings.HasPrefix(norm, got.Name):
		t.Errorf("parseTitle(%q): Name %q is not a prefix of %q", raw, got.Name, norm)
	}
	switch got.Kind {
	case KindSeries:
		if got.Season == "" && got.Episode == "" {
			t.Errorf("parseTitle(%q): series without Season or Episode: %+v", raw, got)
		}
	case KindMovie:
		if got.Season != "" || got.Episode != "" || got.Name != norm {
			t.Errorf("parseTitle(%q): movie must be the whole title: %+v", raw, got)
		}
	default:
		t.Errorf("parseTitle(%q): bad Kind %q", raw, got.Kind)
	}
}

// TestParseTitleSamples runs parseTitle over every non-supplemental
// title in the real samples. Besides the invariants it cross-checks two
// facts with independent regular expressions: a title ending in
// "(Word N)" is a series, and a title with a ": Season N: " or
// ": Temporada N: " piece is a series whose Season is that first label.
func TestParseTitleSamples(t *testing.T) {
	suffix := regexp.MustCompile(`\(\pL+ ?\d+\)\s*$`)
	season := regexp.MustCompile(`^(.+?): ((?:Season|Temporada) \d+): `)
	seen := map[string]bool{}
	var series, movies int
	forEachSampleRow(t, func(row map[string]string) {
		raw := row["Title"]
		if row["Supplemental Video Type"] != "" || seen[raw] {
			return
		}
		seen[raw] = true
		got := parseTitle(raw)
		checkTitleInvariants(t, raw, got)
		norm := stripHiddenPrefix(normaliseTitle(raw))
		if suffix.MatchString(norm) && got.Kind != KindSeries {
			t.Errorf("parseTitle(%q) = %+v; an episode suffix must give a series", raw, got)
		}
		if m := season.FindStringSubmatch(norm); m != nil && !strings.Contains(m[1], ": Limited Series") {
			if got.Kind != KindSeries || got.Season != m[2] || got.Name != m[1] {
				t.Errorf("parseTitle(%q) = %+v; want series %q, season %q", raw, got, m[1], m[2])
			}
		}
		if got.Kind == KindSeries {
			series++
		} else {
			movies++
		}
	})
	t.Logf("%d distinct titles: %d series episodes, %d movies", len(seen), series, movies)
}

func FuzzParseTitle(f *testing.F) {
	for _, tt := range titleCases {
		f.Add(tt.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := parseTitle(raw)
		checkTitleInvariants(t, raw, got)
		if utf8.ValidString(raw) && !utf8.ValidString(got.Name+got.Season+got.Episode) {
			t.Errorf("parseTitle(%q) produced invalid UTF-8 from valid input: %+v", raw, got)
		}
	})
}
