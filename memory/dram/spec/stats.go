package spec

// Stats are the counters every DRAM model reports. Counters a model does
// not model stay zero (row hits for `ideal`, refreshes for `akita`).
type Stats struct {
	// ReadRequests and WriteRequests count the requests answered.
	ReadRequests, WriteRequests uint64
	// BytesRead and BytesWritten sum the sizes of the answered requests,
	// in bytes.
	BytesRead, BytesWritten uint64
	// TransferredBytes counts the bytes moved on the DRAM data bus, in
	// bytes: whole bursts, so a request that is not burst-aligned moves
	// more than it asked for. Energy = TransferredBytes·8·EnergyPJPerBit.
	TransferredBytes uint64
	// RowHits counts bursts served from an already open row, RowMisses
	// bursts that activated a closed bank, RowConflicts bursts that had to
	// precharge another open row first.
	RowHits, RowMisses, RowConflicts uint64
	// ReadBursts and WriteBursts count the column commands (RD, WR) issued,
	// one per burst (models that count row hits).
	ReadBursts, WriteBursts uint64
	// Refreshes counts all-bank refreshes issued.
	Refreshes uint64
	// BusyNS is the time the data buses were busy transferring data, in
	// ns, summed over channels.
	BusyNS float64
}

// Activates is the number of ACT commands: every burst that found its
// bank closed or another row open (each also precharged once).
func (s Stats) Activates() uint64 { return s.RowMisses + s.RowConflicts }

// Sub returns the field-wise difference s − o (counters since o).
func (s Stats) Sub(o Stats) Stats {
	return Stats{
		ReadRequests: s.ReadRequests - o.ReadRequests, WriteRequests: s.WriteRequests - o.WriteRequests,
		BytesRead: s.BytesRead - o.BytesRead, BytesWritten: s.BytesWritten - o.BytesWritten,
		TransferredBytes: s.TransferredBytes - o.TransferredBytes,
		RowHits:          s.RowHits - o.RowHits, RowMisses: s.RowMisses - o.RowMisses, RowConflicts: s.RowConflicts - o.RowConflicts,
		ReadBursts: s.ReadBursts - o.ReadBursts, WriteBursts: s.WriteBursts - o.WriteBursts,
		Refreshes: s.Refreshes - o.Refreshes, BusyNS: s.BusyNS - o.BusyNS,
	}
}

// Requests is the number of requests answered.
func (s Stats) Requests() uint64 { return s.ReadRequests + s.WriteRequests }

// Add returns the field-wise sum of s and o.
func (s Stats) Add(o Stats) Stats {
	s.ReadRequests += o.ReadRequests
	s.WriteRequests += o.WriteRequests
	s.BytesRead += o.BytesRead
	s.BytesWritten += o.BytesWritten
	s.TransferredBytes += o.TransferredBytes
	s.RowHits += o.RowHits
	s.RowMisses += o.RowMisses
	s.RowConflicts += o.RowConflicts
	s.ReadBursts += o.ReadBursts
	s.WriteBursts += o.WriteBursts
	s.Refreshes += o.Refreshes
	s.BusyNS += o.BusyNS
	return s
}
