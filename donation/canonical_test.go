//go:build !(js && wasm)

package donation

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
)

// encodeLikeGo is what ChecksumObject hashes: encoding/json's
// own encoding of the tree.
func encodeLikeGo(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// tricky are strings whose encoding has every kind of escape.
var tricky = []string{"Café <Noir> & Co", "line\u2028sep\u2029", "tab\tnew\nline\r", "quote\" back\\slash", "\x00\x1f\x7f",
	"bad \xff utf8", "emoji 🎬", "", "日本語のタイトル", "=cmd|' /C calc'!A0"}

// TestCanonicalEqualsEncodingJSON: the hand-written encoding equals
// encoding/json's for real donations and for strings of every kind, and
// so does the checksum.
func TestCanonicalEqualsEncodingJSON(t *testing.T) {
	s := handSummary()
	for _, name := range tricky {
		s.Titles = append(s.Titles, extractor.TitleStat{Name: name, Kind: extractor.KindMovie, Views: 1, Seconds: 1, FirstMonth: "2024-01", LastMonth: "2024-01"})
	}
	doc, err := Share(s, ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{string(doc), `{"a":[1,2.5,-0,1e3,true,false,null,{"z":1,"a":"b"}],"":{"":""}}`}
	for _, k := range tricky {
		b, _ := json.Marshal(map[string]any{k: k})
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		v, err := decodeUseNumber([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendCanonical(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodeLikeGo(t, v); !bytes.Equal(got, want) {
			t.Errorf("canonical\n%s\nencoding/json\n%s", got, want)
		}
	}
	v, _ := decodeUseNumber(doc)
	want, _ := ChecksumObject(v.(map[string]any))
	if got, err := checksumOf(v.(map[string]any)); got != want || err != nil {
		t.Errorf("checksum %s (%v), extractor says %s", got, err, want)
	}
}

// FuzzCanonical: for any JSON, the hand-written encoding equals
// encoding/json's.
func FuzzCanonical(f *testing.F) {
	for _, s := range tricky {
		b, _ := json.Marshal([]string{s})
		f.Add(b)
	}
	f.Add([]byte(`{"b":1,"a":[{"d":null,"c":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := decodeUseNumber(data)
		if err != nil {
			return
		}
		got, err := appendCanonical(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodeLikeGo(t, v); !bytes.Equal(got, want) {
			t.Fatalf("canonical %q, encoding/json %q", got, want)
		}
	})
}

// TestTreeDecodeEqualsUnmarshal: a Donation filled from the decoded tree
// equals json.Unmarshal's, for donations with every block.
func TestTreeDecodeEqualsUnmarshal(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	s := handSummary()
	s.Account.Ratings = &extractor.AccountRatings{Total: 3, ThumbsUp: 2, Other: 1, ByMonth: []extractor.RatingMonth{{Month: "2024-01", ThumbsUp: 2}}}
	s.Account.Tenure = &extractor.AccountTenure{Months: 12, Subscriptions: 1, Open: true}
	for _, o := range []ShareOptions{{}, {Blocks: []string{"titles"}}, {Blocks: []string{"account", "by_month"}}} {
		doc, err := Share(s, o)
		if err != nil {
			t.Fatal(err)
		}
		tree, _ := decodeUseNumber(doc)
		var fromTree, fromText Donation
		if err := v.tree.decode(&fromTree, tree); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(doc, &fromText); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromTree, fromText) {
			t.Errorf("blocks %v:\ntree %+v\ntext %+v", o.Blocks, fromTree, fromText)
		}
	}
	var d Donation
	tree, _ := decodeUseNumber([]byte(`{"rows_total":99999999999999999999}`))
	if err := v.tree.decode(&d, tree); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("an overflowing number: %v", err)
	}
}
