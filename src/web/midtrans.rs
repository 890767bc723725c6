//! The flow over `MidtransNew3ds`: validation before any network call, our own timeouts, one
//! call at a time (the library has ONE shared callback slot), late answers kept away from later
//! calls, the 3DS popup, and `pay()` through the merchant backend.
//!
//! How the library behaves (its one callback slot, its `url`/`clientKey` overrides, its
//! never-removed `message` listener) is described in the repository's `docs/midtrans-library.md`.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use alloc::rc::Rc;
use core::cell::Cell;

use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlIFrameElement;

use super::backend;
use super::clock;
use super::convert;
use super::error::Error;
use super::jsval::{get, get_string, set};
use super::listener::Listener;
use super::loader::{self, Script, TokenFrame};
use super::local::Local;
use super::oneshot::{channel, Callbacks, Kind, Settled};
use super::options::{
    AuthenticateOptions, Environment, LoadOptions, PayOptions, TokenOptions, DEFAULT_SCRIPT_URL,
};
use super::popup::Popup;
use super::raw::Raw;
use super::sys::Lib;
use super::timer::Timeout;
use super::types::{transaction_of, Card, RegisterResponse, TokenResponse, TransactionResult};
use crate::domain::{
    self, CardOptions, ChargeStep, ErrorCode, ExpiryOptions, Locale, NumberOptions, Truncated,
};

/// One call at a time across every client: the library's callback slot is global.
static IN_FLIGHT: Local<Cell<bool>> = Local::new(Cell::new(false));
/// The callbacks the library's slot points at; kept alive until the next call replaces them.
static LAST_CALLBACKS: Local<Cell<Option<Callbacks>>> = Local::new(Cell::new(None));
/// The iframe of the 3DS page being shown, whose messages alone may reach the library.
static ACTIVE_FRAME: Local<Cell<Option<HtmlIFrameElement>>> = Local::new(Cell::new(None));

