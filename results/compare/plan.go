package compare

import (
	"fmt"
	"runtime"
	"slices"

	"github.com/rs/zerolog"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
)

// Role is what a design is in a comparison.
type Role string

// The roles.
const (
	Baseline Role = "baseline" // the first design: every ratio is to it
	Compared Role = "compared" // a design the user gave
	Control  Role = "control"  // the multiplier at a log-domain design's widths, added by compare
)

// Options are how a comparison is planned and run.
type Options struct {
	// NoControls leaves out the controls: by default, when a log-domain PE
	// is compared with a multiplier PE, the multiplier at the log PE's
	// widths is added (addControls).
	NoControls bool
	// IsoArea resizes every design's array but the baseline's to the
	// largest with the baseline's aspect ratio whose area does not exceed
	// the baseline's (IsoAreaShape).
	IsoArea bool
	// IsoSQNRdB, if set, gives every design the fewest bits of its PE kind
	// whose lowest per-layer SQNR on the network reaches it (Widths); it
	// needs Numerics.
	IsoSQNRdB *float64
	// IsoTop1Drop, if set, gives every design the fewest bits of its PE
	// kind whose top-1 accuracy on the network is within this many
	// percentage points of the float reference's; it needs Accuracy.
	IsoTop1Drop *float64
	// Numerics, if set, measures every run's numerics (and is what the
	// iso-SQNR search measures).
	Numerics *sim.Numerics
	// Fidelity is the level every design runs at (sim.RunOptions.Fidelity).
	Fidelity string
	// Accuracy, if set, holds one evaluator per network (in the networks'
	// order): every run's top-1 accuracy is measured, and it is what the
	// iso-top-1 search measures.
	Accuracy []*accuracy.Evaluator
	// Workers is how many runs go at once (0: the number of CPUs). The
	// results do not depend on it.
	Workers int
	// Log receives a debug line per finished run; the zero logger is quiet.
	Log zerolog.Logger
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.NumCPU()
}

// Planned is a design as it runs on one network.
type Planned struct {
	Name       string
	Role       Role
	ControlFor []string        // the log-domain designs this is the multiplier control of
	Point      design.Resolved // as it runs
	// Corners are Point at the low, nominal and high cost corners, to
	// re-price the run at each.
	Corners []design.Resolved
	Changes []string // what planning changed in the design as given (iso-area, iso-SQNR)
}

// NetPlan is every design on one network, the baseline first.
type NetPlan struct {
	Network workloads.Network
	Designs []Planned
	// Accuracy, if set, measures every design's top-1 accuracy on Network.
	Accuracy *accuracy.Evaluator
}

// candidate is a design being planned.
type candidate struct {
	name       string
	role       Role
	controlFor []string
	point      design.Point
	changes    []string
}

// Plan checks the designs, networks and options, then plans every design
// on every network: the iso-SQNR widths (which measure numerics on the
// network), the controls, the iso-area arrays, each point resolved at
// every cost corner. Nothing is simulated.
func Plan(designs []Design, nets []workloads.Network, opts Options) ([]NetPlan, error) {
	if err := check(designs, nets, opts); err != nil {
		return nil, err
	}
	searches, err := isoWidths(designs, nets, opts)
	if err != nil {
		return nil, err
	}
	plans := make([]NetPlan, len(nets))
	for i, net := range nets {
		cs := make([]candidate, len(designs))
		for j, d := range designs {
			cs[j] = candidate{name: d.Name, role: Compared, point: d.Point}
			if searches != nil {
				cs[j] = searches[i][j].apply(cs[j])
			}
		}
		cs[0].role = Baseline
		if !opts.NoControls {
			cs = addControls(cs)
		}
		if plans[i], err = finish(net, cs, opts.IsoArea); err != nil {
			return nil, fmt.Errorf("%s: %w", net.Name, err)
		}
		if opts.Accuracy != nil {
			plans[i].Accuracy = opts.Accuracy[i]
		}
	}
	return plans, nil
}

// check validates everything before any numerics or simulation.
func check(designs []Design, nets []workloads.Network, opts Options) error {
	if err := checkDesigns(designs, "designs"); err != nil {
		return err
	}
	if len(nets) == 0 {
		return fmt.Errorf("no network to compare on")
	}
	for _, d := range designs {
		if _, err := d.Point.Resolve(); err != nil {
			return fmt.Errorf("design %q: %w", d.Name, err)
		}
	}
	for _, n := range nets {
		if err := n.Validate(); err != nil {
			return err
		}
	}
	if err := opts.Numerics.Validate(); err != nil {
		return err
	}
	if opts.Accuracy != nil && len(opts.Accuracy) != len(nets) {
		return fmt.Errorf("accuracy: %d evaluators for %d networks", len(opts.Accuracy), len(nets))
	}
	return checkIsoWidths(designs, nets, opts)
}

// finish resizes the arrays (iso-area) and resolves every design at every
// corner.
func finish(net workloads.Network, cs []candidate, isoArea bool) (NetPlan, error) {
	plan := NetPlan{Network: net}
	base, err := cs[0].point.Resolve()
	if err != nil {
		return NetPlan{}, fmt.Errorf("design %q: %w", cs[0].name, err)
	}
	for i, c := range cs {
		if isoArea && i > 0 {
			if c, err = resizeToArea(c, base); err != nil {
				return NetPlan{}, err
			}
		}
		p, err := planned(c)
		if err != nil {
			return NetPlan{}, fmt.Errorf("design %q: %w", c.name, err)
		}
		plan.Designs = append(plan.Designs, p)
	}
	return plan, nil
}

// planned resolves a candidate at its own corner and at every corner.
func planned(c candidate) (Planned, error) {
	r, err := c.point.Resolve()
	if err != nil {
		return Planned{}, err
	}
	p := Planned{Name: c.name, Role: c.role, ControlFor: c.controlFor, Point: r, Changes: c.changes}
	for _, corner := range []tech.Corner{tech.Low, tech.Nominal, tech.High} {
		at := c.point
		at.Corner = corner
		ar, err := at.Resolve()
		if err != nil {
			return Planned{}, fmt.Errorf("at the %s corner: %w", corner, err)
		}
		p.Corners = append(p.Corners, ar)
	}
	return p, nil
}

// samePoint reports whether two points have every parameter alike.
func samePoint(a, b design.Point) bool {
	return slices.Equal(pointText(a), pointText(b))
}

// pointText is every parameter's text, in Params order.
func pointText(p design.Point) []string {
	var t []string
	for _, pr := range design.Params() {
		t = append(t, pr.Get(p))
	}
	return t
}
