// Size budget: fails when what a page downloads from the package (pkg/index.js: the entry bundled
// with its glue and, since 2026-12-02, the .wasm inside it as text; gzip -9) grows past its
// budget; pkg/validate/index.js for the validation-only entry.
// The drop-in card form (pkg/form.js) is not in it: only a page that calls CardForm.define()
// fetches it; it has its own budget below.
// Run after `node scripts/build.mjs`; `npm run bench` reports the same figures against peers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, packageFiles, packageSizes } from '../../bench/sizes.mjs';

// Measured 43,723 B gzip -9 on 2026-12-03. The steps down (bench/ANALYSIS.md), ninth session: the
// cargo registry's directory remapped out of the wasm's source paths (43,723 B). Eighth session:
// the full wasm's functions in the order gzip codes shortest (scripts/wasm-order.mjs) (44,313 B),
// the option lists and header pairs read by index loops, not Array::iter with filter_map (44,111 B),
// JS values read as text by the entry's own `text` (glue.js) instead of wasm (43,763 B).
// Seventh session:
// strings of card data wiped by domain::digits::wipe_string instead of the zeroize crate, no longer
// a dependency (46,468 B), the reason codes and messages as one table per locale, a reason's place
// its field's position times seven plus its own (46,390 B), the brands' nice names and security
// code names as one joined string each, their lengths as a mask and their gaps as one bit
// (46,306 B), LLVM's inliner at threshold 0 for the npm builds (45,883 B), domain::utf8::is_space
// no longer #[inline] (45,873 B), a brand's nice name and security code name read by their own
// functions, not built into every Facts (45,828 B), detectBrand's names read from the joined tables
// by the entry (45,818 B), the shipped JavaScript through terser after esbuild (45,718 B), expiry
// verdicts worked out packed in one integer (domain::expiry::Packed), the public ExpiryVerdict
// unpacked from it (45,603 B), number verdicts packed too (domain::number::NumberBits) (45,558 B),
// CVV verdicts packed too (domain::cvv::CvvBits) (45,498 B), brand detection packed
// (domain::brand::Detected) (45,467 B), the full build's #[inline] functions at LLVM's hint
// threshold 25, the validators' three hot helpers #[inline(always)] (44,678 B). Sixth session, from
// 47,399 B: card data cleared by domain::digits::wipe instead of zeroize (47,328 B), the
// validators' buffer read in place (47,267 B), no dyn FnMut call between an export and its
// validation and digits-only numbers judged in place (47,201 B), validateCard's check compiled once
// (47,193 B), white space by domain::utf8::is_space (46,997 B), characters decoded by
// domain::utf8::chars (46,909 B), one digits pass in the formatters (46,904 B), a CVV of digits
// alone not trimmed (46,893 B), no memcmp in the expiry judge (46,890 B), words written to the
// output area whole (46,866 B), the input bytes zeroed over a slice (46,856 B), Luhn with an
// alternating flag (46,850 B), brand patterns read by index (46,833 B), the saved token's BIN
// digits found by position (46,826 B), no slice::contains in the redirect URL check (46,650 B), no
// str::trim_end_matches for apiBaseUrl (46,537 B), decimal text without a char iterator (46,500 B).
// Before that session, 47,399 B: the full build's wasm once more through wasm-opt's --flatten
// --rereloop, --low-memory-unused, six validator exports fewer; before that, 48,175 B: the .wasm
// inside the entry, decoded by a 127-byte WebAssembly loop; the entry instantiates the module
// itself, so wasm-bindgen's init functions are not bundled; UTF-8 checked and trimmed by
// domain::utf8; reason and error messages as one string per locale; the token calls' validation
// options read by the entry; the adapter's own Promise bridge instead of js-sys's executor; then no
// Fn closure for the token frame's Trusted Types policy, no js_sys::global lookup, no JsFuture,
// onCancel a property of the entry, and no str::splitn or generic join; the brand data in compact
// private columns; Cells, not RefCells. The budget only moves down (it was 60,500, 60,450, 58,150,
// 58,100, 55,750, 54,750, 54,650, 54,550, 54,450, 54,350, 54,300, 54,050, 53,850, 53,400, 53,150,
// 52,600, 52,550, 48,950, 48,550, 48,250, 48,000, 47,900, 47,650, 47,450, 47,425, 47,400, 47,330,
// 47,270, 47,205, 47,195, 47,000, 46,910, 46,905, 46,895, 46,890, 46,870, 46,860, 46,850, 46,835,
// 46,830, 46,650, 46,540, 46,500, 46,468, 46,390, 46,306, 45,883, 45,873, 45,828, 45,818, 45,718,
// 45,603, 45,558, 45,498, 45,467, 44,678, 44,313, 44,111, then 43,763 B); BENCHMARKS.md says where the bytes are.
const BUDGET_GZIP = 43_723;

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');

