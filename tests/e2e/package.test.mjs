// The packed npm tarball, imported the two ways merchants do: a plain static page with
// <script type="module"> (under a strict CSP), and a Vite app built for production.
import test, { before, after } from 'node:test';
import { viteSkip } from './vite-support.mjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { serveStatic } from './serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, '.tmp/e2e-package');
let tarball;
let browser;

const USE = `
  const out = {
    number: validateCardNumber('4811 1111 1111 1114'),
    card: validateCard({ card_number: '4811111111111115', card_exp_month: '12', card_exp_year: '2030', card_cvv: '12' }),
    formatted: formatCardNumber('370192169722458'),
  };
  document.body.dataset.result = JSON.stringify(out);
`;

/**
 * Serves `dir`, loads `path` in Chromium, and checks what the page's module computed; returns
 * the page's result and every URL it requested.
 */
async function serveAndCheck(dir, path = '') {
  const server = await serveStatic(dir);
  try {
    const { page, errors, requests, context } = await openPage(browser);
    await page.goto(server.url + path);
    await page.waitForSelector('body[data-result]', { timeout: 15000 });
    const result = JSON.parse(await page.getAttribute('body', 'data-result'));
    const form = JSON.parse(await page.getAttribute('body', 'data-form') ?? 'null');
    check(result);
    assert.deepEqual(errors, []);
    await context.close();
    return { result, form, requests };
  } finally {
    await server.close();
  }
}

function check(result) {
  assert.equal(result.number.isValid, true);
  assert.equal(result.number.brand, 'visa');
  assert.deepEqual(result.card.errors.map((e) => e.code), ['luhn', 'incomplete']);
  assert.equal(result.formatted, '3701 921697 22458');
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  tarball = join(work, name);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the tarball holds exactly the package files', () => {
  const list = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  for (const f of ['package/package.json', 'package/pkg/index.js', 'package/pkg/form.js', 'package/pkg/midtrans_card_bg.wasm', 'package/pkg/midtrans_card.d.ts', 'package/README.md', 'package/LICENSE',
    'package/pkg/validate/index.js', 'package/pkg/validate/midtrans_card_bg.wasm', 'package/pkg/validate/midtrans_card.d.ts']) {
    assert.ok(list.includes(f), `${f} in ${list.join(', ')}`);
  }
  // Only the built package: no Rust sources, build output, sandbox, tests or demo.
  assert.ok(list.every((f) => ['package/package.json', 'package/README.md', 'package/LICENSE'].includes(f) || f.startsWith('package/pkg/')), list.join(', '));
  assert.ok(!list.some((f) => f.endsWith('.rs') || f.includes('/target/') || f.includes('sandbox') || f.endsWith('sizes.json')), list.join(', '));
});

const STRICT_PAGE = (script) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<script type="module" src="./${script}"></script></head><body>static</body></html>`;

test('a static page imports it with <script type="module"> under a strict CSP', async () => {
  const site = join(work, 'static');
  mkdirSync(join(site, 'node_modules/midtrans-card'), { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', join(site, 'node_modules/midtrans-card'), '--strip-components=1']);
  writeFileSync(join(site, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<script type="module" src="./app.js"></script></head><body>static</body></html>`);
  writeFileSync(join(site, 'app.js'), `import init, { validateCardNumber, validateCard, formatCardNumber } from './node_modules/midtrans-card/pkg/index.js';
import initValidate, * as validateOnly from './node_modules/midtrans-card/pkg/validate/index.js';
await init();
await initValidate();
if (!validateOnly.validateCardNumber('4811 1111 1111 1114').isValid || 'MidtransCard' in validateOnly) throw new Error('validate entry');
${USE}`);
  const { requests } = await serveAndCheck(site);
  // The page never defines the card form: its code is never requested.
  assert.ok(requests.some((u) => u.endsWith('/pkg/index.js')), requests.join(', '));
  // One request per entry: the .wasm is inside it.
  assert.deepEqual(requests.filter((u) => u.endsWith('.wasm')), [], requests.join(', '));
  assert.deepEqual(requests.filter((u) => u.includes('form')), [], 'form.js not requested');
  // One that does: form.js is fetched (once, for two tags), and the element already in the page
  // upgrades with the payOptions set on it before.
  writeFileSync(join(site, 'form.html'), STRICT_PAGE('form-app.js').replace('<body>static', '<body><midtrans-card-form></midtrans-card-form>'));
  writeFileSync(join(site, 'form-app.js'), `import init, { CardForm, validateCardNumber, validateCard, formatCardNumber } from './node_modules/midtrans-card/pkg/index.js';
await init();
const form = document.querySelector('midtrans-card-form');
form.payOptions = { body: { cart: 'before' } };
const first = CardForm.define();
const same = first === CardForm.define();
await Promise.all([first, CardForm.define('shop-card-form')]);
document.body.dataset.form = JSON.stringify([same, form.shadowRoot.querySelectorAll('input').length, form.payOptions.body.cart,
  Object.prototype.hasOwnProperty.call(form, 'payOptions'), customElements.get('shop-card-form') !== undefined]);
${USE}`);
  const defined = await serveAndCheck(site, 'form.html');
  assert.equal(defined.requests.filter((u) => u.endsWith('/pkg/form.js')).length, 1, defined.requests.join(', '));
  assert.deepEqual(defined.form, [true, 3, 'before', false, true]);
});

test('a Vite app imports it by package name and builds for production', { skip: viteSkip }, async () => {
  const app = join(work, 'vite-app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies: { 'midtrans-card': `file:${tarball}` } }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/main.js"></script></head><body>vite</body></html>');
  writeFileSync(join(app, 'main.js'), `import init, { validateCardNumber, validateCard, formatCardNumber } from 'midtrans-card';
await init();
${USE}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--offline'], { cwd: app, stdio: 'inherit' });
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: app, stdio: 'inherit' });
  const assets = readdirSync(join(app, 'dist/assets'));
  // The .wasm is inside the entry: nothing to emit, nothing to fetch.
  assert.ok(!assets.some((f) => f.endsWith('.wasm')), `no .wasm asset: ${assets.join(', ')}`);
  const { requests } = await serveAndCheck(join(app, 'dist'));
  assert.deepEqual(requests.filter((u) => u.endsWith('.wasm')), [], requests.join(', '));
  assert.ok(existsSync(join(app, 'dist/index.html')));
});
