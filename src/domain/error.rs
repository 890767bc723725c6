//! Error codes: stable strings outside code branches on, the same in Rust and JavaScript.

#[allow(unused_imports)]
use super::prelude::*;
use super::reason::{nth, Locale};

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

/// The codes and their messages, `|`-separated, in declaration order (one string per table costs
/// the download less than a pointer and a length per entry; see `reason::nth`).
const CODES: &str = "invalid_card|invalid_options|sdk_load_failed|sdk_not_loaded|sdk_error|timeout|busy|token_failed|authentication_failed|cancelled|popup_failed|authentication_expired|invalid_redirect_url|network_error|backend_error|charge_failed|payment_denied";
const MESSAGES_EN: &str = "The card details are not valid.|The options are not valid.|The Midtrans script could not be loaded.|MidtransNew3ds is not loaded.|MidtransNew3ds failed when called.|Midtrans did not answer in time.|Another Midtrans call is still in progress.|Midtrans refused to create a card token.|The card was not authenticated.|The customer closed the card verification.|The card verification window could not be shown.|The card verification expired.|The 3-D Secure URL is not an allowed Midtrans https URL.|The payment server could not be reached.|The payment server answered with an error.|Midtrans refused the charge.|The payment was denied.";
const MESSAGES_ID: &str = "Data kartu tidak valid.|Opsi tidak valid.|Skrip Midtrans tidak dapat dimuat.|MidtransNew3ds belum dimuat.|MidtransNew3ds gagal saat dipanggil.|Midtrans tidak menjawab tepat waktu.|Panggilan Midtrans lain masih berjalan.|Midtrans menolak membuat token kartu.|Kartu tidak lolos autentikasi.|Pelanggan menutup verifikasi kartu.|Jendela verifikasi kartu tidak dapat ditampilkan.|Verifikasi kartu sudah kedaluwarsa.|URL 3-D Secure bukan URL https Midtrans yang diizinkan.|Server pembayaran tidak dapat dihubungi.|Server pembayaran menjawab dengan galat.|Midtrans menolak transaksi.|Pembayaran ditolak.";

impl ErrorCode {
    /// The stable code string.
    pub fn as_str(self) -> &'static str {
        nth(CODES, self as usize)
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
        nth(if locale == Locale::En { MESSAGES_EN } else { MESSAGES_ID }, self as usize)
    }

    /// A default English message for developers (the customer-facing text is the merchant's).
    pub fn message(self) -> &'static str {
        nth(MESSAGES_EN, self as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code's string and messages, as they were written before the tables were joined.
    #[test]
    fn every_code_and_message() {
        let all = [
            (
                ErrorCode::InvalidCard,
                "invalid_card",
                "The card details are not valid.",
                "Data kartu tidak valid.",
            ),
            (ErrorCode::InvalidOptions, "invalid_options", "The options are not valid.", "Opsi tidak valid."),
            (
                ErrorCode::SdkLoadFailed,
                "sdk_load_failed",
                "The Midtrans script could not be loaded.",
                "Skrip Midtrans tidak dapat dimuat.",
            ),
            (
                ErrorCode::SdkNotLoaded,
                "sdk_not_loaded",
                "MidtransNew3ds is not loaded.",
                "MidtransNew3ds belum dimuat.",
            ),
            (
                ErrorCode::SdkError,
                "sdk_error",
                "MidtransNew3ds failed when called.",
                "MidtransNew3ds gagal saat dipanggil.",
            ),
            (
                ErrorCode::Timeout,
                "timeout",
                "Midtrans did not answer in time.",
                "Midtrans tidak menjawab tepat waktu.",
            ),
            (
                ErrorCode::Busy,
                "busy",
                "Another Midtrans call is still in progress.",
                "Panggilan Midtrans lain masih berjalan.",
            ),
            (
                ErrorCode::TokenFailed,
                "token_failed",
                "Midtrans refused to create a card token.",
                "Midtrans menolak membuat token kartu.",
            ),
            (
                ErrorCode::AuthenticationFailed,
                "authentication_failed",
                "The card was not authenticated.",
                "Kartu tidak lolos autentikasi.",
            ),
            (
                ErrorCode::Cancelled,
                "cancelled",
                "The customer closed the card verification.",
                "Pelanggan menutup verifikasi kartu.",
            ),
            (
                ErrorCode::PopupFailed,
                "popup_failed",
                "The card verification window could not be shown.",
                "Jendela verifikasi kartu tidak dapat ditampilkan.",
            ),
            (
                ErrorCode::AuthenticationExpired,
                "authentication_expired",
                "The card verification expired.",
                "Verifikasi kartu sudah kedaluwarsa.",
            ),
            (
                ErrorCode::InvalidRedirectUrl,
                "invalid_redirect_url",
                "The 3-D Secure URL is not an allowed Midtrans https URL.",
                "URL 3-D Secure bukan URL https Midtrans yang diizinkan.",
            ),
            (
                ErrorCode::NetworkError,
                "network_error",
                "The payment server could not be reached.",
                "Server pembayaran tidak dapat dihubungi.",
            ),
            (
                ErrorCode::BackendError,
                "backend_error",
                "The payment server answered with an error.",
                "Server pembayaran menjawab dengan galat.",
            ),
            (
                ErrorCode::ChargeFailed,
                "charge_failed",
                "Midtrans refused the charge.",
                "Midtrans menolak transaksi.",
            ),
            (ErrorCode::PaymentDenied, "payment_denied", "The payment was denied.", "Pembayaran ditolak."),
        ];
        assert_eq!(all.len(), ErrorCode::ALL.len());
        for (code, s, en, id) in all {
            assert_eq!(
                (code.as_str(), code.message(), code.message_in(Locale::En), code.message_in(Locale::Id)),
                (s, en, en, id)
            );
            assert_eq!(ErrorCode::from_code(s), Some(code));
        }
    }
}
