//! The validators' boundary with JavaScript (feature `js`): plain wasm exports that take lengths
//! and small integers and return packed integers, over one buffer in linear memory. No
//! wasm-bindgen, no JS values, no allocation on the common path: the package entry (index.js)
//! reads its arguments, writes the text into [`IO`], calls one export and decodes the answer
//! (glue.js). The validation-only entry is this module and the pure core alone (and builds
//! `no_std`). Every decision stays in Rust; index.js only moves bytes.
//!
//! Text is UTF-8. A length of [`NOT_TEXT`] means the JavaScript value was not text (an object,
//! a fraction, a negative number, a symbol...), or longer than [`INPUT_CAPACITY`] bytes;
//! [`ABSENT`] (in `mc_card`) that the field was `undefined` or `null`. Card data written into
//! the buffer is read in place (never copied) and overwritten with zeros once the export has
//! read it; what an export writes into the output area (a formatted card number) the entry
//! zeroes once it has read it.
// `#[no_mangle]` (the exported symbol names), and one block in `Input::text`: the buffer read
// in place.
#![allow(unsafe_code)]

use core::sync::atomic::{AtomicU8, Ordering};

use super::hygiene::scrub_stack;
use crate::domain::card::Fault;
use crate::domain::cvv::CvvBits;
use crate::domain::expiry::ExpiryBits;
use crate::domain::number::NumberBits;
use crate::domain::{
    self, Brand, BrandSet, CardInput, CardOptions, ExpiryOptions, FieldValue, Locale, NumberOptions,
    YearMonth,
};

/// Bytes of input text the buffer holds (longer text counts as not text).
pub(crate) const INPUT_CAPACITY: usize = 1 << 16;
/// Bytes of the output area, right after the input area.
const OUTPUT_CAPACITY: usize = 256;
/// A length meaning "not text".
const NOT_TEXT: u32 = u32::MAX;
/// A length meaning "absent" (`undefined` / `null`).
const ABSENT: u32 = u32::MAX - 1;

/// The buffer: input text, then the output area. Atomics make "written from outside" explicit;
/// on single-threaded wasm32 they are plain loads and stores. [`Input`] reads the input text in
/// place as bytes. Zero-initialised (`.bss`): it costs the download nothing.
static IO: [AtomicU8; INPUT_CAPACITY + OUTPUT_CAPACITY] =
    [const { AtomicU8::new(0) }; INPUT_CAPACITY + OUTPUT_CAPACITY];

/// Runs `f` on the first `len` bytes of the buffer as text (`None`: not text), read in place
/// (the text is never copied), then overwrites them with zeros. Never panics.
fn with_input<R>(len: u32, f: impl FnOnce(Option<&str>) -> R) -> R {
    let input = Input::new(len);
    below(f, input.text())
}

/// `f(s)` in a frame of its own, below the export's, never inlined into it: the copies a
/// validation makes (a card number's digits) stay in frames that the export's stack scrub after
/// the call clears (`tests/node/adapter.test.mjs` found the digits in the export's own frame
/// when `f` was inlined there).
#[inline(never)]
fn below<R>(f: impl FnOnce(Option<&str>) -> R, s: Option<&str>) -> R {
    f(s)
}

/// The first bytes of the buffer while an export reads them (`None`: the value was not text);
/// overwritten with zeros when dropped.
struct Input(Option<usize>);

impl Input {
    fn new(len: u32) -> Input {
        let n = len as usize;
        Input((len != NOT_TEXT && n <= INPUT_CAPACITY).then_some(n))
    }

