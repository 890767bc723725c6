//! Field reason codes (stable strings that outside code relies on) and their messages.

#[allow(unused_imports)]
use super::prelude::*;

use super::card::Field;

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

/// Every reason's code and messages, `|`-separated ([`nth`]): [`NumberReason`]'s in declaration
/// order, then [`ExpiryReason`]'s, then [`CvvReason`]'s. The first two have seven reasons each,
/// so a reason's place is its field's position times seven plus its own ([`place`]); one
/// table per locale costs the download less than a table per field.
const CODES: &str = concat!(
    "required|incomplete|invalid_characters|invalid_length|luhn|unknown_brand|unsupported_brand|",
    "required|incomplete|invalid_format|invalid_month|invalid_year|expired|too_far_future|",
    "required|incomplete|invalid_characters|invalid_length"
);
const EN: &str = concat!(
    "Enter your card number.|Your card number is incomplete.|A card number has digits only.|Your card number has the wrong number of digits.|Your card number is invalid. Check it for typos.|This card number is not recognised.|This card type is not accepted here.|",
    "Enter your card's expiry date.|Your card's expiry date is incomplete.|Enter the expiry date as MM/YY.|Your card's expiry month is invalid.|Your card's expiry year is invalid.|Your card has expired.|Your card's expiry year is too far in the future.|",
    "Enter your card's security code.|Your card's security code is incomplete.|A security code has digits only.|Your card's security code is too long."
);
const ID: &str = concat!(
    "Masukkan nomor kartu Anda.|Nomor kartu Anda belum lengkap.|Nomor kartu hanya berisi angka.|Jumlah digit nomor kartu Anda tidak sesuai.|Nomor kartu Anda tidak valid. Periksa kembali.|Nomor kartu ini tidak dikenali.|Jenis kartu ini tidak diterima.|",
    "Masukkan tanggal kedaluwarsa kartu.|Tanggal kedaluwarsa kartu belum lengkap.|Masukkan tanggal kedaluwarsa dengan format BB/TT.|Bulan kedaluwarsa kartu tidak valid.|Tahun kedaluwarsa kartu tidak valid.|Kartu Anda sudah kedaluwarsa.|Tahun kedaluwarsa kartu terlalu jauh.|",
    "Masukkan kode keamanan kartu.|Kode keamanan kartu belum lengkap.|Kode keamanan hanya berisi angka.|Kode keamanan kartu terlalu panjang."
);

impl NumberReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        code(Field::Number, self as u8)
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        message(Field::Number, self as u8, locale)
    }
}

impl ExpiryReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        code(Field::Expiry, self as u8)
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        message(Field::Expiry, self as u8, locale)
    }
}

impl CvvReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        code(Field::Cvv, self as u8)
    }
    /// A message for the customer.
    pub fn message(self, locale: Locale) -> &'static str {
        message(Field::Cvv, self as u8, locale)
    }
}

/// Where the `reason`-th reason of `field` (its position in the field's reason enum) is in the
/// tables.
fn place(field: Field, reason: u8) -> usize {
    // The layout the tables (and web/abi.rs's `put_fault`) rely on: the fields in this order,
    // seven number and seven expiry reasons, eighteen texts in each table. A reason added to an
    // enum and its table fails the build here.
    const _: () = assert!(
        Field::Number as usize == 0
            && Field::Expiry as usize == 1
            && Field::Cvv as usize == 2
            && NumberReason::UnsupportedBrand as usize == 6
            && ExpiryReason::TooFarFuture as usize == 6
            && CvvReason::InvalidLength as usize == 3
            && texts(CODES) == 18
            && texts(EN) == 18
            && texts(ID) == 18
    );
    field as usize * 7 + usize::from(reason)
}

/// The code of the `reason`-th reason of `field`.
pub(crate) fn code(field: Field, reason: u8) -> &'static str {
    nth(CODES, place(field, reason))
}

/// The message of the `reason`-th reason of `field`, in `locale`.
pub(crate) fn message(field: Field, reason: u8, locale: Locale) -> &'static str {
    nth(messages(locale), place(field, reason))
}

/// Every message in `locale`, `|`-separated: a reason's message is the text at its place
/// (the field's position times seven plus the reason's).
pub(crate) const fn messages(locale: Locale) -> &'static str {
    match locale {
        Locale::En => EN,
        Locale::Id => ID,
    }
}

