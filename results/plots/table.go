package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
)

// Kind is what a logsim CSV holds, told from its header.
type Kind string

// The CSVs plots reads.
const (
	KindNetwork Kind = "network" // logsim_network.csv or a sweep CSV: one row per design point and network
	KindLayers  Kind = "layers"  // logsim_layers.csv or a sweep's --layers file
	KindCompare Kind = "compare" // logsim compare --csv
)

// Row is one data row of a CSV, with where it came from.
type Row struct {
	File  string
	Line  int // line of the row's first field, from 1 (the header is line 1)
	index map[string]int
	cells []string
}

// Has reports whether the row's file has the column.
func (r Row) Has(col string) bool { _, ok := r.index[col]; return ok }

// Text returns the column's text ("" when the file has no such column).
func (r Row) Text(col string) string {
	if i, ok := r.index[col]; ok {
		return r.cells[i]
	}
	return ""
}

// Num reads the column as a number. The error names the file, line and
// column; NaN is refused, ±Inf accepted (an ideal DRAM's bandwidth).
func (r Row) Num(col string) (float64, error) {
	i, ok := r.index[col]
	if !ok {
		return 0, fmt.Errorf("%s:%d: no column %q", r.File, r.Line, col)
	}
	v, err := strconv.ParseFloat(r.cells[i], 64)
	if err != nil || math.IsNaN(v) {
		return 0, fmt.Errorf("%s:%d: column %s: %q is not a number", r.File, r.Line, col, r.cells[i])
	}
	return v, nil
}

// Finite reads the column as a finite number that is not negative: a
// count, a time, an energy or an area.
func (r Row) Finite(col string) (float64, error) {
	v, err := r.Num(col)
	if err != nil {
		return 0, err
	}
	if math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("%s:%d: column %s: %q is not a finite non-negative number", r.File, r.Line, col, r.Text(col))
	}
	return v, nil
}

// Table is one CSV file read whole.
type Table struct {
	File   string
	Kind   Kind
	Header []string
	Rows   []Row
}

// ReadTable reads a logsim CSV and tells its kind. A file that is not
// CSV, has rows of the wrong length, or whose header is no logsim CSV's is
// an error naming the file and line.
func ReadTable(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseTable(path, f)
}

// ParseTable reads a logsim CSV from r; name is the file it came from.
func ParseTable(name string, r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file: no header", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &Table{File: name, Header: header}
	index, err := headerIndex(name, header)
	if err != nil {
		return nil, err
	}
	if t.Kind, err = kindOf(name, index); err != nil {
		return nil, err
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		t.Rows = append(t.Rows, Row{File: name, Line: line, index: index, cells: rec})
	}
}

func headerIndex(name string, header []string) (map[string]int, error) {
	index := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := index[h]; dup {
			return nil, fmt.Errorf("%s:1: column %q appears twice", name, h)
		}
		index[h] = i
	}
	return index, nil
}

// kindOf tells a logsim CSV by the columns that only one kind has.
func kindOf(name string, index map[string]int) (Kind, error) {
	has := func(c string) bool { _, ok := index[c]; return ok }
	switch {
	case has("design") && has("role") && has("point_id"):
		return KindCompare, nil
	case has("layer_index") && has("point_id"):
		return KindLayers, nil
	case has("point_id") && has("energy_total_uj"):
		return KindNetwork, nil
	}
	return "", fmt.Errorf("%s:1: not a logsim CSV: the header has none of logsim_network.csv's, logsim_layers.csv's, a sweep's or a compare CSV's columns (point_id with energy_total_uj, layer_index, or design and role)", name)
}
