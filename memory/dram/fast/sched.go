package fast

import "math/bits"

// cmdKind is a DRAM command.
type cmdKind uint8

const (
	cmdNone cmdKind = iota
	cmdACT
	cmdPRE
	cmdRD
	cmdWR
	cmdREF
)

func (k cmdKind) isColumn() bool { return k == cmdRD || k == cmdWR }

// choice is a command that can issue, and for whom.
type choice struct {
	kind cmdKind
	at   int64 // earliest cycle
	rank int32
	bank int32 // for ACT, PRE, RD, WR
	pos  int   // index in bankQ[bank], or −1 for a refresh's PRE or REF
}

// doneFunc receives the request slot and the last data cycle of every
// burst whose column command issues.
type doneFunc func(req int32, dataEnd int64)

// runUntil decides every cycle up to and including k.
func (s *chanState) runUntil(t *timing, k int64, done doneFunc) {
	for s.next <= k {
		s.process(t, s.next, done)
	}
	if s.cycle <= k {
		s.cycle = k + 1
	}
}

// process decides cycle c (= s.next), as Akita's MemController orders a
// tick: issue the planned commands (one per command bus), then move one
// burst from the transaction (or write) queue into a command queue, then
// let bursts waiting after the port into the freed entries; and plans the
// next event.
func (s *chanState) process(t *timing, c int64, done doneFunc) {
	issued := s.nPlanned > 0
	for i := 0; i < s.nPlanned; i++ {
		s.apply(t, s.planned[i], c, done)
	}
	s.updateDrainMode(t)
	moved := s.move(t, c)
	s.admit(t, c)
	s.cycle = c + 1
	if issued || moved < 0 {
		s.replan(t)
		return
	}
	s.replanAfterMove(t, moved)
}

// replan finds the next cycle at which something can happen and the
// commands to issue then (one per command bus). Among the commands that
// can issue in the same cycle, ranks are served round-robin starting after
// the last one that issued (Akita's command-queue arbitration); within a
// rank a refresh comes first, then — under the open-page policy — row hits
// (FR-FCFS), then the oldest burst.
func (s *chanState) replan(t *timing) {
	s.groupTerms(t)
	s.row, s.col = candidate{key: noKey}, candidate{key: noKey}
	for r := int32(0); r < int32(t.ranks); r++ {
		s.offerRank(t, r, &s.row, &s.col)
	}
	s.offeredAt = s.cycle
	s.schedule(t)
}

// replanAfterMove is replan after a cycle that issued no command and moved
// a burst into bank's queue: only that bank's command can have changed,
// so the best commands found before stay the best of the other banks, and
// the bank's own competes with them — unless replan must run again, when
// the best command was the bank's own, or may issue before the current
// cycle (its time would change), or a refresh fell due meanwhile.
// TestIncrementalReplanEqualsFull checks the two agree.
func (s *chanState) replanAfterMove(t *timing, bank int32) {
	if s.fullReplan || !s.offersHold(t) || s.row.isQueued(bank) || s.col.isQueued(bank) {
		s.replan(t)
		return
	}
	r := s.rankOf(t, bank)
	s.rankTerms(t, int(r))
	order := uint64((int(r) - int(s.rr) + t.ranks) % t.ranks)
	s.offerBank(t, r, bank, order, t.refresh && s.refAt[r] <= s.cycle, &s.row, &s.col)
	s.schedule(t)
}

// replanAfterAdmit is replan after bursts entered the transaction or
// write queue: the command queues have not changed.
func (s *chanState) replanAfterAdmit(t *timing) {
	if s.fullReplan || !s.offersHold(t) {
		s.replan(t)
		return
	}
	s.schedule(t)
}

// offersHold reports whether the best commands found at s.offeredAt can
// still issue at the same cycles now (s.cycle), with no command issued
// since: they cannot issue before now, and no rank's refresh has fallen
// due since.
func (s *chanState) offersHold(t *timing) bool {
	for _, c := range [2]candidate{s.row, s.col} {
		if c.key != noKey && c.ch.at < s.cycle {
			return false
		}
	}
	if t.refresh {
		for _, due := range s.refAt {
			if due > s.offeredAt && due <= s.cycle {
				return false
			}
		}
	}
	return true
}

