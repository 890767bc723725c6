// The package entry: the wasm-bindgen exports, with allocation-free fast paths for the three
// validators merchants call on every keystroke. A plain ASCII string (the common case) is written
// straight into a fixed buffer inside the wasm memory and the verdict comes back as one packed
// integer; anything else (numbers, bigints, objects, non-ASCII, options) takes the general path
// through wasm-bindgen. Both paths run the same Rust code and decode with the same functions.
import initWasm, {
  initSync as initSyncWasm,
  validateCardNumber as numberSlow,
  validateExpiry as expirySlow,
  validateCvv as cvvSlow,
  __inputBuffer,
  __numberBits,
  __expiryBits,
  __monthYearBits,
  __cvvBits,
} from './midtrans_card.js';
import { BRANDS, numberFromBits, expiryFromBits, cvvFromBits, localMonth } from './glue.js';

export { validateCard, detectBrand, formatCardNumber, formatCardInput } from './midtrans_card.js';
// @midtrans-start (not in midtrans-card/validate)
export { MidtransCard, ThreeDsPopup, MidtransCardError } from './midtrans_card.js';
// @midtrans-end

const CAP = 64; // web/api.rs INPUT_CAPACITY
const BRAND_INDEX = new Map(BRANDS.map((b, i) => [b, i]));
let memory = null;
let ptr = 0;
let view = null;

function attach(exports) {
  memory = exports.memory;
  ptr = __inputBuffer();
  view = null;
  return exports;
}

/** Initialises the WebAssembly module (see the wasm-bindgen `init` options). */
export default async function init(input) {
  return attach(await initWasm(input));
}

/** Synchronous initialisation from bytes or a compiled module. */
export function initSync(module) {
  return attach(initSyncWasm(module));
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
  if (typeof value === 'string') {
    const b = brand == null ? 15 : BRAND_INDEX.get(brand);
    if (b !== undefined) {
      const n = put(value);
      if (n >= 0) return cvvFromBits(__cvvBits(n, b));
    }
  }
  return cvvSlow(value, brand);
}
