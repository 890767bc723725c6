//! The public handles: [`MidtransCard`] and [`ThreeDsPopup`]. In a browser they run the flow
//! (`super::midtrans`, `super::popup`); on other targets (an SSR server) they exist with the same
//! signatures and every call fails `sdk_not_loaded` (`super::offline`).

#[allow(unused_imports)]
use crate::domain::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use super::offline as imp;
#[cfg(not(target_arch = "wasm32"))]
use super::offline as imp_popup;
#[cfg(target_arch = "wasm32")]
use super::{midtrans as imp, popup as imp_popup};

use super::error::Error;
use super::options::{AuthenticateOptions, Environment, LoadOptions, PayOptions, PopupOptions, TokenOptions};
use super::types::{Card, RegisterResponse, TokenResponse, TransactionResult};

/// The client shared by clones of a `MidtransCard` (in a browser: reference-counted).
#[cfg(target_arch = "wasm32")]
type Shared = alloc::rc::Rc<imp::Client>;
#[cfg(not(target_arch = "wasm32"))]
type Shared = imp::Client;

/// A typed API over Midtrans's browser library `MidtransNew3ds`: card validation before any
/// network call, our own timeouts (the library has none), one call at a time (the library has
/// one shared callback slot: an overlapping call fails `busy`), late answers kept away from later
/// calls, and the 3-D Secure page in a popup.
///
/// Clones share one client.
///
/// ```no_run
/// use midtrans_card::{AuthenticateOptions, Card, Environment, LoadOptions, MidtransCard};
///
/// # async fn run() -> Result<(), midtrans_card::Error> {
/// let midtrans = MidtransCard::load(LoadOptions::new("SB-Mid-client-...", Environment::Sandbox)).await?;
/// let token = midtrans.get_card_token(&Card::new("4811 1111 1111 1114", "12", "2030", "123")).await?;
/// // ... your backend charges token.token_id and answers 201 with a redirect_url ...
/// # let redirect_url = "https://api.sandbox.midtrans.com/v2/token/rba/redirect/x";
/// let result = midtrans.authenticate(redirect_url, AuthenticateOptions::default()).await?;
/// println!("{:?}, confirm {:?} on the backend", result.outcome, result.order_id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct MidtransCard {
    client: Shared,
}

impl core::fmt::Debug for MidtransCard {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MidtransCard").field("environment", &self.environment()).finish_non_exhaustive()
    }
}

impl MidtransCard {
    /// Reuses the page's `MidtransNew3ds`, waits for an existing `#midtrans-script`, or injects
    /// Midtrans's script. Fails `invalid_options` (blank client key), `sdk_load_failed` (404,
    /// CSP, timeout), or `sdk_not_loaded` (not in a browser).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), midtrans_card::Error> {
    /// use midtrans_card::{Environment, LoadOptions, MidtransCard};
    /// let midtrans = MidtransCard::load(LoadOptions::new("SB-Mid-client-...", Environment::Sandbox)).await?;
    /// assert_eq!(midtrans.environment(), Environment::Sandbox);
    /// # Ok(()) }
    /// ```
    pub async fn load(options: LoadOptions) -> Result<MidtransCard, Error> {
        let locale = options.locale;
        let client = imp::Client::load(options).await.map_err(|e| e.in_locale(locale))?;
        #[cfg(target_arch = "wasm32")]
        let client = alloc::rc::Rc::new(client);
        Ok(MidtransCard { client })
    }

    /// The environment this client talks to.
    ///
    /// ```no_run
    /// # fn f(midtrans: &midtrans_card::MidtransCard) {
    /// println!("{}", midtrans.environment().as_str());
    /// # }
    /// ```
    pub fn environment(&self) -> Environment {
        self.client.environment()
    }

