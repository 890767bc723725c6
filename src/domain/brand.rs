//! The brand table and brand detection from a (possibly partial) card number.
//!
//! The table mirrors credit-card-type 10.3.0 (`src/lib/card-types.ts`, the de-facto JS standard
//! used by card-validator and Braintree), so that merchants moving from it see the same brands for
//! the same numbers. Matching follows the same rules: a brand's *first* matching pattern counts; a
//! prefix pattern matches in either direction (`"4"` matches `401178`); a range compares the
//! input's first digits against the range ends cut to the input's length; when every candidate has
//! fully matched its pattern, the longest pattern wins.

#[allow(unused_imports)]
use super::prelude::*;

/// A card brand (network), named with credit-card-type's strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Brand {
    /// Visa.
    Visa,
    /// Mastercard.
    Mastercard,
    /// American Express.
    AmericanExpress,
    /// Diners Club.
    DinersClub,
    /// Discover.
    Discover,
    /// Troy (Turkey).
    Troy,
    /// JCB.
    Jcb,
    /// UnionPay.
    UnionPay,
    /// Naranja (Argentina).
    Naranja,
    /// Verve (Nigeria).
    Verve,
    /// Maestro.
    Maestro,
    /// Elo (Brazil).
    Elo,
    /// Mir (Russia).
    Mir,
    /// Hiper (Brazil).
    Hiper,
    /// Hipercard (Brazil).
    Hipercard,
}

/// One BIN pattern: every number whose first `len` digits lie in `lo..=hi`.
/// A single prefix is a range with `lo == hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Lowest prefix of the range (inclusive), as a number of `len` digits.
    pub lo: u32,
    /// Highest prefix of the range (inclusive), as a number of `len` digits.
    pub hi: u32,
    /// How many leading digits the pattern covers.
    pub len: u8,
}

/// Everything known about a brand.
#[derive(Debug, PartialEq, Eq)]
pub struct BrandInfo {
    /// The brand.
    pub brand: Brand,
    /// credit-card-type's `type` string, e.g. `"american-express"`.
    pub id: &'static str,
    /// Display name, e.g. `"American Express"`.
    pub nice_name: &'static str,
    /// BIN patterns in match order.
    pub patterns: &'static [Pattern],
    /// Valid lengths of the full number, ascending.
    pub lengths: &'static [u8],
    /// Indices at which a space goes when formatting.
    pub gaps: &'static [u8],
    /// What the card calls its security code (CVV, CVC, CID...).
    pub cvv_name: &'static str,
    /// Length of the security code.
    pub cvv_len: u8,
}

impl BrandInfo {
    /// The longest valid length of a number of this brand.
    pub fn max_length(&self) -> u8 {
        // `lengths` is ascending and never empty (checked by a test over the table).
        match self.lengths.last() {
            Some(&l) => l,
            None => 19,
        }
    }
}

/// A prefix pattern of `n` digits (a range with equal ends).
const fn p(v: u32) -> Pattern {
    r(v, v)
}

/// A range pattern `lo..=hi`; both ends have the same number of digits.
const fn r(lo: u32, hi: u32) -> Pattern {
    Pattern { lo, hi, len: digit_count(lo) }
}

impl Pattern {
    /// The pattern as an interval of 8-digit prefixes (`lo000...`, `hi999...`), so matching a
    /// number's first digits needs no division. `len` is 1-8 (checked by a test over the table).
    const fn interval8(&self) -> (u32, u32) {
        let scale = POW10[8 - if self.len > 8 { 8 } else { self.len as usize }];
        (self.lo * scale, self.hi * scale + (scale - 1))
    }
}

