package dataflow

import (
	"fmt"
	"math"
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
var allOrders = [...]LoopOrder{
	{DimP, DimK, DimN}, {DimP, DimN, DimK}, {DimK, DimP, DimN},
	{DimK, DimN, DimP}, {DimN, DimP, DimK}, {DimN, DimK, DimP},
}

// The dimensions each operand depends on.
var (
	ifmapDims  = [2]Dim{DimP, DimK}
	filterDims = [2]Dim{DimK, DimN}
	ofmapDims  = [2]Dim{DimP, DimN}
)

// BufferSpace is what one half of each double-buffered SRAM holds, and the
// rule that packs codes into SRAM words (memory.WordsFor: ⌊W/b⌋ codes to a
// word, never straddling words, design.md §5).
type BufferSpace struct {
	IfmapWords, FilterWords, OfmapWords int64 // words per half buffer
	WordsFor                            func(elements int64, bits int) int64
	// WordBits is the buffers' word width; DRAMBytesFor the DRAM size of a
	// tile of codes (memory.BytesPacked). Both are needed only for
	// TileActivity.
	WordBits     int
	DRAMBytesFor func(elements int64, bits int) int64
}

// OperandBits are the widths of the operands' codes in bits per element,
// in the buffers and in DRAM: activations, weights, partial sums
// (accumulator width) and final outputs (after the output encoder).
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
	// IfmapLoadElems of them come from DRAM when the tile's ifmap is
	// loaded, IfmapCopyElems (the halo of the previous band) from the
	// other buffer half (halo.go).
	IfmapLoadElems, IfmapCopyElems int64
	FilterElems                    int64 // K.Len·N.Len
	OfmapElems                     int64 // P.Len·N.Len

	FirstK bool // the tile starts the reduction: no partial sums to read back
	LastK  bool // the tile completes the reduction: its outputs are final

	// VectorCycles and VectorOps are the cycles a vector-unit tile takes
	// and its operations (VectorTiling); 0 for an array tile.
	VectorCycles, VectorOps int64
}