    /// Validates the card, then asks Midtrans for a single-use `token_id` (default options).
    /// Fails `invalid_card` (no network call), `token_failed`, `timeout`, `busy`.
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard) -> Result<(), midtrans_card::Error> {
    /// let card = midtrans_card::Card::new("4811 1111 1111 1114", "12", "2030", "123");
    /// let token = midtrans.get_card_token(&card).await?;
    /// # let _ = token.token_id; Ok(()) }
    /// ```
    pub async fn get_card_token(&self, card: &Card) -> Result<TokenResponse, Error> {
        self.get_card_token_with(card, &TokenOptions::default()).await
    }

    /// [`get_card_token`](Self::get_card_token) with per-call options.
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard, card: &midtrans_card::Card) {
    /// let mut options = midtrans_card::TokenOptions::default();
    /// options.timeout = std::time::Duration::from_secs(10);
    /// let _ = midtrans.get_card_token_with(card, &options).await;
    /// # }
    /// ```
    pub async fn get_card_token_with(
        &self,
        card: &Card,
        options: &TokenOptions,
    ) -> Result<TokenResponse, Error> {
        self.client.get_card_token(card, options).await.map_err(|e| e.in_locale(self.client.locale()))
    }

    /// Validates the card, then registers it for one- and two-click payments
    /// (`saved_token_id`).
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard) -> Result<(), midtrans_card::Error> {
    /// let card = midtrans_card::Card::new("4811 1111 1111 1114", "12", "2030", "123");
    /// let saved = midtrans.register_card(&card).await?.saved_token_id;
    /// # let _ = saved; Ok(()) }
    /// ```
    pub async fn register_card(&self, card: &Card) -> Result<RegisterResponse, Error> {
        self.register_card_with(card, &TokenOptions::default()).await
    }

    /// [`register_card`](Self::register_card) with per-call options.
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard, card: &midtrans_card::Card) {
    /// let _ = midtrans.register_card_with(card, &midtrans_card::TokenOptions::default()).await;
    /// # }
    /// ```
    pub async fn register_card_with(
        &self,
        card: &Card,
        options: &TokenOptions,
    ) -> Result<RegisterResponse, Error> {
        self.client.register_card(card, options).await.map_err(|e| e.in_locale(self.client.locale()))
    }

    /// Shows a charge's `redirect_url` (https on a Midtrans/Veritrans host, or an allowed
    /// origin) in the 3DS popup and resolves with the transaction. Fails
    /// `authentication_failed`, `payment_denied`, `authentication_expired`, `cancelled`,
    /// `timeout`, `invalid_redirect_url`, `popup_failed`, `busy`.
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard, redirect_url: &str) {
    /// let mut options = midtrans_card::AuthenticateOptions::default();
    /// options.popup.closable = true;
    /// match midtrans.authenticate(redirect_url, options).await {
    ///     Ok(result) => println!("{:?}", result.outcome),
    ///     Err(e) => println!("{}", e.code().as_str()),
    /// }
    /// # }
    /// ```
    pub async fn authenticate(
        &self,
        redirect_url: &str,
        options: AuthenticateOptions,
    ) -> Result<TransactionResult, Error> {
        self.client.authenticate(redirect_url, options).await.map_err(|e| e.in_locale(self.client.locale()))
    }

    /// Full-page 3DS through the library's `redirect`: Midtrans POSTs a `response` form field
    /// (the transaction as JSON) to `callback_url` afterwards. Fails `invalid_redirect_url`
    /// before navigating anywhere.
    ///
    /// ```no_run
    /// # fn f(midtrans: &midtrans_card::MidtransCard, redirect_url: &str) {
    /// midtrans.redirect(redirect_url, Some("https://shop.example/3ds-finish")).unwrap();
    /// # }
    /// ```
    pub fn redirect(&self, redirect_url: &str, callback_url: Option<&str>) -> Result<(), Error> {
        self.client.redirect(redirect_url, callback_url).map_err(|e| e.in_locale(self.client.locale()))
    }

    /// The whole payment: validate, token, your backend's charge (`POST` JSON to
    /// `options.charge_url`), 3DS when the charge asks for it, the result. Besides the token and
    /// 3DS codes it fails `network_error`, `backend_error`, `charge_failed`, `payment_denied`.
    ///
    /// ```no_run
    /// # async fn f(midtrans: &midtrans_card::MidtransCard) -> Result<(), midtrans_card::Error> {
    /// let card = midtrans_card::Card::new("4811 1111 1111 1114", "12", "2030", "123");
    /// let options = midtrans_card::PayOptions::new("/api/charge")
    ///     .body(&serde_json::json!({ "items": [{ "id": "kopi-gayo", "quantity": 1 }] }));
    /// let result = midtrans.pay(&card, options).await?;
    /// # let _ = result; Ok(()) }
    /// ```
    pub async fn pay(&self, card: &Card, options: PayOptions) -> Result<TransactionResult, Error> {
        self.client.pay(card, options).await.map_err(|e| e.in_locale(self.client.locale()))
    }
}

