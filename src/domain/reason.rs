//! Field reason codes (stable strings that outside code relies on) and their messages.

#[allow(unused_imports)]
use super::prelude::*;

/// Why a card number is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberReason {
    /// Nothing was entered.
    Required,
    /// A prefix of a possible number: keep typing.
    Incomplete,
    /// Something other than digits, spaces and dashes.
    InvalidCharacters,
    /// The brand does not issue numbers of this length.
    InvalidLength,
    /// The check digit is wrong.
    Luhn,
    /// No brand issues numbers starting like this.
    UnknownBrand,
    /// The brand is known but the merchant does not accept it.
    UnsupportedBrand,
}

/// Why an expiry date is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpiryReason {
    /// Nothing was entered.
    Required,
    /// A prefix of a possible date: keep typing.
    Incomplete,
    /// Not a date in any accepted format.
    InvalidFormat,
    /// The month is not 1-12.
    InvalidMonth,
    /// The year cannot be a card's expiry year.
    InvalidYear,
    /// The card expired before the current month.
    Expired,
    /// Further ahead than cards are issued for.
    TooFarFuture,
}

/// Why a security code is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CvvReason {
    /// Nothing was entered.
    Required,
    /// Shorter than the brand's code: keep typing.
    Incomplete,
    /// Something other than digits.
    InvalidCharacters,
    /// Longer than the brand's code.
    InvalidLength,
}

/// Language of human-readable messages.
///
/// ```
/// use midtrans_card::domain::Locale;
/// assert_eq!(Locale::from_tag("id-ID"), Locale::Id);
/// assert_eq!(Locale::from_tag("en-GB"), Locale::En);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Locale {
    /// Parses a BCP 47 tag; anything starting with `id` or `in` is Indonesian.
    pub fn from_tag(tag: &str) -> Locale {
        let t = tag.as_bytes();
        if t.len() >= 2 && (t[..2].eq_ignore_ascii_case(b"id") || t[..2].eq_ignore_ascii_case(b"in")) {
            Locale::Id
        } else {
            Locale::En
        }
    }
}

impl NumberReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            NumberReason::Required => "required",
            NumberReason::Incomplete => "incomplete",
            NumberReason::InvalidCharacters => "invalid_characters",
            NumberReason::InvalidLength => "invalid_length",
            NumberReason::Luhn => "luhn",
            NumberReason::UnknownBrand => "unknown_brand",
            NumberReason::UnsupportedBrand => "unsupported_brand",
        }
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (NumberReason::Required, Locale::En) => "Enter your card number.",
            (NumberReason::Required, Locale::Id) => "Masukkan nomor kartu Anda.",
            (NumberReason::Incomplete, Locale::En) => "Your card number is incomplete.",
            (NumberReason::Incomplete, Locale::Id) => "Nomor kartu Anda belum lengkap.",
            (NumberReason::InvalidCharacters, Locale::En) => "A card number has digits only.",
            (NumberReason::InvalidCharacters, Locale::Id) => "Nomor kartu hanya berisi angka.",
            (NumberReason::InvalidLength, Locale::En) => "Your card number has the wrong number of digits.",
            (NumberReason::InvalidLength, Locale::Id) => "Jumlah digit nomor kartu Anda tidak sesuai.",
            (NumberReason::Luhn, Locale::En) => "Your card number is invalid. Check it for typos.",
            (NumberReason::Luhn, Locale::Id) => "Nomor kartu Anda tidak valid. Periksa kembali.",
            (NumberReason::UnknownBrand, Locale::En) => "This card number is not recognised.",
            (NumberReason::UnknownBrand, Locale::Id) => "Nomor kartu ini tidak dikenali.",
            (NumberReason::UnsupportedBrand, Locale::En) => "This card type is not accepted here.",
            (NumberReason::UnsupportedBrand, Locale::Id) => "Jenis kartu ini tidak diterima.",
        }
    }
}

impl ExpiryReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ExpiryReason::Required => "required",
            ExpiryReason::Incomplete => "incomplete",
            ExpiryReason::InvalidFormat => "invalid_format",
            ExpiryReason::InvalidMonth => "invalid_month",
            ExpiryReason::InvalidYear => "invalid_year",
            ExpiryReason::Expired => "expired",
            ExpiryReason::TooFarFuture => "too_far_future",
        }
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ExpiryReason::Required, Locale::En) => "Enter your card's expiry date.",
            (ExpiryReason::Required, Locale::Id) => "Masukkan tanggal kedaluwarsa kartu.",
            (ExpiryReason::Incomplete, Locale::En) => "Your card's expiry date is incomplete.",
            (ExpiryReason::Incomplete, Locale::Id) => "Tanggal kedaluwarsa kartu belum lengkap.",
            (ExpiryReason::InvalidFormat, Locale::En) => "Enter the expiry date as MM/YY.",
            (ExpiryReason::InvalidFormat, Locale::Id) => "Masukkan tanggal kedaluwarsa dengan format BB/TT.",
            (ExpiryReason::InvalidMonth, Locale::En) => "Your card's expiry month is invalid.",
            (ExpiryReason::InvalidMonth, Locale::Id) => "Bulan kedaluwarsa kartu tidak valid.",
            (ExpiryReason::InvalidYear, Locale::En) => "Your card's expiry year is invalid.",
            (ExpiryReason::InvalidYear, Locale::Id) => "Tahun kedaluwarsa kartu tidak valid.",
            (ExpiryReason::Expired, Locale::En) => "Your card has expired.",
            (ExpiryReason::Expired, Locale::Id) => "Kartu Anda sudah kedaluwarsa.",
            (ExpiryReason::TooFarFuture, Locale::En) => "Your card's expiry year is too far in the future.",
            (ExpiryReason::TooFarFuture, Locale::Id) => "Tahun kedaluwarsa kartu terlalu jauh.",
        }
    }
}

impl CvvReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            CvvReason::Required => "required",
            CvvReason::Incomplete => "incomplete",
            CvvReason::InvalidCharacters => "invalid_characters",
            CvvReason::InvalidLength => "invalid_length",
        }
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (CvvReason::Required, Locale::En) => "Enter your card's security code.",
            (CvvReason::Required, Locale::Id) => "Masukkan kode keamanan kartu.",
            (CvvReason::Incomplete, Locale::En) => "Your card's security code is incomplete.",
            (CvvReason::Incomplete, Locale::Id) => "Kode keamanan kartu belum lengkap.",
            (CvvReason::InvalidCharacters, Locale::En) => "A security code has digits only.",
            (CvvReason::InvalidCharacters, Locale::Id) => "Kode keamanan hanya berisi angka.",
            (CvvReason::InvalidLength, Locale::En) => "Your card's security code is too long.",
            (CvvReason::InvalidLength, Locale::Id) => "Kode keamanan kartu terlalu panjang.",
        }
    }
}
