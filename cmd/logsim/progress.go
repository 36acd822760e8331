package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/logsim/logsim/sim/sweep"
)

// progressInterval is how often a sweep whose stderr is not a terminal
// prints a progress line.
const progressInterval = 10 * time.Second

// sweepProgress shows a sweep's progress on stderr: a progress bar with
// count, rate and ETA when stderr is a terminal, a line every
// progressInterval otherwise (a log file, a batch job), nothing when
// quiet. Its update is called from one goroutine.
type sweepProgress struct {
	w     io.Writer
	quiet bool
	tty   bool
	label string
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
}

func newProgress(stderr io.Writer, quiet bool, label string) *sweepProgress {
	f, isFile := stderr.(*os.File)
	return &sweepProgress{w: stderr, quiet: quiet, label: label,
		tty: isFile && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))}
}

// sweepLabel is the progress label of a sweep's shard.
func sweepLabel(shard sweep.Shard) string {
	if shard.Sharded() {
		return "sweep " + shard.String()
	}
	return "sweep"
}

// update shows that done of total points have finished (sweep.Options.Progress).
func (p *sweepProgress) update(done, total int) {
	switch {
	case p.quiet:
	case p.tty:
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(p.label),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("points"),
				progressbar.OptionSetPredictTime(true), progressbar.OptionSetElapsedTime(true), progressbar.OptionFullWidth(),
				progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionSetRenderBlankState(true),
				progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }))
		}
		_ = p.bar.Set(done)
	default:
		p.line(done, total)
	}
}

// line prints a progress line at the start, every progressInterval and at
// the end.
func (p *sweepProgress) line(done, total int) {
	now := time.Now()
	if done == 0 {
		p.start, p.last = now, now
		fmt.Fprintf(p.w, "logsim: %s: %d points to run\n", p.label, total)
		return
	}
	if now.Sub(p.last) < progressInterval && done < total {
		return
	}
	p.last = now
	rate := float64(done) / now.Sub(p.start).Seconds()
	eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
	fmt.Fprintf(p.w, "logsim: %s: %d/%d points (%.0f %%), %.3g points/s, ETA %s\n", p.label, done, total, 100*float64(done)/float64(total), rate, eta)
}

// finish leaves a bar that did not complete (an interrupted sweep).
func (p *sweepProgress) finish() {
	if p.bar != nil && !p.bar.IsFinished() {
		_ = p.bar.Exit()
		fmt.Fprintln(p.w)
	}
}
