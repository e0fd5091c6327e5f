package synth

import (
	"strconv"
	"strings"
)

// The smaller tables of the export. They hold invented data in the real
// headers and formats (format notes §4), enough for parsers of the
// account-level blocks and for privacy tests: e-mail, phone, ESNs and IPs
// are fake (example.com, RFC 5737 and RFC 3849 documentation addresses)
// and carry the canary when one is set.

// table writes one small table into a buffer.
type table func(h *household) []byte

// tableRNG returns the generator of one table, independent of the rows.
func (h *household) tableRNG(stream uint64) rng {
	return newRNG(h.cfg.Seed, 2<<32+stream)
}

// ts appends "YYYY-MM-DD HH:MM:SS" (the TS format of many tables).
func ts(b []byte, unix int64) []byte { return appendStart(b, unix, startCanonical) }

// isoMillis appends "2021-06-22T13:30:50.588" (Devices.csv, Dec 2023+).
func isoMillis(b []byte, unix int64, millis int) []byte {
	b = appendStart(b, unix, startCanonical)
	b[len(b)-9] = 'T'
	b = append(b, '.')
	b = append(b, byte('0'+millis/100), byte('0'+millis/10%10), byte('0'+millis%10))
	return b
}

// date appends "YYYY-MM-DD".
func date(b []byte, unix int64) []byte {
	b = appendStart(b, unix, startCanonical)
	return b[:len(b)-9]
}

// span returns a random time within the profile's viewing range.
func (p *profilePlan) span(r *rng) int64 {
	return p.from + r.int63n(p.to-p.from+1)
}

// quotedCRLF appends one fully quoted CRLF record, the style of
// Profiles.csv and AccountDetails.csv.
func quotedCRLF(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendQuoted(b, f)
	}
	return append(b, '\r', '\n')
}

// record appends one minimally quoted LF record.
func record(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, []byte(f))
	}
	return append(b, '\n')
}

// langTags are the Primary Lang values of the profile languages.
var langTags = [...]string{langEN: "en-GB", langNL: "nl-NL", langDE: "de-DE", langPT: "pt-BR", langPL: "pl-PL"}

// profilesTable writes PROFILES/Profiles.csv (Jun 2023+ header).
func profilesTable(h *household) []byte {
	r := h.tableRNG(1)
	b := quotedCRLF(nil, "Profile Name", "Email Address", "Game Handle", "Profile Creation Time", "Maturity Level",
		"Primary Lang", "Has Auto Playback", "Max Stream Quality", "Profile Lock Enabled", "Profile Transferred",
		"Profile Transfer Time", "Profile Transferred From Account", "Profile Transferred To Account",
		"Privacy And Data Settings", "Date Of Birth", "Gender")
	for _, p := range h.profiles {
		maturity, auto := "ADULTS", "1"
		if p.kids {
			maturity, auto = "OLDER_KIDS", ""
		}
		created := string(ts(nil, p.from-int64(r.between(1, 60))*86400-int64(r.intn(86400))))
		b = quotedCRLF(b, p.name, "", "", created, maturity, langTags[p.lang], auto, "", "false", "false",
			"", "", "", "{}", "", "Unknown")
	}
	return b
}

// accountEmail is the fake e-mail address of the account holder.
func (h *household) accountEmail() string {
	if h.cfg.Canary != "" {
		return "alex.example+" + h.cfg.Canary + "@example.com"
	}
	return "alex.example@example.com"
}

// accountPhone is the fake phone number of the account holder.
func (h *household) accountPhone() string {
	if h.cfg.Canary != "" {
		return "+31 6 5550 1234 " + h.cfg.Canary
	}
	return "+31655501234"
}

// accountCreated is when the invented account was created: before any
// viewing.
func (h *household) accountCreated() int64 {
	r := h.tableRNG(2)
	return h.cfg.from - int64(r.between(30, 400))*86400 - int64(r.intn(86400))
}

// accountDetailsTable writes ACCOUNT/AccountDetails.csv (2023 header).
func accountDetailsTable(h *household) []byte {
	created := string(ts(nil, h.accountCreated()))
	created = strings.Replace(created, " ", "T", 1) + "Z"
	b := quotedCRLF(nil, "First Name", "Last Name", "Email Address", "Phone Number", "Country Of Registration",
		"Country Of Signup", "Primary Lang", "Cookie Disclosure", "Membership Status", "Customer Creation Timestamp",
		"Profile Transfer Setting", "Has Rejoined", "Netflix Updates", "Now On Netflix", "Netflix Offers",
		"Netflix Surveys", "Netflix Kids And Family", "Sms Account Related", "Sms Content Updates And Special Offers",
		"Test Participation", "Whats App", "Marketing Communications Matched Identifiers",
		"Extra Member Account", "Extra Member Primary Account Owner")
	return quotedCRLF(b, "Alex", "Example", h.accountEmail(), h.accountPhone(), homeCountry.code,
		homeCountry.code, "nl-NL", "YES", "CURRENT_MEMBER", created,
		"true", "false", "YES", "YES", "NO", "NO", "YES", "YES", "NO",
		"true", "NO", "NO", "false", "")
}

