// The package entry. The validators cross into WebAssembly through a handful of plain exports
// (src/web/abi.rs): this file reads the JavaScript arguments as the Rust core expects them (text,
// brand masks, packed months), writes the text into one buffer in wasm memory as UTF-8, calls one
// export and decodes its packed answer (glue.js). Every verdict is the Rust core's; nothing here
// decides. The Midtrans flow (`MidtransCard`, `ThreeDsPopup`) is wasm-bindgen's.
//
// It also owns initialisation: `init()` is memoized (concurrent calls share one instantiation),
// and every export called before it throws `MidtransCardError` `not_initialized` instead of a
// TypeError from deep inside the glue.
import { BRANDS, FIELDS, REASONS, numberFromBits, expiryFromBits, cvvFromBits, localMonth, text } from './glue.js';
import { MidtransCardError } from './error.js';
import { unpack } from './unpack.js';

export { MidtransCardError };
// @midtrans-start (not in midtrans-card/validate)
// The glue's import object and its set-up once instantiated (scripts/build.mjs exports them);
// instantiating is this file's, for both entries.
import { __wbg_get_imports as imports, __wbg_finalize_init as finish } from './midtrans_card.js';
import { MidtransCard as WasmMidtransCard, ThreeDsPopup as WasmThreeDsPopup } from './midtrans_card.js';
// @midtrans-end
// @validate-start (midtrans-card/validate only: a module without imports needs no glue)
const imports = () => ({});
const finish = (instance) => instance.exports;
// @validate-end

// A URL, a Request or a Response is read whole, then compiled: the module is small, and the
// embedded copy (the default) needs no fetch at all.
async function instantiate(source) {
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) source = await fetch(source);
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`failed to fetch Wasm: ${source.status} ${source.statusText} fetching '${source.url}'`);
    source = await source.arrayBuffer();
  }
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  return finish(await WebAssembly.instantiate(module, imports()), module);
}

function instantiateSync(source) {
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  return finish(new WebAssembly.Instance(module, imports()), module);
}

const CAP = 65536; // web/abi.rs INPUT_CAPACITY; the output area follows it
const OUT = 256; // web/abi.rs OUTPUT_CAPACITY
const NOT_TEXT = -1; // u32::MAX through the i32 boundary
const ABSENT = -2;
const ALL = (1 << BRANDS.length) - 1;
// Brand ids as Brand::from_id reads them, with its aliases.
const BRAND_INDEX = new Map([...BRANDS.map((b, i) => [b, i]), ['amex', 2], ['master-card', 1], ['diners', 3]]);
const KEYS = ['card_number', 'card_exp_month', 'card_exp_year', 'card_cvv', 'token_id'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The .wasm as text, written here by the build (scripts/embed.mjs; src/web/unpack.js reads it):
// `init()` needs no second request and no bundler recipe. `init({ module_or_path })` still loads
// another copy (a URL, a Response, bytes or a compiled module) for pages that want to. Read at
// the call: the build puts the text at the end of the module.
const embedded = () => unpack('__MIDTRANS_CARD_WASM__');

// What `init(input)` / `initSync(input)` were given: `{ module_or_path }` / `{ module }`, or (as
// wasm-bindgen still accepts) the value itself.
const given = (input, key) =>
  input !== undefined && input !== null && Object.getPrototypeOf(input) === Object.prototype ? input[key] : input;

let w = null; // the wasm exports, once initialised
let io = 0;
let view = null;
let pending = null; // the one in-flight init()

function attach(exports) {
  w = exports;
  io = exports.mc_io();
  view = null;
  return exports;
}

/** Throws `not_initialized` when called before `init()` or `initSync()` finished. */
function ready(name) {
  if (w === null) {
    throw new MidtransCardError('not_initialized', `${name} was called before the WebAssembly module was initialised: \`await init()\` first.`);
  }
}

/**
 * Initialises the WebAssembly module (see the wasm-bindgen `init` options). Memoized: concurrent
 * and later calls share one instantiation and resolve the same exports (a later call's input is
 * ignored). A failed attempt is forgotten, so calling again retries.
 */
export default function init(input) {
  if (w !== null) return Promise.resolve(w);
  if (pending === null) {
    pending = Promise.resolve(given(input, 'module_or_path'))
      // The embedded copy compiles on the spot: for a module this size a synchronous compile
      // is faster than a round trip through the compile threads (measured, docs/embedding.md).
      .then((source) => (source == null ? instantiateSync(embedded()) : instantiate(source)))
      .then(attach, (e) => {
        pending = null;
        throw e;
      });
  }
  return pending;
}

/** Synchronous initialisation from bytes or a compiled module; once initialised, a no-op. */
export function initSync(module) {
  return w !== null ? w : attach(instantiateSync(given(module, 'module') ?? embedded()));
}

// The buffer (input, then output), looked up again only when memory growth detached it.
function bytes() {
  if (view === null || view.byteLength === 0) view = new Uint8Array(w.memory.buffer, io, CAP + OUT);
  return view;
}

// Writes `s` at `at` as UTF-8; its length, or NOT_TEXT when it does not fit (nothing left).
function put(s, at) {
  const v = bytes();
  const n = s.length;
  if (at + n <= CAP) {
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c > 127) break;
      v[at + i++] = c;
    }
    if (i === n) return n;
  }
  // Non-ASCII (lone surrogates become U+FFFD, as in every JS-to-Rust string) or long.
  const { read, written } = encoder.encodeInto(s, v.subarray(at, CAP));
  if (read === n) return written;
  v.fill(0, at, at + written);
  return NOT_TEXT;
}

