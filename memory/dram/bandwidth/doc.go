// Package bandwidth is the `bandwidth` DRAM model, the roofline: one bus
// shared by reads and writes, served first come first served at a peak
// bandwidth, plus a fixed latency.
//
// Timing, exactly: the model takes every waiting request in the first cycle
// p of its clock after the request arrives (Akita's one-hop delay). A
// request of S bytes starts service at s = max(p, f), where f is the time
// the bus finishes the request taken before it, and holds the bus until
// f' = s + S/BW. Its response is sent at f' + Latency, rounded up to the
// model's clock. Times are kept in (fractional) cycles of that clock, so
// S/BW need not be a whole number of cycles: 64 B at 25.6 GB/s and 1 GHz
// occupies the bus for 2.5 cycles. The bandwidth can be given in GB/s or,
// for a SCALE-Sim USER-mode configuration, in bytes per cycle of the
// model's clock (set the clock to the accelerator's). One engine event per
// distinct response time; no ticking while idle.
package bandwidth
