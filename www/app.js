// Kopi Senja demo checkout: card form -> midtrans-card (tokenize, charge through our backend,
// 3-D Secure popup) -> the outcome, then the status our backend verified from Midtrans's signed
// notification. The card number is never logged, stored or shown (only Midtrans's masked_card).
// Demo option "Full-page 3-D Secure": token -> our charge -> midtrans.redirect() to the bank's
// page in this tab; Midtrans then POSTs the result to /api/3ds-finish, which our backend verifies.
import init, {
  MidtransCard,
  MidtransCardError,
  validateCard,
  validateCardNumber,
  validateExpiry,
  validateCvv,
  formatCardInput,
  detectBrand,
} from '/pkg/index.js';

/**
 * What is in the cart: catalogue ids and quantities, never a price. The backend prices it from its
 * own catalogue (sandbox/src/merchant.rs), adds shipping, and decides the order id and 3-D Secure.
 * AMOUNT_TEXT is only what the page shows; the amount charged is the backend's.
 */
const CART = [{ id: 'kopi-susu-gula-aren-1l', quantity: 2 }];
const AMOUNT_TEXT = 'Rp 145.000';
const POLL_EVERY_MS = 500;
const POLL_FOR_MS = 15000;

/** Where Midtrans's 3DS page POSTs the result (form field `response`) after a full-page 3DS. */
const FINISH_PATH = '/api/3ds-finish';

const $ = (id) => document.getElementById(id);
const form = $('pay-form');
const fieldset = $('pay-fields');
const payButton = $('pay');
const payLabel = $('pay-label');
const status = $('status');
const errorBox = $('error');
const result = $('result');

/** The three card inputs, keyed by validateCard's field names. */
const FIELDS = {
  card_number: { input: $('card-number'), error: $('card-number-error'), box: $('field-number') },
  card_exp: { input: $('card-exp'), error: $('card-exp-error'), box: $('field-exp') },
  card_cvv: { input: $('card-cvv'), error: $('card-cvv-error'), box: $('field-cvv') },
};

/** Used only when validateCard has no message for a reason a validateX call gave. */
const FALLBACK_MESSAGES = {
  card_number: 'Check your card number.',
  card_exp: 'Check the expiry date (MM/YY).',
  card_cvv: 'Check the security code.',
};

function announce(text) {
  // Clear first so the same text is announced again.
  status.textContent = '';
  window.setTimeout(() => { status.textContent = text; }, 50);
}

// ---------------------------------------------------------------------------------------------
// Reading the form
// ---------------------------------------------------------------------------------------------

/** "MM/YY" (possibly partial) -> { month, year } strings as typed. */
function splitExpiry(text) {
  const digits = text.replace(/\D/g, '');
  return { month: digits.slice(0, 2), year: digits.slice(2) };
}

/** The card as Midtrans wants it. The year is made 4-digit once the expiry is valid. */
function readCard() {
  const exp = FIELDS.card_exp.input.value;
  const verdict = validateExpiry(exp);
  const { month, year } = splitExpiry(exp);
  return {
    card_number: FIELDS.card_number.input.value,
    card_exp_month: verdict.isValid ? String(verdict.month).padStart(2, '0') : month,
    card_exp_year: verdict.isValid ? String(verdict.year) : year,
    card_cvv: FIELDS.card_cvv.input.value,
  };
}

/** Field errors for the whole card, keyed by field (the package's messages). */
function cardErrors() {
  const byField = {};
  for (const e of validateCard(readCard()).errors) byField[e.field] ??= e;
  return byField;
}

