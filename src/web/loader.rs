//! Finding or loading Midtrans's script (`midtrans-new-3ds.min.js`) and its `MidtransNew3ds`,
//! in the page and in the throwaway frame each token request runs in.
//!
//! Why the frame: the library requests a token with a JSONP `<script>` whose URL holds the card
//! number, CVV and expiry. Removing that tag afterwards does not remove the request from the
//! page's Resource Timing timeline (`performance.getEntriesByType('resource')`, and every
//! `PerformanceObserver` the page's monitoring scripts registered, which receive the entry when
//! the request ends, so clearing the buffer afterwards would be too late and would also drop
//! every other entry those scripts have not read yet). A request made by a script of another
//! document lands in that document's timeline instead: each token call loads the library into a
//! hidden same-origin frame (from the HTTP cache after the first time), makes its request there,
//! and removes the frame, whose timeline, JSONP tag, callback slot and retained card object go
//! with it. See the repository's `docs/security.md`.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use core::cell::Cell;

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, EventTarget, HtmlIFrameElement, HtmlScriptElement};

use super::error::Error;
use super::listener::Listener;
use super::local::Local;
use super::oneshot::{channel, Settled};
use super::sys::{self, Lib};
use super::timer::Timeout;
use crate::domain::ErrorCode;

/// The id the library itself looks up (and that merchants' pages already use).
pub(crate) const SCRIPT_ID: &str = "midtrans-script";

/// The name of the package's own Trusted Types policy (the page's CSP must allow it).
pub(crate) const POLICY_NAME: &str = "midtrans-card";

/// The page's `midtrans-card` policy, created once (a second `createPolicy` of the same
/// name throws).
static POLICY: Local<Cell<Option<JsValue>>> = Local::new(Cell::new(None));

/// What to load, and how.
pub(crate) struct Script {
    /// The script URL.
    pub(crate) src: String,
    /// `data-environment`.
    pub(crate) environment: &'static str,
    /// `data-client-key`.
    pub(crate) client_key: String,
    /// Subresource Integrity metadata for the tag (`""`: none).
    pub(crate) integrity: String,
    /// The CSP nonce for the tag (`""`: none).
    pub(crate) nonce: String,
    /// Set the URLs through Trusted Types policies.
    pub(crate) trusted_types: bool,
}

/// `global.MidtransNew3ds`, when it is there and looks like the library.
fn find_in(global: &JsValue) -> Option<Lib> {
    let lib = Reflect::get(global, &JsValue::from_str("MidtransNew3ds")).ok()?;
    let has = |name: &str| Reflect::get(&lib, &JsValue::from_str(name)).is_ok_and(|f| f.is_function());
    (lib.is_object() && has("getCardToken") && has("authenticate")).then(|| lib.unchecked_into())
}

/// The page's `MidtransNew3ds`, when it is there and looks like the library.
pub(crate) fn find() -> Option<Lib> {
    sys::window().and_then(|w| find_in(&w))
}

fn load_failed(why: &'static str) -> Error {
    Error::new(ErrorCode::SdkLoadFailed).with_message(why)
}

fn document() -> Result<Document, Error> {
    sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Error::new(ErrorCode::SdkNotLoaded).with_message("No document to load Midtrans into."))
}

/// Where the page's own `#midtrans-script` loads the library from, with its `integrity` and
/// `nonce`.
pub(crate) struct PageScript {
    pub(crate) src: String,
    pub(crate) integrity: String,
    pub(crate) nonce: String,
}

/// The page's own `#midtrans-script`, when it has one with a `src`.
pub(crate) fn page_script() -> Option<PageScript> {
    let parts = sys::page_script(&document().ok()?)?;
    let part = |i| parts.get(i).as_string().unwrap_or_default();
    Some(PageScript { src: part(0), integrity: part(1), nonce: part(2) })
}

/// Reuses the page's `MidtransNew3ds`, or waits for an existing `#midtrans-script`, or injects
/// the script tag as Midtrans documents it; fails with `sdk_load_failed` on error or timeout.
pub(crate) async fn load(script: &Script, timeout_ms: u32) -> Result<Lib, Error> {
    if let Some(lib) = find() {
        return Ok(lib);
    }
    let document = document()?;
    let (element, injected) = match document.get_element_by_id(SCRIPT_ID) {
        Some(el) => (el.unchecked_into::<HtmlScriptElement>(), false),
        None => (inject(&document, script, &page_policy(script)?)?, true),
    };
    let settled = wait(&element, timeout_ms).await;
    if let Some(lib) = find() {
        return Ok(lib);
    }
    if injected {
        // Let a later load() try again from scratch.
        element.remove();
    }
    Err(failure(&settled))
}

