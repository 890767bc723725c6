/**
 * midtrans-card: card validation, tokenization and 3-D Secure for Midtrans, in WebAssembly.
 *
 * Initialise once before anything else (memoized: concurrent and later calls share one
 * instantiation). Anything called before throws `MidtransCardError` `not_initialized`.
 *
 * ```ts
 * import init, { validateCard } from 'midtrans-card';
 * await init();
 * ```
 */

/** Where to load the `.wasm` from: a URL, a fetch `Response`, bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** What `init()` resolves: the module's exports (the same object for every call). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Initialises the WebAssembly module: the copy inside this module (no request), or what
 * `module_or_path` says (a URL or `Request` is fetched). Memoized: concurrent and later calls
 * share one instantiation and resolve the same exports (a later call's input is ignored); a
 * failed attempt is forgotten, so calling again retries.
 */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<InitOutput>;

/** Synchronous initialisation from the copy inside this module, or from the bytes or compiled module given; once initialised, a no-op. */
export function initSync(options?: { module: BufferSource | WebAssembly.Module }): InitOutput;

/** A card brand, named as credit-card-type names it. */
export type Brand =
  | 'visa'
  | 'mastercard'
  | 'american-express'
  | 'diners-club'
  | 'discover'
  | 'jcb'
  | 'unionpay'
  | 'maestro'
  | 'elo'
  | 'mir'
  | 'hiper'
  | 'hipercard'
  | 'troy'
  | 'verve'
  | 'naranja';

/** Why a card number is not valid. */
export type NumberReason =
  | 'required'
  | 'incomplete'
  | 'invalid_characters'
  | 'invalid_length'
  | 'luhn'
  | 'unknown_brand'
  | 'unsupported_brand';

/** Why an expiry date is not valid. */
export type ExpiryReason =
  | 'required'
  | 'incomplete'
  | 'invalid_format'
  | 'invalid_month'
  | 'invalid_year'
  | 'expired'
  | 'too_far_future';

/** Why a security code is not valid. */
export type CvvReason = 'required' | 'incomplete' | 'invalid_characters' | 'invalid_length';

/**
 * Text a customer typed. Numbers are read as their integer digits; past 2^53 they are refused.
 * Text longer than 64 KiB (as UTF-8) is refused as not text.
 */
export type CardText = string | number | bigint;

/**
 * Card data with Midtrans's own field names, as `MidtransNew3ds.getCardToken` takes it.
 * Keep 19-digit numbers as strings.
 */
export interface CardData {
  card_number?: CardText;
  card_exp_month?: CardText;
  card_exp_year?: CardText;
  card_cvv?: CardText;
  /** A `saved_token_id` for two-click payments: then only `card_cvv` is needed. */
  token_id?: string;
  /** Indonesian domestic-card one-time token (KKI), passed through to Midtrans. */
  bank_one_time_token?: string;
}

/** Options for number validation. */
export interface NumberOptions {
  /** Brands you accept; others give `unsupported_brand`. Default: all. */
  supportedBrands?: readonly Brand[];
  /** Also Luhn-check UnionPay numbers (off by default, as in card-validator). */
  luhnValidateUnionPay?: boolean;
}

/** The verdict on a card number. */
export interface NumberValidation {
  /** A complete, valid number of an accepted brand. */
  isValid: boolean;
  /** Valid, or may still become valid as the customer keeps typing. */
  isPotentiallyValid: boolean;
  /** The brand, once the digits determine exactly one. */
  brand: Brand | null;
  /** Every brand the digits may still belong to, in detection order. */
  candidates: Brand[];
  /** Why it is not valid; `null` when valid. */
  reason: NumberReason | null;
}

/** A month, for injecting "today" into expiry checks. */
export interface YearMonth {
  year: number;
  /** 1-12. */
  month: number;
}

/** Options for expiry validation. */
export interface ExpiryOptions {
  /** The current month. Default: the browser's local date. */
  today?: YearMonth;
  /** How many years ahead an expiry may be. Default 19. */
  maxYearsAhead?: number;
}

/** The verdict on an expiry date. */
export interface ExpiryValidation {
  isValid: boolean;
  isPotentiallyValid: boolean;
  /** The month (1-12), once known. */
  month: number | null;
  /** The full year (two-digit years resolved), once complete. */
  year: number | null;
  reason: ExpiryReason | null;
}

