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
	MACs    int64
	Folds   int64
	FoldPEs int64       // Σ over folds of used rows × used columns
	Edge    EdgeTraffic // array-edge elements (Schedule.FoldTraffic summed)
	// Array and DMA are the word accesses of the ifmap, filter and ofmap
	// buffers from the array side and from the DMA side (DMA writes fill a
	// buffer from DRAM, DMA reads drain it to DRAM).
	Array, DMA [3]WordCounts
	DRAM       DRAMBytes
	// FirstIfmapBytes and FirstFilterBytes are what the first tile loads
	// before anything runs.
	FirstIfmapBytes, FirstFilterBytes int64
}

// span is a run of equal consecutive tiles (or folds) along one dimension,
// with whether it holds the first and the last one.
type span struct {
	extent      int
	count       int64
	first, last bool
}

// spanList is at most three spans, without allocating.
type spanList struct {
	s [3]span
	n int
}

// all returns the spans.
func (l *spanList) all() []span { return l.s[:l.n] }

// spans cuts n into tiles of size: the first, the middle ones, the last
// (a single span when one tile covers n).
func spans(n, size int) spanList {
	k := (n + size - 1) / size
	lastExt := n - (k-1)*size
	switch {
	case k == 1:
		return spanList{[3]span{{n, 1, true, true}}, 1}
	case k == 2:
		return spanList{[3]span{{size, 1, true, false}, {lastExt, 1, false, true}}, 2}
	}
	return spanList{[3]span{{size, 1, true, false}, {size, int64(k - 2), false, false}, {lastExt, 1, false, true}}, 3}
}

// pSpans are the P tiles as spans of GEMM rows with their output rows (for
// the ifmap halo); first and last are not used along P. pPieces makes at
// most two pieces.
func (geo geometry) pSpans(pp []piece) []pieceSpan {
	var out [2]pieceSpan
	for i, p := range pp {
		out[i] = pieceSpan{span{extent: p.extent, count: int64(p.count)}, p.rows}
	}
	return out[:len(pp)]
}

type pieceSpan struct {
	span
	rows int
}

// foldActivity is the part of a candidate's TileActivity that does not
// depend on the loop order: the folds of every tile.
func (geo geometry) foldActivity(s tileSizes, space BufferSpace, bits OperandBits, tm Timer) TileActivity {
	var a TileActivity
	ks, ns := spans(geo.k, s.kt), spans(geo.n, s.nt)
	for _, p := range geo.pSpans(s.pp) {
		for _, k := range ks.all() {
			for _, n := range ns.all() {
				tiles := p.count * k.count * n.count * int64(geo.count)
				a.addTileFolds(tm, p.extent, k, n.extent, tiles, space, bits)
			}
		}
	}
	return a
}

