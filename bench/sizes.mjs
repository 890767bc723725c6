// Size helpers shared by the size benchmark and tests/node/size-budget.test.mjs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli11 = (buf) =>
  brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

export const measure = (buf) => ({ raw: buf.length, gzip: gzip9(buf), brotli: brotli11(buf) });

/**
 * What a page downloads from the package: the entry, which carries the .wasm inside it
 * (scripts/embed.mjs), and any glue or snippet file left beside it. Not the .wasm file (it ships
 * for `init({ module_or_path })` and `initSync({ module })`; `init()` never fetches it), nor the
 * drop-in card form (`form.js`, full entry only): only a page that calls `CardForm.define()`
 * fetches it (see lazyFiles).
 */
export function packageFiles(pkgDir) {
  const files = ['index.js'];
  for (const f of ['midtrans_card.js', 'glue.js', 'error.js']) if (existsSync(join(pkgDir, f))) files.push(f);
  const snippets = join(pkgDir, 'snippets');
  if (existsSync(snippets)) {
    const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    files.push(...walk(snippets).filter((f) => f.endsWith('.js')).map((f) => relative(pkgDir, f)).sort());
  }
  return files;
}

/** The files fetched on demand: `form.js`, on the first `CardForm.define()`. */
export function lazyFiles(pkgDir) {
  return existsSync(join(pkgDir, 'form.js')) ? ['form.js'] : [];
}

/** Per-file and total sizes; each file compressed on its own, as a server sends it. */
export function packageSizes(pkgDir) {
  const files = {};
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of packageFiles(pkgDir)) {
    const s = measure(readFileSync(join(pkgDir, f)));
    files[f] = s;
    for (const k of Object.keys(total)) total[k] += s[k];
  }
  return { files, total };
}
