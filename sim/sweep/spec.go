package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// Spec is a sweep spec as parsed (doc.go describes the format). Parse
// checks its structure and every value on its own; Plan checks every
// combination and loads the files it names.
type Spec struct {
	File     string // the spec's path as given: every error names it
	Dir      string // the spec's folder: relative paths are taken from it
	Networks []NetworkRef
	// BaseDesign is the base_design file (joined to Dir), "" for none;
	// Base are the base: settings, applied after it.
	BaseDesign     string
	baseDesignLine int
	Base           []Setting
	Axes           []Axis
	Numerics       *NumericsSpec // nil: numerics off
	Fidelity       FidelitySpec
	Accuracy       *AccuracySpec // nil: accuracy off
}

// FidelitySpec is the fidelity: section: the level every point runs at
// and, for auto, how many points the event simulation checks. It is
// written into the journal's header, so a resumed or merged sweep runs at
// the same level.
type FidelitySpec struct {
	// Level is sim.FidelityEvent (the default), sim.FidelityAnalytic or
	// FidelityAuto.
	Level string `json:"level"`
	// Sample is, with FidelityAuto, the number of points also run with the
	// event simulation (evenly spread over the sweep by index).
	Sample int `json:"sample,omitempty"`
}

// FidelityAuto runs every point at the analytic level and a sample of
// them with the event simulation too, to report the analytic level's
// error on this sweep (columns event_check_…).
const FidelityAuto = "auto"

// DefaultFidelitySample is the sample of an auto sweep that names none.
const DefaultFidelitySample = 10

// FidelityLevels are the levels a sweep takes.
func FidelityLevels() []string { return append(sim.FidelityNames(), FidelityAuto) }

// SetLevel sets the level (e.g. from --fidelity), checking it; auto takes
// the default sample unless one is set.
func (f *FidelitySpec) SetLevel(level string) error {
	if !slices.Contains(FidelityLevels(), level) {
		return fmt.Errorf("unknown fidelity %q (valid: %s)", level, strings.Join(FidelityLevels(), ", "))
	}
	f.Level = level
	if level == FidelityAuto && f.Sample == 0 {
		f.Sample = DefaultFidelitySample
	}
	if level != FidelityAuto {
		f.Sample = 0
	}
	return nil
}

// RunLevel is the level each point runs at first (auto: analytic).
func (f FidelitySpec) RunLevel() string {
	if f.Level == FidelityAuto {
		return sim.FidelityAnalytic
	}
	return f.Level
}

// Checked reports whether the point of that index, of total, is one an
// auto sweep also runs with the event simulation: every ⌈total/Sample⌉-th
// from the first.
func (f FidelitySpec) Checked(index, total int) bool {
	if f.Level != FidelityAuto || f.Sample <= 0 {
		return false
	}
	step := (total + f.Sample - 1) / f.Sample
	return index%max(step, 1) == 0
}

// AccuracySpec is the accuracy section: the labelled images every ONNX
// network with weights is scored on (sim/accuracy), the training images
// that calibrate its FSRs and how many held-out images to score (0: all).
type AccuracySpec struct {
	Data        string `json:"data"` // as written in the spec
	Calibration int    `json:"calibration"`
	Limit       int    `json:"limit"`
	dataPath    string // joined to the spec's folder
}

// NetworkRef is one entry of networks: a built-in network at a batch, or
// a file in a format.
type NetworkRef struct {
	Name   string // built-in name ("" for a file)
	Batch  int    // batch of a built-in network
	File   string // network file (joined to the spec's folder), "" for a built-in one
	Path   string // the file as the spec writes it
	Format workloads.Format
	// Model is true for an ONNX file ({model: F}, or a file ending in
	// .onnx): its layers, and its weights for the accuracy section.
	Model bool
	Line  int
}

// String names the network as the spec does.
func (n NetworkRef) String() string {
	if n.File != "" {
		return n.File
	}
	return fmt.Sprintf("%s (batch %d)", n.Name, n.Batch)
}

// Setting is one design parameter's value from the spec: its canonical
// text (design.Param.Get) and the line it is on.
type Setting struct {
	Param design.Param
	Text  string
	Line  int
}

