package dataflow

import (
	"container/list"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/logsim/logsim/workloads"
)

// Candidates is every choice of tile sizes of one layer on one array,
// dataflow, buffer space, operand widths and timing mode, in each loop
// order, with what each implies whatever the prices: its tiles, its
// stall-free cycles and its DRAM traffic. TileLayer builds them and
// chooses among them for an objective; a sweep whose points differ only in
// prices (cost corner, DRAM preset, PE kind at the same widths) builds
// them once per layer shape (CandidateCache) and chooses for each point's
// objective. Choose changes nothing of a Candidates but the memos of what
// it worked out, price-independent, for a choice of sizes (written
// atomically, the same whoever writes them): it may be shared by
// goroutines.
type Candidates struct {
	geo   geometry
	g     workloads.GEMM
	a     Array
	df    Dataflow
	space BufferSpace
	bits  OperandBits
	tm    Timer
	sizes []sizeChoice
	// orderDRAM and folds are, per choice of sizes, memos of its DRAM
	// traffic in each loop order and of its activity but DRAM's (nil until
	// a Choose needs them).
	orderDRAM []atomic.Pointer[[len(allOrders)]DRAMBits]
	folds     []atomic.Pointer[sizeActivity]
	// groups are runs of groupSizes consecutive sizes with the least of
	// their terms, bounded at once before their sizes are.
	groups []sizeGroup
}

// sizeChoice is one choice of tile sizes, the ifmap loads its DRAM
// traffic in each loop order follows from, and the least of each term over
// the orders.
type sizeChoice struct {
	sizes tileSizes
	in    ifmapLoads
	least BoundTerms // of its orders: no order's terms are less
}

// least is the least of each of t's and o's terms (MACs are the layer's,
// the same for both).
func (t BoundTerms) least(o BoundTerms) BoundTerms {
	d := &t.DRAM
	d.IfmapRead, d.FilterRead = min(d.IfmapRead, o.DRAM.IfmapRead), min(d.FilterRead, o.DRAM.FilterRead)
	d.PsumWrite, d.PsumRead = min(d.PsumWrite, o.DRAM.PsumWrite), min(d.PsumRead, o.DRAM.PsumRead)
	d.OfmapWrite = min(d.OfmapWrite, o.DRAM.OfmapWrite)
	t.Cycles, t.Tiles = min(t.Cycles, o.Cycles), min(t.Tiles, o.Tiles)
	return t
}

type sizeGroup struct {
	from, to int // sizes[from:to]
	least    BoundTerms
}

// groupSizes is the sizes bounded together (Objective.Bound of their least
// terms) before each is: a group the bound rules out costs one call.
const groupSizes = 8

// NewCandidates lists every fitting choice of tile sizes, in the order the
// tiler compares them: every equal split of K (in whole channels) and of
// N, each with the largest P tile that fits.
func NewCandidates(l workloads.Layer, a Array, df Dataflow, space BufferSpace, bits OperandBits, mode Timing) (*Candidates, error) {
	if space.WordsFor == nil {
		return nil, fmt.Errorf("no packing rule for the buffers")
	}
	geo := newGeometry(l)
	geo.pack, geo.ifmapBits = space, bits.Ifmap
	c := &Candidates{geo: geo, g: l.GEMM(), a: a, df: df, space: space, bits: bits, tm: Timer{Array: a, Dataflow: df, Mode: mode}}
	pRows, nts := geo.pRowCandidates(), extentCandidates(c.g.N)
	var fits [][3]int // P rows, K and N tile extents: listed first, so that sizes is allocated once
	for _, kt := range geo.kCandidates() {
		for _, nt := range nts {
			if pRows := geo.maxPRows(kt, nt, space, bits, pRows); pRows > 0 {
				fits = append(fits, [3]int{pRows, kt, nt})
			}
		}
	}
	c.sizes = make([]sizeChoice, len(fits)) // no spare capacity: a cache holds many
	for i, f := range fits {
		c.sizes[i] = c.choice(geo.measure(f[0], f[1], f[2], c.tm))
	}
	for from := 0; from < len(c.sizes); from += groupSizes {
		to := min(len(c.sizes), from+groupSizes)
		gr := sizeGroup{from: from, to: to, least: c.sizes[from].least}
		for _, sz := range c.sizes[from+1 : to] {
			gr.least = gr.least.least(sz.least)
		}
		c.groups = append(c.groups, gr)
	}
	c.orderDRAM = make([]atomic.Pointer[[len(allOrders)]DRAMBits], len(c.sizes))
	c.folds = make([]atomic.Pointer[sizeActivity], len(c.sizes))
	return c, nil
}

