package fast

import (
	"fmt"
	"testing"

	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// checker replays the commands one channel issued and checks each against
// the commands before it, pair by pair, with the JEDEC constraints as
// DRAMSim3 (src/timing.cc) states them. It shares no code with the
// scheduler, which tracks only the latest command of each kind.
type checker struct {
	p       spec.Params
	history []command
	open    map[int32]int32 // bank → open row
	errs    []string
	counts  map[cmdKind]int
}

func newChecker(p spec.Params) *checker {
	return &checker{p: p, open: map[int32]int32{}, counts: map[cmdKind]int{}}
}

func (c *checker) fail(cmd command, format string, args ...any) {
	if len(c.errs) < 10 {
		c.errs = append(c.errs, fmt.Sprintf("cycle %d kind %d rank %d bank %d: ", cmd.cycle, cmd.kind, cmd.rank, cmd.bank)+
			fmt.Sprintf(format, args...))
	}
}

func (c *checker) check(cmd command) {
	c.counts[cmd.kind]++
	c.checkBankState(cmd)
	for _, prev := range c.history {
		if need := c.gap(prev, cmd); cmd.cycle-prev.cycle < need {
			c.fail(cmd, "only %d cycles after kind %d at %d (bank %d), need %d",
				cmd.cycle-prev.cycle, prev.kind, prev.cycle, prev.bank, need)
		}
	}
	c.checkFAW(cmd)
	c.history = append(c.history, cmd)
	for len(c.history) > 0 && c.history[0].cycle < cmd.cycle-c.reach() {
		c.history = c.history[1:]
	}
	c.updateBankState(cmd)
}

// reach bounds every constraint, in cycles: older commands cannot matter.
func (c *checker) reach() int64 {
	p := c.p
	return int64(p.TRFC+p.TRC()+p.TFAW+p.CL+p.CWL+p.TWR+p.TRP+p.TRTP) + 16
}

func (c *checker) checkBankState(cmd command) {
	row, isOpen := c.open[cmd.bank]
	switch cmd.kind {
	case cmdACT:
		if isOpen {
			c.fail(cmd, "ACT to an open bank")
		}
	case cmdPRE:
		if !isOpen {
			c.fail(cmd, "PRE to a closed bank")
		}
	case cmdRD, cmdWR:
		if !isOpen || row != cmd.row {
			c.fail(cmd, "column command to row %d, open row %d (open %v)", cmd.row, row, isOpen)
		}
	case cmdREF:
		for bank := range c.open {
			if c.rankOf(bank) == cmd.rank {
				c.fail(cmd, "REF with bank %d open", bank)
			}
		}
	}
}

func (c *checker) updateBankState(cmd command) {
	switch {
	case cmd.kind == cmdACT:
		c.open[cmd.bank] = cmd.row
	case cmd.kind == cmdPRE, cmd.autoPrecharge:
		delete(c.open, cmd.bank)
	}
}

func (c *checker) rankOf(bank int32) int32 { return bank / int32(c.p.Banks()) }

// gap is the least number of cycles cmd must follow prev.
func (c *checker) gap(prev, cmd command) int64 {
	p := c.p
	burst := int64(p.BurstCycles())
	need := int64(0)
	if !p.DualCommandBus || prev.kind.isColumn() == cmd.kind.isColumn() {
		need = 1 // a command bus carries one command per cycle
	}
	sameBank, sameRank := prev.bank == cmd.bank, prev.rank == cmd.rank
	sameBG := sameRank && prev.bankGroup == cmd.bankGroup && p.BankGroups > 1
	switch {
	case sameBank:
		need = max(need, c.bankGap(prev, cmd))
	case prev.kind == cmdREF && sameRank && cmd.kind == cmdACT:
		need = max(need, int64(p.TRFC))
	case cmd.kind == cmdREF && sameRank:
		need = max(need, c.bankGap(prev, command{kind: cmdACT})) // the bank must be ready for an ACT
	}
	if prev.kind == cmdREF && cmd.kind == cmdACT && sameRank {
		need = max(need, int64(p.TRFC))
	}
	switch {
	case prev.kind == cmdACT && cmd.kind == cmdACT && sameRank && !sameBank:
		if sameBG {
			need = max(need, int64(p.TRRDL))
		} else {
			need = max(need, int64(p.TRRDS))
		}
	case prev.kind == cmdPRE && cmd.kind == cmdPRE && sameRank:
		need = max(need, int64(p.TPPD))
	case prev.kind.isColumn() && cmd.kind.isColumn():
		need = max(need, c.columnGap(prev, cmd, sameRank, sameBG, burst))
	}
	return need
}

// bankGap is the spacing of two commands to the same bank.
func (c *checker) bankGap(prev, cmd command) int64 {
	p := c.p
	burst := int64(p.BurstCycles())
	switch {
	case prev.kind == cmdACT && cmd.kind == cmdACT:
		return int64(p.TRC())
	case prev.kind == cmdACT && cmd.kind.isColumn():
		return int64(p.TRCD)
	case prev.kind == cmdACT && cmd.kind == cmdPRE:
		return int64(p.TRAS)
	case prev.kind == cmdPRE && cmd.kind == cmdACT:
		return int64(p.TRP)
	case prev.kind == cmdRD && cmd.kind == cmdPRE:
		return int64(p.TRTP)
	case prev.kind == cmdWR && cmd.kind == cmdPRE:
		return int64(p.CWL) + burst + int64(p.TWR)
	case prev.kind == cmdRD && prev.autoPrecharge && cmd.kind == cmdACT:
		return burst + int64(p.TRTP) + int64(p.TRP)
	case prev.kind == cmdWR && prev.autoPrecharge && cmd.kind == cmdACT:
		return int64(p.CWL) + burst + int64(p.TWR) + int64(p.TRP)
	}
	return 0
}

// columnGap is the data-bus spacing of two column commands.
func (c *checker) columnGap(prev, cmd command, sameRank, sameBG bool, burst int64) int64 {
	p := c.p
	ccdL, ccdS := max(burst, int64(p.TCCDL)), max(burst, int64(p.TCCDS))
	rl, wl := int64(p.CL), int64(p.CWL)
	if !sameRank {
		switch {
		case prev.kind == cmdRD && cmd.kind == cmdRD:
			return burst + int64(p.TRTRS)
		case prev.kind == cmdWR && cmd.kind == cmdWR:
			return burst + int64(p.TWPRE)
		case prev.kind == cmdRD:
			return rl + burst + int64(p.TRTRS) - wl
		default:
			return wl + burst + int64(p.TRTRS) - rl
		}
	}
	ccd, wtr := ccdS, int64(p.TWTRS)
	if sameBG {
		ccd, wtr = ccdL, int64(p.TWTRL)
	}
	switch {
	case prev.kind == cmd.kind:
		return ccd
	case prev.kind == cmdRD:
		return rl + burst - wl + int64(p.TRPRE) + int64(p.TRTRS)
	default:
		return wl + burst + wtr
	}
}

// checkFAW: any five ACTs to one rank span at least tFAW cycles.
func (c *checker) checkFAW(cmd command) {
	if cmd.kind != cmdACT || c.p.TFAW == 0 {
		return
	}
	seen := 0
	for i := len(c.history) - 1; i >= 0; i-- {
		h := c.history[i]
		if h.kind == cmdACT && h.rank == cmd.rank {
			seen++
			if seen == 4 && cmd.cycle-h.cycle < int64(c.p.TFAW) {
				c.fail(cmd, "fifth ACT %d cycles after the first of four, tFAW %d", cmd.cycle-h.cycle, c.p.TFAW)
			}
		}
	}
}

// traceConfigs are the configurations the command traces are checked on:
// both page policies, refresh, tFAW, two ranks, several channels, one or
// two command buses, write draining or not.
var traceConfigs = []struct {
	preset    string
	overrides map[string]string
}{
	{spec.PresetDDR4, nil},
	{spec.PresetDDR4, map[string]string{"PagePolicy": "close"}},
	{spec.PresetDDR4, map[string]string{"WritePolicy": "inorder", "tREFI": "2000", "Channels": "2"}},
	{spec.PresetDDR4, map[string]string{"BankGroups": "1", "BanksPerGroup": "16", "tRPRE": "3", "tWPRE": "2"}},
	{spec.PresetHBM2, nil},
	{spec.PresetHBM2, map[string]string{"PagePolicy": "close", "Channels": "8"}},
	{spec.PresetLPDDR4, nil},
}

// The trace of random mixed traffic obeys every constraint, for both page
// policies, with refresh, tFAW, two ranks, two channels, one or two
// command buses, and write draining or not.
func TestCommandTraceObeysEveryConstraint(t *testing.T) {
	for _, cfg := range traceConfigs {
		p, err := spec.Preset(cfg.preset)
		require.NoError(t, err)
		require.NoError(t, p.Apply(cfg.overrides))
		checkers := runTraced(t, p, random(7, 128, 4<<20, 3), 128, 1500, 48)
		checkers2 := runTraced(t, p, stream(1024, false), 1024, 300, 16)
		for _, c := range append(checkers, checkers2...) {
			require.Empty(t, c.errs, "%s %v", cfg.preset, cfg.overrides)
		}
		total := 0
		for _, c := range checkers {
			total += c.counts[cmdRD] + c.counts[cmdWR]
		}
		require.Equal(t, 1500*128/p.BurstBytes(), total, "every burst gets one column command")
	}
}

func runTraced(t *testing.T, p spec.Params, next func() (uint64, bool), size uint64, total, limit int) []*checker {
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
	require.NoError(t, err)
	var checkers []*checker
	for i := range c.live {
		ck := newChecker(p)
		c.live[i].trace = ck.check
		checkers = append(checkers, ck)
	}
	_, err = requester.Drive(engine, sim.GHz, c.TopPort(), next, size, total, limit)
	require.NoError(t, err)
	return checkers
}

// Replanning only what a burst move changes (replanAfterMove,
// replanAfterAdmit) issues the same commands in the same cycles, and
// answers every request at the same time, as replanning in full after
// every cycle: random mixed traffic, streams, and traffic over a few rows
// per bank (so that a moved burst changes what its bank needs) over the
// configurations
// of TestCommandTraceObeysEveryConstraint.
func TestIncrementalReplanEqualsFull(t *testing.T) {
	for _, cfg := range traceConfigs {
		p, err := spec.Preset(cfg.preset)
		require.NoError(t, err)
		require.NoError(t, p.Apply(cfg.overrides))
		for _, traffic := range []struct {
			next         func() func() (uint64, bool) // a fresh generator per run
			size         uint64
			total, limit int
		}{
			{func() func() (uint64, bool) { return random(7, 128, 4<<20, 3) }, 128, 1500, 48},
			{func() func() (uint64, bool) { return stream(1024, false) }, 1024, 300, 16},
			{func() func() (uint64, bool) { return random(9, 1024, 64<<20, 2) }, 1024, 300, 16},
			// four rows per bank: row hits arrive behind conflicts
			{func() func() (uint64, bool) { return random(11, 64, 1<<20, 0) }, 64, 3000, 48},
			{func() func() (uint64, bool) { return random(12, 64, 1<<20, 4) }, 64, 3000, 48},
		} {
			var traces [2][]command
			var records [2][]requester.Record
			for i, full := range []bool{true, false} {
				engine := sim.NewSerialEngine()
				c, err := MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
				require.NoError(t, err)
				for ch := range c.live {
					c.live[ch].fullReplan = full
					c.live[ch].trace = func(cmd command) { traces[i] = append(traces[i], cmd) }
				}
				req, err := requester.Drive(engine, sim.GHz, c.TopPort(), traffic.next(), traffic.size, traffic.total, traffic.limit)
				require.NoError(t, err)
				records[i] = req.Records()
			}
			require.NotEmpty(t, traces[0])
			require.Equal(t, traces[0], traces[1], "%s %v", cfg.preset, cfg.overrides)
			require.Equal(t, records[0], records[1], "%s %v", cfg.preset, cfg.overrides)
		}
	}
}
