package synth

// A session is what one person does in one sitting, built in time order
// from its start: a binge of episodes, one episode, a movie, browsing
// with autoplayed previews, or a title abandoned after seconds.

// session builds one session starting at start into g.sess.
func (g *viewGen) session(start int64) {
	r := &g.r
	dev := g.p.devices[r.weighted(g.p.devWeight)]
	ctry := g.h.home
	if r.chance(500) {
		ctry = g.h.travel[r.intn(len(g.h.travel))]
	}
	s := sessionCtx{g: g, t: start, device: dev, country: ctry}
	k := r.intn(100)
	if g.p.kids {
		k = k * 60 / 100 // kids: mostly binges and single episodes
	}
	switch {
	case k < 34:
		s.binge(2 + r.intn(5))
	case k < 60:
		s.binge(1)
	case k < 75:
		s.movie()
	case k < 90:
		s.browse()
	default:
		s.abandon()
	}
}

// sessionCtx is the running state of the session being built.
type sessionCtx struct {
	g       *viewGen
	t       int64 // start of the next row
	device  int
	country []byte
}

// next returns a new row starting at s.t.
func (s *sessionCtx) next() *row {
	rw := s.g.add()
	rw.start = s.t
	rw.device = s.device
	rw.country = s.country
	return rw
}

// after moves s.t past rw: the next row starts a short pause after rw
// ended, so binge statistics see a continuous run.
func (s *sessionCtx) after(rw *row, minPause, maxPause int) {
	s.t = rw.start + rw.dur + int64(s.g.r.between(minPause, maxPause))
}

// isBrowser reports whether the session's device is a computer, the only
// kind whose autoplay can be "User_Interaction".
func (s *sessionCtx) isBrowser() bool {
	return s.g.h.devices[s.device].kind == kindComputer
}

// pickShow returns an index into household.showList: with a canary, a
// fixed share of picks are the canary shows.
func (g *viewGen) pickShow() int {
	r := &g.r
	if g.h.cfg.Canary != "" && r.chance(800) {
		if g.p.kids {
			return len(g.h.showList) - 1
		}
		return len(g.h.showList) - 2
	}
	return g.p.shows[r.skewed(len(g.p.shows))]
}

// pickMovie returns an index into household.movieList, like pickShow.
func (g *viewGen) pickMovie() int {
	r := &g.r
	if g.h.cfg.Canary != "" && r.chance(800) {
		if g.p.kids {
			return len(g.h.movieList) - 1
		}
		return len(g.h.movieList) - 2
	}
	return g.p.movies[r.skewed(len(g.p.movies))]
}

// labelLang is the language of a show's labels for this profile: the
// profile's language, except that Portuguese and Polish shows keep theirs.
func (g *viewGen) labelLang(sh *show) *language {
	if sh.origin == langPT || sh.origin == langPL {
		return &languages[sh.origin]
	}
	return &languages[g.p.lang]
}

// binge adds n consecutive episodes of one show (n = 1: a single
// episode), sometimes after an autoplayed preview of it. Because rows are
// generated backwards in time, each show remembers the latest episode
// still to write, and the profile watched the show in order.
func (s *sessionCtx) binge(n int) {
	g, r := s.g, &s.g.r
	si := g.pickShow()
	sh := &g.h.showList[si]
	lang := g.labelLang(sh)
	total := int(sh.seasons) * int(sh.episodes)
	last := g.pos[si]
	if last < 0 {
		last = r.intn(total)
	}
	first := max(last-n+1, 0)
	if next := first - 1; next >= 0 {
		g.pos[si] = next
	} else {
		g.pos[si] = -1 // start over (a rewatch) next time
	}
	if r.chance(2500) {
		s.preview(true, si, 1+first/int(sh.episodes))
	}
	for o := first; o <= last; o++ {
		season, ep := 1+o/int(sh.episodes), 1+o%int(sh.episodes)
		rw := s.next()
		rw.title = appendEpisodeTitle(rw.title, sh, si, lang, season, ep)
		runtime := int64(sh.runtime)*60 + int64(r.between(-120, 180))
		s.watch(rw, runtime, o > first)
		s.after(rw, 5, 480)
		if r.chance(600) {
			s.t += int64(r.between(600, 1500)) // a longer break
		}
	}
}

// movie adds one movie, sometimes after its trailer.
func (s *sessionCtx) movie() {
	g, r := s.g, &s.g.r
	mi := g.pickMovie()
	m := &g.h.movieList[mi]
	if r.chance(2500) {
		s.preview(false, mi, 1)
	}
	rw := s.next()
	rw.title = append(rw.title, m.name...)
	s.watch(rw, int64(m.runtime)*60+int64(r.between(-60, 60)), false)
	if m.interactive {
		// Interactive titles: the bookmark runs past the runtime.
		rw.branched = true
		rw.bookmark = rw.dur + int64(r.between(600, 9000))
	}
	s.after(rw, 5, 300)
}

