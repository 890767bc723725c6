//! Seeded fuzzing of the validators on the host.
//!
//! Every case is generated from `(seed, index)` alone (its own SplitMix64 stream), so one failing
//! case is reproduced without the cases before it:
//!
//! ```text
//! FUZZ_SEED=0x... FUZZ_INDEX=1234 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! - `FUZZ_CASES`: how many cases (default 30,000: seconds, for `npm test`; `npm run fuzz` runs
//!   10^7 in release mode). Each case feeds a number, an expiry string, a month and a year, a CVV,
//!   a whole card and a caret to every validator and formatter.
//! - `FUZZ_SEED`: the seed (decimal or `0x` hex; default [`DEFAULT_SEED`]). Printed on every run.
//! - `FUZZ_INDEX`: run only this case and print it.
//! - `FUZZ_SAMPLE`: how many cases to write to `.tmp/fuzz-sample.json` with their host verdicts
//!   (default 5,000), for `tests/node/fuzz-differential.test.mjs` to replay against the built
//!   package. `0` writes nothing.
//!
//! A case fails when any call panics (caught per case with `catch_unwind`) or breaks an invariant;
//! the report prints the seed, the index and every input escaped to ASCII.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use midtrans_card::domain::{
    self, detect, digits, format_card_input, format_card_number, luhn, validate_card, validate_cvv,
    validate_expiry, validate_month_year, validate_number, Brand, BrandSet, CardInput, CardOptions,
    CvvReason, CvvVerdict, ExpiryOptions, ExpiryReason, ExpiryVerdict, Field, Locale, NumberOptions,
    NumberReason, NumberVerdict, YearMonth,
};

/// The seed of `npm test`'s slice (a fixed one, so `npm test` is deterministic).
const DEFAULT_SEED: u64 = 0x6d69_6474_7261_6e73;
/// The seed of the differential sample (fixed: the Node test reads whatever the host wrote).
const SAMPLE_SEED: u64 = 0x7761_736d_7361_6d70;
const DEFAULT_CASES: u64 = 30_000;
const DEFAULT_SAMPLE: u64 = 5_000;
/// How many failures a run reports before it stops.
const MAX_FAILURES: usize = 5;

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and every seed gives a full-period stream.
struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream of case `index` under `seed`: independent of every other case.
    fn for_case(seed: u64, index: u64) -> Rng {
        Rng(mix(seed) ^ mix(index.wrapping_add(0x9e37_79b9_7f4a_7c15)))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo) as usize + 1) as u32
    }
    /// True `percent`% of the time.
    fn pct(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// What customers put between digits, and white space Rust and JavaScript both trim.
const SEPARATORS: &[char] = &[
    ' ', ' ', ' ', '-', '-', '\u{a0}', '\u{a0}', '\t', '\n', '\r', '\u{feff}', '\u{2003}', '\u{3000}',
    '\u{2028}', '\u{85}', '\u{202f}',
];

/// Characters that are not part of a card number: look-alike digits, emoji (with modifiers and
/// joiners), bidi controls, zero-width characters, combining marks, C0/C1 controls, letters,
/// punctuation, the replacement character, private use, the last code point.
const WEIRD: &[&str] = &[
    "\u{ff10}",
    "\u{ff11}",
    "\u{ff14}",
    "\u{ff18}",
    "\u{0660}",
    "\u{0664}",
    "\u{0966}",
    "\u{00b2}",
    "\u{2460}",
    "\u{1d7ce}",
    "\u{1f4b3}",
    "\u{1f600}",
    "\u{1f44d}\u{1f3fd}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{1f1ee}\u{1f1e9}",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{2067}",
    "\u{061c}",
    "\u{200b}",
    "\u{200d}",
    "\u{2060}",
    "\u{0301}",
    "\u{20e3}",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{1b}",
    "\u{7f}",
    "\u{9f}",
    "\u{fffd}",
    "\u{e000}",
    "\u{10ffff}",
    "\u{fdd0}",
    "a",
    "O",
    "l",
    "x",
    "e",
    "E",
    ".",
    ",",
    "+",
    "/",
    "_",
    "*",
    "#",
    "\"",
    "\\",
    "'",
    "<",
    "\u{0130}",
    "\u{00df}",
    "\u{3042}",
    "\u{d55c}",
    "\u{0e51}",
];

/// A mixed alphabet for garbage strings.
const NOISE: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "0",
    "1",
    "4",
    "5",
    " ",
    "/",
    "-",
    "\u{a0}",
    "\t",
    "a",
    "\u{ff11}",
    "\u{1f600}",
    "\u{200f}",
    "\u{0}",
    "\u{7f}",
    ".",
    "\u{feff}",
    "\u{0301}",
];

fn push_digits(rng: &mut Rng, out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(rng.digit());
    }
}

/// The Luhn check digit that completes `body`.
fn luhn_check_digit(body: &[u8]) -> char {
    let mut sum = 0u32;
    for (i, d) in body.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// A Luhn-valid number of one of the brand's lengths, starting inside one of its patterns.
fn brand_number(rng: &mut Rng, brand: Brand) -> String {
    let info = brand.info();
    let pat = info.patterns[rng.below(info.patterns.len())];
    let len = usize::from(rng.pick(info.lengths));
    let mut s = rng.range(pat.lo, pat.hi).to_string();
    s.truncate(len - 1);
    while s.len() < len - 1 {
        s.push(rng.digit());
    }
    let check = luhn_check_digit(s.as_bytes());
    s.push(check);
    s
}

/// Separators between the digits: groups of four with one kind, or anywhere with any kind.
fn separate(rng: &mut Rng, digits: &str) -> String {
    let grouped = rng.pct(60);
    let sep = rng.pick(SEPARATORS);
    let mut out = String::new();
    if rng.pct(15) {
        out.push(rng.pick(SEPARATORS));
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && ((grouped && i % 4 == 0) || (!grouped && rng.pct(20))) {
            out.push(if grouped { sep } else { rng.pick(SEPARATORS) });
            if !grouped && rng.pct(10) {
                out.push(rng.pick(SEPARATORS));
            }
        }
        out.push(c);
    }
    if rng.pct(15) {
        out.push(rng.pick(SEPARATORS));
    }
    out
}

/// Inserts one weird character at a random character boundary.
fn inject(rng: &mut Rng, s: &mut String) {
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).collect();
    let at = bounds[rng.below(bounds.len())];
    s.insert_str(at, rng.pick(WEIRD));
}

fn noise(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max + 1);
    (0..n).map(|_| rng.pick(NOISE)).collect()
}

