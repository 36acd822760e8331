package dataflow

import (
	"fmt"
	"sort"

	"github.com/logsim/logsim/workloads"
)

// Dim names a GEMM dimension in a loop order.
type Dim int

// The three GEMM dimensions.
const (
	DimP Dim = iota // output rows (pixels)
	DimK            // reduction
	DimN            // output columns (filters)
)

// String returns "P", "K" or "N".
func (d Dim) String() string { return [...]string{"P", "K", "N"}[d] }

// LoopOrder lists the tile loops from outermost to innermost.
type LoopOrder [3]Dim

// String writes the order outer to inner, e.g. "P>K>N".
func (o LoopOrder) String() string { return o[0].String() + ">" + o[1].String() + ">" + o[2].String() }

// allOrders are the six loop orders tiling considers.
var allOrders = []LoopOrder{
	{DimP, DimK, DimN}, {DimP, DimN, DimK}, {DimK, DimP, DimN},
	{DimK, DimN, DimP}, {DimN, DimP, DimK}, {DimN, DimK, DimP},
}

// operandDims are the dimensions each operand depends on.
var operandDims = map[string][2]Dim{
	"ifmap":  {DimP, DimK},
	"filter": {DimK, DimN},
	"ofmap":  {DimP, DimN},
}

// BufferSpace is what one half of each double-buffered SRAM holds, and how
// many codes of each operand pack into one SRAM word (design.md §5: codes
// never straddle words).
type BufferSpace struct {
	IfmapWords, FilterWords, OfmapWords int64 // words per half buffer
	IfmapPerWord, FilterPerWord         int   // ⌊W/b⌋ for the ifmap and weight codes
	PsumPerWord, OfmapPerWord           int   // ⌊W/b⌋ for partial sums (accumulator width) and final outputs
}

// OperandBits are the widths operands take in DRAM, in bits per element.
type OperandBits struct {
	Ifmap, Filter, Psum, Ofmap int
}

// Range is a half-open index range [Start, Start+Len).
type Range struct{ Start, Len int }

// End is Start+Len.
func (r Range) End() int { return r.Start + r.Len }

// Tile is one block of a layer's GEMM: the folds that run while one tile of
// each operand is in the buffers. Tiles with the same operand ID share that
// operand's data: a tile whose ID equals its predecessor's needs no load.
type Tile struct {
	Index    int
	Instance int
	P, K, N  Range

	IfmapID, FilterID, OfmapID int
	IfmapElems                 int64 // input tensor elements the tile needs, halo included
	FilterElems                int64 // K.Len·N.Len
	OfmapElems                 int64 // P.Len·N.Len

	FirstK bool // the tile starts the reduction: no partial sums to read back
	LastK  bool // the tile completes the reduction: its outputs are final
}

// Tiling is a layer's tile sizes, loop order and resulting schedule, with
// the DRAM traffic the loop order implies.
type Tiling struct {
	Order               LoopOrder
	PTile, KTile, NTile int // tile extents along each GEMM dimension (P in whole output rows for a convolution)
	Tiles               []Tile
	Schedule            Schedule
	DRAMBits            DRAMBits // traffic of the chosen order and sizes
	Candidates          int      // (sizes, order) combinations compared
}

// DRAMBits is DRAM traffic per operand, in bits.
type DRAMBits struct {
	IfmapRead, FilterRead int64
	PsumWrite, PsumRead   int64 // partial sums spilled to DRAM and read back
	OfmapWrite            int64 // final outputs
}

// Total is all DRAM traffic in bits.
func (d DRAMBits) Total() int64 {
	return d.IfmapRead + d.FilterRead + d.PsumWrite + d.PsumRead + d.OfmapWrite
}

// TileLayer chooses tile sizes whose operands fit half of each buffer and
// the loop order that needs the least DRAM traffic over every candidate
// (ties go to fewer stall-free cycles, then to fewer tiles), and returns the
// tiles and fold schedule. A layer that fits whole is one tile whose
// schedule equals the mapping's.
func TileLayer(l workloads.Layer, a Array, df Dataflow, space BufferSpace, bits OperandBits, mode Timing) (Tiling, error) {
	g := l.GEMM()
	geo := newGeometry(l)
	best, n, err := searchTiles(geo, g, space, bits, a, df, mode)
	if err != nil {
		return Tiling{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	t := buildTiling(geo, g, best, a, df)
	t.Candidates = n
	return t, nil
}

// candidate is one (sizes, order) choice with its cost.
type candidate struct {
	order         LoopOrder
	pRows, kt, nt int // P tile in output rows (or GEMM rows), K and N tile extents
	dram          DRAMBits
	cycles        int64
	tiles         int64
}

func (c candidate) better(o candidate) bool {
	if c.dram.Total() != o.dram.Total() {
		return c.dram.Total() < o.dram.Total()
	}
	if c.cycles != o.cycles {
		return c.cycles < o.cycles
	}
	return c.tiles < o.tiles
}

func searchTiles(geo geometry, g workloads.GEMM, space BufferSpace, bits OperandBits, a Array, df Dataflow, mode Timing) (candidate, int, error) {
	var best candidate
	found, n := false, 0
	tm := Timer{Array: a, Dataflow: df, Mode: mode}
	for _, kt := range geo.kCandidates() {
		for _, nt := range extentCandidates(g.N) {
			pRows := geo.maxPRows(kt, nt, g, space)
			if pRows == 0 {
				continue
			}
			sizes := geo.measure(pRows, kt, nt, tm)
			for _, order := range allOrders {
				c := sizes.candidate(order, geo, bits, g)
				n++
				if !found || c.better(best) {
					best, found = c, true
				}
			}
		}
	}
	if !found {
		return candidate{}, n, fmt.Errorf("no tile fits half of the buffers (ifmap %d, filter %d, ofmap %d words per half); enlarge them",
			space.IfmapWords, space.FilterWords, space.OfmapWords)
	}
	return best, n, nil
}

// extentCandidates returns the distinct tile extents ⌈n/t⌉ for t = 1…n,
// largest first: every split of n into equal tiles.
func extentCandidates(n int) []int {
	var out []int
	for t := 1; t <= n; t++ {
		if e := ceilDiv(n, t); len(out) == 0 || e != out[len(out)-1] {
			out = append(out, e)
		}
	}
	return out
}

func wordsFor(elems int64, perWord int) int64 {
	return (elems + int64(perWord) - 1) / int64(perWord)
}

// sortedUnique returns the sorted distinct values.
func sortedUnique(v []int) []int {
	sort.Ints(v)
	out := v[:0]
	for i, x := range v {
		if i == 0 || x != v[i-1] {
			out = append(out, x)
		}
	}
	return out
}
