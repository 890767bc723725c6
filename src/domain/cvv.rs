//! Security code (CVV/CVC/CID) verdicts.

#[allow(unused_imports)]
use super::prelude::*;

use super::brand::Brand;
use super::reason::CvvReason;

/// The verdict on a security code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvvVerdict {
    /// The right number of digits for the brand.
    pub is_valid: bool,
    /// Valid, or may still become valid as the customer types.
    pub is_potentially_valid: bool,
    /// Why the code is not valid (`None` when valid).
    pub reason: Option<CvvReason>,
}

impl CvvVerdict {
    /// The verdict on a value that is not text at all: `invalid_characters`, never potentially
    /// valid.
    pub const NOT_TEXT: CvvVerdict = CvvVerdict {
        is_valid: false,
        is_potentially_valid: false,
        reason: Some(CvvReason::InvalidCharacters),
    };
}

/// A [`CvvVerdict`] packed into one integer, as the verdicts are worked out and as the npm
/// package's validators hand them to the entry: bit 0 valid, 1 potentially valid, 2-4 the reason
/// plus one (0: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CvvBits(pub(crate) u32);

impl CvvBits {
    /// [`CvvVerdict::NOT_TEXT`].
    pub(crate) const NOT_TEXT: CvvBits = CvvBits::bad(CvvReason::InvalidCharacters, false);
    const VALID: CvvBits = CvvBits(0b11);

    const fn bad(reason: CvvReason, potentially: bool) -> CvvBits {
        CvvBits((potentially as u32) << 1 | (reason as u32 + 1) << 2)
    }

    /// The reason's position in [`CvvReason`], when not valid.
    pub(crate) fn reason(self) -> Option<u8> {
        ((self.0 >> 2 & 7) as u8).checked_sub(1)
    }

    /// The verdict the public API returns.
    pub(crate) fn verdict(self) -> CvvVerdict {
        let reason = match self.reason() {
            Some(0) => Some(CvvReason::Required),
            Some(1) => Some(CvvReason::Incomplete),
            Some(2) => Some(CvvReason::InvalidCharacters),
            Some(3) => Some(CvvReason::InvalidLength),
            _ => None,
        };
        CvvVerdict { is_valid: self.0 & 1 == 1, is_potentially_valid: self.0 & 2 == 2, reason }
    }
}

/// Validates a security code for `brand` (its size: Amex 4, others 3); with no brand known, 3 or
/// 4 digits are both accepted. Surrounding white space is ignored.
pub fn validate_cvv(input: &str, brand: Option<Brand>) -> CvvVerdict {
    cvv_bits(input, brand).verdict()
}

/// [`validate_cvv`], packed.
pub(crate) fn cvv_bits(input: &str, brand: Option<Brand>) -> CvvBits {
    // Digits alone (as typed, almost always) need no trimming.
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let s = if digits(input) { input } else { super::utf8::trim(input) };
    if s.is_empty() {
        return CvvBits::bad(CvvReason::Required, true);
    }
    if !digits(s) {
        return CvvBits::bad(CvvReason::InvalidCharacters, false);
    }
    let (min, max) = match brand {
        Some(b) => (b.facts().cvv_len as usize, b.facts().cvv_len as usize),
        None => (3, 4),
    };
    let n = s.len();
    if n < min {
        CvvBits::bad(CvvReason::Incomplete, true)
    } else if n > max {
        CvvBits::bad(CvvReason::InvalidLength, false)
    } else {
        CvvBits::VALID
    }
}