// watch fills duration, bookmark, attributes and the hidden flag of a
// content row with the given runtime. autoNext marks an episode that
// followed another one (autoplay of the next episode).
func (s *sessionCtx) watch(rw *row, runtime int64, autoNext bool) {
	r := &s.g.r
	runtime = max(runtime, 120)
	switch k := r.intn(100); {
	case k < 55: // watched to the end, minus the credits
		rw.dur = runtime - int64(r.intn(150))
		rw.bookmark = rw.dur
	case k < 87: // stopped part-way; resumed from an earlier position
		rw.dur = int64(r.between(60, int(runtime)))
		rw.bookmark = min(rw.dur+int64(r.intn(int(runtime-rw.dur)+1)), runtime)
	case k < 96: // a short look
		rw.dur = int64(r.between(1, 59))
		rw.bookmark = rw.dur
	default: // paused for hours: Duration exceeds the runtime
		rw.dur = runtime + int64(r.between(600, 7200))
		rw.bookmark = runtime - int64(r.intn(300))
	}
	switch k := r.intn(1000); {
	case autoNext && k < 300:
		rw.auto = autoplayUnspecified
		if s.isBrowser() && k < 120 {
			rw.auto = autoplayUserInteraction
		}
	case k < 40:
		rw.auto = autoplayActionNone
	case k < 60:
		rw.auto = autoplayUnspecified
	case k < 65:
		rw.auto = autoplayVisibilityTimeout
	}
	if r.chance(40) {
		s.hide(rw)
	}
}

// hide turns rw into a hidden view: prefixed title, bookmark 00:00:00,
// "View was hidden; " (followed by an autoplay item when there is one).
func (s *sessionCtx) hide(rw *row) {
	prefix := hiddenPrefix
	if s.g.r.chance(1000) {
		prefix = hiddenPrefixShort
	}
	n := len(rw.title)
	rw.title = append(rw.title, prefix...)
	copy(rw.title[len(prefix):], rw.title[:n])
	copy(rw.title, prefix)
	rw.hidden = true
	rw.bookmark = 0
	if rw.auto != autoplayActionNone && rw.auto != autoplayUnspecified {
		rw.auto = autoplayNone
	}
}

// browse adds one to three autoplayed supplemental videos, as while
// scrolling the home screen, sometimes followed by the start of a title
// that is quickly abandoned or watched.
func (s *sessionCtx) browse() {
	g, r := s.g, &s.g.r
	for n := r.between(1, 3); n > 0; n-- {
		if r.chance(5000) {
			si := g.pickShow()
			s.preview(true, si, 1+r.intn(int(g.h.showList[si].seasons)))
		} else {
			s.preview(false, g.pickMovie(), 1)
		}
	}
	if r.chance(3500) {
		if r.chance(5000) {
			s.abandon()
		} else {
			s.binge(1)
		}
	}
}

// preview adds one supplemental row about a show (isShow) or a movie.
func (s *sessionCtx) preview(isShow bool, idx, season int) {
	g, r := s.g, &s.g.r
	t := r.weighted(supplementalWeights)
	st := &supplementalTypes[t]
	x := suppTarget{season: season, variant: 1 + r.intn(4), lang: &languages[g.p.lang]}
	if isShow {
		sh := &g.h.showList[idx]
		x.name, x.isShow, x.lang = sh.name, true, g.labelLang(sh)
	} else {
		x.name = g.h.movieList[idx].name
	}
	style := r.intn(st.styles)
	rw := s.next()
	rw.svt = t
	rw.title = appendSupplementalTitle(rw.title, t, style, x)
	rw.dur = int64(r.between(st.minSec, st.maxSec))
	rw.bookmark = rw.dur
	switch k := r.intn(100); {
	case k < 70:
		rw.auto = autoplayActionNone
	case k < 82:
		rw.auto = autoplayUnspecified
	case k < 88 && s.isBrowser():
		rw.auto = autoplayUserInteraction
	case k < 91:
		rw.auto = autoplayVisibilityTimeout
	}
	s.after(rw, 1, 20)
}

// abandon adds a title started and left within a minute.
func (s *sessionCtx) abandon() {
	g, r := s.g, &s.g.r
	rw := s.next()
	if r.chance(6000) {
		si := g.pickShow()
		sh := &g.h.showList[si]
		season, ep := 1+r.intn(int(sh.seasons)), 1+r.intn(int(sh.episodes))
		rw.title = appendEpisodeTitle(rw.title, sh, si, g.labelLang(sh), season, ep)
	} else {
		mi := g.pickMovie()
		rw.title = append(rw.title, g.h.movieList[mi].name...)
	}
	rw.dur = int64(r.between(1, 59))
	rw.bookmark = rw.dur + int64(r.intn(3)*600)
	switch k := r.intn(10); {
	case k < 3:
		rw.auto = autoplayActionNone
	case k < 5:
		rw.auto = autoplayVisibilityTimeout
	}
	if r.chance(60) {
		s.hide(rw)
	}
	s.after(rw, 2, 60)
}
