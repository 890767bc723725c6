//! Failures of the Midtrans API, turned into `MidtransCardError` objects for JavaScript.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use super::convert::{get, set};
use super::sys::MidtransCardErrorClass;
use crate::domain::ErrorCode;

/// A failure on its way to JavaScript: the code and the evidence (never the card number).
#[derive(Debug, Default)]
pub struct Failure {
    /// The stable code (`None` only in `Default`, replaced before use).
    pub code: Option<ErrorCode>,
    /// A more specific message than the code's default.
    pub message: Option<String>,
    /// `invalid_card`: the field errors.
    pub errors: Option<Array>,
    /// Midtrans's `status_code`.
    pub status_code: Option<String>,
    /// Midtrans's `validation_messages`.
    pub validation_messages: Option<JsValue>,
    /// The Midtrans object or the backend's body.
    pub response: Option<JsValue>,
    /// The backend's HTTP status.
    pub http_status: Option<u16>,
}

impl Failure {
    /// A failure with just a code.
    pub fn new(code: ErrorCode) -> Failure {
        Failure { code: Some(code), ..Failure::default() }
    }

    /// With a specific message.
    pub fn with_message(mut self, message: impl Into<String>) -> Failure {
        self.message = Some(message.into());
        self
    }

    /// With Midtrans's answer: its status code, validation messages and the object itself.
    pub fn with_response(mut self, response: &JsValue) -> Failure {
        let status = get(response, "status_code");
        self.status_code = super::convert::text(&status).filter(|s| !s.is_empty());
        let messages = get(response, "validation_messages");
        if Array::is_array(&messages) {
            self.validation_messages = Some(messages);
        }
        if let Some(m) = get(response, "status_message").as_string() {
            if self.message.is_none() && !m.is_empty() {
                self.message = Some(m);
            }
        }
        self.response = Some(response.clone());
        self
    }

    /// The code.
    pub fn code(&self) -> ErrorCode {
        self.code.unwrap_or(ErrorCode::TokenFailed)
    }

    /// The `MidtransCardError` for JavaScript.
    pub fn into_js(self) -> JsValue {
        let code = self.code();
        let details = Object::new();
        if let Some(e) = &self.errors {
            set(&details, "errors", e);
        }
        if let Some(s) = &self.status_code {
            set(&details, "statusCode", &JsValue::from_str(s));
        }
        if let Some(v) = &self.validation_messages {
            set(&details, "validationMessages", v);
        }
        if let Some(r) = &self.response {
            set(&details, "response", r);
        }
        if let Some(h) = self.http_status {
            set(&details, "httpStatus", &JsValue::from_f64(f64::from(h)));
        }
        let message = self.message.as_deref().unwrap_or(code.message());
        MidtransCardErrorClass::new(code.as_str(), message, &details).into()
    }
}

impl From<ErrorCode> for Failure {
    fn from(code: ErrorCode) -> Failure {
        Failure::new(code)
    }
}
