package input_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing/fstest"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// An unzipped export in a folder the participant picked: the table is
// found by its base name at any depth, and only known table names are
// reported.
func ExampleFind() {
	fsys := fstest.MapFS{
		"Downloads/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": {Data: []byte("Profile Name,Start Time,Duration,Title\n")},
		"Downloads/netflix-report/CONTENT_INTERACTION/Ratings.txt":         {Data: []byte("We found no information for this table.")},
		"Downloads/holiday photo.jpg":                                      {Data: []byte{0xFF, 0xD8, 0xFF}},
	}
	files, err := input.OpenFolder(fsys, input.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	name, ok := input.Find(files, "ViewingActivity")
	fmt.Println(name, ok)
	name, ok = input.Find(files, "Ratings")
	fmt.Println(name, ok)
	fmt.Println(input.Tables(files))
	// Output:
	// Downloads/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv true
	// Downloads/netflix-report/CONTENT_INTERACTION/Ratings.txt true
	// [Ratings.txt ViewingActivity.csv]
}

// Open decides by content, not by name: a ZIP called .csv is a ZIP, and a
// photo called .zip is refused with a code the widget can explain.
func ExampleOpen() {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("netflix-report/CONTENT_INTERACTION/ViewingActivity.csv")
	fmt.Fprintln(w, "Profile Name,Start Time,Duration,Title")
	zw.Close()

	inputs := []struct {
		name string
		data []byte
	}{
		{"ViewingActivity.csv", zipped.Bytes()},
		{"netflix-report.zip", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00")},
		{"netflix-report.zip", nil},
	}
	for _, in := range inputs {
		files, err := input.Open(bytes.NewReader(in.data), int64(len(in.data)), in.name, input.Options{})
		if err != nil {
			fmt.Println(in.name, "->", codes.Of(err))
			continue
		}
		fmt.Println(in.name, "->", files.Kind(), files.Names())
	}
	// Output:
	// ViewingActivity.csv -> zip [netflix-report/CONTENT_INTERACTION/ViewingActivity.csv]
	// netflix-report.zip -> not_zip_or_csv
	// netflix-report.zip -> empty_file
}
