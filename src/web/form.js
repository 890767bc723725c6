// <midtrans-card-form>: a drop-in card form over the package's validators and `pay()`. Plain
// custom element, open shadow root, DOM built node by node (no innerHTML: Trusted Types safe),
// styles in a constructed stylesheet (no inline style: strict CSP safe). Card data lives only in
// the three inputs' values: never in an attribute, another node, a log or an error message.
import {
  MidtransCard,
  MidtransCardError,
  validateCardNumber,
  validateExpiry,
  validateCvv,
  validateCard,
  detectBrand,
  formatCardInput,
  formatExpiryInput,
} from './index.js';

const FIELDS = ['card_number', 'card_exp', 'card_cvv'];

// What the customer reads, by locale: labels, hints, the button, the live region and a
// [title, detail] per MidtransCardError code. A field's error is the core's own message (below).
const TEXT = {
  en: {
    legend: 'Card details', card_number: 'Card number', card_exp: 'Expiry date', exp: 'MM/YY',
    expHint: 'Month / year, as on the card', back: (n) => `${n} digits on the back`, front: '4 digits on the front',
    pay: 'Pay', paying: 'Processing…', payingNote: 'Processing your payment…', done: 'Payment submitted.',
    fix: (n) => `${n} card detail${n === 1 ? ' needs' : 's need'} fixing.`, popup: 'Confirm your payment with your bank',
    unsure: 'We could not confirm the payment\'s status: check your order before paying again.',
    errors: {
      invalid_card: ['Please check your card details.', 'Fix the highlighted fields and try again.'],
      authentication_failed: ['Your bank declined the verification.', 'The one-time code was not accepted. No money was taken; you can try again.'],
      payment_denied: ['Your bank declined the payment.', 'No money was taken. Try another card, or contact your bank.'],
      fraud: ['The payment was declined by the fraud check.', 'No money was taken. Try another card, or contact your bank.'],
      cancelled: ['Payment cancelled.', 'You closed the verification window.'],
      authentication_expired: ['The verification page expired.', 'Please pay again.'],
      timeout: ['The payment is taking too long.', 'Please try again in a moment.'],
      busy: ['A payment is already in progress.', 'Please wait for it to finish.'],
      token_failed: ['Midtrans could not accept these card details.', 'Check your card details and try again.'],
      charge_failed: ['We could not process the payment.', 'Please try again in a moment.'],
      backend_error: ['The payment server had a problem.', 'Please try again in a moment.'],
      network_error: ['No connection.', 'Check your internet connection and try again.'],
      sdk_load_failed: ['The card payment form could not load.', 'Reload the page, or turn off content blockers for this site.'],
      popup_failed: ['The verification window could not open.', 'Please try again.'],
      invalid_redirect_url: ['The bank\'s verification page could not be opened safely.', 'Please try again later.'],
      other: ['The payment could not be started.', 'Please try again later.'],
    },
  },
  id: {
    legend: 'Data kartu', card_number: 'Nomor kartu', card_exp: 'Masa berlaku', exp: 'BB/TT',
    expHint: 'Bulan / tahun, seperti di kartu', back: (n) => `${n} digit di belakang kartu`, front: '4 digit di depan kartu',
    pay: 'Bayar', paying: 'Memproses…', payingNote: 'Memproses pembayaran Anda…', done: 'Pembayaran terkirim.',
    fix: (n) => `${n} data kartu perlu diperbaiki.`, popup: 'Konfirmasi pembayaran dengan bank Anda',
    unsure: 'Status pembayaran belum dapat dipastikan: periksa pesanan Anda sebelum membayar lagi.',
    errors: {
      invalid_card: ['Periksa data kartu Anda.', 'Perbaiki kolom yang ditandai, lalu coba lagi.'],
      authentication_failed: ['Bank Anda menolak verifikasi.', 'Kode OTP tidak diterima. Tidak ada dana yang terpotong; Anda bisa mencoba lagi.'],
      payment_denied: ['Bank Anda menolak pembayaran.', 'Tidak ada dana yang terpotong. Coba kartu lain atau hubungi bank Anda.'],
      fraud: ['Pembayaran ditolak oleh pemeriksaan keamanan.', 'Tidak ada dana yang terpotong. Coba kartu lain atau hubungi bank Anda.'],
      cancelled: ['Pembayaran dibatalkan.', 'Anda menutup jendela verifikasi.'],
      authentication_expired: ['Halaman verifikasi sudah kedaluwarsa.', 'Silakan bayar lagi.'],
      timeout: ['Pembayaran terlalu lama.', 'Silakan coba lagi sebentar lagi.'],
      busy: ['Pembayaran sedang diproses.', 'Tunggu hingga selesai.'],
      token_failed: ['Midtrans tidak dapat menerima data kartu ini.', 'Periksa data kartu Anda, lalu coba lagi.'],
      charge_failed: ['Pembayaran tidak dapat diproses.', 'Silakan coba lagi sebentar lagi.'],
      backend_error: ['Server pembayaran sedang bermasalah.', 'Silakan coba lagi sebentar lagi.'],
      network_error: ['Tidak ada koneksi.', 'Periksa koneksi internet Anda, lalu coba lagi.'],
      sdk_load_failed: ['Formulir pembayaran kartu gagal dimuat.', 'Muat ulang halaman, atau matikan pemblokir konten untuk situs ini.'],
      popup_failed: ['Jendela verifikasi tidak dapat dibuka.', 'Silakan coba lagi.'],
      invalid_redirect_url: ['Halaman verifikasi bank tidak dapat dibuka dengan aman.', 'Silakan coba lagi nanti.'],
      other: ['Pembayaran tidak dapat dimulai.', 'Silakan coba lagi nanti.'],
    },
  },
};

