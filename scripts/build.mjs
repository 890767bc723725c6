#!/usr/bin/env node
// Builds the npm package into pkg/: cargo (wasm32, release) -> wasm-bindgen (--target web) ->
// wasm-opt -Oz (npm binaryen 130: Debian's wasm-opt 108 breaks wasm-bindgen 0.2.130 output) ->
// the hand-written .d.ts. Prints the gzip -9 size of what a page downloads.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const run = (cmd, args, opts = {}) => {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
};

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'midtrans-card']);
const wasmIn = join(root, 'target/wasm32-unknown-unknown/release/midtrans_card.wasm');
rmSync(pkg, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', pkg, wasmIn]);

const wasm = join(pkg, 'midtrans_card_bg.wasm');
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt missing: run `npm ci` (npm binaryen@130.0.0)');
run(wasmOpt, [
  '-Oz', '--strip-debug', '--strip-producers',
  // The features rustc 1.95 enables for wasm32-unknown-unknown.
  '--enable-bulk-memory', '--enable-mutable-globals', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue',
  wasm, '-o', wasm,
]);

// Hand-written types are part of the product.
copyFileSync(join(root, 'src/web/types.d.ts'), join(pkg, 'midtrans_card.d.ts'));
// The error class lives in a JS snippet (an Error subclass cannot be written in Rust): re-export
// it from the entry module so `instanceof MidtransCardError` works for importers.
const snippets = join(pkg, 'snippets');
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const snippet = (name) => {
  const f = existsSync(snippets) && walk(snippets).find((p) => p.endsWith(`/src/web/${name}`));
  if (!f) throw new Error(`wasm-bindgen emitted no snippet ${name}`);
  return `./${relative(pkg, f)}`;
};
appendFileSync(join(pkg, 'midtrans_card.js'), `export { MidtransCardError } from '${snippet('error.js')}';\n`);
// The package entry (fast paths over the wasm-bindgen exports) imports the same glue snippet.
const entry = readFileSync(join(root, 'src/web/index.js'), 'utf8').replace("from './glue.js'", `from '${snippet('glue.js')}'`);
if (!entry.includes(snippet('glue.js'))) throw new Error('src/web/index.js must import ./glue.js');
writeFileSync(join(pkg, 'index.js'), entry);
for (const f of ['.gitignore', 'package.json', 'README.md']) rmSync(join(pkg, f), { force: true });

// Minify the shipped JS (each file on its own: imports, exports and `import.meta.url` stay).
const { transformSync } = await import('esbuild');
for (const f of [join(pkg, 'midtrans_card.js'), join(pkg, 'index.js'), ...walk(snippets)]) {
  if (!f.endsWith('.js')) continue;
  const { code } = transformSync(readFileSync(f, 'utf8'), { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(f, code);
}

const sizes = {};
const files = ['midtrans_card_bg.wasm', 'midtrans_card.js', 'index.js', ...walk(snippets).map((f) => relative(pkg, f))];
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of files) {
  const buf = readFileSync(join(pkg, f));
  const s = {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizes[f] = s;
  for (const k of Object.keys(total)) total[k] += s[k];
}
sizes.total = total;
writeFileSync(join(pkg, 'sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
console.log('\nPackage size (what a page downloads):');
for (const [f, s] of Object.entries(sizes)) {
  console.log(`  ${f.padEnd(60)} ${String(s.raw).padStart(7)} B raw  ${String(s.gzip).padStart(6)} B gzip -9  ${String(s.brotli).padStart(6)} B brotli`);
}
