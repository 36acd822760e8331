package dataflow

import (
	"sort"

	"github.com/logsim/logsim/workloads"
)

// geometry is what tiling needs to know about a layer's tensors. P is
// tiled in whole output rows of one image (or whole images), so that an
// ifmap tile is a band of input rows with its halo, stored as a tensor
// (NHWC), not as im2col rows. K is tiled in whole input channels
// (Kh·Kw·c reduction terms; K is ordered channel-major, which changes no
// cycle count). A matmul is one "image" of P one-element rows.
type geometry struct {
	images    int // images in the batch (1 for a matmul: its batch is in P)
	imageRows int // output rows per image (Ho; P for a matmul)
	rowWidth  int // output pixels per output row (Wo; 1 for a matmul)
	inRows    int // input rows per image (H; P for a matmul)
	inWidth   int // input elements per input row per channel (W; 1 for a matmul)
	stride    int // vertical stride (1 for a matmul)
	kh        int // input rows the filter spans (Kh, dilation included; 1 for a matmul)
	kPerChan  int // reduction terms per input channel (Kh·Kw; 1 for a matmul)
	channels  int // input channels per group (Cin/g; K for a matmul)
	pad       int // vertical padding (0 for a matmul)
	k, n      int // per-instance GEMM K and N
	count     int // GEMM instances (groups, heads)

	// pack and ifmapBits are the packing rules of a tiling search (set by
	// TileLayer; without them ifmap sweeps count elements only), memo its
	// ifmap sweeps (halo.go).
	pack      BufferSpace
	ifmapBits int
	memo      map[[3]int]ifmapSweep
}

func newGeometry(l workloads.Layer) geometry {
	g := l.GEMM()
	if l.Kind != workloads.KindConv {
		return geometry{images: 1, imageRows: g.P, rowWidth: 1, inRows: g.P, inWidth: 1, stride: 1, kh: 1,
			kPerChan: 1, channels: g.K, k: g.K, n: g.N, count: g.Count, memo: map[[3]int]ifmapSweep{}}
	}
	c := l.Conv
	return geometry{
		images: c.Batch, imageRows: c.OutH(), rowWidth: c.OutW(), inRows: c.H, inWidth: c.W,
		stride: c.StrideH, kh: c.SpanH(), kPerChan: c.Kh * c.Kw, channels: c.Cin / c.Groups, pad: c.PadH,
		k: g.K, n: g.N, count: g.Count, memo: map[[3]int]ifmapSweep{},
	}
}

// pRowCandidates lists P tile sizes in output rows: every equal split of an
// image's rows, then whole images in every equal split of the batch.
func (geo geometry) pRowCandidates() []int {
	c := extentCandidates(geo.imageRows)
	for _, m := range extentCandidates(geo.images) {
		if m > 1 {
			c = append(c, m*geo.imageRows)
		}
	}
	return sortedUnique(c)
}

// kCandidates lists K tile extents: whole channels in every equal split.
func (geo geometry) kCandidates() []int {
	var c []int
	for _, ch := range extentCandidates(geo.channels) {
		c = append(c, ch*geo.kPerChan)
	}
	return c
}

// ifmapElems is the most input a P tile of rows output rows and kt
// reduction terms may need (what must fit half the buffer): the band of
// input rows under those output rows (halo included, at most the image)
// times the row width times the channels. Bands at the image's edges need
// fewer rows (bandInput).
func (geo geometry) ifmapElems(rows, kt int) int64 {
	chans := int64(kt / geo.kPerChan)
	if rows >= geo.imageRows { // whole images
		return int64(rows/geo.imageRows) * int64(geo.inRows) * int64(geo.inWidth) * chans
	}
	in := min(geo.inRows, (rows-1)*geo.stride+geo.kh)
	return int64(in) * int64(geo.inWidth) * chans
}

// maxPRows is the largest P tile (in output rows) of cands
// (pRowCandidates) whose ifmap and ofmap fit half their buffers with a
// kt×nt filter tile, or 0 if none does. Both tiles grow with the rows, so
// the candidates that fit are a prefix of the sorted list.
func (geo geometry) maxPRows(kt, nt int, space BufferSpace, bits OperandBits, cands []int) int {
	if space.WordsFor(int64(kt)*int64(nt), bits.Filter) > space.FilterWords {
		return 0
	}
	outBits := bits.Ofmap
	if kt < geo.k {
		outBits = bits.Psum // partial sums live in the buffer at accumulator width
	}
	fits := sort.Search(len(cands), func(i int) bool {
		rows := cands[i]
		return space.WordsFor(geo.ifmapElems(rows, kt), bits.Ifmap) > space.IfmapWords ||
			space.WordsFor(int64(rows)*int64(geo.rowWidth)*int64(nt), outBits) > space.OfmapWords
	})
	if fits == 0 {
		return 0
	}
	return cands[fits-1]
}

