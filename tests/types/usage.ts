// Compiled with `tsc --noEmit` by `npm test`: the package's .d.ts must type real usage, and
// reject misuse (each @ts-expect-error must be an error, or tsc fails).
import init, {
  validateCardNumber,
  validateExpiry,
  validateCvv,
  validateCard,
  detectBrand,
  formatCardNumber,
  formatCardInput,
  type Brand,
  type CardData,
  type NumberReason,
} from 'midtrans-card';

export async function demo(): Promise<void> {
  await init();
  const n = validateCardNumber('4811 1111 1111 1114', { supportedBrands: ['visa', 'mastercard'] });
  const brand: Brand | null = n.brand;
  const reason: NumberReason | null = n.reason;
  if (n.isPotentiallyValid && !n.isValid) console.log(n.candidates.join(), brand, reason);

  const e = validateExpiry('12/30', { today: { year: 2026, month: 11 }, maxYearsAhead: 10 });
  const m: number | null = e.month;
  validateExpiry({ month: 12, year: '2030' });
  validateCvv('123', 'american-express');
  validateCvv('123');

  const card: CardData = { card_number: '4811111111111114', card_exp_month: '12', card_exp_year: '2030', card_cvv: '123' };
  const v = validateCard(card, { locale: 'id' });
  for (const err of v.errors) {
    if (err.field === 'card_exp' && err.code === 'expired') console.log(err.message);
  }
  const info = detectBrand('3701');
  if (info) console.log(info.cvvName, info.cvvLength, info.gaps);
  const s: string = formatCardNumber('4811111111111114');
  const { value, caret } = formatCardInput('48111', 5);
  console.log(m, s, value, caret);

  // @ts-expect-error: not a brand
  validateCvv('123', 'amex-card');
  // @ts-expect-error: reason codes are a closed union
  const bad: NumberReason = 'bad_luhn';
  // @ts-expect-error: card fields use Midtrans's names
  const wrong: CardData = { number: '4811111111111114' };
  console.log(bad, wrong);
}
