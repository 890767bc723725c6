//! Random identifiers.

/// A random UUID v4, lower-case hyphenated.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `n` random characters from `alphabet` (uniform enough for a test double).
fn random_from(alphabet: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in uuid::Uuid::new_v4().as_bytes() {
            if out.len() == n {
                break;
            }
            // 252 is the largest multiple of 62 and 10 below 256 (rejection sampling).
            if usize::from(*b) < 252 - 252 % alphabet.len() {
                out.push(char::from(alphabet[usize::from(*b) % alphabet.len()]));
            }
        }
    }
    out
}

/// `n` random ASCII letters and digits.
pub fn alnum(n: usize) -> String {
    random_from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n)
}

/// `n` random decimal digits.
pub fn digits(n: usize) -> String {
    random_from(b"0123456789", n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let a = alnum(20);
        assert_eq!(a.len(), 20);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        let d = digits(6);
        assert_eq!(d.len(), 6);
        assert!(d.bytes().all(|b| b.is_ascii_digit()));
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert_ne!(uuid(), uuid());
    }
}