/** The tri-state verdict of one field as it stands. */
function fieldVerdict(field) {
  const value = FIELDS[field].input.value;
  switch (field) {
    case 'card_number':
      return validateCardNumber(value);
    case 'card_exp':
      return validateExpiry(value);
    default: {
      const info = detectBrand(FIELDS.card_number.input.value);
      return validateCvv(value, info ? info.brand : null);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Showing field errors
// ---------------------------------------------------------------------------------------------

function setFieldError(field, message) {
  const f = FIELDS[field];
  f.error.textContent = message || '';
  f.input.setAttribute('aria-invalid', message ? 'true' : 'false');
  f.box.classList.toggle('has-error', Boolean(message));
}

function clearFieldErrors() {
  for (const field of Object.keys(FIELDS)) setFieldError(field, '');
}

/**
 * Live check of one field. `mode`: 'typing' shows an error only once the value can no longer
 * become valid; 'blur' also flags values that are complete-but-wrong (bad checksum, expired).
 */
function checkField(field, mode) {
  const value = FIELDS[field].input.value.trim();
  if (!value) {
    setFieldError(field, '');
    return;
  }
  const verdict = fieldVerdict(field);
  const show = mode === 'blur' ? !verdict.isValid : !verdict.isPotentiallyValid;
  if (!show) {
    // Fix errors as soon as the value is fine again, but don't nag while still typing.
    if (verdict.isValid || verdict.isPotentiallyValid) setFieldError(field, '');
    return;
  }
  const e = cardErrors()[field];
  setFieldError(field, e ? e.message : FALLBACK_MESSAGES[field]);
}

/** Shows every field error (submit); returns true when the card is valid. */
function showAllErrors(errors) {
  let first = null;
  for (const field of Object.keys(FIELDS)) {
    const e = errors.find((x) => x.field === field);
    setFieldError(field, e ? e.message : '');
    if (e && !first) first = field;
  }
  if (first) FIELDS[first].input.focus();
  return first === null;
}

// ---------------------------------------------------------------------------------------------
// As-you-type behaviour
// ---------------------------------------------------------------------------------------------

const brandText = $('card-brand');
const cvvLabel = $('card-cvv-label');
const cvvHint = $('card-cvv-hint');

function updateBrand() {
  const info = detectBrand(FIELDS.card_number.input.value);
  brandText.textContent = info ? info.niceName : '';
  brandText.dataset.brand = info ? info.brand : '';
  const cvvName = info ? info.cvvName : 'CVV';
  const cvvLength = info ? info.cvvLength : 3;
  cvvLabel.textContent = cvvName;
  const cvv = FIELDS.card_cvv.input;
  cvv.maxLength = info ? cvvLength : 4;
  cvv.placeholder = cvvLength === 4 ? '1234' : '123';
  cvvHint.textContent = info && info.brand === 'american-express'
    ? '4 digits on the front'
    : `${cvvLength} digits on the back`;
}

function onNumberInput() {
  const input = FIELDS.card_number.input;
  const caret = input.selectionStart ?? input.value.length;
  const out = formatCardInput(input.value, caret);
  if (out.value !== input.value) {
    input.value = out.value;
    if (document.activeElement === input) input.setSelectionRange(out.caret, out.caret);
  }
  updateBrand();
  checkField('card_number', 'typing');
  if (FIELDS.card_cvv.input.value) checkField('card_cvv', 'typing');
}

/** MM/YY with the slash added while typing ("4" -> "04/", "12" -> "12/"), removable by Backspace. */
function onExpiryInput(event) {
  const input = FIELDS.card_exp.input;
  const before = input.value;
  const caret = input.selectionStart ?? before.length;
  const atEnd = caret === before.length;
  const deleting = typeof event.inputType === 'string' && event.inputType.startsWith('delete');
  // Deleting inside a well-formed value ("12/3" -> "12/"): leave it as the customer made it.
  if (deleting && /^\d{0,2}(\/\d{0,2})?$/.test(before)) {
    checkField('card_exp', 'typing');
    return;
  }
  let digits = before.replace(/\D/g, '');
  // Pasted or autofilled with a 4-digit year ("12/2030", "122030"): keep MM/YY.
  if (digits.length >= 6 && digits.slice(2, 4) === '20') digits = `${digits.slice(0, 2)}${digits.slice(4, 6)}`;
  // "1/" typed by hand means January.
  if (/^\d\/$/.test(before) && !deleting) digits = `0${digits}`;
  // A first digit above 1 can only be a single-digit month.
  if (digits.length === 1 && digits > '1' && !deleting) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  let value;
  if (digits.length > 2) value = `${digits.slice(0, 2)}/${digits.slice(2)}`;
  else if (digits.length === 2 && !deleting) value = `${digits}/`;
  else value = digits;
  if (value !== before) {
    input.value = value;
    let pos = value.length;
    if (!atEnd) {
      // Keep the caret after the same number of digits.
      const digitsBefore = before.slice(0, caret).replace(/\D/g, '').length;
      pos = 0;
      for (let seen = 0; pos < value.length && seen < digitsBefore; pos += 1) {
        if (/\d/.test(value[pos])) seen += 1;
      }
    }
    input.setSelectionRange(pos, pos);
  }
  checkField('card_exp', 'typing');
}

function onCvvInput() {
  const input = FIELDS.card_cvv.input;
  const digits = input.value.replace(/\D/g, '');
  if (digits !== input.value) input.value = digits;
  checkField('card_cvv', 'typing');
}

// ---------------------------------------------------------------------------------------------
// Midtrans
// ---------------------------------------------------------------------------------------------

let configPromise = null;
let cardPromise = null;

function loadConfig() {
  configPromise ??= fetch('/api/config', { headers: { accept: 'application/json' } }).then((r) => {
    if (!r.ok) throw new Error(`config ${r.status}`);
    return r.json();
  });
  configPromise.catch(() => { configPromise = null; });
  return configPromise;
}

/** One MidtransCard for the page; retried on the next Pay if loading failed. */
function loadMidtrans() {
  cardPromise ??= loadConfig().then((config) => MidtransCard.load({
    clientKey: config.clientKey,
    environment: config.environment,
    scriptUrl: config.scriptUrl,
    apiBaseUrl: config.apiBaseUrl,
    allowedRedirectOrigins: config.redirectOrigins,
  }));
  cardPromise.catch(() => { cardPromise = null; });
  return cardPromise;
}

/** The verified status from our backend (Midtrans's signed HTTP notification or get-status). */
async function pollVerifiedStatus(orderId, onUpdate) {
  const deadline = Date.now() + POLL_FOR_MS;
  let last = null;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`/api/orders/${encodeURIComponent(orderId)}`, { headers: { accept: 'application/json' } });
      if (r.ok) {
        last = await r.json();
        // Midtrans notifies every change: a 3DS charge is first `pending`, then `capture`
        // (or `deny`...). Stop at the first notified status that is past `pending`.
        if (last.source === 'notification' && last.transaction_status !== 'pending') break;
        onUpdate(last, false);
      }
    } catch {
      // Offline for a moment: keep trying until the deadline.
    }
    await new Promise((resolve) => { window.setTimeout(resolve, POLL_EVERY_MS); });
  }
  onUpdate(last, true);
}

