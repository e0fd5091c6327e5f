package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// buildCLI builds cmd/netflix-summary of the repository at root into dir.
func buildCLI(ctx context.Context, root, dir string) (string, error) {
	out := filepath.Join(dir, "netflix-summary")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/netflix-summary")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the CLI: %v: %s", err, bytes.TrimSpace(b))
	}
	return out, nil
}

// timeNative runs the CLI on file once cold and reps times warm, with the
// options the browser side uses (--tz UTC, defaults otherwise), and
// returns the timing and the summary JSON of the first run (without the
// trailing newline). Each run is a whole process: what a researcher's
// script pays per donation.
func timeNative(ctx context.Context, cli, file string, reps int) (Timing, string) {
	var t Timing
	var first string
	for i := 0; i <= reps; i++ {
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, cli, "--tz", "UTC", file)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err := cmd.Run()
		ms := float64(time.Since(start).Microseconds()) / 1000
		if err != nil {
			t.Error = fmt.Sprintf("%v: %s", err, strings.TrimSpace(stderr.String()))
			return t, ""
		}
		if i == 0 {
			t.ColdMS, first = ms, strings.TrimSuffix(stdout.String(), "\n")
		} else {
			t.RunsMS = append(t.RunsMS, ms)
		}
	}
	t.WarmMS = median(t.RunsMS)
	return t, first
}
