// The README's "Bundlers and CDNs" table, each row proved in headless Chromium from the packed
// tarball (`npm pack`, installed into an app by `npm install file:...`): the Vite dev server,
// `vite build`, webpack 5, esbuild, Rollup (node-resolve alone, and with
// @web/rollup-plugin-import-meta-assets), and a static page importing the package from a
// CDN-shaped URL through an import map, each with no configuration for the package: the .wasm is
// inside the entry, so no bundler copies a .wasm and no page fetches one. esbuild's file loader
// with `init({ module_or_path })` proves the explicit URL still works (then each entry fetches
// its .wasm once). Each built page is served under the CSP the README gives for it. The same app
// runs everywhere: `not_initialized` before init, `loadMidtrans()` racing an `init()` (one
// instantiation), a token from a stand-in `MidtransNew3ds` with per-call `supportedBrands`, the
// validators of both entries.
import { viteSkip } from './vite-support.mjs';
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { serveStatic } from './serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, '.tmp/e2e-bundlers');
const app = join(work, 'app');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
let browser;
let version;

// A stand-in for midtrans-new-3ds.min.js: answers getCardToken as Midtrans does (token ids start
// with the card's first 6 and last 4 digits, which the package checks).
const FAKE_MIDTRANS = `window.MidtransNew3ds = {
  getCardToken(card, options) {
    const n = card.card_number;
    setTimeout(() => options.onSuccess({ status_code: '200', token_id: n.slice(0, 6) + '-' + n.slice(-4) + '-e2e' }), 0);
  },
  registerCard() {}, authenticate() {}, redirect() {},
};`;

/** The merchant's app. `wasm` is the import prelude for bundlers that must be given the .wasm URL. */
function appSource({ wasm = false, specifier = 'midtrans-card' } = {}) {
  return `import init, { loadMidtrans, MidtransCard, MidtransCardError, CardForm, validateCardNumber, validateCard, formatCardNumber } from '${specifier}';
import initValidate, * as validateOnly from '${specifier}/validate';
${wasm ? `import wasmUrl from '${specifier}/midtrans_card_bg.wasm';
import validateWasmUrl from '${specifier}/validate/midtrans_card_bg.wasm';` : 'const wasmUrl = undefined, validateWasmUrl = undefined;'}
const out = {};
try {
  try { validateCardNumber('4811'); out.early = 'no error'; } catch (e) { out.early = (e instanceof MidtransCardError) + ':' + e.code; }
  // One call, racing a plain init() (two components, StrictMode): one instantiation.
  const [midtrans] = await Promise.all([
    loadMidtrans({ clientKey: 'SB-Mid-client-e2e', environment: 'sandbox', scriptUrl: '/midtrans-new-3ds.js', module_or_path: wasmUrl }),
    init(wasmUrl && { module_or_path: wasmUrl }),
  ]);
  out.instance = midtrans instanceof MidtransCard;
  const card = { card_number: '4811 1111 1111 1114', card_exp_month: '12', card_exp_year: '2030', card_cvv: '123' };
  out.token = (await midtrans.getCardToken(card, { supportedBrands: ['visa'] })).token_id;
  try {
    await midtrans.getCardToken({ ...card, card_number: '5211 1111 1111 1117' }, { supportedBrands: ['visa'] });
  } catch (e) {
    out.unsupported = e.code + ':' + e.errors.map((f) => f.code).join();
  }
  out.number = validateCardNumber('4811 1111 1111 1114');
  out.card = validateCard({ card_number: '4811111111111115', card_exp_month: '12', card_exp_year: '2030', card_cvv: '12' });
  out.formatted = formatCardNumber('370192169722458');
  await initValidate(validateWasmUrl && { module_or_path: validateWasmUrl });
  out.validateOnly = validateOnly.validateCardNumber('4811 1111 1111 1114').isValid && !('MidtransCard' in validateOnly);
  // The card form, fetched on define() (its own chunk): an element already in the page upgrades,
  // keeping the payOptions set on it before.
  const form = document.createElement('midtrans-card-form');
  form.payOptions = { body: { cart: 'e2e' } };
  document.body.append(form);
  out.formBefore = performance.getEntriesByType('resource').filter((r) => /form/.test(r.name)).length;
  await CardForm.define();
  out.form = [customElements.get('midtrans-card-form') !== undefined, form.shadowRoot.querySelectorAll('input').length,
    form.payOptions.body.cart, Object.prototype.hasOwnProperty.call(form, 'payOptions')];
  document.body.dataset.result = JSON.stringify(out);
} catch (e) {
  document.body.dataset.error = String(e && e.message || e);
}
`;
}

const html = (script) => `<!doctype html><html><head><meta charset="utf-8">${script}</head><body>shop</body></html>`;

