// The shipped wasm's functions in an order gzip compresses better.
//
// deflate finds repeats only within the last 32 KiB, and the code section is one stream of
// function bodies in the order the linker left them. Bodies that share byte sequences (the same
// conversions, the same struct layouts, the same call shapes) compress better next to each
// other. `orderForGzip` picks the order greedily: it starts with the largest body, and each next
// one is the body still left that deflate codes shortest with the bodies placed last as its
// dictionary (measured: about 450 B of gzip off the full wasm; bench/ANALYSIS.md).
//
// The order is written as a name section (function `i` named after its rank); the build then
// runs wasm-opt with `--reorder-functions-by-name`, which moves the bodies and renumbers every
// call, table entry and export, and `--strip-debug` drops the names again. Nothing here edits
// code: a wrong order costs bytes, never behaviour.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { leb as lebAt, readName, skipImportDesc, str, uleb } from './wasm-names.mjs';

/** Bytes of the bodies placed last that serve as the dictionary. */
const WINDOW = 16000;
/** At most this many bodies form that dictionary. */
const BODIES = 12;

/** Sections, imported function count and function bodies of a module. */
function parse(buf) {
  const leb = (p) => lebAt(buf, p);
  const sections = [];
  const bodies = [];
  let imports = 0;
  let p = 8;
  while (p < buf.length) {
    const id = buf[p];
    const [size, start] = leb(p + 1);
    const end = start + size;
    if (id === 0) {
      if (readName(buf, start)[0] === 'name') throw new Error('wasm-order: the module already has names');
    }
    if (id === 2) {
      let [n, q] = leb(start);
      for (let i = 0; i < n; i++) {
        [, q] = readName(buf, q); // module
        [, q] = readName(buf, q); // name
        if (buf[q] === 0) imports++;
        q = skipImportDesc(buf, q);
      }
      if (q !== end) throw new Error('wasm-order: the import section did not parse');
    }
    if (id === 10) {
      let [n, q] = leb(start);
      for (let i = 0; i < n; i++) {
        const [s, q1] = leb(q);
        bodies.push(buf.subarray(q1, q1 + s));
        q = q1 + s;
      }
      if (q !== end) throw new Error('wasm-order: the code section did not parse');
    }
    sections.push(buf.subarray(p, end));
    p = end;
  }
  return { sections, imports, bodies };
}

/** The greedy order: indices into `bodies`. */
export function gzipOrder(bodies) {
  const left = new Set(bodies.keys());
  const alone = bodies.map((b) => deflateRawSync(b, { level: 9 }).length);
  let first = 0;
  for (const i of left) if (bodies[i].length > bodies[first].length) first = i;
  const order = [first];
  left.delete(first);
  while (left.size > 0) {
    const dictionary = Buffer.concat(order.slice(-BODIES).map((i) => bodies[i])).subarray(-WINDOW);
    let best = -1;
    let bestGain = -Infinity;
    for (const j of left) {
      const gain = alone[j] - deflateRawSync(bodies[j], { level: 9, dictionary }).length;
      if (gain > bestGain) {
        bestGain = gain;
        best = j;
      }
    }
    order.push(best);
    left.delete(best);
  }
  return order;
}

/** Adds to `file` the name section that sorts its functions into {@link gzipOrder}. */
export function orderForGzip(file) {
  const buf = readFileSync(file);
  const { sections, imports, bodies } = parse(buf);
  const rank = new Array(bodies.length);
  gzipOrder(bodies).forEach((f, r) => {
    rank[f] = r;
  });
  const width = String(bodies.length).length;
  const names = [];
  for (let i = 0; i < imports; i++) names.push(Buffer.concat([uleb(i), str(`i${i}`)]));
  for (let i = 0; i < bodies.length; i++) names.push(Buffer.concat([uleb(imports + i), str(`f${String(rank[i]).padStart(width, '0')}`)]));
  const sub = Buffer.concat([uleb(names.length), ...names]);
  const content = Buffer.concat([str('name'), Buffer.from([1]), uleb(sub.length), sub]);
  writeFileSync(file, Buffer.concat([buf.subarray(0, 8), ...sections, Buffer.from([0]), uleb(content.length), content]));
  return bodies.length;
}
