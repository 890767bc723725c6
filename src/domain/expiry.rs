//! Expiry dates: parsing every format customers type, and verdicts against an injected "today".
//!
//! Accepted: `MM/YY`, `MM / YY`, `MM/YYYY`, `M/YY`, `MM YY`, `MMYY`, `MMYYYY`, `YYYY-MM`, and a
//! separate month and year. Two-digit years are resolved in a window of fifty years either side
//! of today, so there is no "20" trap (`07/20` is July 2020, valid during July 2020) and no break
//! in 2081 (`01` then means 2101). The current month is valid.

#[allow(unused_imports)]
use super::prelude::*;

use super::reason::ExpiryReason;

/// A calendar month, the unit card expiry works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// Full year, e.g. 2026.
    pub year: u16,
    /// Month 1-12.
    pub month: u8,
}

impl YearMonth {
    /// A month from a clock or the package entry, clamped to sane values (years 1-9000).
    #[cfg_attr(not(all(target_arch = "wasm32", any(feature = "js", feature = "flow"))), allow(dead_code))]
    pub(crate) fn clamped(year: u32, month: u32) -> YearMonth {
        YearMonth {
            year: u16::try_from(year.clamp(1, 9000)).unwrap_or(2026),
            month: u8::try_from(month.clamp(1, 12)).unwrap_or(1),
        }
    }
}

/// Options for expiry verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryOptions {
    /// The current month (the browser's local date unless the caller injects one).
    pub today: YearMonth,
    /// How many years ahead of today's year an expiry may be (19 by default, as card-validator).
    pub max_years_ahead: u16,
}

/// The default for [`ExpiryOptions::max_years_ahead`].
pub const DEFAULT_MAX_YEARS_AHEAD: u16 = 19;

/// The verdict on an expiry date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryVerdict {
    /// A complete date, not expired, not too far ahead.
    pub is_valid: bool,
    /// Valid, or may still become valid as the customer types.
    pub is_potentially_valid: bool,
    /// The month, once it is known (1-12).
    pub month: Option<u8>,
    /// The full year, once it is complete.
    pub year: Option<u16>,
    /// Why the date is not valid (`None` when valid).
    pub reason: Option<ExpiryReason>,
}

impl ExpiryVerdict {
    /// The verdict on a value that is not text at all: `invalid_format`, never potentially valid.
    pub const NOT_TEXT: ExpiryVerdict = ExpiryVerdict {
        is_valid: false,
        is_potentially_valid: false,
        month: None,
        year: None,
        reason: Some(ExpiryReason::InvalidFormat),
    };
}

/// An [`ExpiryVerdict`] packed into one integer, as the verdicts are worked out (a few bit
/// operations in registers instead of a struct written at every return) and as the npm package's
/// validators hand them to the entry: bit 0 valid, 1 potentially valid, 2-4 the reason plus one
/// (0: none), 5-8 the month (0: none), 9-22 the year plus one (0: none, so a typed year 0000
/// stays year 0; every year here is below 10,000).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ExpiryBits(pub(crate) u32);

impl ExpiryBits {
    /// [`ExpiryVerdict::NOT_TEXT`].
    pub(crate) const NOT_TEXT: ExpiryBits = ExpiryBits::bad(ExpiryReason::InvalidFormat, false);
    /// Valid: no reason, the month and year still to add.
    const VALID: ExpiryBits = ExpiryBits(0b11);

    const fn bad(reason: ExpiryReason, potentially: bool) -> ExpiryBits {
        ExpiryBits((potentially as u32) << 1 | (reason as u32 + 1) << 2)
    }

    const fn with_month(self, month: u8) -> ExpiryBits {
        ExpiryBits(self.0 | (month as u32 & 15) << 5)
    }

    const fn with_year(self, year: u16) -> ExpiryBits {
        ExpiryBits(self.0 | (year as u32 + 1) << 9)
    }

    const fn is_valid(self) -> bool {
        self.0 & 1 == 1
    }

    /// The reason's position in [`ExpiryReason`], when not valid.
    pub(crate) fn reason(self) -> Option<u8> {
        ((self.0 >> 2 & 7) as u8).checked_sub(1)
    }

    /// The month and the full year, when both are known.
    pub(crate) fn month_year(self) -> Option<(u8, u16)> {
        let (month, year) = ((self.0 >> 5 & 15) as u8, (self.0 >> 9) as u16);
        (month != 0).then_some(month).zip(year.checked_sub(1))
    }