    fn text(&self) -> Option<&str> {
        let n = self.0?;
        // SAFETY: `AtomicU8` has the size, alignment and bit validity of `u8`, and the first `n`
        // bytes are inside `IO` (`n <= INPUT_CAPACITY`). Nothing writes them while the slice
        // lives (it borrows `self`, which clears them only when dropped): wasm32 here is
        // single-threaded, JavaScript does not run during an export, and the validators write
        // only the output area, which starts at `INPUT_CAPACITY`.
        let bytes = unsafe { core::slice::from_raw_parts(IO.as_ptr().cast::<u8>(), n) };
        domain::utf8::text(bytes)
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        for a in IO.get(..self.0.unwrap_or(0)).unwrap_or_default() {
            a.store(0, Ordering::Relaxed);
        }
    }
}

/// `validateExpiry` (`cvv == 0`: `x` is today as `year * 100 + month`, `y` the horizon) or
/// `validateCvv` (`x` the brand's index, 15 for none) on ASCII text of at most 8 bytes passed in
/// two integers (byte `i` of `lo` then `hi`, least significant first): the short validators' way
/// in, without a trip through the buffer. Other bytes count as not text (the entry sends any
/// other text through the buffer). The copy on the stack is overwritten with zeros after. Never
/// panics.
#[no_mangle]
pub extern "C" fn mc_short(lo: u32, hi: u32, len: u32, cvv: u32, x: u32, y: u32) -> u32 {
    let [a, b, c, d] = lo.to_le_bytes();
    let [e, g, h, i] = hi.to_le_bytes();
    let mut copy = [a, b, c, d, e, g, h, i];
    let s = domain::utf8::ascii8(&copy, len as usize);
    let r = if cvv == 0 { expiry_text_bits(s, &expiry_options(x, y)) } else { cvv_text_bits(s, brand_of(x)) };
    domain::digits::wipe(&mut copy);
    r
}

/// The output area as a place to format into (what does not fit is dropped).
struct Area(usize);

impl domain::format::Sink for Area {
    fn push(&mut self, b: u8) {
        if let Some(slot) = IO.get(INPUT_CAPACITY + self.0) {
            slot.store(b, Ordering::Relaxed);
            self.0 += 1;
        }
    }
}

/// Writes a `u32` (little-endian) into the output area at word `i`.
fn put_u32(i: usize, v: u32) {
    if let Some(word) = IO.get(INPUT_CAPACITY + i * 4..).and_then(|w| w.first_chunk::<4>()) {
        for (slot, b) in word.iter().zip(v.to_le_bytes()) {
            slot.store(b, Ordering::Relaxed);
        }
    }
}

/// Writes a static string as `(address, length)` at words `i`, `i + 1`.
fn put_str(i: usize, s: &'static str) {
    put_bytes(i, s.as_bytes());
}

/// Writes a static byte list as `(address, length)` at words `i`, `i + 1`.
fn put_bytes(i: usize, s: &'static [u8]) {
    put_u32(i, s.as_ptr() as usize as u32);
    put_u32(i + 1, s.len() as u32);
}

/// `today` is a month packed as `year * 100 + month`.
fn expiry_options(today: u32, max_years_ahead: u32) -> ExpiryOptions {
    ExpiryOptions {
        today: YearMonth::clamped(today / 100, today % 100),
        max_years_ahead: max_years_ahead.min(99) as u16,
    }
}

fn number_options(supported: u32, luhn_unionpay: u32) -> NumberOptions {
    NumberOptions {
        supported: BrandSet((supported & u32::from(BrandSet::ALL.0)) as u16),
        luhn_unionpay: luhn_unionpay != 0,
    }
}

fn brand_of(index: u32) -> Option<Brand> {
    Brand::ALL.get(index as usize).copied()
}

/// Address of the buffer (the output area starts [`INPUT_CAPACITY`] bytes in).
#[no_mangle]
pub extern "C" fn mc_io() -> u32 {
    IO.as_ptr() as usize as u32
}

