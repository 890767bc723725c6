//! Vector tables shared by the host run (`cargo test`), the wasm run of the core, and the wasm
//! run of the JavaScript API (`wasm-pack test --headless --chrome`). Input -> expected verdict.
#![allow(dead_code)]

/// A card-number case: `supported` lists accepted brands (empty = all).
pub struct NumberCase {
    pub input: &'static str,
    pub supported: &'static [&'static str],
    pub luhn_unionpay: bool,
    pub valid: bool,
    pub potentially: bool,
    pub brand: Option<&'static str>,
    pub candidates: &'static [&'static str],
    pub reason: Option<&'static str>,
}

const fn n(
    input: &'static str,
    valid: bool,
    potentially: bool,
    brand: Option<&'static str>,
    reason: Option<&'static str>,
) -> NumberCase {
    NumberCase {
        input,
        supported: &[],
        luhn_unionpay: false,
        valid,
        potentially,
        brand,
        candidates: &[],
        reason,
    }
}

const fn nc(input: &'static str, candidates: &'static [&'static str]) -> NumberCase {
    NumberCase {
        input,
        supported: &[],
        luhn_unionpay: false,
        valid: false,
        potentially: true,
        brand: None,
        candidates,
        reason: Some("incomplete"),
    }
}

const VISA: Option<&str> = Some("visa");
const MC: Option<&str> = Some("mastercard");
const AMEX: Option<&str> = Some("american-express");
const NONE: Option<&str> = None;

pub const NUMBERS: &[NumberCase] = &[
    // Empty and partial input.
    n("", false, true, NONE, Some("required")),
    n("   ", false, true, NONE, Some("required")),
    nc("4", &["visa", "naranja", "maestro", "elo"]),
    n("41", false, true, VISA, Some("incomplete")),
    nc("2", &["mastercard", "jcb", "mir"]),
    nc("6", &["discover", "troy", "unionpay", "maestro", "elo", "hiper", "hipercard"]),
    nc("60", &["discover", "maestro", "hipercard"]),
    n("401178", false, true, Some("elo"), Some("incomplete")),
    n("1", false, true, Some("jcb"), Some("incomplete")),
    n("8", false, true, Some("unionpay"), Some("incomplete")),
    n("481111111111111", false, true, VISA, Some("incomplete")),
    n("48111111111111141", false, true, VISA, Some("incomplete")),
    // Midtrans sandbox cards, with every separator customers type.
    n("4811111111111114", true, true, VISA, None),
    n("4811 1111 1111 1114", true, true, VISA, None),
    n("4811-1111-1111-1114", true, true, VISA, None),
    n("4811\u{a0}1111\u{a0}1111\u{a0}1114", true, true, VISA, None),
    n(" 4811\t1111\n1111 1114 ", true, true, VISA, None),
    n("5211111111111117", true, true, MC, None),
    n("5211 1111 1111 1117", true, true, MC, None),
    n("3701 9216 9722 458", true, true, AMEX, None),
    n("370192169722458", true, true, AMEX, None),
    n("3528203324564357", true, true, Some("jcb"), None),
    n("6212487892425802", true, true, Some("unionpay"), None),
    n("6212 4825 3517 8193 972", true, true, Some("unionpay"), None),
    // Luhn.
    n("4811111111111115", false, true, VISA, Some("luhn")),
    n("5211111111111118", false, false, MC, Some("luhn")),
    n("370192169722459", false, false, AMEX, Some("luhn")),
    n("6212487892425803", true, true, Some("unionpay"), None),
    NumberCase {
        input: "6212487892425803",
        supported: &[],
        luhn_unionpay: true,
        valid: false,
        potentially: true,
        brand: Some("unionpay"),
        candidates: &["unionpay"],
        reason: Some("luhn"),
    },
    // Lengths.
    n("48111111111111141234", false, false, VISA, Some("invalid_length")),
    n("52111111111111170", false, false, MC, Some("invalid_length")),
    n("3701921697224580", false, false, AMEX, Some("invalid_length")),
    // Every other brand.
    n("2221000000000009", true, true, MC, None),
    n("2720123456789010", true, true, MC, None),
    n("2200123456789019", true, true, Some("mir"), None),
    n("6011111111111117", true, true, Some("discover"), None),
    n("30569309025904", true, true, Some("diners-club"), None),
    n("36000000000008", true, true, Some("diners-club"), None),
    n("6500520000000009", true, true, Some("troy"), None),
    n("9792000000000003", true, true, Some("troy"), None),
    n("2131000000000008", true, true, Some("jcb"), None),
    n("1800000000000000", true, true, Some("jcb"), None),
    n("35280000000000007", true, true, Some("jcb"), None),
    n("810000000000000", true, true, Some("unionpay"), None),
    n("5895620000000002", true, true, Some("naranja"), None),
    n("5060990000000008", true, true, Some("verve"), None),
    n("5060990000000000001", true, true, Some("verve"), None),
    n("5019717010103742", true, true, Some("maestro"), None),
    n("6759649826438453", true, true, Some("maestro"), None),
    n("500000000009", true, true, Some("maestro"), None),
    n("4011780000000006", true, true, Some("elo"), None),
    n("6277800000000006", true, true, Some("elo"), None),
    n("6370950000000005", true, true, Some("hiper"), None),
    n("6062820000000003", true, true, Some("hipercard"), None),
    // Not card numbers.
    n("0", false, false, NONE, Some("unknown_brand")),
    n("7", false, false, NONE, Some("unknown_brand")),
    n("1802", false, false, NONE, Some("unknown_brand")),
    n("2721", false, false, NONE, Some("unknown_brand")),
    n("4811.1111", false, false, NONE, Some("invalid_characters")),
    n("4811a", false, false, NONE, Some("invalid_characters")),
    n("\u{ff14}\u{ff18}\u{ff11}\u{ff11}", false, false, NONE, Some("invalid_characters")),
    n("4811\u{1f600}", false, false, NONE, Some("invalid_characters")),
    n("+4811111111111114", false, false, NONE, Some("invalid_characters")),
    n("\u{0}", false, false, NONE, Some("invalid_characters")),
    // Merchant's accepted brands.
    NumberCase {
        input: "370192169722458",
        supported: &["visa", "mastercard"],
        luhn_unionpay: false,
        valid: false,
        potentially: false,
        brand: AMEX,
        candidates: &[],
        reason: Some("unsupported_brand"),
    },
    NumberCase {
        input: "2",
        supported: &["visa"],
        luhn_unionpay: false,
        valid: false,
        potentially: false,
        brand: NONE,
        candidates: &[],
        reason: Some("unsupported_brand"),
    },
    NumberCase {
        input: "2",
        supported: &["mastercard", "visa"],
        luhn_unionpay: false,
        valid: false,
        potentially: true,
        brand: NONE,
        candidates: &["mastercard"],
        reason: Some("incomplete"),
    },
    NumberCase {
        input: "4811111111111114",
        supported: &["visa", "mastercard", "jcb", "american-express"],
        luhn_unionpay: false,
        valid: true,
        potentially: true,
        brand: VISA,
        candidates: &["visa"],
        reason: None,
    },
];

/// An expiry case against `today` (year, month) with the default 19 years ahead.
pub struct ExpiryCase {
    pub input: &'static str,
    pub today: (u16, u8),
    pub valid: bool,
    pub potentially: bool,
    pub month: Option<u8>,
    pub year: Option<u16>,
    pub reason: Option<&'static str>,
}

const T: (u16, u8) = (2026, 11);

const fn e(
    input: &'static str,
    valid: bool,
    potentially: bool,
    month: Option<u8>,
    year: Option<u16>,
    reason: Option<&'static str>,
) -> ExpiryCase {
    ExpiryCase { input, today: T, valid, potentially, month, year, reason }
}

const fn et(
    today: (u16, u8),
    input: &'static str,
    valid: bool,
    potentially: bool,
    month: Option<u8>,
    year: Option<u16>,
    reason: Option<&'static str>,
) -> ExpiryCase {
    ExpiryCase { input, today, valid, potentially, month, year, reason }
}

pub const EXPIRIES: &[ExpiryCase] = &[
    e("", false, true, None, None, Some("required")),
    e("  ", false, true, None, None, Some("required")),
    // Every accepted format for January 2027.
    e("01/27", true, true, Some(1), Some(2027), None),
    e("1/27", true, true, Some(1), Some(2027), None),
    e("01 / 27", true, true, Some(1), Some(2027), None),
    e("01/2027", true, true, Some(1), Some(2027), None),
    e("01 27", true, true, Some(1), Some(2027), None),
    e("0127", true, true, Some(1), Some(2027), None),
    e("012027", true, true, Some(1), Some(2027), None),
    e("2027-01", true, true, Some(1), Some(2027), None),
    e("2027-1", true, true, Some(1), Some(2027), None),
    e(" 01/27 ", true, true, Some(1), Some(2027), None),
    // The current month is valid; the month before is not.
    e("11/26", true, true, Some(11), Some(2026), None),
    e("11/2026", true, true, Some(11), Some(2026), None),
    e("1126", true, true, Some(11), Some(2026), None),
    e("10/26", false, false, Some(10), Some(2026), Some("expired")),
    e("10/2026", false, false, Some(10), Some(2026), Some("expired")),
    e("12/25", false, false, Some(12), Some(2025), Some("expired")),
    // 19 years ahead at most.
    e("12/45", true, true, Some(12), Some(2045), None),
    e("12/2045", true, true, Some(12), Some(2045), None),
    e("01/46", false, false, Some(1), Some(2046), Some("too_far_future")),
    e("01/2046", false, false, Some(1), Some(2046), Some("too_far_future")),
    // "20" is a year, not a trap: expired as 2020, but "12/20" may still grow into "12/2030".
    e("12/20", false, true, Some(12), Some(2020), Some("expired")),
    e("1220", false, true, Some(12), Some(2020), Some("expired")),
    e("12/2020", false, false, Some(12), Some(2020), Some("expired")),
    et((2020, 7), "07/20", true, true, Some(7), Some(2020), None),
    et((2020, 7), "0720", true, true, Some(7), Some(2020), None),
    // Century-safe two-digit years.
    et((2081, 5), "05/99", true, true, Some(5), Some(2099), None),
    et((2081, 5), "05/81", true, true, Some(5), Some(2081), None),
    et((2081, 5), "04/81", false, false, Some(4), Some(2081), Some("expired")),
    et((2081, 5), "05/00", true, true, Some(5), Some(2100), None),
    et((2081, 5), "05/01", false, false, Some(5), Some(2101), Some("too_far_future")),
    et((2099, 12), "12/00", true, true, Some(12), Some(2100), None),
    // Typing, one key at a time.
    e("0", false, true, None, None, Some("incomplete")),
    e("1", false, true, None, None, Some("incomplete")),
    e("12", false, true, Some(12), None, Some("incomplete")),
    e("12/", false, true, Some(12), None, Some("incomplete")),
    e("12/2", false, true, Some(12), None, Some("incomplete")),
    e("12/20", false, true, Some(12), Some(2020), Some("expired")),
    e("12/202", false, true, Some(12), None, Some("incomplete")),
    e("12202", false, true, Some(12), None, Some("incomplete")),
    e("2", false, true, Some(2), None, Some("incomplete")),
    e("3/", false, true, Some(3), None, Some("incomplete")),
    e("123", false, true, Some(12), None, Some("incomplete")),
    e("13", false, true, Some(1), None, Some("incomplete")),
    e("2026-", false, true, None, None, Some("incomplete")),
    e("2026-0", false, false, None, None, Some("expired")),
    e("2027-0", false, true, None, None, Some("incomplete")),
    e("2026-1", false, true, Some(1), Some(2026), Some("expired")),
    e("2025-1", false, false, Some(1), Some(2025), Some("expired")),
    e("2025-", false, false, None, None, Some("expired")),
    e("2050-", false, false, None, None, Some("too_far_future")),
    // Prefixes that cannot become valid.
    e("12/199", false, false, Some(12), None, Some("expired")),
    e("12/205", false, false, Some(12), None, Some("too_far_future")),
    e("12/9", false, false, Some(12), None, Some("invalid_year")),
    e("126", false, false, Some(12), None, Some("invalid_year")),
    e("12/20261", false, false, Some(12), None, Some("invalid_year")),
    // Bad months and formats.
    e("13/26", false, false, None, None, Some("invalid_month")),
    e("00/26", false, false, None, None, Some("invalid_month")),
    e("0/26", false, false, None, None, Some("invalid_month")),
    e("/26", false, false, None, None, Some("invalid_month")),
    e("123/26", false, false, None, None, Some("invalid_month")),
    e("12/26/", false, false, None, None, Some("invalid_format")),
    e("12.26", false, false, None, None, Some("invalid_format")),
    e("ab/cd", false, false, None, None, Some("invalid_format")),
    e("12-26", false, false, None, None, Some("invalid_format")),
    e("1 2 26", false, false, None, None, Some("invalid_format")),
    e("\u{ff11}\u{ff12}/26", false, false, None, None, Some("invalid_format")),
    // Longer than 8 characters, or not ASCII: the package's boundary takes these through wasm
    // memory instead of the call's arguments (web/abi.rs `mc_short`); both ways must agree.
    e("12 / 2030", true, true, Some(12), Some(2030), None),
    e("  12/30  ", true, true, Some(12), Some(2030), None),
    e("12\u{a0}/\u{a0}30", true, true, Some(12), Some(2030), None),
    e("12 / 203012", false, false, Some(12), None, Some("invalid_year")),
    e("1 2 / 2030", false, false, None, None, Some("invalid_format")),
    e("\u{0}", false, false, None, None, Some("invalid_format")),
];

/// A separate month and year (`{ month, year }`, or `card_exp_month` + `card_exp_year`).
pub struct MonthYearCase {
    pub month: &'static str,
    pub year: &'static str,
    pub valid: bool,
    pub potentially: bool,
    pub reason: Option<&'static str>,
}

const fn my(
    month: &'static str,
    year: &'static str,
    valid: bool,
    potentially: bool,
    reason: Option<&'static str>,
) -> MonthYearCase {
    MonthYearCase { month, year, valid, potentially, reason }
}

pub const MONTH_YEARS: &[MonthYearCase] = &[
    my("11", "2026", true, true, None),
    my("11", "26", true, true, None),
    my("1", "2027", true, true, None),
    my("01", "27", true, true, None),
    my("2", "2031", true, true, None),
    my("", "", false, true, Some("required")),
    my("2", "", false, true, Some("incomplete")),
    my("11", "2", false, true, Some("incomplete")),
    my("0", "2027", false, false, Some("invalid_month")),
    my("13", "2027", false, false, Some("invalid_month")),
    my("10", "2026", false, false, Some("expired")),
    my("x", "2026", false, false, Some("invalid_format")),
    my("12", "2046", false, false, Some("too_far_future")),
];

/// A security-code case.
pub struct CvvCase {
    pub input: &'static str,
    pub brand: Option<&'static str>,
    pub valid: bool,
    pub potentially: bool,
    pub reason: Option<&'static str>,
}

const fn c(
    input: &'static str,
    brand: Option<&'static str>,
    valid: bool,
    potentially: bool,
    reason: Option<&'static str>,
) -> CvvCase {
    CvvCase { input, brand, valid, potentially, reason }
}

pub const CVVS: &[CvvCase] = &[
    c("123", NONE, true, true, None),
    c("1234", NONE, true, true, None),
    c("12", NONE, false, true, Some("incomplete")),
    c("", NONE, false, true, Some("required")),
    c("12345", NONE, false, false, Some("invalid_length")),
    c("12a", NONE, false, false, Some("invalid_characters")),
    c("\u{ff11}\u{ff12}\u{ff13}", NONE, false, false, Some("invalid_characters")),
    c("123", VISA, true, true, None),
    c(" 123 ", VISA, true, true, None),
    c("1234", VISA, false, false, Some("invalid_length")),
    c("123", AMEX, false, true, Some("incomplete")),
    c("1234", AMEX, true, true, None),
    c("12345", AMEX, false, false, Some("invalid_length")),
    c("123", Some("jcb"), true, true, None),
    // Longer than 8 characters: through wasm memory, not the call's arguments (`mc_short`).
    c(" 123     ", VISA, true, true, None),
    c("123456789", NONE, false, false, Some("invalid_length")),
    c("\u{a0}123\u{a0}", VISA, true, true, None),
];

/// `formatCardNumber(input) == output`.
pub const FORMATS: &[(&str, &str)] = &[
    ("", ""),
    ("4", "4"),
    ("4811", "4811"),
    ("48111", "4811 1"),
    ("4811111111111114", "4811 1111 1111 1114"),
    ("4811-1111 1111-1114", "4811 1111 1111 1114"),
    ("48111111111111141234", "4811 1111 1111 1114123"),
    ("370192169722458", "3701 921697 22458"),
    ("3701921697224580000", "3701 921697 22458"),
    ("30569309025904", "3056 930902 5904"),
    ("6212482535178193972", "6212 4825 3517 8193972"),
    ("5211111111111117999", "5211 1111 1111 1117"),
    ("abc", ""),
    ("4811\u{1f600}1111", "4811 1111"),
];

/// `formatCardInput(value, caret) == { value: out, caret: out_caret }`.
pub struct InputCase {
    pub value: &'static str,
    pub caret: u32,
    pub out: &'static str,
    pub out_caret: u32,
    pub what: &'static str,
}

const fn i(
    what: &'static str,
    value: &'static str,
    caret: u32,
    out: &'static str,
    out_caret: u32,
) -> InputCase {
    InputCase { value, caret, out, out_caret, what }
}

pub const INPUTS: &[InputCase] = &[
    i("empty", "", 0, "", 0),
    i("fourth digit", "4811", 4, "4811", 4),
    i("fifth digit opens a group", "48111", 5, "4811 1", 6),
    i("typing at the end", "4811 11111", 10, "4811 1111 1", 11),
    i("paste with dashes and spaces", "4811-1111 1111-1114", 19, "4811 1111 1111 1114", 19),
    i("paste before existing text", "4811111111111114", 16, "4811 1111 1111 1114", 19),
    i("insert after a space", "4811 91111 1111 111", 6, "4811 9111 1111 1111", 6),
    i("insert mid-group", "4811 1911 1111 111", 7, "4811 1911 1111 111", 7),
    i("backspace over a space", "48111111", 4, "4811 1111", 4),
    i("backspace mid-group", "4811 111 1111 1114", 6, "4811 1111 1111 114", 6),
    i("delete at the start", "811 1111", 0, "8111 111", 0),
    i("caret at 0", "4811", 0, "4811", 0),
    i("caret past the end", "4811", 99, "4811", 4),
    i("letters are dropped", "4811a", 5, "4811", 4),
    i("emoji before the caret", "\u{1f600}4811", 6, "4811", 4),
    i("amex groups", "3701921", 7, "3701 921", 8),
    i("amex full", "370192169722458", 15, "3701 921697 22458", 17),
    i("digits past the brand's maximum", "48111111111111141234", 20, "4811 1111 1111 1114123", 22),
    i("amex extra digit typed at the end", "3701 921697 224580", 18, "3701 921697 22458", 17),
];

/// `formatExpiryInput(value, caret, deleting) == { value: out, caret: out_caret }`.
pub struct ExpiryInputCase {
    pub value: &'static str,
    pub caret: u32,
    pub deleting: bool,
    pub out: &'static str,
    pub out_caret: u32,
    pub what: &'static str,
}

const fn x(
    what: &'static str,
    value: &'static str,
    caret: u32,
    deleting: bool,
    out: &'static str,
    out_caret: u32,
) -> ExpiryInputCase {
    ExpiryInputCase { value, caret, deleting, out, out_caret, what }
}

pub const EXPIRY_INPUTS: &[ExpiryInputCase] = &[
    x("empty", "", 0, false, "", 0),
    x("a 1 may be 10-12", "1", 1, false, "1", 1),
    x("a 0 waits for its month", "0", 1, false, "0", 1),
    x("1 then 2 gives the slash", "12", 2, false, "12/", 3),
    x("first digit 2-9 is a month", "4", 1, false, "04/", 3),
    x("first digit 9", "9", 1, false, "09/", 3),
    x("a year digit after the slash", "12/3", 4, false, "12/3", 4),
    x("typed without the slash", "1230", 4, false, "12/30", 5),
    x("no fifth digit", "04/305", 6, false, "04/30", 5),
    x("letters are dropped", "1a", 2, false, "1", 1),
    x("a typed slash after one digit means January", "1/", 2, false, "01/", 3),
    x("a typed slash after the month", "12//", 4, false, "12/", 3),
    x("paste MM/YYYY", "12/2030", 7, false, "12/30", 5),
    x("paste MMYYYY", "122030", 6, false, "12/30", 5),
    x("paste M/YYYY", "1/2030", 6, false, "01/30", 5),
    x("paste MM / YY", "12 / 30", 7, false, "12/30", 5),
    x("typing a four-digit year: 20Y waits", "12/203", 6, false, "12/203", 6),
    x("typing a four-digit year: 20YY becomes YY", "12/2030", 7, false, "12/30", 5),
    x("already formatted is kept", "12/30", 5, false, "12/30", 5),
    x("backspace over the slash removes it", "12", 2, true, "12", 2),
    x("backspace again removes the digit", "1", 1, true, "1", 1),
    x("backspace the year digit keeps the slash", "12/", 3, true, "12/", 3),
    x("backspace the last year digit", "12/3", 4, true, "12/3", 4),
    x("backspace the month digit before the slash", "1/", 1, true, "1", 1),
    x("backspace right after the slash moves past it", "1230", 2, true, "12/30", 2),
    x("backspace in the month keeps the year", "1/30", 1, true, "1/30", 1),
    x("retyping the month digit", "15/30", 2, false, "15/30", 3),
    x("deleting the leading zero of 02", "2/30", 0, true, "02/30", 0),
    x("caret in the year", "12/30", 4, false, "12/30", 4),
    x("caret at 0", "1230", 0, false, "12/30", 0),
    x("caret past the end", "12/30", 99, false, "12/30", 5),
    x("emoji before the caret", "\u{1f600}12", 4, false, "12/", 3),
    x("full-width digits are not digits", "\u{ff11}\u{ff12}", 2, false, "", 0),
];