/** The verdict on a security code. */
export interface CvvValidation {
  isValid: boolean;
  isPotentiallyValid: boolean;
  reason: CvvReason | null;
}

/** Which field a card error is about. */
export type CardField = 'card_number' | 'card_exp' | 'card_cvv';

/** One field error. */
export type FieldError =
  | { field: 'card_number'; code: NumberReason; message: string }
  | { field: 'card_exp'; code: ExpiryReason; message: string }
  | { field: 'card_cvv'; code: CvvReason; message: string };

/**
 * Language of field-error messages, as a BCP 47 tag: `'id'`, `'id-ID'` (or the legacy `'in'`)
 * give Bahasa Indonesia, anything else English.
 */
export type Locale = 'en' | 'id' | (string & {});

/** Options for whole-card validation. */
export interface CardOptions extends NumberOptions, ExpiryOptions {
  /** Language of the messages. Default `'en'` (for `MidtransCard` calls: the `load()` locale). */
  locale?: Locale;
}

/** The verdict on a whole card. */
export interface CardValidation {
  isValid: boolean;
  brand: Brand | null;
  /** Every field error, in field order; empty when valid. */
  errors: FieldError[];
}

/** What a brand looks like. */
export interface BrandInfo {
  brand: Brand;
  niceName: string;
  /** Valid lengths of the full number. */
  lengths: number[];
  /** Indices at which a space goes when formatting. */
  gaps: number[];
  /** What the brand calls its security code: `CVV`, `CVC`, `CID`... */
  cvvName: string;
  cvvLength: number;
}

/** Validates a card number as typed (spaces, dashes and NBSP allowed). Never throws. */
export function validateCardNumber(value: CardText | null | undefined, options?: NumberOptions): NumberValidation;
/** Validates an expiry: `MM/YY`, `MM / YY`, `MM/YYYY`, `M/YY`, `MMYY`, `MMYYYY`, `YYYY-MM`, or `{ month, year }`. */
export function validateExpiry(
  value: string | { month: CardText; year: CardText } | null | undefined,
  options?: ExpiryOptions,
): ExpiryValidation;
/** Validates a security code for the brand (Amex 4 digits, others 3; unknown brand 3 or 4). */
export function validateCvv(value: CardText | null | undefined, brand?: Brand | null): CvvValidation;
/** Validates Midtrans card data, listing every field error. */
export function validateCard(card: CardData, options?: CardOptions): CardValidation;
/** The brand's details once the digits determine one brand; `null` otherwise. */
export function detectBrand(value: CardText): BrandInfo | null;
/** `"4811111111111114"` -> `"4811 1111 1111 1114"` (brand gaps; extra digits dropped). */
export function formatCardNumber(value: CardText): string;
/** As-you-type formatting of an input's value; `caret` is `selectionStart`, kept by its digit. */
export function formatCardInput(value: string, caret: number): { value: string; caret: number };
/**
 * As-you-type `MM/YY` for an expiry input: digits only, `"4"` -> `"04/"`, `"12"` -> `"12/"`, a
 * pasted `"12/2030"` -> `"12/30"`, caret kept by its digit. Pass the `InputEvent`'s `inputType`
 * so a backspace over the slash removes it (`"12/"` -> `"12"`) instead of it coming back.
 */
export function formatExpiryInput(value: string, caret: number, inputType?: string | boolean): { value: string; caret: number };

// ---------------------------------------------------------------------------------------------
// Errors: one class, `MidtransCardError`, discriminated by `code`.
// ---------------------------------------------------------------------------------------------

/** The evidence a `MidtransCardError` may carry, by field. Never the card number. */
interface Evidence {
  errors: FieldError[];
  statusCode: string;
  validationMessages: string[];
  response: unknown;
  httpStatus: number;
  charge: unknown;
}

/** The evidence fields a code does not carry: always `undefined`. */
type Absent<K extends keyof Evidence> = { readonly [P in Exclude<keyof Evidence, K>]?: undefined };

/** What every `MidtransCardError` has. */
export interface CodedError<C extends string> extends Error {
  readonly name: 'MidtransCardError';
  /** What went wrong, stably: branch on it, never on the message. */
  readonly code: C;
  /**
   * The message, in the `load()` locale (`'en'` or `'id'`; `not_initialized` is always English).
   * In English it explains the case; in Indonesian it is the code's message, and the English
   * explanation is in `detail`.
   */
  readonly message: string;
  /** The English explanation, when `message` is in another language and the package has one. */
  readonly detail?: string;
}

