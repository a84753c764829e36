// Runs the npm Poisson-disc samplers on SmpRender's benchmark workloads and prints one table, ours
// beside theirs: dots per second (best of several tries) and relative radius ρ in the interior.
// Usage: node peers.mjs ours.jsonl [tries]   (ours.jsonl from `SmpRender.Benchmarks peers-json`)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import PoissonDiskSampling from 'poisson-disk-sampling';
import FastPoissonDiskSampling from 'fast-2d-poisson-disk-sampling';

const ours = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const tries = Number(process.argv[3] ?? 7);

// Same feathered ellipse as SamplerWorkloads.EllipseValues (evaluated at any point, not per pixel).
function ellipseDensity(width, height) {
  const cx = width / 2, cy = height / 2, ax = width * 0.4, ay = height * 0.35, feather = width / 7.5;
  return (x, y) => {
    const dx = (x - cx) / ax, dy = (y - cy) / ay;
    const d = (Math.sqrt(dx * dx + dy * dy) - 1) * Math.min(ax, ay);
    const t = Math.min(1, Math.max(0, 0.5 - d / feather));
    return t * t * (3 - 2 * t);
  };
}

function interior(w) {
  if (w.workload.startsWith('uniform')) {
    const m = 3 * w.spacing;
    return [m, m, w.width - m, w.height - m];
  }
  return [w.width * 0.3, w.height * 0.3, w.width * 0.7, w.height * 0.7];
}

// ρ = d_min / d_max, d_max = sqrt(2A / (√3 N)) over the points inside the box (Lagae & Dutré 2008).
function relativeRadius(points, [x0, y0, x1, y1]) {
  const inside = points.filter(([x, y]) => x >= x0 && x < x1 && y >= y0 && y < y1);
  const n = inside.length;
  const area = (x1 - x0) * (y1 - y0);
  const dMax = Math.sqrt((2 * area) / (Math.sqrt(3) * n));
  const cell = dMax;
  const grid = new Map();
  for (const [x, y] of inside) {
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push([x, y]);
  }
  let best = Infinity;
  for (const [x, y] of inside) {
    const gx = Math.floor(x / cell), gy = Math.floor(y / cell);
    for (let j = gy - 1; j <= gy + 1; j++) {
      for (let i = gx - 1; i <= gx + 1; i++) {
        for (const [qx, qy] of grid.get(`${i},${j}`) ?? []) {
          const d = (qx - x) ** 2 + (qy - y) ** 2;
          if (d > 0 && d < best) best = d;
        }
      }
    }
  }
  return Math.sqrt(best) / dMax;
}

function measure(make) {
  let best = Infinity, points = [];
  make().fill(); // warm-up
  for (let t = 0; t < tries; t++) {
    const sampler = make();
    const start = performance.now();
    points = sampler.fill();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { points, seconds: best };
}

const rows = [];
const workloads = [...new Map(ours.map((w) => [w.workload, w])).values()];
for (const w of workloads) {
  for (const o of ours.filter((x) => x.workload === w.workload)) {
    rows.push({ workload: w.workload, sampler: o.sampler, dots: o.dots, dotsPerSecond: o.dotsPerSecond, rho: o.rho });
  }
  const shape = [w.width, w.height];
  const r = w.spacing;
  const peers = [];
  if (w.workload.startsWith('uniform')) {
    peers.push(['poisson-disk-sampling', () => new PoissonDiskSampling({ shape, minDistance: r, maxDistance: 2 * r, tries: 30 })]);
    peers.push(['fast-2d-poisson-disk-sampling', () => new FastPoissonDiskSampling({ shape, radius: r, tries: 30 })]);
  } else {
    // Variable spacing r(x) = r / √d(x), clamped to [r, 4 r]: this peer's grid is sized for its largest
    // spacing, so a wider range would slow it down further; it cannot place nothing, so its sparsest
    // dots cover the zero-density outside. bias 0: the min(r(a), r(b)) rule, as ours.
    const density = ellipseDensity(w.width, w.height);
    const maxDistance = 4 * r;
    peers.push(['poisson-disk-sampling (variable)', () => new PoissonDiskSampling({
      shape, minDistance: r, maxDistance, tries: 30, bias: 0,
      distanceFunction: ([x, y]) => {
        const d = density(x, y);
        const rx = d > 1 / 16 ? r / Math.sqrt(d) : maxDistance;
        return (rx - r) / (maxDistance - r);
      },
    })]);
  }
  for (const [name, make] of peers) {
    const { points, seconds } = measure(make);
    rows.push({ workload: w.workload, sampler: name, dots: points.length, dotsPerSecond: Math.round(points.length / seconds), rho: relativeRadius(points, interior(w)) });
  }
}

const header = ['workload', 'sampler', 'dots', 'dots/s', 'ρ'];
const table = rows.map((x) => [x.workload, x.sampler, String(x.dots), `${(x.dotsPerSecond / 1e6).toFixed(2)} M`, x.rho.toFixed(3)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of table) console.log(line(row));
console.log(`\nnode ${process.version}, best of ${tries} tries each; ρ in the interior (uniform: 3 spacings from the edges; ellipse: the middle 40%).`);
