package compare

import (
	"fmt"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/analytic"
)

// Result is every design run on one network: the plan and its rows, in
// the plan's order (the baseline first).
type Result struct {
	Plan NetPlan
	Rows []results.CompareRow
}

// job is one distinct simulation: a point on a network.
type job struct {
	net, design int // the first planned design with this point
}

// Run simulates every planned design on its network — each distinct point
// once, opts.Workers at a time — and prices each run at every cost corner
// from its one simulation (sim.NetworkResult.Repriced). The results do
// not depend on the number of workers.
func Run(plans []NetPlan, opts Options) ([]Result, error) {
	jobs, of := distinctRuns(plans)
	runs := make([]sim.NetworkResult, len(jobs))
	cals := &analytic.Calibrations{}
	err := forEach(len(jobs), opts.workers(), func(k int) (err error) {
		net, d := plans[jobs[k].net].Network, plans[jobs[k].net].Designs[jobs[k].design]
		ro := sim.RunOptions{Numerics: opts.Numerics, Accuracy: plans[jobs[k].net].Accuracy, Fidelity: opts.Fidelity, Calibrations: cals}
		if runs[k], err = sim.Run(net, d.Point, ro); err != nil {
			return fmt.Errorf("design %q on %s: %w", d.Name, net.Name, err)
		}
		opts.Log.Debug().Str("network", net.Name).Str("design", d.Name).Int64("cycles", runs[k].Totals().TotalCycles).Msg("run done")
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Result, len(plans))
	for i, plan := range plans {
		if out[i], err = rows(plan, runs, of[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", plan.Network.Name, err)
		}
	}
	return out, nil
}

// distinctRuns lists the distinct simulations of the plans (by point ID)
// and, for every network and design, which one it is.
func distinctRuns(plans []NetPlan) ([]job, [][]int) {
	var jobs []job
	index := map[string]int{}
	of := make([][]int, len(plans))
	for i, plan := range plans {
		for j, d := range plan.Designs {
			id := sim.PointID(plan.Network, d.Point)
			if _, ok := index[id]; !ok {
				index[id] = len(jobs)
				jobs = append(jobs, job{i, j})
			}
			of[i] = append(of[i], index[id])
		}
	}
	return jobs, of
}

// rows builds one network's rows: each design's run, re-priced at every
// corner, beside the baseline's.
func rows(plan NetPlan, runs []sim.NetworkResult, of []int) (Result, error) {
	priced := make([][]*sim.NetworkResult, len(plan.Designs)) // [design][corner]
	for j, d := range plan.Designs {
		run := &runs[of[j]]
		for _, at := range d.Corners {
			r, err := run.Repriced(at)
			if err != nil {
				return Result{}, fmt.Errorf("design %q: %w", d.Name, err)
			}
			priced[j] = append(priced[j], &r)
		}
	}
	res := Result{Plan: plan}
	base := &runs[of[0]]
	for j, d := range plan.Designs {
		row := results.CompareRow{Design: d.Name, Role: string(d.Role), ControlFor: d.ControlFor,
			Run: &runs[of[j]], Baseline: base}
		for c := range d.Corners {
			row.Corners = append(row.Corners, results.CornerPair{Run: priced[j][c], Baseline: priced[0][c]})
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}
