//! The vector tables against the pure core: on the host (`cargo test`) and in headless Chromium
//! (`wasm-pack test --headless --chrome`), the same tables.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod vectors;

use midtrans_card::domain::{
    format_card_input, format_card_number, format_expiry_input, validate_cvv, validate_expiry,
    validate_month_year, validate_number, Brand, BrandSet, ExpiryOptions, NumberOptions, YearMonth,
};
use vectors::*;

fn set_of(ids: &[&str]) -> BrandSet {
    if ids.is_empty() {
        return BrandSet::ALL;
    }
    let mut s = BrandSet::EMPTY;
    for id in ids {
        s.insert(Brand::from_id(id).expect("known brand"));
    }
    s
}

#[test]
fn number_vectors() {
    for case in NUMBERS {
        let opts = NumberOptions { supported: set_of(case.supported), luhn_unionpay: case.luhn_unionpay };
        let v = validate_number(case.input, &opts);
        let what = case.input.escape_debug().to_string();
        assert_eq!(v.is_valid, case.valid, "isValid {what}");
        assert_eq!(v.is_potentially_valid, case.potentially, "isPotentiallyValid {what}");
        assert_eq!(v.brand.map(Brand::id), case.brand, "brand {what}");
        assert_eq!(v.reason.map(|r| r.code()), case.reason, "reason {what}");
        if !case.candidates.is_empty() {
            let got: Vec<_> = v.candidates.iter().map(Brand::id).collect();
            assert_eq!(got, case.candidates, "candidates {what}");
        }
        if let Some(b) = v.brand {
            if v.reason != Some(midtrans_card::domain::NumberReason::UnsupportedBrand) {
                assert_eq!(v.candidates, BrandSet::only(b), "candidates of a known brand {what}");
            }
        }
    }
}

fn opts(today: (u16, u8)) -> ExpiryOptions {
    ExpiryOptions { today: YearMonth { year: today.0, month: today.1 }, max_years_ahead: 19 }
}

#[test]
fn expiry_vectors() {
    for case in EXPIRIES {
        let v = validate_expiry(case.input, &opts(case.today));
        let what = case.input.escape_debug().to_string();
        assert_eq!(v.is_valid, case.valid, "isValid {what}");
        assert_eq!(v.is_potentially_valid, case.potentially, "isPotentiallyValid {what}");
        assert_eq!(v.month, case.month, "month {what}");
        assert_eq!(v.year, case.year, "year {what}");
        assert_eq!(v.reason.map(|r| r.code()), case.reason, "reason {what}");
    }
}

#[test]
fn month_year_vectors() {
    for case in MONTH_YEARS {
        let v = validate_month_year(case.month, case.year, &opts((2026, 11)));
        let what = [case.month, case.year].join("|");
        assert_eq!(v.is_valid, case.valid, "isValid {what}");
        assert_eq!(v.is_potentially_valid, case.potentially, "isPotentiallyValid {what}");
        assert_eq!(v.reason.map(|r| r.code()), case.reason, "reason {what}");
    }
}

#[test]
fn max_years_ahead_is_configurable() {
    let o = ExpiryOptions { today: YearMonth { year: 2026, month: 11 }, max_years_ahead: 5 };
    assert!(validate_expiry("12/31", &o).is_valid);
    assert_eq!(validate_expiry("01/32", &o).reason.map(|r| r.code()), Some("too_far_future"));
}

#[test]
fn cvv_vectors() {
    for case in CVVS {
        let v = validate_cvv(case.input, case.brand.and_then(Brand::from_id));
        let what = case.input.escape_debug().to_string();
        assert_eq!(v.is_valid, case.valid, "isValid {what}");
        assert_eq!(v.is_potentially_valid, case.potentially, "isPotentiallyValid {what}");
        assert_eq!(v.reason.map(|r| r.code()), case.reason, "reason {what}");
    }
}

#[test]
fn format_vectors() {
    for (input, out) in FORMATS {
        assert_eq!(format_card_number(input), *out, "{}", input.escape_debug());
    }
}

#[test]
fn format_expiry_input_vectors() {
    for case in EXPIRY_INPUTS {
        let (out, caret) = format_expiry_input(case.value, case.caret as usize, case.deleting);
        assert_eq!((out.as_str(), caret as u32), (case.out, case.out_caret), "{}", case.what);
    }
}

#[test]
fn format_input_vectors() {
    for case in INPUTS {
        let (out, caret) = format_card_input(case.value, case.caret as usize);
        assert_eq!((out.as_str(), caret as u32), (case.out, case.out_caret), "{}", case.what);
    }
}