/// A very long string (1,000 to 70,000 characters) of one repeated piece.
fn long(rng: &mut Rng) -> String {
    let piece = rng.pick(&["4", "4111 ", "1", " ", "\u{a0}", "x", "\u{1f600}", "12/", "0"]);
    piece.repeat(rng.range(1_000, 70_000) as usize / piece.chars().count())
}

fn gen_number(rng: &mut Rng) -> String {
    if rng.below(2_000) == 0 {
        return long(rng);
    }
    let mut d = match rng.below(100) {
        // Luhn-valid numbers of every brand, sometimes broken.
        0..=44 => {
            let brand = rng.pick(&Brand::ALL);
            let mut s = brand_number(rng, brand);
            match rng.below(10) {
                0 | 1 => s.truncate(rng.below(s.len() + 1)),
                2 => {
                    let last = s.pop().map_or(0, |c| c as u8 - b'0');
                    s.push(char::from(b'0' + (last + 1 + rng.below(9) as u8) % 10));
                }
                3 => {
                    let n = 1 + rng.below(4);
                    push_digits(rng, &mut s, n);
                }
                _ => {}
            }
            s
        }
        // Any digits of length 0-25.
        45..=69 => {
            let mut s = String::new();
            let n = rng.below(26);
            push_digits(rng, &mut s, n);
            s
        }
        // Prefixes of the patterns (brand detection while typing).
        70..=84 => {
            let info = rng.pick(&Brand::ALL).info();
            let pat = info.patterns[rng.below(info.patterns.len())];
            let mut s = rng.range(pat.lo, pat.hi).to_string();
            s.truncate(1 + rng.below(s.len()));
            s
        }
        _ => return noise(rng, 30),
    };
    if rng.pct(40) {
        d = separate(rng, &d);
    }
    if rng.pct(12) {
        inject(rng, &mut d);
    }
    d
}

/// An expiry date in one of the shapes customers type, a prefix of one, or garbage; with the
/// `(month, year)` it spells when it is a whole date of a four-digit year.
fn gen_expiry(rng: &mut Rng, today: YearMonth) -> (String, Option<(u8, u16)>) {
    if rng.below(2_000) == 0 {
        return (long(rng), None);
    }
    if rng.pct(10) {
        return (noise(rng, 12), None);
    }
    let m: u8 = if rng.pct(90) { rng.range(1, 12) as u8 } else { rng.pick(&[0, 13, 19, 20, 99]) };
    let y = match rng.below(10) {
        0 => rng.range(0, 9999) as u16,
        _ => (i32::from(today.year) + rng.range(0, 60) as i32 - 30).clamp(0, 9999) as u16,
    };
    let (mm, m1, yyyy, yy) = (format!("{m:02}"), m.to_string(), format!("{y:04}"), format!("{:02}", y % 100));
    let shapes = [
        format!("{mm}/{yy}"),
        format!("{mm} / {yy}"),
        format!("{mm}/{yyyy}"),
        format!("{m1}/{yy}"),
        format!("{m1}/{yyyy}"),
        format!("{mm}{yy}"),
        format!("{mm}{yyyy}"),
        format!("{yyyy}-{mm}"),
        format!("{yyyy}-{m1}"),
        format!("{mm} {yy}"),
        format!("{mm}-{yy}"),
        format!("{mm}/{yy}/{yy}"),
        format!("{m1}{yy}"),
    ];
    let k = rng.below(shapes.len());
    let mut s = shapes[k].clone();
    let four_digit = [2, 4, 6, 7].contains(&k) && (1..=12).contains(&m) && y >= 1000;
    let mut whole = four_digit.then_some((m, y));
    if rng.pct(20) {
        s.truncate(rng.below(s.len() + 1));
        whole = None;
    }
    if rng.pct(10) {
        s = format!("{}{s}{}", rng.pick(SEPARATORS), rng.pick(SEPARATORS));
    }
    if rng.pct(8) {
        inject(rng, &mut s);
        whole = None;
    }
    (s, whole)
}

/// A month or a year field as typed (`card_exp_month` / `card_exp_year`).
fn gen_part(rng: &mut Rng, value: u32, width: usize) -> String {
    let mut s = match rng.below(10) {
        0 => String::new(),
        1 => noise(rng, 5),
        2 => value.to_string(),
        _ => format!("{value:0width$}"),
    };
    if rng.pct(5) {
        s = format!(" {s} ");
    }
    if rng.pct(5) {
        inject(rng, &mut s);
    }
    s
}

fn gen_cvv(rng: &mut Rng) -> String {
    let mut s = String::new();
    match rng.below(10) {
        0 => s = noise(rng, 6),
        _ => {
            let n = rng.below(7);
            push_digits(rng, &mut s, n);
        }
    }
    if rng.pct(8) {
        s = format!("{}{s}{}", rng.pick(SEPARATORS), rng.pick(SEPARATORS));
    }
    if rng.pct(8) {
        inject(rng, &mut s);
    }
    s
}

/// One fuzz case: an input for every validator, and options.
#[derive(Clone, Debug)]
struct Case {
    number: String,
    number_opts: NumberOptions,
    /// `numberOptions` is passed explicitly to the JavaScript API (its general path).
    explicit_number_opts: bool,
    expiry: String,
    /// The `(month, year)` of a whole four-digit-year date, for cross-format checks.
    expiry_date: Option<(u8, u16)>,
    month: String,
    year: String,
    expiry_opts: ExpiryOptions,
    /// `maxYearsAhead` is passed explicitly to the JavaScript API.
    explicit_max_years: bool,
    cvv: String,
    cvv_brand: Option<Brand>,
    /// `validateCard`'s fields (`None`: not given).
    card: [Option<String>; 5],
    locale: Locale,
    /// UTF-16 caret for `format_card_input` (`usize::MAX`: none given).
    caret: usize,
    /// Every option is one the JavaScript API can express (today year 1-9000, month 1-12,
    /// maxYearsAhead 0-99).
    js_safe: bool,
}