/** `not_initialized`: a function was called before `init()` (or `initSync()`) finished. */
export interface NotInitializedError extends CodedError<'not_initialized'>, Absent<never> {}

/**
 * Every throw and rejection of this package: an `Error` with a stable `code`. Narrow with
 * `instanceof`, then branch on `code` to get that code's evidence:
 *
 * ```ts
 * if (e instanceof MidtransCardError && e.code === 'invalid_card') showFieldErrors(e.errors);
 * ```
 */
export type MidtransCardError =
  | NotInitializedError
  // @midtrans-start (not in midtrans-card/validate)
  | InvalidCardError
  | PlainError
  | TokenFailedError
  | TransactionError
  | BackendError
  | ChargeFailedError
  // @midtrans-end
  ;

/** Stable error codes: branch on `error.code`, never on the message. */
export type ErrorCode = MidtransCardError['code'];

/** The `MidtransCardError` class (for `instanceof`; the package constructs its errors itself). */
export const MidtransCardError: {
  new (code: ErrorCode, message: string, details?: Partial<Evidence>): MidtransCardError;
  readonly prototype: MidtransCardError;
};

// @midtrans-start (not in midtrans-card/validate)
// ---------------------------------------------------------------------------------------------
// Midtrans: a Promise API over `MidtransNew3ds`, the 3DS popup, and the whole payment flow.
// ---------------------------------------------------------------------------------------------

/** An object Midtrans answered (a token answer, a charge, a transaction), as it came. */
export interface MidtransResponse {
  status_code?: string;
  status_message?: string;
  validation_messages?: string[];
  transaction_status?: string;
  fraud_status?: string;
  order_id?: string;
  transaction_id?: string;
  [field: string]: unknown;
}

/** Thrown by `MidtransNew3ds` calls: the evidence Midtrans sent. */
interface MidtransEvidence {
  /** Midtrans's `status_code` (`"400"`, `"401"`, `"202"`, `"407"`...), when it sent one. */
  readonly statusCode?: string;
  /** Midtrans's `validation_messages`, when it sent any. */
  readonly validationMessages?: string[];
}

/** `invalid_card`: validation failed before any network call. */
export interface InvalidCardError extends CodedError<'invalid_card'>, Absent<'errors'> {
  /** Every field error, in field order. */
  readonly errors: FieldError[];
}

/** Failures that carry only a code and a message. */
export type PlainErrorCode =
  | 'invalid_options'
  | 'sdk_load_failed'
  | 'sdk_not_loaded'
  | 'sdk_error'
  | 'timeout'
  | 'busy'
  | 'cancelled'
  | 'popup_failed'
  | 'invalid_redirect_url'
  | 'network_error';

/**
 * `invalid_options`: missing client key, unknown environment, no `chargeUrl`.
 * `sdk_load_failed`: the Midtrans script failed to load (404, CSP, blocked) or timed out; or
 *   `CardForm.define()` could not fetch the card form's code (`form.js`).
 * `sdk_not_loaded`: no `MidtransNew3ds` global and no way to load it.
 * `sdk_error`: `MidtransNew3ds` threw when called.
 * `timeout`: a callback never came. `busy`: another call is in flight.
 * `cancelled`: the customer closed a closable popup. `popup_failed`: the 3DS popup could not be built.
 * `invalid_redirect_url`: not https on an allowed Midtrans/Veritrans host.
 * `network_error`: your backend could not be reached.
 */
export interface PlainError<C extends PlainErrorCode = PlainErrorCode> extends CodedError<C>, Absent<'charge'>, AfterCharge {}

/**
 * `pay()` only, once your backend created the charge (`cancelled`, `timeout`, `popup_failed`, a
 * denial...): the charge answer, so you can reconcile. Ask your backend for the order's status
 * (it asks Midtrans) before telling the customer anything.
 */
interface AfterCharge {
  readonly charge?: MidtransResponse;
}

/** `token_failed`: Midtrans answered getCardToken/registerCard with a non-200 `status_code`. */
export interface TokenFailedError extends CodedError<'token_failed'>, MidtransEvidence, Absent<'statusCode' | 'validationMessages' | 'response'> {
  /** Midtrans's token answer. */
  readonly response?: MidtransResponse;
}

