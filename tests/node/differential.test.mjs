// Differential test: midtrans-card against card-validator 10.0.4 (the de-facto JS standard) on a
// seeded corpus. Brand, candidates, isValid and isPotentiallyValid must agree for card numbers;
// CVV verdicts must agree; expiry verdicts must agree wherever card-validator has no known bug.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import mc from './load.mjs';

const require = createRequire(import.meta.url);
const valid = require('card-validator');
const cct = require('credit-card-type');

// Small deterministic PRNG (mulberry32) so failures reproduce.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const luhnDigit = (body) => {
  for (let d = 0; d < 10; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let v = +s[s.length - 1 - i];
      if (i % 2) { v *= 2; if (v > 9) v -= 9; }
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
};

function corpus(count) {
  const r = rng(20261129);
  const out = new Set(['', '4', '2', '6', '60', '4811111111111114', '370192169722458', '6212482535178193972']);
  // Every prefix of every pattern in credit-card-type's table, and full numbers around them.
  for (const type of cct('')) {
    for (const p of type.patterns) {
      const heads = Array.isArray(p) ? [String(p[0]), String(p[1])] : [String(p)];
      for (const h of heads) {
        for (let i = 1; i <= h.length; i++) out.add(h.slice(0, i));
        for (const len of type.lengths) {
          let body = h;
          while (body.length < len - 1) body += Math.floor(r() * 10);
          out.add(luhnDigit(body.slice(0, len - 1)));
          out.add(body.slice(0, len));
        }
      }
    }
  }
  while (out.size < count) {
    const len = 1 + Math.floor(r() * 21);
    let s = String(1 + Math.floor(r() * 9));
    while (s.length < len) s += Math.floor(r() * 10);
    out.add(r() < 0.5 ? s : luhnDigit(s.slice(0, -1)) ?? s);
  }
  return [...out];
}

test('card numbers: same brand, candidates and tri-state as card-validator', () => {
  const inputs = corpus(20000);
  let compared = 0;
  const seen = { valid: 0, potentially: 0, invalid: 0 };
  for (const s of inputs) {
    const ours = mc.validateCardNumber(s);
    const theirs = valid.number(s);
    const what = `${s.slice(0, 6)}… (${s.length} digits)`;
    assert.equal(ours.isValid, theirs.isValid, `isValid ${what}`);
    assert.equal(ours.isPotentiallyValid, theirs.isPotentiallyValid, `isPotentiallyValid ${what}`);
    assert.equal(ours.brand, theirs.card ? theirs.card.type : null, `brand ${what}`);
    const types = cct(s).map((t) => t.type);
    if (s !== '') assert.deepEqual(ours.candidates, types, `candidates ${what}`);
    // Spaced and dashed input gives the same verdict.
    const spaced = s.replace(/(\d{4})(?=\d)/g, '$1 ');
    assert.deepEqual(mc.validateCardNumber(spaced), ours, `spaced ${what}`);
    compared++;
    seen[theirs.isValid ? 'valid' : theirs.isPotentiallyValid ? 'potentially' : 'invalid']++;
  }
  assert.ok(compared >= 20000);
  // The corpus exercises all three verdicts, so agreement means something.
  for (const [k, v] of Object.entries(seen)) assert.ok(v > 1000, `${k}: ${v}`);
});

test('detectBrand describes every brand as credit-card-type does', () => {
  const seen = new Set();
  for (const n of corpus(4000)) {
    const ours = mc.detectBrand(n);
    if (ours === null) continue;
    const t = cct.getTypeInfo(ours.brand);
    assert.deepEqual(ours, { brand: t.type, niceName: t.niceType, lengths: t.lengths, gaps: t.gaps, cvvName: t.code.name, cvvLength: t.code.size }, n);
    seen.add(ours.brand);
  }
  assert.equal(seen.size, cct('').length, `brands described: ${[...seen]}`);
});

test('UnionPay Luhn option matches card-validator', () => {
  for (const s of ['6212487892425803', '6212487892425802', '8100000000000001']) {
    const ours = mc.validateCardNumber(s, { luhnValidateUnionPay: true });
    const theirs = valid.number(s, { luhnValidateUnionPay: true });
    assert.equal(ours.isValid, theirs.isValid, s);
    assert.equal(ours.isPotentiallyValid, theirs.isPotentiallyValid, s);
  }
});

test('CVV: same verdicts as card-validator', () => {
  for (const v of ['', '1', '12', '123', '1234', '12345', 'abc', '12a']) {
    for (const [brand, size] of [[null, [3, 4]], ['visa', 3], ['american-express', 4]]) {
      const ours = mc.validateCvv(v, brand);
      const theirs = valid.cvv(v, size);
      assert.equal(ours.isValid, theirs.isValid, `${v} ${brand}`);
      assert.equal(ours.isPotentiallyValid, theirs.isPotentiallyValid, `${v} ${brand}`);
    }
  }
});

test('expiry: same validity as card-validator for MM/YYYY and MM/YY (outside its "20" bug)', () => {
  const now = new Date();
  const y = now.getFullYear();
  let compared = 0;
  for (let year = y - 3; year <= y + 22; year++) {
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      const yy = String(year % 100).padStart(2, '0');
      for (const s of [`${mm}/${year}`, `${mm} / ${yy}`, `${mm}${year}`]) {
        if (yy === '20' && !s.includes(String(year))) continue; // card-validator#127
        const ours = mc.validateExpiry(s);
        const theirs = valid.expirationDate(s);
        assert.equal(ours.isValid, theirs.isValid, s);
        compared++;
      }
      const ours = mc.validateExpiry({ month, year });
      assert.equal(ours.isValid, valid.expirationDate({ month: String(month), year: String(year) }).isValid, `${month}/${year}`);
    }
  }
  assert.ok(compared > 800);
});
