//! The bottom layer over JavaScript values: reading them leniently (never trusting their type,
//! never throwing) and setting keys on objects this crate made. Everything above reads JS
//! values through here. Each feature (the flow, the `js` adapter) uses a part of it.
#![cfg_attr(not(all(feature = "js", feature = "flow")), allow(dead_code))]

#[allow(unused_imports)]
use crate::domain::prelude::*;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `Number.MAX_SAFE_INTEGER`: larger numbers have already lost digits in JavaScript.
#[cfg(not(feature = "js"))]
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Reads a JS value as text: strings as they are, safe non-negative integers and bigints in
/// decimal, `null`/`undefined` as empty. `None` for anything else (objects, booleans, fractions,
/// unsafe integers, symbols): not text.
///
/// The npm package's build reads it with the entry's own JavaScript `text` (glue.js), the same
/// rules in a few lines the entry ships anyway: -348 B of gzip against this function's wasm
/// (bench/ANALYSIS.md). A Rust app's build has no snippets and uses this one.
#[cfg(feature = "js")]
pub(crate) use super::sys::text;

/// Reads a JS value as text (see above): a Rust app's build.
#[cfg(not(feature = "js"))]
pub(crate) fn text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    if v.is_undefined() || v.is_null() {
        return Some(String::new());
    }
    if let Some(n) = v.as_f64() {
        if (0.0..=MAX_SAFE).contains(&n) && (n as u64) as f64 == n {
            return Some(crate::domain::digits::decimal(n as u64));
        }
        return None;
    }
    if v.is_bigint() {
        let s = v.clone().unchecked_into::<js_sys::BigInt>().to_string(10).ok()?.as_string()?;
        return (!s.starts_with('-')).then_some(s);
    }
    None
}

/// `obj[key]`, or `undefined` when `obj` is not an object or the getter throws.
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` as Midtrans text: a string, or a non-negative integer in decimal (`status_code`
/// may come as a number). `None` when absent or anything else.
pub(crate) fn field_text(obj: &JsValue, key: &str) -> Option<String> {
    let v = get(obj, key);
    if v.is_null() || v.is_undefined() {
        return None;
    }
    text(&v)
}

/// `obj[key]` as a number, when it is a finite one.
pub(crate) fn get_f64(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).as_f64().filter(|n| n.is_finite())
}

/// `obj[key]` as a string, when it is one.
pub(crate) fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// `obj[key]` as a boolean, when it is one.
pub(crate) fn get_bool(obj: &JsValue, key: &str) -> Option<bool> {
    get(obj, key).as_bool()
}

/// Sets `obj[key] = value` on an object this crate created (cannot throw).
pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// The strings of an array (other entries skipped); empty when `v` is not an array.
pub(crate) fn string_list(v: &JsValue) -> Vec<String> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    // An index loop: `Array::iter` with `filter_map` linked an iterator adapter per caller.
    let list: &Array = v.unchecked_ref();
    let mut out = Vec::new();
    for i in 0..list.length() {
        if let Some(s) = list.get(i).as_string() {
            out.push(s);
        }
    }
    out
}

/// `{ name: value }` string pairs of a plain object (headers); non-string values skipped.
#[cfg(feature = "flow")]
pub(crate) fn string_pairs(obj: &JsValue) -> Vec<(String, String)> {
    if !obj.is_object() {
        return Vec::new();
    }
    let entries = Object::entries(obj.unchecked_ref());
    let mut out = Vec::new();
    // An index loop, as in `string_list`.
    for i in 0..entries.length() {
        // `Object.entries` gives `[key, value]` arrays (checked as `string_list` checks).
        let pair = entries.get(i);
        if !Array::is_array(&pair) {
            continue;
        }
        let pair: &Array = pair.unchecked_ref();
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}
