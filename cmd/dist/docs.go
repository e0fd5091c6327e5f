package main

import (
	"bytes"
	"embed"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates are the author-facing files of the bundle. They are plain
// text templates: every value put into them is checked first (the
// version by validVersion, the base URL by baseURL, the hash is base64).
var templates = template.Must(template.New("").ParseFS(templateFS, "templates/*.tmpl"))

// docData fills the templates.
type docData struct {
	Version     string // 0.1.0
	Name        string // netflix-donation-0.1.0
	BaseURL     string // the folder's URL, ending in "/"
	LoaderSRI   string // integrity of netflix-donation.js
	Snippet     string // the rendered embed-snippet.html (for the README)
	Placeholder bool   // BaseURL is the YOUR-HOST placeholder
}

// renderSnippet returns embed-snippet.html: the loader <script> with its
// integrity hash, and the element's markup with an output field.
func renderSnippet(d docData) ([]byte, error) {
	return render("embed-snippet.html.tmpl", d)
}

// renderReadme returns the bundle's README.md for survey authors.
func renderReadme(d docData) ([]byte, error) {
	return render("README.md.tmpl", d)
}

func render(name string, d docData) ([]byte, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
