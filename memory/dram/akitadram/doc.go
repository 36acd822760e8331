// Package akitadram is the `akita` DRAM model: Akita v3.1.0's command-level
// mem/dram MemController, one per channel, behind a thin front end.
//
// The front end exists because the controller maps addresses high to low
// as Row | Channel | Rank | Bank | BankGroup | Column, so sequential
// addresses stay in one bank for a whole row, and because it panics on a
// request that splits into as many bursts as its transaction queue holds.
// The front end therefore
//   - maps every burst with logsim's own address mapping (package addrmap,
//     the same as the `fast` model) and re-encodes its (rank, bank group,
//     bank, row, column) in the controller's bit order, so both models see
//     the same banks for the same address;
//   - splits each request into pieces of consecutive bursts that stay in
//     one row of one bank, each at most TransactionQueueDepth − 1 bursts,
//     sends each piece to the controller of its channel, and answers the
//     request when all its pieces are answered;
//   - acts in the same instant it receives a message (in NotifyRecv), so it
//     adds no cycle: requests reach the controllers, and responses the
//     requester, exactly when a direct connection would deliver them.
//
// Every timing parameter comes from the same spec.Params as `fast`.
// Limits of Akita v3.1.0 that apply whatever the parameters say: close page
// only (every burst is ACT + RDA/WRA), no refresh, no tFAW, no read/write
// preambles (tRPRE, tWPRE), FCFS writes mixed with reads, the sub-
// transaction of a read completes tRP cycles after its RDA issues (not
// CL + burst), and the write-to-read turnaround uses CL where JEDEC uses
// CWL. The controller keeps real data in a sparse mem.Storage (memory grows
// with the footprint touched, reads included) and costs about 10–19 µs of
// host time per busy DRAM cycle: use it to check `fast`, not for whole
// networks.
package akitadram