// Tiling is a layer's tile sizes, loop order and resulting schedule, with
// the DRAM traffic the loop order implies.
type Tiling struct {
	Order               LoopOrder
	PTile, KTile, NTile int   // tile extents along each GEMM dimension (P in whole output rows for a convolution)
	Tiles               Tiles // the tiles in execution order, computed on demand
	// Schedule is the layer's GEMM, array and mapping extents; its Folds
	// are not listed (each tile's are its TileFolds grid; FoldSchedule lists them).
	Schedule   Schedule
	DRAMBits   DRAMBits     // traffic of the chosen order and sizes
	Activity   TileActivity // the chosen tiling's activity (TileCost.Activity)
	Candidates int          // (sizes, order) combinations compared
	// Score is the objective's value of the chosen tiling; RunnerUp the best
	// value of any other candidate (+Inf when there was none).
	Score, RunnerUp float64
	// Vector marks a tiling for the vector unit (VectorTiling): no folds.
	Vector bool
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

// TileCost is what a tiling objective sees of one candidate: its loop
// order and tile extents, the DRAM traffic they imply, its stall-free
// cycles and its number of tiles.
type TileCost struct {
	MACs                int64 // the layer's: the same for every candidate
	Order               LoopOrder
	PTile, KTile, NTile int // P in whole output rows for a convolution
	DRAM                DRAMBits
	Cycles              int64 // the stall-free fold schedule's cycles
	Tiles               int64
	// Activity is what the tiling makes the array, buffers and DRAM do
	// (set when the buffer space has a DRAM packing rule).
	Activity TileActivity
}

// Objective scores a candidate tiling; the tiler keeps the lowest score.
// Bound, if set, is a lower bound of Score computed without the
// candidate's Activity (the costly part): a candidate whose bound exceeds
// the second-best score so far can neither be chosen nor be the runner-up,
// and is not scored. Bound sees neither the candidate's order nor its tile
// extents (BoundTerms) and must not decrease when its Cycles, Tiles or any
// of its DRAM terms grow: the tiler bounds the six loop orders of one choice of tile
// sizes at once, with the least of each term over the orders, and skips
// all six when that bound rules them out. The objectives live with the
// rest of the pricing (package sim/cost).
type Objective struct {
	Score func(TileCost) float64
	Bound func(BoundTerms) float64
}

// BoundTerms are what Objective.Bound sees of a candidate: its MACs, DRAM
// traffic, stall-free cycles and tiles (TileCost's fields of those names).
type BoundTerms struct {
	MACs          int64
	DRAM          DRAMBits
	Cycles, Tiles int64
}

// TileLayer chooses tile sizes whose operands fit half of each buffer and
// the loop order of lowest objective over every candidate (ties go to
// fewer stall-free cycles, then to fewer tiles), and returns the tiles and
// fold schedule. A layer that fits whole is one tile whose schedule equals
// the mapping's.
func TileLayer(l workloads.Layer, a Array, df Dataflow, space BufferSpace, bits OperandBits, mode Timing, obj Objective) (Tiling, error) {
	cs, err := NewCandidates(l, a, df, space, bits, mode)
	if err == nil {
		var t Tiling
		if t, err = cs.Choose(obj); err == nil {
			return t, nil
		}
	}
	return Tiling{}, fmt.Errorf("layer %q: %w", l.Name, err)
}

// candidate is one (sizes, order) choice with its cost.
type candidate struct {
	order         LoopOrder
	pRows, kt, nt int // P tile in output rows (or GEMM rows), K and N tile extents
	dram          DRAMBits
	cycles        int64
	tiles         int64
	activity      TileActivity
	macs          int64
	score         float64 // the objective's
}

// BoundTerms is what an objective's bound sees of c.
func (c TileCost) BoundTerms() BoundTerms {
	return BoundTerms{MACs: c.MACs, DRAM: c.DRAM, Cycles: c.Cycles, Tiles: c.Tiles}
}

// cost is what the objective sees of c.
func (c candidate) cost() TileCost {
	return TileCost{Order: c.order, PTile: c.pRows, KTile: c.kt, NTile: c.nt, DRAM: c.dram, Cycles: c.cycles,
		Tiles: c.tiles, Activity: c.activity, MACs: c.macs}
}

func (c candidate) better(o candidate) bool {
	if c.score != o.score {
		return c.score < o.score
	}
	if c.cycles != o.cycles {
		return c.cycles < o.cycles
	}
	return c.tiles < o.tiles
}

// search is the outcome of a pass over the candidates.
type search struct {
	best     candidate
	runnerUp float64 // the best score among the other candidates
	found    bool
	tried    int
}

// consider keeps c if it beats the best so far.
func (s *search) consider(c candidate) {
	switch {
	case !s.found:
		s.best, s.found, s.runnerUp = c, true, math.Inf(1)
	case c.better(s.best):
		s.runnerUp = min(s.runnerUp, s.best.score)
		s.best = c
	default:
		s.runnerUp = min(s.runnerUp, c.score)
	}
}

// considerSizes scores the i-th choice of sizes in every loop order. The
// orders are first bounded together (Objective.Bound), then one by one;
// the activity, shared by the orders, is needed only for a candidate whose
// bound does not rule it out. geo is c's geometry with a memo of its own.
func (c *Candidates) considerSizes(geo geometry, s *search, i int, obj Objective) {
	sz := &c.sizes[i]
	macs := c.g.MACs()
	if obj.Bound != nil && obj.Bound(sz.least) > s.runnerUp {
		s.tried += len(allOrders) // no order can be the best nor the runner-up
		return
	}
	dram := c.dramOf(geo, i)
	for o, order := range allOrders {
		s.tried++
		if obj.Bound != nil && obj.Bound(sz.sizes.boundTerms(dram[o], macs, geo)) > s.runnerUp {
			continue // cannot be the best nor the runner-up
		}
		cd := sz.sizes.candidateOf(order, dram[o], geo)
		cd.macs = macs
		if c.space.DRAMBytesFor != nil {
			act := c.activityOf(geo, i)
			cd.activity = geo.withDRAM(act.folds, act.once, sz.sizes, order)
		}
		cd.score = obj.Score(cd.cost())
		s.consider(cd)
	}
}

// spreadDims says which GEMM dimensions a dataflow spreads over the rows
// and the columns (Mapping's table).
func spreadDims(df Dataflow) (rows, cols Dim) {
	switch df {
	case OS:
		return DimP, DimN
	case WS:
		return DimK, DimN
	}
	return DimK, DimP
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

// WholeLayer is the tiling of a layer as SCALE-Sim runs it: one tile per
// GEMM instance holding the whole layer, its operands streaming through the
// buffers whatever their capacity, and the mapping's own fold schedule.
func WholeLayer(l workloads.Layer, a Array, df Dataflow, bits OperandBits) (Tiling, error) {
	g := l.GEMM()
	m, err := NewMapping(g, a, df)
	if err != nil {
		return Tiling{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	geo := newGeometry(l)
	c := candidate{order: LoopOrder{DimP, DimK, DimN}, pRows: geo.images * geo.imageRows, kt: g.K, nt: g.N}
	c.dram = geo.dramBits(c.order, [3]int64{1, 1, 1}, c.pRows, bits, g)
	t := buildTiling(geo, g, c, a, df)
	t.Score, t.RunnerUp = math.NaN(), math.Inf(1) // no candidates compared
	t.Schedule = m.header()                       // one tile per instance: its grid is the mapping's folds
	return t, nil
}
