// The package on pages with a strict Content-Security-Policy, in Chromium against the offline
// sandbox: Trusted Types enforced (`require-trusted-types-for 'script'`), scripts allowed only by
// nonce ('strict-dynamic'), and Subresource Integrity on the injected Midtrans script.
// Run: node --test tests/e2e/trusted-types.test.mjs   (builds the sandbox binary; needs pkg/ built)
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutEnvironment, root } from './sandbox.mjs';
import { openPage } from './browser.mjs';
import { serveStatic } from './serve.mjs';

const env = checkoutEnvironment();
const NONCE = 'bm9uY2UtZm9yLXRlc3Rz';
const CARD = { card_number: '4811 1111 1111 1114', card_exp_month: '12', card_exp_year: String(new Date().getFullYear() + 2), card_cvv: '123' };

function csp({ trustedTypes }) {
  return () => [
    `script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    "object-src 'none'",
    "base-uri 'none'",
    ...(trustedTypes ? ["require-trusted-types-for 'script'", 'trusted-types midtrans-card default'] : []),
  ].join('; ');
}

/**
 * Serves tests/e2e/csp-test.html from an origin of its own with the CSP `policy(pageUrl, config)`,
 * runs `options` through `MidtransCard.load` and one `getCardToken`; returns what happened and
 * what the page kept.
 */
async function run(policy, options) {
  const config = await (await fetch(new URL('/api/config', env.baseUrl))).json();
  const server = await serveStatic(root, {});
  server.headers['content-security-policy'] = policy(server.url, config);
  const ctx = await openPage(env.browser);
  const { page } = ctx;
  try {
    await page.goto(`${server.url}tests/e2e/csp-test.html`);
    await page.waitForFunction(() => window.ready === true);
    const result = await page.evaluate(
      ([o, card]) => window.run(o, card),
      [{ clientKey: config.clientKey, environment: 'sandbox', scriptUrl: config.scriptUrl, apiBaseUrl: config.apiBaseUrl, timeoutMs: 5000, ...options }, CARD],
    );
    const tag = await page.evaluate(() => {
      const s = document.getElementById('midtrans-script');
      return s && { nonce: s.nonce, integrity: s.integrity, crossOrigin: s.crossOrigin };
    });
    const frames = await page.evaluate(() => document.querySelectorAll('iframe').length);
    return { result, tag, frames, errors: ctx.errors };
  } finally {
    await ctx.context.close();
    await server.close();
  }
}

test('Trusted Types enforced: load({ trustedTypes: true }) tokenizes, through the midtrans-card and default policies', async () => {
  const { result, tag, frames, errors } = await run(csp({ trustedTypes: true }), { trustedTypes: true, nonce: NONCE });
  assert.equal(result.ok, true, JSON.stringify({ result, errors }));
  assert.match(result.token, /^481111/);
  assert.equal(tag.nonce, NONCE, 'the injected tag carries the nonce');
  assert.equal(frames, 0, 'the token frame is gone');
});

test('Trusted Types enforced, the option off: load() settles sdk_load_failed at once, saying why', async () => {
  const { result } = await run(csp({ trustedTypes: true }), { nonce: NONCE });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'sdk_load_failed');
  assert.match(result.message, /trustedTypes: true/);
  assert.ok(result.ms < 2000, `settled in ${result.ms} ms`);
});

test('Trusted Types enforced, the policy names not allowed by the CSP: sdk_load_failed naming the directive', async () => {
  const policy = () => csp({ trustedTypes: false })() + "; require-trusted-types-for 'script'; trusted-types other";
  const { result } = await run(policy, { trustedTypes: true, nonce: NONCE });
  assert.equal(result.code, 'sdk_load_failed');
  assert.match(result.message, /trusted-types midtrans-card default/);
});

test('integrity: the right sha384 loads and tokenizes; a wrong one fails sdk_load_failed', async () => {
  const lib = readFileSync(join(root, 'sandbox/assets/midtrans-new-3ds.js'));
  const good = `sha384-${createHash('sha384').update(lib).digest('base64')}`;
  const ok = await run(csp({ trustedTypes: false }), { nonce: NONCE, integrity: good });
  assert.equal(ok.result.ok, true, JSON.stringify(ok.result));
  assert.deepEqual(ok.tag, { nonce: NONCE, integrity: good, crossOrigin: 'anonymous' });
  const bad = await run(csp({ trustedTypes: false }), { nonce: NONCE, integrity: `sha384-${'A'.repeat(64)}` });
  assert.equal(bad.result.code, 'sdk_load_failed', JSON.stringify(bad.result));
});

test('nonce: a CSP that allows Midtrans\'s script by nonce only loads it with the nonce option, and fails fast without', async () => {
  // No 'strict-dynamic': the package's own files by path, the token endpoints by path, and the
  // Midtrans script (another path) by nonce alone.
  const policy = (page, config) => [
    `script-src 'nonce-${NONCE}' 'wasm-unsafe-eval' ${page}pkg/ ${config.apiBaseUrl}/v2/token ${config.apiBaseUrl}/v2/card/register`,
    "object-src 'none'",
  ].join('; ');
  const withNonce = await run(policy, { nonce: NONCE });
  assert.equal(withNonce.result.ok, true, JSON.stringify(withNonce.result));
  const without = await run(policy, {});
  assert.equal(without.result.code, 'sdk_load_failed', JSON.stringify(without.result));
  assert.ok(without.result.ms < 2000, `settled in ${without.result.ms} ms`);
});
