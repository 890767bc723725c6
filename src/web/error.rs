//! The one error type of the Rust API: a stable [`ErrorCode`] and the evidence, never card data.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use alloc::borrow::Cow;
use core::fmt;

use serde_json::Value;

use super::raw::Raw;
use crate::domain::{ErrorCode, FieldError, Locale};

/// Why a call failed: a stable [`code`](Error::code) to branch on, a message for developers, and
/// the evidence (field errors, Midtrans's `status_code` and `validation_messages`, the merchant
/// backend's HTTP status, the Midtrans or backend response). It never holds the card number or
/// CVV.
///
/// ```
/// use midtrans_card::{Card, ErrorCode, MidtransCard, LoadOptions, Environment};
///
/// async fn token(midtrans: &MidtransCard) {
///     let card = Card::new("4811 1111 1111 1115", "12", "2030", "123");
///     match midtrans.get_card_token(&card).await {
///         Ok(token) => println!("token {}", token.token_id),
///         Err(e) if e.code() == ErrorCode::InvalidCard => {
///             for field in e.field_errors() {
///                 println!("{}: {}", field.field.name(), field.message); // "card_number: ..."
///             }
///         }
///         Err(e) => println!("{e}"), // "token_failed: ..." with e.status_code(), e.response()
///     }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Error(Box<Inner>);

/// The error's parts, boxed so a `Result<T, Error>` stays one pointer wide.
#[derive(Clone, Debug)]
struct Inner {
    code: ErrorCode,
    message: Option<Cow<'static, str>>,
    field_errors: Vec<FieldError>,
    status_code: Option<String>,
    validation_messages: Vec<String>,
    http_status: Option<u16>,
    response: Option<Raw>,
    charge: Option<Raw>,
    locale: Locale,
}

impl Error {
    /// An error with just a code (its default message).
    ///
    /// ```
    /// use midtrans_card::{Error, ErrorCode};
    /// let e = Error::new(ErrorCode::Busy);
    /// assert_eq!(e.code(), ErrorCode::Busy);
    /// assert_eq!(e.message(), "Another Midtrans call is still in progress.");
    /// ```
    pub fn new(code: ErrorCode) -> Error {
        Error(Box::new(Inner {
            code,
            message: None,
            field_errors: Vec::new(),
            status_code: None,
            validation_messages: Vec::new(),
            http_status: None,
            response: None,
            charge: None,
            locale: Locale::En,
        }))
    }

    /// The stable code.
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::Timeout).code().as_str(), "timeout");
    /// ```
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The message, in the client's language (`LoadOptions::locale`). In English: the package's
    /// explanation of this case (or Midtrans's `status_message` when it sent one), else the
    /// code's default. In Indonesian: the code's message in Indonesian; the English explanation
    /// stays in [`detail`](Self::detail).
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::Cancelled).message(), "The customer closed the card verification.");
    /// ```
    pub fn message(&self) -> &str {
        match (self.0.locale, self.0.message.as_deref()) {
            (Locale::En, Some(m)) => m,
            (locale, _) => self.0.code.message_in(locale),
        }
    }

    /// The package's explanation of this case in English, or Midtrans's `status_message`, when
    /// there is one (whatever the language of [`message`](Self::message)).
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::Busy).detail(), None);
    /// ```
    pub fn detail(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The same error, its message in `locale`.
    pub(crate) fn in_locale(mut self, locale: Locale) -> Error {
        self.0.locale = locale;
        self
    }

    /// `invalid_card`: every field error, in field order (empty for other codes).
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::Busy).field_errors().is_empty());
    /// ```
    pub fn field_errors(&self) -> &[FieldError] {
        &self.0.field_errors
    }

    /// Midtrans's `status_code` (`"400"`, `"401"`, `"202"`, `"407"`...), when Midtrans answered.
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::Timeout).status_code(), None);
    /// ```
    pub fn status_code(&self) -> Option<&str> {
        self.0.status_code.as_deref()
    }

    /// Midtrans's `validation_messages`, when it sent any.
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::TokenFailed).validation_messages().is_empty());
    /// ```
    pub fn validation_messages(&self) -> &[String] {
        &self.0.validation_messages
    }

    /// `backend_error` / `charge_failed`: the HTTP status of the merchant backend's answer.
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::NetworkError).http_status(), None);
    /// ```
    pub fn http_status(&self) -> Option<u16> {
        self.0.http_status
    }

    /// The Midtrans object (token answer, transaction) or the merchant backend's body (parsed
    /// JSON, or a JSON string holding the text when it was not JSON).
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::Busy).response().is_none());
    /// ```
    pub fn response(&self) -> Option<Value> {
        self.0.response.as_ref().map(Raw::to_json)
    }

    /// `pay()`: the charge your backend created, when the call failed after it (3DS cancelled,
    /// denied, expired, timed out...). Its `order_id` and `transaction_id` let you reconcile:
    /// ask your backend for the order's status before telling the customer anything.
    ///
    /// ```
    /// # use midtrans_card::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::Cancelled).charge().is_none());
    /// ```
    pub fn charge(&self) -> Option<Value> {
        self.0.charge.as_ref().map(Raw::to_json)
    }

    /// The charge as received (for the JS adapter).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn raw_charge(&self) -> Option<&Raw> {
        self.0.charge.as_ref()
    }

    /// With the charge the backend created.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn with_charge(mut self, charge: Raw) -> Error {
        self.0.charge = Some(charge);
        self
    }

    /// The response as received (the JS adapter hands it to JavaScript as it came).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn raw_response(&self) -> Option<&Raw> {
        self.0.response.as_ref()
    }

    pub(crate) fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Error {
        self.0.message = Some(message.into());
        self
    }

    pub(crate) fn with_field_errors(mut self, errors: Vec<FieldError>) -> Error {
        self.0.field_errors = errors;
        self
    }

    pub(crate) fn with_http_status(mut self, status: u16) -> Error {
        self.0.http_status = Some(status);
        self
    }

    /// The response as evidence, without reading Midtrans fields from it (a backend's body).
    pub(crate) fn with_body(mut self, body: Raw) -> Error {
        self.0.response = Some(body);
        self
    }

    /// Midtrans's answer as evidence: its `status_code`, `validation_messages`, `status_message`
    /// (as the message, unless one is set) and the object itself.
    pub(crate) fn with_response(mut self, response: Raw) -> Error {
        if response.is_nothing() {
            return self;
        }
        self.0.status_code = response.text("status_code").filter(|s| !s.is_empty());
        self.0.validation_messages = response.strings("validation_messages");
        if self.0.message.is_none() {
            if let Some(m) = response.text("status_message").filter(|m| !m.is_empty()) {
                self.0.message = Some(Cow::Owned(m));
            }
        }
        self.0.response = Some(response);
        self
    }
}

impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.0.code == other.0.code
            && self.message() == other.message()
            && self.0.field_errors == other.0.field_errors
            && self.0.status_code == other.0.status_code
            && self.0.validation_messages == other.0.validation_messages
            && self.0.http_status == other.0.http_status
            && self.response() == other.response()
            && self.charge() == other.charge()
    }
}

impl From<ErrorCode> for Error {
    fn from(code: ErrorCode) -> Error {
        Error::new(code)
    }
}

impl fmt::Display for Error {
    /// `code: message`, e.g. `busy: Another Midtrans call is still in progress.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code.as_str(), self.message())
    }
}

impl core::error::Error for Error {}