/**
 * `authentication_failed` (3DS did not authenticate the cardholder), `authentication_expired`
 * (the 3DS page expired: 407 / `expire`), `payment_denied` (the bank or fraud detection denied
 * the payment: `response.fraud_status === 'deny'` means fraud detection).
 */
export interface TransactionError<C extends 'authentication_failed' | 'authentication_expired' | 'payment_denied' =
  'authentication_failed' | 'authentication_expired' | 'payment_denied'>
  extends CodedError<C>, MidtransEvidence, AfterCharge, Absent<'statusCode' | 'validationMessages' | 'response' | 'charge'> {
  /** The transaction object Midtrans sent (the charge answer or the 3DS result). */
  readonly response?: MidtransResponse;
}

/** `backend_error`: your backend answered non-2xx without a Midtrans `status_code`. */
export interface BackendError extends CodedError<'backend_error'>, Absent<'response' | 'httpStatus'> {
  /** The HTTP status of your backend's answer. */
  readonly httpStatus: number;
  /** Its body: parsed JSON, else the text, `null` when empty. */
  readonly response: unknown;
}

/** `charge_failed`: the charge answer carries a 4xx/5xx Midtrans `status_code` (406 duplicate order, 411 stale token...). */
export interface ChargeFailedError extends CodedError<'charge_failed'>, MidtransEvidence, Absent<'statusCode' | 'validationMessages' | 'response' | 'httpStatus'> {
  /**
   * The HTTP status of your backend's answer (200 when it relayed Midtrans's answer as it
   * came: Midtrans itself answers HTTP 200 with `status_code: "406"`; read `statusCode`).
   */
  readonly httpStatus: number;
  /** The charge answer your backend sent. */
  readonly response: unknown;
}

/** `MidtransNew3ds` environments. */
export type Environment = 'sandbox' | 'production';

/** Options for {@link MidtransCard.load}. */
export interface LoadOptions {
  /** Your Midtrans client key (`SB-Mid-client-...` in sandbox). Required. */
  clientKey: string;
  /** `'sandbox'` or `'production'`; anything else is refused (`invalid_options`). */
  environment: Environment;
  /** Where to load `midtrans-new-3ds.min.js` from. Default: Midtrans's URL. */
  scriptUrl?: string;
  /**
   * Base URL of the token API. Default: `https://api.sandbox.midtrans.com` or
   * `https://api.midtrans.com` by environment. Set it to run against a local sandbox.
   */
  apiBaseUrl?: string;
  /** How long to wait for the script. Default 15000 ms. */
  timeoutMs?: number;
  /**
   * Extra origins allowed for 3DS pages (`http://api.sandbox.midtrans.localhost:8080` for the
   * offline sandbox). By default only https Midtrans/Veritrans hosts are allowed.
   */
  allowedRedirectOrigins?: readonly string[];
  /** Language of field-error messages for this instance's calls. Default `'en'`. */
  locale?: Locale;
  /**
   * Subresource Integrity metadata (`'sha384-…'`) for the script tag the package injects; the
   * tag also gets `crossorigin="anonymous"`, so the script must be served with CORS headers.
   */
  integrity?: string;
  /** The page's CSP nonce, set on the script tags the package injects. */
  nonce?: string;
  /**
   * For pages enforcing `require-trusted-types-for 'script'`: the package's script URLs go
   * through a `midtrans-card` policy, and the library's token request through a `default`
   * policy of the package's own token frame that allows only the configured script URL and
   * token endpoints. The CSP must allow both: `trusted-types midtrans-card default`.
   * Default `false`.
   */
  trustedTypes?: boolean;
}

/** Options for {@link loadMidtrans}: {@link LoadOptions}, plus another copy of the `.wasm` when a page wants one. */
export interface LoadMidtransOptions extends LoadOptions {
  /** Passed to `init({ module_or_path })` (see the README's bundler table). Default: the copy inside the module. */
  module_or_path?: InitInput | Promise<InitInput>;
}

/**
 * One call from nothing to a loaded {@link MidtransCard}: `init()` (memoized: shares an earlier or
 * concurrent call), then {@link MidtransCard.load}. Resolves `null` where there is no `window`
 * (server-side rendering), without touching the network or the wasm; render the card form on
 * the client only.
 */
export function loadMidtrans(options: LoadMidtransOptions): Promise<MidtransCard | null>;

/**
 * Options for `getCardToken` and `registerCard`: the timeout, and the validation that runs first
 * (the same options as {@link validateCard}; `locale` defaults to the `load()` locale).
 */