/// Milliseconds for a timer (saturating).
fn millis(d: core::time::Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// A loaded client.
pub(crate) struct Client {
    lib: Lib,
    environment: Environment,
    script: Script,
    api_base: String,
    allowed_origins: Vec<String>,
    locale: Locale,
    _guard: Option<Listener>,
}

fn bad_options(msg: &'static str) -> Error {
    Error::new(ErrorCode::InvalidOptions).with_message(msg)
}

/// Marks the library busy for the guard's life.
#[must_use = "the library is free again when the guard drops"]
struct Busy;

impl Busy {
    fn begin() -> Result<Busy, Error> {
        if IN_FLIGHT.with(|f| f.replace(true)) {
            return Err(Error::new(ErrorCode::Busy));
        }
        Ok(Busy)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        IN_FLIGHT.with(|f| f.set(false));
    }
}

/// Whether a message is one `MidtransNew3ds`'s listener would act on.
fn is_midtrans_message(data: &JsValue) -> bool {
    data.is_object() && get(data, "status_code").is_truthy() && get(data, "status_message").is_truthy()
}

/// Whether `source` is the window of `frame` or of a frame nested inside it (issuers' pages load
/// inside Midtrans's 3DS page). `parent` is readable across origins.
fn from_frame(source: &JsValue, frame: &HtmlIFrameElement) -> bool {
    let Some(target) = frame.content_window().map(JsValue::from) else { return false };
    let mut w = source.clone();
    for _ in 0..8 {
        if w.is_undefined() || w.is_null() {
            return false;
        }
        if Object::is(&w, &target) {
            return true;
        }
        let parent = get(&w, "parent");
        if Object::is(&parent, &w) {
            return false;
        }
        w = parent;
    }
    false
}

/// A capture-phase `message` listener in front of the library's own. The library's listener is
/// never removed and hands any Midtrans-shaped message to whatever call is current, so while a
/// call is in flight this one stops every Midtrans-shaped message unless it comes from the 3DS
/// frame being shown (or a frame inside it) and from an allowed origin. With no call in flight
/// it does nothing: other code on the page gets its messages.
fn message_guard(allowed_origins: Vec<String>) -> Option<Listener> {
    let window = super::sys::window()?;
    Some(Listener::new(&window, "message", true, move |ev| {
        if !IN_FLIGHT.with(Cell::get) {
            return;
        }
        // A `message` event's fields, read as plain properties (a synthetic event without them
        // is not Midtrans-shaped and passes).
        if !is_midtrans_message(&get(&ev, "data")) {
            return;
        }
        let source = get(&ev, "source");
        let from_shown = ACTIVE_FRAME.update(|f| f.as_ref().is_some_and(|frame| from_frame(&source, frame)));
        let allowed: Vec<&str> = allowed_origins.iter().map(String::as_str).collect();
        let mut origin = get_string(&ev, "origin").unwrap_or_default();
        origin.push('/');
        let origin_ok = domain::is_allowed_redirect_url(&origin, &allowed);
        if !(from_shown && origin_ok) {
            ev.stop_immediate_propagation();
        }
    }))
}

/// The JSONP `<script>` tag the library has just appended for a request to `endpoint` (it
/// appends it to `<head>` synchronously and never removes it; its URL carries the card number).
fn request_tag(document: Option<web_sys::Document>, endpoint: &str) -> Option<web_sys::Element> {
    let head = document?.head()?;
    head.last_element_child().filter(|el| {
        // The URL carries the card number: wiped once compared.
        el.get_attribute("src").is_some_and(|mut src| {
            let ours = src.starts_with(endpoint);
            crate::domain::digits::wipe_string(&mut src);
            ours
        })
    })
}

/// Whether a library answer is a transaction (a 3DS result), not a token answer: a late
/// `getCardToken` answer lands in the same callback slot during `authenticate`.
fn is_transaction(resp: &JsValue) -> bool {
    let has = |k| !get(resp, k).is_undefined();
    has("transaction_status") || !(has("token_id") || has("saved_token_id"))
}

/// The charge's `order_id` and `transaction_id`, which a 3DS result for it must not contradict.
#[derive(Default)]
struct ChargeIds {
    order_id: Option<String>,
    transaction_id: Option<String>,
}

impl ChargeIds {
    fn of(charge: &Raw) -> ChargeIds {
        ChargeIds { order_id: charge.text("order_id"), transaction_id: charge.text("transaction_id") }
    }

    /// False when the result names another order or transaction than the charge.
    fn agree(&self, resp: &JsValue) -> bool {
        let same = |mine: &Option<String>, key| match (mine, super::jsval::field_text(resp, key)) {
            (Some(a), Some(b)) => *a == b,
            _ => true,
        };
        same(&self.order_id, "order_id") && same(&self.transaction_id, "transaction_id")
    }
}

impl Client {
    pub(crate) async fn load(options: LoadOptions) -> Result<Client, Error> {
        let client_key = domain::utf8::trim(&options.client_key).to_owned();
        if client_key.is_empty() {
            return Err(bad_options("clientKey is required (your Midtrans client key)."));
        }
        let environment = options.environment;
        let production = environment == Environment::Production;
        let not_https = |url: &Option<String>| url.as_deref().is_some_and(|u| !u.starts_with("https://"));
        if production && (not_https(&options.script_url) || not_https(&options.api_base_url)) {
            return Err(bad_options("In production, scriptUrl and apiBaseUrl must be https URLs."));
        }
        let api_base = options
            .api_base_url
            .map(|mut s| {
                // Trailing slashes off, byte by byte (`str::trim_end_matches` links a char
                // searcher).
                while s.ends_with('/') {
                    s.pop();
                }
                s
            })
            .unwrap_or_else(|| environment.api_base().into());
        // The token frame loads the library from where the page did (a self-hosted copy that
        // the page's CSP allows), unless told otherwise; else from Midtrans.
        let page = if options.script_url.is_none() { loader::page_script() } else { None };
        let (src, integrity, nonce) = match page {
            Some(tag) => (tag.src, tag.integrity, tag.nonce),
            None => (
                options.script_url.unwrap_or_else(|| DEFAULT_SCRIPT_URL.into()),
                options.integrity.unwrap_or_default(),
                options.nonce.unwrap_or_default(),
            ),
        };
        let script = Script {
            src,
            environment: environment.as_str(),
            client_key,
            integrity,
            nonce,
            trusted_types: options.trusted_types,
        };
        let lib = loader::load(&script, millis(options.timeout)).await?;
        Ok(Client {
            lib,
            environment,
            script,
            api_base,
            _guard: message_guard(options.allowed_redirect_origins.clone()),
            allowed_origins: options.allowed_redirect_origins,
            locale: options.locale,
        })
    }

    pub(crate) fn environment(&self) -> Environment {
        self.environment
    }

    /// The language of this client's messages.
    pub(crate) fn locale(&self) -> Locale {
        self.locale
    }

    fn allowed(&self) -> Vec<&str> {
        self.allowed_origins.iter().map(String::as_str).collect()
    }

    /// Replaces the callbacks the library's slot points at (the previous ones can go now).
    fn keep(callbacks: Callbacks) {
        LAST_CALLBACKS.with(|c| c.set(Some(callbacks)));
    }

    pub(crate) async fn get_card_token(
        &self,
        card: &Card,
        options: &TokenOptions,
    ) -> Result<TokenResponse, Error> {
        let _busy = Busy::begin()?;
        self.token_locked(card, options).await
    }

    async fn token_locked(&self, card: &Card, options: &TokenOptions) -> Result<TokenResponse, Error> {
        let answer = self.tokenize(card, options, false).await?;
        TokenResponse::from_raw(answer.clone())
            .map_err(|_| Error::new(ErrorCode::TokenFailed).with_response(answer))
    }

    pub(crate) async fn register_card(
        &self,
        card: &Card,
        options: &TokenOptions,
    ) -> Result<RegisterResponse, Error> {
        let _busy = Busy::begin()?;
        let answer = self.tokenize(card, options, true).await?;
        RegisterResponse::from_raw(answer.clone())
            .map_err(|_| Error::new(ErrorCode::TokenFailed).with_response(answer))
    }

    /// `getCardToken` (`register == false`) or `registerCard`: Midtrans's success answer. The
    /// caller holds the [`Busy`] guard.
    async fn tokenize(&self, card: &Card, options: &TokenOptions, register: bool) -> Result<Raw, Error> {
        let input = card.input();
        let opts = CardOptions {
            number: NumberOptions {
                supported: options.supported_brands,
                luhn_unionpay: options.luhn_validate_union_pay,
            },
            expiry: ExpiryOptions {
                today: options.today.unwrap_or_else(clock::today),
                max_years_ahead: options.max_years_ahead,
            },
            locale: options.locale.unwrap_or(self.locale),
        };
        let verdict = if register {
            domain::card::validate_registration(&input, &opts)
        } else {
            domain::validate_card(&input, &opts)
        };
        if !verdict.is_valid {
            return Err(Error::new(ErrorCode::InvalidCard).with_field_errors(verdict.errors));
        }
        let mut fields = if register {
            domain::card::registration_fields(&input, &verdict)
        } else {
            domain::card::token_fields(&input, &verdict)
        };
        if let Some(kki) = card.bank_one_time_token() {
            fields.push(("bank_one_time_token", kki.to_owned()));
        }
        // Keep only what PCI DSS lets a page display of the number, to check late answers.
        let sent = fields.iter().find(|(k, _)| *k == "card_number").and_then(|(_, v)| Truncated::of(v));
        let payload = convert::payload(&fields);
        for (_, v) in &mut fields {
            crate::domain::digits::wipe_string(v);
        }
        // The validation's and normalisation's frames held the digits too.
        super::hygiene::scrub_stack();
        let path = if register { "/v2/card/register" } else { "/v2/token" };
        let mut endpoint = self.api_base.clone();
        endpoint.push_str(path);
        // The request runs in a throwaway frame whose timeline, JSONP tag, callback slot and
        // retained card object go with it (loader.rs says why); one deadline covers both.
        let timeout = millis(options.timeout);
        let started = js_sys::Date::now();
        let frame = TokenFrame::open(&self.script, &endpoint, timeout).await?;
        let left = timeout.saturating_sub((js_sys::Date::now() - started) as u32);
        let lib = &frame.lib;
        // Set both url and clientKey per call: no DOM lookup of #midtrans-script, and
        // registerCard no longer hits /v2/token (the library uses `url` verbatim for both).
        lib.set_url(&endpoint);
        lib.set_client_key(&self.script.client_key);

        let (tx, rx) = channel();
        let callbacks = Callbacks::new(&tx, move |kind, resp| {
            // A success for another card is a late answer to an earlier, timed-out call.
            kind != Kind::Success
                || get(resp, "token_id").as_string().is_none_or(|t| sent.is_none_or(|c| c.matches_token(&t)))
        });
        let timer = {
            let tx = tx.clone();
            Timeout::new(left, move || {
                tx.send(Settled::TimedOut);
            })
        };
        let called = if register {
            lib.register_card(&payload, &callbacks.options)
        } else {
            lib.get_card_token(&payload, &callbacks.options)
        };
        let tag = request_tag(frame.document(), &endpoint);
        // The library sets no error handler on its request: an HTTP error or a network failure
        // (browsers run no script for either) would otherwise wait for the timeout.
        let on_error = tag.as_ref().map(|tag| {
            Listener::new(tag, "error", false, move |_| {
                tx.send(Settled::Refused(Error::new(ErrorCode::TokenFailed).with_message(
                    "The token request failed: Midtrans answered with an HTTP error, or the network failed.",
                )));
            })
        });
        let settled = if called.is_ok() { Some(rx.await) } else { None };
        drop((timer, on_error));
        // The answer is in or no longer matters: the frame goes (its request, its timeline, its
        // library), then the callbacks it could have called; the card fields of the object the
        // library was handed are blanked too.
        drop(frame);
        drop(callbacks);
        for key in ["card_number", "card_cvv", "card_exp_month", "card_exp_year"] {
            if !get(&payload, key).is_undefined() {
                set(&payload, key, &JsValue::from_str(""));
            }
        }
        let Some(settled) = settled else {
            let what = if register {
                "MidtransNew3ds.registerCard threw (it needs library version 1.2)."
            } else {
                "MidtransNew3ds.getCardToken threw."
            };
            return Err(Error::new(ErrorCode::SdkError).with_message(what));
        };
        match settled {
            // Whether it holds a token is for the caller's typed answer to say (token_failed).
            Settled::Success(resp) => Ok(Raw::js(resp)),
            Settled::Pending(resp) | Settled::Failure(resp) => {
                Err(Error::new(ErrorCode::TokenFailed).with_response(Raw::js(resp)))
            }
            Settled::TimedOut => Err(Error::new(ErrorCode::Timeout)),
            Settled::Cancelled => Err(Error::new(ErrorCode::Cancelled)),
            Settled::Refused(e) => Err(e),
        }
    }

    pub(crate) async fn authenticate(
        &self,
        url: &str,
        options: AuthenticateOptions,
    ) -> Result<TransactionResult, Error> {
        if !domain::is_allowed_redirect_url(url, &self.allowed()) {
            return Err(Error::new(ErrorCode::InvalidRedirectUrl));
        }
        let _busy = Busy::begin()?;
        self.authenticate_locked(url, options, ChargeIds::default()).await
    }

    /// The 3DS page in the popup until a result for this call comes. The caller holds the
    /// [`Busy`] guard and has checked the URL.
    async fn authenticate_locked(
        &self,
        url: &str,
        options: AuthenticateOptions,
        charge: ChargeIds,
    ) -> Result<TransactionResult, Error> {
        let (tx, rx) = channel();
        let shown: Rc<Cell<Option<Popup>>> = Rc::new(Cell::new(None));
        let perform = {
            let (tx, shown, url) = (tx.clone(), shown.clone(), url.to_owned());
            let allowed: Vec<String> = self.allowed_origins.clone();
            let mut popup = options.popup;
            popup.locale = popup.locale.or(Some(self.locale));
            move |_: JsValue| {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                match Popup::open(&url, &popup, &allowed) {
                    Ok(p) => {
                        let tx = tx.clone();
                        p.on_cancel(move || {
                            tx.send(Settled::Cancelled);
                        });
                        ACTIVE_FRAME.with(|f| f.set(Some(p.iframe())));
                        shown.set(Some(p));
                    }
                    Err(e) => {
                        tx.send(Settled::Refused(e));
                    }
                }
            }
        };
        // Only a transaction for this call settles it: not a late token answer, not a result
        // naming another order.
        let callbacks = Callbacks::new(&tx, move |_, resp| is_transaction(resp) && charge.agree(resp))
            .with_perform(perform);
        let timer = Timeout::new(millis(options.timeout), move || {
            tx.send(Settled::TimedOut);
        });
        let called = self.lib.authenticate(url, &callbacks.options);
        Client::keep(callbacks);
        let settled = if called.is_err() { None } else { Some(rx.await) };
        drop(timer);
        ACTIVE_FRAME.with(|f| f.take());
        if let Some(p) = shown.take() {
            p.close();
        }
        match settled {
            None => Err(Error::new(ErrorCode::SdkError).with_message("MidtransNew3ds.authenticate threw.")),
            Some(Settled::Success(resp) | Settled::Pending(resp) | Settled::Failure(resp)) => {
                let answer = Raw::js(resp);
                match domain::authentication_result(&transaction_of(&answer)) {
                    Ok(outcome) => TransactionResult::with_outcome(answer, outcome)
                        .map_err(|_| Error::new(ErrorCode::AuthenticationFailed)),
                    Err(code) => Err(Error::new(code).with_response(answer)),
                }
            }
            Some(Settled::Cancelled) => Err(Error::new(ErrorCode::Cancelled)),
            Some(Settled::TimedOut) => Err(Error::new(ErrorCode::Timeout)),
            Some(Settled::Refused(e)) => Err(e),
        }
    }

    pub(crate) fn redirect(&self, url: &str, callback_url: Option<&str>) -> Result<(), Error> {
        if !domain::is_allowed_redirect_url(url, &self.allowed()) {
            return Err(Error::new(ErrorCode::InvalidRedirectUrl));
        }
        // Version 1.2 dereferences `options` without a guard: always pass an object.
        let options = js_sys::Object::new();
        if let Some(cb) = callback_url {
            set(&options, "callbackUrl", &JsValue::from_str(cb));
        }
        self.lib
            .redirect(url, &options)
            .map_err(|_| Error::new(ErrorCode::SdkError).with_message("MidtransNew3ds.redirect threw."))
    }

    /// Token -> the merchant's charge -> 3DS when asked -> the result, as one call: the library
    /// stays busy from the token to the 3DS result. Every rejection once the backend answered
    /// with a charge carries it (`Error::charge`), so the merchant can reconcile.
    pub(crate) async fn pay(&self, card: &Card, options: PayOptions) -> Result<TransactionResult, Error> {
        if options.charge_url.is_empty() {
            return Err(bad_options("chargeUrl is required (your backend's charge endpoint)."));
        }
        if options.invalid_body {
            return Err(bad_options("The charge body must be a JSON object."));
        }
        let _busy = Busy::begin()?;
        let token = self.token_locked(card, &options.token).await?;
        let body = js_sys::Object::new();
        set(&body, "token_id", &JsValue::from_str(&token.token_id));
        if let Some(extra) = options.body.map(|b| b.to_js()).filter(JsValue::is_object) {
            js_sys::Object::assign(&body, extra.unchecked_ref());
        }
        let request = backend::Request {
            url: &options.charge_url,
            body: &body,
            headers: &options.headers,
            credentials: options.credentials,
            timeout_ms: millis(options.charge_timeout),
        };
        let answer = backend::post_json(&request).await?;
        let (status, charge) = (answer.status, answer.body);
        let has_status = charge.text("status_code").is_some_and(|s| !s.is_empty());
        if !(200..300).contains(&status) {
            let e = if has_status {
                Error::new(ErrorCode::ChargeFailed).with_response(charge)
            } else {
                Error::new(ErrorCode::BackendError).with_body(charge)
            };
            return Err(e.with_http_status(status));
        }
        match domain::charge_step(&transaction_of(&charge)) {
            ChargeStep::Done(outcome) => TransactionResult::with_outcome(charge.clone(), outcome)
                .map_err(|_| Error::new(ErrorCode::ChargeFailed).with_body(charge).with_http_status(status)),
            ChargeStep::Authenticate => {
                let url = charge.text("redirect_url").unwrap_or_default();
                if !domain::is_allowed_redirect_url(&url, &self.allowed()) {
                    return Err(Error::new(ErrorCode::InvalidRedirectUrl).with_charge(charge));
                }
                let ids = ChargeIds::of(&charge);
                self.authenticate_locked(&url, options.authenticate, ids)
                    .await
                    .map_err(|e| e.with_charge(charge))
            }
            ChargeStep::Fail(ErrorCode::ChargeFailed) => {
                // A Midtrans refusal relayed with a 2xx (Midtrans answers 406 with HTTP 200).
                Err(Error::new(ErrorCode::ChargeFailed).with_response(charge).with_http_status(status))
            }
            ChargeStep::Fail(code) => Err(Error::new(code).with_response(charge.clone()).with_charge(charge)),
        }
    }
}
