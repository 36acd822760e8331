package sim

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// Simulations keeps the simulated results of a sweep's last design points,
// so that a point that differs from one of them only in cost parameters
// (costKeys: corner, node, cost source…) or in PE kinds of the same operand
// widths, and whose layers the tiler cut the same way at its own prices,
// is not simulated again: what the simulation does depends on prices only
// through the tiling, and on the PE only through its operands' widths. The result is
// the same one simulated (the components are deterministic), and is then
// priced at the point's own prices. It keeps at most its bound of results,
// the least recently used dropped first; it is safe for concurrent use.
type Simulations struct {
	recent *lru.Cache[string, *simEntry]
}

// NewSimulations returns a cache of at most max (at least 1) simulated
// results.
func NewSimulations(max int) *Simulations {
	recent, err := lru.New[string, *simEntry](max)
	if err != nil {
		panic(fmt.Sprintf("internal: a cache of %d simulations: %v", max, err))
	}
	return &Simulations{recent: recent}
}

// peKeys are the design parameters that name PE specs: the simulation
// sees them only as operand widths (design.Point.OperandBits).
var peKeys = []string{"pe", "layer_pe"}

type simEntry struct {
	once sync.Once
	res  NetworkResult
	err  error
}

// get returns the result simulated for key, simulating it (run) the first
// time; a copy the caller may change.
func (s *Simulations) get(key string, run func() (NetworkResult, error)) (NetworkResult, error) {
	e, ok := s.recent.Get(key)
	if !ok {
		e = &simEntry{}
		if earlier, found, _ := s.recent.PeekOrAdd(key, e); found {
			e = earlier
		}
	}
	e.once.Do(func() { e.res, e.err = run() })
	out := e.res
	out.Layers, out.Vector = slices.Clone(e.res.Layers), slices.Clone(e.res.Vector)
	return out, e.err
}

// simulationKey is what a simulation depends on: the network, every design
// parameter but the cost parameters and the PE specs, the operands' widths,
// the level, and each layer's tiling (with its own widths).
func simulationKey(net workloads.Network, d design.Point, fidelity string, plans []controller.LayerPlan) string {
	layers, err := json.Marshal(net.Layers)
	if err != nil {
		panic(fmt.Sprintf("internal: layers do not marshal: %v", err)) // plain structs of numbers and strings
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%d\n%x\n%s\n", net.Name, net.Batch, sha256.Sum256(layers), fidelity)
	for _, pr := range design.Params() {
		if !slices.Contains(costKeys, pr.Key) && !slices.Contains(peKeys, pr.Key) {
			fmt.Fprintf(&b, "%s=%s\n", pr.Key, pr.Get(d))
		}
	}
	fmt.Fprintf(&b, "bits=%+v\n", d.OperandBits())
	for _, p := range plans {
		t := p.Tiling
		fmt.Fprintf(&b, "%s %v %d %d %d %v %+v\n", p.Name, t.Order, t.PTile, t.KTile, t.NTile, t.Vector, p.Bits)
	}
	return b.String()
}
