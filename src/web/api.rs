//! The JavaScript API: the crate's only `#[wasm_bindgen]` exports.
//!
//! Every function accepts any JavaScript value and never throws for bad input: it answers an
//! invalid verdict with a reason code instead.

use core::sync::atomic::{AtomicU8, Ordering};
use wasm_bindgen::prelude::*;

use super::convert::{self, text};
use crate::domain::{self, Brand, CardInput, CardOptions};

/// `validateCardNumber(value, options?)`: tri-state verdict, brand, candidates and reason.
#[wasm_bindgen(js_name = validateCardNumber, skip_typescript)]
pub fn validate_card_number(value: JsValue, options: JsValue) -> JsValue {
    let opts = convert::number_options(&options);
    let v = match text(&value) {
        Some(s) => domain::validate_number(&s, &opts),
        None => domain::validate_number("\u{0}", &opts),
    };
    convert::number_result(&v)
}

/// `validateExpiry(value, options?)`: a string in any accepted format, or `{ month, year }`.
#[wasm_bindgen(js_name = validateExpiry, skip_typescript)]
pub fn validate_expiry(value: JsValue, options: JsValue) -> JsValue {
    let opts = convert::expiry_options(&options);
    let v = if value.is_object() {
        match (text(&convert::get(&value, "month")), text(&convert::get(&value, "year"))) {
            (Some(m), Some(y)) => domain::validate_month_year(&m, &y, &opts),
            _ => domain::validate_expiry("\u{0}", &opts),
        }
    } else {
        domain::validate_expiry(&text(&value).unwrap_or_else(|| "\u{0}".into()), &opts)
    };
    convert::expiry_result(&v)
}

/// `validateCvv(value, brand?)`: the brand's code size; 3 or 4 digits when no brand is known.
#[wasm_bindgen(js_name = validateCvv, skip_typescript)]
pub fn validate_cvv(value: JsValue, brand: JsValue) -> JsValue {
    let b = brand.as_string().as_deref().and_then(Brand::from_id);
    let v = domain::validate_cvv(&text(&value).unwrap_or_else(|| "x".into()), b);
    convert::cvv_result(&v)
}

/// Capacity of the fast-path input buffer (`CAP` in index.js).
pub const INPUT_CAPACITY: usize = 64;

/// The fast-path input buffer. index.js writes an ASCII string into it (at the address
/// `__inputBuffer` gives) right before calling a `__*Bits` export. Atomics make "written from
/// outside" explicit without `unsafe`; on single-threaded wasm32 they are plain loads.
static INPUT: [AtomicU8; INPUT_CAPACITY] = [const { AtomicU8::new(0) }; INPUT_CAPACITY];

/// Runs `f` on the first `len` bytes of the input buffer as text (never panics).
fn with_input<R>(len: u32, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; INPUT_CAPACITY];
    let n = (len as usize).min(INPUT_CAPACITY);
    for (b, a) in buf.iter_mut().zip(&INPUT).take(n) {
        *b = a.load(Ordering::Relaxed);
    }
    f(core::str::from_utf8(buf.get(..n).unwrap_or(&[])).unwrap_or("\u{0}"))
}

/// Address of the fast-path input buffer in wasm memory (for index.js).
#[wasm_bindgen(js_name = __inputBuffer, skip_typescript)]
pub fn input_buffer() -> u32 {
    INPUT.as_ptr() as u32
}

/// Fast path of `validateCardNumber` (no options): the verdict on the buffer, packed.
#[wasm_bindgen(js_name = __numberBits, skip_typescript)]
pub fn number_bits(len: u32) -> u32 {
    with_input(len, |s| convert::number_bits(&domain::validate_number(s, &domain::NumberOptions::default())))
}

/// Fast path of `validateExpiry` (no options): `today` is `year * 100 + month`.
#[wasm_bindgen(js_name = __expiryBits, skip_typescript)]
pub fn expiry_bits(len: u32, today: u32) -> u32 {
    let opts = fast_expiry_options(today);
    with_input(len, |s| convert::expiry_bits(&domain::validate_expiry(s, &opts)))
}

/// Expiry options from `year * 100 + month`, with the default years ahead.
fn fast_expiry_options(today: u32) -> domain::ExpiryOptions {
    domain::ExpiryOptions {
        today: super::clock::from_packed(today),
        max_years_ahead: domain::DEFAULT_MAX_YEARS_AHEAD,
    }
}

/// Fast path of `validateExpiry({ month, year })`: the buffer holds the month's `month_len`
/// bytes, then the year's `year_len` bytes.
#[wasm_bindgen(js_name = __monthYearBits, skip_typescript)]
pub fn month_year_bits(month_len: u32, year_len: u32, today: u32) -> u32 {
    let opts = fast_expiry_options(today);
    with_input(month_len.saturating_add(year_len), |s| {
        let (m, y) = s.split_at_checked(month_len as usize).unwrap_or(("\u{0}", ""));
        convert::expiry_bits(&domain::validate_month_year(m, y, &opts))
    })
}

