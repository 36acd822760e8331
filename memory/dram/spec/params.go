package spec

import (
	"fmt"
	"math"
	"math/bits"
)

// Page policies of a DRAM controller.
const (
	// PageOpen keeps a row open after a column access until another row of
	// the same bank is needed (a conflict: PRE, ACT, then the access).
	PageOpen = "open"
	// PageClose issues every column access with auto-precharge (RDA/WRA), so
	// every access needs its own ACT.
	PageClose = "close"
)

// Write policies of the `fast` controller.
const (
	// WriteDrain buffers writes in a write queue and issues them in batches:
	// when the queue reaches WriteHighWatermark bursts it drains down to
	// WriteLowWatermark, and it drains completely when no read is waiting.
	WriteDrain = "drain"
	// WriteInOrder schedules writes exactly like reads, in arrival order
	// (the behaviour of Akita v3's MemController).
	WriteInOrder = "inorder"
)

// Params is the full parameter set of one DRAM model: a number of identical
// channels, their organisation and timings, and the controller's policies.
// Every field can be overridden by name (see Set).
type Params struct {
	// Name is the preset this parameter set started from, e.g. "DDR4-3200".
	Name string
	// MemoryType names the DRAM standard ("DDR4", "LPDDR4", "HBM2"); the
	// technology table may key its energy per bit on it.
	MemoryType string
	// EnergyPJPerBit is the energy of moving one bit between the DRAM and
	// the controller at the nominal cost corner, in pJ/bit (sources in
	// presets.go). The preset is the single source of a DRAM's energy.
	EnergyPJPerBit float64
	// EnergyLowScale and EnergyHighScale give the energy per bit at the low
	// and high cost corners as multiples of EnergyPJPerBit (1 where only one
	// source exists; sources in presets.go).
	EnergyLowScale, EnergyHighScale float64

	// Channels is the number of independent channels, each with its own
	// banks, command bus and data bus.
	Channels int
	// Ranks is the number of ranks per channel (sharing the data bus).
	Ranks int
	// BankGroups is the number of bank groups per rank.
	BankGroups int
	// BanksPerGroup is the number of banks in each bank group.
	BanksPerGroup int
	// Rows is the number of rows per bank.
	Rows int
	// Columns is the number of columns per row of one device, each column
	// DeviceWidthBits wide (DRAMSim3's convention: HBM columns are doubled).
	Columns int
	// DeviceWidthBits is the data width of one DRAM device, in bits.
	DeviceWidthBits int
	// BusWidthBits is the data-bus width of one channel, in bits.
	BusWidthBits int
	// BurstLength is the number of bus beats per column access (BL).
	BurstLength int
	// DataRate is the number of bus beats per clock cycle (2 for DDR).
	DataRate int
	// ClockMHz is the DRAM command clock, in MHz (tCK = 1000/ClockMHz ns).
	ClockMHz float64

	// CL is the read latency, column command to first data, in cycles.
	CL int
	// CWL is the write latency, column command to first data, in cycles.
	CWL int
	// TRCD is tRCD, ACT to column command of the same bank, in cycles.
	TRCD int
	// TRP is tRP, PRE to ACT of the same bank, in cycles.
	TRP int
	// TRAS is tRAS, ACT to PRE of the same bank, in cycles.
	TRAS int
	// TRRDL is tRRD_L, ACT to ACT in the same bank group, in cycles.
	TRRDL int
	// TRRDS is tRRD_S, ACT to ACT in different bank groups, in cycles.
	TRRDS int
	// TCCDL is tCCD_L, column command to column command in the same bank
	// group, in cycles.
	TCCDL int
	// TCCDS is tCCD_S, column command to column command in different bank
	// groups, in cycles.
	TCCDS int
	// TWTRL is tWTR_L, end of write data to read command in the same bank
	// group, in cycles.
	TWTRL int
	// TWTRS is tWTR_S, end of write data to read command in another bank
	// group, in cycles.
	TWTRS int
	// TWR is tWR, write recovery: end of write data to PRE, in cycles.
	TWR int
	// TRTP is tRTP, read to PRE of the same bank, in cycles.
	TRTP int
	// TFAW is tFAW, the window in which at most four ACTs may issue to one
	// rank, in cycles; 0 disables the constraint.
	TFAW int
	// TRTRS is tRTRS, the rank-to-rank data-bus switch time, in cycles.
	TRTRS int
	// TPPD is tPPD, PRE to PRE in the same rank, in cycles (LPDDR4).
	TPPD int
	// TRPRE is the read preamble, in cycles (enters read-to-write spacing).
	TRPRE int
	// TWPRE is the write preamble, in cycles (enters rank-switch spacing).
	TWPRE int
	// TREFI is tREFI, the average interval between all-bank refreshes of a
	// rank, in cycles.
	TREFI int
	// TRFC is tRFC, the duration of an all-bank refresh, in cycles.
	TRFC int

	// PagePolicy is PageOpen or PageClose.
	PagePolicy string
	// AddressMapping is the order of the address fields from the most to
	// the least significant, e.g. "ro-co-ra-ba-bg-ch" (see package addrmap).
	AddressMapping string
	// InterleaveBytes is the number of consecutive bytes kept in one
	// channel/bank before the mapping moves to the next, in bytes.
	InterleaveBytes int
	// Refresh enables periodic all-bank refresh (tREFI, tRFC).
	Refresh bool
	// TransactionQueueDepth is the number of bursts a channel's controller
	// holds between taking a request from its port and moving the bursts
	// to the command queues.
	TransactionQueueDepth int
	// CommandQueueDepth is the number of bursts per rank among which the
	// scheduler may pick; a burst leaves it when its column command issues.
	CommandQueueDepth int
	// WritePolicy is WriteDrain or WriteInOrder (`fast` only).
	WritePolicy string
	// WriteQueueDepth is the capacity of the write queue, in bursts
	// (WriteDrain only).
	WriteQueueDepth int
	// WriteHighWatermark is the write-queue occupancy, in bursts, that
	// starts a drain (WriteDrain only).
	WriteHighWatermark int
	// WriteLowWatermark is the occupancy, in bursts, at which a drain stops
	// (WriteDrain only).
	WriteLowWatermark int
	// FrontendCycles is the number of DRAM cycles from the cycle a request
	// is taken from the port to the first cycle its first command may issue.
	FrontendCycles int
	// BackendCycles is the number of DRAM cycles from the end of a
	// request's last data burst to the cycle its response is sent.
	BackendCycles int
	// DualCommandBus gives row commands (ACT, PRE) and column commands
	// (RD, WR) separate command buses, as in HBM; otherwise one command
	// issues per cycle per channel.
	DualCommandBus bool
}

