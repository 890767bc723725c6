//! Card number verdicts: tri-state validity plus a reason code.

#[allow(unused_imports)]
use super::prelude::*;

use super::brand::{detected, Brand, BrandSet};
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
    pub const NOT_TEXT: NumberVerdict = NumberVerdict {
        is_valid: false,
        is_potentially_valid: false,
        brand: None,
        candidates: BrandSet::EMPTY,
        reason: Some(NumberReason::InvalidCharacters),
    };
}

/// A [`NumberVerdict`] packed into one integer, as the verdicts are worked out and as the npm
/// package's validators hand them to the entry: bit 0 valid, 1 potentially valid, 2-5 the brand's
/// index (15: none), 6-8 the reason plus one (0: none), 9-23 the candidates (a [`BrandSet`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NumberBits(pub(crate) u32);

impl NumberBits {
    /// [`NumberVerdict::NOT_TEXT`].
    pub(crate) const NOT_TEXT: NumberBits =
        NumberBits::invalid(NumberReason::InvalidCharacters, false, None, BrandSet::EMPTY);

    const fn invalid(
        reason: NumberReason,
        potentially: bool,
        brand: Option<Brand>,
        candidates: BrandSet,
    ) -> NumberBits {
        NumberBits::pack((potentially as u32) << 1 | (reason as u32 + 1) << 6, brand, candidates)
    }

    const fn valid(brand: Option<Brand>, candidates: BrandSet) -> NumberBits {
        NumberBits::pack(0b11, brand, candidates)
    }

    const fn pack(bits: u32, brand: Option<Brand>, candidates: BrandSet) -> NumberBits {
        let brand = match brand {
            Some(b) => b as u32,
            None => 15,
        };
        NumberBits(bits | brand << 2 | (candidates.0 as u32) << 9)
    }

    /// The brand, when the digits determine one.
    pub(crate) fn brand(self) -> Option<Brand> {
        Brand::ALL.get((self.0 >> 2 & 15) as usize).copied()
    }

    /// The reason's position in [`NumberReason`], when not valid.
    pub(crate) fn reason(self) -> Option<u8> {
        ((self.0 >> 6 & 7) as u8).checked_sub(1)
    }

    /// The verdict the public API returns.
    pub(crate) fn verdict(self) -> NumberVerdict {
        let reason = match self.reason() {
            Some(0) => Some(NumberReason::Required),
            Some(1) => Some(NumberReason::Incomplete),
            Some(2) => Some(NumberReason::InvalidCharacters),
            Some(3) => Some(NumberReason::InvalidLength),
            Some(4) => Some(NumberReason::Luhn),
            Some(5) => Some(NumberReason::UnknownBrand),
            Some(6) => Some(NumberReason::UnsupportedBrand),
            _ => None,
        };
        NumberVerdict {
            is_valid: self.0 & 1 == 1,
            is_potentially_valid: self.0 & 2 == 2,
            brand: self.brand(),
            candidates: BrandSet((self.0 >> 9) as u16 & BrandSet::ALL.0),
            reason,
        }
    }
}

/// Validates a card number as typed (spaces, dashes and NBSP allowed).
pub fn validate_number(input: &str, opts: &NumberOptions) -> NumberVerdict {
    number_bits(input, opts).verdict()
}

/// [`validate_number`], packed.
pub(crate) fn number_bits(input: &str, opts: &NumberOptions) -> NumberBits {
    let b = input.as_bytes();
    // Digits only (no separators): judged in place, without a normalised copy.
    if b.iter().all(u8::is_ascii_digit) {
        return judge(b.get(..b.len().min(MAX_PAN)).unwrap_or_default(), b.len(), opts);
    }
    match normalise(input) {
        Ok(d) => judge(d.as_bytes(), d.len(), opts),
        Err(_) => NumberBits::NOT_TEXT,
    }
}

/// Validates already-normalised digits.
pub fn validate_digits(d: &Digits, opts: &NumberOptions) -> NumberVerdict {
    judge(d.as_bytes(), d.len(), opts).verdict()
}

/// The verdict on `len` digits, of which `digits` are the first (at most [`MAX_PAN`]).
fn judge(digits: &[u8], len: usize, opts: &NumberOptions) -> NumberBits {
    if len == 0 {
        return NumberBits::invalid(NumberReason::Required, true, None, opts.supported);
    }
    let det = detected(digits);
    let candidates = det.candidates().intersect(opts.supported);
    if det.candidates().is_empty() {
        return NumberBits::invalid(NumberReason::UnknownBrand, false, None, BrandSet::EMPTY);
    }
    let Some(brand) = det.brand() else {
        // Several brands are still possible: the number is a prefix.
        if candidates.is_empty() {
            return NumberBits::invalid(NumberReason::UnsupportedBrand, false, None, candidates);
        }
        return NumberBits::invalid(NumberReason::Incomplete, true, None, candidates);
    };
    if !opts.supported.contains(brand) {
        return NumberBits::invalid(NumberReason::UnsupportedBrand, false, Some(brand), BrandSet::EMPTY);
    }
    let only = BrandSet::only(brand);
    let info = brand.facts();
    let max = usize::from(info.max_length());
    if len > max {
        return NumberBits::invalid(NumberReason::InvalidLength, false, Some(brand), only);
    }
    if !info.has_length(len) {
        // Shorter than the brand's longest length but not a length it issues: keep typing.
        return NumberBits::invalid(NumberReason::Incomplete, true, Some(brand), only);
    }
    let skip_luhn = brand == Brand::UnionPay && !opts.luhn_unionpay;
    if skip_luhn || luhn::is_valid(digits) {
        NumberBits::valid(Some(brand), only)
    } else {
        // card-validator's rule: a longer length may still come (Visa 16 -> 19).
        NumberBits::invalid(NumberReason::Luhn, len < max, Some(brand), only)
    }
}
