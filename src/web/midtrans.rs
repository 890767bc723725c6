//! The typed wrapper over `MidtransNew3ds`: validation before any network call, our own
//! timeouts, one call at a time (the library has ONE shared callback slot), late answers kept
//! away from later calls, and the 3DS popup.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent, RequestCredentials};

use super::backend;
use super::callback::{channel, Callbacks, Kind, Settled};
use super::convert::{self, get, set, text};
use super::error::Failure;
use super::listener::Listener;
use super::loader::{self, Script};
use super::popup::{Popup, PopupOptions};
use super::sys::Lib;
use super::timer::Timeout;
use crate::domain::{self, CardInput, CardOptions, ChargeStep, ErrorCode, Locale, Outcome, Transaction};

/// Midtrans's script URL (the same for sandbox and production).
pub const DEFAULT_SCRIPT_URL: &str = "https://api.midtrans.com/v2/assets/js/midtrans-new-3ds.min.js";
/// Default wait for the script.
pub const DEFAULT_LOAD_TIMEOUT_MS: u32 = 15_000;
/// Default wait for a token answer.
pub const DEFAULT_TOKEN_TIMEOUT_MS: u32 = 30_000;
/// Default wait for 3DS: Midtrans expires the page after 10 minutes.
pub const DEFAULT_AUTH_TIMEOUT_MS: u32 = 660_000;

thread_local! {
    /// One call at a time across every instance: the library's callback slot is global.
    static IN_FLIGHT: Cell<bool> = const { Cell::new(false) };
    /// The callbacks the library's slot points at; kept alive until the next call replaces them.
    static LAST_CALLBACKS: RefCell<Option<Callbacks>> = const { RefCell::new(None) };
    /// The iframe of the 3DS page being shown, whose messages alone may reach the library.
    static ACTIVE_FRAME: RefCell<Option<HtmlIFrameElement>> = const { RefCell::new(None) };
}

/// `'sandbox'` or `'production'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// Midtrans's sandbox.
    Sandbox,
    /// Production.
    Production,
}

impl Environment {
    /// The string Midtrans uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }
    fn api_base(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://api.sandbox.midtrans.com",
            Environment::Production => "https://api.midtrans.com",
        }
    }
}

/// A loaded wrapper.
pub struct Client {
    lib: Lib,
    /// The environment.
    pub environment: Environment,
    client_key: String,
    api_base: String,
    allowed_origins: Vec<String>,
    locale: Locale,
    _guard: Option<Listener>,
}

fn bad_options(msg: &str) -> Failure {
    Failure::new(ErrorCode::InvalidOptions).with_message(msg)
}

/// Marks the library busy for the guard's life.
struct Busy;

