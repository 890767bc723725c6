//! The JavaScript API: the crate's only `#[wasm_bindgen]` exports.
//!
//! Every function accepts any JavaScript value and never throws for bad input: it answers an
//! invalid verdict with a reason code instead.

use wasm_bindgen::prelude::*;

use super::convert::{self, text};
use crate::domain::{self, Brand, CardInput, CardOptions};

/// `validateCardNumber(value, options?)`: tri-state verdict, brand, candidates and reason.
#[wasm_bindgen(js_name = validateCardNumber, skip_typescript)]
pub fn validate_card_number(value: JsValue, options: JsValue) -> JsValue {
    let opts = convert::number_options(&options);
    let v = match text(&value) {
        Some(s) => domain::validate_number(&s, &opts),
        None => domain::validate_number("\u{0}", &opts),
    };
    convert::number_result(&v)
}

/// `validateExpiry(value, options?)`: a string in any accepted format, or `{ month, year }`.
#[wasm_bindgen(js_name = validateExpiry, skip_typescript)]
pub fn validate_expiry(value: JsValue, options: JsValue) -> JsValue {
    let opts = convert::expiry_options(&options);
    let v = if value.is_object() {
        match (text(&convert::get(&value, "month")), text(&convert::get(&value, "year"))) {
            (Some(m), Some(y)) => domain::validate_month_year(&m, &y, &opts),
            _ => domain::validate_expiry("\u{0}", &opts),
        }
    } else {
        domain::validate_expiry(&text(&value).unwrap_or_else(|| "\u{0}".into()), &opts)
    };
    convert::expiry_result(&v)
}

/// `validateCvv(value, brand?)`: the brand's code size; 3 or 4 digits when no brand is known.
#[wasm_bindgen(js_name = validateCvv, skip_typescript)]
pub fn validate_cvv(value: JsValue, brand: JsValue) -> JsValue {
    let b = brand.as_string().as_deref().and_then(Brand::from_id);
    let v = domain::validate_cvv(&text(&value).unwrap_or_else(|| "x".into()), b);
    convert::cvv_result(&v)
}

/// Reads a card field: `None` when absent, `Some("\0")` (an invalid value) when not text.
fn field(card: &JsValue, key: &str) -> Option<String> {
    let v = convert::get(card, key);
    if v.is_undefined() || v.is_null() {
        return None;
    }
    Some(text(&v).unwrap_or_else(|| "\u{0}".into()))
}

/// `validateCard(card, options?)`: every field of Midtrans's card object, every error listed.
#[wasm_bindgen(js_name = validateCard, skip_typescript)]
pub fn validate_card(card: JsValue, options: JsValue) -> JsValue {
    let (number, month, year, cvv, token) = (
        field(&card, "card_number"),
        field(&card, "card_exp_month"),
        field(&card, "card_exp_year"),
        field(&card, "card_cvv"),
        field(&card, "token_id"),
    );
    let input = CardInput {
        number: number.as_deref(),
        exp_month: month.as_deref(),
        exp_year: year.as_deref(),
        cvv: cvv.as_deref(),
        token_id: token.as_deref(),
    };
    let opts = CardOptions {
        number: convert::number_options(&options),
        expiry: convert::expiry_options(&options),
        locale: convert::locale(&options),
    };
    convert::card_result(&domain::validate_card(&input, &opts))
}

/// `detectBrand(value)`: the brand's details once the digits determine one brand, else `null`.
#[wasm_bindgen(js_name = detectBrand, skip_typescript)]
pub fn detect_brand(value: JsValue) -> JsValue {
    let Some(s) = text(&value) else { return JsValue::NULL };
    match domain::digits::normalise(&s) {
        Ok(d) => domain::detect(d.as_bytes()).brand.map_or(JsValue::NULL, |b| convert::brand_info(b.info())),
        Err(_) => JsValue::NULL,
    }
}

/// `formatCardNumber(value)`: `"4811111111111114"` -> `"4811 1111 1111 1114"`.
#[wasm_bindgen(js_name = formatCardNumber, skip_typescript)]
pub fn format_card_number(value: JsValue) -> String {
    domain::format_card_number(&text(&value).unwrap_or_default())
}

/// `formatCardInput(value, caret)`: as-you-type formatting that keeps the caret by its digit.
#[wasm_bindgen(js_name = formatCardInput, skip_typescript)]
pub fn format_card_input(value: JsValue, caret: JsValue) -> JsValue {
    let s = value.as_string().or_else(|| text(&value)).unwrap_or_default();
    let caret = match caret.as_f64() {
        Some(c) if c.is_finite() && c >= 0.0 => c.min(u32::MAX as f64) as usize,
        _ => usize::MAX,
    };
    let (out, c) = domain::format_card_input(&s, caret);
    let o = js_sys::Object::new();
    convert::set(&o, "value", &JsValue::from_str(&out));
    convert::set(&o, "caret", &JsValue::from_f64(c as f64));
    o.into()
}
