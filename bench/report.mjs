#!/usr/bin/env node
// Turns the JSON written by bench/speed.mjs, bench/size.mjs and bench/browser.mjs (one run) into
// a table on stdout and BENCHMARKS.md. Every figure printed comes from those files.
//   node bench/report.mjs --dir .tmp/bench [--md BENCHMARKS.md]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const dir = args.dir || join(root, '.tmp', 'bench');
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);
const speed = read('speed.json');
const size = read('size.json');
const browser = read('browser.json');

const sh = (cmd, a) => { try { return execFileSync(cmd, a, { encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unavailable'; } };
const cpuModel = (() => {
  try { return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model; } catch { return cpus()[0]?.model ?? 'unknown'; }
})();
const version = (name) => { try { return require(`${name}/package.json`).version; } catch { return 'not installed'; } };
const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock']) ? ' + uncommitted changes under src/' : '';
const env = {
  // When the run measured (its first result file), not when this report was written.
  date: (existsSync(join(dir, 'size.json')) ? statSync(join(dir, 'size.json')).mtime : new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
  nproc: sh('nproc', []),
  cpu: cpuModel,
  memory: sh('sh', ['-c', "awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo"]),
  os: sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']) + ', ' + sh('uname', ['-r']),
  node: process.version,
  chromium: browser?.chromium ?? 'not run',
  rustc: sh('rustc', ['--version']),
  wasmBindgen: sh('wasm-bindgen', ['--version']),
  wasmOpt: sh(join(root, 'node_modules/.bin/wasm-opt'), ['--version']),
  commit: commit + dirty,
  packages: Object.fromEntries(['midtrans-card', 'card-validator', 'credit-card-type', 'creditcards', 'picomodal', 'esbuild', 'playwright-core'].map((p) => [p, p === 'midtrans-card' ? require(join(root, 'package.json')).version : version(p)])),
};

const ns = (x) => x.toFixed(1);
const x2 = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2)) + '×';
// A speed-up as words too: 0.25× is "4.00× slower".
const sp = (x) => `${x2(x)} (${x >= 1 ? x2(x) + ' faster' : x2(1 / x) + ' slower'})`;
const ms = (x) => x.toFixed(1);
const B = (x) => x.toLocaleString('en');
const table = (head, rows, align = head.map((_, i) => (i === 0 ? '---' : '---:'))) => [
  '| ' + head.join(' | ') + ' |',
  '|' + align.join('|') + '|',
  ...rows.map((r) => '| ' + r.join(' | ') + ' |'),
].join('\n');
const verdict = (ok) => (ok ? '**met**' : '**missed**');

const targets = [];
const sections = [];

// ---- speed ------------------------------------------------------------------------------------
if (speed) {
  const r = speed.results;
  const ours = (f) => r[f]['midtrans-card'].nsPerCall;
  const speedup = (f, lib) => r[f][lib].nsPerCall / ours(f); // > 1: ours is faster
  const rows = [
    ['card number', ns(ours('number')), ns(r.number['card-validator'].nsPerCall), ns(r.number.creditcards.nsPerCall), x2(speedup('number', 'card-validator')), x2(speedup('number', 'creditcards'))],
    ['expiry', ns(ours('expiry')), ns(r.expiry['card-validator'].nsPerCall), '–', x2(speedup('expiry', 'card-validator')), '–'],
    ['CVV', ns(ours('cvv')), ns(r.cvv['card-validator'].nsPerCall), '–', x2(speedup('cvv', 'card-validator')), '–'],
  ];
  const valid = table(['field', 'midtrans-card valid', 'card-validator valid', 'creditcards valid'],
    ['number', 'expiry', 'cvv'].map((f) => [f, B(r[f]['midtrans-card'].validVerdicts), B(r[f]['card-validator'].validVerdicts), r[f].creditcards ? B(r[f].creditcards.validVerdicts) : '–']));
  const runsTable = table(['field / library', ...Array.from({ length: speed.runs }, (_, i) => `run ${i + 1}`)],
    Object.entries(r).flatMap(([f, libs]) => Object.entries(libs).map(([lib, v]) => [`${f} / ${lib}`, ...v.runs.map(ns)])));
  sections.push(`## 1. Validation speed (Node ${speed.node}, V8 ${speed.v8})

${B(speed.inputsPerField)} seeded inputs per field (seed ${speed.seed}), the same arrays for every library;
median of ${speed.runs} timed runs after warm-up; nanoseconds per call (lower is better). "Speed-up" is
the peer's time divided by ours: above 1× midtrans-card is faster, below 1× it is slower.

${table(['field', 'midtrans-card ns/call', 'card-validator ns/call', 'creditcards ns/call', 'speed-up vs card-validator', 'speed-up vs creditcards'], rows)}

Calls compared: \`validateCardNumber(s)\` vs \`valid.number(s)\` vs \`card.isValid(card.parse(s))\` (creditcards wants digits, so
its own \`parse\` strips spaces and dashes first); \`validateExpiry(v)\` vs \`valid.expirationDate(v)\` (both with their
default "today" and 19-year horizon); \`validateCvv(c, brand)\` vs \`valid.cvv(c, maxLength)\` where \`maxLength\` is the
same brand's size (Amex 4, others 3, no brand \`[3, 4]\`).

How many inputs each library called valid (the libraries differ on purpose in places, see
\`tests/node/differential.test.mjs\`; these counts show both sides did the full work):

${valid}

Every timed run (ns/call):

${runsTable}

Sink (printed so no call is optimised away): ${speed.sink}.`);
  targets.push(['card number ≥ 50× faster than card-validator', sp(speedup('number', 'card-validator')), speedup('number', 'card-validator') >= 50]);
  targets.push(['card number ≥ 5× faster than creditcards', sp(speedup('number', 'creditcards')), speedup('number', 'creditcards') >= 5]);
  targets.push(['expiry ≥ 10× faster than card-validator', sp(speedup('expiry', 'card-validator')), speedup('expiry', 'card-validator') >= 10]);
  targets.push(['CVV no slower than card-validator', sp(speedup('cvv', 'card-validator')), speedup('cvv', 'card-validator') >= 1]);
}

// ---- size -------------------------------------------------------------------------------------
if (size) {
  const rows = Object.entries(size.ours.files).map(([f, s]) => [`midtrans-card \`pkg/${f}\``, B(s.raw), B(s.gzip), B(s.brotli)]);
  rows.push(['**midtrans-card total**', `**${B(size.ours.total.raw)}**`, `**${B(size.ours.total.gzip)}**`, `**${B(size.ours.total.brotli)}**`]);
  for (const [f, s] of Object.entries(size.lazy ?? {})) {
    rows.push([`midtrans-card \`pkg/${f}\` (not in the total: fetched on \`CardForm.define()\` only)`, B(s.raw), B(s.gzip), B(s.brotli)]);
  }
  if (size.validateOnly) {
    rows.push(['**midtrans-card/validate total** (validation-only entry: its own entry with its own wasm inside)', `**${B(size.validateOnly.total.raw)}**`, `**${B(size.validateOnly.total.gzip)}**`, `**${B(size.validateOnly.total.brotli)}**`]);
  }
  rows.push(['**card-validator + picomodal** (esbuild bundle)', `**${B(size.peers.raw)}**`, `**${B(size.peers.gzip)}**`, `**${B(size.peers.brotli)}**`]);
  rows.push(['card-validator alone (esbuild bundle, for reference)', B(size.cardValidatorAlone.raw), B(size.cardValidatorAlone.gzip), B(size.cardValidatorAlone.brotli)]);
  rows.push(['ratio midtrans-card / peers', x2(size.ours.total.raw / size.peers.raw), x2(size.ratio.gzip), x2(size.ratio.brotli)]);
  if (size.validateRatio) {
    rows.push(['ratio midtrans-card/validate / card-validator alone', x2(size.validateOnly.total.raw / size.cardValidatorAlone.raw), x2(size.validateOnly.total.gzip / size.cardValidatorAlone.gzip), x2(size.validateOnly.total.brotli / size.cardValidatorAlone.brotli)]);
  }
  sections.push(`## 2. Size (bytes a page downloads)

Each file compressed on its own (as a server sends it): \`gzip -9\` (zlib level 9) and brotli quality 11.
midtrans-card: \`pkg/index.js\` (the entry, the wasm-bindgen glue and its snippets in one esbuild bundle, with the \`.wasm\` inside it as text: \`docs/embedding.md\`); \`pkg/form.js\` only on \`CardForm.define()\`. The \`.wasm\` files ship too, for \`init({ module_or_path })\`, but \`init()\` never fetches them.
Peers: an entry importing card-validator (with credit-card-type) and picomodal, bundled by esbuild
${size.esbuild} \`--bundle --minify --format=esm\` (\`bench/peers-entry.js\`).

${table(['what', 'raw', 'gzip -9', 'brotli 11'], rows)}`);
  targets.push(['size ≤ 1.5× the peers (gzip -9)', x2(size.ratio.gzip), size.ratio.gzip <= 1.5]);
  targets.push(['size ≤ 1.5× the peers (brotli 11)', x2(size.ratio.brotli), size.ratio.brotli <= 1.5]);
}

// ---- startup ----------------------------------------------------------------------------------
if (browser?.startup) {
  const s = browser.startup;
  const rows = Object.entries(s).map(([name, v]) => [name, ms(v.medianImportToValidatedMs), ms(v.medianImportMs), ms(v.medianInitMs), ms(v.medianNavigationToValidatedMs)]);
  const ours = s['midtrans-card'].medianImportToValidatedMs;
  const validateOnly = s['midtrans-card/validate']?.medianImportToValidatedMs;
  const peers = s['card-validator + picomodal'].medianImportToValidatedMs;
  // Single cold loads fall in two clusters on a small machine (a fast one and one about twice as
  // slow), and each side's median can land in either, so the ratio of the medians swings by a
  // third between runs. Load i of every side runs back to back, in the same state of the machine:
  // the median of the per-load ratios is the comparison the target uses; both are reported.
  const paired = (name) => {
    const a = s[name]?.samplesImportToValidatedMs;
    const b = s['card-validator + picomodal'].samplesImportToValidatedMs;
    if (!a) return undefined;
    const r = a.map((v, i) => v / b[i]).sort((x, y) => x - y);
    const m = r.length >> 1;
    return r.length % 2 ? r[m] : (r[m - 1] + r[m]) / 2;
  };
  const pairedOurs = paired('midtrans-card');
  const pairedValidate = paired('midtrans-card/validate');
  targets.push(['startup ≤ 1.2× the peers (import → validated, full package; median of per-load ratios)', x2(pairedOurs), pairedOurs <= 1.2]);
  if (pairedValidate !== undefined) targets.push(['startup ≤ 1.2× the peers (import → validated, midtrans-card/validate; median of per-load ratios)', x2(pairedValidate), pairedValidate <= 1.2]);
  const samples = table(['library', ...s['midtrans-card'].samplesImportToValidatedMs.map((_, i) => `load ${i + 1}`)],
    Object.entries(s).map(([name, v]) => [name, ...v.samplesImportToValidatedMs.map(ms)]));
  sections.push(`## 3. Startup in headless Chromium ${browser.chromium}

From \`import()\` of the module to the first \`validateCardNumber\` / \`valid.number\` done, measured in the page with
\`performance.now()\` (Chromium coarsens it to 0.1 ms). Median of ${browser.loads} cold loads per side: a new browser context
each (empty cache), HTTP cache disabled through CDP (\`Network.setCacheDisabled\`), served from loopback by
\`tests/e2e/serve.mjs\` with \`cache-control: no-store\`; the sides alternate, after one discarded load each.
midtrans-card's time includes decoding the wasm embedded in the entry, compiling and instantiating it (\`init()\`).

${table(['library', 'import → validated (ms)', 'import (ms)', 'init (ms)', 'navigation start → validated (ms)'], rows)}

midtrans-card / peers, import → validated: ${x2(pairedOurs)} as the median of the per-load ratios (load i of each side runs back to back), ${x2(ours / peers)} as the ratio of the medians${validateOnly === undefined ? '' : `; midtrans-card/validate / peers: ${x2(pairedValidate)} and ${x2(validateOnly / peers)}`}. Single loads fall in two clusters (see below), so the medians of the sides can land in different ones; the per-load ratio is the one the target uses.

Every load (import → validated, ms):

${samples}`);
}

// ---- popup ------------------------------------------------------------------------------------
if (browser?.popup) {
  const p = browser.popup;
  if (p.skipped) {
    sections.push(`## 4. The 3DS popup

**Not measured in this run:** ${p.skipped}. \`bench/browser.mjs\` measures it as soon as the built package exports
\`ThreeDsPopup\`.`);
    targets.push(['3DS popup iframe visible within one animation frame', 'not measured', null]);
    targets.push([`${browser.cycles} open/close cycles leave no nodes or listeners`, 'not measured', null]);
  } else {
    const lc = (s) => s.listeners.window + s.listeners.document;
    const added = (now, was) => { const left = [...was]; return now.filter((t) => { const i = left.indexOf(t); if (i < 0) return true; left.splice(i, 1); return false; }); };
    const str = (v) => (v === null ? '(no attribute)' : v === '' ? '`""`' : `\`${v}\``);
    const cps = p.checkpoints;
    const marksText = cps.slice(2).map((c) => `after ${B(c.cycles)}`).join(', ');
    const before = cps[0];
    const after = cps.at(-1);
    const row = (label, f) => [label, ...cps.map(f)];
    const rows = [
      row('DOM nodes under `<body>`', (c) => c.nodesUnderBody),
      row('`window.frames.length`', (c) => c.frames),
      row('event listeners on window (CDP)', (c) => c.listeners.window),
      row('event listeners on document and every node in it (CDP)', (c) => c.listeners.document),
      row('`document.activeElement`', (c) => `\`${c.activeElement}\``),
      row('`<body style>`', (c) => str(c.bodyStyle)),
      row('`<html style>`', (c) => str(c.htmlStyle)),
      row('`WebAssembly.Memory` size (bytes)', (c) => (c.wasmMemoryBytes === null ? 'n/a' : B(c.wasmMemoryBytes))),
      row('JS heap used after a forced GC (bytes, CDP)', (c) => B(c.jsHeapUsedBytes)),
    ];
    const heapSteps = cps.slice(2).map((c, i) => {
      const prev = cps[i + 1];
      return `${B(prev.cycles)} → ${B(c.cycles)} cycles: ${c.jsHeapUsedBytes - prev.jsHeapUsedBytes >= 0 ? '+' : ''}${B(c.jsHeapUsedBytes - prev.jsHeapUsedBytes)} B (${((c.jsHeapUsedBytes - prev.jsHeapUsedBytes) / (c.cycles - prev.cycles)).toFixed(1)} B/cycle)`;
    });
    sections.push(`## 4. The 3DS popup in headless Chromium ${browser.chromium}

\`ThreeDsPopup.open(url, { allowedOrigins })\` with a 3DS stand-in page on another origin
(\`http://api.sandbox.midtrans.localhost:PORT\`, loopback, passed through \`allowedOrigins\`).
The first \`open()\` of a fresh page, then ${p.trials} trials after the cycles below, each starting right after an
animation frame; "visible" means connected, laid out with a non-zero box inside the viewport, and not hidden or
transparent (\`checkVisibility\`).

${table(['measure', 'value'], [
  ['first `open()` of the page (cold) (ms)', ms(p.coldOpenMs)],
  ['`open()` duration, median (ms)', ms(p.medianOpenMs)],
  ['`open()` duration, max (ms)', ms(p.maxOpenMs)],
  ['reference: appending a bare `<iframe>` of the same URL, median (ms)', ms(p.medianBareIframeAppendMs)],
  ['iframe attached when `open()` returns', `${p.attachedSynchronously} / ${p.trials}`],
  ['iframe visible when `open()` returns', `${p.visibleSynchronously} / ${p.trials}`],
  ['iframe visible at the next animation frame (before it paints)', `${p.visibleAtNextFrame} / ${p.trials}`],
  ['`open()` → next animation frame callback, median (ms)', ms(p.medianOpenToNextFrameMs)],
])}

${B(p.cycles)} open/close cycles: a quarter each \`close()\`; \`closable\` + a click on the close button; \`closable\` + Escape;
a second \`open()\` replacing the first. One macrotask between open and close (so the iframe navigation starts),
\`free()\` after each. Focus was put on \`#card\` before the first cycle and never again by the benchmark.
Cancel callbacks fired: ${B(p.cancelCallbacks)}. Page errors: ${p.pageErrors.length}${p.pageErrors.length ? ` (${p.pageErrors.slice(0, 3).join('; ')})` : ''}.

With one \`closable\` popup open: ${lc(p.whileOpen)} listeners, ${lc(p.whileOpen) - lc(before)} more than on the fresh page
(${added(p.whileOpen.listeners.types, before.listeners.types).join(', ') || 'none'}), focus on \`${p.whileOpen.activeElement}\`,
\`<body style>\` ${str(p.whileOpen.bodyStyle)}, ${p.whileOpen.frames} frame. The listener counts include ${before.listeners.window} already on
\`window\` on the fresh page, which the benchmark page does not add (Playwright's injected ones: ${before.listeners.types.join(', ')}).

${table(['measure', ...cps.map((c) => (c.cycles === null ? 'fresh page' : c.cycles === 0 ? 'before the cycles' : `after ${B(c.cycles)} cycles`))], rows)}

"Fresh page": before any popup. "Before the cycles": after the first \`open()\` and the one-popup probe above.

JS heap used after a forced GC, step by step (a leak would grow by the same amount per cycle at every step):
${heapSteps.join('; ')}.

Focus: \`#pay\` focused, popup opened (focus moved to \`${p.focusCheck.focusedWhileOpen}\`), closed: focus back on \`${p.focusCheck.focusedAfterClose}\`.`);
    const inFrame = p.visibleAtNextFrame === p.trials;
    targets.push(['3DS popup: iframe attached and visible within one animation frame', `${p.visibleAtNextFrame} / ${p.trials} visible at the next frame (${p.visibleSynchronously} / ${p.trials} already when \`open()\` returns); \`open()\` median ${ms(p.medianOpenMs)} ms, first ${ms(p.coldOpenMs)} ms`, inFrame]);
    const clean = after.nodesUnderBody === before.nodesUnderBody && lc(after) === lc(before) && after.frames === before.frames
      && after.activeElement === before.activeElement && (after.bodyStyle || '') === (before.bodyStyle || '');
    targets.push([`3DS popup: ${B(p.cycles)} open/close cycles leave zero nodes and listeners`, `nodes ${before.nodesUnderBody} → ${after.nodesUnderBody}, listeners ${lc(before)} → ${lc(after)}, frames ${before.frames} → ${after.frames}, focus \`${before.activeElement}\` → \`${after.activeElement}\``, clean]);
    const mem = cps.slice(1).map((c) => c.wasmMemoryBytes);
    targets.push([`3DS popup: flat \`WebAssembly.Memory\` over the ${B(p.cycles)} cycles`, `${mem.map((m) => B(m ?? 0)).join(' → ')} B (before the cycles → ${marksText}); fresh page ${B(before.wasmMemoryBytes ?? 0)} B`, mem.every((m) => m !== null && m === mem[0])]);
  }
}

const targetTable = table(['target (project issue 5)', 'measured', 'result'],
  targets.map(([t, m, ok]) => [t, m, ok === null ? 'not measured' : verdict(ok)]), ['---', '---', '---']);

const envTable = table(['', ''], [
  ['date (UTC)', env.date],
  ['CPU', `${env.cpu}, \`nproc\` = ${env.nproc}`],
  ['memory', env.memory],
  ['load average (1 min), start → end', [speed && `speed run ${speed.loadavg1m.start.toFixed(2)} → ${speed.loadavg1m.end.toFixed(2)}`, browser && `browser run ${browser.loadavg1m.start.toFixed(2)} → ${browser.loadavg1m.end.toFixed(2)}`].filter(Boolean).join('; ') + ` (${env.nproc} cores: a load above ${env.nproc} means other work competed for the CPU)`],
  ['OS', env.os],
  ['Node', env.node],
  ['Chromium', env.chromium + ' (Debian, headless, via playwright-core)'],
  ['Rust', env.rustc],
  ['wasm-bindgen', env.wasmBindgen],
  ['wasm-opt', env.wasmOpt + ' (npm binaryen)'],
  ['midtrans-card', `${env.packages['midtrans-card']} (commit ${env.commit}), built by \`node scripts/build.mjs\``],
  ...Object.entries(env.packages).filter(([k]) => k !== 'midtrans-card').map(([k, v]) => [k, v]),
], ['---', '---']);

const md = `# Benchmarks

Generated by \`npm run bench\` (\`scripts/bench.sh\`) on ${env.date}. Every figure in the targets and in sections 1-4 comes
from that one run; rerun to refresh them (the hand-written analysis at the end names its own builds). Benchmarks report; they are not timed tests (the only size check that can
fail a build is \`tests/node/size-budget.test.mjs\`).

## Targets

${targetTable}

## Machine

${envTable}

${sections.join('\n\n')}

${readFileSync(new URL('./ANALYSIS.md', import.meta.url), 'utf8').trim()}

## How to rerun

\`\`\`sh
npm run bench                 # builds pkg/, runs everything, rewrites BENCHMARKS.md
BENCH_NO_BUILD=1 npm run bench   # measure the pkg/ already built
BENCH_N=200000 BENCH_RUNS=7 BENCH_LOADS=20 BENCH_CYCLES=1000 npm run bench   # other sizes
\`\`\`

The parts run alone: \`node bench/speed.mjs\`, \`node bench/size.mjs\`, \`node bench/browser.mjs\` (each prints JSON);
\`node bench/report.mjs --dir .tmp/bench\` writes this file from the JSON of a run;
\`node bench/wasm-functions.mjs FILE.wasm\` lists a wasm's sections and largest functions (on a build that keeps
names: \`wasm-bindgen --keep-debug\`, then \`wasm-opt -Oz -g\`). Inputs come from
\`bench/corpus.mjs\` (seeded, deterministic). Figures move with the machine and its load: compare ratios
from the same run, not absolute times across machines.
`;

if (args.md) writeFileSync(args.md, md);

// ---- stdout -----------------------------------------------------------------------------------
console.log(`\nMachine: ${env.cpu}, nproc ${env.nproc}; Node ${env.node}; Chromium ${env.chromium}\n`);
for (const s of sections) {
  // The headline table of each section.
  const title = s.split('\n')[0].replace(/^## /, '');
  const firstTable = s.split('\n\n').find((b) => b.startsWith('|'));
  console.log(title + '\n' + (firstTable ?? s.split('\n\n')[1]) + '\n');
}
console.log('Targets\n' + targetTable + '\n');
if (args.md) console.log(`wrote ${args.md}`);
