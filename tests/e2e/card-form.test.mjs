// <midtrans-card-form> in the demo checkout, against the offline sandbox: the Indonesian locale,
// typing and pasting, the MM/YY field, paying with the keyboard alone, errors at their fields,
// and a screenshot of the form at 375 px in each locale (tests/e2e/artifacts; with
// UPDATE_SCREENSHOTS=1 also docs/card-form-{en,id}.png, which the README shows).
// Run: node --test tests/e2e/card-form.test.mjs   (builds the sandbox binary; needs pkg/ built)
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUTURE_EXP, artifacts, checkoutEnvironment, openCheckout, root } from './sandbox.mjs';

const CARD = '4811111111111114';
const OTP = '112233';
const env = checkoutEnvironment();

/** The focused element's id, inside the card form's shadow root when focus is there. */
const activeId = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return (a?.shadowRoot?.activeElement ?? a)?.id;
});
const caret = (locator) => locator.evaluate((el) => [el.selectionStart, el.selectionEnd]);

async function paste(page, locator, text) {
  await locator.focus();
  await page.keyboard.insertText(text);
}

async function completeOtp(page) {
  await page.getByRole('dialog').waitFor({ timeout: 15000 });
  const frame = page.frameLocator('[role="dialog"] iframe');
  await frame.getByLabel('OTP').fill(OTP);
  await frame.getByRole('button', { name: 'OK' }).click();
}

async function outcome(page) {
  await page.waitForSelector('[data-testid="outcome"]:not([data-outcome=""])', { timeout: 20000 });
  return page.getByTestId('outcome').getAttribute('data-outcome');
}

test('id locale: labels, hints, button, field errors, live region and the 3DS popup title in Indonesian', async () => {
  const ctx = await openCheckout(env);
  const { page } = ctx;
  await page.goto(`${env.baseUrl}?lang=id`);
  await page.waitForSelector('html[data-ready="true"]');
  const form = page.locator('midtrans-card-form');
  assert.equal(await form.getAttribute('locale'), 'id');
  for (const label of ['Nomor kartu', 'Masa berlaku', 'CVV']) assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  assert.equal(await page.getByLabel('Masa berlaku').getAttribute('placeholder'), 'BB/TT');
  assert.equal(await page.locator('#card-cvv-hint').innerText(), '3 digit di belakang kartu');
  // Nothing typed: every field says what is missing, in Indonesian.
  await page.getByRole('button', { name: 'Bayar Rp 145.000' }).click();
  assert.equal(await page.getByTestId('error-card_number').innerText(), 'Masukkan nomor kartu Anda.');
  assert.equal(await page.getByTestId('error-card_exp').innerText(), 'Masukkan tanggal kedaluwarsa kartu.');
  assert.equal(await page.getByTestId('error-card_cvv').innerText(), 'Masukkan kode keamanan kartu.');
  await page.waitForFunction(() => document.querySelector('midtrans-card-form').shadowRoot.getElementById('status').textContent === '3 data kartu perlu diperbaiki.');
  // Amex: the code is a CID, four digits on the front.
  await page.getByLabel('Nomor kartu').pressSequentially('3701');
  assert.equal(await page.locator('label[for="card-cvv"]').innerText(), 'CID');
  assert.equal(await page.locator('#card-cvv-hint').innerText(), '4 digit di depan kartu');
  // Switching the locale on the element re-renders what is shown, errors included. (Leave the
  // field first: its blur check shows an error, which moves what is below it.)
  await page.keyboard.press('Tab');
  await page.getByText('Demo options').click();
  await page.getByLabel('Language').selectOption('en');
  assert.equal(await page.getByTestId('error-card_exp').innerText(), "Enter your card's expiry date.");
  assert.equal(await page.getByRole('button', { name: 'Pay Rp 145.000' }).count(), 1);
  await page.getByLabel('Language').selectOption('id');
  // Paying: the popup's title is the form's, in Indonesian.
  await page.getByLabel('Nomor kartu').fill('');
  await page.getByLabel('Nomor kartu').pressSequentially(CARD);
  await page.getByLabel('Masa berlaku').pressSequentially(FUTURE_EXP);
  await page.getByLabel('CVV').pressSequentially('123');
  await page.getByRole('button', { name: 'Bayar Rp 145.000' }).click();
  assert.equal(await page.getByRole('button', { name: 'Memproses…' }).count(), 1);
  await page.getByRole('dialog', { name: 'Konfirmasi pembayaran dengan bank Anda' }).waitFor({ timeout: 15000 });
  await completeOtp(page);
  assert.equal(await outcome(page), 'success');
  await ctx.context.close();
});

