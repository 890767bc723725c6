// The package entry: the wasm-bindgen exports, with allocation-free fast paths for the three
// validators merchants call on every keystroke. A plain ASCII string (the common case) is written
// straight into a fixed buffer inside the wasm memory and the verdict comes back as one packed
// integer; anything else (numbers, bigints, objects, non-ASCII, options) takes the general path
// through wasm-bindgen. Both paths run the same Rust code and decode with the same functions.
//
// It also owns initialisation: `init()` is memoized (concurrent calls share one instantiation),
// and every export called before it throws `MidtransCardError` `not_initialized` instead of a
// TypeError from deep inside the glue.
import initWasm, {
  initSync as initSyncWasm,
  validateCardNumber as numberSlow,
  validateExpiry as expirySlow,
  validateCvv as cvvSlow,
  validateCard as cardSlow,
  detectBrand as brandSlow,
  formatCardNumber as formatSlow,
  formatCardInput as inputSlow,
  formatExpiryInput as expiryInputSlow,
  __inputBuffer,
  __numberBits,
  __expiryBits,
  __monthYearBits,
  __cvvBits,
} from './midtrans_card.js';
import { BRANDS, numberFromBits, expiryFromBits, cvvFromBits, localMonth } from './glue.js';
import { MidtransCardError } from './error.js';

export { MidtransCardError };
// @midtrans-start (not in midtrans-card/validate)
import { MidtransCard as WasmMidtransCard, ThreeDsPopup as WasmThreeDsPopup } from './midtrans_card.js';
// @midtrans-end

const CAP = 64; // web/api.rs INPUT_CAPACITY
const BRAND_INDEX = new Map(BRANDS.map((b, i) => [b, i]));
let memory = null;
let ptr = 0;
let view = null;

let instance = null; // the wasm exports, once initialised
let pending = null; // the one in-flight init()

function attach(exports) {
  memory = exports.memory;
  ptr = __inputBuffer();
  view = null;
  instance = exports;
  return exports;
}

/** Throws `not_initialized` when called before `init()` or `initSync()` finished. */
function ready(name) {
  if (instance === null) {
    throw new MidtransCardError('not_initialized', `${name} was called before the WebAssembly module was initialised: \`await init()\` first.`);
  }
}

/**
 * Initialises the WebAssembly module (see the wasm-bindgen `init` options). Memoized: concurrent
 * and later calls share one instantiation and resolve the same exports (a later call's input is
 * ignored). A failed attempt is forgotten, so calling again retries.
 */
