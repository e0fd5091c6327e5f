package extractor

import (
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/testutil"
)

// deviceLabels labels, by hand, every distinct Device Type found in the
// real ViewingActivity samples (83 strings), every example in
// netflix-format.md §2.7, the coarse device names of SearchHistory and
// Ratings, and a few plausible strings that exercise the precedence
// rules. Device model strings are not personal data.
var deviceLabels = []struct {
	raw  string
	want DeviceClass
}{
	// Distinct Device Type values of the real samples.
	{"AOC AOC 2016 MT5800 with no FRC Smart TV", DeviceTV},
	{"Amazon FTVET31HDRAV12020 Smart TV", DeviceTV}, // a Fire TV Edition television
	{"Amazon Fire TV Stick 2020 + Streaming Stick", DeviceSetTopBox},
	{"Android DefaultWidevineL3Phone Android Phone", DevicePhone},
	{"Android DefaultWidevineL3Phone Android Phone (HUAWEI_FRD-L09)", DevicePhone},
	{"Android DefaultWidevineL3Phone Android Phone (motorola_Moto G (4))", DevicePhone},
	{"Android DefaultWidevineL3Phone Android Phone (motorola_Moto G (5) Plus)", DevicePhone},
	{"Android DefaultWidevineL3Phone Android Phone (motorola_Moto G Play)", DevicePhone},
	{"Android DefaultWidevineL3Phone Android Phone (motorola_XT1635-02)", DevicePhone},
	{"Apple TV 3 (revised)", DeviceSetTopBox},
	{"Apple iPad Air 3rd Gen (Wi-Fi)", DeviceTablet},
	{"Apple iPad Air 4th Gen Wi-Fi iPad", DeviceTablet},
	{"Apple iPad Mini 5th Gen (Wi-Fi)", DeviceTablet},
	{"Apple iPad mini", DeviceTablet},
	{"Apple iPhone 11 Pro", DevicePhone},
	{"Apple iPhone 11 Pro Max", DevicePhone},
	{"Apple iPhone 13 Pro Max", DevicePhone},
	{"Apple iPhone 4S", DevicePhone},
	{"Apple iPhone 6", DevicePhone},
	{"Apple iPhone 6s", DevicePhone},
	{"Apple iPhone 7 (CDMA)", DevicePhone},
	{"Apple iPhone 8 (CDMA)", DevicePhone},
	{"Apple iPhone 8 (GSM)", DevicePhone},
	{"Apple iPhone SE 3rd Gen iPhone", DevicePhone},
	{"Apple iPhone SE Gen 2 iPhone", DevicePhone},
	{"Apple iPhone X (GSM)", DevicePhone},
	{"Apple iPhone XR", DevicePhone},
	{"Belgacom STBv5 Set Top Box", DeviceSetTopBox},
	{"Chrome PC (Cadmium)", DeviceComputer},
	{"Comcast X1 ARM 4K MVPD STB", DeviceSetTopBox},
	{"Compal L621 Smart TV", DeviceTV},
	{"DefaultWidevineAndroidPhone", DevicePhone},
	{"DefaultWidevineAndroidPhone (motorola_XT1097)", DevicePhone},
	{"Edge (Cadmium)", DeviceComputer},
	{"Edge OSS - Windows (Cadmium)", DeviceComputer},
	{"FireTV 4K Stick 2018", DeviceSetTopBox},
	{"FireTV Stick 2016", DeviceSetTopBox},
	{"Firefox PC (Cadmium)", DeviceComputer},
	{"Google Chromecast V3 Streaming Stick", DeviceSetTopBox},
	{"Google Chromecast V5 Streaming Stick", DeviceSetTopBox},
	{"Google Chromecast streaming stick", DeviceSetTopBox},
	{"Google Sabrina ATV Set Top Box", DeviceSetTopBox}, // Chromecast with Google TV
	{"Internet Explorer (Cadmium)", DeviceComputer},
	{"LG 2012 MTK Smart TV", DeviceTV},
	{"LG 2014 LG SoC Hotel STB", DeviceSetTopBox},
	{"LG 2017 RTK K3Lp Standard UHD TV Smart TV", DeviceTV},
	{"LG 2018 Mstar LM18A STD UHD TV Smart TV", DeviceTV},
	{"LG LG 2017 LG M16 SoC HOTEL STB Set Top Box", DeviceSetTopBox},
	{"MStar PureTurnkey51 AOC OEM2K Smart TV", DeviceTV},
	{"Microsoft Xbox 360", DeviceConsole},
	{"Microsoft Xbox One", DeviceConsole},
	{"Microsoft Xbox One S", DeviceConsole},
	{"Microsoft Xbox One X", DeviceConsole},
	{"Mobile", DevicePhone},
	{"Netflix Chrome Linux (Cadmium) HTML 5", DeviceComputer},
	{"Netflix Chrome MAC (Cadmium) HTML 5", DeviceComputer},
	{"Netflix Oculus VR Android Phone", DeviceOther}, // a VR headset
	{"Netflix Windows App - Cadmium Windows Mobile", DeviceComputer},
	{"PC", DeviceComputer},
	{"Panasonic 2016 sLD8a TV Smart TV", DeviceTV},
	{"Roku Marlin Set Top Box", DeviceSetTopBox},
	{"Roku Nemo Set Top Box", DeviceSetTopBox},
	{"Safari MAC (Cadmium)", DeviceComputer},
	{"Samsung 2015 NT14M DTV Smart TV", DeviceTV},
	{"Samsung 2016 Jazz-L UHD TV Smart TV", DeviceTV},
	{"Samsung 2017 Kant-M UHD TV Smart TV", DeviceTV},
	{"Samsung 2017 Kant-S DTV Smart TV", DeviceTV},
	{"Samsung 2018 Kant-S UHD TV Smart TV", DeviceTV},
	{"Samsung CE 2019 Muse-M UHD TV Smart TV", DeviceTV},
	{"Samsung Novatek DTV Smart TV", DeviceTV},
	{"Sky UK skytitanuk MVPD STB", DeviceSetTopBox},
	{"Sony CE Sony CE 2014 Core DTV Smart TV", DeviceTV},
	{"Sony Sony Android TV 2018 M2 4K Smart TV", DeviceTV},
	{"Vestel MB110/115 Smart TV", DeviceTV},
	{"Wii Bowser", DeviceConsole},
	{"Youview British Telecom DTR-T2100 Set Top Box", DeviceSetTopBox},
	{"iPad Air 2 Cellular", DeviceTablet},
	{"iPad Air Wi-Fi", DeviceTablet},
	{"iPad Pro 3 12.9 (Wi-Fi)", DeviceTablet},
	{"iPad Pro 9.7-Inch (Wi-Fi)", DeviceTablet},
	{"iPhone 12 Mini", DevicePhone},
	{"iPhone 12 Pro", DevicePhone},
	{"iPhone SE", DevicePhone},

	// Further examples from netflix-format.md §2.7.
	{"Safari MAC (Cadmium)", DeviceComputer},
	{"Netflix Firefox MAC (Cadmium) HTML 5", DeviceComputer},
	{"Netflix Opera Other", DeviceComputer},
	{"Mac", DeviceComputer},
	{"Android DefaultWidevineL3Tablet Android Tablet", DeviceTablet},
	{"Apple iPhone 11", DevicePhone},
	{"Apple iPhone 7 Plus (GSM)", DevicePhone},
	{"Apple iPhone X (CDMA)", DevicePhone},
	{"Apple iPhone 15 Pro iPhone", DevicePhone},
	{"Apple iPad Pro 12.9 in 5th Gen (Wi-Fi/Cell) iPad", DeviceTablet},
	{"Samsung CE 2021 Nike-L UHD TV  Smart TV", DeviceTV},
	{"Sony Sony Android TV 2015 4K Smart TV", DeviceTV},
	{"TCL TV 2018 UHD Android TV Smart TV", DeviceTV},
	{"Roku 3 Set Top Box", DeviceSetTopBox},
	{"Amazon FIRETVSTICK2021 Streaming Stick", DeviceSetTopBox},
	{"Verizon Fios VMS MVPD STB", DeviceSetTopBox},
	{"STB", DeviceSetTopBox},
	{"Microsoft Xbox Series X", DeviceConsole},
	{"Sony PS4", DeviceConsole},
	{"Sony PS4 Pro", DeviceConsole},
	{"Sony PS5", DeviceConsole},
	{"WiiU", DeviceConsole},

	// Coarse names used by SearchHistory and Ratings.
	{"Smart TV", DeviceTV},
	{"iPhone", DevicePhone},
	{"iPad", DeviceTablet},
	{"HTML 5", DeviceComputer},
	{"Xbox", DeviceConsole},
	{"Xbox One", DeviceConsole},
	{"Xbox_One_S", DeviceConsole},
	{"Xbox_One_X", DeviceConsole},
	{"Ps4_Pro", DeviceConsole},
	{"Wii", DeviceConsole},
	{"Laptop/Desktop", DeviceComputer},
	{"MVPD STB", DeviceSetTopBox},
	{"Set Top Box", DeviceSetTopBox},
	{"Streaming Stick", DeviceSetTopBox},
	{"Windows 8", DeviceComputer},

	// Precedence and boundary cases.
	{"", DeviceOther},
	{"   ", DeviceOther},
	{"Unknown Device", DeviceOther},
	{"Android DefaultWidevineL3Phone Android Phone (samsung_SM-G930F)", DevicePhone}, // maker must not make it a TV
	{"Samsung Galaxy Tab S7", DeviceTablet},
	{"Amazon Kindle Fire HDX", DeviceTablet},
	{"Sony PS3", DeviceConsole},
	{"Nintendo Switch", DeviceConsole},
	{"Apple TV 4K", DeviceSetTopBox},
	{"NVIDIA Shield Android TV", DeviceSetTopBox},
	{"TCL Roku TV Smart TV", DeviceTV}, // a TV with a built-in Roku platform
	{"SMART TV", DeviceTV},
	{"samsung 2020 smart tv", DeviceTV},
	{"Philips 2019 Android TV", DeviceTV},
	{"Windows Phone 8", DevicePhone},
	{"Chromebook", DeviceComputer},
	{"ATV", DeviceOther},      // "TV" only as a whole word
	{"Stereo", DeviceOther},   // "stb"/"tv" fragments inside words do not count
	{"Macarena", DeviceOther}, // "mac" only as a whole word
}