/// The validators' way in through the buffer, on its first `len` bytes (`len` [`NOT_TEXT`]: not
/// text): card numbers, and the expiry and CVV values [`mc_short`] does not take (longer than 8
/// bytes, not ASCII, or not text). One export for all of them: an export costs the download
/// (folding `validateCardNumber`'s own export in took 135 B off the validate entry's gzip).
/// - `kind` 0, `validateExpiry` on one string (`x` is today as `year * 100 + month`, `y` the
///   horizon);
/// - `kind` 1, `validateCvv` (`x` the brand's index, 15 for none);
/// - `kind` 2, `validateCardNumber` (`x` a brand mask, `y` 1 for `luhnValidateUnionPay`);
/// - `kind` 3 or more, `validateExpiry({ month, year })`: the month's `kind - 3` bytes, then the
///   year's (`x` and `y` as for kind 0).
///
/// The stack is scrubbed after a card number only (normalisation copied its digits into frames
/// below this one); the expiry and CVV checks read the bytes in place, so their only copy is the
/// buffer, zeroed after.
#[no_mangle]
pub extern "C" fn mc_long(len: u32, kind: u32, x: u32, y: u32) -> u32 {
    let bits = with_input(len, |s| match kind {
        0 => expiry_text_bits(s, &expiry_options(x, y)),
        1 => cvv_text_bits(s, brand_of(x)),
        2 => s.map_or(NumberBits::NOT_TEXT, |s| domain::number::number_bits(s, &number_options(x, y))).0,
        k => match s.and_then(|s| s.split_at_checked(k as usize - 3)) {
            Some((m, yr)) => domain::expiry::month_year_packed(m, yr, &expiry_options(x, y)).0,
            None => ExpiryBits::NOT_TEXT.0,
        },
    });
    if kind == 2 {
        scrub_stack();
    }
    bits
}

/// The packed verdict of `validateExpiry` on one string (`None`: not text), however it came.
fn expiry_text_bits(s: Option<&str>, opts: &ExpiryOptions) -> u32 {
    s.map_or(ExpiryBits::NOT_TEXT, |s| domain::expiry::expiry_packed(s, opts)).0
}

/// The packed verdict of `validateCvv` on one string (`None`: not text), however it came.
fn cvv_text_bits(s: Option<&str>, brand: Option<Brand>) -> u32 {
    s.map_or(CvvBits::NOT_TEXT, |s| domain::cvv::cvv_bits(s, brand)).0
}

