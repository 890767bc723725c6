//! Normalising raw card-number input into digits, without allocating.

#[allow(unused_imports)]
use super::prelude::*;

/// The longest card number any brand issues.
pub const MAX_PAN: usize = 19;

/// The digits of a card number as typed, separators removed.
///
/// Holds at most [`MAX_PAN`] digits; `len` counts every digit seen, so an over-long input is
/// still reported with its true length. Not `Copy`, and overwritten with zeros when dropped: a
/// card number leaves no copy behind in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    buf: [u8; MAX_PAN],
    len: usize,
}

impl Drop for Digits {
    fn drop(&mut self) {
        wipe(&mut self.buf);
    }
}

/// Overwrites `bytes` with zeros that the compiler must keep: a plain fill (a few wide stores, or
/// one `memory.fill`), then [`core::hint::black_box`], which counts as reading the bytes, so the
/// stores cannot be dropped as dead (the stack scrub in `web/hygiene.rs` relies on the same).
/// The `zeroize` crate writes slices byte by byte with volatile stores: through it, a card
/// number's validation was about 3 % slower in the package and its wasm larger (BENCHMARKS.md). The
/// package's memory tests (`tests/node/adapter.test.mjs`) check that nothing is left.
///
/// ```
/// let mut b = *b"4811111111111114";
/// midtrans_card::domain::digits::wipe(&mut b);
/// assert_eq!(b, [0; 16]);
/// ```
#[inline]
pub fn wipe(bytes: &mut [u8]) {
    bytes.fill(0);
    core::hint::black_box(bytes.as_mut_ptr());
}

/// Overwrites the whole buffer of `s` (its capacity, not only its text) with zeros, as [`wipe`]
/// does, and leaves `s` empty (its buffer freed). For the strings of card data that the flow
/// builds and hands on (a field's text, a request's value). The `zeroize` crate's `String`
/// wipe writes byte by byte with volatile stores, in a function of its own.
///
/// ```
/// let mut s = String::from("4811111111111114");
/// midtrans_card::domain::digits::wipe_string(&mut s);
/// assert!(s.is_empty());
/// ```
pub fn wipe_string(s: &mut String) {
    let mut v = core::mem::take(s).into_bytes();
    v.clear();
    v.spare_capacity_mut().fill(core::mem::MaybeUninit::new(0));
    core::hint::black_box(v.as_mut_ptr());
}

/// Why an input is not a card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidCharacter;

impl Digits {
    /// No digits.
    pub const EMPTY: Digits = Digits { buf: [0; MAX_PAN], len: 0 };

    /// Every digit seen (may exceed [`MAX_PAN`]).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no digit was given.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The kept digits as ASCII (all of them when `len() <= MAX_PAN`).
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len.min(MAX_PAN)]
    }

    /// The kept digits as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        super::utf8::text(self.as_bytes()).unwrap_or("")
    }

    /// Keeps the first `n` digits at most (the rest are overwritten with zeros).
    pub(crate) fn truncate(&mut self, n: usize) {
        if n < self.len {
            if let Some(rest) = self.buf.get_mut(n..) {
                wipe(rest);
            }
            self.len = n;
        }
    }

    fn push(&mut self, d: u8) {
        if self.len < MAX_PAN {
            self.buf[self.len] = d;
        }
        self.len += 1;
    }
}

/// Whether `c` is a separator customers put in card numbers: any white space (including NBSP and
/// the zero-width no-break space) or a dash.
pub fn is_separator(c: char) -> bool {
    c == '-' || super::utf8::is_space(c) || c == '\u{feff}'
}

/// Strips separators and returns the digits, or [`InvalidCharacter`] for anything else
/// (letters, dots, full-width digits, emoji...). Stops at the first bad character.
pub fn normalise(input: &str) -> Result<Digits, InvalidCharacter> {
    let mut out = Digits::EMPTY;
    for (_, c) in super::utf8::chars(input) {
        if c.is_ascii_digit() {
            out.push(c as u8);
        } else if !is_separator(c) {
            return Err(InvalidCharacter);
        }
    }
    Ok(out)
}

/// Keeps only the ASCII digits of `input` (for formatting as the customer types), at most `max`.
pub fn digits_only(input: &str, max: usize) -> Digits {
    let mut out = Digits::EMPTY;
    for b in input.bytes() {
        if b.is_ascii_digit() && out.len < max.min(MAX_PAN) {
            out.push(b);
        }
    }
    out
}

/// The decimal digits of `n`, without `format!` (no formatting machinery in shipped code).
///
/// ```
/// assert_eq!(midtrans_card::domain::digits::decimal(145000), "145000");
/// ```
pub fn decimal(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..).and_then(super::utf8::text).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_separators() {
        assert_eq!(
            normalise("4811-1111 1111\u{a0}1114").map(|d| d.as_str().to_owned()),
            Ok("4811111111111114".into())
        );
        assert_eq!(normalise("\t48 11\n").map(|d| d.len()), Ok(4));
        assert_eq!(normalise("4811.1111"), Err(InvalidCharacter));
        assert_eq!(normalise("４８１１"), Err(InvalidCharacter));
        let long = "1".repeat(40);
        assert_eq!(normalise(&long).map(|d| (d.len(), d.as_bytes().len())), Ok((40, 19)));
    }
}
