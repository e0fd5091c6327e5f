package synth_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/netflix-donation/widget/internal/synth"
)

func ExampleWriteViewingActivity() {
	var buf bytes.Buffer
	truth, err := synth.WriteViewingActivity(&buf, synth.Config{Rows: 1000, Seed: 1})
	if err != nil {
		panic(err)
	}
	header, _, _ := strings.Cut(buf.String(), "\n")
	fmt.Println(header)
	fmt.Println("rows:", truth.Rows, "per profile:", truth.ProfileRows)
	fmt.Println("views + supplemental + short:", truth.Views60+truth.Supplemental+truth.ShortUnder60)
	// Output:
	// Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country
	// rows: 1000 per profile: [400 300 200 100]
	// views + supplemental + short: 1000
}

func ExampleWriteZip() {
	var buf bytes.Buffer
	truth, err := synth.WriteZip(&buf, synth.Config{Rows: 500, Seed: 7, TopFolder: "Download"})
	if err != nil {
		panic(err)
	}
	fmt.Println(truth.Rows, bytes.HasPrefix(buf.Bytes(), []byte("PK\x03\x04")))
	// Output: 500 true
}
