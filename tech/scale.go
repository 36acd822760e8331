package tech

import (
	"fmt"
	"math"
	"sort"
)

// NodeFactors are the multipliers from the 45 nm, 0.9 V table to another
// node at its supply voltage.
type NodeFactors struct {
	NodeNM int     // target node (nm)
	VddV   float64 // the node's supply voltage (V)
	Energy float64 // logic dynamic energy × (Stillmaker & Baas at VddV over 45 nm at 0.9 V)
	Area   float64 // logic area × (Stillmaker & Baas)
	// Leakage multiplies the leakage power of a design: the energy factor,
	// as hwcomponents' tech_node_leak does. A leakage density (per µm²)
	// scales by Leakage/Area.
	Leakage float64
	// SRAMRatios are CACTI's read/write energy ratios at the target node by
	// size (TR §3.1 node table, 64-bit words) where TR has a CACTI run at
	// the node, else those of the nearest node with one (45 nm: 1) times
	// the logic energy factor between the two nodes, so SRAM energy falls
	// monotonically with the node as logic energy does.
	SRAMRatios []SRAMRatio
	// Delay multiplies gate delays and SRAM access times: the FO4 delay
	// ratio, by the rule of thumb FO4 ≈ 0.5 ps per nm of feature size
	// (recalled; it gives the 45 ps often quoted at 90 nm), so ∝ node;
	// voltage is not modelled.
	Delay float64
	// SRAMArea is the SRAM area factor (CACTI 1 MB ratio where TR has a
	// run, else the nearest such node's times the logic area factor
	// between the two).
	SRAMArea float64
}

// SRAMRatio is a CACTI energy ratio (target node / 45 nm) at one size.
type SRAMRatio struct {
	SizeKB      float64 // macro size (KiB)
	Read, Write float64 // read and write energy ratios
}

// Stillmaker & Baas 2017 (Integration 58, doi 10.1016/j.vlsi.2017.02.002)
// as tabulated in Accelergy-Project/hwcomponents
// hwcomponents/scaling/techscaling.py@373ccd9: nodes, the area matrix row
// from 45 nm, and per node the energy polynomial a·V² + b·V + c.
var (
	sbNodes   = []float64{130, 90, 65, 45, 32, 20, 16, 14, 10, 7}
	sbArea45  = []float64{6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059}
	sbEnergyP = [][3]float64{
		{7.171, -6.709, 2.904}, {4.762, -4.781, 2.092}, {3.755, -4.398, 1.975}, {1.103, -0.362, 0.2767},
		{0.9559, -0.7823, 0.471}, {0.373, -0.1582, 0.04104}, {0.2958, -0.1241, 0.03024},
		{0.2363, -0.09675, 0.02239}, {0.2068, -0.09311, 0.02375}, {0.1776, -0.09097, 0.02447},
	}
)

// tableVddV is the voltage of the 45 nm table (Horowitz's, design.md §7).
const tableVddV = 0.9

// sbIndex is the position of node in sbNodes, fractional between two
// nodes: linear in the node size between its neighbours. (hwcomponents@373ccd9
// weights the two neighbours the other way round, the bug TR §7 warns of
// in accelergy-library-plug-in; this is the corrected rule.)
func sbIndex(node float64) float64 {
	for i := 0; i+1 < len(sbNodes); i++ {
		big, small := sbNodes[i], sbNodes[i+1]
		if node <= big && node >= small {
			return float64(i) + (big-node)/(big-small)
		}
	}
	panic(fmt.Sprintf("node %g nm outside Stillmaker & Baas's range", node))
}

// lerpAt reads a per-node quantity at a fractional index.
func lerpAt(idx float64, at func(int) float64) float64 {
	lo := int(math.Floor(idx))
	f := idx - float64(lo)
	if f == 0 {
		return at(lo)
	}
	return at(lo)*(1-f) + at(lo+1)*f
}