/// Fast path of `validateCvv`: `brand` is the brand's index, 15 for none.
#[wasm_bindgen(js_name = __cvvBits, skip_typescript)]
pub fn cvv_bits(len: u32, brand: u32) -> u32 {
    let brand = Brand::ALL.get(brand as usize).copied();
    with_input(len, |s| convert::cvv_bits(&domain::validate_cvv(s, brand)))
}

/// `validateCard(card, options?)`: every field of Midtrans's card object, every error listed.
#[wasm_bindgen(js_name = validateCard, skip_typescript)]
pub fn validate_card(card: JsValue, options: JsValue) -> JsValue {
    let (number, month, year, cvv, token) = (
        convert::card_field(&card, "card_number"),
        convert::card_field(&card, "card_exp_month"),
        convert::card_field(&card, "card_exp_year"),
        convert::card_field(&card, "card_cvv"),
        convert::card_field(&card, "token_id"),
    );
    let input = CardInput {
        number: number.as_deref(),
        exp_month: month.as_deref(),
        exp_year: year.as_deref(),
        cvv: cvv.as_deref(),
        token_id: token.as_deref(),
    };
    let opts = CardOptions {
        number: convert::number_options(&options),
        expiry: convert::expiry_options(&options),
        locale: convert::locale(&options),
    };
    convert::card_result(&domain::validate_card(&input, &opts))
}

/// `detectBrand(value)`: the brand's details once the digits determine one brand, else `null`.
#[wasm_bindgen(js_name = detectBrand, skip_typescript)]
pub fn detect_brand(value: JsValue) -> JsValue {
    let Some(s) = text(&value) else { return JsValue::NULL };
    match domain::digits::normalise(&s) {
        Ok(d) => domain::detect(d.as_bytes()).brand.map_or(JsValue::NULL, |b| convert::brand_info(b.info())),
        Err(_) => JsValue::NULL,
    }
}

/// `formatCardNumber(value)`: `"4811111111111114"` -> `"4811 1111 1111 1114"`.
#[wasm_bindgen(js_name = formatCardNumber, skip_typescript)]
pub fn format_card_number(value: JsValue) -> String {
    domain::format_card_number(&text(&value).unwrap_or_default())
}

/// `formatCardInput(value, caret)`: as-you-type formatting that keeps the caret by its digit.
#[wasm_bindgen(js_name = formatCardInput, skip_typescript)]
pub fn format_card_input(value: JsValue, caret: JsValue) -> JsValue {
    let s = value.as_string().or_else(|| text(&value)).unwrap_or_default();
    let caret = match caret.as_f64() {
        Some(c) if c.is_finite() && c >= 0.0 => c.min(u32::MAX as f64) as usize,
        _ => usize::MAX,
    };
    let (out, c) = domain::format_card_input(&s, caret);
    let o = js_sys::Object::new();
    convert::set(&o, "value", &JsValue::from_str(&out));
    convert::set(&o, "caret", &JsValue::from_f64(c as f64));
    o.into()
}

/// The Midtrans flow and the 3DS popup (the `midtrans` feature; the validation-only build leaves
/// them out).
#[cfg(feature = "midtrans")]
mod flow {
    use super::*;
    use js_sys::{Function, Promise};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen_futures::future_to_promise;
    use web_sys::{HtmlIFrameElement, RequestCredentials};

    use crate::web::convert::get;
    use crate::web::error::Failure;
    use crate::web::midtrans::{Client, PayConfig, DEFAULT_AUTH_TIMEOUT_MS};
    use crate::web::popup::Popup;

    fn reject(f: Failure) -> JsValue {
        f.into_js()
    }

    /// `MidtransCard`: a Promise API over Midtrans's `MidtransNew3ds`.
    #[wasm_bindgen(js_name = MidtransCard, skip_typescript)]
    pub struct MidtransCard {
        client: Rc<Client>,
    }

    #[wasm_bindgen(js_class = MidtransCard)]
    impl MidtransCard {
        /// `MidtransCard.load(options)`: reuses or loads the script; resolves with an instance.
        pub fn load(options: JsValue) -> Promise {
            future_to_promise(async move {
                let client = Client::load(&options).await.map_err(reject)?;
                Ok(JsValue::from(MidtransCard { client: Rc::new(client) }))
            })
        }

        /// `'sandbox'` or `'production'`.
        #[wasm_bindgen(getter)]
        pub fn environment(&self) -> String {
            self.client.environment.as_str().into()
        }