// Restyle through these custom properties (on the element or any ancestor) and ::part().
const CSS = `:host{display:block;color:var(--mc-text,#1f2328);--a:var(--mc-accent,#1a56db);--e:var(--mc-error,#b3261e);--r:var(--mc-radius,8px);--g:var(--mc-gap,14px)}
*{box-sizing:border-box}[hidden]{display:none!important}
fieldset{border:0;margin:0;padding:0;min-width:0}legend,.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.f{margin-bottom:var(--g);min-width:0}.row{display:grid;grid-template-columns:1fr 1fr;gap:var(--mc-gap,12px)}
.lr{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
label{display:block;font-weight:600;font-size:.9375rem;margin-bottom:6px}
[part=brand]{font-size:.8125rem;font-weight:700;color:var(--a)}
input,button{width:100%;font:inherit;font-size:1.0625rem;border-radius:var(--r)}
input{display:block;font-variant-numeric:tabular-nums;padding:11px 12px;min-height:46px;border:1px solid var(--mc-border,#8a94a1);background:var(--mc-input-bg,#fff);color:inherit}
:focus-visible{outline:3px solid var(--mc-focus,var(--a));outline-offset:2px}
[aria-invalid=true]{border-color:var(--e);box-shadow:0 0 0 1px var(--e)}
:disabled input{opacity:.7}
p{margin:4px 0 0;font-size:.8125rem}[part=hint]{color:var(--mc-muted,#5b6470)}[part=error]{color:var(--e);font-weight:600}[part=hint]:empty,[part=error]:empty,.f:has([part=error]:not(:empty)) [part=hint]{display:none}
[part=alert]{border:1px solid var(--e);border-radius:var(--r);padding:10px 12px;margin-bottom:14px;color:var(--e);background:var(--mc-alert-bg,#fdecea)}[part=alert] p{margin:0;font-size:.875rem;overflow-wrap:anywhere}#error-title{font-weight:700;font-size:1rem}
button{display:flex;align-items:center;justify-content:center;gap:10px;min-height:50px;font-weight:700;color:var(--mc-accent-text,#fff);background:var(--a);border:0;cursor:pointer}
[aria-disabled=true]{cursor:progress;opacity:.85}
[part=spinner]{display:none;width:18px;height:18px;border-radius:50%;border:2px solid;border-top-color:transparent;animation:s .8s linear infinite}
:host([busy]) [part=spinner]{display:block}@keyframes s{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){[part=spinner]{animation-duration:2.4s}}
@media (max-width:360px){.row{grid-template-columns:1fr}}`;

let sheet = null;

// A field's error message is the core's: validateCard's `errors[].message` in the locale, for a
// card whose field is a sample with that reason (today fixed, so `expired` stays expired). The
// card_exp samples are month (2 characters) then year; `required` is the empty field.
const SAMPLE = {
  incomplete: '1', invalid_characters: 'x', invalid_length: '41111111111111111111', luhn: '4111111111111112',
  unknown_brand: '0', unsupported_brand: '4', invalid_format: 'xx30', invalid_month: '1330', invalid_year: '010',
  expired: '0120', too_far_future: '012099',
};
export function fieldMessage(name, reason, locale) {
  const s = SAMPLE[reason] ?? '';
  const card = name === 'card_exp' ? { card_exp_month: s.slice(0, 2), card_exp_year: s.slice(2) } : { [name]: s };
  const options = { locale, today: { year: 2026, month: 6 } };
  if (reason === 'unsupported_brand') options.supportedBrands = ['troy'];
  return validateCard(card, options).errors.find((e) => e.field === name && e.code === reason)?.message ?? reason;
}

