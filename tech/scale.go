package tech

import (
	"fmt"
	"math"
	"sort"
)

// NodeFactors are the multipliers from 45 nm to another node.
type NodeFactors struct {
	NodeNM int     // target node (nm)
	Energy float64 // logic dynamic energy × (TR §7, 0.8 V column)
	Area   float64 // logic area × (TR §7)
	// SRAMRatios, if any, are CACTI's read/write energy ratios at the
	// target node by size (TR §3.1 node table, 64-bit words); without them
	// SRAM energies scale by Energy.
	SRAMRatios []SRAMRatio
	// SRAMArea is the SRAM area factor (CACTI 1 MB ratio where TR gives it,
	// else Area).
	SRAMArea float64
}

// SRAMRatio is a CACTI energy ratio (target node / 45 nm) at one size.
type SRAMRatio struct {
	SizeKB      float64 // macro size (KiB)
	Read, Write float64 // read and write energy ratios
}

// nodes lists the supported nodes and their factors. 45 is the identity.
func nodes() []NodeFactors {
	return []NodeFactors{
		{NodeNM: 45, Energy: 1, Area: 1, SRAMArea: 1},
		// [S] area 0.46, [D] energy 0.66 (TR §7). SRAM [D] from TR §3.1's node
		// table: 8 KB 3.44/6.14, 4.27/7.88; 32 KB 8.26/17.04, 7.46/15.40;
		// 128 KB 18.16/32.29, 14.11/26.07; 1 MB 52.0/93.5, 41.2/76.2;
		// area 1.65/3.26.
		{NodeNM: 32, Energy: 0.66, Area: 0.46, SRAMArea: 1.65 / 3.26, SRAMRatios: []SRAMRatio{
			{8, 3.44 / 6.14, 4.27 / 7.88}, {32, 8.26 / 17.04, 7.46 / 15.40},
			{128, 18.16 / 32.29, 14.11 / 26.07}, {1024, 52.0 / 93.5, 41.2 / 76.2}}},
		// [D] TR §8.4 presets.
		{NodeNM: 28, Energy: 0.51, Area: 0.38, SRAMArea: 0.38},
		// [D] area 0.25, energy 0.29 (TR §7); SRAM from TR §3.1: 8 KB
		// 1.59/6.14, 1.77/7.88; 32 KB 3.79/17.04, 3.10/15.40; 128 KB
		// 7.40/32.29, 6.16/26.07; 1 MB 23.5/93.5, 17.5/76.2; area 0.78/3.26.
		{NodeNM: 22, Energy: 0.29, Area: 0.25, SRAMArea: 0.78 / 3.26, SRAMRatios: []SRAMRatio{
			{8, 1.59 / 6.14, 1.77 / 7.88}, {32, 3.79 / 17.04, 3.10 / 15.40},
			{128, 7.40 / 32.29, 6.16 / 26.07}, {1024, 23.5 / 93.5, 17.5 / 76.2}}},
		{NodeNM: 16, Energy: 0.17, Area: 0.19, SRAMArea: 0.19},   // [D] TR §8.4
		{NodeNM: 7, Energy: 0.094, Area: 0.059, SRAMArea: 0.059}, // [D] TR §8.4
	}
}

// SupportedNodes lists the technology nodes Scaled accepts (nm).
func SupportedNodes() []int {
	var ns []int
	for _, n := range nodes() {
		ns = append(ns, n.NodeNM)
	}
	return ns
}

// FactorsFor returns the scaling factors from 45 nm to nodeNM.
func FactorsFor(nodeNM int) (NodeFactors, error) {
	for _, n := range nodes() {
		if n.NodeNM == nodeNM {
			return n, nil
		}
	}
	return NodeFactors{}, fmt.Errorf("unsupported technology node %d nm (supported: %v)", nodeNM, SupportedNodes())
}

// sramRatio interpolates the read and write ratios at sizeKB, linear in
// log2(size), clamped to the end points outside them.
func (f NodeFactors) sramRatio(sizeKB float64) (read, write float64) {
	rs := f.SRAMRatios
	if len(rs) == 0 {
		return f.Energy, f.Energy
	}
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

// Scaled returns the table scaled from 45 nm to nodeNM: logic energies by
// the energy factor, areas by the area factor, leakage by the area factor
// (assumed constant leakage density), SRAM by CACTI ratios where TR gives
// them (32, 22 nm) and by the logic factors otherwise; DRAM unchanged.
func (t Table) Scaled(nodeNM int) (Table, error) {
	if t.NodeNM != 45 {
		return Table{}, fmt.Errorf("scaling from %d nm: only a 45 nm table can be scaled", t.NodeNM)
	}
	f, err := FactorsFor(nodeNM)
	if err != nil {
		return Table{}, err
	}
	s := t.clone()
	s.NodeNM = nodeNM
	e, a := f.Energy, f.Area
	s.Mult.EnergyCoeffPJ *= e
	s.Mult.AreaCoeffUM2 *= a
	s.Mult.Area32UM2 *= a
	s.Adder.EnergyPerBitPJ *= e
	s.Adder.AreaPerBitUM2 *= a
	s.Adder.AreaFixedUM2 *= a
	for _, m := range []*MuxModel{&s.Shifter, &s.Decoder} {
		m.EnergyPerMuxBitPJ *= e
		m.AreaPerMuxBitUM2 *= a
	}
	s.Gate.EnergyPerBitPJ *= e
	s.Gate.AreaPerBitUM2 *= a
	s.Register.EnergyPerBitWritePJ *= e
	s.Register.AreaPerBitUM2 *= a
	s.FP.FP16MultPJ *= e
	s.FP.FP16AddPJ *= e
	s.FP.FP32MultPJ *= e
	s.FP.FP32AddPJ *= e
	s.FP.FP16MultUM2 *= a
	s.FP.FP32AddUM2 *= a
	s.FP.FP32MultUM2 *= a
	// Leakage power of a given design scales with its area: the density per
	// µm² is unchanged (assumption; see the package doc).
	for i := range s.SRAM.Points {
		p := &s.SRAM.Points[i]
		r, w := f.sramRatio(p.SizeKB)
		p.ReadPJ *= r
		p.WritePJ *= w
		p.AreaMM2 *= f.SRAMArea
		p.LeakageMW *= f.SRAMArea
	}
	for i := range s.SRAM.Horowitz {
		r, _ := f.sramRatio(s.SRAM.Horowitz[i].SizeKB)
		s.SRAM.Horowitz[i].AccessPJ *= r
	}
	return s, nil
}
