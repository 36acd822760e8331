package tech

import (
	"fmt"
	"math"
	"sort"
)

// SRAMPoint is one CACTI 7 result: a single-bank, single-port SRAM macro of
// SizeKB KiB (1 KB = 1024 bytes) with WidthBits-bit words at the table's node.
type SRAMPoint struct {
	SizeKB    float64 `yaml:"size_kb"`    // capacity (KiB)
	WidthBits int     `yaml:"width_bits"` // word width (bits)
	ReadPJ    float64 `yaml:"read_pj"`    // dynamic energy per word read (pJ)
	WritePJ   float64 `yaml:"write_pj"`   // dynamic energy per word written (pJ)
	AreaMM2   float64 `yaml:"area_mm2"`   // macro area (mm²)
	LeakageMW float64 `yaml:"leakage_mw"` // standby leakage (mW)
	AccessNS  float64 `yaml:"access_ns"`  // access time (ns); 0: unknown
}

// SRAMFit holds the power-law exponents of TR §3.1's fits for one width
// (energy ∝ size^exp), used only outside the table's size range.
type SRAMFit struct {
	WidthBits int     `yaml:"width_bits"` // word width (bits)
	ReadExp   float64 `yaml:"read_exp"`   // exponent of read energy vs size
	WriteExp  float64 `yaml:"write_exp"`  // exponent of write energy vs size
}

// HorowitzPoint is one of Horowitz's cache energies: a 64-bit access to a
// SizeKB-KiB cache/SRAM (TR §1.1 [S]).
type HorowitzPoint struct {
	SizeKB   float64 `yaml:"size_kb"`   // capacity (KiB)
	AccessPJ float64 `yaml:"access_pj"` // energy per 64-bit access (pJ)
}

// SRAMModel is the SRAM part of the table. See the package doc for the
// lookup rules.
type SRAMModel struct {
	// Points is the CACTI sweep of TR §3.1 [C].
	Points []SRAMPoint `yaml:"points"`
	// Fits are TR §3.1's power-law exponents [D].
	Fits []SRAMFit `yaml:"fits"`
	// Horowitz are Horowitz's cache points [S] (TR §1.1).
	Horowitz []HorowitzPoint `yaml:"horowitz"`
	// UseHorowitz scales every energy by H(size)/CACTI_read(size, 64 b) (the
	// high corner's SRAM source).
	UseHorowitz bool `yaml:"use_horowitz"`
}

// SRAMCost is the cost of one SRAM macro.
type SRAMCost struct {
	ReadPJ    float64 // energy per word read (pJ)
	WritePJ   float64 // energy per word written (pJ)
	AreaMM2   float64 // area (mm²)
	LeakageMW float64 // standby leakage power (mW)
	AccessNS  float64 // access time (ns); 0: unknown
}

// scale is n macros side by side, accessed together: n times the energy,
// area and leakage, the same access time.
func (c SRAMCost) scale(f float64) SRAMCost {
	return SRAMCost{c.ReadPJ * f, c.WritePJ * f, c.AreaMM2 * f, c.LeakageMW * f, c.AccessNS}
}

func lerpCost(a, b SRAMCost, f float64) SRAMCost {
	l := func(x, y float64) float64 { return x + (y-x)*f }
	return SRAMCost{l(a.ReadPJ, b.ReadPJ), l(a.WritePJ, b.WritePJ), l(a.AreaMM2, b.AreaMM2), l(a.LeakageMW, b.LeakageMW),
		l(a.AccessNS, b.AccessNS)}
}

// accessExp is how CACTI's access time grows with size outside the table:
// ∝ size^0.247, the exponent through its 1 KB (0.79 ns) and 2 MB (5.19 ns)
// 64-bit points, ln(5.19/0.79)/ln(2048) [D].
const accessExp = 0.247