// String is key=value.
func (s Setting) String() string { return s.Param.Key + "=" + s.Text }

// Axis is one dimension of the sweep: one parameter, or a zip group of
// parameters that move together. Steps[i] holds the i-th value of every
// parameter of the axis.
type Axis struct {
	Keys  []string
	Steps [][]Setting
	Line  int
}

// Name is the axis's name in messages: its key, or zip(key, key…).
func (a Axis) Name() string {
	if len(a.Keys) == 1 {
		return a.Keys[0]
	}
	return "zip(" + strings.Join(a.Keys, ", ") + ")"
}

// NumericsSpec is the numerics: section as given; Options turns it into
// sim.Numerics. Its fields are written into the journal's header, so a
// resumed or merged sweep measures with the same options.
type NumericsSpec struct {
	Samples int    `json:"samples"`
	Seed    uint64 `json:"seed"`
	Weights string `json:"weights"`
	NPY     string `json:"npy,omitempty"` // as written in the spec
	npyPath string // joined to the spec's folder
}

// Options returns the sim.Numerics the section asks for (nil when off).
func (n *NumericsSpec) Options() *sim.Numerics {
	if n == nil {
		return nil
	}
	dist, err := numerics.ParseDist(n.Weights)
	if err != nil {
		panic(fmt.Sprintf("internal: Parse accepted weights %q: %v", n.Weights, err))
	}
	return &sim.Numerics{Samples: n.Samples, Seed: n.Seed, Weights: dist, NPYDir: n.npyPath}
}

// topKeys are the keys a spec may have.
var topKeys = []string{"networks", "base", "base_design", "axes", "numerics", "fidelity", "accuracy"}

// Load reads and parses the spec file at path.
func Load(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sweep spec: %w", err)
	}
	return Parse(path, data)
}

// Parse parses spec text; file names it in errors and its folder is where
// relative paths start. It reads no other file.
func Parse(file string, data []byte) (*Spec, error) {
	p := parser{file: file, spec: &Spec{File: file, Dir: filepath.Dir(file), Fidelity: FidelitySpec{Level: sim.FidelityEvent}}}
	if err := p.parse(data); err != nil {
		return nil, err
	}
	return p.spec, nil
}

// parser holds what parsing a spec needs: the file name for errors and the
// spec it fills.
type parser struct {
	file string
	spec *Spec
}

// errorf formats an error at a line of the spec.
func (p *parser) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.file, line, fmt.Sprintf(format, args...))
}

func (p *parser) parse(data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", p.file, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s: want a mapping with keys %s", p.file, strings.Join(topKeys, ", "))
	}
	sections := map[string]func(*yaml.Node) error{
		"networks": p.networks, "base": p.base, "base_design": p.baseDesign,
		"axes": p.axes, "numerics": p.numerics, "fidelity": p.fidelity, "accuracy": p.accuracy,
	}
	err := p.mapping(doc.Content[0], "", topKeys, func(k, v *yaml.Node) error { return sections[k.Value](v) })
	if err != nil {
		return err
	}
	if len(p.spec.Networks) == 0 {
		return fmt.Errorf("%s: no networks: list at least one under networks:", p.file)
	}
	return p.checkBaseNotSwept()
}

// mapping calls each for every key of the mapping node n, in order; a key
// not in known, a key given twice or a node that is not a mapping is an
// error naming what (e.g. "numerics") and the line.
func (p *parser) mapping(n *yaml.Node, what string, known []string, each func(k, v *yaml.Node) error) error {
	in := ""
	if what != "" {
		in = " in " + what
	}
	if n.Kind != yaml.MappingNode {
		return p.errorf(n.Line, "want a mapping%s (keys %s)", in, strings.Join(known, ", "))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return p.errorf(k.Line, "key %q given twice%s (first on line %d)", k.Value, in, line)
		}
		seen[k.Value] = k.Line
		if !slices.Contains(known, k.Value) {
			return p.errorf(k.Line, "unknown key %q%s%s", k.Value, in, design.DidYouMean(k.Value, known))
		}
		if err := each(k, v); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar node, or an error naming what.
func (p *parser) scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", p.errorf(n.Line, "%s: want a single value", what)
	}
	return n.Value, nil
}

