// Starts the offline Midtrans sandbox (with the demo checkout and pkg/) for an end-to-end test
// file, on a free port, stops it afterwards, and opens the demo checkout in Chromium.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { launch, openPage } from './browser.mjs';

export const root = resolve(import.meta.dirname, '../..');

/** Builds and starts the sandbox; resolves with `{ baseUrl, stop() }`. Needs pkg/ built. */
export async function startSandbox() {
  const js = readFileSync(join(root, 'pkg/index.js'), 'utf8');
  assert.ok(js.includes('MidtransCard'), 'pkg/ lacks MidtransCard: run `node scripts/build.mjs` first');
  execFileSync('cargo', ['build', '-q', '-p', 'midtrans-sandbox', '--profile', 'sandbox'], { cwd: root, stdio: 'inherit' });
  const child = spawn(join(root, 'target/sandbox/midtrans-sandbox'), ['--port', '0', '--www', 'www', '--pkg', 'pkg'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => fail(new Error(`sandbox exited (${code}) before listening`)));
    lines.once('line', (line) => {
      const m = /^midtrans-sandbox listening on (http:\/\/localhost:\d+\/)$/.exec(line);
      if (m) ok(m[1]);
      else fail(new Error(`unexpected first line: ${line}`));
      // Keep draining stdout so the sandbox never blocks on a full pipe.
      lines.on('line', () => {});
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { baseUrl, stop };
}

/** Where end-to-end tests save screenshots (gitignored). */
export const artifacts = join(root, 'tests/e2e/artifacts');

/** A valid expiry as a customer types it: January, two years from now (MMYY). */
export const FUTURE_EXP = `01${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;

/**
 * Registers the test file's hooks: the sandbox and one Chromium for the whole file. Returns the
 * environment, filled in once `before` has run: `{ baseUrl, browser }`.
 */
export function checkoutEnvironment() {
  const env = { baseUrl: '', browser: null };
  let stop;
  before(async () => {
    ({ baseUrl: env.baseUrl, stop } = await startSandbox());
    env.browser = await launch();
    mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await stop?.();
  });
  return env;
}

/**
 * Opens the demo checkout in a fresh context and waits until it is ready. Records console
 * errors, every console message (`consoleAll`) and requests; `watch(ctx)` may add more listeners
 * before the page loads.
 */
export async function openCheckout(env, { viewport = { width: 1100, height: 900 }, watch } = {}) {
  const ctx = await openPage(env.browser, { viewport });
  ctx.consoleAll = [];
  ctx.page.on('console', (m) => ctx.consoleAll.push(m.text()));
  watch?.(ctx);
  await ctx.page.goto(env.baseUrl);
  try {
    await ctx.page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  } catch (e) {
    // Usually pkg/ missing or half-written (a concurrent `node scripts/build.mjs`).
    throw new Error(`the checkout never became ready; console: ${ctx.errors.join(' | ') || '(nothing)'}`, { cause: e });
  }
  return ctx;
}