// isQueued reports whether c is the command of a burst queued for bank.
func (c candidate) isQueued(bank int32) bool {
	return c.key != noKey && c.ch.pos >= 0 && c.ch.bank == bank
}

// rankOf is the rank of bank.
func (s *chanState) rankOf(t *timing, bank int32) int32 {
	return bank / int32(t.banks/t.ranks)
}

// schedule sets the next event from the best row and column commands and
// the next burst move: the earliest of them, with the commands due then.
func (s *chanState) schedule(t *timing) {
	s.nPlanned = 0
	s.next = s.moveEvent(t, s.cycle)
	switch {
	case t.dualBus:
		s.plan(s.row)
		s.plan(s.col)
	case s.col.before(s.row):
		s.plan(s.col)
	default:
		s.plan(s.row)
	}
	if t.refresh {
		for _, due := range s.refAt {
			if due >= s.cycle && due < s.next { // the refresh falls due: decide again then
				s.next, s.nPlanned = due, 0
			}
		}
	}
}

// candidate is a command competing to issue, with its arbitration key.
type candidate struct {
	key uint64 // earliest cycle, then rank order, then kind order
	seq int64  // then age
	ch  choice
}

const noKey = ^uint64(0)

func (a candidate) before(b candidate) bool {
	return a.key < b.key || (a.key == b.key && a.seq < b.seq)
}

func arbitrationKey(at int64, rankOrder, kindOrder uint64) uint64 {
	return uint64(at)<<8 | rankOrder<<2 | kindOrder
}

// plan records c as a command of the next event if it is due then.
func (s *chanState) plan(c candidate) {
	switch {
	case c.key == noKey || c.ch.at > s.next:
		return
	case c.ch.at < s.next:
		s.next, s.nPlanned = c.ch.at, 0
	}
	s.planned[s.nPlanned] = c.ch
	s.nPlanned++
}

// offerRank offers the commands of rank r: its refresh if one is due, and
// for each bank with queued bursts the command its queue needs.
func (s *chanState) offerRank(t *timing, r int32, row, col *candidate) {
	order := uint64((int(r) - int(s.rr) + t.ranks) % t.ranks)
	refreshDue := t.refresh && s.refAt[r] <= s.cycle
	if refreshDue {
		ch := s.refreshChoice(t, r)
		if c := (candidate{key: arbitrationKey(ch.at, order, 0), ch: ch}); c.before(*row) {
			*row = c
		}
	}
	base := int(r) * t.banks / t.ranks
	for m := s.active[r]; m != 0; m &= m - 1 {
		s.offerBank(t, r, int32(base+bits.TrailingZeros64(m)), order, refreshDue, row, col)
	}
}

// offerBank offers the command bank's queue needs, if any, as a row or a
// column command of rank r, whose round-robin order is order.
func (s *chanState) offerBank(t *timing, r, bank int32, order uint64, refreshDue bool, row, col *candidate) {
	if len(s.bankQ[bank]) == 0 {
		return
	}
	n := &s.needs[bank]
	if !n.valid {
		s.need(t, bank)
	}
	target := row
	if n.kind.isColumn() {
		target = col
	}
	if target.key != noKey && n.at > target.ch.at {
		return // later than the best already, whatever else delays it
	}
	at, kindOrder, ok := s.needAt(t, r, n, refreshDue)
	if !ok {
		return
	}
	key := arbitrationKey(at, order, kindOrder)
	if key < target.key || (key == target.key && n.seq < target.seq) {
		*target = candidate{key: key, seq: n.seq, ch: choice{kind: n.kind, at: at, rank: r, bank: bank, pos: n.pos}}
	}
}

