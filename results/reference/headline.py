#!/usr/bin/env python3
"""Prints the two tables of results/README.md from the reference sweep:

    python3 results/reference/headline.py results/reference/sweep.csv

Run it after regenerate.sh and paste its output into results/README.md
(the prose there quotes these numbers too). Standard library only.
"""
import csv, sys, math, collections
rows = list(csv.DictReader(open(sys.argv[1])))
pes = ["mult:a8w8", "mult:a8w4", "shift:a8w4", "shift:a8w3", "logboth:a4w4"]
nets = []
for r in rows:
    if r["network"] not in nets: nets.append(r["network"])
sizes = sorted({int(r["rows"]) for r in rows})
by = {(r["network"], r["pe"], int(r["rows"])): r for r in rows}
def f(r, c): return float(r[c])
def dram_uj(r):
    # the DRAM's whole energy: accesses, refresh and background (standby)
    return sum(float(r.get(c) or 0) for c in ("energy_dram_uj", "energy_dram_refresh_uj", "energy_dram_background_uj"))
def gm(v): return math.exp(sum(map(math.log, v))/len(v))
print("### geometric mean over the 6 networks, ratio to mult:a8w8 at the same array size\n")
print("| PE | array | energy | latency | EDP | area | pJ/MAC | DRAM share of energy (accesses, refresh, background) | lowest SQNR (dB) |")
print("|---|---|---|---|---|---|---|---|---|")
for s in sizes:
    for pe in pes:
        e = gm([f(by[n,pe,s],"energy_total_uj")/f(by[n,"mult:a8w8",s],"energy_total_uj") for n in nets])
        l = gm([f(by[n,pe,s],"time_us")/f(by[n,"mult:a8w8",s],"time_us") for n in nets])
        d = gm([f(by[n,pe,s],"edp_uj_us")/f(by[n,"mult:a8w8",s],"edp_uj_us") for n in nets])
        a = f(by[nets[0],pe,s],"area_total_mm2")/f(by[nets[0],"mult:a8w8",s],"area_total_mm2")
        pj = gm([f(by[n,pe,s],"energy_per_mac_pj") for n in nets])
        dram = gm([dram_uj(by[n,pe,s])/f(by[n,pe,s],"energy_total_uj") for n in nets])
        sq = min(f(by[n,pe,s],"sqnr_min_db") for n in nets) if by[nets[0],pe,s]["sqnr_min_db"] else float('nan')
        print(f"| {pe} | {s}×{s} | {e:.3f} | {l:.3f} | {d:.3f} | {a:.3f} | {pj:.2f} | {100*dram:.0f} % | {sq:.1f} |")
print("\n### per network at 32×32: energy µJ (ratio to mult:a8w8), latency µs, lowest SQNR dB\n")
print("| network | " + " | ".join(pes) + " |")
print("|---|" + "---|"*len(pes))
for n in nets:
    base = by[n,"mult:a8w8",32]
    cells = []
    for pe in pes:
        r = by[n,pe,32]
        cells.append(f"{f(r,'energy_total_uj'):.0f} µJ ({f(r,'energy_total_uj')/f(base,'energy_total_uj'):.2f}), {f(r,'time_us'):.0f} µs, {f(r,'sqnr_min_db'):.1f} dB" if r['sqnr_min_db'] else f"{f(r,'energy_total_uj'):.0f}")
    print(f"| {n} | " + " | ".join(cells) + " |")
