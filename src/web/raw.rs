//! Midtrans's objects as received, in the platform's own form. In a browser that is the
//! JavaScript object itself: the typed fields are read off it one by one, it goes back to
//! JavaScript as it came, and it becomes JSON (through serde-wasm-bindgen) only when Rust code
//! asks for the fields that have no typed home (`extra()`, `Error::response()`, serde). On other
//! targets (nothing is ever received there, but values can be deserialized) it is JSON.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use serde_json::Value;

/// An object (or, for a backend's body, any value) as received.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    #[cfg(target_arch = "wasm32")]
    js: wasm_bindgen::JsValue,
    #[cfg(not(target_arch = "wasm32"))]
    json: Value,
}

/// A `status_code`-like value as text: strings as they are, integers in decimal.
#[cfg(not(target_arch = "wasm32"))]
fn status_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_u64().map(crate::domain::digits::decimal),
        _ => None,
    }
}

#[cfg(target_arch = "wasm32")]
impl Raw {
    /// A value received from JavaScript.
    pub(crate) fn js(js: wasm_bindgen::JsValue) -> Raw {
        Raw { js }
    }

    /// From JSON (serde's way in).
    pub(crate) fn from_json(v: &Value) -> Raw {
        Raw { js: super::convert::json_to_js(v) }
    }

    /// The text of field `key` (a string, or an integer in decimal).
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        super::jsval::field_text(&self.js, key)
    }

    /// The strings of the array in field `key` (empty when it is not an array).
    pub(crate) fn strings(&self, key: &str) -> Vec<String> {
        super::jsval::string_list(&super::jsval::get(&self.js, key))
    }

    /// Whether there is nothing (`null` / `undefined`).
    pub(crate) fn is_nothing(&self) -> bool {
        self.js.is_null() || self.js.is_undefined()
    }

    /// As JSON (`null` for what JSON cannot hold).
    pub(crate) fn to_json(&self) -> Value {
        super::convert::js_to_json(&self.js).unwrap_or(Value::Null)
    }

    /// As a JavaScript value.
    pub(crate) fn to_js(&self) -> wasm_bindgen::JsValue {
        self.js.clone()
    }

    /// A fresh plain object: the received fields, then `fields` written over them, then
    /// `verifiedByBackend: false` (the browser cannot verify a payment).
    #[cfg(feature = "js")]
    pub(crate) fn js_with(&self, fields: &[(&str, &str)]) -> wasm_bindgen::JsValue {
        use wasm_bindgen::{JsCast, JsValue};
        let out = js_sys::Object::new();
        if self.js.is_object() {
            js_sys::Object::assign(&out, self.js.unchecked_ref());
        }
        for (k, v) in fields {
            super::jsval::set(&out, k, &JsValue::from_str(v));
        }
        super::jsval::set(&out, "verifiedByBackend", &JsValue::FALSE);
        out.into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Raw {
    /// From JSON (serde's way in).
    pub(crate) fn from_json(v: &Value) -> Raw {
        Raw { json: v.clone() }
    }

    /// The text of field `key` (a string, or an integer in decimal).
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        self.json.get(key).and_then(status_text)
    }

    /// The strings of the array in field `key` (empty when it is not an array).
    pub(crate) fn strings(&self, key: &str) -> Vec<String> {
        match self.json.get(key) {
            Some(Value::Array(list)) => list.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether there is nothing (`null`).
    pub(crate) fn is_nothing(&self) -> bool {
        self.json.is_null()
    }

    /// As JSON.
    pub(crate) fn to_json(&self) -> Value {
        self.json.clone()
    }
}