// Text of at most 8 ASCII characters packed into two int32s, `lo` and `hi` (character i in byte
// i, least significant first): how short values reach the expiry and CVV exports, in the call's
// arguments instead of through wasm memory. The length, or -1 when the string `v` is not such
// text (callers check that it is a string).
let lo = 0;
let hi = 0;
function pack(v) {
  if (v.length > 8) return -1;
  let a = 0;
  let b = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 127) return -1;
    if (i < 4) a |= c << (i << 3);
    else b |= c << ((i - 4) << 3);
  }
  lo = a;
  hi = b;
  return v.length;
}

// After the call that took `lo` and `hi`: they held card data (a CVV, an expiry), so they are
// cleared, as the buffer is. Returns `r`.
function cleared(r) {
  lo = 0;
  hi = 0;
  return r;
}

function putText(v, at) {
  const t = text(v);
  return t === null ? NOT_TEXT : put(t, at);
}

// `obj[key]`, or undefined when `obj` is not an object or the getter throws.
function get(o, k) {
  if (typeof o !== 'object' || o === null) return undefined;
  try {
    return o[k];
  } catch {
    return undefined;
  }
}

const brandIndex = (s) => (typeof s === 'string' ? BRAND_INDEX.get(s) : undefined);

function supported(o) {
  const list = get(o, 'supportedBrands');
  if (!Array.isArray(list)) return ALL;
  let mask = 0;
  try {
    for (let i = 0; i < list.length; i++) {
      const b = brandIndex(list[i]);
      if (b !== undefined) mask |= 1 << b;
    }
  } catch {
    // A hostile array: what was read so far.
  }
  return mask;
}

const luhn = (o) => (get(o, 'luhnValidateUnionPay') === true ? 1 : 0);
const num = (v, lo, hi) => typeof v === 'number' && v >= lo && v <= hi;

// `today` as year * 100 + month: an injected `{ year, month }` when sane, else the local month.
function today(o) {
  if (o === undefined) return localMonth(); // the common case, kept cheap: expiry runs per keystroke
  const t = get(o, 'today');
  const year = get(t, 'year');
  const month = get(t, 'month');
  return num(year, 1, 9000) && num(month, 1, 12) ? Math.trunc(year) * 100 + Math.trunc(month) : localMonth();
}

const maxYears = (o) => {
  const n = o === undefined ? undefined : get(o, 'maxYearsAhead'); // no options: kept cheap, as in today()
  return num(n, 0, 99) ? Math.trunc(n) : 19;
};

// `locale` as domain::Locale::from_tag reads it: 1 for Indonesian (a tag starting `id` or `in`),
// 0 for English, and -1 when it is not a string (not given).
const localeOf = (o) => {
  const l = get(o, 'locale');
  return typeof l !== 'string' ? -1 : /^(id|in)/i.test(l) ? 1 : 0;
};
const locale = (o) => (localeOf(o) === 1 ? 1 : 0);

// The output area's words and the static strings they point at.
const word = (i) => new DataView(w.memory.buffer).getUint32(io + CAP + i * 4, true);
const str = (i) => decoder.decode(new Uint8Array(w.memory.buffer, word(i), word(i + 1)));
const list = (i) => [...new Uint8Array(w.memory.buffer, word(i), word(i + 1))];

// The output area's first `n` bytes as (ASCII) text, then zeros over them: a formatted number.
function output(n) {
  const v = bytes();
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(v[CAP + i]);
  v.fill(0, CAP, CAP + n);
  return s;
}

export function validateCardNumber(value, options) {
  ready('validateCardNumber()');
  return numberFromBits(w.mc_long(putText(value, 0), 2, supported(options), luhn(options)));
}

export function validateExpiry(value, options) {
  ready('validateExpiry()');
  const t = today(options);
  const max = maxYears(options);
  if (typeof value !== 'object' || value === null) {
    const n = typeof value === 'string' ? pack(value) : -1;
    return expiryFromBits(n < 0 ? w.mc_long(putText(value, 0), 0, t, max) : cleared(w.mc_short(lo, hi, n, 0, t, max)));
  }
  const m = text(get(value, 'month'));
  const y = text(get(value, 'year'));
  const mn = m === null || y === null ? NOT_TEXT : put(m, 0);
  const yn = mn === NOT_TEXT ? NOT_TEXT : put(y, mn);
  if (yn === NOT_TEXT && mn !== NOT_TEXT) bytes().fill(0, 0, mn);
  return expiryFromBits(yn === NOT_TEXT ? w.mc_long(NOT_TEXT, 0, t, max) : w.mc_long(mn + yn, mn + 3, t, max));
}

