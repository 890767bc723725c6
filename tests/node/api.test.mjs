// The built package in Node: what importers get (named exports, plain result objects).
import test from 'node:test';
import assert from 'node:assert/strict';
import mc from './load.mjs';

test('exports the documented functions', () => {
  for (const name of ['validateCardNumber', 'validateExpiry', 'validateCvv', 'validateCard', 'detectBrand', 'formatCardNumber', 'formatCardInput', 'formatExpiryInput']) {
    assert.equal(typeof mc[name], 'function', name);
  }
});

test('results are plain objects with the documented shape', () => {
  assert.deepEqual(mc.validateCardNumber('4811 1111 1111 1114'), {
    isValid: true, isPotentiallyValid: true, brand: 'visa', candidates: ['visa'], reason: null,
  });
  assert.deepEqual(mc.validateExpiry('12/30', { today: { year: 2026, month: 11 } }), {
    isValid: true, isPotentiallyValid: true, month: 12, year: 2030, reason: null,
  });
  assert.deepEqual(mc.validateCvv('12', 'visa'), { isValid: false, isPotentiallyValid: true, reason: 'incomplete' });
  assert.deepEqual(mc.detectBrand('4811'), {
    brand: 'visa', niceName: 'Visa', lengths: [16, 18, 19], gaps: [4, 8, 12], cvvName: 'CVV', cvvLength: 3,
  });
  assert.equal(mc.formatCardNumber('4811111111111114'), '4811 1111 1111 1114');
  assert.deepEqual(mc.formatCardInput('48111', 5), { value: '4811 1', caret: 6 });
  assert.deepEqual(mc.formatExpiryInput('12', 2), { value: '12/', caret: 3 });
  assert.deepEqual(mc.formatExpiryInput('12', 2, 'deleteContentBackward'), { value: '12', caret: 2 });
});

test('validateCard lists every field error with messages', () => {
  const r = mc.validateCard({ card_number: '4811 1111 1111 1115', card_exp_month: '10', card_exp_year: '2026', card_cvv: '' },
    { today: { year: 2026, month: 11 } });
  assert.equal(r.isValid, false);
  assert.equal(r.brand, 'visa');
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['card_number', 'luhn'], ['card_exp', 'expired'], ['card_cvv', 'required']]);
  for (const e of r.errors) assert.ok(e.message.length > 5);
  assert.ok(!JSON.stringify(r).includes('4811'));
});

test('hostile inputs never throw', () => {
  const values = [null, undefined, {}, [], [1, 2], true, NaN, -1, 1.5, 2 ** 60, Symbol('x'), () => 1, 10n, -10n,
    '💳', '４８１１', '\ud800', 'x'.repeat(1 << 20), '4'.repeat(1 << 20)];
  for (const v of values) {
    for (const f of ['validateCardNumber', 'validateExpiry', 'validateCvv', 'validateCard', 'detectBrand', 'formatCardNumber']) {
      assert.doesNotThrow(() => mc[f](v, v), `${f}(${typeof v})`);
    }
    assert.doesNotThrow(() => mc.formatCardInput(v, v));
    assert.equal(mc.validateCardNumber(v).isValid, false);
  }
});

test('the Midtrans API is exported, and is SSR-safe (no window in Node)', async () => {
  assert.equal(typeof mc.MidtransCard.load, 'function');
  assert.equal(typeof mc.ThreeDsPopup.open, 'function');
  assert.equal(typeof mc.MidtransCardError, 'function');
  const e = new mc.MidtransCardError('timeout', 'x', { statusCode: '200' });
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'MidtransCardError');
  assert.equal(e.statusCode, '200');
  await assert.rejects(mc.MidtransCard.load({ clientKey: 'k', environment: 'sandbox' }), (err) => {
    assert.ok(err instanceof mc.MidtransCardError, String(err));
    assert.equal(err.code, 'sdk_not_loaded');
    return true;
  });
  await assert.rejects(mc.MidtransCard.load({ environment: 'sandbox' }), (err) => err.code === 'invalid_options');
  assert.throws(() => mc.ThreeDsPopup.open('javascript:alert(1)'), (err) => err instanceof mc.MidtransCardError && err.code === 'invalid_redirect_url');
});