export interface TokenOptions extends CardOptions {
  /** How long to wait for Midtrans. Default 30000 ms. */
  timeoutMs?: number;
}

/** `getCardToken` success: forward `token_id` to your backend's charge. */
export interface TokenResponse {
  status_code: '200';
  status_message?: string;
  token_id: string;
  hash?: string;
  /** Any other field Midtrans sent. */
  [field: string]: unknown;
}

/** `registerCard` success: store `saved_token_id` for one/two-click payments. */
export interface RegisterResponse {
  status_code: '200';
  saved_token_id: string;
  masked_card?: string;
  transaction_id?: string;
  [field: string]: unknown;
}

/** What the frontend learned about the payment. */
export type Outcome = 'success' | 'pending' | 'challenge';

/**
 * Midtrans's transaction object plus `outcome`. **Not authoritative:** Midtrans requires the
 * backend to confirm the final status (HTTP notification or get-status) before fulfilling.
 */
export interface TransactionResult {
  outcome: Outcome;
  /** Always `false`: the browser cannot verify a payment. Confirm on your backend. */
  verifiedByBackend: false;
  status_code: string;
  status_message?: string;
  transaction_id?: string;
  order_id?: string;
  gross_amount?: string;
  currency?: string;
  payment_type?: string;
  transaction_time?: string;
  transaction_status?: 'capture' | 'settlement' | 'pending' | 'authorize' | 'deny' | 'cancel' | 'expire' | 'failure' | (string & {});
  fraud_status?: 'accept' | 'challenge' | 'deny' | (string & {});
  masked_card?: string;
  bank?: string;
  card_type?: string;
  eci?: string;
  three_ds_version?: string;
  saved_token_id?: string;
  [field: string]: unknown;
}

/** How the 3DS popup looks and behaves. */
export interface PopupOptions {
  /** Show a close button and close on Escape (rejects `cancelled`). Default false, as Midtrans's sample. */
  closable?: boolean;
  /** Accessible name of the dialog. Default "Card verification (3-D Secure)" ("Verifikasi kartu (3-D Secure)" in `id`). */
  title?: string;
  /** Language of the default title, the close button's label and the errors. Default: the `load()` locale for `authenticate`/`pay`, `'en'` for `ThreeDsPopup.open`. */
  locale?: Locale;
  /** Class-name prefix for restyling: `${prefix}-overlay`, `-dialog`, `-frame`, `-close`. Default `mc3ds`. */
  classPrefix?: string;
  /** Where to attach the overlay. Default `document.body`. */
  container?: HTMLElement;
}

/** Options for {@link MidtransCard.authenticate}. */
export interface AuthenticateOptions {
  popup?: PopupOptions;
  /** Default 660000 ms (Midtrans expires the 3DS page after 10 minutes). */
  timeoutMs?: number;
}

/** Options for {@link MidtransCard.pay}: the charge, the popup, and the token step's {@link TokenOptions}. */
export interface PayOptions extends TokenOptions {
  /** Your backend's charge endpoint: receives `POST { token_id, ...body }` as JSON, answers Midtrans's charge response. */
  chargeUrl: string;
  /** Extra JSON fields for your backend (order, amount, items...). */
  body?: Record<string, unknown>;
  /** Extra request headers (CSRF token...). */
  headers?: Record<string, string>;
  popup?: PopupOptions;
  /** Token step timeout. Default 30000 ms. */
  timeoutMs?: number;
  /**
   * How long to wait for your backend's charge answer before giving up (`timeout`; the request
   * is aborted, the charge may still exist). Default 30000 ms. Every attempt sends a fresh
   * `Idempotency-Key` header (a UUID) for your backend to pass on to Midtrans's charge.
   */
  chargeTimeoutMs?: number;
  /** `fetch` credentials mode. Default `'same-origin'`. */
  credentials?: 'omit' | 'same-origin' | 'include';
}

