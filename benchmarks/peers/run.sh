#!/usr/bin/env bash
# Measures SmpRender's sampler beside the npm peers on the same workloads and prints one table.
# Usage: benchmarks/peers/run.sh [tries]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tries="${1:-7}"
cd "$here"
if [ ! -d node_modules/poisson-disk-sampling ] || [ ! -d node_modules/fast-2d-poisson-disk-sampling ]; then
  npm ci --no-audit --no-fund --silent
fi
ours="$(mktemp)"
trap 'rm -f "$ours"' EXIT
# As the published smp runs: every method fully optimised from its first call (no tiered recompilation partway
# through the tries).
DOTNET_TieredCompilation=0 dotnet run -c Release --project "$here/../SmpRender.Benchmarks" -- peers-json "$tries" > "$ours"
node "$here/peers.mjs" "$ours" "$tries"