/** Opens `url` and returns what the app computed, the .wasm responses, and the page's errors. */
async function run(url) {
  const { page, errors, context } = await openPage(browser);
  const wasm = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push({ url: r.url(), status: r.status() }); });
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-result], body[data-error]', { timeout: 30000 });
    const error = await page.getAttribute('body', 'data-error');
    const result = error === null ? JSON.parse(await page.getAttribute('body', 'data-result')) : null;
    return { result, error, errors, wasm };
  } finally {
    await context.close();
  }
}

function check({ result, error, errors, wasm }, label, fetchedWasm = 0) {
  assert.equal(error, null, `${label}: ${error} ${errors.join(' | ')}`);
  assert.deepEqual(errors, [], label);
  assert.equal(result.early, 'true:not_initialized');
  assert.equal(result.instance, true);
  assert.equal(result.token, '481111-1114-e2e');
  assert.equal(result.unsupported, 'invalid_card:unsupported_brand');
  assert.equal(result.number.isValid, true);
  assert.equal(result.number.brand, 'visa');
  assert.deepEqual(result.card.errors.map((e) => e.code), ['luhn', 'incomplete']);
  assert.equal(result.formatted, '3701 921697 22458');
  assert.equal(result.validateOnly, true);
  assert.equal(result.formBefore, 0, `${label}: nothing of the form fetched before define()`);
  assert.deepEqual(result.form, [true, 3, 'e2e', false], label);
  // No .wasm fetched (it is inside the entry), or, given as a URL, each entry's once
  // (loadMidtrans and init shared one instantiation).
  assert.equal(wasm.length, fetchedWasm, `${label}: ${JSON.stringify(wasm)}`);
  assert.ok(wasm.every((w) => w.status === 200), `${label}: ${JSON.stringify(wasm)}`);
}

/** Serves a built site under the CSP and runs it. */
async function serveAndRun(dir, headers = { 'content-security-policy': CSP }) {
  writeFileSync(join(dir, 'midtrans-new-3ds.js'), FAKE_MIDTRANS);
  writeFileSync(join(dir, 'favicon.ico'), '');
  const server = await serveStatic(dir, headers);
  try {
    return await run(server.url);
  } finally {
    await server.close();
  }
}

/** A fresh source directory inside the app (so `midtrans-card` resolves from app/node_modules). */
function source(name, options) {
  const dir = join(app, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src/main.js'), appSource(options));
  return dir;
}

/** The built JS file holding the card form (its shadow-DOM code), when it is not the entry's. */
const formChunk = (dir) => readdirSync(dir, { recursive: true })
  .filter((f) => String(f).endsWith('.js') && !/^(main|index)\b/.test(String(f).split('/').pop()))
  .find((f) => readFileSync(join(dir, String(f)), 'utf8').includes('attachShadow'));

const wasmAssets = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.wasm'));

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const tarball = join(work, name);
  version = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })).version;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies: { 'midtrans-card': `file:${tarball}` } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--offline'], { cwd: app, stdio: 'inherit' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('Vite dev server: no configuration', { skip: viteSkip }, async () => {
  const dir = source('vite-dev');
  writeFileSync(join(dir, 'index.html'), html('<script type="module" src="/src/main.js"></script>'));
  mkdirSync(join(dir, 'public'));
  writeFileSync(join(dir, 'public/midtrans-new-3ds.js'), FAKE_MIDTRANS);
  writeFileSync(join(dir, 'public/favicon.ico'), '');
  const { createServer } = await import('vite');
  const server = await createServer({ root: dir, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  try {
    check(await run(server.resolvedUrls.local[0]), 'vite dev');
  } finally {
    await server.close();
  }
});

test('vite build: no configuration; served under the strict CSP', { skip: viteSkip }, async () => {
  const dir = source('vite-build');
  writeFileSync(join(dir, 'index.html'), html('<script type="module" src="/src/main.js"></script>'));
  const { build } = await import('vite');
  await build({ root: dir, configFile: false, logLevel: 'warn', build: { outDir: 'dist' } });
  assert.deepEqual(wasmAssets(join(dir, 'dist')), []);
  assert.ok(formChunk(join(dir, 'dist')), 'the card form is a chunk of its own');
  check(await serveAndRun(join(dir, 'dist')), 'vite build');
});