impl Case {
    fn generate(seed: u64, index: u64) -> Case {
        let mut rng = Rng::for_case(seed, index);
        let rng = &mut rng;
        let (today, mut js_safe) = match rng.below(100) {
            0..=84 => (YearMonth { year: rng.range(2000, 2100) as u16, month: rng.range(1, 12) as u8 }, true),
            85..=96 => (YearMonth { year: rng.range(1, 9000) as u16, month: rng.range(1, 12) as u8 }, true),
            // Values only a Rust caller can pass: year 0, u16::MAX, months 0 and 13+.
            _ => (
                YearMonth {
                    year: rng.pick(&[0, 1, 99, 100, 9999, 65_000, u16::MAX]),
                    month: rng.pick(&[0, 1, 12, 13, 255]),
                },
                false,
            ),
        };
        let (max_years_ahead, explicit_max_years) = match rng.below(100) {
            0..=69 => (domain::DEFAULT_MAX_YEARS_AHEAD, false),
            70..=96 => (rng.range(0, 99) as u16, true),
            _ => {
                js_safe = false;
                (rng.pick(&[100, 1000, u16::MAX]), true)
            }
        };
        let expiry_opts = ExpiryOptions { today, max_years_ahead };
        let mut supported = BrandSet::ALL;
        if rng.pct(25) {
            supported = BrandSet(rng.below(1 << 15) as u16);
            if rng.pct(50) {
                supported = BrandSet::only(rng.pick(&Brand::ALL));
            }
        }
        let luhn_unionpay = rng.pct(20);
        let explicit_number_opts = supported != BrandSet::ALL || luhn_unionpay || rng.pct(10);
        let number = gen_number(rng);
        let (expiry, expiry_date) = gen_expiry(rng, today);
        let (m, y) = expiry_date.unwrap_or((rng.range(0, 13) as u8, rng.range(1990, 2080) as u16));
        let month = gen_part(rng, u32::from(m), 2);
        let year =
            if rng.pct(30) { gen_part(rng, u32::from(y % 100), 2) } else { gen_part(rng, u32::from(y), 4) };
        let cvv = gen_cvv(rng);
        let cvv_brand = if rng.pct(30) { None } else { Some(rng.pick(&Brand::ALL)) };
        let token = rng.pct(10).then(|| {
            let mut t = String::new();
            let n = rng.below(9);
            push_digits(rng, &mut t, n);
            t.push_str(&noise(rng, 20));
            t
        });
        let card = [
            (!rng.pct(8) && (token.is_none() || rng.pct(30))).then(|| number.clone()),
            (!rng.pct(5)).then(|| month.clone()),
            (!rng.pct(5)).then(|| year.clone()),
            (!rng.pct(5)).then(|| cvv.clone()),
            token,
        ];
        let units = number.encode_utf16().count();
        let caret = if rng.pct(3) { usize::MAX } else { rng.below(units + 3) };
        Case {
            number,
            number_opts: NumberOptions { supported, luhn_unionpay },
            explicit_number_opts,
            expiry,
            expiry_date,
            month,
            year,
            expiry_opts,
            explicit_max_years,
            cvv,
            cvv_brand,
            card,
            locale: if rng.pct(50) { Locale::En } else { Locale::Id },
            caret,
            js_safe,
        }
    }

    fn card_input(&self) -> CardInput<'_> {
        let [n, m, y, c, t] = &self.card;
        CardInput::from_text(n.as_deref(), m.as_deref(), y.as_deref(), c.as_deref(), t.as_deref())
    }

    fn card_options(&self) -> CardOptions {
        CardOptions { number: self.number_opts, expiry: self.expiry_opts, locale: self.locale }
    }

    /// Every input, escaped to printable ASCII, for a failure report.
    fn describe(&self) -> String {
        let [n, m, y, c, t] = &self.card;
        let opt = |v: &Option<String>| v.as_deref().map_or("None".to_owned(), escape);
        format!(
            "number={} expiry={} month={} year={} cvv={} cvv_brand={:?} caret={} card=[{}, {}, {}, {}, {}] \
             number_opts={:?} expiry_opts={:?} locale={:?}",
            escape(&self.number),
            escape(&self.expiry),
            escape(&self.month),
            escape(&self.year),
            escape(&self.cvv),
            self.cvv_brand,
            self.caret,
            opt(n),
            opt(m),
            opt(y),
            opt(c),
            opt(t),
            self.number_opts,
            self.expiry_opts,
            self.locale,
        )
    }
}

