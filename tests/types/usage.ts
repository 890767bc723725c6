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
  MidtransCard,
  MidtransCardError,
  ThreeDsPopup,
  type ErrorCode,
  type TransactionResult,
  type Outcome,
} from 'midtrans-card';

export async function checkout(form: { number: string; month: string; year: string; cvv: string }): Promise<string> {
  const midtrans = await MidtransCard.load({ clientKey: 'SB-Mid-client-x', environment: 'sandbox', timeoutMs: 10_000 });
  const env: 'sandbox' | 'production' = midtrans.environment;
  const card: CardData = { card_number: form.number, card_exp_month: form.month, card_exp_year: form.year, card_cvv: form.cvv };
  try {
    const token = await midtrans.getCardToken(card, { timeoutMs: 20_000 });
    const id: string = token.token_id;
    const saved = await midtrans.registerCard(card);
    const s2: string = saved.saved_token_id;
    const result: TransactionResult = await midtrans.pay(card, {
      chargeUrl: '/api/charge',
      body: { order_id: 'o-1', amount: 145000 },
      headers: { 'X-CSRF-Token': 't' },
      popup: { closable: true, title: 'Verifikasi', classPrefix: 'shop' },
    });
    const outcome: Outcome = result.outcome;
    const verified: false = result.verifiedByBackend;
    const r2 = await midtrans.authenticate('https://api.sandbox.midtrans.com/v2/token/rba/redirect/x', { popup: { closable: false } });
    midtrans.redirect('https://api.sandbox.midtrans.com/v2/token/rba/redirect/x', { callbackUrl: 'https://shop.example/3ds' });
    return [env, id, s2, outcome, String(verified), r2.order_id ?? ''].join();
  } catch (e) {
    if (e instanceof MidtransCardError) {
      const code: ErrorCode = e.code;
      if (code === 'invalid_card') return (e.errors ?? []).map((f) => f.field).join();
      if (code === 'token_failed') return [e.statusCode, ...(e.validationMessages ?? [])].join();
      if (code === 'backend_error') return String(e.httpStatus);
      // @ts-expect-error: not an error code
      if (code === 'declined') return 'never';
      return code;
    }
    throw e;
  } finally {
    midtrans.free();
  }
}

export function customPopup(): void {
  const popup = ThreeDsPopup.open('https://api.sandbox.midtrans.com/x', { closable: true, allowedOrigins: ['http://localhost:8080'] });
  const frame: HTMLIFrameElement = popup.iframe;
  popup.onCancel = () => console.log('cancelled', frame.src, popup.isOpen);
  popup.close();
  // @ts-expect-error: the constructor is private; use ThreeDsPopup.open
  new ThreeDsPopup();
}

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