const fn digit_count(mut v: u32) -> u8 {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

const GAPS_4_8_12: &[u8] = &[4, 8, 12];
const GAPS_4_10: &[u8] = &[4, 10];

/// The brand table, in credit-card-type's test order (which decides candidate order).
/// Source for every range: credit-card-type 10.3.0 `src/lib/card-types.ts`, which cites the
/// networks' published BIN documentation.
pub const BRANDS: [BrandInfo; 15] = [
    BrandInfo {
        brand: Brand::Visa,
        id: "visa",
        nice_name: "Visa",
        // Visa: every number starting with 4.
        patterns: &[p(4)],
        lengths: &[16, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Mastercard,
        id: "mastercard",
        nice_name: "Mastercard",
        // Mastercard: classic 51-55 and the 2-series 2221-2720.
        patterns: &[r(51, 55), r(2221, 2229), r(223, 229), r(23, 26), r(270, 271), p(2720)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVC",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::AmericanExpress,
        id: "american-express",
        nice_name: "American Express",
        // American Express: 34 and 37.
        patterns: &[p(34), p(37)],
        lengths: &[15],
        gaps: GAPS_4_10,
        cvv_name: "CID",
        cvv_len: 4,
    },
    BrandInfo {
        brand: Brand::DinersClub,
        id: "diners-club",
        nice_name: "Diners Club",
        // Diners Club International: 300-305, 36, 38, 39.
        patterns: &[r(300, 305), p(36), p(38), p(39)],
        lengths: &[14, 16, 19],
        gaps: GAPS_4_10,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Discover,
        id: "discover",
        nice_name: "Discover",
        // Discover: 6011, 644-649, 65.
        patterns: &[p(6011), r(644, 649), p(65)],
        lengths: &[16, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CID",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Troy,
        id: "troy",
        nice_name: "Troy",
        // Troy: 9792 and the 6500xx-6588xx BINs published by BKM (55 patterns).
        patterns: &[
            p(9792),
            p(650052),
            r(650082, 650083),
            p(650092),
            p(650161),
            p(650170),
            p(650173),
            p(650175),
            p(650268),
            p(650271),
            r(650273, 650274),
            r(650456, 650457),
            p(650836),
            r(650846, 650850),
            p(650923),
            p(650987),
            p(650990),
            p(654997),
            p(657366),
            p(657998),
            p(658758),
            r(658767, 658768),
            r(65083700, 65083704),
            r(65085800, 65085804),
            r(65085900, 65085901),
            p(65086000),
            r(65086100, 65086105),
            r(65086200, 65086203),
            r(65875000, 65875003),
            p(65875009),
            r(65875101, 65875104),
            p(65875200),
            p(65875501),
            p(65875601),
            p(65875900),
            r(65876000, 65876002),
            r(65876100, 65876103),
            p(65876110),
            r(65876115, 65876116),
            r(65876200, 65876201),
            p(65876500),
            r(65876504, 65876505),
            r(65876600, 65876602),
            r(65877100, 65877101),
            r(65877600, 65877602),
            p(65877700),
            r(65877801, 65877802),
            r(65878200, 65878202),
            r(65878300, 65878311),
            r(65878400, 65878405),
            r(65878500, 65878505),
            r(65878600, 65878601),
            p(65879800),
            p(65880800),
            p(65880900),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Jcb,
        id: "jcb",
        nice_name: "JCB",
        // JCB: 3528-3589, plus the legacy 2131 and 1800.
        patterns: &[p(2131), p(1800), r(3528, 3589)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::UnionPay,
        id: "unionpay",
        nice_name: "UnionPay",
        // UnionPay: 62xxxx (minus Discover/Elo carve-outs) and the 81-series.
        patterns: &[
            p(620),
            r(62100, 62182),
            r(62184, 62187),
            r(62185, 62197),
            r(62200, 62205),
            r(622010, 622999),
            p(622018),
            r(62207, 62209),
            r(623, 626),
            p(6270),
            p(6272),
            p(6276),
            r(627700, 627779),
            r(627781, 627799),
            r(6282, 6289),
            p(6291),
            p(6292),
            p(810),
            r(8110, 8131),
            r(8132, 8151),
            r(8152, 8163),
            r(8164, 8171),
        ],
        lengths: &[14, 15, 16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVN",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Naranja,
        id: "naranja",
        nice_name: "Naranja",
        // Naranja: 589562, 402918, 527572.
        patterns: &[p(589562), p(402918), p(527572)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Verve,
        id: "verve",
        nice_name: "Verve",
        // Verve: Interswitch's 5060xx-5079xx BINs.
        patterns: &[
            r(506099, 506127),
            p(506129),
            r(506133, 506150),
            r(506158, 506163),
            p(506166),
            p(506168),
            p(506170),
            p(506173),
            r(506176, 506180),
            p(506184),
            r(506187, 506188),
            p(506191),
            p(506195),
            p(506197),
            p(507865),
            p(507866),
            r(507868, 507877),
            r(507880, 507888),
            p(507900),
            p(507941),
        ],
        lengths: &[16, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVV",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Maestro,
        id: "maestro",
        nice_name: "Maestro",
        // Maestro: 493698, 500000-508999 (minus Elo/Verve), 56-59, 63, 67, and any other 6.
        patterns: &[
            p(493698),
            r(500000, 504174),
            r(504176, 506698),
            r(506779, 508999),
            r(56, 59),
            p(63),
            p(67),
            p(6),
        ],
        lengths: &[12, 13, 14, 15, 16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVC",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Elo,
        id: "elo",
        nice_name: "Elo",
        // Elo: the BINs published by Elo Serviços.
        patterns: &[
            p(401178),
            p(401179),
            p(438935),
            p(457631),
            p(457632),
            p(431274),
            p(451416),
            p(457393),
            p(504175),
            r(506699, 506778),
            r(509000, 509999),
            p(627780),
            p(636297),
            p(636368),
            r(650031, 650033),
            r(650035, 650051),
            r(650405, 650439),
            r(650485, 650538),
            r(650541, 650598),
            r(650700, 650718),
            r(650720, 650727),
            r(650901, 650978),
            r(651652, 651679),
            r(655000, 655019),
            r(655021, 655058),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVE",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Mir,
        id: "mir",
        nice_name: "Mir",
        // Mir: 2200-2204 (NSPK).
        patterns: &[r(2200, 2204)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvv_name: "CVP2",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Hiper,
        id: "hiper",
        nice_name: "Hiper",
        // Hiper: Itaú's BINs.
        patterns: &[p(637095), p(63737423), p(63743358), p(637568), p(637599), p(637609), p(637612)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVC",
        cvv_len: 3,
    },
    BrandInfo {
        brand: Brand::Hipercard,
        id: "hipercard",
        nice_name: "Hipercard",
        // Hipercard: 606282.
        patterns: &[p(606282)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvv_name: "CVC",
        cvv_len: 3,
    },
];

impl Brand {
    /// Every brand, in detection order.
    pub const ALL: [Brand; 15] = [
        Brand::Visa,
        Brand::Mastercard,
        Brand::AmericanExpress,
        Brand::DinersClub,
        Brand::Discover,
        Brand::Troy,
        Brand::Jcb,
        Brand::UnionPay,
        Brand::Naranja,
        Brand::Verve,
        Brand::Maestro,
        Brand::Elo,
        Brand::Mir,
        Brand::Hiper,
        Brand::Hipercard,
    ];

    /// Position of the brand in [`BRANDS`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The brand's table entry.
    pub fn info(self) -> &'static BrandInfo {
        &BRANDS[self.index()]
    }

    /// credit-card-type's string for the brand.
    pub fn id(self) -> &'static str {
        self.facts().id
    }

    /// The brand's [`Facts`] (what the crate's own code reads instead of [`Brand::info`]).
    #[inline(always)]
    pub(crate) fn facts(self) -> Facts {
        let i = self.index();
        Facts {
            id: IDS.get(i).copied().unwrap_or_default(),
            lengths: LENGTHS.get(i).copied().unwrap_or_default(),
            gaps: if GAPS_4_10_BRANDS >> i & 1 == 1 { GAPS_4_10 } else { GAPS_4_8_12 },
            cvv_len: CVV_LENS.get(i).copied().unwrap_or_default(),
        }
    }

    /// Parses credit-card-type's string (`"visa"`, `"american-express"`...). Also accepts the
    /// common aliases `"amex"`, `"master-card"` and `"diners"`.
    pub fn from_id(s: &str) -> Option<Brand> {
        match s {
            "amex" => return Some(Brand::AmericanExpress),
            "master-card" => return Some(Brand::Mastercard),
            "diners" => return Some(Brand::DinersClub),
            _ => {}
        }
        Brand::ALL.iter().copied().find(|b| b.id() == s)
    }
}

/// A set of brands as a bit mask (bit `i` = `Brand::ALL[i]`), iterated in detection order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BrandSet(pub u16);

impl BrandSet {
    /// No brand.
    pub const EMPTY: BrandSet = BrandSet(0);
    /// Every brand.
    pub const ALL: BrandSet = BrandSet((1 << 15) - 1);

    /// The set holding just `b`.
    pub const fn only(b: Brand) -> BrandSet {
        BrandSet(1 << b.index())
    }
    /// Adds `b`.
    pub fn insert(&mut self, b: Brand) {
        self.0 |= 1 << b.index();
    }
    /// Whether `b` is in the set.
    pub const fn contains(self, b: Brand) -> bool {
        self.0 & (1 << b.index()) != 0
    }
    /// The brands in both sets.
    pub const fn intersect(self, other: BrandSet) -> BrandSet {
        BrandSet(self.0 & other.0)
    }
    /// Number of brands in the set.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }
    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The only brand, when the set holds exactly one (a bit past the last brand is none).
    ///
    /// ```
    /// use midtrans_card::domain::{Brand, BrandSet};
    /// assert_eq!(BrandSet::only(Brand::Jcb).single(), Some(Brand::Jcb));
    /// assert_eq!(BrandSet(1 << 15).single(), None); // no brand has bit 15
    /// ```
    pub fn single(self) -> Option<Brand> {
        if self.len() == 1 {
            Brand::ALL.get(self.0.trailing_zeros() as usize).copied()
        } else {
            None
        }
    }
    /// The brands in detection order.
    pub fn iter(self) -> impl Iterator<Item = Brand> {
        Brand::ALL.into_iter().filter(move |b| self.contains(*b))
    }
}

/// The outcome of matching a digit prefix against the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    /// Every brand the digits may still belong to (all of them for no digits).
    pub candidates: BrandSet,
    /// The brand, when the digits determine exactly one.
    pub brand: Option<Brand>,
}

/// The 8-digit interval of every number starting with these digits: `[p000.., p999..]` for a
/// prefix `p` shorter than 8 digits, the first 8 digits themselves otherwise.
fn head_interval(digits: &[u8]) -> (u32, u32) {
    let n = digits.len().min(8);
    let head = digits.iter().take(n).fold(0u32, |acc, d| acc * 10 + u32::from(d.wrapping_sub(b'0') % 10));
    let scale = POW10.get(8 - n).copied().unwrap_or(1);
    (head * scale, head * scale + (scale - 1))
}

/// credit-card-type's match of a pattern against the first `n` digits, as an interval test:
/// the digits' interval meets the pattern's. `None` for no match, `Some(0)` for a partial match
/// (fewer digits than the pattern), `Some(len)` for a full match of a `len`-digit pattern.
fn match_pattern(pat: &Pattern, (lo, hi): (u32, u32), n: usize) -> Option<u8> {
    let (lo8, hi8) = pat.interval8();
    if lo > hi8 || hi < lo8 {
        None
    } else if n >= usize::from(pat.len) {
        Some(pat.len)
    } else {
        Some(0)
    }
}

const POW10: [u32; 9] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/// What validation, formatting and `detectBrand` read of a brand: its [`BrandInfo`] without the
/// patterns. The crate's own code reads these and [`PATTERNS`], never [`BRANDS`] (which stays the
/// public table). Each field is a column of its own (below), so a build links only the columns
/// its code reads: the validators' build has no brand ids, for instance.
#[derive(Clone, Copy)]
pub(crate) struct Facts {
    pub(crate) id: &'static str,
    /// The valid lengths as a mask: bit `l - 12` for length `l` (every brand's lengths are
    /// 12-19, checked when the table is built).
    pub(crate) lengths: u8,
    pub(crate) gaps: &'static [u8],
    pub(crate) cvv_len: u8,
}

impl Facts {
    /// [`BrandInfo::max_length`] (19 for a mask without lengths, which no brand has).
    pub(crate) fn max_length(&self) -> u8 {
        19 - self.lengths.leading_zeros().min(7) as u8
    }

    /// Whether the brand issues numbers of `len` digits.
    pub(crate) fn has_length(&self, len: usize) -> bool {
        (12..=19).contains(&len) && self.lengths >> (len - 12) & 1 == 1
    }
}

/// One field of every brand, in table order, copied from [`BRANDS`] at compile time.
macro_rules! column {
    ($name:ident: $ty:ty = $field:ident, $empty:expr) => {
        static $name: [$ty; 15] = {
            let mut out: [$ty; 15] = [$empty; 15];
            let mut b = 0;
            while b < BRANDS.len() {
                out[b] = BRANDS[b].$field;
                b += 1;
            }
            out
        };
    };
}
/// One text field of every brand, `|`-separated in table order, joined from [`BRANDS`] at
/// compile time: `detectBrand`'s entry splits it once (web/abi.rs `brand_details`), which costs
/// the download less than a (pointer, length) pair for each brand.
macro_rules! joined {
    ($name:ident = $field:ident) => {
        /// Read by `detectBrand` (web/abi.rs) and the table test.
        #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
        pub(crate) const $name: &str = {
            const LEN: usize = {
                let (mut n, mut b) = (BRANDS.len() - 1, 0);
                while b < BRANDS.len() {
                    n += BRANDS[b].$field.len();
                    b += 1;
                }
                n
            };
            const BYTES: [u8; LEN] = {
                let mut out = [b'|'; LEN];
                let (mut k, mut b) = (0, 0);
                while b < BRANDS.len() {
                    let s = BRANDS[b].$field.as_bytes();
                    let mut i = 0;
                    while i < s.len() {
                        out[k] = s[i];
                        k += 1;
                        i += 1;
                    }
                    k += 1;
                    b += 1;
                }
                out
            };
            match core::str::from_utf8(&BYTES) {
                Ok(s) => s,
                Err(_) => "",
            }
        };
    };
}
column!(IDS: &'static str = id, "");
joined!(NICE_NAMES = nice_name);
/// Each brand's lengths as a mask ([`Facts::lengths`]): one byte a brand instead of a (pointer,
/// length) pair and the list.
static LENGTHS: [u8; 15] = {
    let mut out = [0u8; 15];
    let mut b = 0;
    while b < BRANDS.len() {
        let lengths = BRANDS[b].lengths;
        let mut i = 0;
        while i < lengths.len() {
            assert!(lengths[i] >= 12 && lengths[i] <= 19, "a brand's lengths are 12-19");
            out[b] |= 1 << (lengths[i] - 12);
            i += 1;
        }
        b += 1;
    }
    out
};

/// The brands whose gaps are [`GAPS_4_10`] (bit = brand index); every other brand's are
/// [`GAPS_4_8_12`] (checked when the table is built): one bit a brand instead of a (pointer,
/// length) pair.
const GAPS_4_10_BRANDS: u16 = {
    const fn same(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut out = 0;
    let mut b = 0;
    while b < BRANDS.len() {
        if same(BRANDS[b].gaps, GAPS_4_10) {
            out |= 1 << b;
        } else {
            assert!(same(BRANDS[b].gaps, GAPS_4_8_12), "a brand's gaps are 4-8-12 or 4-10");
        }
        b += 1;
    }
    out
};
joined!(CVV_NAMES = cvv_name);
column!(CVV_LENS: u8 = cvv_len, 0);

/// Where each brand's patterns start in [`PATTERNS`] (brand `b`: `FIRST[b]..FIRST[b + 1]`); the
/// last entry is how many patterns the table has.
const FIRST_PATTERNS: [u8; 16] = first_patterns();

/// How many patterns the table has.
const PATTERN_COUNT: usize = FIRST_PATTERNS[BRANDS.len()] as usize;

/// Every brand's patterns in match order, brand after brand, as three arrays (each pattern's
/// `lo`, `hi - lo` and `len` at the same index): the same values as [`BRANDS`]' patterns, laid
/// out so that gzip finds alike values next to each other (most spans are 0: single prefixes).
static PATTERNS: Soa = soa();

struct Soa {
    lo: [u32; PATTERN_COUNT],
    span: [u16; PATTERN_COUNT],
    len: [u8; PATTERN_COUNT],
}

const fn soa() -> Soa {
    let mut out = Soa { lo: [0; PATTERN_COUNT], span: [0; PATTERN_COUNT], len: [0; PATTERN_COUNT] };
    let (mut k, mut b) = (0, 0);
    while b < BRANDS.len() {
        let pats = BRANDS[b].patterns;
        let mut i = 0;
        while i < pats.len() {
            out.lo[k] = pats[i].lo;
            // Every span fits in 16 bits (the table test checks).
            out.span[k] = (pats[i].hi - pats[i].lo) as u16;
            out.len[k] = pats[i].len;
            k += 1;
            i += 1;
        }
        b += 1;
    }
    out
}

/// [`FIRST_PATTERNS`] as one copy in the build.
static FIRST: [u8; 16] = FIRST_PATTERNS;

const fn first_patterns() -> [u8; 16] {
    let mut out = [0u8; 16];
    let mut b = 0;
    while b < BRANDS.len() {
        out[b + 1] = out[b] + BRANDS[b].patterns.len() as u8;
        b += 1;
    }
    out
}

/// For each two-digit prefix `ab` (index `10a + b`), the brands whose patterns a number starting
/// with it can match (bit = brand index), so that detection only visits those brands.
static BY_PREFIX: [u16; 100] = brands_by_prefix();

const fn brands_by_prefix() -> [u16; 100] {
    let mut out = [0u16; 100];
    let mut b = 0;
    while b < BRANDS.len() {
        let pats = BRANDS[b].patterns;
        let mut i = 0;
        while i < pats.len() {
            let (lo8, hi8) = pats[i].interval8();
            let mut d = lo8 / 1_000_000;
            while d <= hi8 / 1_000_000 {
                out[d as usize] |= 1 << b;
                d += 1;
            }
            i += 1;
        }
        b += 1;
    }
    out
}

/// The brands a number starting with `digits` (not empty) may be: those of its two-digit
/// prefix, or of all ten when only one digit is typed.
fn brands_for(digits: &[u8]) -> u16 {
    let digit = |d: &u8| usize::from(d.wrapping_sub(b'0') % 10);
    let d0 = digits.first().map_or(0, digit) * 10;
    match digits.get(1) {
        Some(d1) => BY_PREFIX.get(d0 + digit(d1)).copied().unwrap_or(0),
        None => BY_PREFIX.iter().skip(d0).take(10).fold(0, |m, b| m | b),
    }
}

/// Detects the brand from the leading digits of a normalised number (ASCII digits only).
pub fn detect(digits: &[u8]) -> Detection {
    let d = detected(digits);
    Detection { candidates: d.candidates(), brand: d.brand() }
}

/// A [`Detection`] packed into one integer, as [`detected`] works it out (returned in a register
/// rather than written to memory): bits 0-14 the candidates, 16-19 the brand's index (15: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Detected(u32);

impl Detected {
    const fn of(candidates: BrandSet, brand: Option<Brand>) -> Detected {
        let brand = match brand {
            Some(b) => b as u32,
            None => 15,
        };
        Detected(candidates.0 as u32 | brand << 16)
    }

    /// Every brand the digits may still belong to.
    pub(crate) fn candidates(self) -> BrandSet {
        BrandSet(self.0 as u16 & BrandSet::ALL.0)
    }

    /// The brand, when the digits determine one.
    pub(crate) fn brand(self) -> Option<Brand> {
        Brand::ALL.get((self.0 >> 16) as usize).copied()
    }
}

/// [`detect`], packed.
pub(crate) fn detected(digits: &[u8]) -> Detected {
    let n = digits.len();
    if n == 0 {
        return Detected::of(BrandSet::ALL, None);
    }
    let head = head_interval(digits);
    let mut candidates = BrandSet::EMPTY;
    let mut all_full = true;
    let mut best: Option<(Brand, u8)> = None;
    // The brands to visit, in table order (lowest bit first).
    let mut visit = brands_for(digits);
    while let Some(&brand) = Brand::ALL.get(visit.trailing_zeros() as usize) {
        visit &= visit.wrapping_sub(1);
        let b = brand.index();
        let (first, end) = (FIRST.get(b).copied().unwrap_or(0), FIRST.get(b + 1).copied().unwrap_or(0));
        let p = &PATTERNS;
        // A brand's first matching pattern decides its strength (credit-card-type's rule).
        let found = (usize::from(first)..usize::from(end)).find_map(|k| {
            let (lo, span, len) = (*p.lo.get(k)?, *p.span.get(k)?, *p.len.get(k)?);
            match_pattern(&Pattern { lo, hi: lo + u32::from(span), len }, head, n)
        });
        if let Some(strength) = found {
            candidates.insert(brand);
            if strength == 0 {
                all_full = false;
            } else if best.is_none_or(|(_, s)| strength > s) {
                best = Some((brand, strength));
            }
        }
    }
    if candidates.is_empty() {
        return Detected::of(candidates, None);
    }
    match best {
        Some((brand, _)) if all_full => Detected::of(BrandSet::only(brand), Some(brand)),
        _ => Detected::of(candidates, candidates.single()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, info) in BRANDS.iter().enumerate() {
            assert_eq!(info.brand.index(), i, "{}", info.id);
            assert_eq!(Brand::ALL[i], info.brand);
            assert!(!info.lengths.is_empty());
            assert!(info.lengths.windows(2).all(|w| w[0] < w[1]));
            assert!(!info.patterns.is_empty());
            for pat in info.patterns {
                assert!(pat.lo <= pat.hi, "{} {:?}", info.id, pat);
                assert_eq!(digit_count(pat.hi), pat.len, "{} {:?}", info.id, pat);
                assert!(pat.len <= 8);
            }
            assert_eq!(Brand::from_id(info.id), Some(info.brand));
            // The crate's compact copies say the same as the public table.
            let f = info.brand.facts();
            assert_eq!(
                (
                    f.id,
                    crate::domain::reason::nth(NICE_NAMES, i),
                    (12..=19).filter(|&l| f.has_length(l)).collect::<Vec<_>>(),
                    f.gaps,
                    crate::domain::reason::nth(CVV_NAMES, i),
                    f.cvv_len,
                    f.max_length()
                ),
                (
                    info.id,
                    info.nice_name,
                    info.lengths.iter().map(|&l| usize::from(l)).collect::<Vec<_>>(),
                    info.gaps,
                    info.cvv_name,
                    info.cvv_len,
                    info.max_length()
                )
            );
            let first = usize::from(FIRST[i]);
            assert_eq!(usize::from(FIRST[i + 1]) - first, info.patterns.len());
            for (k, pat) in info.patterns.iter().enumerate() {
                let p = &PATTERNS;
                assert_eq!(
                    (p.lo[first + k], p.lo[first + k] + u32::from(p.span[first + k]), p.len[first + k]),
                    (pat.lo, pat.hi, pat.len),
                    "{}",
                    info.id
                );
            }
        }
        assert_eq!(usize::from(FIRST[15]), PATTERN_COUNT);
    }

    #[test]
    fn detects_like_credit_card_type() {
        let d = |s: &str| detect(s.as_bytes());
        let four: Vec<_> = d("4").candidates.iter().collect();
        assert_eq!(four, vec![Brand::Visa, Brand::Naranja, Brand::Maestro, Brand::Elo]);
        assert_eq!(d("41").brand, Some(Brand::Visa));
        assert_eq!(d("401178").brand, Some(Brand::Elo));
        assert_eq!(d("1").brand, Some(Brand::Jcb));
        assert_eq!(d("8").brand, Some(Brand::UnionPay));
        let two: Vec<_> = d("2").candidates.iter().collect();
        assert_eq!(two, vec![Brand::Mastercard, Brand::Jcb, Brand::Mir]);
        assert_eq!(d("6").candidates.len(), 7);
        for none in [
            "0", "12", "123", "181", "1802", "221", "222099", "2721", "212", "2132", "306", "31", "32", "33",
            "7",
        ] {
            assert!(d(none).candidates.is_empty(), "{none}");
        }
        assert_eq!(d("6011111111111117").brand, Some(Brand::Discover));
        assert_eq!(d("6212487892425802").brand, Some(Brand::UnionPay));
        assert_eq!(d("60").brand, None);
    }
}
