package synth

import "strings"

// profilePlan is everything decided about one profile before its rows are
// generated: the rows are then a pure function of the plan and the seed.
type profilePlan struct {
	name     string // as written, with the canary when set
	field    []byte // name encoded as a CSV field
	lang     uint8  // language of the profile's title labels
	kids     bool
	rows     int
	from, to int64 // Unix seconds: the profile's first possible and last possible Start Time

	devices   []int    // indexes into household.devices
	devWeight []uint16 // weights of devices
	shows     []int    // indexes into shows this profile watches, favourites first
	movies    []int    // indexes into movies this profile watches, favourites first
}

// household is a resolved Config expanded into the plans every table of
// the export is written from. It is built once, deterministically, from
// the Config, and holds no rows.
type household struct {
	cfg      resolved
	profiles []profilePlan

	// devices are the Device Type strings of this household: the pool
	// plus, with a canary, a device whose model name carries it.
	devices []device
	// devField are devices encoded as CSV fields.
	devField [][]byte
	// travel are the Country fields away from home, with a canary
	// country when set; home is the home Country field.
	travel [][]byte
	home   []byte
	// showList and movieList are the title pools: the hand-written ones,
	// composed ones (see extraTitles), and the two canary entries of each
	// last when a canary is set.
	showList  []show
	movieList []movie
	// plainShows and plainMovies count the entries before the canary
	// ones.
	plainShows, plainMovies int
}

// profileLangs are the label languages given to profiles in order.
var profileLangs = [...]uint8{langEN, langNL, langNL, langDE, langEN, langNL}

// newHousehold expands cfg into a household.
func newHousehold(cfg resolved) *household {
	h := &household{cfg: cfg}
	rv := newRNG(cfg.Seed, 1<<32)
	r := &rv

	extra := extraTitles(cfg.Rows)
	h.showList = append(shows[:len(shows):len(shows)], composedShows(r, extra)...)
	h.movieList = append(movies[:len(movies):len(movies)], composedMovies(r, extra)...)
	h.devices = devices[:]
	for _, c := range travelCountries {
		h.travel = append(h.travel, encodeField(c.String()))
	}
	h.plainShows, h.plainMovies = len(h.showList), len(h.movieList)
	if c := cfg.Canary; c != "" {
		h.showList = append(h.showList[:len(h.showList):len(h.showList)],
			show{name: c + " Chronicles", origin: langEN, seasons: 2, episodes: 8, runtime: 42, named: true},
			show{name: "Little " + c + " Friends", origin: langEN, seasons: 2, episodes: 12, runtime: 12, kids: true})
		h.movieList = append(h.movieList[:len(h.movieList):len(h.movieList)],
			movie{name: "The " + c + " Affair", runtime: 104},
			movie{name: "A " + c + " Holiday", runtime: 79, kids: true})
		h.devices = append(h.devices[:len(h.devices):len(h.devices)],
			device{"Samsung CE 2022 " + c + " UHD TV Smart TV", kindTV},
			device{"Apple iPhone " + c + " iPhone", kindPhone})
		h.travel = append(h.travel, encodeField(country{"ZZ", c + " Region"}.String()))
	}
	for _, d := range h.devices {
		h.devField = append(h.devField, encodeField(d.name))
	}
	h.home = encodeField(homeCountry.String())

	// The living-room screen all profiles share.
	livingRoom := h.pickDevice(r, kindTV, kindSetTopBox)
	counts := splitRows(cfg.Rows, len(cfg.Profiles))
	span := cfg.to - cfg.from
	for i, name := range cfg.Profiles {
		p := profilePlan{
			name: name,
			lang: profileLangs[i%len(profileLangs)],
			kids: isKidsName(name),
			rows: counts[i],
			from: cfg.from,
			to:   cfg.to,
		}
		if cfg.Canary != "" {
			p.name = name + " " + cfg.Canary
		}
		p.field = encodeField(p.name)
		// Profiles other than the first were created later.
		if i > 0 {
			late := int64(r.intn(250))
			if p.kids {
				late += 250
			}
			p.from += span * late / 1000
		}
		h.planDevices(r, &p, livingRoom)
		h.planTitles(r, &p)
		h.profiles = append(h.profiles, p)
	}
	return h
}

// isKidsName reports whether a profile name looks like a kids profile.
func isKidsName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "kid") || strings.Contains(n, "kinder") || strings.Contains(n, "dzieci")
}

// splitRows divides rows over n profiles with decreasing shares (the
// first profile watches most), giving every profile at least one row when
// there are enough rows.
func splitRows(rows, n int) []int {
	w := make([]int, n)
	sum := 0
	for i := range w {
		w[i] = 2*n - i
		if n == 4 { // the default household: 40/30/20/10
			w[i] = 4 - i
		}
		sum += w[i]
	}
	out := make([]int, n)
	given := 0
	for i := range out {
		out[i] = rows * w[i] / sum
		given += out[i]
	}
	for i := 0; given < rows; i = (i + 1) % n {
		out[i]++
		given++
	}
	if rows >= n {
		for i := range out {
			for out[i] == 0 {
				big := 0
				for j := range out {
					if out[j] > out[big] {
						big = j
					}
				}
				out[big]--
				out[i]++
			}
		}
	}
	return out
}

// pickDevice returns the index of a random household device of one of the
// given kinds (never the canary devices, which are added separately).
func (h *household) pickDevice(r *rng, kinds ...deviceKind) int {
	var idx []int
	for i, d := range devices {
		for _, k := range kinds {
			if d.kind == k {
				idx = append(idx, i)
			}
		}
	}
	return idx[r.intn(len(idx))]
}

// planDevices gives a profile the shared living-room screen plus personal
// devices, each with a weight.
func (h *household) planDevices(r *rng, p *profilePlan, livingRoom int) {
	p.devices = append(p.devices, livingRoom)
	p.devWeight = append(p.devWeight, 50)
	if p.kids {
		p.devices = append(p.devices, h.pickDevice(r, kindTablet))
		p.devWeight = append(p.devWeight, 30)
	} else {
		p.devices = append(p.devices, h.pickDevice(r, kindPhone))
		p.devWeight = append(p.devWeight, 20)
		p.devices = append(p.devices, h.pickDevice(r, kindComputer))
		p.devWeight = append(p.devWeight, 15)
		extra := []deviceKind{kindConsole, kindTablet, kindTV, kindSetTopBox}[r.intn(4)]
		p.devices = append(p.devices, h.pickDevice(r, extra))
		p.devWeight = append(p.devWeight, 10)
	}
	if h.cfg.Canary != "" {
		// The canary devices are the last two of h.devices.
		n := len(h.devices)
		p.devices = append(p.devices, n-2, n-1)
		p.devWeight = append(p.devWeight, 8, 4)
	}
}

// planTitles chooses which shows and movies a profile watches, in its own
// order of preference. The canary titles are not in these lists: the row
// generator picks them with a fixed share (see pickShow). Kids profiles watch kids titles only; adults
// mostly grown-up titles and a few kids titles.
func (h *household) planTitles(r *rng, p *profilePlan) {
	for i, s := range h.showList[:h.plainShows] {
		if s.kids == p.kids || (!p.kids && r.chance(2500)) {
			p.shows = append(p.shows, i)
		}
	}
	for i, m := range h.movieList[:h.plainMovies] {
		if m.kids == p.kids || (!p.kids && r.chance(2500)) {
			p.movies = append(p.movies, i)
		}
	}
	shuffle(r, p.shows)
	shuffle(r, p.movies)
}

// shuffle permutes s (Fisher-Yates).
func shuffle(r *rng, s []int) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}
