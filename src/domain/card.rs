//! Whole-card validation with Midtrans's field names, listing every field error at once.

#[allow(unused_imports)]
use super::prelude::*;

use super::brand::{detected, Brand};
use super::cvv::{cvv_bits, CvvBits};
use super::digits::normalise;
use super::expiry::{month_year_packed, ExpiryBits, ExpiryOptions};
use super::number::{number_bits, NumberBits, NumberOptions};
use super::reason::{self, Locale};
#[cfg(doc)]
use super::reason::{CvvReason, ExpiryReason, NumberReason};

/// A card field as the caller gave it: text, or a value that is not text at all (a JavaScript
/// object, boolean or fraction, say), which fails validation with the field's "invalid
/// characters" or "invalid format" reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// Text as typed.
    Text(&'a str),
    /// A value that is not text.
    NotText,
}

impl<'a> FieldValue<'a> {
    /// The text, when it is text.
    pub fn text(self) -> Option<&'a str> {
        match self {
            FieldValue::Text(s) => Some(s),
            FieldValue::NotText => None,
        }
    }
}

impl<'a> From<&'a str> for FieldValue<'a> {
    fn from(s: &'a str) -> Self {
        FieldValue::Text(s)
    }
}

/// Card data as Midtrans names it. `None` means the field was not given at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct CardInput<'a> {
    /// `card_number`.
    pub number: Option<FieldValue<'a>>,
    /// `card_exp_month`.
    pub exp_month: Option<FieldValue<'a>>,
    /// `card_exp_year`.
    pub exp_year: Option<FieldValue<'a>>,
    /// `card_cvv`.
    pub cvv: Option<FieldValue<'a>>,
    /// `token_id`: a saved token for two-click payments (then no number or expiry is needed).
    pub token_id: Option<FieldValue<'a>>,
}

impl<'a> CardInput<'a> {
    /// A card given as text fields (`None` for a field not given).
    pub fn from_text(
        number: Option<&'a str>,
        exp_month: Option<&'a str>,
        exp_year: Option<&'a str>,
        cvv: Option<&'a str>,
        token_id: Option<&'a str>,
    ) -> CardInput<'a> {
        CardInput {
            number: number.map(FieldValue::Text),
            exp_month: exp_month.map(FieldValue::Text),
            exp_year: exp_year.map(FieldValue::Text),
            cvv: cvv.map(FieldValue::Text),
            token_id: token_id.map(FieldValue::Text),
        }
    }
}

/// The text of a field that is given as text (`""` when absent or not text).
fn text_of(v: Option<FieldValue<'_>>) -> &str {
    v.and_then(FieldValue::text).unwrap_or("")
}

/// Which field an error is about.
///
/// ```
/// assert_eq!(midtrans_card::domain::Field::Expiry.name(), "card_exp");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `card_number`.
    Number,
    /// `card_exp_month` / `card_exp_year`.
    Expiry,
    /// `card_cvv`.
    Cvv,
}

impl Field {
    /// The stable field name (`card_number`, `card_exp`, `card_cvv`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Number => "card_number",
            Field::Expiry => "card_exp",
            Field::Cvv => "card_cvv",
        }
    }
}

/// One field error: the field, its reason code, and a message for the customer.
///
/// ```
/// use midtrans_card::domain::{validate_card, CardInput, CardOptions, ExpiryOptions, Field, Locale, NumberOptions, YearMonth};
/// let opts = CardOptions {
///     number: NumberOptions::default(),
///     expiry: ExpiryOptions { today: YearMonth { year: 2026, month: 12 }, max_years_ahead: 19 },
///     locale: Locale::Id,
/// };
/// let card = CardInput::from_text(Some("4811 1111 1111 1115"), Some("12"), Some("2030"), Some("123"), None);
/// let v = validate_card(&card, &opts);
/// assert_eq!((v.errors[0].field, v.errors[0].code), (Field::Number, "luhn"));
/// assert_eq!(v.errors[0].message, "Nomor kartu Anda tidak valid. Periksa kembali.");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// The field's reason code (`luhn`, `expired`, ...).
    pub code: &'static str,
    /// A message for the customer.
    pub message: &'static str,
}