        /// `getCardToken(card, options?)`.
        #[wasm_bindgen(js_name = getCardToken)]
        pub fn get_card_token(&self, card: JsValue, options: JsValue) -> Promise {
            let client = self.client.clone();
            future_to_promise(async move { client.tokenize(&card, &options, false).await.map_err(reject) })
        }

        /// `registerCard(card, options?)`.
        #[wasm_bindgen(js_name = registerCard)]
        pub fn register_card(&self, card: JsValue, options: JsValue) -> Promise {
            let client = self.client.clone();
            future_to_promise(async move { client.tokenize(&card, &options, true).await.map_err(reject) })
        }

        /// `authenticate(redirectUrl, options?)`.
        pub fn authenticate(&self, redirect_url: JsValue, options: JsValue) -> Promise {
            let client = self.client.clone();
            future_to_promise(async move {
                let url = redirect_url.as_string().unwrap_or_default();
                let popup = crate::web::convert::popup_options(&get(&options, "popup"));
                let timeout = crate::web::convert::timeout_ms(&options, DEFAULT_AUTH_TIMEOUT_MS);
                client.authenticate(&url, popup, timeout).await.map_err(reject)
            })
        }

        /// `redirect(redirectUrl, { callbackUrl? })`: throws `invalid_redirect_url` synchronously.
        pub fn redirect(&self, redirect_url: JsValue, options: JsValue) -> Result<(), JsValue> {
            let url = redirect_url.as_string().unwrap_or_default();
            self.client.redirect(&url, get(&options, "callbackUrl").as_string()).map_err(reject)
        }

        /// `pay(card, { chargeUrl, body?, headers?, popup?, timeoutMs?, credentials? })`.
        pub fn pay(&self, card: JsValue, options: JsValue) -> Promise {
            let client = self.client.clone();
            future_to_promise(async move {
                let credentials = match get(&options, "credentials").as_string().as_deref() {
                    Some("omit") => RequestCredentials::Omit,
                    Some("include") => RequestCredentials::Include,
                    _ => RequestCredentials::SameOrigin,
                };
                let cfg = PayConfig {
                    charge_url: get(&options, "chargeUrl").as_string().unwrap_or_default(),
                    body: get(&options, "body"),
                    headers: crate::web::convert::string_pairs(&get(&options, "headers")),
                    popup: crate::web::convert::popup_options(&get(&options, "popup")),
                    credentials,
                };
                client.pay(&card, &options, cfg).await.map_err(reject)
            })
        }
    }

    /// `ThreeDsPopup`: the 3DS iframe popup for merchants running their own flow.
    #[wasm_bindgen(js_name = ThreeDsPopup, skip_typescript)]
    pub struct ThreeDsPopup {
        popup: Popup,
        on_cancel: Rc<RefCell<Option<Function>>>,
    }

    #[wasm_bindgen(js_class = ThreeDsPopup)]
    impl ThreeDsPopup {
        /// `ThreeDsPopup.open(url, options?)`: throws `invalid_redirect_url` for a disallowed URL.
        pub fn open(url: JsValue, options: JsValue) -> Result<ThreeDsPopup, JsValue> {
            let url = url.as_string().unwrap_or_default();
            let allowed = crate::web::convert::string_list(&get(&options, "allowedOrigins"));
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let popup =
                Popup::open(&url, &crate::web::convert::popup_options(&options), &allowed).map_err(reject)?;
            let on_cancel: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
            let slot = on_cancel.clone();
            popup.on_cancel(move || {
                let f = slot.borrow_mut().take();
                if let Some(f) = f {
                    let _ = f.call0(&JsValue::UNDEFINED);
                }
            });
            Ok(ThreeDsPopup { popup, on_cancel })
        }

        /// The iframe showing the 3DS page.
        #[wasm_bindgen(getter)]
        pub fn iframe(&self) -> HtmlIFrameElement {
            self.popup.iframe()
        }

        /// Whether the popup is open.
        #[wasm_bindgen(getter, js_name = isOpen)]
        pub fn is_open(&self) -> bool {
            self.popup.is_open()
        }

        /// The function called when the customer closes the popup.
        #[wasm_bindgen(getter, js_name = onCancel)]
        pub fn on_cancel(&self) -> JsValue {
            self.on_cancel.borrow().as_ref().map_or(JsValue::NULL, |f| f.clone().into())
        }

        /// Sets the cancel handler (`null` to remove).
        #[wasm_bindgen(setter, js_name = onCancel)]
        pub fn set_on_cancel(&self, f: JsValue) {
            *self.on_cancel.borrow_mut() = f.dyn_into::<Function>().ok();
        }

        /// Closes the popup and restores the page. Idempotent.
        pub fn close(&self) {
            self.popup.close();
        }
    }
}

#[cfg(feature = "midtrans")]
pub use flow::{MidtransCard, ThreeDsPopup};