// defaultSRAM returns TR §3.1's CACTI 7 sweep at 45 nm (Accelergy's
// default_cfg: itrs-lstp cells, 1 RW port, 1 bank), its fits and
// Horowitz's points.
func defaultSRAM() SRAMModel {
	// size KB, width b, read pJ, write pJ, area mm², leakage mW, access ns — [C] TR §3.1.
	rows := [][7]float64{
		{1, 64, 1.67, 3.49, 0.0036, 0.0000, 0.79},
		{1, 128, 3.38, 5.11, 0.0053, 0.0000, 0.75},
		{2, 64, 2.76, 4.24, 0.0075, 0.0001, 0.82},
		{2, 128, 3.80, 7.44, 0.0083, 0.0001, 0.82},
		{2, 256, 9.46, 12.93, 0.0135, 0.0001, 0.80},
		{4, 64, 3.39, 6.45, 0.0135, 0.0001, 1.02},
		{4, 128, 4.43, 11.89, 0.0143, 0.0001, 1.02},
		{4, 256, 10.20, 17.49, 0.0193, 0.0001, 0.87},
		{8, 64, 6.14, 7.88, 0.0263, 0.0003, 1.06},
		{8, 128, 7.92, 14.05, 0.0277, 0.0003, 1.06},
		{8, 256, 11.48, 26.41, 0.0308, 0.0003, 1.06},
		{16, 64, 11.61, 10.70, 0.0507, 0.0005, 1.14},
		{16, 128, 10.75, 23.22, 0.0506, 0.0005, 1.33},
		{16, 256, 14.32, 44.52, 0.0537, 0.0005, 1.33},
		{32, 64, 17.04, 15.40, 0.0949, 0.0009, 1.41},
		{32, 128, 20.31, 27.53, 0.0975, 0.0009, 1.41},
		{32, 256, 26.84, 51.79, 0.1034, 0.0009, 1.41},
		{64, 64, 25.87, 19.65, 0.2090, 0.0017, 1.66},
		{64, 128, 39.33, 36.04, 0.1880, 0.0017, 1.57},
		{64, 256, 51.80, 66.24, 0.1989, 0.0017, 1.57},
		{128, 64, 32.29, 26.07, 0.4296, 0.0033, 2.11},
		{128, 128, 50.26, 46.97, 0.4135, 0.0033, 2.01},
		{128, 256, 73.76, 88.20, 0.4738, 0.0033, 2.02},
		{256, 64, 44.72, 38.49, 0.8721, 0.0067, 2.73},
		{256, 128, 76.12, 63.68, 0.8876, 0.0063, 2.48},
		{256, 256, 124.61, 118.03, 0.8598, 0.0062, 2.39},
		{512, 64, 68.35, 51.35, 1.6446, 0.0125, 3.07},
		{512, 128, 100.19, 87.75, 1.7976, 0.0125, 3.11},
		{512, 256, 167.91, 161.33, 1.7977, 0.0125, 2.98},
		{1024, 64, 93.52, 76.18, 3.2628, 0.0250, 4.02},
		{1024, 128, 153.43, 129.13, 3.2473, 0.0249, 3.89},
		{1024, 256, 251.86, 245.29, 3.6763, 0.0249, 3.94},
		{2048, 64, 127.53, 110.19, 6.4660, 0.0499, 5.19},
		{2048, 128, 205.04, 170.37, 6.8022, 0.0484, 5.18},
		{2048, 256, 353.95, 305.34, 6.8005, 0.0483, 5.08},
	}
	pts := make([]SRAMPoint, len(rows))
	for i, r := range rows {
		pts[i] = SRAMPoint{SizeKB: r[0], WidthBits: int(r[1]), ReadPJ: r[2], WritePJ: r[3], AreaMM2: r[4], LeakageMW: r[5], AccessNS: r[6]}
	}
	return SRAMModel{
		Points: pts,
		Fits: []SRAMFit{ // [D] TR §3.1 power-law fits over 8 KB–2 MB
			{WidthBits: 64, ReadExp: 0.522, WriteExp: 0.469},
			{WidthBits: 128, ReadExp: 0.597, WriteExp: 0.433},
			{WidthBits: 256, ReadExp: 0.646, WriteExp: 0.427},
		},
		Horowitz: []HorowitzPoint{ // [S] TR §1.1, 64-bit access
			{SizeKB: 8, AccessPJ: 10},
			{SizeKB: 32, AccessPJ: 20},
			{SizeKB: 1024, AccessPJ: 100},
		},
	}
}

