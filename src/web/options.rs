//! Options of the Rust API, with the JavaScript API's defaults. Each struct is
//! `#[non_exhaustive]`: build it with `new`/`Default` and set the public fields, so new options
//! can come in minor versions.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use core::time::Duration;

use serde::Serialize;

use super::raw::Raw;

use crate::domain::{BrandSet, Locale, YearMonth, DEFAULT_MAX_YEARS_AHEAD};

/// Midtrans's script URL (the same for sandbox and production).
pub(crate) const DEFAULT_SCRIPT_URL: &str = "https://api.midtrans.com/v2/assets/js/midtrans-new-3ds.min.js";

/// Which Midtrans environment a client key belongs to.
///
/// ```
/// use midtrans_card::Environment;
/// assert_eq!(Environment::Sandbox.as_str(), "sandbox");
/// assert_eq!(Environment::from_name("production"), Some(Environment::Production));
/// assert_eq!(Environment::from_name("dev"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Midtrans's sandbox (`SB-Mid-client-...` keys).
    Sandbox,
    /// Production.
    Production,
}

impl Environment {
    /// `"sandbox"` or `"production"`, as Midtrans names them.
    ///
    /// ```
    /// assert_eq!(midtrans_card::Environment::Production.as_str(), "production");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }

    /// The environment named `name` (exactly `"sandbox"` or `"production"`).
    ///
    /// ```
    /// assert!(midtrans_card::Environment::from_name("Sandbox").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Environment> {
        match name {
            "sandbox" => Some(Environment::Sandbox),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }

    /// The token API's base URL.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn api_base(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://api.sandbox.midtrans.com",
            Environment::Production => "https://api.midtrans.com",
        }
    }
}

/// Options for [`MidtransCard::load`](crate::MidtransCard::load).
///
/// ```
/// use midtrans_card::{Environment, LoadOptions, Locale};
/// let mut options = LoadOptions::new("SB-Mid-client-...", Environment::Sandbox);
/// options.locale = Locale::Id;
/// // The offline sandbox of this repository (`npm start`):
/// options.api_base_url = Some("http://api.sandbox.midtrans.localhost:8080".into());
/// options.allowed_redirect_origins.push("http://api.sandbox.midtrans.localhost:8080".into());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Your Midtrans client key. Required (`invalid_options` when blank).
    pub client_key: String,
    /// The key's environment.
    pub environment: Environment,
    /// Where to load `midtrans-new-3ds.min.js` from. Default: Midtrans's URL.
    pub script_url: Option<String>,
    /// Base URL of the token API. Default: Midtrans's sandbox or production API by environment.
    pub api_base_url: Option<String>,
    /// How long to wait for the script. Default 15 s.
    pub timeout: Duration,
    /// Extra origins allowed for 3DS pages (`scheme://host[:port]`). By default only https
    /// Midtrans/Veritrans hosts are.
    pub allowed_redirect_origins: Vec<String>,
    /// Language of field-error messages. Default English.
    pub locale: Locale,
    /// Subresource Integrity metadata (`sha384-...`) for the script tag the package injects
    /// (and the token frame's copy); the tag then also gets `crossorigin="anonymous"`, so the
    /// script must be served with CORS headers. Default none.
    pub integrity: Option<String>,
    /// The page's CSP nonce for the injected script tags. Default none.
    pub nonce: Option<String>,
    /// Set script URLs through Trusted Types policies, for pages that enforce
    /// `require-trusted-types-for 'script'`: the injected tag through a `midtrans-card` policy,
    /// and the library's token request through a `default` policy of the package's own token
    /// frame that allows only the configured script URL and token endpoints. The CSP must allow
    /// both names (`trusted-types midtrans-card default`). Default off.
    pub trusted_types: bool,
}

impl LoadOptions {
    /// Options for a client key and its environment, everything else by default.
    ///
    /// ```
    /// let o = midtrans_card::LoadOptions::new("SB-Mid-client-...", midtrans_card::Environment::Sandbox);
    /// assert_eq!(o.timeout, std::time::Duration::from_secs(15));
    /// ```
    pub fn new(client_key: impl Into<String>, environment: Environment) -> LoadOptions {
        LoadOptions {
            client_key: client_key.into(),
            environment,
            script_url: None,
            api_base_url: None,
            timeout: Duration::from_secs(15),
            allowed_redirect_origins: Vec::new(),
            locale: Locale::En,
            integrity: None,
            nonce: None,
            trusted_types: false,
        }
    }
}

