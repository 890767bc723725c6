//! Error codes: stable strings outside code branches on, the same in Rust and JavaScript.

#[allow(unused_imports)]
use super::prelude::*;
use super::reason::Locale;

/// What went wrong, stably: [`ErrorCode::as_str`] is the JavaScript `MidtransCardError.code`.
/// New codes may be added in minor versions, so a `match` needs a wildcard arm.
///
/// ```
/// use midtrans_card::domain::ErrorCode;
/// assert_eq!(ErrorCode::InvalidCard.as_str(), "invalid_card");
/// assert_eq!(ErrorCode::from_code("busy"), Some(ErrorCode::Busy));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Validation failed before any network call; the error lists every field.
    InvalidCard,
    /// The options given to the API are unusable (missing client key, unknown environment...).
    InvalidOptions,
    /// The Midtrans script could not load (404, CSP, blocked) within the timeout.
    SdkLoadFailed,
    /// No `MidtransNew3ds` global and no way to load it (also: not running in a browser).
    SdkNotLoaded,
    /// `MidtransNew3ds` threw when called (an incompatible or broken library).
    SdkError,
    /// A callback never came.
    Timeout,
    /// Another call is in flight (the library has one shared callback slot).
    Busy,
    /// Midtrans answered getCardToken/registerCard with a non-200 `status_code`.
    TokenFailed,
    /// 3-D Secure did not authenticate the cardholder (wrong OTP, "Card is not authenticated").
    AuthenticationFailed,
    /// The customer closed the 3DS popup.
    Cancelled,
    /// The 3DS popup could not be shown (the page refused the DOM calls that build it).
    PopupFailed,
    /// The 3DS page expired (407 / `expire`).
    AuthenticationExpired,
    /// The 3DS URL is not https on an allowed Midtrans/Veritrans host.
    InvalidRedirectUrl,
    /// The merchant backend could not be reached.
    NetworkError,
    /// The merchant backend answered with a non-2xx status and no Midtrans body.
    BackendError,
    /// Midtrans refused the charge request (a 4xx/5xx `status_code` in the charge body).
    ChargeFailed,
    /// The charge was denied by the bank or by fraud detection (202 `deny`), without 3DS.
    PaymentDenied,
}

impl ErrorCode {
    /// The stable code string.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidCard => "invalid_card",
            ErrorCode::InvalidOptions => "invalid_options",
            ErrorCode::SdkLoadFailed => "sdk_load_failed",
            ErrorCode::SdkNotLoaded => "sdk_not_loaded",
            ErrorCode::SdkError => "sdk_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Busy => "busy",
            ErrorCode::TokenFailed => "token_failed",
            ErrorCode::AuthenticationFailed => "authentication_failed",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::PopupFailed => "popup_failed",
            ErrorCode::AuthenticationExpired => "authentication_expired",
            ErrorCode::InvalidRedirectUrl => "invalid_redirect_url",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::BackendError => "backend_error",
            ErrorCode::ChargeFailed => "charge_failed",
            ErrorCode::PaymentDenied => "payment_denied",
        }
    }

    /// Every code, in declaration order.
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::InvalidCard,
        ErrorCode::InvalidOptions,
        ErrorCode::SdkLoadFailed,
        ErrorCode::SdkNotLoaded,
        ErrorCode::SdkError,
        ErrorCode::Timeout,
        ErrorCode::Busy,
        ErrorCode::TokenFailed,
        ErrorCode::AuthenticationFailed,
        ErrorCode::Cancelled,
        ErrorCode::PopupFailed,
        ErrorCode::AuthenticationExpired,
        ErrorCode::InvalidRedirectUrl,
        ErrorCode::NetworkError,
        ErrorCode::BackendError,
        ErrorCode::ChargeFailed,
        ErrorCode::PaymentDenied,
    ];

    /// The code for a code string (`"invalid_card"`), if it is one.
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The default message in `locale`: English, or Bahasa Indonesia.
    ///
    /// ```
    /// use midtrans_card::domain::{ErrorCode, Locale};
    /// assert_eq!(ErrorCode::Cancelled.message_in(Locale::Id), "Pelanggan menutup verifikasi kartu.");
    /// assert_eq!(ErrorCode::Cancelled.message_in(Locale::En), ErrorCode::Cancelled.message());
    /// ```
    pub fn message_in(self, locale: Locale) -> &'static str {
        if locale == Locale::En {
            return self.message();
        }
        match self {
            ErrorCode::InvalidCard => "Data kartu tidak valid.",
            ErrorCode::InvalidOptions => "Opsi tidak valid.",
            ErrorCode::SdkLoadFailed => "Skrip Midtrans tidak dapat dimuat.",
            ErrorCode::SdkNotLoaded => "MidtransNew3ds belum dimuat.",
            ErrorCode::SdkError => "MidtransNew3ds gagal saat dipanggil.",
            ErrorCode::Timeout => "Midtrans tidak menjawab tepat waktu.",
            ErrorCode::Busy => "Panggilan Midtrans lain masih berjalan.",
            ErrorCode::TokenFailed => "Midtrans menolak membuat token kartu.",
            ErrorCode::AuthenticationFailed => "Kartu tidak lolos autentikasi.",
            ErrorCode::Cancelled => "Pelanggan menutup verifikasi kartu.",
            ErrorCode::PopupFailed => "Jendela verifikasi kartu tidak dapat ditampilkan.",
            ErrorCode::AuthenticationExpired => "Verifikasi kartu sudah kedaluwarsa.",
            ErrorCode::InvalidRedirectUrl => "URL 3-D Secure bukan URL https Midtrans yang diizinkan.",
            ErrorCode::NetworkError => "Server pembayaran tidak dapat dihubungi.",
            ErrorCode::BackendError => "Server pembayaran menjawab dengan galat.",
            ErrorCode::ChargeFailed => "Midtrans menolak transaksi.",
            ErrorCode::PaymentDenied => "Pembayaran ditolak.",
        }
    }

    /// A default English message for developers (the customer-facing text is the merchant's).
    pub fn message(self) -> &'static str {
        match self {
            ErrorCode::InvalidCard => "The card details are not valid.",
            ErrorCode::InvalidOptions => "The options are not valid.",
            ErrorCode::SdkLoadFailed => "The Midtrans script could not be loaded.",
            ErrorCode::SdkNotLoaded => "MidtransNew3ds is not loaded.",
            ErrorCode::SdkError => "MidtransNew3ds failed when called.",
            ErrorCode::Timeout => "Midtrans did not answer in time.",
            ErrorCode::Busy => "Another Midtrans call is still in progress.",
            ErrorCode::TokenFailed => "Midtrans refused to create a card token.",
            ErrorCode::AuthenticationFailed => "The card was not authenticated.",
            ErrorCode::Cancelled => "The customer closed the card verification.",
            ErrorCode::PopupFailed => "The card verification window could not be shown.",
            ErrorCode::AuthenticationExpired => "The card verification expired.",
            ErrorCode::InvalidRedirectUrl => "The 3-D Secure URL is not an allowed Midtrans https URL.",
            ErrorCode::NetworkError => "The payment server could not be reached.",
            ErrorCode::BackendError => "The payment server answered with an error.",
            ErrorCode::ChargeFailed => "Midtrans refused the charge.",
            ErrorCode::PaymentDenied => "The payment was denied.",
        }
    }
}
