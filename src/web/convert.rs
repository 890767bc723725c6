//! Conversions between JavaScript values and the domain: reading inputs leniently (never
//! trusting their type) and building the plain result objects the API returns.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::sys;

use crate::domain::{
    Brand, BrandInfo, BrandSet, CardVerdict, CvvVerdict, ExpiryOptions, ExpiryVerdict, Locale, NumberOptions,
    NumberVerdict, YearMonth, DEFAULT_MAX_YEARS_AHEAD,
};

/// `Number.MAX_SAFE_INTEGER`: larger numbers have already lost digits in JavaScript.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Reads a JS value as text: strings as they are, safe non-negative integers and bigints in
/// decimal, `null`/`undefined` as empty. `None` for anything else (objects, booleans, fractions,
/// unsafe integers, symbols), which callers report as invalid characters.
pub fn text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    if v.is_undefined() || v.is_null() {
        return Some(String::new());
    }
    if let Some(n) = v.as_f64() {
        if (0.0..=MAX_SAFE).contains(&n) && n.fract() == 0.0 {
            return Some(uint_to_string(n as u64));
        }
        return None;
    }
    if v.is_bigint() {
        let s = v.clone().unchecked_into::<js_sys::BigInt>().to_string(10).ok()?.as_string()?;
        return (!s.starts_with('-')).then_some(s);
    }
    None
}

/// Decimal digits of `n` without `format!`.
pub fn uint_to_string(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[i..].iter().map(|&b| char::from(b)).collect()
}

/// `obj[key]`, or `undefined` when `obj` is not an object or the getter throws.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A card field: `None` when absent (`undefined`/`null`), `Some("\0")` (an invalid value) when it
/// is not text.
pub fn card_field(card: &JsValue, key: &str) -> Option<String> {
    let v = get(card, key);
    if v.is_undefined() || v.is_null() {
        return None;
    }
    Some(text(&v).unwrap_or_else(|| "\u{0}".into()))
}

/// `options.timeoutMs` when it is a non-negative number, else `default` (milliseconds).
pub fn timeout_ms(options: &JsValue, default: u32) -> u32 {
    match get_f64(options, "timeoutMs") {
        Some(ms) if ms >= 0.0 => ms.min(f64::from(i32::MAX)) as u32,
        _ => default,
    }
}

/// The strings of an array (other entries skipped); empty when `v` is not an array.
pub fn string_list(v: &JsValue) -> Vec<String> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    v.unchecked_ref::<Array>().iter().filter_map(|x| x.as_string()).collect()
}

/// `obj[key]` as a number, when it is a finite one.
pub fn get_f64(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).as_f64().filter(|n| n.is_finite())
}

/// Sets `obj[key] = value` on an object this module created (cannot throw).
pub fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn brand_value(b: Option<Brand>) -> JsValue {
    b.map_or(JsValue::NULL, |b| JsValue::from_str(b.id()))
}

fn u8_array(xs: &[u8]) -> Array {
    xs.iter().map(|&x| JsValue::from_f64(f64::from(x))).collect()
}

/// Reads `supportedBrands` (an array of brand strings; unknown strings match nothing).
pub fn supported_brands(options: &JsValue) -> BrandSet {
    let list = get(options, "supportedBrands");
    if !Array::is_array(&list) {
        return BrandSet::ALL;
    }
    let mut out = BrandSet::EMPTY;
    for v in list.unchecked_into::<Array>().iter() {
        if let Some(b) = v.as_string().as_deref().and_then(Brand::from_id) {
            out.insert(b);
        }
    }
    out
}

/// Number options from `{ supportedBrands?, luhnValidateUnionPay? }`.
pub fn number_options(options: &JsValue) -> NumberOptions {
    NumberOptions {
        supported: supported_brands(options),
        luhn_unionpay: get(options, "luhnValidateUnionPay").as_bool().unwrap_or(false),
    }
}

/// Expiry options from `{ today?: { year, month }, maxYearsAhead? }`, today defaulting to the
/// browser's local date.
pub fn expiry_options(options: &JsValue) -> ExpiryOptions {
    let t = get(options, "today");
    let today = match (get_f64(&t, "year"), get_f64(&t, "month")) {
        (Some(y), Some(m)) if (1.0..=9000.0).contains(&y) && (1.0..=12.0).contains(&m) => {
            YearMonth { year: y as u16, month: m as u8 }
        }
        _ => super::clock::today(),
    };
    let max_years_ahead = match get_f64(options, "maxYearsAhead") {
        Some(n) if (0.0..=99.0).contains(&n) => n as u16,
        _ => DEFAULT_MAX_YEARS_AHEAD,
    };
    ExpiryOptions { today, max_years_ahead }
}

