//! The npm package's JavaScript API (feature `js`): the crate's only `#[wasm_bindgen]` exports.
//!
//! A thin adapter: it reads JavaScript arguments leniently into the typed values of the pure core
//! and the Rust API (never trusting their type, never throwing for bad input), calls them, and
//! converts the results back into plain objects and `MidtransCardError`s. Options are read field
//! by field rather than deserialized whole, so one wrong-typed option falls back to its default
//! instead of failing the call, as the JS API has always done.

use core::sync::atomic::{AtomicU8, Ordering};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use super::hygiene::scrub_stack;
use super::jsval::{get, get_bool, get_f64, set, text};
use super::sys;
use crate::domain::{
    self, Brand, BrandInfo, BrandSet, CardVerdict, CvvVerdict, ExpiryOptions, ExpiryVerdict, FieldError,
    FieldValue, Locale, NumberOptions, NumberVerdict, YearMonth, DEFAULT_MAX_YEARS_AHEAD,
};

// ---------------------------------------------------------------------------------------------
// Reading options
// ---------------------------------------------------------------------------------------------

/// Reads `supportedBrands` (an array of brand strings; unknown strings match nothing).
fn supported_brands(options: &JsValue) -> BrandSet {
    let list = get(options, "supportedBrands");
    if !Array::is_array(&list) {
        return BrandSet::ALL;
    }
    let mut out = BrandSet::EMPTY;
    for v in list.unchecked_into::<Array>().iter() {
        if let Some(b) = v.as_string().as_deref().and_then(Brand::from_id) {
            out.insert(b);
        }
    }
    out
}

/// Number options from `{ supportedBrands?, luhnValidateUnionPay? }`.
fn number_options(options: &JsValue) -> NumberOptions {
    NumberOptions {
        supported: supported_brands(options),
        luhn_unionpay: get_bool(options, "luhnValidateUnionPay").unwrap_or(false),
    }
}

/// `{ today: { year, month } }` when both are sane, else `None`.
fn injected_today(options: &JsValue) -> Option<YearMonth> {
    let t = get(options, "today");
    match (get_f64(&t, "year"), get_f64(&t, "month")) {
        (Some(y), Some(m)) if (1.0..=9000.0).contains(&y) && (1.0..=12.0).contains(&m) => {
            Some(YearMonth { year: y as u16, month: m as u8 })
        }
        _ => None,
    }
}

/// `maxYearsAhead` when it is 0-99, else the default.
fn max_years_ahead(options: &JsValue) -> u16 {
    match get_f64(options, "maxYearsAhead") {
        Some(n) if (0.0..=99.0).contains(&n) => n as u16,
        _ => DEFAULT_MAX_YEARS_AHEAD,
    }
}

/// A month packed as `year * 100 + month` (as glue.js and index.js pass it), clamped to sane
/// values.
fn from_packed(v: u32) -> YearMonth {
    YearMonth {
        year: u16::try_from((v / 100).clamp(1, 9000)).unwrap_or(2026),
        month: u8::try_from((v % 100).clamp(1, 12)).unwrap_or(1),
    }
}

/// Expiry options from `{ today?: { year, month }, maxYearsAhead? }`, today defaulting to the
/// browser's local month.
fn expiry_options(options: &JsValue) -> ExpiryOptions {
    ExpiryOptions {
        today: injected_today(options).unwrap_or_else(|| from_packed(sys::local_month())),
        max_years_ahead: max_years_ahead(options),
    }
}

/// `{ locale?: 'en' | 'id' }`, when given as a string.
fn locale_option(options: &JsValue) -> Option<Locale> {
    get(options, "locale").as_string().map(|s| Locale::from_tag(&s))
}

// ---------------------------------------------------------------------------------------------
// Building results
// ---------------------------------------------------------------------------------------------

