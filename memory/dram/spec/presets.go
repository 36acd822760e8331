package spec

import (
	"fmt"
	"strings"

	"github.com/logsim/logsim/internal/suggest"
)

// Preset names.
const (
	PresetDDR4      = "DDR4-3200"
	PresetLPDDR4    = "LPDDR4-4266"
	PresetHBM2      = "HBM2"
	PresetHBM2Stack = "HBM2-stack"
)

// DefaultPreset is the DRAM of the reference design point (design.md §7).
const DefaultPreset = PresetDDR4

// PresetNames lists the presets Preset accepts.
func PresetNames() []string {
	return []string{PresetDDR4, PresetLPDDR4, PresetHBM2, PresetHBM2Stack}
}

// Preset returns the parameter set called name (case-insensitive). An
// unknown name gives an error listing the valid ones.
func Preset(name string) (Params, error) {
	for _, n := range PresetNames() {
		if strings.EqualFold(n, name) {
			return presetByName(n), nil
		}
	}
	return Params{}, fmt.Errorf("unknown DRAM preset %q%s (valid: %s)",
		name, suggest.Hint(name, PresetNames()), strings.Join(PresetNames(), ", "))
}

func presetByName(name string) Params {
	switch name {
	case PresetLPDDR4:
		return lpddr4()
	case PresetHBM2:
		return hbm2()
	case PresetHBM2Stack:
		return hbm2Stack()
	}
	return ddr4()
}

// controllerDefaults are the policies shared by every preset.
//
//   - open page, channel/bank interleaving at 256 B over the fields
//     ro-co-ra-ba-bg-ch: consecutive 256 B chunks go to another channel,
//     then another bank group, bank and rank (design.md §7);
//   - transaction queue of 32 bursts (Akita v3 MemController default) and a
//     command queue of 32 bursts per rank (DRAMSim3 HBM2_8Gb_x128.ini,
//     cmd_queue_size = 32, queue_structure = PER_RANK);
//   - write queue of 64 bursts drained from 85 % (54) down to 50 % (32),
//     gem5 DRAMCtrl defaults (write_buffer_size = 64,
//     write_high_thresh_perc = 85, write_low_thresh_perc = 50);
//   - 2 front-end cycles and 1 back-end cycle: the pipeline of Akita v3's
//     MemController (parse → sub-transaction queue → command queue → issue;
//     respond in the tick after completion).
func controllerDefaults(p Params) Params {
	p.PagePolicy = PageOpen
	p.AddressMapping = "ro-co-ra-ba-bg-ch"
	p.InterleaveBytes = 256
	p.Refresh = true
	p.TransactionQueueDepth = 32
	p.CommandQueueDepth = 32
	p.WritePolicy = WriteDrain
	p.WriteQueueDepth = 64
	p.WriteHighWatermark = 54
	p.WriteLowWatermark = 32
	p.FrontendCycles = 2
	p.BackendCycles = 1
	return p
}

// ddr4 is one 64-bit DDR4-3200 channel of x8 8 Gb devices, from
// DRAMSim3 configs/DDR4_8Gb_x8_3200.ini (umd-memsys/DRAMsim3): tCK 0.625 ns
// (the ini rounds it to 0.63), 4 bank groups × 4 banks, 65536 rows × 1024
// columns, BL8, and its timings. Ranks = 2: DRAMSim3 derives them from the
// ini's channel_size = 16384 MB and 8192 MB per rank of eight x8 devices.
// Peak 25.6 GB/s. Energy per bit (used only where the DRAM model counts
// no commands, and as the dram_access constant's high end): 20 pJ/bit
// nominal, Horowitz's 1.3 nJ per 64-bit DRAM access (tech-reference.md
// §1.1, §4; also a 32-bit read of 640 pJ), interface included; low corner
// 5.4375 pJ/bit: this part's own IDD read burst, page hit, core only
// (spec.CommandEnergyOf: 2784 pJ per 512-bit burst); high corner 40
// pJ/bit, Horowitz's upper 2.6 nJ per 64 bits (2600/64 = 40.6, rounded).
// The DDR3-derived corners of earlier versions (16 and 72 pJ/bit) are
// gone. With the fast model the DRAM is priced from its commands
// (power.go).
func ddr4() Params {
	return controllerDefaults(Params{
		Name: PresetDDR4, MemoryType: "DDR4", EnergyPJPerBit: 20, EnergyLowScale: 2784.0 / 512 / 20, EnergyHighScale: 40.0 / 20,
		Channels: 1, Ranks: 2, BankGroups: 4, BanksPerGroup: 4,
		Rows: 65536, Columns: 1024, DeviceWidthBits: 8, BusWidthBits: 64,
		BurstLength: 8, DataRate: 2, ClockMHz: 1600,
		CL: 22, CWL: 16, TRCD: 22, TRP: 22, TRAS: 52,
		TRRDL: 8, TRRDS: 4, TCCDL: 8, TCCDS: 4, TWTRL: 12, TWTRS: 4,
		TWR: 24, TRTP: 12, TFAW: 34, TRTRS: 1, TPPD: 0, TRPRE: 1, TWPRE: 1,
		TREFI: 12480, TRFC: 560,
	})
}

