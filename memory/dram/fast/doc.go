// Package fast is logsim's own event-driven, bank-level DRAM model (the
// `fast` model): channels, ranks, bank groups and banks with their open
// rows, the JEDEC timings, refresh, a configurable address mapping
// (package addrmap), queues of configurable depth, open- or close-page
// policy, and write draining.
//
// # What happens to a request
//
// The model takes at most one request per DRAM cycle from its port (Akita's
// one-hop delay applies: a request sent in cycle t is seen in the model's
// next cycle). It takes it only if, in every channel the request touches,
// the transaction queue (reads; writes too under WriteInOrder) or the write
// queue (WriteDrain) has a free entry and no burst of an earlier request is
// still waiting to enter one. The request is cut into bursts
// (BusWidthBits/8·BurstLength bytes, 64 B for DDR4 and HBM2), each mapped to
// its channel, rank, bank and row; the bursts enter their queue in order as
// entries free. Each cycle one burst moves, in queue order, into the
// command queue of its rank (CommandQueueDepth bursts per rank); a burst
// whose rank's command queue is full does not hold back bursts of other
// ranks. A burst may move FrontendCycles − 1 cycles after its request was
// taken, and issue a command one cycle after it moved: a request taken in
// cycle k can activate in cycle k + FrontendCycles (2 by default, the
// pipeline of Akita v3's MemController).
//
// # Scheduling
//
// Each cycle every command bus (one per channel, or a row bus and a column
// bus with DualCommandBus) issues at most one command. A command can issue
// once every timing constraint allows it: its bank's own state (tRCD, tRAS,
// tRP, tRC, tRTP, tWR, refresh), the rank's ACT spacing (tRRD_L/S, tFAW),
// PRE spacing (tPPD), and the data-bus spacing of column commands (tCCD_L/S,
// read-to-write and write-to-read turnarounds with tWTR_L/S, rank switches
// with tRTRS, read and write preambles) — DRAMSim3's formulas
// (src/timing.cc), which Akita's controller copies. Among the commands that
// can issue in a cycle the scheduler prefers, in order: the rank after the
// one that issued last (round-robin, as Akita), a due refresh, under the
// open-page policy a column command to an open row (FR-FCFS: "first ready,
// row hits first"), then the oldest burst. Per bank, the oldest burst is
// served first, except that under the open-page policy the oldest burst
// hitting the open row goes before older bursts to other rows, and a row
// is not precharged while a queued burst still hits it.
//
// Page policies: PageOpen leaves a row open after an access until a burst
// needs another row of that bank (PRE, then ACT); PageClose gives every
// column command an auto-precharge (RDA/WRA), so every burst needs an ACT;
// the bank's next ACT may come burst + tRTP + tRP cycles after an RDA, CWL
// + burst + tWR + tRP after a WRA (DRAMSim3's readp_to_act and
// write_to_activate), and tRC after the previous ACT.
//
// Writes: under WriteInOrder they are scheduled like reads, in arrival
// order, and answered when their data has been written. Under WriteDrain
// (the default) they are posted: acknowledged FrontendCycles +
// BackendCycles after the model takes them, and kept in a write queue
// (WriteQueueDepth bursts). The controller moves reads into the command
// queues until the write queue reaches WriteHighWatermark bursts, or no
// read waits in the transaction queue; it then moves writes only, until the
// write queue is down to WriteLowWatermark with reads waiting, or empty
// (gem5 DRAMCtrl's policy). Reads do not see the data of buffered writes
// (no forwarding): the model moves timing only.
//
// Refresh: each rank is refreshed (all banks) every tREFI cycles, the ranks
// staggered by tREFI/Ranks. When a refresh falls due the rank activates
// nothing new; open rows are precharged (under the close-page policy
// pending accesses to open rows finish first), then REF issues once every
// bank is precharged, and the banks accept no ACT for tRFC.
//
// # Responses
//
// A read's data ends CL + BurstLength/DataRate cycles after its RD; a
// write's CWL + BurstLength/DataRate after its WR. A request is answered
// BackendCycles after the end of its last burst's data (1 by default, as
// Akita's controller responds in the tick after completion). Responses can
// leave out of order.
//
// # Cost
//
// The model never ticks per DRAM cycle. Each channel's scheduler jumps
// from one cycle at which something can happen to the next, so its cost
// is per command. It only decides cycles no later request can change: a
// request taken in cycle k cannot act before cycle k + FrontendCycles, and
// while the request at the head of the port cannot be taken, none behind it
// can. The component is woken when the head of the port can be taken, and
// otherwise, while bursts are pending, at the next possible event plus the
// shortest command-to-response latency, so that every response is known
// before it is due. That is a bounded number of engine events per request:
// one to take it, one per response time, and wake-ups at most every
// min(CL, CWL) + burst + BackendCycles cycles while the DRAM is busy.
package fast