// needAt is the earliest cycle the command a bank needs can issue, and its
// kind order; ok is false while a refresh of the rank keeps it waiting.
func (s *chanState) needAt(t *timing, r int32, n *bankNeed, refreshDue bool) (at int64, kindOrder uint64, ok bool) {
	switch n.kind {
	case cmdACT:
		at = max(n.at, s.actG[n.group])
		return at, 2, !refreshDue && !(t.refresh && at >= s.refAt[r])
	case cmdRD, cmdWR:
		at = max(n.at, s.rdG[n.group])
		if n.kind == cmdWR {
			at = max(n.at, s.wrG[n.group])
		}
		if t.closePage {
			return at, 2, true
		}
		return at, 1, !refreshDue
	}
	return max(n.at, s.preG[r]), 2, !refreshDue
}

// need works out, from the state of bank and its queue, the command it
// needs next and the earliest cycle its own timing allows: for the oldest
// burst, or — under the open-page policy — the oldest one hitting the open
// row (FR-FCFS); no PRE while such a hit waits.
func (s *chanState) need(t *timing, bank int32) {
	q := s.bankQ[bank]
	bk := &s.banks[bank]
	pos := 0
	if bk.openRow >= 0 && q[0].row != bk.openRow && !t.closePage {
		for i := range q {
			if q[i].row == bk.openRow {
				pos = i
				break
			}
		}
	}
	b := &q[pos]
	n := bankNeed{valid: true, pos: pos, seq: b.seq, group: int(b.rank)*t.bankGroups + int(b.bg)}
	switch {
	case bk.openRow < 0:
		n.kind, n.at = cmdACT, bk.actAt
	case bk.openRow == b.row:
		n.kind, n.at = cmdRD, bk.casAt
		if b.write {
			n.kind = cmdWR
		}
	default:
		n.kind, n.at = cmdPRE, bk.preAt
	}
	s.needs[bank] = n
}

// groupTerms computes, per rank and bank group, the earliest cycle ≥
// s.cycle each command kind is allowed by everything but its own bank.
func (s *chanState) groupTerms(t *timing) {
	for r := 0; r < t.ranks; r++ {
		s.rankTerms(t, r)
	}
}

// rankTerms is groupTerms for rank r's bank groups.
func (s *chanState) rankTerms(t *timing, r int) {
	c := s.cycle
	act := max(c, s.actRk[r]+t.rrdS, s.rowBus)
	if t.faw > 0 {
		act = max(act, s.faw[4*r+int(s.fawPos[r])]+t.faw) // the fourth ACT back
	}
	s.preG[r] = max(c, s.preRk[r]+t.ppd, s.rowBus)
	rdO, wrO := never, never
	for o := 0; o < t.ranks; o++ {
		if o != r {
			rdO = max(rdO, s.rdRk[o]+t.rdToRdO, s.wrRk[o]+t.wrToRdO)
			wrO = max(wrO, s.rdRk[o]+t.rdToWrO, s.wrRk[o]+t.wrToWrO)
		}
	}
	rd := max(c, s.colBus, rdO, s.rdRk[r]+t.rdToRdS, s.wrRk[r]+t.wrToRdS)
	wr := max(c, s.colBus, wrO, s.rdRk[r]+t.rdToWr, s.wrRk[r]+t.wrToWrS)
	for bg := 0; bg < t.bankGroups; bg++ {
		g := r*t.bankGroups + bg
		s.actG[g] = max(act, s.actBG[g]+t.rrdL)
		s.rdG[g] = max(rd, s.rdBG[g]+t.rdToRdL, s.wrBG[g]+t.wrToRdL)
		s.wrG[g] = max(wr, s.rdBG[g]+t.rdToWr, s.wrBG[g]+t.wrToWrL)
	}
}

// refreshChoice is the next step of the due refresh of rank r: a PRE of an
// open bank, or the REF once every bank is precharged.
func (s *chanState) refreshChoice(t *timing, r int32) choice {
	lo, hi := int(r)*t.banks/t.ranks, (int(r)+1)*t.banks/t.ranks
	at := max(s.cycle, s.refAt[r], s.rowBus)
	for b := lo; b < hi; b++ {
		bk := &s.banks[b]
		if bk.openRow >= 0 {
			return choice{kind: cmdPRE, at: max(bk.preAt, s.preG[r]), rank: r, bank: int32(b), pos: -1}
		}
		at = max(at, bk.actAt)
	}
	return choice{kind: cmdREF, at: at, rank: r, pos: -1}
}