/** Builds an element: `h('input', { id: 'x', 'aria-invalid': 'false' }, ...children)`. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...children);
  return el;
}

/** A card field: label (and brand), input, hint, error. */
function field(name, autocomplete, brand) {
  const id = name.replace('_', '-');
  const label = h('label', { for: id, part: 'label' });
  const input = h('input', {
    id, part: 'input', type: 'text', inputmode: 'numeric', autocomplete, autocorrect: 'off',
    spellcheck: 'false', 'aria-invalid': 'false', 'aria-describedby': `${id}-hint ${id}-error`,
  });
  const hint = h('p', { id: `${id}-hint`, part: 'hint' });
  const error = h('p', { id: `${id}-error`, part: 'error', 'data-testid': `error-${name}` });
  const box = h('div', { class: 'f', part: 'field' }, brand ? h('div', { class: 'lr' }, label, brand) : label, input, hint, error);
  return { box, label, input, hint, error, reason: null };
}

/** The `redirect-origins` attribute as a list. */
const words = (s) => (s ? s.split(/\s+/).filter(Boolean) : []);

// Each element's form: its nodes and state live in mount()'s closure, reached through this map.
const forms = new WeakMap();

// Importable where there is no DOM (Node, server-side rendering): the class is then inert.
const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

/** The element class; index.js's `CardForm.define()` registers a subclass of it per tag. */
export class CardFormElement extends Base {
  static get observedAttributes() {
    return ['locale', 'submit-label', 'client-key', 'environment', 'api-base-url', 'script-url', 'redirect-origins'];
  }

  constructor() {
    super();
    forms.set(this, mount(this));
    // Set before the element was defined (an own property shadowing the accessor): apply it.
    if (this.hasOwnProperty('payOptions')) {
      const value = this.payOptions;
      delete this.payOptions;
      this.payOptions = value;
    }
  }

  /** Extra `pay()` options: `body` (the cart for your backend), `headers`, `supportedBrands`... */
  get payOptions() {
    return forms.get(this).options;
  }

  set payOptions(value) {
    forms.get(this).options = value;
  }

  connectedCallback() {
    forms.get(this).connected(true);
  }

  disconnectedCallback() {
    forms.get(this).connected(false);
  }

  attributeChangedCallback(name) {
    forms.get(this).changed(name);
  }

  /** Focuses the card number field. */
  focus(options) {
    forms.get(this).focus(options);
  }
}

