package dataflow

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/logsim/logsim/workloads"
)

// VectorTiling cuts a layer that does not run on the array (pooling, adds,
// softmax, normalisation) into tiles for the vector unit beside it: runs of
// output elements whose outputs fit half the ofmap buffer and whose inputs
// (every operand, in proportion) fit half the ifmap buffer. A tile streams
// its inputs through lanes lanes at one operation per lane per cycle
// (Tile.VectorCycles). The tiles' P ranges are output elements; they have
// no filter and no folds, and each is its own reduction (FirstK, LastK).
func VectorTiling(l workloads.Layer, lanes int, space BufferSpace, bits OperandBits) (Tiling, error) {
	in, out, ops := l.VectorWork()
	if lanes < 1 {
		return Tiling{}, fmt.Errorf("layer %q: the vector unit needs at least one lane", l.Name)
	}
	t := Tiling{Vector: true, Score: math.NaN(), RunnerUp: math.Inf(1)} // no candidates compared
	if out == 0 {
		return t, nil
	}
	c := vectorChunk(in, out, space, bits)
	if c == 0 {
		return Tiling{}, fmt.Errorf("layer %q: not one output of the vector unit fits half of the buffers", l.Name)
	}
	v := &vectorTiles{chunk: c, in: in, out: out, opsPer: ops / out, lanes: int64(lanes)}
	t.Tiles = Tiles{len: int((out + c - 1) / c), vec: v}
	t.PTile = int(c)
	return t, nil
}

// vectorTiles is a vector-unit layer's tiles: runs of chunk outputs (the
// last one shorter), each reading its share of the inputs.
type vectorTiles struct {
	chunk, in, out, opsPer, lanes int64
}

// at is tile i.
func (v *vectorTiles) at(i int) Tile {
	start := int64(i) * v.chunk
	n := min(v.chunk, v.out-start)
	elems := inputsBefore(start+n, v.in, v.out) - inputsBefore(start, v.in, v.out)
	return Tile{
		Index: i, P: Range{int(start), int(n)}, IfmapID: i, FilterID: 0, OfmapID: i,
		IfmapElems: elems, IfmapLoadElems: elems, OfmapElems: n, FirstK: true, LastK: true,
		VectorCycles: (n*v.opsPer + v.lanes - 1) / v.lanes, VectorOps: n * v.opsPer,
	}
}

// inputsBefore is how many of in input elements the first k ≤ out of out
// outputs read: ⌊k·in/out⌋ (exact in 128 bits), so the tiles' inputs add
// up to in.
func inputsBefore(k, in, out int64) int64 {
	hi, lo := bits.Mul64(uint64(k), uint64(in))
	q, _ := bits.Div64(hi, lo, uint64(out)) // k ≤ out, so the quotient fits
	return int64(q)
}

// vectorChunk is the most outputs per tile whose inputs and outputs fit
// half their buffers (0 if not one does).
func vectorChunk(in, out int64, space BufferSpace, bits OperandBits) int64 {
	fits := func(c int64) bool {
		need := (c*in + out - 1) / out // ⌈c·in/out⌉ inputs at most
		return space.WordsFor(need, bits.Ifmap) <= space.IfmapWords && space.WordsFor(c, bits.Ofmap) <= space.OfmapWords
	}
	lo, hi := int64(0), out
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