/// The 3-D Secure popup, for merchants who run their own flow: a modal dialog holding the page in
/// an iframe, built with DOM calls only and styled through a constructed stylesheet (so it works
/// under a strict Content-Security-Policy). One at a time: opening another closes this one.
/// Dropping the handle closes it and removes every node, listener and closure.
///
/// ```no_run
/// use midtrans_card::{PopupOptions, ThreeDsPopup};
/// # fn f(redirect_url: &str) -> Result<(), midtrans_card::Error> {
/// let mut options = PopupOptions::default();
/// options.closable = true;
/// let popup = ThreeDsPopup::open(redirect_url, &options, &[])?;
/// popup.on_cancel(|| println!("the customer closed it"));
/// // ... when the result is in:
/// popup.close();
/// # Ok(()) }
/// ```
#[must_use = "dropping the popup closes it"]
pub struct ThreeDsPopup {
    popup: imp_popup::Popup,
}

impl ThreeDsPopup {
    /// Opens `url` if it is https on a Midtrans/Veritrans host, or on one of `allowed_origins`
    /// (`scheme://host[:port]`); fails `invalid_redirect_url` without touching the DOM otherwise,
    /// `popup_failed` when the page refuses the DOM calls, `sdk_not_loaded` outside a browser.
    ///
    /// ```no_run
    /// # fn f() {
    /// let popup = midtrans_card::ThreeDsPopup::open(
    ///     "http://api.sandbox.midtrans.localhost:8080/v2/token/rba/redirect/x",
    ///     &Default::default(),
    ///     &["http://api.sandbox.midtrans.localhost:8080"],
    /// );
    /// # let _ = popup; }
    /// ```
    pub fn open(url: &str, options: &PopupOptions, allowed_origins: &[&str]) -> Result<ThreeDsPopup, Error> {
        let popup = imp_popup::Popup::open(url, options, allowed_origins)
            .map_err(|e| e.in_locale(options.locale.unwrap_or_default()))?;
        Ok(ThreeDsPopup { popup })
    }

    /// Whether the popup is still open.
    ///
    /// ```no_run
    /// # fn f(popup: &midtrans_card::ThreeDsPopup) {
    /// if popup.is_open() { popup.close(); }
    /// # }
    /// ```
    pub fn is_open(&self) -> bool {
        self.popup.is_open()
    }

    /// Calls `f` once if the customer closes a closable popup (close button or Escape).
    ///
    /// ```no_run
    /// # fn f(popup: &midtrans_card::ThreeDsPopup) {
    /// popup.on_cancel(|| println!("closed by the customer"));
    /// # }
    /// ```
    pub fn on_cancel(&self, f: impl FnOnce() + 'static) {
        self.popup.on_cancel(f);
    }

    /// Removes the overlay and restores focus and scrolling. Idempotent.
    ///
    /// ```no_run
    /// # fn f(popup: midtrans_card::ThreeDsPopup) {
    /// popup.close();
    /// # }
    /// ```
    pub fn close(&self) {
        self.popup.close();
    }

    /// The iframe showing the page.
    ///
    /// ```no_run
    /// #[cfg(target_arch = "wasm32")]
    /// fn frame_src(popup: &midtrans_card::ThreeDsPopup) -> String {
    ///     popup.iframe().src()
    /// }
    /// ```
    #[cfg(target_arch = "wasm32")]
    pub fn iframe(&self) -> web_sys::HtmlIFrameElement {
        self.popup.iframe()
    }
}

impl core::fmt::Debug for ThreeDsPopup {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ThreeDsPopup").field("open", &self.is_open()).finish()
    }
}
