//! JavaScript values <-> JSON. JS -> JSON goes through serde-wasm-bindgen, and only where Rust
//! code asks for a received object as JSON (the npm package never does). JSON -> JS, and the
//! payload handed to `MidtransNew3ds`, are built with js-sys directly: a few hundred bytes,
//! where serde-wasm-bindgen's serializer would bring serde's error formatting (BENCHMARKS.md
//! has the measured cost).

#[allow(unused_imports)]
use crate::domain::prelude::*;

use js_sys::{Array, Object};
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::jsval::set;

/// A JS value as JSON: `None` when it holds what JSON cannot (a symbol, a function...).
#[cfg(feature = "midtrans")]
pub(crate) fn js_to_json(v: &JsValue) -> Option<Value> {
    serde_wasm_bindgen::from_value(v.clone()).ok()
}

/// A JS value as JSON, in the npm package's build (which links no serde-wasm-bindgen and never
/// asks for JSON): through `JSON.stringify`.
#[cfg(not(feature = "midtrans"))]
pub(crate) fn js_to_json(v: &JsValue) -> Option<Value> {
    let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// A JSON value as a plain JS value (objects as plain objects).
pub(crate) fn json_to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(json_to_js).collect::<Array>().into(),
        Value::Object(m) => {
            let o = Object::new();
            for (k, x) in m {
                set(&o, k, &json_to_js(x));
            }
            o.into()
        }
    }
}

/// String fields as a fresh plain object (the library mutates what it is given).
pub(crate) fn payload(fields: &[(&'static str, String)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        set(&o, k, &JsValue::from_str(v));
    }
    o
}
