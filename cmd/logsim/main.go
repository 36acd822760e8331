// Command logsim simulates DNN accelerators built from systolic arrays of
// multiplier or log-domain shift-and-add PEs. Run "logsim --help".
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"

	"github.com/logsim/logsim/internal/printable"
	"github.com/logsim/logsim/results"
)

// Exit statuses (README: Inputs, limits and exit codes).
const (
	exitOK       = 0
	exitFailure  = 1 // the run failed after starting (an output file or stdout could not be written)
	exitUsage    = 2 // bad input: flags, files, network or design parameters
	exitInternal = 3 // a bug in logsim
)

// Exit statuses of an interrupted run: 128 + the signal, as shells report.
const (
	exitSIGINT  = 128 + int(syscall.SIGINT)
	exitSIGTERM = 128 + int(syscall.SIGTERM)
)

// The garbage collector's policy where the environment sets none
// (GOGC, GOMEMLIMIT: the runtime's own variables win). A run's live heap
// is small and nearly constant (a layer's tiles are worked out on demand)
// while the simulation allocates short-lived messages fast, so at Go's
// default (collect when the heap doubles) it collects hundreds of times
// a run: ResNet-50 at batch 256, analytic, 382 collections and ~10 % more
// CPU than collecting at five times the live heap (76). The soft limit
// keeps a sweep's workers from growing five-fold: near it the collector
// works harder instead (a 72-point analytic ResNet-50 sweep at batches
// 1–64: 192 MB peak at Go's default, 695 MB before tiles were worked
// out on demand). It grows with the cores, as the default number of
// workers does (a point's live heap is tens of MB), so that many workers'
// live heaps do not reach it: above the limit the collector would run
// all the time (Go caps it at half the CPU).
const (
	gcPercent          = 400
	gcSoftLimitMin     = 256 << 20 // bytes
	gcSoftLimitPerCore = 128 << 20 // bytes
)

// setGCPolicy applies gcPercent and the soft limit where the environment
// does not say otherwise.
func setGCPolicy() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(gcSoftLimit(runtime.NumCPU()))
	}
}

// gcSoftLimit is the soft memory limit on a machine of cores cores.
func gcSoftLimit(cores int) int64 {
	return max(gcSoftLimitMin, int64(cores)*gcSoftLimitPerCore)
}

func main() {
	setGCPolicy()
	stop := func() {}
	if len(os.Args) < 2 || os.Args[1] != "sweep" { // a sweep stops gracefully itself (interruptible)
		stop = removeTempsOnSignal()
	}
	status := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(status)
}

// exitOnSignal removes the temporary files of the writes in progress and
// ends the process with 128 + the signal's number.
func exitOnSignal(s os.Signal) {
	results.RemoveTemps()
	fmt.Fprintf(os.Stderr, "logsim: interrupted (%v); temporary files removed\n", s)
	if s == syscall.SIGTERM {
		os.Exit(exitSIGTERM)
	}
	os.Exit(exitSIGINT)
}

// removeTempsOnSignal deletes the temporary files of the writes in
// progress when SIGINT or SIGTERM arrives, then exits; the returned
// function stops watching.
func removeTempsOnSignal() func() {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sigs:
			exitOnSignal(s)
		case <-done:
		}
	}()
	return func() { signal.Stop(sigs); close(done) }
}

// run executes the command line and returns the exit status. An internal
// panic becomes a one-line message (and, with -v, the stack), never a bare
// stack trace. A failed write to stdout is a failure (status 1).
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "logsim: internal error: %s (please report it)\n", oneLine(fmt.Sprint(r)))
			if slices.Contains(args, "-v") || slices.Contains(args, "--verbose") {
				stderr.Write(debug.Stack())
			}
			results.RemoveTemps()
			status = exitInternal
		}
	}()
	out := &checkedWriter{w: stdout}
	cmd := newRootCommand(out, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if out.err != nil { // whatever the command made of it
		err = &failure{fmt.Errorf("writing to stdout: %w", out.err)}
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "logsim: %s\n", oneLine(err.Error()))
	var fe *failure
	if errors.As(err, &fe) {
		return exitFailure
	}
	return exitUsage
}

// failure marks an error that is not the user's input (I/O, simulation).
type failure struct{ err error }

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// checkedWriter keeps the first error of the writes to w, so a failed
// write to stdout (a closed pipe, a full disk) is reported even where the
// writer's errors are not checked.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.err = err
	return n, err
}

// oneLine makes an error message one printable line: control characters
// (a newline in a layer name, a terminal escape) become Go escapes.
func oneLine(s string) string { return printable.String(s) }