// EnergyScale is the factor of EnergyPJPerBit at a cost corner:
// EnergyLowScale at "low", EnergyHighScale at "high", 1 at "nominal".
func (p Params) EnergyScale(corner string) (float64, error) {
	switch corner {
	case "nominal":
		return 1, nil
	case "low":
		return p.EnergyLowScale, nil
	case "high":
		return p.EnergyHighScale, nil
	}
	return 0, fmt.Errorf("unknown cost corner %q (want nominal, low or high)", corner)
}

// BurstCycles is the number of DRAM cycles one burst occupies the data bus.
func (p Params) BurstCycles() int { return p.BurstLength / p.DataRate }

// BurstBytes is the number of bytes one column access moves.
func (p Params) BurstBytes() int { return p.BusWidthBits / 8 * p.BurstLength }

// RowBytes is the size of one row of a rank (all devices), in bytes.
func (p Params) RowBytes() int { return p.Columns * p.BusWidthBits / 8 }

// BurstsPerRow is the number of bursts in one row of a rank.
func (p Params) BurstsPerRow() int { return p.Columns / p.BurstLength }

// Banks is the number of banks per rank.
func (p Params) Banks() int { return p.BankGroups * p.BanksPerGroup }

// TRC is tRC = tRAS + tRP, ACT to ACT of the same bank, in cycles.
func (p Params) TRC() int { return p.TRAS + p.TRP }

// ReadDelay is CL plus the burst, in cycles: read command to last data.
func (p Params) ReadDelay() int { return p.CL + p.BurstCycles() }

// WriteDelay is CWL plus the burst, in cycles: write command to last data.
func (p Params) WriteDelay() int { return p.CWL + p.BurstCycles() }

// CycleNS is the DRAM clock period tCK, in ns.
func (p Params) CycleNS() float64 { return 1000 / p.ClockMHz }

// ChannelPeakGBps is the peak data bandwidth of one channel, in GB/s
// (1 GB = 1e9 bytes).
func (p Params) ChannelPeakGBps() float64 {
	return float64(p.BusWidthBits/8*p.DataRate) * p.ClockMHz / 1000
}

// PeakGBps is the peak data bandwidth of all channels, in GB/s.
func (p Params) PeakGBps() float64 {
	return p.ChannelPeakGBps() * float64(p.Channels)
}

// CapacityBytes is the capacity addressed by the mapping, in bytes.
func (p Params) CapacityBytes() uint64 {
	return uint64(p.Channels) * uint64(p.Ranks) * uint64(p.Banks()) *
		uint64(p.Rows) * uint64(p.RowBytes())
}

// Validate checks that the parameter set describes a buildable model and
// returns an error naming the first offending parameter.
func (p Params) Validate() error {
	checks := []func(Params) error{
		validateBounds, validateCounts, validatePowersOfTwo, validateTimings, validatePolicies,
	}
	for _, check := range checks {
		if err := check(p); err != nil {
			return fmt.Errorf("DRAM preset %q: %w", p.Name, err)
		}
	}
	return nil
}