// ---------------------------------------------------------------------------------------------
// Full-page 3-D Secure (redirect)
// ---------------------------------------------------------------------------------------------

/** A failure of our own charge call on the redirect path, shaped like MidtransCardError. */
class ChargeError extends Error {
  constructor(code, response, httpStatus) {
    super(code);
    this.name = 'ChargeError';
    this.code = code;
    this.response = response ?? undefined;
    if (response && typeof response.status_code === 'string') this.statusCode = response.status_code;
    if (response && Array.isArray(response.validation_messages)) this.validationMessages = response.validation_messages;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }
}

/**
 * A charge answer without `redirect_url`, read as pay() does: the outcome to show, or a failure.
 * 200/201 + capture/settlement/authorize: success (challenge when FDS holds it); 201 pending:
 * pending; 202: declined; 407: expired; anything else: the charge failed.
 */
function chargeOutcome(charge) {
  const code = String(charge.status_code ?? '');
  if (code === '200' || code === '201') {
    const t = charge.transaction_status;
    if (t === 'capture' && charge.fraud_status === 'challenge') return 'challenge';
    if (t === 'capture' || t === 'settlement' || t === 'authorize') return 'success';
    if (t === 'pending') return 'pending';
    throw new ChargeError('payment_denied', charge);
  }
  if (code === '202') throw new ChargeError('payment_denied', charge);
  if (code === '407') throw new ChargeError('authentication_expired', charge);
  throw new ChargeError('charge_failed', charge);
}

/**
 * Token -> our charge (3-D Secure on) -> Midtrans's 3DS page in this tab. Returns null once the
 * page is navigating away, or a TransactionResult-like object when no 3DS was needed.
 */