    /// The verdict the public API returns.
    pub(crate) fn verdict(self) -> ExpiryVerdict {
        let reason = match (self.0 >> 2 & 7).checked_sub(1) {
            Some(0) => Some(ExpiryReason::Required),
            Some(1) => Some(ExpiryReason::Incomplete),
            Some(2) => Some(ExpiryReason::InvalidFormat),
            Some(3) => Some(ExpiryReason::InvalidMonth),
            Some(4) => Some(ExpiryReason::InvalidYear),
            Some(5) => Some(ExpiryReason::Expired),
            Some(6) => Some(ExpiryReason::TooFarFuture),
            _ => None,
        };
        let month = (self.0 >> 5 & 15) as u8;
        let year = (self.0 >> 9) as u16;
        ExpiryVerdict {
            is_valid: self.is_valid(),
            is_potentially_valid: self.0 & 2 == 2,
            month: (month != 0).then_some(month),
            year: year.checked_sub(1),
            reason,
        }
    }
}

/// Validates an expiry typed as one string.
pub fn validate_expiry(input: &str, opts: &ExpiryOptions) -> ExpiryVerdict {
    expiry_packed(input, opts).verdict()
}

/// [`validate_expiry`], packed.
pub(crate) fn expiry_packed(input: &str, opts: &ExpiryOptions) -> ExpiryBits {
    let Some(Tokens { shape, runs: [a, b] }) = tokens(input) else {
        return ExpiryBits::NOT_TEXT;
    };
    // The shapes a date can have (`9` digits, `/`, `-`; white space aside).
    let (month, year): (Part<'_>, &[u8]) = match shape {
        EMPTY => return ExpiryBits::bad(ExpiryReason::Required, true),
        D => digits_only(a),
        DD | DSD => (Part::first(a), b),
        DS => (Part::first(a), b""),
        SD => (Part::first(b""), a),
        S => (Part::first(b""), b""),
        // ISO `YYYY-MM` (what <input type="month"> produces): the month comes last.
        DH if a.len() == 4 => (Part { text: b"", complete: false, last: true }, a),
        DHD if a.len() == 4 && b.len() <= 2 => (Part { text: b, complete: b.len() == 2, last: true }, a),
        _ => return ExpiryBits::NOT_TEXT,
    };
    judge(month, year, opts)
}

/// Validates a month and a year given separately (`{ month, year }`, or Midtrans's
/// `card_exp_month` / `card_exp_year`). Either may be empty while the customer types.
pub fn validate_month_year(month: &str, year: &str, opts: &ExpiryOptions) -> ExpiryVerdict {
    month_year_packed(month, year, opts).verdict()
}

/// [`validate_month_year`], packed.
pub(crate) fn month_year_packed(month: &str, year: &str, opts: &ExpiryOptions) -> ExpiryBits {
    // Each: nothing but white space, or one run of digits.
    let digits = |s| match tokens(s) {
        Some(Tokens { shape: D | EMPTY, runs: [d, _] }) => Some(d),
        _ => None,
    };
    match (digits(month), digits(year)) {
        (Some(b""), Some(b"")) => ExpiryBits::bad(ExpiryReason::Required, true),
        (Some(m), Some(y)) => judge(Part::first(m), y, opts),
        _ => ExpiryBits::NOT_TEXT,
    }
}

/// The month as typed, and whether more month digits may still come.
#[derive(Clone, Copy)]
struct Part<'a> {
    /// ASCII digits.
    text: &'a [u8],
    /// A separator or a year followed, so the month is finished.
    complete: bool,
    /// The month comes after the year (ISO `YYYY-MM`), so it may be typed last.
    last: bool,
}

impl<'a> Part<'a> {
    /// A finished month that comes before the year (`MM/YY`, `MM YY`, or given on its own).
    const fn first(text: &'a [u8]) -> Self {
        Part { text, complete: true, last: false }
    }
}

/// What an expiry is made of, white space aside: its shape, and its first two runs of digits
/// (empty when absent).
struct Tokens<'a> {
    /// Two bits per token, first token lowest: [`DIGITS`], [`SLASH`] or [`DASH`].
    shape: u32,
    runs: [&'a [u8]; 2],
}

