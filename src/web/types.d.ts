/**
 * midtrans-card: card validation, tokenization and 3-D Secure for Midtrans, in WebAssembly.
 *
 * Call the default export (`init`) once before anything else:
 *
 * ```ts
 * import init, { validateCard } from 'midtrans-card';
 * await init();
 * ```
 */

/** Initialises the WebAssembly module. Resolves once; later calls return the same module. */
export default function init(
  moduleOrPath?:
    | { module_or_path: InitInput | Promise<InitInput> }
    | InitInput
    | Promise<InitInput>,
): Promise<unknown>;

/** Where to load the `.wasm` from: a URL, a fetch `Response`, bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Synchronous initialisation from bytes or a compiled module (workers, tests). */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

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

/** Text a customer typed. Numbers are read as their integer digits; past 2^53 they are refused. */
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

/** Options for whole-card validation. */
export interface CardOptions extends NumberOptions, ExpiryOptions {
  /** Language of the messages: `'en'` (default) or `'id'` (Bahasa Indonesia). */
  locale?: 'en' | 'id' | (string & {});
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