// sbEnergy is Stillmaker & Baas's energy at node and voltage (arbitrary
// unit: only ratios mean anything).
func sbEnergy(node, vdd float64) float64 {
	return lerpAt(sbIndex(node), func(i int) float64 {
		p := sbEnergyP[i]
		return p[0]*vdd*vdd + p[1]*vdd + p[2]
	})
}

// nodeVdd is the supply voltage logsim assumes at each node: the table's
// 0.9 V at 45 nm, sky130's 1.80 V at 130 nm (the RTL issue's synthesis),
// and 0.8 V, hwcomponents' default, at the smaller nodes.
var nodeVdd = map[int]float64{130: 1.8, 45: tableVddV, 32: 0.8, 28: 0.8, 22: 0.8, 16: 0.8, 7: 0.8}

// cactiRatios are TR §3.1's CACTI runs at other nodes (64-bit words):
// read and write energies per size and the 1 MB area, over 45 nm's.
var cactiRatios = map[int]struct {
	ratios []SRAMRatio
	area   float64
}{
	// 8 KB 3.44/6.14, 4.27/7.88; 32 KB 8.26/17.04, 7.46/15.40; 128 KB
	// 18.16/32.29, 14.11/26.07; 1 MB 52.0/93.5, 41.2/76.2; area 1.65/3.26.
	32: {[]SRAMRatio{{8, 3.44 / 6.14, 4.27 / 7.88}, {32, 8.26 / 17.04, 7.46 / 15.40},
		{128, 18.16 / 32.29, 14.11 / 26.07}, {1024, 52.0 / 93.5, 41.2 / 76.2}}, 1.65 / 3.26},
	// 8 KB 1.59/6.14, 1.77/7.88; 32 KB 3.79/17.04, 3.10/15.40; 128 KB
	// 7.40/32.29, 6.16/26.07; 1 MB 23.5/93.5, 17.5/76.2; area 0.78/3.26.
	22: {[]SRAMRatio{{8, 1.59 / 6.14, 1.77 / 7.88}, {32, 3.79 / 17.04, 3.10 / 15.40},
		{128, 7.40 / 32.29, 6.16 / 26.07}, {1024, 23.5 / 93.5, 17.5 / 76.2}}, 0.78 / 3.26},
	45: {[]SRAMRatio{{8, 1, 1}}, 1},
}

// SupportedNodes lists the technology nodes Scaled accepts (nm).
func SupportedNodes() []int { return []int{130, 45, 32, 28, 22, 16, 7} }

// FactorsFor returns the scaling factors from the 45 nm, 0.9 V table to
// nodeNM at its voltage.
func FactorsFor(nodeNM int) (NodeFactors, error) {
	v, ok := nodeVdd[nodeNM]
	if !ok {
		return NodeFactors{}, fmt.Errorf("unsupported technology node %d nm (supported: %v)", nodeNM, SupportedNodes())
	}
	f := logicFactors(nodeNM, v)
	ref := nearestCACTI(nodeNM)
	c := cactiRatios[ref]
	r := logicFactors(ref, nodeVdd[ref])
	k := f.Energy / r.Energy
	for _, x := range c.ratios {
		f.SRAMRatios = append(f.SRAMRatios, SRAMRatio{x.SizeKB, x.Read * k, x.Write * k})
	}
	f.SRAMArea = c.area * f.Area / r.Area
	return f, nil
}

func logicFactors(node int, vdd float64) NodeFactors {
	e := sbEnergy(float64(node), vdd) / sbEnergy(45, tableVddV)
	a := lerpAt(sbIndex(float64(node)), func(i int) float64 { return sbArea45[i] })
	return NodeFactors{NodeNM: node, VddV: vdd, Energy: e, Area: a, Leakage: e, Delay: float64(node) / 45}
}

// nearestCACTI is the node nearest nodeNM (in log size) with a CACTI run.
func nearestCACTI(nodeNM int) int {
	best := 45
	for n := range cactiRatios {
		if math.Abs(math.Log(float64(n)/float64(nodeNM))) < math.Abs(math.Log(float64(best)/float64(nodeNM))) {
			best = n
		}
	}
	return best
}

