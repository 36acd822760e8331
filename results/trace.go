package results

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/sarchlab/akita/v3/tracing"
)

// TraceFile writes a Daisen trace with Akita's CSV backend (no cgo needed)
// to a temporary file next to the target, renamed over it by Commit: the
// trace is written whole or not at all. View it with Akita's daisen tool
// (daisen -csv FILE).
type TraceFile struct {
	path string
	tmp  string // the CSV writer's base name; it writes tmp + ".csv"
	w    *tracing.CSVTraceWriter
}

// NewTraceFile prepares a trace to be written to path.
func NewTraceFile(path string) (*TraceFile, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("trace %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("trace %s: %w", path, err)
	}
	base := f.Name()
	f.Close()
	os.Remove(base)
	t := &TraceFile{path: path, tmp: base, w: tracing.NewCSVTraceWriter(base)}
	t.w.Init()
	return t, nil
}

// Write adds one task.
func (t *TraceFile) Write(task tracing.Task) { t.w.Write(task) }

// Commit flushes the trace and moves it into place.
func (t *TraceFile) Commit() error {
	t.w.Flush()
	if err := os.Rename(t.tmp+".csv", t.path); err != nil {
		return fmt.Errorf("trace %s: %w", t.path, err)
	}
	return nil
}

// Discard removes the unfinished trace.
func (t *TraceFile) Discard() { os.Remove(t.tmp + ".csv") }
