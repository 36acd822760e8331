// Package ideal is the `ideal` DRAM model: every request is answered a fixed
// latency after the model takes it from its port, with unlimited bandwidth
// and concurrency, so the memory never stalls the accelerator.
//
// Timing: the model takes every waiting request in the first cycle of its
// clock after the request arrives (Akita's usual one-hop delay of a
// DirectConnection) and sends the response at that cycle plus Latency,
// rounded up to its clock. The default latency is 0 ns: the response leaves
// in the same cycle the request is taken, which is the closest an Akita
// component gets to SCALE-Sim's stall-free CALC mode. One engine event per
// distinct response time; no ticking while idle.
package ideal
