package fast

import "github.com/logsim/logsim/memory/dram/spec"

// never is a cycle before any real one: "no such command yet".
const never = int64(-1) << 40

// timing holds the parameters the scheduler uses, in DRAM cycles. The
// command-to-command distances are DRAMSim3's (src/timing.cc), which Akita
// v3's mem/dram copies; with a single bank group the _S values apply.
type timing struct {
	rcd, rp, ras, rc, rtp, wr, rfc, refi int64
	rl, wl, burst                        int64
	frontend, backend                    int64

	rrdL, rrdS, faw, ppd int64

	rdToRdL, rdToRdS, rdToRdO int64 // read to read: same bank group, same rank, other rank
	wrToRdL, wrToRdS, wrToRdO int64 // write to read
	rdToWr, rdToWrO           int64 // read to write: same rank, other rank
	wrToWrL, wrToWrS, wrToWrO int64 // write to write
	rdToAct, wrToAct          int64 // auto-precharging read/write to the next ACT of its bank
	wrToPre                   int64 // write to PRE of its bank

	closePage, refresh, drain, dualBus bool

	ranks, bankGroups, banksPerGroup, banks int
	txnDepth, cmdDepth                      int
	writeDepth, writeHigh, writeLow         int
	burstNS                                 float64
}

func newTiming(p spec.Params) timing {
	burst := int64(p.BurstCycles())
	long := func(l, s int) int64 {
		if p.BankGroups == 1 {
			return int64(s)
		}
		return int64(l)
	}
	rl, wl := int64(p.CL), int64(p.CWL)
	t := timing{
		rcd: int64(p.TRCD), rp: int64(p.TRP), ras: int64(p.TRAS), rc: int64(p.TRC()),
		rtp: int64(p.TRTP), wr: int64(p.TWR), rfc: int64(p.TRFC), refi: int64(p.TREFI),
		rl: rl, wl: wl, burst: burst,
		frontend: int64(p.FrontendCycles), backend: int64(p.BackendCycles),
		rrdL: long(p.TRRDL, p.TRRDS), rrdS: int64(p.TRRDS), faw: int64(p.TFAW), ppd: int64(p.TPPD),

		rdToRdL: max(burst, long(p.TCCDL, p.TCCDS)), rdToRdS: max(burst, int64(p.TCCDS)),
		rdToRdO: burst + int64(p.TRTRS),
		wrToRdL: wl + burst + long(p.TWTRL, p.TWTRS), wrToRdS: wl + burst + int64(p.TWTRS),
		wrToRdO: wl + burst + int64(p.TRTRS) - rl,
		rdToWr:  rl + burst - wl + int64(p.TRPRE) + int64(p.TRTRS),
		rdToWrO: rl + burst + int64(p.TRTRS) - wl,
		wrToWrL: max(burst, long(p.TCCDL, p.TCCDS)), wrToWrS: max(burst, int64(p.TCCDS)),
		wrToWrO: burst + int64(p.TWPRE),
		rdToAct: burst + int64(p.TRTP) + int64(p.TRP),
		wrToAct: wl + burst + int64(p.TWR) + int64(p.TRP),
		wrToPre: wl + burst + int64(p.TWR),

		closePage: p.PagePolicy == spec.PageClose, refresh: p.Refresh,
		drain: p.WritePolicy == spec.WriteDrain, dualBus: p.DualCommandBus,

		ranks: p.Ranks, bankGroups: p.BankGroups, banksPerGroup: p.BanksPerGroup,
		banks:    p.Ranks * p.Banks(),
		txnDepth: p.TransactionQueueDepth, cmdDepth: p.CommandQueueDepth,
		writeDepth: p.WriteQueueDepth, writeHigh: p.WriteHighWatermark, writeLow: p.WriteLowWatermark,
		burstNS: float64(p.BurstCycles()) * p.CycleNS(),
	}
	return t
}
