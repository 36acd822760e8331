package results

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sarchlab/akita/v3/tracing"
)

// TraceFile writes a Daisen trace in Akita's CSV trace format (the columns
// of tracing.CSVTraceWriter, read by tracing.CSVTraceReader and Akita's
// daisen tool: daisen -csv FILE) to a temporary file next to the target,
// renamed over it by Commit: the trace is written whole or not at all.
// Unlike Akita's writer it quotes fields as CSV requires (a layer name
// with a comma or a newline stays one field) and reports write errors.
type TraceFile struct {
	path string
	f    *os.File
	bw   *bufio.Writer
	w    *csv.Writer
	err  error // the first write error
}

// NewTraceFile prepares a trace to be written to path. A path that exists
// and is not a regular file (/dev/null, a folder) is refused.
func NewTraceFile(path string) (*TraceFile, error) {
	if err := CheckTarget(path); err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return nil, fmt.Errorf("trace %s: %w", path, err)
	}
	f, err := createTemp(path, ".csv")
	if err != nil {
		return nil, fmt.Errorf("trace %s: %w", path, err)
	}
	t := &TraceFile{path: path, f: f, bw: bufio.NewWriterSize(f, 1<<16)}
	t.w = csv.NewWriter(t.bw)
	t.record("ID", "ParentID", "Kind", "What", "Where", "Start", "End")
	return t, nil
}

// Write adds one task; a write error is kept and returned by Commit.
func (t *TraceFile) Write(task tracing.Task) {
	t.record(task.ID, task.ParentID, task.Kind, task.What, task.Where,
		fmt.Sprintf("%.10f", float64(task.StartTime)), fmt.Sprintf("%.10f", float64(task.EndTime)))
}

func (t *TraceFile) record(fields ...string) {
	if t.err == nil {
		t.err = t.w.Write(fields)
	}
}

// Commit flushes the trace and moves it into place; any write error of
// the trace is returned and the trace discarded.
func (t *TraceFile) Commit() error {
	t.w.Flush()
	err := t.err
	if err == nil {
		err = t.w.Error()
	}
	if err == nil {
		err = t.bw.Flush()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.f.Name(), t.path)
	}
	if err != nil {
		t.Discard()
		return fmt.Errorf("trace %s: %w", t.path, err)
	}
	untrackTemp(t.f.Name())
	return nil
}

// Discard removes the unfinished trace.
func (t *TraceFile) Discard() {
	t.f.Close()
	os.Remove(t.f.Name())
	untrackTemp(t.f.Name())
}