/// A field error before it is put into words: the field and its reason's position in the
/// field's reason enum ([`NumberReason`], [`ExpiryReason`] or [`CvvReason`]). The npm package's
/// validators hand the entry the position (the entry has the codes already), and the public API
/// turns it into a [`FieldError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    pub(crate) field: Field,
    pub(crate) reason: u8,
}

impl Fault {
    /// The fault as a [`FieldError`], its message in `locale`.
    pub(crate) fn error(self, locale: Locale) -> FieldError {
        FieldError {
            field: self.field,
            code: reason::code(self.field, self.reason),
            message: reason::message(self.field, self.reason, locale),
        }
    }
}

/// The verdict on a whole card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardVerdict {
    /// Every field is valid.
    pub is_valid: bool,
    /// The brand, when known (from the number, or from a saved token's BIN).
    pub brand: Option<Brand>,
    /// Every field error, in field order.
    pub errors: Vec<FieldError>,
    /// The expiry month (1-12) and full year, when both are known.
    pub expiry: Option<(u8, u16)>,
}

/// Options for [`validate_card`].
#[derive(Clone, Copy, Debug)]
pub struct CardOptions {
    /// Number rules.
    pub number: NumberOptions,
    /// Expiry rules (with today's month).
    pub expiry: ExpiryOptions,
    /// Language of the messages.
    pub locale: Locale,
}

/// Whether `token_id` alone identifies the card (two-click: token plus CVV).
pub fn is_two_click(card: &CardInput<'_>) -> bool {
    !super::utf8::trim(text_of(card.token_id)).is_empty()
        && card.number.is_none_or(|n| n.text().is_some_and(|n| super::utf8::trim(n).is_empty()))
}

/// Validates every field and lists every error.
pub fn validate_card(card: &CardInput<'_>, opts: &CardOptions) -> CardVerdict {
    check(card, opts, true)
}

/// Validates a card for registration (`registerCard`): the number and the expiry only. Midtrans's
/// card registration takes no CVV, so a CVV given is neither checked nor sent, and a saved token
/// cannot be registered again.
///
/// ```
/// use midtrans_card::domain::{card::validate_registration, CardInput, CardOptions, ExpiryOptions, Locale, NumberOptions, YearMonth};
/// let opts = CardOptions {
///     number: NumberOptions::default(),
///     expiry: ExpiryOptions { today: YearMonth { year: 2026, month: 12 }, max_years_ahead: 19 },
///     locale: Locale::En,
/// };
/// let card = CardInput::from_text(Some("4811 1111 1111 1114"), Some("12"), Some("2030"), None, None);
/// assert!(validate_registration(&card, &opts).is_valid);
/// ```
pub fn validate_registration(card: &CardInput<'_>, opts: &CardOptions) -> CardVerdict {
    let card = CardInput { token_id: None, cvv: None, ..*card };
    check(&card, opts, false)
}

fn check(card: &CardInput<'_>, opts: &CardOptions, with_cvv: bool) -> CardVerdict {
    let mut errors = Vec::new();
    // Through `dyn`: the npm flow build's other caller (web/abi.rs) passes the same type, so the
    // check is compiled once there.
    let emit: &mut dyn FnMut(Fault) = &mut |f| errors.push(f.error(opts.locale));
    let (brand, expiry) = check_each(card, opts, with_cvv, emit);
    CardVerdict { is_valid: errors.is_empty(), brand, errors, expiry }
}

/// [`validate_card`] handing each error to `emit` instead of collecting them (no heap: the npm
/// package's validation-only build has none). Returns the brand.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) fn validate_card_each(
    card: &CardInput<'_>,
    opts: &CardOptions,
    emit: impl FnMut(Fault),
) -> Option<Brand> {
    check_each(card, opts, true, emit).0
}