/// Packs a number verdict: bit 0 valid, 1 potentially valid, 2-5 brand (15 = none), 6-8 reason
/// (0 = none), 9-23 candidates. `glue.js` decodes it.
fn number_bits(v: &NumberVerdict) -> u32 {
    let brand = v.brand.map_or(15, |b| b.index() as u32);
    let reason = v.reason.map_or(0, |r| r as u32 + 1);
    u32::from(v.is_valid)
        | u32::from(v.is_potentially_valid) << 1
        | brand << 2
        | reason << 6
        | u32::from(v.candidates.0) << 9
}

/// Packs an expiry verdict: bit 0 valid, 1 potentially valid, 2-4 reason, 5-8 month, 9-22 year
/// plus one (0 = none, so a typed year 0000 stays year 0).
fn expiry_bits(v: &ExpiryVerdict) -> u32 {
    let reason = v.reason.map_or(0, |r| r as u32 + 1);
    let month = u32::from(v.month.unwrap_or(0));
    let year = v.year.map_or(0, |y| u32::from(y) + 1).min(16383);
    u32::from(v.is_valid) | u32::from(v.is_potentially_valid) << 1 | reason << 2 | month << 5 | year << 9
}

/// Packs a CVV verdict: bit 0 valid, 1 potentially valid, 2-4 reason.
fn cvv_bits(v: &CvvVerdict) -> u32 {
    u32::from(v.is_valid) | u32::from(v.is_potentially_valid) << 1 | v.reason.map_or(0, |r| r as u32 + 1) << 2
}

fn brand_value(b: Option<Brand>) -> JsValue {
    b.map_or(JsValue::NULL, |b| JsValue::from_str(b.id()))
}

fn u8_array(xs: &[u8]) -> Array {
    xs.iter().map(|&x| JsValue::from_f64(f64::from(x))).collect()
}

/// `[{ field, code, message }]`.
fn field_errors(errors: &[FieldError]) -> Array {
    errors
        .iter()
        .map(|e| {
            let o = Object::new();
            set(&o, "field", &JsValue::from_str(e.field.name()));
            set(&o, "code", &JsValue::from_str(e.code));
            set(&o, "message", &JsValue::from_str(e.message));
            JsValue::from(o)
        })
        .collect()
}

/// `{ isValid, brand, errors }`.
fn card_result(v: &CardVerdict) -> JsValue {
    let o = Object::new();
    set(&o, "isValid", &JsValue::from_bool(v.is_valid));
    set(&o, "brand", &brand_value(v.brand));
    set(&o, "errors", &field_errors(&v.errors));
    o.into()
}

/// `{ brand, niceName, lengths, gaps, cvvName, cvvLength }`.
fn brand_info(info: &BrandInfo) -> JsValue {
    let o = Object::new();
    set(&o, "brand", &JsValue::from_str(info.id));
    set(&o, "niceName", &JsValue::from_str(info.nice_name));
    set(&o, "lengths", &u8_array(info.lengths));
    set(&o, "gaps", &u8_array(info.gaps));
    set(&o, "cvvName", &JsValue::from_str(info.cvv_name));
    set(&o, "cvvLength", &JsValue::from_f64(f64::from(info.cvv_len)));
    o.into()
}

// ---------------------------------------------------------------------------------------------
// Validation exports
// ---------------------------------------------------------------------------------------------

/// `validateCardNumber(value, options?)`: tri-state verdict, brand, candidates and reason.
#[wasm_bindgen(js_name = validateCardNumber, skip_typescript)]
pub fn validate_card_number(value: JsValue, options: JsValue) -> JsValue {
    let v = match text(&value).map(Zeroizing::new) {
        Some(s) => domain::validate_number(&s, &number_options(&options)),
        None => NumberVerdict::NOT_TEXT,
    };
    scrub_stack();
    sys::number_from_bits(number_bits(&v))
}

