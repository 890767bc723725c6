//! Raw bindings: the crate's only `extern` blocks (Midtrans's library for the flow; the npm
//! package's JS snippets for the `js` adapter).

#[cfg(feature = "flow")]
use js_sys::Object;
#[cfg(any(feature = "flow", feature = "js"))]
use wasm_bindgen::prelude::*;

#[cfg(feature = "flow")]
#[wasm_bindgen]
extern "C" {
    /// Midtrans's `MidtransNew3ds` object (version 1.1 or 1.2).
    #[derive(Clone, Debug)]
    pub(crate) type Lib;

    /// `MidtransNew3ds.getCardToken(cardData, options)`.
    #[wasm_bindgen(method, catch, structural, js_name = getCardToken)]
    pub(crate) fn get_card_token(this: &Lib, card: &Object, options: &Object) -> Result<(), JsValue>;

    /// `MidtransNew3ds.registerCard(cardData, options)` (absent in 1.1).
    #[wasm_bindgen(method, catch, structural, js_name = registerCard)]
    pub(crate) fn register_card(this: &Lib, card: &Object, options: &Object) -> Result<(), JsValue>;

    /// `MidtransNew3ds.authenticate(redirectUrl, options)`.
    #[wasm_bindgen(method, catch, structural)]
    pub(crate) fn authenticate(this: &Lib, url: &str, options: &Object) -> Result<(), JsValue>;

    /// `MidtransNew3ds.redirect(redirectUrl, options)`.
    #[wasm_bindgen(method, catch, structural)]
    pub(crate) fn redirect(this: &Lib, url: &str, options: &Object) -> Result<(), JsValue>;

    /// `MidtransNew3ds.url = ...`: used verbatim as the endpoint by getCardToken/registerCard.
    #[wasm_bindgen(method, structural, setter, js_name = url)]
    pub(crate) fn set_url(this: &Lib, url: &str);

    /// `MidtransNew3ds.clientKey = ...`: used instead of the script tag's `data-client-key`.
    #[wasm_bindgen(method, structural, setter, js_name = clientKey)]
    pub(crate) fn set_client_key(this: &Lib, key: &str);
}

#[cfg(feature = "flow")]
#[wasm_bindgen(module = "/src/web/dom.js")]
extern "C" {
    /// `[promise, resolve, reject]` for one adapter call (web/bridge.rs).
    #[cfg(feature = "js")]
    pub(crate) fn deferred() -> js_sys::Array;

    /// Calls `f` on the next microtask (web/bridge.rs).
    #[cfg(feature = "js")]
    pub(crate) fn microtask(f: &js_sys::Function);

    /// The page's `window`, `None` outside one (see dom.js).
    #[wasm_bindgen(js_name = pageWindow)]
    pub(crate) fn window() -> Option<web_sys::Window>;

    /// Appends Midtrans's `<script>` to `doc` (see dom.js); throws where Trusted Types refuse `src`.
    #[wasm_bindgen(catch, js_name = scriptTag)]
    pub(crate) fn script_tag(
        doc: &web_sys::Document,
        src: &str,
        environment: &str,
        client_key: &str,
        integrity: &str,
        nonce: &str,
        policy: &JsValue,
    ) -> Result<web_sys::HtmlScriptElement, JsValue>;

    /// A hidden about:blank `<iframe>` appended to `doc`.
    #[wasm_bindgen(js_name = tokenFrame)]
    pub(crate) fn token_frame(doc: &web_sys::Document) -> web_sys::HtmlIFrameElement;

    /// The page's own `#midtrans-script` as `[src, integrity, nonce]`, or `null`.
    #[wasm_bindgen(js_name = pageScript)]
    pub(crate) fn page_script(doc: &web_sys::Document) -> Option<js_sys::Array>;

    /// The 3DS popup's nodes, appended to `parent`: `[overlay, dialog, iframe, button or null]`
    /// (see dom.js); throws where the page refuses a step.
    #[wasm_bindgen(catch, js_name = popupTree)]
    pub(crate) fn popup_tree(
        doc: &web_sys::Document,
        parent: &web_sys::HtmlElement,
        prefix: &str,
        title: &str,
        close_label: &str,
        url: &str,
        closable: bool,
    ) -> Result<js_sys::Array, JsValue>;

    /// Adopts a stylesheet of `css`, each `$` replaced by `prefix`; `undefined` when refused.
    #[wasm_bindgen(js_name = adoptSheet)]
    pub(crate) fn adopt_sheet(doc: &web_sys::Document, css: &str, prefix: &str) -> JsValue;

    /// Un-adopts a sheet [`adopt_sheet`] adopted.
    #[wasm_bindgen(js_name = dropSheet)]
    pub(crate) fn drop_sheet(doc: &web_sys::Document, sheet: &JsValue);

    /// `fetch(url, { method: 'POST', headers, credentials, body, signal })`, then `done` with
    /// `[status, text]`, or `null` when it failed (see dom.js); throws where `fetch` is missing.
    #[wasm_bindgen(catch)]
    pub(crate) fn post(
        url: &str,
        headers: &web_sys::Headers,
        credentials: &str,
        body: &JsValue,
        signal: &web_sys::AbortSignal,
        done: &js_sys::Function,
    ) -> Result<(), JsValue>;

    /// The `createScriptURL` of a token frame's `default` policy: `src` itself, or a URL starting
    /// with `prefix`; `null` for any other (see dom.js).
    #[wasm_bindgen(js_name = allowOnly)]
    pub(crate) fn allow_only(src: &str, prefix: &str) -> JsValue;

    /// A Trusted Types policy with `createScriptURL`; `undefined` without Trusted Types.
    #[wasm_bindgen(catch, js_name = createPolicy)]
    pub(crate) fn create_policy(
        win: &JsValue,
        name: &str,
        create_script_url: &JsValue,
    ) -> Result<JsValue, JsValue>;
}

#[cfg(all(feature = "flow", feature = "js"))]
#[wasm_bindgen(module = "/src/web/error.js")]
extern "C" {
    /// The `MidtransCardError` class (an `Error` subclass).
    pub(crate) type MidtransCardErrorClass;

    /// `new MidtransCardError(code, message, details)`.
    #[wasm_bindgen(constructor, js_class = "MidtransCardError")]
    pub(crate) fn new(code: &str, message: &str, details: &JsValue) -> MidtransCardErrorClass;
}

#[cfg(feature = "js")]
#[wasm_bindgen(module = "/src/web/glue.js")]
extern "C" {
    /// The browser's local month as `year * 100 + month` (the validators' cache, shared).
    #[wasm_bindgen(js_name = localMonth)]
    pub(crate) fn local_month() -> u32;

    /// A value as text, by web/jsval.rs's rules (see glue.js `text`); `None`: not text.
    #[cfg(feature = "flow")]
    pub(crate) fn text(v: &JsValue) -> Option<alloc::string::String>;
}
