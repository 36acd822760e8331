package dramcheck

import (
	"syscall"
	"testing"

	"github.com/logsim/logsim/memory/dram"
)

// The benchmarks run a micro-benchmark per iteration and report requests
// and bursts (64 B) simulated per wall-clock second, the simulated
// bandwidth, and the process's peak resident memory:
//
//	CGO_ENABLED=0 go test ./memory/dram/dramcheck -run XXX -bench . -benchtime 3x
//
// DMA-like streams use the reference design point's DMA: 1 KiB requests,
// 16 outstanding (design.md §7).
func BenchmarkFastSequential(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelFast}, Pattern{Kind: Sequential, Op: Reads, Size: 1024}, 20000, 16)
}

func BenchmarkFastSequentialMix(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelFast}, Pattern{Kind: Sequential, Op: Mix, Size: 1024}, 20000, 16)
}

func BenchmarkFastRandom(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelFast},
		Pattern{Kind: Random, Op: Reads, Size: 64, Region: 1 << 30, Seed: 1}, 100000, 64)
}

func BenchmarkFastRandom1KiB(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelFast},
		Pattern{Kind: Random, Op: Reads, Size: 1024, Region: 1 << 30, Seed: 1}, 20000, 16)
}

func BenchmarkFastHBM2Stack(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelFast, Preset: "HBM2", Overrides: map[string]string{"Channels": "8"}},
		Pattern{Kind: Sequential, Op: Reads, Size: 1024}, 20000, 64)
}

func BenchmarkAkitaSequential(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelAkita}, Pattern{Kind: Sequential, Op: Reads, Size: 1024}, 500, 16)
}

func BenchmarkAkitaRandom(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelAkita},
		Pattern{Kind: Random, Op: Reads, Size: 64, Region: 16 << 20, Seed: 1}, 3000, 64)
}

func BenchmarkIdealSequential(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelIdeal}, Pattern{Kind: Sequential, Op: Reads, Size: 1024}, 20000, 16)
}

func BenchmarkBandwidthSequential(b *testing.B) {
	benchmarkModel(b, dram.Config{Model: dram.ModelBandwidth}, Pattern{Kind: Sequential, Op: Reads, Size: 1024}, 20000, 16)
}

func benchmarkModel(b *testing.B, cfg dram.Config, p Pattern, requests, outstanding int) {
	r, err := dram.Resolve(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var m Measurement
	for i := 0; i < b.N; i++ {
		var err error
		m, err = Measure(Run{Model: r, Pattern: p, Requests: requests, Outstanding: outstanding})
		if err != nil {
			b.Fatal(err)
		}
	}
	seconds := b.Elapsed().Seconds()
	b.ReportMetric(float64(requests*b.N)/seconds, "requests/s")
	b.ReportMetric(float64(m.Stats.TransferredBytes/64)*float64(b.N)/seconds, "bursts/s")
	b.ReportMetric(m.BandwidthGBps, "sim-GB/s")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
