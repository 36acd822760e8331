package dataflow

// WordCounts are one buffer's word accesses from one side.
type WordCounts struct {
	Reads, Writes int64 // words of the buffer's width
}

// DRAMBytes is DRAM traffic per operand, in bytes as the DMA moves them
// (codes packed by BufferSpace.DRAMBytesFor).
type DRAMBytes struct {
	IfmapRead, FilterRead, PsumRead int64
	PsumWrite, OfmapWrite           int64
}

// Total is all DRAM traffic in bytes.
func (d DRAMBytes) Total() int64 {
	return d.IfmapRead + d.FilterRead + d.PsumRead + d.PsumWrite + d.OfmapWrite
}

// Read is the DRAM bytes read.
func (d DRAMBytes) Read() int64 { return d.IfmapRead + d.FilterRead + d.PsumRead }

// Written is the DRAM bytes written.
func (d DRAMBytes) Written() int64 { return d.PsumWrite + d.OfmapWrite }

// Add returns the element-wise sum of d and o.
func (d DRAMBytes) Add(o DRAMBytes) DRAMBytes {
	return DRAMBytes{IfmapRead: d.IfmapRead + o.IfmapRead, FilterRead: d.FilterRead + o.FilterRead,
		PsumRead: d.PsumRead + o.PsumRead, PsumWrite: d.PsumWrite + o.PsumWrite, OfmapWrite: d.OfmapWrite + o.OfmapWrite}
}

// TileActivity is what a tiling makes the array, the buffers and the DRAM
// do, in closed form over the tiling's pieces: the same counts the event
// simulation makes fold by fold and transfer by transfer (its tests check
// the two agree), without placing anything in time.
type TileActivity struct {
	Folds   int64
	FoldPEs int64       // Σ over folds of used rows × used columns
	Edge    EdgeTraffic // array-edge elements (Schedule.FoldTraffic summed)
	// Array and DMA are the word accesses of the ifmap, filter and ofmap
	// buffers from the array side and from the DMA side (DMA writes fill a
	// buffer from DRAM, DMA reads drain it to DRAM).
	Array, DMA [3]WordCounts
	DRAM       DRAMBytes
	// FirstLoadBytes is what the first tile loads before anything runs.
	FirstLoadBytes int64
}

// span is a run of equal consecutive tiles (or folds) along one dimension,
// with whether it holds the first and the last one.
type span struct {
	extent      int
	count       int64
	first, last bool
}

// spans cuts n into tiles of size: the first, the middle ones, the last
// (a single span when one tile covers n).
func spans(n, size int) []span {
	k := (n + size - 1) / size
	lastExt := n - (k-1)*size
	switch {
	case k == 1:
		return []span{{n, 1, true, true}}
	case k == 2:
		return []span{{size, 1, true, false}, {lastExt, 1, false, true}}
	}
	return []span{{size, 1, true, false}, {size, int64(k - 2), false, false}, {lastExt, 1, false, true}}
}

// pSpans are the P tiles as spans of GEMM rows with their output rows (for
// the ifmap halo); first and last are not used along P.
func (geo geometry) pSpans(pp []piece) []pieceSpan {
	out := make([]pieceSpan, len(pp))
	for i, p := range pp {
		out[i] = pieceSpan{span{extent: p.extent, count: int64(p.count)}, p.rows}
	}
	return out
}

type pieceSpan struct {
	span
	rows int
}

// foldActivity is the part of a candidate's TileActivity that does not
// depend on the loop order: the folds of every tile.
func (geo geometry) foldActivity(s tileSizes, space BufferSpace, bits OperandBits, tm Timer) TileActivity {
	var a TileActivity
	for _, p := range geo.pSpans(s.pp) {
		for _, k := range spans(geo.k, s.kt) {
			for _, n := range spans(geo.n, s.nt) {
				tiles := p.count * k.count * n.count * int64(geo.count)
				a.addTileFolds(tm, p.extent, k, n.extent, tiles, space, bits)
			}
		}
	}
	return a
}

// withDRAM is folds (foldActivity) plus the DRAM traffic of the order.
func (geo geometry) withDRAM(folds TileActivity, s tileSizes, order LoopOrder, space BufferSpace, bits OperandBits) TileActivity {
	a := folds
	geo.addDRAM(&a, s, order, geo.pSpans(s.pp), spans(geo.k, s.kt), spans(geo.n, s.nt), space, bits)
	return a
}

