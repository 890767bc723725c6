// Validator results, decoded on the JS side from one packed integer: one crossing of the wasm
// boundary per result instead of one per field and key. Used by the wasm exports (through
// sys.rs) and by the package entry's fast paths (index.js). Bit layouts match web/convert.rs;
// the vector tables run through both paths.
export const BRANDS = ['visa', 'mastercard', 'american-express', 'diners-club', 'discover', 'troy', 'jcb',
  'unionpay', 'naranja', 'verve', 'maestro', 'elo', 'mir', 'hiper', 'hipercard'];
const NUMBER = [null, 'required', 'incomplete', 'invalid_characters', 'invalid_length', 'luhn', 'unknown_brand',
  'unsupported_brand'];
const EXPIRY = [null, 'required', 'incomplete', 'invalid_format', 'invalid_month', 'invalid_year', 'expired',
  'too_far_future'];
const CVV = [null, 'required', 'incomplete', 'invalid_characters', 'invalid_length'];
// validateCard's errors in the validation-only entry name their field and reason by position
// (web/abi.rs `put_fault`).
export const FIELDS = ['card_number', 'card_exp', 'card_cvv'];
export const REASONS = [NUMBER, EXPIRY, CVV];

function brandList(mask) {
  // One brand (most numbers once a few digits are typed): one array literal, no pushes.
  if ((mask & (mask - 1)) === 0) return mask === 0 ? [] : [BRANDS[31 - Math.clz32(mask)]];
  const out = [];
  for (let i = 0; mask; i++, mask >>>= 1) if (mask & 1) out.push(BRANDS[i]);
  return out;
}

// bit 0 valid, 1 potentially valid, 2-5 brand (15 = none), 6-8 reason, 9-23 candidates.
export function numberFromBits(r) {
  const b = (r >>> 2) & 15;
  return { isValid: (r & 1) === 1, isPotentiallyValid: (r & 2) === 2, brand: b < 15 ? BRANDS[b] : null, candidates: brandList(r >>> 9), reason: NUMBER[(r >>> 6) & 7] };
}

// bit 0 valid, 1 potentially valid, 2-4 reason, 5-8 month (0 = none), 9-22 year + 1 (0 = none:
// a typed year 0000 is year 0).
export function expiryFromBits(r) {
  const y = r >>> 9;
  return { isValid: (r & 1) === 1, isPotentiallyValid: (r & 2) === 2, month: ((r >>> 5) & 15) || null, year: y === 0 ? null : y - 1, reason: EXPIRY[(r >>> 2) & 7] };
}

// bit 0 valid, 1 potentially valid, 2-4 reason.
export function cvvFromBits(r) {
  return { isValid: (r & 1) === 1, isPotentiallyValid: (r & 2) === 2, reason: CVV[(r >>> 2) & 7] };
}

// Today's month in the browser's local time zone as year * 100 + month. Reading the clock costs
// as much as a whole validation, so the month is cached and a timer clears the cache when the
// next month starts (re-armed every 24 days at most, as timers allow). A timer delayed by a
// sleeping machine can leave the old month for that delay; the backend's charge decides anyway.
let month = 0;
export function localMonth() {
  if (month === 0) {
    const now = new Date();
    month = now.getFullYear() * 100 + now.getMonth() + 1;
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 1).getTime();
    const timer = setTimeout(() => { month = 0; }, Math.min(next - now.getTime() + 1, 2 ** 31 - 1));
    if (timer && typeof timer.unref === 'function') timer.unref(); // never keep Node alive
  }
  return month;
}

// A value as text: strings as they are, safe non-negative integers and non-negative bigints in
// decimal, '' for undefined/null; null for anything else (objects, booleans, fractions, unsafe
// integers, symbols). The entry reads the validators' inputs with it, and the full build's wasm
// reads card fields and Midtrans's answers with it (web/jsval.rs `text`: there, a Rust app's
// build without these snippets has the same rules in Rust).
export function text(v) {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
  if (typeof v === 'bigint') return v >= 0n ? v.toString() : null;
  return null;
}