/// Every field's check; errors go to `emit`, in field order. Returns the brand and the expiry.
fn check_each(
    card: &CardInput<'_>,
    opts: &CardOptions,
    with_cvv: bool,
    mut emit: impl FnMut(Fault),
) -> (Option<Brand>, Option<(u8, u16)>) {
    let mut expiry = None;
    let brand;
    if is_two_click(card) {
        // A saved token starts with the card's first 8 digits: enough to know the CVV size.
        let head = text_of(card.token_id).as_bytes();
        let digits = head.iter().position(|b| !b.is_ascii_digit()).unwrap_or(head.len()).min(8);
        let bin = head.get(..digits).unwrap_or_default();
        brand = if bin.len() >= 6 { detected(bin).brand() } else { None };
    } else {
        let n = match card.number {
            Some(FieldValue::NotText) => NumberBits::NOT_TEXT,
            v => number_bits(text_of(v), &opts.number),
        };
        brand = n.brand();
        if let Some(r) = n.reason() {
            emit(Fault { field: Field::Number, reason: r });
        }
        let e = if card.exp_month == Some(FieldValue::NotText) || card.exp_year == Some(FieldValue::NotText) {
            ExpiryBits::NOT_TEXT
        } else {
            month_year_packed(text_of(card.exp_month), text_of(card.exp_year), &opts.expiry)
        };
        if let Some(r) = e.reason() {
            emit(Fault { field: Field::Expiry, reason: r });
        }
        expiry = e.month_year();
    }
    let c = match card.cvv {
        Some(FieldValue::NotText) => CvvBits::NOT_TEXT,
        v => cvv_bits(text_of(v), brand),
    };
    if let (true, Some(r)) = (with_cvv, c.reason()) {
        emit(Fault { field: Field::Cvv, reason: r });
    }
    (brand, expiry)
}

/// The fields to hand `registerCard` for a card that passed [`validate_registration`]: number,
/// month and year, normalised as in [`token_fields`]; never a CVV.
pub fn registration_fields(card: &CardInput<'_>, verdict: &CardVerdict) -> Vec<(&'static str, String)> {
    let card = CardInput { token_id: None, cvv: None, ..*card };
    let mut fields = token_fields(&card, verdict);
    fields.retain(|(k, _)| *k != "card_cvv");
    fields
}

/// The fields to hand `MidtransNew3ds` for a card that passed [`validate_card`], normalised the
/// way Midtrans documents them: digits-only number, two-digit month, four-digit year, and for a
/// two-click payment the saved `token_id` with the CVV. Strings only: 19-digit numbers never pass
/// through a JS number.
pub fn token_fields(card: &CardInput<'_>, verdict: &CardVerdict) -> Vec<(&'static str, String)> {
    let cvv = super::utf8::trim(text_of(card.cvv)).to_owned();
    if is_two_click(card) {
        return vec![("token_id", super::utf8::trim(text_of(card.token_id)).to_owned()), ("card_cvv", cvv)];
    }
    let number = normalise(text_of(card.number)).map(|d| d.as_str().to_owned()).unwrap_or_default();
    let (month, year) = verdict.expiry.unwrap_or((0, 0));
    let mm: String = [b'0' + month / 10, b'0' + month % 10].iter().map(|&b| char::from(b)).collect();
    let yyyy: String = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10]
        .iter()
        .map(|&d| char::from(b'0' + (d % 10) as u8))
        .collect();
    vec![("card_number", number), ("card_exp_month", mm), ("card_exp_year", yyyy), ("card_cvv", cvv)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NumberOptions, YearMonth};

    fn opts() -> CardOptions {
        CardOptions {
            number: NumberOptions::default(),
            expiry: ExpiryOptions { today: YearMonth { year: 2026, month: 11 }, max_years_ahead: 19 },
            locale: Locale::En,
        }
    }

    #[test]
    fn token_fields_are_normalised_strings() {
        let card =
            CardInput::from_text(Some("6212 4825 3517 8193 972"), Some("2"), Some("30"), Some(" 123 "), None);
        let v = validate_card(&card, &opts());
        assert!(v.is_valid, "{:?}", v.errors);
        let f = token_fields(&card, &v);
        assert_eq!(
            f,
            vec![
                ("card_number", "6212482535178193972".to_owned()),
                ("card_exp_month", "02".to_owned()),
                ("card_exp_year", "2030".to_owned()),
                ("card_cvv", "123".to_owned()),
            ]
        );
        let two =
            CardInput::from_text(None, None, None, Some("123"), Some("48111111sHfSakAvHvFQFEjTivUV1114"));
        let v = validate_card(&two, &opts());
        assert!(v.is_valid);
        assert_eq!(token_fields(&two, &v)[0], ("token_id", "48111111sHfSakAvHvFQFEjTivUV1114".to_owned()));
    }
}
