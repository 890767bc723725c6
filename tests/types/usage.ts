// Compiled with `tsc --noEmit` (strict) by `npm test`: the package's .d.ts must type real usage,
// and reject misuse (each @ts-expect-error must be an error, or tsc fails).
import init, {
  initSync,
  loadMidtrans,
  validateCardNumber,
  validateExpiry,
  validateCvv,
  validateCard,
  detectBrand,
  formatCardNumber,
  formatCardInput,
  formatExpiryInput,
  type Brand,
  type CardData,
  type FieldError,
  type NumberReason,
  type InitOutput,
  MidtransCard,
  MidtransCardError,
  ThreeDsPopup,
  CardForm,
  type CardFormPaymentErrorEvent,
  type ErrorCode,
  type TransactionResult,
  type Outcome,
  type TokenOptions,
} from 'midtrans-card';

// The Midtrans account's brands, checked against the Brand union.
const ACCEPTED = ['visa', 'mastercard', 'jcb', 'american-express'] as const satisfies readonly Brand[];

export async function checkout(form: { number: string; month: string; year: string; cvv: string }): Promise<string> {
  const midtrans = await MidtransCard.load({ clientKey: 'SB-Mid-client-x', environment: 'sandbox', timeoutMs: 10_000, locale: 'id-ID' });
  const env: 'sandbox' | 'production' = midtrans.environment;
  const card: CardData = { card_number: form.number, card_exp_month: form.month, card_exp_year: form.year, card_cvv: form.cvv };
  try {
    // Every option the runtime reads from a token call: the timeout and the validation options.
    const token = await midtrans.getCardToken(card, {
      timeoutMs: 20_000,
      supportedBrands: ACCEPTED,
      luhnValidateUnionPay: true,
      today: { year: 2026, month: 11 },
      maxYearsAhead: 10,
      locale: 'id',
    });
    const id: string = token.token_id;
    const saved = await midtrans.registerCard(card, { supportedBrands: ['visa'], locale: 'en' });
    const s2: string = saved.saved_token_id;
    const result: TransactionResult = await midtrans.pay(card, {
      chargeUrl: '/api/charge',
      chargeTimeoutMs: 20000,
      body: { items: [{ id: 'kopi', quantity: 2 }] },
      headers: { 'X-CSRF-Token': 't' },
      popup: { closable: true, title: 'Verifikasi', classPrefix: 'shop' },
      credentials: 'same-origin',
      timeoutMs: 20_000,
      supportedBrands: ACCEPTED,
      today: { year: 2026, month: 11 },
      maxYearsAhead: 15,
      luhnValidateUnionPay: false,
      locale: 'id',
    });
    const outcome: Outcome = result.outcome;
    const verified: false = result.verifiedByBackend;
    const r2 = await midtrans.authenticate('https://api.sandbox.midtrans.com/v2/token/rba/redirect/x', { popup: { closable: false }, timeoutMs: 60_000 });
    midtrans.redirect('https://api.sandbox.midtrans.com/v2/token/rba/redirect/x', { callbackUrl: 'https://shop.example/3ds' });
    return [env, id, s2, outcome, String(verified), r2.order_id ?? ''].join();
  } catch (e) {
    return explain(e);
  } finally {
    midtrans.free();
  }
}