async function payWithRedirect(midtrans, card) {
  const { token_id } = await midtrans.getCardToken(card);
  let answer;
  try {
    answer = await fetch('/api/charge', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token_id, items: CART }),
    });
  } catch {
    throw new ChargeError('network_error');
  }
  let charge = null;
  try {
    charge = await answer.json();
  } catch {
    // Not JSON: reported below as a backend error.
  }
  const isObject = charge !== null && typeof charge === 'object' && !Array.isArray(charge);
  const hasStatus = isObject && typeof charge.status_code === 'string' && charge.status_code !== '';
  if (!answer.ok) throw new ChargeError(hasStatus ? 'charge_failed' : 'backend_error', charge, answer.status);
  if (!isObject) throw new ChargeError('backend_error', charge, answer.status);
  if (typeof charge.redirect_url === 'string' && charge.redirect_url) {
    // Throws invalid_redirect_url (before navigating) unless the URL is Midtrans's.
    midtrans.redirect(charge.redirect_url, { callbackUrl: new URL(FINISH_PATH, window.location.href).href });
    return null;
  }
  return { ...charge, outcome: chargeOutcome(charge), verifiedByBackend: false };
}

// ---------------------------------------------------------------------------------------------
// Busy state, errors, result
// ---------------------------------------------------------------------------------------------

function setBusy(busy) {
  fieldset.disabled = busy;
  // aria-disabled, not disabled: a disabled button drops focus to <body>, and the 3DS popup
  // gives focus back to whatever had it when it opened. Double clicks are stopped by `paying`.
  payButton.setAttribute('aria-disabled', busy ? 'true' : 'false');
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  form.classList.toggle('is-busy', busy);
  payLabel.textContent = busy ? 'Processing…' : `Pay ${AMOUNT_TEXT}`;
}

function hideError() {
  errorBox.hidden = true;
  errorBox.dataset.code = '';
  $('error-title').textContent = '';
  $('error-detail').textContent = '';
}

function showError(code, title, detail) {
  errorBox.dataset.code = code;
  $('error-title').textContent = title;
  $('error-detail').textContent = detail || '';
  errorBox.hidden = false;
}

/** What Midtrans said, when it said something worth showing (never includes the card number). */
function midtransDetail(err) {
  const r = err.response && typeof err.response === 'object' ? err.response : null;
  const parts = [];
  if (r && typeof r.status_message === 'string') parts.push(`Details: ${r.status_message}`);
  if (Array.isArray(err.validationMessages) && err.validationMessages.length) parts.push(err.validationMessages.join('; '));
  if (r && typeof r.order_id === 'string') parts.push(`Reference: ${r.order_id}`);
  return parts.join(' · ');
}

const DECLINED = 'No money was taken. Try another card, or contact your bank.';

function explain(err) {
  if (!(err instanceof MidtransCardError || err instanceof ChargeError)) {
    return ['unexpected', 'Something went wrong on our side.', 'Please try again. Your card was not charged.'];
  }
  const detail = midtransDetail(err);
  switch (err.code) {
    case 'invalid_card':
      return [err.code, 'Please check your card details.', 'Fix the highlighted fields and try again.'];
    case 'authentication_failed':
      // 3-D Secure did not verify the cardholder (wrong one-time code, card not enrolled).
      return [err.code, 'Your bank declined the verification.',
        `The one-time code was not accepted. No money was taken; you can try again. ${detail}`.trim()];
    case 'payment_denied': {
      // The bank or Midtrans's fraud check refused the payment (after 3-D Secure, or without it).
      const r = err.response && typeof err.response === 'object' ? err.response : {};
      const title = r.fraud_status === 'deny' ? 'The payment was declined by the fraud check.' : 'Your bank declined the payment.';
      return [err.code, title, `${DECLINED} ${detail}`.trim()];
    }
    case 'cancelled':
      return [err.code, 'Payment cancelled.', err.confirmed === false
        ? 'You closed the verification window. We could not confirm the payment\'s status: check your order before paying again.'
        : 'You closed the verification window. Your card was not charged.'];
    case 'authentication_expired':
      return [err.code, 'The verification page expired.', err.confirmed === false
        ? 'We could not confirm the payment\'s status: check your order before paying again.'
        : 'Please pay again; your card was not charged.'];
    case 'timeout':
      return [err.code, 'The payment is taking too long.', err.confirmed === true
        ? 'Your card was not charged. Please try again in a moment.'
        : 'We could not confirm whether the payment went through: check your order before paying again.'];
    case 'token_failed':
      return [err.code, 'Midtrans could not accept these card details.', detail || 'Check your card details and try again.'];
    case 'charge_failed':
      return [err.code, 'We could not process the payment.', `Please try again in a moment. ${detail}`.trim()];
    case 'backend_error':
      return [err.code, 'Our payment server had a problem.', 'Please try again in a moment. Your card was not charged.'];
    case 'network_error':
      return [err.code, 'No connection.', 'Check your internet connection and try again.'];
    case 'sdk_load_failed':
    case 'sdk_not_loaded':
      return [err.code, 'The card payment form could not load.', 'Reload the page, or turn off content blockers for this site.'];
    case 'busy':
      return [err.code, 'A payment is already in progress.', 'Please wait for it to finish.'];
    default:
      return [err.code, 'The payment could not be started.', 'Please try again later. Your card was not charged.'];
  }
}

