package design

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

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
	// techYAML is the table as Fingerprint hashes it, when a Resolver
	// marshalled it once for every point sharing the table (nil: not yet).
	techYAML []byte
	dram     dram.Resolved
}

// Resolve validates p and resolves it; the error names the parameter.
func (p Point) Resolve() (Resolved, error) {
	return new(Resolver).Resolve(p)
}

// Resolver resolves points, building each distinct technology table (cost
// source, corner, node, override file) once, with the text Fingerprint
// hashes: a sweep resolves thousands of points that share a few tables,
// and reads an override file once. The zero value is ready; it is safe
// for concurrent use.
type Resolver struct {
	mu     sync.Mutex
	tables map[techKey]*techEntry
}

// techKey is what a point's technology table depends on (techTable).
type techKey struct {
	source tech.Source
	corner tech.Corner
	nodeNM int
	file   string
}

type techEntry struct {
	once  sync.Once
	table tech.Table
	yaml  []byte
	err   error
}

// Resolve validates p and resolves it; the error names the parameter.
func (r *Resolver) Resolve(p Point) (Resolved, error) {
	if err := p.Validate(); err != nil {
		return Resolved{}, err
	}
	t, err := r.techTable(p)
	if err != nil {
		return Resolved{}, err
	}
	cfg := p.DRAM
	cfg.ClockMHz = p.ClockMHz
	d, err := dram.Resolve(cfg)
	if err != nil {
		return Resolved{}, fmt.Errorf("DRAM: %w", err)
	}
	return Resolved{point: p, tech: t.table, techYAML: t.yaml, dram: d}, nil
}

// techTable returns p's table, built on its first use.
func (r *Resolver) techTable(p Point) (*techEntry, error) {
	key := techKey{source: p.CostSource, corner: p.Corner, nodeNM: p.NodeNM, file: p.TechFile}
	r.mu.Lock()
	if r.tables == nil {
		r.tables = map[techKey]*techEntry{}
	}
	e := r.tables[key]
	if e == nil {
		e = &techEntry{}
		r.tables[key] = e
	}
	r.mu.Unlock()
	e.once.Do(func() {
		if e.table, e.err = techTable(p); e.err == nil {
			e.yaml = marshalTable(e.table)
		}
	})
	return e, e.err
}

// marshalTable is the table's text as Fingerprint hashes it.
func marshalTable(t tech.Table) []byte {
	out, err := yaml.Marshal(t)
	if err != nil {
		panic(err) // a plain struct of numbers always marshals
	}
	return out
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
	r.tech, r.techYAML = t, nil
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
	if r.techYAML != nil {
		h.Write(r.techYAML)
	} else {
		h.Write(marshalTable(r.tech))
	}
	return hex.EncodeToString(h.Sum(nil))
}