// widths returns the distinct word widths of the table, ascending.
func (m SRAMModel) widths() []int {
	seen := map[int]bool{}
	var ws []int
	for _, p := range m.Points {
		if !seen[p.WidthBits] {
			seen[p.WidthBits] = true
			ws = append(ws, p.WidthBits)
		}
	}
	sort.Ints(ws)
	return ws
}

// pointsOfWidth returns the points of one width sorted by size.
func (m SRAMModel) pointsOfWidth(w int) []SRAMPoint {
	var ps []SRAMPoint
	for _, p := range m.Points {
		if p.WidthBits == w {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].SizeKB < ps[j].SizeKB })
	return ps
}

func (m SRAMModel) fit(w int) (SRAMFit, bool) {
	for _, f := range m.Fits {
		if f.WidthBits == w {
			return f, true
		}
	}
	return SRAMFit{}, false
}

// SRAMMacro returns the cost of one SRAM macro of sizeKB KiB with
// widthBits-bit words, by the lookup rules of the package doc.
func (t Table) SRAMMacro(sizeKB float64, widthBits int) (SRAMCost, error) {
	if !(sizeKB > 0) || math.IsInf(sizeKB, 0) {
		return SRAMCost{}, fmt.Errorf("SRAM size %v KiB: want a positive finite size", sizeKB)
	}
	if widthBits <= 0 {
		return SRAMCost{}, fmt.Errorf("SRAM word width %d bits: want a positive width", widthBits)
	}
	if err := t.SRAM.validate(); err != nil {
		return SRAMCost{}, err
	}
	return t.SRAM.lookup(sizeKB, float64(widthBits)), nil
}

// lookup applies the lookup rules to a (possibly fractional) width. The
// model must be valid.
func (m SRAMModel) lookup(sizeKB, width float64) SRAMCost {
	ws := m.widths()
	minW, maxW := float64(ws[0]), float64(ws[len(ws)-1])
	if width < minW {
		width = minW // a narrower word costs a whole minimum-width access
	}
	if width > maxW {
		n := math.Ceil(width / maxW)
		return m.lookup(sizeKB/n, width/n).scale(n)
	}
	hi := sort.SearchInts(ws, int(math.Ceil(width)))
	if float64(ws[hi]) == width || hi == 0 {
		return m.atWidth(sizeKB, ws[hi])
	}
	lo := hi - 1
	f := (math.Log2(width) - math.Log2(float64(ws[lo]))) / (math.Log2(float64(ws[hi])) - math.Log2(float64(ws[lo])))
	return lerpCost(m.atWidth(sizeKB, ws[lo]), m.atWidth(sizeKB, ws[hi]), f)
}

// atWidth is the cost at a table width: linear in log2(size) inside the
// table, anchored power laws outside; then the Horowitz energy factor.
func (m SRAMModel) atWidth(sizeKB float64, w int) SRAMCost {
	c := m.cactiAtWidth(sizeKB, w)
	if m.UseHorowitz {
		f := m.horowitzPJ(sizeKB) / m.cactiAtWidth(sizeKB, m.widths()[0]).ReadPJ
		c.ReadPJ *= f
		c.WritePJ *= f
	}
	return c
}

