//! The Luhn (mod 10) checksum.

#[allow(unused_imports)]
use super::prelude::*;

/// Whether the ASCII digits pass the Luhn check. An empty slice does not.
pub fn is_valid(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d.wrapping_sub(b'0'));
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
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
