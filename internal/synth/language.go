package synth

// language holds the words Netflix localizes inside ViewingActivity
// titles: the season label, the limited-series label and the episode
// word, plus small word lists for invented episode names.
type language struct {
	code     string
	season   string // "Season", "Seizoen", ...
	sep      string // between season word and number: a space, or U+00A0 (Polish exports)
	limited  string // "Limited Series", "Miniserie", ...
	episode  string // "Episode", "Aflevering", ...
	trailer  string // "Trailer", "Zwiastun", ...
	adjs     []string
	nouns    []string
	clipWord string // localized hook clip label
}

// Indexes into languages.
const (
	langEN = iota
	langNL
	langDE
	langPT
	langPL
)

// languages are the title languages the generator writes. English, Dutch
// and German are profile languages of the default household; Portuguese
// and Polish appear through shows that keep their original labels.
var languages = [...]language{
	langEN: {
		code: "en", season: "Season", sep: " ", limited: "Limited Series", episode: "Episode", trailer: "Trailer",
		adjs:     []string{"Silent", "Broken", "Last", "Golden", "Hidden", "Long", "Cold", "Second", "Northern", "Little", "Open", "Wild"},
		nouns:    []string{"Harbour", "Promise", "Winter", "Signal", "Crossing", "Letter", "Garden", "Storm", "Bridge", "Tide", "Door", "Lantern"},
		clipWord: "Clip",
	},
	langNL: {
		code: "nl", season: "Seizoen", sep: " ", limited: "Miniserie", episode: "Aflevering", trailer: "Trailer",
		adjs:     []string{"Stille", "Laatste", "Gouden", "Verborgen", "Lange", "Koude", "Tweede", "Open", "Wilde"},
		nouns:    []string{"Haven", "Belofte", "Winter", "Brug", "Storm", "Brief", "Tuin", "Deur", "Nacht", "Dijk"},
		clipWord: "Clip",
	},
	langDE: {
		code: "de", season: "Staffel", sep: " ", limited: "Miniserie", episode: "Folge", trailer: "Trailer",
		adjs:     []string{"Stille", "Letzte", "Goldene", "Verborgene", "Lange", "Kalte", "Zweite", "Wilde"},
		nouns:    []string{"Hafen", "Brücke", "Sturm", "Brief", "Garten", "Nacht", "Tür", "Grenze"},
		clipWord: "Clip",
	},
	langPT: {
		code: "pt", season: "Temporada", sep: " ", limited: "Minissérie", episode: "Episódio", trailer: "Trailer",
		adjs:     []string{"Última", "Longa", "Fria", "Nova", "Escondida", "Dourada"},
		nouns:    []string{"Noite", "Ponte", "Promessa", "Carta", "Tempestade", "Porta", "Maré"},
		clipWord: "Clipe",
	},
	langPL: {
		code: "pl", season: "Sezon", sep: "\u00a0", limited: "Miniserial", episode: "Odcinek", trailer: "Zwiastun",
		adjs:     []string{"Ostatnia", "Długa", "Zimna", "Cicha", "Złota", "Ukryta"},
		nouns:    []string{"Noc", "Zima", "Obietnica", "Burza", "Brama", "Granica"},
		clipWord: "Klip nr",
	},
}

// romans number the "Book I: ..." style episode names.
var romans = [...]string{"I", "II", "III", "IV", "V", "VI"}
