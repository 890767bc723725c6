//! Formatting card numbers with the brand's gaps, as a whole and as the customer types.

#[allow(unused_imports)]
use super::prelude::*;

use super::brand::detected;
use super::digits::{digits_only, Digits, MAX_PAN};

const DEFAULT_GAPS: &[u8] = &[4, 8, 12];

/// Gaps and maximum length for the digits typed so far: the brand's once it is known, otherwise
/// groups of four up to 19 digits.
fn layout(d: &[u8]) -> (&'static [u8], usize) {
    match detected(d).brand() {
        Some(b) => (b.facts().gaps, usize::from(b.facts().max_length())),
        None => (DEFAULT_GAPS, MAX_PAN),
    }
}

/// The digits of `input`, cut to the brand's maximum length.
fn clamp(input: &str) -> (Digits, &'static [u8]) {
    let mut d = digits_only(input, MAX_PAN);
    let (gaps, max) = layout(d.as_bytes());
    d.truncate(max);
    (d, gaps)
}

/// Where formatted ASCII goes: a `String` for the public functions, or the npm package's output
/// buffer (which needs no heap).
pub(crate) trait Sink {
    /// Appends one ASCII byte.
    fn push(&mut self, b: u8);
}

impl Sink for String {
    fn push(&mut self, b: u8) {
        String::push(self, char::from(b));
    }
}

/// Writes the digits with a space before each gap; returns the bytes written.
fn write_grouped(d: &[u8], gaps: &[u8], out: &mut impl Sink) -> usize {
    let mut n = 0;
    for (i, &c) in d.iter().enumerate() {
        if i > 0 && gaps.iter().any(|&g| usize::from(g) == i) {
            out.push(b' ');
            n += 1;
        }
        out.push(c);
        n += 1;
    }
    n
}

/// Formats a card number with spaces at the brand's gaps (`4811 1111 1111 1114`,
/// `3701 921697 22458`), dropping non-digits and digits past the brand's maximum length.
pub fn format_card_number(input: &str) -> String {
    let mut out = String::with_capacity(24);
    format_card_number_into(input, &mut out);
    out
}

/// [`format_card_number`] into `out`.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) fn format_card_number_into(input: &str, out: &mut impl Sink) {
    let (d, gaps) = clamp(input);
    write_grouped(d.as_bytes(), gaps, out);
}

/// Reformats an input field's value as the customer types or pastes, keeping the caret after the
/// same digit it followed. `caret` counts UTF-16 code units (the DOM's `selectionStart`), as does
/// the returned caret. A caret that would land on a gap's space stays before the space, so
/// backspacing over a space moves past it instead of being undone.
pub fn format_card_input(input: &str, caret: usize) -> (String, usize) {
    let mut out = String::with_capacity(24);
    let c = format_card_input_into(input, caret, &mut out);
    (out, c)
}

/// [`format_card_input`] into `out`; returns the caret.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) fn format_card_input_into(input: &str, caret: usize, out: &mut impl Sink) -> usize {
    // Digits before the caret in the raw value.
    let mut units = 0usize;
    let mut before = 0usize;
    for (_, c) in super::utf8::chars(input) {
        if units >= caret {
            break;
        }
        units += c.len_utf16();
        if c.is_ascii_digit() {
            before += 1;
        }
    }
    let (d, gaps) = clamp(input);
    let written = write_grouped(d.as_bytes(), gaps, out);
    let kept = d.as_bytes().len();
    if before >= kept {
        written
    } else {
        // Position right after the `before`-th digit: digits plus the spaces before it.
        before + gaps.iter().filter(|&&g| usize::from(g) < before && before > 0).count()
    }
}

/// Reformats an expiry field (`MM/YY`) as the customer types, pastes or deletes, keeping the
/// caret by the same digit. `caret` counts UTF-16 code units (the DOM's `selectionStart`), as does
/// the returned caret; `deleting` is whether the edit was a deletion (an `InputEvent` whose
/// `inputType` starts with `delete`).
///
/// Only digits are kept. A first digit 2-9 is a month of its own (`"4"` -> `"04/"`); a complete
/// month gets the slash (`"12"` -> `"12/"`), except when the customer has just deleted it
/// (backspace over the slash of `"12/"` gives `"12"`, once more `"1"`). A four-digit year
/// starting with `20`, typed or pasted, becomes two digits (`"12/2030"` -> `"12/30"`); anything
/// past `MM/YY` is dropped. `"1/"` typed means January (`"01/"`).
pub fn format_expiry_input(input: &str, caret: usize, deleting: bool) -> (String, usize) {
    let mut out = String::with_capacity(8);
    let c = format_expiry_input_into(input, caret, deleting, &mut out);
    (out, c)
}

/// [`format_expiry_input`] into `out`; returns the caret.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) fn format_expiry_input_into(
    input: &str,
    caret: usize,
    deleting: bool,
    out: &mut impl Sink,
) -> usize {
    let mut d = [0u8; 8];
    let mut n = 0usize;
    let mut before = 0usize; // digits before the caret
    let mut sep: Option<usize> = None; // digits before the first separator
    let mut caret_after_sep = false;
    let mut units = 0usize;
    for (_, c) in super::utf8::chars(input) {
        let left_of_caret = units < caret;
        units += c.len_utf16();
        if c.is_ascii_digit() {
            if n < d.len() {
                d[n] = c as u8;
                n += 1;
                before += usize::from(left_of_caret);
            }
        } else if sep.is_none() && n > 0 && matches!(c, '/' | '-' | '.' | ' ') {
            sep = Some(n);
            caret_after_sep = left_of_caret;
        }
    }
    // Indexing by `get` only: no bounds-check panic (and its formatting code) in the wasm.
    let at = |i: usize| d.get(i).copied().unwrap_or(0);
    // How many typed digits make the month, and whether a leading zero is added.
    let (used, pad) = match sep {
        _ if n == 0 => (0, false),
        Some(1) => (1, at(0) >= b'2' || !deleting),
        Some(2) => (2, false),
        _ if at(0) >= b'2' => (1, true),
        _ => (n.min(2), false),
    };
    let month_len = used + usize::from(pad);
    let typed = n.saturating_sub(used);
    // A four-digit year (20YY) keeps its last two digits; "20Y" is left while it is being typed.
    let twenty = typed >= 3 && at(used) == b'2' && at(used + 1) == b'0';
    let drop = if twenty && typed >= 4 { 2 } else { 0 };
    let year = if twenty && typed == 3 { 3 } else { typed.min(2 + drop) - drop };
    let slash = (month_len == 2 && (year > 0 || !deleting || sep.is_some())) || (month_len == 1 && year > 0);
    if pad {
        out.push(b'0');
    }
    for i in 0..used {
        out.push(at(i));
    }
    if slash {
        out.push(b'/');
    }
    for i in 0..year {
        out.push(at(used + drop + i));
    }
    // Digits before the caret in the output, then its position.
    let j = if before <= used {
        before + usize::from(pad && before > 0)
    } else {
        month_len + (before - used).saturating_sub(drop).min(year)
    };
    if j > month_len || (j == month_len && slash && (caret_after_sep || !deleting)) {
        j + usize::from(slash)
    } else {
        j
    }
}
