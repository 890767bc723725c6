//! Finding or loading Midtrans's script (`midtrans-new-3ds.min.js`) and its `MidtransNew3ds`.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlScriptElement};

use super::error::Error;
use super::listener::Listener;
use super::oneshot::{channel, Settled};
use super::sys::Lib;
use super::timer::Timeout;
use crate::domain::ErrorCode;

/// The id the library itself looks up (and that merchants' pages already use).
pub(crate) const SCRIPT_ID: &str = "midtrans-script";

/// The page's `MidtransNew3ds`, when it is there and looks like the library.
pub(crate) fn find() -> Option<Lib> {
    let lib = Reflect::get(&js_sys::global(), &JsValue::from_str("MidtransNew3ds")).ok()?;
    let has = |name: &str| Reflect::get(&lib, &JsValue::from_str(name)).is_ok_and(|f| f.is_function());
    (lib.is_object() && has("getCardToken") && has("authenticate")).then(|| lib.unchecked_into())
}

/// What to load.
pub(crate) struct Script<'a> {
    /// The script URL.
    pub(crate) src: &'a str,
    /// `data-environment`.
    pub(crate) environment: &'a str,
    /// `data-client-key`.
    pub(crate) client_key: &'a str,
    /// How long to wait.
    pub(crate) timeout_ms: u32,
}

/// Reuses the page's `MidtransNew3ds`, or waits for an existing `#midtrans-script`, or injects
/// the script tag as Midtrans documents it; fails with `sdk_load_failed` on error or timeout.
pub(crate) async fn load(script: &Script<'_>) -> Result<Lib, Error> {
    if let Some(lib) = find() {
        return Ok(lib);
    }
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| {
        Error::new(ErrorCode::SdkNotLoaded).with_message("No document to load Midtrans into.")
    })?;
    let (element, injected) = match existing(&document) {
        Some(el) => (el, false),
        None => (inject(&document, script)?, true),
    };
    let (tx, rx) = channel();
    let on_load = {
        let tx = tx.clone();
        Listener::new(&element, "load", false, move |_| {
            tx.send(Settled::Success(JsValue::UNDEFINED));
        })
    };
    let on_error = {
        let tx = tx.clone();
        Listener::new(&element, "error", false, move |_| {
            tx.send(Settled::Failure(JsValue::UNDEFINED));
        })
    };
    let timer = Timeout::new(script.timeout_ms, move || {
        tx.send(Settled::TimedOut);
    });
    let settled = rx.await;
    drop((on_load, on_error, timer));
    if let Some(lib) = find() {
        return Ok(lib);
    }
    if injected {
        // Let a later load() try again from scratch.
        element.remove();
    }
    let why = match settled {
        Settled::TimedOut => "The Midtrans script did not load in time.",
        Settled::Failure(_) => {
            "The Midtrans script failed to load (network, 404 or Content-Security-Policy)."
        }
        _ => "The Midtrans script loaded but defined no MidtransNew3ds.",
    };
    Err(Error::new(ErrorCode::SdkLoadFailed).with_message(why))
}

fn existing(document: &Document) -> Option<HtmlScriptElement> {
    document.get_element_by_id(SCRIPT_ID)?.dyn_into().ok()
}

fn inject(document: &Document, script: &Script<'_>) -> Result<HtmlScriptElement, Error> {
    let fail =
        |_| Error::new(ErrorCode::SdkLoadFailed).with_message("Could not add the Midtrans script tag.");
    let el: HtmlScriptElement = document.create_element("script").map_err(fail)?.unchecked_into();
    el.set_id(SCRIPT_ID);
    el.set_type("text/javascript");
    let _ = el.set_attribute("data-environment", script.environment);
    let _ = el.set_attribute("data-client-key", script.client_key);
    // Through Reflect, which reports a throwing setter: where the page enforces Trusted Types
    // (`require-trusted-types-for 'script'`) and no policy allows the URL, `src = url` throws.
    Reflect::set(&el, &JsValue::from_str("src"), &JsValue::from_str(script.src)).map_err(|_| {
        Error::new(ErrorCode::SdkLoadFailed).with_message(
            "The page refused the Midtrans script's URL (Trusted Types: require-trusted-types-for 'script').",
        )
    })?;
    let parent = document.head().map(web_sys::HtmlElement::from).or_else(|| document.body());
    match parent {
        Some(p) => p.append_child(&el).map_err(fail)?,
        None => return Err(fail(JsValue::NULL)),
    };
    Ok(el)
}
