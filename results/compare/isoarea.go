package compare

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
)

// maxScale bounds the iso-area search: no array has more than maxScale
// times the baseline's aspect unit on a side.
const maxScale = 1 << 16

// IsoAreaShape is the largest array with base's aspect ratio — k·r × k·c,
// where base's R×C = g·r × g·c with g = gcd(R, C) — on which d's total
// area does not exceed base's. Areas are the cost model's
// (cost.Prices.Area), which do not depend on the network: nothing is
// simulated. It is an error when even r × c is too large.
func IsoAreaShape(base, d design.Resolved) (dataflow.Array, error) {
	limit, err := AreaOf(base, base.Point().Array)
	if err != nil {
		return dataflow.Array{}, err
	}
	unit := AspectUnit(base.Point().Array)
	smallest, err := AreaOf(d, unit)
	if err != nil {
		return dataflow.Array{}, err
	}
	if smallest > limit {
		return dataflow.Array{}, fmt.Errorf("iso-area: even a %d×%d array takes %.6g mm², more than the baseline's %.6g mm²",
			unit.Rows, unit.Cols, smallest, limit)
	}
	k, err := largest(func(k int) (bool, error) {
		a, err := AreaOf(d, scaled(unit, k))
		return a <= limit, err
	})
	if err != nil {
		return dataflow.Array{}, fmt.Errorf("iso-area: %w", err)
	}
	return scaled(unit, k), nil
}

// largest is the largest k in 1…maxScale with fits(k), for fits true at
// 1 and monotone (true up to some k, false after): doubling, then
// bisection.
func largest(fits func(int) (bool, error)) (int, error) {
	lo, hi := 1, 2 // fits(lo); hi is to be tested
	for ; ; lo, hi = hi, 2*hi {
		if hi > maxScale {
			return 0, fmt.Errorf("no bound below %d× the aspect unit", maxScale)
		}
		ok, err := fits(hi)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
	}
	for hi-lo > 1 { // fits(lo), !fits(hi)
		mid := (lo + hi) / 2
		ok, err := fits(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

// AspectUnit is the smallest array with a's aspect ratio: a divided by
// the greatest common divisor of its sides.
func AspectUnit(a dataflow.Array) dataflow.Array {
	g := gcd(a.Rows, a.Cols)
	return dataflow.Array{Rows: a.Rows / g, Cols: a.Cols / g}
}

func scaled(unit dataflow.Array, k int) dataflow.Array {
	return dataflow.Array{Rows: k * unit.Rows, Cols: k * unit.Cols}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// AreaOf is the total area of d with its array replaced by a (mm²).
func AreaOf(d design.Resolved, a dataflow.Array) (float64, error) {
	pt := d.Point()
	pt.Array = a
	cd := cost.DesignOf(d)
	cd.Array, cd.VectorLanes = a, pt.Lanes() // the vector unit may follow the array's columns
	bufs := cost.BuffersOf(pt)               // the buffers' banks follow the array's edge
	cd.Ifmap, cd.Filter, cd.Ofmap = bufs[0], bufs[1], bufs[2]
	p, err := cost.PricesOf(cd)
	if err != nil {
		return 0, err
	}
	return p.Area().Total(), nil
}

// resizeToArea gives the candidate its iso-area array.
func resizeToArea(c candidate, base design.Resolved) (candidate, error) {
	r, err := c.point.Resolve()
	if err != nil {
		return c, fmt.Errorf("design %q: %w", c.name, err)
	}
	shape, err := IsoAreaShape(base, r)
	if err != nil {
		return c, fmt.Errorf("design %q: %w", c.name, err)
	}
	area, err := AreaOf(r, shape)
	if err != nil {
		return c, fmt.Errorf("design %q: %w", c.name, err)
	}
	c.changes = append(c.changes, fmt.Sprintf("iso-area: array %d×%d → %d×%d (%.4f mm²)",
		c.point.Array.Rows, c.point.Array.Cols, shape.Rows, shape.Cols, area))
	c.point.Array = shape
	return c, nil
}
