// Kopi Senja demo checkout: the shop's own code around <midtrans-card-form>, which does the card
// part (fields, validation, token, charge through our backend, 3-D Secure, messages in en/id).
// What is left is what any shop writes: its keys, its cart, what to show after a payment, and
// asking its backend for the verified status (Midtrans's signed notification or get-status).
import init, { CardForm } from '/pkg/index.js';

/**
 * What is in the cart: catalogue ids and quantities, never a price. The backend prices it from its
 * own catalogue (sandbox/src/merchant.rs), adds shipping, and decides the order id and 3-D Secure.
 */
const CART = [{ id: 'kopi-susu-gula-aren-1l', quantity: 2 }];
const PAY_LABEL = { en: 'Pay Rp 145.000', id: 'Bayar Rp 145.000' };
const POLL_EVERY_MS = 500;
const POLL_FOR_MS = 15000;

const $ = (id) => document.getElementById(id);
const form = $('card-form');
const orderCheck = $('order-check');

// A failure here rejects the import in boot.js, which says the form could not load.
await init();
// Set before the element is defined: the element picks it up when it upgrades.
form.payOptions = { body: { items: CART } };
// Fetches the form's code (form.js) and upgrades the element already in the page.
await CardForm.define();
const config = await fetch('/api/config', { headers: { accept: 'application/json' } }).then((r) => {
  if (!r.ok) throw new Error(`config ${r.status}`);
  return r.json();
});
form.setAttribute('environment', config.environment);
form.setAttribute('script-url', config.scriptUrl);
form.setAttribute('api-base-url', config.apiBaseUrl);
form.setAttribute('redirect-origins', config.redirectOrigins.join(' '));
form.setAttribute('client-key', config.clientKey);

// Demo options: the form's attributes.
function setLocale(locale) {
  form.setAttribute('locale', locale);
  form.setAttribute('submit-label', PAY_LABEL[locale]);
  document.documentElement.lang = locale;
}
const locale = $('locale');
locale.value = new URLSearchParams(location.search).get('lang') === 'id' ? 'id' : 'en';
setLocale(locale.value);
locale.addEventListener('change', () => setLocale(locale.value));
$('closable').addEventListener('change', (e) => form.toggleAttribute('closable', e.target.checked));
// Full-page 3DS: Midtrans POSTs the result to our backend's finish page, which verifies it.
$('use-redirect').addEventListener('change', (e) => {
  if (e.target.checked) form.setAttribute('callback-url', '/api/3ds-finish');
  else form.removeAttribute('callback-url');
});

// ---------------------------------------------------------------------------------------------
// After a payment
// ---------------------------------------------------------------------------------------------

function announce(text) {
  const status = $('shop-status');
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 50);
}

const OUTCOME_TEXT = { success: 'Paid', pending: 'Waiting for your bank', challenge: 'Under review' };
const RESULT_TITLE = { success: 'Payment received', pending: 'Payment is being verified', challenge: 'Payment under review' };
const SOURCE_TEXT = { notification: 'verified by notification', 'get-status': 'verified by status check' };

async function showResult(tx) {
  orderCheck.hidden = true;
  const outcome = $('outcome');
  outcome.dataset.outcome = tx.outcome;
  outcome.textContent = OUTCOME_TEXT[tx.outcome] || tx.outcome;
  const title = RESULT_TITLE[tx.outcome] || 'Payment submitted';
  $('result-title').textContent = title;
  $('result-icon').textContent = tx.outcome === 'success' ? '✓' : '…';
  $('result').dataset.outcome = tx.outcome;
  $('result-lead').textContent = tx.outcome === 'success'
    ? 'Terima kasih! Your coffee is on its way. We will confirm by email once the store has verified the payment.'
    : 'We will email you as soon as your bank confirms. You can close this page.';
  $('result-order').textContent = tx.order_id || '–';
  const bank = typeof tx.bank === 'string' && tx.bank ? ` · ${tx.bank.toUpperCase()}` : '';
  $('result-card').textContent = tx.masked_card ? `${tx.masked_card}${bank}` : '–';
  const verified = $('verified');
  verified.dataset.status = '';
  verified.dataset.source = '';
  verified.dataset.final = 'false';
  verified.textContent = 'Checking with Midtrans…';
  $('pay-box').hidden = true;
  $('pay-head').hidden = true;
  $('result').hidden = false;
  $('result-title').focus();
  announce(`${title}. Checking with the store…`);
  if (tx.order_id) await pollVerifiedStatus(tx.order_id, showVerified);
  else showVerified(null, true);
}

/** Our backend's view of an order (it asks Midtrans); null when it could not be asked. */
async function order(orderId) {
  try {
    const r = await fetch(`/api/orders/${encodeURIComponent(orderId)}`, { headers: { accept: 'application/json' } });
    return r.ok ? await r.json() : null;
  } catch {
    return null;
  }
}

/** The verified status from our backend: Midtrans notifies `pending` first, then the final one. */
async function pollVerifiedStatus(orderId, onUpdate) {
  const deadline = Date.now() + POLL_FOR_MS;
  let last = null;
  while (Date.now() < deadline) {
    const o = await order(orderId);
    if (o) {
      last = o;
      if (o.source === 'notification' && o.transaction_status !== 'pending') break;
      onUpdate(o, false);
    }
    await new Promise((resolve) => { setTimeout(resolve, POLL_EVERY_MS); });
  }
  onUpdate(last, true);
}

function showVerified(o, final) {
  const verified = $('verified');
  verified.dataset.final = String(final);
  if (!o) {
    if (final) verified.textContent = 'Not confirmed yet: we will email you.';
    return;
  }
  verified.dataset.status = o.transaction_status ?? '';
  verified.dataset.source = o.source ?? '';
  const fraud = o.fraud_status ? ` / ${o.fraud_status}` : '';
  verified.textContent = `${o.transaction_status}${fraud} (${SOURCE_TEXT[o.source] || o.source})`;
  if (final) announce(`Store confirmation: ${o.transaction_status}${fraud}.`);
}

/**
 * The form gave up after the charge existed (the customer closed the 3DS window, a wait ran out):
 * the payment may still have gone through. Ask our backend before telling the customer anything.
 */
async function reconcile(err) {
  orderCheck.hidden = true;
  const orderId = typeof err.charge?.order_id === 'string' ? err.charge.order_id : null;
  if (!orderId || !['cancelled', 'timeout', 'authentication_expired', 'network_error'].includes(err.code)) return;
  const o = await order(orderId);
  if (o?.transaction_status === 'capture' || o?.transaction_status === 'settlement') {
    await showResult({ ...err.charge, ...o, outcome: o.fraud_status === 'challenge' ? 'challenge' : 'success' });
    return;
  }
  const id = form.getAttribute('locale') === 'id';
  orderCheck.textContent = o
    ? (id ? 'Kami sudah memeriksa pesanan Anda: kartu Anda tidak ditagih.' : 'We checked your order: your card was not charged.')
    : (id ? 'Status pesanan belum dapat dipastikan: periksa pesanan Anda sebelum membayar lagi.'
      : 'We could not confirm the order\'s status: check your order before paying again.');
  orderCheck.hidden = false;
}

form.addEventListener('payment', (e) => showResult(e.detail));
form.addEventListener('paymenterror', (e) => reconcile(e.detail));
$('again').addEventListener('click', () => {
  $('result').hidden = true;
  $('pay-box').hidden = false;
  $('pay-head').hidden = false;
  form.focus();
});

document.documentElement.dataset.ready = 'true';
