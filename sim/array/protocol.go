package array

import (
	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/dataflow"
)

// RunTileReq hands the array one tile: its folds and the cycles from which
// its operands are in the buffers. All times are array cycles.
type RunTileReq struct {
	sim.MsgMeta
	Tag        int                // the tile's index in its layer
	Layer      int                // the layer's index, for the trace
	Schedule   *dataflow.Schedule // the layer's schedule (for the GEMM shape)
	Folds      dataflow.FoldGrid  // the tile's folds
	NewLayer   bool               // the tile is the first of a layer
	LayerStart int64              // with NewLayer: the layer's first fold may not start earlier
	IfmapAt    int64              // the tile's ifmap is in its buffer half from this cycle
	FilterAt   int64              // the tile's filter is in its buffer half from this cycle
	PsumAt     int64              // partial sums read back from DRAM are in place from this cycle
	OutFreeAt  int64              // the output half may be written from this cycle
	// Bits are the layer's operand code widths (zero: the array's own,
	// WithOperandBits); a layer with its own PE spec has its own.
	Bits dataflow.OperandBits
	// Vector, for a tile of a layer off the array, is its work on the
	// vector unit (package vector), which takes the same request.
	Vector *VectorTile
}

// VectorTile is a vector-unit tile: its cycles, the elements it reads from
// the ifmap buffer and writes to the ofmap buffer, and its operations.
type VectorTile struct {
	Cycles, InElems, OutElems, Ops int64
}

// Meta returns the message meta.
func (r *RunTileReq) Meta() *sim.MsgMeta { return &r.MsgMeta }

// TileScheduledRsp tells the controller when the tile's folds run and when
// it is done with each buffer half.
type TileScheduledRsp struct {
	sim.MsgMeta
	RespondTo  string
	Tag        int
	FirstStart int64 // first cycle of the tile's first fold
	LastEnd    int64 // cycle the tile's last output leaves the array
	IfmapLast  int64 // last cycle the tile reads its ifmap
	FilterLast int64 // last cycle the tile reads its filter
	OutLast    int64 // last cycle the tile writes an output
}

// Meta returns the message meta.
func (r *TileScheduledRsp) Meta() *sim.MsgMeta { return &r.MsgMeta }

// GetRspTo returns the ID of the request answered.
func (r *TileScheduledRsp) GetRspTo() string { return r.RespondTo }
