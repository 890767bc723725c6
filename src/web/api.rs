//! The npm package's JavaScript API for the Midtrans flow (features `js` and `midtrans`): the
//! crate's only `#[wasm_bindgen]` exports. The validators' boundary is `abi.rs`.
//!
//! A thin adapter: it reads JavaScript arguments leniently into the typed values of the pure core
//! and the Rust API (never trusting their type, never throwing for bad input), calls them, and
//! converts the results back into plain objects and `MidtransCardError`s. Options are read field
//! by field rather than deserialized whole, so one wrong-typed option falls back to its default
//! instead of failing the call, as the JS API has always done.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::jsval::{get, get_bool, get_f64, set, text};
use super::sys;
use crate::domain::{BrandSet, FieldError, Locale, YearMonth, DEFAULT_MAX_YEARS_AHEAD};

// ---------------------------------------------------------------------------------------------
// Reading options
// ---------------------------------------------------------------------------------------------

/// `{ locale?: 'en' | 'id' }`, when given as a string.
fn locale_option(options: &JsValue) -> Option<Locale> {
    get(options, "locale").as_string().map(|s| Locale::from_tag(&s))
}

// ---------------------------------------------------------------------------------------------
// Building results
// ---------------------------------------------------------------------------------------------

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
            crate::domain::digits::wipe_string(s);
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
}

#[cfg(all(test, feature = "flow"))]
pub(crate) use flow::{MidtransCard, ThreeDsPopup};

/// The Midtrans flow and the 3DS popup over the Rust API (the `midtrans` feature; the
/// validation-only build leaves them out).
#[cfg(feature = "flow")]
mod flow {
    use super::*;
    use core::time::Duration;
    use js_sys::{Function, Promise};
    use web_sys::HtmlIFrameElement;

    use crate::web::jsval::{get_string, string_list, string_pairs};
    use crate::web::types::Part;
    use crate::{
        AuthenticateOptions, Card, Credentials, Environment, Error, ErrorCode, LoadOptions, PayOptions,
        PopupOptions, TokenOptions,
    };

