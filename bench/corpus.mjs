// Seeded, deterministic benchmark inputs: the same arrays are fed to every library.
// Card numbers: valid and Luhn-invalid numbers of every credit-card-type brand, wrong lengths,
// partial numbers (as typed), spaced and dashed input, random digits, letters, empty strings.
// Expiry: every accepted format (MM/YY, MM / YY, MM/YYYY, M/YY, MMYY, MMYYYY, YYYY-MM, MM YY),
// partial input, bad months, past and far-future years, garbage, and { month, year } objects.
// CVV: 0-5 characters for each brand (and no brand), some with letters.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cct = require('credit-card-type');

/** mulberry32: small, fast, reproducible. */
export function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20261129;

function luhnComplete(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let v = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  return body + ((10 - (sum % 10)) % 10);
}

// Every brand's patterns (single prefixes or [lo, hi] ranges), lengths and gaps.
const BRANDS = cct('').map((t) => ({ type: t.type, patterns: t.patterns, lengths: t.lengths, gaps: t.gaps }));

function prefixOf(r, brand) {
  const p = brand.patterns[Math.floor(r() * brand.patterns.length)];
  if (!Array.isArray(p)) return String(p);
  const [lo, hi] = p;
  return String(lo + Math.floor(r() * (hi - lo + 1)));
}

function digits(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
}

function validNumber(r, brand) {
  const len = brand.lengths[Math.floor(r() * brand.lengths.length)];
  let body = prefixOf(r, brand);
  body += digits(r, Math.max(0, len - 1 - body.length));
  return luhnComplete(body.slice(0, len - 1));
}

function withGaps(s, gaps, sep) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (gaps.includes(i)) out += sep;
    out += s[i];
  }
  return out;
}

export function numberCorpus(n, seed = SEED) {
  const r = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const brand = BRANDS[Math.floor(r() * BRANDS.length)];
    const x = r();
    let s;
    if (x < 0.30) s = validNumber(r, brand); // valid, complete
    else if (x < 0.42) { // Luhn-invalid, complete
      const v = validNumber(r, brand);
      s = v.slice(0, -1) + ((+v[v.length - 1] + 1 + Math.floor(r() * 9)) % 10);
    } else if (x < 0.47) { // wrong length (one digit too many)
      s = validNumber(r, brand) + Math.floor(r() * 10);
    } else if (x < 0.67) { // partial, as typed
      const v = validNumber(r, brand);
      s = v.slice(0, 1 + Math.floor(r() * (v.length - 1)));
    } else if (x < 0.79) { // spaced at the brand's gaps
      s = withGaps(validNumber(r, brand), brand.gaps, ' ');
    } else if (x < 0.85) { // dashed, groups of four
      s = withGaps(validNumber(r, brand), [4, 8, 12, 16], '-');
    } else if (x < 0.94) { // random digits, 1-21 long
      s = String(1 + Math.floor(r() * 9)) + digits(r, Math.floor(r() * 21));
    } else if (x < 0.99) { // a letter or dot somewhere
      const v = validNumber(r, brand);
      const at = Math.floor(r() * v.length);
      s = v.slice(0, at) + 'a.x/'[Math.floor(r() * 4)] + v.slice(at + 1);
    } else s = '';
    out[i] = s;
  }
  return out;
}

const pad2 = (v) => (v < 10 ? '0' : '') + v;

export function expiryCorpus(n, seed = SEED + 1, nowYear = new Date().getFullYear()) {
  const r = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = r();
    // Months 1-12 mostly, sometimes 0 or 13-19; years from 6 years ago to 25 ahead.
    const m = r() < 0.93 ? 1 + Math.floor(r() * 12) : [0, 13, 19][Math.floor(r() * 3)];
    const y = nowYear - 6 + Math.floor(r() * 32);
    const yy = pad2(y % 100);
    let v;
    if (x < 0.18) v = `${pad2(m)}/${yy}`;
    else if (x < 0.28) v = `${pad2(m)} / ${yy}`;
    else if (x < 0.40) v = `${pad2(m)}/${y}`;
    else if (x < 0.48) v = `${m}/${yy}`;
    else if (x < 0.58) v = `${pad2(m)}${yy}`;
    else if (x < 0.64) v = `${pad2(m)}${y}`;
    else if (x < 0.70) v = `${y}-${pad2(m)}`;
    else if (x < 0.74) v = `${pad2(m)} ${yy}`;
    else if (x < 0.86) { // partial, as typed
      const full = r() < 0.5 ? `${pad2(m)}/${yy}` : `${pad2(m)} / ${y}`;
      v = full.slice(0, Math.floor(r() * full.length));
    } else if (x < 0.95) { // garbage
      v = ['ab/cd', '12/3x', '1-2-3', '//', '12//25', ' ', '0000', '99/99', '1.2025'][Math.floor(r() * 9)];
    } else v = { month: r() < 0.5 ? String(m) : m, year: r() < 0.5 ? String(y) : yy };
    out[i] = v;
  }
  return out;
}

const CVV_BRANDS = ['visa', 'mastercard', 'american-express', 'jcb', 'unionpay', null];

/** Returns { values, brands, maxLengths }: maxLengths is card-validator's argument for the same brand. */
export function cvvCorpus(n, seed = SEED + 2) {
  const r = rng(seed);
  const values = new Array(n);
  const brands = new Array(n);
  const maxLengths = new Array(n);
  const three = 3;
  const four = 4;
  const unknown = [3, 4];
  for (let i = 0; i < n; i++) {
    const b = CVV_BRANDS[Math.floor(r() * CVV_BRANDS.length)];
    let v = digits(r, Math.floor(r() * 6));
    if (r() < 0.06 && v.length) v = v.slice(0, -1) + 'x';
    values[i] = v;
    brands[i] = b;
    maxLengths[i] = b === 'american-express' ? four : b === null ? unknown : three;
  }
  return { values, brands, maxLengths };
}
