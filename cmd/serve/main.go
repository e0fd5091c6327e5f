// Command serve is the small static file server of `make demo`.
//
// Usage:
//
//	serve [-addr 127.0.0.1:8080] [-root .] [-cors ORIGIN] [-csp POLICY]
//
// It serves the files under -root and nothing else: no directory listings
// (a directory serves its index.html or 404), no paths outside the root
// (symbolic links that leave it included), no dot files. It sends
// application/wasm for .wasm files, serves X.br or X.gz instead of X when
// they exist and the browser accepts them (with Content-Encoding and
// Vary: Accept-Encoding), and answers If-None-Match with 304 using an ETag
// derived from the file's size and modification time; Cache-Control is
// no-cache, so browsers revalidate and always see a fresh build.
//
// -cors ORIGIN adds Access-Control-Allow-Origin: ORIGIN (use it when a
// survey page on another origin loads the widget); -csp POLICY adds a
// Content-Security-Policy header to every response, to try the widget
// under a survey platform's policy.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	root := flag.String("root", ".", "directory to serve")
	cors := flag.String("cors", "", "origin allowed to load files cross-origin (Access-Control-Allow-Origin)")
	csp := flag.String("csp", "", "Content-Security-Policy header to send")
	flag.Parse()

	h, err := NewHandler(*root, Config{CORSOrigin: *cors, CSP: *csp})
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
	log.Printf("serving %s on http://%s/", *root, *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}
