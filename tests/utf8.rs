//! `domain::utf8::text` against `core::str::from_utf8`: the same verdict on every sequence of up
//! to three bytes, on every four-byte sequence that starts with a lead byte of four-byte
//! characters (or an invalid lead), and on random mixes of valid and broken text. `text` backs an
//! `unsafe` conversion, so this is its proof. `ascii8` (eight bytes, a length) against `from_utf8` of the first `len` bytes when they are
//! ASCII, for every length and high bits anywhere. `trim` against `str::trim` on every white-space
//! character mixed with text. `is_space` against `char::is_whitespace` on every `char`, and
//! `chars` against `str::char_indices` on every `char` in text.

use midtrans_card::domain::utf8::{ascii8, chars, is_space, text, trim};

#[test]
fn chars_is_char_indices_on_every_char() {
    let all: String = (0..=0x10_ffff).filter_map(char::from_u32).collect();
    assert!(chars(&all).eq(all.char_indices()));
    for s in ["", "4811 1111", "12/\u{a0}30", "😀é1", "\u{10ffff}\u{0}\u{7f}\u{80}"] {
        assert!(chars(s).eq(s.char_indices()), "{s:?}");
    }
}

#[test]
fn is_space_is_whitespace_on_every_char() {
    for c in (0..=0x10_ffff).filter_map(char::from_u32) {
        assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", u32::from(c));
    }
}

fn same(b: &[u8]) {
    let core = core::str::from_utf8(b).ok();
    assert_eq!(text(b), core, "{b:02x?}");
}

#[test]
fn every_sequence_of_up_to_three_bytes() {
    same(&[]);
    for a in 0..=255u8 {
        same(&[a]);
        for b in 0..=255u8 {
            same(&[a, b]);
            for c in 0..=255u8 {
                same(&[a, b, c]);
            }
        }
    }
}

#[test]
fn every_four_byte_sequence_from_the_four_byte_leads() {
    for a in 0xf0..=0xffu8 {
        for b in 0..=255u8 {
            for c in [0x00, 0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff] {
                for d in 0..=255u8 {
                    same(&[a, b, c, d]);
                }
            }
        }
    }
}

#[test]
fn random_text_and_broken_text() {
    // xorshift: reproducible without a dependency.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let pieces: [&[u8]; 10] = [
        b"4811",
        b" ",
        "é".as_bytes(),
        "€".as_bytes(),
        "😀".as_bytes(),
        &[0x80],
        &[0xed, 0xa0, 0x80],
        &[0xf4, 0x90],
        &[0xc0],
        b"/",
    ];
    for _ in 0..200_000 {
        let mut s = Vec::new();
        for _ in 0..(next() % 12) {
            let r = next();
            let piece = pieces[(r % 10) as usize];
            // Sometimes cut a piece short.
            let cut = if r >> 8 & 7 == 0 { (r >> 16) as usize % (piece.len() + 1) } else { piece.len() };
            s.extend_from_slice(&piece[..cut]);
        }
        same(&s);
    }
}

#[test]
fn trim_is_str_trim() {
    let spaces: Vec<char> =
        (0..=0x10_ffffu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
    assert!(spaces.len() > 20);
    let words = ["", "4811", "1 2", "é", "😀x", "\u{feff}", "\u{200b}"];
    for &a in &spaces {
        for &b in &spaces {
            for w in words {
                for s in
                    [format!("{a}{w}{b}"), format!("{w}{a}"), format!("{a}{b}{w}"), format!("{w}{a}{w}{b}")]
                {
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }
    for w in words {
        assert_eq!(trim(w), w.trim());
    }
}

#[test]
fn ascii8_is_from_utf8_of_an_ascii_prefix() {
    fn same8(b: [u8; 8]) {
        for len in 0..=9 {
            let core = b.get(..len).filter(|p| p.is_ascii()).and_then(|p| core::str::from_utf8(p).ok());
            assert_eq!(ascii8(&b, len), core, "{b:02x?} {len}");
        }
    }
    // Every byte value at every position, in ASCII text: the word check must see each high bit
    // inside the prefix and none after it.
    for at in 0..8 {
        for v in 0..=255u8 {
            let mut b = *b"12/30 ab";
            b[at] = v;
            same8(b);
        }
    }
    // Two-byte characters (not ASCII) at every position, and noise.
    for at in 0..7 {
        let mut b = *b"1234567 ";
        b[at..at + 2].copy_from_slice("\u{e9}".as_bytes());
        same8(b);
    }
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // Mostly ASCII, with a high bit in some bytes.
        same8((x & 0x7f7f_7f7f_7f7f_7f7f | (x >> 3 & x >> 5 & 0x8080_8080_8080_8080)).to_le_bytes());
        same8(x.to_le_bytes());
    }
}