/** A Promise API over Midtrans's `MidtransNew3ds`. One call in flight at a time (`busy` otherwise). */
export class MidtransCard {
  private constructor();
  /**
   * Reuses the page's `MidtransNew3ds` or loads the script; safe to call twice. Call `init()`
   * first (or use {@link loadMidtrans}): before it, rejects `not_initialized`.
   */
  static load(options: LoadOptions): Promise<MidtransCard>;
  /** The environment this instance talks to. */
  readonly environment: Environment;
  /** Validates, then tokenizes. Rejects `invalid_card` (no network call), `token_failed`, `timeout`, `busy`. */
  getCardToken(card: CardData, options?: TokenOptions): Promise<TokenResponse>;
  /** Validates, then registers the card for one/two-click payments. */
  registerCard(card: CardData, options?: TokenOptions): Promise<RegisterResponse>;
  /** Shows the charge's `redirect_url` in the 3DS popup and resolves with the result. */
  authenticate(redirectUrl: string, options?: AuthenticateOptions): Promise<TransactionResult>;
  /** Full-page 3DS: Midtrans POSTs a `response` form field (JSON string) to `callbackUrl` afterwards. */
  redirect(redirectUrl: string, options?: { callbackUrl?: string }): void;
  /** Token -> your backend's charge -> 3DS if asked -> the result. */
  pay(card: CardData, options: PayOptions): Promise<TransactionResult>;
  /** Releases listeners and callbacks. The instance is unusable afterwards. */
  free(): void;
}

/** The 3DS iframe popup, for merchants who run their own flow. */
export class ThreeDsPopup {
  private constructor();
  /**
   * Opens `url` (https on an allowed Midtrans/Veritrans host, or an `allowedOrigins` entry) in a
   * modal dialog. Throws `invalid_redirect_url` without touching the DOM otherwise. One at a time:
   * opening a second closes the first.
   * Before `init()`, throws `not_initialized`.
   */
  static open(url: string, options?: PopupOptions & { allowedOrigins?: readonly string[] }): ThreeDsPopup;
  /** The iframe showing the 3DS page. */
  readonly iframe: HTMLIFrameElement;
  /** Whether the popup is still open. */
  readonly isOpen: boolean;
  /** Called once when the customer closes a closable popup. */
  onCancel: (() => void) | null;
  /** Removes the overlay, restores focus and scroll, releases listeners. Idempotent. */
  close(): void;
  /** Same as close(), then releases the Rust side. */
  free(): void;
}

/** The extra `pay()` options a {@link CardForm} passes on (the rest comes from its attributes). */
export type CardFormPayOptions = Omit<PayOptions, 'chargeUrl' | 'popup'>;

/** `payment`: the card was paid (or is pending or under review): `detail` is the result. */
export type CardFormPaymentEvent = CustomEvent<TransactionResult>;
/** `paymenterror`: the attempt failed and the form has shown why: `detail` is the error. */
export type CardFormPaymentErrorEvent = CustomEvent<MidtransCardError>;

/** The events a {@link CardForm} fires (bubbling, composed). */
export interface CardFormEventMap extends HTMLElementEventMap {
  payment: CardFormPaymentEvent;
  paymenterror: CardFormPaymentErrorEvent;
}

/**
 * `<midtrans-card-form>`: card number, expiry and CVV fields, validation, `pay()` and the 3DS
 * popup in one element, in English or Indonesian. Attributes: `client-key`, `environment`,
 * `charge-url`, `locale` (`en` | `id`), `api-base-url`, `script-url`, `redirect-origins`
 * (space-separated), `closable`, `submit-label`, and `callback-url` for full-page 3DS.
 */
export interface CardForm extends HTMLElement {
  /**
   * Extra `pay()` options: `body` (the cart for your backend), `headers`, `supportedBrands`...
   * May be set before the element is defined: it is applied when the element upgrades.
   */
  payOptions: CardFormPayOptions;
  /** Focuses the card number field. */
  focus(options?: FocusOptions): void;
  addEventListener<K extends keyof CardFormEventMap>(type: K, listener: (this: CardForm, ev: CardFormEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CardFormEventMap>(type: K, listener: (this: CardForm, ev: CardFormEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * Registers the card form. Its code (`form.js`) is fetched on the first `define()` only, so a page
 * that never calls it never downloads it; elements already in the page upgrade once it is defined.
 */
export const CardForm: {
  /**
   * Registers the element as `<midtrans-card-form>`, or as `tag` (memoized per tag). Call after
   * `init()`. Resolves once defined; rejects `sdk_load_failed` when `form.js` cannot be fetched
   * (calling again retries). Where there is no `customElements` (Node, SSR), resolves at once.
   */
  define(tag?: string): Promise<void>;
};

declare global {
  interface HTMLElementTagNameMap {
    'midtrans-card-form': CardForm;
  }
}
// @midtrans-end