/** `instanceof`, then `code`: each code narrows to its evidence. */
export function explain(e: unknown): string {
  if (!(e instanceof MidtransCardError)) throw e;
  const code: ErrorCode = e.code;
  const message: string = e.message;
  const name: 'MidtransCardError' = e.name;
  // Before narrowing, evidence is there or not.
  const maybe: FieldError[] | undefined = e.errors;
  console.log(code, message, name, maybe);
  switch (e.code) {
    case 'invalid_card': {
      const errors: FieldError[] = e.errors;
      return errors.map((f) => `${f.field}:${f.code}`).join();
    }
    case 'backend_error': {
      const status: number = e.httpStatus;
      const body: unknown = e.response;
      return `${status} ${String(body)}`;
    }
    case 'charge_failed': {
      const status: number = e.httpStatus;
      const midtransStatus: string | undefined = e.statusCode;
      return `${status} ${midtransStatus}`;
    }
    case 'token_failed': {
      const messages: string[] = e.validationMessages ?? [];
      const status: string | undefined = e.response?.status_code;
      return [e.statusCode, status, ...messages].join();
    }
    case 'payment_denied':
    case 'authentication_failed':
    case 'authentication_expired':
      return [e.response?.fraud_status, e.charge?.order_id].join();
    case 'not_initialized':
    case 'sdk_error':
    case 'popup_failed':
    case 'sdk_load_failed':
    case 'sdk_not_loaded':
    case 'invalid_options':
    case 'timeout':
    case 'busy':
    case 'cancelled':
    case 'invalid_redirect_url':
    case 'network_error': {
      // These carry no evidence (but pay()'s charge, once it exists).
      const none: undefined = e.errors ?? e.httpStatus ?? e.response ?? e.statusCode;
      const order: string | undefined = e.code === 'not_initialized' ? undefined : e.charge?.order_id;
      return String(none) + String(order);
    }
    default: {
      // Every code is handled above.
      const never: never = e;
      return never;
    }
  }
}

export function evidenceIsPerCode(e: MidtransCardError): void {
  if (e.code === 'timeout') {
    // @ts-expect-error: a timeout has no field errors
    const errors: FieldError[] = e.errors;
    console.log(errors);
  }
  if (e.code === 'network_error') {
    // @ts-expect-error: no HTTP status when the backend could not be reached
    const status: number = e.httpStatus;
    console.log(status);
  }
  if (e.code === 'charge_failed') {
    // @ts-expect-error: charge_failed's HTTP status is a number, never a string
    const status: string = e.httpStatus;
    console.log(status);
  }
  if (e.code === 'invalid_card') {
    // @ts-expect-error: validation fails before any charge exists
    const order: string = e.charge.order_id;
    console.log(order);
  }
  // @ts-expect-error: not an error code
  if (e.code === 'declined') console.log('never');
}

export async function oneCall(): Promise<void> {
  // One call; `null` on the server.
  const midtrans = await loadMidtrans({ clientKey: 'SB-Mid-client-x', environment: 'production' });
  // @ts-expect-error: possibly null (server-side rendering)
  await midtrans.getCardToken({ card_number: '4811111111111114' });
  if (midtrans === null) return;
  const token = await midtrans.getCardToken({ card_number: '4811111111111114' }, { supportedBrands: ['visa'] });
  console.log(token.token_id);
  // Bundlers that need the .wasm URL given (esbuild's file loader).
  const m2 = await loadMidtrans({ clientKey: 'k', environment: 'sandbox', module_or_path: '/assets/midtrans_card_bg.wasm' });
  console.log(m2?.environment);

  // A strict page: Trusted Types, a CSP nonce, Subresource Integrity.
  await MidtransCard.load({ clientKey: 'k', environment: 'production', trustedTypes: true, nonce: 'n0nce', integrity: 'sha384-abc' });
  // @ts-expect-error: trustedTypes is a boolean
  await MidtransCard.load({ clientKey: 'k', environment: 'sandbox', trustedTypes: 'yes' });
  // @ts-expect-error: an unknown environment
  await loadMidtrans({ clientKey: 'k', environment: 'staging' });
  // @ts-expect-error: an unknown environment
  await MidtransCard.load({ clientKey: 'k', environment: 'dev' });
  // @ts-expect-error: clientKey is required
  await MidtransCard.load({ environment: 'sandbox' });
  const m = await MidtransCard.load({ clientKey: 'k', environment: 'sandbox' });
  // @ts-expect-error: an unknown brand in a per-call option
  await m.getCardToken({ card_number: '1' }, { supportedBrands: ['visa', 'amex'] });
  // @ts-expect-error: an unknown brand in pay()'s validation options
  await m.pay({ card_number: '1' }, { chargeUrl: '/c', supportedBrands: ['diners'] });
  // @ts-expect-error: pay() needs a chargeUrl
  await m.pay({ card_number: '1' }, { body: {} });
  // @ts-expect-error: today is { year, month }
  await m.registerCard({ card_number: '1' }, { today: '2026-11' });
  const opts: TokenOptions = { timeoutMs: 1 };
  // @ts-expect-error: not a fetch credentials mode
  await m.pay({}, { ...opts, chargeUrl: '/c', credentials: 'always' });
}