func (m SRAMModel) cactiAtWidth(sizeKB float64, w int) SRAMCost {
	ps := m.pointsOfWidth(w)
	first, last := ps[0], ps[len(ps)-1]
	switch {
	case sizeKB <= first.SizeKB:
		return m.extrapolate(first, sizeKB)
	case sizeKB >= last.SizeKB:
		return m.extrapolate(last, sizeKB)
	}
	i := sort.Search(len(ps), func(i int) bool { return ps[i].SizeKB >= sizeKB })
	a, b := ps[i-1], ps[i]
	f := (math.Log2(sizeKB) - math.Log2(a.SizeKB)) / (math.Log2(b.SizeKB) - math.Log2(a.SizeKB))
	return lerpCost(costOf(a), costOf(b), f)
}

func costOf(p SRAMPoint) SRAMCost {
	return SRAMCost{p.ReadPJ, p.WritePJ, p.AreaMM2, p.LeakageMW, p.AccessNS}
}

// extrapolate anchors TR §3.1's power laws at a table point: energies with
// the fit exponents, area and leakage proportional to size.
func (m SRAMModel) extrapolate(p SRAMPoint, sizeKB float64) SRAMCost {
	fit, _ := m.fit(p.WidthBits)
	r := sizeKB / p.SizeKB
	return SRAMCost{
		ReadPJ:    p.ReadPJ * math.Pow(r, fit.ReadExp),
		WritePJ:   p.WritePJ * math.Pow(r, fit.WriteExp),
		AreaMM2:   p.AreaMM2 * r,
		LeakageMW: p.LeakageMW * r,
		AccessNS:  p.AccessNS * math.Pow(r, accessExp),
	}
}

// horowitzPJ is Horowitz's 64-bit access energy at sizeKB: linear in
// log2(size) between points, ∝ √size outside them.
func (m SRAMModel) horowitzPJ(sizeKB float64) float64 {
	hs := append([]HorowitzPoint(nil), m.Horowitz...)
	sort.Slice(hs, func(i, j int) bool { return hs[i].SizeKB < hs[j].SizeKB })
	first, last := hs[0], hs[len(hs)-1]
	switch {
	case sizeKB <= first.SizeKB:
		return first.AccessPJ * math.Sqrt(sizeKB/first.SizeKB)
	case sizeKB >= last.SizeKB:
		return last.AccessPJ * math.Sqrt(sizeKB/last.SizeKB)
	}
	i := sort.Search(len(hs), func(i int) bool { return hs[i].SizeKB >= sizeKB })
	a, b := hs[i-1], hs[i]
	f := (math.Log2(sizeKB) - math.Log2(a.SizeKB)) / (math.Log2(b.SizeKB) - math.Log2(a.SizeKB))
	return a.AccessPJ + (b.AccessPJ-a.AccessPJ)*f
}

// validate checks the SRAM model's invariants.
func (m SRAMModel) validate() error {
	if len(m.Points) == 0 {
		return fmt.Errorf("sram.points: empty")
	}
	seen := map[[2]float64]bool{}
	for i, p := range m.Points {
		if !(p.SizeKB > 0) || p.WidthBits <= 0 {
			return fmt.Errorf("sram.points[%d]: size_kb and width_bits must be positive", i)
		}
		k := [2]float64{p.SizeKB, float64(p.WidthBits)}
		if seen[k] {
			return fmt.Errorf("sram.points[%d]: duplicate point %v KiB × %d b", i, p.SizeKB, p.WidthBits)
		}
		seen[k] = true
	}
	for _, w := range m.widths() {
		if _, ok := m.fit(w); !ok {
			return fmt.Errorf("sram.fits: no fit exponents for width %d b", w)
		}
	}
	if m.UseHorowitz {
		if len(m.Horowitz) == 0 {
			return fmt.Errorf("sram.horowitz: empty while use_horowitz is set")
		}
		for i, h := range m.Horowitz {
			if !(h.SizeKB > 0) || !(h.AccessPJ > 0) {
				return fmt.Errorf("sram.horowitz[%d]: size_kb and access_pj must be positive", i)
			}
		}
	}
	return nil
}
