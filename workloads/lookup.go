package workloads

import (
	"errors"
	"fmt"
	"strings"
)

// zooEntry is one built-in network: its canonical name, extra aliases and
// its constructor.
type zooEntry struct {
	name    string
	aliases []string
	build   func(batch int) Network
}

// zoo lists the built-in networks in the order Names reports them.
func zoo() []zooEntry {
	return []zooEntry{
		{name: "alexnet", build: AlexNet},
		{name: "vgg16", build: VGG16},
		{name: "resnet18", build: ResNet18},
		{name: "resnet50", build: ResNet50},
		{name: "mobilenetv2", build: MobileNetV2},
		{name: "bert-base", aliases: []string{"bert"}, build: BERTBase},
	}
}

// Names returns the canonical names of the built-in networks.
func Names() []string {
	entries := zoo()
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.name
	}
	return names
}

// normalizeName folds case and drops '-', '_', '.' and spaces, so that
// "VGG-16", "vgg_16" and "vgg16" all name the same network.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '.', ' ':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// Lookup returns the built-in network called name at the given batch size.
// Names are case-insensitive and ignore '-', '_' and '.' ("ResNet-50",
// "mobilenet_v2"); "bert" is an alias of "bert-base". An unknown name gives
// an error that suggests the nearest known name and lists them all.
func Lookup(name string, batch int) (Network, error) {
	if batch < 1 {
		return Network{}, fmt.Errorf("network %q: batch must be positive, got %d", name, batch)
	}
	key := normalizeName(name)
	for _, e := range zoo() {
		for _, n := range append([]string{e.name}, e.aliases...) {
			if normalizeName(n) == key {
				return e.build(batch), nil
			}
		}
	}
	return Network{}, errors.New(unknownMsg("network", name, Names()))
}
