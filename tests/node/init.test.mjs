// Initialisation of both entries, in a process of its own (node --test runs each file in one):
// every export throws `not_initialized` before init(), loadMidtrans() resolves null on the server
// without touching the network or the wasm, init() is memoized, and the errors the entry throws
// are of the same class as the wasm code's.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as mc from 'midtrans-card';
import * as validate from 'midtrans-card/validate';

const require = createRequire(import.meta.url);
const bytes = readFileSync(require.resolve('midtrans-card/midtrans_card_bg.wasm'));
const validateBytes = readFileSync(require.resolve('midtrans-card/validate/midtrans_card_bg.wasm'));

// Counts instantiations of the package's modules (Node instantiates wasm of its own: undici's
// llhttp, when the glue first looks at `Response`).
let instantiations = 0;
const modules = new WeakSet();
const ours = (m) => m === bytes || m === validateBytes || modules.has(m);
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (m, ...rest) {
    if (ours(m)) instantiations++;
    return original.call(this, m, ...rest);
  };
}
const { compile } = WebAssembly;
WebAssembly.compile = async function (m, ...rest) {
  const module = await compile.call(this, m, ...rest);
  if (ours(m)) modules.add(module);
  return module;
};
WebAssembly.Module = new Proxy(WebAssembly.Module, {
  construct(target, args) {
    const m = Reflect.construct(target, args);
    if (ours(args[0])) modules.add(m);
    return m;
  },
});
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args) {
    if (ours(args[0])) instantiations++;
    return Reflect.construct(target, args);
  },
});
let fetches = 0;
const originalFetch = globalThis.fetch;
globalThis.fetch = (...args) => {
  fetches++;
  return originalFetch(...args);
};

const notInitialized = (Class, name) => (e) => {
  assert.ok(e instanceof Class, `${name}: ${e}`);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'MidtransCardError');
  assert.equal(e.code, 'not_initialized');
  assert.match(e.message, /await init\(\)/);
  assert.ok(e.message.includes(name), e.message);
  return true;
};

const CALLS = {
  validateCardNumber: (m) => m.validateCardNumber('4811 1111 1111 1114'),
  'validateCardNumber (general path)': (m) => m.validateCardNumber('4811111111111114', { supportedBrands: ['visa'] }),
  validateExpiry: (m) => m.validateExpiry('12/30'),
  'validateExpiry (month/year)': (m) => m.validateExpiry({ month: 12, year: 2030 }),
  validateCvv: (m) => m.validateCvv('123', 'visa'),
  validateCard: (m) => m.validateCard({ card_number: '4811111111111114' }),
  detectBrand: (m) => m.detectBrand('4811'),
  formatCardNumber: (m) => m.formatCardNumber('4811111111111114'),
  formatCardInput: (m) => m.formatCardInput('4811', 4),
  formatExpiryInput: (m) => m.formatExpiryInput('12', 2),
};

test('before init(), every export of both entries throws MidtransCardError not_initialized', async () => {
  for (const [label, call] of Object.entries(CALLS)) {
    const name = label.split(' ')[0];
    assert.throws(() => call(mc), notInitialized(mc.MidtransCardError, name), label);
    assert.throws(() => call(validate), notInitialized(validate.MidtransCardError, name), `validate: ${label}`);
  }
  assert.throws(() => mc.ThreeDsPopup.open('https://api.midtrans.com/x'), notInitialized(mc.MidtransCardError, 'ThreeDsPopup.open'));
  // A Promise API rejects rather than throwing.
  const load = mc.MidtransCard.load({ clientKey: 'SB-Mid-client-x', environment: 'sandbox' });
  assert.ok(load instanceof Promise);
  await assert.rejects(load, notInitialized(mc.MidtransCardError, 'MidtransCard.load'));
  assert.equal(instantiations, 0);
});

test('loadMidtrans() on the server resolves null, touching neither the network nor the wasm', async () => {
  assert.equal(typeof window, 'undefined');
  const before = fetches;
  assert.equal(await mc.loadMidtrans({ clientKey: 'SB-Mid-client-x', environment: 'sandbox' }), null);
  assert.equal(await mc.loadMidtrans({ clientKey: 'SB-Mid-client-x', environment: 'production', module_or_path: bytes }), null);
  assert.equal(fetches, before);
  assert.equal(instantiations, 0);
  assert.throws(() => mc.validateCardNumber('4811'), notInitialized(mc.MidtransCardError, 'validateCardNumber'));
});

test('a failed init() is forgotten: the next call retries', async () => {
  await assert.rejects(mc.default({ module_or_path: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) }), WebAssembly.CompileError);
  assert.throws(() => mc.validateCvv('123'), notInitialized(mc.MidtransCardError, 'validateCvv'));
});

test('concurrent init() calls share one instantiation and resolve the same exports', async () => {
  const all = await Promise.all([mc.default({ module_or_path: bytes }), mc.default({ module_or_path: bytes }), mc.default({ module_or_path: bytes })]);
  assert.equal(instantiations, 1);
  assert.ok(all[0].memory instanceof WebAssembly.Memory);
  assert.ok(all.every((x) => x === all[0]));
  // Later calls, whatever their input (none: Node cannot fetch the file URL), and initSync too.
  const fetchesBefore = fetches;
  assert.equal(await mc.default(), all[0]);
  assert.equal(mc.initSync({ module: bytes }), all[0]);
  assert.equal(instantiations, 1);
  assert.equal(fetches, fetchesBefore);
  assert.equal(mc.validateCardNumber('4811 1111 1111 1114').isValid, true);
  assert.equal(mc.formatCardNumber('4811111111111114'), '4811 1111 1111 1114');
  // The validate entry is a module of its own: still uninitialised, then initialised once.
  assert.throws(() => validate.validateCvv('123'), notInitialized(validate.MidtransCardError, 'validateCvv'));
  const v = validate.initSync({ module: validateBytes });
  assert.equal(validate.initSync({ module: validateBytes }), v);
  assert.equal(await validate.default(), v);
  assert.equal(instantiations, 2);
  assert.deepEqual(validate.validateCvv('1234', 'american-express'), mc.validateCvv('1234', 'american-express'));
});

test('errors from the wasm code and from the entry are one class', async () => {
  // invalid_options comes from Rust, not_initialized from index.js: `instanceof` must hold for both.
  await assert.rejects(mc.MidtransCard.load({ environment: 'sandbox' }), (e) => {
    assert.ok(e instanceof mc.MidtransCardError, String(e));
    assert.equal(e.code, 'invalid_options');
    return true;
  });
  // In Node, with a valid configuration: no browser to load Midtrans into.
  await assert.rejects(mc.MidtransCard.load({ clientKey: 'SB-Mid-client-x', environment: 'sandbox' }), (e) => {
    assert.ok(e instanceof mc.MidtransCardError, String(e));
    assert.equal(e.code, 'sdk_not_loaded');
    return true;
  });
  // The class's shape: code, message and only the evidence given.
  const e = new mc.MidtransCardError('backend_error', 'm', { httpStatus: 502, response: null, other: 1 });
  assert.deepEqual({ ...e }, { name: 'MidtransCardError', code: 'backend_error', httpStatus: 502, response: null });
});