export default function init(input) {
  if (instance !== null) return Promise.resolve(instance);
  if (pending === null) {
    pending = initWasm(input).then(attach, (e) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}

/** Synchronous initialisation from bytes or a compiled module; once initialised, a no-op. */
export function initSync(module) {
  return instance !== null ? instance : attach(initSyncWasm(module));
}

// Copies an ASCII string into the input buffer at `at`; -1 when it is not ASCII or too long.
function put(s, at = 0) {
  const n = s.length;
  if (memory === null || at + n > CAP) return -1;
  // Growing the memory detaches the old buffer (byteLength 0); reading memory.buffer on every
  // call would cost a runtime call, so only look again then.
  if (view === null || view.byteLength === 0) view = new Uint8Array(memory.buffer, ptr, CAP);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return -1;
    view[at + i] = c;
  }
  return n;
}

// A month or year as the general path reads it: strings as they are, safe non-negative integers
// in decimal; null for anything else (the general path decides).
function part(v) {
  if (typeof v === 'string') return v;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
}

export function validateCardNumber(value, options) {
  ready('validateCardNumber()');
  if (typeof value === 'string' && options === undefined) {
    const n = put(value);
    if (n >= 0) return numberFromBits(__numberBits(n));
  }
  return numberSlow(value, options);
}

// `today` for the fast path: the browser's month, or an injected `{ today }` (nothing else).
function fastToday(options) {
  if (options === undefined) return localMonth();
  if (options === null || typeof options !== 'object' || options.maxYearsAhead !== undefined) return 0;
  const t = options.today;
  if (t === null || typeof t !== 'object') return 0;
  const { year, month } = t;
  return Number.isInteger(year) && Number.isInteger(month) && year >= 1 && year <= 9000 && month >= 1 && month <= 12
    ? year * 100 + month
    : 0;
}

export function validateExpiry(value, options) {
  ready('validateExpiry()');
  if (typeof value === 'string') {
    const today = fastToday(options);
    if (today !== 0) {
      const n = put(value);
      if (n >= 0) return expiryFromBits(__expiryBits(n, today));
    }
  } else if (value !== null && typeof value === 'object') {
    const m = part(value.month);
    const y = part(value.year);
    const today = m !== null && y !== null ? fastToday(options) : 0;
    if (today !== 0) {
      const mn = put(m);
      const yn = mn >= 0 ? put(y, mn) : -1;
      if (yn >= 0) return expiryFromBits(__monthYearBits(mn, yn, today));
    }
  }
  return expirySlow(value, options);
}

export function validateCvv(value, brand) {
  ready('validateCvv()');
  if (typeof value === 'string') {
    const b = brand == null ? 15 : BRAND_INDEX.get(brand);
    if (b !== undefined) {
      const n = put(value);
      if (n >= 0) return cvvFromBits(__cvvBits(n, b));
    }
  }
  return cvvSlow(value, brand);
}

export function validateCard(card, options) {
  ready('validateCard()');
  return cardSlow(card, options);
}

export function detectBrand(value) {
  ready('detectBrand()');
  return brandSlow(value);
}

export function formatCardNumber(value) {
  ready('formatCardNumber()');
  return formatSlow(value);
}

export function formatCardInput(value, caret) {
  ready('formatCardInput()');
  return inputSlow(value, caret);
}

export function formatExpiryInput(value, caret, inputType) {
  ready('formatExpiryInput()');
  return expiryInputSlow(value, caret, inputType);
}

// @midtrans-start (not in midtrans-card/validate)
// The classes' only entry points are their statics (the constructors are private). Each export
// is the wasm-bindgen class behind a Proxy that guards those statics: instances stay instances
// of the class (`instanceof MidtransCard` works), and the guard cannot be tree-shaken away from
// the export it protects (a module-level patch of the class could be, under `sideEffects: false`).
function guarded(cls, name, guard) {
  const call = cls[name];
  const wrapper = guard(call);
  return new Proxy(cls, { get: (target, key, receiver) => (key === name ? wrapper : Reflect.get(target, key, receiver)) });
}

export const MidtransCard = /* @__PURE__ */ guarded(WasmMidtransCard, 'load', (load) => function (options) {
  try {
    ready('MidtransCard.load()');
  } catch (e) {
    return Promise.reject(e);
  }
  return load.call(WasmMidtransCard, options);
});

export const ThreeDsPopup = /* @__PURE__ */ guarded(WasmThreeDsPopup, 'open', (open) => function (url, options) {
  ready('ThreeDsPopup.open()');
  return open.call(WasmThreeDsPopup, url, options);
});

/**
 * One call from nothing to a loaded `MidtransCard`: initialises the module (memoized, so it
 * shares an earlier or concurrent `init()`), then `MidtransCard.load(options)`. Without a
 * `window` (server-side rendering) it resolves `null` and touches neither the network nor the
 * wasm. `module_or_path` is passed to `init()` for bundlers that need the `.wasm` URL given.
 */
export async function loadMidtrans(options) {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  const { module_or_path: wasm, ...rest } = options ?? {};
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  return MidtransCard.load(options == null ? options : rest);
}

// The drop-in card form, <midtrans-card-form>. Its code (form.js, next to this entry; a chunk of
// its own in a bundle) is fetched on the first `define()` only: a page that never calls it never
// downloads it. Elements already in the page are upgraded once it is defined.
const defined = new Map(); // tag -> the Promise of its definition
export const CardForm = {
  /** Registers the element as `<midtrans-card-form>` (or `tag`); memoized per tag. */
  define(tag = 'midtrans-card-form') {
    if (typeof customElements === 'undefined') return Promise.resolve();
    let p = defined.get(tag);
    if (!p) {
      p = import('./form.js').then(({ CardFormElement }) => {
        if (!customElements.get(tag)) customElements.define(tag, class extends CardFormElement {});
      }, (e) => {
        throw new MidtransCardError('sdk_load_failed', `The card form (form.js) could not load: ${e?.message ?? e}`);
      });
      p.catch(() => defined.delete(tag)); // a failed attempt is forgotten: calling again retries
      defined.set(tag, p);
    }
    return p;
  },
};
// @midtrans-end
