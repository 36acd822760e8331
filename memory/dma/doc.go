// Package dma is the accelerator's DMA engine (Accel.DMA): it moves tiles
// between DRAM and the SRAM buffers. A transfer is split into requests of
// at most RequestBytes bytes, with at most MaxOutstanding requests in
// flight, sent to any DRAM model that speaks Akita's memory protocol
// (mem.ReadReq / mem.WriteReq). A transfer may carry a NotBefore time: the
// DMA sleeps until then (the buffer half it fills is still in use).
// Transfers are served in NotBefore order, and in arrival order among
// equal times; a prefetch (the next layer's data) only while no other
// transfer is ready, so it never delays one that is, beyond the requests it
// already has in flight.
package dma