// integer reads a scalar node as an integer at least min.
func (p *parser) integer(n *yaml.Node, what string, min int) (int, error) {
	s, err := p.scalar(n, what)
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < min {
		return 0, p.errorf(n.Line, "%s: %q is not an integer ≥ %d", what, s, min)
	}
	return v, nil
}

// path reads a scalar node as a path, joined to the spec's folder.
func (p *parser) path(n *yaml.Node, what string) (string, error) {
	s, err := p.scalar(n, what)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", p.errorf(n.Line, "%s: empty path", what)
	}
	return joinDir(p.spec.Dir, s), nil
}

func joinDir(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// setting reads one value of the parameter key at node v, checked on its
// own; where says where it is ("axis rows", "base").
func (p *parser) setting(key string, v *yaml.Node, where string) (Setting, error) {
	pr, _ := design.ParamByKey(key)
	text, err := design.NodeText(pr, v)
	if err != nil {
		return Setting{}, p.errorf(v.Line, "%s: %v", where, err)
	}
	if pr.Key == "tech" && text != "" {
		text = joinDir(p.spec.Dir, text)
	}
	scratch := design.Default()
	if err := pr.Set(&scratch, text); err != nil {
		return Setting{}, p.errorf(v.Line, "%s: %s", where, strings.TrimPrefix(err.Error(), pr.Key+": "))
	}
	return Setting{Param: pr, Text: pr.Get(scratch), Line: v.Line}, nil
}

func (p *parser) base(n *yaml.Node) error {
	return p.mapping(n, "base", design.Keys(), func(k, v *yaml.Node) error {
		s, err := p.setting(k.Value, v, "base "+k.Value)
		p.spec.Base = append(p.spec.Base, s)
		return err
	})
}

func (p *parser) baseDesign(n *yaml.Node) (err error) {
	p.spec.baseDesignLine = n.Line
	p.spec.BaseDesign, err = p.path(n, "base_design")
	return err
}

// checkBaseNotSwept: a base: value that an axis sets in every point would
// never be read, which is an error (a base_design file is a whole point:
// axes override it).
func (p *parser) checkBaseNotSwept() error {
	for _, b := range p.spec.Base {
		for _, a := range p.spec.Axes {
			if slices.Contains(a.Keys, b.Param.Key) {
				return p.errorf(b.Line, "base %s: also swept by axis %s on line %d: drop one", b.Param.Key, a.Name(), a.Line)
			}
		}
	}
	return nil
}

var networkKeys = []string{"name", "batch", "file", "format", "model"}

func (p *parser) networks(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return p.errorf(n.Line, "networks: want a list (a built-in name, {name: N, batch: B} or {file: F, format: F})")
	}
	for _, item := range n.Content {
		ref, err := p.network(item)
		if err != nil {
			return err
		}
		p.spec.Networks = append(p.spec.Networks, ref)
	}
	return nil
}

// network reads one entry of networks: a built-in name, or a mapping.
func (p *parser) network(n *yaml.Node) (NetworkRef, error) {
	ref := NetworkRef{Batch: 1, Line: n.Line}
	if n.Kind == yaml.ScalarNode {
		ref.Name = n.Value
		return ref, nil
	}
	batchGiven, formatGiven := false, false
	err := p.mapping(n, "a network", networkKeys, func(k, v *yaml.Node) (err error) {
		switch k.Value {
		case "name":
			ref.Name, err = p.scalar(v, "network name")
		case "batch":
			ref.Batch, err = p.integer(v, "batch", 1)
			batchGiven = true
		case "file", "model":
			ref.File, err = p.path(v, "network file")
			ref.Path, ref.Model = v.Value, k.Value == "model"
		case "format":
			formatGiven = true
			var s string
			if s, err = p.scalar(v, "format"); err == nil {
				if ref.Format, err = workloads.ParseFormat(s); err != nil {
					err = p.errorf(v.Line, "%v", err)
				}
			}
		}
		return err
	})
	switch {
	case err != nil:
		return ref, err
	case (ref.Name == "") == (ref.File == ""):
		return ref, p.errorf(n.Line, "a network has a name (built-in) or a file, not both or neither")
	case ref.File != "" && batchGiven:
		return ref, p.errorf(n.Line, "network file %s: batch applies to built-in networks (a YAML file sets its own; SCALE-Sim files are batch 1)", ref.File)
	case ref.Name != "" && formatGiven:
		return ref, p.errorf(n.Line, "network %s: format applies to network files", ref.Name)
	}
	return ref, nil
}

