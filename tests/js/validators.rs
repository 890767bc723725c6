//! The JavaScript API (the `js` adapter's exports, compiled into the crate's own test build so
//! the adapter can stay private) in headless Chromium: the shared vector tables through the exported
//! functions (with real JS values crossing the boundary), and hostile inputs of every JS type.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use super::vectors;

use midtrans_card::web::api;
use vectors::*;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).expect("object")
}
fn s(v: &JsValue, k: &str) -> Option<String> {
    get(v, k).as_string()
}
fn b(v: &JsValue, k: &str) -> bool {
    get(v, k).as_bool().expect("boolean field")
}
fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    }
    o.into()
}
fn strings(list: &[&str]) -> JsValue {
    list.iter().map(|x| JsValue::from_str(x)).collect::<Array>().into()
}
fn today(y: u16, m: u8) -> JsValue {
    obj(&[("today", obj(&[("year", JsValue::from(y)), ("month", JsValue::from(m))]))])
}

#[wasm_bindgen_test]
fn number_vectors_through_js() {
    for case in NUMBERS {
        let mut opts = vec![("luhnValidateUnionPay", JsValue::from_bool(case.luhn_unionpay))];
        if !case.supported.is_empty() {
            opts.push(("supportedBrands", strings(case.supported)));
        }
        let r = api::validate_card_number(JsValue::from_str(case.input), obj(&opts));
        let what = case.input.escape_debug().to_string();
        assert_eq!(b(&r, "isValid"), case.valid, "{what}");
        assert_eq!(b(&r, "isPotentiallyValid"), case.potentially, "{what}");
        assert_eq!(s(&r, "brand").as_deref(), case.brand, "{what}");
        assert_eq!(s(&r, "reason").as_deref(), case.reason, "{what}");
        if !case.candidates.is_empty() {
            let got: Vec<String> =
                Array::from(&get(&r, "candidates")).iter().filter_map(|x| x.as_string()).collect();
            assert_eq!(got, case.candidates, "{what}");
        }
    }
}

#[wasm_bindgen_test]
fn expiry_vectors_through_js() {
    for case in EXPIRIES {
        let r = api::validate_expiry(JsValue::from_str(case.input), today(case.today.0, case.today.1));
        let what = case.input.escape_debug().to_string();
        assert_eq!(b(&r, "isValid"), case.valid, "{what}");
        assert_eq!(b(&r, "isPotentiallyValid"), case.potentially, "{what}");
        assert_eq!(get(&r, "month").as_f64(), case.month.map(f64::from), "{what}");
        assert_eq!(get(&r, "year").as_f64(), case.year.map(f64::from), "{what}");
        assert_eq!(s(&r, "reason").as_deref(), case.reason, "{what}");
    }
    for case in MONTH_YEARS {
        let value = obj(&[("month", JsValue::from_str(case.month)), ("year", JsValue::from_str(case.year))]);
        let r = api::validate_expiry(value, today(2026, 11));
        assert_eq!(b(&r, "isValid"), case.valid, "{}/{}", case.month, case.year);
        assert_eq!(s(&r, "reason").as_deref(), case.reason, "{}/{}", case.month, case.year);
    }
}

#[wasm_bindgen_test]
fn cvv_and_format_vectors_through_js() {
    for case in CVVS {
        let brand = case.brand.map_or(JsValue::NULL, JsValue::from_str);
        let r = api::validate_cvv(JsValue::from_str(case.input), brand);
        assert_eq!(b(&r, "isValid"), case.valid, "{}", case.input);
        assert_eq!(b(&r, "isPotentiallyValid"), case.potentially, "{}", case.input);
        assert_eq!(s(&r, "reason").as_deref(), case.reason, "{}", case.input);
    }
    for (input, out) in FORMATS {
        assert_eq!(api::format_card_number(JsValue::from_str(input)).as_string().as_deref(), Some(*out));
    }
    for case in INPUTS {
        let r = api::format_card_input(JsValue::from_str(case.value), JsValue::from(case.caret));
        assert_eq!(s(&r, "value").as_deref(), Some(case.out), "{}", case.what);
        assert_eq!(get(&r, "caret").as_f64(), Some(f64::from(case.out_caret)), "{}", case.what);
    }
    for case in EXPIRY_INPUTS {
        let kind = JsValue::from_str(if case.deleting { "deleteContentBackward" } else { "insertText" });
        let r = api::format_expiry_input(JsValue::from_str(case.value), JsValue::from(case.caret), kind);
        assert_eq!(s(&r, "value").as_deref(), Some(case.out), "{}", case.what);
        assert_eq!(get(&r, "caret").as_f64(), Some(f64::from(case.out_caret)), "{}", case.what);
    }
}