export function customPopup(): void {
  const popup = ThreeDsPopup.open('https://api.sandbox.midtrans.com/x', { closable: true, allowedOrigins: ['http://localhost:8080'] });
  const frame: HTMLIFrameElement = popup.iframe;
  popup.onCancel = () => console.log('cancelled', frame.src, popup.isOpen);
  popup.close();
  // @ts-expect-error: the constructor is private; use ThreeDsPopup.open
  new ThreeDsPopup();
  // @ts-expect-error: the constructor is private; use MidtransCard.load or loadMidtrans
  new MidtransCard();
}

export async function initialisation(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  const a: InitOutput = await init();
  const b: InitOutput = await init({ module_or_path: '/midtrans_card_bg.wasm' });
  await init({ module_or_path: fetch('/midtrans_card_bg.wasm') });
  await init({});
  const c: WebAssembly.Memory = initSync({ module: bytes }).memory;
  initSync({ module });
  // The copy inside the module.
  const d: InitOutput = initSync();
  console.log(a === b, c, d);
  // @ts-expect-error: the deprecated positional form is gone: pass { module_or_path }
  await init('/midtrans_card_bg.wasm');
  // @ts-expect-error: the deprecated positional form is gone: pass { module }
  initSync(bytes);
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
  const v = validateCard(card, { locale: 'id', supportedBrands: ACCEPTED, luhnValidateUnionPay: true });
  for (const err of v.errors) {
    if (err.field === 'card_exp' && err.code === 'expired') console.log(err.message);
  }
  const info = detectBrand('3701');
  if (info) console.log(info.cvvName, info.cvvLength, info.gaps);
  const s: string = formatCardNumber('4811111111111114');
  const { value, caret } = formatCardInput('48111', 5);
  const exp: { value: string; caret: number } = formatExpiryInput('12', 2, 'deleteContentBackward');
  console.log(exp.value, exp.caret);
  console.log(m, s, value, caret);

  // @ts-expect-error: not a brand
  validateCvv('123', 'amex-card');
  // @ts-expect-error: not a brand
  validateCardNumber('4811', { supportedBrands: ['visa', 'visa-electron'] });
  // @ts-expect-error: reason codes are a closed union
  const bad: NumberReason = 'bad_luhn';
  // @ts-expect-error: card fields use Midtrans's names
  const wrong: CardData = { number: '4811111111111114' };
  console.log(bad, wrong);
}

// The drop-in form: define, configure, listen.
export async function cardForm(): Promise<void> {
  await init();
  const defined: Promise<void> = CardForm.define();
  await defined;
  await CardForm.define('shop-card-form');
  const form = document.querySelector('midtrans-card-form');
  if (!form) return;
  const typed: CardForm = form;
  typed.focus();
  form.payOptions = { body: { items: [{ id: 'kopi', quantity: 2 }] }, supportedBrands: ['visa', 'mastercard'] };
  form.addEventListener('payment', (e) => {
    const outcome: Outcome = e.detail.outcome;
    console.log(outcome, e.detail.order_id);
  });
  form.addEventListener('paymenterror', (e: CardFormPaymentErrorEvent) => {
    if (e.detail.code === 'cancelled' || e.detail.code === 'timeout') console.log(e.detail.charge?.order_id);
  });
  form.focus();
  // @ts-expect-error: the charge URL is the `charge-url` attribute, not a pay option here
  form.payOptions = { chargeUrl: '/api/charge' };
}
