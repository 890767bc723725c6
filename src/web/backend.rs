//! Calls to the merchant's backend over `fetch`: POST JSON, read JSON (or text).

use js_sys::{Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, Response};

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
    let network = |_| Failure::new(ErrorCode::NetworkError);
    let h = Headers::new().map_err(network)?;
    h.set("Content-Type", "application/json").map_err(network)?;
    h.set("Accept", "application/json").map_err(network)?;
    for (k, v) in headers {
        h.set(k, v).map_err(network)?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&h);
    init.set_credentials(credentials);
    init.set_body(&JSON::stringify(body).map_err(network)?.into());
    let req = Request::new_with_str_and_init(url, &init).map_err(network)?;
    let window = web_sys::window().ok_or_else(|| network(JsValue::NULL))?;
    let resp: Response =
        JsFuture::from(window.fetch_with_request(&req)).await.map_err(network)?.unchecked_into();
    let text =
        JsFuture::from(resp.text().map_err(network)?).await.map_err(network)?.as_string().unwrap_or_default();
    let body = if text.trim().is_empty() {
        JsValue::NULL
    } else {
        JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str(&text))
    };
    Ok(Answer { status: resp.status(), body })
}