/// `"..."` with everything but printable ASCII as `\u{...}` (long strings cut in the middle).
fn escape(s: &str) -> String {
    let mut out = String::from("\"");
    let n = s.chars().count();
    for (i, c) in s.chars().enumerate() {
        if n > 200 && i == 80 {
            let _ = write!(out, "\"...({} chars)...\"", n - 160);
        }
        if n > 200 && (80..n - 80).contains(&i) {
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// What a card number input is, computed without the crate: its ASCII digits, or `None` when it
/// holds anything but digits and separators (white space, `-`, U+FEFF).
fn model_digits(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if !(c == '-' || c.is_whitespace() || c == '\u{feff}') {
            return None;
        }
    }
    Some(out)
}

fn brand_luhn_ok(d: &str, brand: Brand, opts: &NumberOptions) -> bool {
    (brand == Brand::UnionPay && !opts.luhn_unionpay) || luhn::is_valid(d.as_bytes())
}

fn check_tri_state(valid: bool, potentially: bool, no_reason: bool, what: &str) -> Result<(), String> {
    ensure!(!valid || potentially, "{what}: isValid without isPotentiallyValid");
    ensure!(valid == no_reason, "{what}: isValid={valid} but reason none={no_reason}");
    Ok(())
}

fn subset(a: BrandSet, b: BrandSet) -> bool {
    a.0 & !b.0 == 0
}

fn check_number(s: &str, opts: &NumberOptions, stats: &mut Stats) -> Result<NumberVerdict, String> {
    let v = validate_number(s, opts);
    stats.number(&v, s);
    check_tri_state(v.is_valid, v.is_potentially_valid, v.reason.is_none(), "number")?;
    ensure!(subset(v.candidates, opts.supported), "number: candidates {:?} not all supported", v.candidates);
    let Some(d) = model_digits(s) else {
        ensure!(v == NumberVerdict::NOT_TEXT, "number: not digits and separators, but {v:?}");
        return Ok(v);
    };
    ensure!(
        v.reason != Some(NumberReason::InvalidCharacters),
        "number: only digits and separators, but {v:?}"
    );
    // Separators never change a verdict.
    let plain = validate_number(&d, opts);
    ensure!(plain == v, "number: {v:?} but its bare digits give {plain:?}");
    let norm = digits::normalise(s).map_err(|_| "normalise refused digits and separators".to_owned())?;
    ensure!(norm.len() == d.len(), "normalise counted {} digits, not {}", norm.len(), d.len());
    ensure!(d.starts_with(norm.as_str()), "normalise kept other digits than the input's");
    let det = detect(d.as_bytes());
    if let Some(b) = det.brand {
        ensure!(det.candidates.contains(b), "detect: brand {b:?} not among its candidates");
    }
    if let Some(b) = v.brand {
        ensure!(det.brand == Some(b), "number: brand {b:?} but detect says {:?}", det.brand);
        ensure!(
            subset(v.candidates, BrandSet::only(b)),
            "number: brand {b:?} with candidates {:?}",
            v.candidates
        );
    }
    let len = d.len();
    let max = v.brand.map(|b| usize::from(b.info().max_length()));
    let issued = v.brand.is_some_and(|b| b.info().lengths.iter().any(|&l| usize::from(l) == len));
    match v.reason {
        None => {
            let b = v.brand.ok_or("number: valid without a brand")?;
            ensure!(opts.supported.contains(b), "number: valid {b:?} is not supported");
            ensure!(v.candidates == BrandSet::only(b), "number: valid with candidates {:?}", v.candidates);
            ensure!(issued, "number: valid {b:?} of length {len}, which it does not issue");
            ensure!(brand_luhn_ok(&d, b, opts), "number: valid {b:?} that fails Luhn");
        }
        Some(NumberReason::Required) => {
            ensure!(len == 0 && v.is_potentially_valid, "number: required: {v:?}")
        }
        Some(NumberReason::Luhn) => {
            ensure!(issued && !luhn::is_valid(d.as_bytes()), "number: luhn reason on {len} digits");
            ensure!(v.is_potentially_valid == (Some(len) < max), "number: luhn potentially {v:?}");
        }
        Some(NumberReason::InvalidLength) => {
            ensure!(
                Some(len) > max && !v.is_potentially_valid,
                "number: invalid_length on {len} digits {v:?}"
            );
        }
        Some(NumberReason::Incomplete) => {
            ensure!(v.is_potentially_valid, "number: incomplete but not potentially valid");
            ensure!(max.is_none_or(|m| len < m) && !issued, "number: incomplete at length {len} {v:?}");
        }
        Some(NumberReason::UnknownBrand) => {
            ensure!(det.candidates.is_empty() && v.brand.is_none(), "number: unknown_brand yet {det:?}");
        }
        Some(NumberReason::UnsupportedBrand) => {
            ensure!(!v.is_potentially_valid, "number: unsupported_brand potentially valid");
            ensure!(v.brand.is_none_or(|b| !opts.supported.contains(b)), "number: unsupported {v:?}");
        }
        Some(NumberReason::InvalidCharacters) => unreachable!("handled above"),
    }
    // "Potentially valid" means what it says: every prefix of a valid number could still become it.
    if v.is_valid {
        for k in 1..len {
            let p = validate_number(&d[..k], opts);
            ensure!(p.is_potentially_valid, "number: prefix of {k} digits of a valid number is {p:?}");
        }
    }
    Ok(v)
}

fn check_format(c: &Case) -> Result<(), String> {
    let s = &c.number;
    let f = format_card_number(s);
    ensure!(
        f.bytes().all(|b| b.is_ascii_digit() || b == b' '),
        "format: {} has other characters",
        escape(&f)
    );
    ensure!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "), "format: stray space in {f:?}");
    let kept: String = f.chars().filter(char::is_ascii_digit).collect();
    let all: String = s.chars().filter(char::is_ascii_digit).collect();
    let head = &all[..all.len().min(digits::MAX_PAN)];
    let (gaps, max) = match detect(head.as_bytes()).brand {
        Some(b) => (b.info().gaps, usize::from(b.info().max_length())),
        None => (&[4u8, 8, 12][..], digits::MAX_PAN),
    };
    ensure!(kept == all[..all.len().min(max)], "format: kept {kept:?} of {} digits", all.len());
    // Spaces exactly at the gaps of the brand the kept digits detect.
    let mut at = 0;
    for part in f.split(' ').filter(|p| !p.is_empty()) {
        at += part.len();
        ensure!(at == kept.len() || gaps.contains(&(at as u8)), "format: group ends at {at} in {f:?}");
    }
    ensure!(format_card_number(&f) == f, "format: not idempotent on {f:?}");
    let (out, caret) = format_card_input(s, c.caret);
    ensure!(out == f, "format_card_input gave {out:?}, format_card_number {f:?}");
    ensure!(caret <= out.len(), "format_card_input: caret {caret} past {} bytes", out.len());
    ensure!(!out[..caret].ends_with(' '), "format_card_input: caret {caret} after a space in {out:?}");
    // The caret stays after the digit it followed (UTF-16 units, as the DOM counts them).
    let mut units = 0;
    let mut before = 0;
    for ch in s.chars() {
        if units >= c.caret {
            break;
        }
        units += ch.len_utf16();
        before += usize::from(ch.is_ascii_digit());
    }
    let now = out[..caret].bytes().filter(u8::is_ascii_digit).count();
    ensure!(now == before.min(kept.len()), "format_card_input: {now} digits before the caret, not {before}");
    let again = format_card_input(&out, caret);
    ensure!(
        again == (out.clone(), caret),
        "format_card_input not idempotent: ({out:?}, {caret}) -> {again:?}"
    );
    Ok(())
}

fn check_expiry_verdict(v: &ExpiryVerdict, o: &ExpiryOptions, what: &str) -> Result<(), String> {
    check_tri_state(v.is_valid, v.is_potentially_valid, v.reason.is_none(), what)?;
    ensure!(v.month.is_none_or(|m| (1..=12).contains(&m)), "{what}: month {:?}", v.month);
    let highest = o.today.year.saturating_add(o.max_years_ahead);
    // The date checks hold for every "today" whose window does not saturate u16 (a year 65535
    // "today" is a documented quirk: `lowest` saturates, so 11/65535 passes in 12/65535).
    let sane_today = (1..=12).contains(&o.today.month)
        && u32::from(o.today.year) + u32::from(o.max_years_ahead) < u32::from(u16::MAX);
    match (v.month, v.year) {
        _ if !sane_today => {}
        (Some(m), Some(y)) => {
            let ym = YearMonth { year: y, month: m };
            if v.is_valid {
                ensure!(
                    ym >= o.today && y <= highest,
                    "{what}: valid {m}/{y} outside today {:?}..{highest}",
                    o.today
                );
            }
            if v.reason == Some(ExpiryReason::Expired) {
                ensure!(ym < o.today, "{what}: expired {m}/{y} is not before {:?}", o.today);
            }
            if v.reason == Some(ExpiryReason::TooFarFuture) {
                ensure!(y > highest, "{what}: too_far_future {y} <= {highest}");
            }
        }
        _ => ensure!(!v.is_valid, "{what}: valid without month and year {v:?}"),
    }
    if matches!(v.reason, Some(ExpiryReason::Required | ExpiryReason::InvalidFormat)) {
        ensure!(v.month.is_none() && v.year.is_none(), "{what}: {v:?} names a date");
        ensure!(v.is_potentially_valid == (v.reason == Some(ExpiryReason::Required)), "{what}: {v:?}");
    }
    Ok(())
}

fn check_expiry(c: &Case, stats: &mut Stats) -> Result<ExpiryVerdict, String> {
    let o = &c.expiry_opts;
    let v = validate_expiry(&c.expiry, o);
    stats.expiry(&v);
    check_expiry_verdict(&v, o, "expiry")?;
    let t = c.expiry.trim();
    let shaped = t.chars().all(|ch| ch.is_ascii_digit() || ch == '/' || ch == '-' || ch.is_whitespace());
    if t.is_empty() {
        ensure!(v.reason == Some(ExpiryReason::Required), "expiry: blank but {v:?}");
    } else if !shaped {
        ensure!(v == ExpiryVerdict::NOT_TEXT, "expiry: characters outside digits / - and space, but {v:?}");
    }
    let padded = validate_expiry(&format!("\u{a0} {}\t", c.expiry), o);
    ensure!(padded == v, "expiry: surrounding white space changed {v:?} to {padded:?}");
    // Every way of writing the same date of a four-digit year says the same.
    if let Some((m, y)) = c.expiry_date {
        let reference = validate_month_year(&format!("{m:02}"), &format!("{y:04}"), o);
        for shape in [format!("{m:02}/{y}"), format!("{m}/{y}"), format!("{y}-{m:02}"), format!("{m:02}{y}")]
        {
            let other = validate_expiry(&shape, o);
            ensure!(other == reference, "expiry: {shape:?} gives {other:?}, month/year {reference:?}");
        }
        // Two-digit years agree on validity whenever they resolve to the same year.
        let yy = validate_expiry(&format!("{m:02}/{:02}", y % 100), o);
        if yy.year == Some(y) {
            ensure!(yy.is_valid == reference.is_valid, "expiry: {m:02}/YY {yy:?} vs {reference:?}");
        }
    }
    let my = validate_month_year(&c.month, &c.year, o);
    stats.month_year(&my);
    check_expiry_verdict(&my, o, "month/year")?;
    let (m, y) = (c.month.trim(), c.year.trim());
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if m.is_empty() && y.is_empty() {
        ensure!(my.reason == Some(ExpiryReason::Required), "month/year: blank but {my:?}");
    } else if !digits_only(m) || !digits_only(y) {
        ensure!(my == ExpiryVerdict::NOT_TEXT, "month/year: not digits but {my:?}");
    }
    Ok(v)
}

/// The CVV verdict from its definition: trimmed, digits only, the brand's length (3 or 4 without a
/// brand).
fn model_cvv(s: &str, brand: Option<Brand>) -> CvvVerdict {
    let t = s.trim();
    let (min, max) = brand.map_or((3, 4), |b| (usize::from(b.info().cvv_len), usize::from(b.info().cvv_len)));
    let (reason, potentially) = if t.is_empty() {
        (Some(CvvReason::Required), true)
    } else if !t.bytes().all(|b| b.is_ascii_digit()) {
        (Some(CvvReason::InvalidCharacters), false)
    } else if t.len() < min {
        (Some(CvvReason::Incomplete), true)
    } else if t.len() > max {
        (Some(CvvReason::InvalidLength), false)
    } else {
        (None, true)
    };
    CvvVerdict { is_valid: reason.is_none(), is_potentially_valid: potentially, reason }
}

fn check_cvv(c: &Case, stats: &mut Stats) -> Result<CvvVerdict, String> {
    let v = validate_cvv(&c.cvv, c.cvv_brand);
    stats.cvv(&v);
    check_tri_state(v.is_valid, v.is_potentially_valid, v.reason.is_none(), "cvv")?;
    let m = model_cvv(&c.cvv, c.cvv_brand);
    ensure!(v == m, "cvv: {v:?}, by definition {m:?}");
    Ok(v)
}

const NUMBER_REASONS: [NumberReason; 7] = [
    NumberReason::Required,
    NumberReason::Incomplete,
    NumberReason::InvalidCharacters,
    NumberReason::InvalidLength,
    NumberReason::Luhn,
    NumberReason::UnknownBrand,
    NumberReason::UnsupportedBrand,
];
const EXPIRY_REASONS: [ExpiryReason; 7] = [
    ExpiryReason::Required,
    ExpiryReason::Incomplete,
    ExpiryReason::InvalidFormat,
    ExpiryReason::InvalidMonth,
    ExpiryReason::InvalidYear,
    ExpiryReason::Expired,
    ExpiryReason::TooFarFuture,
];
const CVV_REASONS: [CvvReason; 4] =
    [CvvReason::Required, CvvReason::Incomplete, CvvReason::InvalidCharacters, CvvReason::InvalidLength];

/// Every `(code, message)` a field's errors may carry in `locale`.
fn known(field: Field, locale: Locale) -> Vec<(&'static str, &'static str)> {
    match field {
        Field::Number => NUMBER_REASONS.iter().map(|r| (r.code(), r.message(locale))).collect(),
        Field::Expiry => EXPIRY_REASONS.iter().map(|r| (r.code(), r.message(locale))).collect(),
        Field::Cvv => CVV_REASONS.iter().map(|r| (r.code(), r.message(locale))).collect(),
    }
}

fn check_card(c: &Case) -> Result<(), String> {
    let card = c.card_input();
    let opts = c.card_options();
    let v = validate_card(&card, &opts);
    ensure!(v.is_valid == v.errors.is_empty(), "card: isValid={} with {} errors", v.is_valid, v.errors.len());
    let order = |f: Field| match f {
        Field::Number => 0,
        Field::Expiry => 1,
        Field::Cvv => 2,
    };
    for pair in v.errors.windows(2) {
        ensure!(
            order(pair[0].field) < order(pair[1].field),
            "card: errors out of field order {:?}",
            v.errors
        );
    }
    for e in &v.errors {
        ensure!(
            known(e.field, c.locale).contains(&(e.code, e.message)),
            "card: unknown code/message {e:?} for {:?}",
            c.locale
        );
        ensure!(!e.message.bytes().any(|b| b.is_ascii_digit()), "card: a message with digits {e:?}");
    }
    let code = |f: Field| v.errors.iter().find(|e| e.field == f).map(|e| e.code);
    let [n, m, y, cvv, _] = &c.card;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    if domain::card::is_two_click(&card) {
        ensure!(code(Field::Number).is_none() && code(Field::Expiry).is_none(), "card: two-click {v:?}");
    } else {
        let nv = validate_number(&text(n), &opts.number);
        ensure!(code(Field::Number) == nv.reason.map(NumberReason::code), "card: number {v:?} vs {nv:?}");
        ensure!(v.brand == nv.brand, "card: brand {:?} vs the number's {:?}", v.brand, nv.brand);
        let ev = validate_month_year(&text(m), &text(y), &opts.expiry);
        ensure!(code(Field::Expiry) == ev.reason.map(ExpiryReason::code), "card: expiry {v:?} vs {ev:?}");
        ensure!(v.expiry == ev.month.zip(ev.year), "card: expiry {:?} vs {ev:?}", v.expiry);
    }
    let cv = validate_cvv(&text(cvv), v.brand);
    ensure!(code(Field::Cvv) == cv.reason.map(CvvReason::code), "card: cvv {v:?} vs {cv:?}");
    // No verdict repeats the card number: no run of 6 of its digits appears in any verdict.
    if let Some(d) = n.as_deref().and_then(model_digits).filter(|d| d.len() >= 6) {
        let shown = format!("{v:?} {:?} {:?}", validate_number(&d, &opts.number), detect(d.as_bytes()));
        for k in 0..=d.len().min(64) - 6 {
            ensure!(
                !shown.contains(&d[k..k + 6]),
                "card: a verdict shows the number's digits {:?}",
                &d[k..k + 6]
            );
        }
    }
    Ok(())
}

fn check_case(c: &Case, stats: &mut Stats) -> Result<(), String> {
    check_number(&c.number, &c.number_opts, stats)?;
    check_format(c)?;
    check_expiry(c, stats)?;
    check_cvv(c, stats)?;
    check_card(c)
}

// ---------------------------------------------------------------------------------------------
// Coverage: proof that the generators reach every verdict
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Stats {
    number_reasons: [u64; 8],
    valid_brands: [u64; 15],
    digit_lengths: [u64; 26],
    expiry_reasons: [u64; 8],
    month_year_reasons: [u64; 8],
    cvv_reasons: [u64; 5],
    non_ascii: u64,
    long: u64,
    inputs: u64,
}

fn slot<T: Copy + PartialEq>(all: &[T], r: Option<T>) -> usize {
    r.and_then(|r| all.iter().position(|&x| x == r)).map_or(0, |i| i + 1)
}

impl Stats {
    fn number(&mut self, v: &NumberVerdict, s: &str) {
        self.inputs += 1;
        self.number_reasons[slot(&NUMBER_REASONS, v.reason)] += 1;
        if let (true, Some(b)) = (v.is_valid, v.brand) {
            self.valid_brands[b.index()] += 1;
        }
        if let Some(d) = model_digits(s) {
            self.digit_lengths[d.len().min(25)] += 1;
        }
        self.non_ascii += u64::from(!s.is_ascii());
        self.long += u64::from(s.len() > 1000);
    }
    fn expiry(&mut self, v: &ExpiryVerdict) {
        self.inputs += 1;
        self.expiry_reasons[slot(&EXPIRY_REASONS, v.reason)] += 1;
    }
    fn month_year(&mut self, v: &ExpiryVerdict) {
        self.inputs += 2;
        self.month_year_reasons[slot(&EXPIRY_REASONS, v.reason)] += 1;
    }
    fn cvv(&mut self, v: &CvvVerdict) {
        self.inputs += 1;
        self.cvv_reasons[slot(&CVV_REASONS, v.reason)] += 1;
    }
    /// What the generators never reached (empty: every verdict, brand and length was seen).
    fn gaps(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut need = |ok: bool, what: String| {
            if !ok {
                out.push(what);
            }
        };
        for (i, n) in self.number_reasons.iter().enumerate() {
            need(*n > 0, format!("number reason #{i}"));
        }
        for (b, n) in Brand::ALL.iter().zip(self.valid_brands) {
            need(n > 0, format!("a valid {b:?}"));
        }
        for (len, n) in self.digit_lengths.iter().enumerate() {
            need(*n > 0, format!("{len} digits"));
        }
        for (i, n) in self.expiry_reasons.iter().enumerate() {
            need(*n > 0, format!("expiry reason #{i}"));
        }
        for (i, n) in self.month_year_reasons.iter().enumerate() {
            need(*n > 0, format!("month/year reason #{i}"));
        }
        for (i, n) in self.cvv_reasons.iter().enumerate() {
            need(*n > 0, format!("cvv reason #{i}"));
        }
        need(self.non_ascii > 0, "non-ASCII numbers".into());
        need(self.long > 0, "long numbers".into());
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// Set while a case runs: the panic hook then records the message instead of printing it.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static PANIC_MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Installs (once) a panic hook that records panics of cases and leaves every other panic (other
/// tests' assertions) to the default hook.
fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                PANIC_MESSAGE.with(|m| *m.borrow_mut() = info.to_string());
            } else {
                default(info);
            }
        }));
    });
}

