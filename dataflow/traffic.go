package dataflow

// EdgeTraffic counts the operand elements that cross the array edges: what
// the array reads from the ifmap and filter buffers and writes to (or reads
// back from) the ofmap buffer. Counts are elements, not words or bytes;
// memory/ packs them into words.
type EdgeTraffic struct {
	IfmapReads  int64 // elements of the P×K operand read into the array
	FilterReads int64 // elements of the K×N operand read into the array
	OfmapWrites int64 // output elements written, partial sums included
	PsumReads   int64 // partial sums read back to be accumulated (WS, IS)
	FinalWrites int64 // output elements written for the last time (after the output encoder)
}

// Add returns the element-wise sum of e and o.
func (e EdgeTraffic) Add(o EdgeTraffic) EdgeTraffic {
	return EdgeTraffic{
		IfmapReads:  e.IfmapReads + o.IfmapReads,
		FilterReads: e.FilterReads + o.FilterReads,
		OfmapWrites: e.OfmapWrites + o.OfmapWrites,
		PsumReads:   e.PsumReads + o.PsumReads,
		FinalWrites: e.FinalWrites + o.FinalWrites,
	}
}

// Scale returns e with every count multiplied by n.
func (e EdgeTraffic) Scale(n int64) EdgeTraffic {
	return EdgeTraffic{
		IfmapReads:  e.IfmapReads * n,
		FilterReads: e.FilterReads * n,
		OfmapWrites: e.OfmapWrites * n,
		PsumReads:   e.PsumReads * n,
		FinalWrites: e.FinalWrites * n,
	}
}

// FoldTraffic counts the edge traffic of one fold. Every operand element a
// used PE needs crosses the edge once per fold:
//
//	OS: ifmap rows·T, filter cols·T, outputs rows·cols
//	WS: ifmap rows·T, filter rows·cols (preload), outputs T·cols
//	IS: ifmap rows·cols (preload), filter rows·T, outputs T·cols
//
// In WS and IS a row fold other than the first reads back the partial sums
// of the previous row fold (T·cols) and adds to them before writing.
func (m Mapping) FoldTraffic(f Fold) EdgeTraffic {
	return m.header().FoldTraffic(m.spec(f))
}

// Traffic sums FoldTraffic over every fold of the mapping, in closed form:
// per instance the used rows over all row folds sum to Sr and the used
// columns to Sc.
//
//	OS: ifmap ColFolds·P·K, filter RowFolds·K·N, outputs P·N
//	WS: ifmap ColFolds·P·K, filter K·N,          outputs RowFolds·P·N
//	IS: ifmap P·K,          filter ColFolds·K·N, outputs RowFolds·P·N
//
// These equal SCALE-Sim's SRAM read and write counts (scalesim.md §2.3),
// except that SCALE-Sim adds (R+C) per fold to the OS output writes (a
// known double count, SCALE-Sim#166) and never counts partial-sum reads.
func (m Mapping) Traffic() EdgeTraffic {
	sr, sc, t := int64(m.Sr), int64(m.Sc), int64(m.T)
	rf, cf := int64(m.RowFolds), int64(m.ColFolds)
	var e EdgeTraffic
	switch m.Dataflow {
	case OS:
		e = EdgeTraffic{IfmapReads: cf * sr * t, FilterReads: rf * sc * t, OfmapWrites: sr * sc}
		e.FinalWrites = e.OfmapWrites
	case WS:
		e = EdgeTraffic{IfmapReads: cf * sr * t, FilterReads: sr * sc, OfmapWrites: rf * t * sc}
		e.PsumReads, e.FinalWrites = (rf-1)*t*sc, t*sc
	case IS:
		e = EdgeTraffic{IfmapReads: sr * sc, FilterReads: cf * sr * t, OfmapWrites: rf * t * sc}
		e.PsumReads, e.FinalWrites = (rf-1)*t*sc, t*sc
	}
	return e.Scale(int64(m.GEMM.Count))
}

// Repeat returns e after periods more periods, each adding what the one
// from prev to e added.
func (e EdgeTraffic) Repeat(prev EdgeTraffic, periods int64) EdgeTraffic {
	return e.Add(EdgeTraffic{IfmapReads: e.IfmapReads - prev.IfmapReads, FilterReads: e.FilterReads - prev.FilterReads,
		OfmapWrites: e.OfmapWrites - prev.OfmapWrites, PsumReads: e.PsumReads - prev.PsumReads,
		FinalWrites: e.FinalWrites - prev.FinalWrites}.Scale(periods))
}
