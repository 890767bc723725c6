//! The call to the merchant's backend: POST JSON, read JSON (or text).
//!
//! Two transports for the same request, measured in BENCHMARKS.md: gloo-net for a Rust app (no
//! `js` feature; such apps usually link it anyway), and web-sys `fetch` directly for the npm
//! package (`js`), where gloo-net's URL handling and the `http` crate would be ours alone to pay
//! for.

use wasm_bindgen::JsValue;
use web_sys::RequestCredentials;

use super::error::Error;
use super::options::Credentials;
use super::raw::Raw;
use crate::domain::ErrorCode;

/// The backend's answer: HTTP status and the body, parsed as JSON when it is JSON.
pub(crate) struct Answer {
    /// HTTP status.
    pub(crate) status: u16,
    /// The parsed body, the text when it is not JSON, `null` when empty.
    pub(crate) body: Raw,
}

fn network(_: impl Sized) -> Error {
    Error::new(ErrorCode::NetworkError)
}

/// POSTs `body` (an object) as JSON to `url`. Failures to reach the backend (offline, CORS, DNS, a URL
/// `fetch` refuses) give `network_error`; a header the browser refuses gives `invalid_options`.
pub(crate) async fn post_json(
    url: &str,
    body: &js_sys::Object,
    headers: &[(String, String)],
    credentials: Credentials,
) -> Result<Answer, Error> {
    // Built by hand: gloo-net's own `header()` throws on a name the browser refuses.
    let raw = web_sys::Headers::new().map_err(network)?;
    raw.set("Content-Type", "application/json").map_err(network)?;
    raw.set("Accept", "application/json").map_err(network)?;
    for (k, v) in headers {
        raw.set(k, v).map_err(|_| {
            Error::new(ErrorCode::InvalidOptions).with_message("A header name or value the browser refuses.")
        })?;
    }
    let json = js_sys::JSON::stringify(body).map_err(network)?;
    let credentials = match credentials {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    };
    let (status, text) = send(url, raw, credentials, json.into()).await?;
    let body = if text.trim().is_empty() {
        JsValue::NULL
    } else {
        js_sys::JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str(&text))
    };
    Ok(Answer { status, body: Raw::js(body) })
}

/// POSTs `body` with `headers`; the status and the text of the answer.
#[cfg(not(feature = "js"))]
async fn send(
    url: &str,
    headers: web_sys::Headers,
    credentials: RequestCredentials,
    body: JsValue,
) -> Result<(u16, String), Error> {
    use gloo_net::http::{Headers, Request};
    let response = Request::post(url)
        .headers(Headers::from_raw(headers))
        .credentials(credentials)
        .body(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    let text = response.text().await.map_err(network)?;
    Ok((response.status(), text))
}

/// POSTs `body` with `headers`; the status and the text of the answer.
#[cfg(feature = "js")]
async fn send(
    url: &str,
    headers: web_sys::Headers,
    credentials: RequestCredentials,
    body: JsValue,
) -> Result<(u16, String), Error> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Request, RequestInit, Response};
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_credentials(credentials);
    init.set_body(&body);
    let req = Request::new_with_str_and_init(url, &init).map_err(network)?;
    let window = web_sys::window().ok_or_else(|| network(()))?;
    let response: Response =
        JsFuture::from(window.fetch_with_request(&req)).await.map_err(network)?.unchecked_into();
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}