const OUTCOME_TEXT = {
  success: 'Paid',
  pending: 'Waiting for your bank',
  challenge: 'Under review',
};

const RESULT_TITLE = {
  success: 'Payment received',
  pending: 'Payment is being verified',
  challenge: 'Payment under review',
};

function showResult(tx) {
  const outcome = $('outcome');
  outcome.dataset.outcome = tx.outcome;
  outcome.textContent = OUTCOME_TEXT[tx.outcome] || tx.outcome;
  $('result-title').textContent = RESULT_TITLE[tx.outcome] || 'Payment submitted';
  $('result-icon').textContent = tx.outcome === 'success' ? '✓' : '…';
  result.dataset.outcome = tx.outcome;
  $('result-lead').textContent = tx.outcome === 'success'
    ? 'Terima kasih! Your coffee is on its way. We will confirm by email once the store has verified the payment.'
    : 'We will email you as soon as your bank confirms. You can close this page.';
  $('result-order').textContent = tx.order_id || '–';
  const brand = typeof tx.bank === 'string' && tx.bank ? ` · ${tx.bank.toUpperCase()}` : '';
  $('result-card').textContent = tx.masked_card ? `${tx.masked_card}${brand}` : '–';
  const verified = $('verified');
  verified.dataset.status = '';
  verified.dataset.source = '';
  verified.dataset.final = 'false';
  verified.textContent = 'Checking with Midtrans…';
  form.hidden = true;
  $('pay-head').hidden = true;
  result.hidden = false;
  $('result-title').focus();
}

const SOURCE_TEXT = {
  notification: 'verified by notification',
  'get-status': 'verified by status check',
};

function showVerified(order, final) {
  const verified = $('verified');
  verified.dataset.final = final ? 'true' : 'false';
  if (!order) {
    if (final) verified.textContent = 'Not confirmed yet: we will email you.';
    return;
  }
  verified.dataset.status = order.transaction_status ?? '';
  verified.dataset.source = order.source ?? '';
  const fraud = order.fraud_status ? ` / ${order.fraud_status}` : '';
  verified.textContent = `${order.transaction_status}${fraud} (${SOURCE_TEXT[order.source] || order.source})`;
  if (final) announce(`Store confirmation: ${order.transaction_status}${fraud}.`);
}

// ---------------------------------------------------------------------------------------------
// Submit
// ---------------------------------------------------------------------------------------------

let paying = false;

