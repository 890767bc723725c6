// The validation options of getCardToken, registerCard and pay, through the package entry: the
// entry reads them as the validators read them and hands them to the wasm as two integers
// (src/web/index.js `tokenArgs`, src/web/api.rs `token_validation`). Each option must change the
// call's verdict before anything is sent: the built pkg/ in a page, with a stand-in
// `MidtransNew3ds` that records what it was asked for.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { serveStatic } from './serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const site = join(root, '.tmp/e2e-token-options');
let browser;
let server;
let page;
let context;

// The package runs each token request in a throwaway frame that loads the library again, so the
// stand-in records into the page's window.
const FAKE_MIDTRANS = `window.top.tokenCalls ??= [];
window.MidtransNew3ds = {
  getCardToken(card, options) {
    window.top.tokenCalls.push('token');
    (window.top.tokenUrls ??= []).push(this.url);
    const n = card.card_number;
    setTimeout(() => options.onSuccess({ status_code: '200', token_id: n.slice(0, 6) + '-' + n.slice(-4) + '-e2e' }), 0);
  },
  registerCard(card, options) {
    window.top.tokenCalls.push('register');
    const n = card.card_number;
    setTimeout(() => options.onSuccess({ status_code: '200', saved_token_id: n.slice(0, 6) + '-' + n.slice(-4) + '-saved' }), 0);
  },
  authenticate() {}, redirect() {},
};`;

before(async () => {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(join(root, 'pkg'), join(site, 'pkg'), { recursive: true });
  writeFileSync(join(site, 'midtrans-new-3ds.js'), FAKE_MIDTRANS);
  writeFileSync(join(site, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import { loadMidtrans } from './pkg/index.js';
window.midtrans = await loadMidtrans({ clientKey: 'SB-Mid-client-e2e', environment: 'sandbox', scriptUrl: '/midtrans-new-3ds.js' });
window.attempt = async (method, card, options) => {
  try {
    const r = await window.midtrans[method](card, options);
    return { ok: r.token_id ?? r.saved_token_id ?? r.status_code };
  } catch (e) {
    return { code: e.code, message: e.message, fields: (e.errors ?? []).map((f) => f.field + ':' + f.code + ':' + f.message) };
  }
};
document.body.dataset.ready = '1';
</script></head><body></body></html>`);
  server = await serveStatic(site);
  browser = await launch();
  ({ page, context } = await openPage(browser));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 15000 });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const year = new Date().getFullYear();
const card = (over = {}) => ({ card_number: '4811 1111 1111 1114', card_exp_month: '12', card_exp_year: String(year + 2), card_cvv: '123', ...over });
const attempt = (method, c, options) => page.evaluate(([m, c2, o]) => window.attempt(m, c2, o), [method, c, options]);
const calls = () => page.evaluate(() => window.tokenCalls.splice(0));

test('no options: the card gets a token', async () => {
  assert.deepEqual(await attempt('getCardToken', card()), { ok: '481111-1114-e2e' });
  assert.deepEqual(await calls(), ['token']);
});

test('supportedBrands: a brand left out is refused before any request', async () => {
  const r = await attempt('getCardToken', card({ card_number: '5211 1111 1111 1117' }), { supportedBrands: ['visa', 'amex'] });
  assert.equal(r.code, 'invalid_card');
  assert.deepEqual(r.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_number:unsupported_brand']);
  assert.deepEqual(await attempt('getCardToken', card({ card_number: '5211 1111 1111 1117' }), { supportedBrands: ['mastercard'] }), { ok: '521111-1117-e2e' });
  assert.deepEqual(await calls(), ['token']);
});

test('luhnValidateUnionPay: a UnionPay number failing Luhn passes without it and fails with it', async () => {
  const unionpay = card({ card_number: '6212345678901200' });
  assert.deepEqual(await attempt('getCardToken', unionpay), { ok: '621234-1200-e2e' });
  const r = await attempt('getCardToken', unionpay, { luhnValidateUnionPay: true });
  assert.deepEqual(r.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_number:luhn']);
  assert.deepEqual(await calls(), ['token']);
});

test('today and maxYearsAhead move the expiry verdict', async () => {
  const expired = await attempt('getCardToken', card({ card_exp_year: '2030' }), { today: { year: 2031, month: 1 } });
  assert.deepEqual(expired.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_exp:expired']);
  const far = await attempt('getCardToken', card({ card_exp_year: String(year + 5) }), { maxYearsAhead: 1 });
  assert.deepEqual(far.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_exp:too_far_future']);
  assert.deepEqual(await attempt('getCardToken', card({ card_exp_year: String(year + 5) }), { maxYearsAhead: 5 }), { ok: '481111-1114-e2e' });
  assert.deepEqual(await calls(), ['token']);
});

test("locale: the call's field messages in Indonesian (the error's own message stays in load()'s locale)", async () => {
  const r = await attempt('getCardToken', card({ card_cvv: '' }), { locale: 'id' });
  assert.equal(r.code, 'invalid_card');
  assert.equal(r.message, 'The card details are not valid.');
  assert.deepEqual(r.fields, ['card_cvv:required:Masukkan kode keamanan kartu.']);
  const en = await attempt('getCardToken', card({ card_cvv: '' }), { locale: 'en-GB' });
  assert.deepEqual(en.fields, ["card_cvv:required:Enter your card's security code."]);
  assert.deepEqual(await calls(), []);
});

test('registerCard and pay read the same options', async () => {
  const registered = await attempt('registerCard', card({ card_exp_year: '2030', card_cvv: undefined }), { today: { year: 2031, month: 1 } });
  assert.deepEqual(registered.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_exp:expired']);
  const paid = await attempt('pay', card({ card_number: '5211 1111 1111 1117' }), { chargeUrl: '/charge', supportedBrands: ['visa'] });
  assert.equal(paid.code, 'invalid_card');
  assert.deepEqual(paid.fields.map((f) => f.split(':').slice(0, 2).join(':')), ['card_number:unsupported_brand']);
  assert.deepEqual(await calls(), []);
});

test('apiBaseUrl: trailing slashes are dropped before the endpoint path is added', async () => {
  const urls = await page.evaluate(async () => {
    const { loadMidtrans } = await import('./pkg/index.js');
    const m = await loadMidtrans({ clientKey: 'SB-Mid-client-e2e', environment: 'sandbox', scriptUrl: '/midtrans-new-3ds.js', apiBaseUrl: 'https://api.example.test//' });
    window.tokenUrls = [];
    await m.getCardToken({ card_number: '4811 1111 1111 1114', card_exp_month: '12', card_exp_year: String(new Date().getFullYear() + 2), card_cvv: '123' });
    return window.tokenUrls;
  });
  assert.deepEqual(urls, ['https://api.example.test/v2/token']);
  assert.deepEqual(await calls(), ['token']);
});
