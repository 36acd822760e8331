// Package controller is the accelerator's controller (Accel.Controller), an
// Akita component that executes each layer's tile schedule (from
// dataflow.TileLayer): it loads every tile's operands into the free half of
// their double-buffered SRAM through the DMA, hands the tile to the array
// once its operands are in, stores each output tile (final outputs, or
// partial sums that do not stay on chip) when the array is done writing it,
// and starts the next layer when the previous one's outputs are in DRAM.
//
// Buffer halves. Each operand alternates between the two halves of its
// buffer every time its tile changes; a load may start the cycle after the
// last tile using that half has read it for the last time (the array
// reports that cycle). An output half may be written again once its
// previous tile has been stored. Tiles that keep the same operand tile
// reuse it without a load (the loop order makes this happen, see
// dataflow.TileLayer). DRAM layout: every tile of an operand is stored
// contiguously (a tile-major blocked layout), so a transfer is one
// address range.
package controller