/// `validateExpiry(value, options?)`: a string in any accepted format, or `{ month, year }`.
#[wasm_bindgen(js_name = validateExpiry, skip_typescript)]
pub fn validate_expiry(value: JsValue, options: JsValue) -> JsValue {
    let opts = expiry_options(&options);
    let v = if value.is_object() {
        match (text(&get(&value, "month")), text(&get(&value, "year"))) {
            (Some(m), Some(y)) => domain::validate_month_year(&m, &y, &opts),
            _ => ExpiryVerdict::NOT_TEXT,
        }
    } else {
        match text(&value) {
            Some(s) => domain::validate_expiry(&s, &opts),
            None => ExpiryVerdict::NOT_TEXT,
        }
    };
    sys::expiry_from_bits(expiry_bits(&v))
}

/// `validateCvv(value, brand?)`: the brand's code size; 3 or 4 digits when no brand is known.
#[wasm_bindgen(js_name = validateCvv, skip_typescript)]
pub fn validate_cvv(value: JsValue, brand: JsValue) -> JsValue {
    let b = brand.as_string().as_deref().and_then(Brand::from_id);
    let v = match text(&value).map(Zeroizing::new) {
        Some(s) => domain::validate_cvv(&s, b),
        None => CvvVerdict::NOT_TEXT,
    };
    scrub_stack();
    sys::cvv_from_bits(cvv_bits(&v))
}

/// Capacity of the fast-path input buffer (`CAP` in index.js).
const INPUT_CAPACITY: usize = 64;

/// The fast-path input buffer. index.js writes an ASCII string into it (at the address
/// `__inputBuffer` gives) right before calling a `__*Bits` export. Atomics make "written from
/// outside" explicit without `unsafe`; on single-threaded wasm32 they are plain loads.
static INPUT: [AtomicU8; INPUT_CAPACITY] = [const { AtomicU8::new(0) }; INPUT_CAPACITY];

/// Runs `f` on the first `len` bytes of the input buffer as text (`None`: not UTF-8, which
/// index.js never writes), then overwrites both the buffer and the copy with zeros: a card
/// number typed into a field does not stay in wasm memory. Never panics.
fn with_input<R>(len: u32, f: impl FnOnce(Option<&str>) -> R) -> R {
    let mut buf = [0u8; INPUT_CAPACITY];
    let n = (len as usize).min(INPUT_CAPACITY);
    for (b, a) in buf.iter_mut().zip(&INPUT).take(n) {
        *b = a.swap(0, Ordering::Relaxed);
    }
    let r = f(buf.get(..n).and_then(|bytes| core::str::from_utf8(bytes).ok()));
    if let Some(used) = buf.get_mut(..n) {
        used.zeroize();
    }
    r
}

/// Address of the fast-path input buffer in wasm memory (for index.js).
#[wasm_bindgen(js_name = __inputBuffer, skip_typescript)]
pub fn input_buffer() -> u32 {
    INPUT.as_ptr() as u32
}

/// Fast path of `validateCardNumber` (no options): the verdict on the buffer, packed.
#[wasm_bindgen(js_name = __numberBits, skip_typescript)]
pub fn number_bits_export(len: u32) -> u32 {
    let bits = with_input(len, |s| {
        number_bits(
            &s.map_or(NumberVerdict::NOT_TEXT, |s| domain::validate_number(s, &NumberOptions::default())),
        )
    });
    // Normalisation copied the digits into frames below this one (a CVV's only copy is the
    // buffer, which with_input zeroes; an expiry is not secret).
    scrub_stack();
    bits
}

/// Expiry options from `year * 100 + month`, with the default years ahead.
fn fast_expiry_options(today: u32) -> ExpiryOptions {
    ExpiryOptions { today: from_packed(today), max_years_ahead: DEFAULT_MAX_YEARS_AHEAD }
}

/// Fast path of `validateExpiry` (no options): `today` is `year * 100 + month`.
#[wasm_bindgen(js_name = __expiryBits, skip_typescript)]
pub fn expiry_bits_export(len: u32, today: u32) -> u32 {
    let opts = fast_expiry_options(today);
    with_input(len, |s| {
        expiry_bits(&s.map_or(ExpiryVerdict::NOT_TEXT, |s| domain::validate_expiry(s, &opts)))
    })
}