const DIGITS: u32 = 1;
const SLASH: u32 = 2;
const DASH: u32 = 3;
/// A shape from its tokens, first token first.
const fn shape(tokens: &[u32]) -> u32 {
    let mut s = 0;
    let mut i = tokens.len();
    while i > 0 {
        i -= 1;
        s = s << 2 | tokens[i];
    }
    s
}
const EMPTY: u32 = shape(&[]);
const D: u32 = shape(&[DIGITS]);
const DD: u32 = shape(&[DIGITS, DIGITS]);
const DSD: u32 = shape(&[DIGITS, SLASH, DIGITS]);
const DS: u32 = shape(&[DIGITS, SLASH]);
const SD: u32 = shape(&[SLASH, DIGITS]);
const S: u32 = shape(&[SLASH]);
const DH: u32 = shape(&[DIGITS, DASH]);
const DHD: u32 = shape(&[DIGITS, DASH, DIGITS]);

/// The tokens of `s` (white space separates them and is dropped). `None` when `s` holds
/// anything but digits, `/`, `-` and white space, or more than three tokens, or more than two
/// runs of digits (no date has more). One pass over the bytes; only non-ASCII bytes are decoded.
fn tokens(s: &str) -> Option<Tokens<'_>> {
    let b = s.as_bytes();
    let mut t = Tokens { shape: 0, runs: [&[], &[]] };
    let (mut n, mut runs, mut i) = (0, 0, 0);
    while let Some(&c) = b.get(i) {
        let kind = match c {
            b'0'..=b'9' => {
                let start = i;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                *t.runs.get_mut(runs)? = b.get(start..i)?;
                runs += 1;
                DIGITS
            }
            b'/' => {
                i += 1;
                SLASH
            }
            b'-' => {
                i += 1;
                DASH
            }
            _ => {
                let (_, c) = super::utf8::chars(s.get(i..)?).next()?;
                if !super::utf8::is_space(c) {
                    return None;
                }
                i += c.len_utf8();
                continue;
            }
        };
        if n == 3 {
            return None;
        }
        t.shape |= kind << (2 * n);
        n += 1;
    }
    Some(t)
}

/// Digits only: MMYY, MMYYYY, or a prefix of them. A leading 0, or 10-12, is a two-digit
/// month; 2-9, or 1 followed by 3-9, is a one-digit month (no two-digit month fits).
fn digits_only(b: &[u8]) -> (Part<'_>, &[u8]) {
    let month_len = match (b.first(), b.get(1)) {
        (Some(b'0'), _) => 2,
        (Some(b'1'), None) => 1,
        (Some(b'1'), Some(b'0'..=b'2')) => 2,
        _ => 1,
    }
    .min(b.len());
    let (m, y) = b.split_at(month_len);
    let complete = !y.is_empty() || month_len == 2 || b.first().is_some_and(|&d| d >= b'2');
    (Part { text: m, complete, last: false }, y)
}

fn judge(month: Part<'_>, year: &[u8], opts: &ExpiryOptions) -> ExpiryBits {
    let m = match parse_month(month) {
        Ok(Some(m)) => m,
        Ok(None) if year.is_empty() => return ExpiryBits::bad(ExpiryReason::Incomplete, true),
        Ok(None) if month.last => return iso_partial_month(month.text, year, opts),
        Ok(None) | Err(()) => return ExpiryBits::bad(ExpiryReason::InvalidMonth, false),
    };
    let today = opts.today;
    let lowest = if m >= today.month { today.year } else { today.year.saturating_add(1) };
    let highest = today.year.saturating_add(opts.max_years_ahead);
    let in_range = |y: u16| lowest <= y && y <= highest;
    let n = year.len();
    if n > 4 {
        return ExpiryBits::bad(ExpiryReason::InvalidYear, false).with_month(m);
    }
    let v: u16 = year.iter().fold(0, |a, d| a * 10 + u16::from(d - b'0'));
    if n == 2 || n == 4 {
        let full = if n == 2 { resolve_two_digit(v, today.year) } else { v };
        if in_range(full) {
            return ExpiryBits::VALID.with_month(m).with_year(full);
        }
        // "20" may still grow into "2031": potentially valid even when 2020 is not.
        let grows = n == 2 && range_meets(v * 100, v * 100 + 99, lowest, highest);
        let reason = if full < lowest { ExpiryReason::Expired } else { ExpiryReason::TooFarFuture };
        return ExpiryBits::bad(reason, grows).with_month(m).with_year(full);
    }
    // A prefix of a year (0, 1 or 3 digits): which completions could still be valid?
    let (lo, hi, two_digit) = match n {
        0 => return ExpiryBits::bad(ExpiryReason::Incomplete, true).with_month(m),
        1 => (v * 1000, v * 1000 + 999, true),
        _ => (v * 10, v * 10 + 9, false),
    };
    let two_ok = two_digit && (0..10).any(|d| in_range(resolve_two_digit(v * 10 + d, today.year)));
    if two_ok || range_meets(lo, hi, lowest, highest) {
        return ExpiryBits::bad(ExpiryReason::Incomplete, true).with_month(m);
    }
    let reason = if n == 3 && hi < lowest {
        ExpiryReason::Expired
    } else if n == 3 && lo > highest {
        ExpiryReason::TooFarFuture
    } else {
        ExpiryReason::InvalidYear
    };
    ExpiryBits::bad(reason, false).with_month(m)
}

