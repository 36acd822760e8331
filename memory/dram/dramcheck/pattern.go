package dramcheck

import (
	"fmt"
	"math/rand"
)

// Address patterns.
const (
	Sequential = "seq"
	Strided    = "strided"
	Random     = "random"
)

// Operation mixes.
const (
	Reads  = "read"
	Writes = "write"
	Mix    = "mix" // two reads, then one write, repeated
)

// Pattern describes a stream of requests.
type Pattern struct {
	// Kind is Sequential (request i at i·Size), Strided (at i·Stride) or
	// Random (uniform, Size-aligned, within Region).
	Kind string
	// Op is Reads, Writes or Mix.
	Op string
	// Size is the request size, in bytes.
	Size uint64
	// Stride is the distance between strided requests, in bytes.
	Stride uint64
	// Region bounds the addresses of random requests, in bytes.
	Region uint64
	// Seed seeds the random addresses.
	Seed int64
}

// Name is a short label such as "random/mix/256B".
func (p Pattern) Name() string {
	return fmt.Sprintf("%s/%s/%dB", p.Kind, p.Op, p.Size)
}

// Validate checks that the pattern can be generated.
func (p Pattern) Validate() error {
	switch {
	case p.Kind != Sequential && p.Kind != Strided && p.Kind != Random:
		return fmt.Errorf("pattern %s: unknown kind %q (valid: %s, %s, %s)", p.Name(), p.Kind, Sequential, Strided, Random)
	case p.Op != Reads && p.Op != Writes && p.Op != Mix:
		return fmt.Errorf("pattern %s: unknown operation %q (valid: %s, %s, %s)", p.Name(), p.Op, Reads, Writes, Mix)
	case p.Size == 0:
		return fmt.Errorf("pattern %s: size must be positive", p.Name())
	case p.Kind == Strided && p.Stride == 0:
		return fmt.Errorf("pattern %s: stride must be positive", p.Name())
	case p.Kind == Random && p.Region < p.Size:
		return fmt.Errorf("pattern %s: region %d B is smaller than a request", p.Name(), p.Region)
	}
	return nil
}

// Generator returns a function that yields the requests of the pattern in
// order: their address and whether they write. Each call of Generator
// starts the same sequence again.
func (p Pattern) Generator() func() (uint64, bool) {
	rng := rand.New(rand.NewSource(p.Seed))
	i := uint64(0)
	return func() (uint64, bool) {
		var addr uint64
		switch p.Kind {
		case Sequential:
			addr = i * p.Size
		case Strided:
			addr = i * p.Stride
		default:
			addr = uint64(rng.Int63n(int64(p.Region/p.Size))) * p.Size
		}
		write := p.Op == Writes || (p.Op == Mix && i%3 == 2)
		i++
		return addr, write
	}
}