// hbm2 is one 128-bit HBM2 legacy channel from DRAMSim3
// configs/HBM2_8Gb_x128.ini: tCK 1 ns, 4 bank groups × 4 banks, 32768 rows,
// 64 columns of 2 × 128 bits (DRAMSim3 doubles HBM columns to 128 of 128
// bits: a 2 KiB row), BL4, and its timings (tRCDRD = tRCDWR = 14). The ini
// gives no tRTP (only tRTP_L = 6, tRTP_S = 4, which DRAMSim3 does not read)
// and no tRTRS, so DRAMSim3's defaults apply: tRTP = 5, tRTRS = 2. Ranks = 1
// (channel_size 1024 MB / 1024 MB per rank). Row and column commands have
// separate buses (DRAMSim3 hbm_dual_cmd, default true). A stack has 8 such
// channels: the HBM2-stack preset. Peak 32 GB/s per channel. Energy 3.9
// pJ/bit at every corner (tech-reference.md §4, Accelergy CACTI plug-in
// "HBM2"; one source only).
func hbm2() Params {
	p := controllerDefaults(Params{
		Name: PresetHBM2, MemoryType: "HBM2", EnergyPJPerBit: 3.9, EnergyLowScale: 1, EnergyHighScale: 1,
		Channels: 1, Ranks: 1, BankGroups: 4, BanksPerGroup: 4,
		Rows: 32768, Columns: 128, DeviceWidthBits: 128, BusWidthBits: 128,
		BurstLength: 4, DataRate: 2, ClockMHz: 1000,
		CL: 14, CWL: 4, TRCD: 14, TRP: 14, TRAS: 34,
		TRRDL: 6, TRRDS: 4, TCCDL: 2, TCCDS: 1, TWTRL: 8, TWTRS: 6,
		TWR: 16, TRTP: 5, TFAW: 30, TRTRS: 2, TPPD: 0, TRPRE: 1, TWPRE: 1,
		TREFI: 3900, TRFC: 260,
	})
	p.DualCommandBus = true
	return p
}

// lpddr4 is an x32 LPDDR4-4266 interface: two JEDEC x16 channels
// (Channels = 2), each of one 8 Gb die channel with 8 banks (no bank
// groups), 65536 rows × 1024 columns (a 2 KiB row), BL16 (32 B per burst),
// tCK = 1/2133 MHz = 0.469 ns. DRAMSim3 ships no LPDDR4 configuration, so
// the timings are JESD209-4B's core timings converted at that tCK and
// rounded up: tRCD 18 ns → 39, tRPpb 18 ns → 39, tRAS 42 ns → 90, tRRD
// 10 ns → 22, tFAW 40 ns → 86, tWTR max(10 ns, 8 nCK) → 22, tRTP
// max(7.5 ns, 8 nCK) → 16, tRFCab 280 ns (8 Gb) → 598, tREFI 3.904 µs →
// 8327, tPPD 4 nCK; RL 36 (no DBI), WL 18 (set A) and nWR 40 from the
// JESD209-4B latency table for 4266. Because an LPDDR4 ACT or RD occupies
// four clocks of the command bus and JEDEC counts RL/WL from the last one,
// the values are converted to one-cycle commands as Ramulator's LPDDR4.h
// (CMU-SAFARI/ramulator) does: CL = RL + 3, CWL = WL + 3, tRP − 2,
// tRTP + 2, tWR = nWR − 1. Peak 17.1 GB/s for the two channels. Energy
// 8 pJ/bit at every corner (tech-reference.md §4, Accelergy CACTI plug-in
// "LPDDR4"; one source only).
func lpddr4() Params {
	return controllerDefaults(Params{
		Name: PresetLPDDR4, MemoryType: "LPDDR4", EnergyPJPerBit: 8, EnergyLowScale: 1, EnergyHighScale: 1,
		Channels: 2, Ranks: 1, BankGroups: 1, BanksPerGroup: 8,
		Rows: 65536, Columns: 1024, DeviceWidthBits: 16, BusWidthBits: 16,
		BurstLength: 16, DataRate: 2, ClockMHz: 2133,
		CL: 39, CWL: 21, TRCD: 39, TRP: 37, TRAS: 90,
		TRRDL: 22, TRRDS: 22, TCCDL: 8, TCCDS: 8, TWTRL: 22, TWTRS: 22,
		TWR: 39, TRTP: 18, TFAW: 86, TRTRS: 1, TPPD: 4, TRPRE: 2, TWPRE: 2,
		TREFI: 8327, TRFC: 598,
	})
}

// hbm2Stack is a whole HBM2 stack: the eight 128-bit legacy channels of
// DRAMSim3's HBM2_8Gb_x128.ini (HBM2 above) side by side, as a
// JESD235-compliant stack has them, with consecutive 256 B chunks spread
// over the channels. Peak 8 × 32 = 256 GB/s; 8 GiB.
func hbm2Stack() Params {
	p := hbm2()
	p.Name, p.Channels = PresetHBM2Stack, 8
	return p
}
