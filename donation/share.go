package donation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
)

// ShareBlocks returns the summary blocks a participant can share, by
// their JSON names, in donation order. The metadata a researcher needs to
// read any block (schema, excluded, rows_total, lenient_rows, source,
// options) is always shared.
func ShareBlocks() []string {
	return []string{"totals", "by_month", "weekday_hour_seconds", "by_device", "titles", "binge", "profiles", "account"}
}

// DefaultShareBlocks returns the blocks a study shares when it names
// none: every block the summary holds. The account block only when the
// summary read account tables (Options.Account), and titles not when the
// title detail is none, as the widget's element does, so that the
// command line and the widget give the same donation for the same
// choices.
func DefaultShareBlocks(s *extractor.Summary) []string {
	all := ShareBlocks()
	out := make([]string, 0, len(all))
	for _, b := range all {
		if (b == "account" && s.Account == nil) || (b == "titles" && s.Options.Titles == extractor.TitlesNone) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// ShareOptions are the participant's and the study's choices applied to a
// summary before it leaves the widget.
type ShareOptions struct {
	// Blocks to share, from ShareBlocks; empty shares DefaultShareBlocks.
	Blocks []string `json:"blocks"`
	// RemoveTitles are title names the participant removed from the list.
	// Totals are unaffected: only the list shrinks.
	RemoveTitles []string `json:"remove_titles"`
	// MaxBytes is the budget of the JSON (a survey field's limit; Qualtrics
	// embedded data holds about 20,000 characters); 0 means no limit. When
	// the JSON is over, title rows are dropped from the bottom (the
	// smallest) until it fits, and Sharing.TitlesDroppedForSize says so.
	MaxBytes int `json:"max_bytes"`
}

// Sharing records how a donation was derived from its summary, so that a
// researcher can tell a participant's removals from a size cut.
type Sharing struct {
	Blocks               []string `json:"blocks"`
	TitlesRemoved        int      `json:"titles_removed"`
	TitlesDroppedForSize int      `json:"titles_dropped_for_size"`
	MaxBytes             int      `json:"max_bytes"`
}

// shared is the JSON a participant shares: the chosen blocks of a Summary, how they
// were chosen, and a checksum. Field order is the output order.
type shared struct {
	Schema             string                  `json:"schema"`
	Totals             *extractor.Totals       `json:"totals,omitempty"`
	ByMonth            *[]extractor.MonthStat  `json:"by_month,omitempty"`
	WeekdayHourSeconds *[7][24]int64           `json:"weekday_hour_seconds,omitempty"`
	ByDevice           *[]extractor.DeviceStat `json:"by_device,omitempty"`
	Titles             *[]extractor.TitleStat  `json:"titles,omitempty"`
	Binge              *extractor.Binge        `json:"binge,omitempty"`
	Profiles           *extractor.Profiles     `json:"profiles,omitempty"`
	Account            *extractor.Account      `json:"account,omitempty"`
	Excluded           extractor.Excluded      `json:"excluded"`
	RowsTotal          int64                   `json:"rows_total"`
	LenientRows        int64                   `json:"lenient_rows"`
	Source             extractor.Source        `json:"source"`
	Options            extractor.OptionsUsed   `json:"options"`
	Sharing            Sharing                 `json:"sharing"`
	Checksum           string                  `json:"checksum"`
}

const checksumPrefix = "sha256:"

// Share applies o to s and returns the JSON that leaves the participant's
// device: only the chosen blocks, without removed titles, within the byte
// budget, with a checksum over its canonical form (see Checksum). A chosen
// block is present even when empty, so a donation with no titles is told
// apart from one where titles were not shared. s is not modified.
func Share(s *extractor.Summary, o ShareOptions) ([]byte, error) {
	if s == nil {
		return nil, codes.New(codes.BadOptions, "no summary to share")
	}
	blocks := o.Blocks
	if len(blocks) == 0 {
		blocks = DefaultShareBlocks(s)
	}
	chosen := map[string]bool{}
	for _, b := range blocks {
		if !slices.Contains(ShareBlocks(), b) {
			return nil, codes.New(codes.BadOptions, "unknown block %q", b)
		}
		chosen[b] = true
	}
	if o.MaxBytes < 0 {
		return nil, codes.New(codes.BadOptions, "max_bytes is negative")
	}

	d := shared{
		Schema: s.Schema, Excluded: s.Excluded, RowsTotal: s.RowsTotal, LenientRows: s.LenientRows,
		Source: s.Source, Options: s.Options,
		Sharing: Sharing{Blocks: sortedBlocks(chosen), MaxBytes: o.MaxBytes},
	}
	if chosen["totals"] {
		d.Totals = &s.Totals
	}
	if chosen["by_month"] {
		d.ByMonth = nonNil(s.ByMonth)
	}
	if chosen["weekday_hour_seconds"] {
		d.WeekdayHourSeconds = &s.WeekdayHourSeconds
	}
	if chosen["by_device"] {
		d.ByDevice = nonNil(s.ByDevice)
	}
	if chosen["binge"] {
		d.Binge = &s.Binge
	}
	if chosen["profiles"] {
		d.Profiles = &s.Profiles
	}
	if chosen["account"] {
		d.Account = s.Account
	}
	if chosen["titles"] {
		removed := map[string]bool{}
		for _, name := range o.RemoveTitles {
			removed[name] = true
		}
		kept := make([]extractor.TitleStat, 0, len(s.Titles))
		for _, t := range s.Titles {
			if removed[t.Name] {
				d.Sharing.TitlesRemoved++
				continue
			}
			kept = append(kept, t)
		}
		d.Titles = &kept
	}

	out, err := encodeDonation(&d)
	if err != nil {
		return nil, err
	}
	if o.MaxBytes > 0 && len(out) > o.MaxBytes {
		if d.Titles == nil {
			return nil, codes.New(codes.TooLarge, "the summary exceeds %d bytes", o.MaxBytes)
		}
		out, err = fitTitles(&d, o.MaxBytes)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fitTitles drops the fewest title rows from the bottom of the list (the
// smallest by seconds) that bring the donation within maxBytes. The size of
// a donation grows with the number of titles, so a binary search finds it.
func fitTitles(d *shared, maxBytes int) ([]byte, error) {
	all := *d.Titles
	fits := func(keep int) ([]byte, bool, error) {
		kept := all[:keep]
		d.Titles = &kept
		d.Sharing.TitlesDroppedForSize = len(all) - keep
		out, err := encodeDonation(d)
		return out, err == nil && len(out) <= maxBytes, err
	}
	best, ok, err := fits(0)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, codes.New(codes.TooLarge, "the summary exceeds %d bytes even without titles", maxBytes)
	}
	lo, hi := 0, len(all) // fits(lo) holds; fits(hi) does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		out, ok, err := fits(mid)
		if err != nil {
			return nil, err
		}
		if ok {
			lo, best = mid, out
		} else {
			hi = mid
		}
	}
	return best, nil
}

// encodeDonation sets d's checksum and returns its JSON.
func encodeDonation(d *shared) ([]byte, error) {
	d.Checksum = ""
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, codes.Wrap(codes.Internal, err, "cannot encode the donation")
	}
	sum, err := Checksum(raw)
	if err != nil {
		return nil, err
	}
	d.Checksum = sum
	return json.Marshal(d)
}

// Checksum returns "sha256:" and the hex SHA-256 of the canonical form of a
// JSON object without its "checksum" member. The canonical form is the
// object re-encoded with keys sorted at every level, no insignificant
// white space, numbers as written, no HTML escaping, and U+2028 and U+2029
// escaped as \u2028 and \u2029 (as encoding/json always writes them). In
// Python: json.dumps(obj, sort_keys=True, separators=(",", ":"),
// ensure_ascii=False) with those two characters replaced by their escapes
// (docs/researchers.md has the recipe, tested).
// Survey platforms that cut or edit a stored donation break it.
func Checksum(doc []byte) (string, error) {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return "", codes.Wrap(codes.BadOptions, err, "not a JSON object")
	}
	return ChecksumObject(obj)
}

// ChecksumObject returns the checksum of a JSON object already decoded
// with json.Decoder.UseNumber, so that a reader who has the decoded
// object (collect verifies 100,000 donations) does not decode it again.
// The object's own "checksum" member is left out of the sum, and obj is
// left as it was. ChecksumObject(decoded doc) == Checksum(doc).
func ChecksumObject(obj map[string]any) (string, error) {
	if old, ok := obj["checksum"]; ok {
		delete(obj, "checksum")
		defer func() { obj["checksum"] = old }()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return "", codes.Wrap(codes.Internal, err, "cannot encode canonical JSON")
	}
	h := sha256.Sum256(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return checksumPrefix + hex.EncodeToString(h[:]), nil
}

// VerifyChecksum checks that doc carries a checksum that matches its
// content. It returns an error with codes.ChecksumMismatch for altered
// content (cut or edited after sharing), and one with codes.BadOptions
// when doc is not a JSON object with a checksum.
func VerifyChecksum(doc []byte) error {
	var head struct {
		Checksum string `json:"checksum"`
	}
	if err := json.Unmarshal(doc, &head); err != nil {
		return codes.Wrap(codes.BadOptions, err, "not a JSON object")
	}
	if !strings.HasPrefix(head.Checksum, checksumPrefix) {
		return codes.New(codes.BadOptions, "no checksum")
	}
	want, err := Checksum(doc)
	if err != nil {
		return err
	}
	if want != head.Checksum {
		return codes.New(codes.ChecksumMismatch, "the donation does not match its checksum")
	}
	return nil
}

func sortedBlocks(chosen map[string]bool) []string {
	out := make([]string, 0, len(chosen))
	for _, b := range ShareBlocks() { // donation order, not map order
		if chosen[b] {
			out = append(out, b)
		}
	}
	return out
}

// nonNil returns a pointer to s, or to an empty slice for nil, so that a
// chosen but empty block is encoded as [] rather than left out.
func nonNil[T any](s []T) *[]T {
	if s == nil {
		s = []T{}
	}
	return &s
}
