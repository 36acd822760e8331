package main

import (
	"context"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/sweep"
)

// cpuTime is the process's CPU time so far (user and system): what a
// benchmark on a shared machine can compare.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSweepOverhead measures what a sweep adds to the runs of its
// points, in CPU time (the machine is shared): 8 points of
// examples/sweep/resnet50-500.yaml (every 64th), each run alone with
// sim.Run and as a one-point shard through sweep.Run on one worker
// (encoding, journal, shard file), interleaved and in alternating order so
// that both see the same machine; and the plan (every combination resolved, every point ID) per
// point of the whole sweep.
//
//	CGO_ENABLED=0 go test ./cmd/logsim -run XXX -bench SweepOverhead -benchtime 1x
func BenchmarkSweepOverhead(b *testing.B) {
	spec, err := sweep.Load(filepath.Join("..", "..", "examples", "sweep", "resnet50-500.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		t0 := cpuTime(b)
		plan, err := spec.Plan()
		if err != nil {
			b.Fatal(err)
		}
		planPerPoint := float64(cpuTime(b)-t0) / float64(len(plan.Jobs))
		var sweepCPU, runCPU time.Duration
		points := 0
		for i := 0; i < len(plan.Jobs); i += 64 {
			measure := []func(){
				func() { runCPU += cpuOf(b, func() { runPoint(b, plan, plan.Jobs[i]) }) },
				func() { sweepCPU += cpuOf(b, func() { sweepPoint(b, plan, i) }) },
			}
			if points%2 == 1 { // every other point the sweep goes first
				measure[0], measure[1] = measure[1], measure[0]
			}
			measure[0]()
			measure[1]()
			points++
		}
		perPoint := func(d time.Duration) float64 { return float64(d) / float64(points) }
		b.ReportMetric(planPerPoint/1e6, "plan_ms/point")
		b.ReportMetric(perPoint(sweepCPU)/1e9, "sweep_s/point")
		b.ReportMetric(perPoint(runCPU)/1e9, "run_s/point")
		b.ReportMetric(100*(perPoint(sweepCPU)/perPoint(runCPU)-1), "overhead_%")
		b.ReportMetric(100*((perPoint(sweepCPU)+planPerPoint)/perPoint(runCPU)-1), "overhead_with_plan_%")
	}
}

// cpuOf is the CPU time f takes, after a collection, so that neither side
// pays for the other's garbage.
func cpuOf(b *testing.B, f func()) time.Duration {
	runtime.GC()
	t := cpuTime(b)
	f()
	return cpuTime(b) - t
}

// runPoint runs one point with sim.Run alone.
func runPoint(b *testing.B, plan *sweep.Plan, j sweep.Job) {
	d, err := plan.Resolve(j)
	if err == nil {
		_, err = sim.Run(plan.Networks[j.Network], d, sim.RunOptions{})
	}
	if err != nil {
		b.Fatal(err)
	}
}

// sweepPoint runs the point at index i as a one-point shard of the sweep.
func sweepPoint(b *testing.B, plan *sweep.Plan, i int) {
	out := filepath.Join(b.TempDir(), "shard.jsonl")
	_, err := sweep.Run(context.Background(), plan, sweep.Outputs{Out: out, WriteFile: results.WriteFileAtomic},
		sweep.Options{Workers: 1, Shard: sweep.Shard{Index: i + 1, Count: len(plan.Jobs)}, Encoder: sweepEncoder()})
	if err != nil {
		b.Fatal(err)
	}
}
