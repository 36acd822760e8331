package dataflow

// Halo reuse. A convolution's P tiles are bands of output rows of one
// image; a band reads the input rows under it (clipped to the image:
// padding rows are not stored), and consecutive bands overlap by
// Kh − stride input rows. When the tile after a band is the next band of
// the same image with the same K range — the loop order puts P inside K —
// the overlapping rows are copied from the other buffer half (one buffer
// word read and one written per word of overlap) and only the new rows come
// from DRAM. With P inside K every input row of a K range is then read from
// DRAM once per sweep over P.

// bandInput returns the input rows [lo, hi) that output rows [r0, r0+n) of
// one image read, clipped to the image.
func (geo geometry) bandInput(r0, n int) (lo, hi int) {
	return max(0, r0*geo.stride-geo.pad), min(geo.inRows, (r0+n-1)*geo.stride-geo.pad+geo.kh)
}

// bandRead is what loading one band moves: the input rows it needs, the
// rows that come from DRAM, and the rows copied from the other half.
type bandRead struct {
	rows, load, copied int
}

// bandReads lists the bands of pRows output rows of one image (pRows <
// imageRows), with or without halo reuse.
func (geo geometry) bandReads(pRows int, reuse bool) []bandRead {
	var out []bandRead
	prevHi := -1
	for r0 := 0; r0 < geo.imageRows; r0 += pRows {
		lo, hi := geo.bandInput(r0, min(pRows, geo.imageRows-r0))
		b := bandRead{rows: hi - lo, load: hi - lo}
		if reuse && r0 > 0 && prevHi > lo {
			b.copied = prevHi - lo
			b.load = hi - prevHi
		}
		out = append(out, b)
		prevHi = hi
	}
	return out
}

// ifmapSweep is one sweep of the P tiles of every image for one K range of
// ch channels: elements needed and loaded, packed DRAM bytes, DMA-side
// buffer words written and read (halo copies), and the first band's
// elements.
type ifmapSweep struct {
	elems, loadElems        int64
	bytes, dmaW, dmaR, copy int64
	firstElems              int64
}

// sweep computes one sweep over the P tiles of pRows output rows for ch
// channels; packing rules from space (bytes and words left 0 without a
// DRAM packing rule).
func (geo geometry) sweep(pRows, ch int, reuse bool, space BufferSpace, bits int) ifmapSweep {
	reuse = reuse && geo.kh > geo.stride
	rowElems := int64(geo.inWidth) * int64(ch)
	if pRows >= geo.imageRows { // whole images, no halo
		n := int64(pRows / geo.imageRows)
		e := n * int64(geo.inRows) * rowElems
		s := ifmapSweep{firstElems: e}
		imgs := int64(geo.images) / n
		s.add(e, e, 0, imgs, space, bits)
		if rem := int64(geo.images) % n; rem > 0 {
			r := rem * int64(geo.inRows) * rowElems
			s.add(r, r, 0, 1, space, bits)
		}
		return s
	}
	var s ifmapSweep
	for i, b := range geo.bandReads(pRows, reuse) {
		if i == 0 {
			s.firstElems = int64(b.rows) * rowElems
		}
		s.add(int64(b.rows)*rowElems, int64(b.load)*rowElems, int64(b.copied)*rowElems, int64(geo.images), space, bits)
	}
	return s
}

// add counts times loads of a tile of elems elements, load of them from
// DRAM and copied from the other half.
func (s *ifmapSweep) add(elems, load, copied, times int64, space BufferSpace, bits int) {
	s.elems += times * elems
	s.loadElems += times * load
	if space.DRAMBytesFor == nil {
		return
	}
	bytes := space.DRAMBytesFor(load, bits)
	cw := space.WordsFor(copied, bits)
	s.bytes += times * bytes
	s.dmaW += times * (space.dmaWords(bytes) + cw)
	s.dmaR += times * cw
	s.copy += times * cw
}

// reusesHalo reports whether a loop order keeps consecutive bands of one
// K range next to each other: P inside K, or a single K tile.
func reusesHalo(order LoopOrder, tiles [3]int64) bool {
	if tiles[DimK] == 1 {
		return true
	}
	for _, d := range order {
		switch d {
		case DimK:
			return true
		case DimP:
			return false
		}
	}
	return false
}

// ifmapSweep returns sweep for the geometry's packing, memoised.
func (geo geometry) ifmapSweep(pRows, ch int, reuse bool) ifmapSweep {
	key := [3]int{pRows, ch, 0}
	if reuse {
		key[2] = 1
	}
	if s, ok := geo.memo[key]; ok {
		return s
	}
	s := geo.sweep(pRows, ch, reuse, geo.pack, geo.ifmapBits)
	geo.memo[key] = s
	return s
}