/// Per-call options of [`get_card_token_with`](crate::MidtransCard::get_card_token_with) and
/// [`register_card_with`](crate::MidtransCard::register_card_with): the wait, and the validation
/// rules applied first.
///
/// ```
/// use midtrans_card::domain::{Brand, BrandSet};
/// let mut o = midtrans_card::TokenOptions::default();
/// o.supported_brands = BrandSet::EMPTY;
/// for b in [Brand::Visa, Brand::Mastercard, Brand::Jcb, Brand::AmericanExpress] {
///     o.supported_brands.insert(b); // what the Midtrans account takes
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenOptions {
    /// How long to wait for Midtrans's answer (the library has no timeout). Default 30 s.
    pub timeout: Duration,
    /// Brands the merchant accepts; others fail `unsupported_brand`. Default all.
    pub supported_brands: BrandSet,
    /// Luhn-check UnionPay numbers too. Default off, as card-validator.
    pub luhn_validate_union_pay: bool,
    /// The current month for the expiry check. Default the browser's local month.
    pub today: Option<YearMonth>,
    /// How many years ahead an expiry may be. Default 19.
    pub max_years_ahead: u16,
    /// Language of field-error messages. Default: the one given to `load`.
    pub locale: Option<Locale>,
}

impl Default for TokenOptions {
    fn default() -> Self {
        TokenOptions {
            timeout: Duration::from_secs(30),
            supported_brands: BrandSet::ALL,
            luhn_validate_union_pay: false,
            today: None,
            max_years_ahead: DEFAULT_MAX_YEARS_AHEAD,
            locale: None,
        }
    }
}

/// How the 3-D Secure popup looks and behaves.
///
/// ```
/// let mut popup = midtrans_card::PopupOptions::default();
/// popup.closable = true; // a close button and Escape: the call fails `cancelled`
/// popup.title = Some("Verifikasi kartu".into());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PopupOptions {
    /// A close button and Escape cancel the popup. Default off, as Midtrans's sample.
    pub closable: bool,
    /// The dialog's accessible name (and the iframe's title). Default "Card verification
    /// (3-D Secure)", or "Verifikasi kartu (3-D Secure)" in Indonesian.
    pub title: Option<String>,
    /// Language of the default title, the close button's label and the errors. Default: for
    /// `authenticate` and `pay`, the `load` locale; for [`ThreeDsPopup::open`](crate::ThreeDsPopup::open),
    /// English.
    pub locale: Option<Locale>,
    /// Class-name prefix: `{prefix}-overlay`, `-dialog`, `-frame`, `-close`. Default `mc3ds`;
    /// letters, digits, `-` and `_` only (otherwise the default).
    pub class_prefix: String,
    /// Where to attach the overlay. Default `document.body`.
    #[cfg(target_arch = "wasm32")]
    pub container: Option<web_sys::HtmlElement>,
}

/// The default class-name prefix.
pub(crate) const DEFAULT_PREFIX: &str = "mc3ds";
/// The default accessible name, and the close button's label, by locale.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn popup_texts(locale: Option<Locale>) -> (&'static str, &'static str) {
    match locale {
        Some(Locale::Id) => ("Verifikasi kartu (3-D Secure)", "Tutup"),
        _ => ("Card verification (3-D Secure)", "Close"),
    }
}

impl Default for PopupOptions {
    fn default() -> Self {
        PopupOptions {
            closable: false,
            title: None,
            locale: None,
            class_prefix: DEFAULT_PREFIX.into(),
            #[cfg(target_arch = "wasm32")]
            container: None,
        }
    }
}

/// Options for [`MidtransCard::authenticate`](crate::MidtransCard::authenticate).
///
/// ```
/// let mut o = midtrans_card::AuthenticateOptions::default();
/// o.popup.closable = true;
/// assert_eq!(o.timeout.as_secs(), 660);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AuthenticateOptions {
    /// The popup's look.
    pub popup: PopupOptions,
    /// How long to wait for the 3DS result. Default 11 minutes (Midtrans expires the page
    /// after 10).
    pub timeout: Duration,
}