/// Waits for the script's `load` or `error` event, or `timeout_ms`.
async fn wait(element: &EventTarget, timeout_ms: u32) -> Settled {
    let (tx, rx) = channel();
    let on = |kind, value: fn() -> Settled| {
        let tx = tx.clone();
        Listener::new(element, kind, false, move |_| {
            tx.send(value());
        })
    };
    let guards = (
        on("load", || Settled::Success(JsValue::UNDEFINED)),
        on("error", || Settled::Failure(JsValue::UNDEFINED)),
        Timeout::new(timeout_ms, move || {
            tx.send(Settled::TimedOut);
        }),
    );
    let settled = rx.await;
    drop(guards);
    settled
}

fn failure(settled: &Settled) -> Error {
    load_failed(match settled {
        Settled::TimedOut => "The Midtrans script did not load in time.",
        Settled::Failure(_) => {
            "The Midtrans script failed to load (network, 404, Content-Security-Policy or integrity)."
        }
        _ => "The Midtrans script loaded but defined no MidtransNew3ds.",
    })
}

/// The page's `midtrans-card` policy when Trusted Types are asked for (`undefined` otherwise,
/// or where the browser has none). It passes the URL through: only this module holds it, and
/// only for the configured script URL.
fn page_policy(script: &Script) -> Result<JsValue, Error> {
    if !script.trusted_types {
        return Ok(JsValue::UNDEFINED);
    }
    if let Some(p) = POLICY.update(|p| p.clone()) {
        return Ok(p);
    }
    let global: JsValue = sys::window().map_or(JsValue::UNDEFINED, Into::into);
    let identity = Reflect::get(&global, &JsValue::from_str("String")).unwrap_or(JsValue::UNDEFINED);
    let policy = sys::create_policy(&global, POLICY_NAME, &identity).map_err(|_| refused_policy())?;
    POLICY.with(|p| p.set(Some(policy.clone())));
    Ok(policy)
}

fn refused_policy() -> Error {
    load_failed(
        "The page's Content-Security-Policy does not allow the Trusted Types policies midtrans-card and default (trusted-types midtrans-card default).",
    )
}

fn inject(document: &Document, script: &Script, policy: &JsValue) -> Result<HtmlScriptElement, Error> {
    sys::script_tag(
        document,
        &script.src,
        script.environment,
        &script.client_key,
        &script.integrity,
        &script.nonce,
        policy,
    )
    .map_err(|_| {
        load_failed(if script.trusted_types {
            "The page refused the Midtrans script's URL."
        } else {
            "The page refused the Midtrans script's URL (Trusted Types: load with trustedTypes: true)."
        })
    })
}

/// The frame element; removed on drop.
struct Frame(HtmlIFrameElement);

impl Drop for Frame {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// A hidden same-origin frame holding its own copy of the library, for one token or
/// registration request (see the module docs); removed on drop.
#[must_use = "dropping the frame removes it, its request and its timeline"]
pub(crate) struct TokenFrame {
    frame: Frame,
    /// The frame's `MidtransNew3ds`.
    pub(crate) lib: Lib,
}

impl TokenFrame {
    /// Loads the library into a new frame (within `timeout_ms`). Where Trusted Types are asked
    /// for, the frame gets a `default` policy allowing exactly the script URL and `endpoint`,
    /// the library's JSONP request (the frame is new, so it has no default policy of its own).
    pub(crate) async fn open(script: &Script, endpoint: &str, timeout_ms: u32) -> Result<TokenFrame, Error> {
        let frame = Frame(sys::token_frame(&document()?));
        let (Some(win), Some(doc)) = (frame.0.content_window(), frame.0.content_document()) else {
            return Err(load_failed("The token frame could not be created."));
        };
        let win = JsValue::from(win);
        if script.trusted_types {
            // These two URLs and no other: the policy compares in JavaScript (dom.js
            // `allowOnly`), so the JSONP URL, which holds the card data, never reaches wasm.
            let allow = sys::allow_only(&script.src, endpoint);
            sys::create_policy(&win, "default", &allow).map_err(|_| refused_policy())?;
        }
        let tag = inject(&doc, script, &JsValue::UNDEFINED)?;
        let settled = wait(&tag, timeout_ms).await;
        match (find_in(&win), settled) {
            (Some(lib), _) => Ok(TokenFrame { frame, lib }),
            (None, Settled::TimedOut) => Err(Error::new(ErrorCode::Timeout)),
            (None, settled) => Err(failure(&settled)),
        }
    }

    /// The frame's document, where the library appends its request.
    pub(crate) fn document(&self) -> Option<Document> {
        self.frame.0.content_document()
    }
}