/// `2026-`, `2026-0` or `2026-1`: an ISO date whose month is still being typed. `2026-1` reads as
/// January (as `YYYY-M` does), and stays potentially valid while `2026-10`..`12` could still be.
fn iso_partial_month(text: &[u8], year: &[u8], opts: &ExpiryOptions) -> ExpiryBits {
    // `text` is what `parse_month` left unresolved: nothing, `0` or `1`. Compared byte by byte
    // (a slice comparison links `memcmp`).
    let one = text.first() == Some(&b'1');
    let could = (1..=12u8).any(|m| {
        let two = [b'0' + m / 10, b'0' + m % 10];
        (text.first().is_none_or(|&c| c == two[0]) || (one && m >= 10))
            && judge(Part { text: &two, complete: true, last: true }, year, opts).is_valid()
    });
    if one {
        let v = judge(Part { text, complete: true, last: true }, year, opts);
        return ExpiryBits(v.0 | u32::from(could) << 1);
    }
    if could {
        return ExpiryBits::bad(ExpiryReason::Incomplete, true);
    }
    let y = year.iter().fold(0u16, |a, d| a.saturating_mul(10).saturating_add(u16::from(d - b'0')));
    let reason = if y > opts.today.year.saturating_add(opts.max_years_ahead) {
        ExpiryReason::TooFarFuture
    } else {
        ExpiryReason::Expired
    };
    ExpiryBits::bad(reason, false)
}

fn range_meets(lo: u16, hi: u16, lowest: u16, highest: u16) -> bool {
    lo <= highest && hi >= lowest
}

/// `Ok(Some(m))` a month 1-12; `Ok(None)` a month still being typed ("0" or "1"); `Err` invalid.
fn parse_month(p: Part<'_>) -> Result<Option<u8>, ()> {
    let t = p.text;
    match t.len() {
        0 => Ok(None),
        1 if t[0] == b'0' => {
            if p.complete {
                Err(())
            } else {
                Ok(None)
            }
        }
        1 if t[0] == b'1' && !p.complete => Ok(None),
        1 => Ok(Some(t[0] - b'0')),
        2 => {
            let m = (t[0] - b'0') * 10 + (t[1] - b'0');
            if (1..=12).contains(&m) {
                Ok(Some(m))
            } else {
                Err(())
            }
        }
        _ => Err(()),
    }
}

/// Resolves a two-digit year to the full year within fifty years of `this_year`.
pub fn resolve_two_digit(yy: u16, this_year: u16) -> u16 {
    let (yy, this_year) = (u32::from(yy % 100), u32::from(this_year));
    let mut full = this_year - this_year % 100 + yy;
    if full + 50 < this_year {
        full += 100;
    } else if full > this_year + 50 && full >= 100 {
        full -= 100;
    }
    u16::try_from(full).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The public "not text" verdicts, written out, say what the packed ones the validators use
    /// say.
    #[test]
    fn not_text_verdicts_match_the_packed_ones() {
        assert_eq!(ExpiryBits::NOT_TEXT.verdict(), ExpiryVerdict::NOT_TEXT);
        assert_eq!(
            crate::domain::number::NumberBits::NOT_TEXT.verdict(),
            crate::domain::NumberVerdict::NOT_TEXT
        );
        assert_eq!(crate::domain::cvv::CvvBits::NOT_TEXT.verdict(), crate::domain::CvvVerdict::NOT_TEXT);
    }

    #[test]
    fn century_window() {
        assert_eq!(resolve_two_digit(26, 2026), 2026);
        assert_eq!(resolve_two_digit(5, 2026), 2005);
        assert_eq!(resolve_two_digit(99, 2026), 1999);
        assert_eq!(resolve_two_digit(1, 2081), 2101);
        assert_eq!(resolve_two_digit(99, 2081), 2099);
        assert_eq!(resolve_two_digit(0, 2099), 2100);
    }
}