struct Failure {
    index: u64,
    message: String,
    case: String,
}

struct Run {
    failures: Vec<Failure>,
    cases: u64,
    stats: Stats,
}

/// Runs `check` on cases `range` of `seed`, each under `catch_unwind`; stops after
/// [`MAX_FAILURES`] failures.
fn run(
    seed: u64,
    range: std::ops::Range<u64>,
    check: impl Fn(&Case, &mut Stats) -> Result<(), String>,
) -> Run {
    install_hook();
    let mut out = Run { failures: Vec::new(), cases: 0, stats: Stats::default() };
    for index in range {
        CAPTURING.with(|c| c.set(true));
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let case = Case::generate(seed, index);
            let r = check(&case, &mut out.stats);
            (case, r)
        }));
        CAPTURING.with(|c| c.set(false));
        out.cases += 1;
        let (message, case) = match result {
            Ok((_, Ok(()))) => continue,
            Ok((case, Err(e))) => (e, case.describe()),
            Err(_) => {
                let msg = PANIC_MESSAGE.with(|m| std::mem::take(&mut *m.borrow_mut()));
                // Regenerating tells a panic in the generator from one in a validator.
                let case = panic::catch_unwind(|| Case::generate(seed, index).describe())
                    .unwrap_or_else(|_| "(the generator itself panicked)".into());
                (format!("PANIC: {msg}"), case)
            }
        };
        out.failures.push(Failure { index, message, case });
        if out.failures.len() >= MAX_FAILURES {
            break;
        }
    }
    out
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim().replace('_', "");
    let parsed = match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => v.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={v:?} is not a number")))
}

