// Writes a .wasm as the text src/web/unpack.js reads (the layout is described there), and checks
// that the entry's decoder gives the same bytes back; checks that the full entry's decoding loop
// (src/web/unpack-wasm.js) is src/web/unpack.wat assembled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpack as unpackJs } from '../src/web/unpack.js';
import { DECODER } from '../src/web/unpack-wasm.js';

const SINGLE = 90;
/** Printable ASCII without `"`, `\` and `<`. */
const ALPHABET = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).filter((c) => !'"\\<'.includes(c));

/**
 * `bytes` as text. `js` is the JavaScript the text goes into: its characters are ranked by how
 * often it uses them, so the most frequent bytes get the characters gzip already codes shortly.
 */
export function pack(bytes, js = '', unpack = unpackJs) {
  const uses = new Map();
  for (const c of js) uses.set(c, (uses.get(c) ?? 0) + 1);
  const chars = [...ALPHABET].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || a.charCodeAt(0) - b.charCodeAt(0));
  const freq = new Array(256).fill(0);
  for (const b of bytes) freq[b]++;
  // Most frequent first (ties by value, so a build is reproducible); the rest ascending, as
  // unpack() rebuilds them.
  const ranked = [...Array(256).keys()].sort((x, y) => freq[y] - freq[x] || x - y);
  const order = [...ranked.slice(0, SINGLE), ...ranked.slice(SINGLE).sort((x, y) => x - y)];
  const code = new Array(256);
  order.forEach((b, i) => {
    const k = i - SINGLE;
    code[b] = k < 0 ? chars[i] : chars[SINGLE + Math.floor(k / 92)] + chars[k % 92];
  });
  let text = chars.join('') + order.slice(0, SINGLE).map((b) => b.toString(16).padStart(2, '0')).join('');
  for (const b of bytes) text += code[b];
  const back = unpack(text);
  if (back.length !== bytes.length || back.some((b, i) => b !== bytes[i])) throw new Error('embed: the text does not unpack to the same bytes');
  return text;
}

/** Fails unless unpack-wasm.js's DECODER is unpack.wat assembled by `binaryen` (`bin` its tools). */
export function checkDecoder(wat, bin) {
  const dir = mkdtempSync(join(tmpdir(), 'unpack-'));
  try {
    execFileSync(join(bin, 'wasm-as'), [wat, '-o', join(dir, 'a.wasm')]);
    execFileSync(join(bin, 'wasm-opt'), ['-Oz', '--strip-debug', join(dir, 'a.wasm'), '-o', join(dir, 'b.wasm')]);
    const built = readFileSync(join(dir, 'b.wasm')).toString('base64');
    if (built !== DECODER) throw new Error(`src/web/unpack-wasm.js: DECODER is not src/web/unpack.wat assembled; it is ${built}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
