package spec

import "fmt"

// Rail is one supply of a DRAM device and its IDD currents (mA per
// device), as a datasheet gives them.
type Rail struct {
	Name  string  // e.g. "VDD", "VDD2"
	VddV  float64 // supply voltage (V)
	IDD0  float64 // one-bank activate-precharge current (mA)
	IDD2N float64 // precharge standby (mA)
	IDD2P float64 // precharge power-down (mA)
	IDD3N float64 // active standby (mA)
	IDD4R float64 // burst read (mA)
	IDD4W float64 // burst write (mA)
	IDD5  float64 // burst (all-bank) refresh, during tRFC (mA)
}

// Power is a preset's IDD currents and where they come from.
type Power struct {
	Rails  []Rail
	Source string // citation (repository and commit, or datasheet)
}

// DRAMsim3's configs (umd-memsys/DRAMsim3, configs/*.ini at commit
// 0eb63609d048613b68ad275359bab704d481d2bc) and DRAMSys's memspec of a
// Micron LPDDR4 device (tukl-msd/DRAMSys,
// configs/memspec/MICRON_6Gb_LPDDR4-3200_32bit_A.json at commit
// 3ff9a995d96b4a08709decba80295a627d2b6b5b).
var presetPower = map[string]Power{
	// DDR4_8Gb_x8_3200.ini [power]: VDD 1.2, IDD0 57, IDD2P 25, IDD2N 37,
	// IDD3N 52, IDD4W 150, IDD4R 168, IDD5AB 250 (IPP0 3.0 on VPP is
	// ignored, as DRAMsim3 does).
	PresetDDR4: {Rails: []Rail{{Name: "VDD", VddV: 1.2, IDD0: 57, IDD2N: 37, IDD2P: 25, IDD3N: 52, IDD4R: 168, IDD4W: 150, IDD5: 250}},
		Source: "umd-memsys/DRAMsim3 configs/DDR4_8Gb_x8_3200.ini@0eb6360"},
	// HBM2_8Gb_x128.ini [power]: VDD 1.2, IDD0 65, IDD2P 28, IDD2N 40,
	// IDD3N 55, IDD4W 500, IDD4R 390, IDD5AB 250.
	PresetHBM2: {Rails: []Rail{{Name: "VDD", VddV: 1.2, IDD0: 65, IDD2N: 40, IDD2P: 28, IDD3N: 55, IDD4R: 390, IDD4W: 500, IDD5: 250}},
		Source: "umd-memsys/DRAMsim3 configs/HBM2_8Gb_x128.ini@0eb6360"},
	// MICRON_6Gb_LPDDR4-3200_32bit_A.json mempowerspec (per x16 channel):
	// VDD1 1.8 V: idd01 3.5, idd2n1 2.0, idd2p1 1.2, idd3n1 2.25, idd4r1
	// 2.25, idd4w1 2.25, idd51 10; VDD2 1.1 V: idd02 45, idd2n2 27, idd2p2
	// 3.0, idd3n2 30, idd4r2 275, idd4w2 210, idd52 90 (mA). The currents
	// are the 3200 part's; the preset runs at 4266 (burst currents grow
	// with the data rate: a low estimate). VDDQ (I/O) is not counted.
	PresetLPDDR4: {Rails: []Rail{
		{Name: "VDD1", VddV: 1.8, IDD0: 3.5, IDD2N: 2.0, IDD2P: 1.2, IDD3N: 2.25, IDD4R: 2.25, IDD4W: 2.25, IDD5: 10},
		{Name: "VDD2", VddV: 1.1, IDD0: 45, IDD2N: 27, IDD2P: 3.0, IDD3N: 30, IDD4R: 275, IDD4W: 210, IDD5: 90},
	}, Source: "tukl-msd/DRAMSys configs/memspec/MICRON_6Gb_LPDDR4-3200_32bit_A.json@3ff9a99"},
}

