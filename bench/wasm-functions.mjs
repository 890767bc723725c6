#!/usr/bin/env node
// Where the bytes of a .wasm go: section sizes and the largest function bodies by name (from the
// `name` section, so run it on a build that keeps names, e.g. `wasm-bindgen --keep-debug` output
// or `wasm-opt -g`). Rust legacy-mangled names are demangled roughly.
//   node bench/wasm-functions.mjs FILE.wasm [--top 40] [--json]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) { console.error('usage: node bench/wasm-functions.mjs FILE.wasm [--top N] [--json]'); process.exit(2); }
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 40;
const asJson = process.argv.includes('--json');
const buf = readFileSync(file);

let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const str = () => { const n = u32(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; };
const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];

const sections = [];
let importedFuncs = 0;
const bodies = []; // [size]
const names = new Map();
const dataSegments = [];
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let name = SECTIONS[id] ?? `unknown(${id})`;
  if (id === 0) {
    const n = str();
    name = `custom "${n}"`;
    if (n === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = u32();
          for (let i = 0; i < count; i++) { const idx = u32(); names.set(idx, str()); }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      str(); str();
      const kind = buf[pos++];
      if (kind === 0) { u32(); importedFuncs++; }
      else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; u32(); }
    }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) { const n = u32(); bodies.push(n + (n < 128 ? 1 : n < 16384 ? 2 : 3)); pos += n; }
  } else if (id === 11) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const flags = u32();
      if (flags === 0 || flags === 2) { if (flags === 2) u32(); while (buf[pos] !== 0x0b) pos++; pos++; }
      const n = u32();
      dataSegments.push(n);
      pos += n;
    }
  }
  sections.push({ name, size: end - start + 1 + (size < 128 ? 1 : size < 16384 ? 2 : size < 2097152 ? 3 : 4) });
  pos = end;
}

// Rough Rust demangling (legacy `_ZN...E` and v0 names are left mostly as they are).
function demangle(s) {
  if (!s.startsWith('_ZN')) return s;
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== 'E') {
    let n = 0; while (s[i] >= '0' && s[i] <= '9') n = n * 10 + +s[i++];
    if (!n) break;
    parts.push(s.slice(i, i + n)); i += n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']')
    .replace(/\$BP\$/g, '*').replace(/\.\./g, '::').replace(/\$u27\$/g, "'");
}

const clean = (n) => n.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}\b/g, '');
const fns = bodies.map((size, i) => ({ index: importedFuncs + i, size, name: clean(demangle(names.get(importedFuncs + i) ?? `func[${importedFuncs + i}]`)) }));
fns.sort((a, b) => b.size - a.size);
const codeTotal = bodies.reduce((a, b) => a + b, 0);
// Coarse categories by name: who pulled the code in.
const CATEGORIES = [
  ['allocator (dlmalloc, realloc, Vec growth)', /dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)|raw_vec|finish_grow|do_reserve|into_boxed_slice|handle_alloc_error/],
  ['panics and core::fmt (messages, Debug/Display, unicode tables)', /panick|panic_|slice_error_fail|slice_index_fail|unwrap_failed|expect_failed|core::fmt|fmt::Write|fmt::Debug|fmt::Display|Formatter|do_count_chars|unicode::printable|as core::fmt|write_fmt|write_char|write_str|unwrap_throw|expect_throw|unreachable/],
  ['wasm-bindgen glue (export shims, externref table, closures)', /externref shim|multivalue shim|__externref|__wbindgen|__wbg_|wasm_bindgen|js_sys|web_sys|Closure|closure invoked/],
  ['async (futures, wasm-bindgen-futures, gloo)', /wasm_bindgen_futures|futures|gloo|async|Future|poll|Waker|task::/],
  ['midtrans_card::domain', /^midtrans_card::domain|<midtrans_card::domain/],
  ['midtrans_card::web', /midtrans_card::web|midtrans_card::/],
  ['core/alloc/std other (str, iter, collections)', /^<?(core|alloc|std)|<(core|alloc|std)::|<\[|<&|<str|<char|<u\d|<i\d|<usize|<T/],
];
const group = (n) => (CATEGORIES.find(([, re]) => re.test(n)) ?? ['other'])[0];
const groups = {};
for (const f of fns) groups[group(f.name)] = (groups[group(f.name)] ?? 0) + f.size;

const result = {
  file, bytes: buf.length, importedFuncs, definedFuncs: bodies.length,
  sections, codeBytes: codeTotal, dataBytes: dataSegments.reduce((a, b) => a + b, 0), dataSegments: dataSegments.length,
  byGroup: Object.entries(groups).sort((a, b) => b[1] - a[1]),
  top: fns.slice(0, top),
};
if (asJson) { console.log(JSON.stringify(result, null, 2)); process.exit(0); }
console.log(`${file}: ${buf.length} B, ${importedFuncs} imported + ${bodies.length} defined functions`);
console.log('\nsections:');
for (const s of sections) console.log(`  ${String(s.size).padStart(7)}  ${s.name}`);
console.log(`\ncode ${codeTotal} B; data ${result.dataBytes} B in ${dataSegments.length} segments`);
console.log('\ncode by category (by function name):');
for (const [g, n] of result.byGroup.slice(0, 20)) console.log(`  ${String(n).padStart(7)}  ${(100 * n / codeTotal).toFixed(1).padStart(5)}%  ${g}`);
console.log(`\nlargest ${top} functions:`);
for (const f of result.top) console.log(`  ${String(f.size).padStart(7)}  ${f.name.slice(0, 150)}`);
