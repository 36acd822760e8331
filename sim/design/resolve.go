package design

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/tech"
)

// Resolved is a Point checked and resolved once, before anything is
// simulated: its technology table (corner, node scaling, the override file
// read once) and its DRAM (preset, overrides, model settings). It is
// immutable: every run, price and report of the point reads this one
// value.
type Resolved struct {
	point Point
	tech  tech.Table
	dram  dram.Resolved
}

// Resolve validates p and resolves it; the error names the parameter.
func (p Point) Resolve() (Resolved, error) {
	if err := p.Validate(); err != nil {
		return Resolved{}, err
	}
	t, err := techTable(p)
	if err != nil {
		return Resolved{}, err
	}
	cfg := p.DRAM
	cfg.ClockMHz = p.ClockMHz
	d, err := dram.Resolve(cfg)
	if err != nil {
		return Resolved{}, fmt.Errorf("DRAM: %w", err)
	}
	return Resolved{point: p, tech: t, dram: d}, nil
}

// techTable builds the point's technology table: the corner's table,
// scaled to the node, then the override file.
func techTable(p Point) (tech.Table, error) {
	t, err := tech.ForSource(p.CostSource, p.Corner)
	if err != nil {
		return tech.Table{}, fmt.Errorf("cost_source, corner: %w", err)
	}
	if t, err = t.Scaled(p.NodeNM); err != nil {
		return tech.Table{}, fmt.Errorf("node_nm: %w", err)
	}
	if p.TechFile == "" {
		return t, nil
	}
	if t, err = tech.LoadOverrides(p.TechFile, t); err != nil {
		return tech.Table{}, fmt.Errorf("tech: %w", err)
	}
	return t, nil
}

// MustResolve resolves p and panics on an error: for points built in code
// whose validity is not in doubt (tests, Default).
func MustResolve(p Point) Resolved {
	r, err := p.Resolve()
	if err != nil {
		panic(err)
	}
	return r
}

// Point returns the point as given.
func (r Resolved) Point() Point { return r.point }

// Tech returns the technology table of the point.
func (r Resolved) Tech() tech.Table { return r.tech }

// WithTech returns r priced on table t instead of its own: what a
// sensitivity analysis re-prices a run with (t keeps r's node; only
// constants move).
func (r Resolved) WithTech(t tech.Table) Resolved {
	r.tech = t
	return r
}

// DRAM returns the resolved DRAM.
func (r Resolved) DRAM() dram.Resolved { return r.dram }

// DRAMPJPerBit is the DRAM energy per bit at the point's corner (pJ/bit):
// the preset's EnergyPJPerBit (or its override) times its corner scale.
func (r Resolved) DRAMPJPerBit() float64 {
	k, err := r.dram.Params.EnergyScale(r.point.Corner.String())
	if err != nil {
		panic(err) // Validate accepted the corner
	}
	return r.dram.Params.EnergyPJPerBit * k
}

// Fingerprint is a hash of everything that decides the point's results:
// every parameter's text except the tech file's path and the DRAM
// overrides, which enter resolved (the technology table's values and the
// DRAM's full parameter set), so two spellings of one design give one
// fingerprint. It does not depend on logsim's version.
func (r Resolved) Fingerprint() string {
	h := sha256.New()
	for _, pr := range Params() {
		if pr.Key == "tech" || pr.Key == "dram_overrides" {
			continue
		}
		fmt.Fprintf(h, "%s=%s\n", pr.Key, pr.Get(r.point))
	}
	d := r.dram
	fmt.Fprintf(h, "dram.resolved=%s %g %g %g\n%s\n", d.Model, d.ClockMHz, d.LatencyNS, d.BytesPerCycle,
		strings.Join(d.Params.Describe(), "\n"))
	tableYAML, err := yaml.Marshal(r.tech)
	if err != nil {
		panic(err) // a plain struct of numbers always marshals
	}
	h.Write(tableYAML)
	return hex.EncodeToString(h.Sum(nil))
}