/// Fast path of `validateExpiry({ month, year })`: the buffer holds the month's `month_len`
/// bytes, then the year's `year_len` bytes.
#[wasm_bindgen(js_name = __monthYearBits, skip_typescript)]
pub fn month_year_bits_export(month_len: u32, year_len: u32, today: u32) -> u32 {
    let opts = fast_expiry_options(today);
    with_input(month_len.saturating_add(year_len), |s| {
        let v = match s.and_then(|s| s.split_at_checked(month_len as usize)) {
            Some((m, y)) => domain::validate_month_year(m, y, &opts),
            None => ExpiryVerdict::NOT_TEXT,
        };
        expiry_bits(&v)
    })
}

/// Fast path of `validateCvv`: `brand` is the brand's index, 15 for none.
#[wasm_bindgen(js_name = __cvvBits, skip_typescript)]
pub fn cvv_bits_export(len: u32, brand: u32) -> u32 {
    let brand = Brand::ALL.get(brand as usize).copied();
    with_input(len, |s| cvv_bits(&s.map_or(CvvVerdict::NOT_TEXT, |s| domain::validate_cvv(s, brand))))
}

/// A card field read off a JS object.
enum JsField {
    /// `undefined` or `null`.
    Absent,
    /// Text (a string, or a safe integer or bigint in decimal).
    Text(String),
    /// Anything else.
    NotText,
}

impl Drop for JsField {
    fn drop(&mut self) {
        if let JsField::Text(s) = self {
            s.zeroize();
        }
    }
}

impl JsField {
    fn read(card: &JsValue, key: &str) -> JsField {
        let v = get(card, key);
        if v.is_undefined() || v.is_null() {
            return JsField::Absent;
        }
        text(&v).map_or(JsField::NotText, JsField::Text)
    }

    fn value(&self) -> Option<FieldValue<'_>> {
        match self {
            JsField::Absent => None,
            JsField::Text(s) => Some(FieldValue::Text(s)),
            JsField::NotText => Some(FieldValue::NotText),
        }
    }
}

/// `validateCard(card, options?)`: every field of Midtrans's card object, every error listed.
#[wasm_bindgen(js_name = validateCard, skip_typescript)]
pub fn validate_card(card: JsValue, options: JsValue) -> JsValue {
    let [number, month, year, cvv, token] =
        ["card_number", "card_exp_month", "card_exp_year", "card_cvv", "token_id"]
            .map(|k| JsField::read(&card, k));
    let input = domain::CardInput {
        number: number.value(),
        exp_month: month.value(),
        exp_year: year.value(),
        cvv: cvv.value(),
        token_id: token.value(),
    };
    let opts = domain::CardOptions {
        number: number_options(&options),
        expiry: expiry_options(&options),
        locale: locale_option(&options).unwrap_or_default(),
    };
    let verdict = domain::validate_card(&input, &opts);
    scrub_stack();
    card_result(&verdict)
}

/// `detectBrand(value)`: the brand's details once the digits determine one brand, else `null`.
#[wasm_bindgen(js_name = detectBrand, skip_typescript)]
pub fn detect_brand(value: JsValue) -> JsValue {
    let Some(s) = text(&value) else { return JsValue::NULL };
    match domain::digits::normalise(&s) {
        Ok(d) => domain::detect(d.as_bytes()).brand.map_or(JsValue::NULL, |b| brand_info(b.info())),
        Err(_) => JsValue::NULL,
    }
}

/// `formatCardNumber(value)`: `"4811111111111114"` -> `"4811 1111 1111 1114"`.
#[wasm_bindgen(js_name = formatCardNumber, skip_typescript)]
pub fn format_card_number(value: JsValue) -> JsValue {
    // A JsValue, not a String: no multi-value return shim for one string.
    JsValue::from_str(&domain::format_card_number(&text(&value).unwrap_or_default()))
}

