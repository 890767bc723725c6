//! Property tests on the host: no input of any length or content panics a validator, and
//! formatting round-trips through normalisation.
#![cfg(not(target_arch = "wasm32"))]

use midtrans_card::domain::{
    self, digits, format_card_input, format_card_number, validate_cvv, validate_expiry, validate_month_year,
    validate_number, Brand, CardInput, CardOptions, ExpiryOptions, Locale, NumberOptions, YearMonth,
};
use proptest::prelude::*;

fn any_today() -> impl Strategy<Value = ExpiryOptions> {
    (1u16..=9000, 1u8..=12, 0u16..=99).prop_map(|(year, month, max)| ExpiryOptions {
        today: YearMonth { year, month },
        max_years_ahead: max,
    })
}

/// Strings that look like card input: digits, separators, and some noise.
fn cardish() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9 /\\-\u{a0}a\u{ff11}\u{1f600}]{0,40}").expect("regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validators_never_panic(s in any::<String>(), o in any_today(), b in 0usize..16) {
        let brand = Brand::ALL.get(b).copied();
        let v = validate_number(&s, &NumberOptions::default());
        prop_assert!(!v.is_valid || v.is_potentially_valid);
        prop_assert_eq!(v.is_valid, v.reason.is_none());
        let e = validate_expiry(&s, &o);
        prop_assert!(!e.is_valid || e.is_potentially_valid);
        prop_assert_eq!(e.is_valid, e.reason.is_none());
        let _ = validate_month_year(&s, &s, &o);
        let c = validate_cvv(&s, brand);
        prop_assert_eq!(c.is_valid, c.reason.is_none());
        let _ = format_card_number(&s);
        let _ = format_card_input(&s, s.len());
        let card = CardInput::from_text(Some(&s), Some(&s), Some(&s), Some(&s), Some(&s));
        let opts = CardOptions { number: NumberOptions::default(), expiry: o, locale: Locale::Id };
        let _ = domain::validate_card(&card, &opts);
    }

    #[test]
    fn cardish_input_never_panics(s in cardish(), o in any_today(), caret in 0usize..64) {
        let _ = validate_number(&s, &NumberOptions::default());
        let _ = validate_expiry(&s, &o);
        let (out, c) = format_card_input(&s, caret);
        prop_assert!(c <= out.len());
    }

    #[test]
    fn format_round_trips(s in cardish()) {
        let once = format_card_number(&s);
        // Idempotent.
        prop_assert_eq!(format_card_number(&once), once.clone());
        // Normalising the formatted value gives back the kept digits, a prefix of the input's.
        let kept = digits::normalise(&once).expect("formatted output normalises");
        let all: String = s.chars().filter(char::is_ascii_digit).collect();
        prop_assert!(all.starts_with(kept.as_str()));
        // Formatting never changes the verdict on the kept digits.
        prop_assert_eq!(
            validate_number(&once, &NumberOptions::default()),
            validate_number(kept.as_str(), &NumberOptions::default())
        );
    }

    #[test]
    fn input_caret_follows_its_digit(s in "[0-9]{0,19}", caret in 0usize..20) {
        let caret = caret.min(s.len());
        let (out, c) = format_card_input(&s, caret);
        prop_assert_eq!(out.clone(), format_card_number(&s));
        let before = out[..c].bytes().filter(u8::is_ascii_digit).count();
        let kept = out.bytes().filter(u8::is_ascii_digit).count();
        prop_assert_eq!(before, caret.min(kept));
        prop_assert!(!out[..c].ends_with(' '));
    }

    #[test]
    fn valid_numbers_stay_valid_with_separators(
        b in 0usize..15, body in "[0-9]{18}", sep in prop_oneof![Just(" "), Just("-"), Just("\u{a0}")]
    ) {
        // Build a Luhn-valid number of the brand's first length from its first pattern.
        let info = Brand::ALL[b].info();
        let len = usize::from(info.lengths[0]);
        let mut d: String = info.patterns[0].lo.to_string();
        d.push_str(&body);
        d.truncate(len - 1);
        let check = (0..10).map(|x| format!("{d}{x}")).find(|c| luhn_ok(c)).expect("a check digit");
        let plain = validate_number(&check, &NumberOptions::default());
        let spaced: String = check.chars().enumerate().flat_map(|(i, ch)| {
            let s = if i > 0 && i % 4 == 0 { Some(sep) } else { None };
            s.into_iter().flat_map(str::chars).chain(std::iter::once(ch))
        }).collect();
        prop_assert_eq!(validate_number(&spaced, &NumberOptions::default()), plain);
    }
}

fn luhn_ok(s: &str) -> bool {
    domain::luhn::is_valid(s.as_bytes())
}

#[test]
fn a_megabyte_of_digits_is_just_too_long() {
    let s = "4".repeat(1 << 20);
    let v = validate_number(&s, &NumberOptions::default());
    assert_eq!(v.reason.map(|r| r.code()), Some("invalid_length"));
    assert_eq!(format_card_number(&s).len(), 22);
}

/// `Truncated::matches_token` as it was written with `str::splitn` (its byte-level rewrite must
/// decide the same on every token).
fn matches_token_splitn(t: &domain::Truncated, token_id: &str) -> bool {
    let mut parts = token_id.splitn(3, '-');
    let (Some(bin), Some(last4), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return true;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(bin) && digits(last4) && (bin.len() == 6 || bin.len() == 8) && last4.len() == 4) {
        return true;
    }
    let known = bin.len().min(t.bin().len());
    bin.get(..known) == t.bin().get(..known) && last4 == t.last4()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    #[test]
    fn token_match_is_the_splitn_rule(
        token in prop_oneof![
            proptest::string::string_regex("[0-9\\-a\u{e9}]{0,20}").expect("regex"),
            // Pieces of real tokens, so the 6/8-digit BIN, 4-digit tail and dashes line up often.
            prop::collection::vec(
                prop::sample::select(vec!["48111111", "481111", "52111111", "370192", "37019216", "1114", "1117", "2458", "-", "x", "9", ""]),
                0..6,
            )
            .prop_map(|p| p.concat()),
        ],
        number in prop::sample::select(vec!["4811111111111114", "370192162458", "5211111111111117", "481111111111"]),
    ) {
        let t = domain::Truncated::of(number).expect("a card number");
        prop_assert_eq!(t.matches_token(&token), matches_token_splitn(&t, &token), "{}", token);
    }
}
