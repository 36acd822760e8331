#!/usr/bin/env bash
# Regenerates the reference study in results/reference/ (results/README.md)
# from this checkout: the sweep of study.yaml, compare tables at each array
# size, the plots and the HTML report. Run from anywhere:
#
#   bash results/reference/regenerate.sh
#
# Everything is written into a temporary folder first and moved into place
# at the end, so a failed run leaves the committed study as it was. The
# outputs are deterministic: the same checkout writes byte-identical files
# (CSV, Markdown, SVG, PNG and HTML) for any number of workers. It takes
# about 15 CPU-minutes (90 sweep points with numerics, 126 compare runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CGO_ENABLED=0
ref=results/reference
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/logsim" ./cmd/logsim
logsim="$tmp/logsim"
out="$tmp/study"
mkdir -p "$out"

"$logsim" sweep "$ref/study.yaml" --out "$out/sweep.csv" --layers "$out/sweep_layers.csv" --quiet
pes=(--pe mult:a8w8 --pe mult:a8w4 --pe shift:a8w4 --pe shift:a8w3 --pe logboth:a4w4)
nets=(--network alexnet --network vgg16 --network resnet18 --network resnet50 --network mobilenetv2 --network bert-base)
# SQNR does not depend on the array: compare measures it at the reference
# design point's 32×32 only (the sweep has it for every point).
for n in 16 32 128; do
  numerics=()
  if [ "$n" = 32 ]; then numerics=(--numerics); fi
  "$logsim" compare "${pes[@]}" "${nets[@]}" --rows "$n" --cols "$n" "${numerics[@]}" \
    --csv "$out/compare-${n}x${n}.csv" > "$out/compare-${n}x${n}.md"
done
"$logsim" report "$out" --out "$out/report.html" --plots "$out/plots" --quiet \
  --title "logsim reference study: log-domain against multiplier PEs"

rm -rf "$ref/plots"
mv "$out"/sweep.csv "$out"/sweep_layers.csv "$out"/compare-*.csv "$out"/compare-*.md "$out"/report.html "$ref/"
mv "$out/plots" "$ref/plots"
echo "regenerated $ref"