/// `validateCard`: the five fields' texts one after another (`card_number`, `card_exp_month`,
/// `card_exp_year`, `card_cvv`, `token_id`), each length [`ABSENT`] or [`NOT_TEXT`] when so.
/// Returns bit 0 valid, 1-4 brand (15 = none), 5-8 the number of errors, which are in the output
/// area ([`put_fault`] gives their layout).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn mc_card(
    number: u32,
    month: u32,
    year: u32,
    cvv: u32,
    token: u32,
    supported: u32,
    luhn_unionpay: u32,
    today: u32,
    max_years_ahead: u32,
    locale: u32,
) -> u32 {
    let lens = [number, month, year, cvv, token];
    let total = lens.iter().filter(|&&l| l < ABSENT).fold(0u32, |a, &l| a.saturating_add(l));
    let opts = CardOptions {
        number: number_options(supported, luhn_unionpay),
        expiry: expiry_options(today, max_years_ahead),
        locale: if locale == 1 { Locale::Id } else { Locale::En },
    };
    let bits = with_input(total, |s| {
        let mut rest = s.unwrap_or("");
        let mut fields: [Option<FieldValue<'_>>; 5] = [None; 5];
        for (slot, &l) in fields.iter_mut().zip(&lens) {
            *slot = match l {
                ABSENT => None,
                NOT_TEXT => Some(FieldValue::NotText),
                l => {
                    let (head, tail) = rest.split_at_checked(l as usize).unwrap_or((rest, ""));
                    rest = tail;
                    Some(if s.is_some() { FieldValue::Text(head) } else { FieldValue::NotText })
                }
            };
        }
        let [number, exp_month, exp_year, cvv, token_id] = fields;
        let mut count = 0;
        let card = CardInput { number, exp_month, exp_year, cvv, token_id };
        #[cfg_attr(not(feature = "flow"), allow(unused_mut))]
        let mut emit = |f: Fault| {
            if count < OUTPUT_CAPACITY / 24 {
                put_fault(count, f, opts.locale);
                count += 1;
            }
        };
        // The flow's build also checks cards through `validate_card`, whose faults go through a
        // `dyn FnMut`: the same, so that the check is compiled once. The validators' build has
        // only this caller, compiled with its closure.
        #[cfg(feature = "flow")]
        let emit: &mut dyn FnMut(Fault) = &mut emit;
        let brand = domain::card::validate_card_each(&card, &opts, emit);
        u32::from(count == 0) | brand.map_or(15, |b| b.index() as u32) << 1 | (count as u32) << 5
    });
    scrub_stack();
    bits
}

/// Writes `mc_card`'s `i`-th error into the output area. In the validators' build, one word: the
/// field and its reason's position plus one (the entry has the field names and the codes already,
/// and reads the message from the locale's whole table, which words 60 and 61 give as `(address,
/// length)`: `domain::reason::messages`). In the flow's build, which has the codes for its own
/// errors anyway, six words: field name, code and message, each as `(address, length)`.
fn put_fault(i: usize, f: Fault, locale: Locale) {
    #[cfg(not(feature = "flow"))]
    {
        put_u32(i, f.field as u32 | (u32::from(f.reason) + 1) << 2);
        put_str(60, domain::reason::messages(locale));
    }
    #[cfg(feature = "flow")]
    {
        let e = f.error(locale);
        put_str(i * 6, e.field.name());
        put_str(i * 6 + 2, e.code);
        put_str(i * 6 + 4, e.message);
    }
}

/// The formatters and `detectBrand`, on the buffer's first `len` bytes:
/// - `kind` 0, `formatCardInput`; 1 and 2, `formatExpiryInput` typing and deleting (`caret` in
///   UTF-16 units); 3, `formatCardNumber` (the caret unused): the value into the output area, and
///   the answer is its length, with the caret shifted left by 16;
/// - `kind` 4, `detectBrand`: the brand's index once the digits determine one brand, else 15;
///   for a brand, its details in the output area too: every brand's nice name (`|`-separated, in
///   table order) as `(address, length)`, the lengths as a mask (bit `l - 12` for length `l`),
///   one word unused, the gaps as `(address, length)`, every brand's security code name as the
///   nice names, then the code's length.
#[no_mangle]
pub extern "C" fn mc_input(len: u32, caret: u32, kind: u32) -> u32 {
    let mut out = Area(0);
    let r = with_input(len, |s| {
        if kind == 4 {
            return brand_details(s);
        }
        let (s, caret) = (s.unwrap_or(""), caret as usize);
        let c = match kind {
            0 => domain::format::format_card_input_into(s, caret, &mut out),
            3 => {
                domain::format::format_card_number_into(s, &mut out);
                0
            }
            k => domain::format::format_expiry_input_into(s, caret, k == 2, &mut out),
        };
        (out.0 as u32) | (c.min(0xffff) as u32) << 16
    });
    scrub_stack();
    r
}

/// [`mc_input`]'s `detectBrand`.
fn brand_details(s: Option<&str>) -> u32 {
    let Some(b) =
        s.and_then(|s| domain::brand::detected(domain::digits::normalise(s).ok()?.as_bytes()).brand())
    else {
        return 15;
    };
    let info = b.facts();
    put_str(0, domain::brand::NICE_NAMES);
    put_u32(2, u32::from(info.lengths));
    put_bytes(4, info.gaps);
    put_str(6, domain::brand::CVV_NAMES);
    put_u32(8, u32::from(info.cvv_len));
    b.index() as u32
}
