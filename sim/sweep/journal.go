package sweep

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/logsim/logsim/sim"
)

// fileFormat marks a journal or shard file: the "format" of its header.
const fileFormat = "logsim-sweep/1"

// header is the first line of a journal or shard file (JSON Lines): what
// must match for a resume, and for a merge (all but the shard's index).
type header struct {
	Format       string        `json:"format"`
	Version      string        `json:"logsim_version"`
	Shard        Shard         `json:"shard"`
	Numerics     *NumericsSpec `json:"numerics"`
	Fidelity     FidelitySpec  `json:"fidelity"`
	Accuracy     *AccuracySpec `json:"accuracy,omitempty"`
	NetColumns   []string      `json:"net_columns"`
	LayerColumns []string      `json:"layer_columns"`
	Points       []string      `json:"points"` // every point ID of the whole sweep, in order
}

// newHeader is the header of a run of plan's shard with enc's columns.
func newHeader(plan *Plan, shard Shard, enc Encoder) header {
	return header{Format: fileFormat, Version: sim.Version, Shard: shard, Numerics: plan.Spec.Numerics, Fidelity: plan.Spec.Fidelity,
		Accuracy: plan.Spec.Accuracy, NetColumns: enc.NetColumns, LayerColumns: enc.LayerColumns, Points: plan.IDs()}
}

// mismatch says how o (a file's header) differs from h ("" when it does
// not), comparing the shard's index only if withIndex.
func (h header) mismatch(o header, withIndex bool) string {
	switch {
	case h.Version != o.Version:
		return fmt.Sprintf("its logsim version is %s, not %s", o.Version, h.Version)
	case !slices.Equal(h.Points, o.Points):
		return fmt.Sprintf("its %d points are not this sweep's %d: another spec, network or design", len(o.Points), len(h.Points))
	case h.Shard.Count != o.Shard.Count || (withIndex && h.Shard.Index != o.Shard.Index):
		return fmt.Sprintf("its shard is %s, not %s", o.Shard, h.Shard)
	case jsonText(h.Numerics) != jsonText(o.Numerics):
		return fmt.Sprintf("its numerics are %s, not %s", jsonText(o.Numerics), jsonText(h.Numerics))
	case h.Fidelity != o.Fidelity:
		return fmt.Sprintf("its fidelity is %s, not %s", jsonText(o.Fidelity), jsonText(h.Fidelity))
	case jsonText(h.Accuracy) != jsonText(o.Accuracy):
		return fmt.Sprintf("its accuracy section is %s, not %s", jsonText(o.Accuracy), jsonText(h.Accuracy))
	case !slices.Equal(h.NetColumns, o.NetColumns) || !slices.Equal(h.LayerColumns, o.LayerColumns):
		return "its columns are not this logsim's"
	}
	return ""
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("internal: %v", err)) // plain structs always marshal
	}
	return string(b)
}

// record is one finished point: a line of a journal or shard file.
type record struct {
	Index  int        `json:"i"`
	ID     string     `json:"point_id"`
	Error  string     `json:"error,omitempty"`
	Net    []string   `json:"net"`
	Layers [][]string `json:"layers,omitempty"`
	// errPct is, for a point an auto sweep checked, the analytic level's
	// total-cycle error against the event simulation, % (not journaled:
	// the row has it).
	errPct *float64
}

// line is r as one line of JSON.
func (r record) line() []byte { return append([]byte(jsonText(r)), '\n') }

// span is where one record's line lies in one of a recordSet's files.
type span struct {
	file int
	off  int64
	n    int // bytes, newline included; 0: no record
}

// scanned is what reading a journal or shard file found.
type scanned struct {
	header  header
	whole   bool // the header line is whole
	records []scannedRecord
	end     int64 // end of the last whole line
	torn    bool  // a torn last line follows end
}

type scannedRecord struct {
	index  int
	failed bool
	off    int64
	n      int
}

// errNotSweepFile is the error of a file whose first line is not a header.
var errNotSweepFile = errors.New("not a logsim sweep journal or shard file")