// addTileFolds adds the folds of tiles equal tiles of extents p×k×n.
func (a *TileActivity) addTileFolds(tm Timer, p int, k span, n int, tiles int64, space BufferSpace, bits OperandBits) {
	sr, sc, t := spreadExtents(tm.Dataflow, p, k.extent, n)
	for _, r := range spans(sr, tm.Array.Rows) {
		for _, c := range spans(sc, tm.Array.Cols) {
			e := foldTraffic(tm.Dataflow, r.extent, c.extent, t)
			psum, final := !k.first, k.last // OS: K is streamed, one reduction step per tile
			if tm.Dataflow != OS {
				psum, final = !(k.first && r.first), k.last && r.last
			}
			if psum {
				e.PsumReads = e.OfmapWrites
			}
			if final {
				e.FinalWrites = e.OfmapWrites
			}
			n := tiles * r.count * c.count
			a.Folds += n
			a.FoldPEs += n * int64(r.extent) * int64(c.extent)
			a.Edge = a.Edge.Add(e.Scale(n))
			a.addFoldWords(e, n, space, bits)
		}
	}
}

// addFoldWords adds n folds' buffer words, packed per fold as the array
// counts them.
func (a *TileActivity) addFoldWords(e EdgeTraffic, n int64, space BufferSpace, bits OperandBits) {
	w := space.WordsFor
	a.Array[0].Reads += n * w(e.IfmapReads, bits.Ifmap)
	a.Array[1].Reads += n * w(e.FilterReads, bits.Filter)
	a.Array[2].Reads += n * w(e.PsumReads, bits.Psum)
	a.Array[2].Writes += n * (w(e.OfmapWrites-e.FinalWrites, bits.Psum) + w(e.FinalWrites, bits.Ofmap))
}

// spreadExtents maps a tile's P, K and N extents onto the array's rows,
// columns and stream (Mapping's table).
func spreadExtents(df Dataflow, p, k, n int) (sr, sc, t int) {
	switch df {
	case OS:
		return p, n, k
	case WS:
		return k, n, p
	}
	return k, p, n
}

// foldTraffic is one fold's edge traffic before partial sums
// (Schedule.FoldTraffic's table).
func foldTraffic(df Dataflow, rows, cols, t int) EdgeTraffic {
	r, c, tt := int64(rows), int64(cols), int64(t)
	switch df {
	case OS:
		return EdgeTraffic{IfmapReads: r * tt, FilterReads: c * tt, OfmapWrites: r * c}
	case WS:
		return EdgeTraffic{IfmapReads: r * tt, FilterReads: r * c, OfmapWrites: tt * c}
	}
	return EdgeTraffic{IfmapReads: r * c, FilterReads: r * tt, OfmapWrites: tt * c}
}

// addDRAM adds the DRAM traffic of the loop order: every operand tile is
// loaded reload(order) times (dramBits's rule), packed as the DMA moves it,
// and the buffer words the DMA writes and reads for it.
func (geo geometry) addDRAM(a *TileActivity, s tileSizes, order LoopOrder, ps []pieceSpan, ks, ns []span,
	space BufferSpace, bits OperandBits) {
	cnt := int64(geo.count)
	load := func(buf int, elems int64, b int, times int64) int64 {
		bytes := space.DRAMBytesFor(elems, b)
		a.DMA[buf].Writes += times * space.dmaWords(bytes)
		return times * bytes
	}
	rIfmap, rFilter := reload(order, operandDims["ifmap"], s.tiles), reload(order, operandDims["filter"], s.tiles)
	spills := reload(order, operandDims["ofmap"], s.tiles) - 1
	for _, k := range ks {
		for _, p := range ps {
			a.DRAM.IfmapRead += load(0, geo.ifmapElems(p.rows, k.extent), bits.Ifmap, p.count*k.count*rIfmap*cnt)
		}
		for _, n := range ns {
			a.DRAM.FilterRead += load(1, int64(k.extent)*int64(n.extent), bits.Filter, k.count*n.count*rFilter*cnt)
		}
	}
	for _, p := range ps {
		for _, n := range ns {
			elems, tiles := int64(p.extent)*int64(n.extent), p.count*n.count*cnt
			a.DRAM.PsumRead += load(2, elems, bits.Psum, tiles*spills)
			psum, final := space.DRAMBytesFor(elems, bits.Psum), space.DRAMBytesFor(elems, bits.Ofmap)
			a.DRAM.PsumWrite += tiles * spills * psum
			a.DRAM.OfmapWrite += tiles * final
			a.DMA[2].Reads += tiles * (spills*space.dmaWords(psum) + space.dmaWords(final))
		}
	}
	a.FirstLoadBytes = space.DRAMBytesFor(geo.ifmapElems(ps[0].rows, ks[0].extent), bits.Ifmap) +
		space.DRAMBytesFor(int64(ks[0].extent)*int64(ns[0].extent), bits.Filter)
}

// dmaWords is the buffer words a DMA transfer of bytes bytes touches:
// ⌈bytes·8 / word⌉ (memory.Buffer's count).
func (s BufferSpace) dmaWords(bytes int64) int64 {
	return (bytes*8 + int64(s.WordBits) - 1) / int64(s.WordBits)
}
