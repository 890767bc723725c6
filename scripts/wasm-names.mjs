// Short import and export names for the shipped wasm, and the same names in its wasm-bindgen glue.
//
// wasm-bindgen names every import after its JS function plus a 16-hex-digit hash
// (`__wbg_set_clientKey_2a0a43724f3af520`) under a module path per file ("./midtrans_card_bg.js",
// "./snippets/midtrans-card-<hash>/src/web/glue.js"), and both the .wasm and the glue carry each
// name in full. Random hex does not compress, so the names were ~2.5 KB of the gzip download.
// This step renames them after wasm-opt: every import moves to module "a" with a one- or
// two-letter name, every export the glue calls gets one too (not `memory`, which `InitOutput`
// declares, nor the validators' plain exports, which `minifyValidatorNames` renames in the
// bundled entry afterwards), and
// the glue's import object and its `wasm.<export>` accesses are rewritten to match. It fails
// loudly when the glue does not have the shape it expects, rather than shipping a broken pair.
import { readFileSync, writeFileSync } from 'node:fs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (i) => {
  let s = '';
  do {
    s = ALPHABET[i % ALPHABET.length] + s;
    i = Math.floor(i / ALPHABET.length) - 1;
  } while (i >= 0);
  return s;
};

export function leb(buf, p) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[p++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, p];
  }
}

export function uleb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

export const str = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(b.length), b]);
};

export function readName(buf, p) {
  const [n, q] = leb(buf, p);
  return [buf.subarray(q, q + n).toString('utf8'), q + n];
}

// Skips an import's descriptor; returns its end.
export function skipImportDesc(buf, p) {
  const kind = buf[p++];
  const limits = (q) => {
    const flags = buf[q++];
    [, q] = leb(buf, q);
    if (flags & 1) [, q] = leb(buf, q);
    return q;
  };
  switch (kind) {
    case 0: return leb(buf, p)[1]; // func: type index
    case 1: return limits(p + 1); // table: reftype, limits
    case 2: return limits(p); // memory
    case 3: return p + 2; // global: valtype, mutability
    case 4: return leb(buf, p + 1)[1]; // tag: attribute, type index
    default: throw new Error(`wasm-names: unknown import kind ${kind}`);
  }
}

/**
 * The lowest address a data segment of the module `buf` starts at (Infinity for none; -1 for a
 * passive segment or one whose address is not a constant): what scripts/build.mjs checks before
 * `wasm-opt --low-memory-unused`.
 */
export function lowestDataAddress(buf) {
  let lowest = Infinity;
  let p = 8;
  while (p < buf.length) {
    const id = buf[p];
    const [size, start] = leb(buf, p + 1);
    if (id === 11) {
      let [count, q] = leb(buf, start);
      for (; count > 0; count--) {
        let flags;
        [flags, q] = leb(buf, q);
        if (flags === 2) [, q] = leb(buf, q); // memory index
        if (flags === 1 || buf[q] !== 0x41) return -1; // passive, or not i32.const
        let at;
        [at, q] = leb(buf, q + 1);
        if (buf[q] !== 0x0b) return -1;
        let len;
        [len, q] = leb(buf, q + 1);
        lowest = Math.min(lowest, at);
        q += len;
      }
    }
    p = start + size;
  }
  return lowest;
}