// subscriptionHistoryTable writes ACCOUNT/SubscriptionHistory.csv.
func subscriptionHistoryTable(h *household) []byte {
	b := record(nil, "Subscription Opened Ts", "Is Free Trial At Signup", "Subscription Closed Ts",
		"Is Customer Initiated Cancel", "Signup Plan Category", "Signup Max Concurrent Streams",
		"Signup Max Streaming Quality", "Plan Change Date", "Plan Change Old Category",
		"Plan Change Old Max Concurrent Streams", "Plan Change Old Max Streaming Quality",
		"Plan Change New Category", "Plan Change New Max Concurrent Streams",
		"Plan Change New Max Streaming Quality", "Cancellation Reason")
	opened := ts(nil, h.accountCreated()+95)
	opened = append(opened, ".133+0000"...)
	change := date(nil, h.cfg.from+(h.cfg.to-h.cfg.from)/2)
	changeDate := strings.ReplaceAll(string(change), "-", "")
	return record(b, string(opened), "true", "", "", "STREAMING ONLY", "2", "HD", changeDate,
		"STREAMING ONLY", "2", "HD", "STREAMING ONLY", "4", "UHD", "")
}

// termsOfUseTable writes ACCOUNT/TermsOfUse.csv ("YYYY-MM-DD HH:MM").
func termsOfUseTable(h *household) []byte {
	b := []byte("Tou Accepted Date\n")
	b = appendStart(b, h.accountCreated()+60, startISOMinute)
	return append(b, '\n')
}

// searchActions and searchSections are the 2023+ SearchHistory values.
var (
	searchActions  = [...]string{"select", "play", "add", "select", "play"}
	searchSections = [...]string{"title_results", "suggestion_results", "prequery_results", "popularSearches", ""}
)

// searchHistoryTable writes CONTENT_INTERACTION/SearchHistory.csv: a few
// searches per profile, newest first, the query a typed prefix of a
// title's name.
func searchHistoryTable(h *household) []byte {
	r := h.tableRNG(3)
	b := record(nil, "Profile Name", "Country Iso Code", "Device", "Is Kids", "Query Typed", "Displayed Name",
		"Action", "Section", "Utc Timestamp")
	for pi := range h.profiles {
		p := &h.profiles[pi]
		n := 3 + r.intn(10)
		times := descendingTimes(&r, p, n)
		for _, t := range times {
			name := h.showList[p.shows[r.intn(len(p.shows))]].name
			q := strings.ToLower(name)
			if k := 2 + r.intn(6); k < len(q) {
				q = strings.TrimSpace(q[:k])
				q = strings.ToValidUTF8(q, "")
			}
			kids := "0"
			if p.kids {
				kids = "1"
			}
			dev := h.devices[p.devices[r.intn(len(p.devices))]]
			b = record(b, p.name, homeCountry.code, coarseDevice[dev.kind], kids, q, name,
				searchActions[r.intn(len(searchActions))], searchSections[r.intn(len(searchSections))],
				string(ts(nil, t)))
		}
	}
	return b
}