// choice prices the sizes in every loop order.
func (c *Candidates) choice(sizes tileSizes) sizeChoice {
	sz := sizeChoice{sizes: sizes, in: c.geo.ifmapLoads(sizes.pRows)}
	for i, order := range allOrders {
		t := sizes.boundTerms(sz.in.dramBits(order, sizes.tiles, c.bits, c.g, c.geo.count), c.g.MACs(), c.geo)
		if i == 0 {
			sz.least = t
		}
		sz.least = sz.least.least(t)
	}
	return sz
}

// sizeActivity is a choice of sizes' fold activity and the bytes of its
// tiles loaded once, from which its activity in a loop order follows
// (geometry.withDRAM).
type sizeActivity struct {
	folds TileActivity
	once  tileBytes
}

// dramOf is the DRAM traffic of the i-th choice of sizes in each loop
// order, worked out on first use with geo (c's geometry with a memo of its
// own).
func (c *Candidates) dramOf(geo geometry, i int) *[len(allOrders)]DRAMBits {
	if m := c.orderDRAM[i].Load(); m != nil {
		return m
	}
	sz := c.sizes[i].sizes
	in := geo.ifmapLoads(sz.pRows)
	m := new([len(allOrders)]DRAMBits)
	for o, order := range allOrders {
		m[o] = in.dramBits(order, sz.tiles, c.bits, c.g, geo.count)
	}
	c.orderDRAM[i].Store(m)
	return m
}

// activityOf is the i-th choice of sizes' fold activity and bytes loaded
// once, worked out on first use with geo (c's geometry with a memo of its
// own).
func (c *Candidates) activityOf(geo geometry, i int) *sizeActivity {
	if m := c.folds[i].Load(); m != nil {
		return m
	}
	sz := c.sizes[i].sizes
	m := &sizeActivity{folds: geo.foldActivity(sz, c.space, c.bits, c.tm), once: geo.bytesOnce(sz, c.space, c.bits)}
	c.folds[i].Store(m)
	return m
}

// Len is the number of (sizes, order) candidates.
func (c *Candidates) Len() int { return len(c.sizes) * len(allOrders) }

// Choose returns the tiling of lowest objective over every candidate (ties
// go to fewer stall-free cycles, then to fewer tiles, then to the first
// listed), with its tiles and fold schedule.
func (c *Candidates) Choose(obj Objective) (Tiling, error) {
	if obj.Score == nil {
		return Tiling{}, fmt.Errorf("no tiling objective")
	}
	if len(c.sizes) == 0 {
		return Tiling{}, fmt.Errorf("no tile fits half of the buffers (ifmap %d, filter %d, ofmap %d words per half); enlarge them",
			c.space.IfmapWords, c.space.FilterWords, c.space.OfmapWords)
	}
	geo := c.geo
	geo.memo = map[[3]int]ifmapSweep{} // its own: Choose may run on several goroutines
	s := search{runnerUp: math.Inf(1)}
	for _, gr := range c.groups {
		if obj.Bound != nil && obj.Bound(gr.least) > s.runnerUp {
			s.tried += (gr.to - gr.from) * len(allOrders)
			continue
		}
		for i := gr.from; i < gr.to; i++ {
			c.considerSizes(geo, &s, i, obj)
		}
	}
	t := buildTiling(geo, c.g, s.best, c.a, c.df)
	t.Candidates, t.Score, t.RunnerUp = s.tried, s.best.score, s.runnerUp
	return t, nil
}

