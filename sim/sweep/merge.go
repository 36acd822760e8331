package sweep

import (
	"errors"
	"fmt"
	"strings"
)

// maxListed bounds the point IDs an error lists.
const maxListed = 5

// Merge joins shard files (written by sweeps with a Shard) into the
// outputs one unsharded run of the same sweep writes, byte for byte. The
// files must come from one sweep: the same points, logsim version,
// numerics, columns and shard count. A point in two files or in none is
// an error that names the points (and, for a missing one, its shard).
func Merge(inputs []string, out Outputs) (Summary, error) {
	if err := out.check(Shard{}); err != nil {
		return Summary{}, &BadInput{err}
	}
	if len(inputs) == 0 {
		return Summary{}, &BadInput{errors.New("no shard files to merge")}
	}
	var set recordSet
	defer set.close()
	var dups []string
	for _, in := range inputs {
		d, err := set.addFile(in, func(sc scanned) error { return checkShardFile(in, sc, &set, inputs[0]) })
		if err != nil {
			return Summary{}, badInputIf(err)
		}
		dups = append(dups, d...)
	}
	if len(dups) > 0 {
		return Summary{}, &BadInput{fmt.Errorf("points in more than one input: %s", listed(dups))}
	}
	if missing := set.missing(Shard{}); len(missing) > 0 {
		var ids []string
		for _, i := range missing {
			ids = append(ids, fmt.Sprintf("%s (shard %d/%d)", set.header.Points[i], i%set.header.Shard.Count+1, set.header.Shard.Count))
		}
		return Summary{}, &BadInput{fmt.Errorf("points in no input: %s: run those shards and merge again", listed(ids))}
	}
	if err := set.write(out, Shard{}); err != nil {
		return Summary{}, err
	}
	return Summary{Points: len(set.spans), Failed: set.failed}, nil
}

// checkShardFile checks a file to merge: a whole shard file, each record
// of its shard, from the same sweep as the first file read.
func checkShardFile(name string, sc scanned, set *recordSet, first string) error {
	h := sc.header
	switch {
	case !sc.whole || sc.torn:
		return fmt.Errorf("%s: not a whole shard file (cut short?)", name)
	case !h.Shard.Sharded():
		return fmt.Errorf("%s: not a shard file (a journal of a sweep without --shard?)", name)
	case set.spans != nil:
		if why := set.header.mismatch(h, false); why != "" {
			return fmt.Errorf("%s is from another sweep than %s: %s", name, first, why)
		}
	}
	for _, r := range sc.records {
		if !h.Shard.Has(r.index) {
			return fmt.Errorf("%s: point %s is not in shard %s", name, h.Points[r.index], h.Shard)
		}
	}
	return nil
}

// listed lists at most maxListed items and how many there are.
func listed(items []string) string {
	if len(items) <= maxListed {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s, … (%d in all)", strings.Join(items[:maxListed], ", "), len(items))
}