fn report(seed: u64, run: &Run) -> String {
    let mut s = String::new();
    for f in &run.failures {
        let _ = writeln!(
            s,
            "\ncase {} failed: {}\n  input: {}\n  replay: FUZZ_SEED={seed:#x} FUZZ_INDEX={} cargo test --release --test fuzz fuzz_validators -- --nocapture",
            f.index, f.message, f.case, f.index
        );
    }
    s
}

#[test]
fn fuzz_validators() {
    let seed = env_u64("FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let only = env_u64("FUZZ_INDEX");
    let range = match only {
        Some(i) => i..i + 1,
        None => 0..env_u64("FUZZ_CASES").unwrap_or(DEFAULT_CASES),
    };
    if let Some(i) = only {
        eprintln!("fuzz: case {i} of seed {seed:#x}: {}", Case::generate(seed, i).describe());
    }
    let start = Instant::now();
    let result = run(seed, range, check_case);
    let secs = start.elapsed().as_secs_f64();
    let st = &result.stats;
    eprintln!(
        "fuzz: seed={seed:#x} cases={} inputs={} failures={} time={secs:.1}s ({:.0} cases/s)",
        result.cases,
        st.inputs,
        result.failures.len(),
        result.cases as f64 / secs.max(1e-9),
    );
    eprintln!(
        "fuzz: numbers valid={} non-ASCII={} over 1,000 bytes={}; number reasons {:?}; \
         expiry reasons {:?}; cvv reasons {:?} (none first, then in declaration order)",
        st.number_reasons[0], st.non_ascii, st.long, st.number_reasons, st.expiry_reasons, st.cvv_reasons,
    );
    assert!(result.failures.is_empty(), "fuzz: seed {seed:#x}{}", report(seed, &result));
    // Coverage: 20,000 cases reach every verdict, brand and length; fewer may not.
    let gaps = result.stats.gaps();
    if result.cases >= 20_000 {
        assert!(gaps.is_empty(), "fuzz: {} cases never reached: {}", result.cases, gaps.join(", "));
    } else if only.is_none() && !gaps.is_empty() {
        eprintln!("fuzz: (only {} cases, so not checked) never reached: {}", result.cases, gaps.join(", "));
    }
}

// ---------------------------------------------------------------------------------------------
// The harness itself
// ---------------------------------------------------------------------------------------------

#[test]
fn the_harness_reports_panics_and_broken_invariants_with_a_replayable_case() {
    // A validator that panics on some inputs: the run goes on past it and names the case.
    let r = run(DEFAULT_SEED, 0..2_000, |c, _| {
        if c.number.contains('\u{a0}') {
            let _ = "x".parse::<u8>().expect("a planted panic");
        }
        Ok(())
    });
    assert_eq!(r.failures.len(), MAX_FAILURES);
    let first = &r.failures[0];
    assert!(
        first.message.starts_with("PANIC: ") && first.message.contains("a planted panic"),
        "{}",
        first.message
    );
    assert!(first.case.contains("\\u{a0}"), "escaped input: {}", first.case);
    assert!(first.case.is_ascii());
    // The same (seed, index) regenerates the same case, without the cases before it.
    let again = Case::generate(DEFAULT_SEED, first.index);
    assert!(again.number.contains('\u{a0}'));
    assert_eq!(again.describe(), first.case);
    assert_ne!(Case::generate(DEFAULT_SEED, first.index + 1).describe(), first.case);
    // A broken invariant fails the same way, and the report tells how to replay it.
    let r = run(7, 0..10, |c, _| if c.cvv.is_empty() { Ok(()) } else { Err("planted".into()) });
    assert!(!r.failures.is_empty());
    let text = report(7, &r);
    assert!(text.contains("FUZZ_SEED=0x7 FUZZ_INDEX="), "{text}");
}

#[test]
fn the_invariants_reject_wrong_verdicts() {
    // The checks are not vacuous: a wrong verdict from the model is caught.
    let o = NumberOptions::default();
    assert!(check_number("4811 1111 1111 1114", &o, &mut Stats::default()).is_ok());
    assert!(check_tri_state(true, false, true, "x").is_err());
    assert!(check_tri_state(true, true, false, "x").is_err());
    let today = ExpiryOptions { today: YearMonth { year: 2026, month: 11 }, max_years_ahead: 19 };
    let mut v = validate_expiry("12/30", &today);
    assert!(check_expiry_verdict(&v, &today, "x").is_ok());
    v.year = Some(2020);
    assert!(check_expiry_verdict(&v, &today, "x").is_err(), "a valid past date");
    assert_ne!(
        model_cvv("123", Some(Brand::AmericanExpress)),
        validate_cvv("1234", Some(Brand::AmericanExpress))
    );
    assert_eq!(luhn_check_digit(b"481111111111111"), '4');
    assert_eq!(escape("a\u{a0}\"\u{1f600}"), "\"a\\u{a0}\\\"\\u{1f600}\"");
}

// ---------------------------------------------------------------------------------------------
// The differential sample: host verdicts for the wasm package to reproduce
// ---------------------------------------------------------------------------------------------

/// A JSON string literal with every non-ASCII or control character as `\uXXXX` (UTF-16 pairs for
/// astral characters), so `JSON.parse` gives exactly the Rust string.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", u);
                }
            }
        }
    }
    out.push('"');
    out
}