export function validateCvv(value, brand) {
  ready('validateCvv()');
  const b = brandIndex(brand) ?? 15;
  const n = typeof value === 'string' ? pack(value) : -1;
  return cvvFromBits(n < 0 ? w.mc_long(putText(value, 0), 1, b, 0) : cleared(w.mc_short(lo, hi, n, 1, b, 0)));
}

export function validateCard(card, options) {
  ready('validateCard()');
  let at = 0;
  const lens = KEYS.map((k) => {
    const v = get(card, k);
    if (v === undefined || v === null) return ABSENT;
    const n = putText(v, at);
    if (n !== NOT_TEXT) at += n;
    return n;
  });
  const r = w.mc_card(...lens, supported(options), luhn(options), today(options), maxYears(options), locale(options));
  const errors = [];
  // The errors' layout in each build: web/abi.rs `put_fault`.
  // @midtrans-start (not in midtrans-card/validate)
  for (let i = 0; i < r >>> 5; i++) errors.push({ field: str(i * 6), code: str(i * 6 + 2), message: str(i * 6 + 4) });
  // @midtrans-end
  // @validate-start (midtrans-card/validate only: field and reason by position)
  for (let i = 0, m; i < r >>> 5; i++) {
    const f = word(i);
    m ??= str(60).split('|');
    errors.push({ field: FIELDS[f & 3], code: REASONS[f & 3][f >>> 2], message: m[(f & 3) * 7 + (f >>> 2) - 1] });
  }
  // @validate-end
  const b = (r >>> 1) & 15;
  return { isValid: (r & 1) === 1, brand: b < 15 ? BRANDS[b] : null, errors };
}

// Every brand's nice name and security code name, in table order, read once (web/abi.rs
// `brand_details`).
let names = null;

export function detectBrand(value) {
  ready('detectBrand()');
  const b = w.mc_input(putText(value, 0), 0, 4);
  if (b === 15) return null;
  const lengths = [];
  for (let m = word(2), l = 12; m; l++, m >>>= 1) if (m & 1) lengths.push(l);
  names ??= [str(0).split('|'), str(6).split('|')];
  return { brand: BRANDS[b], niceName: names[0][b], lengths, gaps: list(4), cvvName: names[1][b], cvvLength: word(8) };
}

export function formatCardNumber(value) {
  ready('formatCardNumber()');
  return output(w.mc_input(put(text(value) ?? '', 0), 0, 3) & 0xffff);
}

// A caret as web/abi.rs reads it: a finite non-negative number, else "the end".
const caretOf = (c) => (typeof c === 'number' && Number.isFinite(c) && c >= 0 ? Math.min(Math.trunc(c), 4294967295) : 4294967295);

function input(value, caret, kind) {
  const r = w.mc_input(put(text(value) ?? '', 0), caretOf(caret), kind);
  return { value: output(r & 0xffff), caret: r >>> 16 };
}

export function formatCardInput(value, caret) {
  ready('formatCardInput()');
  return input(value, caret, 0);
}

export function formatExpiryInput(value, caret, inputType) {
  ready('formatExpiryInput()');
  const deleting = inputType === true || (typeof inputType === 'string' && inputType.startsWith('delete'));
  return input(value, caret, deleting ? 2 : 1);
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

// The validation options of getCardToken, registerCard and pay, read as the validators read
// them and handed over as two integers (web/api.rs `token_validation` has the layout).
function tokenArgs(o) {
  return [supported(o) | 1 << 15 | luhn(o) << 16 | (localeOf(o) + 1) << 17 | (maxYears(o) + 1) << 19, today(o)];
}

// Those three methods on the class's prototype take the two integers after the caller's arguments.
function withTokenArgs(cls) {
  for (const name of ['getCardToken', 'registerCard', 'pay']) {
    const call = cls.prototype[name];
    cls.prototype[name] = function (card, options) {
      return call.call(this, card, options, ...tokenArgs(options));
    };
  }
  return cls;
}

export const MidtransCard = /* @__PURE__ */ guarded(withTokenArgs(WasmMidtransCard), 'load', (load) => function (options) {
  try {
    ready('MidtransCard.load()');
  } catch (e) {
    return Promise.reject(e);
  }
  return load.call(WasmMidtransCard, options);
});

// `onCancel` is a plain property of the instance: the popup calls it once, when the customer
// closes it, and it is null after (as before the customer set it).
export const ThreeDsPopup = /* @__PURE__ */ guarded(WasmThreeDsPopup, 'open', (open) => function (url, options) {
  ready('ThreeDsPopup.open()');
  const popup = open.call(WasmThreeDsPopup, url, options, () => {
    const f = popup.onCancel;
    popup.onCancel = null;
    if (typeof f === 'function') f();
  });
  popup.onCancel = null;
  return popup;
});

/**
 * One call from nothing to a loaded `MidtransCard`: initialises the module (memoized, so it
 * shares an earlier or concurrent `init()`), then `MidtransCard.load(options)`. Without a
 * `window` (server-side rendering) it resolves `null` and touches neither the network nor the
 * wasm. `module_or_path` is passed to `init()` for a page that loads its own copy of the `.wasm`.
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