/// `formatCardInput(value, caret)`: as-you-type formatting that keeps the caret by its digit.
#[wasm_bindgen(js_name = formatCardInput, skip_typescript)]
pub fn format_card_input(value: JsValue, caret: JsValue) -> JsValue {
    let s = text(&value).unwrap_or_default();
    let caret = match caret.as_f64() {
        Some(c) if c.is_finite() && c >= 0.0 => c.min(u32::MAX as f64) as usize,
        _ => usize::MAX,
    };
    let (out, c) = domain::format_card_input(&s, caret);
    let o = Object::new();
    set(&o, "value", &JsValue::from_str(&out));
    set(&o, "caret", &JsValue::from_f64(c as f64));
    o.into()
}

/// `formatExpiryInput(value, caret, inputType?)`: `MM/YY` as typed, caret kept; an `inputType`
/// starting with `delete` (or `true`) marks a deletion, so a slash just deleted stays deleted.
#[wasm_bindgen(js_name = formatExpiryInput, skip_typescript)]
pub fn format_expiry_input(value: JsValue, caret: JsValue, input_type: JsValue) -> JsValue {
    let del =
        input_type.as_bool() == Some(true) || input_type.as_string().is_some_and(|t| t.starts_with("delete"));
    let c = caret
        .as_f64()
        .filter(|c| c.is_finite() && *c >= 0.0)
        .map_or(usize::MAX, |c| c.min(u32::MAX as f64) as usize);
    let (out, c) = domain::format_expiry_input(&text(&value).unwrap_or_default(), c, del);
    let o = Object::new();
    set(&o, "value", &JsValue::from_str(&out));
    set(&o, "caret", &JsValue::from_f64(c as f64));
    o.into()
}

#[cfg(all(test, feature = "midtrans"))]
pub(crate) use flow::{MidtransCard, ThreeDsPopup};

/// The Midtrans flow and the 3DS popup over the Rust API (the `midtrans` feature; the
/// validation-only build leaves them out).
#[cfg(feature = "midtrans")]
mod flow {
    use super::*;
    use js_sys::{Function, Promise};
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::time::Duration;
    use web_sys::HtmlIFrameElement;

    use crate::web::jsval::{get_string, string_list, string_pairs};
    use crate::web::types::Part;
    use crate::{
        AuthenticateOptions, Card, Credentials, Environment, Error, ErrorCode, LoadOptions, PayOptions,
        PopupOptions, TokenOptions,
    };

    /// The `MidtransCardError` for an [`Error`]: its code, message and evidence.
    fn reject(e: Error) -> JsValue {
        let details = Object::new();
        if !e.field_errors().is_empty() {
            set(&details, "errors", &field_errors(e.field_errors()));
        }
        if let Some(s) = e.status_code() {
            set(&details, "statusCode", &JsValue::from_str(s));
        }
        if !e.validation_messages().is_empty() {
            let list: Array = e.validation_messages().iter().map(|m| JsValue::from_str(m)).collect();
            set(&details, "validationMessages", &list);
        }
        if let Some(r) = e.raw_response() {
            set(&details, "response", &r.to_js());
        }
        if let Some(c) = e.raw_charge() {
            set(&details, "charge", &c.to_js());
        }
        if let Some(h) = e.http_status() {
            set(&details, "httpStatus", &JsValue::from_f64(f64::from(h)));
        }
        sys::MidtransCardErrorClass::new(e.code().as_str(), e.message(), &details).into()
    }

    fn invalid_options(message: &'static str) -> JsValue {
        reject(Error::new(ErrorCode::InvalidOptions).with_message(message))
    }

    /// `options.timeoutMs` when it is a non-negative number, else `default`.
    fn timeout(options: &JsValue, default: Duration) -> Duration {
        millis_option(options, "timeoutMs", default)
    }

    /// `options[key]` as milliseconds when it is a non-negative number, else `default`.
    fn millis_option(options: &JsValue, key: &str, default: Duration) -> Duration {
        match get_f64(options, key) {
            Some(ms) if ms >= 0.0 => Duration::from_millis(ms.min(f64::from(i32::MAX)) as u64),
            _ => default,
        }
    }

