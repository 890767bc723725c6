// Full-page 3-D Secure (`MidtransCard.redirect`) end to end, in Chromium against the offline
// sandbox: the demo checkout with "Full-page 3-D Secure (redirect)" on -> token -> /api/charge ->
// redirect() navigates this tab to the 3DS page (`?callback_type=form&callback_url=...&`) -> OTP ->
// the 3DS page auto-POSTs the form field `response` to /api/3ds-finish -> the demo backend shows
// the status it confirmed with Midtrans (get-status / notification), not the one the form claimed.
// Run: node --test tests/e2e/redirect.test.mjs   (builds the sandbox binary; needs pkg/ built)
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FUTURE_EXP, artifacts, checkoutEnvironment, openCheckout as open } from './sandbox.mjs';

const CARD = '4811111111111114';
const OTP = '112233';

/**
 * Console errors we accept, each matched exactly. None so far: on the full-page flow the 3DS page
 * is top-level, so Chromium's cross-origin-iframe autofocus notice (checkout.test.mjs) cannot occur.
 */
const CONSOLE_ALLOWLIST = [];

const env = checkoutEnvironment();

/** The checkout in a fresh context; records console errors, every message and finish POSTs. */
function openCheckout() {
  return open(env, {
    watch: (ctx) => {
      ctx.finishPosts = [];
      ctx.page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/3ds-finish') {
          ctx.finishPosts.push({ method: r.method(), contentType: r.headers()['content-type'], body: r.postData() ?? '' });
        }
      });
    },
  });
}

/**
 * Customer: redirect option on, card typed, Pay. Returns the charge answer (our backend's) and
 * the 3DS page URL the library navigated to.
 */
async function payWithRedirect(page) {
  await page.getByText('Demo options').click();
  await page.getByLabel('Full-page 3-D Secure (redirect)').check();
  await page.getByLabel('Card number').pressSequentially(CARD);
  await page.getByLabel('Expiry date').pressSequentially(FUTURE_EXP);
  await page.locator('#card-cvv').pressSequentially('123');
  // The page navigates away right after the charge answer, which takes its body out of reach of
  // page.waitForResponse: pass the real answer through a route and keep a copy.
  let charge = null;
  await page.route((u) => u.pathname === '/api/charge', async (route) => {
    const answer = await route.fetch();
    charge = await answer.json();
    await route.fulfill({ response: answer });
  });
  await page.getByRole('button', { name: 'Pay Rp 145.000' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/v2/token/rba/redirect/'), { timeout: 20000 });
  assert.equal(charge?.status_code, '201', JSON.stringify(charge));
  return { charge, threeDsUrl: page.url() };
}

/** The URL MidtransNew3ds.redirect() builds: redirect_url + `?callback_type=form&callback_url=<enc>&`. */
function assertThreeDsUrl(url, charge) {
  const expectedCallback = new URL('/api/3ds-finish', env.baseUrl).href;
  assert.equal(url, `${charge.redirect_url}?callback_type=form&callback_url=${encodeURIComponent(expectedCallback)}&`);
  assert.ok(url.includes('callback_type=form') && url.includes('callback_url='));
  // The library always starts its query with `?`; redirect_url has none here, so exactly one.
  assert.equal(url.split('?').length - 1, 1, `one "?" in ${url}`);
  assert.equal(new URL(url).searchParams.get('callback_url'), expectedCallback);
  assert.ok(!url.replace(/\D/g, '').includes(CARD), 'no card number in the 3DS URL');
}

/** Bank's page (now the whole tab): OTP, OK, then the auto-POST lands on the finish page. */
async function completeOtp(page, otp) {
  await page.getByLabel('OTP').fill(otp);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/api/3ds-finish', { timeout: 20000 }),
    page.getByRole('button', { name: 'OK' }).click(),
  ]);
  const finish = page.getByTestId('finish');
  await finish.waitFor({ timeout: 10000 });
  // The finish page is the backend's: no script at all, the shop's stylesheet only.
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.locator('link[rel="stylesheet"][href="/style.css"]').count(), 1);
  const attr = async (n) => finish.getAttribute(n);
  return {
    orderId: await attr('data-order-id'),
    status: await attr('data-status'),
    claimed: await attr('data-claimed-status'),
    verified: await attr('data-verified'),
    source: await attr('data-source'),
    text: await finish.innerText(),
  };
}

/** What came back to the shop: one form POST with one field `response` (JSON). */
function assertFinishPost(ctx, orderId) {
  assert.equal(ctx.finishPosts.length, 1, 'one POST to the callback URL');
  const [post] = ctx.finishPosts;
  assert.equal(post.method, 'POST');
  assert.equal(post.contentType, 'application/x-www-form-urlencoded');
  const form = new URLSearchParams(post.body);
  assert.deepEqual([...form.keys()], ['response']);
  const claimed = JSON.parse(form.get('response'));
  assert.equal(claimed.order_id, orderId);
  return claimed;
}

