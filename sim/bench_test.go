package sim

import (
	"syscall"
	"testing"
	"time"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// BenchmarkResNet50 runs ResNet-50 (batch 1) at the reference design point
// with each DRAM model and reports simulated cycles per wall-clock second
// and the process's peak resident memory. Quote medians of several runs:
//
//	CGO_ENABLED=0 go test ./sim -run XXX -bench ResNet50 -count 5
func BenchmarkResNet50(b *testing.B) {
	models := []struct {
		name string
		cfg  dram.Config
	}{
		{"ideal", dram.Config{Model: dram.ModelIdeal}},
		{"bandwidth", bandwidthDRAM(25.6)},
		{"fast-DDR4", dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"}},
	}
	for _, m := range models {
		b.Run(m.name, func(b *testing.B) { benchmarkNetwork(b, workloads.ResNet50(1), withDRAM(m.cfg), FidelityEvent) })
	}
}

// BenchmarkVGG16 runs VGG-16 (batch 1) at the reference design point with
// the default fast DDR4, and on an 8×8 array at batch 1 and 8 (with
// bandwidth DRAM), whose peak resident memory shows that it grows neither
// with the number of folds nor much with batch:
//
//	CGO_ENABLED=0 go test ./sim -run XXX -bench VGG16 -count 5
//
// Each sub-benchmark's peak-RSS-MB is the process's so far: run one at a
// time (-bench 'VGG16/8x8-batch8') for its own.
func BenchmarkVGG16(b *testing.B) {
	small := withDRAM(bandwidthDRAM(25.6))
	small.Array.Rows, small.Array.Cols = 8, 8
	for _, c := range []struct {
		name  string
		d     design.Point
		batch int
	}{
		{"fast-DDR4", withDRAM(dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"}), 1},
		{"8x8-batch1", small, 1},
		{"8x8-batch8", small, 8},
	} {
		b.Run(c.name, func(b *testing.B) { benchmarkNetwork(b, workloads.VGG16(c.batch), c.d, FidelityEvent) })
	}
}

// BenchmarkResNet50Analytic is BenchmarkResNet50 at the analytic level
// (fast-DDR4 side by side with the event simulation's, the DRAM stand-in
// calibrated afresh in every run, as a lone run does), and at batch 1, 16
// and 256 with bandwidth DRAM:
//
//	CGO_ENABLED=0 go test ./sim -run XXX -bench 'ResNet50(Analytic)?/' -count 5
func BenchmarkResNet50Analytic(b *testing.B) {
	for _, m := range []struct {
		name  string
		cfg   dram.Config
		batch int
	}{
		{"ideal", dram.Config{Model: dram.ModelIdeal}, 1},
		{"bandwidth", bandwidthDRAM(25.6), 1},
		{"fast-DDR4", dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"}, 1},
		{"bandwidth-batch16", bandwidthDRAM(25.6), 16},
		{"bandwidth-batch256", bandwidthDRAM(25.6), 256},
	} {
		b.Run(m.name, func(b *testing.B) {
			benchmarkNetwork(b, workloads.ResNet50(m.batch), withDRAM(m.cfg), FidelityAnalytic)
		})
	}
}

// BenchmarkResNet50Akita is the same run with Akita's command-level DRAM
// model (slow: run it alone with -benchtime 1x).
func BenchmarkResNet50Akita(b *testing.B) {
	benchmarkNetwork(b, workloads.ResNet50(1), withDRAM(dram.Config{Model: dram.ModelAkita, Preset: "DDR4-3200"}), FidelityEvent)
}

func benchmarkNetwork(b *testing.B, net workloads.Network, d design.Point, fidelity string) {
	r, err := d.Resolve()
	if err != nil {
		b.Fatal(err)
	}
	var cycles int64
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		res, err := Run(net, r, RunOptions{Fidelity: fidelity})
		if err != nil {
			b.Fatal(err)
		}
		cycles = res.Totals().TotalCycles
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()*1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(cycles), "sim-cycles")
	b.ReportMetric(float64(cycles)*float64(b.N)/b.Elapsed().Seconds(), "sim-cycles/s")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}

// cpuTime is the process's user and system CPU time so far: on a machine
// shared with other work, a steadier measure of a run's cost than the wall
// clock (ns/op), though not a replacement for it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
