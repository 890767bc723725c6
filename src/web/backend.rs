//! Calls to the merchant's backend (gloo-net over `fetch`): POST JSON, read JSON (or text).

use gloo_net::http::Request;
use js_sys::{Object, JSON};
use wasm_bindgen::JsValue;
use web_sys::RequestCredentials;

use super::error::Failure;
use crate::domain::ErrorCode;

/// The backend's answer: HTTP status and the body, parsed as JSON when it is JSON.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The parsed body (or the text, or `null` when empty).
    pub body: JsValue,
}

/// POSTs `body` as JSON. Network failures (offline, CORS, DNS) give `network_error`.
pub async fn post_json(
    url: &str,
    body: &Object,
    headers: &[(String, String)],
    credentials: RequestCredentials,
) -> Result<Answer, Failure> {
    let json = JSON::stringify(body).ok().and_then(|s| s.as_string()).unwrap_or_default();
    let mut req = Request::post(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .credentials(credentials);
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let network = |_| Failure::new(ErrorCode::NetworkError);
    let resp = req.body(json).map_err(network)?.send().await.map_err(network)?;
    let status = resp.status();
    let text = resp.text().await.map_err(network)?;
    let body = if text.trim().is_empty() {
        JsValue::NULL
    } else {
        JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str(&text))
    };
    Ok(Answer { status, body })
}