test('an id-locale error from Midtrans is shown in Indonesian, then paymenterror fires', async () => {
  const ctx = await openCheckout(env);
  const { page } = ctx;
  await page.evaluate(() => {
    window.events = [];
    const form = document.querySelector('midtrans-card-form');
    form.setAttribute('locale', 'id');
    // The event comes after the form has shown the error.
    document.addEventListener('paymenterror', (e) => window.events.push([e.detail.code, e.detail instanceof Error, e.composed,
      form.shadowRoot.getElementById('error').hidden, form.shadowRoot.getElementById('error-title').textContent]));
  });
  await page.getByLabel('Nomor kartu').pressSequentially(CARD);
  await page.getByLabel('Masa berlaku').pressSequentially(FUTURE_EXP);
  await page.getByLabel('CVV').pressSequentially('123');
  await page.getByRole('button', { name: 'Pay Rp 145.000' }).click();
  await page.getByRole('dialog').waitFor({ timeout: 15000 });
  const frame = page.frameLocator('[role="dialog"] iframe');
  await frame.getByLabel('OTP').fill('000000');
  await frame.getByRole('button', { name: 'OK' }).click();
  await page.waitForFunction(() => window.events.length === 1, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.events), [['authentication_failed', true, true, false, 'Bank Anda menolak verifikasi.']]);
  assert.match(await page.getByTestId('error').innerText(), /Tidak ada dana yang terpotong/);
  // The card stays for another try; the button is usable again.
  assert.equal(await page.getByLabel('Nomor kartu').inputValue(), '4811 1111 1111 1114');
  assert.equal(await page.getByTestId('pay').getAttribute('aria-disabled'), 'false');
  await ctx.context.close();
});

test('card number: typed and pasted, spaced by brand, the caret kept by its digit', async () => {
  const ctx = await openCheckout(env);
  const { page } = ctx;
  const number = page.getByLabel('Card number');
  await paste(page, number, '4811-1111 1111-1114');
  assert.equal(await number.inputValue(), '4811 1111 1111 1114');
  assert.deepEqual(await caret(number), [19, 19]);
  assert.equal(await page.getByTestId('brand').innerText(), 'Visa');
  // Pasting in the middle: the caret stays right after the pasted digits.
  await number.fill('');
  await number.pressSequentially('48111111');
  await number.press('Home');
  await number.press('ArrowRight');
  await number.press('ArrowRight');
  await page.keyboard.insertText('99');
  assert.equal(await number.inputValue(), '4899 1111 11');
  assert.deepEqual(await caret(number), [4, 4]);
  // Letters never get in; the field ends at the brand's length.
  await number.fill('');
  await number.pressSequentially('37a0192169722458999');
  assert.equal(await number.inputValue(), '3701 921697 22458');
  assert.equal(await page.getByTestId('brand').innerText(), 'American Express');
  // A number that cannot become valid is flagged while typing; an incomplete one only on blur.
  await number.fill('');
  await number.pressSequentially('4811');
  assert.equal(await number.getAttribute('aria-invalid'), 'false');
  await page.keyboard.press('Tab');
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('error-card_number').innerText(), 'Your card number is incomplete.');
  await ctx.context.close();
});

test('expiry MM/YY: the slash comes and goes as a person expects, pastes become MM/YY', async () => {
  const ctx = await openCheckout(env);
  const { page } = ctx;
  const exp = page.getByLabel('Expiry date');
  await exp.pressSequentially('1');
  assert.equal(await exp.inputValue(), '1');
  await exp.pressSequentially('2');
  assert.equal(await exp.inputValue(), '12/');
  assert.deepEqual(await caret(exp), [3, 3]);
  // Backspace over the slash removes it; once more removes the 2.
  await exp.press('Backspace');
  assert.equal(await exp.inputValue(), '12');
  assert.deepEqual(await caret(exp), [2, 2]);
  await exp.press('Backspace');
  assert.equal(await exp.inputValue(), '1');
  // Typing on after a removed slash puts it back.
  await exp.pressSequentially('23');
  assert.equal(await exp.inputValue(), '12/3');
  // A first digit 2-9 is a month: "7" -> "07/". Letters and a fifth digit never get in.
  await exp.fill('');
  await exp.pressSequentially('7x3a05');
  assert.equal(await exp.inputValue(), '07/30');
  // Backspace right after the slash steps over it, then edits the month.
  await exp.press('ArrowLeft');
  await exp.press('ArrowLeft');
  await exp.press('Backspace');
  assert.equal(await exp.inputValue(), '07/30');
  assert.deepEqual(await caret(exp), [2, 2]);
  // Pasted (or autofilled) with a four-digit year.
  for (const pasted of ['12/2030', '122030', '12 / 30', '1/2030']) {
    await exp.fill('');
    await paste(page, exp, pasted);
    assert.equal(await exp.inputValue(), pasted === '1/2030' ? '01/30' : '12/30', pasted);
  }
  // Checked on blur: an expired date says so at the field.
  await exp.fill('');
  await exp.pressSequentially('0120');
  assert.equal(await exp.getAttribute('aria-invalid'), 'false', 'no error while typing');
  await exp.blur();
  assert.equal(await exp.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('error-card_exp').innerText(), 'Your card has expired.');
  // The hint gives way to the error.
  assert.equal(await page.locator('#card-exp-hint').isVisible(), false);
  await ctx.context.close();
});

