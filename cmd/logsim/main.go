// Command logsim simulates DNN accelerators built from systolic arrays of
// multiplier or log-domain shift-and-add PEs. Run "logsim --help".
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFailure  = 1 // the run failed (for example an output file could not be written)
	exitUsage    = 2 // bad input: flags, files, network or design parameters
	exitInternal = 3 // a bug in logsim
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status. An internal
// panic becomes a one-line message, never a stack trace.
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "logsim: internal error: %v (please report it)\n", r)
			status = exitInternal
		}
	}()
	cmd := newRootCommand(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "logsim: %v\n", err)
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