// sramRatio interpolates the read and write ratios at sizeKB, linear in
// log2(size), clamped to the end points outside them.
func (f NodeFactors) sramRatio(sizeKB float64) (read, write float64) {
	rs := f.SRAMRatios
	if sizeKB <= rs[0].SizeKB {
		return rs[0].Read, rs[0].Write
	}
	if sizeKB >= rs[len(rs)-1].SizeKB {
		return rs[len(rs)-1].Read, rs[len(rs)-1].Write
	}
	i := sort.Search(len(rs), func(i int) bool { return rs[i].SizeKB >= sizeKB })
	a, b := rs[i-1], rs[i]
	x := (math.Log2(sizeKB) - math.Log2(a.SizeKB)) / (math.Log2(b.SizeKB) - math.Log2(a.SizeKB))
	return a.Read + (b.Read-a.Read)*x, a.Write + (b.Write-a.Write)*x
}

// Scaled returns the table scaled from 45 nm, 0.9 V to nodeNM at its
// voltage (FactorsFor): logic energies by the energy factor, areas by the
// area factor, leakage power by the energy factor (so leakage density by
// energy/area), SRAM by the CACTI ratios; DRAM unchanged.
func (t Table) Scaled(nodeNM int) (Table, error) {
	if t.NodeNM != 45 {
		return Table{}, fmt.Errorf("scaling from %d nm: only a 45 nm table can be scaled", t.NodeNM)
	}
	f, err := FactorsFor(nodeNM)
	if err != nil {
		return Table{}, err
	}
	s := t.clone()
	s.NodeNM, s.VddV = nodeNM, f.VddV
	e, a := f.Energy, f.Area
	s.Mult.EnergyCoeffPJ *= e
	s.Mult.AreaCoeffUM2 *= a
	s.Mult.Area32UM2 *= a
	s.Adder.EnergyPerBitPJ *= e
	s.Adder.AreaPerBitUM2 *= a
	s.Adder.AreaFixedUM2 *= a
	s.Shifter.EnergyPerMuxBitPJ *= e
	s.Shifter.AreaPerMuxBitUM2 *= a
	s.Gate.EnergyPerBitPJ *= e
	s.Gate.AreaPerBitUM2 *= a
	s.Register.EnergyPerBitWritePJ *= e
	s.Register.AreaPerBitUM2 *= a
	for _, x := range []*float64{&s.FP.FP16MultPJ, &s.FP.FP16AddPJ, &s.FP.FP32MultPJ, &s.FP.FP32AddPJ} {
		*x *= e
	}
	for _, x := range []*float64{&s.FP.FP16MultUM2, &s.FP.FP32AddUM2, &s.FP.FP32MultUM2} {
		*x *= a
	}
	s.LogicLeakageMWPerUM2 *= f.Leakage / a
	if t.SynthPEs != nil {
		s.SynthPEs = t.SynthPEs.scaled(e, a, f.Leakage, f.Delay)
	}
	for i := range s.SRAM.Points {
		p := &s.SRAM.Points[i]
		r, w := f.sramRatio(p.SizeKB)
		p.ReadPJ *= r
		p.WritePJ *= w
		p.AreaMM2 *= f.SRAMArea
		p.LeakageMW *= f.Leakage
		p.AccessNS *= f.Delay
	}
	for i := range s.SRAM.Horowitz {
		r, _ := f.sramRatio(s.SRAM.Horowitz[i].SizeKB)
		s.SRAM.Horowitz[i].AccessPJ *= r
	}
	return s, nil
}

// FO4PS is one FO4 inverter delay at the table's node (ps): 0.5 ps per nm
// of feature size, a recalled rule of thumb (45 ps at 90 nm), at the
// node's nominal voltage.
func (t Table) FO4PS() float64 { return 0.5 * float64(t.NodeNM) }
