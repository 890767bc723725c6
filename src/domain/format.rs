//! Formatting card numbers with the brand's gaps, as a whole and as the customer types.

use super::brand::detect;
use super::digits::{digits_only, Digits, MAX_PAN};

const DEFAULT_GAPS: &[u8] = &[4, 8, 12];

/// Gaps and maximum length for the digits typed so far: the brand's once it is known, otherwise
/// groups of four up to 19 digits.
fn layout(d: &[u8]) -> (&'static [u8], usize) {
    match detect(d).brand {
        Some(b) => (b.info().gaps, usize::from(b.info().max_length())),
        None => (DEFAULT_GAPS, MAX_PAN),
    }
}

/// The digits of `input`, cut to the brand's maximum length.
fn clamp(input: &str) -> (Digits, &'static [u8]) {
    let all = digits_only(input, MAX_PAN);
    let (gaps, max) = layout(all.as_bytes());
    (digits_only(input, max), gaps)
}

fn write_grouped(d: &[u8], gaps: &[u8], out: &mut String) {
    for (i, &c) in d.iter().enumerate() {
        if i > 0 && gaps.iter().any(|&g| usize::from(g) == i) {
            out.push(' ');
        }
        out.push(char::from(c));
    }
}

/// Formats a card number with spaces at the brand's gaps (`4811 1111 1111 1114`,
/// `3701 921697 22458`), dropping non-digits and digits past the brand's maximum length.
pub fn format_card_number(input: &str) -> String {
    let (d, gaps) = clamp(input);
    let mut out = String::with_capacity(d.as_bytes().len() + 4);
    write_grouped(d.as_bytes(), gaps, &mut out);
    out
}

/// Reformats an input field's value as the customer types or pastes, keeping the caret after the
/// same digit it followed. `caret` counts UTF-16 code units (the DOM's `selectionStart`), as does
/// the returned caret. A caret that would land on a gap's space stays before the space, so
/// backspacing over a space moves past it instead of being undone.
pub fn format_card_input(input: &str, caret: usize) -> (String, usize) {
    // Digits before the caret in the raw value.
    let mut units = 0usize;
    let mut before = 0usize;
    for c in input.chars() {
        if units >= caret {
            break;
        }
        units += c.len_utf16();
        if c.is_ascii_digit() {
            before += 1;
        }
    }
    let (d, gaps) = clamp(input);
    let mut out = String::with_capacity(d.as_bytes().len() + 4);
    write_grouped(d.as_bytes(), gaps, &mut out);
    let kept = d.as_bytes().len();
    let new_caret = if before >= kept {
        out.len()
    } else {
        // Position right after the `before`-th digit: digits plus the spaces before it.
        before + gaps.iter().filter(|&&g| usize::from(g) < before && before > 0).count()
    };
    (out, new_caret)
}