function mount(el) {
  const attr = (name) => el.getAttribute(name);
  const has = (name) => el.hasAttribute(name);
  const lang = () => (attr('locale') === 'id' ? 'id' : 'en');
  const t = () => TEXT[lang()];
  let midtrans = null; // the MidtransCard promise
  let paying = false;
  let alert = null; // [text key, charge existed, error code]

  const root = el.attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [sheet];
  const brand = h('span', { part: 'brand', 'data-testid': 'brand', 'aria-live': 'polite' });
  const f = {
    card_number: field('card_number', 'cc-number', brand),
    card_exp: field('card_exp', 'cc-exp'),
    card_cvv: field('card_cvv', 'cc-csc'),
  };
  const { card_number: n, card_exp: x, card_cvv: c } = f;
  n.input.placeholder = '1234 5678 9012 3456';
  const legend = h('legend', {});
  const title = h('p', { id: 'error-title' });
  const detail = h('p', { id: 'error-detail' });
  const label = h('span', { id: 'pay-label' });
  const status = h('p', { class: 'vh', id: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
  const fields = h('fieldset', { part: 'fields' }, legend, n.box, h('div', { class: 'row' }, x.box, c.box));
  const alertBox = h('div', { part: 'alert', id: 'error', 'data-testid': 'error', role: 'alert', hidden: '' }, title, detail);
  const button = h('button', { type: 'submit', part: 'button', id: 'pay', 'data-testid': 'pay', 'aria-disabled': 'false' },
    h('span', { part: 'spinner', 'aria-hidden': 'true' }), label);
  // `novalidate`, no `name` on any input: a native submission could carry no card data.
  const form = h('form', { part: 'form', novalidate: '' }, fields, alertBox, button, status);
  root.append(form);

  /** Every text in the current locale, the brand and the CVV's name and length. */
  const paint = () => {
    const tx = t();
    const info = detectBrand(n.input.value);
    const len = info ? info.cvvLength : 3;
    legend.textContent = tx.legend;
    brand.textContent = info ? info.niceName : '';
    n.label.textContent = tx.card_number;
    x.label.textContent = tx.card_exp;
    c.label.textContent = info ? info.cvvName : 'CVV';
    x.input.placeholder = tx.exp;
    x.hint.textContent = tx.expHint;
    c.input.placeholder = len === 4 ? '1234' : '123';
    c.input.maxLength = info ? len : 4;
    c.hint.textContent = info?.brand === 'american-express' ? tx.front : tx.back(len);
    label.textContent = paying ? tx.paying : attr('submit-label') || tx.pay;
    for (const name of FIELDS) {
      const { input, error, reason } = f[name];
      error.textContent = reason ? fieldMessage(name, reason, lang()) : '';
      input.setAttribute('aria-invalid', !!reason);
    }
    alertBox.hidden = !alert;
    alertBox.dataset.code = alert ? alert[2] : '';
    if (alert) {
      const [key, charged] = alert;
      const [head, text] = tx.errors[key === 'sdk_not_loaded' ? 'sdk_load_failed' : key] ?? tx.errors.other;
      title.textContent = head;
      detail.textContent = charged && ['cancelled', 'timeout', 'authentication_expired', 'network_error'].includes(key) ? tx.unsure : text;
    }
  };

  const format = (input, { value, caret }) => {
    if (value === input.value) return;
    input.value = value;
    if (root.activeElement === input) input.setSelectionRange(caret, caret);
  };

  /** One field's verdict: `{ isValid, isPotentiallyValid, reason }`. */
  const verdict = (name) => {
    const v = f[name].input.value;
    if (name === 'card_exp') return validateExpiry(v);
    const brands = el.payOptions?.supportedBrands;
    if (name === 'card_number') return brands ? validateCardNumber(v, { supportedBrands: brands }) : validateCardNumber(v);
    return validateCvv(v, detectBrand(n.input.value)?.brand ?? null);
  };

  /**
   * Live check: while typing, an error shows only once the value cannot become valid (and goes
   * as soon as it can); on blur, anything typed that is not valid is flagged.
   */
  const check = (name, blur) => {
    const fld = f[name];
    // Leaving an empty field changes nothing (a `required` from the last submit stays).
    if (!fld.input.value.trim()) {
      if (!blur) fld.reason = null;
    } else {
      const v = verdict(name);
      if (blur ? !v.isValid : !v.isPotentiallyValid) fld.reason = v.reason;
      else if (v.isPotentiallyValid) fld.reason = null;
    }
    paint();
  };

  const announce = (text) => {
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 50);
  };

  const busy = (on) => {
    paying = on;
    fields.disabled = on;
    // aria-disabled, not disabled: a disabled button would drop focus to <body>.
    button.setAttribute('aria-disabled', on);
    form.setAttribute('aria-busy', on);
    el.toggleAttribute('busy', on);
    paint();
  };

  /** One MidtransCard per form, loaded while the customer types; retried after a failure. */
  const load = () => {
    if (!midtrans) {
      midtrans = MidtransCard.load({
        clientKey: attr('client-key'),
        environment: attr('environment'),
        scriptUrl: attr('script-url') ?? undefined,
        apiBaseUrl: attr('api-base-url') ?? undefined,
        allowedRedirectOrigins: words(attr('redirect-origins')),
        locale: attr('locale') ?? undefined,
      });
      midtrans.catch(() => { midtrans = null; });
    }
    return midtrans;
  };

  const warm = () => {
    if (el.isConnected && !midtrans && has('client-key')) load().catch(() => {});
  };

  const fail = (err) => {
    const e = err instanceof MidtransCardError ? err : new MidtransCardError('sdk_error', 'Unexpected error');
    const fraud = e.code === 'payment_denied' && e.response?.fraud_status === 'deny';
    alert = [fraud ? 'fraud' : e.code, !!e.charge, e.code];
    const invalid = e.code === 'invalid_card';
    if (invalid && Array.isArray(e.errors)) {
      for (const { field: name, code } of e.errors) if (f[name]) f[name].reason = code;
    }
    paint();
    const first = FIELDS.find((name) => f[name].reason);
    (invalid && first ? f[first].input : button).focus();
    announce(title.textContent);
    el.dispatchEvent(new CustomEvent('paymenterror', { detail: e, bubbles: true, composed: true }));
  };

  /**
   * Full-page 3-D Secure (`callback-url`): token -> your backend's charge -> the bank's page in
   * this tab; Midtrans then POSTs the result to `callback-url`. Resolves null once navigating, or
   * the result when the charge needed no 3DS.
   */
  const redirect = async (mc, card, o) => {
    const { token_id } = await mc.getCardToken(card, o);
    const error = (code, response, httpStatus) => new MidtransCardError(code, `The charge failed (${code})`, { response, httpStatus, statusCode: response?.status_code });
    let answer;
    try {
      answer = await fetch(o.chargeUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...o.headers },
        credentials: o.credentials ?? 'same-origin',
        body: JSON.stringify({ token_id, ...o.body }),
      });
    } catch {
      throw error('network_error');
    }
    const r = await answer.json().catch(() => null);
    const ok = r !== null && typeof r === 'object' && !Array.isArray(r);
    if (!answer.ok || !ok) throw error(ok && r.status_code ? 'charge_failed' : 'backend_error', r ?? undefined, answer.status);
    if (r.redirect_url) {
      mc.redirect(r.redirect_url, { callbackUrl: new URL(attr('callback-url'), location.href).href });
      return null;
    }
    // Read as pay() reads a charge answered without 3DS.
    const s = r.transaction_status;
    const code = r.status_code;
    const done = code === '200' || code === '201';
    const outcome = done && (s === 'capture' && r.fraud_status === 'challenge' ? 'challenge'
      : s === 'capture' || s === 'settlement' || s === 'authorize' ? 'success' : s === 'pending' && 'pending');
    if (outcome) return { ...r, outcome, verifiedByBackend: false };
    throw error(done || code === '202' ? 'payment_denied' : code === '407' ? 'authentication_expired' : 'charge_failed', r);
  };

  const submit = async () => {
    if (paying) return;
    alert = null;
    const bad = [];
    for (const name of FIELDS) {
      const v = verdict(name);
      f[name].reason = v.isValid ? null : v.reason;
      if (!v.isValid) bad.push(name);
    }
    paint();
    if (bad.length) {
      f[bad[0]].input.focus();
      announce(t().fix(bad.length));
      return;
    }
    const exp = validateExpiry(x.input.value);
    const card = {
      card_number: n.input.value,
      card_exp_month: String(exp.month).padStart(2, '0'),
      card_exp_year: String(exp.year),
      card_cvv: c.input.value,
    };
    busy(true);
    announce(t().payingNote);
    let tx = null;
    let error = null;
    let leaving = false;
    try {
      const mc = await load();
      const options = {
        ...el.payOptions,
        chargeUrl: attr('charge-url'),
        popup: { closable: has('closable'), title: t().popup },
      };
      if (has('callback-url')) {
        tx = await redirect(mc, card, options);
        leaving = tx === null;
      } else {
        tx = await mc.pay(card, options);
      }
    } catch (err) {
      error = err;
    }
    card.card_number = card.card_cvv = '';
    // Navigating to the bank's page: stay busy (no second Pay) until the page is gone.
    if (!leaving) busy(false);
    if (error) fail(error);
    if (leaving || tx) {
      for (const name of FIELDS) f[name].input.value = '';
      paint();
    }
    if (tx) {
      announce(t().done);
      el.dispatchEvent(new CustomEvent('payment', { detail: tx, bubbles: true, composed: true }));
    }
  };

  n.input.addEventListener('input', () => {
    format(n.input, formatCardInput(n.input.value, n.input.selectionStart ?? 1e9));
    check('card_number', false);
    if (c.input.value) check('card_cvv', false);
  });
  x.input.addEventListener('input', (e) => {
    format(x.input, formatExpiryInput(x.input.value, x.input.selectionStart ?? 1e9, e.inputType));
    check('card_exp', false);
  });
  c.input.addEventListener('input', () => {
    const digits = c.input.value.replace(/\D/g, '');
    if (digits !== c.input.value) c.input.value = digits;
    check('card_cvv', false);
  });
  for (const name of FIELDS) f[name].input.addEventListener('blur', () => check(name, true));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  // Back from the bank's page through the back/forward cache: usable again.
  const onShow = (e) => { if (e.persisted) busy(false); };

  return {
    options: {},
    connected(on) {
      if (on) {
        paint();
        addEventListener('pageshow', onShow);
        warm();
      } else {
        removeEventListener('pageshow', onShow);
      }
    },
    changed(name) {
      if (el.isConnected) paint();
      if (name === 'locale' || name === 'submit-label') return;
      // Load options changed: load again with them, once for attributes set together.
      midtrans = null;
      queueMicrotask(warm);
    },
    focus: (options) => n.input.focus(options),
  };
}
