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

/// Validates a security code for `brand` (its size: Amex 4, others 3); with no brand known, 3 or
/// 4 digits are both accepted. Surrounding white space is ignored.
pub fn validate_cvv(input: &str, brand: Option<Brand>) -> CvvVerdict {
    // Digits alone (as typed, almost always) need no trimming.
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let s = if digits(input) { input } else { super::utf8::trim(input) };
    let bad = |reason, potentially| CvvVerdict {
        is_valid: false,
        is_potentially_valid: potentially,
        reason: Some(reason),
    };
    if s.is_empty() {
        return bad(CvvReason::Required, true);
    }
    if !digits(s) {
        return bad(CvvReason::InvalidCharacters, false);
    }
    let (min, max) = match brand {
        Some(b) => (b.facts().cvv_len as usize, b.facts().cvv_len as usize),
        None => (3, 4),
    };
    let n = s.len();
    if n < min {
        bad(CvvReason::Incomplete, true)
    } else if n > max {
        bad(CvvReason::InvalidLength, false)
    } else {
        CvvVerdict { is_valid: true, is_potentially_valid: true, reason: None }
    }
}
