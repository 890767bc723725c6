#!/usr/bin/env node
// Validation speed in one Node process, on the same seeded inputs for every library.
//   node bench/speed.mjs [--pkg DIR] [--n 1000000] [--runs 5] [--only LIBRARY] [--out FILE.json]
// Each timed run calls one function over the whole input array; runs of the libraries are
// interleaved (ours, theirs, ours, ...) so drift hits both sides; before them, two untimed
// passes over a 200,000-input slice per library (warm-up: V8 tiers up JS and wasm). Every result
// feeds a sink that is printed, so no call can be optimised away. Reported: median ns/call.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { numberCorpus, expiryCorpus, cvvCorpus, SEED } from './corpus.mjs';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const pkgDir = resolve(args.pkg || join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'pkg'));
const N = Number(args.n || process.env.BENCH_N || 1_000_000);
const RUNS = Math.max(5, Number(args.runs || process.env.BENCH_RUNS || 5));
const WARM = Math.min(N, 200_000);
const log = (...a) => console.error(...a);

const loadStart = loadavg()[0];
const mc = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
mc.initSync({ module: readFileSync(join(pkgDir, 'midtrans_card_bg.wasm')) });
const cv = require('card-validator');
const cc = require('creditcards');

log(`generating ${N.toLocaleString('en')} inputs per field (seed ${SEED})...`);
const numbers = numberCorpus(N);
const expiries = expiryCorpus(N);
const cvv = cvvCorpus(N);

// One loop per library and field: monomorphic call sites, nothing shared between sides.
// The sink folds both booleans of every verdict; its value is printed at the end.
let sink = 0;
const fold = (r) => (r.isValid ? 1 : 0) + (r.isPotentiallyValid ? 2 : 0);
const loops = {
  number: {
    'midtrans-card': (n) => { let s = 0, v = 0; for (let i = 0; i < n; i++) { const r = mc.validateCardNumber(numbers[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
    'card-validator': (n) => { let s = 0, v = 0; for (let i = 0; i < n; i++) { const r = cv.number(numbers[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
    creditcards: (n) => { let s = 0, v = 0; for (let i = 0; i < n; i++) { const ok = cc.card.isValid(cc.card.parse(numbers[i])); s += ok ? 1 : 0; if (ok) v++; } return [s, v]; },
  },
  expiry: {
    'midtrans-card': (n) => { let s = 0, v = 0; for (let i = 0; i < n; i++) { const r = mc.validateExpiry(expiries[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
    'card-validator': (n) => { let s = 0, v = 0; for (let i = 0; i < n; i++) { const r = cv.expirationDate(expiries[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
  },
  cvv: {
    'midtrans-card': (n) => { let s = 0, v = 0; const vs = cvv.values, bs = cvv.brands; for (let i = 0; i < n; i++) { const r = mc.validateCvv(vs[i], bs[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
    'card-validator': (n) => { let s = 0, v = 0; const vs = cvv.values, ms = cvv.maxLengths; for (let i = 0; i < n; i++) { const r = cv.cvv(vs[i], ms[i]); s += fold(r); if (r.isValid) v++; } return [s, v]; },
  },
};

// --only midtrans-card: time just that library (for comparing builds of it).
if (args.only) for (const libs of Object.values(loops)) for (const k of Object.keys(libs)) if (k !== args.only) delete libs[k];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const results = {};
for (const [field, libs] of Object.entries(loops)) {
  const times = Object.fromEntries(Object.keys(libs).map((k) => [k, []]));
  const validCount = {};
  // Warm-up: an untimed slice per library (V8 tiers up JS and wasm), twice.
  for (let w = 0; w < 2; w++) for (const f of Object.values(libs)) sink += f(WARM)[0];
  for (let run = 0; run < RUNS; run++) {
    for (const [lib, f] of Object.entries(libs)) {
      const t0 = process.hrtime.bigint();
      const [s, v] = f(N);
      const t1 = process.hrtime.bigint();
      sink += s;
      validCount[lib] = v; // the same every run: how many inputs this library called valid
      times[lib].push(Number(t1 - t0) / N);
    }
  }
  results[field] = Object.fromEntries(Object.keys(libs).map((lib) => [lib, {
    nsPerCall: median(times[lib]), runs: times[lib], validVerdicts: validCount[lib],
  }]));
  log(`${field}: ` + Object.entries(results[field]).map(([l, r]) => `${l} ${r.nsPerCall.toFixed(1)} ns/call`).join(', '));
}

const out = {
  inputsPerField: N, runs: RUNS, seed: SEED, sink, loadavg1m: { start: loadStart, end: loadavg()[0] },
  node: process.version, v8: process.versions.v8, pkgDir, results,
};
log(`sink ${sink}`);
if (args.out) writeFileSync(args.out, JSON.stringify(out, null, 2) + '\n');
else console.log(JSON.stringify(out, null, 2));
