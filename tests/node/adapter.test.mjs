// The validators' JavaScript adapter (src/web/index.js over src/web/abi.rs) in both entries:
// values read as the Rust core expects (numbers, bigints, objects, hostile values), verdicts and
// messages as documented, and no card number left in the WebAssembly memory afterwards.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as full from 'midtrans-card';
import * as validate from 'midtrans-card/validate';

const require = createRequire(import.meta.url);
const entries = {
  'midtrans-card': [full, full.initSync({ module: readFileSync(require.resolve('midtrans-card/midtrans_card_bg.wasm')) })],
  'midtrans-card/validate': [validate, validate.initSync({ module: readFileSync(require.resolve('midtrans-card/validate/midtrans_card_bg.wasm')) })],
};
const today = (year, month) => ({ today: { year, month } });

for (const [name, [mc, exports]] of Object.entries(entries)) {
  test(`${name}: numbers and bigints are read without loss`, () => {
    assert.equal(mc.validateCardNumber(4811111111111114).isValid, true);
    const r = mc.validateCardNumber(6212482535178193972n);
    assert.equal(r.brand, 'unionpay');
    assert.equal(r.isValid, true);
    // Past 2^53 a JS number has already lost digits: refused rather than guessed.
    assert.equal(mc.validateCardNumber(6212482535178193972).reason, 'invalid_characters');
    assert.deepEqual(mc.validateCardNumber(-0), mc.validateCardNumber('0'));
    // Docs examples pass the month as a number.
    const card = { card_number: '4811 1111 1111 1114', card_exp_month: 2, card_exp_year: 2030, card_cvv: 123 };
    assert.deepEqual(mc.validateCard(card, today(2026, 11)), { isValid: true, brand: 'visa', errors: [] });
  });

  test(`${name}: hostile inputs get verdicts, never exceptions`, () => {
    const hostile = {
      null: null, undefined, object: {}, array: ['4811', '1111'], true: true, NaN, Infinity, '-1': -1, 1.5: 1.5,
      symbol: Symbol.for('x'), function: () => 1, emoji: '\u{1f4b3}\u{1f4b3}', 'full-width digits': '\uff14\uff18\uff11\uff11',
      'lone surrogate': '\ud800', '1 MB of digits': '4'.repeat(1 << 20), '1 MB of junk': 'x/'.repeat(1 << 19),
      'a throwing getter': Object.defineProperty({}, 'card_number', { get() { throw new Error('no'); } }),
      'a revoked proxy': (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })(),
    };
    for (const [what, v] of Object.entries(hostile)) {
      let r = mc.validateCardNumber(v, v);
      assert.equal(r.isValid, false, what);
      assert.ok(r.reason, what);
      r = mc.validateExpiry(v, v);
      assert.equal(r.isValid, false, what);
      assert.ok(r.reason, what);
      assert.equal(mc.validateCvv(v, v).isValid, false, what);
      r = mc.validateCard(v, v);
      assert.equal(r.isValid, false, what);
      assert.ok(r.errors.length >= 1, what);
      mc.detectBrand(v);
      assert.equal(typeof mc.formatCardNumber(v), 'string', what);
      assert.equal(typeof mc.formatCardInput(v, v).value, 'string', what);
      assert.equal(typeof mc.formatExpiryInput(v, v, v).value, 'string', what);
    }
  });

  test(`${name}: card errors list every field, in the asked language, never the number`, () => {
    const card = { card_number: '4811111111111115', card_exp_month: '13', card_exp_year: '2026', card_cvv: '12' };
    const r = mc.validateCard(card, today(2026, 11));
    assert.deepEqual(r.errors.map((e) => e.field), ['card_number', 'card_exp', 'card_cvv']);
    assert.deepEqual(r.errors.map((e) => e.code), ['luhn', 'invalid_month', 'incomplete']);
    assert.ok(!JSON.stringify(r).includes('48111111'));
    assert.equal(mc.validateCard({}, { locale: 'id-ID' }).errors[0].message, 'Masukkan nomor kartu Anda.');
    assert.equal(mc.validateCard({}, { locale: 'IN' }).errors[0].message, 'Masukkan nomor kartu Anda.');
    assert.equal(mc.validateCard({}, { locale: 'en' }).errors[0].message, 'Enter your card number.');
  });

  test(`${name}: two-click validates the CVV against the saved token's brand`, () => {
    const token = '37019216sHfSakAvHvFQFEjTivUV2458';
    let r = mc.validateCard({ token_id: token, card_cvv: '123' });
    assert.equal(r.brand, 'american-express');
    assert.deepEqual(r.errors.map((e) => e.code), ['incomplete']);
    r = mc.validateCard({ token_id: token, card_cvv: '1234' });
    assert.equal(r.isValid, true);
  });

  test(`${name}: detectBrand describes the brand; aliases and options as the core reads them`, () => {
    const r = mc.detectBrand('3701 92');
    assert.deepEqual(r, { brand: 'american-express', niceName: 'American Express', lengths: [15], gaps: [4, 10], cvvName: 'CID', cvvLength: 4 });
    r.gaps.push(99); // a fresh object each call
    assert.deepEqual(mc.detectBrand('3701 92').gaps, [4, 10]);
    assert.equal(mc.detectBrand('4'), null);
    assert.equal(mc.detectBrand('0'), null);
    for (const alias of ['amex', 'american-express']) {
      assert.equal(mc.validateCvv('1234', alias).isValid, true, alias);
      assert.equal(mc.validateCardNumber('378282246310005', { supportedBrands: [alias] }).isValid, true, alias);
    }
    assert.equal(mc.validateCardNumber('4811111111111114', { supportedBrands: ['amex', 7, null] }).reason, 'unsupported_brand');
    assert.equal(mc.validateCardNumber('4811111111111114', { supportedBrands: 'visa' }).isValid, true, 'not an array: all brands');
    // UnionPay numbers are Luhn-checked only on request; `true` only, not truthy.
    assert.equal(mc.validateCardNumber('6212345678901234', { luhnValidateUnionPay: 1 }).isValid, true);
    assert.equal(mc.validateCardNumber('6212345678901234', { luhnValidateUnionPay: true }).reason, 'luhn');
    // today: fractions truncated, out-of-range ignored; maxYearsAhead 0-99.
    assert.equal(mc.validateExpiry('11/26', today(2026.9, 11.5)).isValid, true);
    assert.equal(mc.validateExpiry('11/26', { today: { year: 2026, month: 13 } }).isValid, mc.validateExpiry('11/26').isValid);
    assert.equal(mc.validateExpiry('12/28', { ...today(2026, 11), maxYearsAhead: 1 }).reason, 'too_far_future');
    assert.equal(mc.validateExpiry('12/28', { ...today(2026, 11), maxYearsAhead: 100 }).isValid, true);
  });

  test(`${name}: the default today is the local date`, () => {
    const now = new Date();
    const [y, m] = [now.getFullYear(), now.getMonth() + 1];
    assert.equal(mc.validateExpiry({ month: m, year: y }).isValid, true);
    assert.equal(mc.validateExpiry({ month: m, year: y - 1 }).reason, 'expired');
  });

  test(`${name}: no card number stays in the WebAssembly memory`, () => {
    const number = '4811111111111114';
    const cvv = '987';
    mc.validateCardNumber(number);
    mc.validateCardNumber(`${number.slice(0, 4)}\u00a0${number.slice(4)}`, { supportedBrands: ['visa'] });
    mc.validateCard({ card_number: number, card_exp_month: '12', card_exp_year: '2030', card_cvv: cvv });
    mc.validateCvv(cvv, 'visa');
    mc.detectBrand(number);
    mc.formatCardNumber(number);
    mc.formatCardInput(number, 3);
    const memory = Buffer.from(exports.memory.buffer);
    for (const needle of [number, '4811 1111 1111 1114', '48111111111']) {
      assert.equal(memory.indexOf(needle), -1, `${needle} is in wasm memory`);
    }
  });

  // Expiry and CVV text longer than 8 characters, or not ASCII, goes through the buffer, and no
  // stack scrub follows these calls: only the buffer's zeroing after the read (web/abi.rs
  // `Input`, on drop) clears it. (Failed with that zeroing removed, and, when the text was still
  // copied to the stack, with the copy's wipe removed.)
  test(`${name}: no expiry or CVV sent through the buffer stays in the WebAssembly memory`, () => {
    const calls = [
      ['\u00a07294', () => mc.validateCvv('\u00a07294', 'american-express')], // not ASCII: the buffer path
      ['11 / 2031', () => mc.validateExpiry('  11 / 2031  ', today(2026, 11))], // over 8 characters
      ['112031', () => mc.validateExpiry({ month: '11', year: '2031' }, today(2026, 11))],
    ];
    for (const [needle, call] of calls) {
      assert.equal(call().isValid, true, needle);
      // Each call's copy lands where the next one's would: look after every call.
      assert.equal(Buffer.from(exports.memory.buffer).indexOf(Buffer.from(needle)), -1, `${needle} is in wasm memory`);
    }
  });
}
