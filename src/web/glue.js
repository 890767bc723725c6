// Result objects for the validators, built on the JS side from small integers: one call across
// the wasm boundary per result instead of one per field and key (each key string would otherwise
// be decoded from wasm memory on every call). Indices follow the Rust enums (tests check every
// name through the exported API).
const BRANDS = ['visa', 'mastercard', 'american-express', 'diners-club', 'discover', 'troy', 'jcb', 'unionpay',
  'naranja', 'verve', 'maestro', 'elo', 'mir', 'hiper', 'hipercard'];
const NUMBER = [null, 'required', 'incomplete', 'invalid_characters', 'invalid_length', 'luhn', 'unknown_brand',
  'unsupported_brand'];
const EXPIRY = [null, 'required', 'incomplete', 'invalid_format', 'invalid_month', 'invalid_year', 'expired',
  'too_far_future'];
const CVV = [null, 'required', 'incomplete', 'invalid_characters', 'invalid_length'];

function brandList(mask) {
  const out = [];
  for (let i = 0; mask; i++, mask >>>= 1) if (mask & 1) out.push(BRANDS[i]);
  return out;
}

export function numberResult(valid, potentially, brand, mask, reason) {
  return { isValid: valid, isPotentiallyValid: potentially, brand: brand < 15 ? BRANDS[brand] : null, candidates: brandList(mask), reason: NUMBER[reason] };
}

export function expiryResult(valid, potentially, month, year, reason) {
  return { isValid: valid, isPotentiallyValid: potentially, month: month || null, year: year || null, reason: EXPIRY[reason] };
}

export function cvvResult(valid, potentially, reason) {
  return { isValid: valid, isPotentiallyValid: potentially, reason: CVV[reason] };
}

// Today's month in the browser's local time zone, as year * 100 + month.
export function localMonth() {
  const d = new Date();
  return d.getFullYear() * 100 + d.getMonth() + 1;
}