// scan reads a journal or shard file: its header, then where every record
// is. A last line that is not whole (no newline, or not JSON: a write cut
// short by a crash) is reported as torn; such a line anywhere else, or a
// record that does not belong to the header's points, is an error.
func scan(f *os.File, name string) (scanned, error) {
	var s scanned
	r := bufio.NewReaderSize(f, 1<<16)
	for lineNo := 1; ; lineNo++ {
		b, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			s.torn = len(b) > 0
			return s, nil
		}
		if err != nil {
			return s, fmt.Errorf("read %s: %w", name, err)
		}
		if lineNo == 1 {
			if err := json.Unmarshal(b, &s.header); err != nil || s.header.Format != fileFormat {
				return s, fmt.Errorf("%s:1: %w", name, errNotSweepFile)
			}
			s.whole = true
		} else {
			rec, err := parseRecord(b, s.header.Points)
			if err != nil {
				if _, peek := r.Peek(1); errors.Is(peek, io.EOF) {
					s.torn = true
					return s, nil
				}
				return s, fmt.Errorf("%s:%d: %w", name, lineNo, err)
			}
			rec.off, rec.n = s.end, len(b)
			s.records = append(s.records, rec)
		}
		s.end += int64(len(b))
	}
}

// parseRecord reads a record's index and checks it against the points.
func parseRecord(b []byte, points []string) (scannedRecord, error) {
	var rec struct {
		Index int    `json:"i"`
		ID    string `json:"point_id"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return scannedRecord{}, fmt.Errorf("not a sweep record: %w", err)
	}
	if rec.Index < 0 || rec.Index >= len(points) || points[rec.Index] != rec.ID {
		return scannedRecord{}, fmt.Errorf("record of point %d (%s) is not one of the header's points", rec.Index, rec.ID)
	}
	return scannedRecord{index: rec.Index, failed: rec.Error != ""}, nil
}

// journal is the append-only file a sweep records its finished points in,
// one line each, flushed to disk before the next.
type journal struct {
	path string
	f    *os.File
}

// WriteFile writes path whole or not at all through write (cmd/logsim
// passes results.WriteFileAtomic).
type WriteFile func(path string, write func(io.Writer) error) error

// openJournal creates the journal at path with header h. With resume, a
// journal already there is continued: its header must equal h, a torn last
// line is cut off, and the indices of the points it holds are returned
// (one without a whole header line holds none and is written anew).
// Without resume, a journal already there is an error.
func openJournal(path string, h header, resume bool, write WriteFile) (*journal, []int, error) {
	var done []int
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, nil, fmt.Errorf("journal: %w", err)
	case !resume:
		f.Close()
		return nil, nil, &BadInput{fmt.Errorf("%s exists: a sweep into the same output was interrupted; add --resume to finish it, or remove the journal to start over", path)}
	default:
		done, err = continueJournal(f, path, h)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
	}
	if done == nil {
		if err := write(path, func(w io.Writer) error { _, err := w.Write(append([]byte(jsonText(h)), '\n')); return err }); err != nil {
			return nil, nil, err
		}
	}
	if f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0); err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	return &journal{path: path, f: f}, done, nil
}

// continueJournal checks an existing journal against h, cuts a torn last
// line off and returns the indices it holds (nil: write it anew).
func continueJournal(f *os.File, path string, h header) ([]int, error) {
	s, err := scan(f, path)
	if err != nil || !s.whole {
		return nil, badInputIf(err)
	}
	if why := h.mismatch(s.header, true); why != "" {
		return nil, &BadInput{fmt.Errorf("%s was written by another sweep (%s): remove it to start over", path, why)}
	}
	if s.torn {
		if err := f.Truncate(s.end); err != nil {
			return nil, fmt.Errorf("journal: cut the torn last line: %w", err)
		}
	}
	done := make([]int, 0, len(s.records))
	seen := map[int]bool{}
	for _, r := range s.records {
		if seen[r.index] {
			return nil, &BadInput{fmt.Errorf("%s: point %s recorded twice (two sweeps wrote the journal?): remove it to start over", path, h.Points[r.index])}
		}
		seen[r.index] = true
		done = append(done, r.index)
	}
	return done, nil
}

// append writes r and flushes it to disk.
func (j *journal) append(r record) error {
	if _, err := j.f.Write(r.line()); err != nil {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	return nil
}

func (j *journal) close() error { return j.f.Close() }

// BadInput marks an error in what the user gave (a spec, a journal or
// shard file that does not fit): cmd/logsim exits with status 2.
type BadInput struct{ Err error }

func (e *BadInput) Error() string { return e.Err.Error() }
func (e *BadInput) Unwrap() error { return e.Err }

func badInputIf(err error) error {
	if err == nil {
		return nil
	}
	return &BadInput{err}
}