test('keyboard only: Tab to the fields, type, Enter to pay, OTP in the popup by keyboard', async () => {
  const ctx = await openCheckout(env);
  const { page } = ctx;
  for (let i = 0; i < 15 && (await activeId(page)) !== 'card-number'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'card-number', 'the card number is reachable with Tab');
  await page.keyboard.type(CARD);
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'card-exp');
  await page.keyboard.type(FUTURE_EXP);
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'card-cvv');
  await page.keyboard.type('123');
  // Enter in a field submits the form (its own <form>, inside the shadow root).
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ timeout: 15000 });
  const frame = page.frameLocator('[role="dialog"] iframe');
  await frame.getByLabel('OTP').waitFor();
  // Focus is in the dialog; Tab goes into the bank's page.
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    if (await frame.getByLabel('OTP').evaluate((el) => el === document.activeElement)) break;
  }
  await page.keyboard.type(OTP);
  await page.keyboard.press('Enter');
  assert.equal(await outcome(page), 'success');
  // Cleared after the payment.
  const values = await page.evaluate(() => [...document.querySelector('midtrans-card-form').shadowRoot.querySelectorAll('input')].map((i) => i.value));
  assert.deepEqual(values, ['', '', '']);
  await ctx.context.close();
});

test('errors at their fields: aria-invalid, aria-describedby, focus on the first, nothing sent', async () => {
  const ctx = await openCheckout(env);
  const { page, requests } = ctx;
  await page.getByLabel('Card number').pressSequentially(CARD);
  await page.getByLabel('Expiry date').pressSequentially('13');
  await page.getByLabel('CVV').pressSequentially('12');
  await page.getByTestId('pay').click();
  const fields = { 'card-number': null, 'card-exp': "Your card's expiry month is invalid.", 'card-cvv': "Your card's security code is incomplete." };
  for (const [id, message] of Object.entries(fields)) {
    const input = page.locator(`#${id}`);
    assert.equal(await input.getAttribute('aria-invalid'), String(Boolean(message)), id);
    assert.match(await input.getAttribute('aria-describedby'), new RegExp(`\\b${id}-error\\b`));
    assert.equal(await page.locator(`#${id}-error`).innerText(), message ?? '');
  }
  assert.equal(await activeId(page), 'card-exp', 'focus on the first wrong field');
  await page.waitForTimeout(300);
  assert.deepEqual(requests.filter((u) => /\/v2\/(token|charge)|\/api\/charge/.test(u)), [], 'nothing sent');
  await ctx.context.close();
});

for (const locale of ['en', 'id']) {
  test(`screenshot of the form at 375 px (${locale})`, async () => {
    const ctx = await openCheckout(env, { viewport: { width: 375, height: 800 } });
    const { page } = ctx;
    if (locale === 'id') {
      await page.goto(`${env.baseUrl}?lang=id`);
      await page.waitForSelector('html[data-ready="true"]');
    }
    const form = page.locator('midtrans-card-form');
    const box = await form.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375, 'fits');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll');
    await page.locator('#card-number').pressSequentially('370192169722458');
    await page.locator('#card-exp').pressSequentially(FUTURE_EXP);
    await page.getByTestId('pay').click();
    await page.getByTestId('error-card_cvv').waitFor();
    const path = join(artifacts, `card-form-${locale}.png`);
    // The form and a margin for the focus ring.
    const b = await form.boundingBox();
    await page.screenshot({ path, clip: { x: b.x - 8, y: b.y - 8, width: b.width + 16, height: b.height + 16 } });
    if (process.env.UPDATE_SCREENSHOTS) copyFileSync(path, join(root, `docs/card-form-${locale}.png`));
    await ctx.context.close();
  });
}