// pExtent is the number of GEMM rows (output pixels) a P tile of rows
// output rows spans.
func (geo geometry) pExtent(rows int) int { return rows * geo.rowWidth }

// piece is a run of equal tiles along one dimension.
type piece struct {
	extent int // tile extent in GEMM elements
	rows   int // for P: the tile's output rows (drives the ifmap halo)
	count  int // tiles per instance with this extent
}

// pPieces splits P into tiles of pRows output rows, per image.
func (geo geometry) pPieces(pRows int) []piece {
	if pRows > geo.imageRows {
		m := pRows / geo.imageRows
		return splitPieces(geo.images, m, func(e int) piece {
			return piece{extent: e * geo.imageRows * geo.rowWidth, rows: e * geo.imageRows}
		})
	}
	ps := splitPieces(geo.imageRows, pRows, func(e int) piece {
		return piece{extent: e * geo.rowWidth, rows: e}
	})
	for i := range ps {
		ps[i].count *= geo.images
	}
	return ps
}

// splitPieces cuts n into tiles of size: full tiles, then a remainder.
func splitPieces(n, size int, mk func(extent int) piece) []piece {
	var ps []piece
	if full := n / size; full > 0 {
		p := mk(size)
		p.count = full
		ps = append(ps, p)
	}
	if rem := n % size; rem > 0 {
		p := mk(rem)
		p.count = 1
		ps = append(ps, p)
	}
	return ps
}

func plainPieces(n, size int) []piece {
	return splitPieces(n, size, func(e int) piece { return piece{extent: e, rows: e} })
}

func countTiles(ps []piece) int64 {
	var n int64
	for _, p := range ps {
		n += int64(p.count)
	}
	return n
}

// tileSizes is what a choice of tile sizes implies whatever the loop
// order: the tiles along each dimension and the stall-free cycles (the
// schedule's length does not depend on the order; see scheduleCycles).
type tileSizes struct {
	pRows, kt, nt int
	pp, kp, np    []piece
	tiles         [3]int64
	cycles        int64
}

func (geo geometry) measure(pRows, kt, nt int, tm Timer) tileSizes {
	s := tileSizes{pRows: pRows, kt: kt, nt: nt,
		pp: geo.pPieces(pRows), kp: plainPieces(geo.k, kt), np: plainPieces(geo.n, nt)}
	s.tiles = [3]int64{countTiles(s.pp), countTiles(s.kp), countTiles(s.np)}
	s.cycles = scheduleCycles(s.pp, s.kp, s.np, geo.count, tm)
	return s
}

// candidate prices the sizes in one loop order: DRAM traffic from the
// order's reuse (an operand is reloaded once per iteration of every loop
// outside its innermost own loop that it does not depend on).
func (s tileSizes) candidate(order LoopOrder, geo geometry, bits OperandBits, g workloads.GEMM) candidate {
	return s.candidateOf(order, geo.ifmapLoads(s.pRows).dramBits(order, s.tiles, bits, g, geo.count), geo)
}

// candidateOf is the candidate of s in a loop order whose DRAM traffic is
// dram.
func (s tileSizes) candidateOf(order LoopOrder, dram DRAMBits, geo geometry) candidate {
	return candidate{order: order, pRows: s.pRows, kt: s.kt, nt: s.nt, dram: dram, cycles: s.cycles, tiles: s.tileCount(geo)}
}

// tileCount is the number of tiles of the sizes over every instance.
func (s tileSizes) tileCount(geo geometry) int64 {
	return s.tiles[0] * s.tiles[1] * s.tiles[2] * int64(geo.count)
}

// boundTerms is what an objective's bound sees of the sizes in a loop
// order whose DRAM traffic is dram (candidateOf's terms, without building
// the candidate).
func (s tileSizes) boundTerms(dram DRAMBits, macs int64, geo geometry) BoundTerms {
	return BoundTerms{MACs: macs, DRAM: dram, Cycles: s.cycles, Tiles: s.tileCount(geo)}
}

