#!/usr/bin/env node
// Size: what a page downloads from midtrans-card (wasm + the bundled entry, each file compressed
// on its own) against card-validator + picomodal bundled by esbuild --bundle --minify.
//   node bench/size.mjs [--pkg DIR] [--out FILE.json]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyFiles, measure, packageSizes } from './sizes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const pkgDir = resolve(args.pkg || join(here, '..', 'pkg'));

const ours = packageSizes(pkgDir);
// The validation-only entry `midtrans-card/validate` (its own wasm), for pages that only validate.
const validateOnly = packageSizes(join(pkgDir, 'validate'));
// Fetched only by pages that use it (the drop-in card form, on CardForm.define()).
const lazy = Object.fromEntries(lazyFiles(pkgDir).map((f) => [f, measure(readFileSync(join(pkgDir, f)))]));

/** esbuild --bundle --minify of an entry; returns the output bytes. */
export async function bundle(entry, format = 'esm') {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  try {
    const outfile = join(dir, 'out.js');
    await build({ entryPoints: [entry], bundle: true, minify: true, format, outfile, logLevel: 'error' });
    return readFileSync(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const peersBuf = await bundle(join(here, 'peers-entry.js'));
// card-validator alone, for reference (validation only, no modal).
const cvDir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
writeFileSync(join(cvDir, 'entry.js'), `export { default as valid } from ${JSON.stringify(require.resolve('card-validator'))};\n`);
const cvBuf = await bundle(join(cvDir, 'entry.js'));
rmSync(cvDir, { recursive: true, force: true });

const peers = measure(peersBuf);
const cvAlone = measure(cvBuf);
const version = (name) => require(`${name}/package.json`).version;
const out = {
  pkgDir,
  ours,
  lazy,
  validateOnly,
  peers: { what: 'card-validator + picomodal, esbuild --bundle --minify --format=esm', ...peers },
  cardValidatorAlone: cvAlone,
  ratio: { gzip: ours.total.gzip / peers.gzip, brotli: ours.total.brotli / peers.brotli },
  validateRatio: { gzip: validateOnly.total.gzip / peers.gzip, brotli: validateOnly.total.brotli / peers.brotli },
  esbuild: version('esbuild'),
};
console.error(`size: midtrans-card ${ours.total.gzip} B gzip / ${ours.total.brotli} B br; peers ${peers.gzip} B gzip / ${peers.brotli} B br`);
if (args.out) writeFileSync(args.out, JSON.stringify(out, null, 2) + '\n');
else console.log(JSON.stringify(out, null, 2));