/** Renames in place; returns `{ imports, exports }` counts. */
export function minifyNames(wasmFile, glueFile) {
  const buf = readFileSync(wasmFile);
  const glue = readFileSync(glueFile, 'utf8');
  const glueUses = (name) => name !== 'memory' && new RegExp(`\\bwasm\\.${name}\\b`).test(glue);
  const parts = [buf.subarray(0, 8)];
  const importMap = new Map(); // "module\0field" -> short
  const exportMap = new Map(); // name -> short
  let p = 8;
  while (p < buf.length) {
    const id = buf[p];
    const [size, start] = leb(buf, p + 1);
    const end = start + size;
    if (id === 2 || id === 7) {
      let [count, q] = leb(buf, start);
      const body = [uleb(count)];
      for (let i = 0; i < count; i++) {
        if (id === 2) {
          const [module, q1] = readName(buf, q);
          const [field, q2] = readName(buf, q1);
          const q3 = skipImportDesc(buf, q2);
          const key = `${module}\0${field}`;
          if (!importMap.has(key)) importMap.set(key, short(importMap.size));
          body.push(str('a'), str(importMap.get(key)), buf.subarray(q2, q3));
          q = q3;
        } else {
          const [name, q1] = readName(buf, q);
          const [, q2] = leb(buf, q1 + 1);
          // Only what the glue calls: `memory` is `InitOutput`'s, and the validators' exports
          // (src/web/abi.rs) are the package entry's, renamed with it (minifyValidatorNames).
          const keep = !glueUses(name);
          if (!keep && !exportMap.has(name)) exportMap.set(name, short(exportMap.size));
          body.push(str(keep ? name : exportMap.get(name)), buf.subarray(q1, q2));
          q = q2;
        }
      }
      if (q !== end) throw new Error(`wasm-names: section ${id} parsed to ${q}, not ${end}`);
      const content = Buffer.concat(body);
      parts.push(Buffer.from([id]), uleb(content.length), content);
    } else {
      parts.push(buf.subarray(p, end));
    }
    p = end;
  }
  writeFileSync(wasmFile, Buffer.concat(parts));

  let js = readFileSync(glueFile, 'utf8');
  // The import object: `return { __proto__: null, "<module>": importN, ... };` in __wbg_get_imports.
  const ret = /return \{\s*__proto__: null,((?:\s*"[^"]+": import\d+,)+)\s*\};/.exec(js);
  if (!ret) throw new Error('wasm-names: the glue has no import object of the expected shape');
  const moduleVar = new Map([...ret[1].matchAll(/"([^"]+)": (import\d+)/g)].map((m) => [m[1], m[2]]));
  const own = moduleVar.get('./midtrans_card_bg.js');
  const block = own && new RegExp(`const ${own} = \\{\\n        __proto__: null,\\n([\\s\\S]*?)\\n    \\};\\n`).exec(js);
  if (!block) throw new Error('wasm-names: the glue has no ./midtrans_card_bg.js import block');
  let body = block[1];
  const extra = [];
  for (const [key, name] of importMap) {
    const [module, field] = key.split('\0');
    if (module === './midtrans_card_bg.js') {
      const re = new RegExp(`^        ${field}: `, 'm');
      if (!re.test(body)) throw new Error(`wasm-names: import ${field} not in the glue`);
      body = body.replace(re, `        ${name}: `);
    } else {
      const v = moduleVar.get(module);
      if (!v) throw new Error(`wasm-names: import module ${module} not in the glue`);
      extra.push(`        ${name}: ${v}.${field},`);
    }
  }
  js = js.replace(block[0], `const ${own} = {\n        __proto__: null,\n${body}\n${extra.join('\n')}\n    };\n`);
  js = js.replace(ret[0], `return { __proto__: null, a: ${own} };`);
  for (const [name, s] of exportMap) {
    js = js.replace(new RegExp(`\\bwasm\\.${name}\\b`, 'g'), `wasm.${s}`);
  }
  writeFileSync(glueFile, js);
  return { imports: importMap.size, exports: exportMap.size };
}

/**
 * Short names for the validators' plain exports (`mc_*`, src/web/abi.rs), in the .wasm and in the
 * bundled entry that calls them (`<exports>.mc_number(...)`): `$a`, `$b`... (the `$` keeps them
 * apart from the glue's short names); the linker's `__data_end` and `__heap_base` exports, which
 * nothing reads, go. Run on the final files of an entry; fails loudly when the entry still names
 * an export after the rewrite. Returns how many were renamed.
 */
const UNUSED = new Set(['__data_end', '__heap_base']);

export function minifyValidatorNames(wasmFile, jsFile) {
  const buf = readFileSync(wasmFile);
  const parts = [buf.subarray(0, 8)];
  const map = new Map();
  let p = 8;
  while (p < buf.length) {
    const id = buf[p];
    const [size, start] = leb(buf, p + 1);
    const end = start + size;
    if (id === 7) {
      let [count, q] = leb(buf, start);
      const body = [];
      for (let i = 0; i < count; i++) {
        const [name, q1] = readName(buf, q);
        const [, q2] = leb(buf, q1 + 1);
        let out = name;
        if (name.startsWith('mc_')) {
          out = `$${short(map.size)}`;
          map.set(name, out);
        }
        // The linker's `__data_end` / `__heap_base`: nothing outside reads them.
        if (!UNUSED.has(name)) body.push(str(out), buf.subarray(q1, q2));
        q = q2;
      }
      if (q !== end) throw new Error(`wasm-names: export section parsed to ${q}, not ${end}`);
      const content = Buffer.concat([uleb(body.length / 2), ...body]);
      parts.push(Buffer.from([id]), uleb(content.length), content);
    } else {
      parts.push(buf.subarray(p, end));
    }
    p = end;
  }
  let js = readFileSync(jsFile, 'utf8');
  for (const [name, s] of map) {
    const re = new RegExp(`\\.${name}\\b`, 'g');
    if (!re.test(js)) throw new Error(`wasm-names: the entry never calls ${name}`);
    js = js.replace(re, `.${s}`);
  }
  if (/\bmc_\w+/.test(js)) throw new Error(`wasm-names: the entry still names ${/\bmc_\w+/.exec(js)[0]}`);
  for (const name of UNUSED) if (js.includes(name)) throw new Error(`wasm-names: the entry reads ${name}`);
  writeFileSync(wasmFile, Buffer.concat(parts));
  writeFileSync(jsFile, js);
  return map.size;
}
