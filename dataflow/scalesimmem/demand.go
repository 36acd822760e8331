package scalesimmem

import "github.com/logsim/logsim/dataflow"

// fold is one fold's place in the GEMM: instance g, the first GEMM index
// on the array rows (r0) and columns (c0), and the rows and columns used.
type fold struct {
	g, r0, c0, ur, uc int64
}

// rowFunc issues row j of a fold's demand at cycle: the ifmap and filter
// reads go to their buffers; it returns how many of them were reads (not
// padding) and how many outputs the row writes.
type rowFunc func(s *layerRun, f fold, j, cycle int64) (ifmapReads, filterReads, writes int64)

// rowFuncs are the demand rows of each dataflow (package doc): the
// stationary operand is loaded bottom row first in the R rows before the
// stream; streamed operands enter row (or column) i i cycles late; outputs
// leave the bottom edge, column j j cycles late.
var rowFuncs = map[dataflow.Dataflow]rowFunc{dataflow.OS: osRow, dataflow.WS: wsRow, dataflow.IS: isRow}

// span is [lo, hi] ∩ [0, n−1] as a half-open range.
func span(lo, hi, n int64) (int64, int64) { return max(lo, 0), min(hi, n-1) + 1 }

// osRow: T+R+C−2 rows. Ifmap column r streams k = j−r of row p = r0+r;
// filter column c streams k = j−c of column n = c0+c; after T−1 idle rows
// the R output rows leave bottom first, column c c rows late.
func osRow(s *layerRun, f fold, j, cycle int64) (int64, int64, int64) {
	t, r := s.t, s.r
	var in, w int64
	for lo, hi := span(j-t+1, j, f.ur); lo < hi; lo++ {
		in += s.readIfmap(f.g, f.r0+lo, j-lo, cycle)
	}
	for lo, hi := span(j-t+1, j, f.uc); lo < hi; lo++ {
		w += s.readFilter(f.g, j-lo, f.c0+lo, cycle)
	}
	lo, hi := span(j-(t+r-2), j-(t-1+r-f.ur), f.uc)
	return in, w, max(hi-lo, 0)
}

// wsRow: 2R+C+T−2 rows. The filter tile is loaded in rows 0…R−1, its
// last used row first; ifmap column r streams p = j−r−R of column
// k = r0+r; outputs leave from row 2R−1 on, column c c rows late.
func wsRow(s *layerRun, f fold, j, cycle int64) (int64, int64, int64) {
	w, in := stationaryRow(s, f, j, cycle, (*layerRun).filterKX, (*layerRun).ifmapKX)
	return in, w, stationaryWrites(s, f, j)
}

// isRow: WS with the ifmap and filter roles swapped: the ifmap tile
// (columns p = c0+c) is loaded in rows 0…R−1, filter column r streams
// n = j−r−R of row k = r0+r.
func isRow(s *layerRun, f fold, j, cycle int64) (int64, int64, int64) {
	in, w := stationaryRow(s, f, j, cycle, (*layerRun).ifmapKX, (*layerRun).filterKX)
	return in, w, stationaryWrites(s, f, j)
}

// kxReader reads element (k, x) of an operand of instance g: x is the
// GEMM's other index (n of the filter, p of the ifmap).
type kxReader func(s *layerRun, g, k, x, cycle int64) int64

func (s *layerRun) ifmapKX(g, k, p, cycle int64) int64  { return s.readIfmap(g, p, k, cycle) }
func (s *layerRun) filterKX(g, k, n, cycle int64) int64 { return s.readFilter(g, k, n, cycle) }

// stationaryRow issues row j of a WS or IS fold: the stationary operand's
// row k = R−1−j in rows 0…R−1 (columns x = c0+c), and the streamed
// operand's element t = j−r−R of each used row r. It returns how many of
// each were read.
func stationaryRow(s *layerRun, f fold, j, cycle int64, stationary, streamed kxReader) (int64, int64) {
	var st, str int64
	if k := s.r - 1 - j; j < s.r && k < f.ur {
		for c := int64(0); c < f.uc; c++ {
			st += stationary(s, f.g, f.r0+k, f.c0+c, cycle)
		}
	}
	for lo, hi := span(j-s.r-s.t+1, j-s.r, f.ur); lo < hi; lo++ {
		str += streamed(s, f.g, f.r0+lo, j-lo-s.r, cycle)
	}
	return st, str
}

// stationaryWrites counts a WS or IS row's outputs: from row 2R−1 on,
// output t of column c leaves in row 2R−1+t+c.
func stationaryWrites(s *layerRun, f fold, j int64) int64 {
	lo, hi := span(j-2*s.r+1-s.t+1, j-2*s.r+1, f.uc)
	return max(hi-lo, 0)
}
