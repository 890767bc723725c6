// The full entry's copy of unpack.js (the format is described there), with the decoding loop in
// WebAssembly: the full entry's text is five times the validate entry's, and in a page's first
// milliseconds JavaScript still runs in the interpreter, where the loop over its 117 K
// characters took 3 to 9 ms (measured in Chromium, docs/embedding.md). scripts/build.mjs ships it
// as the full entry's unpack.js.
const SINGLE = 90;
// Where the text goes in the decoder's memory: after its two tables (character -> symbol at 0,
// symbol -> byte at 128, the two-character codes from 128 + 90 * 92).
const AT = 16384;
// The decoding loop: `src/web/unpack.wat` assembled (binaryen's wasm-as, then wasm-opt -Oz);
// scripts/build.mjs checks that these bytes are that source.
export const DECODER =
  'AGFzbQEAAAABBwFgAn9/AX8DAgEABQMBAAEHCQIBbQIAAWQAAApYAVYBAn8gASECA0AgACABSQRAIAIgAC0AAC0AACIDQdoATwR/IABBAWoiAC0AAC0AACADQdwAbGoFIAMLLQCAAToAACACQQFqIQIgAEEBaiEADAELCyACCw==';

/** The bytes of an embedded module. */
export function unpack(text) {
  const n = text.length;
  const { m, d } = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(atob(DECODER), (c) => c.charCodeAt(0)))).exports;
  m.grow((AT + 2 * n) >> 16);
  const mem = new Uint8Array(m.buffer);
  for (let i = 0; i < 92; i++) mem[text.charCodeAt(i)] = i;
  const seen = new Uint8Array(256);
  let k = 128;
  for (let i = 92; i < 92 + 2 * SINGLE; i += 2) seen[(mem[k++] = parseInt(text.slice(i, i + 2), 16))] = 1;
  k = 128 + SINGLE * 92;
  for (let b = 0; b < 256; b++) if (!seen[b]) mem[k++] = b;
  // ASCII: one byte per character.
  new TextEncoder().encodeInto(text, mem.subarray(AT));
  // The bytes go right after the text; the decoder returns where they end.
  return mem.subarray(AT + n, d(AT + 92 + 2 * SINGLE, AT + n));
}
