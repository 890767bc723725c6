#!/usr/bin/env node
// Builds the npm package into pkg/, twice from the same crate:
//   pkg/           the full package (validation + the Midtrans flow + the 3DS popup)
//   pkg/validate/  the validation-only entry `midtrans-card/validate` (--no-default-features)
// Each: cargo (wasm32, release) -> wasm-bindgen (--target web) -> wasm-opt -Oz (npm binaryen 130:
// Debian's wasm-opt 108 breaks wasm-bindgen 0.2.130 output) -> the entry with its fast paths ->
// the hand-written .d.ts -> esbuild --minify, then terser, of the shipped JS. Prints the gzip -9
// size of what a page downloads for each entry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const run = (cmd, args, opts = {}) => {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
};
const walk = (d) =>
  existsSync(d) ? readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)])) : [];
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt missing: run `npm ci` (npm binaryen@130.0.0)');
const { transformSync, buildSync } = await import('esbuild');
const { minify: minifyJs } = await import('terser');
const { minifyNames, minifyValidatorNames, lowestDataAddress } = await import('./wasm-names.mjs');
const { pack, checkDecoder } = await import('./embed.mjs');
const { orderForGzip } = await import('./wasm-order.mjs');
checkDecoder(join(root, 'src/web/unpack.wat'), join(root, 'node_modules/.bin'));
const { unpack: unpackJs } = await import('../src/web/unpack.js');
const { unpack: unpackWasm } = await import('../src/web/unpack-wasm.js');
// Where src/web/index.js takes the .wasm as text (scripts/embed.mjs), in the bundled entry.
const WASM_MARK = /(["'`])__MIDTRANS_CARD_WASM__\1/g;
// wasm-bindgen's default .wasm URL, which the entry never uses (it always passes the embedded
// module or the caller's): left in, bundlers would copy the .wasm as an asset for nothing.
const GLUE_URL = "new URL('midtrans_card_bg.wasm', import.meta.url)";

const TYPES = readFileSync(join(root, 'src/web/types.d.ts'), 'utf8');
const ENTRY = readFileSync(join(root, 'src/web/index.js'), 'utf8');
// Marks in types.d.ts and index.js around what only the full build has.
const MIDTRANS_ONLY = /\/\/ @midtrans-start[\s\S]*?\/\/ @midtrans-end\n/g;

// Marks in index.js around what only the validation-only entry has (its own wasm loader).
const VALIDATE_ONLY = /\/\/ @validate-start[\s\S]*?\/\/ @validate-end\n/g;

// The shipped wasm keeps the source file of each `async fn`'s resumed-after-completion check
// (a trap here, src/lib.rs): for a dependency that is its path under the builder's cargo home
// (`/root/.cargo/registry/src/index.crates.io-<hash>/js-sys-…`). Each registry directory is
// remapped away (`js-sys-…/src/…` is left), so no path of the machine that built the package
// ships in it (and 40 B less gzip); a path with a space, which RUSTFLAGS cannot carry, is left.
function remapCrates() {
  const home = process.env.CARGO_HOME || join(process.env.HOME || '', '.cargo');
  const src = join(home, 'registry/src');
  if (!existsSync(src)) return [];
  return readdirSync(src)
    .map((d) => join(src, d))
    .filter((d) => !/\s/.test(d))
    .map((d) => `--remap-path-prefix=${d}=`);
}

async function build({ outDir, features, midtrans }) {
  const targetDir = midtrans ? 'target' : 'target/validate';
  // LLVM's inliner at threshold 0: it still inlines what is marked #[inline(always)] and
  // functions with one caller, not the small functions -Os would copy into each caller. Measured:
  // -423 B gzip for the full entry, -76 B for the validate entry; validators in paired runs the
  // same speed within 3 % (bench/ANALYSIS.md). For the full build also functions marked #[inline]
  // (wasm-bindgen's conversions, most of them) at threshold 25 instead of 325: -789 B gzip for it
  // (measured from 0 to 325: not monotonic, 25 the smallest), the validators' few hot helpers
  // being #[inline(always)]; the validate entry keeps 325 (at 25: +186 B). The exports' stack
  // scrub does not depend on either: the validations run below #[inline(never)] frames (web/abi.rs
  // `below`). Appended to the caller's RUSTFLAGS; with --target, build scripts do not get them.
  const inlining = ['-C llvm-args=-inline-threshold=0', ...(midtrans ? ['-C llvm-args=-inlinehint-threshold=25'] : [])];
  const rustflags = [process.env.RUSTFLAGS, ...inlining, ...remapCrates()].filter(Boolean).join(' ');
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'midtrans-card', '--target-dir', targetDir, ...features], { env: { ...process.env, RUSTFLAGS: rustflags } });
  const built = join(root, targetDir, 'wasm32-unknown-unknown/release/midtrans_card.wasm');
  const wasm = join(outDir, 'midtrans_card_bg.wasm');
  // The validation-only module has no imports and plain exports (src/web/abi.rs): it needs no
  // wasm-bindgen glue, the entry instantiates it itself.
  if (midtrans) run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', outDir, built]);
  else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(wasm, readFileSync(built));
  }
  const lowest = lowestDataAddress(readFileSync(wasm));
  if (lowest < 1024) throw new Error(`a data segment starts at ${lowest}: --low-memory-unused needs nothing below 1024`);
  const common = [
    '--strip-debug', '--strip-producers', '--strip-target-features',
    // Rust's wasm32 layout puts the 1 MiB stack first and the data after it, and the stack never
    // grows into the first KiB, so nothing reads or writes below address 1024: binaryen may fold
    // constant address offsets (measured: -85 B gzip for the full entry, -14 B for the validate
    // entry). The check above fails the build if a data segment ever starts below 1024.
    '--low-memory-unused',
    // The features rustc 1.95 enables for wasm32-unknown-unknown.
    '--enable-bulk-memory', '--enable-mutable-globals', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue',
  ];
  run(wasmOpt, [
    '-Oz', '--converge', ...common,
    // The full build once more through binaryen's control-flow reconstruction (flatten, then
    // rereloop, then -Oz again): -227 B gzip for the full entry, measured; +16 B for the validate
    // entry, which skips it.
    ...(midtrans ? ['--flatten', '--rereloop', '-Oz', '--converge'] : []),
    wasm, '-o', wasm,
  ]);
  // The full build's functions in the order gzip codes shortest (scripts/wasm-order.mjs), then
  // -Oz once more. The validate wasm (29 functions) keeps the linker's order: reordered, its
  // entry measured +9 B.
  if (midtrans) {
    const ordered = orderForGzip(wasm);
    run(wasmOpt, ['--reorder-functions-by-name', '-Oz', '--converge', ...common, wasm, '-o', wasm]);
    console.log(`  ${ordered} functions ordered for gzip`);
  }
  const snippets = join(outDir, 'snippets');
  const snippetOrNull = (name) => {
    const f = walk(snippets).find((p) => p.endsWith(`/src/web/${name}`));
    return f ? `./${relative(outDir, f)}` : null;
  };
  const snippet = (name) => {
    const f = snippetOrNull(name);
    if (!f) throw new Error(`wasm-bindgen emitted no snippet ${name}`);
    return f;
  };
  // Hand-written types are part of the product.
  writeFileSync(join(outDir, 'midtrans_card.d.ts'), midtrans ? TYPES : TYPES.replace(MIDTRANS_ONLY, ''));
  let entry = ENTRY;
  if (!entry.includes("from './glue.js'")) throw new Error('src/web/index.js must import ./glue.js');
  if (!entry.includes("from './error.js'")) throw new Error('src/web/index.js must import ./error.js');
  const own = [];
  if (midtrans) {
    // Short import/export names in the .wasm and its glue (scripts/wasm-names.mjs says why).
    const renamed = minifyNames(wasm, join(outDir, 'midtrans_card.js'));
    console.log(`  short names: ${renamed.imports} imports, ${renamed.exports} exports`);
    // The error class lives in a JS snippet (an Error subclass cannot be written in Rust):
    // re-export it from the glue so `instanceof MidtransCardError` works for importers.
    appendFileSync(join(outDir, 'midtrans_card.js'), `export { MidtransCardError } from '${snippet('error.js')}';\n`);
    const glue = readFileSync(join(outDir, 'midtrans_card.js'), 'utf8');
    if (glue.split(GLUE_URL).length !== 2) throw new Error(`the wasm-bindgen glue no longer has one ${GLUE_URL}`);
    // The entry instantiates the module itself (one loader for both entries): it needs the
    // glue's import object and its set-up, not its init functions (esbuild then drops those).
    for (const f of ['__wbg_get_imports', '__wbg_finalize_init']) {
      if (!glue.includes(`\nfunction ${f}(`)) throw new Error(`the wasm-bindgen glue no longer has ${f}()`);
    }
    writeFileSync(join(outDir, 'midtrans_card.js'), `${glue.replace(GLUE_URL, 'undefined')}export { __wbg_get_imports, __wbg_finalize_init };\n`);
    // The entry imports the snippets the wasm code uses: one error class for errors from Rust
    // and from the entry alike, one cached month for the flow and the validators.
    entry = entry.replace("from './glue.js'", `from '${snippet('glue.js')}'`).replace("from './error.js'", `from '${snippet('error.js')}'`);
    entry = entry.replace(VALIDATE_ONLY, '');
  } else {
    for (const f of ['glue.js', 'error.js']) {
      writeFileSync(join(outDir, f), readFileSync(join(root, 'src/web', f), 'utf8').replace(MIDTRANS_ONLY, ''));
      own.push(join(outDir, f));
    }
    entry = entry.replace(MIDTRANS_ONLY, '');
  }
  writeFileSync(join(outDir, 'index.js'), entry);
  // The decoder of the embedded .wasm: the loop in WebAssembly for the full entry's long text.
  const unpackFile = midtrans ? 'src/web/unpack-wasm.js' : 'src/web/unpack.js';
  writeFileSync(join(outDir, 'unpack.js'), readFileSync(join(root, unpackFile)));
  own.push(join(outDir, 'unpack.js'));
  // The drop-in card form (full build only): plain JS next to the entry, which imports it on
  // `CardForm.define()` only (a page that never defines the element never downloads it).
  const form = midtrans ? [join(outDir, 'form.js')] : [];
  if (midtrans) {
    if (!entry.includes("import('./form.js')")) throw new Error("src/web/index.js must import('./form.js') (lazily)");
    writeFileSync(form[0], readFileSync(join(root, 'src/web/form.js')));
  }
  for (const f of ['.gitignore', 'package.json', 'README.md']) rmSync(join(outDir, f), { force: true });
  // One file for the entry: index.js, the wasm-bindgen glue and the snippets bundled and
  // minified together (esbuild). A page then waits for one module instead of a chain of them,
  // and gzip sees one stream. `import.meta.url` stays, so the .wasm is still found next to it;
  // form.js stays its own file, imported on CardForm.define() only.
  const index = join(outDir, 'index.js');
  const bundled = buildSync({
    entryPoints: [index], bundle: true, write: false, minify: true, format: 'esm', target: 'es2020',
    legalComments: 'none', external: ['./form.js'], logLevel: 'error',
  });
  writeFileSync(index, bundled.outputFiles[0].contents);
  // The validators' exports under short names too, in the .wasm and the bundled entry.
  console.log(`  short validator names: ${minifyValidatorNames(wasm, index)} exports`);
  // The final .wasm into the entry, as text (the .wasm file still ships, for
  // `init({ module_or_path })` and `initSync({ module })`).
  let bundledJs = readFileSync(index, 'utf8');
  if ((bundledJs.match(WASM_MARK) ?? []).length !== 1) throw new Error('the bundled entry must hold the wasm mark once');
  // At the end of the module: gzip codes the JavaScript and the text better apart than mixed.
  if (bundledJs.includes('$mcWasm')) throw new Error('the bundled entry already uses $mcWasm');
  bundledJs = await shrink(bundledJs.replace(WASM_MARK, '$mcWasm'));
  if (!bundledJs.includes('$mcWasm')) throw new Error('terser dropped the wasm text reference');
  const text = pack(readFileSync(wasm), bundledJs, midtrans ? unpackWasm : unpackJs);
  writeFileSync(index, `${bundledJs.trimEnd()}\nvar $mcWasm = "${text}";\n`);
  for (const f of [join(outDir, 'midtrans_card.js'), ...own]) rmSync(f, { force: true });
  rmSync(snippets, { recursive: true, force: true });
  for (const f of form) {
    const { code } = transformSync(readFileSync(f, 'utf8'), { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
    writeFileSync(f, await shrink(code));
  }
  // A page downloads the entry alone: the .wasm is inside it.
  const sizes = sizesOf(outDir, ['index.js']);
  sizes['midtrans_card_bg.wasm (inside index.js; the file is for init({ module_or_path }))'] = sizesOf(outDir, ['midtrans_card_bg.wasm'])['midtrans_card_bg.wasm'];
  // form.js is not in the total: only a page that calls CardForm.define() fetches it.
  if (midtrans) sizes['form.js (lazy, on CardForm.define())'] = sizesOf(outDir, ['form.js'])['form.js'];
  return sizes;
}

// Shipped JavaScript once more through terser after esbuild (safe transforms only; the module's
// top-level names mangled too; the entry's `$mcWasm` stays, a global it does not see declared):
// it writes smaller code than esbuild's minifier. Measured: -100 B gzip for the full entry, -23 B
// for the validate entry, -67 B for form.js (bench/ANALYSIS.md).
async function shrink(js) {
  return (await minifyJs(js, { module: true, ecma: 2020, compress: { passes: 3 }, mangle: { toplevel: true } })).code;
}

function sizesOf(dir, files) {
  const sizes = {};
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    const s = {
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizes[f] = s;
    for (const k of Object.keys(total)) total[k] += s[k];
  }
  sizes.total = total;
  return sizes;
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
const report = {
  'midtrans-card': await build({ outDir: pkg, features: ['--no-default-features', '--features', 'js,flow,small-allocator'], midtrans: true }),
  'midtrans-card/validate': await build({ outDir: join(pkg, 'validate'), features: ['--no-default-features', '--features', 'js,small-allocator'], midtrans: false }),
};
writeFileSync(join(pkg, 'sizes.json'), JSON.stringify(report, null, 2) + '\n');
for (const [entry, sizes] of Object.entries(report)) {
  console.log(`\n${entry}: what a page downloads`);
  for (const [f, s] of Object.entries(sizes)) {
    console.log(`  ${f.padEnd(60)} ${String(s.raw).padStart(7)} B raw  ${String(s.gzip).padStart(6)} B gzip -9  ${String(s.brotli).padStart(6)} B brotli`);
  }
}
