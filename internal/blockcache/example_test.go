package blockcache_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/netflix-donation/widget/internal/blockcache"
)

func Example() {
	src := strings.NewReader("Profile Name,Start Time,Duration\n")
	r := blockcache.New(src, src.Size(), 8, 2)
	line, _ := io.ReadAll(io.NewSectionReader(r, 0, r.Size()))
	fmt.Printf("%q\n", line)
	// Output: "Profile Name,Start Time,Duration\n"
}
