// The .wasm inside the entry (scripts/embed.mjs, src/web/unpack.js): `init()` and `initSync()`
// without arguments need no fetch and no file, and what they instantiate is the shipped .wasm,
// byte for byte. Its own process (node --test runs each file in one), so both entries start
// uninitialised.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as mc from 'midtrans-card';
import * as validate from 'midtrans-card/validate';

const require = createRequire(import.meta.url);
const shipped = {
  full: readFileSync(require.resolve('midtrans-card/midtrans_card_bg.wasm')),
  validate: readFileSync(require.resolve('midtrans-card/validate/midtrans_card_bg.wasm')),
};

// What the entries hand to WebAssembly, and every fetch.
const given = [];
const fetched = [];
const { instantiate } = WebAssembly;
WebAssembly.instantiate = function (m, ...rest) {
  if (ArrayBuffer.isView(m)) given.push(new Uint8Array(m.buffer, m.byteOffset, m.byteLength).slice());
  return instantiate.call(this, m, ...rest);
};
WebAssembly.Module = new Proxy(WebAssembly.Module, {
  construct(target, args) {
    const m = args[0];
    if (ArrayBuffer.isView(m)) given.push(new Uint8Array(m.buffer, m.byteOffset, m.byteLength).slice());
    return Reflect.construct(target, args);
  },
});
globalThis.fetch = (...args) => {
  fetched.push(args);
  return Promise.reject(new Error('no fetch in this test'));
};

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

test('init() without arguments instantiates the embedded .wasm, with no fetch', async () => {
  await mc.default();
  assert.equal(mc.validateCardNumber('4811 1111 1111 1114').isValid, true);
  assert.deepEqual(fetched, []);
  assert.ok(given.some((b) => same(b, shipped.full)), 'the embedded bytes are pkg/midtrans_card_bg.wasm');
});

test('initSync() without arguments does the same for midtrans-card/validate', () => {
  validate.initSync();
  assert.equal(validate.validateExpiry('12/30', { today: { year: 2026, month: 12 } }).isValid, true);
  assert.deepEqual(fetched, []);
  assert.ok(given.some((b) => same(b, shipped.validate)), 'the embedded bytes are pkg/validate/midtrans_card_bg.wasm');
});
