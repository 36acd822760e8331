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
	// Refreshes counts all-bank refreshes issued.
	Refreshes uint64
	// BusyNS is the time the data buses were busy transferring data, in
	// ns, summed over channels.
	BusyNS float64
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
	s.Refreshes += o.Refreshes
	s.BusyNS += o.BusyNS
	return s
}