/// How many texts a `|`-separated table holds.
const fn texts(table: &str) -> usize {
    let b = table.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < b.len() {
        if b[i] == b'|' {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The `i`-th text of a `|`-separated table: each table is one string per locale, which costs
/// the download less than a (pointer, length) pair per message. The tests check every variant.
pub(crate) fn nth(table: &'static str, i: usize) -> &'static str {
    let b = table.as_bytes();
    let (mut start, mut k) = (0, 0);
    let mut end = b.len();
    for (j, &c) in b.iter().enumerate() {
        if c == b'|' {
            if k == i {
                end = j;
                break;
            }
            k += 1;
            start = j + 1;
        }
    }
    table.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant's code and messages, as they were written before the tables were joined.
    #[test]
    fn every_code_and_message() {
        let all = [
            (
                NumberReason::Required.code(),
                NumberReason::Required.message(Locale::En),
                NumberReason::Required.message(Locale::Id),
                "required",
                "Enter your card number.",
                "Masukkan nomor kartu Anda.",
            ),
            (
                NumberReason::Incomplete.code(),
                NumberReason::Incomplete.message(Locale::En),
                NumberReason::Incomplete.message(Locale::Id),
                "incomplete",
                "Your card number is incomplete.",
                "Nomor kartu Anda belum lengkap.",
            ),
            (
                NumberReason::InvalidCharacters.code(),
                NumberReason::InvalidCharacters.message(Locale::En),
                NumberReason::InvalidCharacters.message(Locale::Id),
                "invalid_characters",
                "A card number has digits only.",
                "Nomor kartu hanya berisi angka.",
            ),
            (
                NumberReason::InvalidLength.code(),
                NumberReason::InvalidLength.message(Locale::En),
                NumberReason::InvalidLength.message(Locale::Id),
                "invalid_length",
                "Your card number has the wrong number of digits.",
                "Jumlah digit nomor kartu Anda tidak sesuai.",
            ),
            (
                NumberReason::Luhn.code(),
                NumberReason::Luhn.message(Locale::En),
                NumberReason::Luhn.message(Locale::Id),
                "luhn",
                "Your card number is invalid. Check it for typos.",
                "Nomor kartu Anda tidak valid. Periksa kembali.",
            ),
            (
                NumberReason::UnknownBrand.code(),
                NumberReason::UnknownBrand.message(Locale::En),
                NumberReason::UnknownBrand.message(Locale::Id),
                "unknown_brand",
                "This card number is not recognised.",
                "Nomor kartu ini tidak dikenali.",
            ),
            (
                NumberReason::UnsupportedBrand.code(),
                NumberReason::UnsupportedBrand.message(Locale::En),
                NumberReason::UnsupportedBrand.message(Locale::Id),
                "unsupported_brand",
                "This card type is not accepted here.",
                "Jenis kartu ini tidak diterima.",
            ),
            (
                ExpiryReason::Required.code(),
                ExpiryReason::Required.message(Locale::En),
                ExpiryReason::Required.message(Locale::Id),
                "required",
                "Enter your card's expiry date.",
                "Masukkan tanggal kedaluwarsa kartu.",
            ),
            (
                ExpiryReason::Incomplete.code(),
                ExpiryReason::Incomplete.message(Locale::En),
                ExpiryReason::Incomplete.message(Locale::Id),
                "incomplete",
                "Your card's expiry date is incomplete.",
                "Tanggal kedaluwarsa kartu belum lengkap.",
            ),
            (
                ExpiryReason::InvalidFormat.code(),
                ExpiryReason::InvalidFormat.message(Locale::En),
                ExpiryReason::InvalidFormat.message(Locale::Id),
                "invalid_format",
                "Enter the expiry date as MM/YY.",
                "Masukkan tanggal kedaluwarsa dengan format BB/TT.",
            ),
            (
                ExpiryReason::InvalidMonth.code(),
                ExpiryReason::InvalidMonth.message(Locale::En),
                ExpiryReason::InvalidMonth.message(Locale::Id),
                "invalid_month",
                "Your card's expiry month is invalid.",
                "Bulan kedaluwarsa kartu tidak valid.",
            ),
            (
                ExpiryReason::InvalidYear.code(),
                ExpiryReason::InvalidYear.message(Locale::En),
                ExpiryReason::InvalidYear.message(Locale::Id),
                "invalid_year",
                "Your card's expiry year is invalid.",
                "Tahun kedaluwarsa kartu tidak valid.",
            ),
            (
                ExpiryReason::Expired.code(),
                ExpiryReason::Expired.message(Locale::En),
                ExpiryReason::Expired.message(Locale::Id),
                "expired",
                "Your card has expired.",
                "Kartu Anda sudah kedaluwarsa.",
            ),
            (
                ExpiryReason::TooFarFuture.code(),
                ExpiryReason::TooFarFuture.message(Locale::En),
                ExpiryReason::TooFarFuture.message(Locale::Id),
                "too_far_future",
                "Your card's expiry year is too far in the future.",
                "Tahun kedaluwarsa kartu terlalu jauh.",
            ),
            (
                CvvReason::Required.code(),
                CvvReason::Required.message(Locale::En),
                CvvReason::Required.message(Locale::Id),
                "required",
                "Enter your card's security code.",
                "Masukkan kode keamanan kartu.",
            ),
            (
                CvvReason::Incomplete.code(),
                CvvReason::Incomplete.message(Locale::En),
                CvvReason::Incomplete.message(Locale::Id),
                "incomplete",
                "Your card's security code is incomplete.",
                "Kode keamanan kartu belum lengkap.",
            ),
            (
                CvvReason::InvalidCharacters.code(),
                CvvReason::InvalidCharacters.message(Locale::En),
                CvvReason::InvalidCharacters.message(Locale::Id),
                "invalid_characters",
                "A security code has digits only.",
                "Kode keamanan hanya berisi angka.",
            ),
            (
                CvvReason::InvalidLength.code(),
                CvvReason::InvalidLength.message(Locale::En),
                CvvReason::InvalidLength.message(Locale::Id),
                "invalid_length",
                "Your card's security code is too long.",
                "Kode keamanan kartu terlalu panjang.",
            ),
        ];
        for (code, en, id, want_code, want_en, want_id) in all {
            assert_eq!((code, en, id), (want_code, want_en, want_id));
        }
    }
}
