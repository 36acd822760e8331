package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// Version is logsim's version, written into every network row. It is
// bumped by hand whenever what logsim reports changes (never derived from
// the commit), so committed results say which version produced them.
const Version = "0.2.0"

// PointID identifies a design point on a network: the first 16 hex digits
// of a SHA-256 over the resolved point's fingerprint
// (design.Resolved.Fingerprint) and the network's name, batch and layers.
// Two spellings of one design on one network share it; it does not depend
// on logsim's version.
func PointID(net workloads.Network, d design.Resolved) string {
	layers, err := json.Marshal(net.Layers)
	if err != nil {
		panic(fmt.Sprintf("internal: layers do not marshal: %v", err)) // plain structs of numbers and strings
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%s\n", d.Fingerprint(), net.Name, net.Batch, layers)
	return hex.EncodeToString(h.Sum(nil))[:16]
}
