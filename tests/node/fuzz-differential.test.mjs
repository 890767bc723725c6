// Host verdicts equal the wasm package's: `cargo test --test fuzz` writes a seeded sample of fuzz
// cases with the host (native Rust) verdicts to .tmp/fuzz-sample.json; this replays every case
// through the built package (pkg/, the full entry and `midtrans-card/validate`) and requires the
// same verdict, field for field: numbers (isValid, isPotentiallyValid, brand, candidates, reason),
// expiry strings and { month, year } with the injected `today`, CVVs, validateCard, detectBrand,
// formatCardNumber and formatCardInput. Plain ASCII inputs of up to 64 characters without options
// take the package's fast path; the rest its general path; both are counted and required.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplePath = join(root, '.tmp', 'fuzz-sample.json');
const skip = !existsSync(join(root, 'pkg', 'midtrans_card_bg.wasm')) || !existsSync(join(root, 'pkg', 'validate', 'midtrans_card_bg.wasm'))
  ? 'pkg/ not built: run `node scripts/build.mjs`'
  : !existsSync(samplePath)
    ? 'no .tmp/fuzz-sample.json: run `cargo test --test fuzz` first (it writes the host verdicts)'
    : false;

// Loaded only when there is something to load (load.mjs throws without pkg/).
let full = null;
let validate = null;
if (!skip) {
  full = (await import('./load.mjs')).default;
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  validate = await import('midtrans-card/validate');
  validate.initSync({ module: readFileSync(require.resolve('midtrans-card/validate/midtrans_card_bg.wasm')) });
}

// What the package answers for one case, in the shape the host wrote.
function verdicts(mc, c) {
  const number = c.numberOptions === null ? mc.validateCardNumber(c.number) : mc.validateCardNumber(c.number, c.numberOptions);
  const detected = mc.detectBrand(c.number);
  return {
    numberVerdict: number,
    detect: detected === null ? null : detected.brand,
    formatted: mc.formatCardNumber(c.number),
    formatInput: mc.formatCardInput(c.number, c.caret),
    expiryVerdict: mc.validateExpiry(c.expiry, c.expiryOptions),
    monthYearVerdict: mc.validateExpiry(c.monthYear, c.expiryOptions),
    cvvVerdict: mc.validateCvv(c.cvv, c.cvvBrand),
    cardVerdict: mc.validateCard(c.card, c.cardOptions),
  };
}

function expected(c) {
  const { numberVerdict, detect, formatted, formatInput, expiryVerdict, monthYearVerdict, cvvVerdict, cardVerdict } = c;
  return { numberVerdict, detect, formatted, formatInput, expiryVerdict, monthYearVerdict, cvvVerdict, cardVerdict };
}

// Which of the package entry's paths a string input takes (src/web/index.js: ASCII, <= 64).
const fast = (s) => s.length <= 64 && /^[\x00-\x7f]*$/.test(s);

function compare(mc, sample) {
  const mismatches = [];
  for (const c of sample.cases) {
    const want = expected(c);
    const got = verdicts(mc, c);
    for (const key of Object.keys(want)) {
      try {
        assert.deepStrictEqual(got[key], want[key]);
      } catch {
        mismatches.push(`case ${c.index} (seed ${sample.seed}) ${key}: host ${JSON.stringify(want[key])}, wasm ${JSON.stringify(got[key])}\n` +
          `  inputs: ${JSON.stringify({ number: c.number, numberOptions: c.numberOptions, expiry: c.expiry, monthYear: c.monthYear, expiryOptions: c.expiryOptions, cvv: c.cvv, cvvBrand: c.cvvBrand, card: c.card, cardOptions: c.cardOptions, caret: c.caret })}`);
      }
    }
  }
  return mismatches;
}

test('the sample is the one the host wrote, and exercises both of the package\'s paths', { skip }, () => {
  const sample = JSON.parse(readFileSync(samplePath, 'utf8'));
  assert.equal(sample.cases.length, sample.count);
  assert.ok(sample.count >= 1000, `only ${sample.count} cases`);
  const paths = { numberFast: 0, numberGeneral: 0, expiryFast: 0, expiryGeneral: 0, valid: 0, potentially: 0, invalid: 0 };
  for (const c of sample.cases) {
    paths[fast(c.number) && c.numberOptions === null ? 'numberFast' : 'numberGeneral']++;
    paths[fast(c.expiry) && c.expiryOptions.maxYearsAhead === undefined ? 'expiryFast' : 'expiryGeneral']++;
    const v = c.numberVerdict;
    paths[v.isValid ? 'valid' : v.isPotentiallyValid ? 'potentially' : 'invalid']++;
  }
  for (const [k, n] of Object.entries(paths)) assert.ok(n >= 100, `${k}: ${n} of ${sample.count}`);
});

for (const [name, get] of [['midtrans-card', () => full], ['midtrans-card/validate', () => validate]]) {
  test(`${name}: every verdict on the fuzz sample equals the host's`, { skip }, () => {
    const sample = JSON.parse(readFileSync(samplePath, 'utf8'));
    const mismatches = compare(get(), sample);
    assert.equal(mismatches.length, 0,
      `${mismatches.length} verdicts differ from the host on ${sample.count} cases; first:\n${mismatches.slice(0, 5).join('\n')}`);
  });
}