func validateCounts(p Params) error {
	positive := []struct {
		name  string
		value int
	}{
		{"Channels", p.Channels}, {"Ranks", p.Ranks},
		{"BankGroups", p.BankGroups}, {"BanksPerGroup", p.BanksPerGroup},
		{"Rows", p.Rows}, {"Columns", p.Columns},
		{"DeviceWidthBits", p.DeviceWidthBits},
		{"BusWidthBits", p.BusWidthBits}, {"BurstLength", p.BurstLength},
		{"DataRate", p.DataRate}, {"InterleaveBytes", p.InterleaveBytes},
		{"TransactionQueueDepth", p.TransactionQueueDepth},
		{"CommandQueueDepth", p.CommandQueueDepth},
		{"FrontendCycles", p.FrontendCycles},
	}
	for _, c := range positive {
		if c.value <= 0 {
			return fmt.Errorf("parameter %s = %d: must be positive", c.name, c.value)
		}
	}
	for _, e := range []struct {
		name  string
		value float64
	}{{"EnergyPJPerBit", p.EnergyPJPerBit}, {"EnergyLowScale", p.EnergyLowScale}, {"EnergyHighScale", p.EnergyHighScale}} {
		if !(e.value >= 0) || math.IsInf(e.value, 0) {
			return fmt.Errorf("parameter %s = %g: must be a finite number, not negative", e.name, e.value)
		}
	}
	if !(p.ClockMHz > 0) || math.IsInf(p.ClockMHz, 0) {
		return fmt.Errorf("parameter ClockMHz = %g: must be positive and finite", p.ClockMHz)
	}
	if p.BurstLength%p.DataRate != 0 {
		return fmt.Errorf("parameter BurstLength = %d: must be a multiple of DataRate = %d",
			p.BurstLength, p.DataRate)
	}
	if p.BusWidthBits%8 != 0 || p.BusWidthBits%p.DeviceWidthBits != 0 {
		return fmt.Errorf("parameter BusWidthBits = %d: must be a multiple of 8 and of DeviceWidthBits = %d",
			p.BusWidthBits, p.DeviceWidthBits)
	}
	return nil
}

func validatePowersOfTwo(p Params) error {
	pow2 := []struct {
		name  string
		value int
	}{
		{"Channels", p.Channels}, {"Ranks", p.Ranks},
		{"BankGroups", p.BankGroups}, {"BanksPerGroup", p.BanksPerGroup},
		{"Rows", p.Rows}, {"Columns", p.Columns},
		{"BurstLength", p.BurstLength}, {"InterleaveBytes", p.InterleaveBytes},
	}
	for _, c := range pow2 {
		if bits.OnesCount(uint(c.value)) != 1 {
			return fmt.Errorf("parameter %s = %d: must be a power of two", c.name, c.value)
		}
	}
	if p.Columns < p.BurstLength {
		return fmt.Errorf("parameter Columns = %d: must be at least BurstLength = %d",
			p.Columns, p.BurstLength)
	}
	if bits.OnesCount(uint(p.BurstBytes())) != 1 {
		return fmt.Errorf("parameters BusWidthBits·BurstLength/8 = %d bytes: must be a power of two",
			p.BurstBytes())
	}
	if p.InterleaveBytes < p.BurstBytes() || p.InterleaveBytes > p.RowBytes() {
		return fmt.Errorf("parameter InterleaveBytes = %d: must lie between one burst (%d B) and one row (%d B)",
			p.InterleaveBytes, p.BurstBytes(), p.RowBytes())
	}
	return nil
}

func validateTimings(p Params) error {
	for _, f := range p.fields() {
		v, ok := f.ptr.(*int)
		if !ok || !f.timing {
			continue
		}
		if *v < 0 {
			return fmt.Errorf("parameter %s = %d: a timing must not be negative", f.name, *v)
		}
	}
	required := []struct {
		name  string
		value int
	}{{"CL", p.CL}, {"CWL", p.CWL}, {"tRCD", p.TRCD}, {"tRP", p.TRP}, {"tRAS", p.TRAS}}
	for _, c := range required {
		if c.value <= 0 {
			return fmt.Errorf("parameter %s = %d: must be positive", c.name, c.value)
		}
	}
	if p.Refresh && (p.TREFI <= p.TRFC || p.TRFC <= 0) {
		return fmt.Errorf("parameter tREFI = %d: refresh needs tREFI > tRFC = %d > 0",
			p.TREFI, p.TRFC)
	}
	return nil
}

func validatePolicies(p Params) error {
	if p.PagePolicy != PageOpen && p.PagePolicy != PageClose {
		return fmt.Errorf("parameter PagePolicy = %q: must be %q or %q",
			p.PagePolicy, PageOpen, PageClose)
	}
	if p.WritePolicy != WriteDrain && p.WritePolicy != WriteInOrder {
		return fmt.Errorf("parameter WritePolicy = %q: must be %q or %q",
			p.WritePolicy, WriteDrain, WriteInOrder)
	}
	if p.WritePolicy == WriteDrain {
		if p.WriteLowWatermark < 0 || p.WriteLowWatermark >= p.WriteHighWatermark ||
			p.WriteHighWatermark > p.WriteQueueDepth {
			return fmt.Errorf("parameters WriteLowWatermark = %d, WriteHighWatermark = %d, "+
				"WriteQueueDepth = %d: need 0 <= low < high <= depth",
				p.WriteLowWatermark, p.WriteHighWatermark, p.WriteQueueDepth)
		}
	}
	if p.BackendCycles < 0 {
		return fmt.Errorf("parameter BackendCycles = %d: must not be negative", p.BackendCycles)
	}
	return nil
}
