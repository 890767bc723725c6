#!/usr/bin/env node
// Two builds of this package compared in one Node process, for a change whose effect is a few
// per cent (the tool behind the speed figures of bench/ANALYSIS.md's steps):
//   node bench/ab.mjs DIR_A DIR_B [number|expiry|cvv] [--pairs 41] [--n 200000]
// DIR_A and DIR_B each hold an entry (index.js) and its .wasm, e.g. a copy of pkg/validate made
// before the change and pkg/validate after it. Both are loaded side by side and timed in pairs
// of runs over the same corpus (bench/corpus.mjs), the order inside a pair alternating. Reported:
// each side's median ns a call, and the median of the pairs' B/A ratios, which holds stiller
// than separate processes do: on this 2-core machine, single `bench/speed.mjs` runs of one build
// gave 243 to 386 ns a number within one hour, while two copies of one build compared here gave
// 0.996 to 1.008 in six runs. A run can still land a few per cent off (about one in four when
// the builds differ), so make several, and some with the sides swapped.
import { readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { numberCorpus, expiryCorpus, cvvCorpus } from './corpus.mjs';

const pos = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const opt = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const [dirA, dirB, field = 'number'] = pos;
if (!dirA || !dirB || !['number', 'expiry', 'cvv'].includes(field)) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B [number|expiry|cvv] [--pairs 41] [--n 200000]');
  process.exit(2);
}
const PAIRS = opt('pairs', 41);
const N = opt('n', 200_000);

async function load(dir) {
  // A query string per side, so that two copies of the same file are two module instances.
  const url = `${pathToFileURL(join(resolve(dir), 'index.js')).href}?side=${encodeURIComponent(dir)}`;
  const m = await import(url);
  m.initSync({ module: readFileSync(join(dir, 'midtrans_card_bg.wasm')) });
  return m;
}
const sides = [await load(dirA), await load(dirB)];

const inputs = field === 'number' ? numberCorpus(N) : field === 'expiry' ? expiryCorpus(N) : cvvCorpus(N);
const fold = (r) => (r.isValid ? 1 : 0) + (r.isPotentiallyValid ? 2 : 0);
// One loop per side: monomorphic call sites, as in bench/speed.mjs.
const loops = sides.map((m) => {
  if (field === 'number') return () => { let s = 0; for (let i = 0; i < N; i++) s += fold(m.validateCardNumber(inputs[i])); return s; };
  if (field === 'expiry') return () => { let s = 0; for (let i = 0; i < N; i++) s += fold(m.validateExpiry(inputs[i])); return s; };
  const { values, brands } = inputs;
  return () => { let s = 0; for (let i = 0; i < N; i++) s += fold(m.validateCvv(values[i], brands[i])); return s; };
});

let sink = 0;
for (let w = 0; w < 3; w++) for (const f of loops) sink += f(); // warm-up: V8 tiers up both
const times = [[], []];
const ratios = [];
for (let p = 0; p < PAIRS; p++) {
  for (const k of p % 2 ? [1, 0] : [0, 1]) {
    const t0 = process.hrtime.bigint();
    sink += loops[k]();
    times[k].push(Number(process.hrtime.bigint() - t0) / N);
  }
  ratios.push(times[1][p] / times[0][p]);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`${field}: A ${median(times[0]).toFixed(1)} ns, B ${median(times[1]).toFixed(1)} ns a call; `
  + `B/A median of ${PAIRS} pairs ${median(ratios).toFixed(3)} (sink ${sink})`);