/// Locale from `{ locale?: 'en' | 'id' }`.
pub fn locale(options: &JsValue) -> Locale {
    get(options, "locale").as_string().map_or(Locale::En, |s| Locale::from_tag(&s))
}

/// Packs a number verdict: bit 0 valid, 1 potentially valid, 2-5 brand (15 = none), 6-8 reason
/// (0 = none), 9-23 candidates. `glue.js` decodes it.
pub fn number_bits(v: &NumberVerdict) -> u32 {
    let brand = v.brand.map_or(15, |b| b.index() as u32);
    let reason = v.reason.map_or(0, |r| r as u32 + 1);
    u32::from(v.is_valid)
        | u32::from(v.is_potentially_valid) << 1
        | brand << 2
        | reason << 6
        | u32::from(v.candidates.0) << 9
}

/// Packs an expiry verdict: bit 0 valid, 1 potentially valid, 2-4 reason, 5-8 month, 9-22 year.
pub fn expiry_bits(v: &ExpiryVerdict) -> u32 {
    let reason = v.reason.map_or(0, |r| r as u32 + 1);
    let month = u32::from(v.month.unwrap_or(0));
    let year = u32::from(v.year.unwrap_or(0)).min(16383);
    u32::from(v.is_valid) | u32::from(v.is_potentially_valid) << 1 | reason << 2 | month << 5 | year << 9
}

/// Packs a CVV verdict: bit 0 valid, 1 potentially valid, 2-4 reason.
pub fn cvv_bits(v: &CvvVerdict) -> u32 {
    u32::from(v.is_valid) | u32::from(v.is_potentially_valid) << 1 | v.reason.map_or(0, |r| r as u32 + 1) << 2
}

/// `{ isValid, isPotentiallyValid, brand, candidates, reason }`.
pub fn number_result(v: &NumberVerdict) -> JsValue {
    sys::number_from_bits(number_bits(v))
}

/// `{ isValid, isPotentiallyValid, month, year, reason }`.
pub fn expiry_result(v: &ExpiryVerdict) -> JsValue {
    sys::expiry_from_bits(expiry_bits(v))
}

/// `{ isValid, isPotentiallyValid, reason }`.
pub fn cvv_result(v: &CvvVerdict) -> JsValue {
    sys::cvv_from_bits(cvv_bits(v))
}

/// `[{ field, code, message }]`.
pub fn field_errors(v: &CardVerdict) -> Array {
    v.errors
        .iter()
        .map(|e| {
            let o = Object::new();
            set(&o, "field", &JsValue::from_str(e.field.name()));
            set(&o, "code", &JsValue::from_str(e.code));
            set(&o, "message", &JsValue::from_str(e.message));
            JsValue::from(o)
        })
        .collect()
}

/// `{ isValid, brand, errors }`.
pub fn card_result(v: &CardVerdict) -> JsValue {
    let o = Object::new();
    set(&o, "isValid", &JsValue::from_bool(v.is_valid));
    set(&o, "brand", &brand_value(v.brand));
    set(&o, "errors", &field_errors(v));
    o.into()
}

/// `{ brand, niceName, lengths, gaps, cvvName, cvvLength }`.
pub fn brand_info(info: &BrandInfo) -> JsValue {
    let o = Object::new();
    set(&o, "brand", &JsValue::from_str(info.id));
    set(&o, "niceName", &JsValue::from_str(info.nice_name));
    set(&o, "lengths", &u8_array(info.lengths));
    set(&o, "gaps", &u8_array(info.gaps));
    set(&o, "cvvName", &JsValue::from_str(info.cvv_name));
    set(&o, "cvvLength", &JsValue::from_f64(f64::from(info.cvv_len)));
    o.into()
}

#[cfg(feature = "midtrans")]
/// Popup options from `{ closable?, title?, classPrefix?, container? }`.
pub fn popup_options(options: &JsValue) -> super::popup::PopupOptions {
    let mut o = super::popup::PopupOptions::default();
    if let Some(c) = get(options, "closable").as_bool() {
        o.closable = c;
    }
    if let Some(t) = get(options, "title").as_string().filter(|t| !t.trim().is_empty()) {
        o.title = t;
    }
    if let Some(p) = get(options, "classPrefix").as_string() {
        o.prefix = p;
    }
    o.container = get(options, "container").dyn_into::<web_sys::HtmlElement>().ok();
    o
}

#[cfg(feature = "midtrans")]
/// `{ name: value }` string pairs of a plain object (headers).
pub fn string_pairs(obj: &JsValue) -> Vec<(String, String)> {
    if !obj.is_object() {
        return Vec::new();
    }
    js_sys::Object::entries(obj.unchecked_ref())
        .iter()
        .filter_map(|pair| {
            let pair: Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}
