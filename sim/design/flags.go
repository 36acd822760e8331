package design

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// Flags are the design parameters as command-line flags: one flag per
// Param, recorded as the user gives them and applied, in command-line
// order, on top of a base point (defaults, then a design file or a
// SCALE-Sim config, then the flags).
type Flags struct {
	given []givenFlag
}

type givenFlag struct {
	param Param
	text  string
}

// RegisterFlags adds a flag for every parameter to fs, with def's values as
// the defaults shown in --help.
func RegisterFlags(fs *pflag.FlagSet, def Point) *Flags {
	f := &Flags{}
	for _, pr := range Params() {
		usage := pr.Usage
		if pr.Unit != "" {
			usage += ", " + pr.Unit
		}
		fs.Var(&flagValue{flags: f, param: pr, shown: pr.Get(def)}, pr.Flag, usage)
	}
	return f
}

// Apply sets every flag the user gave on p, in command-line order.
func (f *Flags) Apply(p *Point) error {
	for _, g := range f.given {
		if err := g.param.Set(p, g.text); err != nil {
			return fmt.Errorf("--%s: %w", g.param.Flag, err)
		}
	}
	return nil
}

// Given reports whether the flag of the parameter with key was given.
func (f *Flags) Given(key string) bool {
	for _, g := range f.given {
		if g.param.Key == key {
			return true
		}
	}
	return false
}

// flagValue is one parameter's pflag.Value. Set checks the text on a
// scratch point, so a malformed value is reported while the command line is
// parsed.
type flagValue struct {
	flags *Flags
	param Param
	shown string
}

func (v *flagValue) String() string { return v.shown }

func (v *flagValue) Type() string { return v.param.Type }

func (v *flagValue) Set(text string) error {
	if v.param.Key == "dram_overrides" && !strings.Contains(text, "=") {
		return fmt.Errorf("%q: want name=value", text)
	}
	scratch := Default()
	if err := v.param.set(&scratch, strings.TrimSpace(text)); err != nil {
		return err
	}
	v.flags.given = append(v.flags.given, givenFlag{param: v.param, text: text})
	v.shown = text
	return nil
}
