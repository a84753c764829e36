#!/usr/bin/env bash
# End-to-end measurements for the README:
#  1. one 12-megapixel JPEG -> JPEG render as a whole process (the published smp, ReadyToRun) beside
#     decoding and re-encoding the same photo with libjpeg-turbo's own tools (djpeg | cjpeg -quality 90);
#  2. a batch of 100 renders with --jobs 1 and --jobs 2, with the peak memory of each run.
# Needs hyperfine and libjpeg-turbo-progs (apt-get install hyperfine libjpeg-turbo-progs).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/smp-e2e}
rm -rf "$work" && mkdir -p "$work"

dotnet publish src/SmpRender.Cli -c Release -o "$work/smp" >/dev/null
dotnet run --project samples/generator -c Release -- --large "$work" >/dev/null
smp="$work/smp/smp"

echo "== one 12 MP photo"
hyperfine --warmup 2 --runs 15 --export-json "$work/single.json" \
  -n smp "$smp render $work/large.jpg --plan $work/large.plan.json -o $work/out.jpg" \
  -n "djpeg | cjpeg" "djpeg $work/large.jpg | cjpeg -quality 90 > $work/ref.jpg"
python3 - "$work/single.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s, d = r["smp"]["median"], r["djpeg | cjpeg"]["median"]
print(f"median smp render {s*1000:.0f} ms, djpeg|cjpeg {d*1000:.0f} ms, ratio {s/d:.2f}")
PY
"$smp" render "$work/large.jpg" --plan "$work/large.plan.json" -o "$work/out.jpg" --json

echo "== batch of 100 renders (the six samples, each photo rendered many times)"
python3 - "$work" "$PWD/samples" <<'PY'
import json, sys
work, samples = sys.argv[1], sys.argv[2]
names = ["crown", "hairline", "top", "fut-scar", "fue-scars", "density"]
jobs = [{"command": "render", "photo": f"{samples}/{n}.jpg", "plan": f"{samples}/{n}.plan.json",
         "output": f"{work}/batch/{i:03d}-{n}.jpg"} for i, n in ((i, names[i % 6]) for i in range(100))]
json.dump({"version": 1, "jobs": jobs}, open(f"{work}/batch.json", "w"))
PY
for jobs in 1 2; do
  rm -rf "$work/batch"
  /usr/bin/time -f "jobs=$jobs: %e s wall, peak RSS %M KiB" "$smp" batch "$work/batch.json" --jobs $jobs --report "$work/report-$jobs.json" | tail -2
done
