// The validation-only wasm links no panic formatting: no bounds-check message, no integer
// formatting table. Panics are traps in the npm builds (src/lib.rs), so any of these strings means
// a panicking path came back (an index or a slice the compiler cannot prove in range, an
// `unwrap`), and with it core's formatting code: about 400 B of gzip the last time (a
// `Brand::ALL[i]` in `BrandSet::single`). Run after `node scripts/build.mjs`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasm = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg', 'validate', 'midtrans_card_bg.wasm');

const PANIC_TEXT = [
  'index out of bounds',
  'range end index',
  'range start index',
  'slice index starts at',
  'called `Option::unwrap()`',
  'called `Result::unwrap()`',
  'attempt to ',
  'panicked',
  // core::fmt's table of two-digit pairs, which integer Display (a panic message's numbers) uses.
  '000102030405060708091011',
];

test('midtrans-card/validate: the wasm holds no panic message and no integer formatting', { skip: !existsSync(wasm) && 'pkg/validate not built' }, () => {
  const bytes = readFileSync(wasm).toString('latin1');
  for (const text of PANIC_TEXT) assert.equal(bytes.indexOf(text), -1, `"${text}" is in the validate wasm`);
});

// The full wasm still names the source file of each `async fn`'s resumed-after-completion trap;
// scripts/build.mjs remaps the cargo registry, so the builder's home directory does not ship.
const fullWasm = join(dirname(wasm), '..', 'midtrans_card_bg.wasm');
test('midtrans-card: the wasm names no path of the machine that built it', { skip: !existsSync(fullWasm) && 'pkg not built' }, () => {
  for (const file of [fullWasm, wasm]) {
    const bytes = readFileSync(file).toString('latin1');
    for (const text of ['.cargo/', 'registry/src', 'index.crates.io-', '/root/', '/home/']) {
      assert.equal(bytes.indexOf(text), -1, `"${text}" is in ${file}`);
    }
  }
});