// CandidateCache keeps the Candidates of the layer shapes a sweep tiles,
// so that points that differ only in prices list them once: at most
// maxSizes choices of tile sizes in all, the least recently used dropped
// first. It assumes every buffer space it is given packs codes by the same
// rules for a word width (memory.WordsFor, memory.BytesPacked). It is safe
// for concurrent use; a nil cache keeps nothing.
type CandidateCache struct {
	mu       sync.Mutex
	maxSizes int
	held     int // sizes of the entries in the list
	entries  map[candidateKey]*list.Element
	recent   *list.List // of *candidateEntry, most recently used first
}

// NewCandidateCache returns a cache of at most maxSizes choices of tile
// sizes (a choice takes about 200 bytes, and up to 650 more for the
// memos of a choice a Choose has priced).
func NewCandidateCache(maxSizes int) *CandidateCache {
	return &CandidateCache{maxSizes: maxSizes, entries: map[candidateKey]*list.Element{}, recent: list.New()}
}

// candidateKey is what Candidates depend on.
type candidateKey struct {
	layer     workloads.Layer // its name cleared
	a         Array
	df        Dataflow
	words     [3]int64
	wordBits  int
	bits      OperandBits
	mode      Timing
	noPacking bool
}

type candidateEntry struct {
	key  candidateKey
	once sync.Once
	cs   *Candidates
	err  error
	held int // its sizes counted in CandidateCache.held (under its lock)
}

// TileLayer is TileLayer with the candidates listed once per layer shape.
func (c *CandidateCache) TileLayer(l workloads.Layer, a Array, df Dataflow, space BufferSpace, bits OperandBits, mode Timing,
	obj Objective) (Tiling, error) {
	if c == nil {
		return TileLayer(l, a, df, space, bits, mode, obj)
	}
	cs, err := c.candidates(l, a, df, space, bits, mode)
	if err == nil {
		var t Tiling
		if t, err = cs.Choose(obj); err == nil {
			return t, nil
		}
	}
	return Tiling{}, fmt.Errorf("layer %q: %w", l.Name, err)
}

func (c *CandidateCache) candidates(l workloads.Layer, a Array, df Dataflow, space BufferSpace, bits OperandBits, mode Timing) (*Candidates, error) {
	key := candidateKey{layer: l, a: a, df: df, words: [3]int64{space.IfmapWords, space.FilterWords, space.OfmapWords},
		wordBits: space.WordBits, bits: bits, mode: mode, noPacking: space.DRAMBytesFor == nil}
	key.layer.Name = ""
	c.mu.Lock()
	el, ok := c.entries[key]
	if ok {
		c.recent.MoveToFront(el)
	} else {
		el = c.recent.PushFront(&candidateEntry{key: key})
		c.entries[key] = el
	}
	e := el.Value.(*candidateEntry)
	c.mu.Unlock()
	e.once.Do(func() {
		e.cs, e.err = NewCandidates(l, a, df, space, bits, mode)
		if e.err == nil {
			c.hold(el, len(e.cs.sizes))
		}
	})
	return e.cs, e.err
}

// hold counts a listed entry's sizes, unless it was dropped meanwhile, and
// drops the least recently used entries beyond the bound (never the one
// just listed).
func (c *CandidateCache) hold(el *list.Element, sizes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := el.Value.(*candidateEntry)
	if c.entries[e.key] != el {
		return
	}
	e.held = sizes
	c.held += sizes
	for c.held > c.maxSizes && c.recent.Back() != el {
		old := c.recent.Remove(c.recent.Back()).(*candidateEntry)
		delete(c.entries, old.key)
		c.held -= old.held
	}
}