async function assertClean(ctx) {
  assert.deepEqual(ctx.errors.filter((e) => !CONSOLE_ALLOWLIST.some((re) => re.test(e))), [], 'console errors');
  assert.ok(!ctx.consoleAll.some((m) => m.replace(/\s/g, '').includes(CARD)), 'the card number is never logged');
  await ctx.context.close();
}

test('full-page 3DS, right OTP: the finish page shows capture, verified by the backend', async (t) => {
  const ctx = await openCheckout();
  const { page } = ctx;
  const { charge, threeDsUrl } = await payWithRedirect(page);
  t.diagnostic(`3DS URL: ${threeDsUrl}`);
  assertThreeDsUrl(threeDsUrl, charge);
  const result = await completeOtp(page, OTP);
  assert.equal(new URL(page.url()).href, new URL('/api/3ds-finish', env.baseUrl).href);
  assert.equal(result.orderId, charge.order_id);
  assert.equal(result.status, 'capture');
  assert.equal(result.claimed, 'capture');
  assert.equal(result.verified, 'true');
  assert.match(result.text, /Payment received/);
  assert.match(result.text, /capture \/ accept \(verified by (status check|notification)\)/);
  const claimed = assertFinishPost(ctx, charge.order_id);
  assert.equal(claimed.status_code, '200');
  assert.equal(claimed.transaction_status, 'capture');
  await page.screenshot({ path: join(artifacts, 'redirect-success.png'), fullPage: true });
  // "Back to the shop" goes home.
  await page.getByRole('link', { name: 'Back to the shop' }).click();
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  assert.equal(page.url(), env.baseUrl);
  await assertClean(ctx);
});

test('full-page 3DS, wrong OTP: the form claims deny and the backend confirms deny', async () => {
  const ctx = await openCheckout();
  const { page } = ctx;
  const { charge, threeDsUrl } = await payWithRedirect(page);
  assertThreeDsUrl(threeDsUrl, charge);
  const result = await completeOtp(page, '000000');
  assert.equal(result.orderId, charge.order_id);
  assert.equal(result.claimed, 'deny');
  assert.equal(result.status, 'deny');
  assert.equal(result.verified, 'true');
  assert.match(result.text, /Payment declined/);
  const claimed = assertFinishPost(ctx, charge.order_id);
  assert.equal(claimed.status_code, '202');
  assert.equal(claimed.eci, '07');
  await page.screenshot({ path: join(artifacts, 'redirect-deny.png'), fullPage: true });
  await assertClean(ctx);
});

test('redirect option, charge answers without a usable redirect_url: shown in place, never navigates', async () => {
  // The sandbox gives every authenticated charge a redirect_url, so these answers are stubbed.
  const ctx = await openCheckout();
  const { page } = ctx;
  const navigations = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
  let answer = null;
  await page.route((u) => u.pathname === '/api/charge', (route) => route.fulfill({ json: answer }));
  // The stubbed order is unknown to the backend (404 would be logged): stub its verified status too.
  await page.route((u) => u.pathname === '/api/orders/stub-1', (route) => route.fulfill({
    json: { order_id: 'stub-1', verified: true, transaction_status: 'capture', fraud_status: 'accept', status_code: '200', source: 'notification' },
  }));
  await page.getByText('Demo options').click();
  await page.getByLabel('Full-page 3-D Secure (redirect)').check();
  await page.getByLabel('Card number').pressSequentially(CARD);
  await page.getByLabel('Expiry date').pressSequentially(FUTURE_EXP);
  await page.locator('#card-cvv').pressSequentially('123');
  const payOnce = async (body) => {
    answer = body;
    await page.getByRole('button', { name: 'Pay Rp 145.000' }).click();
    await page.waitForSelector('#error:not([hidden]), #result:not([hidden])', { timeout: 20000 });
  };
  const base = { order_id: 'stub-1', gross_amount: '145000.00', masked_card: '48111111-1114' };

  // A redirect_url that is not Midtrans's: redirect() refuses it before navigating.
  await payOnce({ ...base, status_code: '201', transaction_status: 'pending', redirect_url: 'https://evil.example/3ds' });
  assert.equal(await page.getByTestId('error').getAttribute('data-code'), 'invalid_redirect_url');
  // Declined without 3DS: the same message as the popup path.
  await payOnce({ ...base, status_code: '202', transaction_status: 'deny', fraud_status: 'accept' });
  assert.equal(await page.getByTestId('error').getAttribute('data-code'), 'payment_denied');
  assert.match(await page.getByTestId('error').innerText(), /bank declined the payment/);
  // Settled without 3DS: the normal result panel.
  await payOnce({ ...base, status_code: '200', transaction_status: 'capture', fraud_status: 'accept' });
  assert.equal(await page.getByTestId('outcome').getAttribute('data-outcome'), 'success');
  assert.equal(await page.locator('#result-order').innerText(), 'stub-1');
  await page.waitForSelector('[data-testid="verified-status"][data-final="true"][data-status="capture"]', { timeout: 10000 });

  assert.deepEqual(navigations, [], 'the page never navigated away');
  await assertClean(ctx);
});