fn json_opt(v: Option<impl std::fmt::Display>) -> String {
    v.map_or("null".into(), |v| v.to_string())
}

fn json_code(v: Option<&str>) -> String {
    v.map_or("null".into(), json_str)
}

fn json_brands(set: BrandSet) -> String {
    let ids: Vec<String> = set.iter().map(|b| json_str(b.id())).collect();
    format!("[{}]", ids.join(","))
}

fn json_number(v: &NumberVerdict) -> String {
    format!(
        r#"{{"isValid":{},"isPotentiallyValid":{},"brand":{},"candidates":{},"reason":{}}}"#,
        v.is_valid,
        v.is_potentially_valid,
        json_code(v.brand.map(Brand::id)),
        json_brands(v.candidates),
        json_code(v.reason.map(NumberReason::code)),
    )
}

fn json_expiry(v: &ExpiryVerdict) -> String {
    format!(
        r#"{{"isValid":{},"isPotentiallyValid":{},"month":{},"year":{},"reason":{}}}"#,
        v.is_valid,
        v.is_potentially_valid,
        json_opt(v.month),
        json_opt(v.year),
        json_code(v.reason.map(ExpiryReason::code)),
    )
}

fn json_cvv(v: &CvvVerdict) -> String {
    format!(
        r#"{{"isValid":{},"isPotentiallyValid":{},"reason":{}}}"#,
        v.is_valid,
        v.is_potentially_valid,
        json_code(v.reason.map(CvvReason::code)),
    )
}