// apply issues command ch at cycle c and updates every constraint.
func (s *chanState) apply(t *timing, ch choice, c int64, done doneFunc) {
	if s.trace != nil {
		s.trace(s.describe(t, ch, c))
	}
	s.rr = (ch.rank + 1) % int32(t.ranks)
	s.takeBus(t, ch.kind, c)
	switch ch.kind {
	case cmdACT:
		s.activate(t, ch, c)
	case cmdPRE:
		s.precharge(t, ch, c)
	case cmdREF:
		s.refreshRank(t, ch.rank, c)
	default:
		s.column(t, ch, c, done)
	}
}

// describe is command ch at cycle c, before it is applied.
func (s *chanState) describe(t *timing, ch choice, c int64) command {
	cmd := command{cycle: c, kind: ch.kind, rank: ch.rank, bank: ch.bank, row: -1,
		autoPrecharge: t.closePage && ch.kind.isColumn()}
	switch {
	case ch.kind == cmdREF:
		cmd.bank = -1
	case ch.pos >= 0:
		b := s.bankQ[ch.bank][ch.pos]
		cmd.row, cmd.bankGroup = b.row, b.bg
	default: // a refresh's PRE
		cmd.row = s.banks[ch.bank].openRow
		cmd.bankGroup = (ch.bank % int32(t.banks/t.ranks)) / int32(t.banksPerGroup)
	}
	return cmd
}

func (s *chanState) takeBus(t *timing, k cmdKind, c int64) {
	switch {
	case !t.dualBus:
		s.rowBus, s.colBus = c+1, c+1
	case k.isColumn():
		s.colBus = c + 1
	default:
		s.rowBus = c + 1
	}
}

func (s *chanState) activate(t *timing, ch choice, c int64) {
	s.needs[ch.bank].valid = false
	b := &s.bankQ[ch.bank][ch.pos]
	bk := &s.banks[ch.bank]
	bk.openRow = b.row
	bk.casAt, bk.preAt, bk.actAt = c+t.rcd, c+t.ras, c+t.rc
	b.act = true
	s.actRk[ch.rank] = c
	s.actBG[int(ch.rank)*t.bankGroups+int(b.bg)] = c
	s.faw[4*int(ch.rank)+int(s.fawPos[ch.rank])] = c
	s.fawPos[ch.rank] = (s.fawPos[ch.rank] + 1) % 4
}

func (s *chanState) precharge(t *timing, ch choice, c int64) {
	s.needs[ch.bank].valid = false
	bk := &s.banks[ch.bank]
	bk.openRow = -1
	bk.actAt = max(bk.actAt, c+t.rp)
	s.preRk[ch.rank] = c
	if ch.pos >= 0 {
		s.bankQ[ch.bank][ch.pos].pre = true
	}
}

func (s *chanState) refreshRank(t *timing, r int32, c int64) {
	lo, hi := int(r)*t.banks/t.ranks, (int(r)+1)*t.banks/t.ranks
	for b := lo; b < hi; b++ {
		s.banks[b].actAt = max(s.banks[b].actAt, c+t.rfc)
		s.needs[b].valid = false
	}
	s.refAt[r] += t.refi
	s.stats.Refreshes++
}

// column issues the RD or WR of the burst at bankQ[bank][pos], which
// leaves the command queue.
func (s *chanState) column(t *timing, ch choice, c int64, done doneFunc) {
	b := s.dequeue(ch.rank, ch.bank, ch.pos)
	bk := &s.banks[ch.bank]
	g := int(ch.rank)*t.bankGroups + int(b.bg)
	var end int64
	if b.write {
		end = c + t.wl + t.burst
		s.wrBG[g], s.wrRk[ch.rank] = c, c
		bk.preAt = max(bk.preAt, c+t.wrToPre)
		if t.closePage {
			bk.openRow, bk.actAt = -1, max(bk.actAt, c+t.wrToAct)
		}
	} else {
		end = c + t.rl + t.burst
		s.rdBG[g], s.rdRk[ch.rank] = c, c
		bk.preAt = max(bk.preAt, c+t.rtp)
		if t.closePage {
			bk.openRow, bk.actAt = -1, max(bk.actAt, c+t.rdToAct)
		}
	}
	s.count(t, b)
	if b.req >= 0 {
		done(b.req, end)
	}
}

