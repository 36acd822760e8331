// Package report writes logsim's HTML report: one self-contained file
// (inline SVG plots, inline style and script, no network access needed)
// with a run's or a sweep's tables, sortable, the design point spelled out,
// compare's ratios and the plots of package plots.
package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/logsim/logsim/results/plots"
	"github.com/logsim/logsim/sim/design"
)

//go:embed report.html.tmpl
var pageTemplate string

// Report is what the page shows.
type Report struct {
	Title    string
	Version  string // logsim_version of the rows
	Summary  []string
	Shared   []Param // design parameters every point shares
	Points   Table
	Compares []Table
	Layers   []Section // per-layer tables of the chosen points
	Figures  []Figure
	Notes    []string
}

// Param is one design parameter and its value.
type Param struct{ Key, Value, Unit, Meaning string }

// Table is a sortable table.
type Table struct {
	Caption string
	Header  []Header
	Rows    [][]string
}

// Header is a column's name and, as its tooltip, its unit and meaning.
type Header struct{ Name, Title string }

// Section is a titled table.
type Section struct {
	Title string
	Table Table
}

// Figure is one inline plot.
type Figure struct {
	Name, Caption string
	SVG           template.HTML
}

// Build assembles the report of the data and its figures.
func Build(title string, d *plots.Data, set *plots.Set, layerPoints []string) (*Report, error) {
	points := d.Designs()
	r := &Report{Title: title, Notes: set.Notes}
	if len(points) > 0 {
		r.Version = points[0].Text("logsim_version")
	}
	shared, varying := splitParams(points)
	r.Shared = shared
	r.Points = pointsTable(points, varying)
	r.Summary = summary(d, points)
	for _, cf := range d.Compares {
		r.Compares = append(r.Compares, compareTable(cf))
	}
	for _, id := range layerPoints {
		r.Layers = append(r.Layers, layerSection(d, id))
	}
	for _, f := range set.Figures {
		svg, err := f.SVG()
		if err != nil {
			return nil, fmt.Errorf("figure %s: %w", f.Name, err)
		}
		r.Figures = append(r.Figures, Figure{Name: f.Name, Caption: f.Caption, SVG: inlineSVG(svg)})
	}
	return r, nil
}

// Write renders the report as one HTML page.
func (r *Report) Write(w io.Writer) error {
	t, err := template.New("report").Parse(pageTemplate)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, r); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// inlineSVG makes an SVG file an element of the page: no XML prolog, and
// a fallback typeface where Liberation Sans is not installed.
func inlineSVG(svg []byte) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	s = strings.ReplaceAll(s, "font-family:Liberation Sans;", "font-family:'Liberation Sans',Arimo,Arial,sans-serif;")
	return template.HTML(s) // written by gonum's SVG canvas from our own figures, not from user text
}

// splitParams parts the design parameters into those every point shares
// (with their value) and those that vary (keys).
func splitParams(points []Point) (shared []Param, varying []string) {
	for _, pr := range design.Params() {
		if len(points) == 0 || !points[0].Has(pr.Key) {
			continue
		}
		v := points[0].Text(pr.Key)
		same := true
		for _, p := range points[1:] {
			same = same && p.Text(pr.Key) == v
		}
		if !same {
			varying = append(varying, pr.Key)
			continue
		}
		if v == "" {
			v = "(default)"
		}
		shared = append(shared, Param{Key: pr.Key, Value: v, Unit: pr.Unit, Meaning: pr.Usage})
	}
	return shared, varying
}

// Point is a design point of the data.
type Point = plots.Point

func summary(d *plots.Data, points []Point) []string {
	var out []string
	if len(points) > 0 {
		out = append(out, fmt.Sprintf("%d design points on %d networks (%s).", len(points), len(plots.Networks(points)), strings.Join(plots.Networks(points), ", ")))
	}
	if len(d.Failed) > 0 {
		out = append(out, fmt.Sprintf("%d points failed and are left out (rows with an error).", len(d.Failed)))
	}
	for _, cf := range d.Compares {
		out = append(out, fmt.Sprintf("Compare file %s: %d rows.", filepath.Base(cf.File), len(cf.Points)))
	}
	if n := len(d.Layers); n > 0 {
		out = append(out, fmt.Sprintf("%d per-layer rows.", n))
	}
	return out
}
