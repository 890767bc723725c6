// Starts the offline Midtrans sandbox (with the demo checkout and pkg/) for an end-to-end test
// file, on a free port; stops it afterwards.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const root = resolve(import.meta.dirname, '../..');

/** Builds and starts the sandbox; resolves with `{ baseUrl, stop() }`. Needs pkg/ built. */
export async function startSandbox() {
  const js = readFileSync(join(root, 'pkg/midtrans_card.js'), 'utf8');
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
