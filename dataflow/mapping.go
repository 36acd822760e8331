package dataflow

import (
	"fmt"

	"github.com/logsim/logsim/workloads"
)

// Array is the geometry of the PE array.
type Array struct {
	Rows int // R, PEs per column
	Cols int // C, PEs per row
}

// PEs is the number of processing elements, R·C.
func (a Array) PEs() int { return a.Rows * a.Cols }

// Validate rejects an array with a non-positive dimension.
func (a Array) Validate() error {
	if a.Rows <= 0 || a.Cols <= 0 {
		return fmt.Errorf("array must be at least 1×1, got %d×%d", a.Rows, a.Cols)
	}
	return nil
}

// Mapping places a GEMM on the array under one dataflow. Every one of the
// GEMM's Count instances is mapped the same way, one after the other.
type Mapping struct {
	Dataflow Dataflow
	Array    Array
	GEMM     workloads.GEMM

	Sr       int // GEMM extent spread over the array rows
	Sc       int // GEMM extent spread over the array columns
	T        int // GEMM extent streamed in time through each fold
	RowFolds int // ⌈Sr/R⌉
	ColFolds int // ⌈Sc/C⌉
}

// Fold is one placement of a slice of the GEMM on the array.
type Fold struct {
	Index    int // position in execution order, from 0
	Instance int // which of the GEMM's Count instances
	RowFold  int // 0 … RowFolds−1
	ColFold  int // 0 … ColFolds−1
	UsedRows int // rows holding real work (the last row fold may be partial)
	UsedCols int // columns holding real work
}

// NewMapping maps g onto a with dataflow df (design.md §4).
func NewMapping(g workloads.GEMM, a Array, df Dataflow) (Mapping, error) {
	if err := a.Validate(); err != nil {
		return Mapping{}, err
	}
	if g.P <= 0 || g.K <= 0 || g.N <= 0 || g.Count <= 0 {
		return Mapping{}, fmt.Errorf("GEMM dimensions must be positive, got P=%d K=%d N=%d count=%d",
			g.P, g.K, g.N, g.Count)
	}
	m := Mapping{Dataflow: df, Array: a, GEMM: g}
	switch df {
	case OS:
		m.Sr, m.Sc, m.T = g.P, g.N, g.K
	case WS:
		m.Sr, m.Sc, m.T = g.K, g.N, g.P
	case IS:
		m.Sr, m.Sc, m.T = g.K, g.P, g.N
	default:
		return Mapping{}, fmt.Errorf("unknown dataflow %v", df)
	}
	m.RowFolds = ceilDiv(m.Sr, a.Rows)
	m.ColFolds = ceilDiv(m.Sc, a.Cols)
	return m, nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// FoldsPerInstance is the number of folds of one GEMM instance.
func (m Mapping) FoldsPerInstance() int { return m.RowFolds * m.ColFolds }

// Folds is the number of folds of all Count instances.
func (m Mapping) Folds() int { return m.FoldsPerInstance() * m.GEMM.Count }

// Fold returns fold i in execution order: instances one after the other;
// within an instance the column fold is the outer loop and the row fold the
// inner loop, as in SCALE-Sim.
func (m Mapping) Fold(i int) Fold {
	per := m.FoldsPerInstance()
	f := Fold{Index: i, Instance: i / per}
	within := i % per
	f.ColFold = within / m.RowFolds
	f.RowFold = within % m.RowFolds
	f.UsedRows = usedExtent(m.Sr, m.Array.Rows, f.RowFold)
	f.UsedCols = usedExtent(m.Sc, m.Array.Cols, f.ColFold)
	return f
}

func usedExtent(total, size, fold int) int {
	rest := total - fold*size
	if rest > size {
		return size
	}
	return rest
}

// MappingEfficiency is the mean over folds of used PEs / (R·C), as a
// fraction. Every fold counts equally (SCALE-Sim's definition). Because the
// folds form a grid, the mean factors into mean used rows × mean used
// columns: (Sr/RowFolds)·(Sc/ColFolds)/(R·C).
func (m Mapping) MappingEfficiency() float64 {
	meanRows := float64(m.Sr) / float64(m.RowFolds)
	meanCols := float64(m.Sc) / float64(m.ColFolds)
	return meanRows * meanCols / float64(m.Array.PEs())
}