test(`package gzip -9 total stays within ${BUDGET_GZIP} B`, { skip: !existsSync(join(pkgDir, 'index.js')) && 'pkg/ not built' }, () => {
  const { files, total } = packageSizes(pkgDir);
  const detail = Object.entries(files).map(([f, s]) => `${f} ${s.gzip} B`).join(', ');
  assert.ok(total.gzip <= BUDGET_GZIP, `gzip -9 total ${total.gzip} B > budget ${BUDGET_GZIP} B (${detail})`);
});

// The validation-only entry: measured 9,949 B gzip -9 on 2026-12-02. Eighth session: the entry's
// `text` in glue.js, shared with the full build's wasm, its integer check Number.isSafeInteger
// (9,949 B). Seventh session: mc_short's
// copy wiped by domain::digits::wipe (10,822 B), validateCard's errors name their field and reason
// by position, the entry having the codes already, and the one-table-per-locale codes and messages
// (10,669 B), the same brand columns (10,600 B), the inliner at threshold 0 (10,524 B), is_space
// not #[inline] (10,497 B), the same Facts change (10,441 B), MidtransCardError without the details
// it never carries there (10,388 B), validateCard's messages read from the locale's whole table
// (10,324 B), detectBrand's names read by the entry, so no table walk is left in its wasm
// (10,245 B), terser after esbuild (10,222 B), expiry verdicts packed (10,085 B), number verdicts
// packed (10,020 B), CVV verdicts packed (9,980 B), brand detection packed (9,967 B). Sixth
// session, the same steps as the full entry's (11,549, 11,480, 11,361, 11,171, 11,085, 10,994,
// 10,968, 10,955, 10,921, 10,870, 10,867, 10,862, 10,843, then 10,823 B). Before them, 11,648 B:
// the .wasm inside the entry (no second request), no_std with plain wasm exports, no wasm-bindgen
// glue and no heap (src/web/abi.rs), no panic formatting left, the reason codes and messages as one
// string per locale, short expiry and CVV text through one export, the brand data in compact
// private columns (the patterns as lo, a 16-bit span and len), and no panic path left at all
// (tests/node/no-panic.test.mjs), wasm-opt --low-memory-unused, and five exports where there were
// eleven; it was 26,700, 24,000, 16,650, 14,750, 13,450, 13,350, 13,200, 13,150, 13,110, 13,090,
// 12,900, 12,870, 12,860, 12,500, 12,150, 12,125, 12,000, 11,700, 11,675, 11,650, 11,550, 11,480,
// 11,365, 11,175, 11,090, 10,995, 10,970, 10,960, 10,925, 10,870, 10,867, 10,862, 10,845, 10,825,
// 10,822, 10,669, 10,600, 10,524, 10,497, 10,441, 10,388, 10,324, 10,245, 10,222, 10,085, 10,020,
// 9,980, then 9,967 B.
const VALIDATE_BUDGET_GZIP = 9_949;

test(`midtrans-card/validate gzip -9 total stays within ${VALIDATE_BUDGET_GZIP} B`, { skip: !existsSync(join(pkgDir, 'validate', 'index.js')) && 'pkg/validate not built' }, () => {
  const { total } = packageSizes(join(pkgDir, 'validate'));
  assert.ok(total.gzip <= VALIDATE_BUDGET_GZIP, `gzip -9 total ${total.gzip} B > budget ${VALIDATE_BUDGET_GZIP} B`);
});

test('the full entry total leaves out form.js (fetched on CardForm.define() only)', { skip: !existsSync(join(pkgDir, 'form.js')) && 'pkg/ not built' }, () => {
  assert.ok(!packageFiles(pkgDir).includes('form.js'));
});

// The drop-in card form, fetched on the first CardForm.define(): measured 5,831 B gzip -9 on
// 2026-12-02, through terser after esbuild (5,898 B before; field errors are the core's own
// messages; it was 6,656 B with its own table). The budget only moves down (it was 5,900 B).
const FORM_BUDGET_GZIP = 5_831;

test(`pkg/form.js gzip -9 stays within ${FORM_BUDGET_GZIP} B`, { skip: !existsSync(join(pkgDir, 'form.js')) && 'pkg/ not built' }, () => {
  const { gzip } = measure(readFileSync(join(pkgDir, 'form.js')));
  assert.ok(gzip <= FORM_BUDGET_GZIP, `form.js gzip -9 ${gzip} B > budget ${FORM_BUDGET_GZIP} B`);
});
