// Size budget: fails when what a page downloads from the package (pkg/midtrans_card_bg.wasm +
// pkg/midtrans_card.js + pkg/snippets/**, each gzip -9 on its own) grows past BUDGET_GZIP.
// Run after `node scripts/build.mjs`; `npm run bench` reports the same figures against peers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageSizes } from '../../bench/sizes.mjs';

// Measured 64,700 B gzip -9 on 2026-11-29 (wasm 55,634 + glue 8,742 + error.js snippet 324, with the
// 3DS popup and the Midtrans flow built in), plus ~10% headroom. The lead will tighten it.
const BUDGET_GZIP = 71_000;

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');

test(`package gzip -9 total stays within ${BUDGET_GZIP} B`, { skip: !existsSync(join(pkgDir, 'midtrans_card_bg.wasm')) && 'pkg/ not built' }, () => {
  const { files, total } = packageSizes(pkgDir);
  const detail = Object.entries(files).map(([f, s]) => `${f} ${s.gzip} B`).join(', ');
  assert.ok(total.gzip <= BUDGET_GZIP, `gzip -9 total ${total.gzip} B > budget ${BUDGET_GZIP} B (${detail})`);
});