var fidelityKeys = []string{"level", "sample"}

// fidelity reads "fidelity: LEVEL" or "fidelity: {level: auto, sample: N}".
func (p *parser) fidelity(n *yaml.Node) error {
	f := &p.spec.Fidelity
	if n.Kind == yaml.ScalarNode {
		if err := f.SetLevel(n.Value); err != nil {
			return p.errorf(n.Line, "fidelity: %v", err)
		}
		return nil
	}
	sample, sampleLine := 0, 0
	err := p.mapping(n, "fidelity", fidelityKeys, func(k, v *yaml.Node) (err error) {
		switch k.Value {
		case "level":
			var s string
			if s, err = p.scalar(v, "fidelity level"); err == nil {
				if err = f.SetLevel(s); err != nil {
					err = p.errorf(v.Line, "fidelity level: %v", err)
				}
			}
		case "sample":
			sample, sampleLine = 0, v.Line
			sample, err = p.integer(v, "fidelity sample", 1)
		}
		return err
	})
	if err != nil {
		return err
	}
	if sampleLine > 0 && f.Level != FidelityAuto {
		return p.errorf(sampleLine, "fidelity sample: only an auto sweep checks a sample (level is %s)", f.Level)
	}
	if sampleLine > 0 {
		f.Sample = sample
	}
	return nil
}

// SetAccuracy gives the spec an accuracy section from the command line:
// data is a path as given (relative to the working folder, not the spec).
func (s *Spec) SetAccuracy(data string, calibration, limit int) {
	s.Accuracy = &AccuracySpec{Data: data, Calibration: calibration, Limit: limit, dataPath: data}
}

var accuracyKeys = []string{"data", "calibration", "limit"}

func (p *parser) accuracy(n *yaml.Node) error {
	as := &AccuracySpec{Calibration: accuracy.DefaultCalibration}
	p.spec.Accuracy = as
	err := p.mapping(n, "accuracy", accuracyKeys, func(k, v *yaml.Node) (err error) {
		switch k.Value {
		case "data":
			as.dataPath, err = p.path(v, "accuracy data")
			as.Data = v.Value
		case "calibration":
			as.Calibration, err = p.integer(v, "accuracy calibration", 1)
		case "limit":
			as.Limit, err = p.integer(v, "accuracy limit", 0)
		}
		return err
	})
	if err == nil && as.Data == "" {
		err = p.errorf(n.Line, "accuracy: data is missing (the labelled images, e.g. mnist10k.bin.gz)")
	}
	return err
}

var numericsKeys = []string{"samples", "seed", "weights", "npy"}

func (p *parser) numerics(n *yaml.Node) error {
	def := sim.DefaultNumerics()
	ns := &NumericsSpec{Samples: def.Samples, Seed: def.Seed, Weights: def.Weights.String()}
	p.spec.Numerics = ns
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Value == "") {
		return nil // "numerics:" alone: on, with the defaults
	}
	return p.mapping(n, "numerics", numericsKeys, func(k, v *yaml.Node) (err error) {
		switch k.Value {
		case "samples":
			ns.Samples, err = p.integer(v, "numerics samples", 0)
		case "seed":
			var s string
			if s, err = p.scalar(v, "numerics seed"); err == nil {
				if ns.Seed, err = strconv.ParseUint(s, 10, 64); err != nil {
					err = p.errorf(v.Line, "numerics seed: %q is not an unsigned integer", s)
				}
			}
		case "weights":
			if ns.Weights, err = p.scalar(v, "numerics weights"); err == nil {
				var d numerics.Dist
				if d, err = numerics.ParseDist(ns.Weights); err != nil {
					return p.errorf(v.Line, "numerics weights: %v", err)
				}
				ns.Weights = d.String()
			}
		case "npy":
			if ns.npyPath, err = p.path(v, "numerics npy"); err == nil {
				ns.NPY = v.Value
			}
		}
		return err
	})
}