    /// `{ clientKey, environment, scriptUrl?, apiBaseUrl?, timeoutMs?, allowedRedirectOrigins?,
    /// locale?, integrity?, nonce?, trustedTypes? }`.
    fn load_options(options: &JsValue) -> Result<LoadOptions, JsValue> {
        let environment = get_string(options, "environment")
            .as_deref()
            .and_then(Environment::from_name)
            .ok_or_else(|| invalid_options("environment must be 'sandbox' or 'production'."))?;
        let mut o = LoadOptions::new(get_string(options, "clientKey").unwrap_or_default(), environment);
        o.script_url = get_string(options, "scriptUrl");
        o.api_base_url = get_string(options, "apiBaseUrl");
        o.timeout = timeout(options, o.timeout);
        o.allowed_redirect_origins = string_list(&get(options, "allowedRedirectOrigins"));
        o.locale = locale_option(options).unwrap_or_default();
        o.integrity = get_string(options, "integrity");
        o.nonce = get_string(options, "nonce");
        o.trusted_types = get_bool(options, "trustedTypes").unwrap_or(false);
        Ok(o)
    }

    /// A card from a JS object with Midtrans's field names.
    fn card(v: &JsValue) -> Card {
        let part = |k: &str| match JsField::read(v, k) {
            JsField::Absent => Part::Absent,
            JsField::Text(ref mut s) => Part::Text(std::mem::take(s)),
            JsField::NotText => Part::NotText,
        };
        let mut c = Card::from_parts(
            part("card_number"),
            part("card_exp_month"),
            part("card_exp_year"),
            part("card_cvv"),
            part("token_id"),
        );
        c.set_bank_one_time_token(part("bank_one_time_token"));
        c
    }

    /// `{ timeoutMs?, supportedBrands?, luhnValidateUnionPay?, today?, maxYearsAhead?, locale? }`.
    fn token_options(options: &JsValue) -> TokenOptions {
        let mut o = TokenOptions::default();
        o.timeout = timeout(options, o.timeout);
        o.supported_brands = supported_brands(options);
        o.luhn_validate_union_pay = get_bool(options, "luhnValidateUnionPay").unwrap_or(false);
        o.today = injected_today(options);
        o.max_years_ahead = max_years_ahead(options);
        o.locale = locale_option(options);
        o
    }

    /// `{ closable?, title?, classPrefix?, container? }`.
    fn popup_options(options: &JsValue) -> PopupOptions {
        let mut o = PopupOptions::default();
        if let Some(c) = get_bool(options, "closable") {
            o.closable = c;
        }
        o.title = get_string(options, "title");
        if let Some(p) = get_string(options, "classPrefix") {
            o.class_prefix = p;
        }
        o.container = get(options, "container").dyn_into::<web_sys::HtmlElement>().ok();
        o
    }

    /// `{ chargeUrl, body?, headers?, popup?, timeoutMs?, credentials?, ...validation }`.
    fn pay_options(options: &JsValue) -> PayOptions {
        let mut o = PayOptions::new(get_string(options, "chargeUrl").unwrap_or_default());
        o.set_raw_body(Some(get(options, "body")).filter(JsValue::is_object).map(crate::web::raw::Raw::js));
        o.headers = string_pairs(&get(options, "headers"));
        o.credentials = match get_string(options, "credentials").as_deref() {
            Some("omit") => Credentials::Omit,
            Some("include") => Credentials::Include,
            _ => Credentials::SameOrigin,
        };
        o.token = token_options(options);
        o.charge_timeout = millis_option(options, "chargeTimeoutMs", o.charge_timeout);
        o.authenticate.popup = popup_options(&get(options, "popup"));
        o
    }

    /// The one bridge from Rust futures to Promises: every method boxes its future into the same
    /// type, so the bridge's machinery is compiled once, not once per method.
    type Call = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

    fn promise(call: Call) -> Promise {
        wasm_bindgen_futures::future_to_promise(call)
    }

