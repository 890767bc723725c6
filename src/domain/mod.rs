//! The pure core: card validation, formatting and Midtrans response interpretation.
//!
//! Nothing here touches the browser, the clock or any I/O: "today" is a parameter. The host
//! `cargo test` builds this module without wasm-bindgen, web-sys or js-sys, which proves it.

/// What std's prelude gives, from `alloc`: the core, and with it the browser shell in `web`,
/// also build without std (both npm builds are `no_std`).
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::boxed::Box;
    pub(crate) use alloc::format;
    pub(crate) use alloc::string::{String, ToString};
    pub(crate) use alloc::vec;
    pub(crate) use alloc::vec::Vec;
}

pub mod brand;
pub mod card;
pub mod cvv;
pub mod digits;
pub mod error;
pub mod expiry;
pub mod format;
pub mod luhn;
pub mod midtrans;
pub mod number;
pub mod reason;
pub mod utf8;

pub use brand::{detect, Brand, BrandInfo, BrandSet, BRANDS};
pub use card::{validate_card, CardInput, CardOptions, CardVerdict, Field, FieldError, FieldValue};
pub use cvv::{validate_cvv, CvvVerdict};
pub use error::ErrorCode;
pub use expiry::{
    validate_expiry, validate_month_year, ExpiryOptions, ExpiryVerdict, YearMonth, DEFAULT_MAX_YEARS_AHEAD,
};
pub use format::{format_card_input, format_card_number, format_expiry_input};
pub use midtrans::{
    authentication_result, charge_step, is_allowed_redirect_url, ChargeStep, Outcome, Transaction, Truncated,
};
pub use number::{validate_number, NumberOptions, NumberVerdict};
pub use reason::{CvvReason, ExpiryReason, Locale, NumberReason};
