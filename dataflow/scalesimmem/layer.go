package scalesimmem

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

// Config is what the model takes from a SCALE-Sim config.
type Config struct {
	Array                         dataflow.Array
	Dataflow                      dataflow.Dataflow
	IfmapKiB, FilterKiB, OfmapKiB int  // buffer sizes, KiB of 1-byte words (both halves)
	Compat                        bool // keep SCALE-Sim's counting bugs (package doc)
}

// Operand is one operand's traffic in SCALE-Sim's terms. Counts are words
// (SCALE-Sim's word: one element of one byte); windows are SCALE-Sim's
// cycles, both ends included, where cycle 0 is the layer's first demand
// row and the DRAM fill before it has negative cycles.
type Operand struct {
	SRAM      Window // first and last cycle the array reads (writes) the buffer
	SRAMWords int64  // words the array reads (ifmap, filter) or writes (ofmap)
	DRAM      Window // first and last cycle of the buffer's DRAM traffic
	DRAMWords int64  // words read from (ifmap, filter) or written to (ofmap) DRAM
}

// Layer is SCALE-Sim's report of one layer: the three report files' values.
type Layer struct {
	TotalCycles int64   // SCALE-Sim's Total Cycles: the zero-based cycle of the last demand row
	StallCycles int64   // cycles the write buffer held the array
	OverallUtil float64 // 100·MACs/(TotalCycles·R·C)
	MappingEff  float64 // 100·mean over folds of used PEs/(R·C)
	ComputeUtil float64 // 100·mean over folds of used PEs·T/(R·C·fold length)

	Ifmap, Filter, Ofmap Operand
}

// layerRun is the model's state while one layer's demand runs through it.
type layerRun struct {
	ops     operands
	r, t    int64
	ifmap   *readBuffer
	filter  *readBuffer
	ofmap   *writeBuffer
	stalls  int64
	sram    [3]Window
	sramSet [3]bool
}

// Simulate runs layer l's demand through SCALE-Sim's CALC-mode memory
// system and returns what SCALE-Sim reports for it.
func Simulate(l workloads.Layer, c Config) (Layer, error) {
	m, err := dataflow.NewMapping(l.GEMM(), c.Array, c.Dataflow)
	if err != nil {
		return Layer{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	ops, err := newOperands(l)
	if err != nil {
		return Layer{}, err
	}
	tr := m.Traffic()
	s := &layerRun{ops: ops, r: int64(c.Array.Rows), t: int64(m.T),
		ifmap: newReadBuffer(c.IfmapKiB, tr.IfmapReads), filter: newReadBuffer(c.FilterKiB, tr.FilterReads),
		ofmap: newWriteBuffer(c.OfmapKiB, c.Array.Cols, c.Compat)}
	last := s.runFolds(m)
	s.ofmap.flush(last)
	out, err := s.report(m, c.Compat)
	if err != nil {
		return Layer{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	out.TotalCycles, out.StallCycles = last, s.stalls
	out.OverallUtil, out.MappingEff, out.ComputeUtil = Utilisation(m, last, c.Compat)
	return out, nil
}

// runFolds issues every demand row, fold after fold, and returns the cycle
// the last row's outputs were taken in.
func (s *layerRun) runFolds(m dataflow.Mapping) int64 {
	rows := int64(m.FoldTiming(dataflow.ScaleSim).Latency)
	next := rowFuncs[m.Dataflow]
	var row, out int64
	for i := 0; i < m.Folds(); i++ {
		f := m.Fold(i)
		fd := fold{g: int64(f.Instance), r0: int64(f.RowFold * m.Array.Rows), c0: int64(f.ColFold * m.Array.Cols),
			ur: int64(f.UsedRows), uc: int64(f.UsedCols)}
		for j := int64(0); j < rows; j++ {
			cycle := row + s.stalls
			in, w, n := next(s, fd, j, cycle)
			s.note(0, in, cycle+readLatency)
			s.note(1, w, cycle+readLatency)
			out = s.ofmap.writeRow(cycle, n)
			s.note(2, n, out)
			s.stalls += out - cycle
			row++
		}
	}
	return out
}

// note widens operand op's SRAM window to cycle if its row had accesses.
func (s *layerRun) note(op int, accesses, cycle int64) {
	if accesses == 0 {
		return
	}
	if !s.sramSet[op] {
		s.sram[op].Start, s.sramSet[op] = cycle, true
	}
	s.sram[op].Stop = cycle
}

// readIfmap reads ifmap element (p, k) of instance g; it returns 0 for
// padding (no read), 1 otherwise.
func (s *layerRun) readIfmap(g, p, k, cycle int64) int64 {
	a := s.ops.ifmap(g, p, k)
	if a < 0 {
		return 0
	}
	s.ifmap.read(a, cycle)
	return 1
}

// readFilter reads filter element (k, n) of instance g.
func (s *layerRun) readFilter(g, k, n, cycle int64) int64 {
	s.filter.read(s.ops.filter(g, k, n), cycle)
	return 1
}

// report collects the three operands' SRAM and DRAM figures. SRAM counts
// are SCALE-Sim's closed forms (dataflow.Mapping.Traffic), with its extra
// R+C words per output-stationary fold under Compat.
func (s *layerRun) report(m dataflow.Mapping, compat bool) (Layer, error) {
	tr := m.Traffic()
	writes := tr.OfmapWrites
	if compat && m.Dataflow == dataflow.OS {
		writes += int64(m.Folds()) * int64(m.Array.Rows+m.Array.Cols)
	}
	var out Layer
	var err error
	out.Ifmap = Operand{SRAM: s.sram[0], SRAMWords: tr.IfmapReads}
	if out.Ifmap.DRAM, out.Ifmap.DRAMWords, err = s.ifmap.dram(); err != nil {
		return Layer{}, fmt.Errorf("ifmap: %w", err)
	}
	out.Filter = Operand{SRAM: s.sram[1], SRAMWords: tr.FilterReads}
	if out.Filter.DRAM, out.Filter.DRAMWords, err = s.filter.dram(); err != nil {
		return Layer{}, fmt.Errorf("filter: %w", err)
	}
	out.Ofmap = Operand{SRAM: s.sram[2], SRAMWords: writes, DRAM: s.ofmap.dram, DRAMWords: s.ofmap.words}
	return out, nil
}

// Utilisation computes COMPUTE_REPORT.csv's three percentages for a layer
// of total cycles (SCALE-Sim's Total Cycles) as SCALE-Sim does, fold by
// fold and in its order of operations, so that they are the same to the
// last bit: Overall Util, Mapping Efficiency and Compute Util. Compute
// Util's fold length is the real one (dataflow.FoldTiming's Latency, the
// same in both timing modes) unless compat asks for SCALE-Sim's, C−1 cycles
// longer for WS and IS.
func Utilisation(m dataflow.Mapping, total int64, compat bool) (overall, mapping, compute float64) {
	pes := int64(m.Array.PEs())
	if total > 0 {
		overall = float64(m.GEMM.MACs()*100) / float64(total*pes)
	}
	length := int64(m.FoldTiming(dataflow.ScaleSim).Latency)
	if compat && m.Dataflow != dataflow.OS {
		length += int64(m.Array.Cols - 1)
	}
	var sumMap, sumCompute float64
	for i := 0; i < m.Folds(); i++ {
		f := m.Fold(i)
		used := int64(f.UsedRows * f.UsedCols)
		sumMap += float64(used) / float64(pes)
		sumCompute += float64(used*int64(m.T)) / float64(pes*length)
	}
	n := float64(m.Folds())
	return overall, sumMap / n * 100, sumCompute / n * 100
}