    /// `MidtransCard`: a Promise API over Midtrans's `MidtransNew3ds`.
    #[wasm_bindgen(js_name = MidtransCard, skip_typescript)]
    pub struct MidtransCard {
        inner: crate::MidtransCard,
    }

    #[wasm_bindgen(js_class = MidtransCard)]
    impl MidtransCard {
        /// `MidtransCard.load(options)`: reuses or loads the script; resolves with an instance.
        pub fn load(options: JsValue) -> Promise {
            let options = load_options(&options);
            promise(Box::pin(async move {
                let inner = crate::MidtransCard::load(options?).await.map_err(reject)?;
                Ok(JsValue::from(MidtransCard { inner }))
            }))
        }

        /// `'sandbox'` or `'production'`.
        #[wasm_bindgen(getter)]
        pub fn environment(&self) -> JsValue {
            JsValue::from_str(self.inner.environment().as_str())
        }

        /// `getCardToken(card, options?)`.
        #[wasm_bindgen(js_name = getCardToken)]
        pub fn get_card_token(&self, card_data: JsValue, options: JsValue) -> Promise {
            let (inner, card, options) = (self.inner.clone(), card(&card_data), token_options(&options));
            promise(Box::pin(async move {
                let t = inner.get_card_token_with(&card, &options).await.map_err(reject)?;
                Ok(t.to_js())
            }))
        }

        /// `registerCard(card, options?)`.
        #[wasm_bindgen(js_name = registerCard)]
        pub fn register_card(&self, card_data: JsValue, options: JsValue) -> Promise {
            let (inner, card, options) = (self.inner.clone(), card(&card_data), token_options(&options));
            promise(Box::pin(async move {
                let r = inner.register_card_with(&card, &options).await.map_err(reject)?;
                Ok(r.to_js())
            }))
        }

        /// `authenticate(redirectUrl, options?)`.
        pub fn authenticate(&self, redirect_url: JsValue, options: JsValue) -> Promise {
            let inner = self.inner.clone();
            let url = redirect_url.as_string().unwrap_or_default();
            let mut o = AuthenticateOptions::default();
            o.popup = popup_options(&get(&options, "popup"));
            o.timeout = timeout(&options, o.timeout);
            promise(Box::pin(async move {
                let t = inner.authenticate(&url, o).await.map_err(reject)?;
                Ok(t.to_js())
            }))
        }

        /// `redirect(redirectUrl, { callbackUrl? })`: throws `invalid_redirect_url` synchronously.
        pub fn redirect(&self, redirect_url: JsValue, options: JsValue) -> Result<(), JsValue> {
            let url = redirect_url.as_string().unwrap_or_default();
            self.inner.redirect(&url, get_string(&options, "callbackUrl").as_deref()).map_err(reject)
        }

        /// `pay(card, { chargeUrl, body?, headers?, popup?, timeoutMs?, credentials? })`.
        pub fn pay(&self, card_data: JsValue, options: JsValue) -> Promise {
            let (inner, card, options) = (self.inner.clone(), card(&card_data), pay_options(&options));
            promise(Box::pin(async move {
                let t = inner.pay(&card, options).await.map_err(reject)?;
                Ok(t.to_js())
            }))
        }
    }

    /// `ThreeDsPopup`: the 3DS iframe popup for merchants running their own flow.
    #[wasm_bindgen(js_name = ThreeDsPopup, skip_typescript)]
    pub struct ThreeDsPopup {
        popup: crate::ThreeDsPopup,
        on_cancel: Rc<RefCell<Option<Function>>>,
    }

    #[wasm_bindgen(js_class = ThreeDsPopup)]
    impl ThreeDsPopup {
        /// `ThreeDsPopup.open(url, options?)`: throws `invalid_redirect_url` for a disallowed URL.
        pub fn open(url: JsValue, options: JsValue) -> Result<ThreeDsPopup, JsValue> {
            let url = url.as_string().unwrap_or_default();
            let allowed = string_list(&get(&options, "allowedOrigins"));
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let popup =
                crate::ThreeDsPopup::open(&url, &popup_options(&options), &allowed).map_err(reject)?;
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
