// Command precompress writes gzip and brotli copies beside files, so that a
// static server (cmd/serve, or any server that knows the convention) can
// send them pre-compressed, and prints the three sizes of each file.
//
// Usage:
//
//	precompress [-f] FILE...
//
// For every FILE it writes FILE.gz (gzip, best compression, no name or
// time in the header, so the output is reproducible) and FILE.br (brotli,
// quality 11), then prints one line: the name and the raw, gzip and brotli
// sizes in bytes and MB. The widget's build runs it on the .wasm to report
// the download size participants pay. Copies at least as new as FILE are
// kept (and their sizes printed) unless -f is given.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	force := flag.Bool("f", false, "compress even when the copies are up to date")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: precompress [-f] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	for _, name := range flag.Args() {
		s, err := CompressFile(name, *force)
		if err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
		fmt.Println(s)
	}
}