// descendingTimes returns n random times in the profile's range, newest
// first.
func descendingTimes(r *rng, p *profilePlan, n int) []int64 {
	t := make([]int64, n)
	for i := range t {
		t[i] = p.span(r)
	}
	for i := 1; i < n; i++ { // insertion sort, descending; n is small
		for j := i; j > 0 && t[j] > t[j-1]; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
	return t
}

// ratingsTable writes CONTENT_INTERACTION/Ratings.csv: thumbs (values 1,
// 2 and the 2023+ 3) and a few older star ratings with a Region View Date.
func ratingsTable(h *household) []byte {
	r := h.tableRNG(4)
	b := record(nil, "Profile Name", "Title Name", "Rating Type", "Star Value", "Thumbs Value", "Device Model",
		"Event Utc Ts", "Region View Date")
	for pi := range h.profiles {
		p := &h.profiles[pi]
		for _, t := range descendingTimes(&r, p, 2+r.intn(8)) {
			var title string
			if r.chance(5000) {
				title = h.showList[p.shows[r.intn(len(p.shows))]].name
			} else {
				title = h.movieList[p.movies[r.intn(len(p.movies))]].name
			}
			dev := coarseDevice[h.devices[p.devices[r.intn(len(p.devices))]].kind]
			if r.chance(2000) {
				b = record(b, p.name, title, "star", strconv.Itoa(r.between(1, 5)), "0", dev,
					string(ts(nil, t)), string(date(nil, t+3600)))
				continue
			}
			b = record(b, p.name, title, "thumb", "", strconv.Itoa(r.between(1, 3)), dev, string(ts(nil, t)), "")
		}
	}
	return b
}

// myListTable writes CONTENT_INTERACTION/MyList.csv (plain country name,
// date without time).
func myListTable(h *household) []byte {
	r := h.tableRNG(5)
	b := record(nil, "Profile Name", "Title Name", "Country", "Utc Title Add Date")
	for pi := range h.profiles {
		p := &h.profiles[pi]
		for _, t := range descendingTimes(&r, p, 1+r.intn(8)) {
			title := h.movieList[p.movies[r.intn(len(p.movies))]].name
			if r.chance(6000) {
				title = h.showList[p.shows[r.intn(len(p.shows))]].name
			}
			b = record(b, p.name, title, homeCountry.name, string(date(nil, t)))
		}
	}
	return b
}

// esn returns a fake ESN for household device d.
func (h *household) esn(r *rng, d int) string {
	var b []byte
	b = append(b, esnPrefix[h.devices[d].kind]...)
	for range 10 {
		b = append(b, "0123456789ABCDEF"[r.intn(16)])
	}
	if h.cfg.Canary != "" {
		b = append(b, '-')
		b = append(b, h.cfg.Canary...)
	}
	return string(b)
}

// devicesTable writes DEVICES/Devices.csv: one row per profile and device
// with Dec 2023+ timestamps and the 1970 deactivation sentinel.
func devicesTable(h *household) []byte {
	r := h.tableRNG(6)
	b := record(nil, "Profile Name", "Esn", "Device Type", "Acct First Playback Date", "Acct Last Playback Date",
		"Acct First Playback Date For User Generated Plays", "Acct Last Playback Date For User Generated Plays",
		"Profile First Playback Date", "Profile Last Playback Date",
		"Profile First Playback Date For User Generated Plays", "Profile Last Playback Date For User Generated Plays",
		"Deactivation Time")
	for pi := range h.profiles {
		p := &h.profiles[pi]
		for _, d := range p.devices {
			first, last := p.span(&r), p.span(&r)
			if first > last {
				first, last = last, first
			}
			f := string(isoMillis(nil, first, r.intn(1000)))
			l := string(isoMillis(nil, last, r.intn(1000)))
			b = record(b, p.name, h.esn(&r, d), h.devices[d].name, f, l, f, l, f, l, f, l, "1970-01-01T00:00:00.000")
		}
	}
	return b
}

// fakeIP returns a documentation address (RFC 5737 or RFC 3849).
func fakeIP(r *rng) string {
	switch r.intn(3) {
	case 0:
		return "203.0.113." + strconv.Itoa(r.between(1, 254))
	case 1:
		return "198.51.100." + strconv.Itoa(r.between(1, 254))
	default:
		return "2001:db8::" + strconv.FormatInt(int64(r.between(1, 0xfffe)), 16)
	}
}

// nearLocation is the Near Location of IP rows; it carries the canary.
func (h *household) nearLocation() string {
	if h.cfg.Canary != "" {
		return "Utrecht " + h.cfg.Canary + ", Utrecht"
	}
	return "Utrecht, Utrecht"
}

// ipStreamingTable writes IP_ADDRESSES/IpAddressesStreaming.csv (Jun
// 2023+ column order).
func ipStreamingTable(h *household) []byte {
	r := h.tableRNG(7)
	b := record(nil, "Esn", "Localized Device Description", "Device Description", "Ip", "Country",
		"Region Code Display Name", "Near Location", "Ts")
	for pi := range h.profiles {
		p := &h.profiles[pi]
		for _, t := range descendingTimes(&r, p, 2+r.intn(6)) {
			d := p.devices[r.intn(len(p.devices))]
			b = record(b, h.esn(&r, d), h.devices[d].name, h.devices[d].name, fakeIP(&r), homeCountry.code,
				"Utrecht (UT)", h.nearLocation(), string(ts(nil, t)))
		}
	}
	return b
}

// ipLoginTable writes IP_ADDRESSES/IpAddressesLogin.csv.
func ipLoginTable(h *household) []byte {
	r := h.tableRNG(8)
	b := record(nil, "Esn", "Country", "Region Code", "Device Description", "Ip", "Ts")
	p := &h.profiles[0]
	for _, t := range descendingTimes(&r, p, 3+r.intn(4)) {
		d := p.devices[r.intn(len(p.devices))]
		b = record(b, h.esn(&r, d), homeCountry.code, "UT", h.devices[d].name, fakeIP(&r), string(ts(nil, t)))
	}
	return b
}
