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
  detectBrand,
  formatCardInput,
  formatExpiryInput,
} from './index.js';

const FIELDS = ['card_number', 'card_exp', 'card_cvv'];
const ID = { card_number: 'card-number', card_exp: 'card-exp', card_cvv: 'card-cvv' };

// What the customer reads, by locale: labels, hints, the button, the live region, one message per
// validation reason code (by field) and a [title, detail] per MidtransCardError code.
const TEXT = {
  en: {
    legend: 'Card details', card_number: 'Card number', card_exp: 'Expiry date', exp: 'MM/YY',
    expHint: 'Month / year, as on the card', back: (n) => `${n} digits on the back`, front: '4 digits on the front',
    pay: 'Pay', paying: 'Processing…', payingNote: 'Processing your payment…', done: 'Payment submitted.',
    fix: (n) => `${n} card detail${n === 1 ? ' needs' : 's need'} fixing.`, popup: 'Confirm your payment with your bank',
    card_number_: {
      required: 'Enter your card number.', incomplete: 'Your card number is incomplete.',
      invalid_characters: 'A card number has digits only.', invalid_length: 'Your card number has the wrong number of digits.',
      luhn: 'Your card number is invalid. Check it for typos.', unknown_brand: 'This card number is not recognised.',
      unsupported_brand: 'This card type is not accepted here.',
    },
    card_exp_: {
      required: 'Enter the expiry date.', incomplete: 'The expiry date is incomplete.',
      invalid_format: 'Enter the expiry date as MM/YY.', invalid_month: 'The month must be 01 to 12.',
      invalid_year: 'The expiry year is invalid.', expired: 'Your card has expired.',
      too_far_future: 'The expiry year is too far ahead.',
    },
    card_cvv_: {
      required: 'Enter the security code.', incomplete: 'The security code is incomplete.',
      invalid_characters: 'The security code has digits only.', invalid_length: 'The security code is too long.',
    },
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
    card_number_: {
      required: 'Masukkan nomor kartu Anda.', incomplete: 'Nomor kartu Anda belum lengkap.',
      invalid_characters: 'Nomor kartu hanya berisi angka.', invalid_length: 'Jumlah digit nomor kartu tidak sesuai.',
      luhn: 'Nomor kartu tidak valid. Periksa kembali.', unknown_brand: 'Nomor kartu ini tidak dikenali.',
      unsupported_brand: 'Jenis kartu ini tidak diterima di sini.',
    },
    card_exp_: {
      required: 'Masukkan masa berlaku kartu.', incomplete: 'Masa berlaku kartu belum lengkap.',
      invalid_format: 'Isi masa berlaku dengan format BB/TT.', invalid_month: 'Bulan harus 01 sampai 12.',
      invalid_year: 'Tahun masa berlaku tidak valid.', expired: 'Kartu Anda sudah kedaluwarsa.',
      too_far_future: 'Tahun masa berlaku terlalu jauh.',
    },
    card_cvv_: {
      required: 'Masukkan kode keamanan.', incomplete: 'Kode keamanan belum lengkap.',
      invalid_characters: 'Kode keamanan hanya berisi angka.', invalid_length: 'Kode keamanan terlalu panjang.',
    },
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
const CSS = `:host{display:block;font:inherit;color:var(--mc-text,#1f2328);--a:var(--mc-accent,#1a56db);--e:var(--mc-error,#b3261e);--r:var(--mc-radius,8px)}
*{box-sizing:border-box}[hidden]{display:none!important}
fieldset{border:0;margin:0;padding:0;min-width:0}legend,.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.f{margin-bottom:var(--mc-gap,14px);min-width:0}.row{display:grid;grid-template-columns:1fr 1fr;gap:var(--mc-gap,12px)}
.lr{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
label{display:block;font-weight:600;font-size:.9375rem;margin-bottom:6px}
[part=brand]{font-size:.8125rem;font-weight:700;color:var(--a)}
input{display:block;width:100%;font:inherit;font-size:1.0625rem;font-variant-numeric:tabular-nums;padding:11px 12px;min-height:46px;border:1px solid var(--mc-border,#8a94a1);border-radius:var(--r);background:var(--mc-input-bg,#fff);color:inherit}
input:focus-visible,button:focus-visible{outline:3px solid var(--mc-focus,var(--a));outline-offset:2px}
input[aria-invalid=true]{border-color:var(--e);box-shadow:0 0 0 1px var(--e)}
fieldset:disabled input{opacity:.7}
p{margin:4px 0 0;font-size:.8125rem}[part=hint]{color:var(--mc-muted,#5b6470)}[part=error]{color:var(--e);font-weight:600}[part=hint]:empty,[part=error]:empty,.f:has([part=error]:not(:empty)) [part=hint]{display:none}
[part=alert]{border:1px solid var(--e);border-radius:var(--r);padding:10px 12px;margin-bottom:14px;color:var(--e);background:var(--mc-alert-bg,#fdecea)}[part=alert] p{margin:0;font-size:.875rem;overflow-wrap:anywhere}[part=alert] p:first-child{font-weight:700;font-size:1rem}
button{display:flex;align-items:center;justify-content:center;gap:10px;width:100%;min-height:50px;font:inherit;font-size:1.0625rem;font-weight:700;color:var(--mc-accent-text,#fff);background:var(--a);border:0;border-radius:var(--r);cursor:pointer}
button[aria-disabled=true]{cursor:progress;opacity:.85}
[part=spinner]{display:none;width:18px;height:18px;border-radius:50%;border:2px solid;border-top-color:transparent;animation:s .8s linear infinite}
:host([busy]) [part=spinner]{display:inline-block}@keyframes s{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){[part=spinner]{animation-duration:2.4s}}
@media (max-width:360px){.row{grid-template-columns:1fr}}`;

let sheet = null;

/** Builds an element: `h('input', { id: 'x', 'aria-invalid': 'false' }, ...children)`. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** A card field: label (and brand), input, hint, error. */
function field(name, extra) {
  const id = ID[name];
  const label = h('label', { for: id, part: 'label' });
  const input = h('input', {
    id, part: 'input', type: 'text', inputmode: 'numeric', autocomplete: extra.ac, autocorrect: 'off',
    spellcheck: 'false', 'aria-invalid': 'false', 'aria-describedby': `${id}-hint ${id}-error`,
  });
  const hint = h('p', { id: `${id}-hint`, part: 'hint' });
  const error = h('p', { id: `${id}-error`, part: 'error', 'data-testid': `error-${name}` });
  const box = h('div', { class: 'f', part: 'field' }, extra.brand ? h('div', { class: 'lr' }, label, extra.brand) : label, input, hint, error);
  return { box, label, input, hint, error, reason: null };
}

/** The `redirect-origins` / `callback-url` attributes as pay() options. */
const words = (s) => (s ? s.split(/\s+/).filter(Boolean) : []);

// Importable where there is no DOM (Node, server-side rendering): CardForm is then inert.
const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class CardForm extends Base {
  static get observedAttributes() {
    return ['locale', 'submit-label', 'client-key', 'environment', 'api-base-url', 'script-url', 'redirect-origins'];
  }

  /** Registers the element as `<midtrans-card-form>` (or `tag`); a second call is a no-op. */
  static define(tag = 'midtrans-card-form') {
    if (!customElements.get(tag)) customElements.define(tag, class extends CardForm {});
  }

  /** Extra `pay()` options: `body` (the cart for your backend), `headers`, `supportedBrands`... */
  payOptions = {};

  #f = null;
  #midtrans = null;
  #paying = false;
  #alert = null; // [text key, charge existed, error code]
  #onShow = (e) => { if (e.persisted) this.#busy(false); };

  connectedCallback() {
    if (!this.#f) this.#render();
    addEventListener('pageshow', this.#onShow);
    this.#warm();
  }

  disconnectedCallback() {
    removeEventListener('pageshow', this.#onShow);
  }

  attributeChangedCallback(name) {
    if (!this.#f) return;
    this.#paint();
    if (name === 'locale' || name === 'submit-label') return;
    // Load options changed: load again with them, once for attributes set together.
    this.#midtrans = null;
    queueMicrotask(() => this.#warm());
  }

  /** Focuses the card number field. */
  focus(options) {
    this.#f?.card_number.input.focus(options);
  }

  get #t() {
    return TEXT[this.getAttribute('locale')] ?? TEXT.en;
  }

  #render() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const brand = h('span', { part: 'brand', 'data-testid': 'brand', 'aria-live': 'polite' });
    const f = {
      card_number: field('card_number', { ac: 'cc-number', brand }),
      card_exp: field('card_exp', { ac: 'cc-exp' }),
      card_cvv: field('card_cvv', { ac: 'cc-csc' }),
      brand,
      legend: h('legend', {}),
      title: h('p', { id: 'error-title' }),
      detail: h('p', { id: 'error-detail' }),
      label: h('span', { id: 'pay-label' }),
      status: h('p', { class: 'vh', id: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' }),
    };
    f.fields = h('fieldset', { part: 'fields' }, f.legend, f.card_number.box,
      h('div', { class: 'row' }, f.card_exp.box, f.card_cvv.box));
    f.alert = h('div', { part: 'alert', id: 'error', 'data-testid': 'error', role: 'alert', hidden: '' }, f.title, f.detail);
    f.button = h('button', { type: 'submit', part: 'button', id: 'pay', 'data-testid': 'pay', 'aria-disabled': 'false' },
      h('span', { part: 'spinner', 'aria-hidden': 'true' }), f.label);
    // `novalidate`, no `name` on any input: a native submission could carry no card data.
    f.form = h('form', { part: 'form', novalidate: '' }, f.fields, f.alert, f.button, f.status);
    root.append(f.form);
    this.#f = f;
    const { card_number: n, card_exp: x, card_cvv: c } = f;
    n.input.addEventListener('input', () => {
      this.#format(n.input, formatCardInput(n.input.value, n.input.selectionStart ?? 1e9));
      this.#paint();
      this.#check('card_number', false);
      if (c.input.value) this.#check('card_cvv', false);
    });
    x.input.addEventListener('input', (e) => {
      this.#format(x.input, formatExpiryInput(x.input.value, x.input.selectionStart ?? 1e9, e.inputType));
      this.#check('card_exp', false);
    });
    c.input.addEventListener('input', () => {
      const digits = c.input.value.replace(/\D/g, '');
      if (digits !== c.input.value) c.input.value = digits;
      this.#check('card_cvv', false);
    });
    for (const name of FIELDS) f[name].input.addEventListener('blur', () => this.#check(name, true));
    f.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    this.#paint();
  }

  #format(input, { value, caret }) {
    if (value === input.value) return;
    input.value = value;
    if (this.shadowRoot.activeElement === input) input.setSelectionRange(caret, caret);
  }

  /** Every text in the current locale, the brand and the CVV's name and length. */
  #paint() {
    const t = this.#t;
    const f = this.#f;
    const info = detectBrand(f.card_number.input.value);
    const amex = info?.brand === 'american-express';
    const len = info ? info.cvvLength : 3;
    f.legend.textContent = t.legend;
    f.brand.textContent = info ? info.niceName : '';
    f.card_number.label.textContent = t.card_number;
    f.card_exp.label.textContent = t.card_exp;
    f.card_cvv.label.textContent = info ? info.cvvName : 'CVV';
    f.card_number.input.placeholder = '1234 5678 9012 3456';
    f.card_exp.input.placeholder = t.exp;
    f.card_exp.hint.textContent = t.expHint;
    f.card_cvv.input.placeholder = len === 4 ? '1234' : '123';
    f.card_cvv.input.maxLength = info ? len : 4;
    f.card_cvv.hint.textContent = amex ? t.front : t.back(len);
    f.label.textContent = this.#paying ? t.paying : this.getAttribute('submit-label') || t.pay;
    for (const name of FIELDS) {
      const { input, error, reason } = f[name];
      error.textContent = reason ? t[`${name}_`][reason] ?? reason : '';
      input.setAttribute('aria-invalid', String(Boolean(reason)));
    }
    f.alert.hidden = !this.#alert;
    f.alert.dataset.code = this.#alert?.[2] ?? '';
    if (this.#alert) {
      const [key, charged] = this.#alert;
      const [title, detail] = t.errors[key === 'sdk_not_loaded' ? 'sdk_load_failed' : key] ?? t.errors.other;
      f.title.textContent = title;
      f.detail.textContent = charged && ['cancelled', 'timeout', 'authentication_expired', 'network_error'].includes(key) ? t.unsure : detail;
    }
  }

  /** One field's verdict: `{ isValid, isPotentiallyValid, reason }`. */
  #verdict(name) {
    const v = this.#f[name].input.value;
    if (name === 'card_exp') return validateExpiry(v);
    const brands = this.payOptions?.supportedBrands;
    if (name === 'card_number') return brands ? validateCardNumber(v, { supportedBrands: brands }) : validateCardNumber(v);
    return validateCvv(v, detectBrand(this.#f.card_number.input.value)?.brand ?? null);
  }

  /**
   * Live check: while typing, an error shows only once the value cannot become valid (and goes
   * as soon as it can); on blur, anything typed that is not valid is flagged.
   */
  #check(name, blur) {
    const fld = this.#f[name];
    // Leaving an empty field changes nothing (a `required` from the last submit stays).
    if (!fld.input.value.trim()) {
      if (!blur) fld.reason = null;
    } else {
      const v = this.#verdict(name);
      if (blur ? !v.isValid : !v.isPotentiallyValid) fld.reason = v.reason;
      else if (v.isPotentiallyValid) fld.reason = null;
    }
    this.#paint();
  }

  #announce(text) {
    const s = this.#f.status;
    s.textContent = '';
    setTimeout(() => { s.textContent = text; }, 50);
  }

  #busy(on) {
    this.#paying = on;
    this.#f.fields.disabled = on;
    // aria-disabled, not disabled: a disabled button would drop focus to <body>.
    this.#f.button.setAttribute('aria-disabled', String(on));
    this.#f.form.setAttribute('aria-busy', String(on));
    this.toggleAttribute('busy', on);
    this.#paint();
  }

  /** One MidtransCard per form, loaded while the customer types; retried after a failure. */
  #load() {
    this.#midtrans ??= MidtransCard.load({
      clientKey: this.getAttribute('client-key'),
      environment: this.getAttribute('environment'),
      scriptUrl: this.getAttribute('script-url') ?? undefined,
      apiBaseUrl: this.getAttribute('api-base-url') ?? undefined,
      allowedRedirectOrigins: words(this.getAttribute('redirect-origins')),
      locale: this.getAttribute('locale') ?? undefined,
    });
    this.#midtrans.catch(() => { this.#midtrans = null; });
    return this.#midtrans;
  }

  #warm() {
    if (this.isConnected && !this.#midtrans && this.hasAttribute('client-key')) this.#load().catch(() => {});
  }

  async #submit() {
    if (this.#paying) return;
    const f = this.#f;
    this.#alert = null;
    const bad = [];
    for (const name of FIELDS) {
      const v = this.#verdict(name);
      f[name].reason = v.isValid ? null : v.reason;
      if (!v.isValid) bad.push(name);
    }
    this.#paint();
    if (bad.length) {
      f[bad[0]].input.focus();
      this.#announce(this.#t.fix(bad.length));
      return;
    }
    const exp = validateExpiry(f.card_exp.input.value);
    const card = {
      card_number: f.card_number.input.value,
      card_exp_month: String(exp.month).padStart(2, '0'),
      card_exp_year: String(exp.year),
      card_cvv: f.card_cvv.input.value,
    };
    this.#busy(true);
    this.#announce(this.#t.payingNote);
    let tx = null;
    let error = null;
    let leaving = false;
    try {
      const midtrans = await this.#load();
      const options = {
        ...this.payOptions,
        chargeUrl: this.getAttribute('charge-url'),
        popup: { closable: this.hasAttribute('closable'), title: this.#t.popup },
      };
      if (this.hasAttribute('callback-url')) {
        tx = await this.#redirect(midtrans, card, options);
        leaving = tx === null;
      } else {
        tx = await midtrans.pay(card, options);
      }
    } catch (err) {
      error = err;
    }
    card.card_number = card.card_cvv = '';
    // Navigating to the bank's page: stay busy (no second Pay) until the page is gone.
    if (!leaving) this.#busy(false);
    if (error) this.#fail(error);
    if (leaving || tx) {
      for (const name of FIELDS) f[name].input.value = '';
      this.#paint();
    }
    if (tx) {
      this.#announce(this.#t.done);
      this.dispatchEvent(new CustomEvent('payment', { detail: tx, bubbles: true, composed: true }));
    }
  }

  #fail(err) {
    const e = err instanceof MidtransCardError ? err : new MidtransCardError('sdk_error', 'Unexpected error');
    const f = this.#f;
    const fraud = e.code === 'payment_denied' && e.response?.fraud_status === 'deny';
    this.#alert = [fraud ? 'fraud' : e.code, Boolean(e.charge), e.code];
    if (e.code === 'invalid_card' && Array.isArray(e.errors)) {
      for (const { field: name, code } of e.errors) if (f[name]) f[name].reason = code;
    }
    this.#paint();
    const first = FIELDS.find((name) => f[name].reason);
    (e.code === 'invalid_card' && first ? f[first].input : f.button).focus();
    this.#announce(f.title.textContent);
    this.dispatchEvent(new CustomEvent('paymenterror', { detail: e, bubbles: true, composed: true }));
  }

  /**
   * Full-page 3-D Secure (`callback-url`): token -> your backend's charge -> the bank's page in
   * this tab; Midtrans then POSTs the result to `callback-url`. Resolves null once navigating, or
   * the result when the charge needed no 3DS.
   */
  async #redirect(midtrans, card, o) {
    const { token_id } = await midtrans.getCardToken(card, o);
    const fail = (code, response, httpStatus) => new MidtransCardError(code, `The charge failed (${code})`, { response, httpStatus, statusCode: response?.status_code });
    let answer;
    try {
      answer = await fetch(o.chargeUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...o.headers },
        credentials: o.credentials ?? 'same-origin',
        body: JSON.stringify({ token_id, ...o.body }),
      });
    } catch {
      throw fail('network_error');
    }
    const c = await answer.json().catch(() => null);
    const ok = c !== null && typeof c === 'object' && !Array.isArray(c);
    if (!answer.ok || !ok) throw fail(ok && c.status_code ? 'charge_failed' : 'backend_error', c ?? undefined, answer.status);
    if (c.redirect_url) {
      midtrans.redirect(c.redirect_url, { callbackUrl: new URL(this.getAttribute('callback-url'), location.href).href });
      return null;
    }
    // Read as pay() reads a charge answered without 3DS.
    const s = c.transaction_status;
    if (c.status_code === '200' || c.status_code === '201') {
      if (s === 'capture' && c.fraud_status === 'challenge') return { ...c, outcome: 'challenge', verifiedByBackend: false };
      if (s === 'capture' || s === 'settlement' || s === 'authorize') return { ...c, outcome: 'success', verifiedByBackend: false };
      if (s === 'pending') return { ...c, outcome: 'pending', verifiedByBackend: false };
    }
    throw fail(c.status_code === '202' || c.status_code === '200' || c.status_code === '201' ? 'payment_denied'
      : c.status_code === '407' ? 'authentication_expired' : 'charge_failed', c);
  }
}
