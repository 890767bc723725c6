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

/// The first `len` of eight bytes as text when they are all ASCII, checked as one word: how
/// short text packed into two integers (the validators' short-input exports) becomes `&str`.
/// `None` when `len > 8` or one of those bytes is not ASCII (the package entry sends such text
/// through the buffer instead); the bytes after `len` are not looked at.
///
/// ```
/// use midtrans_card::domain::utf8::ascii8;
/// assert_eq!(ascii8(b"12/30\0\0\0", 5), Some("12/30"));
/// assert_eq!(ascii8(&[b'1', b'2', 0xff, 0, 0, 0, 0, 0], 2), Some("12"));
/// assert_eq!(ascii8(&[b'1', 0xc3, 0xa9, 0, 0, 0, 0, 0], 3), None); // "1é": not ASCII
/// assert_eq!(ascii8(b"12345678", 9), None);
/// ```
#[inline(always)]
pub fn ascii8(bytes: &[u8; 8], len: usize) -> Option<&str> {
    let b = bytes.get(..len)?;
    // The first `len` bytes (`len` is 0-8 here) shifted to the top of the word.
    let word = u64::from_le_bytes(*bytes).checked_shl(64 - 8 * len as u32).unwrap_or(0);
    if word & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    // SAFETY: each of these bytes is below 0x80, and ASCII is UTF-8 (tests/utf8.rs checks this
    // function against `core::str::from_utf8`).
    #[allow(unsafe_code)]
    Some(unsafe { core::str::from_utf8_unchecked(b) })
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

/// The characters of `s` with their byte offsets, as `str::char_indices` gives them: ASCII
/// decoded inline, longer sequences by one function of its own (core's decoder is compiled into
/// every loop that uses it).
///
/// ```
/// use midtrans_card::domain::utf8::chars;
/// assert_eq!(chars("a\u{a0}1").collect::<Vec<_>>(), [(0, 'a'), (1, '\u{a0}'), (3, '1')]);
/// ```
pub fn chars(s: &str) -> Chars<'_> {
    Chars { s, i: 0 }
}

/// The iterator of [`chars`].
///
/// ```
/// let mut it = midtrans_card::domain::utf8::chars("1\u{e9}2");
/// assert_eq!((it.next(), it.next()), (Some((0, '1')), Some((1, '\u{e9}'))));
/// assert_eq!((it.next(), it.next()), (Some((3, '2')), None));
/// ```
#[derive(Clone, Debug)]
pub struct Chars<'a> {
    s: &'a str,
    i: usize,
}

impl Iterator for Chars<'_> {
    type Item = (usize, char);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let at = self.i;
        let &lead = self.s.as_bytes().get(at)?;
        let c = if lead < 0x80 { char::from(lead) } else { wide(self.s.get(at..)?)? };
        self.i += c.len_utf8();
        Some((at, c))
    }
}

/// The first character of `s`, which does not start with ASCII.
#[inline(never)]
fn wide(s: &str) -> Option<char> {
    s.chars().next()
}

/// Whether `c` is white space (Unicode `White_Space`, as `char::is_whitespace` has it): ASCII
/// first, the rest in one function of its own. Core's check compiles its table lookup into
/// every caller; the host tests compare the two on every `char`.
///
/// ```
/// use midtrans_card::domain::utf8::is_space;
/// assert!(is_space(' ') && is_space('\u{a0}') && is_space('\u{3000}'));
/// assert!(!is_space('1') && !is_space('\u{feff}'));
/// ```
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r')
    } else {
        is_wide_space(c)
    }
}

#[inline(never)]
fn is_wide_space(c: char) -> bool {
    matches!(
        c,
        '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
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
    let (mut start, mut end) = (usize::MAX, 0);
    for (i, c) in chars(s) {
        if !is_space(c) {
            start = start.min(i);
            end = i + c.len_utf8();
        }
    }
    s.get(start.min(end)..end).unwrap_or("")
}
