// Package vector is the accelerator's vector unit (Accel.Vector), beside
// the array: it runs the layers that are not GEMMs (pooling, residual adds,
// softmax, layer normalisation) on Lanes lanes at one operation per lane
// per cycle, reading its inputs from the ifmap buffer and writing its
// outputs to the ofmap buffer, which the controller fills and drains
// through the DMA as it does for the array. It takes the array's tile
// protocol (array.RunTileReq with Vector set) and, like the array, answers
// at once with the cycles the tile runs (it does not tick per cycle).
package vector