impl Busy {
    fn begin() -> Result<Busy, Failure> {
        if IN_FLIGHT.with(|f| f.replace(true)) {
            return Err(Failure::new(ErrorCode::Busy));
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
    let truthy = |k| {
        let v = get(data, k);
        v.is_truthy()
    };
    data.is_object() && truthy("status_code") && truthy("status_message")
}

/// A capture-phase `message` listener that stops Midtrans-shaped messages before the library's
/// own listener sees them, unless they come from the 3DS iframe we are showing right now. The
/// library's listener is never removed and dispatches to whatever call is current, so without
/// this a late or forged 3DS result would settle a later getCardToken.
fn message_guard() -> Option<Listener> {
    let window = web_sys::window()?;
    Some(Listener::new(&window, "message", true, |ev| {
        let Some(msg) = ev.dyn_ref::<MessageEvent>() else { return };
        if !is_midtrans_message(&msg.data()) {
            return;
        }
        let source = msg.source().map(JsValue::from);
        let from_active = ACTIVE_FRAME.with(|f| {
            let frame_window = f.borrow().as_ref().and_then(|fr| fr.content_window()).map(JsValue::from);
            matches!((&source, &frame_window), (Some(s), Some(w)) if js_sys::Object::is(s, w))
        });
        if !from_active {
            ev.stop_immediate_propagation();
        }
    }))
}

/// Removes the JSONP `<script>` tags the library appended for requests to `endpoint` (it never
/// removes them, and their URL carries the card number). Called once the answer is in or the
/// call timed out; a tag's script has run or no longer matters by then.
fn remove_request_tags(endpoint: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let scripts = document.scripts();
    let doomed: Vec<web_sys::Element> = (0..scripts.length())
        .filter_map(|i| scripts.item(i))
        .filter(|el| el.get_attribute("src").is_some_and(|src| src.starts_with(endpoint)))
        .collect();
    for el in doomed {
        el.remove();
    }
}

/// A transaction object plus `outcome` and `verifiedByBackend: false`.
fn transaction_result(resp: &JsValue, outcome: Outcome) -> JsValue {
    let out = Object::new();
    if resp.is_object() {
        Object::assign(&out, resp.unchecked_ref());
    }
    set(&out, "outcome", &JsValue::from_str(outcome.as_str()));
    set(&out, "verifiedByBackend", &JsValue::FALSE);
    out.into()
}

fn transaction_of(resp: &JsValue) -> Transaction {
    let field = |k| text(&get(resp, k)).unwrap_or_default();
    Transaction::from_fields(
        &field("status_code"),
        &field("transaction_status"),
        &field("fraud_status"),
        &field("redirect_url"),
        &field("eci"),
    )
}

/// Options for [`Client::pay`].
pub struct PayConfig {
    /// The merchant backend's charge endpoint.
    pub charge_url: String,
    /// Extra JSON fields.
    pub body: JsValue,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Popup look.
    pub popup: PopupOptions,
    /// fetch credentials.
    pub credentials: RequestCredentials,
}

impl Client {
    /// `MidtransCard.load(options)`.
    pub async fn load(options: &JsValue) -> Result<Client, Failure> {
        let client_key =
            get(options, "clientKey").as_string().map(|s| s.trim().to_owned()).unwrap_or_default();
        if client_key.is_empty() {
            return Err(bad_options("clientKey is required (your Midtrans client key)."));
        }
        let environment = match get(options, "environment").as_string().as_deref() {
            Some("sandbox") => Environment::Sandbox,
            Some("production") => Environment::Production,
            _ => return Err(bad_options("environment must be 'sandbox' or 'production'.")),
        };
        let script_url = get(options, "scriptUrl").as_string().unwrap_or_else(|| DEFAULT_SCRIPT_URL.into());
        let api_base = get(options, "apiBaseUrl")
            .as_string()
            .map(|s| s.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| environment.api_base().into());
        let lib = loader::load(&Script {
            src: &script_url,
            environment: environment.as_str(),
            client_key: &client_key,
            timeout_ms: convert::timeout_ms(options, DEFAULT_LOAD_TIMEOUT_MS),
        })
        .await?;
        Ok(Client {
            lib,
            environment,
            client_key,
            api_base,
            allowed_origins: convert::string_list(&get(options, "allowedRedirectOrigins")),
            locale: convert::locale(options),
            _guard: message_guard(),
        })
    }

    fn allowed(&self) -> Vec<&str> {
        self.allowed_origins.iter().map(String::as_str).collect()
    }

    /// Replaces the callbacks the library's slot points at (the previous ones can go now).
    fn keep(callbacks: Callbacks) {
        LAST_CALLBACKS.with(|c| *c.borrow_mut() = Some(callbacks));
    }

    /// `getCardToken` (`register == false`) or `registerCard`.
    pub async fn tokenize(
        &self,
        card: &JsValue,
        options: &JsValue,
        register: bool,
    ) -> Result<JsValue, Failure> {
        let field = |k| convert::card_field(card, k);
        let (number, month, year, cvv, token) = (
            field("card_number"),
            field("card_exp_month"),
            field("card_exp_year"),
            field("card_cvv"),
            field("token_id"),
        );
        let input = CardInput {
            number: number.as_deref(),
            exp_month: month.as_deref(),
            exp_year: year.as_deref(),
            cvv: cvv.as_deref(),
            token_id: if register { None } else { token.as_deref() },
        };
        let opts = CardOptions {
            number: convert::number_options(options),
            expiry: convert::expiry_options(options),
            locale: get(options, "locale").as_string().map_or(self.locale, |s| Locale::from_tag(&s)),
        };
        let verdict = domain::validate_card(&input, &opts);
        if !verdict.is_valid {
            let mut f = Failure::new(ErrorCode::InvalidCard);
            f.errors = Some(convert::field_errors(&verdict));
            return Err(f);
        }
        let _busy = Busy::begin()?;
        let payload = Object::new();
        let fields = domain::card::token_fields(&input, &verdict);
        for (k, v) in &fields {
            set(&payload, k, &JsValue::from_str(v));
        }
        if let Some(kki) = field("bank_one_time_token") {
            set(&payload, "bank_one_time_token", &JsValue::from_str(&kki));
        }
        // Keep only what Midtrans itself shows of the card (first 8 and last 4 digits, as in
        // `masked_card`) for checking late answers: the number itself is not retained.
        let digits = fields
            .iter()
            .find(|(k, _)| *k == "card_number")
            .and_then(|(_, v)| Some([v.get(..8)?, v.get(v.len().checked_sub(4)?..)?].concat()))
            .unwrap_or_default();
        // Set both url and clientKey per call: no DOM lookup of #midtrans-script, and
        // registerCard no longer hits /v2/token (the library uses `url` verbatim for both).
        let path = if register { "/v2/card/register" } else { "/v2/token" };
        let endpoint = [self.api_base.as_str(), path].concat();
        self.lib.set_url(&endpoint);
        self.lib.set_client_key(&self.client_key);

        let (tx, rx) = channel();
        let callbacks = Callbacks::new(&tx, move |kind, resp| {
            // A success for another card is a late answer to an earlier, timed-out call.
            kind != Kind::Success
                || digits.is_empty()
                || get(resp, "token_id").as_string().is_none_or(|t| domain::token_matches_card(&t, &digits))
        });
        let timer = Timeout::new(convert::timeout_ms(options, DEFAULT_TOKEN_TIMEOUT_MS), move || {
            tx.send(Settled::TimedOut);
        });
        let called = if register {
            self.lib.register_card(&payload, &callbacks.options)
        } else {
            self.lib.get_card_token(&payload, &callbacks.options)
        };
        Client::keep(callbacks);
        if called.is_err() {
            let what = if register {
                "MidtransNew3ds.registerCard failed (needs library version 1.2)."
            } else {
                "MidtransNew3ds.getCardToken threw."
            };
            return Err(Failure::new(ErrorCode::SdkNotLoaded).with_message(what));
        }
        let settled = rx.await;
        drop(timer);
        remove_request_tags(&endpoint);
        match settled {
            Settled::Success(resp) => {
                let key = if register { "saved_token_id" } else { "token_id" };
                if get(&resp, key).as_string().is_some_and(|t| !t.is_empty()) {
                    Ok(resp)
                } else {
                    Err(Failure::new(ErrorCode::TokenFailed).with_response(&resp))
                }
            }
            Settled::Pending(resp) | Settled::Failure(resp) => {
                Err(Failure::new(ErrorCode::TokenFailed).with_response(&resp))
            }
            Settled::TimedOut => Err(Failure::new(ErrorCode::Timeout)),
            Settled::Cancelled => Err(Failure::new(ErrorCode::Cancelled)),
        }
    }

    /// `authenticate(redirectUrl, options)`: the 3DS page in the popup, until a result comes.
    pub async fn authenticate(
        &self,
        url: &str,
        popup: PopupOptions,
        timeout: u32,
    ) -> Result<JsValue, Failure> {
        let allowed = self.allowed();
        if !domain::is_allowed_redirect_url(url, &allowed) {
            return Err(Failure::new(ErrorCode::InvalidRedirectUrl));
        }
        let _busy = Busy::begin()?;
        let (tx, rx) = channel();
        let shown: Rc<RefCell<Option<Popup>>> = Rc::new(RefCell::new(None));
        let perform = {
            let (tx, shown, url) = (tx.clone(), shown.clone(), url.to_owned());
            let allowed: Vec<String> = self.allowed_origins.clone();
            move |_: JsValue| {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                match Popup::open(&url, &popup, &allowed) {
                    Ok(p) => {
                        let tx = tx.clone();
                        p.on_cancel(move || {
                            tx.send(Settled::Cancelled);
                        });
                        ACTIVE_FRAME.with(|f| *f.borrow_mut() = Some(p.iframe()));
                        *shown.borrow_mut() = Some(p);
                    }
                    Err(_) => {
                        tx.send(Settled::Failure(JsValue::NULL));
                    }
                }
            }
        };
        let callbacks = Callbacks::new(&tx, |_, _| true).with_perform(perform);
        let timer = Timeout::new(timeout, move || {
            tx.send(Settled::TimedOut);
        });
        let called = self.lib.authenticate(url, &callbacks.options);
        Client::keep(callbacks);
        let settled = if called.is_err() { Settled::Failure(JsValue::NULL) } else { rx.await };
        drop(timer);
        ACTIVE_FRAME.with(|f| f.borrow_mut().take());
        if let Some(p) = shown.borrow_mut().take() {
            p.close();
        }
        match settled {
            Settled::Success(resp) | Settled::Pending(resp) | Settled::Failure(resp) => {
                match domain::authentication_result(&transaction_of(&resp)) {
                    Ok(outcome) => Ok(transaction_result(&resp, outcome)),
                    Err(code) => Err(Failure::new(code).with_response(&resp)),
                }
            }
            Settled::Cancelled => Err(Failure::new(ErrorCode::Cancelled)),
            Settled::TimedOut => Err(Failure::new(ErrorCode::Timeout)),
        }
    }

    /// `redirect(redirectUrl, { callbackUrl })`: validated, then the library's full-page redirect.
    pub fn redirect(&self, url: &str, callback_url: Option<String>) -> Result<(), Failure> {
        if !domain::is_allowed_redirect_url(url, &self.allowed()) {
            return Err(Failure::new(ErrorCode::InvalidRedirectUrl));
        }
        // Version 1.2 dereferences `options` without a guard: always pass an object.
        let options = Object::new();
        if let Some(cb) = callback_url {
            set(&options, "callbackUrl", &JsValue::from_str(&cb));
        }
        self.lib.redirect(url, &options).map_err(|_| Failure::new(ErrorCode::SdkNotLoaded))
    }

    /// Token -> the merchant's charge -> 3DS when asked -> the result.
    pub async fn pay(&self, card: &JsValue, options: &JsValue, cfg: PayConfig) -> Result<JsValue, Failure> {
        if cfg.charge_url.is_empty() {
            return Err(bad_options("chargeUrl is required (your backend's charge endpoint)."));
        }
        let token = self.tokenize(card, options, false).await?;
        let body = Object::new();
        set(&body, "token_id", &get(&token, "token_id"));
        if cfg.body.is_object() {
            Object::assign(&body, cfg.body.unchecked_ref());
        }
        let answer = backend::post_json(&cfg.charge_url, &body, &cfg.headers, cfg.credentials).await?;
        let charge = answer.body;
        let has_status = text(&get(&charge, "status_code")).is_some_and(|s| !s.is_empty());
        if !(200..300).contains(&answer.status) {
            let code = if has_status { ErrorCode::ChargeFailed } else { ErrorCode::BackendError };
            let mut f = Failure::new(code);
            f = if has_status { f.with_response(&charge) } else { f };
            f.response = Some(charge);
            f.http_status = Some(answer.status);
            return Err(f);
        }
        let t = transaction_of(&charge);
        match domain::charge_step(&t) {
            ChargeStep::Done(outcome) => Ok(transaction_result(&charge, outcome)),
            ChargeStep::Authenticate => {
                let url = get(&charge, "redirect_url").as_string().unwrap_or_default();
                self.authenticate(&url, cfg.popup, DEFAULT_AUTH_TIMEOUT_MS).await
            }
            ChargeStep::Fail(code) => Err(Failure::new(code).with_response(&charge)),
        }
    }
}