/// One sample case: the inputs as the JavaScript API takes them, and the host's verdicts.
fn json_case(index: &str, c: &Case) -> String {
    let number_opts = if c.explicit_number_opts {
        let mut o = String::from("{");
        if c.number_opts.supported != BrandSet::ALL {
            let _ = write!(o, r#""supportedBrands":{},"#, json_brands(c.number_opts.supported));
        }
        let _ = write!(o, r#""luhnValidateUnionPay":{}}}"#, c.number_opts.luhn_unionpay);
        o
    } else {
        "null".into()
    };
    let today = c.expiry_opts.today;
    let mut expiry_opts = format!(r#"{{"today":{{"year":{},"month":{}}}"#, today.year, today.month);
    if c.explicit_max_years {
        let _ = write!(expiry_opts, r#","maxYearsAhead":{}"#, c.expiry_opts.max_years_ahead);
    }
    let mut card_opts =
        format!("{},\"locale\":{}", expiry_opts, json_str(if c.locale == Locale::Id { "id" } else { "en" }));
    if c.number_opts.supported != BrandSet::ALL {
        let _ = write!(card_opts, r#","supportedBrands":{}"#, json_brands(c.number_opts.supported));
    }
    let _ = write!(card_opts, r#","luhnValidateUnionPay":{}}}"#, c.number_opts.luhn_unionpay);
    expiry_opts.push('}');
    let keys = ["card_number", "card_exp_month", "card_exp_year", "card_cvv", "token_id"];
    let fields: Vec<String> = keys
        .iter()
        .zip(&c.card)
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{}:{}", json_str(k), json_str(v))))
        .collect();
    let cv = validate_card(&c.card_input(), &c.card_options());
    let errors: Vec<String> = cv
        .errors
        .iter()
        .map(|e| {
            format!(
                r#"{{"field":{},"code":{},"message":{}}}"#,
                json_str(e.field.name()),
                json_str(e.code),
                json_str(e.message)
            )
        })
        .collect();
    let (formatted, caret) = format_card_input(&c.number, c.caret);
    let detected = digits::normalise(&c.number).ok().and_then(|d| detect(d.as_bytes()).brand);
    let eo = &c.expiry_opts;
    [
        format!(r#"{{"index":{index},"number":{},"numberOptions":{number_opts}"#, json_str(&c.number)),
        format!(r#""numberVerdict":{}"#, json_number(&validate_number(&c.number, &c.number_opts))),
        format!(r#""detect":{}"#, json_code(detected.map(Brand::id))),
        format!(r#""formatted":{}"#, json_str(&format_card_number(&c.number))),
        format!(
            r#""caret":{},"formatInput":{{"value":{},"caret":{caret}}}"#,
            if c.caret == usize::MAX { "null".into() } else { c.caret.to_string() },
            json_str(&formatted)
        ),
        format!(r#""expiry":{},"expiryOptions":{expiry_opts}"#, json_str(&c.expiry)),
        format!(r#""expiryVerdict":{}"#, json_expiry(&validate_expiry(&c.expiry, eo))),
        format!(r#""monthYear":{{"month":{},"year":{}}}"#, json_str(&c.month), json_str(&c.year)),
        format!(r#""monthYearVerdict":{}"#, json_expiry(&validate_month_year(&c.month, &c.year, eo))),
        format!(r#""cvv":{},"cvvBrand":{}"#, json_str(&c.cvv), json_code(c.cvv_brand.map(Brand::id))),
        format!(r#""cvvVerdict":{}"#, json_cvv(&validate_cvv(&c.cvv, c.cvv_brand))),
        format!(r#""card":{{{}}},"cardOptions":{card_opts}"#, fields.join(",")),
        format!(
            r#""cardVerdict":{{"isValid":{},"brand":{},"errors":[{}]}}}}"#,
            cv.is_valid,
            json_code(cv.brand.map(Brand::id)),
            errors.join(",")
        ),
    ]
    .join(",")
}

/// Edge cases every sample holds, whatever the seed: the year 0000, the fast path's 64-character
/// limit and one past it, full-width digits, blanks.
fn pinned_cases() -> Vec<Case> {
    // number, expiry, month, year, cvv, the CVV's brand.
    type Row = (String, &'static str, &'static str, &'static str, &'static str, Option<Brand>);
    let rows: [Row; 6] = [
        ("4811 1111 1111 1114".into(), "11/0000", "11", "0000", "123", Some(Brand::Visa)),
        ("4811111111111114".into(), "0000-11", "12", "0000", " 1234 ", Some(Brand::AmericanExpress)),
        ("4".repeat(64), "110000", "1", "0", "", None),
        ("4".repeat(65), "12/2030", "12", "30", "12a", None),
        (
            "\u{ff14}\u{ff18}\u{ff11}\u{ff11}".into(),
            "\u{ff11}\u{ff12}/30",
            "\u{ff11}",
            "2030",
            "\u{ff11}23",
            Some(Brand::Jcb),
        ),
        (String::new(), "", "", "", "", None),
    ];
    rows.into_iter()
        .map(|(number, expiry, month, year, cvv, cvv_brand)| {
            let mut c = Case::generate(SAMPLE_SEED, 0);
            c.number_opts = NumberOptions::default();
            c.explicit_number_opts = false;
            c.expiry_opts = ExpiryOptions { today: YearMonth { year: 2026, month: 12 }, max_years_ahead: 19 };
            c.explicit_max_years = false;
            c.card = [Some(number.clone()), Some(month.into()), Some(year.into()), Some(cvv.into()), None];
            (c.number, c.expiry, c.month, c.year, c.cvv, c.cvv_brand) =
                (number, expiry.into(), month.into(), year.into(), cvv.into(), cvv_brand);
            c.caret = 2;
            c.locale = Locale::En;
            c
        })
        .collect()
}

/// Writes `.tmp/fuzz-sample.json`: `FUZZ_SAMPLE` cases (default 5,000) whose options the
/// JavaScript API can express, and shorter than 4,096 characters each, with the host verdicts.
#[test]
fn writes_the_differential_sample() {
    let want = env_u64("FUZZ_SAMPLE").unwrap_or(DEFAULT_SAMPLE);
    if want == 0 {
        return;
    }
    let mut cases: Vec<String> = pinned_cases()
        .iter()
        .enumerate()
        .map(|(k, c)| json_case(&json_str(&format!("pinned-{k}")), c))
        .collect();
    let mut index = 0;
    while (cases.len() as u64) < want {
        let c = Case::generate(SAMPLE_SEED, index);
        let short = [&c.number, &c.expiry, &c.month, &c.year, &c.cvv].iter().all(|s| s.len() < 4096);
        if c.js_safe && short {
            cases.push(json_case(&index.to_string(), &c));
        }
        index += 1;
    }
    let json = format!(
        "{{\"seed\":\"{SAMPLE_SEED:#x}\",\"generated\":{index},\"count\":{},\"cases\":[\n{}\n]}}\n",
        cases.len(),
        cases.join(",\n")
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".tmp");
    std::fs::create_dir_all(&dir).expect("create .tmp/");
    let path = dir.join("fuzz-sample.json");
    // Written whole, then renamed: a reader never sees half a file.
    let partial = dir.join("fuzz-sample.json.partial");
    std::fs::write(&partial, json).expect("write the sample");
    std::fs::rename(&partial, &path).expect("rename the sample");
    eprintln!("fuzz: wrote {} cases of seed {SAMPLE_SEED:#x} to {}", cases.len(), path.display());
}
