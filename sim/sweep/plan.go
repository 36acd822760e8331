package sweep

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx"
)

// MaxPoints bounds a sweep: a spec that expands to more points is an
// error, not an exhausted memory.
const MaxPoints = 1_000_000

// maxNotes bounds the duplicate notes a plan keeps.
const maxNotes = 10

// Job is one point of a sweep: a design combination on a network.
type Job struct {
	Index   int    // place in expansion order, duplicates left out: the row's place in the output
	PointID string // sim.PointID of the point
	Combo   int    // design combination, numbered in axis order with the last axis fastest
	Network int    // index into Plan.Networks
}

// Plan is a spec expanded and checked: its networks loaded, every
// combination resolved, and combinations that resolve to the same point
// on a network kept once. Rows go in the order of Jobs: combinations in
// the spec's axis order (last axis fastest), each on every network in the
// order networks lists them.
type Plan struct {
	Spec     *Spec
	Networks []workloads.Network
	Jobs     []Job
	// Notes say which combinations were dropped as duplicates of an
	// earlier one (at most maxNotes, then a count).
	Notes    []string
	Numerics *sim.Numerics
	// Accuracy holds, per network, the evaluator that scores its points
	// (the accuracy section; nil for a network that is not an ONNX model).
	Accuracy []*accuracy.Evaluator
	models   []*onnx.Model // per network, its ONNX model (nil for others)
	base     design.Point
	// resolver builds each technology table the points share once.
	resolver design.Resolver
}

// Plan loads what the spec names (base_design, networks), resolves every
// combination of its axes and computes every point's ID, before anything
// is simulated. An error names the spec file, the line and the axis.
func (s *Spec) Plan() (*Plan, error) {
	p := &Plan{Spec: s, Numerics: s.Numerics.Options()}
	var err error
	if p.base, err = s.basePoint(); err != nil {
		return nil, err
	}
	if p.Networks, p.models, err = s.loadNetworks(); err != nil {
		return nil, err
	}
	if p.Accuracy, err = s.evaluators(p.models); err != nil {
		return nil, err
	}
	if err := p.Numerics.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	combos, err := s.combinations()
	if err != nil {
		return nil, err
	}
	return p, p.expand(combos)
}

// basePoint is the defaults, then base_design, then base:.
func (s *Spec) basePoint() (design.Point, error) {
	p := design.Default()
	if s.BaseDesign != "" {
		var err error
		if p, err = design.Load(s.BaseDesign, p); err != nil {
			return p, fmt.Errorf("%s:%d: base_design: %w", s.File, s.baseDesignLine, err)
		}
	}
	for _, b := range s.Base {
		if err := b.Param.Set(&p, b.Text); err != nil {
			return p, fmt.Errorf("%s:%d: base %w", s.File, b.Line, err)
		}
	}
	return p, nil
}

func (s *Spec) loadNetworks() ([]workloads.Network, []*onnx.Model, error) {
	nets := make([]workloads.Network, len(s.Networks))
	models := make([]*onnx.Model, len(s.Networks))
	for i, ref := range s.Networks {
		var err error
		switch {
		case ref.Model || (ref.Format == workloads.FormatAuto && strings.EqualFold(filepath.Ext(ref.File), ".onnx")):
			var m onnx.Model
			if m, err = onnx.Load(ref.File); err == nil {
				nets[i], models[i] = m.Network, &m
			}
		case ref.File != "":
			nets[i], err = workloads.LoadFile(ref.File, ref.Format)
		default:
			nets[i], err = workloads.Lookup(ref.Name, ref.Batch)
		}
		if err == nil {
			err = nets[i].Validate()
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: network %s: %w", s.File, ref.Line, ref, err)
		}
		// The rows name a file as the spec does, not by the folder logsim
		// runs in, so that they do not depend on it.
		if strings.HasSuffix(nets[i].Source, ref.File) {
			nets[i].Source = strings.TrimSuffix(nets[i].Source, ref.File) + ref.Path
		}
	}
	return nets, models, nil
}

// evaluators builds the accuracy section's evaluator of every ONNX
// network (nil without the section, and for other networks).
func (s *Spec) evaluators(models []*onnx.Model) ([]*accuracy.Evaluator, error) {
	a := s.Accuracy
	if a == nil {
		return nil, nil
	}
	d, err := accuracy.LoadMNIST(a.dataPath)
	if err != nil {
		return nil, fmt.Errorf("%s: accuracy: %w", s.File, err)
	}
	out := make([]*accuracy.Evaluator, len(models))
	for i, m := range models {
		if m == nil {
			continue
		}
		if out[i], err = accuracy.NewEvaluator(*m, d, accuracy.Options{Calibration: a.Calibration, Limit: a.Limit}); err != nil {
			return nil, fmt.Errorf("%s:%d: network %s: %w", s.File, s.Networks[i].Line, s.Networks[i], err)
		}
	}
	return out, nil
}

// combinations counts the design combinations, refusing a sweep of more
// than MaxPoints points.
func (s *Spec) combinations() (int, error) {
	n := 1
	for _, a := range s.Axes {
		n *= len(a.Steps)
		if n*len(s.Networks) > MaxPoints {
			return 0, fmt.Errorf("%s: the axes expand to more than %d points: split the sweep", s.File, MaxPoints)
		}
	}
	return n, nil
}