    /// The `MidtransCardError` for an [`Error`]: its code, message and evidence.
    #[inline(never)]
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
        if let Some(d) = e.detail().filter(|d| *d != e.message()) {
            set(&details, "detail", &JsValue::from_str(d));
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
    #[inline(never)]
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
    #[inline(never)]
    fn card(v: &JsValue) -> Card {
        let part = |k: &str| match JsField::read(v, k) {
            JsField::Absent => Part::Absent,
            JsField::Text(ref mut s) => Part::Text(core::mem::take(s)),
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

    /// The validation options of a token call (`supportedBrands`, `luhnValidateUnionPay`, `today`,
    /// `maxYearsAhead`, `locale`), read by the package entry exactly as the validators' are and
    /// handed over as two integers (index.js `tokenArgs`):
    /// - `flags`: bits 0-14 the supported brands, bit 15 set when they were read (else every brand),
    ///   bit 16 `luhnValidateUnionPay`, bits 17-18 the locale (0 none, 1 `en`, 2 `id`), bits 19-25
    ///   `maxYearsAhead + 1` (0: the default);
    /// - `today`: `year * 100 + month`, 0 for the browser's month.
    ///
    /// A caller of the raw class that passes neither gets every default.
    fn token_validation(o: &mut TokenOptions, flags: u32, today: u32) {
        if flags & 1 << 15 != 0 {
            o.supported_brands = BrandSet((flags & 0x7fff) as u16);
        }
        o.luhn_validate_union_pay = flags & 1 << 16 != 0;
        o.locale = match flags >> 17 & 3 {
            1 => Some(Locale::En),
            2 => Some(Locale::Id),
            _ => None,
        };
        o.max_years_ahead = match flags >> 19 & 0x7f {
            0 => DEFAULT_MAX_YEARS_AHEAD,
            n => (n - 1).min(99) as u16,
        };
        o.today = (today != 0).then(|| YearMonth::clamped(today / 100, today % 100));
    }

    /// `{ timeoutMs? }`, and the validation options as the entry packed them ([`token_validation`]).
    #[inline(never)]
    fn token_options(options: &JsValue, flags: u32, today: u32) -> TokenOptions {
        let mut o = TokenOptions::default();
        o.timeout = timeout(options, o.timeout);
        token_validation(&mut o, flags, today);
        o
    }

    /// `{ closable?, title?, classPrefix?, container? }`.
    #[inline(never)]
    fn popup_options(options: &JsValue) -> PopupOptions {
        let mut o = PopupOptions::default();
        if let Some(c) = get_bool(options, "closable") {
            o.closable = c;
        }
        o.title = get_string(options, "title");
        o.locale = locale_option(options);
        if let Some(p) = get_string(options, "classPrefix") {
            o.class_prefix = p;
        }
        o.container = get(options, "container").dyn_into::<web_sys::HtmlElement>().ok();
        o
    }

    /// `{ chargeUrl, body?, headers?, popup?, timeoutMs?, credentials?, ...validation }`.
    #[inline(never)]
    fn pay_options(options: &JsValue, flags: u32, today: u32) -> PayOptions {
        let mut o = PayOptions::new(get_string(options, "chargeUrl").unwrap_or_default());
        o.set_raw_body(Some(get(options, "body")).filter(JsValue::is_object).map(crate::web::raw::Raw::js));
        o.headers = string_pairs(&get(options, "headers"));
        o.credentials = match get_string(options, "credentials").as_deref() {
            Some("omit") => Credentials::Omit,
            Some("include") => Credentials::Include,
            _ => Credentials::SameOrigin,
        };
        o.token = token_options(options, flags, today);
        o.charge_timeout = millis_option(options, "chargeTimeoutMs", o.charge_timeout);
        o.authenticate.popup = popup_options(&get(options, "popup"));
        o
    }

    /// Every method boxes its future into the same type, so the bridge (`web/bridge.rs`) is
    /// compiled once, not once per method.
    use crate::web::bridge::promise;

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

        /// `getCardToken(card, options?)` (the entry adds `flags` and `today`: [`token_validation`]).
        #[wasm_bindgen(js_name = getCardToken)]
        pub fn get_card_token(
            &self,
            card_data: JsValue,
            options: JsValue,
            flags: u32,
            today: u32,
        ) -> Promise {
            let (inner, card, options) =
                (self.inner.clone(), card(&card_data), token_options(&options, flags, today));
            promise(Box::pin(async move {
                let t = inner.get_card_token_with(&card, &options).await.map_err(reject)?;
                Ok(t.to_js())
            }))
        }

        /// `registerCard(card, options?)` (the entry adds `flags` and `today`: [`token_validation`]).
        #[wasm_bindgen(js_name = registerCard)]
        pub fn register_card(&self, card_data: JsValue, options: JsValue, flags: u32, today: u32) -> Promise {
            let (inner, card, options) =
                (self.inner.clone(), card(&card_data), token_options(&options, flags, today));
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

        /// `pay(card, { chargeUrl, body?, headers?, popup?, timeoutMs?, credentials? })` (the entry
        /// adds `flags` and `today`: [`token_validation`]).
        pub fn pay(&self, card_data: JsValue, options: JsValue, flags: u32, today: u32) -> Promise {
            let (inner, card, options) =
                (self.inner.clone(), card(&card_data), pay_options(&options, flags, today));
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
    }

    #[wasm_bindgen(js_class = ThreeDsPopup)]
    impl ThreeDsPopup {
        /// `ThreeDsPopup.open(url, options?)`: throws `invalid_redirect_url` for a disallowed URL.
        /// The entry adds `cancelled`, called when the customer closes the popup: it calls the
        /// instance's `onCancel` once (the property is the entry's, index.js).
        pub fn open(url: JsValue, options: JsValue, cancelled: JsValue) -> Result<ThreeDsPopup, JsValue> {
            let url = url.as_string().unwrap_or_default();
            let allowed = string_list(&get(&options, "allowedOrigins"));
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let popup =
                crate::ThreeDsPopup::open(&url, &popup_options(&options), &allowed).map_err(reject)?;
            // Not a function: calling it throws, which `call0` catches.
            let f: Function = cancelled.unchecked_into();
            popup.on_cancel(move || {
                let _ = f.call0(&JsValue::UNDEFINED);
            });
            Ok(ThreeDsPopup { popup })
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

        /// Closes the popup and restores the page. Idempotent.
        pub fn close(&self) {
            self.popup.close();
        }
    }
}