// evaluate prices one candidate (measure, then candidate).
func (geo geometry) evaluate(order LoopOrder, pRows, kt, nt int, g workloads.GEMM, bits OperandBits,
	a Array, df Dataflow, mode Timing) candidate {
	return geo.measure(pRows, kt, nt, Timer{Array: a, Dataflow: df, Mode: mode}).candidate(order, geo, bits, g)
}

// reload is how many times every tile of an operand depending on deps is
// loaded under a loop order: the operand changes whenever its innermost
// dependent loop with more than one tile advances (or wraps), so each of
// its tiles is loaded once per iteration of the loops outside that one it
// does not depend on (once, if every dependent loop has a single tile).
func reload(order LoopOrder, deps [2]Dim, tiles [3]int64) int64 {
	inner := -1
	for i, d := range order {
		if (d == deps[0] || d == deps[1]) && tiles[d] > 1 {
			inner = i
		}
	}
	if inner < 0 {
		return 1
	}
	f := int64(1)
	for _, d := range order[:inner] {
		if d != deps[0] && d != deps[1] {
			f *= tiles[d]
		}
	}
	return f
}

func (geo geometry) dramBits(order LoopOrder, tiles [3]int64, pRows int, bits OperandBits, g workloads.GEMM) DRAMBits {
	return geo.ifmapLoads(pRows).dramBits(order, tiles, bits, g, geo.count)
}

// ifmapLoads is the ifmap elements one sweep over P tiles of pRows output
// rows loads from DRAM, without and with halo reuse: what dramBits needs
// of the geometry.
type ifmapLoads [2]int64

func (geo geometry) ifmapLoads(pRows int) ifmapLoads {
	return ifmapLoads{geo.ifmapSweep(pRows, geo.channels, false).loadElems, geo.ifmapSweep(pRows, geo.channels, true).loadElems}
}

// dramBits is a loop order's DRAM traffic (geometry.dramBits).
func (in ifmapLoads) dramBits(order LoopOrder, tiles [3]int64, bits OperandBits, g workloads.GEMM, count int) DRAMBits {
	ifmap := in[0]
	if reusesHalo(order, tiles) {
		ifmap = in[1]
	}
	pn := int64(g.P) * int64(g.N)
	d := DRAMBits{
		IfmapRead:  ifmap * int64(bits.Ifmap) * reload(order, ifmapDims, tiles),
		FilterRead: int64(g.K) * int64(g.N) * int64(bits.Filter) * reload(order, filterDims, tiles),
		OfmapWrite: pn * int64(bits.Ofmap),
	}
	if spills := reload(order, ofmapDims, tiles); spills > 1 {
		d.PsumWrite = (spills - 1) * pn * int64(bits.Psum)
		d.PsumRead = d.PsumWrite
	}
	cnt := int64(count)
	d.IfmapRead, d.FilterRead, d.OfmapWrite = d.IfmapRead*cnt, d.FilterRead*cnt, d.OfmapWrite*cnt
	d.PsumWrite, d.PsumRead = d.PsumWrite*cnt, d.PsumRead*cnt
	return d
}

// foldShape gives a tile's fold grid and stream length from its P, K and N
// extents, per dataflow (Mapping's table).
func foldShape(tm Timer, p, k, n int) (folds int64, t int) {
	var sr, sc int
	switch tm.Dataflow {
	case OS:
		sr, sc, t = p, n, k
	case WS:
		sr, sc, t = k, n, p
	default:
		sr, sc, t = k, p, n
	}
	return int64(ceilDiv(sr, tm.Array.Rows)) * int64(ceilDiv(sc, tm.Array.Cols)), t
}

// scheduleCycles is Schedule.Cycles of the tiles' folds in closed form:
// Σ over every fold but the last of Interval(T) + Latency(T of the last).
// The last fold belongs to the last tile, which is made of the last piece
// of every dimension, whatever the loop order.
func scheduleCycles(pp, kp, np []piece, count int, tm Timer) int64 {
	var sum int64
	for _, p := range pp {
		for _, k := range kp {
			for _, n := range np {
				folds, t := foldShape(tm, p.extent, k.extent, n.extent)
				sum += int64(p.count*k.count*n.count) * folds * int64(tm.Interval(t))
			}
		}
	}
	sum *= int64(count)
	_, tLast := foldShape(tm, pp[len(pp)-1].extent, kp[len(kp)-1].extent, np[len(np)-1].extent)
	return sum - int64(tm.Interval(tLast)) + int64(tm.Latency(tLast))
}
