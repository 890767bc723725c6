//! Whole-card validation with Midtrans's field names, listing every field error at once.

use super::brand::{detect, Brand};
use super::cvv::validate_cvv;
use super::expiry::{validate_month_year, ExpiryOptions};
use super::number::{validate_number, NumberOptions};
use super::reason::Locale;

/// Card data as Midtrans names it. `None` means the field was not given at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct CardInput<'a> {
    /// `card_number`.
    pub number: Option<&'a str>,
    /// `card_exp_month`.
    pub exp_month: Option<&'a str>,
    /// `card_exp_year`.
    pub exp_year: Option<&'a str>,
    /// `card_cvv`.
    pub cvv: Option<&'a str>,
    /// `token_id`: a saved token for two-click payments (then no number or expiry is needed).
    pub token_id: Option<&'a str>,
}

/// Which field an error is about.
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

/// One field error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// The field's reason code (`luhn`, `expired`, ...).
    pub code: &'static str,
    /// A message for the customer.
    pub message: &'static str,
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
    card.token_id.is_some_and(|t| !t.trim().is_empty()) && card.number.is_none_or(|n| n.trim().is_empty())
}

/// Validates every field and lists every error.
pub fn validate_card(card: &CardInput<'_>, opts: &CardOptions) -> CardVerdict {
    let mut errors = Vec::new();
    let brand;
    if is_two_click(card) {
        // A saved token starts with the card's first 8 digits: enough to know the CVV size.
        let head = card.token_id.unwrap_or("").as_bytes();
        let bin = &head[..head.iter().take_while(|b| b.is_ascii_digit()).count().min(8)];
        brand = if bin.len() >= 6 { detect(bin).brand } else { None };
    } else {
        let n = validate_number(card.number.unwrap_or(""), &opts.number);
        brand = n.brand;
        if let Some(r) = n.reason {
            errors.push(FieldError { field: Field::Number, code: r.code(), message: r.message(opts.locale) });
        }
        let e = validate_month_year(card.exp_month.unwrap_or(""), card.exp_year.unwrap_or(""), &opts.expiry);
        if let Some(r) = e.reason {
            errors.push(FieldError { field: Field::Expiry, code: r.code(), message: r.message(opts.locale) });
        }
    }
    let c = validate_cvv(card.cvv.unwrap_or(""), brand);
    if let Some(r) = c.reason {
        errors.push(FieldError { field: Field::Cvv, code: r.code(), message: r.message(opts.locale) });
    }
    CardVerdict { is_valid: errors.is_empty(), brand, errors }
}