test('webpack 5: no configuration beyond entry and output; served under the strict CSP', async () => {
  const dir = source('webpack');
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((done, fail) => webpack({
    mode: 'production',
    context: dir,
    entry: './src/main.js',
    output: { path: join(dir, 'dist'), filename: 'main.js', clean: true },
    performance: { hints: false },
  }, (err, s) => (err ? fail(err) : done(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(dir, 'dist/index.html'), html('<script defer src="./main.js"></script>'));
  assert.deepEqual(wasmAssets(join(dir, 'dist')), []);
  assert.ok(formChunk(join(dir, 'dist')), 'the card form is a chunk of its own');
  check(await serveAndRun(join(dir, 'dist')), 'webpack');
});

const esbuildOptions = (dir) => ({
  absWorkingDir: dir,
  entryPoints: ['src/main.js'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  // The card form's dynamic import becomes a chunk of its own (without it, it is inlined).
  splitting: true,
  outdir: 'dist',
  logLevel: 'silent',
});

test('esbuild: no configuration; served under the strict CSP', async () => {
  const dir = source('esbuild');
  const esbuild = await import('esbuild');
  await esbuild.build(esbuildOptions(dir));
  writeFileSync(join(dir, 'dist/index.html'), html('<script type="module" src="./main.js"></script>'));
  assert.deepEqual(wasmAssets(join(dir, 'dist')), []);
  assert.ok(formChunk(join(dir, 'dist')), 'the card form is a chunk of its own');
  check(await serveAndRun(join(dir, 'dist')), 'esbuild');
});

test('esbuild, the .wasm by URL: the file loader and init({ module_or_path }); each .wasm fetched once', async () => {
  const dir = source('esbuild-url', { wasm: true });
  const esbuild = await import('esbuild');
  await esbuild.build({ ...esbuildOptions(dir), loader: { '.wasm': 'file' }, assetNames: '[name]-[hash]' });
  writeFileSync(join(dir, 'dist/index.html'), html('<script type="module" src="./main.js"></script>'));
  assert.equal(wasmAssets(join(dir, 'dist')).length, 2);
  check(await serveAndRun(join(dir, 'dist')), 'esbuild, .wasm by URL', 2);
});

async function rollupBuild(dir, withAssets) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { importMetaAssets } = await import('@web/rollup-plugin-import-meta-assets');
  const bundle = await rollup({ input: join(dir, 'src/main.js'), plugins: [nodeResolve({ browser: true }), ...(withAssets ? [importMetaAssets()] : [])], onwarn: () => {} });
  await bundle.write({ dir: join(dir, 'dist'), format: 'es' });
  await bundle.close();
  writeFileSync(join(dir, 'dist/index.html'), html('<script type="module" src="./main.js"></script>'));
}

test('Rollup: @rollup/plugin-node-resolve alone; served under the strict CSP', async () => {
  const dir = source('rollup');
  await rollupBuild(dir, false);
  assert.deepEqual(wasmAssets(join(dir, 'dist')), []);
  assert.ok(formChunk(join(dir, 'dist')), 'the card form is a chunk of its own');
  check(await serveAndRun(join(dir, 'dist')), 'rollup');
});

test('Rollup with @web/rollup-plugin-import-meta-assets too (an app that has it): nothing for it to emit', async () => {
  const dir = source('rollup-assets');
  await rollupBuild(dir, true);
  assert.deepEqual(wasmAssets(join(dir, 'dist')), []);
  check(await serveAndRun(join(dir, 'dist')), 'rollup + import-meta-assets');
});

/** A CDN on another origin (CORS, as jsDelivr and unpkg send it) serving the tarball's files. */
async function cdnPage(connectSrcCdn) {
  const cdnRoot = join(work, 'cdn');
  const pkgDir = join(cdnRoot, `npm/midtrans-card@${version}`);
  rmSync(cdnRoot, { recursive: true, force: true });
  mkdirSync(pkgDir, { recursive: true });
  cpSync(join(app, 'node_modules/midtrans-card'), pkgDir, { recursive: true });
  const cdn = await serveStatic(cdnRoot, { 'access-control-allow-origin': '*' });
  const base = `${cdn.url}npm/midtrans-card@${version}/pkg`;
  const site = join(work, 'cdn-site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site);
  const importMap = JSON.stringify({ imports: { 'midtrans-card': `${base}/index.js`, 'midtrans-card/validate': `${base}/validate/index.js` } });
  const hash = createHash('sha256').update(importMap).digest('base64');
  const origin = cdn.url.replace(/\/$/, '');
  writeFileSync(join(site, 'index.html'), html(`<script type="importmap">${importMap}</script><script type="module" src="./main.js"></script>`));
  writeFileSync(join(site, 'main.js'), appSource());
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}' ${origin}; connect-src 'self'${connectSrcCdn ? ` ${origin}` : ''}`;
  try {
    return await serveAndRun(site, { 'content-security-policy': csp });
  } finally {
    await cdn.close();
  }
}

test('CDN: a pinned URL through an import map, the CDN in script-src only (nothing to fetch from it)', async () => {
  check(await cdnPage(false), 'cdn');
});