// addTileFolds adds the folds of tiles equal tiles of extents p×k×n.
func (a *TileActivity) addTileFolds(tm Timer, p int, k span, n int, tiles int64, space BufferSpace, bits OperandBits) {
	sr, sc, t := spreadExtents(tm.Dataflow, p, k.extent, n)
	rs, cs := spans(sr, tm.Array.Rows), spans(sc, tm.Array.Cols)
	for _, r := range rs.all() {
		for _, c := range cs.all() {
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
			a.MACs += n * int64(r.extent) * int64(c.extent) * int64(t)
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

// tileBytes is the DRAM bytes (and DMA-side buffer words) of every
// operand tile of a tiling moved once: what each loop order multiplies by
// its reload factors.
type tileBytes struct {
	ifmap                   [2]ifmapSweep // every ifmap tile once: without and with halo reuse
	filter, psum, final     int64         // bytes: every filter and output tile once
	filterW, psumW, finalW  int64         // the DMA-side buffer words of the same transfers
	firstIfmap, firstFilter int64         // the first tile's ifmap and filter bytes
}

// bytesOnce sums the operand tiles of s, packed as the DMA moves them.
func (geo geometry) bytesOnce(s tileSizes, space BufferSpace, bits OperandBits) tileBytes {
	var b tileBytes
	ks, ns := spans(geo.k, s.kt), spans(geo.n, s.nt)
	ps := geo.pSpans(s.pp)
	add := func(bytes, words *int64, elems int64, bitsPer int, times int64) int64 {
		n := space.DRAMBytesFor(elems, bitsPer)
		*bytes += times * n
		*words += times * space.dmaWords(n)
		return n
	}
	for _, k := range ks.all() {
		for i, reuse := range []bool{false, true} {
			b.ifmap[i].addTimes(geo.ifmapSweep(s.pRows, k.extent/geo.kPerChan, reuse), k.count)
		}
		for _, n := range ns.all() {
			add(&b.filter, &b.filterW, int64(k.extent)*int64(n.extent), bits.Filter, k.count*n.count)
		}
	}
	for _, p := range ps {
		for _, n := range ns.all() {
			elems, tiles := int64(p.extent)*int64(n.extent), p.count*n.count
			add(&b.psum, &b.psumW, elems, bits.Psum, tiles)
			add(&b.final, &b.finalW, elems, bits.Ofmap, tiles)
		}
	}
	k0, n0 := ks.s[0].extent, ns.s[0].extent
	b.firstIfmap = space.DRAMBytesFor(geo.ifmapSweep(s.pRows, k0/geo.kPerChan, false).firstElems, bits.Ifmap)
	b.firstFilter = space.DRAMBytesFor(int64(k0)*int64(n0), bits.Filter)
	return b
}

// addTimes adds o, times times.
func (s *ifmapSweep) addTimes(o ifmapSweep, times int64) {
	s.elems += times * o.elems
	s.loadElems += times * o.loadElems
	s.bytes += times * o.bytes
	s.dmaW += times * o.dmaW
	s.dmaR += times * o.dmaR
	s.copy += times * o.copy
}

// withDRAM is folds (foldActivity) plus the DRAM traffic of the order:
// every operand tile is loaded reload(order) times (dramBits's rule; ifmap
// bands with halo reuse when the order puts P inside K), every output tile
// spilled and read back once per extra reload, then written.
func (geo geometry) withDRAM(folds TileActivity, once tileBytes, s tileSizes, order LoopOrder) TileActivity {
	a := folds
	cnt := int64(geo.count)
	rIfmap, rFilter := reload(order, ifmapDims, s.tiles)*cnt, reload(order, filterDims, s.tiles)*cnt
	spills := (reload(order, ofmapDims, s.tiles) - 1) * cnt
	in := once.ifmap[0]
	if reusesHalo(order, s.tiles) {
		in = once.ifmap[1]
	}
	a.DRAM = DRAMBytes{IfmapRead: rIfmap * in.bytes, FilterRead: rFilter * once.filter,
		PsumRead: spills * once.psum, PsumWrite: spills * once.psum, OfmapWrite: cnt * once.final}
	a.DMA[0].Writes, a.DMA[0].Reads = rIfmap*in.dmaW, rIfmap*in.dmaR
	a.DMA[1].Writes = rFilter * once.filterW
	a.DMA[2].Writes = spills * once.psumW
	a.DMA[2].Reads = spills*once.psumW + cnt*once.finalW
	a.FirstIfmapBytes, a.FirstFilterBytes = once.firstIfmap, once.firstFilter
	return a
}

// dmaWords is the buffer words a DMA transfer of bytes bytes touches:
// ⌈bytes·8 / word⌉ (memory.Buffer's count).
func (s BufferSpace) dmaWords(bytes int64) int64 {
	return (bytes*8 + int64(s.WordBits) - 1) / int64(s.WordBits)
}

// Repeat returns d after periods more periods, each adding what the one
// from prev to d added.
func (d DRAMBytes) Repeat(prev DRAMBytes, periods int64) DRAMBytes {
	step := func(x, p int64) int64 { return x + periods*(x-p) }
	return DRAMBytes{IfmapRead: step(d.IfmapRead, prev.IfmapRead), FilterRead: step(d.FilterRead, prev.FilterRead),
		PsumRead: step(d.PsumRead, prev.PsumRead), PsumWrite: step(d.PsumWrite, prev.PsumWrite),
		OfmapWrite: step(d.OfmapWrite, prev.OfmapWrite)}
}

// Repeat returns w after periods more periods, each adding what the one
// from prev to w added.
func (w WordCounts) Repeat(prev WordCounts, periods int64) WordCounts {
	return WordCounts{Reads: w.Reads + periods*(w.Reads-prev.Reads), Writes: w.Writes + periods*(w.Writes-prev.Writes)}
}
