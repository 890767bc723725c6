//! Card number verdicts: tri-state validity plus a reason code.

#[allow(unused_imports)]
use super::prelude::*;

use super::brand::{detect, Brand, BrandSet};
use super::digits::{normalise, Digits, MAX_PAN};
use super::luhn;
use super::reason::NumberReason;

/// Options for [`validate_number`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberOptions {
    /// Brands the merchant accepts; others give `unsupported_brand`.
    pub supported: BrandSet,
    /// Run the Luhn check on UnionPay numbers too (off by default, as in card-validator: some
    /// UnionPay cards do not satisfy Luhn).
    pub luhn_unionpay: bool,
}

impl Default for NumberOptions {
    fn default() -> Self {
        NumberOptions { supported: BrandSet::ALL, luhn_unionpay: false }
    }
}

/// The verdict on a card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberVerdict {
    /// A complete, valid number of an accepted brand.
    pub is_valid: bool,
    /// Valid, or may still become valid as the customer types.
    pub is_potentially_valid: bool,
    /// The brand, when the digits determine exactly one.
    pub brand: Option<Brand>,
    /// Every brand the digits may still belong to.
    pub candidates: BrandSet,
    /// Why the number is not valid (`None` when valid).
    pub reason: Option<NumberReason>,
}

impl NumberVerdict {
    /// The verdict on a value that is not text at all (an object, a boolean, a fraction...):
    /// `invalid_characters`, never potentially valid.
    pub const NOT_TEXT: NumberVerdict =
        NumberVerdict::invalid(NumberReason::InvalidCharacters, false, None, BrandSet::EMPTY);

    const fn invalid(
        reason: NumberReason,
        potentially: bool,
        brand: Option<Brand>,
        candidates: BrandSet,
    ) -> Self {
        NumberVerdict {
            is_valid: false,
            is_potentially_valid: potentially,
            brand,
            candidates,
            reason: Some(reason),
        }
    }
}

/// Validates a card number as typed (spaces, dashes and NBSP allowed).
pub fn validate_number(input: &str, opts: &NumberOptions) -> NumberVerdict {
    let b = input.as_bytes();
    // Digits only (no separators): judged in place, without a normalised copy.
    if b.iter().all(u8::is_ascii_digit) {
        return judge(b.get(..b.len().min(MAX_PAN)).unwrap_or_default(), b.len(), opts);
    }
    match normalise(input) {
        Ok(d) => validate_digits(&d, opts),
        Err(_) => NumberVerdict::NOT_TEXT,
    }
}

/// Validates already-normalised digits.
pub fn validate_digits(d: &Digits, opts: &NumberOptions) -> NumberVerdict {
    judge(d.as_bytes(), d.len(), opts)
}

/// The verdict on `len` digits, of which `digits` are the first (at most [`MAX_PAN`]).
fn judge(digits: &[u8], len: usize, opts: &NumberOptions) -> NumberVerdict {
    if len == 0 {
        return NumberVerdict::invalid(NumberReason::Required, true, None, opts.supported);
    }
    let det = detect(digits);
    let candidates = det.candidates.intersect(opts.supported);
    if det.candidates.is_empty() {
        return NumberVerdict::invalid(NumberReason::UnknownBrand, false, None, BrandSet::EMPTY);
    }
    let Some(brand) = det.brand else {
        // Several brands are still possible: the number is a prefix.
        if candidates.is_empty() {
            return NumberVerdict::invalid(NumberReason::UnsupportedBrand, false, None, candidates);
        }
        return NumberVerdict::invalid(NumberReason::Incomplete, true, None, candidates);
    };
    if !opts.supported.contains(brand) {
        return NumberVerdict::invalid(NumberReason::UnsupportedBrand, false, Some(brand), BrandSet::EMPTY);
    }
    let only = BrandSet::only(brand);
    let info = brand.facts();
    let max = usize::from(info.max_length());
    if len > max {
        return NumberVerdict::invalid(NumberReason::InvalidLength, false, Some(brand), only);
    }
    if !info.has_length(len) {
        // Shorter than the brand's longest length but not a length it issues: keep typing.
        return NumberVerdict::invalid(NumberReason::Incomplete, true, Some(brand), only);
    }
    let skip_luhn = brand == Brand::UnionPay && !opts.luhn_unionpay;
    if skip_luhn || luhn::is_valid(digits) {
        NumberVerdict {
            is_valid: true,
            is_potentially_valid: true,
            brand: Some(brand),
            candidates: only,
            reason: None,
        }
    } else {
        // card-validator's rule: a longer length may still come (Visa 16 -> 19).
        NumberVerdict::invalid(NumberReason::Luhn, len < max, Some(brand), only)
    }
}