func (s *chanState) count(t *timing, b burst) {
	switch {
	case b.pre:
		s.stats.RowConflicts++
	case b.act:
		s.stats.RowMisses++
	default:
		s.stats.RowHits++
	}
	if b.write {
		s.stats.WriteBursts++
	} else {
		s.stats.ReadBursts++
	}
	s.stats.BusyNS += t.burstNS
}

// updateDrainMode switches between serving reads and draining writes
// (WriteDrain): drain from the high watermark, or whenever no read waits;
// stop at the low watermark if reads wait, or when the queue is empty.
func (s *chanState) updateDrainMode(t *timing) {
	if !t.drain {
		return
	}
	readsWait, writes := s.txn.len() > 0, s.writeQ.len()
	switch {
	case s.draining && (writes == 0 || (readsWait && writes <= t.writeLow)):
		s.draining = false
	case !s.draining && writes > 0 && (writes >= t.writeHigh || !readsWait):
		s.draining = true
	}
}

// move takes, in queue order, the first burst that may move and whose
// rank's command queue has room (a full rank does not hold back others),
// and returns its bank, or −1 if none moved.
func (s *chanState) move(t *timing, c int64) int32 {
	from := s.moveQueue()
	r := from.oldest(s.queued, t.cmdDepth)
	if r < 0 || from.front(r).movable > c { // later bursts entered later still
		return -1
	}
	b := from.pop(r)
	s.enqueue(b)
	return b.bank
}

// moveQueue is the queue bursts move from: the write queue while draining,
// else the transaction queue.
func (s *chanState) moveQueue() *rankQueue {
	if s.draining {
		return &s.writeQ
	}
	return &s.txn
}

// admit lets bursts that wait after the port into their queue, in order,
// while there is room; they may move on after the front-end delay.
func (s *chanState) admit(t *timing, c int64) {
	taken := 0
	for _, b := range s.inbox {
		q, depth := &s.txn, t.txnDepth
		if b.write && t.drain {
			q, depth = &s.writeQ, t.writeDepth
		}
		if q.len() >= depth {
			break
		}
		b.movable = max(b.movable, c+t.frontend-1)
		q.push(b)
		taken++
	}
	if taken > 0 {
		s.inbox = s.inbox[:copy(s.inbox, s.inbox[taken:])]
	}
}

// moveEvent is the first cycle ≥ c a burst can move, if one can without
// waiting for a command-queue slot.
func (s *chanState) moveEvent(t *timing, c int64) int64 {
	if t.drain && !s.draining && s.writeQ.len() > 0 && s.txn.len() == 0 {
		return c // the drain starts now
	}
	from := s.moveQueue()
	if r := from.oldest(s.queued, t.cmdDepth); r >= 0 {
		return max(c, from.front(r).movable)
	}
	return noWork
}

// enqueue puts b into its rank's command queue.
func (s *chanState) enqueue(b burst) {
	s.needs[b.bank].valid = false
	s.bankQ[b.bank] = append(s.bankQ[b.bank], b)
	s.queued[b.rank]++
	s.active[b.rank] |= 1 << uint(s.bankBit(b.bank, b.rank))
}

// dequeue takes the burst at bankQ[bank][pos] out of the command queue.
func (s *chanState) dequeue(r, bank int32, pos int) burst {
	s.needs[bank].valid = false
	q := s.bankQ[bank]
	b := q[pos]
	s.bankQ[bank] = append(q[:pos], q[pos+1:]...)
	s.queued[r]--
	if len(s.bankQ[bank]) == 0 {
		s.active[r] &^= 1 << uint(s.bankBit(bank, r))
	}
	return b
}

// bankBit is the bit of bank in its rank's active mask.
func (s *chanState) bankBit(bank, r int32) int32 {
	return bank - r*int32(len(s.banks)/len(s.queued))
}
