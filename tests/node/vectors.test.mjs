// The shared vector tables (tests/vectors/mod.rs, written to target/vectors.json by
// `cargo test --test vectors_json`) through the built package's JavaScript entry: the fast paths
// (plain strings) and the general path (options, other types) must give the same verdicts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import mc from './load.mjs';

const v = JSON.parse(readFileSync(new URL('../../target/vectors.json', import.meta.url), 'utf8'));

test('card numbers', () => {
  assert.ok(v.numbers.length > 50);
  for (const c of v.numbers) {
    const opts = c.supported.length || c.luhnUnionPay ? { supportedBrands: c.supported.length ? c.supported : undefined, luhnValidateUnionPay: c.luhnUnionPay } : undefined;
    for (const r of [mc.validateCardNumber(c.input, opts), mc.validateCardNumber(c.input, opts ?? {})]) {
      const what = JSON.stringify(c.input);
      assert.equal(r.isValid, c.valid, what);
      assert.equal(r.isPotentiallyValid, c.potentially, what);
      assert.equal(r.brand, c.brand, what);
      assert.equal(r.reason, c.reason, what);
      if (c.candidates.length) assert.deepEqual(r.candidates, c.candidates, what);
    }
  }
});

test('expiry dates', () => {
  for (const c of v.expiries) {
    const fast = mc.validateExpiry(c.input, { today: c.today });
    const slow = mc.validateExpiry(c.input, { today: c.today, maxYearsAhead: 19 });
    for (const r of [fast, slow]) {
      const what = JSON.stringify(c.input);
      assert.deepEqual(r, { isValid: c.valid, isPotentiallyValid: c.potentially, month: c.month, year: c.year, reason: c.reason }, what);
    }
  }
});

test('expiry as { month, year } (strings and numbers)', () => {
  assert.ok(v.monthYears.length > 10);
  const today = { year: 2026, month: 11 };
  for (const c of v.monthYears) {
    const forms = [{ month: c.month, year: c.year }];
    if (/^\d+$/.test(c.month) && /^\d+$/.test(c.year)) forms.push({ month: Number(c.month), year: Number(c.year) });
    for (const value of forms) {
      for (const r of [mc.validateExpiry(value, { today }), mc.validateExpiry(value, { today, maxYearsAhead: 19 })]) {
        const what = JSON.stringify(value);
        assert.equal(r.isValid, c.valid, what);
        assert.equal(r.isPotentiallyValid, c.potentially, what);
        assert.equal(r.reason, c.reason, what);
      }
    }
  }
  // Values the fast path leaves to the general one still get verdicts.
  assert.equal(mc.validateExpiry({ month: 1.5, year: 2030 }, { today }).reason, 'invalid_format');
  assert.equal(mc.validateExpiry({ month: '12', year: 2030n }, { today }).isValid, true);
});

test('CVVs', () => {
  for (const c of v.cvvs) {
    for (const r of [mc.validateCvv(c.input, c.brand), mc.validateCvv(` ${c.input}`.slice(1), c.brand ?? undefined)]) {
      assert.deepEqual(r, { isValid: c.valid, isPotentiallyValid: c.potentially, reason: c.reason }, JSON.stringify(c));
    }
  }
  // Aliases take the general path and agree.
  assert.deepEqual(mc.validateCvv('1234', 'amex'), mc.validateCvv('1234', 'american-express'));
});

test('formatting', () => {
  for (const [input, out] of v.formats) assert.equal(mc.formatCardNumber(input), out, input);
  for (const c of v.inputs) assert.deepEqual(mc.formatCardInput(c.value, c.caret), { value: c.out, caret: c.outCaret }, c.what);
  assert.ok(v.expiryInputs.length > 20);
  for (const c of v.expiryInputs) {
    const kind = c.deleting ? 'deleteContentBackward' : 'insertText';
    assert.deepEqual(mc.formatExpiryInput(c.value, c.caret, kind), { value: c.out, caret: c.outCaret }, c.what);
  }
});

test('the fast path survives memory growth and long or non-ASCII input', () => {
  // Grow the wasm memory (a 1 MB string through the general path), then validate again.
  mc.validateCardNumber('4'.repeat(1 << 20) + '\u00e9');
  assert.equal(mc.validateCardNumber('4811 1111 1111 1114').isValid, true);
  assert.equal(mc.validateCardNumber('4811\u00a01111\u00a01111\u00a01114').isValid, true);
  assert.equal(mc.validateCardNumber('4'.repeat(65)).reason, 'invalid_length');
  assert.equal(mc.validateExpiry('12/30', { today: { year: 2026, month: 11 } }).isValid, true);
});