async function onSubmit(event) {
  event.preventDefault();
  if (paying) return;
  hideError();

  const card = readCard();
  const verdict = validateCard(card);
  if (!showAllErrors(verdict.errors)) {
    const n = verdict.errors.length;
    announce(`${n} card detail${n === 1 ? ' needs' : 's need'} fixing.`);
    return;
  }

  paying = true;
  setBusy(true);
  announce('Processing your payment…');
  let tx = null;
  let leaving = false;
  try {
    const midtrans = await loadMidtrans();
    if ($('use-redirect').checked) {
      tx = await payWithRedirect(midtrans, card);
      leaving = tx === null;
    } else {
      tx = await midtrans.pay(card, {
        chargeUrl: '/api/charge',
        body: { items: CART },
        popup: { closable: $('closable').checked, title: 'Confirm your payment with your bank' },
      });
    }
  } catch (err) {
    const paid = await reconcile(err);
    if (paid) {
      tx = paid;
    } else {
      const [code, title, detail] = explain(err);
      if (code === 'invalid_card' && Array.isArray(err.errors)) showAllErrors(err.errors);
      showError(code, title, detail);
      announce(title);
    }
  } finally {
    // Navigating to the bank's page: stay busy (and block a second Pay) until the page is gone.
    if (!leaving) {
      paying = false;
      setBusy(false);
    }
  }
  // Card data is not kept around once the payment attempt is over.
  card.card_number = '';
  card.card_cvv = '';

  if (leaving) {
    // Not even in the back/forward cache.
    FIELDS.card_number.input.value = '';
    FIELDS.card_cvv.input.value = '';
    announce('Opening your bank\'s verification page…');
    return;
  }

  if (!tx) {
    // Focus should be on Pay already (the popup restores it); make sure it is not lost.
    if (!errorBox.hidden && errorBox.dataset.code !== 'invalid_card'
        && (document.activeElement === document.body || document.activeElement === null)) {
      payButton.focus();
    }
    return;
  }
  FIELDS.card_number.input.value = '';
  FIELDS.card_cvv.input.value = '';
  updateBrand();
  showResult(tx);
  announce(`${RESULT_TITLE[tx.outcome] || 'Payment submitted'}. Checking with the store…`);
  if (tx.order_id) await pollVerifiedStatus(tx.order_id, showVerified);
  else showVerified(null, true);
}

/**
 * After `pay()` gave up once the charge existed (the customer closed the 3DS window, a wait ran
 * out), the payment may still have gone through: ask our backend (which asks Midtrans) before
 * telling the customer anything. Resolves the transaction when it was in fact paid; otherwise
 * rewrites `err.confirmed`, which `explain` reads: whether "not charged" is known.
 */
async function reconcile(err) {
  if (!err || !['cancelled', 'timeout', 'authentication_expired', 'network_error'].includes(err.code)) return null;
  const orderId = err.charge && typeof err.charge.order_id === 'string' ? err.charge.order_id : null;
  err.confirmed = false;
  if (!orderId) return null;
  try {
    const r = await fetch(`/api/orders/${encodeURIComponent(orderId)}`, { headers: { accept: 'application/json' } });
    if (!r.ok) return null;
    const order = await r.json();
    if (order.transaction_status === 'capture' || order.transaction_status === 'settlement') {
      return { ...err.charge, ...order, outcome: order.fraud_status === 'challenge' ? 'challenge' : 'success' };
    }
    err.confirmed = true;
  } catch {
    // Could not ask: say so rather than guess.
  }
  return null;
}

/** Back from the bank's page through the back/forward cache: the page must not stay busy. */
function onPageShow(event) {
  if (!event.persisted) return;
  paying = false;
  setBusy(false);
}

function resetForPayAgain() {
  result.hidden = true;
  form.hidden = false;
  $('pay-head').hidden = false;
  hideError();
  clearFieldErrors();
  FIELDS.card_number.input.focus();
}

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

async function start() {
  try {
    await init();
  } catch {
    $('form-loading').hidden = true;
    showError('init_failed', 'The card form could not start.', 'Please reload the page or try another browser. No card details were sent.');
    payButton.disabled = true;
    return;
  }
  FIELDS.card_number.input.addEventListener('input', onNumberInput);
  FIELDS.card_exp.input.addEventListener('input', onExpiryInput);
  FIELDS.card_cvv.input.addEventListener('input', onCvvInput);
  for (const field of Object.keys(FIELDS)) {
    FIELDS[field].input.addEventListener('blur', () => checkField(field, 'blur'));
  }
  form.addEventListener('submit', onSubmit);
  $('again').addEventListener('click', resetForPayAgain);
  window.addEventListener('pageshow', onPageShow);
  // Anything typed (or autofilled) before the module was ready gets formatted now.
  if (FIELDS.card_number.input.value) onNumberInput();
  updateBrand();
  // The form is inert (disabled, and its inputs have no name) until the package is ready.
  fieldset.disabled = false;
  payButton.disabled = false;
  $('form-loading').hidden = true;
  document.documentElement.dataset.ready = 'true';
  // Warm up: fetch the config and load Midtrans's script while the customer types.
  loadMidtrans().catch(() => { /* reported on Pay */ });
}

start();
