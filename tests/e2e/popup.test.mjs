// `ThreeDsPopup` through the package entry, in Chromium: the standalone popup for merchants who
// run their own flow. `onCancel` is the entry's property (src/web/index.js): called once when the
// customer closes the popup (Escape or the close button), null after; a value that is not a
// function is never called. No sandbox needed: the 3DS page is any page of an allowed origin.
// Run: node --test tests/e2e/popup.test.mjs   (needs pkg/ built)
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './browser.mjs';
import { root } from './sandbox.mjs';
import { serveStatic } from './serve.mjs';

const server = await serveStatic(root, {});
const browser = await launch();
test.after(async () => {
  await browser.close();
  await server.close();
});

/** A blank page of the server with the entry initialised; the page, and its console errors. */
async function page() {
  const ctx = await openPage(browser);
  await ctx.page.goto(`${server.url}tests/e2e/popup-test.html`);
  await ctx.page.waitForFunction(() => window.ready === true);
  return ctx;
}

// Opens a closable popup of this origin; `window.calls` counts onCancel calls.
const OPEN = () => {
  window.calls = 0;
  window.p = window.m.ThreeDsPopup.open(`${location.origin}/tests/e2e/popup-test.html`, { closable: true, allowedOrigins: [location.origin] });
  return { isOpen: window.p.isOpen, onCancel: window.p.onCancel, instance: window.p instanceof window.m.ThreeDsPopup };
};

test('onCancel: null at first, called once on Escape, null after; the popup closes', async () => {
  const { context, page: p, errors } = await page();
  try {
    assert.deepEqual(await p.evaluate(OPEN), { isOpen: true, onCancel: null, instance: true });
    await p.evaluate(() => { window.p.onCancel = () => { window.calls += 1; }; });
    await p.keyboard.press('Escape');
    assert.deepEqual(await p.evaluate(() => [window.calls, window.p.isOpen, window.p.onCancel]), [1, false, null]);
    await p.keyboard.press('Escape');
    assert.equal(await p.evaluate(() => window.calls), 1, 'no second call: the listeners went with the popup');
    assert.equal(await p.evaluate(() => document.querySelectorAll('iframe').length), 0, 'nothing left behind');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('onCancel: the close button calls it; a value that is not a function is not called; close() calls nothing', async () => {
  const { context, page: p, errors } = await page();
  try {
    await p.evaluate(OPEN);
    await p.evaluate(() => { window.p.onCancel = () => { window.calls += 1; }; });
    await p.click('button[aria-label]');
    assert.deepEqual(await p.evaluate(() => [window.calls, window.p.isOpen]), [1, false]);
    await p.evaluate(OPEN);
    await p.evaluate(() => { window.p.onCancel = 'not a function'; });
    await p.keyboard.press('Escape');
    assert.deepEqual(await p.evaluate(() => [window.p.isOpen, window.p.onCancel]), [false, null]);
    await p.evaluate(OPEN);
    await p.evaluate(() => { window.p.onCancel = () => { window.calls += 1; }; window.p.close(); });
    assert.deepEqual(await p.evaluate(() => [window.calls, window.p.isOpen]), [0, false], 'close() is the merchant\'s, not a cancel');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