func TestClassifyDevice(t *testing.T) {
	for _, tt := range deviceLabels {
		if got := classifyDevice(tt.raw); got != tt.want {
			t.Errorf("classifyDevice(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// TestClassifyDeviceSamples checks that every Device Type in the real
// samples is labelled by hand in deviceLabels, so a new sample cannot
// slip through unclassified.
func TestClassifyDeviceSamples(t *testing.T) {
	labelled := make(map[string]bool, len(deviceLabels))
	for _, l := range deviceLabels {
		labelled[l.raw] = true
	}
	n := 0
	forEachSampleRow(t, func(row map[string]string) {
		d := row["Device Type"]
		if !labelled[d] {
			labelled[d] = true // report each string once
			t.Errorf("sample Device Type %q is not labelled in deviceLabels (classifyDevice says %q)", d, classifyDevice(d))
		}
		n++
	})
	t.Logf("checked %d sample rows", n)
}

// TestClassifyDeviceCase checks that matching ignores case.
func TestClassifyDeviceCase(t *testing.T) {
	for _, tt := range deviceLabels {
		for _, s := range []string{strings.ToUpper(tt.raw), strings.ToLower(tt.raw)} {
			if got := classifyDevice(s); got != tt.want {
				t.Errorf("classifyDevice(%q) = %q, want %q", s, got, tt.want)
			}
		}
	}
}

// forEachSampleRow calls fn for every data row of every
// ViewingActivity.csv under ../shared/netflix-samples (relative to the
// repository root), keyed by header name. It skips the test when the
// samples are absent: they are never part of the repository.
func forEachSampleRow(t *testing.T, fn func(row map[string]string)) {
	t.Helper()
	dir := testutil.SamplesDir(t)
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(d.Name(), "ViewingActivity.csv") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no ViewingActivity.csv in the samples")
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		header, err := r.Read()
		if err != nil {
			f.Close()
			t.Fatalf("%s: %v", path, err)
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				t.Fatalf("%s: %v", path, err)
			}
			row := make(map[string]string, len(header))
			for i, h := range header {
				if i < len(rec) {
					row[h] = rec[i]
				}
			}
			fn(row)
		}
		f.Close()
	}
}
