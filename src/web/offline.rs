//! The client outside a browser (an SSR server compiling the same component code): the types
//! exist, [`Client::load`] and [`Popup::open`] fail `sdk_not_loaded`, and since neither can ever
//! succeed, the other methods are never reachable (their types are uninhabited).

use crate::domain::ErrorCode;

use super::error::Error;
use super::options::{AuthenticateOptions, Environment, LoadOptions, PayOptions, PopupOptions, TokenOptions};
use super::types::{Card, RegisterResponse, TokenResponse, TransactionResult};

fn not_in_a_browser() -> Error {
    Error::new(ErrorCode::SdkNotLoaded)
        .with_message("midtrans-card needs a browser: MidtransNew3ds cannot load on this target.")
}

/// No client can exist here.
pub(crate) enum Client {}

impl Clone for Client {
    fn clone(&self) -> Client {
        match *self {}
    }
}

impl Client {
    pub(crate) async fn load(_: LoadOptions) -> Result<Client, Error> {
        Err(not_in_a_browser())
    }
    pub(crate) fn environment(&self) -> Environment {
        match *self {}
    }
    pub(crate) fn locale(&self) -> crate::domain::Locale {
        match *self {}
    }
    pub(crate) async fn get_card_token(&self, _: &Card, _: &TokenOptions) -> Result<TokenResponse, Error> {
        match *self {}
    }
    pub(crate) async fn register_card(&self, _: &Card, _: &TokenOptions) -> Result<RegisterResponse, Error> {
        match *self {}
    }
    pub(crate) async fn authenticate(
        &self,
        _: &str,
        _: AuthenticateOptions,
    ) -> Result<TransactionResult, Error> {
        match *self {}
    }
    pub(crate) fn redirect(&self, _: &str, _: Option<&str>) -> Result<(), Error> {
        match *self {}
    }
    pub(crate) async fn pay(&self, _: &Card, _: PayOptions) -> Result<TransactionResult, Error> {
        match *self {}
    }
}

/// No popup can open here.
pub(crate) enum Popup {}

impl Popup {
    pub(crate) fn open(_: &str, _: &PopupOptions, _: &[&str]) -> Result<Popup, Error> {
        Err(not_in_a_browser())
    }
    pub(crate) fn is_open(&self) -> bool {
        match *self {}
    }
    pub(crate) fn on_cancel(&self, _: impl FnOnce() + 'static) {
        match *self {}
    }
    pub(crate) fn close(&self) {
        match *self {}
    }
}
