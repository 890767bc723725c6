// The drop-in card form's Node-side contract: CardForm.define() where there is no DOM, and the
// field messages the form shows, which are the core's own (validateCard's errors[].message).
// Run after `node scripts/build.mjs`.
import test from 'node:test';
import assert from 'node:assert/strict';
import mc from './load.mjs';

const REASONS = {
  card_number: ['required', 'incomplete', 'invalid_characters', 'invalid_length', 'luhn', 'unknown_brand', 'unsupported_brand'],
  card_exp: ['required', 'incomplete', 'invalid_format', 'invalid_month', 'invalid_year', 'expired', 'too_far_future'],
  card_cvv: ['required', 'incomplete', 'invalid_characters', 'invalid_length'],
};

test('CardForm.define() without customElements (Node, SSR): resolves, defines nothing', async () => {
  assert.equal(typeof mc.CardForm.define, 'function');
  assert.equal(await mc.CardForm.define(), undefined);
  assert.equal(await mc.CardForm.define('my-tag'), undefined);
});

test('every field x reason x locale has the core message (none falls back to the code)', async () => {
  // The form's module imports in Node (its element class is then inert).
  const { fieldMessage, CardFormElement } = await import('../../pkg/form.js');
  assert.equal(typeof CardFormElement, 'function');
  for (const [field, reasons] of Object.entries(REASONS)) {
    for (const reason of reasons) {
      const en = fieldMessage(field, reason, 'en');
      const id = fieldMessage(field, reason, 'id');
      assert.notEqual(en, reason, `${field} ${reason} en`);
      assert.notEqual(id, reason, `${field} ${reason} id`);
      assert.notEqual(en, id, `${field} ${reason}: en and id differ`);
    }
  }
  // The same texts validateCard gives merchants.
  const { errors } = mc.validateCard({ card_number: '4811111111111115', card_exp_month: '13', card_exp_year: '30', card_cvv: '' }, { locale: 'id' });
  assert.deepEqual(errors.map((e) => fieldMessage(e.field, e.code, 'id')), errors.map((e) => e.message));
  assert.equal(fieldMessage('card_exp', 'expired', 'en'), 'Your card has expired.');
});