#[wasm_bindgen_test]
fn numbers_and_bigints_are_read_without_loss() {
    let r = api::validate_card_number(JsValue::from_f64(4811111111111114.0), JsValue::UNDEFINED);
    assert!(b(&r, "isValid"));
    let big = js_sys::BigInt::new(&JsValue::from_str("6212482535178193972")).expect("bigint");
    let r = api::validate_card_number(big.into(), JsValue::UNDEFINED);
    assert_eq!(s(&r, "brand").as_deref(), Some("unionpay"));
    assert!(b(&r, "isValid"));
    // Past 2^53 a JS number has already lost digits: refuse it rather than guess.
    let r = api::validate_card_number(JsValue::from_f64(6212482535178193972.0), JsValue::UNDEFINED);
    assert_eq!(s(&r, "reason").as_deref(), Some("invalid_characters"));
    // Docs examples pass the month as a number.
    let card = obj(&[
        ("card_number", JsValue::from_str("4811 1111 1111 1114")),
        ("card_exp_month", JsValue::from_f64(2.0)),
        ("card_exp_year", JsValue::from_f64(2030.0)),
        ("card_cvv", JsValue::from_f64(123.0)),
    ]);
    let r = api::validate_card(card, today(2026, 11));
    assert!(b(&r, "isValid"));
    assert_eq!(s(&r, "brand").as_deref(), Some("visa"));
}

fn hostile() -> Vec<(&'static str, JsValue)> {
    let fun = js_sys::Function::new_no_args("return 1");
    vec![
        ("null", JsValue::NULL),
        ("undefined", JsValue::UNDEFINED),
        ("object", Object::new().into()),
        ("array", strings(&["4811", "1111"])),
        ("true", JsValue::TRUE),
        ("NaN", JsValue::from_f64(f64::NAN)),
        ("Infinity", JsValue::from_f64(f64::INFINITY)),
        ("-1", JsValue::from_f64(-1.0)),
        ("1.5", JsValue::from_f64(1.5)),
        ("symbol", js_sys::Symbol::for_("x").into()),
        ("function", fun.into()),
        ("emoji", JsValue::from_str("\u{1f4b3}\u{1f4b3}")),
        ("full-width digits", JsValue::from_str("\u{ff14}\u{ff18}\u{ff11}\u{ff11}")),
        ("lone surrogate", js_sys::JsString::from_char_code1(0xd800).into()),
        ("1 MB of digits", JsValue::from_str(&"4".repeat(1 << 20))),
        ("1 MB of junk", JsValue::from_str(&"x/".repeat(1 << 19))),
    ]
}

#[wasm_bindgen_test]
fn hostile_inputs_get_verdicts_not_panics() {
    for (what, v) in hostile() {
        let r = api::validate_card_number(v.clone(), v.clone());
        assert!(!b(&r, "isValid"), "{what}");
        assert!(s(&r, "reason").is_some(), "{what}");
        let r = api::validate_expiry(v.clone(), v.clone());
        assert!(!b(&r, "isValid"), "{what}");
        assert!(s(&r, "reason").is_some(), "{what}");
        let r = api::validate_cvv(v.clone(), v.clone());
        assert!(!b(&r, "isValid"), "{what}");
        let r = api::validate_card(v.clone(), v.clone());
        assert!(!b(&r, "isValid"), "{what}");
        assert!(Array::from(&get(&r, "errors")).length() >= 1, "{what}");
        let _ = api::detect_brand(v.clone());
        let _ = api::format_card_number(v.clone());
        let r = api::format_card_input(v.clone(), v.clone());
        assert!(get(&r, "value").is_string(), "{what}");
        let r = api::format_expiry_input(v.clone(), v.clone(), v.clone());
        assert!(get(&r, "value").is_string(), "{what}");
    }
}

