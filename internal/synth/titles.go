package synth

// show is an invented series. Names are fictional on purpose: the
// generator must never need real data, and tests must not confuse a
// generated title with a real sample.
type show struct {
	name     string
	origin   uint8  // language index; Portuguese and Polish shows keep their original labels
	seasons  uint8  // number of seasons
	episodes uint8  // episodes per season
	runtime  uint16 // typical episode length in minutes
	limited  bool   // labelled "Limited Series" (localized) instead of "Season N"
	named    bool   // episodes have names: "Name (Episode N)"; otherwise "Episode N"
	kids     bool
}

// movie is an invented film or special.
type movie struct {
	name        string
	runtime     uint16 // minutes
	kids        bool
	interactive bool // "Has branched playback"
}

// shows is the series pool. Names include ": " (show names that contain
// the title separator), commas (quoted in the CSV), U+2019, a trailing
// U+00A0 and non-ASCII letters, as real titles do.
var shows = [...]show{
	{name: "Harbour Lights", origin: langEN, seasons: 4, episodes: 10, runtime: 48, named: true},
	{name: "The Lantern Keepers", origin: langEN, seasons: 3, episodes: 8, runtime: 55, named: true},
	{name: "Crime Files: Inside the Vault", origin: langEN, seasons: 2, episodes: 6, runtime: 44, named: true},
	{name: "Love, Lies & Lighthouses", origin: langEN, seasons: 2, episodes: 10, runtime: 38, named: true},
	{name: "Northbound", origin: langEN, seasons: 5, episodes: 12, runtime: 23},
	{name: "The Baker’s Dozen", origin: langEN, seasons: 3, episodes: 8, runtime: 31},
	{name: "Glass City", origin: langEN, seasons: 1, episodes: 7, runtime: 58, limited: true, named: true},
	{name: "Kingdom of Salt", origin: langEN, seasons: 3, episodes: 9, runtime: 61, named: true},
	{name: "Office Hours", origin: langEN, seasons: 6, episodes: 16, runtime: 22},
	{name: "Deep Field: A Space Odyssey", origin: langEN, seasons: 2, episodes: 6, runtime: 52, named: true},
	{name: "Midnight Diner Club", origin: langEN, seasons: 2, episodes: 10, runtime: 26, named: true},
	{name: "The Verdict", origin: langEN, seasons: 1, episodes: 5, runtime: 47, limited: true},
	{name: "De Dijkgraaf", origin: langNL, seasons: 3, episodes: 8, runtime: 45, named: true},
	{name: "Grachtengordel", origin: langNL, seasons: 2, episodes: 10, runtime: 42},
	{name: "Polder Noir", origin: langNL, seasons: 1, episodes: 6, runtime: 50, limited: true, named: true},
	{name: "Die Grenze", origin: langDE, seasons: 3, episodes: 8, runtime: 52, named: true},
	{name: "Wolfsburg 89", origin: langDE, seasons: 2, episodes: 6, runtime: 49},
	{name: "Cidade das Marés", origin: langPT, seasons: 3, episodes: 8, runtime: 44},
	{name: "Irmãos de Sangue: O Retorno", origin: langPT, seasons: 2, episodes: 7, runtime: 46, named: true},
	{name: "Ostatni\u00a0pociąg", origin: langPL, seasons: 2, episodes: 8, runtime: 47, named: true},
	{name: "Kraków nocą\u00a0", origin: langPL, seasons: 1, episodes: 6, runtime: 41},
	{name: "Bake Off: Fjord Edition", origin: langEN, seasons: 4, episodes: 10, runtime: 58},
	{name: "Tiny Planet Rangers", origin: langEN, seasons: 4, episodes: 13, runtime: 12, kids: true, named: true},
	{name: "Bolt & Blossom", origin: langEN, seasons: 3, episodes: 20, runtime: 11, kids: true},
	{name: "De Wondere Bakkerij", origin: langNL, seasons: 2, episodes: 12, runtime: 24, kids: true, named: true},
	{name: "Captain Puddle: Deep Sea Adventures", origin: langEN, seasons: 3, episodes: 10, runtime: 22, kids: true, named: true},
	{name: "Rocket Rascals", origin: langEN, seasons: 2, episodes: 26, runtime: 7, kids: true},
}

// movies is the film pool.
var movies = [...]movie{
	{name: "The Long Way North", runtime: 118},
	{name: "Yours Sincerely, Marta", runtime: 94},
	{name: "Jonah Reyes: Live at the Pier", runtime: 67},
	{name: "Midnight Heist", runtime: 124},
	{name: "The Bridge Between Us", runtime: 109},
	{name: "Red Ledger", runtime: 131},
	{name: "Paper Moon Street", runtime: 102},
	{name: "Summer of ’98", runtime: 97},
	{name: "Het Verloren Dorp", runtime: 112},
	{name: "Der Letzte Zug", runtime: 121},
	{name: "O Silêncio do Mar", runtime: 105},
	{name: "Cicha noc, zimna noc", runtime: 99},
	{name: "Operation Nightfall", runtime: 137},
	{name: "A Very Fjord Christmas", runtime: 88},
	{name: "Pathfinder: Choose the Night", runtime: 90, interactive: true},
	{name: "Ocean Kings", runtime: 92, kids: true},
	{name: "Puddle Jumpers: The Movie", runtime: 81, kids: true},
	{name: "The Snow Fox", runtime: 74, kids: true},
	{name: "Rocket Rascals: Holiday Special", runtime: 44, kids: true},
}

// games are the Netflix Games that CINEMAGRAPH rows advertise.
var games = [...]string{"Tower Bloom", "Pocket Harbour", "Word Rally"}
