package controller

import (
	"github.com/logsim/logsim/dataflow"
)

// LayerPlan is what the controller executes for one layer.
type LayerPlan struct {
	Name   string
	Tiling dataflow.Tiling
	Bits   dataflow.OperandBits
}

// Operand indexes the controller's per-operand state.
type Operand int

// The operands as stored in the buffers.
const (
	Ifmap Operand = iota
	Filter
	Ofmap
	numOperands
)

// LayerStats is what the controller observed of one layer. Cycles are
// array cycles.
type LayerStats struct {
	Start        int64 // the layer's first cycle: the cycle after the previous layer's last output
	FirstFold    int64 // the first fold's start
	LastEnd      int64 // the last output's cycle
	StoresDoneAt int64 // the cycle the DMA finished the layer's last store
	DRAMBytes    DRAMBytes
	// DMAWords are the words the DMA wrote into (loads) and read out of
	// (stores) the ifmap, filter and ofmap buffers for the layer's tiles.
	DMAWords  [numOperands]dataflow.WordCounts
	DRAMSpans DRAMSpans
}

// DRAMSpans are the cycles of the layer's DRAM traffic per operand: from
// the cycle the DMA sent the first request of the operand's first transfer
// to the cycle the last response of its last transfer came back.
type DRAMSpans struct {
	IfmapRead, FilterRead, PsumRead dataflow.CycleSpan
	Write                           dataflow.CycleSpan // partial sums and outputs
}

// DRAMBytes is the layer's DRAM traffic per operand, in bytes (codes packed
// into 64-bit words, memory.BytesPacked).
type DRAMBytes = dataflow.DRAMBytes

// TransferInfo says what a DMA transfer moves: the trace carries it as the
// task's detail.
type TransferInfo struct {
	Layer     int     // layer index
	Operand   Operand // Ifmap, Filter or Ofmap (partial sums and outputs)
	FirstTile int     // first tile of the layer using (or producing) the data
	LastTile  int     // last such tile
	Store     bool    // buffer → DRAM
}

// String names the operand.
func (o Operand) String() string { return [...]string{"ifmap", "filter", "ofmap"}[o] }

// Destination is where a message the controller sends goes.
type Destination int

// The controller's peers.
const (
	ToArray Destination = iota
	ToVector
	ToDMA
)

// add widens the span of the operand a transfer moved.
func (s *DRAMSpans) add(ref transferRef, first, last int64) {
	switch {
	case ref.store:
		s.Write = s.Write.Add(first, last)
	case ref.o.operand == Ifmap:
		s.IfmapRead = s.IfmapRead.Add(first, last)
	case ref.o.operand == Filter:
		s.FilterRead = s.FilterRead.Add(first, last)
	default:
		s.PsumRead = s.PsumRead.Add(first, last)
	}
}

// Shift returns the spans moved by d cycles.
func (s DRAMSpans) Shift(d int64) DRAMSpans {
	return DRAMSpans{IfmapRead: s.IfmapRead.Shift(d), FilterRead: s.FilterRead.Shift(d),
		PsumRead: s.PsumRead.Shift(d), Write: s.Write.Shift(d)}
}
