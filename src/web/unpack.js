// The .wasm travels inside the entry module (scripts/embed.mjs writes it at build time), so a page
// makes one request for the package instead of two (the module, then the .wasm it names), and no
// bundler needs a recipe for it. The bytes are text that survives every bundler and server
// untouched: printable ASCII without `"`, `\` and `<` (92 characters). The text is:
//   - those 92 characters, in the order of the codes below (the build orders them as the
//     entry's own JavaScript uses them, most frequent first, which gzip rewards);
//   - the 90 most frequent byte values of this .wasm, in hex: code k < 90 is one character,
//     the k-th of the 92, and stands for the k-th of these bytes;
//   - the bytes: each one character, or two for the other 166 values (lead character 90 or 91,
//     then any character), which stand for those values in ascending order.
// docs/embedding.md has the measured cost.
const SINGLE = 90;
/** The bytes of an embedded module. */
export function unpack(text) {
  const sym = new Uint8Array(128);
  for (let i = 0; i < 92; i++) sym[text.charCodeAt(i)] = i;
  const order = new Uint8Array(256);
  const seen = new Uint8Array(256);
  let n = 0;
  for (let i = 92; i < 92 + 2 * SINGLE; i += 2) seen[(order[n++] = parseInt(text.slice(i, i + 2), 16))] = 1;
  for (let b = 0; b < 256; b++) if (!seen[b]) order[n++] = b;
  const out = new Uint8Array(text.length);
  let o = 0;
  for (let i = 92 + 2 * SINGLE; i < text.length; i++) {
    let k = sym[text.charCodeAt(i)];
    if (k >= SINGLE) k = SINGLE + (k - SINGLE) * 92 + sym[text.charCodeAt(++i)];
    out[o++] = order[k];
  }
  return out.subarray(0, o);
}
