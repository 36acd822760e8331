package sweep

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrorColumn is the column a sweep adds after the network columns: why
// the point failed, empty when it ran.
const ErrorColumn = "error"

// recordSet is the finished points of a sweep, by point index, read from
// one or more journal or shard files; outputs are written from it in
// point order, one record in memory at a time.
type recordSet struct {
	header header
	files  []*os.File
	names  []string
	spans  []span // by point index
	failed int
}

// addFile opens a journal or shard file, checks what scan found in it
// with check, and adds its records; the first file's header becomes the
// set's. A point already in the set is returned in dups (with the files
// it is in), not added.
func (s *recordSet) addFile(name string, check func(scanned) error) (dups []string, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	sc, err := scan(f, name)
	if err == nil {
		err = check(sc)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if s.spans == nil {
		s.header, s.spans = sc.header, make([]span, len(sc.header.Points))
	}
	file := len(s.files)
	s.files, s.names = append(s.files, f), append(s.names, name)
	for _, r := range sc.records {
		if old := s.spans[r.index]; old.n > 0 {
			dups = append(dups, fmt.Sprintf("%s (in %s and %s)", s.header.Points[r.index], s.names[old.file], name))
			continue
		}
		s.spans[r.index] = span{file: file, off: r.off, n: r.n}
		if r.failed {
			s.failed++
		}
	}
	return dups, nil
}

// close closes the set's files (again: a no-op).
func (s *recordSet) close() {
	for _, f := range s.files {
		f.Close()
	}
	s.files = nil
}

// missing lists the indices of the points of shard that the set lacks.
func (s *recordSet) missing(shard Shard) []int {
	var out []int
	for i, sp := range s.spans {
		if shard.Has(i) && sp.n == 0 {
			out = append(out, i)
		}
	}
	return out
}

// raw returns the line of point i.
func (s *recordSet) raw(i int) ([]byte, error) {
	sp := s.spans[i]
	if sp.n == 0 {
		return nil, fmt.Errorf("internal: point %s has no record", s.header.Points[i])
	}
	b := make([]byte, sp.n)
	if _, err := s.files[sp.file].ReadAt(b, sp.off); err != nil {
		return nil, fmt.Errorf("read %s: %w", s.names[sp.file], err)
	}
	return b, nil
}

// eachLine calls f with the line of every point of shard, in point order.
func (s *recordSet) eachLine(shard Shard, f func(i int, line []byte) error) error {
	for i := range s.spans {
		if !shard.Has(i) {
			continue
		}
		b, err := s.raw(i)
		if err != nil {
			return err
		}
		if err := f(i, b); err != nil {
			return err
		}
	}
	return nil
}

// each calls f with the record of every point of shard, in point order;
// without layers, the records' layer rows are skipped (not decoded).
func (s *recordSet) each(shard Shard, layers bool, f func(record) error) error {
	return s.eachLine(shard, func(i int, b []byte) error {
		var r record
		var err error
		if layers {
			err = json.Unmarshal(b, &r)
		} else {
			var row struct { // record without its layers
				Index int      `json:"i"`
				ID    string   `json:"point_id"`
				Error string   `json:"error"`
				Net   []string `json:"net"`
			}
			err = json.Unmarshal(b, &row)
			r = record{Index: row.Index, ID: row.ID, Error: row.Error, Net: row.Net}
		}
		if err != nil || len(r.Net) != len(s.header.NetColumns) {
			return fmt.Errorf("%s: the record of point %s is not whole (%v)", s.names[s.spans[i].file], s.header.Points[i], err)
		}
		return f(r)
	})
}

// netHeader is the sweep CSV's header: the network columns and error.
func (s *recordSet) netHeader() []string {
	return append(append([]string(nil), s.header.NetColumns...), ErrorColumn)
}

// writeCSV writes the sweep CSV: a row per point, in point order.
func (s *recordSet) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(s.netHeader()); err != nil {
		return err
	}
	err := s.each(Shard{}, false, func(r record) error { return cw.Write(append(r.Net, r.Error)) })
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeLayers writes the per-layer CSV: every point's layer rows, in
// point order (a failed point has none).
func (s *recordSet) writeLayers(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(s.header.LayerColumns); err != nil {
		return err
	}
	err := s.each(Shard{}, true, func(r record) error { return cw.WriteAll(r.Layers) })
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeJSONL writes the sweep CSV's rows as JSON Lines: an object per
// row, keys the column names in order, values the CSV fields as strings.
func (s *recordSet) writeJSONL(w io.Writer) error {
	keys := s.netHeader()
	return s.each(Shard{}, false, func(r record) error {
		var b strings.Builder
		for i, v := range append(r.Net, r.Error) {
			sep := ","
			if i == 0 {
				sep = "{"
			}
			b.WriteString(sep + jsonText(keys[i]) + ":" + jsonText(v))
		}
		b.WriteString("}\n")
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// writeShard writes a shard file: the header, then the shard's records
// in point order, as the journal holds them.
func (s *recordSet) writeShard(w io.Writer, shard Shard) error {
	h := s.header
	h.Shard = shard
	if _, err := io.WriteString(w, jsonText(h)+"\n"); err != nil {
		return err
	}
	return s.eachLine(shard, func(_ int, b []byte) error {
		_, err := w.Write(b)
		return err
	})
}
