// `midtrans-card/validate`: the validation-only entry (its own, smaller wasm) gives exactly the
// verdicts of the full package and carries none of the Midtrans flow.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as validate from 'midtrans-card/validate';
import full from './load.mjs';

const require = createRequire(import.meta.url);
validate.initSync({ module: readFileSync(require.resolve('midtrans-card/validate/midtrans_card_bg.wasm')) });
const v = JSON.parse(readFileSync(new URL('../../target/vectors.json', import.meta.url), 'utf8'));

test('exports the validators, the error class for not_initialized, and nothing of the Midtrans flow', () => {
  for (const name of ['default', 'initSync', 'validateCardNumber', 'validateExpiry', 'validateCvv', 'validateCard', 'detectBrand', 'formatCardNumber', 'formatCardInput', 'formatExpiryInput', 'MidtransCardError']) {
    assert.equal(typeof validate[name], 'function', name);
  }
  for (const name of ['MidtransCard', 'ThreeDsPopup', 'loadMidtrans']) assert.equal(validate[name], undefined, name);
});

test('same verdicts as the full package on the vector tables', () => {
  const today = { year: 2026, month: 11 };
  for (const c of v.numbers) assert.deepEqual(validate.validateCardNumber(c.input), full.validateCardNumber(c.input), c.input);
  for (const c of v.expiries) assert.deepEqual(validate.validateExpiry(c.input, { today: c.today }), full.validateExpiry(c.input, { today: c.today }), c.input);
  for (const c of v.monthYears) assert.deepEqual(validate.validateExpiry(c, { today }), full.validateExpiry(c, { today }));
  for (const c of v.cvvs) assert.deepEqual(validate.validateCvv(c.input, c.brand), full.validateCvv(c.input, c.brand));
  for (const [input] of v.formats) assert.equal(validate.formatCardNumber(input), full.formatCardNumber(input));
  for (const c of v.inputs) assert.deepEqual(validate.formatCardInput(c.value, c.caret), full.formatCardInput(c.value, c.caret));
  for (const c of v.expiryInputs) assert.deepEqual(validate.formatExpiryInput(c.value, c.caret, c.deleting), full.formatExpiryInput(c.value, c.caret, c.deleting));
  const card = { card_number: '4811111111111115', card_exp_month: '10', card_exp_year: '2026', card_cvv: '1' };
  assert.deepEqual(validate.validateCard(card, { today, locale: 'id' }), full.validateCard(card, { today, locale: 'id' }));
  assert.deepEqual(validate.detectBrand('3701'), full.detectBrand('3701'));
});