// expand resolves every combination and lists the jobs, each point once.
// Combinations are resolved and their IDs computed on parallel workers
// (resolving is most of a large sweep's planning); the jobs are listed
// and duplicates dropped in combination order.
func (p *Plan) expand(combos int) error {
	first := map[string]int{} // point ID → index of the job that has it
	dups := 0
	for start := 0; start < combos; start += expandBatch {
		batch := p.resolveBatch(start, min(combos, start+expandBatch))
		for i, b := range batch {
			c := start + i
			if b.err != nil {
				return p.comboError(p.settings(c), b.err)
			}
			for ni, id := range b.ids {
				if earlier, dup := first[id]; dup {
					if dups++; dups <= maxNotes {
						p.Notes = append(p.Notes, fmt.Sprintf("%s: %s on %s is the same point as %s (point_id %s): run once",
							p.Spec.File, describe(p.settings(c)), p.Networks[ni].Name, p.describeJob(p.Jobs[earlier]), id))
					}
					continue
				}
				first[id] = len(p.Jobs)
				p.Jobs = append(p.Jobs, Job{Index: len(p.Jobs), PointID: id, Combo: c, Network: ni})
			}
		}
	}
	if dups > maxNotes {
		p.Notes = append(p.Notes, fmt.Sprintf("%s: %d more duplicate combinations, each run once", p.Spec.File, dups-maxNotes))
	}
	return nil
}

// expandBatch is the combinations resolved at once: enough to keep every
// core busy, few enough that a bad first combination fails fast.
const expandBatch = 256

// resolved is one combination's point IDs (one per network), or why it
// does not resolve.
type resolved struct {
	ids []string
	err error
}

// resolveBatch resolves combinations [from, to) on GOMAXPROCS workers.
func (p *Plan) resolveBatch(from, to int) []resolved {
	out := make([]resolved, to-from)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, _, err := p.resolve(from + i)
				if err != nil {
					out[i].err = err
					continue
				}
				out[i].ids = make([]string, len(p.Networks))
				for ni, net := range p.Networks {
					out[i].ids[ni] = sim.PointID(net, r)
				}
			}
		}()
	}
	for i := range out {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// describe writes a combination's settings as key=value pairs.
func describe(set []Setting) string {
	if len(set) == 0 {
		return "the base point"
	}
	parts := make([]string, len(set))
	for i, s := range set {
		parts[i] = s.String()
	}
	return strings.Join(parts, " ")
}

// describeJob names a job's combination and network.
func (p *Plan) describeJob(j Job) string {
	return describe(p.settings(j.Combo)) + " on " + p.Networks[j.Network].Name
}

// IDs lists every point's ID in order.
func (p *Plan) IDs() []string {
	ids := make([]string, len(p.Jobs))
	for i, j := range p.Jobs {
		ids[i] = j.PointID
	}
	return ids
}

// Resolve returns the job's design point, resolved (again: a plan keeps
// no resolved point, so its memory does not grow with the sweep).
func (p *Plan) Resolve(j Job) (design.Resolved, error) {
	r, _, err := p.resolve(j.Combo)
	return r, err
}

// settings returns combination c's value of every axis, in axis order.
func (p *Plan) settings(c int) []Setting {
	axes := p.Spec.Axes
	steps := make([][]Setting, len(axes))
	for i := len(axes) - 1; i >= 0; i-- {
		n := len(axes[i].Steps)
		steps[i] = axes[i].Steps[c%n]
		c /= n
	}
	var set []Setting
	for _, s := range steps {
		set = append(set, s...)
	}
	return set
}

func (p *Plan) resolve(c int) (design.Resolved, []Setting, error) {
	pt := p.base
	set := p.settings(c)
	for _, s := range set {
		if err := s.Param.Set(&pt, s.Text); err != nil {
			return design.Resolved{}, set, err
		}
	}
	r, err := p.resolver.Resolve(pt)
	return r, set, err
}

// comboError names where a combination that does not resolve comes from:
// the line of the setting the error names (the first axis value if it
// names none), with the rest of the combination.
func (p *Plan) comboError(set []Setting, err error) error {
	all := append(append([]Setting(nil), set...), p.Spec.Base...)
	if len(all) == 0 {
		return fmt.Errorf("%s: the base design point: %w", p.Spec.File, err)
	}
	at := blamed(all, err.Error())
	where := "axis"
	if at >= len(set) {
		where = "base"
	}
	var others []string
	for i, s := range set {
		if i != at {
			others = append(others, fmt.Sprintf("%s on line %d", s, s.Line))
		}
	}
	with := ""
	if len(others) > 0 {
		with = " (with " + strings.Join(others, ", ") + ")"
	}
	s := all[at]
	return fmt.Errorf("%s:%d: %s %s = %s%s: design point: %w", p.Spec.File, s.Line, where, s.Param.Key, s.Text, with, err)
}

// blamed picks the setting an error message names: one whose key it
// has as a word, else a DRAM setting for a DRAM error, else the first.
func blamed(set []Setting, msg string) int {
	for i, s := range set {
		if regexp.MustCompile(`(^|[^\w])` + regexp.QuoteMeta(s.Param.Key) + `($|[^\w])`).MatchString(msg) {
			return i
		}
	}
	for i, s := range set {
		if strings.HasPrefix(s.Param.Key, "dram") && strings.Contains(msg, "DRAM") {
			return i
		}
	}
	return 0
}
