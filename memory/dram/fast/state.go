package fast

import "github.com/logsim/logsim/memory/dram/spec"

// burst is one burst-sized access waiting in a controller queue.
type burst struct {
	req     int32 // request slot, or −1 for a posted write
	rank    int32
	bg      int32
	bank    int32 // index into chanState.banks
	row     int32
	write   bool
	act     bool  // an ACT was issued for it (a miss)
	pre     bool  // a PRE was issued for it (a conflict)
	movable int64 // first cycle it may move to a command queue
	seq     int64 // arrival order, for first-come-first-served
}

// bank is the state of one bank: its open row and the earliest cycle of
// each command kind.
type bank struct {
	openRow int32 // −1 when precharged
	actAt   int64 // earliest ACT (also earliest REF: the bank is precharged)
	casAt   int64 // earliest RD/WR to the open row
	preAt   int64 // earliest PRE
}

// command is an issued command, as the trace hook sees it.
type command struct {
	cycle           int64
	kind            cmdKind
	rank, bank, row int32
	bankGroup       int32
	autoPrecharge   bool
}

// bankNeed caches what a bank's queue needs next (see chanState.need).
type bankNeed struct {
	valid bool
	kind  cmdKind
	at    int64 // earliest cycle by the bank's own timing
	pos   int   // the burst's index in the bank's queue
	seq   int64 // the burst's age
	group int   // its rank·bank group
}

// chanState is everything that changes in one channel while it runs: the
// banks, the last commands that constrain the next ones, the queues and
// the counters.
type chanState struct {
	cycle int64 // every cycle before this one is decided
	next  int64 // the next cycle something can happen, or noWork

	banks  []bank
	actRk  []int64 // last ACT per rank
	actBG  []int64 // last ACT per rank·bank group
	faw    []int64 // per rank: the last four ACTs, a ring
	fawPos []int32
	preRk  []int64 // last PRE per rank
	rdBG   []int64 // last RD per rank·bank group
	wrBG   []int64 // last WR per rank·bank group
	rdRk   []int64 // last RD per rank
	wrRk   []int64 // last WR per rank
	rowBus int64   // first cycle the (row) command bus is free
	colBus int64   // first cycle the column command bus is free
	refAt  []int64 // per rank: when the next refresh is due

	inbox    []burst   // taken from the port, waiting for a queue entry
	txn      rankQueue // transaction queue (reads, and writes in order)
	writeQ   rankQueue // write queue (WriteDrain)
	bankQ    [][]burst // the command queues, split per bank, oldest first
	needs    []bankNeed
	queued   []int32  // per rank: bursts in its command queue
	active   []uint64 // per rank: banks with queued bursts, a bit each
	draining bool
	rr       int32 // the rank whose queue is looked at first

	planned  [2]choice // the commands to issue at next (one per bus)
	nPlanned int

	// row and col are the best row and column commands replan found, at
	// cycle offeredAt; replanAfterMove and replanAfterAdmit keep them
	// while no command issues.
	row, col   candidate
	offeredAt  int64
	fullReplan bool // test hook: always replan in full

	stats spec.Stats
	trace func(command) // test hook: sees every command issued, if set

	// scratch of replan, per rank·bank group (per rank for preG): the
	// earliest cycle each kind is allowed by everything but its bank
	actG, rdG, wrG, preG []int64
}

// noWork is the "next" of a channel with nothing to do.
const noWork = int64(1) << 62

func newChanState(t *timing) chanState {
	nr, nbg := t.ranks, t.ranks*t.bankGroups
	s := chanState{
		banks: make([]bank, t.banks),
		actRk: fill(nr, never), actBG: fill(nbg, never),
		faw: fill(4*nr, never), fawPos: make([]int32, nr),
		preRk: fill(nr, never), rdBG: fill(nbg, never), wrBG: fill(nbg, never),
		rdRk: fill(nr, never), wrRk: fill(nr, never),
		refAt: make([]int64, nr), bankQ: make([][]burst, t.banks), needs: make([]bankNeed, t.banks),
		queued: make([]int32, nr), active: make([]uint64, nr),
		txn: newRankQueue(nr, t.txnDepth), writeQ: newRankQueue(nr, t.writeDepth),
		actG: make([]int64, nbg), rdG: make([]int64, nbg), wrG: make([]int64, nbg), preG: make([]int64, nr),
		next: noWork,
	}
	for i := range s.banks {
		s.banks[i] = bank{openRow: -1, actAt: never, casAt: never, preAt: never}
	}
	for r := range s.refAt { // ranks refresh staggered by tREFI/ranks
		s.refAt[r] = int64(r+1) * t.refi / int64(nr)
	}
	s.replan(t)
	return s
}

// busy reports whether any burst is waiting in the channel.
func (s *chanState) busy() bool {
	if len(s.inbox)+s.txn.len()+s.writeQ.len() > 0 {
		return true
	}
	for _, n := range s.queued {
		if n > 0 {
			return true
		}
	}
	return false
}

func fill(n int, v int64) []int64 {
	s := make([]int64, n)
	for i := range s {
		s[i] = v
	}
	return s
}
