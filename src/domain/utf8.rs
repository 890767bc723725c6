//! UTF-8 checking and trimming in few bytes of wasm: `core::str::from_utf8` is built for long
//! text (word-at-a-time ASCII runs) and cost the download about 700 bytes, `str::trim` decodes
//! from both ends; card fields are short.

/// `bytes` as text when they are UTF-8, exactly as `core::str::from_utf8` decides (the host tests
/// compare the two on every sequence of up to three bytes, every four-byte sequence with a
/// four-byte lead, and random text).
///
/// ```
/// use midtrans_card::domain::utf8::text;
/// assert_eq!(text(b"12/30"), Some("12/30"));
/// assert_eq!(text("Kartu".as_bytes()), Some("Kartu"));
/// assert_eq!(text(&[0xc0, 0x80]), None); // an overlong NUL
/// ```
pub fn text(bytes: &[u8]) -> Option<&str> {
    if !is_utf8(bytes) {
        return None;
    }
    // SAFETY: `is_utf8` accepts exactly what `core::str::from_utf8` accepts (tested exhaustively
    // for short sequences in tests/utf8.rs); that is the whole contract of `from_utf8_unchecked`.
    #[allow(unsafe_code)]
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// Whether `b` is well-formed UTF-8: no stray continuation byte, no truncated sequence, no
/// overlong form, no surrogate, nothing above U+10FFFF.
fn is_utf8(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let (extra, min) = match lead {
            0..=0x7f => {
                i += 1;
                continue;
            }
            0xc2..=0xdf => (1, 0x80),
            0xe0..=0xef => (2, 0x800),
            0xf0..=0xf4 => (3, 0x1_0000),
            _ => return false,
        };
        let mut cp = u32::from(lead) & (0x3f >> extra);
        for k in 1..=extra {
            match b.get(i + k) {
                Some(&c) if c & 0xc0 == 0x80 => cp = cp << 6 | u32::from(c & 0x3f),
                _ => return false,
            }
        }
        if cp < min || cp > 0x10_ffff || (0xd800..=0xdfff).contains(&cp) {
            return false;
        }
        i += extra + 1;
    }
    true
}

/// `s` without leading and trailing white space (Unicode `White_Space`, as `str::trim` has it),
/// in one forward pass: `str::trim` also decodes backwards, which costs the download more.
///
/// ```
/// use midtrans_card::domain::utf8::trim;
/// assert_eq!(trim(" \u{a0}123\t"), "123");
/// assert_eq!(trim(" 1 2 "), "1 2");
/// assert_eq!(trim("  "), "");
/// ```
#[inline(never)]
pub fn trim(s: &str) -> &str {
    let (mut start, mut end) = (None, 0);
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        }
    }
    s.get(start.unwrap_or(0)..end).unwrap_or("")
}
