// Side-by-side medians from several perplexed-bench --json files (one column per file).
// Usage: node crates/bench/compare.mjs a.json b.json …
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
const keys = [];
for (const run of runs) {
  for (const r of run) {
    const k = `${r.workload} | ${r.optimizer}`;
    if (!keys.includes(k)) keys.push(k);
  }
}
const fmt = (v) =>
  v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const engines = runs.map((run) => (run[0] ? run[0].engine : '?'));
console.log('medians (min–max in the per-engine tables above)');
console.log(`| workload | optimizer | unit | ${engines.join(' | ')} |`);
console.log(`|---|---|---|${engines.map(() => '---:').join('|')}|`);
for (const k of keys) {
  let unit = '';
  const cells = runs.map((run) => {
    const r = run.find((x) => `${x.workload} | ${x.optimizer}` === k);
    if (!r) return '';
    unit = r.unit.replace('us/', 'µs/');
    return fmt(r.median);
  });
  console.log(`| ${k} | ${unit} | ${cells.join(' | ')} |`);
}
