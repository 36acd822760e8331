// Package array is the accelerator's PE array (Accel.Array) as an Akita
// component. It does not tick per cycle: when the controller hands it a
// tile, it computes every fold's start and end from the dataflow closed
// forms (dataflow.Timer, proven by dataflow/refmodel), delayed where an
// operand is not yet in its buffer, the output half is not yet free, or the
// buffer ports cannot keep up, answers with the tile's times at once, and
// sleeps. Folds of a layer overlap as the timing mode allows; folds of
// different layers never do.
package array
