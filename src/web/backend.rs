//! The call to the merchant's backend: POST JSON, read JSON (or text), within a timeout, with an
//! `Idempotency-Key` per attempt.
//!
//! Two transports for the same request, measured in BENCHMARKS.md: gloo-net for a Rust app (no
//! `js` feature; such apps usually link it anyway), and `fetch` through one dom.js function for
//! the npm package (`js`), where gloo-net's URL handling and the `http` crate would be ours alone
//! to pay for. The headers, the body, the timeout and the reading of the answer are this module's
//! in both.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

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

/// What to send.
pub(crate) struct Request<'a> {
    /// The charge endpoint.
    pub(crate) url: &'a str,
    /// The JSON body (an object).
    pub(crate) body: &'a js_sys::Object,
    /// The merchant's extra headers.
    pub(crate) headers: &'a [(String, String)],
    /// `fetch` credentials.
    pub(crate) credentials: Credentials,
    /// How long to wait for the answer.
    pub(crate) timeout_ms: u32,
}

fn network(_: impl Sized) -> Error {
    Error::new(ErrorCode::NetworkError)
}

/// A fresh key for one charge attempt (a random UUID): the backend forwards it to Midtrans's
/// charge as `Idempotency-Key`, so a retried request cannot charge twice. `None` without Web
/// Crypto (a page that is not a secure context: payment pages are https).
fn idempotency_key() -> Option<String> {
    super::sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid())
}

/// POSTs the body as JSON. Failures to reach the backend (offline, CORS, DNS, a URL `fetch`
/// refuses) give `network_error`; no answer within the timeout gives `timeout` (the request is
/// aborted); a header the browser refuses gives `invalid_options`.
pub(crate) async fn post_json(request: &Request<'_>) -> Result<Answer, Error> {
    // Built by hand: gloo-net's own `header()` throws on a name the browser refuses.
    let headers = web_sys::Headers::new().map_err(network)?;
    headers.set("Content-Type", "application/json").map_err(network)?;
    headers.set("Accept", "application/json").map_err(network)?;
    if !request.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("idempotency-key")) {
        if let Some(key) = idempotency_key() {
            headers.set("Idempotency-Key", &key).map_err(network)?;
        }
    }
    for (k, v) in request.headers {
        headers.set(k, v).map_err(|_| {
            Error::new(ErrorCode::InvalidOptions).with_message("A header name or value the browser refuses.")
        })?;
    }
    let json = js_sys::JSON::stringify(request.body).map_err(network)?;
    // The browser aborts the request once the wait is over (`AbortSignal.timeout`).
    let signal = AbortSignal::timeout_with_u32(request.timeout_ms);
    let sent = send(request.url, headers, request.credentials, json.into(), &signal).await;
    let (status, text) = sent.map_err(|e| {
        if signal.aborted() {
            Error::new(ErrorCode::Timeout).with_message("Your backend did not answer the charge in time.")
        } else {
            e
        }
    })?;
    let body = if crate::domain::utf8::trim(&text).is_empty() {
        JsValue::NULL
    } else {
        js_sys::JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str(&text))
    };
    Ok(Answer { status, body: Raw::js(body) })
}

/// POSTs `body` with `headers`; the status and the text of the answer.
#[cfg(all(feature = "midtrans", not(feature = "js")))]
async fn send(
    url: &str,
    headers: web_sys::Headers,
    credentials: Credentials,
    body: JsValue,
    signal: &AbortSignal,
) -> Result<(u16, String), Error> {
    use gloo_net::http::{Headers, Request};
    let credentials = match credentials {
        Credentials::Omit => web_sys::RequestCredentials::Omit,
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
    };
    let response = Request::post(url)
        .headers(Headers::from_raw(headers))
        .credentials(credentials)
        .abort_signal(Some(signal))
        .body(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    let text = response.text().await.map_err(network)?;
    Ok((response.status(), text))
}

/// POSTs `body` with `headers`; the status and the text of the answer: `fetch` through one dom.js
/// function (the npm package's build, without gloo-net; smaller than web-sys's `Request`,
/// `RequestInit` and `Response` bindings).
#[cfg(any(feature = "js", not(feature = "midtrans")))]
async fn send(
    url: &str,
    headers: web_sys::Headers,
    credentials: Credentials,
    body: JsValue,
    signal: &AbortSignal,
) -> Result<(u16, String), Error> {
    use super::oneshot::{channel, Settled};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let credentials = match credentials {
        Credentials::Omit => "omit",
        Credentials::SameOrigin => "same-origin",
        Credentials::Include => "include",
    };
    // The answer comes to a callback of the type every other callback of the flow has (no
    // second way of awaiting a Promise is linked); the closure lives until it has been called.
    let (tx, rx) = channel();
    let done = Closure::<dyn FnMut(JsValue)>::new(move |answer: JsValue| {
        tx.send(Settled::Success(answer));
    });
    super::sys::post(url, &headers, credentials, &body, signal, done.as_ref().unchecked_ref())
        .map_err(network)?;
    let Settled::Success(answer) = rx.await else { return Err(network(())) };
    drop(done);
    if !js_sys::Array::is_array(&answer) {
        return Err(network(()));
    }
    let answer: js_sys::Array = answer.unchecked_into();
    let status = answer.get(0).as_f64().map_or(0, |s| s as u16);
    Ok((status, answer.get(1).as_string().unwrap_or_default()))
}
