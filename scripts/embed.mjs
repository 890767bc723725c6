// Writes a .wasm as the text src/web/unpack.js reads (the layout is described there), and checks
// that unpacking it gives the same bytes back.
import { unpack } from '../src/web/unpack.js';

const SINGLE = 90;
/** Printable ASCII without `"`, `\` and `<`. */
const ALPHABET = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).filter((c) => !'"\\<'.includes(c));

/**
 * `bytes` as text. `js` is the JavaScript the text goes into: its characters are ranked by how
 * often it uses them, so the most frequent bytes get the characters gzip already codes shortly.
 */
export function pack(bytes, js = '') {
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
