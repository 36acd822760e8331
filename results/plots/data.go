package plots

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/logsim/logsim/sim/design"
)

// Point is one design point run on one network: a row of a network, sweep
// or compare CSV.
type Point struct {
	Row
	ID      string // point_id
	Network string
	Label   string // what tells it from the other points: the design parameters that vary, or compare's design name
}

// CompareFile is the rows of one compare CSV.
type CompareFile struct {
	File   string
	Points []Point
}

// Data is everything plots draws from: the network rows of run and sweep
// CSVs (points that failed in a sweep set aside), compare CSVs, and the
// per-layer rows.
type Data struct {
	Points   []Point
	Compares []CompareFile
	Layers   []Row
	Failed   []Row // sweep rows whose error column is set
}

// Load reads CSV files and folders (every *.csv directly in them, in name
// order, but a run's COMPUTE_REPORT.csv) into one Data. Every file must be a logsim CSV; a point given
// twice is an error naming both places.
func Load(paths ...string) (*Data, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	d := &Data{}
	for _, f := range files {
		t, err := ReadTable(f)
		if err != nil {
			return nil, err
		}
		d.add(t)
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return d, nil
}

// FromTables builds Data from tables already read (ParseTable).
func FromTables(tables ...*Table) (*Data, error) {
	d := &Data{}
	for _, t := range tables {
		d.add(t)
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return d, nil
}

// computeReport is the SCALE-Sim-format file of a run folder, which has
// nothing the plots use.
const computeReport = "COMPUTE_REPORT.csv"

// expand replaces each folder by the CSV files directly in it, but its
// COMPUTE_REPORT.csv.
func expand(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*.csv"))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no .csv file in the folder", p)
		}
		sort.Strings(found)
		for _, f := range found {
			if filepath.Base(f) != computeReport {
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no CSV file given")
	}
	return files, nil
}

func (d *Data) add(t *Table) {
	switch t.Kind {
	case KindLayers:
		d.Layers = append(d.Layers, t.Rows...)
	case KindCompare:
		cf := CompareFile{File: t.File}
		for _, r := range t.Rows {
			cf.Points = append(cf.Points, Point{Row: r, ID: r.Text("point_id"), Network: r.Text("network"), Label: r.Text("design")})
		}
		d.Compares = append(d.Compares, cf)
	case KindNetwork:
		for _, r := range t.Rows {
			if r.Text("error") != "" {
				d.Failed = append(d.Failed, r)
				continue
			}
			d.Points = append(d.Points, Point{Row: r, ID: r.Text("point_id"), Network: r.Text("network")})
		}
	}
}

// finish checks every point is given once and labels the points.
func (d *Data) finish() error {
	if len(d.Points) == 0 && len(d.Compares) == 0 && len(d.Layers) == 0 {
		return fmt.Errorf("the CSV files have no rows to plot")
	}
	seen := map[string]Row{}
	for _, p := range d.Points {
		if p.ID == "" {
			return fmt.Errorf("%s:%d: column point_id is empty", p.File, p.Line)
		}
		if first, dup := seen[p.ID]; dup {
			return fmt.Errorf("%s:%d: point %s (%s) is also at %s:%d", p.File, p.Line, p.ID, p.Network, first.File, first.Line)
		}
		seen[p.ID] = p.Row
	}
	labelPoints(d.Points)
	return nil
}

// labelPoints labels each point by the design parameters whose values
// differ between the points (rows×cols as one): the PE first, then the
// array, then the others in design.Params order; a lone point by its PE
// and array.
func labelPoints(points []Point) {
	var varying []string
	keys := []string{"pe", "rows", "cols"}
	for _, pr := range design.Params() {
		if !containsKey(keys, pr.Key) {
			keys = append(keys, pr.Key)
		}
	}
	for _, key := range keys {
		for _, p := range points[min(1, len(points)):] {
			if p.Text(key) != points[0].Text(key) {
				varying = append(varying, key)
				break
			}
		}
	}
	if len(varying) == 0 {
		varying = []string{"pe", "rows", "cols"}
	}
	for i := range points {
		points[i].Label = labelOf(points[i].Row, varying)
	}
}

func labelOf(r Row, keys []string) string {
	var parts []string
	for _, k := range keys {
		switch k {
		case "pe":
			parts = append(parts, r.Text(k))
		case "rows":
			parts = append(parts, r.Text("rows")+"×"+r.Text("cols"))
		case "cols":
			if !containsKey(keys, "rows") {
				parts = append(parts, r.Text("rows")+"×"+r.Text("cols"))
			}
		default:
			parts = append(parts, k+"="+r.Text(k))
		}
	}
	return strings.Join(parts, " ")
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// Networks lists the networks of points in the order they first appear.
func Networks(points []Point) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range points {
		if !seen[p.Network] {
			seen[p.Network] = true
			out = append(out, p.Network)
		}
	}
	return out
}

// OnNetwork returns the points run on network, in their order.
func OnNetwork(points []Point, network string) []Point {
	var out []Point
	for _, p := range points {
		if p.Network == network {
			out = append(out, p)
		}
	}
	return out
}

// LayersOf returns the per-layer rows of one point, in file order.
func (d *Data) LayersOf(pointID string) []Row {
	var out []Row
	for _, r := range d.Layers {
		if r.Text("point_id") == pointID {
			out = append(out, r)
		}
	}
	return out
}

// Point returns the network row of a point, if one was read.
func (d *Data) Point(id string) (Point, bool) {
	for _, p := range d.Points {
		if p.ID == id {
			return p, true
		}
	}
	return Point{}, false
}
