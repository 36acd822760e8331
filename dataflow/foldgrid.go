package dataflow

// FoldGrid is one tile's folds without listing them: the tile's extents in
// the mapping's coordinates (Sr over the rows, Sc over the columns, T
// streamed), cut into folds of at most R rows and C columns, column fold
// outer, row fold inner (Mapping.Fold's order). A layer's folds are the
// grids of its tiles in tile order; the event simulation walks them in
// closed form (FoldClasses) so that its memory does not grow with the
// number of folds.
type FoldGrid struct {
	Instance, Tile     int
	Rows, Cols, Stream Range
	Array              Array
}

// TileFolds returns the fold grid of tile t on array a with dataflow df.
func TileFolds(t Tile, a Array, df Dataflow) FoldGrid {
	g := FoldGrid{Instance: t.Instance, Tile: t.Index, Array: a}
	switch df {
	case OS:
		g.Rows, g.Cols, g.Stream = t.P, t.N, t.K
	case WS:
		g.Rows, g.Cols, g.Stream = t.K, t.N, t.P
	default:
		g.Rows, g.Cols, g.Stream = t.K, t.P, t.N
	}
	return g
}

// RowFolds is the number of row folds: ⌈rows / R⌉.
func (g FoldGrid) RowFolds() int { return ceilDiv(g.Rows.Len, g.Array.Rows) }

// ColFolds is the number of column folds: ⌈columns / C⌉.
func (g FoldGrid) ColFolds() int { return ceilDiv(g.Cols.Len, g.Array.Cols) }

// Len is the number of folds.
func (g FoldGrid) Len() int { return g.RowFolds() * g.ColFolds() }

// Fold returns fold i in execution order.
func (g FoldGrid) Fold(i int) FoldSpec {
	nr := g.RowFolds()
	return g.fold(i/nr, i%nr)
}

// fold is the fold of column fold c and row fold r.
func (g FoldGrid) fold(c, r int) FoldSpec {
	r0, c0 := g.Rows.Start+r*g.Array.Rows, g.Cols.Start+c*g.Array.Cols
	return FoldSpec{
		Instance: g.Instance, Tile: g.Tile,
		R0: r0, Rows: min(g.Array.Rows, g.Rows.End()-r0),
		C0: c0, Cols: min(g.Array.Cols, g.Cols.End()-c0),
		T0: g.Stream.Start, T: g.Stream.Len,
	}
}

// FoldClass is a set of folds of a grid that stream, use PEs and move
// words alike: Count folds like Fold.
type FoldClass struct {
	Count int64
	Fold  FoldSpec
}

// Classes groups the grid's folds into at most six classes whose folds
// have the same rows, columns and stream and the same place on the
// reduction (Schedule.FoldTraffic reads back partial sums of a fold not at
// K = 0 and writes final outputs from one ending at K): the first, the
// middle and the last row fold, times the full and the last column fold.
// Every fold of a class therefore has the same timing and traffic. The
// last class is the grid's last fold alone.
func (g FoldGrid) Classes() FoldClasses {
	type group struct{ count, index int }
	var rows, cols [3]group
	nr, nc := g.RowFolds(), g.ColFolds()
	nRows, nCols := 3, 1
	switch nr {
	case 1:
		rows[0], nRows = group{1, 0}, 1
	case 2:
		rows[0], rows[1], nRows = group{1, 0}, group{1, 1}, 2
	default:
		rows = [3]group{{1, 0}, {nr - 2, 1}, {1, nr - 1}}
	}
	cols[0] = group{1, 0}
	if nc > 1 {
		cols[0], cols[1], nCols = group{nc - 1, 0}, group{1, nc - 1}, 2
	}
	var out FoldClasses
	for _, c := range cols[:nCols] {
		for _, r := range rows[:nRows] {
			out.c[out.n] = FoldClass{Count: int64(c.count) * int64(r.count), Fold: g.fold(c.index, r.index)}
			out.n++
		}
	}
	return out
}

// FoldClasses are a grid's fold classes (at most six), held without
// allocating.
type FoldClasses struct {
	c [6]FoldClass
	n int
}

// All returns the classes, in order.
func (f *FoldClasses) All() []FoldClass { return f.c[:f.n] }

// AppendTo appends the grid's folds, in order, to folds.
func (g FoldGrid) AppendTo(folds []FoldSpec) []FoldSpec {
	for i, n := 0, g.Len(); i < n; i++ {
		folds = append(folds, g.Fold(i))
	}
	return folds
}

// FoldSchedule is the tiling's schedule with every fold listed, tile by
// tile (the event simulation walks the tiles' grids instead: TileFolds).
func (t Tiling) FoldSchedule() Schedule {
	s := t.Schedule
	s.Folds = nil
	if t.Vector {
		return s
	}
	for _, tile := range t.Tiles.All() {
		s.Folds = TileFolds(tile, s.Array, s.Dataflow).AppendTo(s.Folds)
	}
	return s
}

// Cycles is Schedule.Cycles of the tiling's folds, from the tiles' grids:
// Σ over every fold but the last of Interval(T) + Latency(T of the last);
// for array tiles in closed form, by runs of alike tiles (scheduleCycles,
// as the tiler counts a candidate's), without working out every tile.
func (t Tiling) Cycles(mode Timing) int64 {
	tm := t.Schedule.Timer(mode)
	if g := t.Tiles.grid; g != nil && g.n[0]*g.n[1]*g.n[2]*g.count > 0 {
		geo := g.geo
		return scheduleCycles(geo.pPieces(g.size[0]), plainPieces(geo.k, g.size[1]), plainPieces(geo.n, g.size[2]), g.count, tm)
	}
	return t.walkCycles(tm)
}

// walkCycles is Cycles tile by tile.
func (t Tiling) walkCycles(tm Timer) int64 {
	var sum int64
	last := 0
	for _, tile := range t.Tiles.All() {
		g := TileFolds(tile, t.Schedule.Array, t.Schedule.Dataflow)
		sum += int64(g.Len()) * int64(tm.Interval(g.Stream.Len))
		last = g.Stream.Len
	}
	return sum - int64(tm.Interval(last)) + int64(tm.Latency(last))
}