/// The default 3DS wait.
pub(crate) const DEFAULT_AUTH_TIMEOUT: Duration = Duration::from_secs(660);

impl Default for AuthenticateOptions {
    fn default() -> Self {
        AuthenticateOptions { popup: PopupOptions::default(), timeout: DEFAULT_AUTH_TIMEOUT }
    }
}

/// `fetch` credentials for the merchant backend call.
///
/// ```
/// let mut o = midtrans_card::PayOptions::new("https://api.shop.example/charge");
/// o.credentials = midtrans_card::Credentials::Include; // a backend on another origin, with cookies
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Credentials {
    /// Never send cookies.
    Omit,
    /// Cookies for the page's own origin (the default).
    #[default]
    SameOrigin,
    /// Cookies for cross-origin backends too (needs CORS with credentials).
    Include,
}

/// Options for [`MidtransCard::pay`](crate::MidtransCard::pay): your backend's charge endpoint,
/// what to send it, and the options of each step.
///
/// ```
/// use midtrans_card::PayOptions;
/// let options = PayOptions::new("/api/charge")
///     .body(&serde_json::json!({ "items": [{ "id": "kopi-gayo", "quantity": 1 }] }))
///     .header("X-CSRF-Token", "...");
/// assert_eq!(options.charge_url, "/api/charge");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PayOptions {
    /// Your backend's charge endpoint: receives `POST {"token_id": ..., ...body}` as JSON and
    /// answers Midtrans's charge response.
    pub charge_url: String,
    /// Extra request headers (a CSRF token...).
    pub headers: Vec<(String, String)>,
    /// `fetch` credentials.
    pub credentials: Credentials,
    /// How long to wait for your backend's charge answer before giving up (`timeout`; the
    /// charge may still exist: ask your backend). Default 30 s.
    pub charge_timeout: Duration,
    /// The token step: its wait and validation rules.
    pub token: TokenOptions,
    /// The 3DS step: popup and wait.
    pub authenticate: AuthenticateOptions,
    /// Extra fields for the backend (see [`body`](PayOptions::body)).
    pub(crate) body: Option<Raw>,
    /// Set when `body()` was given something that is not a JSON object.
    pub(crate) invalid_body: bool,
}

impl PayOptions {
    /// Options for a charge endpoint, everything else by default.
    ///
    /// ```
    /// let o = midtrans_card::PayOptions::new("https://shop.example/api/charge");
    /// assert!(o.headers.is_empty());
    /// ```
    pub fn new(charge_url: impl Into<String>) -> PayOptions {
        PayOptions {
            charge_url: charge_url.into(),
            headers: Vec::new(),
            credentials: Credentials::SameOrigin,
            charge_timeout: Duration::from_secs(30),
            token: TokenOptions::default(),
            authenticate: AuthenticateOptions::default(),
            body: None,
            invalid_body: false,
        }
    }

    /// Extra fields for your backend, merged after `token_id`, from anything that serializes
    /// to a JSON object (the cart: never a price your backend should trust); anything else makes
    /// `pay()` fail `invalid_options`.
    ///
    /// ```
    /// let cart = serde_json::json!({ "items": [{ "id": "kopi-gayo", "quantity": 2 }] });
    /// let o = midtrans_card::PayOptions::new("/api/charge").body(&cart);
    /// # let _ = o;
    /// ```
    pub fn body(mut self, body: &impl Serialize) -> PayOptions {
        match serde_json::to_value(body) {
            Ok(v @ serde_json::Value::Object(_)) => {
                self.body = Some(Raw::from_json(&v));
                self.invalid_body = false;
            }
            _ => self.invalid_body = true,
        }
        self
    }

    /// Sets the body from a value received as is (the JS adapter's `body` object).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn set_raw_body(&mut self, body: Option<Raw>) {
        self.body = body;
    }

    /// Adds a request header.
    ///
    /// ```
    /// let o = midtrans_card::PayOptions::new("/api/charge").header("X-CSRF-Token", "abc");
    /// assert_eq!(o.headers, [("X-CSRF-Token".to_owned(), "abc".to_owned())]);
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> PayOptions {
        self.headers.push((name.into(), value.into()));
        self
    }
}