// PowerOf returns the IDD currents of the preset p started from (the
// HBM2 stack's are HBM2's), or false for a preset without any.
func PowerOf(p Params) (Power, bool) {
	name := p.Name
	if name == PresetHBM2Stack {
		name = PresetHBM2
	}
	pw, ok := presetPower[name]
	return pw, ok
}

// CommandEnergy is the energy of each DRAM command and the background
// power, per rank (all its devices), by the method of Micron's power
// calculator and DRAMPower as DRAMsim3 implements it
// (src/configuration.cc, Config::InitPowerParams, umd-memsys/DRAMsim3 at
// 000abef78b9bda62b51cff3e8ddcb70621527822), summed over the rails, with
// times in ns (DRAMsim3 multiplies by cycles, which is pJ only at
// tCK = 1 ns):
//
//	activate + precharge  V·(IDD0·tRC − (IDD3N·tRAS + IDD2N·tRP))·tCK·devices
//	read burst            V·(IDD4R − IDD3N)·tBurst·tCK·devices
//	write burst           V·(IDD4W − IDD3N)·tBurst·tCK·devices
//	refresh (all banks)   V·(IDD5 − IDD3N)·tRFC·tCK·devices
//	background            V·IDD3N·devices (open pages), IDD2N (close
//	                      page), IDD2P (powered down), in mW
//
// with tBurst = BL/data rate cycles and devices = bus width / device
// width. I/O and termination energy are not counted (DRAMPower's core
// energy); DRAMPower's I/O model would add to every burst.
type CommandEnergy struct {
	ActivatePJ, ReadPJ, WritePJ, RefreshPJ float64 // per command, per rank (pJ)
	StandbyMW, PowerDownMW                 float64 // background per rank (mW)
	BurstBits                              int     // bits per burst on the channel
	RowBits                                int     // bits of one row across a rank's devices
	RefreshIntervalNS                      float64 // tREFI (ns): a rank refreshes this often
	Source                                 string
}

// CommandEnergyOf works out p's command energies from its preset's IDD
// currents and its own timings.
func CommandEnergyOf(p Params) (CommandEnergy, error) {
	pw, ok := PowerOf(p)
	if !ok {
		return CommandEnergy{}, fmt.Errorf("DRAM preset %q has no IDD currents", p.Name)
	}
	if p.DeviceWidthBits <= 0 || p.BusWidthBits%p.DeviceWidthBits != 0 || p.ClockMHz <= 0 {
		return CommandEnergy{}, fmt.Errorf("DRAM %s: bus %d b, device %d b, clock %g MHz: cannot count devices per rank",
			p.Name, p.BusWidthBits, p.DeviceWidthBits, p.ClockMHz)
	}
	dev := float64(p.BusWidthBits / p.DeviceWidthBits)
	tck := 1000 / p.ClockMHz
	burst := float64(p.BurstCycles())
	var e CommandEnergy
	for _, r := range pw.Rails {
		k := r.VddV * tck * dev
		e.ActivatePJ += k * (r.IDD0*float64(p.TRC()) - (r.IDD3N*float64(p.TRAS) + r.IDD2N*float64(p.TRP)))
		e.ReadPJ += k * (r.IDD4R - r.IDD3N) * burst
		e.WritePJ += k * (r.IDD4W - r.IDD3N) * burst
		e.RefreshPJ += k * (r.IDD5 - r.IDD3N) * float64(p.TRFC)
		standby := r.IDD3N
		if p.PagePolicy == PageClose {
			standby = r.IDD2N
		}
		e.StandbyMW += r.VddV * standby * dev
		e.PowerDownMW += r.VddV * r.IDD2P * dev
	}
	e.BurstBits = p.BusWidthBits * p.BurstLength
	e.RowBits = p.Columns * p.BusWidthBits
	if p.Refresh {
		e.RefreshIntervalNS = float64(p.TREFI) * tck
	}
	e.Source = pw.Source
	return e, nil
}
