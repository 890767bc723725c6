//! The Luhn (mod 10) checksum.

#[allow(unused_imports)]
use super::prelude::*;

/// Whether the ASCII digits pass the Luhn check. An empty slice does not.
pub fn is_valid(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let (mut sum, mut double) = (0u32, false);
    for d in digits.iter().rev() {
        let mut v = u32::from(d.wrapping_sub(b'0'));
        if double {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
        double = !double;
    }
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_numbers() {
        assert!(super::is_valid(b"4811111111111114"));
        assert!(super::is_valid(b"370192169722458"));
        assert!(!super::is_valid(b"4811111111111115"));
        assert!(!super::is_valid(b""));
        assert!(super::is_valid(b"0"));
    }
}