#[wasm_bindgen_test]
fn card_errors_list_every_field_and_never_the_number() {
    let card = obj(&[
        ("card_number", JsValue::from_str("4811111111111115")),
        ("card_exp_month", JsValue::from_str("13")),
        ("card_exp_year", JsValue::from_str("2026")),
        ("card_cvv", JsValue::from_str("12")),
    ]);
    let r = api::validate_card(card, today(2026, 11));
    let errors = Array::from(&get(&r, "errors"));
    let fields: Vec<String> = errors.iter().filter_map(|e| s(&e, "field")).collect();
    assert_eq!(fields, ["card_number", "card_exp", "card_cvv"]);
    let codes: Vec<String> = errors.iter().filter_map(|e| s(&e, "code")).collect();
    assert_eq!(codes, ["luhn", "invalid_month", "incomplete"]);
    let text = js_sys::JSON::stringify(&r).expect("json").as_string().expect("string");
    assert!(!text.contains("4811111111111115"), "{text}");
    assert!(!text.contains("48111111"), "{text}");
    // Indonesian messages on request.
    let r = api::validate_card(obj(&[]), obj(&[("locale", JsValue::from_str("id-ID"))]));
    let first = Array::from(&get(&r, "errors")).get(0);
    assert_eq!(s(&first, "message").as_deref(), Some("Masukkan nomor kartu Anda."));
}

#[wasm_bindgen_test]
fn two_click_validates_the_cvv_against_the_saved_tokens_brand() {
    let token = JsValue::from_str("37019216sHfSakAvHvFQFEjTivUV2458");
    let r = api::validate_card(
        obj(&[("token_id", token.clone()), ("card_cvv", JsValue::from_str("123"))]),
        JsValue::UNDEFINED,
    );
    assert_eq!(s(&r, "brand").as_deref(), Some("american-express"));
    let codes: Vec<String> = Array::from(&get(&r, "errors")).iter().filter_map(|e| s(&e, "code")).collect();
    assert_eq!(codes, ["incomplete"]);
    let r = api::validate_card(
        obj(&[("token_id", token), ("card_cvv", JsValue::from_str("1234"))]),
        JsValue::UNDEFINED,
    );
    assert!(b(&r, "isValid"));
}

#[wasm_bindgen_test]
fn detect_brand_describes_the_brand() {
    let r = api::detect_brand(JsValue::from_str("3701 92"));
    assert_eq!(s(&r, "brand").as_deref(), Some("american-express"));
    assert_eq!(s(&r, "niceName").as_deref(), Some("American Express"));
    assert_eq!(s(&r, "cvvName").as_deref(), Some("CID"));
    assert_eq!(get(&r, "cvvLength").as_f64(), Some(4.0));
    let gaps: Vec<f64> = Array::from(&get(&r, "gaps")).iter().filter_map(|x| x.as_f64()).collect();
    assert_eq!(gaps, [4.0, 10.0]);
    assert!(api::detect_brand(JsValue::from_str("4")).is_null());
    assert!(api::detect_brand(JsValue::from_str("0")).is_null());
    let _ = JsValue::from(Array::new()).dyn_into::<Array>();
}

#[wasm_bindgen_test]
fn default_today_is_the_browsers_date() {
    let now = js_sys::Date::new_0();
    let (y, m) = (now.get_full_year(), now.get_month() + 1);
    let this_month = obj(&[("month", JsValue::from(m)), ("year", JsValue::from(y))]);
    assert!(b(&api::validate_expiry(this_month, JsValue::UNDEFINED), "isValid"));
    let last_year = obj(&[("month", JsValue::from(m)), ("year", JsValue::from(y - 1))]);
    let r = api::validate_expiry(last_year, JsValue::UNDEFINED);
    assert_eq!(s(&r, "reason").as_deref(), Some("expired"));
}
